//! `pushlint status` in the terminal: per variant, one line per integrated vendor with a symbol
//! per step (colour optional, every state has its own symbol), what is unknown and why, and a
//! summary line; laid out for the given width.

use super::{Part, State, Step, VariantStatus, unique};
use crate::diagnostics::{Diagnostic, Sources, position};
use textwrap::core::display_width;

/// How to lay the text out.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    /// Columns available; lines are fitted or wrapped to it.
    pub width: usize,
}

const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn paint(style: Style, code: &str, text: &str) -> String {
    if style.color { format!("{code}{text}{RESET}") } else { text.to_string() }
}

fn symbol(style: Style, state: State) -> String {
    let code = match state {
        State::Ok => "\x1b[32m",
        State::Problem => "\x1b[31m",
        State::Unknown => "\x1b[33m",
        State::NotNeeded => DIM,
    };
    paint(style, code, state.symbol())
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let w = display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// `text` cut to at most `width` columns, with `…` when cut.
fn fit(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if display_width(&out) + display_width(&c.to_string()) + 1 > width {
            break;
        }
        out.push(c);
    }
    out + "…"
}

/// One-letter step headers for the narrowest terminals, explained by a legend line.
const TINY: [&str; 7] = ["S", "M", "F", "P", "K", "C", "A"];

/// The columns of the rows: vendor and integration widths, step headers.
struct Layout {
    vendor: usize,
    route: usize,
    headers: Vec<&'static str>,
}

impl Layout {
    fn new(parts: &[Part], width: usize) -> Layout {
        let rows = || parts.iter().flat_map(|p| &p.status.variants).flat_map(|v| &v.vendors);
        let vendor = rows().map(|r| display_width(&r.display)).max().unwrap_or(0).max(6);
        let route = rows().map(|r| display_width(&route_text(r))).max().unwrap_or(0).max(11);
        let cells = |headers: &[&str]| headers.iter().map(|h| display_width(h) + 1).sum::<usize>();
        let long: Vec<&str> = Step::ALL.iter().map(|s| s.label()).collect();
        let short: Vec<&str> = Step::ALL.iter().map(|s| s.short()).collect();
        // Room for a few codes after the cells.
        let fixed = |route: usize, headers: &[&str]| 4 + vendor + 2 + route + 1 + cells(headers) + 14;
        let headers = if fixed(route, &long) <= width {
            long
        } else if fixed(0, &short) <= width {
            short
        } else {
            TINY.to_vec()
        };
        let rest = width.saturating_sub(fixed(0, &headers));
        // The integration column gives way first; below 8 columns it is left out.
        let route = if rest >= route {
            route
        } else if rest >= 8 {
            rest
        } else {
            0
        };
        Layout { vendor, route, headers }
    }

    /// The column where finding codes start.
    fn codes_at(&self) -> usize {
        4 + self.vendor
            + 2
            + self.route_cols()
            + self.headers.iter().map(|h| display_width(h) + 1).sum::<usize>()
            + 1
    }

    fn route_cols(&self) -> usize {
        if self.route == 0 { 0 } else { self.route + 1 }
    }
}

fn route_text(r: &super::VendorStatus) -> String {
    r.route.label()
}

/// The whole text for a run over one or more projects.
pub fn render(parts: &[Part], style: Style) -> String {
    let layout = Layout::new(parts, style.width);
    let mut out = String::new();
    let (mut ok, mut problem, mut unknown, mut findings) = (0, 0, 0, 0);
    let mut variants = 0;
    for p in parts {
        if let Some(root) = p.root.filter(|r| *r != ".") {
            out.push_str(&paint(style, BOLD, &format!("Project {root}")));
            out.push_str("\n\n");
        }
        for v in &p.status.variants {
            variant(&mut out, p, v, &layout, style);
            let (o, pr, u) = v.tally();
            (ok, problem, unknown) = (ok + o, problem + pr, unknown + u);
            variants += 1;
        }
        findings += p.diagnostics.len();
    }
    let outside: Vec<(&Part, usize)> =
        parts.iter().flat_map(|p| p.status.other.iter().map(move |&i| (p, i))).collect();
    if !outside.is_empty() {
        out.push_str(&paint(style, BOLD, "Not about one variant's vendors:"));
        out.push('\n');
        for (p, i) in outside {
            if let Some(d) = p.diagnostics.get(i) {
                out.push_str(&finding_line("", d, p.sources, style.width));
            }
        }
        out.push('\n');
    }
    if variants == 0 {
        out.push_str("No app variant was checked.\n");
        return out;
    }
    let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
    let last = format!(
        "{}, {}: {} ready, {} with problems, {} unknown; {}{}.",
        n(variants, "variant", "variants"),
        n(ok + problem + unknown, "integration", "integrations"),
        ok,
        problem,
        unknown,
        n(findings, "finding", "findings"),
        if findings > 0 { " (`pushlint check` shows them in full)" } else { "" }
    );
    out.push_str(&wrapped(&last, "", "", style.width));
    out
}

/// `text` wrapped at spaces to `width` columns, each line ended by a newline.
fn wrapped(text: &str, first: &str, rest: &str, width: usize) -> String {
    let opts = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::wrap(text, opts).iter().map(|l| format!("{l}\n")).collect()
}

