//! `gradle.properties` (Java properties): keys and values with spans.
//! Follows `java.util.Properties.load`: `=`, `:` or whitespace separators, `#`/`!` comments,
//! `\` line continuations and `\t \n \r \f \uXXXX` escapes.

use super::ParseError;
use crate::span::{Spanned, TextRange};

#[derive(Clone, Debug, Default)]
pub struct PropertiesFile {
    /// Key and value, unescaped. The key range covers the raw key; the value range runs from the
    /// value's first character to the end of its last (continued) line, or is empty where the value is.
    pub entries: Vec<(Spanned<String>, Spanned<String>)>,
    /// Malformed `\u` escapes (kept literally, recovered; Java would throw).
    pub errors: Vec<ParseError>,
}

impl PropertiesFile {
    /// Parses properties text; never fails.
    pub fn parse(text: &str) -> PropertiesFile {
        let mut file = PropertiesFile::default();
        let mut pos = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
        while pos < text.len() {
            let (line_end, next) = natural_line(text, pos);
            let start = skip_ws(text, pos, line_end);
            let first = text.get(start..line_end).and_then(|l| l.chars().next());
            if matches!(first, None | Some('#' | '!')) {
                pos = next;
                continue;
            }
            // Gather the logical line: (raw offset, char) pairs, continuation backslashes removed.
            let mut chars: Vec<(usize, char)> = Vec::new();
            let (mut seg_start, mut seg_end, mut after) = (start, line_end, next);
            let logical_end = loop {
                let seg = text.get(seg_start..seg_end).unwrap_or_default();
                let trailing = seg.bytes().rev().take_while(|&b| b == b'\\').count();
                let continued = trailing % 2 == 1;
                let keep = if continued { seg.len() - 1 } else { seg.len() };
                chars.extend(
                    seg.get(..keep).unwrap_or_default().char_indices().map(|(i, c)| (seg_start + i, c)),
                );
                if !continued || after >= text.len() {
                    break seg_end;
                }
                let (e, n) = natural_line(text, after);
                seg_start = skip_ws(text, after, e);
                seg_end = e;
                after = n;
            };
            file.entry(&chars, logical_end);
            pos = after;
        }
        file
    }

    /// Splits one logical line into key and value.
    fn entry(&mut self, chars: &[(usize, char)], logical_end: usize) {
        let mut i = 0;
        let mut key_end_raw = chars.first().map_or(logical_end, |c| c.0);
        while let Some(&(p, c)) = chars.get(i) {
            if c == '\\' {
                i += 2;
                key_end_raw = chars.get(i).map_or(logical_end, |c| c.0);
                continue;
            }
            if matches!(c, '=' | ':' | ' ' | '\t' | '\x0c') {
                key_end_raw = p;
                break;
            }
            i += 1;
            key_end_raw = chars.get(i).map_or(logical_end, |c| c.0);
        }
        let key_chars = chars.get(..i.min(chars.len())).unwrap_or_default();
        // Whitespace, then at most one `=` or `:`, then whitespace.
        let mut j = i;
        while let Some((_, ' ' | '\t' | '\x0c')) = chars.get(j) {
            j += 1;
        }
        if let Some((_, '=' | ':')) = chars.get(j) {
            j += 1;
            while let Some((_, ' ' | '\t' | '\x0c')) = chars.get(j) {
                j += 1;
            }
        }
        let value_chars = chars.get(j..).unwrap_or_default();
        let key_start = chars.first().map_or(logical_end, |c| c.0);
        let value_start = value_chars.first().map_or(logical_end, |c| c.0);
        let key = self.unescape(key_chars, key_end_raw);
        let value = self.unescape(value_chars, logical_end);
        self.entries.push((
            Spanned::new(key, TextRange::new(key_start, key_end_raw)),
            Spanned::new(value, TextRange::new(value_start, logical_end)),
        ));
    }

    /// Resolves escapes; `end` is the raw end of the text, for error ranges.
    fn unescape(&mut self, chars: &[(usize, char)], end: usize) -> String {
        let mut out = String::new();
        let mut pending_high: Option<u32> = None;
        let mut i = 0;
        while let Some(&(p, c)) = chars.get(i) {
            i += 1;
            if c != '\\' {
                flush_high(&mut out, &mut pending_high);
                out.push(c);
                continue;
            }
            let Some(&(_, e)) = chars.get(i) else {
                // A lone trailing backslash (continuation at end of file) vanishes, as in Java.
                break;
            };
            i += 1;
            let plain = match e {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                'f' => '\x0c',
                'u' => {
                    let hex: String = chars.iter().skip(i).take(4).map(|c| c.1).collect();
                    let unit = (hex.len() == 4 && hex.chars().all(|h| h.is_ascii_hexdigit()))
                        .then(|| u32::from_str_radix(&hex, 16).ok())
                        .flatten();
                    let Some(unit) = unit else {
                        let stop = chars.get(i + hex.chars().take_while(char::is_ascii_hexdigit).count());
                        let range = TextRange::new(p, stop.map_or(end, |c| c.0));
                        self.errors.push(ParseError::recovered(range, "malformed \\uxxxx escape"));
                        flush_high(&mut out, &mut pending_high);
                        out.push_str("\\u");
                        continue;
                    };
                    i += 4;
                    // Java strings are UTF-16: pair surrogates written as two escapes.
                    if (0xDC00..0xE000).contains(&unit) {
                        if let Some(high) = pending_high.take() {
                            let c = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                            continue;
                        }
                        out.push('\u{fffd}');
                        continue;
                    }
                    flush_high(&mut out, &mut pending_high);
                    if (0xD800..0xDC00).contains(&unit) {
                        pending_high = Some(unit);
                        continue;
                    }
                    char::from_u32(unit).unwrap_or('\u{fffd}')
                }
                other => other,
            };
            flush_high(&mut out, &mut pending_high);
            out.push(plain);
        }
        flush_high(&mut out, &mut pending_high);
        out
    }

