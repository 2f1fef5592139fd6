//! Human output through miette: the primary file's labels as the main report, labels in other
//! files as related reports (miette shows one source per report), then note and help lines.

use super::{Diagnostic, Severity, Sources};
use crate::span::FileId;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::fmt;

/// Whether to use ANSI colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Always,
    Never,
}

struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    src: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Debug for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() { None } else { Some(Box::new(self.labels.iter().cloned())) }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(self.related.iter().map(|r| r as &dyn miette::Diagnostic)))
        }
    }
}

fn miette_severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn source_for(sources: &dyn Sources, file: FileId) -> NamedSource<String> {
    NamedSource::new(sources.path(file), sources.text(file).to_string())
}

fn labeled(label: &super::Label, primary: bool) -> LabeledSpan {
    let r = label.span.range;
    let span = SourceSpan::new((r.start as usize).into(), r.len() as usize);
    let text = if label.message.is_empty() { None } else { Some(label.message.clone()) };
    if primary {
        LabeledSpan::new_primary_with_span(text, span)
    } else {
        LabeledSpan::new_with_span(text, span)
    }
}

fn build(d: &Diagnostic, sources: &dyn Sources) -> Report {
    let mut labels = Vec::new();
    let mut other_files: Vec<(FileId, Vec<LabeledSpan>)> = Vec::new();
    let main_file = d.primary.as_ref().map(|l| l.span.file);
    if let Some(p) = &d.primary {
        labels.push(labeled(p, true));
    }
    for l in &d.secondary {
        if Some(l.span.file) == main_file {
            labels.push(labeled(l, false));
        } else if let Some(slot) = other_files.iter_mut().find(|(f, _)| *f == l.span.file) {
            slot.1.push(labeled(l, false));
        } else {
            other_files.push((l.span.file, vec![labeled(l, false)]));
        }
    }
    let related = other_files
        .into_iter()
        .map(|(file, labels)| Report {
            message: format!("in {}", sources.path(file)),
            code: None,
            severity: miette::Severity::Advice,
            src: Some(source_for(sources, file)),
            labels,
            related: Vec::new(),
        })
        .collect();
    let message = match &d.variant {
        Some(v) if v.contains(',') => format!("{} (variants {v})", d.message),
        Some(v) => format!("{} (variant {v})", d.message),
        None => d.message.clone(),
    };
    Report {
        message,
        code: Some(format!("{}({})", d.code, d.name)),
        severity: miette_severity(d.severity),
        src: main_file.map(|f| source_for(sources, f)),
        labels,
        related,
    }
}

/// Renders one finding with code snippets of every file involved.
pub fn render_one(d: &Diagnostic, sources: &dyn Sources, color: Color) -> String {
    let theme = match color {
        Color::Always => GraphicalTheme::unicode(),
        Color::Never => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(110).with_links(false);
    let mut out = String::new();
    let mut report = build(d, sources);
    // Labels in other files are rendered as reports of their own, right after the main one,
    // so each file gets its own snippet without miette's "Advice:" heading.
    let others = std::mem::take(&mut report.related);
    if handler.render_report(&mut out, &report).is_err() {
        out = format!("{}: {}\n", d.code, d.message);
    }
    for other in others {
        let mut part = String::new();
        if handler.render_report(&mut part, &other).is_ok() {
            out.push_str(&part);
        }
    }
    for (tag, text) in [("note", &d.note), ("help", &d.help)] {
        if let Some(text) = text {
            out.push_str(&format!("  = {tag}: {text}\n"));
        }
    }
    out
}

/// Renders all findings followed by a one-line tally.
pub fn render(
    diags: &[Diagnostic],
    sources: &dyn Sources,
    color: Color,
    files: usize,
    quiet: bool,
) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&render_one(d, sources, color));
        out.push('\n');
    }
    if !quiet {
        let c = super::Counts::of(diags);
        if diags.is_empty() {
            out.push_str(&format!("No problems found in {files} files.\n"));
        } else {
            out.push_str(&format!(
                "Found {} ({} {}, {} {}, {} {}) in {files} files.\n",
                plural(diags.len(), "problem"),
                c.errors,
                if c.errors == 1 { "error" } else { "errors" },
                c.warnings,
                if c.warnings == 1 { "warning" } else { "warnings" },
                c.infos,
                if c.infos == 1 { "info" } else { "infos" },
            ));
        }
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") }
}
