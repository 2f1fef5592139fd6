//! PL004: a version catalog that is not valid TOML.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// `gradle/libs.versions.toml` with a TOML syntax error or a `version.ref` naming no version.
    ///
    /// ## Why it matters
    /// Gradle refuses to configure the build, and `libs.…` accessors for push SDKs cannot be
    /// resolved, so their versions go unchecked.
    ///
    /// ## Example
    /// `firebase-bom = { module = "com.google.firebase:firebase-bom", version.ref = "firebase" }`
    /// with no `firebase` entry under `[versions]`.
    ///
    /// ## How to fix
    /// Correct the catalog at the position shown.
    pub(crate) TOML_SYNTAX_INVALID {
        code: "PL004",
        name: "toml-syntax-invalid",
        family: Family::Input,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &TOML_SYNTAX_INVALID,
        InputProblemKind::Toml,
        "here",
        "the build cannot read the version catalog",
        "correct the catalog at this position",
    );
}
