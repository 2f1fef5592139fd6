//! PL406: a vendor artifact or plugin whose vendor Maven repository is not where Gradle looks.
use crate::catalog::Catalog;
use crate::catalog::gradle::RepositoryFacts;
use crate::diagnostics::Diagnostic;
use crate::parse::gradle::{Dsl, RepoKind, RepoScope, Repository};
use crate::project::any_unknown_script;
use crate::project::deps::{ResolvedDep, resolve_classpath, variant_deps};
use crate::project::resolve::Scope;
use crate::project::{BuildFile, Project};
use crate::rules::deps::matches_any;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A dependency or buildscript classpath entry that only a vendor's own Maven repository serves
    /// (`com.huawei.hms:*` and `com.huawei.agconnect:*` from `https://developer.huawei.com/repo/`,
    /// `com.hihonor.mcs:*` from `https://developer.hihonor.com/repo`), while the repositories Gradle
    /// uses for it lack that URL. Dependencies are resolved with the app module's repositories:
    /// `allprojects`/`subprojects` and the module's own, or `settings.gradle`
    /// `dependencyResolutionManagement` when the project declares none — and only the settings ones
    /// under `repositoriesMode` `PREFER_SETTINGS` or `FAIL_ON_PROJECT_REPOS`. Classpath entries are
    /// resolved with the root `buildscript` repositories. `http://` and `https://` count as the same
    /// repository. When any other repository is listed (a mirror such as the Tencent one, a company
    /// proxy), the rule stays silent: it may proxy the vendor's. So it does for a coordinate with no
    /// version, or one named with its version (`com.huawei.agconnect:agcp-1.9.1.303`), when a
    /// `flatDir` repository is searched: it is a file in that folder.
    ///
    /// ## Why it matters
    /// Gradle cannot find the artifact and the build fails with "Could not find com.huawei.hms:push".
    ///
    /// ## Example
    /// `implementation 'com.huawei.hms:push:6.11.0.300'` with only `google()` and `mavenCentral()`
    /// in `dependencyResolutionManagement`.
    ///
    /// ## How to fix
    /// Add `maven { url 'https://developer.huawei.com/repo/' }` to the repositories block named in
    /// the help.
    pub(crate) VENDOR_REPOSITORY_MISSING {
        code: "PL406",
        name: "vendor-repository-missing",
        family: Family::Plugins,
        severity: Severity::Error,
        check,
    }
}

/// A repository declaration with the file it is in.
#[derive(Clone, Copy)]
struct Repo<'a> {
    file: crate::span::FileId,
    repo: &'a Repository,
    dsl: Dsl,
}

fn normalize(url: &str) -> String {
    let u = url.trim().to_ascii_lowercase();
    let u = u.strip_prefix("https://").or_else(|| u.strip_prefix("http://")).unwrap_or(&u).to_string();
    u.trim_end_matches('/').to_string()
}

fn url_of(r: &Repository) -> Option<String> {
    match &r.kind {
        RepoKind::Maven(Some(v)) => v.value.literal(),
        _ => None,
    }
}

/// Whether a repository may serve anything (a proxy, a local repository, an unknown URL).
fn maybe_proxy(catalog: &Catalog, r: &Repository) -> bool {
    match &r.kind {
        RepoKind::Google | RepoKind::MavenCentral | RepoKind::JCenter | RepoKind::GradlePluginPortal => false,
        RepoKind::FlatDir => false,
        RepoKind::MavenLocal | RepoKind::Other(_) | RepoKind::Maven(None) => true,
        RepoKind::Maven(Some(_)) => match url_of(r) {
            None => true,
            Some(u) => {
                let n = normalize(&u);
                let public = catalog.families.public_repositories.iter().any(|p| normalize(p) == n);
                let vendor = catalog
                    .vendors
                    .iter()
                    .flat_map(|v| v.gradle.repositories.iter())
                    .any(|x| normalize(&x.url) == n);
                !public && !vendor
            }
        },
    }
}

fn repos_in<'a>(build: &'a BuildFile, scopes: &[RepoScope]) -> Vec<Repo<'a>> {
    build
        .script
        .repositories
        .iter()
        .filter(|r| scopes.contains(&r.scope))
        .map(|repo| Repo { file: build.file, repo, dsl: build.script.dsl })
        .collect()
}

/// The repositories Gradle uses for a module's dependencies, and those it ignores, with where to add one.
fn dependency_repos<'a>(project: &'a Project, module: usize) -> (Vec<Repo<'a>>, Vec<Repo<'a>>, String) {
    let is_root = project.modules.get(module).is_some_and(|m| m.path == ":");
    let mut project_repos = Vec::new();
    if let Some(root) = &project.root_build {
        let mut scopes = vec![RepoScope::AllProjects];
        if is_root {
            scopes.push(RepoScope::Project);
        } else {
            scopes.push(RepoScope::Subprojects);
        }
        project_repos.extend(repos_in(root, &scopes));
        for a in &project.root_applied {
            project_repos.extend(repos_in(&a.build, &scopes));
        }
    }
    if !is_root {
        if let Some(b) = project.modules.get(module).and_then(|m| m.build.as_ref()) {
            project_repos.extend(repos_in(b, &[RepoScope::Project]));
        }
    }
    let settings_repos = project
        .settings
        .as_ref()
        .map(|s| repos_in(s, &[RepoScope::DependencyResolution]))
        .unwrap_or_default();
    let mode =
        project.settings.as_ref().and_then(|s| s.script.repositories_mode.as_ref()).map(|m| m.value.as_str());
    let settings_only =
        mode.is_some_and(|m| m.contains("PREFER_SETTINGS") || m.contains("FAIL_ON_PROJECT_REPOS"));
    let settings_path = project
        .settings
        .as_ref()
        .map(|s| project.files.get(s.file).rel.clone())
        .unwrap_or("settings.gradle".into());
    let root_path = project
        .root_build
        .as_ref()
        .map(|b| project.files.get(b.file).rel.clone())
        .unwrap_or("build.gradle".into());
    let in_settings =
        format!("`dependencyResolutionManagement {{ repositories {{ }} }}` in `{settings_path}`");
    if settings_only {
        (settings_repos, project_repos, in_settings)
    } else if !project_repos.is_empty() {
        let allprojects = project_repos.iter().any(|r| r.repo.scope == RepoScope::AllProjects);
        let place = if allprojects {
            format!("`allprojects {{ repositories {{ }} }}` in `{root_path}`")
        } else {
            "the module's `repositories { }`".to_string()
        };
        (project_repos, settings_repos, place)
    } else {
        (settings_repos, Vec::new(), in_settings)
    }
}

