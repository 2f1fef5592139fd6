//! Static dependency resolution: every declared dependency of a module with its coordinates,
//! version (literal, variable, `ext`, properties or version catalog; BoM-managed when absent),
//! configuration and the variants it reaches. Unresolvable coordinates stay `Unknown`.

use super::resolve::Scope;
use super::variants::Variant;
use super::{Located, Project, Resolved};
use crate::parse::gradle::{DepNotation, Dependency, RepoScope};
use crate::span::{FileId, Span};

/// One resolved `group:name[:version]` dependency.
#[derive(Clone, Debug)]
pub struct ResolvedDep {
    /// The module it belongs to: the one whose build file declares it, or, for a root
    /// `allprojects {}` / `subprojects {}` dependency, the one it is declared for.
    pub module: usize,
    pub configuration: String,
    /// `group:name`, built once: rules compare it in their inner loops.
    coordinate: String,
    /// `Absent` when no version is written (a BoM or platform manages it).
    pub version: Resolved,
    /// Declared through `platform(…)` / `enforcedPlatform(…)`.
    pub platform: bool,
    /// The whole statement.
    pub span: Span,
    /// The coordinate text (the literal, the map or the catalog accessor).
    pub coord_span: Span,
    /// Inside an `if`/`else` or other condition.
    pub conditional: bool,
    /// Reached through a version-catalog accessor or bundle: the accessor text.
    pub catalog_alias: Option<String>,
    /// The version was part of the name (`agcp-1.9.1.303`): a file in a flat folder.
    pub version_in_name: bool,
}

impl ResolvedDep {
    /// `group:name`.
    pub fn coordinate(&self) -> &str {
        &self.coordinate
    }
    /// The group: everything before the first `:` (a resolved group holds none).
    pub fn group(&self) -> &str {
        self.coordinate.split_once(':').map_or("", |(g, _)| g)
    }
    /// The artifact name.
    pub fn name(&self) -> &str {
        self.coordinate.split_once(':').map_or(self.coordinate.as_str(), |(_, n)| n)
    }

    /// Whether this is `coordinate` (`group:name`).
    pub fn is(&self, coordinate: &str) -> bool {
        self.coordinate == coordinate
    }

    /// Whether the dependency ends up in the APK at all (not test-only, not compile-only, not a processor).
    pub fn is_packaged(&self) -> bool {
        Self::configuration_is_packaged(&self.configuration)
    }

    /// Whether a configuration name puts its dependencies into the APK: the Android Gradle
    /// plugin's packaged configurations (`implementation`, `api`, `runtimeOnly`, the old
    /// `compile`/`runtime`/`apk`), alone or with a variant prefix (`chinaImplementation`). Any other
    /// name — test and processor configurations, tool plugins such as `detektPlugins` or
    /// `spotbugsPlugins`, `coreLibraryDesugaring`, `classpath` — does not.
    pub fn configuration_is_packaged(c: &str) -> bool {
        // The common names answer without lower-casing a copy (asked for every dependency of
        // every variant by several rules).
        if matches!(c, "implementation" | "api" | "runtimeOnly" | "compile" | "runtime" | "apk") {
            return true;
        }
        const SUFFIXES: &[&str] = &["Implementation", "Api", "RuntimeOnly", "Compile", "Runtime", "Apk"];
        let Some(prefix) = SUFFIXES.iter().find_map(|s| c.strip_suffix(s)).filter(|p| !p.is_empty()) else {
            return false;
        };
        // Test configurations: `testImplementation`, `androidTestApi`, `testFixturesApi`,
        // `screenshotTestImplementation`, Kotlin Multiplatform's `androidUnitTest…`, `commonTest…`.
        let lower = prefix.to_ascii_lowercase();
        !(lower.starts_with("test")
            || lower.starts_with("androidtest")
            || lower.starts_with("screenshottest")
            || lower.contains("unittest")
            || lower.contains("instrumentedtest")
            || lower == "commontest")
    }

    /// The variant-specific prefix of the configuration (`china` in `chinaImplementation`), if any.
    pub fn configuration_prefix(&self) -> Option<&str> {
        const SUFFIXES: &[&str] = &["Implementation", "Api", "Compile", "RuntimeOnly", "Apk"];
        let c = self.configuration.as_str();
        SUFFIXES.iter().find_map(|s| c.strip_suffix(s)).filter(|p| !p.is_empty())
    }

