//! Finds the project root, reads settings and build files, and collects every input of every
//! module (manifests per source set, vendor JSON files, sources). Reading problems become
//! `InputProblem`s: one bad file never stops the others from being read.

use super::source::SourceMap;
use super::{
    BuildFile, InputProblem, InputProblemKind, JsonFile, Located, ManifestFile, ManifestId, Module,
    ModuleKind, Project, Resolved, console, variants,
};
use crate::parse::gradle::{DepNotation, Dsl, GradleScript, PluginSyntax, TemplatePart, Value};
use crate::parse::json::JsonDoc;
use crate::parse::manifest::ManifestDoc;
use crate::parse::properties::PropertiesFile;
use crate::parse::text::{TextKind, decode};
use crate::parse::version_catalog::{VersionCatalog, accessor};
use crate::span::{FileId, Span, TextRange};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// Files larger than this are not read (they are not configuration files).
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Vendor files looked for in a module folder and in `src/<set>/`.
pub const VENDOR_JSON: &[&str] =
    &["google-services.json", "agconnect-services.json", "mcs-services.json", "tpns-configs.json"];
/// Console download looked for in `src/<set>/assets/`.
pub const ASSET_JSON: &[&str] = &["timpush-configs.json"];
/// The console snapshot at the project root.
pub const CONSOLE_FILE: &str = "push-console.json";

/// Source sets that never reach an app's merged manifest.
fn is_test_source_set(name: &str) -> bool {
    name.starts_with("test") || name.starts_with("androidTest") || name == "testFixtures"
}

#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Extra console files (`--console`); when empty, `push-console.json` at the root is used if present.
    pub consoles: Vec<PathBuf>,
    /// `--stdin-filename`: this file's content comes from standard input.
    pub stdin_override: Option<(PathBuf, String)>,
    /// Project-relative paths matching this set are not read (`exclude` in `pushlint.toml`).
    pub exclude: Option<globset::GlobSet>,
}

/// Walks up from `path` to the folder holding `settings.gradle[.kts]`, or failing that the
/// top-most folder with a `build.gradle[.kts]`.
pub fn find_root(path: &Path) -> Result<PathBuf, String> {
    let abs = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let start =
        if abs.is_dir() { abs.clone() } else { abs.parent().map(Path::to_path_buf).unwrap_or(abs.clone()) };
    let mut topmost_build: Option<PathBuf> = None;
    for dir in start.ancestors() {
        if dir.join("settings.gradle").is_file() || dir.join("settings.gradle.kts").is_file() {
            return Ok(dir.to_path_buf());
        }
        if dir.join("build.gradle").is_file() || dir.join("build.gradle.kts").is_file() {
            topmost_build = Some(dir.to_path_buf());
        }
    }
    topmost_build.ok_or_else(|| {
        format!("no Gradle project found at or above {} (no settings.gradle or build.gradle)", path.display())
    })
}

