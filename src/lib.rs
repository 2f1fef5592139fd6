//! pushlint: reads an Android project's push configuration into a typed model and checks it.
//! Pipeline: discover → parse → build model → run rules → render.

pub mod baseline;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod diagnostics;
#[doc(hidden)]
pub mod fuzz;
pub mod parse;
pub mod project;
pub mod rule_docs;
pub mod rules;
pub mod span;
pub mod suppress;

pub use config::Config;

use catalog::Catalog;
use diagnostics::{Diagnostic, Severity, Sources};
use project::Project;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The JSON Schemas shipped in the binary.
pub const CONSOLE_SCHEMA: &str = include_str!("../schemas/push-console.schema.json");
pub const DIAGNOSTICS_SCHEMA: &str = include_str!("../schemas/diagnostics.schema.json");

/// The findings of one project, sorted, with the model they were computed from.
pub struct Report {
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
    /// What pushlint understood of each module (variants, integrations, push dependencies).
    pub modules: ModuleSummary,
    /// The `--explain-detection` text, when asked for.
    pub detection: Option<String>,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter()
    }
    /// The SPEC §6 JSON document.
    pub fn to_json_string(&self) -> String {
        let summary = diagnostics::json::Summary {
            counts: diagnostics::Counts::of(&self.diagnostics),
            files: self.project.files.len(),
            modules: self.project.modules.len(),
        };
        diagnostics::json::render(
            &self.diagnostics,
            &self.project.files,
            &summary,
            Some(&ModulesJson { project: &self.project, summary: &self.modules }),
            &|d| url_for(d),
        )
    }
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.to_json_string()).unwrap_or(serde_json::Value::Null)
    }
}

fn url_for(d: &Diagnostic) -> String {
    format!("{}{}-{}.md", rules::DOCS_URL, d.code, d.name)
}

/// What the JSON report says about each module, so a user sees what pushlint understood and why
/// a rule fired: variants with their ids, the vendors each app variant integrates (with evidence),
/// and the module's push-related dependencies. Holds only what the model does not (the
/// integrations, which belong to the variant views); the rest is read from the model when the
/// report is written, so no JSON tree of a monorepo's modules is ever built in memory.
#[derive(Debug, Default)]
pub struct ModuleSummary {
    /// Per module, per variant: the vendors a checked variant integrates (None when not checked).
    integrations: Vec<Vec<Option<project::detect::Integrations>>>,
    /// Per module: indices in `Module::deps` of its push-related dependencies.
    push_deps: Vec<Vec<usize>>,
}

impl ModuleSummary {
    /// The summary of `project`; `integrations` are (module, variant address, integrations) of the
    /// checked variants.
    fn new(
        project: &Project,
        catalog: &Catalog,
        checked: Vec<(usize, *const project::variants::Variant, project::detect::Integrations)>,
    ) -> ModuleSummary {
        let mut integrations: Vec<Vec<Option<project::detect::Integrations>>> =
            project.modules.iter().map(|m| (0..m.variants.len()).map(|_| None).collect()).collect();
        for (mi, variant, found) in checked {
            let Some(m) = project.modules.get(mi) else { continue };
            let Some(vi) = m.variants.iter().position(|v| std::ptr::eq(v, variant)) else { continue };
            if let Some(slot) = integrations.get_mut(mi).and_then(|vs| vs.get_mut(vi)) {
                *slot = Some(found);
            }
        }
        let push_coords: Vec<&str> = catalog
            .vendors
            .iter()
            .flat_map(|v| v.gradle.artifacts.iter().map(|a| a.module.as_str()))
            .collect();
        // Modules repeat the same coordinates: each is classified once.
        let mut related: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
        let push_deps = project
            .modules
            .iter()
            .map(|m| {
                (0..m.deps.len())
                    .filter(|&i| {
                        let c = m.deps[i].coordinate();
                        if let Some(&known) = related.get(c) {
                            return known;
                        }
                        let is = push_coords.contains(&c) || rules::deps::push_related(catalog, c);
                        related.insert(c.to_string(), is);
                        is
                    })
                    .collect()
            })
            .collect();
        ModuleSummary { integrations, push_deps }
    }
}

