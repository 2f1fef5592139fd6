//! Inline suppressions, applied after the rules ran: `tools:ignore` on a manifest element or an
//! ancestor, `pushlint-disable-next-line` and `pushlint-disable-file` comments. Reports unused
//! suppressions (PL903) and unknown codes in them (PL902); reads only the loaded project.

use crate::config::Config;
use crate::diagnostics::Diagnostic;
use crate::parse::manifest::ElemId;
use crate::project::Project;
use crate::rules::{self, Rule};
use crate::span::{FileId, Span, TextRange};

const NEXT_LINE: &str = "pushlint-disable-next-line";
const FILE: &str = "pushlint-disable-file";
/// What both directives start with.
const DIRECTIVE_PREFIX: &str = "pushlint-disable-";

/// What one entry of a suppression silences.
#[derive(Clone, Copy)]
enum Target {
    Rule(&'static Rule),
    /// An Android Lint id in `tools:ignore` that a rule declares as its twin; Android Lint's own,
    /// so never reported as unused.
    Lint(&'static Rule),
    /// `all` in `tools:ignore` (Android Lint's, never reported as unused) or a bare comment.
    All {
        report_unused: bool,
    },
}

struct Entry {
    target: Target,
    span: Span,
    used: bool,
}

/// One suppression: the entries it names and the byte range of the file it covers.
struct Directive {
    file: FileId,
    scope: TextRange,
    entries: Vec<Entry>,
}

/// An entry naming no rule, to report as PL902.
struct Unknown {
    span: Span,
    text: String,
}

#[derive(Default)]
struct Found {
    directives: Vec<Directive>,
    unknown: Vec<Unknown>,
}

fn looks_like_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 3 && b[..2].eq_ignore_ascii_case(b"PL") && b[2..].iter().all(u8::is_ascii_digit)
}

impl Found {
    /// Adds a directive from comma/space-separated `items` found at `offset` in `file`;
    /// `lenient` skips ids that are not pushlint's (Android Lint ids in `tools:ignore`).
    fn add(&mut self, file: FileId, scope: TextRange, items: &str, offset: usize, lenient: bool) {
        let mut entries = Vec::new();
        let mut pos = 0;
        for token in items.split(|c: char| c == ',' || c.is_whitespace()) {
            let at = offset + pos;
            pos += token.len() + 1;
            if token.is_empty() {
                continue;
            }
            let span = Span::new(file, TextRange::new(at, at + token.len()));
            if token.eq_ignore_ascii_case("all") {
                entries.push(Entry { target: Target::All { report_unused: !lenient }, span, used: false });
            } else if let Some(rule) = rules::find(token) {
                entries.push(Entry { target: Target::Rule(rule), span, used: false });
            } else if lenient && !looks_like_code(token) {
                for rule in rules::all().filter(|r| r.android_lint.contains(&token)) {
                    entries.push(Entry { target: Target::Lint(rule), span, used: false });
                }
            } else {
                self.unknown.push(Unknown { span, text: token.to_string() });
            }
        }
        if !lenient && entries.is_empty() && !items.split(',').any(|t| !t.trim().is_empty()) {
            // A bare `pushlint-disable-next-line` silences every rule.
            let span = Span::new(file, TextRange::new(offset, offset));
            entries.push(Entry { target: Target::All { report_unused: true }, span, used: false });
        }
        if !entries.is_empty() {
            self.directives.push(Directive { file, scope, entries });
        }
    }
}

/// The directive in a comment: its kind and the codes after it, with their offset in `text`.
fn directive(text: &str) -> Option<(&'static str, &str, usize)> {
    for kind in [NEXT_LINE, FILE] {
        if let Some(i) = text.find(kind) {
            let start = i + kind.len();
            let rest = &text[start..];
            // A reason may follow ` -- `; comment closers end the list.
            let end = ["-->", "*/", " --"].iter().filter_map(|m| rest.find(m)).min().unwrap_or(rest.len());
            if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
                continue;
            }
            return Some((kind, &rest[..end], start));
        }
    }
    None
}

fn collect_manifests(project: &Project, found: &mut Found) {
    for m in &project.manifests {
        let text = project.files.get(m.file).text.as_str();
        for (i, el) in m.doc.elements.iter().enumerate() {
            if let Some(attr) = m.doc.tools_attr(ElemId(i as u32), "ignore") {
                let raw = text.get(attr.value_span.as_usize()).unwrap_or("");
                found.add(m.file, el.span, raw, attr.value_span.start as usize, true);
            }
        }
        for c in &m.doc.comments {
            let body = text.get(c.span.as_usize()).unwrap_or("");
            let Some((kind, items, at)) = directive(body) else { continue };
            let offset = c.span.start as usize + at;
            if kind == FILE {
                found.add(m.file, TextRange::new(0, text.len()), items, offset, false);
            } else if let Some(next) =
                m.doc.elements.iter().filter(|e| e.span.start >= c.span.end).min_by_key(|e| e.span.start)
            {
                found.add(m.file, next.span, items, offset, false);
            }
        }
    }
}

/// Whether a line holds only a comment (or nothing), so `disable-next-line` skips over it.
fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with("//") || t.starts_with('#') || t.starts_with("/*") || t.starts_with('*')
}