/// `path` relative to `base`, with `..` where needed and `/` separators.
pub fn relative(path: &Path, base: &Path) -> String {
    let p: Vec<Component> = path.components().collect();
    let b: Vec<Component> = base.components().collect();
    let common = p.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..b.len() {
        parts.push("..".into());
    }
    for c in &p[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    parts.join("/")
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

struct Loader<'a> {
    root: PathBuf,
    files: SourceMap,
    problems: Vec<InputProblem>,
    opts: &'a LoadOptions,
    stdin_path: Option<PathBuf>,
}

impl Loader<'_> {
    fn problem(&mut self, kind: InputProblemKind, span: Span, message: String) {
        self.problems.push(InputProblem { kind, span, message });
    }

    /// Reads and decodes a file; None (with a problem recorded) when it cannot be used.
    fn read(&mut self, abs: &Path, kind: TextKind) -> Option<FileId> {
        let rel = relative(abs, &self.root);
        if self.opts.exclude.as_ref().is_some_and(|g| g.is_match(&rel)) {
            return None;
        }
        if let (Some(p), Some((_, content))) = (&self.stdin_path, &self.opts.stdin_override) {
            if normalize(abs) == *p {
                return Some(self.files.add(rel, abs.to_path_buf(), content.clone(), "UTF-8"));
            }
        }
        let meta = std::fs::metadata(abs);
        if let Ok(m) = &meta {
            if m.len() > MAX_FILE_SIZE {
                let id = self.files.add(rel, abs.to_path_buf(), String::new(), "UTF-8");
                self.problem(
                    InputProblemKind::Skipped,
                    Span::whole_file(id),
                    format!(
                        "file is {} MiB, larger than the {} MiB pushlint reads",
                        m.len() >> 20,
                        MAX_FILE_SIZE >> 20
                    ),
                );
                return None;
            }
        }
        let bytes = match meta.and_then(|_| std::fs::read(abs)) {
            Ok(b) => b,
            Err(e) => {
                let id = self.files.add(rel, abs.to_path_buf(), String::new(), "UTF-8");
                self.problem(
                    InputProblemKind::Unreadable,
                    Span::whole_file(id),
                    format!("cannot read file: {e}"),
                );
                return None;
            }
        };
        let decoded = decode(&bytes, kind);
        if decoded.text.contains('\0') {
            let id = self.files.add(rel, abs.to_path_buf(), String::new(), decoded.encoding);
            self.problem(
                InputProblemKind::Skipped,
                Span::whole_file(id),
                "file looks binary (it holds NUL bytes)".into(),
            );
            return None;
        }
        let id = self.files.add(rel, abs.to_path_buf(), decoded.text, decoded.encoding);
        if let Some(label) = decoded.unknown_declared {
            self.problem(
                InputProblemKind::Encoding,
                Span::whole_file(id),
                format!("unknown encoding `{label}` declared; read as UTF-8"),
            );
        } else if decoded.had_errors {
            // Point at the first replaced character: that is where the file stops being valid.
            let text = &self.files.get(id).text;
            let span = match text.find('\u{FFFD}') {
                Some(at) => Span::new(id, TextRange::new(at, at + '\u{FFFD}'.len_utf8())),
                None => Span::whole_file(id),
            };
            self.problem(
                InputProblemKind::Encoding,
                span,
                format!("file is not valid {}; undecodable bytes were replaced", decoded.encoding),
            );
        }
        Some(id)
    }

    fn text(&self, id: FileId) -> &str {
        &self.files.get(id).text
    }

    fn gradle(&mut self, abs: &Path) -> Option<BuildFile> {
        let dsl = if abs.extension().is_some_and(|e| e == "kts") { Dsl::Kotlin } else { Dsl::Groovy };
        let file = self.read(abs, TextKind::Other)?;
        let script = GradleScript::parse(self.text(file), dsl);
        for e in &script.errors {
            self.problem(InputProblemKind::Gradle, Span::new(file, e.range), e.message.clone());
        }
        Some(BuildFile { file, script })
    }

    fn json(&mut self, abs: &Path) -> Option<(FileId, JsonDoc)> {
        let file = self.read(abs, TextKind::Other)?;
        let doc = JsonDoc::parse(self.text(file));
        for e in &doc.errors {
            self.problem(InputProblemKind::Json, Span::new(file, e.range), e.message.clone());
        }
        Some((file, doc))
    }

    fn manifest(&mut self, abs: &Path) -> Option<(FileId, ManifestDoc)> {
        let file = self.read(abs, TextKind::Xml)?;
        let doc = ManifestDoc::parse(self.text(file));
        for e in &doc.errors {
            self.problem(InputProblemKind::Xml, Span::new(file, e.range), e.message.clone());
        }
        Some((file, doc))
    }

    fn properties(&mut self, abs: &Path) -> Option<(FileId, PropertiesFile)> {
        let file = self.read(abs, TextKind::Other)?;
        Some((file, PropertiesFile::parse(self.text(file))))
    }
}

/// Whether something other than a folder sits at `p`, following no links: a broken or looping
/// symbolic link counts, so reading it reports the problem instead of skipping the file silently.
fn present(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir()) && !p.is_dir()
}

fn first_existing(dir: &Path, names: &[&str]) -> Option<PathBuf> {
    names.iter().map(|n| dir.join(n)).find(|p| present(p))
}

/// The literal text of a settings `projectDir` value; `settingsDir`/`rootDir` references become the root.
fn dir_literal(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.clone()),
        Value::Template(parts) => {
            let mut out = String::new();
            for p in parts {
                match p {
                    TemplatePart::Lit(s) => out.push_str(s),
                    TemplatePart::Expr(e)
                        if matches!(e.as_str(), "rootDir" | "settingsDir" | "rootProject.projectDir") =>
                    {
                        out.push('.')
                    }
                    TemplatePart::Expr(_) => return None,
                }
            }
            Some(out)
        }
        _ => None,
    }
}

