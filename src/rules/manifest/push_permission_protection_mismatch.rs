//! PL217: a vendor's app-package permission is declared with another protection level.
use super::{APPLICATION_ID, hard_coded_package, known_permissions};
use crate::catalog::manifest::protection_flags;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{insert_attribute_after, replace_value};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A `<permission>` defining one of the vendors' own-package permissions has an
    /// `android:protectionLevel` other than the vendor's (`signature` for MiPush and Meizu,
    /// `signatureOrSystem` for Huawei), or none (which means `normal`).
    ///
    /// ## Why it matters
    /// A weaker level lets any installed app obtain the permission and receive or forge the app's
    /// push broadcasts; a stronger one (`signature` where Huawei's system service needs
    /// `signatureOrSystem`) keeps the vendor's own service out.
    ///
    /// ## Example
    /// `<permission android:name="${applicationId}.permission.MIPUSH_RECEIVE" />` without a protection level.
    ///
    /// ## How to fix
    /// Set `android:protectionLevel` to the vendor's value.
    ///
    /// ## Fix
    /// Safe: sets `android:protectionLevel` to the vendor's value, adding the attribute after
    /// `android:name` when it is missing. The permission exists only for the vendor's service, which
    /// holds it at that level.
    pub(crate) PUSH_PERMISSION_PROTECTION_MISMATCH {
        code: "PL217",
        name: "push-permission-protection-mismatch",
        family: Family::Manifest,
        severity: Severity::Warning,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let known = known_permissions(cx);
    cx.per_variant(out, |view, out| {
        for d in &view.merged.permissions {
            let raw = d.raw_name.as_str();
            // The catalog entry: the same `${applicationId}` form, or any package before its suffix.
            let Some((k, level)) = known.iter().find_map(|k| {
                let level = k.protection_level?;
                let suffix = k.app_suffix()?;
                let same = raw == k.name
                    || raw.strip_prefix(APPLICATION_ID) == Some(suffix)
                    || hard_coded_package(raw, suffix).is_some();
                same.then_some((k, level))
            }) else {
                continue;
            };
            let actual = d.protection_level.as_ref().map(|l| l.value.as_str());
            if protection_flags(actual) == protection_flags(Some(level)) {
                continue;
            }
            let message = match actual {
                Some(a) => format!("the {} permission `{raw}` is declared with protection level `{a}`, not `{level}`", view.vendor_name(k.vendor)),
                None => format!(
                    "the {} permission `{raw}` is declared without a protection level (so `normal`), not `{level}`",
                    view.vendor_name(k.vendor)
                ),
            };
            let mut diag = Diagnostic::new(&PUSH_PERMISSION_PROTECTION_MISMATCH, message);
            diag = match &d.protection_level {
                Some(l) => diag
                    .primary(l.span, "protection level set here")
                    .fix(Fix::safe(format!("use `{level}`"), replace_value(cx, l.span, level))),
                None => {
                    let diag = diag.primary(d.name_span, "declared without `android:protectionLevel`");
                    match insert_attribute_after(cx, d.name_span, "protectionLevel", level) {
                        Some(e) => diag.fix(Fix::safe(format!("add `android:protectionLevel=\"{level}\"`"), e)),
                        None => diag,
                    }
                }
            };
            out.push(
                diag.vendor(&k.vendor.id).note("another level lets other apps hold the permission, or keeps the vendor's own service out")
                    .help(format!("set `android:protectionLevel=\"{level}\"`")),
            );
        }
    });
}
