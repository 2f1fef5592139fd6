//! `pushlint server`: the language server on standard input and output (see `crate::server`).

use std::io::Write;

pub(super) fn run(err: &mut dyn Write) -> i32 {
    match crate::server::run() {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            2
        }
    }
}
