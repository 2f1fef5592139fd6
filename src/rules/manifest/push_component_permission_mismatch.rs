//! PL204: a vendor component lacks the `android:permission` guard the vendor requires, or has another one.
use super::{SourceIndex, class_of, each_push_component, edit_distance, resolve_app_id};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{insert_attribute_after, replace_value};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor component whose declaration the vendor gives with an `android:permission` guard
    /// (OPPO's callback services, Xiaomi's `XMJobService`) has no such attribute, or a different
    /// permission. Misspellings and hard-coded packages are reported by PL209 and PL207 instead.
    ///
    /// ## Why it matters
    /// OPPO's push service holds exactly the permission it expects the service to require; a job
    /// service without `android.permission.BIND_JOB_SERVICE` is refused by the JobScheduler. A
    /// missing guard also lets any app send fake pushes.
    ///
    /// ## Example
    /// `<service android:name="com.heytap.msp.push.service.DataMessageCallbackService" android:exported="true">` without
    /// `android:permission="com.heytap.mcs.permission.SEND_PUSH_MESSAGE"`.
    ///
    /// ## How to fix
    /// Set `android:permission` to the vendor's permission.
    ///
    /// ## Fix
    /// Safe: sets `android:permission` to the vendor's permission, adding the attribute after
    /// `android:name` when it is missing. The vendor's service holds exactly that permission; with
    /// another guard, or none, it cannot reach the component or anyone can.
    pub(crate) PUSH_COMPONENT_PERMISSION_MISMATCH {
        code: "PL204",
        name: "push-component-permission-mismatch",
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
            let Some(template) = &req.permission else { continue };
            let Some(expected) = resolve_app_id(template, view) else { continue };
            let d = match &c.permission {
                None => Diagnostic::new(
                    &PUSH_COMPONENT_PERMISSION_MISMATCH,
                    format!("the {} `<{}>` `{}` has no `android:permission`; {} requires `{template}`", view.vendor_name(vendor), c.kind.tag(), class_of(c), vendor.display),
                )
.primary(c.name_span, "declared without a permission guard")
                .fix_opt(insert_attribute_after(cx, c.name_span, "permission", template).map(|e| {
                    Fix::safe(format!("add `android:permission=\"{template}\"`"), e)
                })),
                Some(p) => {
                    let Some(actual) = p.value.as_deref() else { continue };
                    if actual == expected {
                        continue;
                    }
                    // A package other than the applicationId (PL207) or a near-miss spelling (PL209).
                    let other_package = template
                        .strip_prefix(super::APPLICATION_ID)
                        .is_some_and(|suffix| actual.ends_with(suffix));
                    if other_package || edit_distance(actual, &expected, 2) <= 2 {
                        continue;
                    }
                    Diagnostic::new(
                        &PUSH_COMPONENT_PERMISSION_MISMATCH,
                        format!("the {} `<{}>` `{}` is guarded by `{actual}`; {} requires `{template}`", view.vendor_name(vendor), c.kind.tag(), class_of(c), vendor.display),
                    )
                    .primary(p.span, "a different permission")
                    .fix(Fix::safe("use the vendor's permission", replace_value(cx, p.span, template)))
                }
            };
            out.push(
                d.vendor(&vendor.id).note(format!("the {} push service reaches this component only under that permission; without it pushes are lost or can be forged", vendor.display))
                    .help(format!("set `android:permission=\"{template}\"`")),
            );
        }
    });
}