/// Reads the project at `root` into the model.
pub fn load(root: &Path, opts: &LoadOptions) -> Project {
    let stdin_path = opts.stdin_override.as_ref().map(|(p, _)| {
        let abs =
            if p.is_absolute() { p.clone() } else { std::env::current_dir().unwrap_or_default().join(p) };
        normalize(&abs)
    });
    let mut ld = Loader {
        root: root.to_path_buf(),
        files: SourceMap::default(),
        problems: Vec::new(),
        opts,
        stdin_path,
    };
    let mut project = Project { root: root.to_path_buf(), ..Default::default() };

    project.settings =
        first_existing(root, &["settings.gradle", "settings.gradle.kts"]).and_then(|p| ld.gradle(&p));
    project.root_build =
        first_existing(root, &["build.gradle", "build.gradle.kts"]).and_then(|p| ld.gradle(&p));
    if root.join("gradle.properties").is_file() {
        project.properties = ld.properties(&root.join("gradle.properties"));
    }
    let catalog_path = root.join("gradle").join("libs.versions.toml");
    if catalog_path.is_file() {
        if let Some(file) = ld.read(&catalog_path, TextKind::Other) {
            let catalog = VersionCatalog::parse(ld.text(file));
            for e in &catalog.errors {
                ld.problem(InputProblemKind::Toml, Span::new(file, e.range), e.message.clone());
            }
            project.version_catalog = Some((file, catalog));
        }
    }

    // Modules from settings includes, with projectDir remaps.
    let mut module_specs: Vec<(String, PathBuf, Option<Span>)> = Vec::new();
    if let Some(settings) = &project.settings {
        let script = &settings.script;
        for inc in &script.includes {
            let path = if inc.value.starts_with(':') { inc.value.clone() } else { format!(":{}", inc.value) };
            if module_specs.iter().any(|(p, _, _)| *p == path) {
                continue;
            }
            let mut dir = root.join(path.trim_start_matches(':').replace(':', "/"));
            if let Some(pd) = script.project_dirs.iter().rev().find(|d| d.project.value == path) {
                if let Some(lit) = dir_literal(&pd.dir.value) {
                    dir = normalize(&root.join(lit));
                }
            }
            module_specs.push((path, dir, Some(Span::new(settings.file, inc.range))));
        }
    }
    let root_is_module = project.root_build.as_ref().is_some_and(|b| {
        b.script.android.present || b.script.plugins.iter().any(|p| p.apply && is_android_plugin(&p.id.value))
    });
    if root_is_module || (module_specs.is_empty() && project.settings.is_none()) {
        module_specs.insert(0, (":".to_string(), root.to_path_buf(), None));
    }

    for (path, dir, include_span) in module_specs {
        let dir_rel = relative(&dir, root);
        if !dir.is_dir() {
            if let Some(span) = include_span {
                ld.problem(
                    InputProblemKind::ModuleMissing,
                    span,
                    format!("module `{path}` is included but its folder `{dir_rel}` does not exist"),
                );
            }
            continue;
        }
        let build = if path == ":" {
            project.root_build.clone()
        } else {
            first_existing(&dir, &["build.gradle", "build.gradle.kts"]).and_then(|p| ld.gradle(&p))
        };
        let kind = build
            .as_ref()
            .map(|b| classify(b, project.version_catalog.as_ref().map(|c| &c.1)))
            .unwrap_or(ModuleKind::Other);
        let properties = if path != ":" && dir.join("gradle.properties").is_file() {
            ld.properties(&dir.join("gradle.properties"))
        } else {
            None
        };
        let module_idx = project.modules.len();

        // Manifests: one per source set folder, unless `sourceSets { x { manifest.srcFile } }` moves it.
        let mut manifest_paths: Vec<(String, PathBuf)> = Vec::new();
        let mut set_names: Vec<String> = Vec::new();
        if let Ok(rd) = std::fs::read_dir(dir.join("src")) {
            let mut names: Vec<String> = rd
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !is_test_source_set(n))
                .collect();
            names.sort();
            set_names = names;
        }
        for set in &set_names {
            manifest_paths.push((set.clone(), dir.join("src").join(set).join("AndroidManifest.xml")));
        }
        if let Some(b) = &build {
            for ss in &b.script.android.source_sets {
                if let Some(src) = ss.manifest_src_file.as_ref().and_then(|v| dir_literal(&v.value)) {
                    manifest_paths.retain(|(s, _)| *s != ss.name.value);
                    manifest_paths.push((ss.name.value.clone(), normalize(&dir.join(src))));
                }
            }
        }
        let mut manifests = Vec::new();
        for (set, p) in manifest_paths {
            if !present(&p) {
                continue;
            }
            if let Some((file, doc)) = ld.manifest(&p) {
                let id = ManifestId(project.manifests.len() as u32);
                project.manifests.push(ManifestFile { file, module: module_idx, source_set: set, doc });
                manifests.push(id);
            }
        }

        let mut json_files = Vec::new();
        for name in VENDOR_JSON {
            let p = dir.join(name);
            if present(&p) {
                if let Some((file, doc)) = ld.json(&p) {
                    json_files.push(JsonFile { file, name: name.to_string(), source_set: None, doc });
                }
            }
        }
        for set in &set_names {
            let set_dir = dir.join("src").join(set);
            for name in VENDOR_JSON {
                let p = set_dir.join(name);
                if present(&p) {
                    if let Some((file, doc)) = ld.json(&p) {
                        json_files.push(JsonFile {
                            file,
                            name: name.to_string(),
                            source_set: Some(set.clone()),
                            doc,
                        });
                    }
                }
            }
            for name in ASSET_JSON {
                let p = set_dir.join("assets").join(name);
                if present(&p) {
                    if let Some((file, doc)) = ld.json(&p) {
                        json_files.push(JsonFile {
                            file,
                            name: name.to_string(),
                            source_set: Some(set.clone()),
                            doc,
                        });
                    }
                }
            }
        }

        let mut source_files = Vec::new();
        for set in &set_names {
            for lang in ["java", "kotlin"] {
                let base = dir.join("src").join(set).join(lang);
                if !base.is_dir() {
                    continue;
                }
                let walker = ignore::WalkBuilder::new(&base).hidden(false).follow_links(false).build();
                for entry in walker.flatten() {
                    let p = entry.path();
                    if p.extension().is_some_and(|e| e == "java" || e == "kt") && p.is_file() {
                        source_files.push((set.clone(), p.to_path_buf()));
                    }
                }
            }
        }
        source_files.sort();
        let mut sources = Vec::new();
        for (set, p) in source_files {
            let kotlin = p.extension().is_some_and(|e| e == "kt");
            if let Some(file) = ld.read(&p, TextKind::Other) {
                let summary = crate::parse::java::SourceFileSummary::scan(ld.text(file), kotlin);
                sources.push(super::JavaSource { file, source_set: set, kotlin, summary });
            }
        }

        project.modules.push(Module {
            path,
            dir_rel,
            dir,
            build,
            kind,
            manifests,
            json_files,
            properties,
            project_deps: Vec::new(),
            sources,
            deps: Vec::new(),
            archives: Vec::new(),
            variants: Vec::new(),
            include_span,
            namespace: Resolved::Absent,
        });
    }

    // Consoles: explicit files, else the default one at the root.
    let console_paths: Vec<PathBuf> = if opts.consoles.is_empty() {
        let p = root.join(CONSOLE_FILE);
        if p.is_file() { vec![p] } else { Vec::new() }
    } else {
        opts.consoles.iter().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())).collect()
    };
    for p in console_paths {
        if let Some((file, doc)) = ld.json(&p) {
            let mut problems = Vec::new();
            if let Some(c) = console::read(file, &doc, &mut problems) {
                project.consoles.push(c);
            }
            ld.problems.extend(problems);
        }
    }

    project.key_files = key_files(&mut ld, root, &project.modules);
    project.files = ld.files;
    project.problems = ld.problems;
    link_modules(&mut project);
    project
}

