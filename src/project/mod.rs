//! The typed project model rules read: modules, variants, merged manifests, vendor files and
//! the console snapshot, every value with its source span. Built once per run by `load`;
//! no rule reads the disk.

pub mod build_constants;
pub mod console;
pub mod constants;
pub mod deps;
pub mod detect;
pub mod discover;
pub mod filter_index;
pub mod gitignore;
pub mod libraries;
pub mod matching;
pub mod merge;
pub mod paths;
pub mod resolve;
pub mod source;
pub mod timpush_configs;
pub mod variants;

use crate::parse::gradle::GradleScript;
use crate::parse::json::JsonDoc;
use crate::parse::manifest::{ElemId, Element, ManifestDoc};
use crate::parse::properties::PropertiesFile;
use crate::parse::version_catalog::VersionCatalog;
use crate::span::{FileId, Span, TextRange};
pub use console::{Certificate, ClickAction, ConsoleFile};

/// Every kind of file pushlint reads, as file-name globs (`*` stays inside a name): manifests
/// (custom `manifest.srcFile` names included), Gradle files, properties, version catalogs and
/// `pushlint.toml`, the vendor, console and key JSON files, and the Java and Kotlin sources
/// that hold constants and secrets. The pre-commit hooks' `files` pattern is derived from it.
pub const INPUT_FILE_NAMES: &[&str] = &[
    "*.xml",
    "*.gradle",
    "*.gradle.kts",
    "gradle.properties",
    "*.toml",
    "*.json",
    "*.java",
    "*.kt",
    "*.aar",
];

/// `INPUT_FILE_NAMES` as the regular expression pre-commit matches staged paths against.
pub fn input_files_pattern() -> String {
    let names: Vec<String> =
        INPUT_FILE_NAMES.iter().map(|g| regex::escape(g).replace(r"\*", "[^/]*")).collect();
    format!("(^|/)({})$", names.join("|"))
}
pub use merge::{Component, ComponentKind, DataSpec, IntentFilter, MergedManifest};
pub use source::{SourceFile, SourceMap};
use std::path::PathBuf;

/// A value with the project location it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

/// A setting after static resolution: known with the span of the literal, or unknown
/// (a variable, a method call, a conditional) with the span of the expression, or not set.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Resolved<T = String> {
    Known(Located<T>),
    Unknown(Span),
    #[default]
    Absent,
}

impl<T> Resolved<T> {
    pub fn known(&self) -> Option<&Located<T>> {
        match self {
            Resolved::Known(l) => Some(l),
            _ => None,
        }
    }
    pub fn value(&self) -> Option<&T> {
        self.known().map(|l| &l.value)
    }
    pub fn span(&self) -> Option<Span> {
        match self {
            Resolved::Known(l) => Some(l.span),
            Resolved::Unknown(s) => Some(*s),
            Resolved::Absent => None,
        }
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Resolved::Absent)
    }
}

/// A build script with the file it came from.
#[derive(Clone, Debug)]
pub struct BuildFile {
    pub file: FileId,
    pub script: GradleScript,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ModuleKind {
    Application,
    Library,
    /// A module with a build file that applies neither Android plugin (or whose plugins are unknown).
    Other,
}

/// Index of a manifest in `Project::manifests`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ManifestId(pub u32);

/// One `AndroidManifest.xml` of one source set of one module.
#[derive(Clone, Debug)]
pub struct ManifestFile {
    pub file: FileId,
    pub module: usize,
    /// `main`, a flavor, a build type or a variant name; `library` for a library's manifest.
    pub source_set: String,
    pub doc: ManifestDoc,
    /// For the manifest of an AAR dependency (read from disk or taken from the catalog): its index
    /// in `Project::libraries`. `module` is then the first module that depends on it.
    pub library: Option<usize>,
}

/// An element of a manifest, addressable across the project.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElemRef {
    pub manifest: ManifestId,
    pub elem: ElemId,
}

/// A vendor JSON file (`google-services.json`, `timpush-configs.json`, …) found in a module.
#[derive(Clone, Debug)]
pub struct JsonFile {
    pub file: FileId,
    /// The file name, e.g. `google-services.json`.
    pub name: String,
    /// None for the module folder itself, else the folder under `src/` it sits in: a source set
    /// (`main`, `xiaomiRelease`) or a nested variant folder (`xiaomi/release`, `main/google-services`).
    pub source_set: Option<String>,
    pub doc: JsonDoc,
}

