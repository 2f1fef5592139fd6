//! PL101: no intent-filter of the click target (or of any activity) accepts the click's intent.
use super::{CATEGORY_DEFAULT, Page, ParsedIntent, clicks, console_label, page};
use crate::diagnostics::Diagnostic;
use crate::project::Component;
use crate::project::filter_index::FilterIndex;
use crate::project::matching::{IntentSpec, Mismatch, closeness, match_filter};
use crate::project::merge::{AttrValue, IntentFilter};
use crate::rules::{Ctx, Family, Severity, declare_rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it checks
    /// For each certificate whose "Action after Click" opens a page by intent URI (Xiaomi, Huawei,
    /// vivo) and each app variant it applies to: an intent-filter of the activity named by
    /// `component=` — or, without a component, of any activity — accepts the intent, by Android's
    /// rules: action `VIEW`, the URI's categories (plus `DEFAULT` for an implicit intent), and
    /// `<data>` matching scheme, host, port and path (`path`, `pathPrefix`, `pathPattern`,
    /// `pathSuffix`, `pathAdvancedPattern`; several `<data>` of one filter pool their attributes).
    ///
    /// ## Why it matters
    /// An implicit intent that no filter accepts opens nothing. With a component, Android 13 and
    /// later still drop an intent from another app that matches none of the target's filters, and
    /// the IM guide requires the manifest to agree with the console. The tap on the notification
    /// then does nothing, or opens the wrong page, on that vendor's phones only.
    ///
    /// ## Example
    /// The console has `intent://open/chat#Intent;scheme=acmepush;component=com.acme.chat/com.acme.chat.app.ChatActivity;end`
    /// while `ChatActivity`'s filter declares `<data android:scheme="acmePush" android:host="open" android:path="/chat"/>`:
    /// schemes match case-sensitively.
    ///
    /// ## How to fix
    /// Make the filter accept the console's URI (action `VIEW`, category `DEFAULT`, and `<data>`
    /// with the same scheme, host and path), or change the console's value to what the filter accepts.
    pub(crate) CLICK_ACTION_NO_MATCHING_FILTER {
        code: "PL101",
        name: "click-action-no-matching-filter",
        family: Family::Click,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        // Filters indexed once per variant (and per target activity), so each click action looks
        // at the few filters that can match it, not at all of them.
        let mut all: Option<FilterIndex<&Component>> = None;
        let mut per_target: HashMap<*const Component, FilterIndex<&Component>> = HashMap::new();
        for click in clicks(cx, view) {
            let Some(Page::Intent { value, parsed }) = page(cx, &click) else { continue };
            let uri = data_uri(&parsed.spec).unwrap_or_else(|| value.value.trim().to_string());
            let uri = uri.as_str();
            match &parsed.component {
                Some((_, class, _)) => {
                    let Some(target) = view.merged.component(&class.value) else { continue };
                    if !target.kind.is_activity() {
                        continue;
                    }
                    let index = per_target.entry(std::ptr::from_ref(target)).or_insert_with(|| {
                        FilterIndex::new(target.filters.iter().map(|f| (target, f)).collect())
                    });
                    let candidates = index.candidates(&parsed.spec);
                    if let Some(d) = verdict(&parsed.spec, &candidates, Some(target), uri) {
                        out.push(finish(d, &click, value.span, &parsed));
                    }
                }
                None => {
                    let mut spec = parsed.spec.clone();
                    if !spec.categories.iter().any(|c| c == CATEGORY_DEFAULT) {
                        spec.categories.push(CATEGORY_DEFAULT.to_string());
                    }
                    let all = all.get_or_insert_with(|| {
                        FilterIndex::new(
                            view.merged
                                .activities()
                                .flat_map(|a| a.filters.iter().map(move |f| (a, f)))
                                .collect(),
                        )
                    });
                    let candidates = all.candidates(&spec);
                    if let Some(d) = verdict(&spec, &candidates, None, uri) {
                        out.push(finish(d, &click, value.span, &parsed));
                    }
                }
            }
        }
    });
}

fn finish(
    d: Diagnostic,
    click: &super::Click,
    console: crate::span::Span,
    _parsed: &ParsedIntent,
) -> Diagnostic {
    d.secondary(console, console_label(click))
        .vendor(&click.vendor.id)
        .note(format!(
            "on {} phones a tap on the notification opens nothing, or not this page",
            click.vendor.display
        ))
        .help("make the filter accept the console's URI (action `VIEW`, category `DEFAULT`, matching `<data>`), or change the console's value")
}