    /// Whether the dependency reaches `variant` of the app: unprefixed configurations reach every
    /// variant; `chinaImplementation` reaches variants with flavor `china`, `debugApi` those of
    /// build type `debug`, `chinaDebugImplementation` exactly that variant.
    pub fn reaches(&self, variant: &Variant) -> bool {
        configuration_reaches(&self.configuration, variant)
    }
}

/// Whether a dependency declared in `configuration` reaches `variant` of the app: unprefixed
/// packaged configurations reach every variant; `chinaImplementation` those with flavor `china`,
/// `debugApi` those of build type `debug`, `chinaDebugImplementation` exactly that variant.
pub fn configuration_reaches(configuration: &str, variant: &Variant) -> bool {
    if !ResolvedDep::configuration_is_packaged(configuration) {
        return false;
    }
    const SUFFIXES: &[&str] = &["Implementation", "Api", "Compile", "RuntimeOnly", "Apk"];
    let Some(prefix) = SUFFIXES.iter().find_map(|s| configuration.strip_suffix(s)).filter(|p| !p.is_empty())
    else {
        return true;
    };
    if prefix == variant.name || prefix == variant.build_type || variant.flavors.iter().any(|f| f == prefix) {
        return true;
    }
    // A flavor combination (`chinaFree`) or flavor + build type prefix.
    variant.source_sets.iter().any(|s| s == prefix)
}

/// A jar or aar file dropped into a module's `libs/` folder.
#[derive(Clone, Debug)]
pub struct LocalArchive {
    pub module: usize,
    /// The file name, e.g. `MiPush_SDK_Client_5_1_1-C.jar`.
    pub file_name: String,
    /// Relative to the project root.
    pub rel_path: String,
}

/// Resolves the dependencies declared in module `idx`'s build file, then those the root build
/// file declares for it in `allprojects {}` / `subprojects {}` (resolved in the root's scope).
pub fn resolve_module(project: &Project, idx: usize) -> Vec<ResolvedDep> {
    let module = &project.modules[idx];
    let Some(build) = &module.build else { return Vec::new() };
    let scope = Scope::for_module(project, idx);
    let mut out = Vec::new();
    for d in &build.script.dependencies {
        resolve_one(project, &scope, idx, build.file, d, &d.notation, false, &mut out);
    }
    if let Some(root) = &project.root_build {
        let root_scope = Scope::for_root(project);
        for d in shared_dependencies(project, idx) {
            resolve_one(project, &root_scope, idx, root.file, d, &d.notation, false, &mut out);
        }
    }
    // What the convention plugins it applies add, resolved in their own script's scope.
    for (conv, scope) in convention_scopes(project, idx) {
        for d in &conv.script.dependencies {
            resolve_one(project, &scope, idx, conv.file, d, &d.notation, false, &mut out);
        }
    }
    out
}

/// The scripts of the convention plugins module `idx` applies, each with the scope its values
/// resolve in (its own locals, then the module's properties).
pub fn convention_scopes(project: &Project, idx: usize) -> Vec<(&super::BuildFile, Scope<'_>)> {
    let Some(m) = project.modules.get(idx) else { return Vec::new() };
    m.conventions
        .iter()
        .filter_map(|a| project.conventions.get(a.plugin))
        .map(|c| {
            let scope = Scope {
                project,
                build: Some(&c.build),
                module_properties: m.properties.as_ref(),
                dir_rel: m.dir_rel.as_str(),
            };
            (&c.build, scope)
        })
        .collect()
}

/// The dependencies the root build file declares for module `idx`: `allprojects {}` ones for
/// every project, `subprojects {}` ones for all but the root project.
fn shared_dependencies(project: &Project, idx: usize) -> impl Iterator<Item = &Dependency> {
    let is_root = project.modules.get(idx).is_some_and(|m| m.path == ":");
    project
        .root_build
        .iter()
        .chain(project.root_applied.iter().map(|a| &a.build))
        .flat_map(|b| &b.script.shared_dependencies)
        .filter(move |(scope, _)| !(is_root && *scope == RepoScope::Subprojects))
        .map(|(_, d)| d)
}

