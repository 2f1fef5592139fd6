//! Modules a settings script includes by computing their paths (`include(newPath)` in a function
//! that lists folders, `include(":$it")` over a list): found the way such scripts find them, by
//! the folders below the root that hold a build file, named after their folder as Gradle's
//! default project directories are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// How deep below the root module folders are looked for (`libraries/pushproviders/firebase`).
const MAX_DEPTH: usize = 4;

/// Folders that never hold a module of the build: output, caches, tooling.
const SKIP: &[&str] = &["build", "src", "node_modules", "buildSrc", "gradle", "out", "captures"];

/// `(gradle path, folder)` for each folder below `root` with a build file that is not already a
/// module and not an included build; in path order.
pub(super) fn modules(
    root: &Path,
    known: &HashSet<PathBuf>,
    builds: &HashSet<PathBuf>,
) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut queue = vec![(root.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = queue.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        let mut subdirs: Vec<PathBuf> = Vec::new();
        for e in rd.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            // Links are not followed: they may lead out of the project or loop.
            let is_dir = e.file_type().is_ok_and(|t| t.is_dir());
            if !is_dir || name.starts_with('.') || SKIP.contains(&name.as_ref()) {
                continue;
            }
            subdirs.push(e.path());
        }
        subdirs.sort();
        for sub in subdirs {
            if builds.contains(&sub) {
                continue;
            }
            let has_build = sub.join("build.gradle").is_file() || sub.join("build.gradle.kts").is_file();
            if has_build && !known.contains(&sub) {
                if let Ok(rel) = sub.strip_prefix(root) {
                    let path: Vec<String> =
                        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                    out.push((format!(":{}", path.join(":")), sub.clone()));
                }
            }
            if depth + 1 < MAX_DEPTH {
                queue.push((sub, depth + 1));
            }
        }
    }
    out.sort();
    out
}
