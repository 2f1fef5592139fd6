//! The command line: parses arguments (`args`), runs one command per file, and maps the result
//! to an exit code (SPEC §3). Commands use the library API; the library never calls into here.

pub mod args;
mod check;
mod completions;
mod config;
mod explain;
mod files;
mod fix;
mod manifest;
mod render;
mod rules;
mod schema;
mod server;
mod status;

pub use files::write_atomic;

use std::io::Write;

/// Runs the command line; returns the process exit code (SPEC §3).
pub fn run(args: Vec<std::ffi::OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    use clap::Parser;
    let mut args = args;
    // `pushlint [PATH]...` means `pushlint check [PATH]...`.
    let first = args.get(1).and_then(|a| a.to_str()).map(str::to_string);
    let is_sub = first.as_deref().is_some_and(|a| args::SUBCOMMANDS.contains(&a));
    let is_flag_only = matches!(first.as_deref(), Some("-h" | "--help" | "-V" | "--version"));
    if !is_sub && !is_flag_only {
        args.insert(1.min(args.len()), "check".into());
    }
    let parsed = match args::Cli::try_parse_from(args) {
        Ok(p) => p,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ =
                if e.use_stderr() { write!(err, "{}", e.render()) } else { write!(out, "{}", e.render()) };
            return code;
        }
    };
    // Lets the test suite prove that a panic becomes exit code 3 with no partial output.
    if std::env::var_os("PUSHLINT_TEST_PANIC").is_some() {
        let _ = out.write_all(b"partial");
        panic!("panic requested by PUSHLINT_TEST_PANIC");
    }
    match parsed.command {
        args::Command::Check(a) => check::run(a, out, err),
        args::Command::Rules { integrations: true, .. } => rules::integrations(out, err),
        args::Command::Rules { markdown: Some(dir), .. } => rules::write_markdown(&dir, err),
        args::Command::Rules { format, markdown: None, .. } => rules::list(format, out),
        args::Command::Config { check, .. } => config::show(&check, out, err),
        args::Command::Completions { shell } => completions::completions(shell, out),
        args::Command::Man { dir } => completions::man(dir.as_deref(), out, err),
        args::Command::Explain { rule } => explain::run(&rule, out, err),
        args::Command::Schema { which } => schema::run(which, out),
        args::Command::Manifest(a) => manifest::run(a, out, err),
        args::Command::Status(a) => status::run(a, out, err),
        args::Command::Server => server::run(err),
    }
}
