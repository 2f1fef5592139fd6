//! Gradle build scripts (Groovy and Kotlin DSL) → `GradleScript`: a tokenizer and block tree,
//! then extraction of what push linting needs. Nothing is evaluated: a value that is not a
//! literal stays a reference (`Value::Ref`) or `Value::Unknown` for the project layer to resolve.
//!
//! Spans: a value's range covers its literal as written, quotes included (`'x'`), except
//! dependency coordinate parts (`group`/`name`/`version` of `'g:a:v'`) and map keys (`"K": v`,
//! `["K"]`), whose ranges cover just their text inside the quotes.

mod extract;
mod lexer;
mod plugin_class;
#[cfg(test)]
mod tests;
mod tree;

use super::{MAX_DEPTH, ParseError};
use crate::span::{Spanned, TextRange};
pub use plugin_class::parse_plugin_class;

/// At most this many errors are kept per script (binary junk would otherwise yield thousands).
const MAX_ERRORS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Dsl {
    #[default]
    Groovy,
    Kotlin,
}

/// A value as written in the script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A string literal with no interpolation.
    Str(String),
    /// An interpolated string `"a${b}c"` / `"a$b"`: literal parts and expression references.
    Template(Vec<TemplatePart>),
    /// A reference to a variable or property, as a dotted path: `rootProject.ext.minSdk`,
    /// `libs.versions.hms`, `project.properties["x"]` is written as `project.properties.x`.
    Ref(String),
    Int(i64),
    Bool(bool),
    /// A property looked up by name with a value to use when it is not set:
    /// `findProperty('X') ?: 'd'`, `hasProperty('X') ? X : 'd'`, `getOrElse("d")`,
    /// `System.getenv('X') ?: 'd'`, `props.getProperty('X', 'd')`.
    Fallback(Box<Fallback>),
    /// Anything else: a method call result, arithmetic, a conditional expression, ...
    Unknown,
}

/// `Value::Fallback`: where a name is looked up, and the value when it is not found there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fallback {
    pub source: Lookup,
    /// The name looked up; the range covers its text inside the quotes.
    pub name: Spanned<String>,
    /// The value when the name is not found (itself possibly a fallback: `a ?: b ?: 'd'`);
    /// `Value::Unknown` over the whole expression when none is written (the result is null).
    pub default: Spanned<Value>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A Gradle project property: `gradle.properties`, `-P`, or an `ext` property.
    Property,
    /// An environment variable (`System.getenv`, `providers.environmentVariable`).
    Env,
    /// A `java.util.Properties` local that a `PropertiesLoad` of the script filled.
    Loaded(String),
    /// A properties file read in place: AGP's `gradleLocalProperties(rootDir, …)` is the root
    /// `local.properties`.
    File(FileRef),
}

/// A file named in a script: `rootProject.file('x')` / `new File(rootDir, 'x')` (root-relative)
/// or `file('x')` (relative to the script's project).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    pub root: bool,
    pub path: Spanned<String>,
}

/// `props.load(rootProject.file('local.properties').newDataInputStream())` and its spellings
/// (`withInputStream { props.load(it) }`, `Properties().apply { load(…) }`, a local holding the file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PropertiesLoad {
    /// The local the properties were loaded into.
    pub var: String,
    pub file: FileRef,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePart {
    Lit(String),
    /// The expression inside `${…}` or after `$`, as a dotted path when it is one, else the raw text.
    Expr(String),
}

impl Value {
    /// The literal string or number, when it is fully known without resolution.
    pub fn literal(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Template(parts) if parts.iter().all(|p| matches!(p, TemplatePart::Lit(_))) => Some(
                parts
                    .iter()
                    .map(|p| match p {
                        TemplatePart::Lit(s) => s.as_str(),
                        TemplatePart::Expr(_) => "",
                    })
                    .collect(),
            ),
            _ => None,
        }
    }
}

