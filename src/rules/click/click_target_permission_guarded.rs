//! PL111: the click target is guarded by a permission where the vendor forbids it.
use super::targets;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::delete_attribute;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The activity a click action opens carries `android:permission`, for a vendor whose
    /// documentation requires the click target to be unguarded (Huawei).
    ///
    /// ## Why it matters
    /// The vendor's push service does not hold the app's permission, so it cannot start the
    /// activity: the tap opens nothing.
    ///
    /// ## Example
    /// `<activity android:name=".ui.ChatActivity" android:permission="com.acme.chat.permission.OPEN">`
    /// named by a Huawei click action.
    ///
    /// ## How to fix
    /// Remove `android:permission` from the click target, or open a different, unguarded activity.
    ///
    /// ## Fix
    /// Unsafe: removes `android:permission` from the activity. Any app can then start it, so
    /// check that it does not rely on the guard; opening another activity may be the better repair.
    pub(crate) CLICK_TARGET_PERMISSION_GUARDED {
        code: "PL111",
        name: "click-target-permission-guarded",
        family: Family::Click,
        severity: Severity::Warning,
        check,
        fix: Some(Applicability::Unsafe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        for (activity, uses) in targets(cx, view) {
            let uses: Vec<_> = uses.into_iter().filter(|u| u.vendor.click.target_must_be_unguarded).collect();
            let Some(first) = uses.first() else { continue };
            let Some(permission) = &activity.permission else { continue };
            let mut d = Diagnostic::new(
                &CLICK_TARGET_PERMISSION_GUARDED,
                format!(
                    "click target `{}` is guarded by a permission, which {} does not allow",
                    activity.name.as_deref().unwrap_or(&activity.raw_name),
                    first.vendor.display
                ),
            )
            .primary(permission.span, "permission required here")
            .fix_opt(
                delete_attribute(cx, permission.span)
                    .map(|e| Fix::unsafe_edit("remove `android:permission` from the click target", e)),
            );
            for u in &uses {
                d = d.vendor(&u.vendor.id).secondary(u.span, u.label.clone());
            }
            out.push(
                d.note(
                    "the vendor's push service does not hold this permission and cannot start the activity",
                )
                .help("remove `android:permission` from the click target"),
            );
        }
    });
}