/// `name-1.2.3` (a file name in a flat folder): the name and the version, when the part after
/// the last `-` before a digit is a dotted version.
fn file_version(name: &str) -> Option<(&str, &str)> {
    let at = name
        .char_indices()
        .filter(|&(i, c)| c == '-' && name[i + 1..].starts_with(|d: char| d.is_ascii_digit()))
        .map(|(i, _)| i)
        .next()?;
    let (n, v) = (&name[..at], &name[at + 1..]);
    let dotted = v.split('.').take(2).filter(|p| p.starts_with(|d: char| d.is_ascii_digit())).count() == 2;
    (!n.is_empty() && dotted).then_some((n, v))
}

#[allow(clippy::too_many_arguments)]
fn resolve_one(
    project: &Project,
    scope: &Scope,
    idx: usize,
    file: FileId,
    d: &Dependency,
    notation: &DepNotation,
    platform: bool,
    out: &mut Vec<ResolvedDep>,
) {
    let base = |group: String, name: String, version: Resolved, coord_span: Span, alias: Option<String>| {
        // A flat folder's file named with its version (`agcp-1.9.1.303` for `agcp-1.9.1.303.jar`)
        // is that artifact at that version.
        let (name, version, version_in_name) = match (version.is_absent(), file_version(&name)) {
            (true, Some((n, v))) => {
                (n.to_string(), Resolved::Known(Located::new(v.to_string(), coord_span)), true)
            }
            _ => (name, version, false),
        };
        ResolvedDep {
            module: idx,
            configuration: d.configuration.value.clone(),
            coordinate: format!("{group}:{name}"),
            version,
            platform,
            span: Span::new(file, d.range),
            coord_span,
            conditional: d.conditional,
            catalog_alias: alias,
            version_in_name,
        }
    };
    match notation {
        DepNotation::Module { group, name, version, .. } => {
            let (Some(g), Some(n)) =
                (scope.resolve(group, file).value().cloned(), scope.resolve(name, file).value().cloned())
            else {
                return;
            };
            let version = scope.resolve_opt(version.as_ref(), file);
            let span = Span::new(
                file,
                group.range.cover(name.range).cover(version_range(notation).unwrap_or(name.range)),
            );
            out.push(base(g, n, version, span, None));
        }
        // An accessor of a catalog settings declare under another name (`deps.androidx.core`).
        DepNotation::Raw(crate::span::Spanned { value: crate::parse::gradle::Value::Ref(r), range })
            if project
                .catalogs()
                .lookup(r)
                .is_some_and(|(_, _, rest)| !r.starts_with("libs.") && !rest.is_empty()) =>
        {
            catalog_deps(project, file, r, *range, &base, out)
        }
        DepNotation::Raw(v) => {
            let resolved = scope.resolve(v, file);
            let Some(text) = resolved.value() else { return };
            let mut parts = text.split('@').next().unwrap_or("").split(':');
            let (Some(g), Some(n)) = (parts.next(), parts.next()) else { return };
            if g.is_empty() || n.is_empty() {
                return;
            }
            let version = match parts.next() {
                Some(ver) if !ver.is_empty() => match &resolved {
                    Resolved::Known(l) => Resolved::Known(Located::new(ver.to_string(), l.span)),
                    _ => Resolved::Unknown(Span::new(file, v.range)),
                },
                _ => Resolved::Absent,
            };
            out.push(base(g.to_string(), n.to_string(), version, Span::new(file, v.range), None));
        }
        DepNotation::Catalog(acc) => catalog_deps(project, file, &acc.value, acc.range, &base, out),
        DepNotation::Platform(inner) => resolve_one(project, scope, idx, file, d, inner, true, out),
        DepNotation::Project(_)
        | DepNotation::Files { .. }
        | DepNotation::Named { .. }
        | DepNotation::Unknown => {}
    }
}

