//! PL108: the open-by-intent-action route (OPPO type 1, Honor's action) has no filter to land on.
use super::{CATEGORY_DEFAULT, Page, clicks, console_label, page};
use crate::diagnostics::Diagnostic;
use crate::project::merge::IntentFilter;
use crate::rules::{Ctx, Family, Severity, declare_rule};

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

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        for click in clicks(cx, view) {
            let Some(Page::Action(action)) = page(cx, &click) else { continue };
            let name = action.value.trim();
            let mut closest: Option<(&IntentFilter, &str)> = None;
            let mut unknown = false;
            let mut ok = false;
            for a in view.merged.activities() {
                for f in &a.filters {
                    let actions: Vec<Option<&str>> = f.actions.iter().map(|v| v.value.as_deref()).collect();
                    if actions.contains(&None) {
                        unknown = true;
                        continue;
                    }
                    if !actions.contains(&Some(name)) {
                        continue;
                    }
                    let has_default = f.categories.iter().any(|c| c.value.as_deref() == Some(CATEGORY_DEFAULT));
                    let problem = if !f.data.is_empty() {
                        "it declares `<data>`, so it never matches an intent without a URI"
                    } else if !has_default {
                        "it lacks category `android.intent.category.DEFAULT`"
                    } else {
                        ok = true;
                        break;
                    };
                    closest.get_or_insert((f, problem));
                }
            }
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
