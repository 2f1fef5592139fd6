//! PL304: a push-related dependency with a dynamic version (`+`, `latest.release`, open range).
use super::{push_related, version, version_span};
use crate::diagnostics::Diagnostic;
use crate::project::deps::{ResolvedDep, is_dynamic_version, resolve_classpath};
use crate::project::resolve::Scope;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A push-related dependency or plugin classpath entry — one the vendor catalog knows, such as
    /// a vendor SDK, a TPNS/TIMPush artifact, an aggregator's SDK (`com.umeng.umsdk:push`) or a
    /// vendor Gradle plugin — asks for a dynamic
    /// version: `+`, `1.+`, `latest.release`, `latest.integration`, or a range open at one end
    /// (`[1.0,)`). Other dependencies are not checked unless the catalog's
    /// `dynamic_versions.all` is set. Like Android Lint's `GradleDynamicVersion`.
    ///
    /// ## Why it matters
    /// Each build may pick up a different vendor SDK. A new release that changes the manifest, the
    /// minimum SDK or the token API breaks push on the next build without any change in the project,
    /// and two builds of one commit can behave differently.
    ///
    /// ## Example
    /// `implementation 'com.meizu.flyme.internet:push-internal:3.6.+@aar'`.
    ///
    /// ## How to fix
    /// Pin an exact version, and upgrade it deliberately.
    pub(crate) DEPENDENCY_VERSION_DYNAMIC {
        code: "PL304",
        name: "dependency-version-dynamic",
        family: Family::Deps,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let all = cx.catalog.families.dynamic_versions.all;
    let report = |d: &ResolvedDep, out: &mut Vec<Diagnostic>| {
        let Some(v) = version(d) else { return };
        if !is_dynamic_version(v) || !(all || push_related(cx.catalog, d.coordinate())) {
            return;
        }
        let mut diag = Diagnostic::new(
            &DEPENDENCY_VERSION_DYNAMIC,
            format!("`{}` uses the dynamic version `{v}`", d.coordinate()),
        )
        .primary(version_span(d), "dynamic version set here");
        if version_span(d) != d.coord_span && version_span(d).file != d.span.file {
            diag = diag.secondary(d.coord_span, "dependency declared here");
        }
        let diag = diag.about_coordinate(cx, None, d.coordinate());
        out.push(
            diag.note("each build may resolve a different SDK release, so push can break without any change in the project")
                .help(format!("pin an exact version of `{}`", d.coordinate())),
        );
    };
    for d in cx.project.modules.iter().flat_map(|m| m.deps.iter()) {
        report(d, out);
    }
    let classpaths = cx.project.root_build.iter().map(|b| (Scope::for_root(cx.project), b)).chain(
        cx.project.modules.iter().enumerate().filter_map(|(i, m)| {
            // The root module's build file is the root build file: read it once.
            (m.path != ":").then_some(())?;
            m.build.as_ref().map(|b| (Scope::for_module(cx.project, i), b))
        }),
    );
    for (scope, build) in classpaths {
        let (entries, _) = resolve_classpath(cx.project, &scope, build, usize::MAX);
        for d in &entries {
            report(d, out);
        }
    }
}
