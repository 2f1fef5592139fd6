//! pushlint: reads an Android project's push configuration into a typed model and checks it.
//! Pipeline: discover → parse → build model → run rules → render.

pub mod catalog;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod parse;
pub mod project;
pub mod rules;
pub mod span;

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
    pub modules: serde_json::Value,
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
            Some(&self.modules),
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
/// and the module's push-related dependencies.
pub fn module_summary(cx: &rules::Ctx) -> serde_json::Value {
    let project = cx.project;
    let push_coords: Vec<&str> = cx
        .catalog
        .vendors
        .iter()
        .flat_map(|v| v.gradle.artifacts.iter().map(|a| a.module.as_str()))
        .collect();
    let modules: Vec<serde_json::Value> = project
        .modules
        .iter()
        .enumerate()
        .map(|(mi, m)| {
            let variants: Vec<serde_json::Value> = m
                .variants
                .iter()
                .map(|v| {
                    let mut obj = serde_json::json!({
                        "name": v.name,
                        "applicationId": v.application_id.value(),
                        "namespace": v.namespace.value(),
                        "minSdk": v.min_sdk.value(),
                        "targetSdk": v.target_sdk.value(),
                    });
                    if let Some(view) = cx.views.iter().find(|x| x.module == mi && std::ptr::eq(x.variant, v))
                    {
                        obj["integrations"] = view
                            .integrations
                            .iter()
                            .map(|i| {
                                serde_json::json!({
                                    "vendor": i.vendor,
                                    "profiles": i.profiles,
                                    "evidence": i.evidence.iter().map(|e| e.what.clone()).collect::<Vec<_>>(),
                                })
                            })
                            .collect();
                    }
                    obj
                })
                .collect();
            let push_deps: Vec<serde_json::Value> = m
                .deps
                .iter()
                .filter(|d| push_coords.contains(&d.coordinate().as_str()))
                .map(|d| {
                    serde_json::json!({
                        "coordinate": d.coordinate(),
                        "version": d.version.value(),
                        "configuration": d.configuration,
                        "conditional": d.conditional,
                    })
                })
                .collect();
            serde_json::json!({
                "path": m.path,
                "dir": m.dir_rel,
                "kind": match m.kind {
                    project::ModuleKind::Application => "application",
                    project::ModuleKind::Library => "library",
                    project::ModuleKind::Other => "other",
                },
                "variants": variants,
                "pushDependencies": push_deps,
            })
        })
        .collect();
    serde_json::Value::Array(modules)
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
        for i in &view.integrations {
            s.push_str(&format!("  {} via {}\n", i.vendor, i.profiles.join(", ")));
            for e in &i.evidence {
                s.push_str(&format!("    - {}\n", e.what));
            }
        }
    }
    s
}

/// Lints the project containing `path` with `config`.
pub fn lint(path: &Path, config: &Config) -> Result<Report, String> {
    let root = project::discover::find_root(path)?;
    let catalog = match &config.rules_dir {
        Some(dir) => Catalog::with_dir(dir),
        None => Catalog::embedded(),
    }
    .map_err(|e| format!("invalid vendor catalog: {e}"))?;
    Ok(lint_root(&root, config, &catalog))
}

/// Lints the project at `root` (already found) with a loaded catalog.
pub fn lint_root(root: &Path, config: &Config, catalog: &Catalog) -> Report {
    let opts = project::discover::LoadOptions {
        consoles: config.consoles.clone(),
        stdin_override: config.stdin.clone(),
    };
    let mut project = project::discover::load(root, &opts);
    let cx = rules::Ctx::new(&project, catalog, &config.variants);
    let mut diags = Vec::new();
    for rule in rules::all().filter(|r| config.enabled(r)) {
        let mut found = Vec::new();
        (rule.check)(&cx, &mut found);
        let severity = config.severity_of(rule);
        for mut d in found {
            if d.code == rule.code {
                d.severity = severity;
            }
            diags.push(d);
        }
    }
    diagnostics::sort_and_dedup(&mut diags, &project.files);
    let modules = module_summary(&cx);
    let detection = if config.explain_detection { Some(explain_detection(&cx)) } else { None };
    // Secrets are masked once, here, so every renderer (messages, labels, snippets) is covered.
    let secrets = rules::security::secrets(&project, catalog);
    let secret_values: Vec<String> = secrets.iter().map(|s| s.value.value.clone()).collect();
    let secret_spans: Vec<span::Span> = secrets.iter().map(|s| s.value.span).collect();
    drop(secrets);
    drop(cx);
    diagnostics::mask_secrets(&mut diags, &secret_values);
    project.files.mask(&secret_spans);
    Report { project, diagnostics: diags, modules, detection }
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
        cli::Command::Rules { format } => {
            let _ = out.write_all(rules_listing(format).as_bytes());
            0
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
    let config = Config {
        select: a.select.clone(),
        extend_select: a.extend_select.clone(),
        ignore: a.ignore.clone(),
        variants: a.variants.clone(),
        consoles: a.consoles.clone(),
        rules_dir: a.rules_dir.clone(),
        stdin,
        explain_detection: a.explain_detection,
        ..Default::default()
    };
    let catalog = match &config.rules_dir {
        Some(dir) => Catalog::with_dir(dir),
        None => Catalog::embedded(),
    };
    let catalog = match catalog {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "error: invalid vendor catalog: {e}");
            return 2;
        }
    };
    for c in &config.consoles {
        if !c.is_file() {
            let _ = writeln!(err, "error: console file {} not found", c.display());
            return 2;
        }
    }
    // Several paths inside one project lint that project once.
    let mut roots: Vec<PathBuf> = Vec::new();
    let mut paths = a.paths.clone();
    if let Some((p, _)) = &config.stdin {
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
    let reports: Vec<Report> = roots.iter().map(|r| lint_root(r, &config, &catalog)).collect();
    let threshold = match a.fail_on {
        cli::FailOn::Error => Severity::Error,
        cli::FailOn::Warning => Severity::Warning,
        cli::FailOn::Info => Severity::Info,
    };
    let failing = reports.iter().flat_map(|r| r.iter()).any(|d| d.severity >= threshold);
    let rendered = match a.format {
        cli::Format::Json => {
            if reports.len() == 1 {
                reports[0].to_json_string()
            } else {
                let docs: Vec<serde_json::Value> = reports.iter().map(|r| r.to_json()).collect();
                serde_json::to_string_pretty(&docs).unwrap_or_default() + "\n"
            }
        }
        cli::Format::Human => {
            let color = match a.color {
                cli::ColorChoice::Always => diagnostics::human::Color::Always,
                cli::ColorChoice::Never => diagnostics::human::Color::Never,
                cli::ColorChoice::Auto => {
                    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
                    if !no_color && std::io::IsTerminal::is_terminal(&std::io::stdout()) {
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
    };
    let _ = out.write_all(rendered.as_bytes());
    let _ = out.flush();
    if failing && !a.exit_zero { 1 } else { 0 }
}

/// The relative path of a file, for callers that only have a report.
pub fn file_path(report: &Report, d: &Diagnostic) -> Option<String> {
    d.file().map(|f| report.project.files.path(f).to_string())
}
