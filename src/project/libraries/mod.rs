//! What the build merges besides the project's own manifests: the `AndroidManifest.xml` of every
//! AAR a module depends on. Read from disk when the AAR (or AGP's unpacked copy) is there —
//! `libs/` files, Maven folders of the project, `mavenLocal()`, the Gradle cache — with transitive
//! dependencies followed through the `.module`/`.pom` files beside them; otherwise taken from the
//! catalog's `[[library]]` facts; otherwise unknown, and the rules say less about it.
//! Never the network. This module and `discover` are the only ones that read the disk.

mod anchor;
pub mod archive;
pub mod locate;
pub mod pom;

pub use anchor::anchor_findings;

use super::deps::{ResolvedDep, compare_versions};
use super::source::SourceFile;
use super::variants::Variant;
use super::{InputProblem, InputProblemKind, ManifestFile, ManifestId, Project};
use crate::catalog::Catalog;
use crate::catalog::library::{LibraryFacts, VersionBounds, wrap_fragment};
use crate::parse::gradle::{DepNotation, RepoKind, Value};
use crate::parse::manifest::ManifestDoc;
use crate::parse::text::{TextKind, decode_owned};
use crate::span::Span;
use archive::ArchiveManifest;
use locate::{Locator, Roots};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Libraries beyond this many are not followed (a dependency graph this large is not an app's).
const MAX_LIBRARIES: usize = 20_000;
/// How deep transitive dependencies are followed.
const MAX_DEPTH: usize = 32;

/// Where library manifests may be read from.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Read AARs and metadata from disk at all (`--no-library-manifests` turns it off).
    pub disk: bool,
    pub gradle_user_home: Option<PathBuf>,
    pub maven_local: Option<PathBuf>,
}

/// Where a library's manifest came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Read from this file (shown relative to the project, `$GRADLE_USER_HOME` or `<mavenLocal>`).
    Disk { path: String },
    /// Taken from the catalog's facts.
    Catalog { source: String },
    /// Neither on disk nor in the catalog: what it declares is not known.
    Unknown { why: String },
}

/// One AAR (or jar) library, one version.
#[derive(Clone, Debug)]
pub struct Library {
    /// `group:name`; None for a file in `libs/`.
    pub coordinate: Option<String>,
    /// The version when it is known exactly.
    pub version: Option<String>,
    /// `group:name:version`, or the file's project-relative path.
    pub display: String,
    pub origin: Origin,
    pub manifest: Option<ManifestId>,
    /// Libraries it depends on (known only when its metadata was read).
    pub deps: Vec<usize>,
    /// What it and its dependencies bring into the merged manifest is fully known: read from
    /// disk with every dependency known too, or a complete catalog entry.
    pub known: bool,
    /// The library it was first reached through (None when a module depends on it directly).
    pub parent: Option<usize>,
    /// The dependency declaration that brings it in (for a transitive library, the direct one).
    pub via: Option<Span>,
}

impl Library {
    /// How a message names it: the display name, with the library that brings it in.
    pub fn describe(&self, project: &Project) -> String {
        match self.parent.and_then(|p| project.libraries.get(p)) {
            Some(p) => format!("`{}` (through `{}`)", self.display, p.display),
            None => format!("`{}`", self.display),
        }
    }
}

/// A library a module's build file brings in directly.
#[derive(Clone, Debug)]
pub struct LibraryUse {
    pub library: usize,
    /// The dependency statement (or the `files`/`fileTree` statement for a `libs/` file).
    pub span: Span,
    pub configuration: String,
}

impl LibraryUse {
    /// Whether it reaches `variant` of the app (the configuration's variant prefix).
    pub fn reaches(&self, variant: &Variant) -> bool {
        super::deps::configuration_reaches(&self.configuration, variant)
    }
}

/// What a lookup is keyed by: a Maven coordinate and version, or a file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Maven { coordinate: String, version: Option<String>, bounds: Option<(Option<String>, Option<String>)> },
    File(PathBuf),
}

