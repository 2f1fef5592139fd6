//! The documents the editor has open: their unsaved text and version, by URI, and the overlay
//! they make over the file system for a lint.

use crate::project::discover::Overlay;
use crate::project::paths::normalize;
use lsp_types::Url;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Doc {
    pub text: String,
    pub version: i32,
    /// The file's absolute path as discovery names it (links resolved), for `file:` URIs.
    pub path: Option<PathBuf>,
}

#[derive(Default)]
pub struct Documents {
    by_uri: HashMap<Url, Doc>,
    by_path: HashMap<PathBuf, Url>,
}

/// The path of a `file:` URI as discovery names it: discovery starts from the canonical project
/// root, so links are resolved (a link to a folder inside the project is the one case where the
/// two differ, and that document is then linted from disk). Files that do not exist yet keep
/// their name under their canonical folder.
pub fn path_of(uri: &Url) -> Option<PathBuf> {
    if uri.scheme() != "file" {
        return None;
    }
    let path = uri.to_file_path().ok()?;
    canonical(&path)
}

pub fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let parent = path.parent().and_then(|p| std::fs::canonicalize(p).ok());
    match (parent, path.file_name()) {
        (Some(parent), Some(name)) => Some(parent.join(name)),
        _ => Some(normalize(path)),
    }
}

impl Documents {
    /// Opens or replaces a document; returns its path when it is a file.
    pub fn open(&mut self, uri: Url, text: String, version: i32) -> Option<PathBuf> {
        let path = path_of(&uri);
        if let Some(p) = &path {
            self.by_path.insert(p.clone(), uri.clone());
        }
        self.by_uri.insert(uri, Doc { text, version, path: path.clone() });
        path
    }

    /// The whole new text of a document (full synchronization). A version older than the one held
    /// is ignored: only the latest text is ever linted.
    pub fn change(&mut self, uri: &Url, text: String, version: i32) -> Option<PathBuf> {
        let doc = self.by_uri.get_mut(uri)?;
        if version < doc.version {
            return None;
        }
        doc.text = text;
        doc.version = version;
        doc.path.clone()
    }

    pub fn close(&mut self, uri: &Url) -> Option<Doc> {
        let doc = self.by_uri.remove(uri)?;
        if let Some(p) = &doc.path {
            self.by_path.remove(p);
        }
        Some(doc)
    }

    pub fn get(&self, uri: &Url) -> Option<&Doc> {
        self.by_uri.get(uri)
    }

    /// The open document of a file, if any.
    pub fn at(&self, path: &Path) -> Option<(&Url, &Doc)> {
        let uri = self.by_path.get(path)?;
        Some((uri, self.by_uri.get(uri)?))
    }

    /// The URI the client knows a file by: its open document's, else a `file:` URI.
    pub fn uri_of(&self, path: &Path) -> Option<Url> {
        self.by_path.get(path).cloned().or_else(|| Url::from_file_path(path).ok())
    }

    /// The open documents as the texts discovery reads instead of the disk: all of them, as a
    /// project also reads files outside its root (an included build beside it). A byte order
    /// mark is not part of a decoded file's text.
    pub fn overlay(&self) -> Overlay {
        self.by_uri
            .values()
            .filter_map(|d| Some((d.path.as_ref()?, &d.text)))
            .map(|(p, t)| (p.clone(), t.strip_prefix('\u{feff}').unwrap_or(t).to_string()))
            .collect()
    }

    pub fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.by_path.keys()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlay_holds_the_latest_text_of_open_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::write(root.join("a.xml"), "disk").unwrap();
        let uri = Url::from_file_path(root.join("a.xml")).unwrap();
        let untitled = Url::parse("untitled:Untitled-1").unwrap();
        let mut docs = Documents::default();
        assert_eq!(docs.open(uri.clone(), "\u{feff}v1".into(), 1), Some(root.join("a.xml")));
        docs.open(untitled, "x".into(), 1);
        docs.change(&uri, "v3".into(), 3);
        docs.change(&uri, "v2".into(), 2);
        let overlay = docs.overlay();
        assert_eq!(overlay.len(), 1);
        assert_eq!(overlay.get(&root.join("a.xml")).map(String::as_str), Some("v3"));
        assert_eq!(docs.uri_of(&root.join("a.xml")), Some(uri.clone()));
        docs.close(&uri);
        assert!(docs.overlay().is_empty());
    }

    #[test]
    fn only_file_uris_have_paths() {
        assert_eq!(path_of(&Url::parse("untitled:Untitled-1").unwrap()), None);
    }
}