/// Everything extracted from one script (settings, root or module build file).
/// Items inside `if`/`else`/`when` branches are kept and marked `conditional`.
#[derive(Clone, Debug, Default)]
pub struct GradleScript {
    pub dsl: Dsl,
    pub plugins: Vec<PluginUse>,
    /// `buildscript { dependencies { classpath … } }`.
    pub classpath: Vec<Dependency>,
    pub repositories: Vec<Repository>,
    /// `dependencyResolutionManagement { repositoriesMode.set(RepositoriesMode.X) }` / `= X`: the `X`.
    pub repositories_mode: Option<Spanned<String>>,
    pub dependencies: Vec<Dependency>,
    /// `allprojects { dependencies { … } }` (`AllProjects`) and `subprojects { … }`
    /// (`Subprojects`): declared here for other projects.
    pub shared_dependencies: Vec<(RepoScope, Dependency)>,
    pub android: AndroidBlock,
    /// `ext { k = v }`, `ext.k = v`, `ext["k"] = v`, `extra["k"] = v`, `extra.set("k", v)`,
    /// `val k by extra(v)`; in any block (root `ext` feeds `rootProject.ext.k`).
    pub ext: Vec<Assignment>,
    /// Local variables: Groovy `def x = …` / typed locals, Kotlin `val x = …` / `var x = …`.
    pub vars: Vec<Assignment>,
    /// settings: `include ':a', ':b'` / `include(":a")` — one entry per project path, normalized
    /// to start with `:`; the range covers the literal.
    pub includes: Vec<Spanned<String>>,
    /// Parallel to `includes`: true for an `include` inside `if`/`else`/`when`.
    pub includes_conditional: Vec<bool>,
    /// `apply from: 'x.gradle'` / `apply(from = "x.gradle.kts")`: script plugins whose statements
    /// run as if written here (in `buildscript {}` when applied there or `to: buildscript`).
    pub applied_scripts: Vec<AppliedScript>,
    /// Every `applicationId` / `applicationIdSuffix` token, wherever it is (`subprojects {}`,
    /// `plugins.withType<AppPlugin>()`, functions): a root or build-logic script that names them
    /// may set other projects' application ids in ways the extractor does not follow.
    pub app_id_mentions: Vec<Spanned<String>>,
    /// Every key written into `manifestPlaceholders` anywhere in the script (functions, variant
    /// callbacks, `subprojects {}` included), with the key's range: where it is not one of the
    /// extractor's `PlaceholderOp`s, the model knows the key is set but not where or to what.
    pub placeholder_writes: Vec<Spanned<String>>,
    /// settings: `include(x)` whose argument is computed (`include(newPath)`, `include(":$it")`):
    /// the modules it adds are not known from the text. The range covers the argument.
    pub computed_includes: Vec<TextRange>,
    /// settings: `project(':x').projectDir = new File(settingsDir, '../x')` / `file("../x")`.
    pub project_dirs: Vec<ProjectDir>,
    /// settings: `rootProject.name = "…"`.
    pub root_project_name: Option<Spanned<String>>,
    /// Properties files loaded into locals (read by `Value::Fallback` with `Lookup::Loaded`).
    pub properties_loads: Vec<PropertiesLoad>,
    /// settings: `includeBuild("build-logic")`, top level or in `pluginManagement { }`.
    pub included_builds: Vec<Spanned<Value>>,
    /// settings: `dependencyResolutionManagement { versionCatalogs { create("deps") {
    /// from(files("gradle/dependencies.toml")) } } }`: each catalog's name and the file it is read
    /// from (None when it comes from elsewhere: a published catalog, entries written inline).
    pub version_catalogs: Vec<CatalogDecl>,
    /// A build-logic build file: `gradlePlugin { plugins { register("x") { id = "…";
    /// implementationClass = "…" } } }`.
    pub plugin_registrations: Vec<PluginRegistration>,
    pub errors: Vec<ParseError>,
}

