//! Where a library's files are on disk, offline: Maven folders the project declares, `mavenLocal()`,
//! the Gradle cache (`caches/modules-2/files-2.1/<group>/<name>/<version>/<sha1>/`), and the AARs
//! AGP unpacked into the transforms caches. Paths are shown relative to a named root, never as
//! absolute paths of this machine.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Folders searched, with how each is named in output.
#[derive(Clone, Debug, Default)]
pub struct Roots {
    /// `$GRADLE_USER_HOME` (or `~/.gradle`).
    pub gradle_user_home: Option<PathBuf>,
    /// The Maven local repository, when the project declares `mavenLocal()`.
    pub maven_local: Option<PathBuf>,
    /// Maven folders inside the project (`maven { url "../repo" }`), with their project-relative names.
    pub project_repos: Vec<(PathBuf, String)>,
}

/// A library's files, as found.
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// The AAR (or jar) itself, and how it is shown.
    pub archive: Option<(PathBuf, String)>,
    /// An unpacked `AndroidManifest.xml` (transforms cache), when no archive was found.
    pub unpacked: Option<(PathBuf, String)>,
    /// The `.module` file, else the `.pom`.
    pub metadata: Option<(PathBuf, bool)>,
    /// A folder that exists but cannot be listed: what is there is unknown.
    pub problem: Option<String>,
}

impl Found {
    pub fn is_empty(&self) -> bool {
        self.archive.is_none() && self.unpacked.is_none() && self.metadata.is_none()
    }
}

/// Looks libraries up in `roots`; the transforms index is built on first need.
pub struct Locator {
    roots: Roots,
    transforms: OnceLock<HashMap<String, Vec<PathBuf>>>,
}

impl Locator {
    pub fn new(roots: Roots) -> Locator {
        Locator { roots, transforms: OnceLock::new() }
    }

    pub fn roots(&self) -> &Roots {
        &self.roots
    }

    /// The files of `group:name:version`.
    pub fn find(&self, group: &str, name: &str, version: &str) -> Found {
        if [group, name, version].iter().any(|p| !safe_segment(p)) {
            return Found::default();
        }
        let base = format!("{name}-{version}");
        let maven_path = || {
            let mut p = PathBuf::new();
            for seg in group.split('.') {
                p.push(seg);
            }
            p.join(name).join(version)
        };
        for (repo, shown) in &self.roots.project_repos {
            let found =
                maven_folder(&repo.join(maven_path()), &base, &format!("{shown}/{}", slash(&maven_path())));
            if !found.is_empty() || found.problem.is_some() {
                return found;
            }
        }
        if let Some(m2) = &self.roots.maven_local {
            let found = maven_folder(
                &m2.join(maven_path()),
                &base,
                &format!("<mavenLocal>/{}", slash(&maven_path())),
            );
            if !found.is_empty() || found.problem.is_some() {
                return found;
            }
        }
        let Some(guh) = &self.roots.gradle_user_home else { return Found::default() };
        let mut found = cache_folder(guh, group, name, version);
        if found.archive.is_none() && found.problem.is_none() {
            // The downloaded AAR may have been cleaned while AGP's unpacked copy stays.
            if let Some(p) = self.unpacked(&base) {
                found.unpacked = Some(p);
            }
        }
        found
    }

    /// The only unpacked manifest of `<name>-<version>` (or `jetified-…`) in the transforms caches.
    fn unpacked(&self, base: &str) -> Option<(PathBuf, String)> {
        let guh = self.roots.gradle_user_home.as_ref()?;
        let index = self.transforms.get_or_init(|| transforms_index(guh));
        let hits: Vec<&PathBuf> = [base.to_string(), format!("jetified-{base}")]
            .iter()
            .filter_map(|k| index.get(k))
            .flatten()
            .collect();
        // Several copies are one AAR transformed several times; they must agree to be used.
        let first = hits.first()?;
        let read = |p: &Path| crate::fileio::read(p, super::archive::MAX_MANIFEST).ok();
        let text = read(first)?;
        if hits.iter().skip(1).any(|p| read(p).as_deref() != Some(&text[..])) {
            return None;
        }
        let shown = format!("$GRADLE_USER_HOME/{}", slash(first.strip_prefix(guh).unwrap_or(first)));
        Some(((*first).clone(), shown))
    }
}

