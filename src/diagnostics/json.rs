//! The versioned JSON report (SPEC §6): sorted, paths relative to the project root, 1-based
//! lines and columns in Unicode scalar values plus byte offsets.

use super::{Counts, Diagnostic, Position, Sources};
use crate::span::Span;
use serde::Serialize;

/// Project-level facts the report carries besides the findings.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    #[serde(flatten)]
    pub counts: Counts,
    pub files: usize,
    pub modules: usize,
}

#[derive(Serialize)]
struct Report<'a, M: Serialize + ?Sized> {
    version: u32,
    tool: Tool,
    #[serde(skip_serializing_if = "Option::is_none")]
    projects: Option<Vec<ProjectJson<'a>>>,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: SummaryJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    modules: Option<&'a M>,
}

#[derive(Serialize)]
struct SummaryJson {
    #[serde(flatten)]
    summary: Summary,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    hidden: Option<Hidden>,
}

/// Findings the run found but does not list.
#[derive(Serialize)]
struct Hidden {
    baselined: usize,
    suppressed: usize,
}

#[derive(Serialize)]
struct ProjectJson<'a> {
    root: &'a str,
    #[serde(flatten)]
    summary: &'a Summary,
}

/// One project's part of a report: its findings, their sources (paths as the report shows them)
/// and its summary. `root` names the project in a run's report; the library's one-project
/// report has none, and its paths are relative to the project root.
pub struct JsonProject<'a> {
    pub root: Option<&'a str>,
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a dyn Sources,
    pub summary: Summary,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
pub struct JsonRange {
    pub start: Position,
    pub end: Position,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    range: JsonRange,
    message: &'a str,
}

/// A fix: `file`, `range` and `replacement` (the fields of version 1 from the start) give it as
/// one replacement; `edits` lists its edits, and `applicability` says how sure it is.
#[derive(Serialize)]
struct JsonFix<'a> {
    message: &'a str,
    file: &'a str,
    range: JsonRange,
    replacement: String,
    applicability: &'static str,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    file: &'a str,
    range: JsonRange,
    content: &'a str,
}

/// The fix as JSON. Its edits of the first file it touches also make one replacement: from the
/// start of the first edit to the end of the last, with the text between the edits kept.
fn json_fix<'a>(f: &'a super::Fix, sources: &'a dyn Sources) -> Option<JsonFix<'a>> {
    let first = f.edits.first()?;
    let file = first.span.file;
    let in_file: Vec<&super::Edit> = f.edits.iter().filter(|e| e.span.file == file).collect();
    let start = first.span.range.start;
    let end = in_file.iter().map(|e| e.span.range.end).max().unwrap_or(start);
    let covered = crate::span::TextRange { start, end };
    let text = sources.text(file).get(covered.as_usize()).unwrap_or("");
    let shifted: Vec<crate::fix::TextEdit> = in_file
        .iter()
        .map(|e| crate::fix::TextEdit {
            range: crate::span::TextRange {
                start: e.span.range.start - start,
                end: e.span.range.end - start,
            },
            content: e.content.clone(),
        })
        .collect();
    Some(JsonFix {
        message: &f.message,
        file: sources.path(file),
        range: json_range(Span::new(file, covered), sources),
        replacement: crate::fix::apply_edits(text, &shifted),
        applicability: f.applicability.as_str(),
        edits: f
            .edits
            .iter()
            .map(|e| JsonEdit {
                file: sources.path(e.span.file),
                range: json_range(e.span, sources),
                content: &e.content,
            })
            .collect(),
    })
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<JsonRange>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    labels: Vec<JsonLabel<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    variant: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    url: String,
    fix: Option<JsonFix<'a>>,
}

/// The range of `span` as start and end positions.
pub fn json_range(span: Span, sources: &dyn Sources) -> JsonRange {
    JsonRange {
        start: sources.position(span.file, span.range.start),
        end: sources.position(span.file, span.range.end),
    }
}

/// Renders the projects' findings (each already sorted) as one SPEC §6 document, followed by a
/// newline; `tally` adds what the run did not list (baselined, suppressed).
pub fn render<M: Serialize + ?Sized>(
    projects: &[JsonProject],
    modules: Option<&M>,
    tally: Option<&super::Tally>,
    url_for: &dyn Fn(&Diagnostic) -> String,
) -> String {
    let diagnostics = projects
        .iter()
        .flat_map(|p| p.diagnostics.iter().map(move |d| (d, p.sources)))
        .map(|(d, sources)| JsonDiagnostic {
            code: d.code,
            name: d.name,
            severity: d.severity.as_str(),
            message: &d.message,
            file: d.primary.as_ref().map(|l| sources.path(l.span.file)),
            range: d.primary.as_ref().map(|l| json_range(l.span, sources)),
            label: d.primary.as_ref().map(|l| l.message.as_str()).filter(|m| !m.is_empty()),
            labels: d
                .secondary
                .iter()
                .map(|l| JsonLabel {
                    file: sources.path(l.span.file),
                    range: json_range(l.span, sources),
                    message: &l.message,
                })
                .collect(),
            variant: d.variant.as_deref(),
            note: d.note.as_deref(),
            help: d.help.as_deref(),
            url: url_for(d),
            fix: d.fix.as_ref().and_then(|f| json_fix(f, sources)),
        })
        .collect();
    let mut total = Summary::default();
    for p in projects {
        total.counts.errors += p.summary.counts.errors;
        total.counts.warnings += p.summary.counts.warnings;
        total.counts.infos += p.summary.counts.infos;
        total.files += p.summary.files;
        total.modules += p.summary.modules;
    }
    let roots: Option<Vec<ProjectJson>> =
        projects.iter().map(|p| p.root.map(|root| ProjectJson { root, summary: &p.summary })).collect();
    let report = Report {
        version: 1,
        tool: Tool { name: "pushlint", version: env!("CARGO_PKG_VERSION") },
        projects: roots,
        diagnostics,
        summary: SummaryJson {
            summary: total,
            hidden: tally.map(|t| Hidden { baselined: t.baselined, suppressed: t.suppressed }),
        },
        modules,
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".to_string());
    out.push('\n');
    out
}
