//! Walks the block tree with a context stack (`android { defaultConfig { … } }`, …) and fills
//! `GradleScript`. Conditional branches keep their context and mark what they yield.

use super::lexer::{StrLit, decode, parts_to_value};
use super::tree::{Arg, Block, Call, Kind, Node, Stmt};
use super::{
    AndroidBlock, Assignment, DepNotation, Dependency, GradleScript, PlaceholderOp, PlaceholderOpKind,
    PluginSyntax, PluginUse, ProductConfig, ProjectDir, RepoKind, RepoScope, Repository, SourceSetDecl,
    TemplatePart, Value,
};
use crate::span::{Spanned, TextRange};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Product {
    Default,
    Flavor(usize),
    BuildType(usize),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Whole,
    Manifest,
    Java,
    Assets,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cx {
    Top,
    /// A block with no special meaning (`afterEvaluate`, `allprojects`, `tasks.withType(…)`).
    Other,
    Buildscript,
    ClasspathDeps,
    Repos,
    Deps,
    Plugins {
        mgmt: bool,
    },
    PluginMgmt,
    Android,
    Product(Product),
    Flavors,
    BuildTypes,
    SourceSets,
    SourceSet(usize, Part),
    Ext,
}

#[derive(Clone, Debug)]
struct Frame {
    cx: Cx,
    cond: bool,
    scope: RepoScope,
}

/// What a statement does to a (dotted) name: call it or assign to it.
enum Act<'n> {
    Call { args: &'n [Arg], closure: Option<&'n Block> },
    Assign { op: &'static str, value: &'n Node },
}

pub(crate) struct Extractor<'t> {
    pub out: GradleScript,
    text: &'t str,
    group: u32,
}

const DEP_NON_CONFIG: [&str; 12] = [
    "println",
    "print",
    "constraints",
    "components",
    "modules",
    "configurations",
    "project",
    "exclude",
    "attributesSchema",
    "artifactTypes",
    "registerTransform",
    "logger",
];
const CONTAINER_SKIP: [&str; 10] = [
    "all",
    "configureEach",
    "withType",
    "matching",
    "each",
    "forEach",
    "whenObjectAdded",
    "configure",
    "findByName",
    "filter",
];
const STRIP_CALLS: [&str; 8] =
    ["get", "toInt", "toInteger", "toString", "toLong", "getOrNull", "trim", "asInt"];

fn first_positional(args: &[Arg]) -> Option<&Node> {
    args.iter().find(|a| a.name.is_none()).map(|a| &a.value)
}

fn named<'a>(args: &'a [Arg], names: &[&str]) -> Option<&'a Node> {
    args.iter().find(|a| a.name.as_ref().is_some_and(|n| names.contains(&n.value.as_str()))).map(|a| &a.value)
}

fn str_lit(node: &Node) -> Option<&StrLit> {
    match &node.kind {
        Kind::Str(l) => Some(l),
        _ => None,
    }
}

/// The literal text of a string node without interpolation.
fn lit_string(node: &Node) -> Option<String> {
    match &str_lit(node)?.value {
        Value::Str(s) => Some(s.clone()),
        _ => None,
    }
}

/// `a.b["c"].d` → segments with their ranges (for `["c"]` the text inside the quotes).
fn path_segs(node: &Node) -> Option<Vec<Spanned<String>>> {
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

fn join(segs: &[Spanned<String>]) -> String {
    segs.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join(".")
}

fn cover(segs: &[Spanned<String>]) -> TextRange {
    match (segs.first(), segs.last()) {
        (Some(a), Some(b)) => a.range.cover(b.range),
        _ => TextRange::default(),
    }
}

fn callee_name(call: &Call) -> Option<String> {
    path_segs(&call.callee).and_then(|s| s.last().map(|l| l.value.clone()))
}

fn callee_path(call: &Call) -> Option<String> {
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
        _ => Value::Unknown,
    }
}

fn spanned_value(node: &Node) -> Spanned<Value> {
    Spanned::new(value_of(node), node.range)
}

