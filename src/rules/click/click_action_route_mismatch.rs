//! PL108: the open-by-intent-action route (OPPO type 1, Honor's action) has no filter to land on.
use super::{CATEGORY_DEFAULT, Page, clicks, console_label, page};
use crate::diagnostics::Diagnostic;
use crate::project::merge::IntentFilter;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it checks
    /// A click action that opens a page by intent action (OPPO's `click_action_type` 1, Honor's
    /// "action" of an in-app page) needs an
    /// activity with an intent-filter that lists that action, has category `DEFAULT` and declares
    /// no `<data>`.
    ///
    /// ## Why it matters
    /// The vendor starts an implicit intent with only that action; a filter without `DEFAULT`,
    /// or with `<data>`, never matches it, so the tap opens nothing on that vendor's phones.
    ///
    /// ## Example
    /// The console opens action `com.acme.chat.OPEN_CHAT`, and the only filter listing it also
    /// declares `<data android:scheme="acmepush"/>`.
    ///
    /// ## How to fix
    /// Add a separate intent-filter with just that `<action>` and
    /// `<category android:name="android.intent.category.DEFAULT"/>`.
    pub(crate) CLICK_ACTION_ROUTE_MISMATCH {
        code: "PL108",
        name: "click-action-route-mismatch",
        family: Family::Click,
        severity: Severity::Error,
        check,
    }
}

/// For an action: whether a filter accepts the intent, and the first filter listing it with what
/// is wrong.
type Route<'v> = (bool, Option<(&'v IntentFilter, &'static str)>);

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        // One pass over the filters per variant, by action: each click action then looks up its
        // own instead of walking every filter.
        let mut unknown = false;
        let mut by_action: HashMap<&str, Route> = HashMap::new();
        for a in view.merged.activities() {
            for f in &a.filters {
                let actions: Vec<Option<&str>> = f.actions.iter().map(|v| v.value.as_deref()).collect();
                if actions.contains(&None) {
                    unknown = true;
                    continue;
                }
                let has_default = f.categories.iter().any(|c| c.value.as_deref() == Some(CATEGORY_DEFAULT));
                let problem = if !f.data.is_empty() {
                    Some("it declares `<data>`, so it never matches an intent without a URI")
                } else if !has_default {
                    Some("it lacks category `android.intent.category.DEFAULT`")
                } else {
                    None
                };
                for name in actions.into_iter().flatten() {
                    let entry = by_action.entry(name).or_default();
                    match problem {
                        None => entry.0 = true,
                        Some(p) => {
                            entry.1.get_or_insert((f, p));
                        }
                    }
                }
            }
        }
        for click in clicks(cx, view) {
            let Some(Page::Action(action)) = page(cx, &click) else { continue };
            let name = action.value.trim();
            let (ok, closest) = by_action.get(name).copied().unwrap_or_default();
            if ok || unknown {
                continue;
            }
            let mut d = Diagnostic::new(
                &CLICK_ACTION_ROUTE_MISMATCH,
                format!("no activity has an intent-filter for action `{name}` with category `DEFAULT` and no `<data>`"),
            );
            d = match closest {
                Some((f, problem)) => d.primary(f.span, format!("filter with this action: {problem}")).secondary(action.span, console_label(&click)),
                None => d.primary(action.span, console_label(&click)),
            };
            out.push(
                d.vendor(&click.vendor.id).note(format!("the {} push service starts an implicit intent with only this action, so the tap opens nothing", click.vendor.display))
                    .help(format!(
                        "add an intent-filter with `<action android:name=\"{name}\"/>` and `<category android:name=\"android.intent.category.DEFAULT\"/>`, and no `<data>`"
                    )),
            );
        }
    });
}
