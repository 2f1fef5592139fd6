//! JUnit XML for CI test-report views (GitLab `reports: junit`, Jenkins, Azure): a test suite per
//! file with findings, a failing test case per rule in it listing each finding, and a single
//! passing case when there is nothing to report. There is no official schema; this is the common
//! core (testsuites > testsuite > testcase > failure) every JUnit reader accepts.

use super::visible::visible;
use super::{Diagnostic, Run, Severity, join_rel, message_with_variant};
use std::collections::BTreeMap;

/// Escapes text for XML 1.0: markup characters as entities, and the control characters XML 1.0
/// cannot hold at all as U+FFFD. In attributes line breaks and tabs are kept as character
/// references, which parsers would otherwise normalise to spaces.
fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' if attribute => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' | '\r' | '\t' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// `line:column: [severity] message`, then the other locations, note and help, one per line.
fn finding_text(d: &Diagnostic, run: &Run) -> String {
    let at = |label: &super::Label| run.sources.position(label.span.file, label.span.range.start);
    let mut s = match &d.primary {
        Some(p) => {
            let pos = at(p);
            format!(
                "{}:{}: {} {}",
                pos.line,
                pos.column,
                d.severity.as_str(),
                visible(&message_with_variant(d))
            )
        }
        None => format!("{} {}", d.severity.as_str(), visible(&message_with_variant(d))),
    };
    // Each part on its own line and made visible: a line break or control character from a file
    // cannot start a line of its own in a CI system's view of the failure.
    if let Some(p) = d.primary.as_ref().filter(|p| !p.message.is_empty()) {
        s.push_str(&format!("\n    {}", visible(&p.message)));
    }
    for l in &d.secondary {
        let pos = at(l);
        let path = join_rel(&run.prefix, run.sources.path(l.span.file));
        s.push_str(&format!("\n    {}:{}:{}: {}", visible(&path), pos.line, pos.column, visible(&l.message)));
    }
    for (tag, text) in [("note", &d.note), ("help", &d.help)] {
        if let Some(text) = text {
            s.push_str(&format!("\n    {tag}: {}", visible(text)));
        }
    }
    s
}

fn testcase(file: &str, findings: &[&Diagnostic], run: &Run) -> String {
    let Some(first) = findings.first() else { return String::new() };
    let worst = findings.iter().map(|d| d.severity).max().unwrap_or(Severity::Info);
    let message = match findings.len() {
        1 => first.message.clone(),
        n => format!("{} (and {} more)", first.message, n - 1),
    };
    let body: Vec<String> = findings.iter().map(|d| finding_text(d, run)).collect();
    format!(
        "    <testcase name=\"{code} {name}\" classname=\"{file}\" file=\"{file}\" time=\"0\">\n      <failure message=\"{message}\" type=\"{worst}\">{body}</failure>\n    </testcase>\n",
        code = first.code,
        name = first.name,
        file = escape(file, true),
        message = escape(&message, true),
        worst = worst.as_str(),
        body = escape(&body.join("\n"), false),
    )
}

/// Renders every project's findings in one `<testsuites>` document.
pub fn render(runs: &[Run]) -> String {
    // file → code → findings; BTreeMaps keep the output sorted and deterministic.
    // Keyed by run too: two projects outside the current folder may show the same path.
    let mut suites: BTreeMap<(String, usize), BTreeMap<&str, Vec<&Diagnostic>>> = BTreeMap::new();
    for (ri, run) in runs.iter().enumerate() {
        for d in run.diagnostics {
            let file = match &d.primary {
                Some(p) => join_rel(&run.prefix, run.sources.path(p.span.file)),
                None => super::root_path(&run.prefix),
            };
            suites.entry((file, ri)).or_default().entry(d.code).or_default().push(d);
        }
    }
    let total: usize = suites.values().map(BTreeMap::len).sum();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if suites.is_empty() {
        out.push_str(concat!(
            "<testsuites name=\"pushlint\" tests=\"1\" failures=\"0\" errors=\"0\">\n",
            "  <testsuite name=\"pushlint\" tests=\"1\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
            "    <testcase name=\"no findings\" classname=\"pushlint\" time=\"0\"/>\n",
            "  </testsuite>\n",
            "</testsuites>\n",
        ));
        return out;
    }
    out.push_str(&format!(
        "<testsuites name=\"pushlint\" tests=\"{total}\" failures=\"{total}\" errors=\"0\">\n"
    ));
    for ((file, ri), by_code) in &suites {
        let Some(run) = runs.get(*ri) else { continue };
        let n = by_code.len();
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{n}\" failures=\"{n}\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
            escape(file, true)
        ));
        for findings in by_code.values() {
            out.push_str(&testcase(file, findings, run));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn multi_file_diagnostic() {
        let files = testing::files();
        let diags = testing::diagnostics();
        let run = Run { diagnostics: &diags, sources: &files, prefix: "android/".into(), base_uri: None };
        insta::assert_snapshot!(render(&[run]));
    }

    #[test]
    fn no_findings_is_one_passing_case() {
        let files = testing::files();
        let run = Run { diagnostics: &[], sources: &files, prefix: String::new(), base_uri: None };
        let out = render(&[run]);
        assert!(out.contains("failures=\"0\"") && out.contains("<testcase name=\"no findings\""), "{out}");
    }

    #[test]
    fn escaping_keeps_the_document_well_formed() {
        assert_eq!(escape("a<b>&\"c\"\n\u{1}", true), "a&lt;b&gt;&amp;&quot;c&quot;&#10;\u{fffd}");
        assert_eq!(escape("x\ny\"", false), "x\ny\"");
    }
}
