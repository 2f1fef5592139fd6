//! Code actions and hover for the findings of a document: the finding's fix, a suppression
//! written the way `suppress` reads it (`tools:ignore` in a manifest, a
//! `pushlint-disable-next-line` comment elsewhere), and the rule's documentation.

use super::convert::{self, FixEdit};
use super::projects::Finding;
use crate::diagnostics::line_starts;
use crate::parse::manifest::{ElemId, ManifestDoc, TOOLS_NS, XMLNS_NS};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Hover, HoverContents, MarkupContent, MarkupKind, Range,
    TextEdit, Url, WorkspaceEdit,
};
use std::collections::HashMap;

/// Whether two ranges share a position (an empty range touching another counts).
pub fn overlaps(a: &Range, b: &Range) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn action(
    title: String,
    diagnostic: &lsp_types::Diagnostic,
    edits: HashMap<Url, Vec<TextEdit>>,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(WorkspaceEdit { changes: Some(edits), ..Default::default() }),
        is_preferred: preferred.then_some(true),
        ..Default::default()
    })
}

/// The quick fixes for the findings of `uri` that touch `range`: each fix first, then a
/// suppression of each rule (once per rule and line).
pub fn code_actions(uri: &Url, text: &str, findings: &[&Finding], range: &Range) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let mut suppressed: Vec<(&str, u32)> = Vec::new();
    let touching: Vec<&&Finding> = findings.iter().filter(|f| overlaps(&f.diagnostic.range, range)).collect();
    for f in &touching {
        if let Some(FixEdit { title, edits, preferred }) = &f.fix {
            out.push(action(title.clone(), &f.diagnostic, edits.clone(), *preferred));
        }
    }
    for f in touching {
        let key = (f.code, f.diagnostic.range.start.line);
        if suppressed.contains(&key) {
            continue;
        }
        if let Some((title, edits)) = suppression(uri, text, f) {
            suppressed.push(key);
            out.push(action(title, &f.diagnostic, HashMap::from([(uri.clone(), edits)]), false));
        }
    }
    out
}

/// The edit that suppresses `f` in `text`, by file kind; None where the file cannot hold one
/// (JSON has no comments) or the finding is about suppressions themselves.
fn suppression(uri: &Url, text: &str, f: &Finding) -> Option<(String, Vec<TextEdit>)> {
    if f.code.starts_with("PL9") {
        return None;
    }
    let name = uri.path_segments()?.next_back()?.to_ascii_lowercase();
    if name.ends_with(".xml") {
        let edits = tools_ignore(text, f.start, f.code)?;
        return Some((format!("Suppress {} with tools:ignore", f.code), edits));
    }
    let marker = if name.ends_with(".gradle")
        || name.ends_with(".kts")
        || name.ends_with(".java")
        || name.ends_with(".kt")
    {
        "//"
    } else if name.ends_with(".properties") || name.ends_with(".toml") {
        "#"
    } else {
        return None;
    };
    Some((
        format!("Suppress {} on this line", f.code),
        vec![next_line_comment(text, f.start, marker, f.code)],
    ))
}

/// `// pushlint-disable-next-line CODE` on a line of its own above the one holding `at`,
/// indented like it.
fn next_line_comment(text: &str, at: usize, marker: &str, code: &str) -> TextEdit {
    let starts = line_starts(text);
    let line = match starts.binary_search(&(at.min(text.len()) as u32)) {
        Ok(i) => i,
        Err(i) => i.saturating_sub(1),
    };
    let start = starts.get(line).map_or(0, |&s| s as usize);
    let rest = text.get(start..).unwrap_or("");
    let indent: String = rest.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
    let eol = match rest.find('\n') {
        Some(i) if rest[..i].ends_with('\r') => "\r\n",
        _ => "\n",
    };
    let pos = convert::position(text, &starts, start as u32);
    TextEdit::new(Range::new(pos, pos), format!("{indent}{marker} pushlint-disable-next-line {code}{eol}"))
}