/// The summary as JSON: fields in alphabetical order, as the report has always had them.
struct ModulesJson<'a> {
    project: &'a Project,
    summary: &'a ModuleSummary,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ModuleJson<'a> {
    dir: &'a str,
    kind: &'static str,
    path: &'a str,
    push_dependencies: Vec<DepJson<'a>>,
    variants: Vec<VariantJson<'a>>,
}

#[derive(serde::Serialize)]
struct DepJson<'a> {
    conditional: bool,
    configuration: &'a str,
    coordinate: &'a str,
    /// A dynamic version, and a BoM line, say where the resolved version comes from.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    dynamic: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    platform: bool,
    version: Option<&'a String>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct VariantJson<'a> {
    application_id: Option<&'a String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    integrations: Option<Vec<IntegrationJson<'a>>>,
    min_sdk: Option<&'a String>,
    name: &'a str,
    namespace: Option<&'a String>,
    target_sdk: Option<&'a String>,
}

#[derive(serde::Serialize)]
struct IntegrationJson<'a> {
    evidence: Vec<&'a str>,
    profiles: &'a [String],
    vendor: &'a str,
}

impl serde::Serialize for ModulesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = ser.serialize_seq(Some(self.project.modules.len()))?;
        for (mi, m) in self.project.modules.iter().enumerate() {
            let integrations = self.summary.integrations.get(mi);
            let variants = m
                .variants
                .iter()
                .enumerate()
                .map(|(vi, v)| VariantJson {
                    application_id: v.application_id.value(),
                    integrations: integrations.and_then(|vs| vs.get(vi)).and_then(Option::as_ref).map(
                        |found| {
                            found
                                .iter()
                                .map(|i| IntegrationJson {
                                    evidence: i.evidence.iter().map(|e| e.what.as_str()).collect(),
                                    profiles: &i.profiles,
                                    vendor: &i.vendor,
                                })
                                .collect()
                        },
                    ),
                    min_sdk: v.min_sdk.value(),
                    name: &v.name,
                    namespace: v.namespace.value(),
                    target_sdk: v.target_sdk.value(),
                })
                .collect();
            let push_dependencies = self
                .summary
                .push_deps
                .get(mi)
                .into_iter()
                .flatten()
                .filter_map(|&i| m.deps.get(i))
                .map(|d| DepJson {
                    conditional: d.conditional,
                    configuration: &d.configuration,
                    coordinate: d.coordinate(),
                    dynamic: d.version.value().is_some_and(|v| project::deps::is_dynamic_version(v)),
                    platform: d.platform,
                    version: d.version.value(),
                })
                .collect();
            seq.serialize_element(&ModuleJson {
                dir: &m.dir_rel,
                kind: match m.kind {
                    project::ModuleKind::Application => "application",
                    project::ModuleKind::Library => "library",
                    project::ModuleKind::Other => "other",
                },
                path: &m.path,
                push_dependencies,
                variants,
            })?;
        }
        seq.end()
    }
}

/// Human-readable account of what was detected, for `--explain-detection`.
pub fn explain_detection(cx: &rules::Ctx) -> String {
    let mut s = String::new();
    for view in &cx.views {
        let m = &cx.project.modules[view.module];
        s.push_str(&format!(
            "{} {} (applicationId {}):\n",
            m.path,
            view.variant.name,
            view.variant.app_id().unwrap_or("unknown")
        ));
        if view.integrations.is_empty() {
            s.push_str("  no vendor integration detected\n");
        }
        for i in view.integrations.iter() {
            s.push_str(&format!("  {} via {}\n", i.vendor, i.profiles.join(", ")));
            for e in &i.evidence {
                s.push_str(&format!("    - {}\n", e.what));
            }
        }
    }
    s
}

