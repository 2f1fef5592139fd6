//! PL005: an input file that exists but cannot be read.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A manifest, build script or vendor file that exists but cannot be read: no permission, a
    /// symbolic link loop, a folder where a file is expected.
    ///
    /// ## Why it matters
    /// Gradle cannot read it either, and pushlint cannot check what it holds.
    ///
    /// ## Example
    /// `app/google-services.json` is a symbolic link to itself.
    ///
    /// ## How to fix
    /// Fix the file's permissions or link target.
    pub(crate) FILE_UNREADABLE {
        code: "PL005",
        name: "file-unreadable",
        family: Family::Input,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &FILE_UNREADABLE,
        InputProblemKind::Unreadable,
        "",
        "",
        "fix the file's permissions or link target",
    );
}
