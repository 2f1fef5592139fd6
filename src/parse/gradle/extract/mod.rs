//! Walks the block tree with a context stack (`android { defaultConfig { … } }`, …) and fills
//! `GradleScript`. Conditional branches keep their context and mark what they yield.

use super::lexer::{StrLit, decode, parts_to_value};
use super::tree::{Arg, Block, Call, Kind, Node, Stmt};
use super::{
    AndroidBlock, Assignment, DepNotation, Dependency, GradleScript, PlaceholderOp, PlaceholderOpKind,
    PluginSyntax, PluginUse, ProductConfig, ProjectDir, RepoKind, RepoScope, Repository, SourceSetDecl,
    SrcDirOp, SrcKind, TemplatePart, Value,
};
use crate::span::{Spanned, TextRange};

mod android;
mod deps;
mod fallback;
mod nodes;
mod plugins;

pub(crate) use nodes::value_of;
use nodes::*;

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
    Kotlin,
    Res,
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
    /// Kotlin Multiplatform `kotlin { }`, its `sourceSets { }`, and one source set whose
    /// dependencies reach the Android target (`androidMain`, `commonMain`).
    Kotlin,
    KotlinSets,
    KotlinSet,
    /// `with(pluginManager) { apply("x") }`, `apply { plugin("x") }`.
    PluginApply,
    /// `gradlePlugin { }`, its `plugins { }`, one registration.
    GradlePlugin,
    GradlePluginDecls,
    GradlePluginDecl(usize),
    /// settings `versionCatalogs { }` and one catalog in it.
    Catalogs,
    Catalog(usize),
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
    /// Locals holding a file (`def f = rootProject.file('local.properties')`).
    file_vars: Vec<(String, crate::parse::gradle::FileRef)>,
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
/// Kotlin Multiplatform source sets whose dependencies the Android target compiles.
const KMP_ANDROID_SETS: [&str; 2] = ["androidMain", "commonMain"];
const STRIP_CALLS: [&str; 8] =
    ["get", "toInt", "toInteger", "toString", "toLong", "getOrNull", "trim", "asInt"];

