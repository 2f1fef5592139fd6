//! The Gradle projects the server lints, each with what it keeps between edits: its resolved
//! configuration, the files the last lint read, and the findings of the last good lint. A lint
//! is one project's, from the open documents over the disk, and never panics the server.

use super::convert::{self, FixEdit};
use super::documents::Documents;
use crate::catalog::Catalog;
use crate::config::{Config, file::FileConfig};
use crate::project::discover::DirCache;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One finding as published, with what code actions and hover need.
#[derive(Clone, Debug)]
pub struct Finding {
    pub diagnostic: lsp_types::Diagnostic,
    pub code: &'static str,
    pub note: Option<String>,
    pub fix: Option<FixEdit>,
    /// The byte range of the primary span in the text linted, for suppressions.
    pub start: usize,
}

pub struct Project {
    /// The canonical root, as `find_root` returns it.
    pub root: PathBuf,
    /// `Config::resolve` of the server's base configuration: `pushlint.toml` is read once, and
    /// again after it changes.
    config: Option<(Config, Option<FileConfig>)>,
    /// When the project is to be linted (edits push it back: the debounce).
    pub due: Option<Instant>,
    /// How long its last lint took: the quiet period an edit waits for.
    pub cost: Duration,
    /// Every file the last lint read, with a hash of the text read: edits to other files cannot
    /// change the findings, and an edit that restores the text linted needs no lint.
    pub files: HashMap<PathBuf, u64>,
    /// The findings of the last good lint, by file.
    pub findings: HashMap<PathBuf, Vec<Finding>>,
    /// The folder listings discovery made, kept while the client reports files created and
    /// deleted (then a lint lists no folder again); None without such reports.
    pub dirs: Option<Arc<DirCache>>,
}

pub fn text_hash(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.strip_prefix('\u{feff}').unwrap_or(text).hash(&mut h);
    h.finish()
}

/// What a lint did, for the log.
pub enum Outcome {
    Linted,
    /// The configuration or catalog is invalid, or the lint panicked: the last good findings stay.
    Failed(String),
}

impl Project {
    pub fn new(root: PathBuf, watched: bool) -> Project {
        Project {
            dirs: watched.then(|| Arc::new(DirCache::new())),
            root,
            config: None,
            due: None,
            cost: Duration::ZERO,
            files: HashMap::new(),
            findings: HashMap::new(),
        }
    }

    /// Reads `pushlint.toml` again at the next lint.
    pub fn reload_config(&mut self) {
        self.config = None;
    }

    /// The rules directory of the configuration in effect (its catalog is cached by it).
    pub fn rules_dir(&self) -> Option<&Path> {
        self.config.as_ref().and_then(|(c, _)| c.rules_dir.as_deref())
    }

    /// Lints from `docs` over the disk and replaces the findings; on any failure keeps them.
    pub fn lint(
        &mut self,
        base: &Config,
        catalogs: &mut HashMap<Option<PathBuf>, Arc<Catalog>>,
        docs: &Documents,
    ) -> Outcome {
        if self.config.is_none() {
            match base.resolve(&self.root) {
                Ok(c) => self.config = Some(c),
                Err(e) => return Outcome::Failed(format!("invalid configuration: {e}")),
            }
        }
        let Some((config, file)) = &self.config else { return Outcome::Failed("no configuration".into()) };
        let catalog = match catalogs.get(&config.rules_dir) {
            Some(c) => c.clone(),
            None => {
                let loaded = match &config.rules_dir {
                    Some(dir) => Catalog::with_dir(dir),
                    None => Catalog::embedded(),
                };
                match loaded {
                    Ok(c) => catalogs.entry(config.rules_dir.clone()).or_insert(Arc::new(c)).clone(),
                    Err(e) => return Outcome::Failed(format!("invalid vendor catalog: {e}")),
                }
            }
        };
        let overlay = docs.overlay();
        let started = Instant::now();
        let root = self.root.as_path();
        // A bug in a rule must not end the session: the editor keeps the last good findings.
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // Lets the end-to-end tests prove a panic leaves the session and its findings alone.
            if let Some(marker) = std::env::var_os("PUSHLINT_TEST_LINT_PANIC") {
                if overlay.values().any(|t| t.contains(&*marker.to_string_lossy())) {
                    panic!("panic requested by PUSHLINT_TEST_LINT_PANIC");
                }
            }
            let inputs = crate::Inputs { overlay, dirs: self.dirs.clone() };
            crate::lint_overlay(root, config, file.as_ref(), &catalog, inputs)
        }));
        let report = match run {
            Ok(r) => r,
            Err(panic) => {
                let what = panic
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| panic.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "unknown panic".into());
                return Outcome::Failed(format!(
                    "pushlint crashed linting {} ({what}); this is a bug, please report it with the input that caused it; the findings shown are from the last successful lint",
                    root.display()
                ));
            }
        };
        self.cost = started.elapsed();
        self.take(&report, docs);
        Outcome::Linted
    }

    /// Converts a report into findings by file and records the files it read.
    fn take(&mut self, report: &crate::Report, docs: &Documents) {
        let files = &report.project.files;
        let uri_of = |p: &Path| docs.uri_of(p);
        let at = convert::Files { root: &report.project.root, sources: files, uri_of: &uri_of };
        self.files = files
            .iter()
            .filter(|(_, f)| !f.external)
            .map(|(id, f)| (at.path(id), text_hash(&f.text)))
            .collect();
        // A finding about the project as a whole is shown at the top of its main build file.
        let fallback =
            report.project.settings.as_ref().or(report.project.root_build.as_ref()).map(|b| b.file);
        let mut findings: HashMap<PathBuf, Vec<Finding>> = HashMap::new();
        for d in &report.diagnostics {
            let Some(file) = d.primary.as_ref().map(|p| p.span.file).or(fallback) else { continue };
            if files.get(file).external {
                continue;
            }
            findings.entry(at.path(file)).or_default().push(Finding {
                diagnostic: convert::diagnostic(d, &at),
                code: d.code,
                note: d.note.clone(),
                fix: d.fix.as_ref().and_then(|f| convert::fix(f, &at)),
                start: d.primary.as_ref().map_or(0, |p| p.span.range.start as usize),
            });
        }
        self.findings = findings;
    }
}

