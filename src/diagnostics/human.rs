//! Human output through miette: the primary file's labels as the main report, labels in other
//! files as related reports (miette shows one source per report), then note, help and fix lines.

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

/// Splits a line into words at runs of spaces that are not inside backticks.
fn words_outside_code(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let (mut start, mut in_code) = (0, false);
    let bytes = line.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'`' => in_code = !in_code,
            b' ' if !in_code => {
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                words.push(textwrap::core::Word::from(line.get(start..i).unwrap_or("")));
                start = i;
            }
            _ => {}
        }
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(line.get(start..).unwrap_or("")));
    }
    Box::new(words.into_iter())
}

/// Renders one finding with code snippets of every file involved.
pub fn render_one(d: &Diagnostic, sources: &dyn Sources, color: Color) -> String {
    let theme = match color {
        Color::Always => GraphicalTheme::unicode(),
        Color::Never => GraphicalTheme::unicode_nocolor(),
    };
    // Wrap at spaces outside `code spans` only: the default also splits at hyphens, and so file
    // and rule names, and inside a quoted blank value.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(110)
        .with_links(false)
        .with_word_separator(textwrap::WordSeparator::Custom(words_outside_code))
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation);
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
    if let Some(f) = &d.fix {
        let how = match f.applicability {
            crate::fix::Applicability::Safe => "--fix",
            crate::fix::Applicability::Unsafe => "--fix --unsafe-fixes",
        };
        out.push_str(&format!("  = fix ({}, `{how}`): {}\n", f.applicability.as_str(), f.message));
    }
    out
}

/// Renders the findings of every project (paths as `sources` show them) followed by one summary
/// line for the whole run.
pub fn render(
    runs: &[(&[Diagnostic], &dyn Sources)],
    color: Color,
    tally: &super::Tally,
    quiet: bool,
) -> String {
    let mut out = String::new();
    let mut all = Vec::new();
    let mut with_findings = 0;
    for (diags, sources) in runs {
        for d in diags.iter() {
            out.push_str(&render_one(d, *sources, color));
            out.push('\n');
        }
        all.extend(diags.iter());
        let mut files: Vec<_> = diags.iter().filter_map(Diagnostic::file).collect();
        files.sort();
        files.dedup();
        with_findings += files.len();
    }
    if !quiet {
        out.push_str(&super::summary_line(&all, with_findings, tally));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn long_messages_wrap_at_spaces_outside_code_spans() {
        let files = testing::files();
        let mut d = testing::diagnostics().remove(0);
        let name = "`app/src/main/res/xml/network-security-config-for-the-china-flavor.xml`";
        for pad in 40..110 {
            d.message = format!("{} {name} and the value `\" \"` is blank", "x".repeat(pad));
            let out = render_one(&d, &files, Color::Never);
            assert!(out.contains(name), "{out}");
            assert!(out.contains("`\" \"`"), "{out}");
        }
    }

    #[test]
    fn one_summary_line_for_all_projects() {
        let files = testing::files();
        let diags = testing::diagnostics();
        let runs: Vec<(&[Diagnostic], &dyn Sources)> = vec![(&diags, &files), (&diags[..1], &files)];
        let tally = super::super::Tally { files: 4, baselined: 1, suppressed: 0 };
        let out = render(&runs, Color::Never, &tally, false);
        assert_eq!(out.matches("Found").count(), 1);
        assert!(out.ends_with(
            "Found 3 problems (2 errors, 0 warnings, 1 info) in 3 of 4 files read; not shown: 1 finding in the baseline.\n"
        ), "{out}");
    }
}
