//! PL002: a Gradle script pushlint could not read completely.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A `build.gradle`, `build.gradle.kts` or `settings.gradle` with unbalanced braces, an
    /// unterminated string or comment, or other text pushlint's Gradle reader cannot follow.
    ///
    /// ## Why it matters
    /// Gradle will most likely reject the script too; and whatever follows the problem is not
    /// seen by pushlint, so push settings there go unchecked.
    ///
    /// ## Example
    /// `android { defaultConfig { applicationId "com.acme.chat" }` with the last `}` missing.
    ///
    /// ## How to fix
    /// Correct the script at the position shown.
    pub(crate) GRADLE_SYNTAX_INVALID {
        code: "PL002",
        name: "gradle-syntax-invalid",
        family: Family::Input,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &GRADLE_SYNTAX_INVALID,
        InputProblemKind::Gradle,
        "here",
        "settings after this point may not be checked",
        "correct the script at this position",
    );
}
