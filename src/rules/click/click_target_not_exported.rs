//! PL106: the click target activity is `android:exported="false"`.
use super::{replace_value, targets};
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The activity a click action opens is declared with `android:exported="false"` in the
    /// merged manifest.
    ///
    /// ## Why it matters
    /// Vendor push services start the click target from their own process; an activity that is not
    /// exported cannot be started by another app, so the tap opens nothing.
    ///
    /// ## Example
    /// `<activity android:name=".ui.ChatActivity" android:exported="false">` named by a Xiaomi
    /// click action.
    ///
    /// ## How to fix
    /// Set `android:exported="true"` on the click target activity.
    pub(crate) CLICK_TARGET_NOT_EXPORTED {
        code: "PL106",
        name: "click-target-not-exported",
        family: Family::Click,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        for (activity, uses) in targets(cx, view) {
            if activity.exported_value() != Some(false) {
                continue;
            }
            let Some(exported) = &activity.exported else { continue };
            let mut d = Diagnostic::new(
                &CLICK_TARGET_NOT_EXPORTED,
                format!("click target `{}` is not exported", activity.name.as_deref().unwrap_or(&activity.raw_name)),
            )
            .primary(exported.span, "`android:exported` is false")
            .fix(replace_value(exported.span, "true", "set `android:exported` to `true`"));
            for u in uses {
                d = d.vendor(&u.vendor.id).secondary(u.span, u.label);
            }
            out.push(
                d.note("the vendor's push service starts the activity from another process, which an unexported activity refuses")
                    .help("set `android:exported=\"true\"` on the click target"),
            );
        }
    });
}
