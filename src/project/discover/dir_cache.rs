//! Folder listings, read from disk or kept between runs in a `DirCache` by a caller that hears
//! of every file created or deleted (a language server watching the workspace). A listing is
//! what decides which files discovery reads, so a kept one must be forgotten when that changes.

use super::EntryKind;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// One folder entry: its name, whether it is a folder itself (links not followed, so walks
/// never loop), and what it is with links followed.
#[derive(Clone, Debug)]
pub(super) struct Entry {
    pub name: String,
    pub dir_no_follow: bool,
    pub kind: EntryKind,
}

/// A folder's entries, and why it could not be listed when it exists but cannot be (a folder
/// that is not there is just empty).
#[derive(Clone, Debug, Default)]
pub(super) struct Listed {
    pub entries: Vec<Entry>,
    pub error: Option<String>,
}

/// The entries of `dir`.
pub(super) fn read(dir: &Path) -> Listed {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            let absent = matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory);
            return Listed { entries: Vec::new(), error: (!absent).then(|| e.to_string()) };
        }
    };
    let mut out = Vec::new();
    for e in rd.flatten() {
        let Ok(ft) = e.file_type() else { continue };
        let kind = if ft.is_dir() {
            EntryKind::Dir
        } else if ft.is_file() {
            EntryKind::File
        } else {
            // A link (or something special): what it points at decides.
            match std::fs::metadata(e.path()) {
                Ok(m) if m.is_dir() => EntryKind::Dir,
                Ok(m) if m.is_file() => EntryKind::File,
                _ => EntryKind::Other,
            }
        };
        out.push(Entry {
            name: e.file_name().to_string_lossy().into_owned(),
            dir_no_follow: ft.is_dir(),
            kind,
        });
    }
    Listed { entries: out, error: None }
}

/// Listings kept between runs, by folder.
#[derive(Debug, Default)]
pub struct DirCache {
    listings: Mutex<HashMap<PathBuf, Arc<Listed>>>,
}

impl DirCache {
    pub fn new() -> DirCache {
        DirCache::default()
    }

    /// The listing of `dir`, read once.
    pub(super) fn entries(&self, dir: &Path) -> Arc<Listed> {
        if let Some(e) = self.lock().get(dir) {
            return e.clone();
        }
        // Read without the lock: workers list different folders at once.
        let e = Arc::new(read(dir));
        self.lock().insert(dir.to_path_buf(), e.clone());
        e
    }

    /// Forgets what a file or folder created or deleted at `path` changes: the listings of the
    /// folders above it, and of everything under it (a folder deleted or moved).
    pub fn forget(&self, path: &Path) {
        let mut map = self.lock();
        for dir in path.ancestors() {
            map.remove(dir);
        }
        map.retain(|k, _| !k.starts_with(path));
    }

    /// The number of folders listed.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<Listed>>> {
        // A panic while holding the lock left a map that is still whole.
        self.listings.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The entries of `dir`, from `cache` when there is one.
pub(super) fn entries(dir: &Path, cache: Option<&DirCache>) -> Arc<Listed> {
    match cache {
        Some(c) => c.entries(dir),
        None => Arc::new(read(dir)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_file_is_seen_once_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("a/b");
        std::fs::create_dir_all(&sub).unwrap();
        let cache = DirCache::new();
        assert!(cache.entries(&sub).entries.is_empty());
        assert_eq!(cache.entries(dir.path()).entries.len(), 1);
        std::fs::write(sub.join("x.xml"), "").unwrap();
        assert!(cache.entries(&sub).entries.is_empty(), "kept until forgotten");
        cache.forget(&sub.join("x.xml"));
        assert_eq!(cache.entries(&sub).entries.len(), 1);
        // Deleting a folder forgets the listings under it.
        cache.entries(&sub);
        cache.forget(&dir.path().join("a"));
        assert!(cache.is_empty());
    }
}
