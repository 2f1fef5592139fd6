//! Block tree of a build script: statements, calls with arguments and closures, assignments,
//! literals. Lenient: unknown syntax is skipped to the end of its statement; nesting is bounded.

use super::MAX_ERRORS;
use super::lexer::{StrLit, Tok, Token};
use crate::parse::{MAX_DEPTH, ParseError};
use crate::span::{Spanned, TextRange};

mod expr;
mod stmt;

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
}