/// Lints the project containing `path` with `config` over its `pushlint.toml`, if any.
pub fn lint(path: &Path, config: &Config) -> Result<Report, String> {
    let root = project::discover::find_root(path)?;
    let (config, file) = config.resolve(&root).map_err(|e| format!("invalid configuration: {e}"))?;
    lint_loading_catalog(&root, &config, file.as_ref())
}

fn load_catalog(config: &Config) -> Result<Catalog, String> {
    match &config.rules_dir {
        Some(dir) => Catalog::with_dir(dir),
        None => Catalog::embedded(),
    }
    .map_err(|e| format!("invalid vendor catalog: {e}"))
}

/// Lints the project at `root` (already found) with a loaded catalog and exactly `config`
/// (no configuration file is looked for).
pub fn lint_root(root: &Path, config: &Config, catalog: &Catalog) -> Report {
    lint_with(root, config, None, catalog)
}

/// Adds the configuration file to the project's files, so findings can point into it.
fn add_config_file(project: &mut Project, file: &config::file::FileConfig) {
    let abs = std::fs::canonicalize(&file.path).unwrap_or(file.path.clone());
    let rel = project::discover::relative(&abs, &project.root);
    let id = project.files.add(rel, file.text.clone(), "UTF-8");
    for p in &file.problems {
        project.problems.push(project::InputProblem {
            kind: match p.kind {
                config::file::ProblemKind::UnknownKey => project::InputProblemKind::ConfigKeyUnknown,
                config::file::ProblemKind::UnknownRule => project::InputProblemKind::ConfigRuleUnknown,
            },
            span: span::Span::new(id, p.range),
            message: p.message.clone(),
        });
    }
}

fn lint_with(
    root: &Path,
    config: &Config,
    file: Option<&config::file::FileConfig>,
    catalog: &Catalog,
) -> Report {
    project::discover::in_pool(|| lint_project(load_project(root, config, file), config, catalog))
}

/// Loads the vendor catalog while the project is read: for one app, parsing the catalog is a
/// good part of the run, and neither needs the other.
fn lint_loading_catalog(
    root: &Path,
    config: &Config,
    file: Option<&config::file::FileConfig>,
) -> Result<Report, String> {
    project::discover::in_pool(|| {
        let (catalog, project) = rayon::join(|| load_catalog(config), || load_project(root, config, file));
        Ok(lint_project(project, config, &catalog?))
    })
}

fn load_project(root: &Path, config: &Config, file: Option<&config::file::FileConfig>) -> Project {
    let opts = project::discover::LoadOptions {
        consoles: config.consoles.clone(),
        stdin_override: config.stdin.clone(),
        exclude: config.exclude_set(),
    };
    let mut project = project::discover::load(root, &opts);
    if let Some(f) = file {
        add_config_file(&mut project, f);
    }
    project
}

