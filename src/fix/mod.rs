//! Fixes: the edits that repair a finding, how sure they are (safe or unsafe), and the pure
//! functions that pick non-overlapping fixes and apply them to a text or to a file's bytes.
//! Nothing here touches the disk: writing files is the command line's job (`cli::fix`).

pub mod bytes;
pub mod text;

use crate::span::{FileId, Span, TextRange};
use serde::Serialize;
use std::collections::BTreeMap;

/// How sure a fix is, as in ruff: `Safe` cannot change what the app intends; `Unsafe` is right in
/// most cases, but a human should look. Ordered so that `Safe > Unsafe`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Unsafe,
    Safe,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Unsafe => "unsafe",
        }
    }
}

/// One text edit: replace `span` (a byte range of one file's decoded text) with `content`. An
/// empty span inserts; an empty content deletes.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    pub span: Span,
    pub content: String,
}

impl Edit {
    pub fn replace(span: Span, content: impl Into<String>) -> Edit {
        Edit { span, content: content.into() }
    }
    pub fn insert(file: FileId, at: usize, content: impl Into<String>) -> Edit {
        Edit { span: Span::new(file, TextRange::empty(at)), content: content.into() }
    }
    pub fn delete(span: Span) -> Edit {
        Edit { span, content: String::new() }
    }
    /// The edit without its file, as `apply_edits` takes it.
    pub fn text_edit(&self) -> TextEdit {
        TextEdit { range: self.span.range, content: self.content.clone() }
    }
}

/// A machine-applicable repair of one finding: one or more edits, normally in one file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What the fix does, as an imperative phrase (`` set `android:exported` to `true` ``).
    pub message: String,
    pub applicability: Applicability,
    /// Sorted by file and position; no two overlap.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(applicability: Applicability, message: impl Into<String>, mut edits: Vec<Edit>) -> Fix {
        edits.sort();
        Fix { message: message.into(), applicability, edits }
    }
    /// A safe fix of one edit.
    pub fn safe(message: impl Into<String>, edit: Edit) -> Fix {
        Fix::new(Applicability::Safe, message, vec![edit])
    }
    /// An unsafe fix of one edit.
    pub fn unsafe_edit(message: impl Into<String>, edit: Edit) -> Fix {
        Fix::new(Applicability::Unsafe, message, vec![edit])
    }
    /// The same edits with another applicability.
    pub fn with_applicability(mut self, applicability: Applicability) -> Fix {
        self.applicability = applicability;
        self
    }
    /// The files the fix edits, each once, in order.
    pub fn files(&self) -> Vec<FileId> {
        let mut files: Vec<FileId> = self.edits.iter().map(|e| e.span.file).collect();
        files.dedup();
        files
    }
    /// Where the fix starts: its first edit (for ordering fixes by position).
    fn start(&self) -> Option<(FileId, u32, u32)> {
        self.edits.first().map(|e| (e.span.file, e.span.range.start, e.span.range.end))
    }
}

/// An edit of one text, without a file: what `apply_edits` applies.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextEdit {
    pub range: TextRange,
    pub content: String,
}

/// Whether two edits of one file cannot both be applied: their ranges overlap, or they start at
/// the same offset (two inserts there have no natural order). An insert where another edit ends
/// comes after it, so the two can be applied together.
fn conflict(a: &TextRange, b: &TextRange) -> bool {
    a.start == b.start || (a.start < b.end && b.start < a.end)
}

/// Applies `edits` to `text` and returns the new text. Edits are taken by position; an edit that
/// conflicts with an earlier one, lies outside the text or splits a character is skipped, so the
/// result is always well-formed. Everything outside the edited ranges is kept byte for byte.
pub fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort();
    let mut out = String::with_capacity(text.len() + edits.iter().map(|e| e.content.len()).sum::<usize>());
    let mut cursor = 0usize;
    let mut last: Option<TextRange> = None;
    for e in sorted {
        let r = e.range.as_usize();
        let valid = r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end);
        if !valid || r.start < cursor || last.is_some_and(|l| conflict(&l, &e.range)) {
            continue;
        }
        out.push_str(&text[cursor..r.start]);
        out.push_str(&e.content);
        cursor = r.end;
        last = Some(e.range);
    }
    out.push_str(&text[cursor..]);
    out
}

