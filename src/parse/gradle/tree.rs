//! Block tree of a build script: statements, calls with arguments and closures, assignments,
//! literals. Lenient: unknown syntax is skipped to the end of its statement; nesting is bounded.

use super::MAX_ERRORS;
use super::lexer::{StrLit, Tok, Token};
use crate::parse::{MAX_DEPTH, ParseError};
use crate::span::{Spanned, TextRange};

/// Bound on `a.b.c(…)[…]` postfix chains, which build left-nested nodes.
const MAX_CHAIN: usize = MAX_DEPTH;

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub kind: Kind,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Kind {
    Ident(String),
    Str(Box<StrLit>),
    Int(i64),
    Num,
    Bool(bool),
    Null,
    /// `a.b`, `a?.b`, `a*.b`: the target and the member name.
    Member(Box<Node>, Spanned<String>),
    /// `a[i]`.
    Index(Box<Node>, Box<Node>),
    Call(Box<Call>),
    List(Vec<Node>),
    /// Groovy `[k: v]`, also `[:]`.
    Map(Vec<Arg>),
    Closure(Block),
    /// `a op b op c …`, flat and without precedence: only used as opaque values, Kotlin
    /// `"k" to v` pairs and the infix `version`/`apply` of plugin declarations.
    Binary(Vec<Node>, Vec<Spanned<String>>),
    Unknown,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Call {
    pub callee: Node,
    pub args: Vec<Arg>,
    pub closure: Option<Block>,
    /// Groovy command syntax `foo a, b` (no parentheses).
    pub command: bool,
}

/// A call argument or map entry; `name` is set for `k: v` and Kotlin `k = v`. A computed
/// Groovy map key `(expr): v` has an empty name.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Arg {
    pub name: Option<Spanned<String>>,
    pub value: Node,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Block {
    pub stmts: Vec<Stmt>,
    /// From `{` to `}` (the whole file for the top level).
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Stmt {
    Expr(Node),
    Assign {
        target: Node,
        op: &'static str,
        value: Node,
        range: TextRange,
    },
    /// `def x = v`, `val x = v`, `String x = v`, `val x by extra(v)` (`by` set).
    Local {
        name: Spanned<String>,
        value: Option<Node>,
        by: bool,
        range: TextRange,
    },
    /// Branches that may or may not run: `if`/`else`, `when`, loops, `catch`.
    Cond(Vec<Block>),
    /// Statements that run in order (`try` and `finally` bodies).
    Seq(Block),
}

impl Node {
    pub(crate) fn new(kind: Kind, range: TextRange) -> Node {
        Node { kind, range }
    }
    fn unknown(range: TextRange) -> Node {
        Node { kind: Kind::Unknown, range }
    }
}

const ASSIGN_OPS: [&str; 10] = ["=", "+=", "-=", "*=", "/=", "%=", "?=", "|=", "&=", "^="];
const BIN_OPS: [&str; 31] = [
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "==",
    "!=",
    "===",
    "!==",
    "<",
    ">",
    "<=",
    ">=",
    "<=>",
    "&&",
    "||",
    "?:",
    "->",
    "..",
    "..<",
    "=~",
    "==~",
    "<<",
    "&",
    "|",
    "^",
    "?",
    "instanceof",
    "!in",
    "!is",
];
/// Operators that continue an expression on the next line.
const CONT_OPS: [&str; 3] = ["?:", "&&", "||"];
/// Identifiers that never start a command argument or an infix call's operand.
const KEYWORDS: [&str; 12] =
    ["else", "in", "as", "is", "instanceof", "by", "catch", "finally", "where", "while", "when", "if"];
const MODIFIERS: [&str; 15] = [
    "def",
    "val",
    "var",
    "final",
    "static",
    "private",
    "public",
    "protected",
    "internal",
    "const",
    "lateinit",
    "override",
    "inline",
    "transient",
    "synchronized",
];
const DECLS: [&str; 5] = ["fun", "class", "interface", "typealias", "enum"];

pub(crate) struct Parser<'a> {
    toks: Vec<Token>,
    pos: usize,
    /// Expected closers of the open delimiters: `}` (newlines end statements) or `)`/`]`.
    open: Vec<&'static str>,
    /// Nesting limit for delimiters; recursive calls (statements, expressions) get three per level.
    max_depth: usize,
    rec: usize,
    last_end: usize,
    eof: Token,
    errors: &'a mut Vec<ParseError>,
}

fn is_closer(op: &str) -> bool {
    matches!(op, "}" | ")" | "]")
}

fn is_opener(op: &str) -> bool {
    matches!(op, "{" | "(" | "[")
}

/// `a`, `a.b.c` (no calls, no indexing): the head of a Groovy command call.
fn is_plain_path(node: &Node) -> bool {
    let mut cur = node;
    loop {
        match &cur.kind {
            Kind::Ident(_) => return true,
            Kind::Member(t, _) => cur = t,
            _ => return false,
        }
    }
}

impl<'a> Parser<'a> {
    pub(crate) fn new(
        toks: Vec<Token>,
        text_len: usize,
        max_depth: usize,
        errors: &'a mut Vec<ParseError>,
    ) -> Self {
        let eof = Token { tok: Tok::Eof, range: TextRange::empty(text_len), nl_before: true };
        Parser { toks, pos: 0, open: Vec::new(), max_depth, rec: 0, last_end: 0, eof, errors }
    }

    fn rec_full(&self) -> bool {
        self.rec >= self.max_depth * 3
    }

    fn peek(&self) -> &Token {
        self.toks.get(self.pos).unwrap_or(&self.eof)
    }

    fn peek_at(&self, n: usize) -> &Token {
        self.toks.get(self.pos + n).unwrap_or(&self.eof)
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        self.advance();
        t
    }

    /// Moves past the current token without copying it (most callers only skip it).
    fn advance(&mut self) {
        if let Some(t) = self.toks.get(self.pos) {
            self.last_end = t.range.end as usize;
            self.pos += 1;
        }
    }

    fn is_op(&self, op: &str) -> bool {
        matches!(&self.peek().tok, Tok::Op(o) if *o == op)
    }

    fn is_kw(&self, kw: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(n) if n == kw)
    }

    fn at_eof(&self) -> bool {
        self.pos >= self.toks.len()
    }

    fn err(&mut self, range: TextRange, msg: impl Into<String>) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(ParseError::new(range, msg));
        }
    }

    /// Newlines separate statements here (inside `{}` or at the top level, not inside `()`/`[]`).
    fn nl_significant(&self) -> bool {
        !matches!(self.open.last(), Some(&")") | Some(&"]"))
    }

    fn line_break(&self) -> bool {
        self.nl_significant() && self.peek().nl_before
    }

    fn at_stmt_end(&self) -> bool {
        match &self.peek().tok {
            Tok::Eof => true,
            Tok::Op(o) if *o == ";" || is_closer(o) => true,
            _ => self.line_break(),
        }
    }

    fn range_from(&self, start: u32) -> TextRange {
        TextRange::new(start as usize, self.last_end.max(start as usize))
    }

    /// Skips a balanced group starting at the current opener (iteratively: any depth is fine).
    fn skip_balanced(&mut self) {
        let open_range = self.peek().range;
        let mut depth = 0usize;
        loop {
            match &self.peek().tok {
                Tok::Eof => {
                    self.err(open_range, "unclosed delimiter");
                    return;
                }
                Tok::Op(o) if is_opener(o) => depth += 1,
                Tok::Op(o) if is_closer(o) => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.advance();
                        return;
                    }
                }
                _ => {}
            }
            self.advance();
            if depth == 0 {
                return;
            }
        }
    }

    /// Skips what is left of an unsupported statement.
    fn skip_to_stmt_end(&mut self) {
        while !self.at_stmt_end() {
            if matches!(&self.peek().tok, Tok::Op(o) if is_opener(o)) {
                self.skip_balanced();
            } else {
                self.advance();
            }
        }
    }

    /// Consumes an opener, or reports too deep nesting and skips the whole group.
    fn enter(&mut self, closer: &'static str) -> bool {
        if self.open.len() >= self.max_depth {
            let r = self.peek().range;
            self.err(r, format!("nesting deeper than {} levels is not followed", self.max_depth));
            self.skip_balanced();
            return false;
        }
        self.advance();
        self.open.push(closer);
        true
    }

    /// True when `closer` closes a group opened outside the innermost one.
    fn closes_outer(&self, closer: &str) -> bool {
        let n = self.open.len().saturating_sub(1);
        self.open.get(..n).is_some_and(|outer| outer.contains(&closer))
    }

    /// Finds the closer of the innermost group (skipping leftovers) and pops it.
    fn close(&mut self, closer: &'static str, open_range: TextRange) {
        loop {
            let t = self.peek().clone();
            match &t.tok {
                Tok::Eof => {
                    self.err(open_range, format!("unclosed delimiter (expected `{closer}`)"));
                    break;
                }
                Tok::Op(o) if *o == closer => {
                    self.advance();
                    break;
                }
                Tok::Op(o) if is_closer(o) => {
                    if self.closes_outer(o) {
                        self.err(open_range, format!("unclosed delimiter (expected `{closer}`)"));
                        break;
                    }
                    self.err(t.range, format!("unexpected `{o}`"));
                    self.advance();
                }
                Tok::Op(o) if is_opener(o) => self.skip_balanced(),
                _ => {
                    self.advance();
                }
            }
        }
        self.open.pop();
    }

    // ---- statements ----

    pub(crate) fn parse_file(&mut self) -> Block {
        let mut stmts = Vec::new();
        while !self.at_eof() {
            let t = self.peek().clone();
            match &t.tok {
                Tok::Op(";") => {
                    self.advance();
                }
                Tok::Op(o) if is_closer(o) => {
                    self.err(t.range, format!("unexpected `{o}`"));
                    self.advance();
                }
                _ => self.statement_progress(&mut stmts),
            }
        }
        Block { stmts, range: TextRange::new(0, self.eof.range.end as usize) }
    }

    fn statement_progress(&mut self, out: &mut Vec<Stmt>) {
        let p = self.pos;
        self.statement(out);
        if self.pos == p {
            self.advance();
        }
    }

    /// `{ … }`: the current token must be `{`.
    fn block(&mut self) -> Block {
        let open = self.peek().range;
        if !self.enter("}") {
            return Block { stmts: Vec::new(), range: self.range_from(open.start) };
        }
        let mut stmts = Vec::new();
        loop {
            let t = self.peek().clone();
            match &t.tok {
                Tok::Eof => {
                    self.err(open, "unclosed `{`");
                    self.open.pop();
                    break;
                }
                Tok::Op(";") => {
                    self.advance();
                }
                Tok::Op("}") => {
                    self.advance();
                    self.open.pop();
                    break;
                }
                Tok::Op(o) if is_closer(o) => {
                    if self.closes_outer(o) {
                        self.err(open, "unclosed `{`");
                        self.open.pop();
                        break;
                    }
                    self.err(t.range, format!("unexpected `{o}`"));
                    self.advance();
                }
                _ => self.statement_progress(&mut stmts),
            }
        }
        Block { stmts, range: self.range_from(open.start) }
    }

    /// The body of an `if`/`else`/loop: a block or a single statement.
    fn branch(&mut self) -> Block {
        if self.is_op("{") {
            return self.block();
        }
        let start = self.peek().range.start;
        let mut stmts = Vec::new();
        if !self.at_stmt_end() {
            self.statement(&mut stmts);
        }
        Block { stmts, range: self.range_from(start) }
    }

    fn skip_parens(&mut self) {
        if self.is_op("(") {
            self.skip_balanced();
        }
    }

    fn statement(&mut self, out: &mut Vec<Stmt>) {
        if self.rec_full() {
            let r = self.peek().range;
            self.err(r, "statement nested too deeply");
            self.skip_to_stmt_end();
            return;
        }
        self.rec += 1;
        self.statement_inner(out);
        self.rec -= 1;
    }

    fn statement_inner(&mut self, out: &mut Vec<Stmt>) {
        let start = self.peek().range.start;
        // Annotations: `@Suppress("x")`.
        while self.is_op("@") {
            self.advance();
            while matches!(self.peek().tok, Tok::Ident(_)) || self.is_op(".") {
                self.advance();
            }
            self.skip_parens();
        }
        let kw = match &self.peek().tok {
            Tok::Ident(n) => n.clone(),
            _ => String::new(),
        };
        match kw.as_str() {
            "import" | "package" => {
                self.advance();
                while !self.at_eof() && !self.peek().nl_before && !self.is_op(";") {
                    self.advance();
                }
                return;
            }
            "if" => return self.if_stmt(out),
            "when" | "switch" => return self.when_stmt(out),
            "for" | "while" => {
                self.advance();
                self.skip_parens();
                let body = self.branch();
                out.push(Stmt::Cond(vec![body]));
                return;
            }
            "do" => {
                self.advance();
                let body = self.branch();
                out.push(Stmt::Cond(vec![body]));
                if self.is_kw("while") {
                    self.advance();
                    self.skip_parens();
                }
                return;
            }
            "try" => {
                self.advance();
                out.push(Stmt::Seq(self.branch()));
                loop {
                    if self.is_kw("catch") {
                        self.advance();
                        self.skip_parens();
                        let b = self.branch();
                        out.push(Stmt::Cond(vec![b]));
                    } else if self.is_kw("finally") {
                        self.advance();
                        out.push(Stmt::Seq(self.branch()));
                    } else {
                        break;
                    }
                }
                return;
            }
            "return" | "throw" | "break" | "continue" | "assert" | "else" | "case" | "default" => {
                self.advance();
                self.skip_to_stmt_end();
                return;
            }
            _ => {}
        }
        if DECLS.contains(&kw.as_str())
            || (matches!(kw.as_str(), "data" | "sealed" | "abstract" | "open" | "inner" | "object" | "enum")
                && matches!(&self.peek_at(1).tok, Tok::Ident(_)))
        {
            return self.skip_decl();
        }
        if MODIFIERS.contains(&kw.as_str()) {
            while matches!(&self.peek().tok, Tok::Ident(n) if MODIFIERS.contains(&n.as_str())) {
                self.advance();
            }
            if matches!(&self.peek().tok, Tok::Ident(n) if DECLS.contains(&n.as_str())) {
                return self.skip_decl();
            }
            return self.local(out, start);
        }
        if let Some(type_len) = self.typed_local_at() {
            for _ in 0..type_len {
                self.advance();
            }
            return self.local(out, start);
        }
        self.expr_stmt(out, start);
    }

    fn skip_decl(&mut self) {
        // The keyword itself may start a line, which `at_stmt_end` would take for the end.
        self.advance();
        loop {
            if self.at_stmt_end() {
                return;
            }
            if self.is_op("{") {
                self.skip_balanced();
                return;
            }
            if self.is_op("=") {
                self.advance();
                let _ = self.expr();
                return;
            }
            if matches!(&self.peek().tok, Tok::Op(o) if is_opener(o)) {
                self.skip_balanced();
            } else {
                self.advance();
            }
        }
    }

    /// Groovy `Type name = …` / `Type<A, B> name = …` at the statement start: how many tokens the type takes.
    fn typed_local_at(&self) -> Option<usize> {
        let Tok::Ident(t) = &self.peek().tok else { return None };
        if KEYWORDS.contains(&t.as_str()) {
            return None;
        }
        let mut n = 1;
        if matches!(self.peek_at(1).tok, Tok::Op("<")) {
            n = 1 + self.generic_len_at(self.pos + 1)?;
        }
        while matches!(self.peek_at(n).tok, Tok::Op("[")) && matches!(self.peek_at(n + 1).tok, Tok::Op("]")) {
            n += 2;
        }
        let name = self.peek_at(n);
        let eq = self.peek_at(n + 1);
        (matches!(&name.tok, Tok::Ident(_))
            && !name.nl_before
            && matches!(eq.tok, Tok::Op("="))
            && !eq.nl_before)
            .then_some(n)
    }

    /// At `<`: the number of tokens of a type-argument list `<…>`, if it looks like one.
    fn generic_len_at(&self, at: usize) -> Option<usize> {
        let mut depth = 0usize;
        for (k, t) in self.toks.get(at..)?.iter().take(64).enumerate() {
            match &t.tok {
                Tok::Op("<") => depth += 1,
                Tok::Op(">") => {
                    depth = depth.checked_sub(1)?;
                    if depth == 0 {
                        return Some(k + 1);
                    }
                }
                Tok::Ident(_) | Tok::Op(",") | Tok::Op(".") | Tok::Op("?") | Tok::Op("*") => {}
                _ => return None,
            }
        }
        None
    }

    fn local(&mut self, out: &mut Vec<Stmt>, start: u32) {
        if self.is_op("(") {
            // `def (a, b) = …`: multiple assignment, not recorded.
            self.skip_to_stmt_end();
            return;
        }
        // Groovy `def Type name = …`
        if matches!(self.peek().tok, Tok::Ident(_)) && matches!(self.peek_at(1).tok, Tok::Ident(_)) {
            if !self.peek_at(1).nl_before && !matches!(&self.peek_at(1).tok, Tok::Ident(n) if n == "by") {
                self.advance();
            }
        } else if matches!(self.peek().tok, Tok::Ident(_)) && self.is_generic_type_then_name() {
            let n = self.generic_len_at(self.pos + 1).unwrap_or(0);
            for _ in 0..=n {
                self.advance();
            }
        }
        let t = self.peek().clone();
        let Tok::Ident(name) = t.tok else {
            self.skip_to_stmt_end();
            return;
        };
        self.advance();
        let name = Spanned::new(name, t.range);
        if self.is_op("(") {
            // A Groovy method definition `def f(…) { … }`.
            self.skip_balanced();
            if self.is_op("{") {
                self.skip_balanced();
            }
            return;
        }
        if self.is_op(":") {
            self.advance();
            while !self.at_stmt_end() && !self.is_op("=") && !self.is_kw("by") {
                if matches!(&self.peek().tok, Tok::Op(o) if is_opener(o)) {
                    self.skip_balanced();
                } else {
                    self.advance();
                }
            }
        }
        let (value, by) = if self.is_op("=") && !self.line_break() {
            self.advance();
            (Some(self.expr()), false)
        } else if self.is_kw("by") {
            self.advance();
            (Some(self.expr()), true)
        } else {
            (None, false)
        };
        let range = self.range_from(start);
        out.push(Stmt::Local { name, value, by, range });
        self.skip_to_stmt_end();
    }

    fn is_generic_type_then_name(&self) -> bool {
        matches!(self.peek_at(1).tok, Tok::Op("<"))
            && self
                .generic_len_at(self.pos + 1)
                .is_some_and(|n| matches!(self.peek_at(n + 1).tok, Tok::Ident(_)))
    }

    fn if_stmt(&mut self, out: &mut Vec<Stmt>) {
        self.advance();
        self.skip_parens();
        let mut branches = vec![self.branch()];
        loop {
            // `if (a) x; else y`
            if self.is_op(";") && matches!(&self.peek_at(1).tok, Tok::Ident(n) if n == "else") {
                self.advance();
            }
            if !self.is_kw("else") {
                break;
            }
            self.advance();
            if self.is_kw("if") {
                self.advance();
                self.skip_parens();
                branches.push(self.branch());
            } else {
                branches.push(self.branch());
                break;
            }
        }
        out.push(Stmt::Cond(branches));
    }

    /// Kotlin `when (x) { a -> …; else -> … }`; Groovy `switch` bodies are read as one branch.
    fn when_stmt(&mut self, out: &mut Vec<Stmt>) {
        let is_switch = self.is_kw("switch");
        self.advance();
        self.skip_parens();
        if !self.is_op("{") {
            self.skip_to_stmt_end();
            return;
        }
        if is_switch {
            let b = self.block();
            out.push(Stmt::Cond(vec![b]));
            return;
        }
        let open = self.peek().range;
        if !self.enter("}") {
            return;
        }
        let mut branches = Vec::new();
        loop {
            let t = self.peek().clone();
            match &t.tok {
                Tok::Eof => {
                    self.err(open, "unclosed `{`");
                    self.open.pop();
                    break;
                }
                Tok::Op(";") => {
                    self.advance();
                    continue;
                }
                Tok::Op("}") => {
                    self.advance();
                    self.open.pop();
                    break;
                }
                Tok::Op(o) if is_closer(o) => {
                    if self.closes_outer(o) {
                        self.err(open, "unclosed `{`");
                        self.open.pop();
                        break;
                    }
                    self.err(t.range, format!("unexpected `{o}`"));
                    self.advance();
                    continue;
                }
                _ => {}
            }
            // The conditions up to `->`.
            let mut arrow = false;
            loop {
                match &self.peek().tok {
                    Tok::Op("->") => {
                        self.advance();
                        arrow = true;
                        break;
                    }
                    Tok::Eof => break,
                    Tok::Op(o) if is_closer(o) => break,
                    Tok::Op(o) if is_opener(o) => self.skip_balanced(),
                    _ => {
                        self.advance();
                    }
                }
            }
            if arrow {
                branches.push(self.branch());
            }
        }
        out.push(Stmt::Cond(branches));
    }

    fn cmd_arg_start(&self) -> bool {
        let t = self.peek();
        if t.nl_before {
            return false;
        }
        match &t.tok {
            Tok::Str(_) | Tok::Int(_) | Tok::Num => true,
            Tok::Ident(n) => !KEYWORDS.contains(&n.as_str()),
            _ => false,
        }
    }

    fn expr_stmt(&mut self, out: &mut Vec<Stmt>, start: u32) {
        if self.rec_full() {
            self.skip_to_stmt_end();
            return;
        }
        self.rec += 1;
        let head = self.unary();
        let node = if is_plain_path(&head) && self.cmd_arg_start() {
            let mut args = Vec::new();
            loop {
                let p = self.pos;
                args.push(self.arg(false));
                if self.is_op(",") && self.pos > p {
                    self.advance();
                } else {
                    break;
                }
            }
            let range = self.range_from(head.range.start);
            Node::new(Kind::Call(Box::new(Call { callee: head, args, closure: None, command: true })), range)
        } else {
            self.binary_rest(head)
        };
        let assign = match &self.peek().tok {
            Tok::Op(o) if ASSIGN_OPS.contains(o) && !self.line_break() => Some(*o),
            _ => None,
        };
        if let Some(op) = assign {
            self.advance();
            let value = self.expr();
            let range = self.range_from(start);
            out.push(Stmt::Assign { target: node, op, value, range });
        } else {
            out.push(Stmt::Expr(node));
        }
        self.rec -= 1;
        self.skip_to_stmt_end();
    }

    // ---- expressions ----

    pub(crate) fn expr(&mut self) -> Node {
        if self.rec_full() {
            let r = self.peek().range;
            self.err(r, "expression nested too deeply");
            self.skip_to_stmt_end();
            return Node::unknown(r);
        }
        self.rec += 1;
        let first = self.unary();
        let n = self.binary_rest(first);
        self.rec -= 1;
        n
    }

    /// An identifier on the same line followed by an operand: Kotlin infix call / Groovy chain word.
    fn infix_at(&self) -> bool {
        let t = self.peek();
        if t.nl_before && self.nl_significant() {
            return false;
        }
        let Tok::Ident(n) = &t.tok else { return false };
        if matches!(n.as_str(), "else" | "catch" | "finally" | "where" | "while" | "if" | "when") {
            return false;
        }
        let next = self.peek_at(1);
        if next.nl_before && self.nl_significant() {
            return false;
        }
        match &next.tok {
            Tok::Str(_) | Tok::Int(_) | Tok::Num => true,
            // Not `… exclude group: 'x'` (a Groovy command chain with named arguments).
            Tok::Ident(m) => !KEYWORDS.contains(&m.as_str()) && !matches!(self.peek_at(2).tok, Tok::Op(":")),
            Tok::Op(o) => matches!(*o, "(" | "[" | "-") && matches!(n.as_str(), "in" | "!in" | "to" | "as"),
            _ => false,
        }
    }

    fn binary_rest(&mut self, first: Node) -> Node {
        let start = first.range.start;
        let mut operands = vec![first];
        let mut ops: Vec<Spanned<String>> = Vec::new();
        loop {
            let t = self.peek().clone();
            let op = match &t.tok {
                Tok::Op(o) if BIN_OPS.contains(o) => *o,
                _ if self.infix_at() => "",
                _ => break,
            };
            if !op.is_empty() && self.line_break() && !CONT_OPS.contains(&op) {
                break;
            }
            self.advance();
            let name = match &t.tok {
                Tok::Ident(n) => n.clone(),
                _ => op.to_string(),
            };
            ops.push(Spanned::new(name, t.range));
            if op == "?" {
                // Ternary: `c ? a : b`.
                operands.push(self.expr());
                if self.is_op(":") {
                    let c = self.bump();
                    ops.push(Spanned::new(":".to_string(), c.range));
                    operands.push(self.expr());
                }
                continue;
            }
            if self.at_eof() {
                break;
            }
            operands.push(self.unary());
        }
        if ops.is_empty() {
            return operands.pop().unwrap_or_else(|| Node::unknown(TextRange::empty(start as usize)));
        }
        let range = self.range_from(start);
        Node::new(Kind::Binary(operands, ops), range)
    }

    fn unary(&mut self) -> Node {
        let start = self.peek().range.start;
        let mut prefix: Vec<&'static str> = Vec::new();
        while let Tok::Op(o) = &self.peek().tok {
            if matches!(*o, "-" | "+" | "!" | "~" | "++" | "--" | "!!" | "*" | "&") {
                prefix.push(o);
                self.advance();
            } else {
                break;
            }
        }
        let operand = self.postfix();
        if prefix.is_empty() {
            return operand;
        }
        let range = self.range_from(start);
        match (prefix.as_slice(), &operand.kind) {
            (["-"], Kind::Int(n)) => Node::new(Kind::Int(n.wrapping_neg()), range),
            (["+"], Kind::Int(n)) => Node::new(Kind::Int(*n), range),
            _ => Node::unknown(range),
        }
    }

    fn postfix(&mut self) -> Node {
        let mut node = self.primary();
        let start = node.range.start;
        for _ in 0..MAX_CHAIN {
            let t = self.peek().clone();
            let same_line = !self.line_break();
            match &t.tok {
                Tok::Op(".")
                | Tok::Op("?.")
                | Tok::Op("*.")
                | Tok::Op(".&")
                | Tok::Op(".@")
                | Tok::Op("::") => {
                    let next = self.peek_at(1).clone();
                    let member = match &next.tok {
                        Tok::Ident(n) => Spanned::new(n.clone(), next.range),
                        Tok::Str(lit) => match lit.value.literal() {
                            Some(s) => Spanned::new(s, lit.content),
                            None => break,
                        },
                        _ => break,
                    };
                    self.advance();
                    self.advance();
                    let range = self.range_from(start);
                    node = Node::new(Kind::Member(Box::new(node), member), range);
                }
                Tok::Op("(") if same_line => {
                    let args = self.call_args();
                    let closure =
                        if self.is_op("{") && !self.line_break() { Some(self.block()) } else { None };
                    let range = self.range_from(start);
                    node = Node::new(
                        Kind::Call(Box::new(Call { callee: node, args, closure, command: false })),
                        range,
                    );
                }
                Tok::Op("[") if same_line => {
                    let open = t.range;
                    if !self.enter("]") {
                        return Node::unknown(self.range_from(start));
                    }
                    let idx = self.expr();
                    self.close("]", open);
                    let range = self.range_from(start);
                    node = Node::new(Kind::Index(Box::new(node), Box::new(idx)), range);
                }
                Tok::Op("{") if same_line => {
                    let callable = match &node.kind {
                        Kind::Ident(_) | Kind::Member(..) | Kind::Str(_) => true,
                        Kind::Call(c) => c.closure.is_none(),
                        _ => false,
                    };
                    if !callable {
                        break;
                    }
                    let block = self.block();
                    let range = self.range_from(start);
                    node = match node.kind {
                        Kind::Call(mut c) => {
                            c.closure = Some(block);
                            Node::new(Kind::Call(c), range)
                        }
                        kind => {
                            let callee = Node { kind, range: node.range };
                            Node::new(
                                Kind::Call(Box::new(Call {
                                    callee,
                                    args: Vec::new(),
                                    closure: Some(block),
                                    command: false,
                                })),
                                range,
                            )
                        }
                    };
                }
                Tok::Op("!!") | Tok::Op("++") | Tok::Op("--") if same_line => {
                    self.advance();
                }
                Tok::Op("<") if same_line => match self.generic_len_at(self.pos) {
                    Some(n)
                        if matches!(
                            self.peek_at(n).tok,
                            Tok::Op("(") | Tok::Op("{") | Tok::Op(".") | Tok::Op("::") | Tok::Op("?.")
                        ) =>
                    {
                        for _ in 0..n {
                            self.advance();
                        }
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        node
    }

    fn primary(&mut self) -> Node {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Ident(name) => match name.as_str() {
                "true" | "false" => {
                    self.advance();
                    Node::new(Kind::Bool(name == "true"), t.range)
                }
                "null" => {
                    self.advance();
                    Node::new(Kind::Null, t.range)
                }
                "new" => self.new_expr(),
                "if" => {
                    self.advance();
                    self.skip_parens();
                    self.branch_expr();
                    while self.is_kw("else") {
                        self.advance();
                        if self.is_kw("if") {
                            self.advance();
                            self.skip_parens();
                            self.branch_expr();
                        } else {
                            self.branch_expr();
                            break;
                        }
                    }
                    Node::unknown(self.range_from(t.range.start))
                }
                "when" | "switch" => {
                    self.advance();
                    self.skip_parens();
                    if self.is_op("{") {
                        self.skip_balanced();
                    }
                    Node::unknown(self.range_from(t.range.start))
                }
                "try" => {
                    self.advance();
                    self.branch_expr();
                    while self.is_kw("catch") || self.is_kw("finally") {
                        self.advance();
                        self.skip_parens();
                        self.branch_expr();
                    }
                    Node::unknown(self.range_from(t.range.start))
                }
                "object" => {
                    self.advance();
                    while !self.at_stmt_end() && !self.is_op("{") {
                        self.advance();
                    }
                    if self.is_op("{") {
                        self.skip_balanced();
                    }
                    Node::unknown(self.range_from(t.range.start))
                }
                "return" | "throw" => {
                    self.advance();
                    if !self.at_stmt_end() && !self.is_op(",") {
                        let _ = self.expr();
                    }
                    Node::unknown(self.range_from(t.range.start))
                }
                _ => {
                    self.advance();
                    Node::new(Kind::Ident(name.clone()), t.range)
                }
            },
            Tok::Str(lit) => {
                self.advance();
                Node::new(Kind::Str(lit.clone()), t.range)
            }
            Tok::Int(n) => {
                self.advance();
                Node::new(Kind::Int(*n), t.range)
            }
            Tok::Num => {
                self.advance();
                Node::new(Kind::Num, t.range)
            }
            Tok::Op("(") => {
                if !self.enter(")") {
                    return Node::unknown(self.range_from(t.range.start));
                }
                if self.is_op(")") {
                    self.close(")", t.range);
                    return Node::unknown(self.range_from(t.range.start));
                }
                let inner = self.expr();
                self.close(")", t.range);
                inner
            }
            Tok::Op("[") => self.list_or_map(),
            Tok::Op("{") => {
                let b = self.block();
                let range = b.range;
                Node::new(Kind::Closure(b), range)
            }
            Tok::Op("@") | Tok::Op("::") => {
                self.advance();
                if matches!(self.peek().tok, Tok::Ident(_)) {
                    self.advance();
                }
                Node::unknown(self.range_from(t.range.start))
            }
            Tok::Eof => Node::unknown(TextRange::empty(t.range.start as usize)),
            Tok::Op(o) if is_closer(o) || matches!(*o, ";" | "," | ":" | "=" | "->") => {
                Node::unknown(TextRange::empty(t.range.start as usize))
            }
            _ => {
                self.advance();
                Node::unknown(t.range)
            }
        }
    }

    fn branch_expr(&mut self) {
        if self.is_op("{") {
            self.skip_balanced();
        } else if !self.at_stmt_end() {
            let _ = self.expr();
        }
    }

    /// `new a.b.Type<…>(args)`: a call of the type name.
    fn new_expr(&mut self) -> Node {
        let start = self.bump().range.start;
        let t = self.peek().clone();
        let Tok::Ident(name) = &t.tok else { return Node::unknown(self.range_from(start)) };
        self.advance();
        let mut callee = Node::new(Kind::Ident(name.clone()), t.range);
        while self.is_op(".") {
            let n = self.peek_at(1).clone();
            let Tok::Ident(m) = &n.tok else { break };
            self.advance();
            self.advance();
            let range = self.range_from(callee.range.start);
            callee = Node::new(Kind::Member(Box::new(callee), Spanned::new(m.clone(), n.range)), range);
        }
        if self.is_op("<") {
            if let Some(n) = self.generic_len_at(self.pos) {
                for _ in 0..n {
                    self.advance();
                }
            }
        }
        if !self.is_op("(") {
            return Node::unknown(self.range_from(start));
        }
        let args = self.call_args();
        if self.is_op("{") && !self.line_break() {
            // Anonymous class body.
            self.skip_balanced();
        }
        let range = self.range_from(start);
        Node::new(Kind::Call(Box::new(Call { callee, args, closure: None, command: false })), range)
    }

    fn list_or_map(&mut self) -> Node {
        let open = self.peek().range;
        if !self.enter("]") {
            return Node::unknown(self.range_from(open.start));
        }
        if self.is_op(":") && matches!(self.peek_at(1).tok, Tok::Op("]")) {
            self.advance();
            self.close("]", open);
            return Node::new(Kind::Map(Vec::new()), self.range_from(open.start));
        }
        let mut items = Vec::new();
        let mut is_map = false;
        loop {
            if self.at_eof() || matches!(&self.peek().tok, Tok::Op(o) if is_closer(o)) {
                break;
            }
            if self.is_op(",") {
                self.advance();
                continue;
            }
            let p = self.pos;
            let a = self.arg(false);
            is_map |= a.name.is_some();
            items.push(a);
            if self.is_op(",") {
                self.advance();
            } else if self.pos == p || !self.is_op("]") {
                break;
            }
        }
        self.close("]", open);
        let range = self.range_from(open.start);
        if is_map {
            Node::new(Kind::Map(items), range)
        } else {
            Node::new(Kind::List(items.into_iter().map(|a| a.value).collect()), range)
        }
    }

    /// `(args)`: the current token must be `(`.
    fn call_args(&mut self) -> Vec<Arg> {
        let open = self.peek().range;
        let mut args = Vec::new();
        if !self.enter(")") {
            return args;
        }
        loop {
            if self.at_eof() || matches!(&self.peek().tok, Tok::Op(o) if is_closer(o)) {
                break;
            }
            if self.is_op(",") {
                self.advance();
                continue;
            }
            let p = self.pos;
            args.push(self.arg(true));
            if self.is_op(",") {
                self.advance();
            } else if self.pos == p || !self.is_op(")") {
                break;
            }
        }
        self.close(")", open);
        args
    }

    /// One argument or map entry: `k: v`, `"k": v`, Kotlin `k = v` (when `allow_eq`), or a value.
    fn arg(&mut self, allow_eq: bool) -> Arg {
        let t = self.peek().clone();
        let n1 = self.peek_at(1).clone();
        let colon = matches!(n1.tok, Tok::Op(":"));
        let name = match &t.tok {
            Tok::Ident(n) if colon || (allow_eq && matches!(n1.tok, Tok::Op("="))) => {
                Some(Spanned::new(n.clone(), t.range))
            }
            Tok::Str(lit) if colon => {
                Some(Spanned::new(lit.value.literal().unwrap_or_default(), lit.content))
            }
            Tok::Int(i) if colon => Some(Spanned::new(i.to_string(), t.range)),
            _ => None,
        };
        if let Some(name) = name {
            self.advance();
            self.advance();
            return Arg { name: Some(name), value: self.expr() };
        }
        let value = self.expr();
        if self.is_op(":") {
            // A computed Groovy map key `(expr): v`.
            self.advance();
            let key = Spanned::new(String::new(), value.range);
            return Arg { name: Some(key), value: self.expr() };
        }
        Arg { name: None, value }
    }
}
