//! `pushlint status --format html`: one self-contained page (inline CSS, no script, font or
//! image; a Content-Security-Policy that allows nothing else) with the matrix, each problem
//! linked to its finding below, and every finding with its source snippets and labels.

use super::{Check, Part, State, Step, VariantStatus, VendorStatus, unique};
use crate::diagnostics::{Diagnostic, Label, Sources, position};
use std::collections::HashMap;
use std::fmt::Write;

const CSS: &str = include_str!("status.css");

/// Most source lines one snippet shows around a label.
const MAX_SPAN_LINES: u32 = 8;

/// HTML text with `&`, `<`, `>`, `"` and `'` escaped (safe in text and quoted attributes).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Message text with its `backticked` parts as code.
fn rich(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    // An unpaired backtick is text.
    if parts.len() % 2 == 0 {
        return escape(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| if i % 2 == 1 { format!("<code>{}</code>", escape(p)) } else { escape(p) })
        .collect()
}

/// An id fragment from free text: letters, digits and `-`.
fn slug(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

fn finding_id(p: usize, i: usize) -> String {
    format!("f-{p}-{i}")
}

fn row_id(p: usize, v: usize, vendor: &str) -> String {
    format!("r-{p}-{v}-{}", slug(vendor))
}

/// The page for a run over one or more projects.
pub fn render(parts: &[Part]) -> String {
    let mut out = String::new();
    let roots: Vec<&str> = parts.iter().filter_map(|p| p.root).collect();
    let title = match roots.as_slice() {
        [] | ["."] => "pushlint status".to_string(),
        _ => format!("pushlint status: {}", roots.join(", ")),
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        escape(&title)
    );
    header(&mut out, parts);
    matrix(&mut out, parts);
    findings(&mut out, parts);
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, parts: &[Part]) {
    let variants: Vec<&VariantStatus> = parts.iter().flat_map(|p| &p.status.variants).collect();
    let (mut ok, mut problem, mut unknown) = (0, 0, 0);
    for v in &variants {
        let (o, p, u) = v.tally();
        (ok, problem, unknown) = (ok + o, problem + p, unknown + u);
    }
    let findings: usize = parts.iter().map(|p| p.diagnostics.len()).sum();
    let roots: Vec<String> =
        parts.iter().filter_map(|p| p.root).map(|r| format!("<code>{}</code>", escape(r))).collect();
    out.push_str("<header>\n<h1>Push status by variant and vendor</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"meta\">pushlint {}{} · {} {} · vendors: {ok} ready, {problem} with problems, {unknown} unknown · <a href=\"#findings\">{findings} {}</a></p>",
        env!("CARGO_PKG_VERSION"),
        if roots.is_empty() { String::new() } else { format!(" · {}", roots.join(", ")) },
        variants.len(),
        if variants.len() == 1 { "variant" } else { "variants" },
        if findings == 1 { "finding" } else { "findings" },
    );
    out.push_str("<p class=\"legend\">");
    for s in [State::Ok, State::Problem, State::Unknown, State::NotNeeded] {
        let _ = write!(
            out,
            "<span class=\"state-{}\"><span class=\"sym\">{}</span> {}</span>",
            s.key(),
            s.symbol(),
            s.word()
        );
    }
    out.push_str("</p>\n</header>\n");
}

fn matrix(out: &mut String, parts: &[Part]) {
    out.push_str("<main>\n<div class=\"matrix-box\">\n<table class=\"matrix\">\n<thead><tr><th scope=\"col\" class=\"vendor\">Vendor</th><th scope=\"col\">Integration</th>");
    for s in Step::ALL {
        let label = s.label();
        let mut head = label.to_string();
        if let Some(first) = head.get(..1) {
            head = first.to_uppercase() + head.get(1..).unwrap_or("");
        }
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&head));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let columns = Step::ALL.len() + 2;
    for (pi, p) in parts.iter().enumerate() {
        for (vi, v) in p.status.variants.iter().enumerate() {
            let (ok, problem, unknown) = v.tally();
            let root = p
                .root
                .filter(|r| *r != "." && parts.len() > 1)
                .map(|r| format!("{} ", escape(r)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "<tr class=\"variant\" id=\"v-{pi}-{vi}\"><th colspan=\"{columns}\" scope=\"rowgroup\">{root}{} {} <code>{}</code><span class=\"summary\">{ok} ready · {problem} with problems · {unknown} unknown · {} {}</span></th></tr>",
                escape(&v.module_path),
                escape(&v.variant),
                escape(v.application_id.as_deref().unwrap_or("applicationId unknown")),
                v.findings().len(),
                if v.findings().len() == 1 { "finding" } else { "findings" },
            );
            if v.vendors.is_empty() {
                let _ =
                    writeln!(out, "<tr><td colspan=\"{columns}\">no vendor integration detected</td></tr>");
            }
            for r in &v.vendors {
                vendor_row(out, p, pi, vi, r);
            }
            notes(out, p, pi, v, columns);
        }
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
    let outside: Vec<(usize, &Part, usize)> = parts
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| p.status.other.iter().map(move |&i| (pi, p, i)))
        .collect();
    if !outside.is_empty() {
        out.push_str("<h2>Not about one variant's vendors</h2>\n<ul class=\"other\">\n");
        for (pi, p, i) in outside {
            if let Some(d) = p.diagnostics.get(i) {
                let _ = writeln!(out, "<li>{}</li>", finding_link(pi, i, d));
            }
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</main>\n");
}

fn finding_link(pi: usize, i: usize, d: &Diagnostic) -> String {
    format!("<a href=\"#{}\">{}</a> {}", finding_id(pi, i), d.code, rich(&d.message))
}

fn vendor_row(out: &mut String, p: &Part, pi: usize, vi: usize, r: &VendorStatus) {
    let overall = r.overall();
    let route = r.route.label();
    let _ = write!(
        out,
        "<tr id=\"{}\"><th scope=\"row\" class=\"vendor\"><span class=\"sym state-{}\" title=\"{}\">{}</span> {}</th><td class=\"route\" title=\"{}\">{}</td>",
        row_id(pi, vi, &r.vendor),
        overall.key(),
        overall.word(),
        overall.symbol(),
        escape(&r.display),
        escape(&r.route.evidence.join("; ")),
        escape(&route),
    );
    for step in Step::ALL {
        cell(out, p, pi, r.check(step));
    }
    out.push_str("</tr>\n");
}

fn cell(out: &mut String, p: &Part, pi: usize, c: &Check) {
    let title =
        c.note.as_deref().map(|n| format!(" title=\"{}\"", escape(&n.replace('`', "")))).unwrap_or_default();
    let _ = write!(
        out,
        "<td class=\"{}\"{title}><span class=\"sym\">{}</span> ",
        c.state.key(),
        c.state.symbol()
    );
    if c.state == State::Problem {
        let codes: Vec<&str> =
            unique(c.findings.iter().filter_map(|&i| p.diagnostics.get(i)).map(|d| d.code).collect());
        let links: Vec<String> = codes
            .iter()
            .map(|code| {
                let of: Vec<usize> = c
                    .findings
                    .iter()
                    .copied()
                    .filter(|&i| p.diagnostics.get(i).is_some_and(|d| d.code == *code))
                    .collect();
                let first = of.first().copied().unwrap_or_default();
                let times = if of.len() > 1 { format!(" ×{}", of.len()) } else { String::new() };
                format!("<a href=\"#{}\">{code}</a>{times}", finding_id(pi, first))
            })
            .collect();
        out.push_str(&links.join(" "));
    } else {
        out.push_str(c.state.word());
    }
    out.push_str("</td>");
}

/// Under a variant's rows: why steps are unknown, and the findings that concern the variant but
/// none of its vendors' steps.
fn notes(out: &mut String, p: &Part, pi: usize, v: &VariantStatus, columns: usize) {
    let mut groups: Vec<(&str, Vec<Step>, Vec<&str>)> = Vec::new();
    for r in &v.vendors {
        for step in Step::ALL {
            let c = r.check(step);
            let (State::Unknown, Some(why)) = (c.state, c.note.as_deref()) else { continue };
            match groups.iter_mut().find(|(w, _, _)| *w == why) {
                Some((_, steps, vendors)) => {
                    if !steps.contains(&step) {
                        steps.push(step);
                    }
                    if !vendors.contains(&r.display.as_str()) {
                        vendors.push(&r.display);
                    }
                }
                None => groups.push((why, vec![step], vec![&r.display])),
            }
        }
    }
    if groups.is_empty() && v.other.is_empty() {
        return;
    }
    let _ = write!(out, "<tr class=\"notes\"><td colspan=\"{columns}\"><ul>");
    for (why, mut steps, vendors) in groups {
        steps.sort();
        let steps: Vec<&str> = steps.iter().map(|s| s.label()).collect();
        let whom = if vendors.len() == v.vendors.len() && vendors.len() > 1 {
            "every vendor".to_string()
        } else {
            vendors.join(", ")
        };
        let _ = write!(
            out,
            "<li><span class=\"state-unknown\">?</span> {} ({}): {}</li>",
            escape(&steps.join(", ")),
            escape(&whom),
            rich(why)
        );
    }
    for &i in &v.other {
        if let Some(d) = p.diagnostics.get(i) {
            let _ = write!(out, "<li>Also for this variant: {}</li>", finding_link(pi, i, d));
        }
    }
    out.push_str("</ul></td></tr>\n");
}

/// Where each finding appears in the matrix: (anchor, text) per finding of each project.
fn places(parts: &[Part]) -> HashMap<(usize, usize), Vec<(String, String)>> {
    let mut at: HashMap<(usize, usize), Vec<(String, String)>> = HashMap::new();
    for (pi, p) in parts.iter().enumerate() {
        for (vi, v) in p.status.variants.iter().enumerate() {
            for r in &v.vendors {
                for &i in &r.findings {
                    at.entry((pi, i))
                        .or_default()
                        .push((row_id(pi, vi, &r.vendor), format!("{} × {}", v.variant, r.display)));
                }
            }
            for &i in &v.other {
                at.entry((pi, i)).or_default().push((format!("v-{pi}-{vi}"), v.variant.clone()));
            }
        }
    }
    at
}

fn findings(out: &mut String, parts: &[Part]) {
    let at = places(parts);
    out.push_str("<section id=\"findings\">\n<h2>Findings</h2>\n");
    if parts.iter().all(|p| p.diagnostics.is_empty()) {
        out.push_str("<p>No problems found.</p>\n");
    }
    for (pi, p) in parts.iter().enumerate() {
        for (i, d) in p.diagnostics.iter().enumerate() {
            finding(out, p, pi, i, d, at.get(&(pi, i)).map(Vec::as_slice).unwrap_or_default());
        }
    }
    out.push_str("</section>\n");
}

fn finding(out: &mut String, p: &Part, pi: usize, i: usize, d: &Diagnostic, at: &[(String, String)]) {
    let sev = d.severity.as_str();
    let code = match crate::rules::find(d.code) {
        Some(r) => format!("<a href=\"{}\">{}</a>", escape(&r.url()), d.code),
        None => d.code.to_string(),
    };
    let _ = writeln!(
        out,
        "<article class=\"finding {sev}\" id=\"{}\">\n<h3><span class=\"sev\">{sev}</span>{code} {}</h3>\n<p class=\"msg\">{}</p>",
        finding_id(pi, i),
        escape(d.name),
        rich(&d.message)
    );
    let mut meta: Vec<String> = Vec::new();
    if let Some(v) = &d.variant {
        meta.push(format!("variants {}", escape(v)));
    }
    if !at.is_empty() {
        let links: Vec<String> =
            at.iter().map(|(id, text)| format!("<a href=\"#{id}\">{}</a>", escape(text))).collect();
        meta.push(format!("in the matrix: {}", links.join(", ")));
    }
    if !meta.is_empty() {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    }
    snippets(out, d, p.sources);
    if let Some(n) = &d.note {
        let _ = writeln!(out, "<p class=\"note\"><b>note</b>{}</p>", rich(n));
    }
    if let Some(h) = &d.help {
        let _ = writeln!(out, "<p class=\"help\"><b>help</b>{}</p>", rich(h));
    }
    out.push_str("</article>\n");
}

/// The source lines around each label, file by file (the primary label's first), with the
/// labelled text marked and each label's message under its last line.
fn snippets(out: &mut String, d: &Diagnostic, sources: &dyn Sources) {
    let labels: Vec<(&Label, bool)> =
        d.primary.iter().map(|l| (l, true)).chain(d.secondary.iter().map(|l| (l, false))).collect();
    let mut files: Vec<crate::span::FileId> = Vec::new();
    for (l, _) in &labels {
        if !files.contains(&l.span.file) {
            files.push(l.span.file);
        }
    }
    for file in files {
        let text = sources.text(file);
        let starts = sources.line_starts(file);
        let path = escape(sources.path(file));
        let in_file: Vec<&(&Label, bool)> = labels.iter().filter(|(l, _)| l.span.file == file).collect();
        let line_of = |offset: u32| position(text, starts, offset);
        // Lines each label covers, and the windows of lines shown.
        let mut windows: Vec<(u32, u32)> = Vec::new();
        for (l, _) in &in_file {
            let r = l.span.range;
            if r.start == 0 && r.end == 0 {
                continue;
            }
            let first = line_of(r.start).line;
            let last = line_of(r.end.max(r.start + 1) - 1).line.min(first + MAX_SPAN_LINES);
            windows.push((first.saturating_sub(1).max(1), (last + 1).min(starts.len() as u32)));
        }
        windows.sort();
        let mut merged: Vec<(u32, u32)> = Vec::new();
        for w in windows {
            match merged.last_mut() {
                Some(m) if w.0 <= m.1 + 1 => m.1 = m.1.max(w.1),
                _ => merged.push(w),
            }
        }
        for (l, primary) in &in_file {
            if l.span.range.start == 0 && l.span.range.end == 0 && !l.message.is_empty() {
                let _ = writeln!(
                    out,
                    "<div class=\"snippet\"><div class=\"file\">{path}: <span class=\"lbl{}\">{}</span></div></div>",
                    if *primary { "" } else { " secondary" },
                    rich(&l.message)
                );
            }
        }
        for (from, to) in merged {
            // Named by the first label in it, as `file:line:column`.
            let first = in_file
                .iter()
                .map(|(l, _)| line_of(l.span.range.start))
                .filter(|p| p.line >= from && p.line <= to)
                .min_by_key(|p| p.offset);
            let at = first.map_or(from.to_string(), |p| format!("{}:{}", p.line, p.column));
            let _ = write!(out, "<div class=\"snippet\"><div class=\"file\">{path}:{at}</div><pre><code>");
            for n in from..=to {
                let (ls, le) = line_bounds(text, starts, n);
                let _ = writeln!(out, "<span class=\"ln\">{n}</span>{}", highlight(text, ls, le, &in_file));
                for (l, primary) in &in_file {
                    let r = l.span.range;
                    if l.message.is_empty() || (r.start == 0 && r.end == 0) {
                        continue;
                    }
                    let first = line_of(r.start).line;
                    let last = line_of(r.end.max(r.start + 1) - 1).line.min(first + MAX_SPAN_LINES);
                    if last != n {
                        continue;
                    }
                    let col = if first == n { line_of(r.start).column as usize - 1 } else { 0 };
                    let _ = writeln!(
                        out,
                        "<span class=\"ln\"></span>{}<span class=\"lbl{}\">╰ {}</span>",
                        " ".repeat(col),
                        if *primary { "" } else { " secondary" },
                        escape(&l.message)
                    );
                }
            }
            out.push_str("</code></pre></div>\n");
        }
    }
}

/// Byte range of line `n` (1-based) without its line break.
fn line_bounds(text: &str, starts: &[u32], n: u32) -> (usize, usize) {
    let start = starts.get(n as usize - 1).copied().unwrap_or(0) as usize;
    let end = starts.get(n as usize).map_or(text.len(), |&e| e as usize).min(text.len());
    let line = text.get(start..end).unwrap_or("");
    let trimmed = line.trim_end_matches(['\n', '\r']);
    (start, start + trimmed.len())
}

/// The line `text[ls..le]` escaped, with the parts labels cover marked (the primary wins).
fn highlight(text: &str, ls: usize, le: usize, labels: &[&(&Label, bool)]) -> String {
    let mut cuts: Vec<usize> = vec![ls, le];
    for (l, _) in labels {
        let (s, e) = (l.span.range.start as usize, l.span.range.end as usize);
        for x in [s, e] {
            if x > ls && x < le && text.is_char_boundary(x) {
                cuts.push(x);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(part) = text.get(a..b) else { continue };
        let covering = labels
            .iter()
            .filter(|(l, _)| (l.span.range.start as usize) <= a && b <= l.span.range.end as usize);
        let class = covering.map(|(_, primary)| *primary).reduce(|x, y| x || y);
        match class {
            Some(true) => out.push_str(&format!("<mark>{}</mark>", escape(part))),
            Some(false) => out.push_str(&format!("<mark class=\"secondary\">{}</mark>", escape(part))),
            None => out.push_str(&escape(part)),
        }
    }
    out
}
