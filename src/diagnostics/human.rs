//! Human output through miette: the primary file's labels as the main report, labels in other
//! files as related reports (miette shows one source per report), then note, help and fix lines.

use super::snippet::{self, Snippet};
use super::visible::{visible, visible_short};
use super::{Diagnostic, Severity, Sources};
use crate::span::FileId;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use std::fmt;

/// Whether to use ANSI colours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    Always,
    Never,
}

/// Most labels shown for one finding: the report of one with thousands (a dependency declared in
/// every line of a build file) would be as long as the file and cost time with their square.
const MAX_LABELS: usize = 24;

struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    src: Option<Snippet>,
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

/// The snippet of `file` miette shows, with `labels` (`(label, primary)`) placed in it. Every
/// text printed is made visible: a control character in a file cannot reach the terminal.
fn source_for(
    sources: &dyn Sources,
    file: FileId,
    labels: &[(&super::Label, bool)],
) -> (Snippet, Vec<LabeledSpan>) {
    let ranges: Vec<_> = labels.iter().map(|(l, _)| l.span.range).collect();
    let (snippet, spans) = snippet::build(sources, file, visible(sources.path(file)).into_owned(), &ranges);
    let labeled = labels
        .iter()
        .zip(spans)
        .map(|((label, primary), span)| {
            let text = if label.message.is_empty() {
                None
            } else {
                Some(visible_short(&label.message).into_owned())
            };
            if *primary {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            }
        })
        .collect();
    (snippet, labeled)
}

fn build(d: &Diagnostic, sources: &dyn Sources) -> Report {
    let mut main: Vec<(&super::Label, bool)> = Vec::new();
    let mut other_files: Vec<(FileId, Vec<(&super::Label, bool)>)> = Vec::new();
    let main_file = d.primary.as_ref().map(|l| l.span.file);
    if let Some(p) = &d.primary {
        main.push((p, true));
    }
    for l in d.secondary.iter().take(MAX_LABELS.saturating_sub(main.len())) {
        if Some(l.span.file) == main_file {
            main.push((l, false));
        } else if let Some(slot) = other_files.iter_mut().find(|(f, _)| *f == l.span.file) {
            slot.1.push((l, false));
        } else {
            other_files.push((l.span.file, vec![(l, false)]));
        }
    }
    let related = other_files
        .into_iter()
        .map(|(file, labels)| {
            let (snippet, labels) = source_for(sources, file, &labels);
            Report {
                message: format!("in {}", visible(sources.path(file))),
                code: None,
                severity: miette::Severity::Advice,
                src: Some(snippet),
                labels,
                related: Vec::new(),
            }
        })
        .collect();
    let message = match &d.variant {
        Some(v) if v.contains(',') => format!("{} (variants {v})", d.message),
        Some(v) => format!("{} (variant {v})", d.message),
        None => d.message.clone(),
    };
    let (src, labels) = match main_file {
        Some(f) => {
            let (snippet, labels) = source_for(sources, f, &main);
            (Some(snippet), labels)
        }
        None => (None, Vec::new()),
    };
    Report {
        message: visible_short(&message).into_owned(),
        code: Some(format!("{}({})", d.code, d.name)),
        severity: miette_severity(d.severity),
        src,
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
        out = format!("{}: {}\n", d.code, visible_short(&d.message));
    }
    for other in others {
        let mut part = String::new();
        if handler.render_report(&mut part, &other).is_ok() {
            out.push_str(&part);
        }
    }
    let hidden = (d.secondary.len() + usize::from(d.primary.is_some())).saturating_sub(MAX_LABELS);
    if hidden > 0 {
        out.push_str(&format!(
            "  = {hidden} more locations are not shown (`--format json` lists them all)\n"
        ));
    }
    for (tag, text) in [("note", &d.note), ("help", &d.help)] {
        if let Some(text) = text {
            out.push_str(&format!("  = {tag}: {}\n", visible_short(text)));
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
