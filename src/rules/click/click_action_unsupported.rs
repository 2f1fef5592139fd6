//! PL103: a page set for a vendor whose notifications always open the launcher.
use crate::catalog::PageForm;
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A certificate of a vendor whose click always opens the app's launcher activity (FCM in the
    /// Tencent IM console) records an `openPage` or `openUrl` click action.
    ///
    /// ## Why it matters
    /// The page is never opened: FCM notifications open the launcher activity, which must read the
    /// push extras from `getIntent().getExtras()` and navigate itself.
    ///
    /// ## Example
    /// `{ "vendor": "fcm", "clickAction": { "type": "openPage", "intent": "intent://…" } }`.
    ///
    /// ## How to fix
    /// Use `openApp` for FCM, and handle navigation in the launcher activity.
    pub(crate) CLICK_ACTION_UNSUPPORTED {
        code: "PL103",
        name: "click-action-unsupported",
        family: Family::Click,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for cert in cx.project.consoles.iter().flat_map(|c| &c.certificates) {
        let Some(action) = &cert.click_action else { continue };
        let Some(vendor) = cx.catalog.vendor(&cert.vendor.value) else { continue };
        if vendor.click.page != PageForm::Launcher || action.kind.value == "openApp" {
            continue;
        }
        out.push(
            Diagnostic::new(
                &CLICK_ACTION_UNSUPPORTED,
                format!(
                    "notifications of {} always open the launcher activity; `{}` is ignored",
                    vendor.display, action.kind.value
                ),
            )
            .primary(action.kind.span, format!("{} click action", cert.describe()))
            .vendor(&vendor.id)
            .note("a tap opens the launcher activity, which must read the push extras and navigate itself")
            .help("set the click action to `openApp` and route from the launcher activity"),
        );
    }
}
