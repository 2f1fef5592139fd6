//! The files a lint run read: id → relative path, decoded text and line starts.
//! Every span in the model points into one of these texts.

use crate::diagnostics::{Sources, line_starts};
use crate::span::FileId;
use std::collections::HashMap;
use std::path::PathBuf;

/// One input file as read from disk (or from standard input for `--stdin-filename`).
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the project root, `/`-separated.
    pub rel: String,
    pub abs: PathBuf,
    pub text: String,
    pub encoding: &'static str,
    pub line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(rel: String, abs: PathBuf, text: String, encoding: &'static str) -> SourceFile {
        let mut line_starts = line_starts(&text);
        line_starts.shrink_to_fit();
        SourceFile { rel, abs, text, encoding, line_starts }
    }
}

/// All files read during a run, addressed by `FileId`.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
    /// Relative path → first file read with it, so `find` is not a scan.
    by_rel: HashMap<String, FileId>,
}

impl SourceMap {
    pub fn add(&mut self, rel: String, abs: PathBuf, text: String, encoding: &'static str) -> FileId {
        self.push(SourceFile::new(rel, abs, text, encoding))
    }
    /// Adds a file read (and its line starts computed) elsewhere, e.g. on a worker thread.
    pub fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.by_rel.entry(file.rel.clone()).or_insert(id);
        self.files.push(file);
        id
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }
    /// Masks secret values in the texts renderers show (offsets and lines are unchanged).
    pub fn mask(&mut self, spans: &[crate::span::Span]) {
        for (i, f) in self.files.iter_mut().enumerate() {
            let ranges: Vec<crate::span::TextRange> =
                spans.iter().filter(|s| s.file.0 as usize == i).map(|s| s.range).collect();
            if !ranges.is_empty() {
                crate::diagnostics::mask::mask_ranges(&mut f.text, &ranges);
            }
        }
    }
    pub fn find(&self, rel: &str) -> Option<FileId> {
        self.by_rel.get(rel).copied()
    }
}

impl Sources for SourceMap {
    fn path(&self, file: FileId) -> &str {
        &self.get(file).rel
    }
    fn text(&self, file: FileId) -> &str {
        &self.get(file).text
    }
    fn line_starts(&self, file: FileId) -> &[u32] {
        &self.get(file).line_starts
    }
}
