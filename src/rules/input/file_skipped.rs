//! PL007: an input file that was not read because it is huge or binary.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A file where a manifest, build script or vendor file is expected that is larger than
    /// pushlint reads (8 MiB) or holds binary data.
    ///
    /// ## Why it matters
    /// Configuration files are small text files; a huge or binary one is usually a mistake,
    /// and its content goes unchecked.
    ///
    /// ## Example
    /// `app/google-services.json` replaced by a ZIP archive of the same name.
    ///
    /// ## How to fix
    /// Replace the file with the real configuration file.
    pub(crate) FILE_SKIPPED {
        code: "PL007",
        name: "file-skipped",
        family: Family::Input,
        severity: Severity::Info,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(cx, out, &FILE_SKIPPED, InputProblemKind::Skipped, "", "its content was not checked", "");
}
