//! PL203: a vendor component the vendor's own process calls is not exported.
use super::{SourceIndex, class_of, each_push_component, effective_exported};
use crate::catalog::manifest::Exported;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{insert_attribute_after, replace_value};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor component that the vendor's push service (another app) starts or binds is
    /// declared `android:exported="false"`, or has no intent-filter and no `android:exported`,
    /// which makes it private. Components the vendor's SDK reaches from inside the app (the
    /// Xiaomi and vivo message receivers) may be either. Where the vendor's own sources only
    /// suggest an exported component (OPPO's callback services, Meizu's receiver), the finding is
    /// a warning.
    ///
    /// ## Why it matters
    /// Another app cannot reach a component that is not exported: the vendor's service cannot
    /// deliver messages, and pushes for that brand never arrive.
    ///
    /// ## Example
    /// `<service android:name="com.xiaomi.mipush.sdk.PushMessageHandler" android:exported="false" />`.
    ///
    /// ## How to fix
    /// Set `android:exported="true"`; keep any `android:permission` the vendor asks for.
    ///
    /// ## Fix
    /// Safe: sets `android:exported` to `true`, adding the attribute after `android:name` when it is
    /// missing; the vendor's own process calls the component. Unsafe where the vendor's sources only
    /// suggest it (the warnings).
    pub(crate) PUSH_COMPONENT_EXPORTED_MISMATCH {
        code: "PL203",
        name: "push-component-exported-mismatch",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        for (vendor, req, c) in each_push_component(cx, view, &src) {
            if req.exported != Some(Exported::Required) || effective_exported(view, c) != Some(false) {
                continue;
            }
            let mut d = Diagnostic::new(
                &PUSH_COMPONENT_EXPORTED_MISMATCH,
                format!(
                    "the {} `<{}>` `{}` is not exported, but {} calls it from its own process",
                    view.vendor_name(vendor),
                    c.kind.tag(),
                    class_of(c),
                    vendor.display
                ),
            );
            let sure = if req.exported_confirmed { Applicability::Safe } else { Applicability::Unsafe };
            let (d2, edit) = match &c.exported {
                Some(e) => {
                    (d.primary(e.span, "exported set to false here"), Some(replace_value(cx, e.span, "true")))
                }
                None => (
                    d.primary(c.name_span, "no intent-filter and no `android:exported`, so private"),
                    insert_attribute_after(cx, c.name_span, "exported", "true"),
                ),
            };
            d = d2;
            if let Some(edit) = edit {
                d = d.fix(Fix::new(sure, "set `android:exported` to `true`", vec![edit]));
            }
            // Where the vendor's own sources only suggest it, the finding is a warning.
            if !req.exported_confirmed {
                d = d.severity(Severity::Warning);
            }
            out.push(
                d.vendor(&vendor.id)
                    .note(format!(
                        "the {} push service cannot reach a private component, so its pushes are lost",
                        vendor.display
                    ))
                    .help("set `android:exported=\"true\"`"),
            );
        }
    });
}
