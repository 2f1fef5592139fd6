//! `pushlint status`: lint the projects as `check` does, then show per app variant and vendor
//! the state of each integration step (`crate::status`), as text, JSON or an HTML page.

use super::args::{CheckArgs, FailOn, StatusArgs, StatusFormat};
use crate::diagnostics::{self, Prefixed, Severity};
use crate::status::{self, Part, ProjectStatus};
use crate::{Report, engine};
use std::io::Write;

/// The `check` options these stand for, so both commands find and read projects alike.
fn check_args(a: &StatusArgs) -> CheckArgs {
    CheckArgs {
        paths: a.paths.clone(),
        output: a.output.clone(),
        config: a.config.clone(),
        consoles: a.consoles.clone(),
        select: a.select.clone(),
        ignore: a.ignore.clone(),
        extend_select: a.extend_select.clone(),
        fail_on: a.fail_on,
        exit_zero: a.exit_zero,
        variants: a.variants.clone(),
        rules_dir: a.rules_dir.clone(),
        color: a.color,
        gradle_user_home: a.gradle_user_home.clone(),
        no_library_manifests: a.no_library_manifests,
        ..Default::default()
    }
}

/// Columns for the text format: `COLUMNS`, else the terminal's width, else 100.
fn width(to_file: bool) -> usize {
    let env = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
    let term = || {
        if to_file {
            return None;
        }
        terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| usize::from(w.0))
    };
    env.or_else(term).unwrap_or(100)
}

pub(super) fn run(a: StatusArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let usage = |err: &mut dyn Write, e: String| {
        let _ = writeln!(err, "error: {e}");
        2
    };
    let ca = check_args(&a);
    let base = match super::check::base_config(&ca, None) {
        Ok(b) => b,
        Err(e) => return usage(err, e),
    };
    let roots = match super::check::roots(&ca.paths, false) {
        Ok(r) => r,
        Err(e) => return usage(err, e),
    };
    let mut runs: Vec<(Report, ProjectStatus)> = Vec::new();
    for root in &roots {
        let (config, file) = match base.resolve(root) {
            Ok(x) => x,
            Err(e) => return usage(err, format!("invalid configuration: {e}")),
        };
        if let Some(c) = config.consoles.iter().find(|c| !c.is_file()) {
            return usage(err, format!("console file {} not found", c.display()));
        }
        if let Some(f) = &file {
            super::check::config_warnings(f, &config, err);
        }
        let catalog = match engine::load_catalog(&config) {
            Ok(c) => c,
            Err(e) => return usage(err, e),
        };
        let report = engine::lint_with(root, &config, file.as_ref(), &catalog);
        if let Some(e) = super::check::unknown_variant(&config, &report) {
            return usage(err, e);
        }
        let matrix = status::of_report(&report, &catalog, &|r| config.enabled(r));
        runs.push((report, matrix));
    }
    // Paths as `check` shows them: from the current folder.
    let shown: Vec<(String, Prefixed)> = runs
        .iter()
        .map(|(r, _)| {
            let prefix = super::files::shown_prefix(&r.project.root);
            let root = diagnostics::root_path(&prefix);
            (root, Prefixed::new(&r.project.files, r.project.files.len(), &prefix))
        })
        .collect();
    let parts: Vec<Part> = runs
        .iter()
        .zip(&shown)
        .map(|((r, s), (root, sources))| Part {
            status: s,
            diagnostics: &r.diagnostics,
            sources,
            root: Some(root.as_str()),
        })
        .collect();
    let rendered = match a.format {
        StatusFormat::Json => status::json::render(&parts),
        StatusFormat::Html => status::html::render(&parts),
        StatusFormat::Human => {
            let color = super::render::color(&ca) == diagnostics::human::Color::Always;
            status::human::render(&parts, status::human::Style { color, width: width(a.output.is_some()) })
        }
    };
    match &a.output {
        Some(path) => {
            if let Err(e) = super::files::write_atomic(path, rendered.as_bytes()) {
                return usage(err, format!("cannot write {}: {e}", path.display()));
            }
        }
        None => {
            let _ = out.write_all(rendered.as_bytes());
            let _ = out.flush();
        }
    }
    let threshold = match a.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let failing = runs.iter().flat_map(|(r, _)| r.iter()).any(|d| d.severity >= threshold);
    if failing && !a.exit_zero { 1 } else { 0 }
}