/// A scanned Java or Kotlin source file.
#[derive(Clone, Debug)]
pub struct JavaSource {
    pub file: FileId,
    pub source_set: String,
    pub kotlin: bool,
    pub summary: crate::parse::java::SourceFileSummary,
}

/// The key `Project::module_paths` holds a `project(…)` dependency's target under: the Gradle
/// path with its leading `:`, or a type-safe accessor as written (`projects.feature.push`).
pub fn project_key(written: &str) -> String {
    if written.starts_with(':') || written.starts_with("projects.") {
        written.to_string()
    } else {
        format!(":{written}")
    }
}

/// The type-safe accessor Gradle generates for a project path: `:push-providers:fcm_api` is
/// `projects.pushProviders.fcmApi` (kebab and snake case become camel case).
pub fn project_accessor(path: &str) -> String {
    let mut out = String::from("projects");
    for seg in path.split(':').filter(|s| !s.is_empty()) {
        out.push('.');
        for (i, part) in seg.split(['-', '_']).enumerate() {
            let mut chars = part.chars();
            match chars.next() {
                Some(c) if i > 0 => out.extend(c.to_uppercase().chain(chars)),
                Some(c) => out.extend(std::iter::once(c).chain(chars)),
                None => {}
            }
        }
    }
    out
}

/// A `<string name="…">` resource the module defines itself in a source set's `res/values/`.
#[derive(Clone, Debug)]
pub struct StringResource {
    pub name: String,
    /// The `name` attribute's value.
    pub span: Span,
    pub source_set: String,
}

/// A Gradle project (`:app`, `:feature:push`) with what was read for it.
#[derive(Clone, Debug)]
pub struct Module {
    /// Gradle path, `:app`; `:` for a single-module project rooted at the build file.
    pub path: String,
    /// Folder relative to the project root (`app`, `../TUIKit/x`), `/`-separated; "" for the root.
    pub dir_rel: String,
    pub dir: PathBuf,
    pub build: Option<BuildFile>,
    pub kind: ModuleKind,
    pub manifests: Vec<ManifestId>,
    pub json_files: Vec<JsonFile>,
    /// Module-level `gradle.properties`.
    pub properties: Option<(FileId, PropertiesFile)>,
    /// `project(':x')` dependencies, resolved to module indices, with their declaration.
    pub project_deps: Vec<(usize, Span)>,
    /// Java/Kotlin files under the module's source sets, scanned for packages, types and constants.
    pub sources: Vec<JavaSource>,
    /// `<string>` resources of the source sets' default `res/values/` folders (names only).
    pub string_resources: Vec<StringResource>,
    /// Dependencies declared in the module's build file, resolved statically.
    pub deps: Vec<deps::ResolvedDep>,
    /// Jars and aars in the module's `libs/` folder (and `fileTree` folders).
    pub archives: Vec<deps::LocalArchive>,
    /// The AAR libraries its dependencies bring in directly (transitive ones hang off them).
    pub libraries: Vec<libraries::LibraryUse>,
    pub variants: Vec<variants::Variant>,
    /// The settings line that includes the module, when there is one.
    pub include_span: Option<Span>,
    /// Convention plugins of the build's own build logic that the module applies, directly or
    /// through another convention plugin.
    pub conventions: Vec<AppliedConvention>,
    /// Gradle `namespace`, else the main manifest's `package`: what relative class names resolve against.
    pub namespace: Resolved,
    /// The module's `apply from:` statements that could not be followed (the scripts it can
    /// follow are among its `conventions`): what they add is unknown.
    pub unread_applied: Vec<UnreadScript>,
    /// What rules ask of an app module once per variant, computed on first use.
    pub(crate) derived: ModuleDerived,
}

/// Facts derived from the finished model (see `merge::merged_modules`, `deps::has_unseen_deps`).
#[derive(Clone, Debug, Default)]
pub(crate) struct ModuleDerived {
    pub merged_modules: std::sync::OnceLock<Vec<usize>>,
    pub has_unseen_deps: std::sync::OnceLock<bool>,
}