/// A coordinate part that is a plain file name (no separators, no `..`).
fn safe_segment(s: &str) -> bool {
    !s.is_empty() && s != "." && s != ".." && !s.contains(['/', '\\', '\0'])
}

fn slash(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// `<base>.aar`/`.jar`/`.module`/`.pom` directly in a Maven version folder.
fn maven_folder(dir: &Path, base: &str, shown: &str) -> Found {
    let mut found = Found::default();
    match std::fs::read_dir(dir) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return found,
        Err(e) => {
            found.problem = Some(format!("cannot list {shown}: {e}"));
            return found;
        }
    }
    note_files(&mut found, dir, base, shown);
    found
}

/// Records the library files of `dir` named after `base` into `found`, listing `dir` once.
fn note_files(found: &mut Found, dir: &Path, base: &str, shown: &str) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let names: Vec<String> = rd.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    let has =
        |ext: &str| names.iter().any(|n| n.strip_suffix(ext).and_then(|n| n.strip_suffix('.')) == Some(base));
    for ext in ["aar", "jar"] {
        if found.archive.is_none() && has(ext) {
            found.archive = Some((dir.join(format!("{base}.{ext}")), format!("{shown}/{base}.{ext}")));
        }
    }
    for (ext, gmm) in [("module", true), ("pom", false)] {
        if has(ext) && found.metadata.as_ref().is_none_or(|(_, is_gmm)| !*is_gmm && gmm) {
            found.metadata = Some((dir.join(format!("{base}.{ext}")), gmm));
        }
    }
}

/// The Gradle cache's folder of one version: each file sits in a folder named by its SHA-1.
fn cache_folder(guh: &Path, group: &str, name: &str, version: &str) -> Found {
    let dir = guh.join("caches").join("modules-2").join("files-2.1").join(group).join(name).join(version);
    let shown = format!("$GRADLE_USER_HOME/caches/modules-2/files-2.1/{group}/{name}/{version}");
    let mut found = Found::default();
    let rd = match std::fs::read_dir(&dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return found,
        Err(e) => {
            found.problem = Some(format!("cannot list {shown}: {e}"));
            return found;
        }
    };
    let mut hashes: Vec<String> = rd
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|h| safe_segment(h))
        .collect();
    hashes.sort();
    let base = format!("{name}-{version}");
    for h in hashes.iter().take(64) {
        note_files(&mut found, &dir.join(h), &base, &format!("{shown}/{h}"));
    }
    found
}

/// Unpacked library folders of AGP's transforms caches, by folder name (`<artifact>-<version>`,
/// `jetified-<artifact>-<version>`): `caches/transforms-{2,3,4}` and `caches/<gradle>/transforms`.
fn transforms_index(guh: &Path) -> HashMap<String, Vec<PathBuf>> {
    let mut index: HashMap<String, Vec<PathBuf>> = HashMap::new();
    let caches = guh.join("caches");
    let Ok(rd) = std::fs::read_dir(&caches) else { return index };
    let mut roots: Vec<(PathBuf, bool)> = Vec::new();
    for e in rd.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "transforms-2" {
            roots.push((e.path().join("files-2.1"), false));
        } else if name.starts_with("transforms-") {
            roots.push((e.path(), true));
        } else if name.starts_with(|c: char| c.is_ascii_digit()) {
            roots.push((e.path().join("transforms"), true));
        }
    }
    roots.sort();
    // A cache of a busy machine holds tens of thousands of transform folders: bound the walk.
    let mut budget = 200_000usize;
    for (root, has_transformed) in roots {
        let Ok(hashes) = std::fs::read_dir(&root) else { continue };
        for h in hashes.flatten() {
            let dir = if has_transformed { h.path().join("transformed") } else { h.path() };
            let Ok(libs) = std::fs::read_dir(&dir) else { continue };
            for lib in libs.flatten() {
                budget = budget.saturating_sub(1);
                if budget == 0 {
                    return index;
                }
                let manifest = lib.path().join("AndroidManifest.xml");
                if manifest.is_file() {
                    index.entry(lib.file_name().to_string_lossy().into_owned()).or_default().push(manifest);
                }
            }
        }
    }
    for v in index.values_mut() {
        v.sort();
    }
    index
}
