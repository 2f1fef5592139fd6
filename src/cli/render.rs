//! Renderer dispatch: one report for the whole run, whatever the number of projects, in the
//! format asked for.

use super::args::{CheckArgs, ColorChoice, Format};
use crate::diagnostics::{self, Prefixed, Sources, Tally};
use crate::{Report, rules};

/// Whether human output is coloured: `--color`, then `NO_COLOR`, then `FORCE_COLOR` or
/// `CLICOLOR_FORCE`, then whether standard output is a terminal.
pub(super) fn color(a: &CheckArgs) -> diagnostics::human::Color {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let on = match a.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if env("NO_COLOR").is_some() => false,
        ColorChoice::Auto if env("FORCE_COLOR").is_some() => true,
        ColorChoice::Auto if env("CLICOLOR_FORCE").is_some_and(|v| v != "0") => true,
        ColorChoice::Auto => a.output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout()),
    };
    if on { diagnostics::human::Color::Always } else { diagnostics::human::Color::Never }
}

/// `--statistics`: findings per rule, most frequent first.
fn statistics(a: &CheckArgs, reports: &[Report]) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for d in reports.iter().flat_map(|r| r.iter()) {
        *counts.entry((d.code, d.name)).or_default() += 1;
    }
    let mut rows: Vec<((&str, &str), usize)> = counts.into_iter().collect();
    rows.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    if a.format == Format::Json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|((code, name), n)| serde_json::json!({ "code": code, "name": name, "count": n }))
            .collect();
        return serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n";
    }
    let width = rows.first().map_or(1, |r| r.1.to_string().len());
    let mut out: String =
        rows.iter().map(|((code, name), n)| format!("{n:>width$}  {code}  {name}\n")).collect();
    let total: usize = rows.iter().map(|r| r.1).sum();
    out.push_str(&format!("{total:>width$}  total\n"));
    out
}

pub(super) fn render(a: &CheckArgs, reports: &[Report], tally: &Tally) -> String {
    if a.statistics {
        return statistics(a, reports);
    }
    // Paths as seen from the current folder (CI formats: see `files::path_base`).
    let shown: Vec<(String, Prefixed)> = reports
        .iter()
        .map(|r| {
            let prefix = super::files::shown_prefix(&r.project.root);
            let root = diagnostics::root_path(&prefix);
            let sources = Prefixed::new(&r.project.files, r.project.files.len(), &prefix);
            (root, sources)
        })
        .collect();
    let runs = || -> Vec<diagnostics::Run> {
        reports
            .iter()
            .map(|r| {
                let (prefix, base_uri) = super::files::path_base(&r.project.root);
                diagnostics::Run { diagnostics: &r.diagnostics, sources: &r.project.files, prefix, base_uri }
            })
            .collect()
    };
    match a.format {
        Format::Json => {
            let parts: Vec<(&Report, &str, &dyn Sources)> = reports
                .iter()
                .zip(&shown)
                .map(|(r, (root, s))| (r, root.as_str(), s as &dyn Sources))
                .collect();
            crate::report::run_json(&parts, tally)
        }
        Format::Sarif => diagnostics::sarif::render(&runs(), &crate::rule_infos()),
        Format::Github => diagnostics::github::render(&runs()),
        Format::Gitlab => diagnostics::gitlab::render(&runs()),
        Format::Junit => diagnostics::junit::render(&runs()),
        Format::Checkstyle => diagnostics::checkstyle::render(&runs(), &|code| {
            rules::find(code).map_or("unknown", |r| r.family.as_str())
        }),
        Format::Concise => {
            let mut out = String::new();
            let mut all = Vec::new();
            let mut with_findings = 0;
            for (r, (_, sources)) in reports.iter().zip(&shown) {
                for d in r.iter() {
                    out.push_str(&diagnostics::concise::line(d, sources));
                }
                all.extend(r.iter());
                let mut files: Vec<_> = r.iter().filter_map(|d| d.file()).collect();
                files.sort();
                files.dedup();
                with_findings += files.len();
            }
            if !a.quiet {
                out.push_str(&diagnostics::summary_line(&all, with_findings, tally));
            }
            out
        }
        Format::Human => {
            let mut out: String =
                reports.iter().filter_map(|r| r.detection.as_ref()).map(|t| t.clone() + "\n").collect();
            let runs: Vec<(&[diagnostics::Diagnostic], &dyn Sources)> = reports
                .iter()
                .zip(&shown)
                .map(|(r, (_, s))| (&r.diagnostics[..], s as &dyn Sources))
                .collect();
            out.push_str(&diagnostics::human::render(&runs, color(a), tally, a.quiet));
            out
        }
    }
}
