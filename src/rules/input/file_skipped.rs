//! PL007: an input file that was not read: huge, binary, not a regular file, in a kernel file
//! system, or reached through a symbolic link that leads outside the project.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A file where a manifest, build script or vendor file is expected that pushlint does not
    /// read: larger than it reads (8 MiB), holding binary data, not a regular file (a FIFO, a
    /// device), in `/proc`, `/sys` or `/dev`, or reached through a symbolic link that leads
    /// outside the project (a source folder reached that way is not walked either).
    ///
    /// ## Why it matters
    /// Configuration files are small text files; a huge or binary one is usually a mistake,
    /// and its content goes unchecked. Links out of the project are not followed, so that a
    /// repository cannot make pushlint read, and show, a file of the machine it runs on (a CI
    /// runner linting a pull request): Gradle builds from the checkout, where such a link is
    /// unusual.
    ///
    /// ## Example
    /// `app/google-services.json` replaced by a ZIP archive of the same name, or
    /// `gradle/libs.versions.toml` a symbolic link to `/etc/passwd`.
    ///
    /// ## How to fix
    /// Replace the file with the real configuration file, inside the project.
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
