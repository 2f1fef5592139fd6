//! pushlint reads an Android project's offline-push configuration — manifests, Gradle files,
//! vendor JSON files, the console snapshot and code constants — into a typed model with exact
//! source spans, and checks it against a catalog of vendor facts. Nothing is executed and
//! nothing leaves the machine.
//!
//! The pipeline is discover → parse → project model → variants and merged manifests → rules →
//! diagnostics → renderers (see `ARCHITECTURE.md`). This file is the library's API: [`lint`] and
//! [`lint_root`] return a [`Report`]; the command line lives in [`cli`].
//!
//! ```no_run
//! use pushlint::{Config, lint};
//!
//! let report = lint(std::path::Path::new("fixtures/sample-chat"), &Config::default())?;
//! for d in report.iter() {
//!     let file = pushlint::file_path(&report, d).unwrap_or_default();
//!     println!("{} {}: {}", d.code, file, d.message);
//! }
//! # Ok::<(), String>(())
//! ```

pub mod baseline;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod diagnostics;
mod engine;
pub mod fileio;
pub mod fix;
#[doc(hidden)]
pub mod fuzz;
pub mod parse;
pub mod pool;
pub mod project;
pub mod report;
pub mod rule_docs;
pub mod rules;
pub mod server;
pub mod span;
pub mod status;
pub mod suppress;

pub use cli::run;
pub use config::Config;
pub use engine::Inputs;
pub use report::{ModuleSummary, Report, explain_detection};

use catalog::Catalog;
use diagnostics::{Diagnostic, Sources};
use std::path::Path;

/// The JSON Schemas shipped in the binary.
pub const CONSOLE_SCHEMA: &str = include_str!("../schemas/push-console.schema.json");
pub const DIAGNOSTICS_SCHEMA: &str = include_str!("../schemas/diagnostics.schema.json");
pub const STATUS_SCHEMA: &str = include_str!("../schemas/status.schema.json");

/// Lints the project containing `path` with `config` over its `pushlint.toml`, if any.
pub fn lint(path: &Path, config: &Config) -> Result<Report, String> {
    let root = project::discover::find_root(path)?;
    let (config, file) = config.resolve(&root).map_err(|e| format!("invalid configuration: {e}"))?;
    engine::lint_loading_catalog(&root, &config, file.as_ref())
}

/// The project model containing `path` (library manifests attached) and the vendor catalog, as
/// the rules would see them, under `config` and its `pushlint.toml`.
pub fn load(path: &Path, config: &Config) -> Result<(project::Project, Catalog), String> {
    let root = project::discover::find_root(path)?;
    let (config, file) = config.resolve(&root).map_err(|e| format!("invalid configuration: {e}"))?;
    engine::load_model(&root, &config, file.as_ref())
}

/// Lints the project at `root` (already found) with a loaded catalog and exactly `config`
/// (no configuration file is looked for).
pub fn lint_root(root: &Path, config: &Config, catalog: &Catalog) -> Report {
    engine::lint_with(root, config, None, catalog, Inputs::default())
}

/// Lints the project at `root` (already found) as [`lint`] does, with `config` and its file
/// already resolved ([`Config::resolve`]), a loaded catalog, and `inputs` over the disk: the
/// texts of an editor's unsaved buffers, folder listings kept between runs.
pub fn lint_overlay(
    root: &Path,
    config: &Config,
    file: Option<&config::file::FileConfig>,
    catalog: &Catalog,
    inputs: Inputs,
) -> Report {
    engine::lint_with(root, config, file, catalog, inputs)
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

/// The relative path of a file, for callers that only have a report.
pub fn file_path(report: &Report, d: &Diagnostic) -> Option<String> {
    d.file().map(|f| report.project.files.path(f).to_string())
}
