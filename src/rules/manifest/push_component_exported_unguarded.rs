//! PL212: a vendor component that need not be exported is exported without a permission guard.
use super::{SourceIndex, class_of, each_push_component, effective_exported};
use crate::catalog::manifest::Exported;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{insert_attribute_after, replace_value};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor component that the vendor declares `android:exported="false"` (FCM, Huawei and
    /// Honor messaging services, Xiaomi's `PingReceiver`, vivo's `LinkProxyClientActivity`) is
    /// exported — explicitly, or by having an intent-filter below targetSdk 31 — and has no
    /// `android:permission`. Android Lint's `tools:ignore="ExportedService"` (or
    /// `ExportedReceiver`) on the component silences it too: the same concern, already decided.
    ///
    /// ## Why it matters
    /// Any installed app can then start it: it can inject fake push messages or tokens, or
    /// trigger the SDK's work. The vendor reaches the component from inside the app, so exporting
    /// it gains nothing.
    ///
    /// ## Example
    /// `<service android:name=".push.FcmService" android:exported="true">` with the
    /// `com.google.firebase.MESSAGING_EVENT` filter.
    ///
    /// ## How to fix
    /// Set `android:exported="false"`.
    ///
    /// ## Fix
    /// Unsafe: sets `android:exported` to `false`, adding the attribute after `android:name` when the
    /// component is exported by its intent-filter. The vendor reaches it from inside the app, but an
    /// app of yours that starts it from outside would stop working.
    pub(crate) PUSH_COMPONENT_EXPORTED_UNGUARDED {
        code: "PL212",
        name: "push-component-exported-unguarded",
        family: Family::Manifest,
        severity: Severity::Warning,
        check,
        fix: Some(Applicability::Unsafe),
        android_lint: &["ExportedService", "ExportedReceiver"],
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        for (vendor, req, c) in each_push_component(cx, view, &src) {
            if req.exported != Some(Exported::Private) || c.permission.is_some() || effective_exported(view, c) != Some(true) {
                continue;
            }
            let mut d = Diagnostic::new(
                &PUSH_COMPONENT_EXPORTED_UNGUARDED,
                format!("the {} `<{}>` `{}` is exported without a permission guard", view.vendor_name(vendor), c.kind.tag(), class_of(c)),
            );
            let edit = match &c.exported {
                Some(e) => Some(replace_value(cx, e.span, "false")),
                None => insert_attribute_after(cx, c.name_span, "exported", "false"),
            };
            d = match &c.exported {
                Some(e) => d.primary(e.span, "exported here"),
                None => d
                    .primary(c.name_span, "exported by its intent-filter")
                    .secondary_opt(view.variant.target_sdk.span(), "targetSdk below 31 set here"),
            };
            if let Some(edit) = edit {
                d = d.fix(Fix::unsafe_edit("set `android:exported` to `false`", edit));
            }
            out.push(
                d.vendor(&vendor.id).note(format!(
                    "the {} SDK reaches it from inside the app; exported, any app can send it fake pushes or tokens",
                    vendor.display
                ))
                .help("set `android:exported=\"false\"`"),
            );
        }
    });
}
