//! `pushlint check`: lint the projects containing the given paths, apply the baseline, render
//! one report for the run, and turn the findings into an exit code.

use super::args::{CheckArgs, FailOn};
use crate::config::{self, Config};
use crate::diagnostics::{Prefixed, Severity, Sources, Tally};
use crate::{Report, baseline, project, rules};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The configuration the options ask for, before any `pushlint.toml`; `Err` is a usage error.
pub(super) fn base_config(a: &CheckArgs, stdin: Option<(PathBuf, Vec<u8>)>) -> Result<Config, String> {
    for sel in a.select.iter().chain(&a.ignore).chain(&a.extend_select) {
        if !config::selector_is_known(sel) {
            return Err(format!("unknown rule selector `{sel}`; `pushlint rules` lists the rules"));
        }
    }
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
        return Err(format!("configuration file {} not found", c.display()));
    }
    Ok(base)
}

/// The project roots the paths lie in, each once, in the order given; a folder in no project
/// stands for the projects below it. With `skip_outside`, an existing path in no Gradle project
/// is left out instead of being an error.
pub(super) fn roots(paths: &[PathBuf], skip_outside: bool) -> Result<Vec<PathBuf>, String> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for p in paths {
        let found = match project::discover::find_root(p) {
            Ok(r) => vec![r],
            Err(_) if skip_outside && p.exists() => continue,
            Err(e) if p.is_dir() => {
                let below = project::discover::roots_below(p);
                if below.is_empty() {
                    return Err(e);
                }
                below
            }
            Err(e) => return Err(e),
        };
        for r in found {
            if !roots.contains(&r) {
                roots.push(r)
            }
        }
    }
    Ok(roots)
}

/// With `--stdin-filename`, the one project that file belongs to: other paths are refused
/// rather than silently skipped.
fn stdin_paths(a: &CheckArgs, file: &Path) -> Result<Vec<PathBuf>, String> {
    let dir =
        file.parent().map(Path::to_path_buf).filter(|p| !p.as_os_str().is_empty()).unwrap_or(".".into());
    let given_default = a.paths.len() == 1 && a.paths[0] == Path::new(".");
    if !given_default {
        let root = project::discover::find_root(&dir)?;
        if let Some(other) =
            a.paths.iter().find(|p| project::discover::find_root(p).ok().as_ref() != Some(&root))
        {
            return Err(format!(
                "--stdin-filename lints the project of {} only, and {} is not in it; run pushlint once per project",
                file.display(),
                other.display()
            ));
        }
    }
    Ok(vec![dir])
}

/// Problems of a `pushlint.toml` whose rules (PL901, PL902) this run does not report: a mistake
/// in the configuration is never silent.
pub(super) fn config_warnings(file: &config::file::FileConfig, config: &Config, err: &mut dyn Write) {
    let starts = crate::diagnostics::line_starts(&file.text);
    for p in &file.problems {
        let rule = match p.kind {
            config::file::ProblemKind::UnknownKey => &rules::config::CONFIG_KEY_UNKNOWN,
            config::file::ProblemKind::UnknownRule => &rules::config::CONFIG_RULE_UNKNOWN,
        };
        if !config.enabled(rule) {
            let pos = crate::diagnostics::position(&file.text, &starts, p.range.start);
            let _ =
                writeln!(err, "warning: {}:{}:{}: {}", file.path.display(), pos.line, pos.column, p.message);
        }
    }
}

/// An unknown `--variant` (or `variants =`) name would silently check nothing: a usage error
/// naming the variants the project has.
pub(super) fn unknown_variant(config: &Config, report: &Report) -> Option<String> {
    let known: Vec<&str> =
        report.project.app_modules().flat_map(|(_, m)| m.variants.iter().map(|v| v.name.as_str())).collect();
    let missing = config.variants.iter().find(|v| !known.contains(&v.as_str()))?;
    let mut names: Vec<&str> = known.clone();
    names.sort();
    names.dedup();
    let list = if names.is_empty() {
        "it has no app variants".to_string()
    } else {
        format!("its variants are {}", names.join(", "))
    };
    let hint = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(missing))
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default();
    Some(format!("the project at {} has no variant `{missing}`{hint}; {list}", report.project.root.display()))
}

/// Paths of findings as the baseline file records them: relative to the baseline's folder, so
/// one baseline can hold several projects without mixing them up.
fn baseline_sources<'a>(reports: &'a [Report], baseline: &Path) -> Vec<Prefixed<'a>> {
    reports.iter().map(|r| baseline_source(r, baseline)).collect()
}

fn baseline_source<'a>(r: &'a Report, baseline: &Path) -> Prefixed<'a> {
    let dir = baseline.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let dir = std::fs::canonicalize(dir).unwrap_or(dir.to_path_buf());
    let rel = project::paths::relative(&r.project.root, &dir);
    let prefix = if rel.is_empty() { rel } else { rel + "/" };
    Prefixed::new(&r.project.files, r.project.files.len(), &prefix)
}

