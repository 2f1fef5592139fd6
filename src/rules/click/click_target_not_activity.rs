//! PL104: the click names a class the merged manifest does not declare as an activity.
use super::{Page, clicks, console_label, page, target_class};
use crate::diagnostics::Diagnostic;
use crate::project::console::edit_distance;
use crate::rules::{Ctx, Family, Severity, VariantView, declare_rule};

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
                    if !is_local(cx, view, class) || view.merged.components.iter().any(|c| c.name.is_none()) {
                        continue;
                    }
                    // Suggest the declared activity whose name is closest (a typo, or another package).
                    let simple = class.rsplit('.').next().unwrap_or(class);
                    let similar = view
                        .merged
                        .activities()
                        .filter_map(|a| {
                            let n = a.name.as_deref()?;
                            let same_simple = n.rsplit('.').next() == Some(simple);
                            let dist = edit_distance(n, class);
                            (same_simple || dist <= 3).then_some((if same_simple { 0 } else { dist }, a))
                        })
                        .min_by_key(|(d, _)| *d)
                        .map(|(_, a)| a);
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