/// Builds `project.libraries` and each module's direct `libraries`, adding the manifests found
/// to `project.manifests` (after every project manifest, so ids of those do not move).
pub fn attach(project: &mut Project, catalog: &Catalog, opts: &Options) {
    let locator = Locator::new(roots(project, opts));
    let mut b = Builder {
        project,
        catalog,
        opts,
        locator,
        index: HashMap::new(),
        libs: Vec::new(),
        pending: Vec::new(),
    };
    b.run();
}

struct Pending {
    library: usize,
    found: Option<locate::Found>,
    depth: usize,
}

struct Builder<'a> {
    project: &'a mut Project,
    catalog: &'a Catalog,
    opts: &'a Options,
    locator: Locator,
    index: HashMap<Key, usize>,
    libs: Vec<Draft>,
    pending: Vec<Pending>,
}

/// A library while the graph is built.
struct Draft {
    lib: Library,
    /// Manifest text to add, and whether it is external text read from disk.
    text: Option<String>,
    /// Metadata was read (or none can exist, as for a `libs/` file).
    deps_known: bool,
    catalog_complete: bool,
    /// A declaration that brings it in, for problems about it.
    span: Option<Span>,
    module: usize,
    /// What is known of its version when no exact one is (a BoM's range).
    bounds: VersionBounds,
}

