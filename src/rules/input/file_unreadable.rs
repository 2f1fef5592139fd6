//! PL005: an input file that exists but cannot be read, or a folder that cannot be listed.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A manifest, build script or vendor file that exists but cannot be read: no permission, a
    /// symbolic link loop, a folder where a file is expected. Also a module folder, or a folder
    /// under it where sources and resources are looked for, that exists but cannot be listed.
    ///
    /// ## Why it matters
    /// Gradle cannot read it either, and pushlint cannot check what it holds: an unlistable
    /// module folder would otherwise pass as a module without problems.
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