fn read_baseline(path: &Path) -> Result<baseline::Baseline, String> {
    // Bounded and guarded like every other read: a baseline linked to /dev/zero is refused.
    crate::fileio::read_to_string(path, crate::fileio::MAX_FILE_SIZE)
        .map_err(|e| e.to_string())
        .and_then(|t| baseline::Baseline::parse(&t))
        .map_err(|e| format!("invalid baseline {}: {e}", path.display()))
}

/// What `--fix` did, for the line after the report.
struct Fixed {
    problems: usize,
    files: usize,
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `--fix` and `--diff`: the fix rounds of every project, then the files written (`--fix`, which
/// goes on to report what is left) or the diff printed (`--diff`, which ends the run: its exit
/// code says whether there is a diff).
fn fix_projects(
    a: &CheckArgs,
    roots: &[PathBuf],
    base: &Config,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Fixed, i32> {
    let usage = |err: &mut dyn Write, e: String| {
        let _ = writeln!(err, "error: {e}");
        2
    };
    let min =
        if a.unsafe_fixes { crate::fix::Applicability::Unsafe } else { crate::fix::Applicability::Safe };
    let baseline = match &a.baseline {
        Some(path) => Some((read_baseline(path).map_err(|e| usage(err, e))?, path.clone())),
        None => None,
    };
    let keep = |r: &mut Report| {
        if let Some((b, path)) = &baseline {
            let mut diags = std::mem::take(&mut r.diagnostics);
            b.filter(std::iter::once((&mut diags, &baseline_source(r, path) as &dyn Sources)));
            r.diagnostics = diags;
        }
    };
    let (mut fixed, mut files, mut diffs, mut failed) = (0, 0, String::new(), false);
    for root in roots {
        let (config, file) =
            base.resolve(root).map_err(|e| usage(err, format!("invalid configuration: {e}")))?;
        // An unknown variant is refused before anything is written, as without --fix.
        let prepare = |r: &mut Report| match unknown_variant(&config, r) {
            Some(e) => Err(e),
            None => {
                keep(r);
                Ok(())
            }
        };
        let outcome =
            super::fix::rounds(root, &config, file.as_ref(), min, &prepare).map_err(|e| usage(err, e))?;
        let prefix = super::files::shown_prefix(root);
        for (rel, why) in &outcome.refused {
            let _ = writeln!(err, "not fixed: {}: {why}", crate::diagnostics::join_rel(&prefix, rel));
        }
        if a.diff {
            for f in &outcome.files {
                diffs.push_str(&super::fix::diff(f, &crate::diagnostics::join_rel(&prefix, &f.rel)));
            }
        } else {
            for (rel, why) in super::fix::write(&outcome.files) {
                let _ = writeln!(
                    err,
                    "error: cannot write {}: {why}",
                    crate::diagnostics::join_rel(&prefix, &rel)
                );
                failed = true;
            }
        }
        fixed += outcome.fixed;
        files += outcome.files.len();
    }
    if failed {
        return Err(2);
    }
    if a.diff {
        let rendered = diffs.as_bytes();
        match &a.output {
            Some(path) => {
                if let Err(e) = super::files::write_atomic(path, rendered) {
                    return Err(usage(err, format!("cannot write {}: {e}", path.display())));
                }
            }
            None => {
                let _ = out.write_all(rendered);
                let _ = out.flush();
            }
        }
        let _ = writeln!(
            err,
            "Would fix {} in {}.",
            plural(fixed, "problem", "problems"),
            plural(files, "file", "files")
        );
        return Err(if diffs.is_empty() { 0 } else { 1 });
    }
    Ok(Fixed { problems: fixed, files })
}

/// `Fixed 3 problems in 2 files.`, and how many fixes are left for `--unsafe-fixes`.
fn fixed_line(f: &Fixed, reports: &[Report], unsafe_fixes: bool) -> String {
    let mut line = format!(
        "Fixed {} in {}.",
        plural(f.problems, "problem", "problems"),
        plural(f.files, "file", "files")
    );
    let hidden = reports
        .iter()
        .flat_map(|r| r.iter())
        .filter(|d| d.fix.as_ref().is_some_and(|x| x.applicability == crate::fix::Applicability::Unsafe))
        .count();
    if hidden > 0 && !unsafe_fixes {
        line.push_str(&format!(" {hidden} more can be fixed with --unsafe-fixes."));
    }
    line.push('\n');
    line
}

pub(super) fn run(a: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let usage = |err: &mut dyn Write, e: String| {
        let _ = writeln!(err, "error: {e}");
        2
    };
    let stdin = match &a.stdin_filename {
        // Bytes, bounded like any project file: the file's decoding (and PL006, PL007) applies.
        Some(p) => match crate::fileio::read_stdin(crate::fileio::MAX_FILE_SIZE) {
            Ok(bytes) => Some((p.clone(), bytes)),
            Err(e) => return usage(err, format!("cannot read standard input: {e}")),
        },
        None => None,
    };
    let paths = match &a.stdin_filename {
        Some(file) => match stdin_paths(&a, file) {
            Ok(p) => p,
            Err(e) => return usage(err, e),
        },
        None => a.paths.clone(),
    };
    let base = match base_config(&a, stdin) {
        Ok(b) => b,
        Err(e) => return usage(err, e),
    };
    let roots = match roots(&paths, a.skip_outside_projects) {
        Ok(r) => r,
        Err(e) => return usage(err, e),
    };
    if a.show_settings {
        return super::config::show_all(&roots, &base, out, err);
    }
    let fixing = a.fix || a.diff;
    if a.unsafe_fixes && !fixing {
        return usage(err, "--unsafe-fixes goes with --fix or --diff".into());
    }
    if fixing && a.stdin_filename.is_some() {
        return usage(
            err,
            "--fix and --diff edit files on disk and cannot be used with --stdin-filename".into(),
        );
    }
    if fixing && a.write_baseline.is_some() {
        return usage(err, "--fix and --diff cannot be used with --write-baseline".into());
    }
    let fixed = if fixing {
        match fix_projects(&a, &roots, &base, out, err) {
            Ok(f) => Some(f),
            Err(code) => return code,
        }
    } else {
        None
    };
    let mut reports: Vec<Report> = Vec::new();
    for root in &roots {
        let (config, file) = match base.resolve(root) {
            Ok(x) => x,
            Err(e) => return usage(err, format!("invalid configuration: {e}")),
        };
        if let Some(c) = config.consoles.iter().find(|c| !c.is_file()) {
            return usage(err, format!("console file {} not found", c.display()));
        }
        if let Some(f) = &file {
            config_warnings(f, &config, err);
        }
        match crate::engine::lint_loading_catalog(root, &config, file.as_ref()) {
            Ok(report) => {
                if let Some(e) = unknown_variant(&config, &report) {
                    return usage(err, e);
                }
                reports.push(report)
            }
            Err(e) => return usage(err, e),
        }
    }
    if let Some(path) = &a.write_baseline {
        let sources = baseline_sources(&reports, path);
        let b = baseline::Baseline::of(
            reports.iter().zip(&sources).map(|(r, s)| (&r.diagnostics[..], s as &dyn Sources)),
        );
        if let Err(e) = super::files::write_atomic(path, b.to_json().as_bytes()) {
            return usage(err, format!("cannot write {}: {e}", path.display()));
        }
        let n = b.entries.len();
        let _ = writeln!(
            err,
            "wrote {n} baseline {} to {}",
            if n == 1 { "entry" } else { "entries" },
            path.display()
        );
        return 0;
    }
    let mut tally = Tally {
        files: reports.iter().map(|r| r.project.files.project_file_count()).sum(),
        suppressed: reports.iter().map(|r| r.suppressed).sum(),
        baselined: 0,
    };
    let mut stale = Vec::new();
    if let Some(path) = &a.baseline {
        let b = match read_baseline(path) {
            Ok(b) => b,
            Err(e) => return usage(err, e),
        };
        let before: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
        // The sources only lend paths and texts; the findings are filtered in place.
        let mut lists: Vec<Vec<crate::diagnostics::Diagnostic>> =
            reports.iter_mut().map(|r| std::mem::take(&mut r.diagnostics)).collect();
        {
            let sources = baseline_sources(&reports, path);
            stale = b.filter(lists.iter_mut().zip(&sources).map(|(d, s)| (d, s as &dyn Sources)));
        }
        for (r, d) in reports.iter_mut().zip(lists) {
            r.diagnostics = d;
        }
        tally.baselined = before - reports.iter().map(|r| r.diagnostics.len()).sum::<usize>();
    }
    let threshold = match a.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Info => Severity::Info,
    };
    let mut failing = reports.iter().flat_map(|r| r.iter()).any(|d| d.severity >= threshold);
    if let Some(max) = a.max_warnings {
        let warnings =
            reports.iter().flat_map(|r| r.iter()).filter(|d| d.severity == Severity::Warning).count();
        if warnings > max {
            failing = true;
            let _ = writeln!(err, "{warnings} warnings, more than --max-warnings {max}");
        }
    }
    if a.baseline_strict && !stale.is_empty() {
        failing = true;
        for e in &stale {
            let _ = writeln!(
                err,
                "stale baseline entry: {} {}: {} (fingerprint {})",
                e.code, e.file, e.message, e.fingerprint
            );
        }
        let n = stale.len();
        let _ = writeln!(
            err,
            "{n} baseline {} no finding; write the baseline again",
            if n == 1 { "entry matches" } else { "entries match" }
        );
    }
    let mut rendered = super::render::render(&a, &reports, &tally);
    if let Some(f) = &fixed {
        let line = fixed_line(f, &reports, a.unsafe_fixes);
        let inline =
            matches!(a.format, super::args::Format::Human | super::args::Format::Concise) && !a.statistics;
        if inline && !a.quiet {
            rendered.push_str(&line);
        } else if !inline {
            let _ = err.write_all(line.as_bytes());
        }
    }
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
    // Freeing a large model takes a noticeable share of a run; the process is about to exit,
    // so let another thread do it (if none can be started, it is freed here).
    let _ = std::thread::Builder::new().spawn(move || drop(reports));
    if failing && !a.exit_zero { 1 } else { 0 }
}
