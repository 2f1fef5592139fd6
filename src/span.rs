//! Source positions shared by every layer: byte ranges, file ids and values with their location.
//! Offsets are byte offsets into the decoded (UTF-8) text of a file, BOM excluded.

use serde::Serialize;

/// Index of a file in the project's `SourceMap`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FileId(pub u32);

/// A half-open byte range `start..end` into one file's decoded text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        TextRange { start, end }
    }
    pub fn empty(at: usize) -> Self {
        Self::new(at, at)
    }
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The sub-range `rel` of this range, where `rel` is relative to `self.start`, clamped to `self`.
    pub fn sub(&self, rel: TextRange) -> TextRange {
        let s = (self.start + rel.start).min(self.end);
        let e = (self.start + rel.end).min(self.end).max(s);
        TextRange { start: s, end: e }
    }
    pub fn cover(&self, other: TextRange) -> TextRange {
        TextRange { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
    pub fn as_usize(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A location in the project: a file and a byte range in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub range: TextRange,
}

impl Span {
    pub fn new(file: FileId, range: TextRange) -> Self {
        Span { file, range }
    }
    /// A span that names a file without a position in it (for a file that should exist or change as a whole).
    pub fn whole_file(file: FileId) -> Self {
        Span { file, range: TextRange::default() }
    }
}

/// A value together with the text it was read from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub range: TextRange,
}

impl<T> Spanned<T> {
    pub fn new(value: T, range: TextRange) -> Self {
        Spanned { value, range }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Spanned<U> {
        Spanned { value: f(self.value), range: self.range }
    }
    pub fn as_ref(&self) -> Spanned<&T> {
        Spanned { value: &self.value, range: self.range }
    }
}
