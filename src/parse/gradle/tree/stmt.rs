//! Statements: blocks, locals, `if`/`when`, command calls and assignments.

use super::*;

impl Parser<'_> {
    pub(super) fn statement(&mut self, out: &mut Vec<Stmt>) {
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

    pub(super) fn statement_inner(&mut self, out: &mut Vec<Stmt>) {
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

    pub(super) fn skip_decl(&mut self) {
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
    pub(super) fn typed_local_at(&self) -> Option<usize> {
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
    pub(super) fn generic_len_at(&self, at: usize) -> Option<usize> {
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

    pub(super) fn local(&mut self, out: &mut Vec<Stmt>, start: u32) {
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

    pub(super) fn is_generic_type_then_name(&self) -> bool {
        matches!(self.peek_at(1).tok, Tok::Op("<"))
            && self
                .generic_len_at(self.pos + 1)
                .is_some_and(|n| matches!(self.peek_at(n + 1).tok, Tok::Ident(_)))
    }

    pub(super) fn if_stmt(&mut self, out: &mut Vec<Stmt>) {
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
    pub(super) fn when_stmt(&mut self, out: &mut Vec<Stmt>) {
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

    pub(super) fn cmd_arg_start(&self) -> bool {
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

    pub(super) fn expr_stmt(&mut self, out: &mut Vec<Stmt>, start: u32) {
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
}
