//! Findings as LSP sees them: byte offsets into UTF-8 text become line and UTF-16 code-unit
//! positions, severities and tags are mapped, secondary labels become related information,
//! and a fix becomes a workspace edit. Pure functions of the linted texts; no I/O.

use crate::diagnostics::{self, Diagnostic, Fix, Severity, Sources};
use crate::rules;
use crate::span::{FileId, TextRange};
use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, Location,
    NumberOrString, Position, Range, TextEdit, Url,
};
use std::collections::HashMap;
use std::path::PathBuf;

/// The LSP position of byte `offset` in `text`: the line, and the UTF-16 code units before the
/// offset on that line, as LSP 3.17 requires by default. An offset inside a character counts
/// from that character's start; one past the end is clamped to the end.
pub fn position(text: &str, line_starts: &[u32], offset: u32) -> Position {
    let offset = (offset as usize).min(text.len());
    let line = match line_starts.binary_search(&(offset as u32)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let start = line_starts.get(line).map_or(0, |&s| s as usize).min(offset);
    let mut end = offset;
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    let character = text.get(start..end).map_or(0, |s| s.encode_utf16().count());
    Position::new(line as u32, character as u32)
}

/// The LSP range of `range` in `text`.
pub fn range(text: &str, line_starts: &[u32], range: TextRange) -> Range {
    Range::new(position(text, line_starts, range.start), position(text, line_starts, range.end))
}

#[cfg(test)]
/// The byte offset of an LSP position in `text` (to apply edits in tests): a
/// character past the line's end is the end of the line, a line past the end is the end of text.
pub fn offset(text: &str, line_starts: &[u32], pos: Position) -> usize {
    let Some(&start) = line_starts.get(pos.line as usize) else { return text.len() };
    let start = start as usize;
    let end = line_starts.get(pos.line as usize + 1).map_or(text.len(), |&e| e as usize);
    let line = text.get(start..end).unwrap_or("");
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units >= pos.character || c == '\n' || c == '\r' {
            return start + i;
        }
        units += c.len_utf16() as u32;
    }
    end
}

/// Where the files of one lint are: the project root joined with each file's relative path.
pub struct Files<'a> {
    pub root: &'a std::path::Path,
    pub sources: &'a dyn Sources,
    /// The URI the client knows a file by (its open document's), else a `file:` URI.
    pub uri_of: &'a dyn Fn(&std::path::Path) -> Option<Url>,
}

impl Files<'_> {
    pub fn path(&self, file: FileId) -> PathBuf {
        crate::project::paths::normalize(&self.root.join(self.sources.path(file)))
    }
    pub fn range(&self, file: FileId, r: TextRange) -> Range {
        range(self.sources.text(file), self.sources.line_starts(file), r)
    }
    fn location(&self, file: FileId, r: TextRange) -> Option<Location> {
        Some(Location::new((self.uri_of)(&self.path(file))?, self.range(file, r)))
    }
}

pub fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// Editors grey out what is unused and strike through what is deprecated; the rule's name says
/// which kind of defect it reports (`-unused`, `-deprecated`, STYLE.md §4).
pub fn tags(rule_name: &str) -> Option<Vec<DiagnosticTag>> {
    if rule_name.ends_with("-unused") {
        Some(vec![DiagnosticTag::UNNECESSARY])
    } else if rule_name.ends_with("-deprecated") {
        Some(vec![DiagnosticTag::DEPRECATED])
    } else {
        None
    }
}

/// The LSP diagnostic of a finding whose primary label is in a file of `files`; the message
/// carries the variants, the primary label and the help, which editors show nowhere else.
pub fn diagnostic(d: &Diagnostic, files: &Files) -> lsp_types::Diagnostic {
    let range = d.primary.as_ref().map_or_else(Range::default, |p| files.range(p.span.file, p.span.range));
    let mut message = diagnostics::message_with_variant(d);
    if let Some(label) = d.primary.as_ref().map(|p| p.message.as_str()).filter(|m| !m.is_empty()) {
        message.push_str(&format!("\n{label}"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|l| {
            let location = files.location(l.span.file, l.span.range)?;
            Some(DiagnosticRelatedInformation { location, message: l.message.clone() })
        })
        .collect();
    let href = rules::find(d.code).and_then(|r| Url::parse(&r.url()).ok());
    lsp_types::Diagnostic {
        range,
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: href.map(|href| CodeDescription { href }),
        source: Some("pushlint".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: tags(d.name),
        data: None,
    }
}

/// A quick fix as the editor applies it: a title, the edits by document, and whether it is the
/// preferred action (safe to apply without reading it).
#[derive(Clone, Debug, PartialEq)]
pub struct FixEdit {
    pub title: String,
    pub edits: HashMap<Url, Vec<TextEdit>>,
    pub preferred: bool,
}

/// The edits of a finding's fix, by document; a safe fix is the preferred action, an unsafe one
/// is offered but says so in its title.
pub fn fix(f: &Fix, files: &Files) -> Option<FixEdit> {
    let mut edits: HashMap<Url, Vec<TextEdit>> = HashMap::new();
    for e in &f.edits {
        let uri = (files.uri_of)(&files.path(e.span.file))?;
        edits
            .entry(uri)
            .or_default()
            .push(TextEdit::new(files.range(e.span.file, e.span.range), e.content.clone()));
    }
    let safe = f.applicability == crate::fix::Applicability::Safe;
    let title = if safe { f.message.clone() } else { format!("{} (unsafe fix)", f.message) };
    (!edits.is_empty()).then_some(FixEdit { title, edits, preferred: safe })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::line_starts;

    fn pos(text: &str, offset: usize) -> (u32, u32) {
        let p = position(text, &line_starts(text), offset as u32);
        (p.line, p.character)
    }

    #[test]
    fn positions_count_utf16_code_units() {
        // `é` is 2 bytes and 1 unit, `中` 3 bytes and 1 unit, `😀` 4 bytes and 2 units.
        let text = "ab\né中😀x\r\nlast";
        assert_eq!(pos(text, 0), (0, 0));
        assert_eq!(pos(text, 2), (0, 2));
        assert_eq!(pos(text, 3), (1, 0));
        assert_eq!(pos(text, 5), (1, 1));
        assert_eq!(pos(text, 8), (1, 2));
        assert_eq!(pos(text, 12), (1, 4));
        assert_eq!(pos(text, 13), (1, 5));
        assert_eq!(pos(text, 15), (2, 0));
        assert_eq!(pos(text, text.len()), (2, 4));
        // Inside a character: its start; past the end: the end.
        assert_eq!(pos(text, 9), (1, 2));
        assert_eq!(pos(text, 999), (2, 4));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        assert_eq!(pos("a\rb", 2), (1, 0));
    }

    #[test]
    fn offsets_invert_positions() {
        let text = "ab\né中😀x\r\nlast";
        let starts = line_starts(text);
        for at in [0, 2, 3, 5, 8, 12, 13, 15, text.len()] {
            let p = position(text, &starts, at as u32);
            assert_eq!(offset(text, &starts, p), at, "offset {at}");
        }
        assert_eq!(offset(text, &starts, Position::new(0, 99)), 2);
        assert_eq!(offset(text, &starts, Position::new(9, 0)), text.len());
    }

    #[test]
    fn unused_is_unnecessary() {
        assert_eq!(tags("suppression-unused"), Some(vec![DiagnosticTag::UNNECESSARY]));
        assert_eq!(tags("click-action-no-matching-filter"), None);
    }
}
