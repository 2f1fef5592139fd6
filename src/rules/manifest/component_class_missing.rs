//! PL206: a component's class is in one of the app's own packages, but no source declares it.
use super::{SourceIndex, class_of, normalise_class};
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A component of the merged manifest names a class under the namespace of the app or of a
    /// local library it merges, yet no Java/Kotlin source of those modules declares it. Like
    /// Android Lint's MissingClass, but silent when unsure: classes outside the merged modules'
    /// namespaces (which may come from a dependency) are not checked, nor are the components of
    /// a module whose sources declare none of its manifest's own classes (sources not checked
    /// out, or elsewhere), nor the names of `<activity-alias>` elements (names, not classes), nor anything when a merged module lists extra `java.srcDirs` or the
    /// application names its own `android:appComponentFactory` (which may instantiate any class
    /// for a manifest name, as apps that renamed their components do). When no
    /// source file at all is in the class's package (a partial or sparse checkout may lack that
    /// folder), the finding is only an info, and nothing at all when the app's build tool adds
    /// plugins whose classes live outside the repository (Flutter, React Native). A class
    /// declared in several source sets is looked up in the variant's own.
    /// Android Lint's `tools:ignore="MissingClass"` silences it too.
    ///
    /// ## Why it matters
    /// The system cannot instantiate a class that does not exist: a receiver or service crashes
    /// the app's process when a push arrives, or the push is silently dropped.
    ///
    /// ## Example
    /// `<service android:name=".push.FcmService">` next to `<activity android:name=".ui.MainActivity">`,
    /// while the sources declare `com.acme.chat.ui.MainActivity` and `com.acme.chat.push.MessagingService`.
    ///
    /// ## How to fix
    /// Correct the class name, or add the class.
    pub(crate) COMPONENT_CLASS_MISSING {
        code: "PL206",
        name: "component-class-missing",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
        android_lint: &["MissingClass"],
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        if src.incomplete || custom_component_factory(cx, view) {
            return;
        }
        let own = |class: &str| {
            src.namespaces
                .iter()
                .any(|ns| class.strip_prefix(ns.as_str()).is_some_and(|r| r.starts_with('.')))
        };
        // A library's classes are in its AAR, not in the project's sources; an alias's name is
        // a name, not a class (its `targetActivity` is an activity checked on its own).
        let checked = |c: &&std::sync::Arc<crate::project::merge::Component>| {
            c.library.is_none() && c.kind != crate::project::merge::ComponentKind::ActivityAlias
        };
        // Modules whose sources are known to be there: they declare one of the module's own components.
        let complete: Vec<usize> = view
            .merged
            .components
            .iter()
            .filter(checked)
            .filter(|c| c.name.as_deref().is_some_and(|n| own(n) && src.has_type(n)))
            .map(|c| c.module)
            .collect();
        for c in view.merged.components.iter().filter(checked) {
            let Some(class) = c.name.as_deref() else { continue };
            let class = normalise_class(class);
            let Some((package, _)) = class.rsplit_once('.') else { continue };
            if !own(&class) || !complete.contains(&c.module) || src.has_type(&class) {
                continue;
            }
            let d = Diagnostic::new(
                &COMPONENT_CLASS_MISSING,
                format!("`<{}>` class `{}` is declared by no source file (package `{package}`)", c.kind.tag(), class_of(c)),
            )
            .primary(c.name_span, "class not found")
            .help("correct the class name, or add the class");
            // No source in the package at all: its folder may just not be checked out, or (Flutter
            // and React Native) the class comes with a plugin the build tool adds.
            if !src.has_package(package) && crate::rules::tool_adds_dependencies(cx, view.module) {
                continue;
            }
            out.push(if src.has_package(package) {
                d.note("the system cannot instantiate a missing class, so the component crashes or never runs")
            } else {
                d.severity(Severity::Info).note(
                    "no source file of this checkout is in that package: if its folder is missing here, the class may exist; otherwise the component crashes or never runs",
                )
            });
        }
    });
}

/// Whether a manifest merged into the variant sets `android:appComponentFactory` to a class of its
/// own: the factory decides which class a component name stands for, so absence proves nothing.
fn custom_component_factory(cx: &Ctx, view: &crate::rules::VariantView) -> bool {
    // AndroidX's and the platform's factories instantiate the named class itself.
    const PLAIN: &[&str] = &["androidx.core.app.CoreComponentFactory", "android.app.AppComponentFactory"];
    view.merged.sources.iter().any(|&id| {
        let doc = &cx.project.manifest(id).doc;
        doc.elements_named("application")
            .filter_map(|app| doc.android_value(app, "appComponentFactory"))
            .any(|f| !f.trim().is_empty() && !PLAIN.contains(&f.trim()))
    })
}
