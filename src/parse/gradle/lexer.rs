//! Tokenizer for Groovy and Kotlin build scripts: identifiers, numbers, operators and decoded
//! string literals (with interpolation parts), each with its byte range. Comments are dropped.

use super::{Dsl, MAX_ERRORS, TemplatePart, Value};
use crate::parse::ParseError;
use crate::span::TextRange;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Ident(String),
    Int(i64),
    /// A number that is not a plain decimal integer (`1.5`, `1e3`, `2f`).
    Num,
    Str(Box<StrLit>),
    Op(&'static str),
    /// A character that cannot start any token (already reported).
    Junk,
    Eof,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub range: TextRange,
    /// A line break (or a comment spanning one) separates this token from the previous one.
    pub nl_before: bool,
}

/// How a string literal's content is decoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StrMode {
    pub escapes: bool,
    pub interp: bool,
    /// Groovy: `$a.b.c` interpolates the whole dotted path (Kotlin: `$a` only).
    pub dotted: bool,
    /// Groovy `/…/` (only `\/` is an escape) or `$/…/$` (only `$$` and `$/`).
    pub slashy: Slashy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Slashy {
    No,
    Slash,
    Dollar,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct StrLit {
    /// `Value::Str` or `Value::Template`.
    pub value: Value,
    /// The text between the quotes.
    pub content: TextRange,
    pub mode: StrMode,
}

const OPS3: [&str; 6] = ["===", "!==", "..<", "<=>", "==~", "**="];
const OPS2: [&str; 29] = [
    "?:", "?.", "!!", "::", "->", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "++",
    "--", "..", "=~", "**", "*.", ".&", ".@", "<<", "?=", "|=", "&=", "^=",
];
const PUNCT: &str = "{}()[],.:;=+-*/%<>!?&|^~@#\\";

pub(crate) fn tokenize(text: &str, dsl: Dsl, errors: &mut Vec<ParseError>) -> Vec<Token> {
    let mut lx = Lexer { text, bytes: text.as_bytes(), pos: 0, dsl, out: Vec::new(), nl: false, errors };
    lx.run();
    lx.out
}

struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    dsl: Dsl,
    out: Vec<Token>,
    nl: bool,
    errors: &'a mut Vec<ParseError>,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl Lexer<'_> {
    fn at(&self, i: usize) -> u8 {
        self.bytes.get(i).copied().unwrap_or(0)
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.text.get(i..).and_then(|s| s.chars().next())
    }

    fn err(&mut self, range: TextRange, msg: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(ParseError::new(range, msg));
        }
    }

    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        self.out.push(Token { tok, range: TextRange::new(start, end), nl_before: self.nl });
        self.nl = false;
    }

    fn run(&mut self) {
        let len = self.bytes.len();
        if self.bytes.starts_with(b"#!") {
            self.skip_line();
        }
        while self.pos < len {
            let b = self.at(self.pos);
            let next = self.at(self.pos + 1);
            match b {
                // A lone `\r` ends a line too (classic Mac line endings), as it does for Groovy and Kotlin.
                b'\n' | b'\r' => {
                    self.nl = true;
                    self.pos += 1;
                }
                b' ' | b'\t' | 0x0c => self.pos += 1,
                b'/' if next == b'/' => self.skip_line(),
                b'/' if next == b'*' => self.block_comment(),
                b'/' if self.dsl == Dsl::Groovy && !self.after_operand() => self.slashy(Slashy::Slash),
                b'$' if next == b'/' && self.dsl == Dsl::Groovy => self.slashy(Slashy::Dollar),
                b'\'' | b'"' => self.string(),
                b'`' => self.backtick(),
                b'0'..=b'9' => self.number(),
                _ if is_ident_start(b) => self.ident(self.pos),
                _ if b.is_ascii_punctuation() => self.op(),
                _ if b >= 0x80 => self.non_ascii(),
                _ => self.junk(),
            }
        }
    }

    fn skip_line(&mut self) {
        while self.pos < self.bytes.len() && !matches!(self.at(self.pos), b'\n' | b'\r') {
            self.pos += 1;
        }
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        let nested = self.dsl == Dsl::Kotlin;
        let mut depth = 1usize;
        let mut i = self.pos + 2;
        while i < self.bytes.len() {
            let b = self.at(i);
            if b == b'\n' || b == b'\r' {
                self.nl = true;
            }
            if b == b'*' && self.at(i + 1) == b'/' {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    self.pos = i;
                    return;
                }
                continue;
            }
            if nested && b == b'/' && self.at(i + 1) == b'*' {
                depth += 1;
                i += 2;
                continue;
            }
            i += 1;
        }
        self.err(TextRange::new(start, self.bytes.len()), "unterminated block comment");
        self.pos = self.bytes.len();
    }

    fn ident(&mut self, start: usize) {
        let mut i = start;
        loop {
            let b = self.at(i);
            if is_ident_continue(b) {
                i += 1;
            } else if b >= 0x80 {
                match self.char_at(i) {
                    Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                    _ => break,
                }
            } else {
                break;
            }
        }
        let name = self.text.get(start..i).unwrap_or_default().to_string();
        self.push(Tok::Ident(name), start, i);
        self.pos = i;
    }

    fn non_ascii(&mut self) {
        match self.char_at(self.pos) {
            Some(c) if c.is_whitespace() || c == '\u{feff}' => self.pos += c.len_utf8(),
            Some(c) if c.is_alphabetic() => self.ident(self.pos),
            _ => self.junk(),
        }
    }

    /// A run of characters no token starts with: one error for the whole run.
    fn junk(&mut self) {
        let start = self.pos;
        let mut i = start;
        while i < self.bytes.len() {
            let b = self.at(i);
            let bad = if b >= 0x80 {
                match self.char_at(i) {
                    Some(c) => !(c.is_alphanumeric() || c.is_whitespace() || c == '\u{feff}'),
                    None => true,
                }
            } else {
                b.is_ascii_control() && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)
            };
            if !bad {
                break;
            }
            i += self.char_at(i).map_or(1, char::len_utf8);
        }
        let end = i.max(start + 1).min(self.bytes.len());
        // Reported here and then skipped like whitespace, so the statement around it survives.
        self.err(TextRange::new(start, end), "unexpected character");
        self.pos = end;
    }

    fn backtick(&mut self) {
        let start = self.pos;
        let mut i = start + 1;
        while i < self.bytes.len() && !matches!(self.at(i), b'`' | b'\n' | b'\r') {
            i += 1;
        }
        if self.at(i) == b'`' {
            let name = self.text.get(start + 1..i).unwrap_or_default().to_string();
            self.push(Tok::Ident(name), start, i + 1);
            self.pos = i + 1;
        } else {
            self.err(TextRange::new(start, i), "unterminated backticked identifier");
            self.push(Tok::Junk, start, i);
            self.pos = i;
        }
    }

    fn number(&mut self) {
        let start = self.pos;
        let mut i = start;
        let mut is_int = true;
        let mut radix = 10;
        if self.at(i) == b'0' && matches!(self.at(i + 1), b'x' | b'X' | b'b' | b'B') {
            radix = if matches!(self.at(i + 1), b'x' | b'X') { 16 } else { 2 };
            i += 2;
            while self.at(i).is_ascii_hexdigit() || self.at(i) == b'_' {
                i += 1;
            }
        } else {
            while self.at(i).is_ascii_digit() || self.at(i) == b'_' {
                i += 1;
            }
            if self.at(i) == b'.' && self.at(i + 1).is_ascii_digit() {
                is_int = false;
                i += 1;
                while self.at(i).is_ascii_digit() || self.at(i) == b'_' {
                    i += 1;
                }
            }
            if matches!(self.at(i), b'e' | b'E')
                && (self.at(i + 1).is_ascii_digit()
                    || (matches!(self.at(i + 1), b'+' | b'-') && self.at(i + 2).is_ascii_digit()))
            {
                is_int = false;
                i += 2;
                while self.at(i).is_ascii_digit() {
                    i += 1;
                }
            }
        }
        let digits_end = i;
        while self.at(i).is_ascii_alphabetic() {
            if matches!(self.at(i), b'f' | b'F' | b'd' | b'D') && radix == 10 {
                is_int = false;
            }
            i += 1;
        }
        let digits: String =
            self.text.get(start..digits_end).unwrap_or_default().chars().filter(|c| *c != '_').collect();
        let digits = if radix == 10 { digits.as_str() } else { digits.get(2..).unwrap_or_default() };
        let tok = match i64::from_str_radix(digits, radix) {
            Ok(n) if is_int => Tok::Int(n),
            _ => Tok::Num,
        };
        self.push(tok, start, i);
        self.pos = i;
    }

    fn op(&mut self) {
        let start = self.pos;
        let rest = self.text.get(start..).unwrap_or_default();
        let op = OPS3.iter().chain(OPS2.iter()).find(|op| rest.starts_with(**op)).copied().or_else(|| {
            let b = self.at(start);
            PUNCT.find(b as char).and_then(|i| PUNCT.get(i..i + 1))
        });
        match op {
            Some(op) => {
                self.push(Tok::Op(op), start, start + op.len());
                self.pos = start + op.len();
            }
            // `$`/`_` are identifier starts; any other ASCII punctuation is unexpected.
            None => self.junk(),
        }
    }

    /// Whether the last token ends an operand, so a `/` here divides rather than opening a
    /// Groovy slashy string.
    fn after_operand(&self) -> bool {
        match self.out.last().map(|t| &t.tok) {
            Some(Tok::Ident(w)) => {
                !matches!(w.as_str(), "return" | "in" | "case" | "assert" | "else" | "new")
            }
            Some(Tok::Int(_) | Tok::Num | Tok::Str(_)) => true,
            Some(Tok::Op(op)) => matches!(*op, ")" | "]" | "}" | "++" | "--" | "!!"),
            Some(Tok::Junk | Tok::Eof) | None => false,
        }
    }

    /// A Groovy `/…/` or `$/…/$` string: may span lines, interpolates like `"…"`, and has only
    /// its own escapes (`\/`; `$$` and `$/`).
    fn slashy(&mut self, kind: Slashy) {
        let start = self.pos;
        let (open, close): (usize, &[u8]) = match kind {
            Slashy::Dollar => (2, b"/$"),
            _ => (1, b"/"),
        };
        let content_start = start + open;
        let len = self.bytes.len();
        let mut i = content_start;
        let (content_end, end) = loop {
            if i >= len {
                self.err(TextRange::new(start, len), "unterminated slashy string");
                break (len, len);
            }
            let c = self.at(i);
            if kind == Slashy::Slash && c == b'\\' && self.at(i + 1) == b'/' {
                i += 2;
                continue;
            }
            if kind == Slashy::Dollar && c == b'$' && matches!(self.at(i + 1), b'$' | b'/') {
                i += 2;
                continue;
            }
            if c == b'$' && self.at(i + 1) == b'{' {
                i = skip_interp(self.bytes, i + 2, len);
                continue;
            }
            if self.bytes.get(i..).is_some_and(|r| r.starts_with(close)) {
                break (i, i + close.len());
            }
            i += 1;
        };
        let mode = StrMode { escapes: false, interp: true, dotted: true, slashy: kind };
        self.push_str(start, TextRange::new(content_start, content_end), end, mode);
    }

    /// Pushes the string literal `start..end` whose text between the delimiters is `content`.
    fn push_str(&mut self, start: usize, content: TextRange, end: usize, mode: StrMode) {
        let parts = decode(self.text, content.start as usize, content.end as usize, mode);
        let lit = StrLit { value: parts_to_value(parts), content, mode };
        self.push(Tok::Str(Box::new(lit)), start, end);
        self.pos = end;
    }

    fn string(&mut self) {
        let start = self.pos;
        let q = self.at(start);
        let triple = self.at(start + 1) == q && self.at(start + 2) == q;
        let mode = match (self.dsl, q, triple) {
            (Dsl::Kotlin, b'"', true) => {
                StrMode { escapes: false, interp: true, dotted: false, slashy: Slashy::No }
            }
            (Dsl::Kotlin, b'"', false) => {
                StrMode { escapes: true, interp: true, dotted: false, slashy: Slashy::No }
            }
            (Dsl::Groovy, b'"', _) => {
                StrMode { escapes: true, interp: true, dotted: true, slashy: Slashy::No }
            }
            _ => StrMode { escapes: true, interp: false, dotted: false, slashy: Slashy::No },
        };
        let qlen = if triple { 3 } else { 1 };
        let content_start = start + qlen;
        let len = self.bytes.len();
        let mut i = content_start;
        let (content_end, end) = loop {
            if i >= len {
                self.err(TextRange::new(start, len), "unterminated string literal");
                break (len, len);
            }
            let c = self.at(i);
            if !triple && matches!(c, b'\n' | b'\r') {
                let stop = i;
                self.err(TextRange::new(start, stop), "unterminated string literal");
                break (stop.max(content_start), stop.max(content_start));
            }
            if c == b'\\' && mode.escapes {
                i += 2;
                continue;
            }
            if c == b'$' && mode.interp && self.at(i + 1) == b'{' {
                i = skip_interp(self.bytes, i + 2, len);
                continue;
            }
            if c == q {
                if !triple {
                    break (i, i + 1);
                }
                if self.at(i + 1) == q && self.at(i + 2) == q {
                    // `""""` ends with the last three quotes; extra ones belong to the content.
                    while self.at(i + 3) == q {
                        i += 1;
                    }
                    break (i, i + 3);
                }
            }
            i += 1;
        };
        self.push_str(start, TextRange::new(content_start, content_end), end, mode);
    }
}

