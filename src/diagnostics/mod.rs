//! Findings and their locations, independent of how they are shown. Renderers live in the
//! sibling files, one per output format; nothing in here knows about miette or JSON.

pub mod human;
pub mod json;
pub mod mask;

pub use mask::{mask_secrets, mask_value};

use crate::span::Span;
use serde::Serialize;

/// How serious a finding is; ordered so that `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// What a diagnostic needs to know about the rule that produced it.
pub trait RuleMeta {
    fn code(&self) -> &'static str;
    fn name(&self) -> &'static str;
    fn default_severity(&self) -> Severity;
}

/// A location with a short noun phrase saying what is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// A machine-applicable edit: replace `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub message: String,
    pub span: Span,
    pub replacement: String,
}

/// One finding. The primary label is where the user should edit; secondary labels are evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    /// The variant(s) the finding holds for, when it does not hold for all of them.
    pub variant: Option<String>,
    pub note: Option<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(rule: &impl RuleMeta, message: impl Into<String>) -> Self {
        Diagnostic {
            code: rule.code(),
            name: rule.name(),
            severity: rule.default_severity(),
            message: message.into(),
            primary: None,
            secondary: Vec::new(),
            variant: None,
            note: None,
            help: None,
            fix: None,
        }
    }
    pub fn primary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.primary = Some(Label { span, message: message.into() });
        self
    }
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label { span, message: message.into() });
        self
    }
    pub fn secondary_opt(self, span: Option<Span>, message: impl Into<String>) -> Self {
        match span {
            Some(span) => self.secondary(span, message),
            None => self,
        }
    }
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
    pub fn variant(mut self, variant: impl Into<String>) -> Self {
        self.variant = Some(variant.into());
        self
    }
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    pub fn file(&self) -> Option<crate::span::FileId> {
        self.primary.as_ref().map(|l| l.span.file)
    }
}

/// Counts by severity, as the JSON summary and the human footer show them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diags: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diags {
            match d.severity {
                Severity::Error => c.errors += 1,
                Severity::Warning => c.warnings += 1,
                Severity::Info => c.infos += 1,
            }
        }
        c
    }
}

/// Read access to file paths and texts, which renderers need to show positions and snippets.
pub trait Sources {
    /// Path relative to the project root, with `/` separators.
    fn path(&self, file: crate::span::FileId) -> &str;
    fn text(&self, file: crate::span::FileId) -> &str;
    /// Byte offsets at which each line starts (the first is 0).
    fn line_starts(&self, file: crate::span::FileId) -> &[u32];
}

/// A 1-based line and column (in Unicode scalar values) plus the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// Converts a byte offset into a position; offsets inside a UTF-8 sequence count the whole char.
pub fn position(text: &str, line_starts: &[u32], offset: u32) -> Position {
    let offset = offset.min(text.len() as u32);
    let line_idx = match line_starts.binary_search(&offset) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let start = line_starts.get(line_idx).copied().unwrap_or(0) as usize;
    let mut end = offset as usize;
    while end > start && !text.is_char_boundary(end) {
        end -= 1;
    }
    let column = text.get(start..end).map(|s| s.chars().count()).unwrap_or(0) as u32 + 1;
    Position { line: line_idx as u32 + 1, column, offset }
}

/// Byte offsets of line starts in `text` (`\n`, `\r\n` and lone `\r` end a line).
pub fn line_starts(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut starts = vec![0u32];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => starts.push(i as u32 + 1),
            b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i as u32 + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// Sorts findings by file, line, column, code and message, and drops exact duplicates,
/// so the same input always gives the same output.
pub fn sort_and_dedup(diags: &mut Vec<Diagnostic>, sources: &dyn Sources) {
    diags.sort_by(|a, b| sort_key(a, sources).cmp(&sort_key(b, sources)));
    diags.dedup();
}

fn sort_key<'a>(
    d: &'a Diagnostic,
    sources: &'a dyn Sources,
) -> (&'a str, u32, u32, &'a str, &'a str, Option<&'a str>) {
    let (path, start, end) = match &d.primary {
        Some(l) => (sources.path(l.span.file), l.span.range.start, l.span.range.end),
        None => ("", 0, 0),
    };
    (path, start, end, d.code, d.message.as_str(), d.variant.as_deref())
}
