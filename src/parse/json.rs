//! JSON with spans for every key and value (vendor config files, console files).
//! Duplicate keys are kept in order; lookups take the last one, as most JSON readers do.

use super::{MAX_DEPTH, ParseError};
use crate::span::TextRange;

#[derive(Clone, Debug, Default)]
pub struct JsonDoc {
    pub root: Option<JsonValue>,
    pub errors: Vec<ParseError>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JsonValue {
    pub kind: JsonKind,
    /// The value's text; for strings it includes the quotes.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    /// The unescaped string.
    String(String),
    Array(Vec<JsonValue>),
    Object(Vec<JsonMember>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    pub key: String,
    /// The key including its quotes.
    pub key_range: TextRange,
    pub value: JsonValue,
}

impl JsonDoc {
    /// Parses JSON text; never fails. On a syntax error `root` is None and `errors` says where
    /// (the first fatal error only: no partial tree is kept). A leading U+FEFF is skipped.
    /// Recovered problems (a lone surrogate escape) keep the tree and are marked `recovered`.
    pub fn parse(text: &str) -> JsonDoc {
        let mut p = Parser { text, bytes: text.as_bytes(), pos: 0, errors: Vec::new() };
        if text.starts_with('\u{feff}') {
            p.pos = '\u{feff}'.len_utf8();
        }
        let root = p.document();
        JsonDoc { root, errors: p.errors }
    }

    /// Members whose key repeats an earlier key of the same object, paired with that earlier member.
    pub fn duplicate_keys(&self) -> Vec<(&JsonMember, &JsonMember)> {
        let mut out = Vec::new();
        // Explicit stack: nesting is bounded by MAX_DEPTH, but iteration keeps this cheap anyway.
        let mut stack: Vec<&JsonValue> = self.root.iter().collect();
        while let Some(v) = stack.pop() {
            match &v.kind {
                JsonKind::Object(members) => {
                    for (i, m) in members.iter().enumerate() {
                        if let Some(first) = members.iter().take(i).find(|f| f.key == m.key) {
                            out.push((first, m));
                        }
                        stack.push(&m.value);
                    }
                }
                JsonKind::Array(items) => stack.extend(items.iter()),
                _ => {}
            }
        }
        out.sort_by_key(|(_, later)| later.key_range.start);
        out
    }
}

/// A fatal syntax error; the message and range go to `JsonDoc::errors`.
struct Fatal;

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    errors: Vec<ParseError>,
}

impl Parser<'_> {
    fn document(&mut self) -> Option<JsonValue> {
        self.skip_ws();
        if self.pos >= self.bytes.len() {
            self.errors.push(ParseError::new(TextRange::empty(self.pos), "empty json document"));
            return None;
        }
        let value = self.value(0).ok()?;
        self.skip_ws();
        if self.pos < self.bytes.len() {
            let end = self.text.trim_end().len().max(self.pos);
            self.errors.push(ParseError::new(
                TextRange::new(self.pos, end),
                "unexpected content after the root value",
            ));
            return None;
        }
        Some(value)
    }

    fn fail(&mut self, range: TextRange, message: impl Into<String>) -> Fatal {
        self.errors.push(ParseError::new(range, message));
        Fatal
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The character at `at` (whole UTF-8 sequence) and its range.
    fn char_at(&self, at: usize) -> (char, TextRange) {
        match self.text.get(at..).and_then(|s| s.chars().next()) {
            Some(c) => (c, TextRange::new(at, at + c.len_utf8())),
            None => ('\0', TextRange::empty(at)),
        }
    }

    /// Error for whatever stands at the current position where `expected` should be.
    fn unexpected(&mut self, expected: &str) -> Fatal {
        if self.pos >= self.bytes.len() {
            let msg = format!("unexpected end of input, expected {expected}");
            return self.fail(TextRange::empty(self.pos), msg);
        }
        let (c, range) = self.char_at(self.pos);
        if self.text.get(self.pos..).is_some_and(|s| s.starts_with("//") || s.starts_with("/*")) {
            return self.fail(range, "comments are not allowed in json");
        }
        let shown = if c.is_control() { format!("{:?}", c) } else { format!("`{c}`") };
        let msg = format!("unexpected character {shown}, expected {expected}");
        self.fail(range, msg)
    }

    fn value(&mut self, depth: usize) -> Result<JsonValue, Fatal> {
        self.skip_ws();
        let start = self.pos;
        match self.peek() {
            Some(b'{') | Some(b'[') if depth >= MAX_DEPTH => {
                let msg = format!("json nesting deeper than {MAX_DEPTH} levels");
                Err(self.fail(TextRange::new(start, start + 1), msg))
            }
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => {
                let (s, range) = self.string()?;
                Ok(JsonValue { kind: JsonKind::String(s), range })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'a'..=b'z' | b'A'..=b'Z' | b'_') => self.literal(),
            _ => Err(self.unexpected("a value")),
        }
    }

    fn literal(&mut self) -> Result<JsonValue, Fatal> {
        let start = self.pos;
        while let Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_') = self.peek() {
            self.pos += 1;
        }
        let range = TextRange::new(start, self.pos);
        let word = self.text.get(start..self.pos).unwrap_or_default();
        let kind = match word {
            "true" => JsonKind::Bool(true),
            "false" => JsonKind::Bool(false),
            "null" => JsonKind::Null,
            _ => return Err(self.fail(range, format!("invalid literal `{word}`"))),
        };
        Ok(JsonValue { kind, range })
    }

