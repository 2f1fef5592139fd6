//! The part of a file that human output shows for a finding: the lines of its labels with a line
//! of context, long lines cut to windows around the labels, hidden characters made visible. It
//! is built from the file's line index, so a finding costs the same in a small or a huge file,
//! and miette reads it (`SourceCode`) with the file's real line numbers and columns.

use super::Sources;
use super::visible::{push_visible, shown_len};
use crate::span::{FileId, TextRange};
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

/// Lines shown before and after each label (miette's default).
const CONTEXT: usize = 1;
/// Labels this many lines apart or closer are shown in one context, the lines between included
/// (as miette shows a whole file); farther apart, each is shown with its own context.
const MERGE_GAP: usize = 16;
/// A label spanning more lines than this is shown cut after them.
const MAX_LABEL_LINES: usize = 40;
/// Lines longer than this many bytes are shown as windows around the labels on them.
const LONG_LINE: usize = 300;
/// Characters shown on each side of a label's ends in a long line.
const WINDOW: usize = 40;
/// In a long line, a label of at most this many bytes is shown whole, a longer one by its ends.
const LABEL_WHOLE: usize = 160;
const ELLIPSIS: &str = "…";

/// Bytes `real` of the file, shown from byte `shown` of the snippet.
struct Piece {
    real: (usize, usize),
    shown: usize,
}

/// A line of the file as shown.
struct Line {
    /// 0-based line number in the file.
    number: usize,
    pieces: Vec<Piece>,
    /// End of the line's text in the snippet (before any trailing ellipsis and line break).
    shown_end: usize,
}

/// Consecutive lines of the file, shown together.
struct Group {
    /// Bytes of the snippet text.
    start: usize,
    end: usize,
    first_line: usize,
}

/// What miette reads instead of the whole file.
pub struct Snippet {
    name: String,
    text: String,
    groups: Vec<Group>,
    /// Each label's start in the snippet, with its real byte column (miette's header shows it).
    columns: Vec<(usize, usize)>,
}

/// What is shown of `file` for labels at `ranges`, and each label's span in the snippet.
pub fn build(
    sources: &dyn Sources,
    file: FileId,
    name: String,
    ranges: &[TextRange],
) -> (Snippet, Vec<SourceSpan>) {
    let text = sources.text(file);
    let starts = sources.line_starts(file);
    let f = File { text, starts };
    // Each label as (start, end, first line, last line), cut after `MAX_LABEL_LINES`.
    let labels: Vec<(usize, usize, usize, usize)> = ranges
        .iter()
        .map(|r| {
            let s = f.boundary(r.start as usize);
            let e = f.boundary(r.end as usize).max(s);
            let ls = f.line_of(s);
            let mut le = if e > s { f.line_of(e - 1) } else { ls };
            let mut e = e;
            if le - ls >= MAX_LABEL_LINES {
                le = ls + MAX_LABEL_LINES - 1;
                e = f.content_end(le);
            }
            (s, e, ls, le)
        })
        .collect();
    let mut spans: Vec<(usize, usize)> = labels
        .iter()
        .map(|&(_, _, ls, le)| (ls.saturating_sub(CONTEXT), (le + CONTEXT).min(f.last_line())))
        .collect();
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match merged.last_mut() {
            Some(last) if a <= last.1 + 1 + MERGE_GAP => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    let mut out = String::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut groups = Vec::new();
    for (first, last) in merged {
        let start = out.len();
        for number in first..=last {
            let windows = f.windows(number, &labels);
            let (line_start, content_end) = (f.start(number), f.content_end(number));
            let mut pieces = Vec::new();
            for (i, &(a, b)) in windows.iter().enumerate() {
                if i > 0 || a > line_start {
                    out.push_str(ELLIPSIS);
                }
                pieces.push(Piece { real: (a, b), shown: out.len() });
                push_visible(&mut out, text.get(a..b).unwrap_or(""));
            }
            let shown_end = out.len();
            if windows.last().is_some_and(|&(_, b)| b < content_end) {
                out.push_str(ELLIPSIS);
            }
            if f.has_break(number) {
                out.push('\n');
            }
            lines.push(Line { number, pieces, shown_end });
        }
        groups.push(Group { start, end: out.len(), first_line: first });
    }
    let map = |off: usize| -> usize {
        let i = lines.partition_point(|l| f.start(l.number) <= off).saturating_sub(1);
        lines.get(i).map_or(0, |l| l.shown_at(off, text))
    };
    let mut columns = Vec::new();
    let shown = labels
        .iter()
        .map(|&(s, e, ls, _)| {
            let (a, b) = (map(s), map(e).max(map(s)));
            columns.push((a, s - f.start(ls)));
            SourceSpan::new(a.into(), b - a)
        })
        .collect();
    (Snippet { name, text: out, groups, columns }, shown)
}

impl Line {
    /// Where real offset `off` (on this line) is in the snippet: inside a piece exactly, else at
    /// the start of the next piece, or the end of the line.
    fn shown_at(&self, off: usize, text: &str) -> usize {
        for p in &self.pieces {
            if off < p.real.0 {
                return p.shown;
            }
            if off <= p.real.1 {
                let before = text.get(p.real.0..off).unwrap_or("");
                return p.shown + before.chars().map(|c| shown_len(c, true)).sum::<usize>();
            }
        }
        self.shown_end
    }
}

/// The file's text with its line index.
struct File<'a> {
    text: &'a str,
    starts: &'a [u32],
}

