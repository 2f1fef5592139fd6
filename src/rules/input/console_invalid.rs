//! PL008: a console snapshot that does not follow the push-console.json format.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// `push-console.json` values of the wrong type, an unknown `vendor`, a `clickAction`
    /// without a valid `type` (`openApp`, `openPage`, `openUrl`). `pushlint schema console`
    /// prints the format.
    ///
    /// ## Why it matters
    /// A certificate pushlint cannot read is not checked against the project.
    ///
    /// ## Example
    /// `{ "vendor": "mi", "id": 15519 }` (the id is `xiaomi`).
    ///
    /// ## How to fix
    /// Correct the entry to match the console file format.
    pub(crate) CONSOLE_INVALID {
        code: "PL008",
        name: "console-invalid",
        family: Family::Input,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &CONSOLE_INVALID,
        InputProblemKind::ConsoleInvalid,
        "here",
        "this certificate is not checked against the project",
        "correct the entry; `pushlint schema console` prints the format",
    );
}
