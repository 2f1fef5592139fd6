//! A light scanner for Java and Kotlin sources: the package, the top-level and nested types
//! declared, their supertypes, imports, and constant fields with literal values. Comments and
//! strings are skipped correctly; nothing more of the language is understood.

use super::MAX_DEPTH;
use crate::span::{Spanned, TextRange};

#[derive(Clone, Debug, Default)]
pub struct SourceFileSummary {
    pub package: Option<Spanned<String>>,
    /// Imported names as written (`a.b.C`, `a.b.*`; Java `static` and Kotlin `as` aliases dropped).
    pub imports: Vec<Spanned<String>>,
    pub types: Vec<TypeDecl>,
    pub constants: Vec<ConstField>,
}

#[derive(Clone, Debug)]
pub struct TypeDecl {
    /// Simple name; nested types are `Outer.Inner`.
    pub name: Spanned<String>,
    /// Supertypes as written (simple or qualified names).
    pub supertypes: Vec<String>,
    pub kind: TypeKind,
}

/// What kind of type a declaration makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Class,
    Interface,
    Enum,
    Record,
    /// Java `@interface`.
    Annotation,
    /// Kotlin `object`.
    Object,
    /// Kotlin `companion object` (named `Companion` unless it has a name).
    Companion,
}

/// `static final` / `public static` fields in Java, `const val` / `val` in Kotlin objects,
/// with a literal initializer (string, number, boolean).
#[derive(Clone, Debug)]
pub struct ConstField {
    pub name: Spanned<String>,
    /// The literal value (strings unescaped; numbers without `L` suffix). The range covers a
    /// string's content without quotes, or a number without its type suffix (with its `-` sign).
    pub value: Spanned<String>,
    pub is_string: bool,
    /// The type the field belongs to (`Outer.Inner`; a companion's constants belong to its class);
    /// None at Kotlin top level.
    pub owner: Option<String>,
    /// The declared type as written (`String`, `long`); None when Kotlin infers it.
    pub declared_type: Option<String>,
}

impl SourceFileSummary {
    /// Scans a Java (`kotlin == false`) or Kotlin source; never fails.
    pub fn scan(text: &str, kotlin: bool) -> SourceFileSummary {
        let tokens = Lexer::new(text, kotlin).run();
        let mut s = Scanner { toks: &tokens, kotlin, stack: Vec::new(), out: SourceFileSummary::default() };
        s.run();
        s.out
    }

