//! Free helpers over tree nodes: literals, paths, maps and lists as the extractor reads them.

use super::*;

pub(super) fn first_positional(args: &[Arg]) -> Option<&Node> {
    args.iter().find(|a| a.name.is_none()).map(|a| &a.value)
}

pub(super) fn named<'a>(args: &'a [Arg], names: &[&str]) -> Option<&'a Node> {
    args.iter().find(|a| a.name.as_ref().is_some_and(|n| names.contains(&n.value.as_str()))).map(|a| &a.value)
}

pub(super) fn str_lit(node: &Node) -> Option<&StrLit> {
    match &node.kind {
        Kind::Str(l) => Some(l),
        _ => None,
    }
}

/// The literal text of a string node without interpolation.
pub(super) fn lit_string(node: &Node) -> Option<String> {
    match &str_lit(node)?.value {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// `a.b["c"].d` → segments with their ranges (for `["c"]` the text inside the quotes).
pub(super) fn path_segs(node: &Node) -> Option<Vec<Spanned<String>>> {
    let mut segs = Vec::new();
    let mut cur = node;
    loop {
        match &cur.kind {
            Kind::Ident(n) => {
                segs.push(Spanned::new(n.clone(), cur.range));
                break;
            }
            Kind::Member(t, n) => {
                segs.push(n.clone());
                cur = t;
            }
            Kind::Index(t, i) => {
                let l = str_lit(i)?;
                segs.push(Spanned::new(lit_string(i)?, l.content));
                cur = t;
            }
            _ => return None,
        }
    }
    segs.reverse();
    Some(segs)
}

pub(super) fn join(segs: &[Spanned<String>]) -> String {
    segs.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join(".")
}

pub(super) fn cover(segs: &[Spanned<String>]) -> TextRange {
    match (segs.first(), segs.last()) {
        (Some(a), Some(b)) => a.range.cover(b.range),
        _ => TextRange::default(),
    }
}

pub(super) fn callee_name(call: &Call) -> Option<String> {
    path_segs(&call.callee).and_then(|s| s.last().map(|l| l.value.clone()))
}

pub(super) fn callee_path(call: &Call) -> Option<String> {
    path_segs(&call.callee).map(|s| join(&s))
}

/// A value as written: literals, references (dotted paths, `findProperty("x")` → `Ref("x")`,
/// `x.get()`/`.toInt()` stripped, `x as T` → x), else `Unknown`.
pub(crate) fn value_of(node: &Node) -> Value {
    match &node.kind {
        Kind::Str(l) => l.value.clone(),
        Kind::Int(i) => Value::Int(*i),
        Kind::Bool(b) => Value::Bool(*b),
        Kind::Ident(_) | Kind::Member(..) | Kind::Index(..) => {
            path_segs(node).map_or(Value::Unknown, |s| Value::Ref(join(&s)))
        }
        Kind::Call(c) => {
            if c.args.is_empty() && c.closure.is_none() {
                if let Kind::Member(inner, m) = &c.callee.kind {
                    if STRIP_CALLS.contains(&m.value.as_str()) {
                        return value_of(inner);
                    }
                }
            }
            if let Some(v) = fallback::call_fallback(c) {
                return v;
            }
            let name = callee_name(c).unwrap_or_default();
            if matches!(name.as_str(), "findProperty" | "property" | "gradleProperty") {
                if let Some(s) = first_positional(&c.args).and_then(lit_string) {
                    return Value::Ref(s);
                }
            }
            Value::Unknown
        }
        Kind::Binary(operands, ops) if ops.len() == 1 && ops.iter().all(|o| o.value == "as") => {
            operands.first().map_or(Value::Unknown, value_of)
        }
        Kind::Binary(operands, ops) => fallback::binary_fallback(operands, ops).unwrap_or(Value::Unknown),
        _ => Value::Unknown,
    }
}

pub(super) fn spanned_value(node: &Node) -> Spanned<Value> {
    Spanned::new(value_of(node), node.range)
}

/// `uri("x")`, `file("x")`, `URI("x")`, `new URL("x")` → the inner argument.
pub(super) fn unwrap_uri(node: &Node) -> &Node {
    let mut cur = node;
    for _ in 0..4 {
        let Kind::Call(c) = &cur.kind else { break };
        let name = callee_name(c).unwrap_or_default();
        if !matches!(name.as_str(), "uri" | "file" | "URI" | "URL" | "File" | "create") {
            break;
        }
        match first_positional(&c.args) {
            Some(a) if c.args.len() == 1 => cur = a,
            _ => break,
        }
    }
    cur
}

/// `[a, b]`, `listOf(a, b)`, `arrayOf(…)` → the items; anything else is one item.
pub(super) fn list_items(node: &Node) -> Vec<&Node> {
    match &node.kind {
        Kind::List(items) => items.iter().collect(),
        Kind::Call(c)
            if matches!(
                callee_name(c).as_deref(),
                Some("listOf" | "mutableListOf" | "arrayOf" | "setOf" | "mutableSetOf" | "arrayListOf")
            ) =>
        {
            c.args.iter().map(|a| &a.value).collect()
        }
        _ => vec![node],
    }
}

/// A map key: string literal (span inside the quotes) or identifier.
pub(super) fn key_of(node: &Node) -> Option<Spanned<String>> {
    match &node.kind {
        Kind::Str(l) => lit_string(node).map(|s| Spanned::new(s, l.content)),
        Kind::Ident(n) => Some(Spanned::new(n.clone(), node.range)),
        _ => None,
    }
}

/// Entries of `[k: v]`, `mapOf("k" to v)`, named arguments; None when `node` is no map literal.
pub(super) fn map_entries(node: &Node) -> Option<Vec<(Spanned<String>, &Node)>> {
    match &node.kind {
        Kind::Map(args) => Some(named_entries(args)),
        Kind::Call(c)
            if matches!(
                callee_name(c).as_deref(),
                Some("mapOf" | "mutableMapOf" | "hashMapOf" | "linkedMapOf" | "emptyMap")
            ) =>
        {
            let mut out = Vec::new();
            for a in &c.args {
                match &a.value.kind {
                    Kind::Binary(operands, ops) if ops.len() == 1 && ops.iter().all(|o| o.value == "to") => {
                        if let (Some(k), Some(v)) = (operands.first().and_then(key_of), operands.get(1)) {
                            out.push((k, v));
                        }
                    }
                    Kind::Call(p) if callee_name(p).as_deref() == Some("Pair") => {
                        if let (Some(k), Some(v)) =
                            (p.args.first().and_then(|a| key_of(&a.value)), p.args.get(1).map(|a| &a.value))
                        {
                            out.push((k, v));
                        }
                    }
                    _ => {}
                }
            }
            Some(out)
        }
        _ => None,
    }
}

pub(super) fn named_entries(args: &[Arg]) -> Vec<(Spanned<String>, &Node)> {
    args.iter()
        .filter_map(|a| a.name.as_ref().filter(|n| !n.value.is_empty()).map(|n| (n.clone(), &a.value)))
        .collect()
}

/// Map entries of call arguments: a single map argument or Groovy named arguments.
pub(super) fn entries_of_args(args: &[Arg]) -> Vec<(Spanned<String>, &Node)> {
    match first_positional(args).and_then(map_entries) {
        Some(e) => e,
        None => named_entries(args),
    }
}

pub(super) fn normalize_project_path(p: &str) -> String {
    if p.starts_with(':') { p.to_string() } else { format!(":{p}") }
}

pub(super) fn set_opt(slot: &mut Option<Spanned<Value>>, v: Spanned<Value>, cond: bool) {
    if !cond || slot.is_none() {
        *slot = Some(v);
    }
}

pub(super) fn single_expr_ref(parts: &[TemplatePart]) -> Option<Value> {
    match parts {
        [TemplatePart::Expr(e)]
            if !e.is_empty()
                && e.split('.').all(|s| {
                    !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                }) =>
        {
            Some(Value::Ref(e.clone()))
        }
        _ => None,
    }
}

/// Byte ranges of `text[start..end]` split at `sep`, ignoring separators inside `${…}`.
pub(super) fn split_top_level(
    text: &str,
    start: usize,
    end: usize,
    sep: u8,
    lit: &StrLit,
) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    let mut from = start;
    while i < end {
        match bytes.get(i).copied().unwrap_or(0) {
            b'\\' if lit.mode.escapes => i += 2,
            b'$' if lit.mode.interp && bytes.get(i + 1) == Some(&b'{') => {
                i = crate::parse::gradle::lexer::skip_interp(bytes, i + 2, end);
            }
            c if c == sep => {
                out.push((from, i));
                i += 1;
                from = i;
            }
            _ => i += 1,
        }
    }
    out.push((from, end.max(from)));
    out
}

/// A registration's plugin id: a literal, or the catalog's `libs.plugins.x.get().pluginId`
/// as `Ref("libs.plugins.x.pluginId")`.
pub(super) fn plugin_id_value(node: &Node) -> Spanned<Value> {
    if let Kind::Member(target, m) = &node.kind {
        if let Kind::Call(c) = &target.kind {
            if let (Kind::Member(inner, g), true) = (&c.callee.kind, c.args.is_empty()) {
                if m.value == "pluginId" && g.value == "get" {
                    if let Some(segs) = path_segs(inner) {
                        return Spanned::new(Value::Ref(format!("{}.pluginId", join(&segs))), node.range);
                    }
                }
            }
        }
    }
    spanned_value(node)
}
