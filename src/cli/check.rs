//! `pushlint check`: lint the projects containing the given paths, apply the baseline, render,
//! and turn the findings into an exit code.

use super::args::{CheckArgs, FailOn};
use crate::config::{self, Config};
use crate::diagnostics::{Severity, Sources};
use crate::{Report, baseline, project};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) fn run(a: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
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
        gradle_user_home: a.gradle_user_home.clone(),
        library_manifests: a.no_library_manifests.then_some(false),
        ..Default::default()
    }
    .with_user_folders();
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
        match crate::engine::lint_loading_catalog(root, &config, file.as_ref()) {
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
        if let Err(e) = super::files::write_atomic(path, b.to_json().as_bytes()) {
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
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
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
    let rendered = super::render::render(&a, &reports);
    match &a.output {
        Some(path) => {
            if let Err(e) = super::files::write_atomic(path, rendered.as_bytes()) {
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