/// A problem found while reading inputs; the input rules (PL0xx) report these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputProblem {
    pub kind: InputProblemKind,
    pub span: Span,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputProblemKind {
    Xml,
    Gradle,
    Json,
    Toml,
    Unreadable,
    Encoding,
    Skipped,
    ModuleMissing,
    /// An included module's folder exists only in another case (`KotlinApp` for `:kotlinapp`):
    /// found on case-insensitive file systems, missing on Linux. The folder is read.
    ModuleFolderCase,
    ConsoleInvalid,
    ConsoleKeyUnknown,
    /// A key `pushlint.toml` does not know.
    ConfigKeyUnknown,
    /// A rule code or name in `pushlint.toml` or a suppression that names no rule.
    ConfigRuleUnknown,
    /// A library's AAR or its manifest could not be read (corrupt, oversized, unreadable).
    LibraryUnreadable,
}

/// A version catalog settings declare under a name of its own, read from a file:
/// `versionCatalogs { create("deps") { from(files("gradle/dependencies.toml")) } }`.
#[derive(Debug)]
pub struct NamedCatalog {
    pub name: String,
    pub file: FileId,
    pub catalog: VersionCatalog,
}

/// The version catalogs a build's scripts see, by the name their accessors start with.
#[derive(Clone, Copy, Debug, Default)]
pub struct Catalogs<'a> {
    pub libs: Option<&'a (FileId, VersionCatalog)>,
    pub others: &'a [NamedCatalog],
}

impl<'a> Catalogs<'a> {
    /// The catalog a dotted reference starts with (`libs.…`, `deps.…`) and the rest of it.
    pub fn lookup<'r>(self, reference: &'r str) -> Option<(FileId, &'a VersionCatalog, &'r str)> {
        let (name, rest) = reference.split_once('.')?;
        if name == "libs" {
            if let Some((file, catalog)) = self.libs {
                return Some((*file, catalog, rest));
            }
        }
        self.others.iter().find(|n| n.name == name).map(|n| (n.file, &n.catalog, rest))
    }

    /// The plugin a `<catalog>.plugins.<alias>` reference names, with its catalog file.
    pub fn plugin(
        self,
        reference: &str,
    ) -> Option<(FileId, &'a crate::parse::version_catalog::CatalogPlugin)> {
        let (file, catalog, rest) = self.lookup(reference)?;
        Some((file, catalog.plugin(rest.strip_prefix("plugins.")?)?))
    }

    /// The id of the plugin a `<catalog>.plugins.<alias>` reference names.
    pub fn plugin_id(self, reference: &str) -> Option<String> {
        self.plugin(reference).map(|(_, p)| p.id.value.clone())
    }
}

/// Everything a lint run knows about one Android project.
#[derive(Debug, Default)]
pub struct Project {
    pub root: PathBuf,
    pub files: SourceMap,
    pub settings: Option<BuildFile>,
    pub root_build: Option<BuildFile>,
    pub properties: Option<(FileId, PropertiesFile)>,
    /// The `libs` catalog: `gradle/libs.versions.toml`, or the file settings name for it.
    pub version_catalog: Option<(FileId, VersionCatalog)>,
    /// Catalogs settings declare under other names (`deps`), each read from a file.
    pub other_catalogs: Vec<NamedCatalog>,
    pub modules: Vec<Module>,
    pub manifests: Vec<ManifestFile>,
    pub consoles: Vec<ConsoleFile>,
    pub problems: Vec<InputProblem>,
    /// Other JSON files that look like server credentials (service-account keys), found in the
    /// root, module folders, `assets/` and `res/raw/`; read for the security rules only.
    pub key_files: Vec<JsonFile>,
    /// Gradle path → index in `modules`, so lookups by path are not scans.
    pub module_paths: std::collections::HashMap<String, usize>,
    /// The AAR libraries the modules depend on, directly or transitively (see `libraries`).
    pub libraries: Vec<libraries::Library>,
    /// Properties files that build scripts load into locals (`local.properties`, …), read for
    /// value resolution only: they get no `FileId`, so no report shows their text.
    pub loaded_properties: Vec<LoadedProperties>,
    /// Convention plugins defined by the build's included builds and `buildSrc/`.
    pub conventions: Vec<ConventionPlugin>,
    /// Plugin ids the build logic registers whose code could not be read: what applying one
    /// brings is unknown.
    pub unread_conventions: Vec<String>,
    /// Constants the build logic declares for scripts (`Deps.push`), resolved (`build_constants`).
    pub build_constants: std::collections::HashMap<String, Located<String>>,
    /// The `.gitignore` files of the repository around the project and of its modules.
    pub git_ignores: gitignore::GitIgnores,
    /// Scripts the root build file applies (`apply from:`), recursively.
    pub root_applied: Vec<AppliedBuild>,
    /// The root build file's `apply from:` statements that could not be followed.
    pub root_unread_applied: Vec<UnreadScript>,
}

