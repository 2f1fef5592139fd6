//! The structure scanner: package, imports, type declarations with their supertypes, and
//! constant fields, over the token stream.

use super::lexer::*;
use super::*;

pub(super) enum FrameKind {
    /// The body of a named type: its full name and kind.
    Type(String, TypeKind),
    /// The body of an anonymous object or class.
    Anonymous,
    /// The body of a named type that is not read (`MAX_TYPE_DEPTH`, `MAX_TYPE_NAME`).
    Unread,
    Other,
}

pub(super) struct Frame {
    close: &'static str,
    kind: FrameKind,
}

/// Type bodies nested deeper than this are not read: every type stores its full name, so
/// unbounded nesting would cost memory with the square of the depth.
pub(super) const MAX_TYPE_DEPTH: usize = 32;
/// Full type names longer than this are not read, for the same reason.
pub(super) const MAX_TYPE_NAME: usize = 1024;

/// The open brackets, with indexes that keep every question asked of them cheap at any depth:
/// the innermost frame closed by `}`, `)` or `]`, and the innermost named type.
#[derive(Default)]
pub(super) struct Frames {
    frames: Vec<Frame>,
    /// Indices into `frames` of the open frames per closer (`}`, `)`, `]`), innermost last.
    by_close: [Vec<usize>; 3],
    /// Indices into `frames` of the open named-type frames, innermost last.
    types: Vec<usize>,
    /// Indices into `frames` of the open unread type bodies.
    unread: Vec<usize>,
}

fn closer_slot(close: &str) -> usize {
    match close {
        "}" => 0,
        ")" => 1,
        _ => 2,
    }
}

impl Frames {
    pub(super) fn push(&mut self, frame: Frame) {
        let at = self.frames.len();
        self.by_close[closer_slot(frame.close)].push(at);
        match frame.kind {
            FrameKind::Type(..) => self.types.push(at),
            FrameKind::Unread => self.unread.push(at),
            _ => {}
        }
        self.frames.push(frame);
    }
    /// Closes the innermost frame closed by `close` and every frame inside it; a stray closer is ignored.
    pub(super) fn close(&mut self, close: &str) {
        let Some(&at) = self.by_close[closer_slot(close)].last() else { return };
        self.frames.truncate(at);
        for list in self.by_close.iter_mut().chain([&mut self.types, &mut self.unread]) {
            while list.last().is_some_and(|&i| i >= at) {
                list.pop();
            }
        }
    }
    pub(super) fn last(&self) -> Option<&Frame> {
        self.frames.last()
    }
    pub(super) fn is_empty(&self) -> bool {
        self.frames.is_empty()
    }
    /// How many named types are open, and whether one of them is not read.
    pub(super) fn type_depth(&self) -> (usize, bool) {
        (self.types.len(), !self.unread.is_empty())
    }
    /// The innermost named type's full name.
    pub(super) fn owner(&self) -> Option<&str> {
        match &self.frames.get(*self.types.last()?)?.kind {
            FrameKind::Type(n, _) => Some(n),
            _ => None,
        }
    }
}

pub(super) struct Scanner<'t> {
    pub(super) toks: &'t [Token<'t>],
    pub(super) kotlin: bool,
    pub(super) stack: Frames,
    pub(super) out: SourceFileSummary,
}

pub(super) const JAVA_MODIFIERS: [&str; 9] =
    ["public", "private", "protected", "static", "final", "transient", "volatile", "synchronized", "native"];