impl File<'_> {
    fn boundary(&self, off: usize) -> usize {
        let mut off = off.min(self.text.len());
        while !self.text.is_char_boundary(off) {
            off -= 1;
        }
        off
    }
    fn line_of(&self, off: usize) -> usize {
        self.starts.partition_point(|&s| s as usize <= off).saturating_sub(1)
    }
    fn last_line(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    fn start(&self, line: usize) -> usize {
        self.starts.get(line).map_or(self.text.len(), |&s| s as usize)
    }
    /// Where the line's text ends, before its line break.
    fn content_end(&self, line: usize) -> usize {
        let end = self.start(line + 1).min(self.text.len());
        let raw = self.text.get(self.start(line)..end).unwrap_or("");
        let content = raw.strip_suffix('\n').unwrap_or(raw);
        let content = content.strip_suffix('\r').unwrap_or(content);
        self.start(line) + content.len()
    }
    fn has_break(&self, line: usize) -> bool {
        line + 1 < self.starts.len()
    }
    /// `off` moved by up to `n` characters (back when `back`), within `lo..hi`.
    fn chars_from(&self, off: usize, n: usize, back: bool, lo: usize, hi: usize) -> usize {
        if back {
            let s = self.text.get(lo..off).unwrap_or("");
            s.char_indices().rev().nth(n.saturating_sub(1)).map_or(lo, |(i, _)| lo + i).max(lo)
        } else {
            let s = self.text.get(off..hi).unwrap_or("");
            s.char_indices().nth(n).map_or(hi, |(i, _)| off + i)
        }
    }
    /// The byte ranges of `line` to show: all of it when it is short, else windows around the
    /// ends of the labels on it (the start of the line when none is).
    fn windows(&self, line: usize, labels: &[(usize, usize, usize, usize)]) -> Vec<(usize, usize)> {
        let (lo, hi) = (self.start(line), self.content_end(line));
        if hi - lo <= LONG_LINE {
            return vec![(lo, hi)];
        }
        let around =
            |p: usize| (self.chars_from(p, WINDOW, true, lo, hi), self.chars_from(p, WINDOW, false, lo, hi));
        let mut w = Vec::new();
        for &(s, e, ls, le) in labels.iter().filter(|l| l.2 <= line && line <= l.3) {
            let a = if ls == line { s } else { lo };
            let b = if le == line { e.min(hi) } else { hi };
            if b - a <= LABEL_WHOLE {
                w.push((around(a).0, around(b).1));
            } else {
                w.push(around(a));
                w.push(around(b));
            }
        }
        if w.is_empty() {
            w.push((lo, self.chars_from(lo, 2 * WINDOW, false, lo, hi)));
        }
        w.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (a, b) in w {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }
}

impl SourceCode for Snippet {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let (off, len) = (span.offset(), span.len());
        // A span across two groups (lines far apart) is not one context: miette shows them apart.
        let g = self
            .groups
            .iter()
            .find(|g| g.start <= off && off + len <= g.end)
            .ok_or(MietteError::OutOfBounds)?;
        let slice = self.text.get(g.start..g.end).ok_or(MietteError::OutOfBounds)?;
        let inner = SourceSpan::new((off - g.start).into(), len);
        let c = slice.read_span(&inner, before, after)?;
        let column = match self.columns.iter().find(|(at, _)| *at == off) {
            Some(&(_, col)) if before == 0 => col,
            _ => c.column(),
        };
        let shown = SourceSpan::new((c.span().offset() + g.start).into(), c.span().len());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            c.data(),
            shown,
            c.line() + g.first_line,
            column,
            // Counted from the file's start, as miette's own reader does: contexts of one group
            // then always merge, as they would in the whole file.
            c.line_count() + g.first_line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::super::human::{Color, render_one};
    use super::super::testing::{Files, Meta};
    use super::super::{Diagnostic, line_starts};
    use crate::span::{FileId, Span, TextRange};

    fn one_file(text: &str) -> Files {
        Files(vec![("a.txt".into(), text.into(), line_starts(text))])
    }

    #[test]
    fn long_lines_are_cut_to_windows_with_real_positions() {
        let text = format!("first\n{}NEEDLE{}\nlast\n", "x".repeat(100_000), "y".repeat(100_000));
        let at = text.find("NEEDLE").unwrap();
        let d = Diagnostic::new(&Meta, "m").primary(Span::new(FileId(0), TextRange::new(at, at + 6)), "here");
        let out = render_one(&d, &one_file(&text), Color::Never);
        assert!(out.contains(&format!("[a.txt:2:{}]", at - 6 + 1)), "{out}");
        assert!(out.contains("…xxxxxxxx") && out.contains("NEEDLEyyyy") && out.contains("yyy…"), "{out}");
        assert!(out.lines().all(|l| l.len() < 400), "{out}");
        assert!(out.contains(" 1 │ first") && out.contains(" 3 │ last"), "{out}");
    }

    #[test]
    fn control_characters_are_shown_escaped_and_labels_stay_on_them() {
        let text = "a = \"\u{1b}[2Kvalue\"\n";
        let at = text.find("value").unwrap();
        let d = Diagnostic::new(&Meta, "m\u{1b}[31m")
            .primary(Span::new(FileId(0), TextRange::new(at, at + 5)), "v");
        let out = render_one(&d, &one_file(text), Color::Never);
        assert!(!out.contains('\u{1b}'), "{out:?}");
        assert!(out.contains("a = \"\\u{1b}[2Kvalue\""), "{out}");
        assert!(out.contains("[a.txt:1:10]"), "{out}");
        // The underline starts under `value`, after the escape's shown width.
        let line = out.lines().find(|l| l.contains('┬')).unwrap();
        let src = out.lines().find(|l| l.contains("value")).unwrap();
        assert_eq!(
            line.find('─').map(|i| line[..i].chars().count()),
            src.find('v').map(|i| src[..i].chars().count())
        );
    }

    #[test]
    fn labels_far_apart_get_their_own_context_and_huge_spans_are_cut() {
        let text: String = (1..=2_000).map(|i| format!("line {i}\n")).collect();
        let at = |n: usize| text.find(&format!("line {n}\n")).unwrap();
        let d = Diagnostic::new(&Meta, "m")
            .primary(Span::new(FileId(0), TextRange::new(at(10), at(10) + 7)), "near the top")
            .secondary(Span::new(FileId(0), TextRange::new(at(1_500), at(1_900))), "a long span");
        let out = render_one(&d, &one_file(&text), Color::Never);
        assert!(out.contains("near the top") && out.contains("a long span"), "{out}");
        assert!(!out.contains("line 700"), "the lines between are not shown:\n{out}");
        assert!(!out.contains("line 1800"), "the long span is cut:\n{out}");
        assert!(out.lines().count() < 120, "{out}");
    }
}
