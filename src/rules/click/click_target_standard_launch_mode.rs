//! PL110: the click target uses the `standard` launch mode.
use super::{insert_attribute_after, replace_value, targets};
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The activity a click action opens has no `android:launchMode`, or `standard`. Off by
    /// default: no vendor requires a launch mode, and a standard activity opens the page; this is
    /// a preference. Turn it on with `--extend-select PL110` (or `extend-select` in `pushlint.toml`).
    ///
    /// ## Why it matters
    /// Every tap on a notification then creates a new instance of the page (with the
    /// `FLAG_ACTIVITY_CLEAR_TOP` the consoles use, the existing one is finished and recreated),
    /// so users see duplicate pages or lose state. Tencent's demos use `singleTask`.
    ///
    /// ## Example
    /// `<activity android:name=".ui.ChatActivity" android:exported="true">` named by a Huawei
    /// click action.
    ///
    /// ## How to fix
    /// Set `android:launchMode="singleTask"` (or `singleTop`) and handle `onNewIntent()`.
    pub(crate) CLICK_TARGET_STANDARD_LAUNCH_MODE {
        code: "PL110",
        name: "click-target-standard-launch-mode",
        family: Family::Click,
        severity: Severity::Warning,
        check,
        default_on: false,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        for (activity, uses) in targets(cx, view) {
            let (span, fix) = match &activity.launch_mode {
                None => (
                    activity.name_span,
                    insert_attribute_after(
                        activity.name_span,
                        " android:launchMode=\"singleTask\"",
                        "add `android:launchMode=\"singleTask\"`",
                    ),
                ),
                Some(m) if m.value == "standard" => {
                    (m.span, replace_value(m.span, "singleTask", "use `singleTask`"))
                }
                Some(_) => continue,
            };
            let mut d = Diagnostic::new(
                &CLICK_TARGET_STANDARD_LAUNCH_MODE,
                format!(
                    "click target `{}` uses the standard launch mode",
                    activity.name.as_deref().unwrap_or(&activity.raw_name)
                ),
            )
            .primary(span, "launch mode is `standard`")
            .fix(fix);
            for u in uses {
                d = d.vendor(&u.vendor.id).secondary(u.span, u.label);
            }
            out.push(
                d.note("every tap creates a new instance of the page")
                    .help("set `android:launchMode=\"singleTask\"` and handle `onNewIntent()`"),
            );
        }
    });
}