/// Adds `code` to the `tools:ignore` of the innermost element around `at`, declaring the tools
/// namespace on the root element when the manifest does not.
fn tools_ignore(text: &str, at: usize, code: &str) -> Option<Vec<TextEdit>> {
    let doc = ManifestDoc::parse(text);
    let inside = |i: usize| {
        let s = doc.elements[i].span;
        (s.start as usize) <= at && at < (s.end as usize).max(s.start as usize + 1)
    };
    let id = (0..doc.elements.len()).filter(|&i| inside(i)).max_by_key(|&i| doc.elements[i].span.start)?;
    let id = ElemId(id as u32);
    let starts = line_starts(text);
    let insert = |offset: u32, new: String| {
        let p = convert::position(text, &starts, offset);
        TextEdit::new(Range::new(p, p), new)
    };
    if let Some(attr) = doc.tools_attr(id, "ignore") {
        let sep = if attr.value.trim().is_empty() { "" } else { "," };
        return Some(vec![insert(attr.value_span.end, format!("{sep}{code}"))]);
    }
    let root = doc.root?;
    let prefix = doc
        .element(root)
        .attrs
        .iter()
        .find(|a| a.ns.as_deref() == Some(XMLNS_NS) && a.value == TOOLS_NS)
        .map(|a| a.local.to_string());
    let el = doc.element(id);
    match prefix {
        Some(p) => Some(vec![insert(el.name_span.end, format!(" {p}:ignore=\"{code}\""))]),
        None if id == root => Some(vec![insert(
            el.name_span.end,
            format!(" xmlns:tools=\"{TOOLS_NS}\" tools:ignore=\"{code}\""),
        )]),
        None => Some(vec![
            insert(doc.element(root).name_span.end, format!(" xmlns:tools=\"{TOOLS_NS}\"")),
            insert(el.name_span.end, format!(" tools:ignore=\"{code}\"")),
        ]),
    }
}

/// The documentation of the rules of the findings under `pos`, in Markdown.
pub fn hover(findings: &[&Finding], pos: lsp_types::Position) -> Option<Hover> {
    let here: Vec<&&Finding> =
        findings.iter().filter(|f| overlaps(&f.diagnostic.range, &Range::new(pos, pos))).collect();
    let first = here.first()?;
    let mut parts = Vec::new();
    for f in &here {
        let Some(rule) = crate::rules::find(f.code) else { continue };
        let mut s = format!("**{}** `{}` ({})\n\n", rule.code, rule.name, rule.severity.as_str());
        if let Some(note) = &f.note {
            s.push_str(&format!("{note}\n\n"));
        }
        let docs: Vec<&str> = rule.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect();
        s.push_str(docs.join("\n").trim());
        s.push_str(&format!("\n\n[{}]({})", rule.name, rule.url()));
        parts.push(s);
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: Some(first.diagnostic.range),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edits: &[TextEdit]) -> String {
        let starts = line_starts(text);
        let mut at: Vec<(usize, &str)> = edits
            .iter()
            .map(|e| (convert::offset(text, &starts, e.range.start), e.new_text.as_str()))
            .collect();
        at.sort_by_key(|b| std::cmp::Reverse(b.0));
        let mut out = text.to_string();
        for (o, t) in at {
            out.insert_str(o, t);
        }
        out
    }

    #[test]
    fn tools_ignore_declares_the_namespace_once() {
        let text = "<manifest package=\"a\">\n  <application>\n    <service android:name=\"S\"/>\n  </application>\n</manifest>\n";
        let at = text.find("<service").unwrap() + 3;
        let edits = tools_ignore(text, at, "PL201").unwrap();
        let out = apply(text, &edits);
        assert!(
            out.starts_with("<manifest xmlns:tools=\"http://schemas.android.com/tools\" package"),
            "{out}"
        );
        assert!(out.contains("<service tools:ignore=\"PL201\" android:name"), "{out}");
        let again = apply(&out, &tools_ignore(&out, out.find("<service").unwrap(), "PL202").unwrap());
        assert!(again.contains("tools:ignore=\"PL201,PL202\""), "{again}");
    }

    #[test]
    fn tools_ignore_uses_the_declared_prefix() {
        let text =
            "<manifest xmlns:t=\"http://schemas.android.com/tools\">\n<application é=\"x\"/></manifest>";
        let at = text.find("<application").unwrap();
        let out = apply(text, &tools_ignore(text, at, "PL201").unwrap());
        assert!(out.contains("<application t:ignore=\"PL201\" é"), "{out}");
    }

    #[test]
    fn comment_goes_above_the_line_with_its_indent_and_line_ending() {
        let text = "dependencies {\r\n    implementation 'a:b:1'\r\n}\r\n";
        let at = text.find("implementation").unwrap() + 4;
        let out = apply(text, &[next_line_comment(text, at, "//", "PL301")]);
        assert_eq!(
            out,
            "dependencies {\r\n    // pushlint-disable-next-line PL301\r\n    implementation 'a:b:1'\r\n}\r\n"
        );
    }
}
