//! `check --fix` and `check --diff`: lint, apply the fixes the findings carry to the texts, lint
//! the edited texts again, and repeat for a few rounds; then write each edited file atomically,
//! or print the diff. This file decides which files may be written; the edits are `crate::fix`'s.

use crate::Report;
use crate::config::{Config, file::FileConfig};
use crate::fix::bytes::{can_encode, splice};
use crate::fix::{Applicability, Fix};
use crate::parse::text::{TextKind, decode};
use crate::project::paths::normalize;
use crate::project::{InputProblemKind, Project};
use crate::span::FileId;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Rounds of fixing: each lints the result of the last, so fixes that waited for an overlapping
/// one, or that an earlier fix made possible, are applied too.
pub(super) const MAX_ROUNDS: usize = 4;

/// Folders whose files are build outputs or caches, never sources to edit.
const NEVER_WRITTEN: &[&str] = &["build", ".gradle", ".git"];

/// A file the fixes edit: its bytes and text as first read, and as they are now.
pub(super) struct Edited {
    /// The real path (symbolic links resolved), inside the project root.
    pub abs: PathBuf,
    /// The path relative to the project root, as the report shows it.
    pub rel: String,
    kind: TextKind,
    /// Its encoding, by the name `parse::text` gives it.
    encoding: &'static str,
    pub original: Vec<u8>,
    pub original_text: String,
    pub bytes: Vec<u8>,
    pub text: String,
}

/// What the fix rounds did to one project.
pub(super) struct Outcome {
    /// Files whose bytes changed, in path order.
    pub files: Vec<Edited>,
    /// Findings repaired.
    pub fixed: usize,
    /// Files that fixes would edit but may not: the file and why.
    pub refused: BTreeMap<String, String>,
}

/// Whether a file may be edited at all, and its real path: inside the project root (also once
/// symbolic links are resolved), outside build and cache folders and the Gradle user home, not a
/// console snapshot, and read without a parse error.
fn writable(
    project: &Project,
    root: &Path,
    gradle_home: Option<&Path>,
    file: FileId,
) -> Result<PathBuf, String> {
    let f = project.files.get(file);
    if f.external {
        return Err("it belongs to a library".into());
    }
    let is_console = project.consoles.iter().any(|c| c.file == file);
    if is_console || f.rel.rsplit('/').next() == Some("push-console.json") {
        return Err("it is the console snapshot, which only the IM console can change".into());
    }
    let parse_error = project.problems.iter().any(|p| {
        p.span.file == file
            && !matches!(
                p.kind,
                InputProblemKind::ConsoleKeyUnknown
                    | InputProblemKind::ConfigKeyUnknown
                    | InputProblemKind::ConfigRuleUnknown
                    | InputProblemKind::ModuleMissing
                    | InputProblemKind::ModuleFolderCase
                    | InputProblemKind::LibraryUnreadable
            )
    });
    if parse_error {
        return Err("it could not be read or parsed cleanly".into());
    }
    let real = std::fs::canonicalize(root.join(&f.rel)).map_err(|e| format!("it cannot be opened: {e}"))?;
    let inside = real.strip_prefix(root).map_err(|_| "it lies outside the project root".to_string())?;
    if inside.components().any(|c| NEVER_WRITTEN.iter().any(|n| c.as_os_str() == *n)) {
        return Err("it lies in a build or cache folder".into());
    }
    if gradle_home.is_some_and(|g| real.starts_with(g)) {
        return Err("it lies in the Gradle user home".into());
    }
    if !std::fs::metadata(&real).is_ok_and(|m| m.is_file()) {
        return Err("it is not a regular file".into());
    }
    Ok(real)
}

/// How a file is decoded: as discovery decodes it.
fn kind_of(rel: &str) -> TextKind {
    if rel.ends_with(".xml") { TextKind::Xml } else { TextKind::Other }
}

/// Reads a file about to be edited and checks it still holds the text that was linted, in an
/// encoding its bytes can be written back in.
fn open(abs: PathBuf, rel: &str, linted: &str) -> Result<Edited, String> {
    let original = std::fs::read(&abs).map_err(|e| format!("it cannot be read: {e}"))?;
    let kind = kind_of(rel);
    // An empty splice checks that the file decodes to the linted text and encodes back to its bytes.
    splice(&original, kind, linted, &[]).map_err(|r| r.to_string())?;
    let decoded = decode(&original, kind);
    let text = decoded.text;
    Ok(Edited {
        abs,
        rel: rel.to_string(),
        kind,
        encoding: decoded.encoding,
        bytes: original.clone(),
        original,
        original_text: text.clone(),
        text,
    })
}