/// Folders never searched for projects: build output, dependencies, tools' state.
const SKIP_DIRS: &[&str] = &["build", "node_modules", "target", "out"];

/// Whether a file created, changed or deleted at `path` is in a project's build output or a
/// tool's folder, which discovery does not read: a Gradle build changes thousands of them.
pub fn is_output(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    rel.components().any(|c| matches!(c.as_os_str().to_str(), Some("build" | ".gradle" | ".git" | ".idea")))
}
/// How deep under a workspace folder projects are looked for.
const MAX_SCAN_DEPTH: usize = 3;

/// The Gradle projects of a workspace folder: the one it is in, else those in its subfolders
/// (a folder may hold several), not looking inside a project found.
pub fn in_folder(folder: &Path) -> Vec<PathBuf> {
    if let Ok(root) = crate::project::discover::find_root(folder) {
        return vec![root];
    }
    let mut out = Vec::new();
    let mut stack = vec![(folder.to_path_buf(), 0)];
    while let Some((dir, depth)) = stack.pop() {
        let has = |n: &str| dir.join(n).is_file();
        if has("settings.gradle") || has("settings.gradle.kts") {
            out.extend(std::fs::canonicalize(&dir));
            continue;
        }
        if depth >= MAX_SCAN_DEPTH {
            continue;
        }
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir())
                && !name.starts_with('.')
                && !SKIP_DIRS.contains(&&*name)
            {
                stack.push((e.path(), depth + 1));
            }
        }
    }
    out.sort();
    out
}

/// A file's findings from every project that reads it (an included build's file is read by the
/// build that includes it and, when opened on its own, by its own project).
pub fn findings_for<'a>(projects: &'a [Project], path: &Path) -> Vec<&'a Finding> {
    projects.iter().filter_map(|p| p.findings.get(path)).flatten().collect()
}

/// A project linted once from disk, for tests.
#[cfg(test)]
pub fn lint_once(root: &Path) -> (Project, Documents) {
    let mut p = Project::new(std::fs::canonicalize(root).unwrap(), false);
    let docs = Documents::default();
    let mut catalogs = HashMap::new();
    assert!(matches!(p.lint(&Config::default(), &mut catalogs, &docs), Outcome::Linted));
    (p, docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_carry_code_docs_severity_and_the_other_files() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample-chat");
        let (p, _) = lint_once(&sample);
        let manifest = p.root.join("app/src/main/AndroidManifest.xml");
        assert!(p.files.contains_key(&manifest) && p.files.contains_key(&p.root.join("push-console.json")));
        let f = p.findings[&manifest].iter().find(|f| f.code == "PL101").expect("PL101 in the manifest");
        let d = &f.diagnostic;
        assert_eq!(d.code, Some(lsp_types::NumberOrString::String("PL101".into())));
        assert_eq!(d.severity, Some(lsp_types::DiagnosticSeverity::ERROR));
        let href = d.code_description.as_ref().map(|c| c.href.to_string()).unwrap_or_default();
        assert!(href.ends_with("PL101-click-action-no-matching-filter.md"), "{href}");
        let related = d.related_information.as_ref().expect("related information");
        assert!(related.iter().any(|r| r.location.uri.path().ends_with("/push-console.json")));
        // The same lint again reads the same files with the same texts.
        let (again, _) = lint_once(&sample);
        assert_eq!(again.files, p.files);
    }

    #[test]
    fn a_fix_is_a_preferred_edit_of_its_span() {
        let case =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/PL209-permission-name-misspelled/fail");
        let (p, _) = lint_once(&case);
        let manifest = p.root.join("app/src/main/AndroidManifest.xml");
        let f = p.findings[&manifest].iter().find(|f| f.code == "PL209").expect("PL209");
        let fix = f.fix.as_ref().expect("a fix");
        assert!(fix.preferred);
        let uri = lsp_types::Url::from_file_path(&manifest).unwrap();
        let edits = &fix.edits[&uri];
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].range, f.diagnostic.range);
        assert_eq!(edits[0].new_text, "com.heytap.mcs.permission.RECIEVE_MCS_MESSAGE");
    }
}
