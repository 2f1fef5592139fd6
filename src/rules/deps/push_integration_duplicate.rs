//! PL306: a push component module (TUIOfflinePush) merged together with TIMPush.
use super::matches_any;
use crate::diagnostics::Diagnostic;
use crate::project::deps::variant_deps;
use crate::project::merge::merged_modules;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An app variant merges a local push component module that the catalog says must not be
    /// combined with an artifact — the TUIOfflinePush module (`:tuiofflinepush`) together with the
    /// TIMPush main package `com.tencent.timpush:timpush`.
    ///
    /// ## Why it matters
    /// Both register the vendor channels and report the device token to the IM backend: vendors are
    /// registered twice, two receivers answer one broadcast, and the token reported last wins.
    /// Tencent's demo comments out `include ':tuiofflinepush'` when it switches to TIMPush.
    ///
    /// ## Example
    /// `settings.gradle` includes `:tuiofflinepush`, `app/build.gradle` has `api project(':tuiofflinepush')`
    /// and `implementation 'com.tencent.timpush:timpush:7.9.5666'`.
    ///
    /// ## How to fix
    /// Remove the TUIOfflinePush module (its `project(…)` dependency and its `include`), or drop TIMPush.
    pub(crate) PUSH_INTEGRATION_DUPLICATE {
        code: "PL306",
        name: "push-integration-duplicate",
        family: Family::Deps,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let deps = variant_deps(cx.project, view.module, view.variant);
        let merged = merged_modules(cx.project, view.module);
        for rule in &cx.catalog.families.exclusive_module {
            let Some(conflict) = deps.iter().find(|d| matches_any(&rule.conflicts_with, d.coordinate()))
            else {
                continue;
            };
            for &m in merged {
                let Some(module) = cx.project.modules.get(m) else { continue };
                if module.path.rsplit(':').next() != Some(rule.project.as_str()) {
                    continue;
                }
                // Point at the `project(':x')` line that pulls the module in.
                let Some(span) = cx
                    .project
                    .modules
                    .iter()
                    .flat_map(|x| x.project_deps.iter())
                    .find(|(target, _)| *target == m)
                    .map(|(_, s)| *s)
                else {
                    continue;
                };
                let d = Diagnostic::new(
                    &PUSH_INTEGRATION_DUPLICATE,
                    format!("`{}` is used together with `{}`", module.path, conflict.coordinate()),
                );
                out.push(
                    d.about_integrations(view)
                        .primary(span, format!("the {} module is pulled in here", rule.display))
                        .secondary(conflict.coord_span, format!("`{}` declared here", conflict.coordinate()))
                        .secondary_opt(module.include_span, format!("`{}` included here", module.path))
                        .note(rule.why.clone())
                        .help(format!(
                            "remove the {} module, or drop `{}`",
                            rule.display,
                            conflict.coordinate()
                        )),
                );
            }
        }
    });
}
