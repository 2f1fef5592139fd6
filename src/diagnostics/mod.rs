//! Findings and their locations, independent of how they are shown. Renderers live in the
//! sibling files, one per output format; nothing in here knows about miette or JSON.

pub mod checkstyle;
pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod mask;
pub mod sarif;
mod snippet;
pub mod visible;

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
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

pub use crate::fix::{Applicability, Edit, Fix};

/// One finding. The primary label is where the user should edit; secondary labels are evidence.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub message: String,
    pub primary: Option<Label>,
    pub secondary: Vec<Label>,
    /// The variant(s) the finding holds for, when it does not hold for all of them.
    pub variant: Option<String>,
    /// The vendors (catalog ids) the finding is about, when it is about particular ones.
    pub vendors: Vendors,
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
            vendors: Vendors::default(),
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
    /// Says the finding is about `vendor` (a catalog id); a finding may concern several.
    pub fn vendor(mut self, vendor: impl Into<String>) -> Self {
        self.vendors.add(vendor.into());
        self
    }
    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }
    pub fn fix_opt(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
    pub fn file(&self) -> Option<crate::span::FileId> {
        self.primary.as_ref().map(|l| l.span.file)
    }
}

/// The vendors a finding is about, in the order rules name them. An annotation, not part of a
/// finding's identity: two findings that differ only in it are equal (and hash alike), so
/// de-duplication, baselines and fingerprints are the same with or without it.
#[derive(Clone, Debug, Default)]
pub struct Vendors(Vec<String>);

impl Vendors {
    pub fn add(&mut self, vendor: String) {
        if !self.0.contains(&vendor) {
            self.0.push(vendor);
        }
    }
    /// Adds the vendors of `other` that are not here yet.
    pub fn merge(&mut self, other: &Vendors) {
        for v in &other.0 {
            self.add(v.clone());
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn contains(&self, vendor: &str) -> bool {
        self.0.iter().any(|v| v == vendor)
    }
}

impl PartialEq for Vendors {
    fn eq(&self, _: &Vendors) -> bool {
        true
    }
}

impl Eq for Vendors {}

impl std::hash::Hash for Vendors {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
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
        Counts::of_refs(&diags.iter().collect::<Vec<_>>())
    }
    pub fn of_refs(diags: &[&Diagnostic]) -> Counts {
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
    /// The position of a byte offset. The default counts the characters from the line's start;
    /// a source with a `ColumnIndex` answers in time independent of the line's length.
    fn position(&self, file: crate::span::FileId, offset: u32) -> Position {
        position(self.text(file), self.line_starts(file), offset)
    }
}

/// Another `Sources` with every path shown under `prefix` (the project root as seen from the
/// current folder), for renderers that print paths as they are.
pub struct Prefixed<'a> {
    inner: &'a dyn Sources,
    paths: Vec<String>,
}

impl<'a> Prefixed<'a> {
    /// Prefixes the paths of files `0..count` of `inner`.
    pub fn new(inner: &'a dyn Sources, count: usize, prefix: &str) -> Prefixed<'a> {
        let paths = (0..count).map(|i| join_rel(prefix, inner.path(crate::span::FileId(i as u32)))).collect();
        Prefixed { inner, paths }
    }
}

impl Sources for Prefixed<'_> {
    fn path(&self, file: crate::span::FileId) -> &str {
        self.paths.get(file.0 as usize).map_or("", String::as_str)
    }
    fn text(&self, file: crate::span::FileId) -> &str {
        self.inner.text(file)
    }
    fn line_starts(&self, file: crate::span::FileId) -> &[u32] {
        self.inner.line_starts(file)
    }
    fn position(&self, file: crate::span::FileId, offset: u32) -> Position {
        self.inner.position(file, offset)
    }
}

/// What a run's summary line counts besides the findings shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Files read.
    pub files: usize,
    /// Findings recorded in the baseline, not shown.
    pub baselined: usize,
    /// Findings silenced by inline suppressions or per-file ignores.
    pub suppressed: usize,
}

