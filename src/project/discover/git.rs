//! The `.gitignore` files around and inside the project, read for `project::gitignore`.

use crate::project::Project;
use crate::project::gitignore::GitIgnores;
use std::path::PathBuf;

/// Largest `.gitignore` read; real ones are a few KiB.
const MAX_GITIGNORE: u64 = 256 * 1024;

/// The `.gitignore` files that decide what the repository holds: those of the folders from the
/// repository's top (the nearest folder up with a `.git`) down to the project root, and those of
/// each module folder and its `src/`. Read for matching only, never shown.
pub(super) fn read_ignores(project: &Project, fence: &crate::fileio::Fence) -> GitIgnores {
    let root = project.root.as_path();
    let mut dirs: Vec<PathBuf> = Vec::new();
    // A Gradle root inside a larger repository (`Android/Demo/`) inherits the top's files.
    for dir in root.ancestors().take(16) {
        dirs.push(dir.to_path_buf());
        if std::fs::symlink_metadata(dir.join(".git")).is_ok() {
            break;
        }
    }
    if !dirs.last().is_some_and(|d| d.join(".git").exists()) {
        dirs.truncate(1);
    }
    // Thousands of modules in a monorepo: duplicates are found by hashing, not by scanning.
    let mut seen: std::collections::HashSet<PathBuf> = dirs.iter().cloned().collect();
    for m in &project.modules {
        for d in [m.dir.clone(), m.dir.join("src")] {
            if seen.insert(d.clone()) {
                dirs.push(d);
            }
        }
    }
    let files = dirs
        .into_iter()
        .filter_map(|dir| {
            let p = dir.join(".gitignore");
            // Guarded like every read (no FIFO, no /proc, no link out of the project), the
            // repository's folders above the project included: matched against, never shown.
            let bytes = fence.read(&p, MAX_GITIGNORE).ok()?;
            Some((dir, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect();
    GitIgnores::new(files)
}