    /// The constant `name` declared in `owner` (simple or qualified owner name's last segments).
    pub fn constant(&self, owner: &str, name: &str) -> Option<&ConstField> {
        self.constants.iter().find(|c| {
            c.name.value == name
                && c.owner.as_deref().is_some_and(|o| o == owner || o.ends_with(&format!(".{owner}")))
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer

#[derive(Clone, Debug, PartialEq)]
enum Tok<'a> {
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
struct Token<'a> {
    tok: Tok<'a>,
    range: TextRange,
    /// A line break stands between the previous token and this one.
    nl_before: bool,
}

const PUNCTS: [&str; 46] = [
    "===", "!==", "...", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "&&", "||", "->", "::", "?.",
    "?:", "..", "++", "--", "!!", "{", "}", "(", ")", "[", "]", "<", ">", ";", ",", ".", "=", "+", "-", "*",
    "/", "%", "!", "?", ":", "@", "&", "|", "^",
];

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    kotlin: bool,
    out: Vec<Token<'a>>,
    nl: bool,
    /// Nesting of `${…}` templates, bounded so hostile input cannot overflow the stack.
    depth: usize,
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str, kotlin: bool) -> Self {
        Lexer { text, pos: 0, kotlin, out: Vec::new(), nl: true, depth: 0 }
    }

    fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or_default()
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn push(&mut self, tok: Tok<'a>, start: usize) {
        self.out.push(Token { tok, range: TextRange::new(start, self.pos), nl_before: self.nl });
        self.nl = false;
    }

    fn run(mut self) -> Vec<Token<'a>> {
        while let Some(c) = self.peek() {
            let start = self.pos;
            let rest = self.rest();
            if c.is_whitespace() {
                self.nl |= c == '\n' || c == '\r';
                self.pos += c.len_utf8();
            } else if rest.starts_with("//") {
                self.pos += rest.find('\n').unwrap_or(rest.len());
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
                let len = body.find(['`', '\n']).unwrap_or(body.len());
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

    fn block_comment(&mut self) {
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
                self.nl |= c == '\n';
                self.pos += c.len_utf8();
            }
        }
    }

    fn number(&mut self) {
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
    fn string(&mut self) -> Tok<'a> {
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
    fn text_block(&mut self) -> Tok<'a> {
        self.pos += 3;
        if !self.kotlin {
            // The content of a Java text block starts on the next line.
            let line = self.rest().find('\n').map_or(self.rest().len(), |n| n + 1);
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
                    self.nl |= c == '\n';
                    value.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
        Tok::Str { value, content: TextRange::new(content_start, self.pos), template }
    }

    /// A Kotlin `$name` or `${…}` template at `$`; skips it and returns true, or returns false for a plain `$`.
    fn template(&mut self) -> bool {
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
    fn step(&mut self) {
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
    fn one(mut self) -> (usize, Option<Token<'a>>) {
        let Some(c) = self.peek() else { return (self.pos, None) };
        let start = self.pos;
        let rest = self.rest();
        if c.is_whitespace() {
            self.pos += c.len_utf8();
        } else if rest.starts_with("//") {
            self.pos += rest.find('\n').unwrap_or(rest.len());
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

    fn char_lit(&mut self) -> Tok<'a> {
        self.pos += 1;
        let content_start = self.pos;
        let mut value = String::new();
        match self.peek() {
            Some('\\') => self.escape(&mut value),
            Some(c) if c != '\n' && c != '\'' => {
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
    fn escape(&mut self, out: &mut String) {
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

// ---------------------------------------------------------------------------------------------
// Structure

enum FrameKind {
    /// The body of a named type: its full name and kind.
    Type(String, TypeKind),
    /// The body of an anonymous object or class.
    Anonymous,
    Other,
}

struct Frame {
    close: &'static str,
    kind: FrameKind,
}

struct Scanner<'t> {
    toks: &'t [Token<'t>],
    kotlin: bool,
    stack: Vec<Frame>,
    out: SourceFileSummary,
}

const JAVA_MODIFIERS: [&str; 9] =
    ["public", "private", "protected", "static", "final", "transient", "volatile", "synchronized", "native"];
const CONST_TYPES: [&str; 17] = [
    "String",
    "long",
    "int",
    "short",
    "byte",
    "boolean",
    "char",
    "double",
    "float",
    "Long",
    "Integer",
    "Short",
    "Byte",
    "Boolean",
    "Character",
    "Double",
    "Float",
];

impl<'t> Scanner<'t> {
    fn tok(&self, i: usize) -> Option<&Tok<'t>> {
        self.toks.get(i).map(|t| &t.tok)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        matches!(self.tok(i), Some(Tok::Punct(q)) if *q == p)
    }

    fn ident(&self, i: usize) -> Option<&str> {
        match self.tok(i) {
            Some(Tok::Ident(s)) => Some(s),
            _ => None,
        }
    }

    fn is_ident(&self, i: usize, name: &str) -> bool {
        self.ident(i) == Some(name)
    }

    fn nl_before(&self, i: usize) -> bool {
        self.toks.get(i).is_none_or(|t| t.nl_before)
    }

    fn range(&self, i: usize) -> TextRange {
        self.toks.get(i).map(|t| t.range).unwrap_or_default()
    }

    /// The innermost named type's full name.
    fn owner(&self) -> Option<String> {
        self.stack.iter().rev().find_map(|f| match &f.kind {
            FrameKind::Type(n, _) => Some(n.clone()),
            _ => None,
        })
    }

    fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            i = self.item(i);
        }
    }

    /// Handles the token at `i`; returns the index to continue at.
    fn item(&mut self, i: usize) -> usize {
        let after_dot = i > 0 && (self.is_punct(i - 1, ".") || self.is_punct(i - 1, "::"));
        match self.tok(i) {
            Some(Tok::Punct(p @ ("{" | "(" | "["))) => {
                let close = match *p {
                    "{" => "}",
                    "(" => ")",
                    _ => "]",
                };
                self.stack.push(Frame { close, kind: FrameKind::Other });
                i + 1
            }
            Some(Tok::Punct(p @ ("}" | ")" | "]"))) => {
                // Pop to the matching opener; a stray closer is ignored.
                if let Some(at) = self.stack.iter().rposition(|f| f.close == *p) {
                    self.stack.truncate(at);
                }
                i + 1
            }
            Some(Tok::Ident(word)) if !after_dot => match *word {
                "package" if self.stack.is_empty() && self.out.package.is_none() => {
                    let (name, range, next) = self.qualified(i + 1, false);
                    if !name.is_empty() {
                        self.out.package = Some(Spanned::new(name, range));
                    }
                    next
                }
                "import" if self.stack.is_empty() => {
                    let start = if self.is_ident(i + 1, "static") { i + 2 } else { i + 1 };
                    let (name, range, next) = self.qualified(start, true);
                    if !name.is_empty() {
                        self.out.imports.push(Spanned::new(name, range));
                    }
                    next
                }
                "class" => self.type_decl(i, TypeKind::Class),
                "interface" => {
                    let annotation = i > 0 && self.is_punct(i - 1, "@");
                    self.type_decl(i, if annotation { TypeKind::Annotation } else { TypeKind::Interface })
                }
                "enum" if !self.kotlin && self.ident(i + 1).is_some() => self.type_decl(i, TypeKind::Enum),
                "record"
                    if !self.kotlin
                        && self.ident(i + 1).is_some()
                        && (self.is_punct(i + 2, "(") || self.is_punct(i + 2, "<")) =>
                {
                    self.type_decl(i, TypeKind::Record)
                }
                "object" if self.kotlin => {
                    let companion = i > 0 && self.is_ident(i - 1, "companion");
                    self.type_decl(i, if companion { TypeKind::Companion } else { TypeKind::Object })
                }
                "val" | "var" if self.kotlin => self.kotlin_property(i),
                _ => i + 1,
            },
            Some(Tok::Punct("=")) if !self.kotlin => self.java_field(i),
            _ => i + 1,
        }
    }

    /// `a.b.C` (and `.*` when `star`) from `i`, with its range; stops at anything else.
    fn qualified(&self, mut i: usize, star: bool) -> (String, TextRange, usize) {
        let mut name = String::new();
        let start = self.range(i).start as usize;
        let mut end = start;
        loop {
            match self.tok(i) {
                Some(Tok::Ident(s)) if name.is_empty() || name.ends_with('.') => name.push_str(s),
                Some(Tok::Punct("*")) if star && name.ends_with('.') => name.push('*'),
                Some(Tok::Punct(".")) if !name.is_empty() && !name.ends_with('.') => name.push('.'),
                _ => break,
            }
            end = self.range(i).end as usize;
            i += 1;
            // A package or import ends at the end of its line in Kotlin.
            if self.kotlin && self.nl_before(i) {
                break;
            }
        }
        let name = name.trim_end_matches('.').to_string();
        (name, TextRange::new(start, end), i)
    }

    /// A type declaration whose keyword is at `kw`; pushes its body frame when it has one.
    fn type_decl(&mut self, kw: usize, kind: TypeKind) -> usize {
        let mut i = kw + 1;
        let name = match (self.ident(i), kind) {
            (Some(n), _) if !matches!(n, "where" | "by") => {
                let r = self.range(i);
                i += 1;
                Some(Spanned::new(n.to_string(), r))
            }
            (_, TypeKind::Companion) => Some(Spanned::new("Companion".to_string(), self.range(kw))),
            _ => None,
        };
        i = self.skip_angles(i);
        let mut supertypes = Vec::new();
        if self.kotlin {
            // Primary constructor: modifiers, annotations, `constructor`, parameters.
            loop {
                match self.tok(i) {
                    Some(Tok::Punct("(")) => i = self.skip_balanced(i),
                    Some(Tok::Punct("@")) => i = self.skip_annotation(i),
                    Some(Tok::Ident(w))
                        if matches!(*w, "private" | "public" | "protected" | "internal" | "constructor") =>
                    {
                        i += 1
                    }
                    _ => break,
                }
            }
            if self.is_punct(i, ":") {
                i += 1;
                loop {
                    let (t, next) = self.read_type(i);
                    if t.is_empty() {
                        break;
                    }
                    supertypes.push(t);
                    i = next;
                    if self.is_punct(i, "(") {
                        i = self.skip_balanced(i);
                    }
                    if self.is_ident(i, "by") {
                        i += 1;
                        while i < self.toks.len()
                            && !self.is_punct(i, ",")
                            && !self.is_punct(i, "{")
                            && !self.nl_before(i + 1)
                        {
                            i = if self.is_punct(i, "(") { self.skip_balanced(i) } else { i + 1 };
                        }
                        if !self.is_punct(i, ",") && !self.is_punct(i, "{") {
                            i += 1;
                        }
                    }
                    if !self.is_punct(i, ",") {
                        break;
                    }
                    i += 1;
                }
            }
            if self.is_ident(i, "where") {
                // `where T : A, U : B` ends at the body or at a line not continuing the list.
                let start = i;
                i += 1;
                while i < self.toks.len() && !self.is_punct(i, "{") {
                    if i > start + 1 && self.nl_before(i) && !self.is_punct(i - 1, ",") {
                        break;
                    }
                    i += 1;
                }
            }
        } else {
            if self.is_punct(i, "(") {
                i = self.skip_balanced(i);
            }
            while let Some(w @ ("extends" | "implements" | "permits")) = self.ident(i) {
                let keep = w != "permits";
                i += 1;
                loop {
                    let (t, next) = self.read_type(i);
                    if t.is_empty() {
                        break;
                    }
                    if keep {
                        supertypes.push(t);
                    }
                    i = next;
                    if !self.is_punct(i, ",") {
                        break;
                    }
                    i += 1;
                }
            }
        }
        let full = name.as_ref().map(|n| match self.owner() {
            Some(o) => format!("{o}.{}", n.value),
            None => n.value.clone(),
        });
        if let (Some(n), Some(full)) = (&name, &full) {
            self.out.types.push(TypeDecl { name: Spanned::new(full.clone(), n.range), supertypes, kind });
        }
        if self.is_punct(i, "{") {
            let frame = match full {
                Some(f) => FrameKind::Type(f, kind),
                None => FrameKind::Anonymous,
            };
            self.stack.push(Frame { close: "}", kind: frame });
            return i + 1;
        }
        i.max(kw + 1)
    }

    /// A type name at `i` (annotations, qualified name, generics, `?`), without its arguments.
    fn read_type(&self, mut i: usize) -> (String, usize) {
        while self.is_punct(i, "@") {
            i = self.skip_annotation(i);
        }
        let mut name = String::new();
        while let Some(s) = self.ident(i) {
            name.push_str(s);
            i += 1;
            if self.is_punct(i, ".") && self.ident(i + 1).is_some() {
                name.push('.');
                i += 1;
            } else {
                break;
            }
        }
        if name.is_empty() {
            return (name, i);
        }
        i = self.skip_angles(i);
        if self.is_punct(i, "?") {
            i += 1;
        }
        (name, i)
    }

    /// Skips `@Name(.Name)*` and its arguments.
    fn skip_annotation(&self, mut i: usize) -> usize {
        i += 1;
        // Kotlin use-site targets: `@field:Json(…)`.
        if self.ident(i).is_some() && self.is_punct(i + 1, ":") {
            i += 2;
        }
        while self.ident(i).is_some() {
            i += 1;
            if self.is_punct(i, ".") && self.ident(i + 1).is_some() {
                i += 1;
            } else {
                break;
            }
        }
        if self.is_punct(i, "(") { self.skip_balanced(i) } else { i }
    }

    /// From an opening bracket at `i` to just after its match (or the end).
    fn skip_balanced(&self, mut i: usize) -> usize {
        let mut depth = 0usize;
        while let Some(t) = self.tok(i) {
            i += 1;
            match t {
                Tok::Punct("(" | "[" | "{") => depth += 1,
                Tok::Punct(")" | "]" | "}") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        i
    }

    /// Skips `<…>` type parameters at `i`, if any; gives up at anything that cannot be in them.
    fn skip_angles(&self, i: usize) -> usize {
        if !self.is_punct(i, "<") {
            return i;
        }
        let mut depth = 0usize;
        let mut j = i;
        while let Some(t) = self.tok(j) {
            j += 1;
            match t {
                Tok::Punct("<") => depth += 1,
                Tok::Punct(">") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return j;
                    }
                }
                Tok::Punct("{" | "}" | ";" | "=" | ")") => return i,
                _ => {}
            }
        }
        i
    }

    /// A literal (optionally negated number) at `i`: value, range, is_string, next index.
    fn literal(&self, i: usize) -> Option<(String, TextRange, bool, usize)> {
        let neg = self.is_punct(i, "-");
        let j = if neg { i + 1 } else { i };
        let t = self.toks.get(j)?;
        match &t.tok {
            Tok::Str { value, content, template: false } if !neg => {
                Some((value.clone(), *content, true, j + 1))
            }
            Tok::Char { value, content } if !neg => Some((value.clone(), *content, false, j + 1)),
            Tok::Ident(b) if !neg && (*b == "true" || *b == "false") => {
                Some((b.to_string(), t.range, false, j + 1))
            }
            Tok::Num(n) => {
                let stripped = strip_suffix(n);
                let start = if neg { self.range(i).start } else { t.range.start } as usize;
                let range = TextRange::new(start, t.range.start as usize + stripped.len());
                let value = if neg { format!("-{stripped}") } else { stripped.to_string() };
                Some((value, range, false, j + 1))
            }
            _ => None,
        }
    }

    /// Java: a field declaration whose first `=` is at `eq`, when it is a constant.
    fn java_field(&mut self, eq: usize) -> usize {
        let Some(Frame { kind: FrameKind::Type(owner, kind), .. }) = self.stack.last() else { return eq + 1 };
        let implicit_static = matches!(kind, TypeKind::Interface | TypeKind::Annotation);
        let owner = owner.clone();
        // The declaration starts after the previous `;`, `{` or `}`.
        let mut s = eq;
        while s > 0 && !matches!(self.tok(s - 1), Some(Tok::Punct(";" | "{" | "}"))) {
            s -= 1;
        }
        let mut words: Vec<&str> = Vec::new();
        let mut j = s;
        while j < eq {
            match self.tok(j) {
                Some(Tok::Punct("@")) => j = self.skip_annotation(j),
                Some(Tok::Ident(w)) => {
                    words.push(w);
                    j += 1;
                }
                // Qualified types (`java.lang.String`): keep the last segment.
                Some(Tok::Punct(".")) if !words.is_empty() && self.ident(j + 1).is_some() => {
                    words.pop();
                    j += 1;
                }
                _ => return eq + 1,
            }
        }
        let [mods @ .., ty, _name] = words.as_slice() else { return eq + 1 };
        if !mods.iter().all(|m| JAVA_MODIFIERS.contains(m)) || !CONST_TYPES.contains(ty) {
            return eq + 1;
        }
        let is_static = mods.contains(&"static") && (mods.contains(&"final") || mods.contains(&"public"));
        if !is_static && !implicit_static {
            return eq + 1;
        }
        let ty = ty.to_string();
        // `static final int A = 1, B = 2;`
        let mut name_at = eq - 1;
        let mut eq = eq;
        loop {
            let Some((value, range, is_string, next)) = self.literal(eq + 1) else { return eq + 1 };
            if !self.is_punct(next, ";") && !self.is_punct(next, ",") {
                return eq + 1;
            }
            let name = Spanned::new(self.ident(name_at).unwrap_or_default().to_string(), self.range(name_at));
            self.out.constants.push(ConstField {
                name,
                value: Spanned::new(value, range),
                is_string,
                owner: Some(owner.clone()),
                declared_type: Some(ty.clone()),
            });
            if self.is_punct(next, ",") && self.ident(next + 1).is_some() && self.is_punct(next + 2, "=") {
                name_at = next + 1;
                eq = next + 2;
            } else {
                return next;
            }
        }
    }

    /// Kotlin: `const val X = …`, or `val`/`var` in an object, companion or at top level.
    fn kotlin_property(&mut self, at: usize) -> usize {
        let owner = match self.stack.last() {
            None => None,
            Some(Frame { kind: FrameKind::Type(o, k), .. }) => Some((o.clone(), *k)),
            Some(_) => return at + 1,
        };
        // Modifiers on the same line before `val`.
        let mut k = at;
        let mut is_const = false;
        while k > 0 && !self.nl_before(k) {
            k -= 1;
            match self.tok(k) {
                Some(Tok::Ident(w)) => is_const |= *w == "const",
                Some(Tok::Punct(";" | "{" | "}")) => break,
                _ => {}
            }
        }
        let in_object = match &owner {
            None => true,
            Some((_, kind)) => matches!(kind, TypeKind::Object | TypeKind::Companion),
        };
        if !is_const && !in_object {
            return at + 1;
        }
        let Some(name) = self.ident(at + 1) else { return at + 1 };
        let name = Spanned::new(name.to_string(), self.range(at + 1));
        let mut i = at + 2;
        let mut declared = None;
        if self.is_punct(i, ":") {
            let (t, next) = self.read_type(i + 1);
            declared = Some(t);
            i = next;
        }
        if !self.is_punct(i, "=") {
            return at + 1;
        }
        let Some((value, range, is_string, next)) = self.literal(i + 1) else { return at + 1 };
        // The literal must be the whole initializer.
        let ends = next >= self.toks.len()
            || self.nl_before(next)
            || self.is_punct(next, ";")
            || self.is_punct(next, "}");
        let continued = matches!(self.tok(next), Some(Tok::Punct("." | "?." | "?:")));
        if !ends || continued {
            return at + 1;
        }
        // Constants of a companion belong to its class.
        let owner = owner.map(|(o, kind)| match (kind, o.rsplit_once('.')) {
            (TypeKind::Companion, Some((outer, _))) => outer.to_string(),
            _ => o,
        });
        self.out.constants.push(ConstField {
            name,
            value: Spanned::new(value, range),
            is_string,
            owner,
            declared_type: declared,
        });
        next
    }
}

/// A number without its type suffix (`L`, Kotlin `u`/`uL`, and `f`/`d` on decimal numbers).
fn strip_suffix(n: &str) -> &str {
    let hex = n.starts_with("0x") || n.starts_with("0X");
    let mut s = n.trim_end_matches(['L', 'l']).trim_end_matches(['u', 'U']);
    if !hex {
        s = s.trim_end_matches(['f', 'F', 'd', 'D']);
    }
    if s.is_empty() { n } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consts(s: &SourceFileSummary) -> Vec<(String, String, bool)> {
        s.constants.iter().map(|c| (c.name.value.clone(), c.value.value.clone(), c.is_string)).collect()
    }

    fn names(s: &SourceFileSummary) -> Vec<(&str, Vec<&str>)> {
        s.types
            .iter()
            .map(|t| (t.name.value.as_str(), t.supertypes.iter().map(String::as_str).collect()))
            .collect()
    }

    const JAVA: &str = r#"
package com.example.push; // trailing comment

import android.app.Application;
import static java.util.Objects.requireNonNull;
import com.huawei.hms.push.*;

/* class NotThis { } "string in comment */
@SuppressWarnings("unused")
public class PushApp<T extends Comparable<T>> extends Application implements Runnable, java.io.Serializable {
    public static final String APP_ID = "10086\"x\u0041";
    public static final long BUZ_ID = 0x1F_FFL, OTHER = -12L;
    static final int N = 7;
    public static boolean isTPNS = true;
    private static String mutablePrivate = "skip";
    public static final String JOINED = "a" + "b";
    final String instance = "skip";
    public static final char C = '\'';
    String s = "class Fake {";
    static final String BLOCK = """
        line "one"
        two\
         joined""";

    public void run() {
        final String local = "skip";
        Runnable r = new Runnable() { public void run() {} };
        Class<?> k = PushApp.class;
    }

    interface Keys {
        String KEY = "k";
        int[] ARRAY = {1};
    }

    enum Vendor implements Keys { HUAWEI("h"), XIAOMI("x"); Vendor(String s) {} }

    record Point(int x, int y) implements Keys {}

    @interface Marker { String value() default "v"; }
}
"#;

    #[test]
    fn java_summary() {
        let s = SourceFileSummary::scan(JAVA, false);
        let pkg = s.package.as_ref().unwrap();
        assert_eq!(pkg.value, "com.example.push");
        assert_eq!(&JAVA[pkg.range.as_usize()], "com.example.push");
        let imports: Vec<_> = s.imports.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(
            imports,
            ["android.app.Application", "java.util.Objects.requireNonNull", "com.huawei.hms.push.*"]
        );
        assert_eq!(&JAVA[s.imports[2].range.as_usize()], "com.huawei.hms.push.*");
        assert_eq!(
            names(&s),
            [
                ("PushApp", vec!["Application", "Runnable", "java.io.Serializable"]),
                ("PushApp.Keys", vec![]),
                ("PushApp.Vendor", vec!["Keys"]),
                ("PushApp.Point", vec!["Keys"]),
                ("PushApp.Marker", vec![]),
            ]
        );
        assert_eq!(s.types[4].kind, TypeKind::Annotation);
        assert_eq!(s.types[3].kind, TypeKind::Record);
        let c = consts(&s);
        let expected: Vec<(String, String, bool)> = [
            ("APP_ID", "10086\"xA", true),
            ("BUZ_ID", "0x1F_FF", false),
            ("OTHER", "-12", false),
            ("N", "7", false),
            ("isTPNS", "true", false),
            ("C", "'", false),
            ("BLOCK", "        line \"one\"\n        two         joined", true),
            ("KEY", "k", true),
        ]
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
        .collect();
        assert_eq!(c, expected);
        let app_id = &s.constants[0];
        assert_eq!(&JAVA[app_id.value.range.as_usize()], "10086\\\"x\\u0041");
        assert_eq!(&JAVA[app_id.name.range.as_usize()], "APP_ID");
        assert_eq!(app_id.owner.as_deref(), Some("PushApp"));
        assert_eq!(app_id.declared_type.as_deref(), Some("String"));
        assert_eq!(&JAVA[s.constants[1].value.range.as_usize()], "0x1F_FF");
        assert_eq!(&JAVA[s.constants[2].value.range.as_usize()], "-12");
        assert_eq!(s.constant("PushApp.Keys", "KEY").map(|c| c.value.value.as_str()), Some("k"));
        assert_eq!(s.constant("Keys", "KEY").map(|c| c.value.value.as_str()), Some("k"));
    }

    const KOTLIN: &str = r#"
@file:JvmName("Push")
package com.example.push

import com.example.a.B
import com.example.c.D as E
import kotlinx.coroutines.*

const val TOP = "top"
val TOP_INFERRED = 42L
private val templ = "x${TOP + "}"}y"
val computed = "a".length

/* nested /* comment */ class NotThis */
data class Payload(val id: Int = 5, val name: String) : java.io.Serializable, Comparable<Payload> {
    val instance = "skip"
    override fun compareTo(other: Payload): Int = 0

    companion object {
        const val KEY = "payload"
        val RAW = """raw "quoted" $ text"""
        val TEMPLATE = "hi $name"
        fun f() { val local = 1 }
    }
}

object PushConfig : BaseConfig(), Listener by DefaultListener {
    const val HW_APP_ID: String = "123"
    @JvmField val MI_APP_ID = "2882303761517"
    var mutable = false
    val neg = -1
    val ch = 'c'
    val chained = 1.toString()
    object Nested { const val X = 0x10 }
}

sealed class Result<out T> where T : Any {
    class Ok(val v: Int) : Result<Int>()
}

enum class Vendor(val v: String) { HUAWEI("h"), XIAOMI("x") }

fun interface Callback { fun call() }

class Plain
val afterPlain = "ok"

class Registry private constructor(x: Int) : Base(x) {
    private companion object Factory { const val F = "f" }
}

val anon = object : Runnable { val inner = "skip"; override fun run() {} }
"#;

    #[test]
    fn kotlin_summary() {
        let s = SourceFileSummary::scan(KOTLIN, true);
        assert_eq!(s.package.as_ref().unwrap().value, "com.example.push");
        let imports: Vec<_> = s.imports.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(imports, ["com.example.a.B", "com.example.c.D", "kotlinx.coroutines.*"]);
        assert_eq!(
            names(&s),
            [
                ("Payload", vec!["java.io.Serializable", "Comparable"]),
                ("Payload.Companion", vec![]),
                ("PushConfig", vec!["BaseConfig", "Listener"]),
                ("PushConfig.Nested", vec![]),
                ("Result", vec![]),
                ("Result.Ok", vec!["Result"]),
                ("Vendor", vec![]),
                ("Callback", vec![]),
                ("Plain", vec![]),
                ("Registry", vec!["Base"]),
                ("Registry.Factory", vec![]),
            ]
        );
        assert_eq!(s.types[1].kind, TypeKind::Companion);
        let c = consts(&s);
        let expected: Vec<(String, String, bool)> = [
            ("TOP", "top", true),
            ("TOP_INFERRED", "42", false),
            ("KEY", "payload", true),
            ("RAW", "raw \"quoted\" $ text", true),
            ("HW_APP_ID", "123", true),
            ("MI_APP_ID", "2882303761517", true),
            ("mutable", "false", false),
            ("neg", "-1", false),
            ("ch", "c", false),
            ("X", "0x10", false),
            ("afterPlain", "ok", true),
            ("F", "f", true),
        ]
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
        .collect();
        assert_eq!(c, expected);
        let key = &s.constants[2];
        assert_eq!(key.owner.as_deref(), Some("Payload"));
        assert_eq!(&KOTLIN[key.value.range.as_usize()], "payload");
        assert_eq!(s.constants[0].owner, None);
        assert_eq!(s.constants[4].declared_type.as_deref(), Some("String"));
        assert_eq!(s.constant("PushConfig.Nested", "X").map(|c| c.value.value.as_str()), Some("0x10"));
        assert_eq!(s.constant("Registry", "F").map(|c| c.value.value.as_str()), Some("f"));
    }

    #[test]
    fn never_panics_on_broken_input() {
        let samples = [
            "\"unterminated",
            "'",
            "'\\",
            "/* open",
            "\"\"\"open",
            "class",
            "class A extends",
            "}}}))",
            "static final String X =",
            "val x = \"${",
            "val x = \"${\"}\"",
            "object",
            "package",
            "import a.",
            "\"\\u12\"",
            "'\\777'",
            "0x",
            "1e+",
            "`open",
            "@",
            "enum",
            "record R(",
        ];
        for s in samples {
            let _ = SourceFileSummary::scan(s, false);
            let _ = SourceFileSummary::scan(s, true);
        }
        let deep = "{".repeat(100_000);
        let _ = SourceFileSummary::scan(&deep, true);
        let templates = "val x = \"${".repeat(100_000);
        let _ = SourceFileSummary::scan(&templates, true);
    }

    #[test]
    fn tencent_private_constants() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
        let mut files = Vec::new();
        let mut dirs = vec![root.to_path_buf()];
        while let Some(d) = dirs.pop() {
            let Ok(rd) = std::fs::read_dir(&d) else { continue };
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    dirs.push(p);
                } else if p.file_name().is_some_and(|n| n == "PrivateConstants.java") {
                    files.push(p);
                }
            }
        }
        for p in files {
            let Ok(text) = std::fs::read_to_string(&p) else { continue };
            let s = SourceFileSummary::scan(&text, false);
            assert_eq!(
                s.types.first().map(|t| t.name.value.as_str()),
                Some("PrivateConstants"),
                "{}",
                p.display()
            );
            // Every field line of these files is a constant.
            let fields = text.lines().filter(|l| l.trim_start().starts_with("public static")).count();
            assert_eq!(s.constants.len(), fields, "{}", p.display());
            for c in &s.constants {
                assert_eq!(c.owner.as_deref(), Some("PrivateConstants"));
                let raw = &text[c.value.range.as_usize()];
                assert_eq!(raw, c.value.value, "{}", p.display());
            }
            let p = p.to_string_lossy();
            if p.contains("2022-05-tuiofflinepush") && p.contains("tuiofflinepush/PrivateConstants") {
                let badge = s.constant("PrivateConstants", "BADGE_CLASS_NAME").unwrap();
                assert_eq!(badge.value.value, "com.tencent.qcloud.tim.demo.SplashActivity");
                assert!(badge.is_string);
                let hw = s.constant("PrivateConstants", "HW_PUSH_BUZID").unwrap();
                assert_eq!((hw.value.value.as_str(), hw.declared_type.as_deref()), ("0", Some("long")));
                assert_eq!(s.constant("PrivateConstants", "isTPNSChannel").unwrap().value.value, "false");
            }
            if p.contains("2024-04-timpush") && p.contains("native") {
                let hw = s.constant("PrivateConstants", "huaweiPushBussinessId").unwrap();
                assert_eq!(hw.value.value, "0");
                assert_eq!(s.constants.len(), 23);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn fuzz_never_panics(s in "\\PC{0,64}|[\\\\\"'/*{}\\[\\]$:=#!\\n a-z0-9]{0,64}") {
            let _ = SourceFileSummary::scan(&s, true); let _ = SourceFileSummary::scan(&s, false);
        }
    }
}