/// Largest file looked at as a possible key file; key files are a few KiB.
const MAX_KEY_FILE: u64 = 64 * 1024;

/// JSON files that hold a service-account private key, looked for (without recursion) in the root,
/// each module folder and its source sets' `assets/` and `res/raw/`. Only files whose bytes
/// mention both markers are read, so unrelated JSON never reaches the report.
fn key_files(ld: &mut Loader, root: &Path, modules: &[Module]) -> Vec<JsonFile> {
    let mut dirs: Vec<(PathBuf, Option<String>)> = vec![(root.to_path_buf(), None)];
    for m in modules {
        dirs.push((m.dir.clone(), None));
        if let Ok(rd) = std::fs::read_dir(m.dir.join("src")) {
            let mut sets: Vec<String> =
                rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
            sets.sort();
            for set in sets.into_iter().filter(|s| !is_test_source_set(s)) {
                let base = m.dir.join("src").join(&set);
                dirs.push((base.join("assets"), Some(set.clone())));
                dirs.push((base.join("res").join("raw"), Some(set)));
            }
        }
    }
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut out = Vec::new();
    for (dir, set) in dirs {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<PathBuf> = rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")))
            .collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if VENDOR_JSON.contains(&name.as_str())
                || ASSET_JSON.contains(&name.as_str())
                || name == CONSOLE_FILE
            {
                continue;
            }
            if seen.contains(&p)
                || !std::fs::metadata(&p).is_ok_and(|m| m.is_file() && m.len() <= MAX_KEY_FILE)
            {
                continue;
            }
            seen.push(p.clone());
            let looks_like_key = std::fs::read(&p).is_ok_and(|b| {
                let has = |needle: &[u8]| b.windows(needle.len()).any(|w| w == needle);
                has(b"\"private_key\"") && has(b"service_account")
            });
            if !looks_like_key {
                continue;
            }
            if let Some((file, doc)) = ld.json(&p) {
                out.push(JsonFile { file, name, source_set: set.clone(), doc });
            }
        }
    }
    out
}

