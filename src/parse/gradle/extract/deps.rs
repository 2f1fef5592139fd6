//! Dependency statements and their notations.

use super::*;

impl Extractor<'_> {
    // ---- dependencies ----

    pub(super) fn dep_leaf(
        &mut self,
        f: &Frame,
        segs: &[Spanned<String>],
        act: &Act,
        range: TextRange,
    ) -> bool {
        let Act::Call { args, closure } = act else { return false };
        let [conf] = segs else { return false };
        if args.is_empty() || DEP_NON_CONFIG.contains(&conf.value.as_str()) {
            return false;
        }
        let (conf, args) = if conf.value == "add" {
            // `add("implementation", "g:a:v")`
            match args.split_first() {
                Some((c, rest)) => match (lit_string(&c.value), str_lit(&c.value)) {
                    (Some(s), Some(l)) => (Spanned::new(s, l.content), rest),
                    _ => return true,
                },
                None => return true,
            }
        } else {
            (conf.clone(), *args)
        };
        let mut notations = Vec::new();
        if named(args, &["group", "name", "module"]).is_some() {
            notations.push(self.map_notation(&named_entries(args)));
        } else {
            for a in args.iter().filter(|a| a.name.is_none()) {
                notations.push(self.notation(&a.value, *closure));
            }
        }
        let deps = notations.into_iter().map(|notation| Dependency {
            configuration: conf.clone(),
            notation,
            range,
            conditional: f.cond,
        });
        match (f.cx, f.scope) {
            (Cx::ClasspathDeps, _) => self.out.classpath.extend(deps),
            (_, scope @ (RepoScope::AllProjects | RepoScope::Subprojects)) => {
                self.out.shared_dependencies.extend(deps.map(|d| (scope, d)))
            }
            _ => self.out.dependencies.extend(deps),
        }
        true
    }

    pub(super) fn map_notation(&self, entries: &[(Spanned<String>, &Node)]) -> DepNotation {
        let get =
            |names: &[&str]| entries.iter().find(|(k, _)| names.contains(&k.value.as_str())).map(|(_, v)| *v);
        let Some(name) = get(&["name", "module"]) else { return DepNotation::Unknown };
        let Some(group) = get(&["group"]) else {
            // `implementation(name: 'MiPush_SDK_Client_5_6_2', ext: 'aar')`: a file in a `flatDir`.
            return DepNotation::Named {
                name: spanned_value(name),
                version: get(&["version"]).map(spanned_value),
                ext: get(&["ext"]).and_then(lit_string),
            };
        };
        DepNotation::Module {
            group: spanned_value(group),
            name: spanned_value(name),
            version: get(&["version"]).map(spanned_value),
            classifier: get(&["classifier"]).and_then(lit_string),
            ext: get(&["ext"]).and_then(lit_string),
        }
    }

    pub(super) fn notation(&self, node: &Node, closure: Option<&Block>) -> DepNotation {
        match &node.kind {
            Kind::Str(l) => self.coordinate(l, node.range),
            Kind::Map(args) => self.map_notation(&named_entries(args)),
            Kind::Call(c) => {
                // `….get()` on a call (`libs.findLibrary("x").get()`): the call's notation.
                if let (Kind::Member(inner, m), true) =
                    (&c.callee.kind, c.args.is_empty() && c.closure.is_none())
                {
                    if m.value == "get" && matches!(inner.kind, Kind::Call(_)) {
                        return self.notation(inner, closure);
                    }
                }
                let name = callee_name(c).unwrap_or_default();
                match name.as_str() {
                    "project" => {
                        let p = named(&c.args, &["path"]).or_else(|| first_positional(&c.args));
                        match p.and_then(|p| lit_string(p).map(|s| Spanned::new(s, p.range))) {
                            Some(s) => DepNotation::Project(s),
                            None => DepNotation::Unknown,
                        }
                    }
                    "platform" | "enforcedPlatform" => match first_positional(&c.args) {
                        Some(inner) => DepNotation::Platform(Box::new(self.notation(inner, None))),
                        None => DepNotation::Unknown,
                    },
                    "files" => DepNotation::Files {
                        dir: None,
                        include: c
                            .args
                            .iter()
                            .flat_map(|a| list_items(&a.value))
                            .filter_map(lit_string)
                            .collect(),
                    },
                    "fileTree" => self.file_tree(c, closure),
                    // A binary plugin's catalog lookup: `libs.findLibrary("androidx-core").get()`.
                    "findLibrary" | "findBundle" => match first_positional(&c.args).and_then(lit_string) {
                        Some(alias) => {
                            let kind = if name == "findBundle" { "bundles." } else { "" };
                            let acc = crate::parse::version_catalog::accessor(&alias);
                            DepNotation::Catalog(Spanned::new(format!("libs.{kind}{acc}"), node.range))
                        }
                        None => DepNotation::Unknown,
                    },
                    "kotlin" => {
                        let (Some(m), Some(l)) =
                            (first_positional(&c.args), first_positional(&c.args).and_then(str_lit))
                        else {
                            return DepNotation::Unknown;
                        };
                        let Some(module) = lit_string(m) else { return DepNotation::Unknown };
                        let version =
                            c.args.get(1).map(|a| &a.value).or_else(|| named(&c.args, &["version"]));
                        DepNotation::Module {
                            group: Spanned::new(Value::Str("org.jetbrains.kotlin".into()), l.content),
                            name: Spanned::new(Value::Str(format!("kotlin-{module}")), l.content),
                            version: version.map(spanned_value),
                            classifier: None,
                            ext: None,
                        }
                    }
                    _ => self.ref_notation(node),
                }
            }
            Kind::Ident(_) | Kind::Member(..) | Kind::Index(..) => self.ref_notation(node),
            _ => DepNotation::Unknown,
        }
    }

    pub(super) fn ref_notation(&self, node: &Node) -> DepNotation {
        match value_of(node) {
            Value::Ref(p) if p.starts_with("libs.") => DepNotation::Catalog(Spanned::new(p, node.range)),
            // Type-safe project accessors: `projects.libraries.push` for `:libraries:push`.
            Value::Ref(p) if p.starts_with("projects.") => DepNotation::Project(Spanned::new(p, node.range)),
            Value::Ref(p) => DepNotation::Raw(Spanned::new(Value::Ref(p), node.range)),
            _ => DepNotation::Unknown,
        }
    }

    pub(super) fn file_tree(&self, c: &Call, closure: Option<&Block>) -> DepNotation {
        let entries = entries_of_args(&c.args);
        let dir = entries
            .iter()
            .find(|(k, _)| k.value == "dir")
            .map(|(_, v)| *v)
            .or_else(|| first_positional(&c.args).filter(|a| map_entries(a).is_none()))
            .map(|d| spanned_value(unwrap_uri(d)));
        let mut include: Vec<String> = entries
            .iter()
            .filter(|(k, _)| k.value == "include" || k.value == "includes")
            .flat_map(|(_, v)| list_items(v))
            .filter_map(lit_string)
            .collect();
        // `fileTree("libs") { include("*.jar") }`
        for stmt in closure.map(|b| b.stmts.as_slice()).unwrap_or_default() {
            if let Stmt::Expr(Node { kind: Kind::Call(ic), .. }) = stmt {
                if callee_name(ic).as_deref() == Some("include") {
                    include.extend(ic.args.iter().flat_map(|a| list_items(&a.value)).filter_map(lit_string));
                }
            }
        }
        DepNotation::Files { dir, include }
    }

    /// Splits the content of `'g:a:v:classifier@ext'` into parts, each decoded on its own and
    /// spanned inside the quotes. A part that is just `$x`/`${x.y}` becomes `Value::Ref`.
    pub(super) fn coordinate(&self, lit: &StrLit, range: TextRange) -> DepNotation {
        let raw = || {
            let v = match &lit.value {
                Value::Template(p) => single_expr_ref(p).unwrap_or_else(|| lit.value.clone()),
                v => v.clone(),
            };
            DepNotation::Raw(Spanned::new(v, range))
        };
        let start = lit.content.start as usize;
        let end = lit.content.end as usize;
        let mut cuts = split_top_level(self.text, start, end, b':', lit);
        let mut ext = None;
        if let Some(last) = cuts.pop() {
            let at = split_top_level(self.text, last.0, last.1, b'@', lit);
            match at.as_slice() {
                [a, e] => {
                    cuts.push(*a);
                    ext = self.text.get(e.0..e.1).map(str::to_string);
                }
                _ => cuts.push(last),
            }
        }
        if !(2..=4).contains(&cuts.len()) {
            return raw();
        }
        let seg = |(a, b): (usize, usize)| {
            let parts = decode(self.text, a, b, lit.mode);
            let v = single_expr_ref(&parts).unwrap_or_else(|| parts_to_value(parts));
            Spanned::new(v, TextRange::new(a, b))
        };
        let mut it = cuts.into_iter().map(seg);
        let (Some(group), Some(name)) = (it.next(), it.next()) else { return raw() };
        if !matches!(group.value, Value::Str(_)) || !matches!(name.value, Value::Str(_)) {
            return raw();
        }
        let version = it.next();
        let classifier = it.next().and_then(|c| c.value.literal());
        DepNotation::Module { group, name, version, classifier, ext }
    }
}
