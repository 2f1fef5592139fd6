//! PL307: one push artifact declared with different versions by the modules of one app.
use super::{push_related, version, version_span};
use crate::diagnostics::Diagnostic;
use crate::project::deps::{ResolvedDep, compare_versions, variant_deps};
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use std::cmp::Ordering;

declare_rule! {
    /// ## What it checks
    /// A push-related artifact is declared with different exact versions by different modules that
    /// end up in one app variant — for example a local push library pinning
    /// `com.tencent.timpush:huawei:7.7.5282` while the app declares `8.1.6103`. Declarations inside
    /// `if`/`else` branches are not compared.
    ///
    /// ## Why it matters
    /// Gradle silently resolves every module to the highest version, so the module that pinned the
    /// lower one is compiled against an SDK it does not get at run time; upgrades of either side
    /// then change push behaviour unnoticed.
    ///
    /// ## Example
    /// `tuiofflinepush/build.gradle` has `implementation 'com.tencent.timpush:huawei:7.7.5282'`,
    /// `app/build.gradle` has `implementation 'com.tencent.timpush:huawei:8.1.6103'`.
    ///
    /// ## How to fix
    /// Declare the version once (a root `ext` variable or a version-catalog entry) and use it in
    /// every module.
    pub(crate) DEPENDENCY_VERSION_CONFLICT {
        code: "PL307",
        name: "dependency-version-conflict",
        family: Family::Deps,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let deps: Vec<&ResolvedDep> = variant_deps(cx.project, view.module, view.variant)
            .into_iter()
            .filter(|d| !d.conditional && !d.platform && version(d).is_some())
            .collect();
        let mut done: Vec<&str> = Vec::new();
        for d in &deps {
            let coord = d.coordinate();
            if done.contains(&coord) || !push_related(cx.catalog, coord) {
                continue;
            }
            done.push(coord);
            let same: Vec<&&ResolvedDep> = deps.iter().filter(|x| x.coordinate() == coord).collect();
            let highest = same.iter().copied().fold(None::<&&ResolvedDep>, |best, x| match best {
                Some(b) if compare_versions(version(x).unwrap_or(""), version(b).unwrap_or(""))
                    != Some(Ordering::Greater) =>
                {
                    Some(b)
                }
                _ => Some(x),
            });
            let Some(high) = highest else { continue };
            let high_v = version(high).unwrap_or_default();
            for low in same.iter().filter(|x| {
                x.module != high.module
                    && compare_versions(version(x).unwrap_or(""), high_v) == Some(Ordering::Less)
            }) {
                let low_v = version(low).unwrap_or_default();
                let (Some(lm), Some(hm)) = (cx.project.modules.get(low.module), cx.project.modules.get(high.module))
                else {
                    continue;
                };
                let d = Diagnostic::new(
                    &DEPENDENCY_VERSION_CONFLICT,
                    format!("`{coord}` is `{low_v}` in `{}` but `{high_v}` in `{}`", lm.path, hm.path),
                );
                out.push(
                    d.about_coordinate(cx, Some(view), coord)
                    .primary(version_span(low), format!("`{low_v}` set here"))
                    .secondary(version_span(high), format!("`{high_v}` set here"))
                    .note(format!(
                        "both modules resolve to `{high_v}`, so `{}` runs against an SDK version it was not written for",
                        lm.path
                    ))
                    .help(format!("declare one version of `{coord}` for every module")),
                );
            }
        }
    });
}
