//! `pushlint rules`: the rule table or JSON list, and `--markdown DIR`, one page per rule.

use super::args::ListFormat;
use crate::{rule_docs, rules};
use std::io::Write;
use std::path::Path;

pub(super) fn list(format: ListFormat, out: &mut dyn Write) -> i32 {
    let _ = out.write_all(listing(format).as_bytes());
    0
}

/// The supported integrations (vendor × route) of the built-in catalog, as a Markdown table.
pub(super) fn integrations(out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match crate::catalog::Catalog::embedded() {
        Ok(c) => {
            let _ = out.write_all(c.integrations_table().as_bytes());
            0
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            3
        }
    }
}

pub(super) fn write_markdown(dir: &Path, err: &mut dyn Write) -> i32 {
    match write_pages(dir) {
        Ok(n) => {
            let _ = writeln!(err, "wrote {n} pages to {}", dir.display());
            0
        }
        Err(e) => {
            let _ = writeln!(err, "error: cannot write {}: {e}", dir.display());
            2
        }
    }
}

/// Writes `docs/rules`-style pages into `dir`, removing pages of rules that no longer exist.
fn write_pages(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let pages = rule_docs::pages();
    for entry in std::fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("PL") && name.ends_with(".md") && !pages.iter().any(|(n, _)| *n == name) {
            std::fs::remove_file(entry.path())?;
        }
    }
    for (name, text) in &pages {
        super::files::write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(pages.len())
}

fn listing(format: ListFormat) -> String {
    match format {
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = rules::all()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code, "name": r.name, "family": r.family.as_str(),
                        "severity": r.severity.as_str(), "summary": r.summary(), "url": r.url(),
                        "default": if r.default_on { "on" } else { "off" },
                        "fix": r.fix.map(|a| a.as_str()),
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"
        }
        ListFormat::Table => {
            let mut s = String::new();
            for r in rules::all() {
                s.push_str(&format!(
                    "{:<6} {:<36} {:<9} {:<8} {:<6} {}\n",
                    r.code,
                    r.name,
                    r.family.as_str(),
                    if r.default_on { r.severity.as_str() } else { "off" },
                    r.fix.map_or("-", |a| a.as_str()),
                    r.summary()
                ));
            }
            s
        }
    }
}
