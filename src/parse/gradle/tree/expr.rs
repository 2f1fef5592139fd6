//! Expressions: operators, postfix chains, literals, lists and maps, call arguments.

use super::*;

impl Parser<'_> {
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
    pub(super) fn infix_at(&self) -> bool {
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

    pub(super) fn binary_rest(&mut self, first: Node) -> Node {
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

    pub(super) fn unary(&mut self) -> Node {
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

    pub(super) fn postfix(&mut self) -> Node {
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

    pub(super) fn primary(&mut self) -> Node {
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

    pub(super) fn branch_expr(&mut self) {
        if self.is_op("{") {
            self.skip_balanced();
        } else if !self.at_stmt_end() {
            let _ = self.expr();
        }
    }

    /// `new a.b.Type<…>(args)`: a call of the type name.
    pub(super) fn new_expr(&mut self) -> Node {
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

    pub(super) fn list_or_map(&mut self) -> Node {
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
    pub(super) fn call_args(&mut self) -> Vec<Arg> {
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
    pub(super) fn arg(&mut self, allow_eq: bool) -> Arg {
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
