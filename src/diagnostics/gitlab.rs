//! GitLab Code Quality (a subset of the Code Climate issue format): one JSON array of issues with
//! `description`, `check_name`, `fingerprint`, `severity` and `location.path`/`lines`, the fields
//! GitLab reads (docs.gitlab.com/ci/testing/code_quality, "Code Quality report format").

use super::{Diagnostic, Run, Severity, fingerprint, join_rel, stable_hash};
use serde::Serialize;
use std::collections::HashMap;

#[derive(Serialize)]
struct Issue {
    #[serde(rename = "type")]
    kind: &'static str,
    check_name: &'static str,
    description: String,
    categories: [&'static str; 1],
    severity: &'static str,
    fingerprint: String,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: u32,
    end: u32,
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

/// The description is one line without markup (Code Climate's rule): line breaks and other
/// control characters become spaces. JSON string escaping is serde's.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

fn issue(d: &Diagnostic, run: &Run, seen: &mut HashMap<String, usize>) -> Issue {
    let (path, begin, end) = match &d.primary {
        Some(p) => {
            let begin = run.sources.position(p.span.file, p.span.range.start).line;
            let end = run.sources.position(p.span.file, p.span.range.end).line;
            (join_rel(&run.prefix, run.sources.path(p.span.file)), begin, end.max(begin))
        }
        None => (super::root_path(&run.prefix), 1, 1),
    };
    // GitLab merges issues with equal fingerprints, so identical findings (same code, file, line
    // text and message) are told apart by a counter; the path as shown keeps two projects apart.
    // Neither depends on line numbers, so an issue keeps its identity when lines move.
    let base = stable_hash(&[&path, &fingerprint(d, run.sources)]);
    let n = seen.entry(base.clone()).or_insert(0);
    *n += 1;
    Issue {
        kind: "issue",
        check_name: d.code,
        // GitLab's widget shows the description, not `check_name`: lead with the code.
        description: one_line(&format!("{}: {}", d.code, super::message_with_variant(d))),
        categories: ["Bug Risk"],
        severity: severity(d.severity),
        fingerprint: format!("{base}{}", stable_hash(&[&base, &n.to_string()])),
        location: Location { path, lines: Lines { begin, end } },
    }
}

/// Renders every project's findings as one Code Quality array, followed by a newline.
pub fn render(runs: &[Run]) -> String {
    let mut seen = HashMap::new();
    let issues: Vec<Issue> = runs
        .iter()
        .flat_map(|run| run.diagnostics.iter().map(move |d| (d, run)))
        .map(|(d, run)| issue(d, run, &mut seen))
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
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
    fn fingerprints_are_unique_and_survive_line_shifts() {
        let files = testing::files();
        let d = testing::diagnostics()[0].clone();
        let twice = [d.clone(), d.clone()];
        let run = Run { diagnostics: &twice, sources: &files, prefix: String::new(), base_uri: None };
        let v: serde_json::Value = serde_json::from_str(&render(&[run])).unwrap();
        assert_ne!(v[0]["fingerprint"], v[1]["fingerprint"]);

        let mut shifted = testing::files();
        let (_, text, starts) = &mut shifted.0[0];
        *text = format!("\n\n{text}");
        *starts = super::super::line_starts(text);
        let mut moved = d.clone();
        if let Some(p) = &mut moved.primary {
            p.span.range = crate::span::TextRange::new(73, 81);
        }
        let one = [d];
        let a = Run { diagnostics: &one, sources: &files, prefix: String::new(), base_uri: None };
        let moved = [moved];
        let b = Run { diagnostics: &moved, sources: &shifted, prefix: String::new(), base_uri: None };
        let (a, b): (serde_json::Value, serde_json::Value) =
            (serde_json::from_str(&render(&[a])).unwrap(), serde_json::from_str(&render(&[b])).unwrap());
        assert_eq!(a[0]["fingerprint"], b[0]["fingerprint"]);
        assert_eq!(
            (a[0]["location"]["lines"]["begin"].as_u64(), b[0]["location"]["lines"]["begin"].as_u64()),
            (Some(3), Some(5))
        );
    }

    #[test]
    fn description_is_one_line() {
        assert_eq!(one_line("a\nb\r\tc"), "a b  c");
    }
}
