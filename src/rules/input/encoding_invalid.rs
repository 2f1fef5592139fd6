//! PL006: a file whose bytes do not match its encoding.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A file with bytes that are not valid in its encoding (UTF-8 unless a BOM or the XML
    /// declaration says otherwise), or an XML declaration naming an unknown encoding.
    ///
    /// ## Why it matters
    /// Build tools may read the file differently from your editor; values with replaced
    /// characters (package names, keys) then differ from what the console holds.
    ///
    /// ## Example
    /// A manifest saved as GBK with `<?xml version="1.0" encoding="utf-8"?>`.
    ///
    /// ## How to fix
    /// Save the file as UTF-8, or declare its real encoding.
    pub(crate) ENCODING_INVALID {
        code: "PL006",
        name: "encoding-invalid",
        family: Family::Input,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &ENCODING_INVALID,
        InputProblemKind::Encoding,
        "",
        "tools may read this file differently from your editor",
        "save the file as UTF-8, or declare its real encoding",
    );
}
