//! PL506: a console certificate for a vendor that no variant with its package integrates.
use super::{certificates, display};
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use std::collections::HashSet;

declare_rule! {
    /// ## What it checks
    /// `push-console.json` has a certificate for a vendor that no variant with the certificate's
    /// package integrates (no vendor SDK, TPNS or TIMPush dependency or archive for it). Flavors
    /// that share an applicationId share its certificates: one that integrates the vendor is
    /// enough.
    /// The console facts are Tencent Cloud IM's; a push aggregator's own console (JPush, Getui,
    /// Umeng Push) is not read, and this rule says nothing about it.
    ///
    /// ## Why it matters
    /// Either the vendor's SDK was forgotten, and that brand's phones get no offline push, or the
    /// certificate is dead configuration that misleads whoever debugs push.
    ///
    /// ## Example
    /// A Meizu certificate for `com.acme.chat`, while the app depends only on
    /// `com.tencent.timpush:xiaomi` and `com.tencent.timpush:huawei`.
    ///
    /// ## How to fix
    /// Add the vendor's dependency, or delete the certificate from the IM console and `push-console.json`.
    pub(crate) CERTIFICATE_UNUSED {
        code: "PL506",
        name: "certificate-unused",
        family: Family::Console,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    // The vendors each applicationId integrates, over every checked variant that builds it.
    let mut integrated: HashSet<(&str, &str)> = HashSet::new();
    for view in &cx.views {
        if let Some(app_id) = view.variant.app_id() {
            integrated.extend(view.integrations.iter().map(|i| (app_id, i.vendor.as_str())));
        }
    }
    cx.per_variant(out, |view, out| {
        // Nothing detected at all usually means dependencies pushlint cannot see (a custom
        // artifact, a plugin): stay silent rather than call every certificate dead.
        if view.integrations.is_empty() {
            return;
        }
        for cert in certificates(cx, view) {
            let used_elsewhere =
                view.variant.app_id().is_some_and(|id| integrated.contains(&(id, cert.vendor.value.as_str())));
            if view.integration(&cert.vendor.value).is_some() || used_elsewhere {
                continue;
            }
            let vendor = display(cx, &cert.vendor.value);
            out.push(
                Diagnostic::new(
                    &CERTIFICATE_UNUSED,
                    format!("the console's {} is for {vendor}, which this app does not integrate", cert.describe()),
                )
                .primary(cert.vendor.span, "certificate vendor")
                .vendor(&cert.vendor.value)
                .note(format!("without the {vendor} SDK in the app, {vendor} phones never register a token for this certificate"))
                .help(format!("add the {vendor} push dependency, or remove the certificate")),
            );
        }
    });
}
