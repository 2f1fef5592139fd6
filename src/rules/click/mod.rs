//! PL1xx: the console's "Action after Click" of each certificate against the merged manifest of
//! each app variant it applies to. Shared here: which certificates apply to a variant, and the
//! click action read into an intent or a class name.

mod click_action_invalid;
mod click_action_no_matching_filter;
mod click_action_route_mismatch;
mod click_action_unsupported;
mod click_target_exported_missing;
mod click_target_not_activity;
mod click_target_not_exported;
mod click_target_package_mismatch;
mod click_target_permission_guarded;
mod click_target_standard_launch_mode;
mod launcher_activity_missing;

use super::{Ctx, Rule, VariantView};
use crate::catalog::{PageForm, Vendor};
use crate::parse::intent::{IntentError, IntentUri};
use crate::project::matching::{DataUri, IntentSpec};
use crate::project::{Certificate, ClickAction, Component, Located};
use crate::span::{Span, TextRange};

pub static RULES: &[&Rule] = &[
    &click_action_no_matching_filter::CLICK_ACTION_NO_MATCHING_FILTER,
    &click_action_invalid::CLICK_ACTION_INVALID,
    &click_action_unsupported::CLICK_ACTION_UNSUPPORTED,
    &click_target_not_activity::CLICK_TARGET_NOT_ACTIVITY,
    &click_target_package_mismatch::CLICK_TARGET_PACKAGE_MISMATCH,
    &click_target_not_exported::CLICK_TARGET_NOT_EXPORTED,
    &click_target_exported_missing::CLICK_TARGET_EXPORTED_MISSING,
    &click_action_route_mismatch::CLICK_ACTION_ROUTE_MISMATCH,
    &launcher_activity_missing::LAUNCHER_ACTIVITY_MISSING,
    &click_target_standard_launch_mode::CLICK_TARGET_STANDARD_LAUNCH_MODE,
    &click_target_permission_guarded::CLICK_TARGET_PERMISSION_GUARDED,
];

pub(crate) const ACTION_VIEW: &str = "android.intent.action.VIEW";
pub(crate) const ACTION_MAIN: &str = "android.intent.action.MAIN";
pub(crate) const CATEGORY_DEFAULT: &str = "android.intent.category.DEFAULT";
pub(crate) const CATEGORY_LAUNCHER: &str = "android.intent.category.LAUNCHER";

/// A certificate with a click action, and its vendor's catalog entry.
pub(crate) struct Click<'a> {
    pub cert: &'a Certificate,
    pub vendor: &'a Vendor,
    pub action: &'a ClickAction,
}

/// Certificates that apply to a variant: those naming its applicationId; when no variant of any
/// app module matches a certificate's package (or it names none), the certificate applies to every
/// variant of a project with a single app module — the package mismatch itself is another rule's finding.
pub(crate) fn certificates<'a>(cx: &'a Ctx, view: &VariantView) -> Vec<&'a Certificate> {
    let app_modules = cx.app_module_count();
    let mut out = Vec::new();
    for console in &cx.project.consoles {
        for cert in &console.certificates {
            let applies = match &cert.package_name {
                None => app_modules == 1,
                Some(pkg) => {
                    if view.variant.app_id() == Some(pkg.value.as_str()) {
                        true
                    } else {
                        app_modules == 1 && !cx.has_app_id(&pkg.value)
                    }
                }
            };
            if applies {
                out.push(cert);
            }
        }
    }
    out
}

/// Certificates of the variant with a click action and a known vendor.
pub(crate) fn clicks<'a>(cx: &'a Ctx, view: &VariantView) -> Vec<Click<'a>> {
    certificates(cx, view)
        .into_iter()
        .filter_map(|cert| {
            let action = cert.click_action.as_ref()?;
            let vendor = cx.catalog.vendor(&cert.vendor.value)?;
            Some(Click { cert, vendor, action })
        })
        .collect()
}