impl<'t> Extractor<'t> {
    pub(crate) fn new(text: &'t str, out: GradleScript) -> Self {
        Extractor { out, text, group: 0, file_vars: Vec::new() }
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
                        // `val androidMain by getting { dependencies { … } }`
                        if let (Cx::KotlinSets, Some(body)) = (f.cx, &c.closure) {
                            let declares = matches!(callee_name(c).as_deref(), Some("getting" | "creating"));
                            if declares && KMP_ANDROID_SETS.contains(&name.value.as_str()) {
                                self.visit_block(body, &Frame { cx: Cx::KotlinSet, ..f.clone() });
                            }
                        }
                    }
                    return;
                }
                self.properties_local(name, value);
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
                if self.properties_stmt(node) {
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

    fn push_applied(&mut self, id: &Node, range: TextRange, cond: bool) {
        self.out.plugins.push(PluginUse {
            id: spanned_value(id),
            version: None,
            apply: true,
            syntax: PluginSyntax::Apply,
            range,
            conditional: cond,
        });
    }

    /// `extensions.configure<ApplicationExtension> { }` / `configure<LibraryExtension> { }`: the
    /// Android extension configured by type, as build logic does; other types are not read.
    fn android_by_type(&self, segs: &[Spanned<String>], act: &Act) -> bool {
        let names: Vec<&str> = segs.iter().map(|s| s.value.as_str()).collect();
        if !matches!(
            names.as_slice(),
            ["configure"] | ["extensions", "configure"] | ["project" | "target", "extensions", "configure"]
        ) {
            return false;
        }
        let Act::Call { closure: Some(_), .. } = act else { return false };
        let end = segs.last().map_or(0, |s| s.range.end as usize);
        let rest = self.text.get(end..).unwrap_or("").trim_start();
        let Some(generic) = rest.strip_prefix('<').and_then(|r| r.split_once('>')).map(|(t, _)| t.trim())
        else {
            return false;
        };
        let ty = generic.split('<').next().unwrap_or("").rsplit('.').next().unwrap_or("");
        matches!(
            ty,
            "ApplicationExtension"
                | "LibraryExtension"
                | "BaseAppModuleExtension"
                | "LibraryExtensionImpl"
                | "CommonExtension"
                | "BaseExtension"
                | "AppExtension"
                | "TestedExtension"
        )
    }

    /// Dispatches a statement on the dotted name `segs` in context `f`.
    fn handle(&mut self, f: &Frame, segs: &[Spanned<String>], act: &Act, range: TextRange) {
        if f.cx == Cx::Top && self.android_by_type(segs, act) {
            if let Act::Call { closure: Some(b), .. } = act {
                self.out.android.present = true;
                self.visit_block(b, &Frame { cx: Cx::Android, ..f.clone() });
            }
            return;
        }
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
            (Cx::Top, "kotlin") => mk(Cx::Kotlin),
            // Build logic: `with(target) { }`, `target.run { }`, `with(pluginManager) { }`.
            (Cx::Top, "with" | "run") if !dotted => match first_positional(args).map(|a| &a.kind) {
                Some(Kind::Ident(n)) if matches!(n.as_str(), "target" | "project" | "this") => mk(Cx::Top),
                Some(Kind::Ident(n)) if n == "pluginManager" => mk(Cx::PluginApply),
                None if name == "run" => mk(Cx::Top),
                _ => None,
            },
            (Cx::Top, "target") if dotted => mk(Cx::Top),
            // Kotlin DSL `apply { plugin("x") }` (often under a condition).
            (Cx::Top | Cx::Other, "apply") if !dotted && args.is_empty() => mk(Cx::PluginApply),
            (Cx::Other, "versionCatalogs") if f.scope == RepoScope::DependencyResolution => mk(Cx::Catalogs),
            (Cx::Catalogs, _) => {
                let name = self.container_name(seg, args, dotted)?;
                self.out.version_catalogs.push(crate::parse::gradle::CatalogDecl { name, file: None });
                mk(Cx::Catalog(self.out.version_catalogs.len() - 1))
            }
            (Cx::Top, "gradlePlugin") => mk(Cx::GradlePlugin),
            (Cx::GradlePlugin, "plugins") => mk(Cx::GradlePluginDecls),
            (Cx::GradlePluginDecls, _) => {
                self.container_name(seg, args, dotted)?;
                self.out.plugin_registrations.push(Default::default());
                mk(Cx::GradlePluginDecl(self.out.plugin_registrations.len() - 1))
            }
            (Cx::Kotlin, "sourceSets") => mk(Cx::KotlinSets),
            (Cx::KotlinSets, _) => {
                let decl = self.container_name(seg, args, dotted)?;
                KMP_ANDROID_SETS
                    .contains(&decl.value.as_str())
                    .then(|| Frame { cx: Cx::KotlinSet, ..f.clone() })
            }
            (Cx::KotlinSet, "dependencies") => mk(Cx::Deps),
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
                    "kotlin" => Part::Kotlin,
                    "res" => Part::Res,
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
        // `apply plugin: 'x'` inside `android { productFlavors { gplay { … } } }` applies the
        // plugin to the project, whatever block it is written in.
        if name == "apply" && matches!(f.cx, Cx::Android | Cx::Product(_) | Cx::Flavors | Cx::BuildTypes) {
            if let Some(id) = match act {
                Act::Call { args, closure: None } => named(args, &["plugin"]),
                _ => None,
            } {
                self.push_applied(id, range, f.cond);
                return true;
            }
        }
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
            Cx::SourceSet(i, part) => self.source_set_leaf(i, part, &name, act, f.cond),
            Cx::PluginApply if name == "apply" || name == "plugin" => {
                let id = value.or_else(|| match act {
                    Act::Call { args, .. } => named(args, &["plugin"]),
                    Act::Assign { .. } => None,
                });
                if let Some(id) = id {
                    self.push_applied(id, range, f.cond);
                }
                true
            }
            Cx::GradlePluginDecl(i) => {
                let lit = value.and_then(|v| Some(Spanned::new(lit_string(v)?, v.range)));
                let Some(reg) = self.out.plugin_registrations.get_mut(i) else { return false };
                match name.as_str() {
                    "id" => reg.id = value.map(plugin_id_value),
                    "implementationClass" => reg.implementation_class = lit,
                    _ => return false,
                }
                true
            }
            // `from(files("gradle/deps.toml"))`; `from("group:artifact:1.0")` is a published one.
            Cx::Catalog(i) if name == "from" => {
                let file = value.and_then(|v| match &v.kind {
                    Kind::Call(c) if matches!(callee_name(c).as_deref(), Some("files" | "file")) => {
                        let arg = first_positional(&c.args)?;
                        Some(Spanned::new(lit_string(arg)?, arg.range))
                    }
                    _ => None,
                });
                if let Some(decl) = self.out.version_catalogs.get_mut(i) {
                    decl.file = file;
                }
                true
            }
            Cx::PluginMgmt if name == "includeBuild" => {
                if let Some(v) = value {
                    self.out.included_builds.push(spanned_value(v));
                }
                true
            }
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
            ("includeBuild", Act::Call { .. }) => {
                if let Some(v) = value {
                    self.out.included_builds.push(spanned_value(v));
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
}
