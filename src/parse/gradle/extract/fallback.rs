//! Values with a fallback (`findProperty('X') ?: 'd'`, `hasProperty('X') ? X : 'd'`,
//! `getOrElse("d")`, `props.getProperty('X', 'd')`) and properties files loaded into locals.
//! Only these shapes are read; any other expression stays `Value::Unknown`.

use super::*;
use crate::parse::gradle::{Fallback, FileRef, Lookup, PropertiesLoad};

/// `a ?: b ?: d` when every operand but the last is a lookup by name, and
/// `hasProperty('X') ? X : d` when the chosen branch reads that same property.
pub(super) fn binary_fallback(operands: &[Node], ops: &[Spanned<String>]) -> Option<Value> {
    if !ops.is_empty() && ops.iter().all(|o| o.value == "?:") && operands.len() == ops.len() + 1 {
        let (last, init) = operands.split_last()?;
        let mut acc = spanned_value(last);
        for lhs in init.iter().rev() {
            let (source, name) = lookup_of(lhs)?;
            let range = lhs.range.cover(acc.range);
            acc = Spanned::new(Value::Fallback(Box::new(Fallback { source, name, default: acc })), range);
        }
        return Some(acc.value);
    }
    let ([cond, then, other], [q, c]) = (operands, ops) else { return None };
    if q.value != "?" || c.value != ":" {
        return None;
    }
    let Kind::Call(call) = &cond.kind else { return None };
    if callee_name(call).as_deref() != Some("hasProperty") || call.args.len() != 1 {
        return None;
    }
    let name = first_positional(&call.args).and_then(key_lit)?;
    let reads = match value_of(then) {
        Value::Ref(p) => p.rsplit('.').next() == Some(name.value.as_str()),
        Value::Template(parts) => {
            matches!(single_expr_ref(&parts), Some(Value::Ref(p)) if p.rsplit('.').next() == Some(&name.value))
        }
        _ => false,
    };
    reads.then(|| {
        Value::Fallback(Box::new(Fallback { source: Lookup::Property, name, default: spanned_value(other) }))
    })
}

/// `X.getOrElse(d)`, `X.orElse(d)`, `props.getProperty('X', 'd')`, and `props.getProperty('X')`
/// alone (null when absent).
pub(super) fn call_fallback(c: &Call) -> Option<Value> {
    let Kind::Member(recv, m) = &c.callee.kind else { return None };
    let pos: Vec<&Node> = c.args.iter().filter(|a| a.name.is_none()).map(|a| &a.value).collect();
    match (m.value.as_str(), pos.as_slice()) {
        ("getOrElse" | "orElse", [d]) => {
            let (source, name) = lookup_of(recv)?;
            Some(Value::Fallback(Box::new(Fallback { source, name, default: spanned_value(d) })))
        }
        ("getProperty" | "getOrDefault", [key, d]) => {
            let source = properties_object(recv)?;
            let name = key_lit(key)?;
            Some(Value::Fallback(Box::new(Fallback { source, name, default: spanned_value(d) })))
        }
        ("getProperty", [key]) => {
            let source = properties_object(recv)?;
            let name = key_lit(key)?;
            let default = Spanned::new(Value::Unknown, c.callee.range.cover(key.range));
            Some(Value::Fallback(Box::new(Fallback { source, name, default })))
        }
        _ => None,
    }
}

/// A string literal without interpolation, with the range inside its quotes.
fn key_lit(node: &Node) -> Option<Spanned<String>> {
    let l = str_lit(node)?;
    lit_string(node).map(|s| Spanned::new(s, l.content))
}

/// The receiver of `getProperty`: a local holding a `Properties`, or AGP's
/// `gradleLocalProperties(rootDir, …)` (the root `local.properties`).
fn properties_object(recv: &Node) -> Option<Lookup> {
    match &recv.kind {
        Kind::Ident(v) => Some(Lookup::Loaded(v.clone())),
        Kind::Call(c) if callee_name(c).as_deref() == Some("gradleLocalProperties") => {
            Some(Lookup::File(FileRef {
                root: true,
                path: Spanned::new("local.properties".into(), c.callee.range),
            }))
        }
        _ => None,
    }
}

