//! PL011: a library's AAR (or its manifest) that the merged manifest needs cannot be read.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An AAR that a dependency puts on the classpath — a file in `libs/`, an artifact in a Maven
    /// folder of the project or in the Gradle cache — is there but its `AndroidManifest.xml`
    /// cannot be read: the archive is corrupt or truncated, the entry claims or inflates to an
    /// implausible size, the manifest is binary or not well-formed XML, or the cache folder
    /// cannot be listed.
    ///
    /// ## Why it matters
    /// The manifest merger reads the same file: a corrupt AAR fails the build, and until then
    /// pushlint cannot tell what the library adds to the merged manifest, so it says less about
    /// that library's vendor.
    ///
    /// ## Example
    /// `implementation files('libs/MiPush_SDK_Client_5_6_2-C_3rd.aar')` where the file is an HTML
    /// error page saved under that name.
    ///
    /// ## How to fix
    /// Download the AAR again (or delete the broken cache folder so Gradle fetches it anew).
    pub(crate) LIBRARY_MANIFEST_UNREADABLE {
        code: "PL011",
        name: "library-manifest-unreadable",
        family: Family::Input,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &LIBRARY_MANIFEST_UNREADABLE,
        InputProblemKind::LibraryUnreadable,
        "this dependency brings in the library",
        "what the library adds to the merged manifest is not known",
        "download the library again, or remove the broken file",
    );
}
