//! Constants the build logic declares for build scripts to read: `object Deps { const val push =
//! "com.x:push:${Versions.push}" }` in `buildSrc/` or an included build, read from a script as
//! `Deps.push`. Each is resolved once, templates included, to the value Gradle would see.
use super::Located;
use crate::parse::java::{ConstField, SourceFileSummary};
use crate::span::{FileId, Span};
use std::collections::HashMap;

/// How many templates deep a value is followed (`a` reads `b` reads `c`…).
const MAX_DEPTH: usize = 8;

/// The constants of the build logic's sources, by the name scripts use (`Deps.push`, `Deps.Hms.push`):
/// the owner path without the package, then the name. A name declared twice with different
/// values is left out: which one a script sees depends on its imports.
pub fn resolve(sources: &[(FileId, SourceFileSummary)]) -> HashMap<String, Located<String>> {
    // Aliases (`const val push = NIM_VERSION`) become one-part templates.
    let aliases: Vec<(FileId, ConstField)> = sources
        .iter()
        .flat_map(|(file, s)| {
            s.aliases.iter().map(|a| {
                let value = crate::span::Spanned::new(format!("${{{}}}", a.target.value), a.target.range);
                (
                    *file,
                    ConstField {
                        name: a.name.clone(),
                        value,
                        is_string: true,
                        owner: a.owner.clone(),
                        declared_type: None,
                    },
                )
            })
        })
        .collect();
    let mut raw: HashMap<String, Option<(FileId, &ConstField, bool)>> = HashMap::new();
    let fields = sources
        .iter()
        .flat_map(|(file, s)| {
            let constants = s.constants.iter().map(move |c| (*file, c, false));
            constants.chain(s.templates.iter().map(move |c| (*file, c, true)))
        })
        .chain(aliases.iter().map(|(file, c)| (*file, c, true)));
    for (file, c, template) in fields {
        let key = match &c.owner {
            Some(owner) => format!("{owner}.{}", c.name.value),
            None => c.name.value.clone(),
        };
        match raw.get(&key) {
            Some(Some((_, other, _))) if other.value.value != c.value.value => {
                raw.insert(key, None);
            }
            Some(_) => {}
            None => {
                raw.insert(key, Some((file, c, template)));
            }
        }
    }
    raw.keys().filter_map(|key| Some((key.clone(), value_of(&raw, key, 0)?))).collect()
}

fn value_of(
    raw: &HashMap<String, Option<(FileId, &ConstField, bool)>>,
    key: &str,
    depth: usize,
) -> Option<Located<String>> {
    let (file, c, template) = (*raw.get(key)?)?;
    let span = Span::new(file, c.value.range);
    if !template {
        return Some(Located::new(c.value.value.clone(), span));
    }
    if depth >= MAX_DEPTH {
        return None;
    }
    let mut text = String::new();
    for part in parts(&c.value.value) {
        match part {
            Part::Lit(s) => text.push_str(s),
            Part::Expr(expr) => {
                let found = scopes(c.owner.as_deref())
                    .find_map(|scope| value_of(raw, &format!("{scope}{expr}"), depth + 1))?;
                text.push_str(&found.value);
            }
        }
    }
    Some(Located::new(text, span))
}

/// Where a name in a template of a constant of `owner` may be declared, innermost first:
/// `A.B.` and `A.` for owner `A.B`, then the top level.
fn scopes(owner: Option<&str>) -> impl Iterator<Item = String> + '_ {
    let owner = owner.unwrap_or("");
    let mut prefixes: Vec<String> = Vec::new();
    let mut rest = owner;
    while !rest.is_empty() {
        prefixes.push(format!("{rest}."));
        rest = rest.rsplit_once('.').map_or("", |(outer, _)| outer);
    }
    prefixes.push(String::new());
    prefixes.into_iter()
}

enum Part<'t> {
    Lit(&'t str),
    /// `${a.b}` (trimmed) or `$name`.
    Expr(&'t str),
}

/// The parts of a Kotlin string template's source text. An expression that is not a plain dotted
/// name (a call, an operator) stays an expression and will not resolve.
fn parts(text: &str) -> Vec<Part<'_>> {
    let mut out = Vec::new();
    let mut lit = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'$' {
            i += 1;
            continue;
        }
        let (expr, end) = if text[i + 1..].starts_with('{') {
            match text[i + 2..].find('}') {
                Some(close) => (text[i + 2..i + 2 + close].trim(), i + 3 + close),
                None => break,
            }
        } else {
            let len = text[i + 1..]
                .find(|ch: char| !(ch.is_alphanumeric() || ch == '_'))
                .unwrap_or(text.len() - i - 1);
            if len == 0 {
                i += 1;
                continue;
            }
            (&text[i + 1..i + 1 + len], i + 1 + len)
        };
        if lit < i {
            out.push(Part::Lit(&text[lit..i]));
        }
        out.push(Part::Expr(expr));
        i = end;
        lit = end;
    }
    if lit < text.len() {
        out.push(Part::Lit(&text[lit..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn constants(sources: &[&str]) -> HashMap<String, String> {
        let scanned: Vec<(FileId, SourceFileSummary)> = sources
            .iter()
            .enumerate()
            .map(|(i, s)| (FileId(i as u32), SourceFileSummary::scan(s, true)))
            .collect();
        resolve(&scanned).into_iter().map(|(k, v)| (k, v.value)).collect()
    }

    #[test]
    fn nested_objects_and_templates_resolve_from_the_innermost_scope_out() {
        let c = constants(&[r#"package com.acme.build
object Deps {
    object Version {
        const val push = "10.8.0"
    }
    object Nim {
        const val push = "com.netease.nimlib:push:${Version.push}"
        const val tag = "v$TAG"
        const val same = TAG
    }
    const val TAG = "x"
}"#]);
        assert_eq!(c.get("Deps.Nim.push").map(String::as_str), Some("com.netease.nimlib:push:10.8.0"));
        assert_eq!(c.get("Deps.Version.push").map(String::as_str), Some("10.8.0"));
        assert_eq!(c.get("Deps.Nim.tag").map(String::as_str), Some("vx"));
        assert_eq!(c.get("Deps.Nim.same").map(String::as_str), Some("x"));
    }

    #[test]
    fn unknown_parts_cycles_and_conflicts_resolve_to_nothing() {
        let c = constants(&[
            r#"object A { const val x = "${B.y}:${missing}"
const val loop = "$loop"
const val dup = "1" }"#,
            r#"object A { const val dup = "2" }
object B { const val y = "ok" }"#,
        ]);
        assert!(!c.contains_key("A.x"));
        assert!(!c.contains_key("A.loop"));
        assert!(!c.contains_key("A.dup"));
        assert_eq!(c.get("B.y").map(String::as_str), Some("ok"));
    }
}
