//! The files a lint run read: id → relative path, decoded text and line starts.
//! Every span in the model points into one of these texts.

use crate::diagnostics::{ColumnIndex, Position, Sources, line_starts};
use crate::span::FileId;
use std::sync::OnceLock;

/// One input file as read from disk (or from standard input for `--stdin-filename`).
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the project root, `/`-separated.
    pub rel: String,
    pub text: String,
    pub encoding: &'static str,
    /// Not a project file: a library's manifest, read from an AAR or taken from the catalog.
    /// Findings never point into one (see `engine`), and it is not counted as read.
    pub external: bool,
    /// Computed on first use: only files a finding or a suppression points into need them.
    line_starts: OnceLock<Vec<u32>>,
    /// The text as read, kept when masking changed `text` (fixes are checked against it).
    unmasked: Option<String>,
    /// Computed on first use, for a position far into a long line.
    columns: OnceLock<Box<ColumnIndex>>,
}

impl SourceFile {
    pub fn new(rel: String, text: String, encoding: &'static str) -> SourceFile {
        SourceFile {
            rel,
            text,
            encoding,
            external: false,
            line_starts: OnceLock::new(),
            unmasked: None,
            columns: OnceLock::new(),
        }
    }
    /// The text as read, before secrets were masked in `text`.
    pub fn original_text(&self) -> &str {
        self.unmasked.as_deref().unwrap_or(&self.text)
    }
    /// The byte offset of each line's start.
    pub fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| {
            let mut starts = line_starts(&self.text);
            starts.shrink_to_fit();
            starts
        })
    }
}

/// All files read during a run, addressed by `FileId`.
#[derive(Clone, Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, rel: String, text: String, encoding: &'static str) -> FileId {
        self.push(SourceFile::new(rel, text, encoding))
    }
    /// Adds a file read elsewhere, e.g. on a worker thread.
    pub fn push(&mut self, file: SourceFile) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(file);
        id
    }
    /// Room for `more` files, so a monorepo's file list is allocated once, not doubled into.
    pub fn reserve(&mut self, more: usize) {
        self.files.reserve_exact(more);
    }
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }
    pub fn len(&self) -> usize {
        self.files.len()
    }
    /// The number of project files read (library manifests are not counted).
    pub fn project_file_count(&self) -> usize {
        self.files.iter().filter(|f| !f.external).count()
    }
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }
    /// Masks secret values in the texts renderers show (offsets and lines are unchanged).
    pub fn mask(&mut self, spans: &[crate::span::Span]) {
        let mut spans = spans.to_vec();
        spans.sort_by_key(|s| s.file);
        for group in spans.chunk_by(|a, b| a.file == b.file) {
            let ranges: Vec<crate::span::TextRange> = group.iter().map(|s| s.range).collect();
            if let Some(f) = self.files.get_mut(group[0].file.0 as usize) {
                let before = f.text.clone();
                crate::diagnostics::mask::mask_ranges(&mut f.text, &ranges);
                if f.text != before && f.unmasked.is_none() {
                    f.unmasked = Some(before);
                }
                // A masked character may count differently: columns are counted again.
                f.columns = OnceLock::new();
            }
        }
    }
}

impl SourceMap {
    /// Masks every occurrence of a secret value in the texts of `files`.
    pub fn mask_occurrences(
        &mut self,
        files: &std::collections::BTreeSet<FileId>,
        masker: &crate::diagnostics::mask::Masker,
    ) {
        if masker.is_empty() {
            return;
        }
        for id in files {
            if let Some(f) = self.files.get_mut(id.0 as usize) {
                let found = masker.find(&f.text);
                if !found.is_empty() {
                    let before = f.text.clone();
                    crate::diagnostics::mask::mask_ranges(&mut f.text, &found);
                    if f.text != before && f.unmasked.is_none() {
                        f.unmasked = Some(before);
                    }
                    f.columns = OnceLock::new();
                }
            }
        }
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
        self.get(file).line_starts()
    }
    fn position(&self, file: FileId, offset: u32) -> Position {
        let f = self.get(file);
        let starts = f.line_starts();
        let line = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let from_line_start = offset.saturating_sub(starts.get(line).copied().unwrap_or(0));
        // Most positions are near their line's start: count directly, build no index.
        if from_line_start as usize <= 4096 {
            return crate::diagnostics::position(&f.text, starts, offset);
        }
        f.columns.get_or_init(|| Box::new(ColumnIndex::new(&f.text))).position(&f.text, starts, offset)
    }
}