fn lint_project(mut project: Project, config: &Config, catalog: &Catalog) -> Report {
    let exclude = config.exclude_set();
    let cx = rules::Ctx::new(&project, catalog, &config.variants);
    // Rules run in parallel; their findings are concatenated in registry order, then sorted.
    let enabled: Vec<&rules::Rule> = rules::all().filter(|r| config.enabled(r)).collect();
    let per_rule: Vec<Vec<Diagnostic>> = {
        use rayon::prelude::*;
        enabled
            .par_iter()
            .map(|rule| {
                let mut found = Vec::new();
                (rule.check)(&cx, &mut found);
                let severity = config.severity_of(rule);
                for d in &mut found {
                    // A finding may lower its rule's default (a fact the catalog marks unconfirmed);
                    // a severity set in the config applies to every finding of the rule.
                    if d.code == rule.code && severity != rule.severity {
                        d.severity = severity;
                    }
                }
                found
            })
            .collect()
    };
    let mut diags: Vec<Diagnostic> = per_rule.into_iter().flatten().collect();
    let detection = if config.explain_detection { Some(explain_detection(&cx)) } else { None };
    // Secrets are masked once, here, so every renderer (messages, labels, snippets) is covered.
    let secrets = rules::security::secrets(&project, catalog);
    let secret_values: Vec<String> = secrets.iter().map(|s| s.value.value.clone()).collect();
    let secret_spans: Vec<span::Span> = secrets.iter().map(|s| s.value.span).collect();
    drop(secrets);
    // The merged manifests are not needed past the rules: free them before the summary is built,
    // so the two never take memory at once.
    let mut cx = cx;
    let views = std::mem::take(&mut cx.views);
    drop(cx);
    let checked =
        views.into_iter().map(|v| (v.module, std::ptr::from_ref(v.variant), v.integrations)).collect();
    let modules = ModuleSummary::new(&project, catalog, checked);
    diags.retain(|d| {
        let Some(p) = &d.primary else { return true };
        let path = project.files.path(p.span.file);
        let excluded = exclude.as_ref().is_some_and(|g| g.is_match(path));
        !excluded && !rules::find(d.code).is_some_and(|r| config.ignored_in_file(r, path))
    });
    suppress::apply(&project, config, &mut diags);
    diagnostics::sort_and_dedup(&mut diags, &project.files);
    diagnostics::mask_secrets(&mut diags, &secret_values);
    project.files.mask(&secret_spans);
    Report { project, diagnostics: diags, modules, detection }
}

/// What the CI renderers need about every rule.
pub fn rule_infos() -> Vec<diagnostics::RuleInfo> {
    rules::all()
        .map(|r| diagnostics::RuleInfo {
            code: r.code,
            name: r.name,
            family: r.family.as_str(),
            severity: r.severity,
            summary: r.summary(),
            docs: r.docs,
            url: r.url(),
        })
        .collect()
}

/// Writes `content` to `path` through a temporary file in the same folder and a rename, so
/// readers never see a partial file.
pub fn write_atomic(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| std::io::Error::other("not a file name"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let result = std::fs::write(&tmp, content).and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// How CI formats print paths: relative to the current folder when the project is inside it
/// (the usual CI layout), else relative to the project root; and that base folder as a URI.
fn path_base(root: &Path) -> (String, Option<String>) {
    let cwd = std::env::current_dir().ok().and_then(|c| std::fs::canonicalize(c).ok());
    match cwd.as_ref().and_then(|c| root.strip_prefix(c).ok().map(|rel| (c, rel))) {
        Some((cwd, rel)) => {
            let prefix: String =
                rel.components().map(|c| format!("{}/", c.as_os_str().to_string_lossy())).collect();
            (prefix, url::Url::from_directory_path(cwd).ok().map(String::from))
        }
        None => (String::new(), url::Url::from_directory_path(root).ok().map(String::from)),
    }
}

/// Runs the command line; returns the process exit code (SPEC §3).
pub fn run(args: Vec<std::ffi::OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use clap::Parser;
    let mut args = args;
    // `pushlint [PATH]...` means `pushlint check [PATH]...`.
    let first = args.get(1).and_then(|a| a.to_str()).map(str::to_string);
    let is_sub = first.as_deref().is_some_and(|a| cli::SUBCOMMANDS.contains(&a));
    let is_flag_only = matches!(first.as_deref(), Some("-h" | "--help" | "-V" | "--version"));
    if !is_sub && !is_flag_only {
        args.insert(1.min(args.len()), "check".into());
    }
    let parsed = match cli::Cli::try_parse_from(args) {
        Ok(p) => p,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ =
                if e.use_stderr() { write!(err, "{}", e.render()) } else { write!(out, "{}", e.render()) };
            return code;
        }
    };
    // Lets the test suite prove that a panic becomes exit code 3 with no partial output.
    if std::env::var_os("PUSHLINT_TEST_PANIC").is_some() {
        let _ = out.write_all(b"partial");
        panic!("panic requested by PUSHLINT_TEST_PANIC");
    }
    match parsed.command {
        cli::Command::Check(a) => check(a, out, err),
        cli::Command::Rules { markdown: Some(dir), .. } => match write_rule_docs(&dir) {
            Ok(n) => {
                let _ = writeln!(err, "wrote {n} pages to {}", dir.display());
                0
            }
            Err(e) => {
                let _ = writeln!(err, "error: cannot write {}: {e}", dir.display());
                2
            }
        },
        cli::Command::Rules { format, markdown: None } => {
            let _ = out.write_all(rules_listing(format).as_bytes());
            0
        }
        cli::Command::Config { config, path, .. } => config_show(&path, config, out, err),
        cli::Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut cli::Cli::command(), "pushlint", out);
            0
        }
        cli::Command::Man => {
            use clap::CommandFactory;
            match clap_mangen::Man::new(cli::Cli::command()).render(out) {
                Ok(()) => 0,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    2
                }
            }
        }
        cli::Command::Explain { rule } => match rules::find(&rule) {
            Some(r) => {
                let _ = writeln!(
                    out,
                    "# {} {}\n\nfamily: {} · default severity: {}\n\n{}",
                    r.code,
                    r.name,
                    r.family.as_str(),
                    r.severity.as_str(),
                    r.docs.trim_end()
                );
                0
            }
            None => {
                let _ = writeln!(err, "error: unknown rule `{rule}`; `pushlint rules` lists them");
                2
            }
        },
        cli::Command::Schema { which } => {
            let _ = out.write_all(match which {
                cli::SchemaKind::Console => CONSOLE_SCHEMA.as_bytes(),
                cli::SchemaKind::Diagnostics => DIAGNOSTICS_SCHEMA.as_bytes(),
            });
            0
        }
    }
}