/// The one-line summary of a run: findings by severity, files with findings out of files read,
/// and what was hidden.
pub fn summary_line(diags: &[&Diagnostic], with_findings: usize, tally: &Tally) -> String {
    let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let c = Counts::of_refs(diags);
    let mut s = if diags.is_empty() {
        format!("No problems found in {}", n(tally.files, "file", "files"))
    } else {
        format!(
            "Found {} ({}, {}, {}) in {} of {} read",
            n(diags.len(), "problem", "problems"),
            n(c.errors, "error", "errors"),
            n(c.warnings, "warning", "warnings"),
            n(c.infos, "info", "infos"),
            with_findings,
            n(tally.files, "file", "files"),
        )
    };
    let mut hidden = Vec::new();
    if tally.baselined > 0 {
        hidden.push(format!("{} in the baseline", n(tally.baselined, "finding", "findings")));
    }
    if tally.suppressed > 0 {
        hidden.push(format!("{} suppressed", n(tally.suppressed, "finding", "findings")));
    }
    if !hidden.is_empty() {
        s.push_str(&format!("; not shown: {}", hidden.join(", ")));
    }
    s.push_str(".\n");
    s
}

/// A 1-based line and column (in Unicode scalar values) plus the byte offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
    pub offset: u32,
}

/// Converts a byte offset into a position; offsets inside a UTF-8 sequence count the whole char.
/// Costs time with the distance from the line's start: see `ColumnIndex` for long lines.
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

/// Characters counted at regular byte steps through a text, so that the column of any offset is
/// found by counting at most one step: a minified file's one line of megabytes, with thousands of
/// findings on it, costs one pass instead of one per finding.
#[derive(Clone, Debug, Default)]
pub struct ColumnIndex {
    /// `chars[k]`: characters in the first `k * COLUMN_STEP` bytes.
    chars: Vec<u32>,
}

/// Bytes between two counts of a `ColumnIndex`.
const COLUMN_STEP: usize = 4096;

/// Characters in `bytes` (a UTF-8 text cut anywhere): its bytes that start a character.
fn char_starts(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count() as u32
}