pub(super) const CONST_TYPES: [&str; 17] = [
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
    pub(super) fn tok(&self, i: usize) -> Option<&Tok<'t>> {
        self.toks.get(i).map(|t| &t.tok)
    }

    pub(super) fn is_punct(&self, i: usize, p: &str) -> bool {
        matches!(self.tok(i), Some(Tok::Punct(q)) if *q == p)
    }

    pub(super) fn ident(&self, i: usize) -> Option<&str> {
        match self.tok(i) {
            Some(Tok::Ident(s)) => Some(s),
            _ => None,
        }
    }

    pub(super) fn is_ident(&self, i: usize, name: &str) -> bool {
        self.ident(i) == Some(name)
    }

    pub(super) fn nl_before(&self, i: usize) -> bool {
        self.toks.get(i).is_none_or(|t| t.nl_before)
    }

    pub(super) fn range(&self, i: usize) -> TextRange {
        self.toks.get(i).map(|t| t.range).unwrap_or_default()
    }

    pub(super) fn run(&mut self) {
        let mut i = 0;
        while i < self.toks.len() {
            i = self.item(i);
        }
    }

    /// Handles the token at `i`; returns the index to continue at.
    pub(super) fn item(&mut self, i: usize) -> usize {
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
                self.stack.close(p);
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
    pub(super) fn qualified(&self, mut i: usize, star: bool) -> (String, TextRange, usize) {
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
    pub(super) fn type_decl(&mut self, kw: usize, kind: TypeKind) -> usize {
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
        let mut full = name.as_ref().map(|n| match self.stack.owner() {
            Some(o) => format!("{o}.{}", n.value),
            None => n.value.clone(),
        });
        let (depth, in_unread) = self.stack.type_depth();
        if let (Some(n), Some(f)) = (&name, &full) {
            if depth >= MAX_TYPE_DEPTH || in_unread || f.len() > MAX_TYPE_NAME {
                // Neither the type nor what it holds is read; the file says so once (PL007).
                if self.out.unread.is_none() {
                    let why = if f.len() > MAX_TYPE_NAME {
                        format!("types whose full name is longer than {MAX_TYPE_NAME} bytes are not read")
                    } else {
                        format!("types nested deeper than {MAX_TYPE_DEPTH} levels are not read")
                    };
                    self.out.unread = Some(Spanned::new(why, n.range));
                }
                full = None;
            }
        }
        let unread = name.is_some() && full.is_none();
        if let (Some(n), Some(full)) = (&name, &full) {
            let is_abstract = self.abstract_before(kw);
            self.out.types.push(TypeDecl {
                name: Spanned::new(full.clone(), n.range),
                supertypes,
                kind,
                is_abstract,
            });
        }
        if self.is_punct(i, "{") {
            let frame = match full {
                Some(f) => FrameKind::Type(f, kind),
                None if unread || in_unread => FrameKind::Unread,
                None => FrameKind::Anonymous,
            };
            self.stack.push(Frame { close: "}", kind: frame });
            return i + 1;
        }
        i.max(kw + 1)
    }

    /// A type name at `i` (annotations, qualified name, generics, `?`), without its arguments.
    pub(super) fn read_type(&self, mut i: usize) -> (String, usize) {
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
    pub(super) fn skip_annotation(&self, mut i: usize) -> usize {
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
    pub(super) fn skip_balanced(&self, mut i: usize) -> usize {
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
    pub(super) fn skip_angles(&self, i: usize) -> usize {
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

    /// Whether the modifiers before the keyword at `kw` (back to the previous statement or brace)
    /// include `abstract` or Kotlin's `sealed`.
    fn abstract_before(&self, kw: usize) -> bool {
        let mut k = kw;
        while k > 0 {
            k -= 1;
            match self.tok(k) {
                Some(Tok::Ident("abstract" | "sealed")) => return true,
                // Another statement or declaration: the modifiers were not this type's.
                Some(Tok::Punct(";" | "{" | "}"))
                | Some(Tok::Ident(
                    "import" | "package" | "val" | "var" | "fun" | "class" | "interface" | "object" | "enum",
                ))
                | None => return false,
                _ => {}
            }
        }
        false
    }

    /// A literal (optionally negated number) at `i`: value, range, is_string, next index.
    pub(super) fn literal(&self, i: usize) -> Option<(String, TextRange, bool, usize)> {
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

    /// Literals joined by `+` at `i` (`"ab" + "cd"`, as the compiler folds them), or one literal:
    /// the value, a range from the first literal's content to the last one's, and the next index.
    pub(super) fn literal_sum(&self, i: usize) -> Option<(String, TextRange, bool, usize)> {
        let (mut value, mut range, is_string, mut next) = self.literal(i)?;
        while is_string && self.is_punct(next, "+") {
            let Some((v, r, true, n)) = self.literal(next + 1) else { break };
            value.push_str(&v);
            range = range.cover(r);
            next = n;
        }
        Some((value, range, is_string, next))
    }

    /// A constant's name at `i` (`OTHER`, `Keys.OTHER`), with the next index.
    pub(super) fn reference(&self, i: usize) -> Option<(Spanned<String>, usize)> {
        let first = self.ident(i)?;
        if matches!(first, "new" | "null" | "true" | "false" | "this") {
            return None;
        }
        let (name, range, next) = self.qualified(i, false);
        (!name.is_empty()).then(|| (Spanned::new(name, range), next))
    }

    /// Java: a field declaration whose first `=` is at `eq`, when it is a constant.
    pub(super) fn java_field(&mut self, eq: usize) -> usize {
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
            let name = Spanned::new(self.ident(name_at).unwrap_or_default().to_string(), self.range(name_at));
            let ends = |next: usize| self.is_punct(next, ";") || self.is_punct(next, ",");
            let next = match self.literal_sum(eq + 1) {
                Some((value, range, is_string, next)) if ends(next) => {
                    self.out.constants.push(ConstField {
                        name,
                        value: Spanned::new(value, range),
                        is_string,
                        owner: Some(owner.clone()),
                        declared_type: Some(ty.clone()),
                    });
                    next
                }
                Some(_) => return eq + 1,
                None => match self.reference(eq + 1) {
                    // `= OTHER_CONSTANT;`: kept as an alias, for secret detection.
                    Some((target, next)) if ends(next) => {
                        self.out.aliases.push(ConstAlias { name, target, owner: Some(owner.clone()) });
                        next
                    }
                    _ => return eq + 1,
                },
            };
            if self.is_punct(next, ",") && self.ident(next + 1).is_some() && self.is_punct(next + 2, "=") {
                name_at = next + 1;
                eq = next + 2;
            } else {
                return next;
            }
        }
    }

    /// Kotlin: `const val X = …`, or `val`/`var` in an object, companion or at top level.
    pub(super) fn kotlin_property(&mut self, at: usize) -> usize {
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
        // The literal must be the whole initializer.
        let ends = |next: usize| {
            let ends = next >= self.toks.len()
                || self.nl_before(next)
                || self.is_punct(next, ";")
                || self.is_punct(next, "}");
            ends && !matches!(self.tok(next), Some(Tok::Punct("." | "?." | "?:")))
        };
        // Constants of a companion belong to its class.
        let owner = owner.map(|(o, kind)| match (kind, o.rsplit_once('.')) {
            (TypeKind::Companion, Some((outer, _))) => outer.to_string(),
            _ => o,
        });
        // `= "a:b:${Versions.b}"`: a template, kept for the build logic's dependency constants.
        if let Some(Tok::Str { content, template: true, .. }) = self.tok(i + 1) {
            if ends(i + 2) {
                let value = Spanned::new(String::new(), *content);
                self.out.templates.push(ConstField {
                    name,
                    value,
                    is_string: true,
                    owner,
                    declared_type: declared,
                });
                return i + 2;
            }
        }
        let Some((value, range, is_string, next)) = self.literal_sum(i + 1) else {
            // `= OTHER_CONSTANT`: kept as an alias, for secret detection.
            if let Some((target, next)) = self.reference(i + 1).filter(|(_, n)| ends(*n)) {
                self.out.aliases.push(ConstAlias { name, target, owner });
                return next;
            }
            return at + 1;
        };
        if !ends(next) {
            return at + 1;
        }
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
pub(super) fn strip_suffix(n: &str) -> &str {
    let hex = n.starts_with("0x") || n.starts_with("0X");
    let mut s = n.trim_end_matches(['L', 'l']).trim_end_matches(['u', 'U']);
    if !hex {
        s = s.trim_end_matches(['f', 'F', 'd', 'D']);
    }
    if s.is_empty() { n } else { s }
}
