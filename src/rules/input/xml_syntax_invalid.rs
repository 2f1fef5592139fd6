//! PL001: a manifest that is not well-formed XML.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An `AndroidManifest.xml` that is not well-formed XML: a mismatched or unclosed tag, a bad
    /// attribute, an undefined entity.
    ///
    /// ## Why it matters
    /// The manifest merger rejects the file and the build fails; until it parses, pushlint can
    /// only check the elements before the error.
    ///
    /// ## Example
    /// `<activity android:name=".Main">` closed by `</service>`.
    ///
    /// ## How to fix
    /// Correct the XML at the position shown.
    pub(crate) XML_SYNTAX_INVALID {
        code: "PL001",
        name: "xml-syntax-invalid",
        family: Family::Input,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &XML_SYNTAX_INVALID,
        InputProblemKind::Xml,
        "here",
        "the manifest merger rejects this file and the build fails",
        "correct the XML at this position",
    );
}
