//! PL009: a misspelled key in the console snapshot.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A key in `push-console.json` that is not part of the format but is close to a key that
    /// is (`packagename` for `packageName`, `clickaction` for `clickAction`). Other unknown keys
    /// are kept and ignored.
    ///
    /// ## Why it matters
    /// The value is ignored, so the setting it was meant to record is not checked.
    ///
    /// ## Example
    /// `{ "vendor": "oppo", "chanelId": "im_messages" }`.
    ///
    /// ## How to fix
    /// Rename the key to the one suggested.
    pub(crate) CONSOLE_KEY_UNKNOWN {
        code: "PL009",
        name: "console-key-unknown",
        family: Family::Input,
        severity: Severity::Info,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &CONSOLE_KEY_UNKNOWN,
        InputProblemKind::ConsoleKeyUnknown,
        "unknown key",
        "its value is ignored",
        "rename the key to the one suggested",
    );
}
