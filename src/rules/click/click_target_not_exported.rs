//! PL106: the click target activity is `android:exported="false"`.
use super::targets;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::replace_value;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

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
    ///
    /// ## Fix
    /// Unsafe: sets `android:exported` to `true`. Every installed app can then start the
    /// activity, so check that it trusts nothing in the intents it receives.
    pub(crate) CLICK_TARGET_NOT_EXPORTED {
        code: "PL106",
        name: "click-target-not-exported",
        family: Family::Click,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Unsafe),
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
            .fix(Fix::unsafe_edit("set `android:exported` to `true`", replace_value(cx, exported.span, "true")));
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
