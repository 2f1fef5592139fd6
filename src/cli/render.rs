//! Renderer dispatch: one report per project, in the format asked for.

use super::args::{CheckArgs, ColorChoice, Format};
use crate::{Report, diagnostics, rules};

pub(super) fn render(a: &CheckArgs, reports: &[Report]) -> String {
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
            if reports.len() == 1 {
                reports[0].to_json_string()
            } else {
                let docs: Vec<serde_json::Value> = reports.iter().map(|r| r.to_json()).collect();
                serde_json::to_string_pretty(&docs).unwrap_or_default() + "\n"
            }
        }
        Format::Sarif => diagnostics::sarif::render(&runs(), &crate::rule_infos()),
        Format::Github => diagnostics::github::render(&runs()),
        Format::Gitlab => diagnostics::gitlab::render(&runs()),
        Format::Junit => diagnostics::junit::render(&runs()),
        Format::Checkstyle => diagnostics::checkstyle::render(&runs(), &|code| {
            rules::find(code).map_or("unknown", |r| r.family.as_str())
        }),
        Format::Human => {
            let color = match a.color {
                ColorChoice::Always => diagnostics::human::Color::Always,
                ColorChoice::Never => diagnostics::human::Color::Never,
                ColorChoice::Auto => {
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
