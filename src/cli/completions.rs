//! `pushlint completions SHELL` and `pushlint man`: generated from the argument definitions.

use super::args::Cli;
use clap::CommandFactory;
use std::io::Write;

pub(super) fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> i32 {
    clap_complete::generate(shell, &mut Cli::command(), "pushlint", out);
    0
}

pub(super) fn man(out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match clap_mangen::Man::new(Cli::command()).render(out) {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            2
        }
    }
}