/// An `apply from:` statement whose script could not be read (a computed path, a URL, a file
/// outside the root).
#[derive(Clone, Debug)]
pub struct UnreadScript {
    pub at: Span,
    /// A build tool's own script (`flutter`, `react-native`), recognised by its path: it adds
    /// dependencies and settings of its own, but applies no vendor plugin.
    pub tool: Option<&'static str>,
}

/// Whether some unread script may do anything (it is no known build tool's).
pub fn any_unknown_script(scripts: &[UnreadScript]) -> bool {
    scripts.iter().any(|u| u.tool.is_none())
}

/// A script applied with `apply from:`, with the statement of the project's own build file that
/// (directly or through another applied script) applies it.
#[derive(Clone, Debug)]
pub struct AppliedBuild {
    pub build: BuildFile,
    pub at: Span,
    /// Applied to the `buildscript {}` block.
    pub buildscript: bool,
}

/// A convention plugin of the build's own build logic (an included build or `buildSrc/`).
#[derive(Clone, Debug)]
pub struct ConventionPlugin {
    /// The plugin id; for a script applied with `apply from:`, its root-relative path.
    pub id: String,
    /// The precompiled script plugin, or the `apply` method of the plugin class, as a script.
    pub build: BuildFile,
    /// The build-logic folder it comes from, relative to the root (`build-logic`, `buildSrc`),
    /// or `apply from` for a script plugin.
    pub origin: String,
    /// A script applied with `apply from:` rather than a plugin applied by id.
    pub script: bool,
    /// For a plugin class: an `applicationId` written in another file of its build logic (a
    /// helper the `apply` method calls), which may set the ids of the modules applying it.
    pub app_id_elsewhere: Option<Span>,
}

/// A convention plugin a module applies.
#[derive(Clone, Debug)]
pub struct AppliedConvention {
    /// Index in `Project::conventions`.
    pub plugin: usize,
    /// The module's statement that applies it (for one applied by another convention plugin,
    /// the module's statement that applies the outer one).
    pub applied_at: Span,
}

/// A properties file named by a `PropertiesLoad`; `props` is None when it is not on disk.
#[derive(Clone, Debug)]
pub struct LoadedProperties {
    /// Relative to the project root, `/`-separated, without `.` or `..` parts where avoidable.
    pub path: String,
    pub props: Option<PropertiesFile>,
}

impl Project {
    /// The version catalogs the build's scripts see.
    pub fn catalogs(&self) -> Catalogs<'_> {
        Catalogs { libs: self.version_catalog.as_ref(), others: &self.other_catalogs }
    }

    /// The index of the module with this Gradle path (`:app`).
    pub fn module_by_path(&self, path: &str) -> Option<usize> {
        self.module_paths.get(path).copied()
    }
    pub fn manifest(&self, id: ManifestId) -> &ManifestFile {
        &self.manifests[id.0 as usize]
    }
    /// The element an `ElemRef` points at, with its manifest.
    pub fn element(&self, r: ElemRef) -> (&ManifestFile, &Element) {
        let m = self.manifest(r.manifest);
        (m, m.doc.element(r.elem))
    }
    /// The span of a byte range in a manifest.
    pub fn manifest_span(&self, id: ManifestId, range: TextRange) -> Span {
        Span::new(self.manifest(id).file, range)
    }
    pub fn app_modules(&self) -> impl Iterator<Item = (usize, &Module)> {
        self.modules.iter().enumerate().filter(|(_, m)| m.kind == ModuleKind::Application)
    }
}

#[cfg(test)]
mod tests {
    use super::{project_accessor, project_key};

    #[test]
    fn accessors_are_camel_case_paths() {
        assert_eq!(
            project_accessor(":libraries:push-providers:fcm_api"),
            "projects.libraries.pushProviders.fcmApi"
        );
        assert_eq!(project_accessor(":app"), "projects.app");
        assert_eq!(project_key("app"), ":app");
        assert_eq!(project_key("projects.app"), "projects.app");
    }
}
