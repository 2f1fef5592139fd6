//! PL110: the click target uses the `standard` launch mode.
use super::targets;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{insert_attribute_after, replace_value};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

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
    ///
    /// ## Fix
    /// Unsafe: sets `android:launchMode` to `singleTask`. The activity then receives later taps in
    /// `onNewIntent()`, which it must handle, and its task behaviour changes.
    pub(crate) CLICK_TARGET_STANDARD_LAUNCH_MODE {
        code: "PL110",
        name: "click-target-standard-launch-mode",
        family: Family::Click,
        severity: Severity::Warning,
        check,
        default_on: false,
        fix: Some(Applicability::Unsafe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        for (activity, uses) in targets(cx, view) {
            let (span, fix) = match &activity.launch_mode {
                None => (
                    activity.name_span,
                    insert_attribute_after(cx, activity.name_span, "launchMode", "singleTask")
                        .map(|e| Fix::unsafe_edit("add `android:launchMode=\"singleTask\"`", e)),
                ),
                Some(m) if m.value == "standard" => (
                    m.span,
                    Some(Fix::unsafe_edit("use `singleTask`", replace_value(cx, m.span, "singleTask"))),
                ),
                Some(_) => continue,
            };
            let mut d = Diagnostic::new(
                &CLICK_TARGET_STANDARD_LAUNCH_MODE,
                format!(
                    "click target `{}` uses the standard launch mode",
                    activity.name.as_deref().unwrap_or(&activity.raw_name)
                ),
            )
            .primary(span, "launch mode is `standard`");
            if let Some(fix) = fix {
                d = d.fix(fix);
            }
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
