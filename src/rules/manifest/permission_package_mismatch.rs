//! PL207: a vendor permission name hard-codes a package other than the variant's applicationId.
use super::{APPLICATION_ID, hard_coded_package, known_permissions, permission_names};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::replace_value;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A `<permission>`, `<uses-permission>` or `android:permission` names one of the vendors'
    /// app-package permissions (`<applicationId>.permission.MIPUSH_RECEIVE`,
    /// `<applicationId>.push.permission.MESSAGE`, …) with a literal package that is not the
    /// variant's applicationId — typically the IM demo's `com.tencent.qcloud.tim.tuikit`.
    /// Permissions of the vendors' own system apps have the same shape and are left alone:
    /// `com.xiaomi.xmsf.permission.MIPUSH_RECEIVE` guards MiPush's `PushMessageHandler` as it is.
    ///
    /// ## Why it matters
    /// The vendor's SDK checks the permission named after the installed package. A copied package
    /// makes the app declare and hold someone else's permission: pushes are not delivered, and
    /// installing next to another app that defines it fails (`INSTALL_FAILED_DUPLICATE_PERMISSION`).
    ///
    /// ## Example
    /// applicationId `com.acme.chat` and
    /// `<uses-permission android:name="com.tencent.qcloud.tim.tuikit.permission.MIPUSH_RECEIVE" />`.
    ///
    /// ## How to fix
    /// Write the package as `${applicationId}`, which the manifest merger fills in per variant.
    ///
    /// ## Fix
    /// Safe: writes the package as `${applicationId}`. Variants whose applicationId is the package
    /// written keep the same name; the others get their own.
    pub(crate) PERMISSION_PACKAGE_MISMATCH {
        code: "PL207",
        name: "permission-package-mismatch",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let known = known_permissions(cx);
    cx.per_variant(out, |view, out| {
        let Some(app_id) = view.variant.app_id() else { return };
        for (raw, span, what) in permission_names(cx, view) {
            if raw.contains("${") {
                continue;
            }
            let Some((k, suffix, pkg)) = known.iter().find_map(|k| {
                let suffix = k.app_suffix()?;
                hard_coded_package(&raw, suffix).map(|pkg| (k, suffix, pkg))
            }) else {
                continue;
            };
            // A vendor's system app owns permissions of the same shape (`com.xiaomi.xmsf.permission.
            // MIPUSH_RECEIVE` guards MiPush's own service): those are used as they are.
            if pkg == app_id || cx.catalog.vendors.iter().any(|v| v.manifest.is_system_package(pkg)) {
                continue;
            }
            let template = format!("{APPLICATION_ID}{suffix}");
            out.push(
                Diagnostic::new(
                    &PERMISSION_PACKAGE_MISMATCH,
                    format!(
                        "the {} permission `{raw}` names package `{pkg}`, not the applicationId `{app_id}`",
                        view.vendor_name(k.vendor)
                    ),
                )
                .primary(span, format!("{what} with a hard-coded package"))
                .vendor(&k.vendor.id)
                .secondary_opt(view.variant.application_id.span(), "applicationId set here")
                .note(format!(
                    "the {} SDK checks `{app_id}{suffix}`; this name belongs to another app",
                    k.vendor.display
                ))
                .help(format!("write it as `{template}`"))
                .fix(Fix::safe(format!("use `{template}`"), replace_value(cx, span, &template))),
            );
        }
    });
}