    /// The value of `key` (the last definition wins, as in `java.util.Properties`).
    pub fn get(&self, key: &str) -> Option<&Spanned<String>> {
        self.entries.iter().rev().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }

    /// The key entry for `key` (the last definition), for pointing at the key itself.
    pub fn get_entry(&self, key: &str) -> Option<&(Spanned<String>, Spanned<String>)> {
        self.entries.iter().rev().find(|(k, _)| k.value == key)
    }
}

/// A high surrogate not followed by a low one becomes U+FFFD.
fn flush_high(out: &mut String, pending: &mut Option<u32>) {
    if pending.take().is_some() {
        out.push('\u{fffd}');
    }
}

/// The end of the line starting at `pos` (before its terminator) and the start of the next one.
fn natural_line(text: &str, pos: usize) -> (usize, usize) {
    let rest = text.get(pos..).unwrap_or_default();
    match rest.find(['\n', '\r']) {
        Some(i) => {
            let end = pos + i;
            let next = if rest.get(i..).is_some_and(|r| r.starts_with("\r\n")) { end + 2 } else { end + 1 };
            (end, next)
        }
        None => (text.len(), text.len()),
    }
}

/// Skips spaces, tabs and form feeds from `pos` up to `end`.
fn skip_ws(text: &str, mut pos: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    while pos < end && matches!(bytes.get(pos), Some(b' ' | b'\t' | b'\x0c')) {
        pos += 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(String, String, &str, &str)> {
        PropertiesFile::parse(text)
            .entries
            .into_iter()
            .map(|(k, v)| (k.value, v.value, &text[k.range.as_usize()], &text[v.range.as_usize()]))
            .collect()
    }

    #[test]
    fn separators_and_comments() {
        let text =
            "# comment\n! also\n  a=1\nb : two words \nc three\nd\ne=\n\tf\\ g=x=y\r\nh:\\u00e9\\t\\=\\:\\\\";
        let got = entries(text);
        assert_eq!(got[0], ("a".into(), "1".into(), "a", "1"));
        assert_eq!(got[1], ("b".into(), "two words ".into(), "b", "two words "));
        assert_eq!(got[2], ("c".into(), "three".into(), "c", "three"));
        assert_eq!(got[3], ("d".into(), "".into(), "d", ""));
        assert_eq!(got[4], ("e".into(), "".into(), "e", ""));
        assert_eq!(got[5], ("f g".into(), "x=y".into(), "f\\ g", "x=y"));
        assert_eq!(got[6], ("h".into(), "é\t=:\\".into(), "h", "\\u00e9\\t\\=\\:\\\\"));
        assert_eq!(got.len(), 7);
    }

    #[test]
    fn continuations() {
        let text = "org.gradle.jvmargs=-Xmx2048m \\\n    -Dfile.encoding=UTF-8\nnext=1\\\\\nlast=a\\\n";
        let p = PropertiesFile::parse(text);
        let v = p.get("org.gradle.jvmargs").unwrap();
        assert_eq!(v.value, "-Xmx2048m -Dfile.encoding=UTF-8");
        assert_eq!(&text[v.range.as_usize()], "-Xmx2048m \\\n    -Dfile.encoding=UTF-8");
        assert_eq!(p.get("next").unwrap().value, "1\\");
        assert_eq!(p.get("last").unwrap().value, "a");
        // A comment line never continues.
        let p = PropertiesFile::parse("# a \\\nb=1");
        assert_eq!(p.get("b").unwrap().value, "1");
    }

    #[test]
    fn last_definition_wins_and_bad_escapes_recover() {
        let p = PropertiesFile::parse("k=1\nk=2\nu=\\u12x4\\ud83d\\ude00");
        assert_eq!(p.get("k").unwrap().value, "2");
        assert_eq!(p.get("u").unwrap().value, "\\u12x4😀");
        assert_eq!(p.errors.len(), 1);
        assert!(p.errors[0].recovered);
        assert_eq!(p.errors[0].range.as_usize(), 10..14);
    }

    #[test]
    fn never_panics() {
        for t in ["\\", "\\u", "a\\", "=", ":x", "\r\r\n\\\r", "é\\ü=ö\\", "\u{feff}a=b", "a=\\ud800"] {
            let _ = PropertiesFile::parse(t);
        }
        assert_eq!(PropertiesFile::parse("=v").entries[0].0.value, "");
    }

    proptest::proptest! {
        #[test]
        fn fuzz_never_panics(s in "\\PC{0,64}|[\\\\\"'/*{}\\[\\]$:=#!\\n a-z0-9]{0,64}") {
            let _ = PropertiesFile::parse(&s);
        }
    }
}
