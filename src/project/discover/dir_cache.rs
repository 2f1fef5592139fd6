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

/// The entries of `dir` (none when it cannot be listed).
pub(super) fn read(dir: &Path) -> Vec<Entry> {
    let Ok(rd) = std::fs::read_dir(dir) else { return Vec::new() };
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
    out
}

/// Listings kept between runs, by folder.
#[derive(Debug, Default)]
pub struct DirCache {
    listings: Mutex<HashMap<PathBuf, Arc<Vec<Entry>>>>,
}

impl DirCache {
    pub fn new() -> DirCache {
        DirCache::default()
    }

    /// The listing of `dir`, read once.
    pub(super) fn entries(&self, dir: &Path) -> Arc<Vec<Entry>> {
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<Vec<Entry>>>> {
        // A panic while holding the lock left a map that is still whole.
        self.listings.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The entries of `dir`, from `cache` when there is one.
pub(super) fn entries(dir: &Path, cache: Option<&DirCache>) -> Arc<Vec<Entry>> {
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
        assert!(cache.entries(&sub).is_empty());
        assert_eq!(cache.entries(dir.path()).len(), 1);
        std::fs::write(sub.join("x.xml"), "").unwrap();
        assert!(cache.entries(&sub).is_empty(), "kept until forgotten");
        cache.forget(&sub.join("x.xml"));
        assert_eq!(cache.entries(&sub).len(), 1);
        // Deleting a folder forgets the listings under it.
        cache.entries(&sub);
        cache.forget(&dir.path().join("a"));
        assert!(cache.is_empty());
    }
}
