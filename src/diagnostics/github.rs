//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding
//! at its primary label, with other locations, note and help appended as text lines.

use super::visible::{visible, visible_short};
use super::{Diagnostic, Label, Run, Severity, Sources, join_rel};

/// Most secondary locations an annotation lists.
const MAX_LOCATIONS: usize = 24;

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// Escapes the message part of a workflow command (actions/toolkit `escapeData`).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value, where `:` and `,` are separators too (`escapeProperty`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn location(label: &Label, run: &Run) -> String {
    let sources: &dyn Sources = run.sources;
    let start = sources.position(label.span.file, label.span.range.start);
    format!(
        "{}:{}:{}",
        visible(&join_rel(&run.prefix, sources.path(label.span.file))),
        start.line,
        start.column
    )
}

fn annotation(d: &Diagnostic, run: &Run) -> String {
    let mut props = Vec::new();
    if let Some(p) = &d.primary {
        let sources = run.sources;
        let start = sources.position(p.span.file, p.span.range.start);
        let end = sources.position(p.span.file, p.span.range.end);
        props.push(format!(
            "file={}",
            escape_property(&visible(&join_rel(&run.prefix, sources.path(p.span.file))))
        ));
        props.push(format!("line={}", start.line));
        props.push(format!("endLine={}", end.line));
        // The runner drops columns of multi-line ranges anyway.
        if start.line == end.line {
            props.push(format!("col={}", start.column));
            props.push(format!("endColumn={}", end.column));
        }
    }
    props.push(format!("title={}", escape_property(&format!("{} ({})", d.code, d.name))));
    // Each part is made visible (a value from a file may hold an escape sequence, which the
    // log would show as a colour or a cursor move); the parts are then joined by line breaks.
    let mut message = visible_short(&super::message_with_variant(d)).into_owned();
    if let Some(p) = d.primary.as_ref().filter(|p| !p.message.is_empty()) {
        message.push_str(&format!("\n{}: {}", location(p, run), visible_short(&p.message)));
    }
    // A finding with thousands of labels (a dependency declared on every line) lists a few:
    // the runner shows an annotation in a box, not a page.
    for l in d.secondary.iter().take(MAX_LOCATIONS) {
        message.push_str(&format!("\n{}: {}", location(l, run), visible_short(&l.message)));
    }
    if d.secondary.len() > MAX_LOCATIONS {
        message.push_str(&format!("\nand {} more locations", d.secondary.len() - MAX_LOCATIONS));
    }
    for (tag, text) in [("note", &d.note), ("help", &d.help)] {
        if let Some(text) = text {
            message.push_str(&format!("\n{tag}: {}", visible_short(text)));
        }
    }
    format!("::{} {}::{}\n", command(d.severity), props.join(","), escape_data(&message))
}

/// Renders one annotation line per finding.
pub fn render(runs: &[Run]) -> String {
    runs.iter().flat_map(|run| run.diagnostics.iter().map(move |d| annotation(d, run))).collect()
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn escaping_follows_the_toolkit() {
        assert_eq!(escape_data("a:b,c\nd%"), "a:b,c%0Ad%25");
        assert_eq!(escape_property("PL001: bad, x"), "PL001%3A bad%2C x");
    }

    #[test]
    fn multi_file_diagnostic() {
        let files = testing::files();
        let diags = testing::diagnostics();
        let run = Run { diagnostics: &diags, sources: &files, prefix: "android/".into(), base_uri: None };
        insta::assert_snapshot!(render(&[run]));
    }
}