/// Writes `docs/rules`-style pages into `dir`, removing pages of rules that no longer exist.
fn write_rule_docs(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let pages = rule_docs::pages();
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("PL") && name.ends_with(".md") && !pages.iter().any(|(n, _)| *n == name) {
            std::fs::remove_file(entry.path())?;
        }
    }
    for (name, text) in &pages {
        write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(pages.len())
}

/// A TOML string literal (JSON string escapes are valid TOML basic-string escapes).
fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn toml_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    format!("[{}]", items.into_iter().map(toml_str).collect::<Vec<_>>().join(", "))
}

/// `pushlint config --show`: the effective configuration of the project containing `path`.
fn config_show(path: &Path, config_file: Option<PathBuf>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let root = match project::discover::find_root(path) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return 2;
        }
    };
    let base = Config { config_file, ..Default::default() };
    let (c, file) = match base.resolve(&root) {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "error: invalid configuration: {e}");
            return 2;
        }
    };
    let mut s = match &file {
        Some(f) => format!("# configuration file: {}\n", f.path.display()),
        None => "# no configuration file found; defaults\n".to_string(),
    };
    s.push_str(&format!("# project root: {}\n", root.display()));
    s.push_str(&format!("select = {}\n", toml_list(c.select.iter().map(String::as_str))));
    s.push_str(&format!("ignore = {}\n", toml_list(c.ignore.iter().map(String::as_str))));
    s.push_str(&format!("extend-select = {}\n", toml_list(c.extend_select.iter().map(String::as_str))));
    s.push_str(&format!("exclude = {}\n", toml_list(c.exclude.iter().map(String::as_str))));
    let consoles: Vec<String> = c.consoles.iter().map(|p| p.display().to_string()).collect();
    s.push_str(&format!("console = {}\n", toml_list(consoles.iter().map(String::as_str))));
    s.push_str(&format!("variants = {}\n", toml_list(c.variants.iter().map(String::as_str))));
    if let Some(dir) = &c.rules_dir {
        s.push_str(&format!("rules-dir = {}\n", toml_str(&dir.display().to_string())));
    }
    s.push_str("\n[severity]\n");
    for r in rules::all().filter(|r| c.enabled(r)) {
        let sev = c.severity_of(r);
        if sev != r.severity {
            s.push_str(&format!("{} = {}  # {}\n", r.code, toml_str(sev.as_str()), r.name));
        }
    }
    for r in rules::all().filter(|r| !c.enabled(r)) {
        s.push_str(&format!("{} = \"off\"  # {}\n", r.code, r.name));
    }
    s.push_str("\n[per-file-ignores]\n");
    for (glob, codes) in &c.per_file_ignores {
        s.push_str(&format!("{} = {}\n", toml_str(glob), toml_list(codes.iter().map(String::as_str))));
    }
    let _ = out.write_all(s.as_bytes());
    0
}

