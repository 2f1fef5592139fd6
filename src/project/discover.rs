//! Finds the project root, reads settings and build files, and collects every input of every
//! module (manifests per source set, vendor JSON files, sources). Reading problems become
//! `InputProblem`s: one bad file never stops the others from being read.

use super::paths::{normalize, relative};
use super::source::{SourceFile, SourceMap};
use super::{
    BuildFile, InputProblem, InputProblemKind, JsonFile, Located, ManifestFile, ManifestId, Module,
    ModuleKind, Project, Resolved, console, variants,
};
use crate::fileio::Fence;
use crate::parse::gradle::{DepNotation, Dsl, GradleScript, SrcKind, TemplatePart, Value};
use crate::parse::json::JsonDoc;
use crate::parse::manifest::ManifestDoc;
use crate::parse::properties::PropertiesFile;
use crate::parse::text::{TextKind, decode_owned};
use crate::parse::version_catalog::VersionCatalog;
use crate::span::{FileId, Span, TextRange};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

mod applied;
mod build_logic;
mod computed;
mod dir_cache;
mod git;
mod keys;
mod kind;
mod layout;
mod loaded_props;
mod res_values;
mod roots;
mod settings;

pub use dir_cache::DirCache;
pub use roots::{find_root, roots_below};

pub use crate::fileio::MAX_FILE_SIZE;

/// Vendor files looked for in a module folder and in `src/<set>/`.
pub const VENDOR_JSON: &[&str] =
    &["google-services.json", "agconnect-services.json", "mcs-services.json", "tpns-configs.json"];
/// Console download looked for in `src/<set>/assets/`.
pub const ASSET_JSON: &[&str] = &["timpush-configs.json"];
/// The console snapshot at the project root.
pub const CONSOLE_FILE: &str = "push-console.json";

/// Folders of a source set that hold code or resources, never a vendor JSON file's variant folder.
const SET_CONTENT_DIRS: &[&str] = &[
    "java",
    "kotlin",
    "res",
    "assets",
    "aidl",
    "jni",
    "jniLibs",
    "cpp",
    "rs",
    "resources",
    "shaders",
    "ml",
    "baselineProfiles",
    "generated",
];

/// How deep under `src/` vendor JSON files are looked for: the google-services plugin reads
/// `src/<flavor1>/<flavor2>/<buildType>/` at most (vendors.md §4.1).
const MAX_VENDOR_JSON_DEPTH: usize = 3;

/// Source sets that never reach an app's merged manifest.
fn is_test_source_set(name: &str) -> bool {
    name.starts_with("test") || name.starts_with("androidTest") || name == "testFixtures"
}

/// File texts that replace what is on disk, by absolute normalized path (`paths::normalize`).
pub type Overlay = HashMap<PathBuf, String>;

#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Extra console files (`--console`); when empty, `push-console.json` at the root is used if present.
    pub consoles: Vec<PathBuf>,
    /// Texts read instead of files on disk, by absolute normalized path: an editor's unsaved
    /// buffers, `check --fix`'s edits. Only files discovery finds are read.
    pub overlay: Overlay,
    /// `--stdin-filename`: that file's bytes as read from standard input (decoded as a file's).
    pub stdin: Option<(PathBuf, Vec<u8>)>,
    /// Folder listings kept between runs by a caller told of every file created or deleted
    /// (a language server); None: every folder is listed afresh.
    pub dirs: Option<std::sync::Arc<DirCache>>,
    /// Project-relative paths matching this set are not read (`exclude` in `pushlint.toml`).
    pub exclude: Option<globset::GlobSet>,
}

/// Reads and parses files for one part of the project (the root files, or one module) with
/// FileIds local to it: `base + k` for the k-th file it read. Modules are loaded on worker threads
/// with base 0 and renumbered in module order afterwards (`shift`), so ids never depend on timing.
struct Loader<'a> {
    root: &'a Path,
    files: Vec<SourceFile>,
    problems: Vec<InputProblem>,
    opts: &'a LoadOptions,
    /// Every read of a project file goes through it: no link out of the project, nothing from
    /// the kernel's file systems, bounded in size.
    fence: &'a Fence,
    base: u32,
}