/// The fixes one round applies: which were taken (indices into the candidates, in the order
/// given), and their edits per file, sorted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    pub taken: Vec<usize>,
    pub edits: BTreeMap<FileId, Vec<TextEdit>>,
}

/// Picks the fixes to apply together, deterministically: fixes are taken by position (file, then
/// offset of their first edit, then the order given); a fix with an edit that conflicts with one
/// already taken waits for the next round, and a fix identical to one already taken counts as
/// taken (two findings repaired by one edit).
pub fn select(candidates: &[&Fix]) -> Selection {
    let mut order: Vec<usize> = (0..candidates.len()).filter(|&i| !candidates[i].edits.is_empty()).collect();
    order.sort_by_key(|&i| (candidates[i].start(), i));
    let mut taken: Vec<usize> = Vec::new();
    let mut edits: BTreeMap<FileId, Vec<TextEdit>> = BTreeMap::new();
    for i in order {
        let fix = candidates[i];
        if taken.iter().any(|&t| candidates[t].edits == fix.edits) {
            taken.push(i);
            continue;
        }
        let clashes = fix
            .edits
            .windows(2)
            .any(|w| w[0].span.file == w[1].span.file && conflict(&w[0].span.range, &w[1].span.range))
            || fix.edits.iter().any(|e| {
                edits
                    .get(&e.span.file)
                    .is_some_and(|list| list.iter().any(|t| conflict(&t.range, &e.span.range)))
            });
        if clashes {
            continue;
        }
        for e in &fix.edits {
            edits.entry(e.span.file).or_default().push(e.text_edit());
        }
        taken.push(i);
    }
    for list in edits.values_mut() {
        list.sort();
    }
    taken.sort();
    Selection { taken, edits }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn te(start: usize, end: usize, content: &str) -> TextEdit {
        TextEdit { range: TextRange::new(start, end), content: content.into() }
    }

    fn fix(edits: &[(u32, usize, usize, &str)]) -> Fix {
        Fix::new(
            Applicability::Safe,
            "x",
            edits
                .iter()
                .map(|&(f, s, e, c)| Edit::replace(Span::new(FileId(f), TextRange::new(s, e)), c))
                .collect(),
        )
    }

    #[test]
    fn applies_replace_insert_and_delete() {
        let text = "<a android:exported=\"false\"/>";
        let out = apply_edits(text, &[te(21, 26, "true"), te(1, 1, "b "), te(28, 29, "")]);
        assert_eq!(out, "<b a android:exported=\"true\"/");
        assert_eq!(apply_edits(text, &[]), text);
    }

    #[test]
    fn skips_conflicting_and_invalid_edits() {
        let text = "héllo";
        // Overlapping: the first by position wins; two inserts at one offset: the first wins.
        assert_eq!(apply_edits(text, &[te(0, 3, "H"), te(1, 2, "x")]), "Hllo");
        assert_eq!(apply_edits(text, &[te(0, 0, "1"), te(0, 0, "2")]), "1héllo");
        // Inside a character, or past the end: skipped.
        assert_eq!(apply_edits(text, &[te(2, 3, "e"), te(9, 9, "!")]), "héllo");
        // An insert where a replacement ends follows it.
        assert_eq!(apply_edits(text, &[te(0, 1, "H"), te(1, 1, "-")]), "H-éllo");
    }

    #[test]
    fn selection_is_by_position_and_deterministic() {
        let a = fix(&[(0, 10, 12, "a")]);
        let b = fix(&[(0, 11, 13, "b")]); // overlaps a: waits
        let c = fix(&[(0, 0, 1, "c")]);
        let d = fix(&[(1, 11, 13, "d")]); // another file: no conflict
        let e = fix(&[(0, 10, 12, "a")]); // identical to a: repaired by the same edit
        let cands = [&b, &a, &c, &d, &e];
        let s = select(&cands);
        assert_eq!(s.taken, vec![1, 2, 3, 4]);
        assert_eq!(s.edits[&FileId(0)], vec![te(0, 1, "c"), te(10, 12, "a")]);
        assert_eq!(s.edits[&FileId(1)], vec![te(11, 13, "d")]);
        // Any input order gives the same edits.
        let s2 = select(&[&e, &d, &c, &a, &b]);
        assert_eq!(s2.edits, s.edits);
    }
}