/// A lookup by name: `findProperty('X')`, `property('X')`, `providers.gradleProperty("X")`,
/// `properties['X']`, `System.getenv('X')`, `providers.environmentVariable("X")`,
/// `props['X']` / `props.getProperty('X')` on a local.
fn lookup_of(node: &Node) -> Option<(Lookup, Spanned<String>)> {
    match &node.kind {
        Kind::Member(inner, m) if matches!(m.value.as_str(), "orNull" | "orEmpty") => lookup_of(inner),
        // `x as String` and Kotlin `x as String?` (read as a ternary without branches).
        Kind::Binary(operands, ops)
            if ops.first().is_some_and(|o| o.value == "as")
                && (ops.len() == 1 || (ops.len() == 2 && ops.get(1).is_some_and(|o| o.value == "?"))) =>
        {
            operands.first().and_then(lookup_of)
        }
        Kind::Index(target, key) => {
            let name = key_lit(key)?;
            match path_segs(target).map(|s| join(&s)).as_deref() {
                Some("properties" | "project.properties" | "rootProject.properties") => {
                    Some((Lookup::Property, name))
                }
                Some(v) if !v.contains('.') => Some((Lookup::Loaded(v.to_string()), name)),
                _ => None,
            }
        }
        Kind::Call(c) => {
            if c.args.is_empty() && c.closure.is_none() {
                if let Kind::Member(inner, m) = &c.callee.kind {
                    if STRIP_CALLS.contains(&m.value.as_str()) {
                        return lookup_of(inner);
                    }
                }
            }
            let key = first_positional(&c.args).and_then(key_lit);
            let name = callee_name(c)?;
            match name.as_str() {
                "findProperty" | "property" | "gradleProperty" if c.args.len() == 1 => {
                    Some((Lookup::Property, key?))
                }
                "getenv" | "environmentVariable" if c.args.len() == 1 => Some((Lookup::Env, key?)),
                "getProperty" if c.args.len() == 1 => {
                    let Kind::Member(recv, _) = &c.callee.kind else { return None };
                    Some((properties_object(recv)?, key?))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

impl Extractor<'_> {
    /// A file named by `node`: `rootProject.file('x')`, `project.rootProject.file('x')`,
    /// `file('x')`, `new File(rootDir, 'x')`, `"$rootDir/x"`, a local holding one, or a stream
    /// opened on one (`new FileInputStream(f)`, `f.newDataInputStream()`, `f.inputStream()`).
    pub(super) fn file_of(&self, node: &Node) -> Option<FileRef> {
        let mut cur = node;
        for _ in 0..6 {
            match &cur.kind {
                Kind::Ident(v) => {
                    return self.file_vars.iter().rev().find(|(n, _)| n == v).map(|(_, f)| f.clone());
                }
                Kind::Call(c) => {
                    let path = callee_path(c).unwrap_or_default();
                    let pos: Vec<&Node> =
                        c.args.iter().filter(|a| a.name.is_none()).map(|a| &a.value).collect();
                    match (path.as_str(), pos.as_slice()) {
                        (
                            "FileInputStream"
                            | "java.io.FileInputStream"
                            | "InputStreamReader"
                            | "FileReader"
                            | "BufferedReader",
                            [inner, ..],
                        ) => cur = inner,
                        ("rootProject.file" | "project.rootProject.file" | "rootDir.resolve", [p]) => {
                            return self.file_path(p, true);
                        }
                        ("file" | "project.file", [p]) => return self.file_path(p, false),
                        ("File" | "java.io.File", [base, p]) => {
                            let base = path_segs(base).map(|s| join(&s)).unwrap_or_default();
                            let root = match base.as_str() {
                                "rootDir"
                                | "project.rootDir"
                                | "rootProject.projectDir"
                                | "rootProject.rootDir" => true,
                                "projectDir" | "project.projectDir" => false,
                                _ => return None,
                            };
                            return lit_string(p).map(|s| FileRef { root, path: Spanned::new(s, p.range) });
                        }
                        (_, []) => {
                            // `f.newDataInputStream()`, `f.inputStream()`, `f.reader()`.
                            let Kind::Member(inner, m) = &c.callee.kind else { return None };
                            if !matches!(
                                m.value.as_str(),
                                "newDataInputStream"
                                    | "newInputStream"
                                    | "inputStream"
                                    | "reader"
                                    | "newReader"
                                    | "bufferedReader"
                            ) {
                                return None;
                            }
                            cur = inner;
                        }
                        _ => return None,
                    }
                }
                _ => return None,
            }
        }
        None
    }

    fn file_path(&self, p: &Node, root: bool) -> Option<FileRef> {
        if let Some(s) = lit_string(p) {
            return Some(FileRef { root, path: Spanned::new(s, p.range) });
        }
        // `file("$rootDir/local.properties")`.
        let Value::Template(parts) = value_of(p) else { return None };
        match parts.as_slice() {
            [TemplatePart::Expr(e), TemplatePart::Lit(rest)]
                if matches!(e.as_str(), "rootDir" | "rootProject.projectDir" | "project.rootDir") =>
            {
                let rest = rest.trim_start_matches('/');
                Some(FileRef { root: true, path: Spanned::new(rest.to_string(), p.range) })
            }
            _ => None,
        }
    }

    /// Records `props.load(…)`, `f.withInputStream { props.load(it) }`; true when `node` was one.
    pub(super) fn properties_stmt(&mut self, node: &Node) -> bool {
        let Kind::Call(c) = &node.kind else { return false };
        let Kind::Member(recv, m) = &c.callee.kind else { return false };
        match m.value.as_str() {
            "load" => {
                let (Kind::Ident(var), Some(arg)) = (&recv.kind, first_positional(&c.args)) else {
                    return false;
                };
                match self.file_of(arg) {
                    Some(file) => self.out.properties_loads.push(PropertiesLoad { var: var.clone(), file }),
                    None => return false,
                }
                true
            }
            "withInputStream" | "withReader" | "withDataInputStream" | "use" => {
                let (Some(file), Some(body)) = (self.file_of(recv), c.closure.as_ref()) else { return false };
                for stmt in &body.stmts {
                    if let Stmt::Expr(Node { kind: Kind::Call(inner), .. }) = stmt {
                        if let Kind::Member(r, m) = &inner.callee.kind {
                            if let (Kind::Ident(var), "load") = (&r.kind, m.value.as_str()) {
                                let load = PropertiesLoad { var: var.clone(), file: file.clone() };
                                self.out.properties_loads.push(load);
                            }
                        }
                    }
                }
                true
            }
            _ => false,
        }
    }

    /// A local declared from a file or a loaded `Properties`: `def f = rootProject.file('x')`,
    /// `val props = Properties().apply { load(f.inputStream()) }`.
    pub(super) fn properties_local(&mut self, name: &Spanned<String>, value: &Node) {
        if let Some(file) = self.file_of(value) {
            self.file_vars.push((name.value.clone(), file));
            return;
        }
        let Kind::Call(c) = &value.kind else { return };
        let Kind::Member(recv, m) = &c.callee.kind else { return };
        let is_props = matches!(&recv.kind, Kind::Call(p)
            if matches!(callee_path(p).as_deref(), Some("Properties" | "java.util.Properties")));
        if !is_props || !matches!(m.value.as_str(), "apply" | "with" | "also" | "tap") {
            return;
        }
        for stmt in c.closure.as_ref().map(|b| b.stmts.as_slice()).unwrap_or_default() {
            let Stmt::Expr(Node { kind: Kind::Call(inner), .. }) = stmt else { continue };
            let callee = callee_path(inner).unwrap_or_default();
            if !matches!(callee.as_str(), "load" | "it.load" | "this.load") {
                continue;
            }
            if let Some(file) = first_positional(&inner.args).and_then(|a| self.file_of(a)) {
                self.out.properties_loads.push(PropertiesLoad { var: name.value.clone(), file });
            }
        }
    }
}