/// Runs the fix rounds on the project at `root`: `prepare` checks each report (an error ends
/// the run) and drops the findings not to fix (the baseline's); `min` is the least sure
/// applicability applied. Nothing is written.
pub(super) fn rounds(
    root: &Path,
    config: &Config,
    file: Option<&FileConfig>,
    min: Applicability,
    prepare: &dyn Fn(&mut Report) -> Result<(), String>,
) -> Result<Outcome, String> {
    let gradle_home = config.gradle_user_home.as_ref().and_then(|g| std::fs::canonicalize(g).ok());
    let mut edited: BTreeMap<String, Edited> = BTreeMap::new();
    let mut refused: BTreeMap<String, String> = BTreeMap::new();
    let mut fixed = 0;
    // How many findings alike (code, file, message) there were when one of them was fixed: a
    // later round fixes one of them again only if there are fewer now. Otherwise the fix did not
    // repair its finding, and is not applied twice.
    let mut fixed_at: HashMap<(&'static str, String, String), usize> = HashMap::new();
    for _ in 0..MAX_ROUNDS {
        let mut cfg = config.clone();
        cfg.overrides = edited.values().map(|e| (normalize(&root.join(&e.rel)), e.text.clone())).collect();
        let mut report = crate::engine::lint_loading_catalog(root, &cfg, file)?;
        prepare(&mut report)?;
        let project = &report.project;
        // Whether each file may be edited, asked once per file and round.
        let mut ok: HashMap<FileId, bool> = HashMap::new();
        let mut usable =
            |fix: &Fix, edited: &mut BTreeMap<String, Edited>, refused: &mut BTreeMap<String, String>| {
                fix.edits.iter().all(|e| {
                    let f = project.files.get(e.span.file);
                    let file_ok = *ok.entry(e.span.file).or_insert_with(|| {
                        if refused.contains_key(&f.rel) {
                            return false;
                        }
                        if edited.contains_key(&f.rel) {
                            return true;
                        }
                        match writable(project, root, gradle_home.as_deref(), e.span.file)
                            .and_then(|abs| open(abs, &f.rel, f.original_text()))
                        {
                            Ok(state) => {
                                edited.insert(f.rel.clone(), state);
                                true
                            }
                            Err(why) => {
                                refused.insert(f.rel.clone(), why);
                                false
                            }
                        }
                    });
                    let encoding = edited.get(&f.rel).map_or(f.encoding, |s| s.encoding);
                    file_ok && can_encode(encoding, &e.content)
                })
            };
        let key = |d: &crate::diagnostics::Diagnostic| {
            let file = d.file().map_or(String::new(), |f| project.files.get(f).rel.clone());
            (d.code, file, d.message.clone())
        };
        let mut alike: HashMap<(&'static str, String, String), usize> = HashMap::new();
        for d in report.diagnostics.iter().filter(|d| d.fix.is_some()) {
            *alike.entry(key(d)).or_default() += 1;
        }
        let fixable: Vec<&crate::diagnostics::Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min))
            .filter(|d| {
                let k = key(d);
                fixed_at.get(&k).is_none_or(|&before| alike.get(&k).copied().unwrap_or(0) < before)
            })
            .filter(|d| d.fix.as_ref().is_some_and(|f| usable(f, &mut edited, &mut refused)))
            .collect();
        let candidates: Vec<&Fix> = fixable.iter().filter_map(|d| d.fix.as_ref()).collect();
        let selection = crate::fix::select(&candidates);
        if selection.taken.is_empty() {
            break;
        }
        // All files of the round, or none: a file whose bytes cannot take the edits is refused and
        // the round is tried again without it.
        let mut next: Vec<(String, Vec<u8>, String)> = Vec::new();
        let mut failed = false;
        for (id, edits) in &selection.edits {
            let rel = project.files.get(*id).rel.clone();
            let Some(state) = edited.get(&rel) else { continue };
            match splice(&state.bytes, state.kind, &state.text, edits) {
                Ok(bytes) => next.push((rel, bytes, crate::fix::apply_edits(&state.text, edits))),
                Err(why) => {
                    refused.insert(rel, why.to_string());
                    failed = true;
                }
            }
        }
        if failed {
            continue;
        }
        for (rel, bytes, text) in next {
            if let Some(state) = edited.get_mut(&rel) {
                state.bytes = bytes;
                state.text = text;
            }
        }
        fixed += selection.taken.len();
        for &i in &selection.taken {
            let k = key(fixable[i]);
            let n = alike.get(&k).copied().unwrap_or(0);
            fixed_at.insert(k, n);
        }
    }
    let files = edited.into_values().filter(|e| e.bytes != e.original).collect();
    Ok(Outcome { files, fixed, refused })
}

/// Writes the edited files, each atomically and only if it still holds what was read; returns
/// the files that could not be written, with the reason.
pub(super) fn write(files: &[Edited]) -> Vec<(String, String)> {
    let mut failed = Vec::new();
    for f in files {
        match std::fs::read(&f.abs) {
            Ok(now) if now == f.original => {}
            _ => {
                failed.push((f.rel.clone(), "it changed on disk while it was fixed".to_string()));
                continue;
            }
        }
        if let Err(e) = super::files::write_atomic(&f.abs, &f.bytes) {
            failed.push((f.rel.clone(), e.to_string()));
        }
    }
    failed
}

/// The unified diff of one edited file, with `shown` as its path in both headers.
pub(super) fn diff(f: &Edited, shown: &str) -> String {
    similar::TextDiff::from_lines(f.original_text.as_str(), f.text.as_str())
        .unified_diff()
        .context_radius(3)
        .header(shown, shown)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_snapshots_and_the_gradle_home_are_never_writable() {
        let root = std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample-chat"))
            .unwrap();
        let report = crate::lint(&root, &Config::default()).unwrap();
        let project = &report.project;
        let console = project.consoles.first().map(|c| c.file).expect("the sample has a console file");
        let why = writable(project, &root, None, console).unwrap_err();
        assert!(why.contains("console snapshot"), "{why}");
        let manifest = project.manifests.iter().find(|m| m.library.is_none()).map(|m| m.file).unwrap();
        assert!(writable(project, &root, None, manifest).is_ok());
        let why = writable(project, &root, Some(&root), manifest).unwrap_err();
        assert!(why.contains("Gradle user home"), "{why}");
    }
}
