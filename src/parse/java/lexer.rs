//! Tokens of Java and Kotlin: identifiers, literals (strings, text blocks, templates, chars,
//! numbers) and punctuation; comments are skipped.

use super::*;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok<'a> {
    /// Identifiers and keywords (Kotlin backtick names without the backticks).
    Ident(&'a str),
    /// A string literal: unescaped value, content range, and whether it has `$` templates.
    Str {
        value: String,
        content: TextRange,
        template: bool,
    },
    Char {
        value: String,
        content: TextRange,
    },
    Num(&'a str),
    Punct(&'static str),
}

#[derive(Clone, Debug)]
pub(super) struct Token<'a> {
    pub(super) tok: Tok<'a>,
    pub(super) range: TextRange,
    /// A line break stands between the previous token and this one.
    pub(super) nl_before: bool,
}

pub(super) const PUNCTS: [&str; 46] = [
    "===", "!==", "...", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&&", "||", "->", "::", "?.",
    "?:", "..", "++", "--", "!!", "{", "}", "(", ")", "[", "]", "<", ">", ";", ",", ".", "=", "+", "-", "*",
    "/", "%", "!", "?", ":", "@", "&", "|", "^",
];

pub(super) struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    kotlin: bool,
    out: Vec<Token<'a>>,
    nl: bool,
    /// Nesting of `${…}` templates, bounded so hostile input cannot overflow the stack.
    depth: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str, kotlin: bool) -> Self {
        Lexer { text, pos: 0, kotlin, out: Vec::new(), nl: true, depth: 0 }
    }

    pub(super) fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    pub(super) fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub(super) fn push(&mut self, tok: Tok<'a>, start: usize) {
        self.out.push(Token { tok, range: TextRange::new(start, self.pos), nl_before: self.nl });
        self.nl = false;
    }

    pub(super) fn run(mut self) -> Vec<Token<'a>> {
        while let Some(c) = self.peek() {
            let start = self.pos;
            let rest = self.rest();
            if c.is_whitespace() {
                self.nl |= c == '\n' || c == '\r';
                self.pos += c.len_utf8();
            } else if rest.starts_with("//") {
                self.pos += rest.find(['\n', '\r']).unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                self.block_comment();
            } else if rest.starts_with("\"\"\"") {
                let tok = self.text_block();
                self.push(tok, start);
            } else if c == '"' {
                let tok = self.string();
                self.push(tok, start);
            } else if c == '\'' {
                let tok = self.char_lit();
                self.push(tok, start);
            } else if c == '`' && self.kotlin {
                let body = rest.get(1..).unwrap_or_default();
                let len = body.find(['`', '\n', '\r']).unwrap_or(body.len());
                self.pos += 1 + len + usize::from(body.get(len..).is_some_and(|b| b.starts_with('`')));
                self.push(Tok::Ident(body.get(..len).unwrap_or_default()), start);
            } else if c.is_ascii_digit()
                || (c == '.'
                    && rest.get(1..).and_then(|r| r.chars().next()).is_some_and(|d| d.is_ascii_digit()))
            {
                self.number();
                let text = self.text.get(start..self.pos).unwrap_or_default();
                self.push(Tok::Num(text), start);
            } else if c.is_alphabetic() || c == '_' || c == '$' {
                let len = rest
                    .find(|ch: char| !(ch.is_alphanumeric() || ch == '_' || ch == '$'))
                    .unwrap_or(rest.len());
                self.pos += len;
                self.push(Tok::Ident(rest.get(..len).unwrap_or_default()), start);
            } else if let Some(p) =
                // The first byte rules out most entries without a string comparison.
                PUNCTS.iter().find(|p| {
                    p.as_bytes().first() == rest.as_bytes().first() && rest.starts_with(**p)
                })
            {
                self.pos += p.len();
                self.push(Tok::Punct(p), start);
            } else {
                // Unknown character (`#`, `\`…): skip it.
                self.pos += c.len_utf8();
            }
        }
        self.out
    }

    pub(super) fn block_comment(&mut self) {
        // Kotlin block comments nest; Java ones do not.
        let mut depth = 0usize;
        while let Some(c) = self.peek() {
            let rest = self.rest();
            if rest.starts_with("/*") {
                depth += 1;
                self.pos += 2;
            } else if rest.starts_with("*/") {
                self.pos += 2;
                depth = depth.saturating_sub(1);
                if depth == 0 || !self.kotlin {
                    return;
                }
            } else {
                self.nl |= c == '\n' || c == '\r';
                self.pos += c.len_utf8();
            }
        }
    }

    pub(super) fn number(&mut self) {
        let hex = self.rest().starts_with("0x") || self.rest().starts_with("0X");
        let mut prev = ' ';
        while let Some(c) = self.peek() {
            let rest = self.rest();
            let ok = c.is_ascii_alphanumeric()
                || c == '_'
                || (c == '.'
                    && !rest.starts_with("..")
                    && rest.get(1..).and_then(|r| r.chars().next()).is_some_and(|d| d.is_ascii_digit()))
                || ((c == '+' || c == '-') && !hex && matches!(prev, 'e' | 'E'));
            if !ok {
                break;
            }
            prev = c;
            self.pos += c.len_utf8();
        }
    }

    /// A one-line string at `"`; stops at the closing quote or the end of the line.
    pub(super) fn string(&mut self) -> Tok<'a> {
        self.pos += 1;
        let content_start = self.pos;
        let mut value = String::new();
        let mut template = false;
        while let Some(c) = self.peek() {
            match c {
                '"' => {
                    let content = TextRange::new(content_start, self.pos);
                    self.pos += 1;
                    return Tok::Str { value, content, template };
                }
                '\n' | '\r' => break,
                '\\' => self.escape(&mut value),
                '$' if self.kotlin && self.template() => template = true,
                _ => {
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        Tok::Str { value, content: TextRange::new(content_start, self.pos), template }
    }

    /// Java text blocks (escapes, content after the opening line) and Kotlin raw strings (no escapes).
    pub(super) fn text_block(&mut self) -> Tok<'a> {
        self.pos += 3;
        if !self.kotlin {
            // The content of a Java text block starts on the next line.
            let line = self.rest().find(['\n', '\r']).map_or(self.rest().len(), |n| {
                n + if self.rest().get(n..).is_some_and(|r| r.starts_with("\r\n")) { 2 } else { 1 }
            });
            self.pos += line;
        }
        let content_start = self.pos;
        let mut value = String::new();
        let mut template = false;
        while let Some(c) = self.peek() {
            let rest = self.rest();
            if rest.starts_with("\"\"\"") {
                // Kotlin: in `""""`, the last three quotes close the string.
                let run = rest.find(|ch| ch != '"').unwrap_or(rest.len());
                let extra = if self.kotlin { run.saturating_sub(3) } else { 0 };
                value.push_str(&"\"".repeat(extra));
                let content = TextRange::new(content_start, self.pos + extra);
                self.pos += extra + 3;
                return Tok::Str { value, content, template };
            }
            match c {
                '\\' if !self.kotlin => {
                    if rest.starts_with("\\\n") {
                        self.pos += 2;
                    } else {
                        self.escape(&mut value);
                    }
                }
                '$' if self.kotlin && self.template() => template = true,
                _ => {
                    self.nl |= c == '\n' || c == '\r';
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        Tok::Str { value, content: TextRange::new(content_start, self.pos), template }
    }

    /// A Kotlin `$name` or `${…}` template at `$`; skips it and returns true, or returns false for a plain `$`.
    pub(super) fn template(&mut self) -> bool {
        let rest = self.rest();
        if rest.starts_with("${") && self.depth < MAX_DEPTH {
            self.pos += 2;
            // Lex the embedded expression (it may hold strings with braces) and drop its tokens.
            let mark = self.out.len();
            let nl = self.nl;
            let mut depth = 1usize;
            while let Some(c) = self.peek() {
                if c == '}' && depth == 1 {
                    self.pos += 1;
                    break;
                }
                let before = self.out.len();
                let start = self.pos;
                self.step();
                match self.out.get(before).map(|t| &t.tok) {
                    Some(Tok::Punct("{")) => depth += 1,
                    Some(Tok::Punct("}")) => depth = depth.saturating_sub(1),
                    _ => {}
                }
                if self.pos == start {
                    self.pos += c.len_utf8();
                }
            }
            self.out.truncate(mark);
            self.nl = nl;
            return true;
        }
        let after = rest.get(1..).and_then(|r| r.chars().next());
        if after.is_some_and(|c| c.is_alphabetic() || c == '_') {
            self.pos += 1;
            let r = self.rest();
            self.pos += r.find(|ch: char| !(ch.is_alphanumeric() || ch == '_')).unwrap_or(r.len());
            return true;
        }
        false
    }

    /// Lexes exactly one token or skips one run of whitespace/comment (used inside templates).
    pub(super) fn step(&mut self) {
        let sub = Lexer {
            text: self.text,
            pos: self.pos,
            kotlin: self.kotlin,
            out: Vec::new(),
            nl: false,
            depth: self.depth + 1,
        };
        let (pos, tok) = sub.one();
        self.pos = pos;
        self.out.extend(tok);
    }

    /// Lexes one item of a template expression (strings, comments, braces; other characters one
    /// by one) and returns the position after it.
    pub(super) fn one(mut self) -> (usize, Option<Token<'a>>) {
        let Some(c) = self.peek() else { return (self.pos, None) };
        let start = self.pos;
        let rest = self.rest();
        if c.is_whitespace() {
            self.pos += c.len_utf8();
        } else if rest.starts_with("//") {
            self.pos += rest.find(['\n', '\r']).unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            self.block_comment();
        } else if rest.starts_with("\"\"\"") {
            let tok = self.text_block();
            self.push(tok, start);
        } else if c == '"' {
            let tok = self.string();
            self.push(tok, start);
        } else if c == '\'' {
            let tok = self.char_lit();
            self.push(tok, start);
        } else if c == '{' || c == '}' {
            self.pos += 1;
            self.push(Tok::Punct(if c == '{' { "{" } else { "}" }), start);
        } else {
            self.pos += c.len_utf8();
        }
        (self.pos, self.out.pop())
    }

    pub(super) fn char_lit(&mut self) -> Tok<'a> {
        self.pos += 1;
        let content_start = self.pos;
        let mut value = String::new();
        match self.peek() {
            Some('\\') => self.escape(&mut value),
            Some(c) if c != '\n' && c != '\r' && c != '\'' => {
                value.push(c);
                self.pos += c.len_utf8();
            }
            _ => {}
        }
        let content = TextRange::new(content_start, self.pos);
        if self.peek() == Some('\'') {
            self.pos += 1;
        }
        Tok::Char { value, content }
    }

    /// One escape sequence at `\` (Java and Kotlin forms).
    pub(super) fn escape(&mut self, out: &mut String) {
        let rest = self.rest();
        let Some(e) = rest.get(1..).and_then(|r| r.chars().next()) else {
            self.pos += 1;
            return;
        };
        self.pos += 1 + e.len_utf8();
        let plain = match e {
            't' => '\t',
            'b' => '\u{8}',
            'n' => '\n',
            'r' => '\r',
            'f' => '\u{c}',
            's' => ' ',
            'u' => {
                // Java allows `\uuuu0041`.
                let r = self.rest();
                let us = r.find(|c| c != 'u').unwrap_or(r.len());
                let hex = r.get(us..us + 4).filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
                match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        self.pos += us + 4;
                        char::from_u32(v).unwrap_or('\u{fffd}')
                    }
                    None => 'u',
                }
            }
            '0'..='7' if !self.kotlin => {
                // Octal escape: up to three digits, at most \377.
                let mut v = e.to_digit(8).unwrap_or(0);
                let max = if e <= '3' { 2 } else { 1 };
                for _ in 0..max {
                    match self.peek().and_then(|c| c.to_digit(8)) {
                        Some(d) => {
                            v = v * 8 + d;
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                char::from_u32(v).unwrap_or('\u{fffd}')
            }
            other => other,
        };
        out.push(plain);
    }
}