impl ColumnIndex {
    pub fn new(text: &str) -> ColumnIndex {
        let mut chars = vec![0u32];
        let mut total = 0;
        for chunk in text.as_bytes().chunks(COLUMN_STEP) {
            total += char_starts(chunk);
            chars.push(total);
        }
        ColumnIndex { chars }
    }
    /// Characters before byte `at` (a character boundary).
    fn chars_before(&self, text: &str, at: usize) -> u32 {
        let k = at / COLUMN_STEP;
        let from = k * COLUMN_STEP;
        self.chars.get(k).copied().unwrap_or(0)
            + char_starts(text.as_bytes().get(from..at).unwrap_or_default())
    }
    /// As `position`, in time independent of the line's length.
    pub fn position(&self, text: &str, line_starts: &[u32], offset: u32) -> Position {
        let offset = offset.min(text.len() as u32);
        let line_idx = line_starts.partition_point(|&s| s <= offset).saturating_sub(1);
        let start = line_starts.get(line_idx).copied().unwrap_or(0) as usize;
        if offset as usize - start.min(offset as usize) <= COLUMN_STEP {
            return position(text, line_starts, offset);
        }
        let mut end = offset as usize;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.chars_before(text, end) - self.chars_before(text, start) + 1;
        Position { line: line_idx as u32 + 1, column, offset }
    }
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
    // The finding kept is about the vendors of every copy.
    diags.dedup_by(|dropped, kept| {
        let same = dropped == kept;
        if same {
            kept.vendors.merge(&dropped.vendors);
        }
        same
    });
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

/// A value in backticks as messages show it; an empty or blank value, or one with spaces at its
/// ends, is quoted (`""`, `" "`), since empty backticks read as nothing at all.
pub fn code_value(value: &str) -> String {
    if value.is_empty() || value.trim() != value { format!("`\"{value}\"`") } else { format!("`{value}`") }
}

/// The message with the variants it holds for, as CI formats show it on one line.
pub fn message_with_variant(d: &Diagnostic) -> String {
    match &d.variant {
        Some(v) if v.contains(',') => format!("{} (variants {v})", d.message),
        Some(v) => format!("{} (variant {v})", d.message),
        None => d.message.clone(),
    }
}

/// A 64-bit FNV-1a hash of `parts` (each followed by a NUL), as 16 hex digits: the same on every
/// platform, toolchain and run, so it can be stored in baselines and SARIF files.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain(std::iter::once(0)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Most lines of a primary span that go into its fingerprint.
const FINGERPRINT_LINES: usize = 8;
/// Most bytes of one line that go into a fingerprint.
const FINGERPRINT_LINE_BYTES: usize = 1024;

/// The trimmed text of the lines the primary span covers (empty for a whole-file span), which
/// identifies a finding independently of its line number.
pub fn primary_text(d: &Diagnostic, sources: &dyn Sources) -> String {
    let Some(label) = &d.primary else { return String::new() };
    let span = label.span;
    if span.range.is_empty() && span.range.start == 0 {
        return String::new();
    }
    let text = sources.text(span.file);
    let starts = sources.line_starts(span.file);
    let first = sources.position(span.file, span.range.start).line as usize;
    let last = sources.position(span.file, span.range.end).line as usize;
    let mut lines = Vec::new();
    for line in first..=last.min(first + FINGERPRINT_LINES - 1) {
        let mut from = starts.get(line - 1).copied().unwrap_or(0) as usize;
        let mut to = starts.get(line).map_or(text.len(), |&e| e as usize);
        if to - from > FINGERPRINT_LINE_BYTES {
            // A minified file's one line stands for thousands of findings: hashing all of it for
            // each would cost their number times its length. The span's surroundings stand for it.
            let at = (span.range.start as usize).clamp(from, to);
            from = at.saturating_sub(FINGERPRINT_LINE_BYTES / 2).max(from);
            to = (from + FINGERPRINT_LINE_BYTES).min(to);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            while !text.is_char_boundary(to) {
                to -= 1;
            }
        }
        lines.push(text.get(from..to.max(from)).unwrap_or("").trim());
    }
    lines.join("\n")
}

/// A finding's identity across runs: its code, its file, the text of its primary line(s) and its
/// message with digits removed. Line shifts and edits elsewhere in the file leave it unchanged;
/// identical findings share it, so users of it count occurrences.
pub fn fingerprint(d: &Diagnostic, sources: &dyn Sources) -> String {
    let file = d.primary.as_ref().map_or("", |l| sources.path(l.span.file));
    let message: String = d.message.chars().filter(|c| !c.is_ascii_digit()).collect();
    stable_hash(&[d.code, file, &primary_text(d, sources), &message])
}

/// Joins a `/`-separated base prefix (`android/` or empty) and a path relative to it, folding
/// leading `..` segments into the prefix.
pub fn join_rel(prefix: &str, rel: &str) -> String {
    let mut base: Vec<&str> = prefix.split('/').filter(|s| !s.is_empty()).collect();
    let mut rest = rel;
    while let Some(r) = rest.strip_prefix("../") {
        if base.pop().is_none() {
            break;
        }
        rest = r;
    }
    // An absolute prefix (a project outside the current folder) keeps its leading `/`.
    let lead = if prefix.starts_with('/') { "/" } else { "" };
    if base.is_empty() { format!("{lead}{rest}") } else { format!("{lead}{}/{rest}", base.join("/")) }
}

/// The project root as CI formats show it, for a finding without a location.
pub fn root_path(prefix: &str) -> String {
    let root = prefix.trim_end_matches('/');
    if root.is_empty() { ".".to_string() } else { root.to_string() }
}

/// What renderers for CI systems need to know about every rule, without depending on the registry.
#[derive(Clone, Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub name: &'static str,
    pub family: &'static str,
    pub severity: Severity,
    pub summary: String,
    /// Markdown documentation.
    pub docs: &'static str,
    pub url: String,
}