/// From just after `${`, the index after the matching `}` (or `limit`), skipping nested strings.
pub(crate) fn skip_interp(bytes: &[u8], mut i: usize, limit: usize) -> usize {
    let mut depth = 1usize;
    while i < limit {
        match bytes.get(i).copied().unwrap_or(0) {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            q @ (b'"' | b'\'') => {
                i += 1;
                while i < limit
                    && !matches!(bytes.get(i).copied(), Some(c) if c == q || c == b'\n' || c == b'\r')
                {
                    if bytes.get(i) == Some(&b'\\') {
                        i += 1;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    limit
}

fn push_lit(parts: &mut Vec<TemplatePart>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(TemplatePart::Lit(prev)) = parts.last_mut() {
        prev.push_str(s);
    } else {
        parts.push(TemplatePart::Lit(s.to_string()));
    }
}

/// Decodes `text[start..end]` (a string literal's content, or part of it) into literal and
/// interpolated parts.
pub(crate) fn decode(text: &str, start: usize, end: usize, mode: StrMode) -> Vec<TemplatePart> {
    let bytes = text.as_bytes();
    let end = end.min(bytes.len());
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let slice = |a: usize, b: usize| text.get(a..b).unwrap_or_default();
    let mut parts = Vec::new();
    let mut i = start;
    let mut run = start;
    while i < end {
        let c = at(i);
        let slashy_escape = match mode.slashy {
            Slashy::Slash => c == b'\\' && at(i + 1) == b'/',
            Slashy::Dollar => c == b'$' && matches!(at(i + 1), b'$' | b'/'),
            Slashy::No => false,
        };
        if slashy_escape {
            // `\/` is `/`; `$$` is `$` and `$/` is `/`.
            push_lit(&mut parts, slice(run, i));
            push_lit(&mut parts, slice(i + 1, i + 2));
            i += 2;
            run = i;
        } else if c == b'\\' && mode.escapes {
            push_lit(&mut parts, slice(run, i));
            let mut buf = [0u8; 4];
            match at(i + 1) {
                b'n' => push_lit(&mut parts, "\n"),
                b't' => push_lit(&mut parts, "\t"),
                b'r' => push_lit(&mut parts, "\r"),
                b'b' => push_lit(&mut parts, "\u{8}"),
                b'f' => push_lit(&mut parts, "\u{c}"),
                b'0' => push_lit(&mut parts, "\0"),
                b'\n' => {} // Groovy line continuation
                b'u' => {
                    let hex = slice(i + 2, (i + 6).min(end));
                    let ch = (hex.len() == 4 && hex.bytes().all(|b| b.is_ascii_hexdigit()))
                        .then(|| u32::from_str_radix(hex, 16).ok().and_then(char::from_u32))
                        .flatten();
                    match ch {
                        Some(ch) => {
                            push_lit(&mut parts, ch.encode_utf8(&mut buf));
                            i += 4;
                        }
                        None => push_lit(&mut parts, "u"),
                    }
                }
                _ => {
                    // `\\`, `\'`, `\"`, `\$` and unknown escapes: the character itself.
                    match text.get(i + 1..end).and_then(|s| s.chars().next()) {
                        Some(ch) => {
                            push_lit(&mut parts, ch.encode_utf8(&mut buf));
                            i += ch.len_utf8() - 1;
                        }
                        None => push_lit(&mut parts, "\\"),
                    }
                }
            }
            i = (i + 2).min(end);
            run = i;
        } else if c == b'$' && mode.interp && at(i + 1) == b'{' {
            push_lit(&mut parts, slice(run, i));
            let close = skip_interp(bytes, i + 2, end);
            let inner_end =
                if at(close.wrapping_sub(1)) == b'}' && close > i + 2 { close - 1 } else { close };
            parts.push(TemplatePart::Expr(slice(i + 2, inner_end).trim().to_string()));
            i = close;
            run = i;
        } else if c == b'$' && mode.interp && (at(i + 1).is_ascii_alphabetic() || at(i + 1) == b'_') {
            push_lit(&mut parts, slice(run, i));
            let mut j = i + 1;
            while j < end && (at(j).is_ascii_alphanumeric() || at(j) == b'_') {
                j += 1;
            }
            while mode.dotted
                && at(j) == b'.'
                && j + 1 < end
                && (at(j + 1).is_ascii_alphabetic() || at(j + 1) == b'_')
            {
                j += 1;
                while j < end && (at(j).is_ascii_alphanumeric() || at(j) == b'_') {
                    j += 1;
                }
            }
            parts.push(TemplatePart::Expr(slice(i + 1, j).to_string()));
            i = j;
            run = i;
        } else {
            i += 1;
        }
    }
    push_lit(&mut parts, slice(run, end));
    parts
}

pub(crate) fn parts_to_value(parts: Vec<TemplatePart>) -> Value {
    if parts.iter().all(|p| matches!(p, TemplatePart::Lit(_))) {
        Value::Str(
            parts
                .into_iter()
                .map(|p| match p {
                    TemplatePart::Lit(s) | TemplatePart::Expr(s) => s,
                })
                .collect(),
        )
    } else {
        Value::Template(parts)
    }
}
