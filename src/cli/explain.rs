//! `pushlint explain CODE|NAME`: a rule's documentation.

use crate::rules;
use std::io::Write;

pub(super) fn run(rule: &str, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match rules::find(rule) {
        Some(r) => {
            let _ = writeln!(
                out,
                "# {} {}\n\nfamily: {} · default severity: {}\n\n{}",
                r.code,
                r.name,
                r.family.as_str(),
                r.severity.as_str(),
                r.docs.trim_end()
            );
            0
        }
        None => {
            let _ = writeln!(err, "error: unknown rule `{rule}`; `pushlint rules` lists them");
            2
        }
    }
}
