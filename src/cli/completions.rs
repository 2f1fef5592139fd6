//! `pushlint completions SHELL` and `pushlint man`: generated from the argument definitions.

use super::args::Cli;
use clap::CommandFactory;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::Write;
use std::path::Path;

pub(super) fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> i32 {
    clap_complete::generate(shell, &mut Cli::command(), "pushlint", out);
    0
}

/// The language server's exit status (LSP 3.17), not a lint's.
const SERVER_EXIT: &[(&str, &str)] = &[
    ("0", "the client sent shutdown, then exit"),
    ("1", "the client sent exit without shutdown, or closed the connection"),
    ("2", "the session could not start (no initialize request)"),
];

/// What every page ends with: exit status, environment and files (SPEC §3).
fn common_sections(roff: &mut Roff, server: bool) {
    let lint_exit: &[(&str, &str)] = &[
        ("0", "no finding at or above --fail-on (default error), or --exit-zero"),
        (
            "1",
            "at least one finding at or above --fail-on (after --fix, among those left), more warnings than --max-warnings, stale baseline entries with --baseline-strict, or with --diff a diff to show",
        ),
        (
            "2",
            "usage error, invalid configuration or catalog, PATH or variant not found, a file --fix could not write",
        ),
        ("3", "internal error: a bug; please report it with the input that caused it"),
    ];
    let items: [(&str, &[(&str, &str)]); 3] = [
        ("EXIT STATUS", if server { SERVER_EXIT } else { lint_exit }),
        (
            "ENVIRONMENT",
            &[
                ("NO_COLOR", "when set and not empty, human output has no colour unless --color always"),
                (
                    "FORCE_COLOR, CLICOLOR_FORCE",
                    "when set (CLICOLOR_FORCE other than 0), human output is coloured even when not a terminal",
                ),
                (
                    "COLUMNS",
                    "the width pushlint status lays its text out for (default: the terminal's, else 100)",
                ),
                (
                    "RAYON_NUM_THREADS",
                    "the number of worker threads (default: one per core); the output is the same whatever it is",
                ),
            ],
        ),
        (
            "FILES",
            &[
                (
                    "pushlint.toml",
                    "configuration, found by walking up from the project root (--config names another)",
                ),
                (
                    "push-console.json",
                    "the console settings snapshot at the project root (--console names others)",
                ),
            ],
        ),
    ];
    for (title, entries) in items {
        roff.control("SH", [title]);
        for (term, text) in entries {
            roff.control("TP", []).text([bold(*term)]).text([roman(*text)]);
        }
    }
}

/// One command's page: clap_mangen's sections, then the common ones.
fn page(cmd: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(out)?;
    }
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        man.render_subcommands_section(out)?;
    }
    let mut roff = Roff::default();
    common_sections(&mut roff, cmd.get_name() == "server");
    roff.to_writer(out)?;
    if cmd.get_version().is_some() {
        man.render_version_section(out)?;
    }
    Ok(())
}

/// The top command and every sub-command, named as man pages are (`pushlint-check`).
fn commands() -> Vec<clap::Command> {
    let mut cmd = Cli::command().disable_help_subcommand(true).propagate_version(true);
    cmd.build();
    let subs: Vec<clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).cloned().collect();
    std::iter::once(cmd).chain(subs).collect()
}

/// `pushlint man`: the main page (its sub-commands listed); with `--dir`, a page per command.
pub(super) fn man(dir: Option<&Path>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let result = match dir {
        None => commands().into_iter().next().map_or(Ok(()), |cmd| page(cmd, out)),
        Some(dir) => std::fs::create_dir_all(dir).and_then(|()| {
            for cmd in commands() {
                let name = cmd.get_display_name().unwrap_or(cmd.get_name()).to_string();
                let mut text = Vec::new();
                page(cmd, &mut text)?;
                super::files::write_atomic(&dir.join(format!("{name}.1")), &text)?;
            }
            Ok(())
        }),
    };
    match result {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            2
        }
    }
}