/// `uri("x")`, `file("x")`, `URI("x")`, `new URL("x")` → the inner argument.
fn unwrap_uri(node: &Node) -> &Node {
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
fn list_items(node: &Node) -> Vec<&Node> {
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
fn key_of(node: &Node) -> Option<Spanned<String>> {
    match &node.kind {
        Kind::Str(l) => lit_string(node).map(|s| Spanned::new(s, l.content)),
        Kind::Ident(n) => Some(Spanned::new(n.clone(), node.range)),
        _ => None,
    }
}

/// Entries of `[k: v]`, `mapOf("k" to v)`, named arguments; None when `node` is no map literal.
fn map_entries(node: &Node) -> Option<Vec<(Spanned<String>, &Node)>> {
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

fn named_entries(args: &[Arg]) -> Vec<(Spanned<String>, &Node)> {
    args.iter()
        .filter_map(|a| a.name.as_ref().filter(|n| !n.value.is_empty()).map(|n| (n.clone(), &a.value)))
        .collect()
}

/// Map entries of call arguments: a single map argument or Groovy named arguments.
fn entries_of_args(args: &[Arg]) -> Vec<(Spanned<String>, &Node)> {
    match first_positional(args).and_then(map_entries) {
        Some(e) => e,
        None => named_entries(args),
    }
}

fn normalize_project_path(p: &str) -> String {
    if p.starts_with(':') { p.to_string() } else { format!(":{p}") }
}

fn set_opt(slot: &mut Option<Spanned<Value>>, v: Spanned<Value>, cond: bool) {
    if !cond || slot.is_none() {
        *slot = Some(v);
    }
}

impl<'t> Extractor<'t> {
    pub(crate) fn new(text: &'t str, out: GradleScript) -> Self {
        Extractor { out, text, group: 0 }
    }

    pub(crate) fn run(&mut self, file: &Block) {
        let frame = Frame { cx: Cx::Top, cond: false, scope: RepoScope::Project };
        self.visit_block(file, &frame);
    }

    fn visit_block(&mut self, block: &Block, f: &Frame) {
        for stmt in &block.stmts {
            self.visit_stmt(stmt, f);
        }
    }

    fn visit_stmt(&mut self, stmt: &Stmt, f: &Frame) {
        match stmt {
            Stmt::Cond(blocks) => {
                let inner = Frame { cond: true, ..f.clone() };
                for b in blocks {
                    self.visit_block(b, &inner);
                }
            }
            Stmt::Seq(b) => self.visit_block(b, f),
            Stmt::Local { name, value, by, .. } => {
                let Some(value) = value else { return };
                if *by {
                    // `val x by extra("v")`
                    if let Kind::Call(c) = &value.kind {
                        if callee_name(c).as_deref() == Some("extra") {
                            if let Some(v) = first_positional(&c.args) {
                                self.push_ext(name.clone(), v, f.cond);
                            }
                        }
                    }
                    return;
                }
                self.out.vars.push(Assignment {
                    name: name.clone(),
                    value: spanned_value(value),
                    conditional: f.cond,
                });
            }
            Stmt::Expr(node) => {
                if let Cx::Plugins { mgmt } = f.cx {
                    self.plugin_decl(node, node.range, f.cond, mgmt);
                    return;
                }
                let (segs, act) = match &node.kind {
                    Kind::Call(c) => {
                        let segs = match &c.callee.kind {
                            // Kotlin `"chinaImplementation"("g:a:v")`, Groovy `"name" { }`.
                            Kind::Str(l) => lit_string(&c.callee).map(|s| vec![Spanned::new(s, l.content)]),
                            _ => path_segs(&c.callee),
                        };
                        (segs, Act::Call { args: &c.args, closure: c.closure.as_ref() })
                    }
                    Kind::Ident(_) | Kind::Member(..) => {
                        (path_segs(node), Act::Call { args: &[], closure: None })
                    }
                    _ => (None, Act::Call { args: &[], closure: None }),
                };
                if let Some(segs) = segs {
                    self.handle(f, &segs, &act, node.range);
                }
            }
            Stmt::Assign { target, op, value, range } => {
                if let Kind::Ident(name) = &target.kind {
                    // `x = …` / `x += …` on a local declared before: its value is no longer the
                    // declaration's. Recorded last, so the variable resolves to unknown.
                    if matches!(f.cx, Cx::Top | Cx::Other)
                        && self.out.vars.iter().any(|v| v.name.value == *name)
                    {
                        self.out.vars.push(Assignment {
                            name: Spanned::new(name.clone(), target.range),
                            value: spanned_value(value),
                            conditional: true,
                        });
                        return;
                    }
                }
                if self.project_dir(target, op, value, *range) {
                    return;
                }
                if let Some(segs) = path_segs(target) {
                    self.handle(f, &segs, &Act::Assign { op, value }, *range);
                }
            }
        }
    }

    /// Dispatches a statement on the dotted name `segs` in context `f`.
    fn handle(&mut self, f: &Frame, segs: &[Spanned<String>], act: &Act, range: TextRange) {
        if segs.is_empty() || self.generic(f, segs, act, range) || self.leaf(f, segs, act, range) {
            return;
        }
        let Some(first) = segs.first() else { return };
        let args = match act {
            Act::Call { args, .. } => *args,
            Act::Assign { .. } => &[],
        };
        if let Some(rest) = segs.get(1..).filter(|r| !r.is_empty()) {
            // `android.defaultConfig.x = …`, `main.manifest.srcFile …`
            if let Some(child) = self.child(f, first, &[], range, true) {
                self.handle(&child, rest, act, range);
            }
            return;
        }
        if let Act::Call { closure: Some(b), .. } = act {
            let child = self
                .child(f, first, args, range, false)
                .unwrap_or(Frame { cx: if f.cx == Cx::Repos { Cx::Repos } else { Cx::Other }, ..f.clone() });
            self.visit_block(b, &child);
        } else if matches!(f.cx, Cx::Flavors | Cx::BuildTypes | Cx::SourceSets) {
            // `register("x")` without a body still declares it.
            let _ = self.child(f, first, args, range, false);
        }
    }

    /// The context a block named `seg` opens inside `f` (creating flavors/build types/source sets).
    fn child(
        &mut self,
        f: &Frame,
        seg: &Spanned<String>,
        args: &[Arg],
        range: TextRange,
        dotted: bool,
    ) -> Option<Frame> {
        let name = seg.value.as_str();
        let mk = |cx: Cx| Some(Frame { cx, ..f.clone() });
        let scoped = |cx: Cx, scope: RepoScope| Some(Frame { cx, cond: f.cond, scope });
        match (f.cx, name) {
            (_, "repositories") if !matches!(f.cx, Cx::Repos) => return mk(Cx::Repos),
            (Cx::Ext, "apply" | "run" | "with") => return mk(Cx::Ext),
            (
                Cx::Android
                | Cx::Product(_)
                | Cx::Flavors
                | Cx::BuildTypes
                | Cx::SourceSets
                | Cx::SourceSet(..),
                _,
            ) => {}
            (_, "ext" | "extra") => return mk(Cx::Ext),
            _ => {}
        }
        match (f.cx, name) {
            (Cx::Top | Cx::Other, "buildscript") => scoped(Cx::Buildscript, RepoScope::Buildscript),
            (Cx::Top | Cx::Other, "allprojects") => scoped(Cx::Other, RepoScope::AllProjects),
            (Cx::Top | Cx::Other, "subprojects") => scoped(Cx::Other, RepoScope::Subprojects),
            (Cx::Top | Cx::Other, "pluginManagement") => scoped(Cx::PluginMgmt, RepoScope::PluginManagement),
            (Cx::Top | Cx::Other, "dependencyResolutionManagement") => {
                scoped(Cx::Other, RepoScope::DependencyResolution)
            }
            (Cx::Top, "dependencies") => mk(Cx::Deps),
            // `allprojects { dependencies { } }`, `subprojects { … }`: declared for other projects.
            (Cx::Other, "dependencies")
                if matches!(f.scope, RepoScope::AllProjects | RepoScope::Subprojects) =>
            {
                mk(Cx::Deps)
            }
            (Cx::Buildscript, "dependencies") => mk(Cx::ClasspathDeps),
            (Cx::Top, "plugins") => mk(Cx::Plugins { mgmt: false }),
            (Cx::PluginMgmt, "plugins") => mk(Cx::Plugins { mgmt: true }),
            (Cx::Top | Cx::Other, "project" | "rootProject") if dotted => mk(f.cx),
            (Cx::Top, "android") => {
                self.out.android.present = true;
                mk(Cx::Android)
            }
            (Cx::Android, "defaultConfig") => {
                let dc = &mut self.out.android.default_config;
                if dc.range == TextRange::default() {
                    dc.range = range;
                }
                mk(Cx::Product(Product::Default))
            }
            (Cx::Android, "productFlavors") => mk(Cx::Flavors),
            (Cx::Android, "buildTypes") => mk(Cx::BuildTypes),
            (Cx::Android, "sourceSets") => mk(Cx::SourceSets),
            (Cx::Flavors | Cx::BuildTypes | Cx::SourceSets, _) => {
                let decl = self.container_name(seg, args, dotted)?;
                let cx = match f.cx {
                    Cx::Flavors => Cx::Product(Product::Flavor(self.product(true, decl, range))),
                    Cx::BuildTypes => Cx::Product(Product::BuildType(self.product(false, decl, range))),
                    _ => Cx::SourceSet(self.source_set(decl), Part::Whole),
                };
                mk(cx)
            }
            (Cx::SourceSet(i, Part::Whole), _) => {
                let part = match name {
                    "manifest" => Part::Manifest,
                    "java" => Part::Java,
                    "assets" => Part::Assets,
                    _ => Part::Other,
                };
                mk(Cx::SourceSet(i, part))
            }
            _ => None,
        }
    }

    /// The declared name in a container: `china { }`, `create("china") { }`, `getByName("release")`.
    fn container_name(&self, seg: &Spanned<String>, args: &[Arg], dotted: bool) -> Option<Spanned<String>> {
        let name = seg.value.as_str();
        if CONTAINER_SKIP.contains(&name) {
            return None;
        }
        if matches!(name, "create" | "register" | "maybeCreate" | "getByName" | "named" | "getAt") && !dotted
        {
            let a = first_positional(args)?;
            let l = str_lit(a)?;
            return lit_string(a).map(|s| Spanned::new(s, l.content));
        }
        args.is_empty().then(|| seg.clone())
    }

    fn product(&mut self, flavor: bool, name: Spanned<String>, range: TextRange) -> usize {
        let list =
            if flavor { &mut self.out.android.product_flavors } else { &mut self.out.android.build_types };
        if let Some(i) = list.iter().position(|p| p.name.as_ref().is_some_and(|n| n.value == name.value)) {
            return i;
        }
        list.push(ProductConfig { name: Some(name), range, ..Default::default() });
        list.len() - 1
    }

    fn source_set(&mut self, name: Spanned<String>) -> usize {
        let list = &mut self.out.android.source_sets;
        if let Some(i) = list.iter().position(|s| s.name.value == name.value) {
            return i;
        }
        list.push(SourceSetDecl { name, ..Default::default() });
        list.len() - 1
    }

    fn product_mut(&mut self, p: Product) -> Option<&mut ProductConfig> {
        let a: &mut AndroidBlock = &mut self.out.android;
        match p {
            Product::Default => Some(&mut a.default_config),
            Product::Flavor(i) => a.product_flavors.get_mut(i),
            Product::BuildType(i) => a.build_types.get_mut(i),
        }
    }

    fn push_ext(&mut self, name: Spanned<String>, value: &Node, cond: bool) {
        if let Some(entries) = map_entries(value) {
            // `ext { versions = [hms: "1"] }`: also record `versions.hms`.
            for (k, v) in entries {
                let n = Spanned::new(format!("{}.{}", name.value, k.value), k.range);
                self.out.ext.push(Assignment { name: n, value: spanned_value(v), conditional: cond });
            }
        }
        self.out.ext.push(Assignment { name, value: spanned_value(value), conditional: cond });
    }

    /// Items recognised in any context: `ext.x = …`, `extra["x"] = …`, `ext.set(…)`, repositoriesMode.
    fn generic(&mut self, f: &Frame, segs: &[Spanned<String>], act: &Act, _range: TextRange) -> bool {
        let names: Vec<&str> = segs.iter().map(|s| s.value.as_str()).collect();
        let prefix = match names.as_slice() {
            ["rootProject" | "project", "ext" | "extra", ..] => 2,
            ["ext" | "extra", ..] => 1,
            _ => 0,
        };
        if prefix > 0 {
            let rest = segs.get(prefix..).unwrap_or_default();
            match act {
                Act::Assign { op: "=", value } if !rest.is_empty() => {
                    self.push_ext(Spanned::new(join(rest), cover(rest)), value, f.cond);
                    return true;
                }
                Act::Call { args, .. } if names.get(prefix) == Some(&"set") && rest.len() == 1 => {
                    if let (Some(k), Some(v)) = (args.first(), args.get(1)) {
                        if let Some(key) = key_of(&k.value).filter(|_| str_lit(&k.value).is_some()) {
                            self.push_ext(key, &v.value, f.cond);
                        }
                    }
                    return true;
                }
                _ => {}
            }
        }
        if names.last() == Some(&"repositoriesMode") || names.ends_with(&["repositoriesMode", "set"]) {
            let value = match act {
                Act::Assign { op: "=", value } => Some(*value),
                Act::Call { args, .. } if names.last() == Some(&"set") => first_positional(args),
                _ => None,
            };
            if let Some(v) = value {
                if let Some(last) = path_segs(v).and_then(|s| s.last().cloned()) {
                    self.out.repositories_mode = Some(last);
                }
                return true;
            }
        }
        false
    }

    /// Context-specific items; true when the statement was consumed.
    fn leaf(&mut self, f: &Frame, segs: &[Spanned<String>], act: &Act, range: TextRange) -> bool {
        let name = join(segs);
        let value = match act {
            Act::Call { args, .. } => first_positional(args),
            Act::Assign { op: "=", value } => Some(*value),
            Act::Assign { .. } => None,
        };
        match f.cx {
            Cx::Top => self.top_leaf(f, &name, act, value, range),
            Cx::Deps | Cx::ClasspathDeps => self.dep_leaf(f, segs, act, range),
            Cx::Repos => self.repo_leaf(f, &name, act, range),
            Cx::Ext => match act {
                Act::Assign { op: "=", value } if segs.len() == 1 => {
                    if let Some(s) = segs.first() {
                        self.push_ext(s.clone(), value, f.cond);
                    }
                    true
                }
                Act::Call { args, .. } if name == "set" => {
                    if let (Some(k), Some(v)) = (args.first(), args.get(1)) {
                        if let Some(key) = key_of(&k.value).filter(|_| str_lit(&k.value).is_some()) {
                            self.push_ext(key, &v.value, f.cond);
                        }
                    }
                    true
                }
                _ => false,
            },
            Cx::Android => self.android_leaf(&name, act, value),
            Cx::Product(p) => self.product_leaf(f, p, segs, &name, act, value),
            Cx::SourceSet(i, part) => self.source_set_leaf(i, part, &name, act),
            _ => false,
        }
    }

    fn top_leaf(&mut self, f: &Frame, name: &str, act: &Act, value: Option<&Node>, range: TextRange) -> bool {
        match (name, act) {
            ("apply" | "project.apply", Act::Call { args, closure: None }) => {
                if let Some(id) = named(args, &["plugin"]) {
                    self.out.plugins.push(PluginUse {
                        id: spanned_value(id),
                        version: None,
                        apply: true,
                        syntax: PluginSyntax::Apply,
                        range,
                        conditional: f.cond,
                    });
                }
                true
            }
            ("plugins.apply" | "pluginManager.apply", Act::Call { .. }) => {
                if let Some(id) = value {
                    self.out.plugins.push(PluginUse {
                        id: spanned_value(id),
                        version: None,
                        apply: true,
                        syntax: PluginSyntax::Apply,
                        range,
                        conditional: f.cond,
                    });
                }
                true
            }
            ("include", Act::Call { args, .. }) => {
                for a in args.iter().filter(|a| a.name.is_none()) {
                    for item in list_items(&a.value) {
                        if let Some(s) = lit_string(item) {
                            self.out.includes.push(Spanned::new(normalize_project_path(&s), item.range));
                            self.out.includes_conditional.push(f.cond);
                        }
                    }
                }
                true
            }
            ("rootProject.name", Act::Assign { op: "=", value }) => {
                if let Some(s) = lit_string(value) {
                    self.out.root_project_name = Some(Spanned::new(s, value.range));
                }
                true
            }
            _ => false,
        }
    }

    /// `project(':x').projectDir = new File(settingsDir, '../x')` / `file('../x')`.
    fn project_dir(&mut self, target: &Node, op: &str, value: &Node, range: TextRange) -> bool {
        let Kind::Member(t, m) = &target.kind else { return false };
        if m.value != "projectDir" || op != "=" {
            return false;
        }
        let Kind::Call(c) = &t.kind else { return false };
        if callee_name(c).as_deref() != Some("project") {
            return false;
        }
        let Some(p) = first_positional(&c.args).or_else(|| named(&c.args, &["path"])) else { return false };
        let Some(ps) = lit_string(p) else { return false };
        let project = Spanned::new(normalize_project_path(&ps), p.range);
        let dir = self.dir_value(value);
        self.out.project_dirs.push(ProjectDir { project, dir, range });
        true
    }

    fn dir_value(&self, value: &Node) -> Spanned<Value> {
        let unknown = Spanned::new(Value::Unknown, value.range);
        let Kind::Call(c) = &value.kind else { return unknown };
        let name = callee_path(c).unwrap_or_default();
        let pos: Vec<&Node> = c.args.iter().filter(|a| a.name.is_none()).map(|a| &a.value).collect();
        match (name.as_str(), pos.as_slice()) {
            ("file" | "settings.file" | "File" | "java.io.File", [rel]) => spanned_value(rel),
            ("File" | "java.io.File", [base, rel]) => {
                let base = path_segs(base).map(|s| join(&s)).unwrap_or_default();
                let v = value_of(rel);
                match base.as_str() {
                    "settingsDir"
                    | "rootDir"
                    | "rootProject.projectDir"
                    | "settings.settingsDir"
                    | "settings.rootDir" => Spanned::new(v, rel.range),
                    "settingsDir.parentFile" | "rootDir.parentFile" | "rootProject.projectDir.parentFile" => {
                        match v {
                            Value::Str(s) => Spanned::new(Value::Str(format!("../{s}")), rel.range),
                            _ => Spanned::new(Value::Unknown, rel.range),
                        }
                    }
                    _ => unknown,
                }
            }
            _ => unknown,
        }
    }

    // ---- plugins ----

    /// `id "x" version "v" apply false` in any of its spellings → (base, version, apply).
    fn split_plugin_chain(node: &Node) -> (&Node, Option<&Node>, Option<&Node>) {
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

    fn plugin_decl(&mut self, node: &Node, range: TextRange, cond: bool, mgmt: bool) {
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

    fn repo_leaf(&mut self, f: &Frame, name: &str, act: &Act, range: TextRange) -> bool {
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

    fn maven_url(args: &[Arg], closure: Option<&Block>) -> Option<Spanned<Value>> {
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

    // ---- dependencies ----

    fn dep_leaf(&mut self, f: &Frame, segs: &[Spanned<String>], act: &Act, range: TextRange) -> bool {
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

    fn map_notation(&self, entries: &[(Spanned<String>, &Node)]) -> DepNotation {
        let get =
            |names: &[&str]| entries.iter().find(|(k, _)| names.contains(&k.value.as_str())).map(|(_, v)| *v);
        let (Some(group), Some(name)) = (get(&["group"]), get(&["name", "module"])) else {
            return DepNotation::Unknown;
        };
        DepNotation::Module {
            group: spanned_value(group),
            name: spanned_value(name),
            version: get(&["version"]).map(spanned_value),
            classifier: get(&["classifier"]).and_then(lit_string),
            ext: get(&["ext"]).and_then(lit_string),
        }
    }

    fn notation(&self, node: &Node, closure: Option<&Block>) -> DepNotation {
        match &node.kind {
            Kind::Str(l) => self.coordinate(l, node.range),
            Kind::Map(args) => self.map_notation(&named_entries(args)),
            Kind::Call(c) => {
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

    fn ref_notation(&self, node: &Node) -> DepNotation {
        match value_of(node) {
            Value::Ref(p) if p.starts_with("libs.") => DepNotation::Catalog(Spanned::new(p, node.range)),
            Value::Ref(p) => DepNotation::Raw(Spanned::new(Value::Ref(p), node.range)),
            _ => DepNotation::Unknown,
        }
    }

    fn file_tree(&self, c: &Call, closure: Option<&Block>) -> DepNotation {
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
    fn coordinate(&self, lit: &StrLit, range: TextRange) -> DepNotation {
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

    // ---- android ----

    fn android_leaf(&mut self, name: &str, act: &Act, value: Option<&Node>) -> bool {
        let a = &mut self.out.android;
        match name {
            "namespace" | "setNamespace" => {
                if let Some(v) = value {
                    a.namespace = Some(spanned_value(v));
                }
                true
            }
            "compileSdk" | "compileSdkVersion" | "setCompileSdkVersion" => {
                if let Some(v) = value {
                    a.compile_sdk = Some(spanned_value(v));
                }
                true
            }
            "flavorDimensions" | "flavorDimensions.add" | "flavorDimensions.addAll" => {
                let nodes: Vec<&Node> = match act {
                    Act::Call { args, .. } => args.iter().flat_map(|x| list_items(&x.value)).collect(),
                    Act::Assign { op, value } => {
                        if *op == "=" {
                            a.flavor_dimensions.clear();
                        }
                        list_items(value)
                    }
                };
                for n in nodes {
                    if let Some(s) = lit_string(n) {
                        a.flavor_dimensions.push(Spanned::new(s, n.range));
                    }
                }
                true
            }
            _ => false,
        }
    }

    fn product_leaf(
        &mut self,
        f: &Frame,
        p: Product,
        segs: &[Spanned<String>],
        name: &str,
        act: &Act,
        value: Option<&Node>,
    ) -> bool {
        let cond = f.cond;
        if segs.first().is_some_and(|s| s.value == "manifestPlaceholders")
            || name == "addManifestPlaceholders"
        {
            self.placeholders(p, segs, act, cond);
            return true;
        }
        if name == "setManifestPlaceholders" {
            self.placeholders(p, &[], &Act::Call { args: &[], closure: None }, cond);
            if let Act::Call { args, .. } = act {
                if let Some(v) = first_positional(args) {
                    self.assign_placeholders(p, v, cond);
                }
            }
            return true;
        }
        let Some(v) = value else { return false };
        let Some(pc) = self.product_mut(p) else { return false };
        let slot = match name {
            "applicationId" | "setApplicationId" => &mut pc.application_id,
            "applicationIdSuffix" | "setApplicationIdSuffix" => &mut pc.application_id_suffix,
            "minSdk" | "minSdkVersion" | "setMinSdkVersion" => &mut pc.min_sdk,
            "targetSdk" | "targetSdkVersion" | "setTargetSdkVersion" => &mut pc.target_sdk,
            "dimension" | "setDimension" => &mut pc.dimension,
            _ => return false,
        };
        set_opt(slot, spanned_value(v), cond);
        true
    }

    fn push_placeholder(
        &mut self,
        p: Product,
        key: Spanned<String>,
        v: &Node,
        kind: PlaceholderOpKind,
        cond: bool,
    ) {
        if key.value.is_empty() {
            return;
        }
        if let Some(pc) = self.product_mut(p) {
            pc.manifest_placeholders.push(PlaceholderOp {
                key,
                value: spanned_value(v),
                kind,
                conditional: cond,
            });
        }
    }

    fn assign_placeholders(&mut self, p: Product, v: &Node, cond: bool) {
        let Some(entries) = map_entries(v) else { return };
        self.group += 1;
        let group = self.group;
        if entries.is_empty() {
            if let Some(pc) = self.product_mut(p) {
                pc.manifest_placeholders.push(PlaceholderOp {
                    key: Spanned::new(String::new(), v.range),
                    value: Spanned::new(Value::Unknown, v.range),
                    kind: PlaceholderOpKind::Clear { group },
                    conditional: cond,
                });
            }
        }
        for (k, val) in entries {
            self.push_placeholder(p, k, val, PlaceholderOpKind::Assign { group }, cond);
        }
    }

    fn placeholders(&mut self, p: Product, segs: &[Spanned<String>], act: &Act, cond: bool) {
        let names: Vec<&str> = segs.iter().map(|s| s.value.as_str()).collect();
        match (names.as_slice(), act) {
            (["manifestPlaceholders"], Act::Assign { op: "=", value }) => {
                self.assign_placeholders(p, value, cond)
            }
            (["manifestPlaceholders"], Act::Assign { op: "+=", value }) => {
                for (k, v) in map_entries(value).unwrap_or_default() {
                    self.push_placeholder(p, k, v, PlaceholderOpKind::Add, cond);
                }
            }
            (["manifestPlaceholders"] | ["addManifestPlaceholders"], Act::Call { args, .. })
            | (["manifestPlaceholders", "putAll"], Act::Call { args, .. }) => {
                for (k, v) in entries_of_args(args) {
                    self.push_placeholder(p, k, v, PlaceholderOpKind::Add, cond);
                }
            }
            (["manifestPlaceholders", "put" | "set"], Act::Call { args, .. }) => {
                if let (Some(k), Some(v)) = (args.first().and_then(|a| key_of(&a.value)), args.get(1)) {
                    self.push_placeholder(p, k, &v.value, PlaceholderOpKind::Add, cond);
                }
            }
            (["manifestPlaceholders", _], Act::Assign { op: "=", value }) => {
                if let Some(k) = segs.get(1) {
                    self.push_placeholder(p, k.clone(), value, PlaceholderOpKind::Add, cond);
                }
            }
            _ => {}
        }
    }

    fn source_set_leaf(&mut self, i: usize, part: Part, name: &str, act: &Act) -> bool {
        // Inside `manifest { }` / `java { }` blocks the prefix comes from the context.
        let full = match part {
            Part::Whole => name.to_string(),
            Part::Manifest => format!("manifest.{name}"),
            Part::Java => format!("java.{name}"),
            Part::Assets => format!("assets.{name}"),
            Part::Other => return false,
        };
        let values: Vec<&Node> = match act {
            Act::Call { args, closure: None } => args.iter().flat_map(|a| list_items(&a.value)).collect(),
            Act::Assign { op: "=" | "+=", value } => list_items(value),
            _ => return false,
        };
        let Some(ss) = self.out.android.source_sets.get_mut(i) else { return false };
        let target = match full.as_str() {
            "manifest.srcFile" | "manifest.setSrcFile" => {
                if let Some(v) = values.first() {
                    ss.manifest_src_file = Some(spanned_value(unwrap_uri(v)));
                }
                return true;
            }
            "java.srcDirs" | "java.srcDir" | "java.setSrcDirs" => &mut ss.java_src_dirs,
            "assets.srcDirs" | "assets.srcDir" | "assets.setSrcDirs" => &mut ss.assets_src_dirs,
            _ => return false,
        };
        target.extend(values.into_iter().map(|v| spanned_value(unwrap_uri(v))));
        true
    }
}

fn single_expr_ref(parts: &[TemplatePart]) -> Option<Value> {
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
fn split_top_level(text: &str, start: usize, end: usize, sep: u8, lit: &StrLit) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    let mut from = start;
    while i < end {
        match bytes.get(i).copied().unwrap_or(0) {
            b'\\' if lit.mode.escapes => i += 2,
            b'$' if lit.mode.interp && bytes.get(i + 1) == Some(&b'{') => {
                i = super::lexer::skip_interp(bytes, i + 2, end);
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
