//! PL505: a vendor the app integrates (or reports an id for) has no certificate in the console.
use super::{certificates, credentials, display};
use crate::catalog::console::FieldKind;
use crate::diagnostics::Diagnostic;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// `push-console.json` has certificates for the variant's package, but none for a vendor the
    /// variant integrates (a vendor SDK, TPNS or TIMPush dependency) or reports a certificate id for.
    /// A vendor reached only through a push aggregator (JPush, Getui, Umeng Push) is not counted:
    /// its credentials live in the aggregator's own console, not in the IM console.
    ///
    /// ## Why it matters
    /// The app registers with the vendor and reports the token, but the IM backend has no
    /// credentials to push through that vendor: phones of that brand get no offline push.
    ///
    /// ## Example
    /// `implementation "com.tencent.timpush:oppo:8.1.6103"` while the console lists only Xiaomi and
    /// Huawei certificates for `com.acme.chat`.
    ///
    /// ## How to fix
    /// Add the vendor's certificate in the IM console (and to `push-console.json`), or remove the
    /// vendor's dependency if the app does not support it.
    pub(crate) CERTIFICATE_MISSING {
        code: "PL505",
        name: "certificate-missing",
        family: Family::Console,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let facts = &cx.catalog.console;
    cx.per_variant(out, |view, out| {
        let certs = certificates(cx, view);
        // Without certificates for this package the whole console is missing for it (PL502).
        let Some(first) = certs.first() else { return };
        let Some(app_id) = view.variant.app_id() else { return };
        let has_cert = |vendor: &str| certs.iter().any(|c| c.vendor.value == vendor);
        let mut reported: Vec<&str> = Vec::new();
        for i in view.integrations.iter().filter(|i| super::served_by_console(cx, i)) {
            if has_cert(&i.vendor) || reported.contains(&i.vendor.as_str()) {
                continue;
            }
            let Some(span) = i.evidence.iter().find_map(|e| e.span) else { continue };
            reported.push(&i.vendor);
            let vendor = display(cx, &i.vendor);
            out.push(
                Diagnostic::new(
                    &CERTIFICATE_MISSING,
                    format!("the console has no {vendor} certificate for `{app_id}` although the app integrates {vendor}"),
                )
                .primary(span, format!("the {vendor} integration"))
                .vendor(&i.vendor)
                .secondary(first.span, "console certificates for this package")
                .note(format!("the IM backend cannot push through {vendor}, so those phones get no offline push"))
                .help(format!("add a {vendor} certificate in the IM console, or remove the {vendor} dependency")),
            );
        }
        for c in credentials(cx, view) {
            let vendor_id = c.field.vendor.as_str();
            if c.field.kind != FieldKind::BusinessId
                || !c.is_comparable()
                || facts.is_placeholder(&c.value.value)
                || has_cert(vendor_id)
                || reported.contains(&vendor_id)
            {
                continue;
            }
            reported.push(vendor_id);
            let vendor = display(cx, vendor_id);
            out.push(
                Diagnostic::new(
                    &CERTIFICATE_MISSING,
                    format!("{} is set to `{}` but the console has no {vendor} certificate for `{app_id}`", c.holder, c.value.value),
                )
                .primary(c.value.span, format!("the {vendor} certificate id the app reports"))
                .about_vendor(cx, view, vendor_id)
                .secondary(first.span, "console certificates for this package")
                .note(format!("the IM backend finds no {vendor} certificate with this id, so those phones get no offline push"))
                .help(format!("add the {vendor} certificate to the IM console and `push-console.json`, or clear the id")),
            );
        }
    });
}