fn rules_listing(format: cli::ListFormat) -> String {
    match format {
        cli::ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules::all()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "name": r.name, "family": r.family.as_str(),
                        "severity": r.severity.as_str(), "summary": r.summary(), "url": r.url(),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        cli::ListFormat::Table => {
            let mut s = String::new();
            for r in rules::all() {
                s.push_str(&format!(
                    "{:<6} {:<36} {:<9} {:<8} {}\n",
                    r.code,
                    r.name,
                    r.family.as_str(),
                    r.severity.as_str(),
                    r.summary()
                ));
            }
            s
        }
    }
}

fn check(a: cli::CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    for sel in a.select.iter().chain(&a.ignore).chain(&a.extend_select) {
        if !config::selector_is_known(sel) {
            let _ = writeln!(err, "error: unknown rule selector `{sel}`; `pushlint rules` lists the rules");
            return 2;
        }
    }
    let stdin = match &a.stdin_filename {
        Some(p) => {
            let mut s = String::new();
            if let Err(e) = std::io::Read::read_to_string(&mut std::io::stdin(), &mut s) {
                let _ = writeln!(err, "error: cannot read standard input: {e}");
                return 2;
            }
            Some((p.clone(), s))
        }
        None => None,
    };
    let base = Config {
        select: a.select.clone(),
        extend_select: a.extend_select.clone(),
        ignore: a.ignore.clone(),
        variants: a.variants.clone(),
        consoles: a.consoles.clone(),
        rules_dir: a.rules_dir.clone(),
        config_file: a.config.clone(),
        stdin,
        explain_detection: a.explain_detection,
        ..Default::default()
    };
    if let Some(c) = base.config_file.as_ref().filter(|c| !c.is_file()) {
        let _ = writeln!(err, "error: configuration file {} not found", c.display());
        return 2;
    }
    // Several paths inside one project lint that project once.
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut paths = a.paths.clone();
    if let Some((p, _)) = &base.stdin {
        paths = vec![
            p.parent()
                .map(Path::to_path_buf)
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(PathBuf::from(".")),
        ];
    }
    for p in &paths {
        match project::discover::find_root(p) {
            Ok(r) => {
                if !roots.contains(&r) {
                    roots.push(r)
                }
            }
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                return 2;
            }
        }
    }
    let mut reports: Vec<Report> = Vec::new();
    for root in &roots {
        let (config, file) = match base.resolve(root) {
            Ok(x) => x,
            Err(e) => {
                let _ = writeln!(err, "error: invalid configuration: {e}");
                return 2;
            }
        };
        if let Some(c) = config.consoles.iter().find(|c| !c.is_file()) {
            let _ = writeln!(err, "error: console file {} not found", c.display());
            return 2;
        }
        match lint_loading_catalog(root, &config, file.as_ref()) {
            Ok(report) => reports.push(report),
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                return 2;
            }
        }
    }
    if let Some(path) = &a.write_baseline {
        let b = baseline::Baseline::of(
            reports.iter().map(|r| (&r.diagnostics[..], &r.project.files as &dyn Sources)),
        );
        if let Err(e) = write_atomic(path, b.to_json().as_bytes()) {
            let _ = writeln!(err, "error: cannot write {}: {e}", path.display());
            return 2;
        }
        let _ = writeln!(err, "wrote {} baseline entries to {}", b.entries.len(), path.display());
        return 0;
    }
    let mut stale = Vec::new();
    if let Some(path) = &a.baseline {
        let b = match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| baseline::Baseline::parse(&t))
        {
            Ok(b) => b,
            Err(e) => {
                let _ = writeln!(err, "error: invalid baseline {}: {e}", path.display());
                return 2;
            }
        };
        stale = b.filter(reports.iter_mut().map(|r| (&mut r.diagnostics, &r.project.files as &dyn Sources)));
    }
    let threshold = match a.fail_on {
        cli::FailOn::Error => Severity::Error,
        cli::FailOn::Warning => Severity::Warning,
        cli::FailOn::Info => Severity::Info,
    };
    let mut failing = reports.iter().flat_map(|r| r.iter()).any(|d| d.severity >= threshold);
    if a.baseline_strict && !stale.is_empty() {
        failing = true;
        for e in &stale {
            let _ = writeln!(
                err,
                "stale baseline entry: {} {}: {} (fingerprint {})",
                e.code, e.file, e.message, e.fingerprint
            );
        }
        let _ = writeln!(err, "{} baseline entries match no finding; write the baseline again", stale.len());
    }
    let rendered = render(&a, &reports);
    match &a.output {
        Some(path) => {
            if let Err(e) = write_atomic(path, rendered.as_bytes()) {
                let _ = writeln!(err, "error: cannot write {}: {e}", path.display());
                return 2;
            }
        }
        None => {
            let _ = out.write_all(rendered.as_bytes());
            let _ = out.flush();
        }
    }
    // Freeing a large model takes a noticeable share of a run; the process is about to exit,
    // so let another thread do it (if none can be started, it is freed here).
    let _ = std::thread::Builder::new().spawn(move || drop(reports));
    if failing && !a.exit_zero { 1 } else { 0 }
}

