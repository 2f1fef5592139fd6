//! SARIF 2.1.0 for code-scanning services: every rule in `tool.driver.rules`, one result per
//! finding with 1-based regions relative to `%SRCROOT%` and line-shift-proof fingerprints.

use super::{Diagnostic, RuleInfo, Run, Severity, Sources, fingerprint, join_rel};
use crate::span::Span;
use serde_json::{Value, json};
use std::collections::HashMap;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/pushlint/pushlint";
const SRCROOT: &str = "%SRCROOT%";
/// GitHub rejects descriptions longer than this.
const MAX_DESCRIPTION: usize = 1024;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max - 1).collect();
    out.push('…');
    out
}

/// The first paragraph under a `## heading` of the docs, on one line.
fn section(docs: &str, heading: &str) -> String {
    let mut out = String::new();
    for line in docs.lines().map(str::trim).skip_while(|l| *l != heading).skip(1) {
        if line.starts_with("##") || (line.is_empty() && !out.is_empty()) {
            break;
        }
        if !line.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    out
}

fn rule_descriptor(r: &RuleInfo) -> Value {
    let why = section(r.docs, "## Why it matters");
    let full = if why.is_empty() { r.summary.clone() } else { format!("{} — {why}", r.summary) };
    json!({
        "id": r.code,
        "name": r.name,
        "shortDescription": { "text": clip(&r.summary, MAX_DESCRIPTION) },
        "fullDescription": { "text": clip(&full, MAX_DESCRIPTION) },
        "help": { "text": r.docs.trim_end(), "markdown": r.docs.trim_end() },
        "helpUri": r.url,
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": {
            "tags": ["android", "push", r.family],
            "precision": "high",
            "problem.severity": match r.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "recommendation",
            },
        },
    })
}

/// A 1-based region; an empty span at the start of a file still gets line 1, column 1.
fn region(span: Span, sources: &dyn Sources) -> Value {
    let start = sources.position(span.file, span.range.start);
    let end = sources.position(span.file, span.range.end);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn physical(span: Span, run: &Run) -> Value {
    json!({
        "artifactLocation": { "uri": join_rel(&run.prefix, run.sources.path(span.file)), "uriBaseId": SRCROOT },
        "region": region(span, run.sources),
    })
}

/// A fix object (SARIF §3.55): one artifact change per file, each edit a replacement whose
/// deleted region is empty for an insertion.
fn fix(f: &super::Fix, run: &Run) -> Value {
    let changes: Vec<Value> = f
        .files()
        .into_iter()
        .map(|file| {
            let replacements: Vec<Value> = f
                .edits
                .iter()
                .filter(|e| e.span.file == file)
                .map(|e| json!({ "deletedRegion": region(e.span, run.sources), "insertedContent": { "text": e.content } }))
                .collect();
            json!({
                "artifactLocation": physical(Span::whole_file(file), run)["artifactLocation"],
                "replacements": replacements,
            })
        })
        .collect();
    json!({
        "description": { "text": f.message },
        "artifactChanges": changes,
        "properties": { "applicability": f.applicability.as_str() },
    })
}

fn result(d: &Diagnostic, run: &Run, rule_index: Option<usize>, occurrence: usize) -> Value {
    let text = super::message_with_variant(d);
    let mut r = json!({
        "ruleId": d.code,
        "level": level(d.severity),
        "message": { "text": text },
        "partialFingerprints": {
            "primaryLocationLineHash": format!("{}:{occurrence}", fingerprint(d, run.sources)),
        },
    });
    if let Some(i) = rule_index {
        r["ruleIndex"] = json!(i);
    }
    if let Some(p) = &d.primary {
        let mut loc = json!({ "physicalLocation": physical(p.span, run) });
        if !p.message.is_empty() {
            loc["message"] = json!({ "text": p.message });
        }
        r["locations"] = json!([loc]);
    }
    if !d.secondary.is_empty() {
        let related: Vec<Value> = d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| {
                json!({ "id": i + 1, "message": { "text": l.message }, "physicalLocation": physical(l.span, run) })
            })
            .collect();
        r["relatedLocations"] = json!(related);
    }
    if let Some(f) = &d.fix {
        r["fixes"] = json!([fix(f, run)]);
    }
    let mut props = serde_json::Map::new();
    for (key, value) in [("variant", &d.variant), ("note", &d.note), ("help", &d.help)] {
        if let Some(v) = value {
            props.insert(key.into(), json!(v));
        }
    }
    if !props.is_empty() {
        r["properties"] = Value::Object(props);
    }
    r
}

fn run_object(run: &Run, rules: &[RuleInfo]) -> Value {
    let index: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.code, i)).collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let results: Vec<Value> = run
        .diagnostics
        .iter()
        .map(|d| {
            // Identical findings share a fingerprint; the counter tells them apart.
            let n = seen.entry(format!("{}{}", d.code, fingerprint(d, run.sources))).or_insert(0);
            *n += 1;
            result(d, run, index.get(d.code).copied(), *n)
        })
        .collect();
    let mut out = json!({
        "tool": { "driver": {
            "name": "pushlint",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "informationUri": INFORMATION_URI,
            "rules": rules.iter().map(rule_descriptor).collect::<Vec<_>>(),
        } },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(uri) = &run.base_uri {
        out["originalUriBaseIds"] = json!({ SRCROOT: { "uri": uri } });
    }
    out
}

/// Renders one SARIF log with a run per project, followed by a newline.
pub fn render(runs: &[Run], rules: &[RuleInfo]) -> String {
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": runs.iter().map(|r| run_object(r, rules)).collect::<Vec<_>>(),
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
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
        let run = Run { diagnostics: &diags, sources: &files, prefix: String::new(), base_uri: None };
        let out = render(&[run], &testing::rules());
        let v: Value = serde_json::from_str(&out).unwrap();
        let result = &v["runs"][0]["results"][0];
        assert_eq!(result["ruleIndex"], 0);
        assert_eq!(result["locations"][0]["physicalLocation"]["region"]["startLine"], 3);
        assert_eq!(
            result["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "push-console.json"
        );
        // The whole-file finding still has a full region.
        let region = &v["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
        assert_eq!((region["startLine"].as_u64(), region["endColumn"].as_u64()), (Some(1), Some(1)));
        insta::assert_snapshot!(out);
    }

    #[test]
    fn fingerprints_survive_line_shifts() {
        let files = testing::files();
        let diags = testing::diagnostics();
        let mut shifted = testing::files();
        let (_, text, starts) = &mut shifted.0[0];
        *text = format!("\n\n{text}");
        *starts = super::super::line_starts(text);
        let mut moved = diags.clone();
        if let Some(p) = &mut moved[0].primary {
            p.span.range = crate::span::TextRange::new(73, 81);
        }
        assert_eq!(fingerprint(&diags[0], &files), fingerprint(&moved[0], &shifted));
    }
}