    fn number(&mut self) -> Result<JsonValue, Fatal> {
        let start = self.pos;
        // Take the whole number-like token so the error covers all of it.
        while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E' | b'a'..=b'z' | b'A'..=b'Z') =
            self.peek()
        {
            self.pos += 1;
        }
        let token = self.text.get(start..self.pos).unwrap_or_default();
        let range = TextRange::new(start, self.pos);
        if !valid_number(token.as_bytes()) {
            return Err(self.fail(range, format!("invalid number `{token}`")));
        }
        Ok(JsonValue { kind: JsonKind::Number(token.to_string()), range })
    }

    /// Reads a string at the current `"`; returns the unescaped text and the range with quotes.
    fn string(&mut self) -> Result<(String, TextRange), Fatal> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                None => {
                    return Err(self.fail(TextRange::new(start, self.pos), "unterminated string"));
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok((out, TextRange::new(start, self.pos)));
                }
                Some(b'\n' | b'\r') => {
                    return Err(self.fail(TextRange::new(start, self.pos), "unterminated string"));
                }
                Some(b) if b < 0x20 => {
                    let msg = format!("control character {:?} in string must be escaped", b as char);
                    return Err(self.fail(TextRange::new(self.pos, self.pos + 1), msg));
                }
                Some(_) => self.escape(&mut out)?,
            }
        }
    }

    /// Reads one escape sequence at the current `\`.
    fn escape(&mut self, out: &mut String) -> Result<(), Fatal> {
        let at = self.pos;
        let Some(&b) = self.bytes.get(at + 1) else {
            return Err(self.fail(TextRange::new(at, at + 1), "unterminated string"));
        };
        let simple = match b {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            self.pos += 2;
            return Ok(());
        }
        if b != b'u' {
            let (c, r) = self.char_at(at + 1);
            let msg = format!("invalid escape `\\{c}`");
            return Err(self.fail(TextRange::new(at, r.end as usize), msg));
        }
        let hi = self.hex4(at)?;
        self.pos = at + 6;
        if (0xD800..0xDC00).contains(&hi) {
            // A high surrogate must be followed by an escaped low surrogate.
            if self.bytes.get(self.pos) == Some(&b'\\') && self.bytes.get(self.pos + 1) == Some(&b'u') {
                let lo = self.hex4(self.pos)?;
                if (0xDC00..0xE000).contains(&lo) {
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or('\u{fffd}'));
                    self.pos += 6;
                    return Ok(());
                }
            }
            self.lone_surrogate(at, out);
        } else if (0xDC00..0xE000).contains(&hi) {
            self.lone_surrogate(at, out);
        } else {
            out.push(char::from_u32(hi).unwrap_or('\u{fffd}'));
        }
        Ok(())
    }

    fn lone_surrogate(&mut self, at: usize, out: &mut String) {
        out.push('\u{fffd}');
        self.errors.push(ParseError::recovered(TextRange::new(at, at + 6), "lone surrogate in \\u escape"));
    }

    /// The value of the four hex digits after `\u` at `at`.
    fn hex4(&mut self, at: usize) -> Result<u32, Fatal> {
        let digits = self.bytes.get(at + 2..at + 6).filter(|d| d.iter().all(u8::is_ascii_hexdigit));
        match digits.and_then(|d| std::str::from_utf8(d).ok()).and_then(|d| u32::from_str_radix(d, 16).ok()) {
            Some(v) => Ok(v),
            None => {
                let mut end = at + 2;
                while end < at + 6 && self.bytes.get(end).is_some_and(u8::is_ascii_hexdigit) {
                    end += 1;
                }
                Err(self.fail(TextRange::new(at, end), "invalid \\u escape, expected four hex digits"))
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<JsonValue, Fatal> {
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(JsonValue { kind: JsonKind::Array(items), range: TextRange::new(start, self.pos) });
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        return Err(self.fail(TextRange::new(comma, comma + 1), "trailing comma in array"));
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    let range = TextRange::new(start, self.pos);
                    return Ok(JsonValue { kind: JsonKind::Array(items), range });
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<JsonValue, Fatal> {
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(JsonValue { kind: JsonKind::Object(members), range: TextRange::new(start, self.pos) });
        }
        loop {
            self.skip_ws();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a string key"));
            }
            let (key, key_range) = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.unexpected("`:`"));
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            members.push(JsonMember { key, key_range, value });
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        return Err(self.fail(TextRange::new(comma, comma + 1), "trailing comma in object"));
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    let range = TextRange::new(start, self.pos);
                    return Ok(JsonValue { kind: JsonKind::Object(members), range });
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }
}

/// RFC 8259 number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn valid_number(b: &[u8]) -> bool {
    let mut i = 0;
    let digits = |i: &mut usize| {
        let s = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > s
    };
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return false;
        }
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        if let Some(b'+' | b'-') = b.get(i) {
            i += 1;
        }
        if !digits(&mut i) {
            return false;
        }
    }
    i == b.len()
}