fn render(a: &cli::CheckArgs, reports: &[Report]) -> String {
    let runs = || -> Vec<diagnostics::Run> {
        reports
            .iter()
            .map(|r| {
                let (prefix, base_uri) = path_base(&r.project.root);
                diagnostics::Run { diagnostics: &r.diagnostics, sources: &r.project.files, prefix, base_uri }
            })
            .collect()
    };
    match a.format {
        cli::Format::Json => {
            if reports.len() == 1 {
                reports[0].to_json_string()
            } else {
                let docs: Vec<serde_json::Value> = reports.iter().map(|r| r.to_json()).collect();
                serde_json::to_string_pretty(&docs).unwrap_or_default() + "\n"
            }
        }
        cli::Format::Sarif => diagnostics::sarif::render(&runs(), &rule_infos()),
        cli::Format::Github => diagnostics::github::render(&runs()),
        cli::Format::Checkstyle => diagnostics::checkstyle::render(&runs(), &|code| {
            rules::find(code).map_or("unknown", |r| r.family.as_str())
        }),
        cli::Format::Human => {
            let color = match a.color {
                cli::ColorChoice::Always => diagnostics::human::Color::Always,
                cli::ColorChoice::Never => diagnostics::human::Color::Never,
                cli::ColorChoice::Auto => {
                    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                    if !no_color && a.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout())
                    {
                        diagnostics::human::Color::Always
                    } else {
                        diagnostics::human::Color::Never
                    }
                }
            };
            reports
                .iter()
                .map(|r| {
                    let mut text = r.detection.clone().unwrap_or_default();
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text + &diagnostics::human::render(
                        &r.diagnostics,
                        &r.project.files,
                        color,
                        r.project.files.len(),
                        a.quiet,
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        }
    }
}

/// The relative path of a file, for callers that only have a report.
pub fn file_path(report: &Report, d: &Diagnostic) -> Option<String> {
    d.file().map(|f| report.project.files.path(f).to_string())
}
