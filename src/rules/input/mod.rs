//! PL0xx: inputs that cannot be read or parsed. Each rule reports one kind of `InputProblem`
//! recorded while the project was loaded; the rest of the project is still checked.

mod console_invalid;
mod console_key_unknown;
mod encoding_invalid;
mod file_skipped;
mod file_unreadable;
mod gradle_syntax_invalid;
mod json_syntax_invalid;
mod library_manifest_unreadable;
mod module_missing;
mod toml_syntax_invalid;
mod xml_syntax_invalid;

use super::{Ctx, Rule};
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;

pub static RULES: &[&Rule] = &[
    &xml_syntax_invalid::XML_SYNTAX_INVALID,
    &gradle_syntax_invalid::GRADLE_SYNTAX_INVALID,
    &json_syntax_invalid::JSON_SYNTAX_INVALID,
    &toml_syntax_invalid::TOML_SYNTAX_INVALID,
    &file_unreadable::FILE_UNREADABLE,
    &encoding_invalid::ENCODING_INVALID,
    &file_skipped::FILE_SKIPPED,
    &console_invalid::CONSOLE_INVALID,
    &console_key_unknown::CONSOLE_KEY_UNKNOWN,
    &module_missing::MODULE_MISSING,
    &library_manifest_unreadable::LIBRARY_MANIFEST_UNREADABLE,
];

/// Reports every recorded problem of `kind` under `rule`, with the same note and help.
fn report(
    cx: &Ctx,
    out: &mut Vec<Diagnostic>,
    rule: &'static Rule,
    kind: InputProblemKind,
    label: &str,
    note: &str,
    help: &str,
) {
    for p in cx.project.problems.iter().filter(|p| p.kind == kind) {
        let mut d = Diagnostic::new(rule, p.message.clone()).primary(p.span, label);
        if !note.is_empty() {
            d = d.note(note);
        }
        if !help.is_empty() {
            d = d.help(help);
        }
        out.push(d);
    }
}
