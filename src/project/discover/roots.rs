//! Where the Gradle projects are: the one a path lies in, or those below a folder in none.

use std::path::{Path, PathBuf};

const SETTINGS: &[&str] = &["settings.gradle", "settings.gradle.kts"];
const BUILD: &[&str] = &["build.gradle", "build.gradle.kts"];

/// Whether folder `dir` holds a file of one of these names.
fn has_any(dir: &Path, names: &[&str]) -> bool {
    super::first_existing(dir, names).is_some()
}

/// Walks up from `path` to the folder holding `settings.gradle[.kts]`, or failing that the
/// top-most folder with a `build.gradle[.kts]`, or failing that the `android/` folder of a
/// Flutter or React Native project at `path`.
pub fn find_root(path: &Path) -> Result<PathBuf, String> {
    let abs = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let start =
        if abs.is_dir() { abs.clone() } else { abs.parent().map(Path::to_path_buf).unwrap_or(abs.clone()) };
    let mut topmost_build: Option<PathBuf> = None;
    for dir in start.ancestors() {
        if has_any(dir, SETTINGS) {
            return Ok(dir.to_path_buf());
        }
        if has_any(dir, BUILD) {
            topmost_build = Some(dir.to_path_buf());
        }
    }
    if let Some(top) = topmost_build {
        return Ok(top);
    }
    // A Flutter or React Native project keeps its Android build in `android/`.
    let android = start.join("android");
    if has_any(&android, SETTINGS) || has_any(&android, BUILD) {
        // The root is canonical (the fence compares paths with it), and `android` may be a link.
        return std::fs::canonicalize(&android).map_err(|e| format!("{}: {e}", android.display()));
    }
    Err(format!(
        "no Gradle project found at or above {} (no settings.gradle or build.gradle)",
        path.display()
    ))
}

/// The Gradle projects below folder `dir` when none holds it (a repository of samples, an app with
/// its Android build in a subfolder): every folder with a `settings.gradle[.kts]` at most
/// `MAX_BELOW` levels down, not looking inside one found, nor into hidden, build or dependency
/// folders, nor through links. Canonical, in path order.
pub fn roots_below(dir: &Path) -> Vec<PathBuf> {
    const MAX_BELOW: usize = 4;
    // A hostile tree is not walked without end: the folders looked at are bounded.
    const MAX_FOLDERS: usize = 20_000;
    const SKIP: [&str; 5] = ["build", "node_modules", "Pods", "target", "out"];
    let mut found = Vec::new();
    let mut level = vec![dir.to_path_buf()];
    let mut seen = 0usize;
    for _ in 0..=MAX_BELOW {
        let mut next = Vec::new();
        for d in level {
            seen += 1;
            if seen > MAX_FOLDERS {
                break;
            }
            if d != dir && has_any(&d, SETTINGS) {
                found.extend(std::fs::canonicalize(&d));
                continue;
            }
            let Ok(rd) = std::fs::read_dir(&d) else { continue };
            let mut subs: Vec<PathBuf> = rd
                .flatten()
                .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
                .filter(|e| e.file_name().to_str().is_some_and(|n| !n.starts_with('.') && !SKIP.contains(&n)))
                .map(|e| e.path())
                .collect();
            subs.sort();
            next.extend(subs);
        }
        level = next;
    }
    found.sort();
    found.dedup();
    found
}
