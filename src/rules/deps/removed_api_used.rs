//! PL308: code imports a class that the resolved version of its SDK no longer has.
use super::matches_any;
use crate::diagnostics::Diagnostic;
use crate::project::deps::{compare_versions, variant_deps};
use crate::project::merge::merged_modules;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;
use std::cmp::Ordering;

declare_rule! {
    /// ## What it checks
    /// A Java or Kotlin file of the app or of a local library it merges imports a class that the
    /// catalog records as removed from an SDK, and the version that SDK resolves to (written
    /// directly, or managed by a BoM) no longer has it — for example
    /// `com.google.firebase.iid.FirebaseInstanceId` with `firebase-messaging` 22.0.0 or later (or the
    /// Firebase BoM 28.0.0 or later) and no explicit `firebase-iid`. Only imports are read; when the
    /// version is unknown the rule says nothing.
    ///
    /// ## Why it matters
    /// The code no longer compiles, or, when a stale transitive copy slips in, fails at run time
    /// while fetching the push token.
    ///
    /// ## Example
    /// `import com.google.firebase.iid.FirebaseInstanceId;` with
    /// `implementation platform('com.google.firebase:firebase-bom:31.2.3')`.
    ///
    /// ## How to fix
    /// Move to the replacement API named in the help, or declare the artifact that still provides the
    /// class.
    pub(crate) REMOVED_API_USED {
        code: "PL308",
        name: "removed-api-used",
        family: Family::Deps,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let deps = variant_deps(cx.project, view.module, view.variant);
        for api in &cx.catalog.families.removed_api {
            if deps.iter().any(|d| matches_any(&api.restored_by, d.coordinate())) {
                continue;
            }
            // The evidence that the resolved version lacks the classes: a direct version, else a BoM.
            let mut evidence: Option<(Span, String)> = None;
            let mut unsure = false;
            for d in deps.iter().filter(|d| d.coordinate() == api.module && !d.platform) {
                match d.version.value() {
                    Some(v) => match compare_versions(v, &api.removed_in) {
                        Some(Ordering::Less) => unsure = true,
                        Some(_) => evidence = Some((d.coord_span, format!("`{}:{v}` declared here", api.module))),
                        None => unsure = true,
                    },
                    None if d.version.is_absent() => {
                        let boms: Vec<_> = deps
                            .iter()
                            .filter(|b| b.platform && api.bom.as_ref().is_some_and(|f| f.module == b.coordinate()))
                            .collect();
                        let mut found = false;
                        for b in boms {
                            let (Some(bv), Some(fact)) = (b.version.value(), api.bom.as_ref()) else { continue };
                            if compare_versions(bv, &fact.removed_in).is_some_and(|o| o != Ordering::Less) {
                                found = true;
                                evidence = Some((b.coord_span, format!("`{}:{bv}` manages its version", fact.module)));
                            }
                        }
                        if !found {
                            unsure = true;
                        }
                    }
                    None => unsure = true,
                }
            }
            let Some((ev_span, ev_label)) = evidence else { continue };
            if unsure {
                continue;
            }
            for &m in merged_modules(cx.project, view.module) {
                let Some(module) = cx.project.modules.get(m) else { continue };
                for src in module.sources.iter().filter(|s| view.variant.source_sets.contains(&s.source_set)) {
                    for import in src.summary.imports.iter().filter(|i| api.classes.contains(&i.value)) {
                        let mut d = Diagnostic::new(
                            &REMOVED_API_USED,
                            format!("`{}` is not in `{}` {} or later", import.value, api.module, api.removed_in),
                        )
                        .primary(Span::new(src.file, import.range), "imported here")
                        .secondary(ev_span, ev_label.clone());
                        if !api.confirmed {
                            d = d.severity(Severity::Warning);
                        }
                        let d = d.about_coordinate(cx, Some(view), &api.module);
                        out.push(
                            d.note("the code no longer compiles against this version, so the push token is never fetched")
                                .help(format!(
                                    "use {} instead, or declare `{}` explicitly",
                                    api.replacement,
                                    api.restored_by.first().map(String::as_str).unwrap_or(api.module.as_str())
                                )),
                        );
                    }
                }
            }
        }
    });
}