/// None when some filter matches or the answer depends on an unknown placeholder.
fn verdict(
    spec: &IntentSpec,
    candidates: &[(&Component, &IntentFilter)],
    target: Option<&Component>,
    uri: &str,
) -> Option<Diagnostic> {
    let mut best: Option<(u32, &Component, &IntentFilter, Mismatch)> = None;
    for (c, f) in candidates {
        match match_filter(f, spec) {
            Ok(()) => return None,
            Err(Mismatch::Unknown) => return None,
            Err(m) => {
                let score = closeness(f, spec);
                if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                    best = Some((score, c, f, m));
                }
            }
        }
    }
    let message = match target {
        Some(t) => format!(
            "no intent-filter of `{}` accepts the click intent `{uri}`",
            t.name.as_deref().unwrap_or(&t.raw_name)
        ),
        None => format!("no activity has an intent-filter that accepts the click intent `{uri}`"),
    };
    let d = Diagnostic::new(&CLICK_ACTION_NO_MATCHING_FILTER, message);
    Some(match (best, target) {
        (Some((_, _, f, m)), _) => d.primary(f.span, format!("closest filter: {}", describe(&m, f, spec))),
        (None, Some(t)) => d.primary(t.name_span, "this activity declares no intent-filter"),
        // No activity has any filter and no component is named: only the console value can be shown.
        (None, None) => return Some(d),
    })
}

/// The intent's data URI as text, `scheme://host:port/path`.
fn data_uri(spec: &IntentSpec) -> Option<String> {
    let d = spec.data.as_ref()?;
    let mut s = format!("{}:", d.scheme);
    if let Some(h) = &d.host {
        s.push_str("//");
        s.push_str(h);
        if let Some(p) = d.port {
            s.push_str(&format!(":{p}"));
        }
    }
    s.push_str(d.path.as_deref().unwrap_or(""));
    Some(s)
}

fn list(values: Vec<&AttrValue>) -> String {
    let names: Vec<String> =
        values.iter().filter_map(|v| v.value.as_ref()).map(|v| format!("`{v}`")).collect();
    if names.is_empty() { "none".to_string() } else { names.join(", ") }
}

/// Says which part of the intent the filter does not accept.
pub(crate) fn describe(m: &Mismatch, f: &IntentFilter, spec: &IntentSpec) -> String {
    let data = spec.data.as_ref();
    match m {
        Mismatch::Action => format!("it lists no `{}` action", spec.action),
        Mismatch::UnexpectedData => "it declares no `<data>`, but the click intent carries a URI".to_string(),
        Mismatch::MissingData => "it requires `<data>`, but the click intent carries no URI".to_string(),
        Mismatch::Scheme => format!(
            "scheme `{}` is not among {} (schemes match case-sensitively)",
            data.map(|d| d.scheme.as_str()).unwrap_or(""),
            list(f.data.iter().filter_map(|d| d.scheme.as_ref()).collect())
        ),
        Mismatch::Host => format!(
            "host `{}` is not among {}",
            data.and_then(|d| d.host.as_deref()).unwrap_or(""),
            list(f.data.iter().filter_map(|d| d.host.as_ref()).collect())
        ),
        Mismatch::Port => format!(
            "port {} is not among {}",
            data.and_then(|d| d.port).map(|p| p.to_string()).unwrap_or_else(|| "(none)".into()),
            list(f.data.iter().filter_map(|d| d.port.as_ref()).collect())
        ),
        Mismatch::Path => {
            let mut pats = Vec::new();
            for d in &f.data {
                for (attr, v) in [
                    ("path", &d.path),
                    ("pathPrefix", &d.path_prefix),
                    ("pathPattern", &d.path_pattern),
                    ("pathSuffix", &d.path_suffix),
                    ("pathAdvancedPattern", &d.path_advanced_pattern),
                ] {
                    if let Some(Some(v)) = v.as_ref().map(|v| v.value.as_ref()) {
                        pats.push(format!("{attr}=`{v}`"));
                    }
                }
            }
            format!(
                "path `{}` matches none of {}",
                data.and_then(|d| d.path.as_deref()).unwrap_or(""),
                pats.join(", ")
            )
        }
        Mismatch::MimeType => "its MIME types do not match the click intent".to_string(),
        Mismatch::Category(c) => format!("it lacks category `{c}`"),
        Mismatch::Unknown => "it depends on an unknown placeholder".to_string(),
    }
}
