//! Text from source files made safe to print where it is read as text (a terminal, a CI log):
//! control characters, and characters that reorder or break lines, are shown as escapes, so a
//! value in a file can neither move the cursor nor fake a line of output.

use std::borrow::Cow;

/// Whether `c` is shown escaped: C0 and C1 controls (`\t` too, unless `keep_tab`), DEL, the
/// bidirectional overrides and isolates, and the Unicode line and paragraph separators.
fn hidden(c: char, keep_tab: bool) -> bool {
    (c.is_control() && !(keep_tab && c == '\t'))
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{2028}' | '\u{2029}')
}

fn escape(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

/// `s` with every hidden character escaped (`\n`, `\u{1b}`): one line, nothing raw.
pub fn visible(s: &str) -> Cow<'_, str> {
    escaped(s, false)
}

/// Most characters of one text (a message, a label) that formats read on a screen print: a
/// value of a megabyte in a message would otherwise fill thousands of lines.
const MAX_SHOWN: usize = 2000;

/// `visible`, and shortened past `MAX_SHOWN` characters to its start and end around a count of
/// what is left out.
pub fn visible_short(s: &str) -> Cow<'_, str> {
    let shown = visible(s);
    let count = shown.chars().count();
    if count <= MAX_SHOWN {
        return shown;
    }
    let head: String = shown.chars().take(MAX_SHOWN - 200).collect();
    let tail: String = shown.chars().skip(count - 100).collect();
    Cow::Owned(format!("{head}…({} characters not shown)…{tail}", count - (MAX_SHOWN - 200) - 100))
}

/// As `visible`, but tabs are kept (a source snippet expands them itself).
pub fn visible_keep_tabs(s: &str) -> Cow<'_, str> {
    escaped(s, true)
}

fn escaped(s: &str, keep_tab: bool) -> Cow<'_, str> {
    if !s.chars().any(|c| hidden(c, keep_tab)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if hidden(c, keep_tab) {
            escape(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// How many bytes `c` takes once made visible (`escape` or itself).
pub(super) fn shown_len(c: char, keep_tab: bool) -> usize {
    if hidden(c, keep_tab) {
        let mut s = String::new();
        escape(c, &mut s);
        s.len()
    } else {
        c.len_utf8()
    }
}

/// Pushes `s` onto `out` made visible, tabs kept.
pub(super) fn push_visible(out: &mut String, s: &str) {
    out.push_str(&visible_keep_tabs(s));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_reordering_characters_are_escaped() {
        assert_eq!(
            visible("a\u{1b}[2K\nb\t\u{9b}\u{202e}x\u{7f}"),
            "a\\u{1b}[2K\\nb\\t\\u{9b}\\u{202e}x\\u{7f}"
        );
        assert_eq!(visible_keep_tabs("a\tb\u{1b}"), "a\tb\\u{1b}");
        assert!(matches!(visible("plain `text` é"), Cow::Borrowed(_)));
        let long = format!("a{}z", "é".repeat(5000));
        let short = visible_short(&long);
        assert!(
            short.starts_with("aé") && short.ends_with("éz") && short.contains("(3102 characters not shown)")
        );
        assert_eq!(visible_short("short"), "short");
        for c in ['\u{1b}', '\t', 'é', '\u{2028}'] {
            let mut s = String::new();
            push_visible(&mut s, &c.to_string());
            assert_eq!(s.len(), shown_len(c, true), "{c:?}");
        }
    }
}