impl<'a> Loader<'a> {
    fn new(root: &'a Path, opts: &'a LoadOptions, fence: &'a Fence, base: u32) -> Loader<'a> {
        Loader { root, files: Vec::new(), problems: Vec::new(), opts, fence, base }
    }

    fn problem(&mut self, kind: InputProblemKind, span: Span, message: String) {
        self.problems.push(InputProblem { kind, span, message });
    }

    fn add(&mut self, abs: &Path, text: String, encoding: &'static str) -> FileId {
        let id = FileId(self.base + self.files.len() as u32);
        self.files.push(SourceFile::new(relative(abs, self.root), text, encoding));
        id
    }

    /// Reads and decodes a file; None (with a problem recorded) when it cannot be used.
    fn read(&mut self, abs: &Path, kind: TextKind) -> Option<FileId> {
        if self.excluded(abs) {
            return None;
        }
        // An empty overlay (the usual run) costs no path normalization.
        if !self.opts.overlay.is_empty() {
            if let Some(content) = self.opts.overlay.get(&normalize(abs)) {
                return Some(self.add(abs, content.clone(), "UTF-8"));
            }
        }
        let bytes = match &self.opts.stdin {
            Some((p, content)) if p == &normalize(abs) => {
                if content.len() as u64 > MAX_FILE_SIZE {
                    Err(crate::fileio::ReadError::TooLarge(content.len() as u64))
                } else {
                    Ok(content.clone())
                }
            }
            _ => self.fence.read(abs, MAX_FILE_SIZE),
        };
        match bytes {
            Ok(b) => self.decode(abs, b, kind),
            Err(e) => {
                let id = self.add(abs, String::new(), "UTF-8");
                let kind = if e.is_skip() { InputProblemKind::Skipped } else { InputProblemKind::Unreadable };
                self.problem(kind, Span::whole_file(id), e.to_string());
                None
            }
        }
    }

    /// Records a folder that exists but cannot be listed (PL005): what it holds goes unchecked.
    fn unlisted(&mut self, dir: &Path, listing: &Listing) {
        if let Some(e) = &listing.error {
            let id = self.add(dir, String::new(), "UTF-8");
            self.problem(
                InputProblemKind::Unreadable,
                Span::whole_file(id),
                format!("cannot list folder: {e}"),
            );
        }
    }

    /// Whether `exclude` (from `pushlint.toml`) names this file.
    fn excluded(&self, abs: &Path) -> bool {
        self.opts.exclude.as_ref().is_some_and(|g| g.is_match(relative(abs, self.root)))
    }

    /// Decodes bytes read from `abs` into a new file; None (with a problem) when it looks binary.
    fn decode(&mut self, abs: &Path, bytes: Vec<u8>, kind: TextKind) -> Option<FileId> {
        let decoded = decode_owned(bytes, kind);
        if decoded.text.contains('\0') {
            let id = self.add(abs, String::new(), decoded.encoding);
            self.problem(
                InputProblemKind::Skipped,
                Span::whole_file(id),
                "file looks binary (it holds NUL bytes)".into(),
            );
            return None;
        }
        let id = self.add(abs, decoded.text, decoded.encoding);
        if let Some(label) = decoded.unknown_declared {
            self.problem(
                InputProblemKind::Encoding,
                Span::whole_file(id),
                format!("unknown encoding `{label}` declared; read as UTF-8"),
            );
        } else if decoded.had_errors {
            // Point at the first replaced character: that is where the file stops being valid.
            let span = match self.text(id).find('\u{FFFD}') {
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

    /// Lists a folder (kept listings when the caller keeps them), recording it when it cannot be
    /// listed.
    fn list(&mut self, dir: &Path) -> Listing {
        let listing = Listing::of(dir, self.opts.dirs.as_deref());
        self.unlisted(dir, &listing);
        listing
    }

    fn text(&self, id: FileId) -> &str {
        self.files.get(id.0.wrapping_sub(self.base) as usize).map_or("", |f| f.text.as_str())
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

    /// A JSON file whose bytes were already read (so it is not read twice).
    fn json_bytes(&mut self, abs: &Path, bytes: Vec<u8>) -> Option<(FileId, JsonDoc)> {
        if self.excluded(abs) {
            return None;
        }
        let file = self.decode(abs, bytes, TextKind::Other)?;
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

    /// Moves the files read into `map`, which must hold exactly `base` files.
    fn finish(self, map: &mut SourceMap) -> Vec<InputProblem> {
        debug_assert_eq!(map.len() as u32, self.base);
        for f in self.files {
            map.push(f);
        }
        self.problems
    }
}

/// What a folder entry is, links followed: a broken link or a FIFO is `Other`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EntryKind {
    File,
    Dir,
    Other,
}

/// The entries of one folder, read once (empty when it cannot be listed).
#[derive(Default)]
struct Listing {
    entries: HashMap<String, EntryKind>,
    /// Why the folder could not be listed, when it exists.
    error: Option<String>,
}

impl Listing {
    fn of(dir: &Path, cache: Option<&DirCache>) -> Listing {
        let listed = dir_cache::entries(dir, cache);
        let entries = listed.entries.iter().map(|e| (e.name.clone(), e.kind)).collect();
        Listing { entries, error: listed.error.clone() }
    }
    /// Something other than a folder is there: the same test as `present`.
    fn present(&self, name: &str) -> bool {
        self.entries.get(name).is_some_and(|k| *k != EntryKind::Dir)
    }
    fn is_file(&self, name: &str) -> bool {
        self.entries.get(name) == Some(&EntryKind::File)
    }
    fn is_dir(&self, name: &str) -> bool {
        self.entries.get(name) == Some(&EntryKind::Dir)
    }
    fn dirs(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter(|(_, k)| **k == EntryKind::Dir).map(|(n, _)| n.as_str())
    }
    fn files(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().filter(|(_, k)| **k == EntryKind::File).map(|(n, _)| n.as_str())
    }
}

/// Nesting deeper than this under a source root is not followed (no real package is this deep).
const MAX_SOURCE_DEPTH: usize = 64;

/// The `.java` and `.kt` files under `base`, following no links to folders. Every file counts, as
/// it does for Gradle's compiler: `.gitignore` plays no part. A `base` that a symbolic link takes
/// out of the project is not walked (PL007), and a folder that cannot be listed is PL005.
fn source_tree(ld: &mut Loader, base: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if !ld.fence.dir_allowed(base) {
        let id = ld.add(base, String::new(), "UTF-8");
        ld.problem(
            InputProblemKind::Skipped,
            Span::whole_file(id),
            "a symbolic link leads this folder outside the project: its files were not read".into(),
        );
        return out;
    }
    let cache = ld.opts.dirs.clone();
    let mut stack: Vec<(PathBuf, usize)> = vec![(base.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let listed = dir_cache::entries(&dir, cache.as_deref());
        if let Some(e) = &listed.error {
            let id = ld.add(&dir, String::new(), "UTF-8");
            ld.problem(
                InputProblemKind::Unreadable,
                Span::whole_file(id),
                format!("cannot list folder: {e}"),
            );
        }
        for e in listed.entries.iter() {
            if e.dir_no_follow {
                if depth < MAX_SOURCE_DEPTH {
                    stack.push((dir.join(&e.name), depth + 1));
                }
            } else if e.kind == EntryKind::File
                && Path::new(&e.name).extension().is_some_and(|x| x == "java" || x == "kt")
            {
                out.push(dir.join(&e.name));
            }
        }
    }
    out
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

/// What one worker read for one included module, with FileIds counted from 0 (see `Loader`).
enum ModuleLoad {
    /// The module's folder does not exist.
    Missing,
    Loaded {
        module: Box<Module>,
        manifests: Vec<ManifestFile>,
        files: Vec<SourceFile>,
        problems: Vec<InputProblem>,
        /// Service-account key files in the module folder and its source sets (`scan_key_files`).
        key_files: Vec<JsonFile>,
        /// Scripts its build file applies with `apply from:`.
        applied: Vec<super::AppliedBuild>,
    },
}

/// Reads the project at `root` into the model. Modules are read and parsed in parallel; the
/// model (file ids, order of files, modules and findings) is the same whatever the thread count.
pub fn load(root: &Path, opts: &LoadOptions) -> Project {
    crate::pool::in_pool(|| load_in_pool(root, opts))
}

fn load_in_pool(root: &Path, opts: &LoadOptions) -> Project {
    use rayon::prelude::*;
    let fence = Fence::new(root);
    let fence = &fence;
    let mut ld = Loader::new(root, opts, fence, 0);
    let mut project = Project { root: root.to_path_buf(), ..Default::default() };

    project.settings =
        first_existing(root, &["settings.gradle", "settings.gradle.kts"]).and_then(|p| ld.gradle(&p));
    project.root_build =
        first_existing(root, &["build.gradle", "build.gradle.kts"]).and_then(|p| ld.gradle(&p));
    if let Some(b) = &project.root_build {
        (project.root_applied, project.root_unread_applied) = applied::read(&mut ld, b, root, root);
    }
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
    read_named_catalogs(&mut ld, &mut project, root);
    let catalog = project.catalogs();
    let logic = build_logic::load(&mut ld, root, project.settings.as_ref(), catalog);
    project.conventions = logic.conventions;
    project.unread_conventions = logic.unread;
    project.build_constants = logic.constants;
    let mut files = SourceMap::default();
    let mut problems = ld.finish(&mut files);

    let mut module_specs = settings::module_specs(&project, root);
    settings::folders_in_other_case(&mut module_specs, root, fence, &mut problems);

    let loads: Vec<ModuleLoad> = {
        let project = &project;
        module_specs
            .par_iter()
            .map(|(path, dir, include_span)| load_module(project, opts, fence, path, dir, *include_span))
            .collect()
    };

    // Sized once: a monorepo's modules, manifests and files would otherwise be doubled into.
    project.modules.reserve_exact(loads.len());
    let (mut n_files, mut n_manifests) = (0, 0);
    for load in &loads {
        if let ModuleLoad::Loaded { files, manifests, .. } = load {
            n_files += files.len();
            n_manifests += manifests.len();
        }
    }
    files.reserve(n_files);
    project.manifests.reserve_exact(n_manifests);
    let mut module_keys: Vec<JsonFile> = Vec::new();
    for ((path, dir, include_span), load) in module_specs.into_iter().zip(loads) {
        let ModuleLoad::Loaded {
            mut module,
            manifests,
            files: module_files,
            problems: module_problems,
            key_files,
            applied,
        } = load
        else {
            if let Some(span) = include_span {
                problems.push(InputProblem {
                    kind: InputProblemKind::ModuleMissing,
                    span,
                    message: format!(
                        "module `{path}` is included but its folder `{}` does not exist",
                        relative(&dir, root)
                    ),
                });
            }
            continue;
        };
        let base = files.len() as u32;
        let shift = |id: FileId| FileId(id.0 + base);
        for f in module_files {
            files.push(f);
        }
        problems.extend(module_problems.into_iter().map(|mut p| {
            p.span.file = shift(p.span.file);
            p
        }));
        let module_idx = project.modules.len();
        // The root module's build file is the root build file, already numbered.
        if path != ":" {
            if let Some(b) = &mut module.build {
                b.file = shift(b.file);
            }
        }
        if let Some((f, _)) = &mut module.properties {
            *f = shift(*f);
        }
        for j in &mut module.json_files {
            j.file = shift(j.file);
        }
        for s in &mut module.sources {
            s.file = shift(s.file);
        }
        for r in &mut module.string_resources {
            r.span.file = shift(r.span.file);
        }
        for u in &mut module.unread_applied {
            u.at.file = shift(u.at.file);
        }
        // Applied scripts join the module's build logic, as convention plugins do.
        for mut a in applied {
            a.build.file = shift(a.build.file);
            a.at.file = shift(a.at.file);
            module
                .conventions
                .push(super::AppliedConvention { plugin: project.conventions.len(), applied_at: a.at });
            project.conventions.push(super::ConventionPlugin {
                id: files.get(a.build.file).rel.clone(),
                build: a.build,
                origin: "apply from".to_string(),
                script: true,
                app_id_elsewhere: None,
            });
        }
        module_keys.extend(key_files.into_iter().map(|mut k| {
            k.file = shift(k.file);
            k
        }));
        for mut mf in manifests {
            mf.file = shift(mf.file);
            mf.module = module_idx;
            module.manifests.push(ManifestId(project.manifests.len() as u32));
            project.manifests.push(mf);
        }
        project.modules.push(*module);
    }

    // Consoles: explicit files, else the default one at the root.
    let console_paths: Vec<PathBuf> = if opts.consoles.is_empty() {
        let p = root.join(CONSOLE_FILE);
        if p.is_file() { vec![p] } else { Vec::new() }
    } else {
        opts.consoles.iter().map(|p| std::path::absolute(p).unwrap_or_else(|_| p.clone())).collect()
    };
    let mut ld = Loader::new(root, opts, fence, files.len() as u32);
    for p in console_paths {
        if let Some((file, doc)) = ld.json(&p) {
            let mut console_problems = Vec::new();
            if let Some(c) = console::read(file, &doc, &mut console_problems) {
                project.consoles.push(c);
            }
            ld.problems.extend(console_problems);
        }
    }
    let mut root_keys = Vec::new();
    let listing = ld.list(root);
    keys::scan(&mut ld, root, &listing, None, &mut root_keys);
    problems.extend(ld.finish(&mut files));
    project.key_files = root_keys.into_iter().chain(module_keys).collect();

    project.files = files;
    project.problems = problems;
    project.git_ignores = git::read_ignores(&project, fence);
    project.loaded_properties = loaded_props::read(&project, opts, fence);
    build_logic::apply(&mut project);
    link_modules(&mut project);
    project
}

/// The vendor JSON files in `dir` (`src/<folder>`, `folder` relative to `src/`) and in its
/// subfolders that are not code or resources: the google-services plugin also reads nested
/// variant folders (`src/<flavor>/<buildType>/`) and, from 5.0, `src/<set>/google-services/`.
fn vendor_json_under(
    ld: &mut Loader,
    dir: &Path,
    folder: &str,
    listing: &Listing,
    depth: usize,
    out: &mut Vec<JsonFile>,
) {
    for name in VENDOR_JSON {
        if listing.present(name) {
            if let Some((file, doc)) = ld.json(&dir.join(name)) {
                out.push(JsonFile {
                    file,
                    name: name.to_string(),
                    source_set: Some(folder.to_string()),
                    doc,
                });
            }
        }
    }
    if depth >= MAX_VENDOR_JSON_DEPTH {
        return;
    }
    let mut subs: Vec<&str> = listing.dirs().filter(|d| !SET_CONTENT_DIRS.contains(d)).collect();
    subs.sort_unstable();
    for sub in subs {
        let sub_dir = dir.join(sub);
        let listing = ld.list(&sub_dir);
        vendor_json_under(ld, &sub_dir, &format!("{folder}/{sub}"), &listing, depth + 1, out);
    }
}

/// Reads and parses one module's build file, properties, manifests, vendor files and sources.
fn load_module(
    project: &Project,
    opts: &LoadOptions,
    fence: &Fence,
    path: &str,
    dir: &Path,
    include_span: Option<Span>,
) -> ModuleLoad {
    let root = project.root.as_path();
    let mut ld = Loader::new(root, opts, fence, 0);
    let dir_rel = relative(dir, root);
    if !dir.is_dir() {
        return ModuleLoad::Missing;
    }
    // Each folder is listed once: the listing answers which of the files looked for exist.
    let listing = ld.list(dir);
    let build = if path == ":" {
        project.root_build.clone()
    } else {
        ["build.gradle", "build.gradle.kts"]
            .into_iter()
            .find(|n| listing.present(n))
            .and_then(|n| ld.gradle(&dir.join(n)))
    };
    // The root module's scripts are the root build file's (`Project::root_applied`).
    let (applied, unread_applied) = match &build {
        Some(b) if path != ":" => applied::read(&mut ld, b, dir, root),
        _ => (Vec::new(), Vec::new()),
    };
    let kind = build.as_ref().map(|b| kind::classify(b, project.catalogs())).unwrap_or(ModuleKind::Other);
    let properties = if path != ":" && listing.is_file("gradle.properties") {
        ld.properties(&dir.join("gradle.properties"))
    } else {
        None
    };

    // Manifests: one per source set folder, unless `sourceSets { x { manifest.srcFile } }` moves it.
    let src = dir.join("src");
    let catalog = project.catalogs();
    let kmp = build
        .as_ref()
        .is_some_and(|b| layout::plugin_ids(b, catalog).iter().any(|i| i == layout::KMP_PLUGIN));
    let src_listing = if listing.is_dir("src") { ld.list(&src) } else { Listing::default() };
    let sets = layout::set_dirs(&src, &src_listing, kmp, opts.dirs.as_deref());
    for s in &sets {
        ld.unlisted(&s.dir, &s.listing);
    }
    // (source set, path, whether it is known to exist)
    let mut manifest_paths: Vec<(String, PathBuf, bool)> = Vec::new();
    for s in sets.iter().filter(|s| !s.code_only) {
        let present = s.listing.present("AndroidManifest.xml");
        manifest_paths.push((s.set.clone(), s.dir.join("AndroidManifest.xml"), present));
    }
    if let Some(b) = &build {
        for ss in &b.script.android.source_sets {
            if let Some(moved) = ss.manifest_src_file.as_ref().and_then(|v| dir_literal(&v.value)) {
                manifest_paths.retain(|(s, _, _)| *s != ss.name.value);
                let p = normalize(&dir.join(moved));
                let exists = present(&p);
                manifest_paths.push((ss.name.value.clone(), p, exists));
            }
        }
    }
    let mut manifests = Vec::new();
    for (set, p, exists) in manifest_paths {
        if !exists {
            continue;
        }
        if let Some((file, doc)) = ld.manifest(&p) {
            // `module` is set when the module gets its index.
            manifests.push(ManifestFile { file, module: 0, source_set: set, doc, library: None });
        }
    }

    let mut json_files = Vec::new();
    for name in VENDOR_JSON {
        if listing.present(name) {
            if let Some((file, doc)) = ld.json(&dir.join(name)) {
                json_files.push(JsonFile { file, name: name.to_string(), source_set: None, doc });
            }
        }
    }
    // `src/` itself: the google-services plugin reads `src/google-services.json` when a module
    // has no flavors (its folder for the empty flavor name); recorded with an empty set name.
    for name in VENDOR_JSON {
        if src_listing.present(name) {
            if let Some((file, doc)) = ld.json(&src.join(name)) {
                json_files.push(JsonFile {
                    file,
                    name: name.to_string(),
                    source_set: Some(String::new()),
                    doc,
                });
            }
        }
    }
    for s in sets.iter().filter(|s| !s.code_only) {
        // A KMP folder (`androidMain`) holds the files of the set it is for (`main`).
        vendor_json_under(&mut ld, &s.dir, &s.set, &s.listing, 1, &mut json_files);
    }
    let asset_roots = layout::roots(dir, &sets, build.as_ref(), &[SrcKind::Assets]);
    for (set, assets_dir) in &asset_roots {
        let assets = ld.list(assets_dir);
        for name in ASSET_JSON {
            if assets.present(name) {
                if let Some((file, doc)) = ld.json(&assets_dir.join(name)) {
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
    for (set, root) in layout::roots(dir, &sets, build.as_ref(), &[SrcKind::Java, SrcKind::Kotlin]) {
        for p in source_tree(&mut ld, &root) {
            source_files.push((set.clone(), p));
        }
    }
    source_files.sort();
    source_files.dedup();
    let mut sources = Vec::new();
    for (set, p) in source_files {
        let kotlin = p.extension().is_some_and(|e| e == "kt");
        if let Some(file) = ld.read(&p, TextKind::Other) {
            let summary = crate::parse::java::SourceFileSummary::scan(ld.text(file), kotlin);
            if let Some(u) = &summary.unread {
                ld.problem(InputProblemKind::Skipped, Span::new(file, u.range), u.value.clone());
            }
            sources.push(super::JavaSource { file, source_set: set, kotlin, summary });
        }
    }

    let mut key_files = Vec::new();
    // The root folder is scanned once, as the root.
    if dir != root {
        keys::scan(&mut ld, dir, &listing, None, &mut key_files);
    }
    for (set, assets) in &asset_roots {
        let listing = ld.list(assets);
        keys::scan(&mut ld, assets, &listing, Some(set), &mut key_files);
    }
    let mut string_resources = Vec::new();
    for (set, res) in layout::roots(dir, &sets, build.as_ref(), &[SrcKind::Res]) {
        let raw = res.join("raw");
        let listing = ld.list(&raw);
        keys::scan(&mut ld, &raw, &listing, Some(&set), &mut key_files);
        if kind != ModuleKind::Other {
            res_values::scan_strings(&mut ld, &res.join("values"), &set, &mut string_resources);
        }
    }

    let module = Module {
        path: path.to_string(),
        dir_rel,
        dir: dir.to_path_buf(),
        build,
        kind,
        manifests: Vec::new(),
        json_files,
        properties,
        project_deps: Vec::new(),
        sources,
        string_resources,
        deps: Vec::new(),
        archives: Vec::new(),
        libraries: Vec::new(),
        variants: Vec::new(),
        include_span,
        conventions: Vec::new(),
        namespace: Resolved::Absent,
        unread_applied,
        derived: Default::default(),
    };
    ModuleLoad::Loaded {
        module: Box::new(module),
        manifests,
        files: ld.files,
        problems: ld.problems,
        key_files,
        applied,
    }
}

fn is_android_plugin(id: &Value) -> bool {
    matches!(id, Value::Str(s) if s == "com.android.application" || s == "com.android.library")
}

/// Resolves `project(':x')` dependencies, namespaces and variants once all modules are read.
fn link_modules(project: &mut Project) {
    project.module_paths = project.modules.iter().enumerate().map(|(i, m)| (m.path.clone(), i)).collect();
    for (i, m) in project.modules.iter().enumerate() {
        project.module_paths.entry(super::project_accessor(&m.path)).or_insert(i);
    }
    let by_path = &project.module_paths;
    for i in 0..project.modules.len() {
        let Some(build) = &project.modules[i].build else { continue };
        let file = build.file;
        let mut deps = Vec::new();
        let mut seen = HashSet::new();
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
                if let Some(&j) = by_path.get(&super::project_key(&p.value)) {
                    if j != i && seen.insert(j) {
                        deps.push((j, Span::new(file, d.range)));
                    }
                }
            }
        }
        project.modules[i].project_deps = deps;
    }
    kind::settle_toggled(project);
    // Each module's settings read only the project as read from disk: compute them in parallel.
    use rayon::prelude::*;
    let computed: Vec<_> = {
        let project = &*project;
        (0..project.modules.len())
            .into_par_iter()
            .map(|i| {
                let package = main_manifest_package(project, i);
                let scope = super::resolve::Scope::for_module(project, i);
                let ns = match project.modules[i]
                    .build
                    .as_ref()
                    .and_then(|b| b.script.android.namespace.as_ref().map(|n| (b.file, n)))
                {
                    Some((file, n)) => scope.resolve(n, file),
                    None => package.clone().map(Resolved::Known).unwrap_or_default(),
                };
                let vs = variants::compute(project, i, package);
                let deps = super::deps::resolve_module(project, i);
                let archives = local_archives(project, i);
                (ns, vs, deps, archives)
            })
            .collect()
    };
    for (m, (ns, vs, deps, archives)) in project.modules.iter_mut().zip(computed) {
        m.namespace = ns;
        m.variants = vs;
        m.deps = deps;
        m.archives = archives;
    }
}

/// The catalogs settings declare with a file of their own (`create("deps") {
/// from(files("gradle/dependencies.toml")) }`); one named `libs` replaces the default file.
fn read_named_catalogs(ld: &mut Loader, project: &mut Project, root: &Path) {
    let Some(settings) = &project.settings else { return };
    let decls: Vec<(String, String)> = settings
        .script
        .version_catalogs
        .iter()
        .filter_map(|d| Some((d.name.value.clone(), d.file.as_ref()?.value.clone())))
        .collect();
    for (name, rel) in decls {
        let path = normalize(&root.join(&rel));
        if project.other_catalogs.iter().any(|n| n.name == name) || !path.is_file() {
            continue;
        }
        let Some(file) = ld.read(&path, TextKind::Other) else { continue };
        let catalog = VersionCatalog::parse(ld.text(file));
        for e in &catalog.errors {
            ld.problem(InputProblemKind::Toml, Span::new(file, e.range), e.message.clone());
        }
        if name == "libs" {
            project.version_catalog = Some((file, catalog));
        } else {
            project.other_catalogs.push(super::NamedCatalog { name, file, catalog });
        }
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

/// The jar/aar files under a module's `libs/` folder (and those named by `fileTree`/`files`
/// dependencies with a literal folder), sorted by name.
fn local_archives(project: &Project, idx: usize) -> Vec<super::deps::LocalArchive> {
    let module = &project.modules[idx];
    let mut dirs: Vec<std::path::PathBuf> = vec![module.dir.join("libs")];
    if let Some(build) = &module.build {
        for d in &build.script.dependencies {
            if let DepNotation::Files { dir: Some(dir), .. } = &d.notation {
                if let Value::Str(s) = &dir.value {
                    let p = module.dir.join(s);
                    if !dirs.contains(&p) {
                        dirs.push(p);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".jar") || name.ends_with(".aar") {
                out.push(super::deps::LocalArchive {
                    module: idx,
                    rel_path: relative(&e.path(), &project.root),
                    file_name: name,
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
    out
}

/// A span covering nothing in `file`, for findings about a file as a whole.
pub fn file_start(file: FileId) -> Span {
    Span::new(file, TextRange::empty(0))
}