impl Builder<'_> {
    fn run(&mut self) {
        let mut uses: Vec<(usize, LibraryUse)> = Vec::new();
        for m in 0..self.project.modules.len() {
            for (span, configuration, key) in direct_requests(self.project, self.catalog, m) {
                let library = self.request(key, span, m, None, 0);
                uses.push((m, LibraryUse { library, span, configuration }));
            }
        }
        // Read what was requested, level by level; each level's files are read in parallel.
        while !self.pending.is_empty() && self.libs.len() < MAX_LIBRARIES {
            let level = std::mem::take(&mut self.pending);
            let opened: Vec<(usize, Opened)> = {
                use rayon::prelude::*;
                let libs = &self.libs;
                level.into_par_iter().map(|p| (p.library, open(&libs[p.library], p.found, p.depth))).collect()
            };
            for (i, o) in opened {
                self.settle(i, o);
            }
        }
        self.finish(uses);
    }

    /// The library for `key`, created (and queued for reading) on first request.
    fn request(&mut self, key: Key, span: Span, module: usize, parent: Option<usize>, depth: usize) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let i = self.libs.len();
        let bounds = match &key {
            Key::Maven { version: Some(v), .. } => VersionBounds::exact(v),
            Key::Maven { bounds: Some((lo, hi)), .. } => {
                VersionBounds { lo: lo.clone(), hi: hi.clone(), exact: false }
            }
            _ => VersionBounds::unknown(),
        };
        let (coordinate, version, display, found) = match &key {
            Key::Maven { coordinate, version, bounds } => {
                let shown = match (version, bounds) {
                    (Some(v), _) => format!("{coordinate}:{v}"),
                    (None, Some((lo, hi))) => {
                        let b = VersionBounds { lo: lo.clone(), hi: hi.clone(), exact: false };
                        format!("{coordinate} ({})", b.describe().unwrap_or_default())
                    }
                    (None, None) => coordinate.clone(),
                };
                let found = match (version, coordinate.split_once(':')) {
                    (Some(v), Some((g, n))) if self.opts.disk => Some(self.locator.find(g, n, v)),
                    _ => None,
                };
                (Some(coordinate.clone()), version.clone(), shown, found)
            }
            Key::File(p) => {
                let shown = super::paths::relative(p, &self.project.root);
                let found = self.opts.disk.then(|| locate::Found {
                    archive: Some((p.clone(), shown.clone())),
                    ..Default::default()
                });
                (None, None, shown, found)
            }
        };
        self.libs.push(Draft {
            lib: Library {
                coordinate,
                version,
                display,
                origin: Origin::Unknown { why: String::new() },
                manifest: None,
                deps: Vec::new(),
                known: false,
                parent,
                via: Some(span),
            },
            text: None,
            deps_known: false,
            catalog_complete: false,
            span: Some(span),
            module,
            bounds,
        });
        self.index.insert(key, i);
        self.pending.push(Pending { library: i, found, depth });
        i
    }

    /// Records what reading library `i` gave, queueing its dependencies.
    fn settle(&mut self, i: usize, o: Opened) {
        let span = self.libs[i].span.unwrap_or(Span::whole_file(crate::span::FileId(0)));
        let module = self.libs[i].module;
        if let Some(problem) = &o.problem {
            self.project.problems.push(InputProblem {
                kind: InputProblemKind::LibraryUnreadable,
                span,
                message: format!("cannot read the manifest of `{}`: {problem}", self.libs[i].lib.display),
            });
        }
        match o.source {
            Some(path) => {
                self.libs[i].lib.origin = Origin::Disk { path };
                self.libs[i].text = o.text;
                self.libs[i].deps_known = o.deps.is_some();
            }
            None => self.take_from_catalog(i, o.problem.as_deref()),
        }
        let depth = o.depth;
        for r in o.deps.into_iter().flatten() {
            if depth + 1 >= MAX_DEPTH || self.libs.len() >= MAX_LIBRARIES {
                self.libs[i].deps_known = false;
                break;
            }
            let key = Key::Maven { coordinate: r.coordinate, version: r.version, bounds: None };
            let d = self.request(key, span, module, Some(i), depth + 1);
            if d != i && !self.libs[i].lib.deps.contains(&d) {
                self.libs[i].lib.deps.push(d);
            }
        }
    }

    /// Takes library `i`'s manifest from the catalog, when an entry certainly describes it.
    fn take_from_catalog(&mut self, i: usize, problem: Option<&str>) {
        let lib = &self.libs[i].lib;
        let entries: Vec<&LibraryFacts> = match &lib.coordinate {
            Some(c) => self.catalog.libraries.for_artifact(c, &self.libs[i].bounds),
            None => {
                let name = lib.display.rsplit('/').next().unwrap_or(&lib.display);
                self.catalog.libraries.for_archive(name)
            }
        };
        if entries.is_empty() || problem.is_some() {
            let why = match (problem, &lib.version, &lib.coordinate) {
                (Some(p), _, _) => p.to_string(),
                (None, None, Some(_)) if !lib.display.contains('(') => "its version is not known".into(),
                _ if self.opts.disk => "not on disk and not in the catalog".into(),
                _ => "library manifests are not read and it is not in the catalog".into(),
            };
            self.libs[i].lib.origin = Origin::Unknown { why };
            return;
        }
        let fragments: Vec<&str> = entries.iter().map(|e| e.manifest.as_str()).collect();
        let source = entries.iter().map(|e| e.source.as_str()).collect::<Vec<_>>().join("; ");
        self.libs[i].catalog_complete = entries.iter().any(|e| e.complete);
        self.libs[i].text = Some(wrap_fragment(&fragments.join("\n")));
        self.libs[i].lib.origin = Origin::Catalog { source: format!("rules/libraries.toml: {source}") };
    }

    /// Adds the manifests to the project, decides what is fully known, and stores the graph.
    fn finish(&mut self, uses: Vec<(usize, LibraryUse)>) {
        let n = self.libs.len();
        for i in 0..n {
            let Some(text) = self.libs[i].text.take() else { continue };
            let rel = match &self.libs[i].lib.origin {
                Origin::Disk { path } => format!("{path}!/AndroidManifest.xml"),
                _ => format!("{} (rules/libraries.toml)", self.libs[i].lib.display),
            };
            let doc = ManifestDoc::parse(&text);
            if doc.has_fatal_errors() {
                let span = self.libs[i].span.unwrap_or(Span::whole_file(crate::span::FileId(0)));
                self.project.problems.push(InputProblem {
                    kind: InputProblemKind::LibraryUnreadable,
                    span,
                    message: format!("the manifest of `{}` is not well-formed XML", self.libs[i].lib.display),
                });
                self.libs[i].lib.origin = Origin::Unknown { why: "its manifest is not well-formed".into() };
                continue;
            }
            let mut file = SourceFile::new(rel, text, "UTF-8");
            file.external = true;
            let file = self.project.files.push(file);
            let id = ManifestId(self.project.manifests.len() as u32);
            self.project.manifests.push(ManifestFile {
                file,
                module: self.libs[i].module,
                source_set: "library".into(),
                doc,
                library: Some(i),
            });
            self.libs[i].lib.manifest = Some(id);
        }
        // Fully known: a complete catalog entry, or read from disk with its dependency list and
        // every dependency fully known. Computed to a fixed point (cycles stay unknown).
        let mut known: Vec<Option<bool>> = vec![None; n];
        for (i, d) in self.libs.iter().enumerate() {
            known[i] = match &d.lib.origin {
                Origin::Catalog { .. } => Some(d.catalog_complete),
                Origin::Unknown { .. } => Some(false),
                Origin::Disk { .. } if !d.deps_known => Some(false),
                Origin::Disk { .. } if d.lib.deps.is_empty() => Some(true),
                Origin::Disk { .. } => None,
            };
        }
        loop {
            let mut changed = false;
            for i in 0..n {
                if known[i].is_some() {
                    continue;
                }
                let deps = &self.libs[i].lib.deps;
                if deps.iter().any(|&d| known[d] == Some(false)) {
                    known[i] = Some(false);
                    changed = true;
                } else if deps.iter().all(|&d| known[d] == Some(true)) {
                    known[i] = Some(true);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let libs: Vec<Library> = std::mem::take(&mut self.libs)
            .into_iter()
            .zip(known)
            .map(|(d, k)| Library { known: k == Some(true), ..d.lib })
            .collect();
        self.project.libraries = libs;
        for (m, u) in uses {
            if let Some(module) = self.project.modules.get_mut(m) {
                module.libraries.push(u);
            }
        }
    }
}

/// What reading one library gave.
struct Opened {
    /// The file its manifest was read from, as shown; None when nothing was read from disk.
    source: Option<String>,
    text: Option<String>,
    /// Its dependencies, when its metadata was read (empty for a `libs/` file, which has none).
    deps: Option<Vec<pom::Requested>>,
    problem: Option<String>,
    depth: usize,
}

/// Reads a library's manifest and metadata from what `found` located.
fn open(d: &Draft, found: Option<locate::Found>, depth: usize) -> Opened {
    let mut o = Opened { source: None, text: None, deps: None, problem: None, depth };
    let Some(found) = found else { return o };
    if let Some(p) = found.problem {
        o.problem = Some(p);
        return o;
    }
    if let Some((path, shown)) = &found.archive {
        let is_file_dep = d.lib.coordinate.is_none();
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("jar")) {
            // A jar has no manifest to merge.
            o.source = Some(shown.clone());
        } else {
            match archive::read_manifest(path) {
                ArchiveManifest::Found(bytes) => match text_of(bytes) {
                    Ok(t) => {
                        o.source = Some(shown.clone());
                        o.text = Some(t);
                    }
                    Err(why) => o.problem = Some(why),
                },
                ArchiveManifest::Absent => o.source = Some(shown.clone()),
                ArchiveManifest::Unreadable(why) => o.problem = Some(why),
            }
        }
        // A file dependency brings no transitive dependencies.
        if is_file_dep {
            o.deps = Some(Vec::new());
        }
    } else if let Some((path, shown)) = &found.unpacked {
        match read_small(path) {
            Ok(bytes) => match text_of(bytes) {
                Ok(t) => {
                    o.source = Some(shown.clone());
                    o.text = Some(t);
                }
                Err(why) => o.problem = Some(why),
            },
            Err(why) => o.problem = Some(why),
        }
    }
    if let Some((path, gmm)) = &found.metadata {
        let text = read_small(path).ok().map(|b| decode_owned(b, TextKind::Other).text);
        o.deps = text.and_then(|t| if *gmm { pom::from_module_metadata(&t) } else { pom::from_pom(&t) });
    }
    o
}

fn path_name(p: &Path) -> String {
    p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// A metadata or unpacked manifest file, bounded in size.
fn read_small(path: &Path) -> Result<Vec<u8>, String> {
    crate::fileio::read(path, archive::MAX_MANIFEST).map_err(|e| match e {
        crate::fileio::ReadError::Io(e) => format!("cannot read {}: {e}", path_name(path)),
        _ => format!("{} is not a small regular file", path_name(path)),
    })
}

/// A manifest's bytes as text; binary (compiled) manifests are refused.
fn text_of(bytes: Vec<u8>) -> Result<String, String> {
    let decoded = decode_owned(bytes, TextKind::Xml);
    if decoded.text.contains('\0') {
        return Err("its AndroidManifest.xml is binary, not XML".into());
    }
    Ok(decoded.text)
}

/// The direct library requests of module `m`: (declaration, configuration, key).
fn direct_requests(project: &Project, catalog: &Catalog, m: usize) -> Vec<(Span, String, Key)> {
    let module = &project.modules[m];
    let mut out = Vec::new();
    let boms: Vec<&ResolvedDep> =
        module.deps.iter().filter(|d| d.platform && d.version.value().is_some()).collect();
    for d in module.deps.iter().filter(|d| d.is_packaged() && !d.platform) {
        let coordinate = d.coordinate().to_string();
        let key = match d.version.value() {
            Some(v) if !super::deps::is_dynamic_version(v) && !v.contains(['[', '(', ',']) => {
                Key::Maven { coordinate, version: Some(v.trim().to_string()), bounds: None }
            }
            Some(_) => Key::Maven { coordinate, version: None, bounds: None },
            None => {
                let bounds = boms.iter().find_map(|b| {
                    catalog.libraries.bom_bounds(b.coordinate(), b.version.value()?, d.coordinate())
                });
                Key::Maven { coordinate, version: None, bounds: bounds.map(|b| (b.lo, b.hi)) }
            }
        };
        out.push((d.span, d.configuration.clone(), key));
    }
    let Some(build) = &module.build else { return out };
    // `libs/` files that a dependency statement puts on the classpath.
    let flat_dirs = [module.dir.join("libs"), project.root.join("libs")];
    for d in &build.script.dependencies {
        if !ResolvedDep::configuration_is_packaged(&d.configuration.value) {
            continue;
        }
        let span = Span::new(build.file, d.range);
        let conf = d.configuration.value.clone();
        match &d.notation {
            DepNotation::Files { dir: None, include } => {
                for f in include.iter().filter(|f| is_aar(f)) {
                    out.push((span, conf.clone(), Key::File(super::paths::normalize(&module.dir.join(f)))));
                }
            }
            DepNotation::Files { dir: Some(dir), include } => {
                let Value::Str(dir) = &dir.value else { continue };
                let dir = super::paths::normalize(&module.dir.join(dir));
                for a in module.archives.iter().filter(|a| is_aar(&a.file_name)) {
                    let path = project.root.join(&a.rel_path);
                    let in_dir = super::paths::normalize(&path).parent() == Some(dir.as_path());
                    let included = include.is_empty()
                        || include.iter().any(|g| crate::catalog::detect::glob_matches(g, &a.file_name));
                    if in_dir && included {
                        out.push((span, conf.clone(), Key::File(super::paths::normalize(&path))));
                    }
                }
            }
            DepNotation::Named { name: Spanned { value: Value::Str(name), .. }, version, ext } => {
                if ext.as_deref().is_some_and(|e| !e.eq_ignore_ascii_case("aar")) {
                    continue;
                }
                let version = version.as_ref().and_then(|v| v.value.literal());
                let mut names = vec![format!("{name}.aar")];
                if let Some(v) = &version {
                    names.insert(0, format!("{name}-{v}.aar"));
                }
                if let Some(p) =
                    flat_dirs.iter().flat_map(|d| names.iter().map(move |n| d.join(n))).find(|p| p.is_file())
                {
                    out.push((span, conf.clone(), Key::File(p)));
                }
            }
            _ => {}
        }
    }
    out
}

use crate::span::Spanned;

fn is_aar(name: &str) -> bool {
    name.len() > 4 && name[name.len() - 4..].eq_ignore_ascii_case(".aar")
}

/// The folders to search: Maven folders inside the project, `mavenLocal()` when declared, and
/// the Gradle user home.
fn roots(project: &Project, opts: &Options) -> Roots {
    let mut r = Roots { gradle_user_home: opts.gradle_user_home.clone(), ..Default::default() };
    if !opts.disk {
        r.gradle_user_home = None;
        return r;
    }
    let scripts = project
        .settings
        .iter()
        .chain(project.root_build.iter())
        .map(|b| (project.root.clone(), b))
        .chain(project.modules.iter().filter_map(|m| m.build.as_ref().map(|b| (m.dir.clone(), b))));
    let mut local_declared = false;
    for (dir, b) in scripts {
        for repo in &b.script.repositories {
            match &repo.kind {
                RepoKind::MavenLocal => local_declared = true,
                RepoKind::Maven(Some(url)) => {
                    let Some(url) = url.value.literal() else { continue };
                    if let Some(p) = local_folder(&url, &dir, &project.root) {
                        let shown = super::paths::relative(&p, &project.root);
                        if !r.project_repos.iter().any(|(q, _)| *q == p) {
                            r.project_repos.push((p, shown));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    if local_declared {
        r.maven_local = opts.maven_local.clone();
    }
    r
}

/// A Maven URL naming a folder inside the project (`../repo`, `file:../repo`, `repo`).
fn local_folder(url: &str, base: &Path, root: &Path) -> Option<PathBuf> {
    let rest = match url.split_once("://") {
        Some(("file", rest)) => rest,
        Some(_) => return None,
        None => url.strip_prefix("file:").unwrap_or(url),
    };
    if rest.is_empty() || rest.starts_with('/') || rest.contains(':') {
        return None;
    }
    let p = super::paths::normalize(&base.join(rest));
    (p.starts_with(root) && p.is_dir()).then_some(p)
}

/// The libraries `variant` of app module `app` merges, direct ones first, transitive ones after:
/// the app's own and those of the local library modules it merges. Where two versions of one
/// artifact are reached, the highest is kept, as Gradle does.
pub fn for_variant(project: &Project, app: usize, variant: &Variant) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::new();
    let mut seen = vec![false; project.libraries.len()];
    for &m in super::merge::merged_modules(project, app) {
        for u in project.modules[m].libraries.iter().filter(|u| u.reaches(variant)) {
            if !std::mem::replace(&mut seen[u.library], true) {
                order.push(u.library);
            }
        }
    }
    let mut i = 0;
    while i < order.len() {
        for &d in &project.libraries[order[i]].deps {
            if !std::mem::replace(&mut seen[d], true) {
                order.push(d);
            }
        }
        i += 1;
    }
    // Highest version per coordinate.
    let mut best: HashMap<&str, usize> = HashMap::new();
    for &l in &order {
        let lib = &project.libraries[l];
        let (Some(c), Some(v)) = (&lib.coordinate, &lib.version) else { continue };
        match best.get(c.as_str()) {
            Some(&b)
                if project.libraries[b].version.as_deref().and_then(|bv| compare_versions(bv, v))
                    != Some(std::cmp::Ordering::Less) => {}
            _ => {
                best.insert(c, l);
            }
        }
    }
    order
        .into_iter()
        .filter(|&l| {
            let lib = &project.libraries[l];
            match (&lib.coordinate, &lib.version) {
                (Some(c), Some(_)) => best.get(c.as_str()) == Some(&l),
                // A version-less request yields to a known version of the same artifact.
                (Some(c), None) => !best.contains_key(c.as_str()),
                _ => true,
            }
        })
        .collect()
}
