//! PL003: a vendor or console JSON file that is not valid JSON.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// `google-services.json`, `agconnect-services.json`, `mcs-services.json`,
    /// `timpush-configs.json` or `push-console.json` that is not valid JSON.
    ///
    /// ## Why it matters
    /// The vendor Gradle plugins fail the build on a malformed config file, and SDKs that read
    /// their file at run time fail to register for push.
    ///
    /// ## Example
    /// A trailing comma after the last member of `"client_info": { … },`.
    ///
    /// ## How to fix
    /// Download the file again from the console, or correct the JSON at the position shown.
    pub(crate) JSON_SYNTAX_INVALID {
        code: "PL003",
        name: "json-syntax-invalid",
        family: Family::Input,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &JSON_SYNTAX_INVALID,
        InputProblemKind::Json,
        "here",
        "vendor plugins and SDKs cannot read a malformed file",
        "download the file again, or correct the JSON at this position",
    );
}