/// One project's findings for a renderer: paths are printed as `prefix` + the project-relative path.
pub struct Run<'a> {
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a dyn Sources,
    pub prefix: String,
    /// The folder paths are relative to, as a `file://` URI ending in `/`, when known.
    pub base_uri: Option<String>,
}

#[cfg(test)]
mod position_tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn column_index_agrees_with_counting(
            parts in proptest::collection::vec("[a-z \n\r]{0,9}|é|中文|😀|\u{1b}", 0..4000),
            picks in proptest::collection::vec(0usize..100_000, 1..20),
        ) {
            let text: String = parts.concat();
            let starts = line_starts(&text);
            let index = ColumnIndex::new(&text);
            for p in picks {
                let off = (p % (text.len() + 1)) as u32;
                proptest::prop_assert_eq!(index.position(&text, &starts, off), position(&text, &starts, off));
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! One fixed finding spanning two files, shared by the renderer tests.
    use super::*;
    use crate::span::{FileId, Span, TextRange};

    pub struct Files(pub Vec<(String, String, Vec<u32>)>);

    impl Sources for Files {
        fn path(&self, file: FileId) -> &str {
            &self.0[file.0 as usize].0
        }
        fn text(&self, file: FileId) -> &str {
            &self.0[file.0 as usize].1
        }
        fn line_starts(&self, file: FileId) -> &[u32] {
            &self.0[file.0 as usize].2
        }
    }

    pub struct Meta;
    impl RuleMeta for Meta {
        fn code(&self) -> &'static str {
            "PL101"
        }
        fn name(&self) -> &'static str {
            "click-action-no-matching-filter"
        }
        fn default_severity(&self) -> Severity {
            Severity::Error
        }
    }

    pub fn files() -> Files {
        let manifest = "<manifest>\n  <activity android:name=\".Chat\">\n    <data android:scheme=\"acmepush\"/>\n  </activity>\n</manifest>\n";
        let console = "{\n  \"intent\": \"intent://open#Intent;scheme=acmePush;end\"\n}\n";
        Files(vec![
            ("app/src/main/AndroidManifest.xml".into(), manifest.into(), line_starts(manifest)),
            ("push-console.json".into(), console.into(), line_starts(console)),
        ])
    }

    /// A finding in the manifest with evidence in the console file, plus a whole-file finding.
    pub fn diagnostics() -> Vec<Diagnostic> {
        let scheme = Span::new(FileId(0), TextRange::new(71, 79));
        let intent = Span::new(FileId(1), TextRange::new(14, 56));
        vec![
            Diagnostic::new(
                &Meta,
                "scheme `acmePush` differs in case from the filter's `acmepush`, 100% <bad> & \"odd\", a:b",
            )
            .primary(scheme, "filter scheme")
            .secondary(intent, "xiaomi click action set here")
            .variant("chinaRelease")
            .note("schemes are case-sensitive\nso the tap opens nothing")
            .help("use `acmepush` in the console"),
            Diagnostic::new(&Meta, "file-level finding")
                .primary(Span::whole_file(FileId(1)), "")
                .severity(Severity::Info),
        ]
    }

    pub fn rules() -> Vec<RuleInfo> {
        vec![RuleInfo {
            code: "PL101",
            name: "click-action-no-matching-filter",
            family: "click",
            severity: Severity::Error,
            summary: "a console click action that no intent-filter matches".into(),
            docs: "## What it checks\nA console click action that no intent-filter matches.\n\n## Why it matters\nThe tap opens nothing.\n",
            url: "https://example.invalid/PL101".into(),
        }]
    }
}