/// A version catalog settings declare: `create("deps") { from(files("gradle/deps.toml")) }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogDecl {
    pub name: Spanned<String>,
    /// The file it is read from, relative to the settings' folder.
    pub file: Option<Spanned<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assignment {
    pub name: Spanned<String>,
    pub value: Spanned<Value>,
    /// The value is not statically the variable's: the assignment sits inside `if`/`else`/`when`,
    /// or it reassigns a local declared earlier (where the variable is read is not tracked, so
    /// either value may be the one read). Such a variable resolves to unknown.
    pub conditional: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PluginSyntax {
    /// `apply plugin: 'id'` / `apply(plugin = "id")`.
    Apply,
    /// `plugins { id 'x' }`, `id("x")`, `id 'x' version 'v' apply false`.
    PluginsBlock,
    /// `plugins { alias(libs.plugins.x) }`: `id` holds `Value::Ref("libs.plugins.x")`.
    Alias,
    /// Kotlin-DSL accessor `plugins { kotlin("android") }` or a bare `` `java-library` `` / `application`.
    Builtin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginUse {
    pub id: Spanned<Value>,
    pub version: Option<Spanned<Value>>,
    /// False for `apply false`.
    pub apply: bool,
    pub syntax: PluginSyntax,
    /// The whole statement.
    pub range: TextRange,
    pub conditional: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepoScope {
    /// `buildscript { repositories }`.
    Buildscript,
    /// `allprojects { repositories }` in a build file.
    AllProjects,
    /// `subprojects { repositories }`.
    Subprojects,
    /// Top-level `repositories {}` of a build script (applies to that project).
    Project,
    /// settings `dependencyResolutionManagement { repositories }`.
    DependencyResolution,
    /// settings `pluginManagement { repositories }`.
    PluginManagement,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RepoKind {
    Google,
    MavenCentral,
    JCenter,
    GradlePluginPortal,
    MavenLocal,
    /// `maven { url '…' }`, `maven { url = uri("…") }`, `maven("…")`, `maven { setUrl("…") }`.
    Maven(Option<Spanned<Value>>),
    FlatDir,
    Other(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repository {
    pub scope: RepoScope,
    pub kind: RepoKind,
    pub range: TextRange,
    pub conditional: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DepNotation {
    /// `'g:a:v'`, `"g:a:$v"`, `group: 'g', name: 'a', version: 'v'`, `("g:a:v")`; `version` is None
    /// when omitted (`'g:a'`, BoM-managed). `ext` is the `@aar` suffix. The value spans cover the
    /// literal (or the map entry) they were read from.
    Module {
        group: Spanned<Value>,
        name: Spanned<Value>,
        version: Option<Spanned<Value>>,
        classifier: Option<String>,
        ext: Option<String>,
    },
    /// A coordinate string whose group/name are not literal (e.g. `"$group:a:1"` or a variable
    /// holding the whole notation): the raw value for later resolution.
    Raw(Spanned<Value>),
    /// `name: 'x', ext: 'aar'` without a group: a file looked up in `flatDir` repositories.
    Named {
        name: Spanned<Value>,
        version: Option<Spanned<Value>>,
        ext: Option<String>,
    },
    /// `project(':x')`, `project(path: ':x')`, Kotlin `project(":x")`; or a type-safe project
    /// accessor kept as written, `projects.feature.push` (see `project::project_key`).
    Project(Spanned<String>),
    /// A version-catalog accessor: `libs.firebase.messaging`, `libs.bundles.push`.
    Catalog(Spanned<String>),
    /// `platform(…)` / `enforcedPlatform(…)` around another notation.
    Platform(Box<DepNotation>),
    /// `files(…)` / `fileTree(dir: 'libs', include: ['*.jar'])`: the dir and include patterns.
    Files {
        dir: Option<Spanned<Value>>,
        include: Vec<String>,
    },
    Unknown,
}

/// An `apply from:` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct AppliedScript {
    /// The script's path as written (`"$rootDir/config.gradle"`); None when it is not a string
    /// (a variable, a URL built in code): the script cannot be followed.
    pub path: Option<Spanned<Value>>,
    /// Written `rootProject.file(…)`: relative to the root project, not the applying script.
    pub root: bool,
    /// Applied to the `buildscript {}` block (inside it, or `to: buildscript`).
    pub buildscript: bool,
    /// From `apply` to the end of the path.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dependency {
    /// `implementation`, `api`, `chinaImplementation`, `classpath`, `compile`, `kapt`, ...
    pub configuration: Spanned<String>,
    pub notation: DepNotation,
    /// The whole statement, including a trailing closure `{ exclude … }`.
    pub range: TextRange,
    pub conditional: bool,
}

/// `android { … }` of a module build script.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AndroidBlock {
    pub present: bool,
    pub namespace: Option<Spanned<Value>>,
    pub compile_sdk: Option<Spanned<Value>>,
    pub default_config: ProductConfig,
    /// `flavorDimensions "a", "b"` / `flavorDimensions += listOf("a")` / `flavorDimensions("a")`.
    pub flavor_dimensions: Vec<Spanned<String>>,
    /// `productFlavors { china { … } }`, Kotlin `create("china") { … }` / `register("china")`.
    pub product_flavors: Vec<ProductConfig>,
    /// `buildTypes { release { … } }`, Kotlin `getByName("release") { … }` / `create(…)` / `release { }`.
    pub build_types: Vec<ProductConfig>,
    /// `sourceSets { main { manifest.srcFile '…'; java.srcDirs … ; assets.srcDirs … } }`.
    pub source_sets: Vec<SourceSetDecl>,
}

/// `defaultConfig`, a product flavor or a build type: the settings variants are computed from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProductConfig {
    /// The flavor/build type name; None for `defaultConfig`.
    pub name: Option<Spanned<String>>,
    /// `dimension "x"` on a flavor.
    pub dimension: Option<Spanned<Value>>,
    pub application_id: Option<Spanned<Value>>,
    pub application_id_suffix: Option<Spanned<Value>>,
    pub min_sdk: Option<Spanned<Value>>,
    pub target_sdk: Option<Spanned<Value>>,
    pub manifest_placeholders: Vec<PlaceholderOp>,
    /// The block's own range (for labels pointing at a flavor as a whole).
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceholderOpKind {
    /// `manifestPlaceholders = [K: v, …]`: this entry belongs to an assignment that replaces the map.
    /// Every entry of one assignment carries the same `group` number.
    Assign { group: u32 },
    /// `+= [...]`, `put(K, v)`, `["K"] = v`, `putAll(mapOf(...))`, `manifestPlaceholders.K = v`.
    Add,
    /// `manifestPlaceholders = [:]` or `= mapOf()`: clears the map (no entries follow in the group).
    /// The op's key is empty; key and value ranges cover the empty map literal.
    Clear { group: u32 },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceholderOp {
    pub key: Spanned<String>,
    pub value: Spanned<Value>,
    pub kind: PlaceholderOpKind,
    pub conditional: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceSetDecl {
    pub name: Spanned<String>,
    pub manifest_src_file: Option<Spanned<Value>>,
    /// Every directory named by `srcDir`/`srcDirs`/`+=`/`=`, in order (`=` does not drop earlier ones).
    pub java_src_dirs: Vec<Spanned<Value>>,
    pub assets_src_dirs: Vec<Spanned<Value>>,
    /// Every `java`/`kotlin`/`res`/`assets` folder statement in order, with what it does: what
    /// the set's folders are is computed from these (`SrcDirOp::replace` drops the default).
    pub dir_ops: Vec<SrcDirOp>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SrcKind {
    Java,
    Kotlin,
    Res,
    Assets,
}

/// One folder a `sourceSets` statement names: `java.srcDirs = ['a']` (replace), `+= 'a'` /
/// `srcDir 'a'` / `srcDirs 'a'` (add).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SrcDirOp {
    pub kind: SrcKind,
    pub dir: Spanned<Value>,
    /// `=` / `setSrcDirs`: the folders listed before, the default one included, are dropped.
    /// The statement's first folder carries it (`= []` yields one op with an empty `dir`).
    pub replace: bool,
    /// Inside `if`/`else`/`when`: which folders Gradle uses is not static.
    pub conditional: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PluginRegistration {
    /// A literal, or `libs.plugins.x.get().pluginId` read as `Ref("libs.plugins.x.pluginId")`.
    pub id: Option<Spanned<Value>>,
    pub implementation_class: Option<Spanned<String>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectDir {
    pub project: Spanned<String>,
    /// The directory relative to `base` (the settings dir for `settingsDir`/`rootDir`/`file(…)`).
    pub dir: Spanned<Value>,
    pub range: TextRange,
}

impl GradleScript {
    /// Parses a script; never fails, problems are collected in `errors`.
    ///
    /// Reading conventions: `findProperty("x")` / `property("x")` / `providers.gradleProperty("x")`
    /// read as `Value::Ref("x")`; `.get()`/`.toInt()`/`.toString()` and `as T` are stripped from
    /// references; a coordinate part that is only `$x` / `${x.y}` reads as `Value::Ref`, while a
    /// whole interpolated string stays a `Value::Template`. An unconditional setting overrides an
    /// earlier one, a conditional one only fills an empty slot. `pluginManagement { plugins { } }`
    /// declarations are listed with `apply: false`.
    pub fn parse(text: &str, dsl: Dsl) -> GradleScript {
        // The tree is built and walked recursively, at several KB of stack per nesting level in
        // unoptimized builds: run on a thread whose stack fits MAX_DEPTH levels whatever the
        // caller's stack is, and fall back to a lower limit if no thread can be started.
        // Threads started with `PARSE_STACK` (pushlint's worker pool) parse in place: starting a
        // thread per file costs more than parsing a typical build file.
        if on_parse_stack() {
            let parsed = std::panic::catch_unwind(|| parse_with_depth(text, dsl, MAX_DEPTH));
            return parsed.unwrap_or_else(|_| internal_error(dsl));
        }
        let spawned = std::thread::scope(|s| {
            std::thread::Builder::new()
                .name("gradle-parse".into())
                .stack_size(PARSE_STACK)
                .spawn_scoped(s, || parse_with_depth(text, dsl, MAX_DEPTH))
                .map(|h| h.join())
        });
        match spawned {
            Ok(Ok(script)) => script,
            Ok(Err(_)) => internal_error(dsl),
            Err(_) => parse_with_depth(text, dsl, FALLBACK_DEPTH),
        }
    }
}

fn internal_error(dsl: Dsl) -> GradleScript {
    GradleScript {
        dsl,
        errors: vec![ParseError::new(TextRange::empty(0), "internal error while parsing this script")],
        ..Default::default()
    }
}

thread_local! {
    static ON_PARSE_STACK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Declares that the current thread was started with at least `PARSE_STACK` bytes of stack
/// (e.g. from a thread pool's start handler), so `GradleScript::parse` runs on it directly.
pub fn assume_parse_stack() {
    ON_PARSE_STACK.with(|c| c.set(true));
}

/// Whether `assume_parse_stack` was called on this thread.
pub fn on_parse_stack() -> bool {
    ON_PARSE_STACK.with(std::cell::Cell::get)
}

/// Stack for the parsing thread: ample for `MAX_DEPTH` levels in debug builds (~10 KB each).
pub const PARSE_STACK: usize = 32 << 20;
/// Nesting limit when parsing on the caller's thread (its stack size is unknown).
const FALLBACK_DEPTH: usize = 48;

fn parse_with_depth(text: &str, dsl: Dsl, max_depth: usize) -> GradleScript {
    let mut errors = Vec::new();
    let toks = lexer::tokenize(text, dsl, &mut errors);
    let computed_includes = computed_includes(&toks);
    let applied_scripts = applied_scripts(&toks);
    let app_id_mentions = app_id_mentions(&toks);
    let placeholder_writes = placeholder_writes(&toks);
    let file = tree::Parser::new(toks, text.len(), max_depth, &mut errors).parse_file();
    let mut ex = extract::Extractor::new(text, GradleScript { dsl, ..Default::default() });
    ex.run(&file);
    let mut out = ex.out;
    out.errors = errors;
    out.computed_includes = computed_includes;
    out.applied_scripts = applied_scripts;
    out.app_id_mentions = app_id_mentions;
    out.placeholder_writes = placeholder_writes;
    out
}

/// Where the script may set an application id or suffix (`applicationId "x"`, `applicationId =`,
/// `setApplicationIdSuffix(…)`), found on the tokens so that any block counts. Not a mention:
/// an extra property of that name (`ext { applicationId = [app: "…"] }`, `ext.applicationId`),
/// a read of one (`rootProject.ext.applicationId.app`, `applicationId["app"]`) or a map key.
fn app_id_mentions(toks: &[lexer::Token]) -> Vec<Spanned<String>> {
    use lexer::Tok;
    let mut out = Vec::new();
    // Whether each open block is an `ext {}` / `extra {}` block (or inside one).
    let mut in_ext: Vec<bool> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let name = match &t.tok {
            Tok::Op("{") => {
                let ext = matches!(i.checked_sub(1).and_then(|j| toks.get(j)).map(|t| &t.tok),
                    Some(Tok::Ident(n)) if n == "ext" || n == "extra");
                in_ext.push(ext || in_ext.last().copied().unwrap_or(false));
                continue;
            }
            Tok::Op("}") => {
                in_ext.pop();
                continue;
            }
            Tok::Ident(n)
                if matches!(
                    n.as_str(),
                    "applicationId" | "applicationIdSuffix" | "setApplicationIdSuffix"
                ) =>
            {
                n
            }
            _ => continue,
        };
        if in_ext.last().copied().unwrap_or(false) {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|j| toks.get(j)).map(|t| &t.tok);
        let before_dot = i.checked_sub(2).and_then(|j| toks.get(j)).map(|t| &t.tok);
        if matches!(prev, Some(Tok::Op(".")))
            && matches!(before_dot, Some(Tok::Ident(n)) if n == "ext" || n == "extra")
        {
            continue;
        }
        if matches!(toks.get(i + 1).map(|t| &t.tok), Some(Tok::Op("." | "[" | ":" | "?."))) {
            continue;
        }
        out.push(Spanned::new(name.clone(), t.range));
    }
    out
}

/// The keys written into `manifestPlaceholders` anywhere, found on the tokens:
/// `manifestPlaceholders["K"] = …`, `.put("K", …)`, `.K = …`, and the keys of a map assigned,
/// added or passed (`= [K: …]`, `+= mapOf("K" to …)`, `.putAll(…)`, `addManifestPlaceholders(…)`).
fn placeholder_writes(toks: &[lexer::Token]) -> Vec<Spanned<String>> {
    use lexer::Tok;
    let tok = |i: usize| toks.get(i).map(|t| &t.tok);
    let str_key = |i: usize| match tok(i) {
        Some(Tok::Str(lit)) => match &lit.value {
            Value::Str(k) => Some(Spanned::new(k.clone(), lit.content)),
            _ => None,
        },
        _ => None,
    };
    let mut out = Vec::new();
    // Each write looks ahead at most 4,096 tokens; a hostile file full of writes stops being
    // looked at once this many tokens have been (the writes are a fallback, not the model).
    let mut budget: usize = 1 << 20;
    for (i, t) in toks.iter().enumerate() {
        let Tok::Ident(name) = &t.tok else { continue };
        if budget == 0 {
            break;
        }
        let mut j = i + 1;
        // A block whose receiver is the map: `with(manifestPlaceholders) { put("K", …) }`,
        // `manifestPlaceholders.apply { this["K"] = … }`.
        let with = name == "manifestPlaceholders"
            && matches!(tok(i.wrapping_sub(1)), Some(Tok::Op("(")))
            && matches!(tok(i.wrapping_sub(2)), Some(Tok::Ident(w)) if w == "with")
            && matches!(tok(j), Some(Tok::Op(")")))
            && matches!(tok(j + 1), Some(Tok::Op("{")));
        let scoped = name == "manifestPlaceholders"
            && matches!(tok(j), Some(Tok::Op(".")))
            && matches!(tok(j + 1), Some(Tok::Ident(f)) if matches!(f.as_str(), "apply" | "run" | "also"))
            && matches!(tok(j + 2), Some(Tok::Op("{")));
        if with || scoped {
            let open = if with { j + 1 } else { j + 2 };
            let mut depth = 0usize;
            for (k, t) in toks.iter().enumerate().skip(open).take(4096) {
                budget = budget.saturating_sub(1);
                match &t.tok {
                    Tok::Op("{" | "(" | "[") => depth += 1,
                    Tok::Op("}" | ")" | "]") => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    Tok::Ident(f) if depth == 1 && matches!(f.as_str(), "put" | "set") => {
                        if matches!(tok(k + 1), Some(Tok::Op("("))) {
                            out.extend(str_key(k + 2));
                        }
                    }
                    _ => {}
                }
                // `this["K"] = …` / `it["K"] = …`
                if depth == 2
                    && matches!(&t.tok, Tok::Op("["))
                    && matches!(tok(k + 2), Some(Tok::Op("]")))
                    && matches!(tok(k + 3), Some(Tok::Op("=")))
                {
                    out.extend(str_key(k + 1));
                }
            }
            continue;
        }
        match name.as_str() {
            "manifestPlaceholders" => match tok(j) {
                Some(Tok::Op("[")) => {
                    if let (Some(k), Some(Tok::Op("]")), Some(Tok::Op("="))) =
                        (str_key(j + 1), tok(j + 2), tok(j + 3))
                    {
                        out.push(k);
                    }
                    continue;
                }
                Some(Tok::Op(".")) => match tok(j + 1) {
                    Some(Tok::Ident(m)) if m == "put" && matches!(tok(j + 2), Some(Tok::Op("("))) => {
                        out.extend(str_key(j + 3));
                        continue;
                    }
                    Some(Tok::Ident(m)) if matches!(m.as_str(), "putAll" | "set") => j += 2,
                    Some(Tok::Ident(k)) if matches!(tok(j + 2), Some(Tok::Op("="))) => {
                        out.push(Spanned::new(k.clone(), toks[j + 1].range));
                        continue;
                    }
                    _ => continue,
                },
                Some(Tok::Op("=" | "+=")) => j += 1,
                _ => continue,
            },
            "addManifestPlaceholders" => {}
            _ => continue,
        }
        // A map literal, `mapOf(…)` or a call's parentheses: the keys at its first level.
        if matches!(tok(j), Some(Tok::Ident(f)) if f == "mapOf" || f == "mutableMapOf") {
            j += 1;
        }
        if !matches!(tok(j), Some(Tok::Op("[" | "("))) {
            continue;
        }
        let mut depth = 0usize;
        for (k, t) in toks.iter().enumerate().skip(j).take(4096) {
            budget = budget.saturating_sub(1);
            match &t.tok {
                Tok::Op("[" | "(" | "{") => depth += 1,
                Tok::Op("]" | ")" | "}") => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                // `mapOf(…)` inside the parentheses of `putAll(…)` / `addManifestPlaceholders(…)`.
                Tok::Ident(_) | Tok::Str(_) if depth <= 2 => {
                    let key = match &t.tok {
                        Tok::Ident(n) => Some(Spanned::new(n.clone(), t.range)),
                        _ => str_key(k),
                    };
                    let follows = |op: &str| matches!(tok(k + 1), Some(Tok::Op(o)) if *o == op);
                    let to = matches!(tok(k + 1), Some(Tok::Ident(n)) if n == "to");
                    let is_key = match &t.tok {
                        Tok::Str(_) => follows(":") || to,
                        // Not the middle of a ternary (`c ? a : b`, `c ? x.a : b`).
                        _ => follows(":") && !matches!(tok(k.wrapping_sub(1)), Some(Tok::Op("?" | "."))),
                    };
                    if is_key {
                        out.extend(key);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// `apply from: …` statements, found on the tokens so that those inside `buildscript {}` and
/// other blocks count too.
fn applied_scripts(toks: &[lexer::Token]) -> Vec<AppliedScript> {
    use lexer::Tok;
    let mut out = Vec::new();
    // The names of the open blocks: `buildscript {` is "buildscript", any other `{` is "".
    let mut blocks: Vec<&str> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        match &t.tok {
            Tok::Op("{") => {
                let name = match i.checked_sub(1).and_then(|j| toks.get(j)).map(|t| &t.tok) {
                    Some(Tok::Ident(n)) if n == "buildscript" => "buildscript",
                    _ => "",
                };
                blocks.push(name);
                continue;
            }
            Tok::Op("}") => {
                blocks.pop();
                continue;
            }
            Tok::Ident(n) if n == "apply" => {}
            _ => continue,
        }
        if i > 0
            && matches!(toks[i - 1].tok, Tok::Op("."))
            && !matches!(toks.get(i.wrapping_sub(2)).map(|t| &t.tok), Some(Tok::Ident(p)) if p == "project")
        {
            continue;
        }
        let mut j = i + 1;
        if matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Op("("))) {
            j += 1;
        }
        if !matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Ident(n)) if n == "from")
            || !matches!(toks.get(j + 1).map(|t| &t.tok), Some(Tok::Op(":" | "=")))
        {
            continue;
        }
        j += 2;
        // `from: 'x'`, `from: file('x')`, `from: rootProject.file('x')`, `from: project.file('x')`.
        let mut root = false;
        let mut k = j;
        while let Some(Tok::Ident(n)) = toks.get(k).map(|t| &t.tok) {
            root |= n == "rootProject";
            if matches!(toks.get(k + 1).map(|t| &t.tok), Some(Tok::Op("." | "("))) {
                k += 2;
            } else {
                break;
            }
        }
        let path = match toks.get(k).map(|t| &t.tok) {
            Some(Tok::Str(lit)) => Some(Spanned::new(lit.value.clone(), toks[k].range)),
            _ => None,
        };
        // `to: buildscript` later in the same statement.
        let mut to_buildscript = false;
        for t in toks.iter().skip(k + 1).take(6) {
            if t.nl_before {
                break;
            }
            if matches!(&t.tok, Tok::Ident(n) if n == "buildscript") {
                to_buildscript = true;
            }
        }
        let end = toks.get(k).map_or(t.range.end, |e| e.range.end);
        out.push(AppliedScript {
            path,
            root,
            buildscript: to_buildscript || blocks.contains(&"buildscript"),
            range: TextRange::new(t.range.start as usize, end as usize),
        });
    }
    out
}

/// `include` calls whose first argument is not a plain string literal, found on the tokens so that
/// calls inside function bodies and lambdas (which the tree skips or does not follow) count too.
fn computed_includes(toks: &[lexer::Token]) -> Vec<TextRange> {
    use lexer::Tok;
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !matches!(&t.tok, Tok::Ident(n) if n == "include") {
            continue;
        }
        // `abi { include "x86" }` is a member call of another block; `splits.abi.include` too.
        if i > 0 && matches!(toks[i - 1].tok, Tok::Op("." | "?.")) {
            continue;
        }
        let mut j = i + 1;
        if matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Op("("))) {
            j += 1;
        } else if toks.get(j).is_none_or(|t| t.nl_before || matches!(t.tok, Tok::Op(_))) {
            // `include` alone, or used as a value (`include = …`).
            continue;
        }
        let Some(arg) = toks.get(j) else { continue };
        let literal = matches!(&arg.tok, Tok::Str(s) if matches!(s.value, Value::Str(_)));
        if !literal && !matches!(arg.tok, Tok::Op(")") | Tok::Eof) {
            out.push(arg.range);
        }
    }
    out
}
