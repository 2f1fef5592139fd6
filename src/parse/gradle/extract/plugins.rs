//! Plugin declarations and repositories.

use super::*;

impl Extractor<'_> {
    // ---- plugins ----

    /// `id "x" version "v" apply false` in any of its spellings → (base, version, apply).
    pub(super) fn split_plugin_chain(node: &Node) -> (&Node, Option<&Node>, Option<&Node>) {
        let mut version = None;
        let mut apply = None;
        let mut cur = node;
        for _ in 0..4 {
            match &cur.kind {
                Kind::Binary(operands, ops)
                    if !ops.is_empty()
                        && ops.iter().all(|o| matches!(o.value.as_str(), "version" | "apply")) =>
                {
                    for (op, operand) in ops.iter().zip(operands.iter().skip(1)) {
                        if op.value == "version" {
                            version = Some(operand);
                        } else {
                            apply = Some(operand);
                        }
                    }
                    match operands.first() {
                        Some(b) => cur = b,
                        None => break,
                    }
                }
                Kind::Call(c) => match (&c.callee.kind, first_positional(&c.args)) {
                    (Kind::Member(inner, m), Some(a)) if matches!(m.value.as_str(), "version" | "apply") => {
                        if m.value == "version" {
                            version = version.or(Some(a));
                        } else {
                            apply = apply.or(Some(a));
                        }
                        cur = inner;
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        (cur, version, apply)
    }

    pub(super) fn plugin_decl(&mut self, node: &Node, range: TextRange, cond: bool, mgmt: bool) {
        let (base, mut version, mut apply) = Self::split_plugin_chain(node);
        let (id, syntax) = match &base.kind {
            Kind::Call(c) => {
                let Some(arg) = first_positional(&c.args) else { return };
                // Groovy command form: the chain sits inside the argument.
                let (arg, v2, a2) = Self::split_plugin_chain(arg);
                version = version.or(v2);
                apply = apply.or(a2);
                match callee_name(c).as_deref() {
                    Some("id") => (spanned_value(arg), PluginSyntax::PluginsBlock),
                    Some("alias") => {
                        let v = path_segs(arg).map_or(Value::Unknown, |s| Value::Ref(join(&s)));
                        (Spanned::new(v, arg.range), PluginSyntax::Alias)
                    }
                    Some("kotlin") => match lit_string(arg) {
                        Some(s) => (
                            Spanned::new(Value::Str(format!("org.jetbrains.kotlin.{s}")), base.range),
                            PluginSyntax::Builtin,
                        ),
                        None => return,
                    },
                    _ => return,
                }
            }
            Kind::Ident(n) if n != "id" => {
                (Spanned::new(Value::Str(n.clone()), base.range), PluginSyntax::Builtin)
            }
            _ => return,
        };
        let apply = !mgmt && !apply.is_some_and(|a| matches!(a.kind, Kind::Bool(false)));
        self.out.plugins.push(PluginUse {
            id,
            version: version.map(spanned_value),
            apply,
            syntax,
            range,
            conditional: cond,
        });
    }

    // ---- repositories ----

    pub(super) fn repo_leaf(&mut self, f: &Frame, name: &str, act: &Act, range: TextRange) -> bool {
        let Act::Call { args, closure } = act else { return false };
        let kind = match name {
            "google" => RepoKind::Google,
            "mavenCentral" => RepoKind::MavenCentral,
            "jcenter" => RepoKind::JCenter,
            "gradlePluginPortal" => RepoKind::GradlePluginPortal,
            "mavenLocal" => RepoKind::MavenLocal,
            "flatDir" => RepoKind::FlatDir,
            "maven" => RepoKind::Maven(Self::maven_url(args, *closure)),
            "ivy" => RepoKind::Other(name.to_string()),
            _ => return false,
        };
        self.out.repositories.push(Repository { scope: f.scope, kind, range, conditional: f.cond });
        true
    }

    pub(super) fn maven_url(args: &[Arg], closure: Option<&Block>) -> Option<Spanned<Value>> {
        if let Some(v) = named(args, &["url"]).or_else(|| first_positional(args)) {
            return Some(spanned_value(unwrap_uri(v)));
        }
        let mut url = None;
        for stmt in closure.map(|b| b.stmts.as_slice()).unwrap_or_default() {
            let v = match stmt {
                Stmt::Expr(Node { kind: Kind::Call(c), .. }) => match callee_path(c).as_deref() {
                    Some("url" | "setUrl" | "it.url" | "it.setUrl") => first_positional(&c.args),
                    _ => None,
                },
                Stmt::Assign { target, op: "=", value, .. } => {
                    match path_segs(target).map(|s| join(&s)).as_deref() {
                        Some("url" | "it.url") => Some(value),
                        _ => None,
                    }
                }
                _ => None,
            };
            if let Some(v) = v {
                url = Some(spanned_value(unwrap_uri(v)));
            }
        }
        url
    }
}