fn variant(out: &mut String, p: &Part, v: &VariantStatus, layout: &Layout, style: Style) {
    let app_id = v.application_id.as_deref().unwrap_or("applicationId unknown");
    let title = format!("{} {}", v.module_path, v.variant);
    let head = wrapped(&format!("{title}  {app_id}"), "", "  ", style.width);
    out.push_str(&head.replacen(&title, &paint(style, BOLD, &title), 1));
    if layout.headers[0] == TINY[0] && !v.vendors.is_empty() {
        // No-break spaces keep each entry on one line.
        let legend: Vec<String> = TINY
            .iter()
            .zip(Step::ALL)
            .map(|(t, s)| format!("{t}\u{a0}{}", s.label().replace(' ', "\u{a0}")))
            .collect();
        out.push_str(&paint(style, DIM, wrapped(&legend.join(", "), "    ", "    ", style.width).trim_end()));
        out.push('\n');
    }
    if v.vendors.is_empty() {
        out.push_str("  no vendor integration detected\n");
    } else {
        let mut head = format!("    {}  ", pad("vendor", layout.vendor));
        if layout.route > 0 {
            head.push_str(&pad("integration", layout.route + 1));
        }
        for h in &layout.headers {
            head.push_str(h);
            head.push(' ');
        }
        out.push_str(&paint(style, DIM, head.trim_end()));
        out.push('\n');
    }
    for r in &v.vendors {
        let mut line = format!("  {} {}  ", symbol(style, r.overall()), pad(&r.display, layout.vendor));
        if layout.route > 0 {
            line.push_str(&pad(&fit(&route_text(r), layout.route), layout.route + 1));
        }
        for (step, h) in Step::ALL.iter().zip(&layout.headers) {
            let w = display_width(h);
            let state = r.check(*step).state;
            line.push_str(&" ".repeat((w - 1) / 2));
            line.push_str(&symbol(style, state));
            line.push_str(&" ".repeat(w - 1 - (w - 1) / 2 + 1));
        }
        let codes: Vec<&str> =
            unique(r.findings.iter().filter_map(|&i| p.diagnostics.get(i)).map(|d| d.code).collect());
        if codes.is_empty() {
            out.push_str(line.trim_end());
        } else {
            line.push(' ');
            out.push_str(&wrap_after(&line, &codes.join(" "), layout.codes_at(), style.width));
        }
        out.push('\n');
    }
    footnotes(out, v, style);
    let (ok, problem, unknown) = v.tally();
    let found = v.findings().len();
    let summary = format!(
        "{}: {ok} ready, {problem} with problems, {unknown} unknown, of {} {}; {found} {}",
        v.variant,
        v.vendors.len(),
        if v.vendors.len() == 1 { "vendor" } else { "vendors" },
        if found == 1 { "finding" } else { "findings" }
    );
    out.push_str(&wrapped(&summary, "  ", "    ", style.width));
    for &i in &v.other {
        if let Some(d) = p.diagnostics.get(i) {
            out.push_str(&finding_line("also ", d, p.sources, style.width));
        }
    }
    out.push('\n');
}

/// `prefix` then `words`, continued on lines indented to `at` when they pass `width`.
fn wrap_after(prefix: &str, words: &str, at: usize, width: usize) -> String {
    let at = if at + 12 > width { 6 } else { at };
    let mut out = prefix.to_string();
    let mut col = display_width(&strip_ansi(prefix));
    let mut first = true;
    for w in words.split(' ') {
        if !first && col + 1 + w.len() > width {
            out.push('\n');
            out.push_str(&" ".repeat(at));
            col = at;
        } else if !first {
            out.push(' ');
            col += 1;
        }
        out.push_str(w);
        col += w.len();
        first = false;
    }
    out
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The unknown steps of a variant, grouped by reason: which steps, for which vendors, and why.
fn footnotes(out: &mut String, v: &VariantStatus, style: Style) {
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
    for (why, mut steps, vendors) in groups {
        steps.sort();
        let steps: Vec<&str> = steps.iter().map(|s| s.label()).collect();
        let whom = if vendors.len() == v.vendors.len() && vendors.len() > 1 {
            "every vendor".to_string()
        } else {
            vendors.join(", ")
        };
        let text = format!("{} ({whom}): {why}", steps.join(", "));
        // The symbol is coloured after wrapping, so escape codes do not count as columns.
        let lines = wrapped(&text, "    ? ", "      ", style.width);
        out.push_str(&lines.replacen("    ? ", &format!("    {} ", symbol(style, State::Unknown)), 1));
    }
}

/// `  CODE  file:line:col  message`, fitted to the width.
fn finding_line(lead: &str, d: &Diagnostic, sources: &dyn Sources, width: usize) -> String {
    let place = match &d.primary {
        Some(l) => {
            let text = sources.text(l.span.file);
            let pos = position(text, sources.line_starts(l.span.file), l.span.range.start);
            format!("{}:{}:{}", sources.path(l.span.file), pos.line, pos.column)
        }
        None => String::new(),
    };
    let line = format!("    {lead}{}  {place}  {}", d.code, crate::diagnostics::message_with_variant(d));
    format!("{}\n", fit(&line, width.max(40)))
}