fn snippet(dsl: Dsl, url: &str) -> String {
    match dsl {
        Dsl::Groovy => format!("maven {{ url '{url}' }}"),
        Dsl::Kotlin => format!("maven(\"{url}\")"),
    }
}

/// The repositories Gradle searches for a dependency, those it ignores, and where to add one.
struct Searched<'a> {
    used: Vec<Repo<'a>>,
    ignored: Vec<Repo<'a>>,
    place: String,
}

/// Reports `dep` when the searched repositories (non-empty, no possible proxy) lack the vendor's.
fn verdict(
    cx: &Ctx,
    dep: &ResolvedDep,
    (facts, vendor): (&RepositoryFacts, &crate::catalog::Vendor),
    searched: &Searched,
    out: &mut Vec<Diagnostic>,
) {
    let (used, ignored, place) = (&searched.used, &searched.ignored, &searched.place);
    let display = vendor.display.as_str();
    let wanted = normalize(&facts.url);
    let has = |r: &Repo| url_of(r.repo).is_some_and(|u| normalize(&u) == wanted);
    // No repositories at all means they come from somewhere pushlint cannot see (an init script, a plugin).
    if used.is_empty() || used.iter().any(has) || used.iter().any(|r| maybe_proxy(cx.catalog, r.repo)) {
        return;
    }
    // A coordinate without a version next to a flat folder (`flatDir { dirs 'libs' }`) names a
    // file there (`agcp-1.9.1.303.jar`): no remote repository serves it.
    let flat = used.iter().any(|r| matches!(r.repo.kind, RepoKind::FlatDir));
    if flat && (dep.version.is_absent() || dep.version_in_name) {
        return;
    }
    let dsl = used.first().map(|r| r.dsl).unwrap_or_default();
    let mut d = Diagnostic::new(
        &VENDOR_REPOSITORY_MISSING,
        format!(
            "`{}` needs the {display} repository `{}`, which Gradle does not search for it",
            dep.coordinate(),
            facts.url
        ),
    )
    .primary(dep.coord_span, format!("`{}` is only served by the {display} repository", dep.coordinate()))
    .vendor(&vendor.id);
    if let Some(r) = ignored.iter().find(|r| has(r)) {
        d = d.secondary(
            Span::new(r.file, r.repo.range),
            "declared here, but Gradle ignores these repositories for this module",
        );
    }
    out.push(
        d.note(format!("the build fails with \"Could not find {}\"", dep.coordinate()))
            .help(format!("add `{}` to {place}", snippet(dsl, &facts.url))),
    );
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let served = |coord: &str| {
        cx.catalog.vendors.iter().find_map(|v| {
            v.gradle.repositories.iter().find(|r| matches_any(&r.serves, coord)).map(|r| (r, v))
        })
    };
    cx.per_variant(out, |view, out| {
        // Repositories may come from scripts pushlint cannot read: say nothing.
        let unread = any_unknown_script(&cx.project.root_unread_applied)
            || cx.project.modules.get(view.module).is_some_and(|m| any_unknown_script(&m.unread_applied));
        if unread {
            return;
        }
        let (used, ignored, place) = dependency_repos(cx.project, view.module);
        let searched = Searched { used, ignored, place };
        for dep in variant_deps(cx.project, view.module, view.variant) {
            if let Some(facts) = served(dep.coordinate()) {
                verdict(cx, dep, facts, &searched, out);
            }
        }
    });
    let Some(root) = &cx.project.root_build else { return };
    // A script the root applies but pushlint cannot read may declare the repository.
    if any_unknown_script(&cx.project.root_unread_applied) {
        return;
    }
    let root_scope = Scope::for_root(cx.project);
    let mut entries = resolve_classpath(cx.project, &root_scope, root, usize::MAX).0;
    let mut used = repos_in(root, &[RepoScope::Buildscript]);
    for a in &cx.project.root_applied {
        entries.extend(resolve_classpath(cx.project, &root_scope, &a.build, usize::MAX).0);
        used.extend(repos_in(&a.build, &[RepoScope::Buildscript]));
    }
    let searched = Searched {
        used,
        ignored: Vec::new(),
        place: format!("`buildscript {{ repositories {{ }} }}` in `{}`", cx.project.files.get(root.file).rel),
    };
    for dep in &entries {
        if let Some(facts) = served(dep.coordinate()) {
            verdict(cx, dep, facts, &searched, out);
        }
    }
}
