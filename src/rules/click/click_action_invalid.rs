//! PL102: a click action whose value cannot work for its vendor.
use super::{inner_span, is_class_name, read_intent};
use crate::catalog::PageForm;
use crate::diagnostics::Diagnostic;
use crate::project::Certificate;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The "Action after Click" recorded in `push-console.json` is malformed for its vendor: an
    /// intent URI that `Intent.parseUri` rejects, a class name where the vendor takes an intent URI
    /// (or a relative one where it needs the full class path), an `openPage` without a page, an
    /// intent action for a vendor that cannot open a page by action, an `openUrl` without an http(s) URL.
    ///
    /// ## Why it matters
    /// The vendor's push service cannot build an intent from the value: tapping the notification
    /// opens nothing, or only the app's launcher page.
    ///
    /// ## Example
    /// A Xiaomi certificate with
    /// `"intent": "intent://open/chat#Intent;scheme=acmepush;component=com.acme.chat/com.acme.chat.ChatActivity"`
    /// (the URI lacks the closing `;end`).
    ///
    /// ## How to fix
    /// Correct the value in the IM console, then in `push-console.json`. Intent URIs read
    /// `intent://HOST/PATH#Intent;scheme=SCHEME;launchFlags=0x4000000;component=APPLICATION_ID/ACTIVITY_CLASS;end`.
    pub(crate) CLICK_ACTION_INVALID {
        code: "PL102",
        name: "click-action-invalid",
        family: Family::Click,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for console in &cx.project.consoles {
        for cert in &console.certificates {
            check_cert(cx, cert, out);
        }
    }
}

fn check_cert(cx: &Ctx, cert: &Certificate, out: &mut Vec<Diagnostic>) {
    let Some(action) = &cert.click_action else { return };
    let Some(vendor) = cx.catalog.vendor(&cert.vendor.value) else { return };
    let form = vendor.click.page;
    let d = |span, message: String, help: &str| {
        Diagnostic::new(&CLICK_ACTION_INVALID, message)
            .vendor(&vendor.id)
            .primary(span, format!("{} click action", cert.describe()))
            .note("the vendor cannot build an intent from this value, so a tap on the notification opens no page")
            .help(help.to_string())
    };
    match action.kind.value.as_str() {
        "openPage" if form == PageForm::Unknown || form == PageForm::Launcher => {}
        "openPage" => {
            if let Some(intent) = &action.intent {
                if let Err(e) = read_intent(cx, intent) {
                    out.push(d(e.span, e.message, &e.help));
                }
            } else if let Some(activity) = &action.activity {
                let name = activity.value.trim();
                if form == PageForm::IntentUri {
                    out.push(d(
                        activity.span,
                        format!("the {} console opens pages by intent URI, not by class name `{name}`", vendor.display),
                        "set `intent` to `intent://HOST/PATH#Intent;scheme=SCHEME;component=APPLICATION_ID/ACTIVITY_CLASS;end`",
                    ));
                } else if !is_class_name(name) {
                    let span = inner_span(cx, activity, crate::span::TextRange::new(0, activity.value.len()));
                    out.push(d(
                        span,
                        format!("`{name}` is not a fully qualified activity class name"),
                        &full_name_help(cx, name),
                    ));
                }
            } else if let Some(a) = &action.action {
                if !vendor.click.action_route {
                    out.push(d(
                        a.span,
                        format!("the {} console cannot open a page by intent action", vendor.display),
                        "set the page the way this vendor's console takes it",
                    ));
                }
            } else {
                let what = match form {
                    PageForm::ActivityClass => "`activity`",
                    _ => "`intent`",
                };
                out.push(d(
                    action.kind.span,
                    format!("`openPage` click action names no page; set {what}"),
                    "record the page the console opens, or use `openApp`",
                ));
            }
        }
        "openUrl" => match &action.url {
            None => out.push(d(
                action.kind.span,
                "`openUrl` click action has no `url`".into(),
                "record the URL the console opens",
            )),
            Some(u) => {
                let ok = url::Url::parse(u.value.trim())
                    .is_ok_and(|p| p.scheme() == "http" || p.scheme() == "https");
                if !ok {
                    out.push(d(
                        u.span,
                        format!("`{}` is not an http or https URL", u.value),
                        "use a full `https://` URL",
                    ));
                }
            }
        },
        _ => {}
    }
}

/// The help for a relative or bare class name: the one activity of the checked variants whose
/// full name ends with it, when there is exactly one; otherwise no example, rather than a guess.
fn full_name_help(cx: &Ctx, name: &str) -> String {
    let suffix = if name.starts_with('.') { name.to_string() } else { format!(".{name}") };
    let mut found: Vec<&str> = cx
        .views
        .iter()
        .flat_map(|v| v.merged.components.iter())
        .filter(|c| c.kind == crate::project::ComponentKind::Activity)
        .filter_map(|c| c.name.as_deref())
        .filter(|n| n.ends_with(&suffix))
        .collect();
    found.sort_unstable();
    found.dedup();
    match found.as_slice() {
        [only] => format!("write the full class name, `{only}`"),
        _ => "write the full class name, package included".to_string(),
    }
}