impl JsonValue {
    /// The member `key` of an object (the last one when duplicated).
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        self.member(key).map(|m| &m.value)
    }
    pub fn member(&self, key: &str) -> Option<&JsonMember> {
        match &self.kind {
            JsonKind::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }
    pub fn members(&self) -> &[JsonMember] {
        match &self.kind {
            JsonKind::Object(members) => members,
            _ => &[],
        }
    }
    pub fn items(&self) -> &[JsonValue] {
        match &self.kind {
            JsonKind::Array(items) => items,
            _ => &[],
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }
    /// A string, or a number's text: ids appear as either in vendor files.
    pub fn as_scalar_text(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            JsonKind::Number(n) => Some(n),
            _ => None,
        }
    }
    /// The range of the string's content without quotes (the whole range for other values).
    pub fn inner_range(&self) -> TextRange {
        match self.kind {
            JsonKind::String(_) if self.range.len() >= 2 => {
                TextRange { start: self.range.start + 1, end: self.range.end - 1 }
            }
            _ => self.range,
        }
    }
    /// Follows a `/`-separated path of object keys and array indices.
    pub fn pointer(&self, path: &str) -> Option<&JsonValue> {
        let mut cur = self;
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            cur = match &cur.kind {
                JsonKind::Object(_) => cur.get(seg)?,
                JsonKind::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> (String, std::ops::Range<usize>) {
        let doc = JsonDoc::parse(text);
        assert!(doc.root.is_none(), "expected an error for {text:?}");
        let e = &doc.errors[0];
        (e.message.clone(), e.range.as_usize())
    }

    #[test]
    fn parses_values_with_ranges() {
        let text = r#"{"a": [1, -2.5e3, true, null], "b": {"c": "x\ny"}, "a": "\u00e9\ud83d\ude00"}"#;
        let doc = JsonDoc::parse(text);
        assert!(doc.errors.is_empty(), "{:?}", doc.errors);
        let root = doc.root.as_ref().unwrap();
        assert_eq!(root.range.as_usize(), 0..text.len());
        let first = &root.members()[0];
        assert_eq!(&text[first.key_range.as_usize()], "\"a\"");
        let items = first.value.items();
        assert_eq!(items[1].kind, JsonKind::Number("-2.5e3".into()));
        assert_eq!(&text[items[1].range.as_usize()], "-2.5e3");
        assert_eq!(items[2].kind, JsonKind::Bool(true));
        assert_eq!(root.pointer("b/c").unwrap().as_str(), Some("x\ny"));
        let bc = root.pointer("/b/c").unwrap();
        assert_eq!(&text[bc.range.as_usize()], r#""x\ny""#);
        assert_eq!(&text[bc.inner_range().as_usize()], r#"x\ny"#);
        // Duplicates are kept; lookups take the last one.
        assert_eq!(root.get("a").unwrap().as_str(), Some("é😀"));
        let dups = doc.duplicate_keys();
        assert_eq!(dups.len(), 1);
        assert_eq!(dups[0].0.key_range.start, 1);
        assert_eq!(root.pointer("a/0"), None);
    }

    #[test]
    fn escapes_and_bom() {
        let doc = JsonDoc::parse("\u{feff} \"\\\"\\\\\\/\\b\\f\\r\\t\" ");
        assert!(doc.errors.is_empty());
        let root = doc.root.unwrap();
        assert_eq!(root.as_str(), Some("\"\\/\u{8}\u{c}\r\t"));
        assert_eq!(root.range.start, 4);
    }

    #[test]
    fn lone_surrogate_is_recovered() {
        let doc = JsonDoc::parse(r#"["\ud800x", "\udc00"]"#);
        let root = doc.root.as_ref().unwrap();
        assert_eq!(root.items()[0].as_str(), Some("\u{fffd}x"));
        assert_eq!(doc.errors.len(), 2);
        assert!(doc.errors[0].recovered);
        assert_eq!(doc.errors[0].range.as_usize(), 2..8);
        assert_eq!(doc.errors[1].range.as_usize(), 13..19);
    }

    #[test]
    fn errors_have_precise_ranges() {
        assert_eq!(err(""), ("empty json document".into(), 0..0));
        assert_eq!(err("  \n"), ("empty json document".into(), 3..3));
        assert_eq!(err("[1,]"), ("trailing comma in array".into(), 2..3));
        assert_eq!(err("{\"a\":1,}"), ("trailing comma in object".into(), 6..7));
        assert_eq!(err("[1 2]"), ("unexpected character `2`, expected `,` or `]`".into(), 3..4));
        assert_eq!(err("{\"a\" 1}"), ("unexpected character `1`, expected `:`".into(), 5..6));
        assert_eq!(err("{\"a\":1 \"b\":2}"), ("unexpected character `\"`, expected `,` or `}`".into(), 7..8));
        assert_eq!(err("{a:1}"), ("unexpected character `a`, expected a string key".into(), 1..2));
        assert_eq!(err("\"abc"), ("unterminated string".into(), 0..4));
        assert_eq!(err("[\"ab\ncd\"]"), ("unterminated string".into(), 1..4));
        assert_eq!(err("\"a\tb\""), ("control character '\\t' in string must be escaped".into(), 2..3));
        assert_eq!(err("\"\\x\""), ("invalid escape `\\x`".into(), 1..3));
        assert_eq!(err("\"\\u12g4\""), ("invalid \\u escape, expected four hex digits".into(), 1..5));
        assert_eq!(err("01"), ("invalid number `01`".into(), 0..2));
        assert_eq!(err("[1.]"), ("invalid number `1.`".into(), 1..3));
        assert_eq!(err("-"), ("invalid number `-`".into(), 0..1));
        assert_eq!(err("1e+"), ("invalid number `1e+`".into(), 0..3));
        assert_eq!(err("tru"), ("invalid literal `tru`".into(), 0..3));
        assert_eq!(err("{} x "), ("unexpected content after the root value".into(), 3..4));
        assert_eq!(err("[1,"), ("unexpected end of input, expected a value".into(), 3..3));
        assert_eq!(err("{\"a\":1 // c\n}"), ("comments are not allowed in json".into(), 7..8));
        assert_eq!(err("[é]"), ("unexpected character `é`, expected a value".into(), 1..3));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let (msg, range) = err(&deep);
        assert_eq!(msg, format!("json nesting deeper than {MAX_DEPTH} levels"));
        assert_eq!(range, MAX_DEPTH..MAX_DEPTH + 1);
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(JsonDoc::parse(&ok).root.is_some());
        let obj = "{\"a\":".repeat(100_000);
        assert!(JsonDoc::parse(&obj).root.is_none());
    }

    #[test]
    fn agrees_with_serde_json_on_samples() {
        let samples = [
            "{}",
            "[]",
            "0",
            "-0.0e-0",
            "\"\\u0000\"",
            "[1,[2,[3]]]",
            "{\"a\":{\"b\":[true,false,null]}}",
            "1.5E+10",
            "[01]",
            "[.5]",
            "[+1]",
            "{\"a\" : 1 , }",
            "\u{1}",
            "[\"\u{7f}\"]",
        ];
        for s in samples {
            let ours = JsonDoc::parse(s).root.is_some();
            let theirs = serde_json::from_str::<serde_json::Value>(s).is_ok();
            assert_eq!(ours, theirs, "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fuzz_never_panics(s in "\\PC{0,64}|[\\\\\"'/*{}\\[\\]$:=#!\\n a-z0-9]{0,64}") {
            let _ = JsonDoc::parse(&s);
        }
    }
}
