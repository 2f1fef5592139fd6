//! `pushlint explain CODE|NAME`: a rule's documentation.

use crate::rules;
use std::io::Write;

/// The docs without the one space every `/// ` line of a rule's doc comment starts with.
fn dedent(docs: &str) -> String {
    docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n")
}

pub(super) fn run(rule: &str, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match rules::find(rule) {
        Some(r) => {
            let fix = match r.fix {
                Some(a) => format!(
                    " · fix: {} (`--fix`{})",
                    a.as_str(),
                    if a == rules::Applicability::Safe { "" } else { " `--unsafe-fixes`" }
                ),
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "# {} {}\n\nfamily: {} · default severity: {}{fix}\n\n{}",
                r.code,
                r.name,
                r.family.as_str(),
                r.severity.as_str(),
                dedent(r.docs).trim_end()
            );
            0
        }
        None => {
            let _ = writeln!(err, "error: unknown rule `{rule}`; `pushlint rules` lists them");
            2
        }
    }
}