/// The libraries a catalog accessor names (`libs.hms.push`, `deps.bundles.push`), each made a
/// dependency by `base` at the accessor's range.
fn catalog_deps(
    project: &Project,
    file: FileId,
    reference: &str,
    range: crate::span::TextRange,
    base: &dyn Fn(String, String, Resolved, Span, Option<String>) -> ResolvedDep,
    out: &mut Vec<ResolvedDep>,
) {
    let Some((cat_file, catalog, accessor)) = project.catalogs().lookup(reference) else { return };
    let libs: Vec<&crate::parse::version_catalog::CatalogLibrary> = match accessor.strip_prefix("bundles.") {
        Some(bundle) => catalog
            .bundles
            .iter()
            .find(|(k, _)| crate::parse::version_catalog::accessor(&k.value) == bundle)
            .map(|(_, items)| items.iter().filter_map(|i| catalog.library(&i.value)).collect())
            .unwrap_or_default(),
        None => catalog.library(accessor).into_iter().collect(),
    };
    for lib in libs {
        let Some((g, n)) = lib.module.value.split_once(':') else { continue };
        let version = match &lib.version {
            Some(v) => Resolved::Known(Located::new(v.value.clone(), Span::new(cat_file, v.range))),
            None => Resolved::Absent,
        };
        out.push(base(
            g.to_string(),
            n.to_string(),
            version,
            Span::new(file, range),
            Some(reference.to_string()),
        ));
    }
}

fn version_range(n: &DepNotation) -> Option<crate::span::TextRange> {
    match n {
        DepNotation::Module { version: Some(v), .. } => Some(v.range),
        _ => None,
    }
}

/// The dependencies that reach `variant` of app module `app`: the app's own and those of the local
/// library modules it merges (transitively), packaged configurations only, in module order.
pub fn variant_deps<'a>(project: &'a Project, app: usize, variant: &Variant) -> Vec<&'a ResolvedDep> {
    super::merge::merged_modules(project, app)
        .iter()
        .filter_map(|&m| project.modules.get(m))
        .flat_map(|m| m.deps.iter())
        .filter(|d| d.reaches(variant))
        .collect()
}

/// The `buildscript { dependencies { classpath … } }` entries of a build file, resolved in `scope`;
/// `module` is recorded in each entry (the module index, or `usize::MAX` for the root build file).
/// The flag is true when some entry's coordinates could not be resolved.
pub fn resolve_classpath(
    project: &Project,
    scope: &Scope,
    build: &super::BuildFile,
    module: usize,
) -> (Vec<ResolvedDep>, bool) {
    let mut out = Vec::new();
    let mut unknown = false;
    for d in &build.script.classpath {
        let before = out.len();
        resolve_one(project, scope, module, build.file, d, &d.notation, false, &mut out);
        if out.len() == before && !matches!(d.notation, DepNotation::Files { .. }) {
            unknown = true;
        }
    }
    (out, unknown)
}

/// Whether a version string asks Gradle for whatever is newest: `+`, `1.+`, `latest.release`,
/// `latest.integration`, or a range open at one end (`[1.0,)`, `(,2.0]`).
pub fn is_dynamic_version(v: &str) -> bool {
    let v = v.trim();
    if v.ends_with('+') || v.starts_with("latest.") {
        return true;
    }
    let ranged = (v.starts_with('[') || v.starts_with('(') || v.starts_with(']'))
        && (v.ends_with(']') || v.ends_with(')') || v.ends_with('['));
    if ranged {
        let inner = v.get(1..v.len().saturating_sub(1)).unwrap_or("");
        return match inner.split_once(',') {
            Some((lo, hi)) => lo.trim().is_empty() || hi.trim().is_empty(),
            None => false,
        };
    }
    false
}

