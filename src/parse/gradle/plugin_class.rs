//! A binary convention plugin's source (`class X : Plugin<Project> { override fun apply(target:
//! Project) { … } }`, Kotlin or Groovy): the body of each `apply` method is read as a build
//! script. Everything else in the file is blanked out, so spans stay offsets into the file.

use super::lexer::{Tok, Token, tokenize};
use super::{Dsl, GradleScript};

/// Parses the `apply` methods of a plugin class; parse problems are dropped (the rest of the
/// file is ordinary code the script reader need not understand).
pub fn parse_plugin_class(text: &str, dsl: Dsl) -> GradleScript {
    let mut errors = Vec::new();
    let toks = tokenize(text, dsl, &mut errors);
    let bodies = apply_bodies(&toks);
    let bytes = text.as_bytes();
    let mut masked: Vec<u8> =
        bytes.iter().map(|&b| if matches!(b, b'\n' | b'\r') { b } else { b' ' }).collect();
    for (start, end) in bodies {
        if let (Some(src), Some(dst)) = (bytes.get(start..end), masked.get_mut(start..end)) {
            dst.copy_from_slice(src);
        }
    }
    let masked = String::from_utf8_lossy(&masked).into_owned();
    let mut script = GradleScript::parse(&masked, dsl);
    script.errors.clear();
    script
}

fn is_ident(t: Option<&Token>, name: &str) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Ident(n)) if n == name)
}

fn is_op(t: Option<&Token>, op: &str) -> bool {
    matches!(t.map(|t| &t.tok), Some(Tok::Op(o)) if *o == op)
}

/// Byte ranges inside the braces of `fun apply(…) { … }` (Kotlin) and `void apply(Project p) { … }`
/// (Groovy).
fn apply_bodies(toks: &[Token]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let starts = is_ident(toks.get(i + 1), "apply")
            && is_op(toks.get(i + 2), "(")
            && (is_ident(toks.get(i), "fun") || is_ident(toks.get(i), "void"));
        if !starts {
            i += 1;
            continue;
        }
        // The parameter list, then (after an optional `: Unit`) the body's opening brace.
        let mut j = i + 2;
        let mut depth = 0usize;
        while let Some(t) = toks.get(j) {
            match &t.tok {
                Tok::Op("(") => depth += 1,
                Tok::Op(")") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                Tok::Eof => break,
                _ => {}
            }
            j += 1;
        }
        j += 1;
        while toks.get(j).is_some_and(|t| !matches!(t.tok, Tok::Op("{") | Tok::Op("=") | Tok::Eof))
            && j < i + 8
        {
            j += 1;
        }
        if !is_op(toks.get(j), "{") {
            i = j.max(i + 1);
            continue;
        }
        let open = j;
        let mut depth = 0usize;
        let mut k = open;
        while let Some(t) = toks.get(k) {
            match &t.tok {
                Tok::Op("{") => depth += 1,
                Tok::Op("}") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                Tok::Eof => break,
                _ => {}
            }
            k += 1;
        }
        if let (Some(o), Some(c)) = (toks.get(open), toks.get(k)) {
            if matches!(c.tok, Tok::Op("}")) && o.range.end <= c.range.start {
                out.push((o.range.end as usize, c.range.start as usize));
            }
        }
        i = k.max(i + 1);
    }
    out
}
