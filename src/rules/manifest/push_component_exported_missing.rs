//! PL213: a vendor component with an intent-filter has no `android:exported` at targetSdk 31+.
use super::{SourceIndex, class_of, each_push_component};
use crate::catalog::manifest::Exported;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::insert_attribute_after;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor component declares an `<intent-filter>` but no `android:exported`, in a variant
    /// whose `targetSdk` is 31 or higher — as the vivo and Meizu receivers and OPPO services of
    /// the 2021–2022 Tencent samples did.
    ///
    /// ## Why it matters
    /// From Android 12 the manifest merger rejects such a component, and an APK built otherwise
    /// fails to install (`INSTALL_PARSE_FAILED_MANIFEST_MALFORMED`).
    ///
    /// ## Example
    /// `targetSdk 33` and `<receiver android:name=".push.VivoReceiver"><intent-filter>…</intent-filter></receiver>`.
    ///
    /// ## How to fix
    /// Add `android:exported` with the value the help gives.
    ///
    /// ## Fix
    /// Safe: adds `android:exported` after `android:name`, with the value the vendor declares the
    /// component with: `true` where its own process calls the component, `false` where the SDK
    /// reaches it from inside the app. Unsafe where either value works for the vendor (`false`
    /// is written) or where its sources only suggest `true`.
    pub(crate) PUSH_COMPONENT_EXPORTED_MISSING {
        code: "PL213",
        name: "push-component-exported-missing",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(level) = view.variant.target_sdk_level() else { return };
        if level < 31 {
            return;
        }
        let src = SourceIndex::of(cx, view);
        for (vendor, req, c) in each_push_component(cx, view, &src) {
            if c.exported.is_some() || c.filters.is_empty() {
                continue;
            }
            let help = match req.exported {
                Some(Exported::Required) => "add `android:exported=\"true\"`".to_string(),
                Some(Exported::Either) => format!(
                    "add `android:exported`: either value works for {}, and `\"false\"` keeps it private",
                    vendor.display
                ),
                _ => "add `android:exported=\"false\"`".to_string(),
            };
            let fix = match req.exported {
                Some(Exported::Required) if req.exported_confirmed => Some(("true", Applicability::Safe)),
                Some(Exported::Required) => Some(("true", Applicability::Unsafe)),
                Some(Exported::Private) => Some(("false", Applicability::Safe)),
                Some(Exported::Either) => Some(("false", Applicability::Unsafe)),
                None => None,
            }
            .and_then(|(value, sure)| {
                let edit = insert_attribute_after(cx, c.name_span, "exported", value)?;
                Some(Fix::new(sure, format!("add `android:exported=\"{value}\"`"), vec![edit]))
            });
            out.push(
                Diagnostic::new(
                    &PUSH_COMPONENT_EXPORTED_MISSING,
                    format!(
                        "the {} `<{}>` `{}` has an intent-filter but no `android:exported`",
                        view.vendor_name(vendor),
                        c.kind.tag(),
                        class_of(c)
                    ),
                )
                .primary(c.name_span, "declared without `android:exported`")
                .vendor(&vendor.id)
                .secondary_opt(view.variant.target_sdk.span(), format!("targetSdk {level} set here"))
                .note("from targetSdk 31 the merger fails and the APK does not install")
                .help(help)
                .fix_opt(fix),
            );
        }
    });
}