/// `//`, `#` and `/* */` comments in Gradle, Kotlin, Java, properties and TOML files.
fn collect_line_comments(project: &Project, found: &mut Found) {
    let manifests: std::collections::HashSet<FileId> = project.manifests.iter().map(|m| m.file).collect();
    for (id, f) in project.files.iter() {
        if manifests.contains(&id) || f.rel.ends_with(".json") || f.rel.ends_with(".xml") {
            continue;
        }
        let text = f.text.as_str();
        // Nearly no file has a directive: one search of the whole text instead of two per line.
        if !text.contains(DIRECTIVE_PREFIX) {
            continue;
        }
        let starts = f.line_starts();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).map_or(text.len(), |&e| e as usize);
            let line = text.get(start as usize..end).unwrap_or("");
            let Some((kind, items, at)) = directive(line) else { continue };
            let before = &line[..at];
            if !(before.contains("//") || before.contains('#') || before.contains("/*")) {
                continue;
            }
            let offset = start as usize + at;
            if kind == FILE {
                found.add(id, TextRange::new(0, text.len()), items, offset, false);
                continue;
            }
            // The next line with code on it.
            let mut k = n + 1;
            while let Some(&s) = starts.get(k) {
                let e = starts.get(k + 1).map_or(text.len(), |&e| e as usize);
                let next = text.get(s as usize..e).unwrap_or("");
                if !is_comment_or_blank(next) {
                    found.add(id, TextRange::new(s as usize, e), items, offset, false);
                    break;
                }
                k += 1;
            }
        }
    }
}

/// Drops suppressed findings and appends PL902/PL903 findings about the suppressions; returns
/// how many findings it dropped.
pub fn apply(project: &Project, config: &Config, diags: &mut Vec<Diagnostic>) -> usize {
    let mut found = Found::default();
    collect_manifests(project, &mut found);
    collect_line_comments(project, &mut found);
    let before = diags.len();
    diags.retain(|d| {
        let Some(p) = &d.primary else { return true };
        let mut silenced = false;
        for dir in found.directives.iter_mut().filter(|x| x.file == p.span.file) {
            let inside = dir.scope.start <= p.span.range.start
                && (p.span.range.start < dir.scope.end || dir.scope.start == dir.scope.end);
            if !inside {
                continue;
            }
            for e in &mut dir.entries {
                let hit = match e.target {
                    Target::Rule(r) | Target::Lint(r) => r.code == d.code,
                    Target::All { .. } => true,
                };
                if hit {
                    e.used = true;
                    silenced = true;
                }
            }
        }
        !silenced
    });
    let dropped = before - diags.len();
    let unknown_rule = &rules::config::CONFIG_RULE_UNKNOWN;
    if config.enabled(unknown_rule) {
        for u in &found.unknown {
            diags.push(
                Diagnostic::new(unknown_rule, format!("`{}` names no pushlint rule", u.text))
                    .severity(config.severity_of(unknown_rule))
                    .primary(u.span, "unknown rule")
                    .note("the suppression has no effect")
                    .help("use a code or name that `pushlint rules` lists, or remove the entry"),
            );
        }
    }
    let unused = &rules::config::SUPPRESSION_UNUSED;
    if !config.enabled(unused) {
        return dropped;
    }
    for e in found.directives.iter().flat_map(|d| &d.entries).filter(|e| !e.used) {
        let (message, note) = match e.target {
            Target::Rule(r) if config.enabled(r) => {
                (format!("unused suppression of `{}` ({})", r.code, r.name), "the rule reports nothing here")
            }
            Target::Rule(r) => (
                format!("unused suppression of `{}` ({})", r.code, r.name),
                "the rule is not enabled in this run",
            ),
            Target::All { report_unused: true } => {
                ("unused suppression of every rule".to_string(), "no rule reports anything here")
            }
            Target::All { report_unused: false } | Target::Lint(_) => continue,
        };
        diags.push(
            Diagnostic::new(unused, message)
                .severity(config.severity_of(unused))
                .primary(e.span, "suppresses nothing")
                .note(note)
                .help("remove the code from the suppression"),
        );
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_found_in_comments() {
        assert_eq!(directive("<!-- pushlint-disable-next-line PL101 -->").map(|d| d.1), Some(" PL101"));
        assert_eq!(directive("// pushlint-disable-file PL1, PL2 -- reason").map(|d| d.0), Some(FILE));
        assert_eq!(directive("# pushlint-disable-next-lines"), None);
    }

    #[test]
    fn tools_ignore_keeps_android_lint_ids_and_flags_unknown_codes() {
        let mut found = Found::default();
        let items = "ExportedReceiver, PL101 ,pl999,all";
        found.add(FileId(0), TextRange::new(0, 10), items, 100, true);
        let d = &found.directives[0];
        // `ExportedReceiver` stands for PL212, the Android Lint twin of which it is.
        assert_eq!(d.entries.len(), 3);
        assert!(matches!(d.entries[0].target, Target::Lint(r) if r.code == "PL212"));
        assert_eq!(d.entries[1].span.range, TextRange::new(118, 123));
        assert_eq!(found.unknown.len(), 1);
        assert_eq!(found.unknown[0].text, "pl999");
    }
}