fn is_android_plugin(id: &Value) -> bool {
    matches!(id, Value::Str(s) if s == "com.android.application" || s == "com.android.library")
}

/// Application or library, by any plugin syntax; a module whose plugins are convention plugins
/// is classified by its `android {}` block (only applications may set `applicationId`).
fn classify(build: &BuildFile, catalog: Option<&VersionCatalog>) -> ModuleKind {
    let mut ids: Vec<String> = Vec::new();
    for p in build.script.plugins.iter().filter(|p| p.apply) {
        match (&p.syntax, &p.id.value) {
            (PluginSyntax::Alias, Value::Ref(r)) => {
                let alias = r.trim_start_matches("libs.plugins.");
                if let Some(cp) =
                    catalog.and_then(|c| c.plugins.iter().find(|cp| accessor(&cp.alias.value) == alias))
                {
                    ids.push(cp.id.value.clone());
                }
            }
            (_, v) => ids.extend(v.literal()),
        }
    }
    if ids.iter().any(|i| i == "com.android.application") {
        return ModuleKind::Application;
    }
    if ids.iter().any(|i| i == "com.android.library") {
        return ModuleKind::Library;
    }
    let android = &build.script.android;
    if android.default_config.application_id.is_some() {
        ModuleKind::Application
    } else if android.present {
        ModuleKind::Library
    } else {
        ModuleKind::Other
    }
}

/// Resolves `project(':x')` dependencies, namespaces and variants once all modules are read.
fn link_modules(project: &mut Project) {
    let by_path: HashMap<String, usize> =
        project.modules.iter().enumerate().map(|(i, m)| (m.path.clone(), i)).collect();
    for i in 0..project.modules.len() {
        let Some(build) = &project.modules[i].build else { continue };
        let file = build.file;
        let mut deps = Vec::new();
        for d in &build.script.dependencies {
            let target = match &d.notation {
                DepNotation::Project(p) => Some(p),
                DepNotation::Platform(inner) => match inner.as_ref() {
                    DepNotation::Project(p) => Some(p),
                    _ => None,
                },
                _ => None,
            };
            if let Some(p) = target {
                let path = if p.value.starts_with(':') { p.value.clone() } else { format!(":{}", p.value) };
                if let Some(&j) = by_path.get(&path) {
                    if j != i && !deps.iter().any(|(k, _)| *k == j) {
                        deps.push((j, Span::new(file, d.range)));
                    }
                }
            }
        }
        project.modules[i].project_deps = deps;
    }
    for i in 0..project.modules.len() {
        let package = main_manifest_package(project, i);
        let ns = {
            let scope = super::resolve::Scope::for_module(project, i);
            match project.modules[i]
                .build
                .as_ref()
                .and_then(|b| b.script.android.namespace.as_ref().map(|n| (b.file, n)))
            {
                Some((file, n)) => scope.resolve(n, file),
                None => package.clone().map(Resolved::Known).unwrap_or_default(),
            }
        };
        project.modules[i].namespace = ns;
        let vs = variants::compute(project, i, package);
        project.modules[i].variants = vs;
        let deps = super::deps::resolve_module(project, i);
        project.modules[i].deps = deps;
        let archives = super::deps::local_archives(project, i);
        project.modules[i].archives = archives;
    }
}

fn main_manifest_package(project: &Project, module: usize) -> Option<Located<String>> {
    project.modules[module].manifests.iter().find_map(|id| {
        let mf = project.manifest(*id);
        if mf.source_set != "main" {
            return None;
        }
        let root = mf.doc.root?;
        let a = mf.doc.plain_attr(root, "package")?;
        Some(Located::new(a.value.clone(), Span::new(mf.file, a.value_span)))
    })
}

/// A span covering nothing in `file`, for findings about a file as a whole.
pub fn file_start(file: FileId) -> Span {
    Span::new(file, TextRange::empty(0))
}
