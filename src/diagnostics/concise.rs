//! One line per finding, `file:line:col: CODE message`, for CI and pre-commit logs (ruff's
//! `concise`, eslint's `compact`), then the summary line.

use super::{Diagnostic, Sources};

/// A finding's text on one line: line breaks and other control characters are shown escaped
/// (`\n`, `\u{1b}`), so one finding is one line and nothing reaches the terminal raw.
fn one_line(s: &str) -> String {
    super::visible::visible_short(s).into_owned()
}

/// `file:line:col: CODE message (variants …)`; a finding without a location starts at `CODE`.
pub fn line(d: &Diagnostic, sources: &dyn Sources) -> String {
    let message = one_line(&super::message_with_variant(d));
    match &d.primary {
        Some(p) => {
            let pos = sources.position(p.span.file, p.span.range.start);
            format!(
                "{}:{}:{}: {} {message}\n",
                one_line(sources.path(p.span.file)),
                pos.line,
                pos.column,
                d.code
            )
        }
        None => format!("{} {message}\n", d.code),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn multi_file_diagnostic() {
        let files = testing::files();
        let out: String = testing::diagnostics().iter().map(|d| line(d, &files)).collect();
        insta::assert_snapshot!(out);
    }

    #[test]
    fn control_characters_stay_on_one_line() {
        assert_eq!(one_line("a\nb\u{1b}[31m"), "a\\nb\\u{1b}[31m");
    }
}
