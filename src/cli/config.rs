//! `pushlint config --show`: the configuration in effect for a project, as TOML.

use super::args::CheckArgs;
use crate::config::Config;
use crate::{project, rules};
use std::io::Write;
use std::path::{Path, PathBuf};

/// A TOML string literal (JSON string escapes are valid TOML basic-string escapes).
fn toml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn toml_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    format!("[{}]", items.into_iter().map(toml_str).collect::<Vec<_>>().join(", "))
}

/// `pushlint config --show [PATH]... [check options]`.
pub(super) fn show(a: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = super::check::base_config(a, None)
        .and_then(|base| super::check::roots(&a.paths, a.skip_outside_projects).map(|roots| (base, roots)));
    match result {
        Ok((base, roots)) => show_all(&roots, &base, out, err),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            2
        }
    }
}

/// The configuration in effect for each project root, as TOML (`config --show`, `check
/// --show-settings`): what would be used, defaults written out.
pub(super) fn show_all(roots: &[PathBuf], base: &Config, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    for (i, root) in roots.iter().enumerate() {
        let (c, file) = match base.resolve(root) {
            Ok(x) => x,
            Err(e) => {
                let _ = writeln!(err, "error: invalid configuration: {e}");
                return 2;
            }
        };
        if i > 0 {
            let _ = out.write_all(b"\n");
        }
        let _ = out.write_all(settings(root, &c, file.as_ref()).as_bytes());
    }
    0
}

fn settings(root: &Path, c: &Config, file: Option<&crate::config::file::FileConfig>) -> String {
    let mut s = match &file {
        Some(f) => format!("# configuration file: {}\n", f.path.display()),
        None => "# no configuration file found; defaults\n".to_string(),
    };
    s.push_str(&format!("# project root: {}\n", root.display()));
    if c.select.is_empty() {
        s.push_str("select = [\"ALL\"]  # every rule, the default\n");
    } else {
        s.push_str(&format!("select = {}\n", toml_list(c.select.iter().map(String::as_str))));
    }
    s.push_str(&format!("ignore = {}\n", toml_list(c.ignore.iter().map(String::as_str))));
    s.push_str(&format!("extend-select = {}\n", toml_list(c.extend_select.iter().map(String::as_str))));
    s.push_str(&format!("exclude = {}\n", toml_list(c.exclude.iter().map(String::as_str))));
    let consoles: Vec<String> = c.consoles.iter().map(|p| p.display().to_string()).collect();
    if !consoles.is_empty() {
        s.push_str(&format!("console = {}\n", toml_list(consoles.iter().map(String::as_str))));
    } else if root.join(project::discover::CONSOLE_FILE).is_file() {
        s.push_str(&format!("console = [{}]  # the default\n", toml_str(project::discover::CONSOLE_FILE)));
    } else {
        s.push_str("console = []  # no push-console.json at the project root\n");
    }
    if c.variants.is_empty() {
        s.push_str("variants = []  # every variant\n");
    } else {
        s.push_str(&format!("variants = {}\n", toml_list(c.variants.iter().map(String::as_str))));
    }
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
    s
}
