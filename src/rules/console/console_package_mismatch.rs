//! PL502: the console snapshot has certificates, but none for a variant's applicationId.
use crate::diagnostics::Diagnostic;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// `push-console.json` lists certificates, but none names the applicationId of a variant.
    /// The console facts are Tencent Cloud IM's; a push aggregator's own console (JPush, Getui,
    /// Umeng Push) is not read, and this rule says nothing about it.
    ///
    /// ## Why it matters
    /// A vendor certificate in the IM console is bound to one package name. For a package without
    /// certificates, the backend has no vendor credentials to push with, so the variant receives
    /// no offline push.
    ///
    /// ## Example
    /// The certificates say `"packageName": "com.acme.demo"`, while `applicationId` is `com.acme.chat`.
    ///
    /// ## How to fix
    /// Add certificates for the package in the IM console (and to `push-console.json`), or correct
    /// the `packageName` values that were mistyped.
    pub(crate) CONSOLE_PACKAGE_MISMATCH {
        code: "PL502",
        name: "console-package-mismatch",
        family: Family::Console,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(app_id) = view.variant.application_id.known() else { return };
        for console in &cx.project.consoles {
            let packages: Vec<_> = console.certificates.iter().filter_map(|c| c.package_name.as_ref()).collect();
            if packages.is_empty() || packages.iter().any(|p| p.value == app_id.value) {
                continue;
            }
            let mut names: Vec<String> = packages.iter().map(|p| format!("`{}`", p.value)).collect();
            names.dedup();
            let mut d = Diagnostic::new(
                &CONSOLE_PACKAGE_MISMATCH,
                format!("the console has no certificate for `{}`; its certificates are for {}", app_id.value, names.join(", ")),
            );
            if let Some(first) = packages.first() {
                d = d.primary(first.span, "certificate package");
            }
            out.push(
                d.about_integrations(view)
                    .secondary(app_id.span, "applicationId set here")
                    .note("the IM backend has no vendor credentials for this package, so no offline push reaches it")
                    .help(format!("add certificates for `{}` in the IM console, or correct `packageName`", app_id.value)),
            );
        }
    });
}