/// The page a click action opens.
pub(crate) enum Page<'a> {
    /// An `intent:` URI or a plain deep link.
    Intent { value: &'a Located<String>, parsed: Box<ParsedIntent> },
    /// A class name (Meizu, OPPO type 4).
    Activity(&'a Located<String>),
    /// An intent action (OPPO type 1).
    Action(&'a Located<String>),
}

/// An intent read from a console value, with spans into the console file.
pub(crate) struct ParsedIntent {
    pub spec: IntentSpec,
    /// `component=` package and class (class already expanded when written `.Short`).
    pub component: Option<(Located<String>, Located<String>, bool)>,
}

/// What is wrong with a click action's value, for PL102.
pub(crate) struct Invalid {
    pub span: Span,
    pub message: String,
    pub help: String,
}

/// The span of `rel` (a range inside the string value) in the console file. When the JSON string
/// holds escapes the offsets do not carry over, and the whole value is used.
pub(crate) fn inner_span(cx: &Ctx, value: &Located<String>, rel: TextRange) -> Span {
    let text = cx.project.files.get(value.span.file).text.as_str();
    let raw = text.get(value.span.range.as_usize());
    if raw == Some(value.value.as_str()) {
        Span::new(value.span.file, value.span.range.sub(rel))
    } else {
        value.span
    }
}

fn located(cx: &Ctx, value: &Located<String>, s: &crate::span::Spanned<String>) -> Located<String> {
    Located::new(s.value.clone(), inner_span(cx, value, s.range))
}

/// Reads an intent value: `intent:` URIs per `Intent.parseUri`, anything else as a plain deep link
/// (which vendors deliver as an implicit VIEW intent without a component).
pub(crate) fn read_intent(cx: &Ctx, value: &Located<String>) -> Result<ParsedIntent, Invalid> {
    let text = value.value.trim();
    if text.starts_with("intent:") {
        let uri = IntentUri::parse(&value.value).map_err(|e: IntentError| Invalid {
            span: inner_span(cx, value, e.range),
            message: format!("invalid intent URI: {}", e.message),
            help: "write it as `intent://HOST/PATH#Intent;scheme=SCHEME;launchFlags=0x4000000;component=APPLICATION_ID/ACTIVITY_CLASS;end`".into(),
        })?;
        let data = uri.scheme.as_ref().map(|s| DataUri {
            scheme: s.value.clone(),
            host: uri.host.as_ref().map(|h| h.value.clone()),
            port: uri.port.as_ref().and_then(|p| p.value.parse().ok()),
            path: uri.path.as_ref().map(|p| p.value.clone()),
        });
        let spec = IntentSpec {
            action: uri.effective_action().to_string(),
            categories: uri.categories.iter().map(|c| c.value.clone()).collect(),
            data,
            mime_type: uri.mime_type.as_ref().map(|t| t.value.clone()),
        };
        let component = uri
            .component
            .as_ref()
            .map(|c| (located(cx, value, &c.package), located(cx, value, &c.class), c.short_form));
        return Ok(ParsedIntent { spec, component });
    }
    let parsed = url::Url::parse(text).map_err(|e| Invalid {
        span: value.span,
        message: format!("`{text}` is neither an `intent:` URI nor a deep link: {e}"),
        help: "write it as `intent://HOST/PATH#Intent;scheme=SCHEME;component=APPLICATION_ID/ACTIVITY_CLASS;end`".into(),
    })?;
    let host = parsed.host_str().map(str::to_string);
    let path =
        if host.is_some() || !parsed.cannot_be_a_base() { Some(parsed.path().to_string()) } else { None };
    Ok(ParsedIntent {
        spec: IntentSpec {
            action: ACTION_VIEW.to_string(),
            categories: Vec::new(),
            data: Some(DataUri { scheme: parsed.scheme().to_string(), host, port: parsed.port(), path }),
            mime_type: None,
        },
        component: None,
    })
}

/// The page a click action opens, or None when it opens the app, a URL, or is malformed
/// (malformed values are PL102's findings).
pub(crate) fn page<'a>(cx: &Ctx, click: &Click<'a>) -> Option<Page<'a>> {
    if click.action.kind.value != "openPage" || click.vendor.click.page == PageForm::Unknown {
        return None;
    }
    if click.vendor.click.page == PageForm::Launcher {
        return None;
    }
    if let Some(intent) = &click.action.intent {
        return read_intent(cx, intent)
            .ok()
            .map(|parsed| Page::Intent { value: intent, parsed: Box::new(parsed) });
    }
    if let Some(activity) = &click.action.activity {
        if click.vendor.click.page == PageForm::ActivityClass && is_class_name(&activity.value) {
            return Some(Page::Activity(activity));
        }
        return None;
    }
    if let Some(action) = &click.action.action {
        if click.vendor.click.action_route {
            return Some(Page::Action(action));
        }
    }
    None
}

/// A fully qualified Java class name: dotted identifiers, at least one dot.
pub(crate) fn is_class_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let mut chars = p.chars();
            chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
}

/// The component an explicit page targets: the class and the console span naming it.
pub(crate) fn target_class<'p>(page: &'p Page) -> Option<(&'p str, Span)> {
    match page {
        Page::Intent { parsed, .. } => {
            parsed.component.as_ref().map(|(_, class, _)| (class.value.as_str(), class.span))
        }
        Page::Activity(a) => Some((a.value.trim(), a.span)),
        Page::Action(_) => None,
    }
}

/// The activity the page opens when it names one that the merged manifest declares as an activity;
/// an alias stands for itself (its own filters and flags apply).
pub(crate) fn target_activity<'v>(view: &'v VariantView, page: &Page) -> Option<(&'v Component, Span)> {
    let (class, span) = target_class(page)?;
    let c = view.merged.component(class)?;
    c.kind.is_activity().then_some((c, span))
}

/// A console entry that opens an activity.
pub(crate) struct TargetUse<'c> {
    pub span: Span,
    pub label: String,
    pub vendor: &'c Vendor,
}

/// The activities the variant's click actions explicitly open, each with the console entries naming it.
pub(crate) fn targets<'v, 'c>(
    cx: &'c Ctx,
    view: &'v VariantView,
) -> Vec<(&'v Component, Vec<TargetUse<'c>>)> {
    let mut out: Vec<(&Component, Vec<TargetUse<'c>>)> = Vec::new();
    let mut at: std::collections::HashMap<*const Component, usize> = std::collections::HashMap::new();
    for click in clicks(cx, view) {
        let Some(page) = page(cx, &click) else { continue };
        let Some((activity, span)) = target_activity(view, &page) else { continue };
        let entry = TargetUse { span, label: console_label(&click), vendor: click.vendor };
        match at.get(&std::ptr::from_ref(activity)) {
            Some(&i) => {
                if let Some((_, uses)) = out.get_mut(i) {
                    uses.push(entry);
                }
            }
            None => {
                at.insert(std::ptr::from_ref(activity), out.len());
                out.push((activity, vec![entry]));
            }
        }
    }
    out
}

/// How a certificate is named in labels.
pub(crate) fn console_label(click: &Click) -> String {
    format!("{} click action set here", click.cert.describe())
}
