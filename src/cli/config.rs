//! `pushlint config --show`: the configuration in effect for a project, as TOML.

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

/// `pushlint config --show`: the effective configuration of the project containing `path`.
pub(super) fn show(
    path: &Path,
    config_file: Option<PathBuf>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
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