/// The leading numeric parts of a version (`1.3.1.1-release` → `[1, 3, 1, 1]`); None for a
/// dynamic version or one that does not start with a number.
pub fn version_numbers(v: &str) -> Option<Vec<u64>> {
    if is_dynamic_version(v) {
        return None;
    }
    let mut out = Vec::new();
    for part in v.trim().split(['.', '-', '_']) {
        match part.parse::<u64>() {
            Ok(n) => out.push(n),
            Err(_) => break,
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

/// Compares two versions by their numeric parts (missing parts count as 0); None when either is
/// not comparable.
pub fn compare_versions(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let (x, y) = (version_numbers(a)?, version_numbers(b)?);
    let n = x.len().max(y.len());
    for i in 0..n {
        let (p, q) = (x.get(i).copied().unwrap_or(0), y.get(i).copied().unwrap_or(0));
        if p != q {
            return Some(p.cmp(&q));
        }
    }
    Some(std::cmp::Ordering::Equal)
}

/// Whether some dependency that could reach app module `app` is invisible to pushlint: a merged
/// module without a readable build file, an unconditional `project(':x')` naming no module of the
/// project (a sparse checkout), or a coordinate that does not resolve. Rules that report something
/// *missing* stay silent then.
pub fn has_unseen_deps(project: &Project, app: usize) -> bool {
    // Asked for each variant by several rules; the model does not change once built.
    match project.modules.get(app) {
        Some(m) => *m.derived.has_unseen_deps.get_or_init(|| unseen_deps(project, app)),
        None => true,
    }
}

fn unseen_deps(project: &Project, app: usize) -> bool {
    let root_scope = Scope::for_root(project);
    for &m in super::merge::merged_modules(project, app) {
        let Some(module) = project.modules.get(m) else { return true };
        let Some(build) = &module.build else { return true };
        // A script applied with `apply from:` that could not be read may add anything.
        if !module.unread_applied.is_empty() {
            // Build tools' scripts (Flutter's) add dependencies too.
            return true;
        }
        let scope = Scope::for_module(project, m);
        if build.script.dependencies.iter().any(|d| !seen(project, &scope, m, build.file, d)) {
            return true;
        }
        for (conv, scope) in convention_scopes(project, m) {
            if conv.script.dependencies.iter().any(|d| !seen(project, &scope, m, conv.file, d)) {
                return true;
            }
        }
        // A registered convention plugin whose code was not read may add anything.
        if !project.unread_conventions.is_empty()
            && build.script.plugins.iter().any(|p| {
                p.apply && p.id.value.literal().is_some_and(|id| project.unread_conventions.contains(&id))
            })
        {
            return true;
        }
        if let Some(root) = &project.root_build {
            // A `project(…)` declared for every project is not linked into the model.
            if shared_dependencies(project, m).any(|d| {
                matches!(d.notation, DepNotation::Project(_)) || !seen(project, &root_scope, m, root.file, d)
            }) {
                return true;
            }
        }
    }
    false
}

/// Whether the model holds what dependency `d` (declared in `file`) brings in module `m`.
fn seen(project: &Project, scope: &Scope, m: usize, file: FileId, d: &Dependency) -> bool {
    match &d.notation {
        DepNotation::Project(p) => {
            d.conditional || project.module_by_path(&super::project_key(&p.value)).is_some()
        }
        DepNotation::Files { .. } | DepNotation::Named { .. } => true,
        DepNotation::Unknown => !ResolvedDep::configuration_is_packaged(&d.configuration.value),
        notation => {
            let mut out = Vec::new();
            resolve_one(project, scope, m, file, d, notation, false, &mut out);
            !out.is_empty() || !ResolvedDep::configuration_is_packaged(&d.configuration.value)
        }
    }
}

#[cfg(test)]
mod version_tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn dynamic_versions() {
        for v in ["+", "1.+", "3.6.+", "latest.release", "latest.integration", "[1.0,)", "(,2.0]", "[1.0, )"]
        {
            assert!(is_dynamic_version(v), "{v}");
        }
        for v in ["1.0", "1.3.1.1-release", "[1.0,2.0]", "[1.0]", "7.9.5666"] {
            assert!(!is_dynamic_version(v), "{v}");
        }
    }

    #[test]
    fn comparisons() {
        assert_eq!(compare_versions("7.6.5011", "7.9.5666"), Some(Ordering::Less));
        assert_eq!(compare_versions("22.0.0", "22"), Some(Ordering::Equal));
        assert_eq!(compare_versions("1.3.2.0-release", "1.3.1.1-release"), Some(Ordering::Greater));
        assert_eq!(compare_versions("latest.release", "1.0"), None);
        assert_eq!(version_numbers("1.2.7.1-release"), Some(vec![1, 2, 7, 1]));
        assert_eq!(version_numbers("abc"), None);
    }
}
