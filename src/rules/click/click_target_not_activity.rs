//! PL104: the click names a class the merged manifest does not declare as an activity.
use super::{Page, clicks, console_label, page, target_class};
use crate::diagnostics::Diagnostic;
use crate::project::Component;
use crate::project::console::edit_distance_within;
use crate::rules::{Ctx, Family, Severity, VariantView, declare_rule};
use std::collections::HashMap;

declare_rule! {
    /// ## What it checks
    /// The class a click action opens — `component=` of an intent URI, or the Meizu/OPPO class
    /// name — is not an `<activity>` or `<activity-alias>` of the variant's merged manifest: it is
    /// not declared at all, or it is declared as a service, receiver or provider. Relative names in
    /// manifests resolve against the declaring module's namespace; a `.Short` class in
    /// `component=pkg/.Short` expands against the package *before* the slash, the applicationId.
    /// Classes outside the app's and its local modules' packages may come from a library and are
    /// not reported.
    ///
    /// ## Why it matters
    /// Android cannot start an activity that is not declared: the tap on the notification does
    /// nothing (or the app crashes with `ActivityNotFoundException`).
    ///
    /// ## Example
    /// `component=com.acme.chat/.ui.ChatActivity` expands to `com.acme.chat.ui.ChatActivity`, but
    /// the class is `com.acme.chat.app.ui.ChatActivity` (the namespace differs from the applicationId).
    ///
    /// ## How to fix
    /// Name the activity's fully qualified class in the console, or declare the activity.
    pub(crate) CLICK_TARGET_NOT_ACTIVITY {
        code: "PL104",
        name: "click-target-not-activity",
        family: Family::Click,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let mut names: Option<Names> = None;
        let mut unnamed: Option<bool> = None;
        for click in clicks(cx, view) {
            let Some(page) = page(cx, &click) else { continue };
            let Some((class, span)) = target_class(&page) else { continue };
            let short = matches!(&page, Page::Intent { parsed, .. } if parsed.component.as_ref().is_some_and(|c| c.2));
            match view.merged.component(class) {
                Some(c) if c.kind.is_activity() => {}
                Some(c) => out.push(
                    Diagnostic::new(
                        &CLICK_TARGET_NOT_ACTIVITY,
                        format!("click action opens `{class}`, which is declared as a <{}>, not an activity", c.kind.tag()),
                    )
                    .primary(span, console_label(&click))
                    .vendor(&click.vendor.id)
                    .secondary(c.name_span, format!("declared as a <{}> here", c.kind.tag()))
                    .note("only an activity can be opened by a notification tap")
                    .help("name an activity in the console"),
                ),
                None => {
                    if !is_local(cx, view, class) || *unnamed.get_or_insert_with(|| any_unnamed(view)) {
                        continue;
                    }
                    // Suggest the declared activity whose name is closest (a typo, or another package).
                    let similar = names.get_or_insert_with(|| Names::new(view)).similar(class);
                    let mut d = Diagnostic::new(
                        &CLICK_TARGET_NOT_ACTIVITY,
                        format!("click action opens `{class}`, which the merged manifest does not declare"),
                    )
                    .primary(span, console_label(&click))
                    .vendor(&click.vendor.id)
                    .note(if short {
                        "`component=PACKAGE/.Name` expands against the applicationId before the slash, not against the namespace".to_string()
                    } else {
                        "an undeclared activity cannot be started, so the tap opens nothing".to_string()
                    });
                    d = match similar {
                        Some(a) => d
                            .secondary(a.name_span, "a declared activity with a similar name")
                            .help(format!("use `{}` in the console", a.name.as_deref().unwrap_or(&a.raw_name))),
                        None => d.help("name a declared activity's fully qualified class in the console, or declare the activity"),
                    };
                    if let Some(app) = view.merged.application {
                        let (m, e) = cx.project.element(app);
                        d = d.secondary(crate::span::Span::new(m.file, e.start_tag), "activities are declared in this <application>");
                    }
                    out.push(d);
                }
            }
        }
    });
}

/// Whether a component's class is unknown (a placeholder): then any class may be declared.
fn any_unnamed(view: &VariantView) -> bool {
    view.merged.components.iter().any(|c| c.name.is_none())
}

/// Whether `class` lies in a package of the app or of a local module it merges, so a missing
/// declaration is not explained by a library dependency.
fn is_local(cx: &Ctx, view: &VariantView, class: &str) -> bool {
    let mut prefixes: Vec<String> = Vec::new();
    prefixes.extend(view.variant.app_id().map(str::to_string));
    for &m in crate::project::merge::merged_modules(cx.project, view.module) {
        prefixes.extend(cx.project.modules[m].namespace.value().cloned());
    }
    prefixes.iter().any(|p| class.starts_with(&format!("{p}.")))
}

/// The activities of a variant by simple name and by name length, built once per variant when a
/// click action opens an undeclared class: each then compares with the few names near it.
/// Most names compared with one undeclared class.
const MAX_COMPARED: usize = 512;

struct Names<'v> {
    /// Activities in declaration order.
    all: Vec<(&'v str, &'v Component)>,
    /// The first activity with each simple name.
    by_simple: HashMap<&'v str, usize>,
    /// Activities by the length of their name in characters.
    by_len: HashMap<usize, Vec<usize>>,
}

impl<'v> Names<'v> {
    fn new(view: &'v VariantView) -> Names<'v> {
        let all: Vec<(&str, &Component)> =
            view.merged.activities().filter_map(|a| Some((a.name.as_deref()?, a))).collect();
        let mut by_simple = HashMap::new();
        let mut by_len: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, (n, _)) in all.iter().enumerate() {
            by_simple.entry(n.rsplit('.').next().unwrap_or(n)).or_insert(i);
            by_len.entry(n.chars().count()).or_default().push(i);
        }
        Names { all, by_simple, by_len }
    }

    /// The first activity with the same simple name as `class`, else the first of those closest
    /// to it within three edits.
    fn similar(&self, class: &str) -> Option<&'v Component> {
        let simple = class.rsplit('.').next().unwrap_or(class);
        if let Some(&i) = self.by_simple.get(simple) {
            return self.all.get(i).map(|(_, a)| *a);
        }
        let len = class.chars().count();
        let lists: Vec<&Vec<usize>> =
            (len.saturating_sub(3)..=len + 3).filter_map(|l| self.by_len.get(&l)).collect();
        // Thousands of activities of about the same length (generated ones) are not all compared:
        // past the budget, only a name one edit away is certain to be the closest. Each list is in
        // declaration order, so the first of each hold the first of all.
        let truncated = lists.iter().map(|l| l.len()).sum::<usize>() > MAX_COMPARED;
        let mut near: Vec<usize> = lists.iter().flat_map(|l| l.iter().take(MAX_COMPARED)).copied().collect();
        near.sort_unstable();
        near.truncate(MAX_COMPARED);
        let mut best: Option<(usize, usize)> = None;
        for i in near {
            let Some((n, _)) = self.all.get(i) else { continue };
            let dist = edit_distance_within(n, class, 3);
            if dist <= 3 && best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, i));
                // No undeclared class is at distance 0 from a declared one: 1 is the best there is.
                if dist <= 1 {
                    break;
                }
            }
        }
        match best {
            Some((d, i)) if d <= 1 || !truncated => self.all.get(i).map(|(_, a)| *a),
            _ => None,
        }
    }
}
