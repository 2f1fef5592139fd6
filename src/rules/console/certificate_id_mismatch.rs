//! PL504: a certificate id in code or `timpush-configs.json` is not the console's id for that vendor.
use super::{certificates, credentials, display, same_value};
use crate::catalog::console::FieldKind;
use crate::diagnostics::Diagnostic;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A certificate id the app reports for a vendor (`XM_PUSH_BUZID`, `xiaomiPushBussinessId`, the
    /// `timpush-configs.json` key) differs from the `id` of that vendor's certificate in
    /// `push-console.json` for the variant's package.
    /// The console facts are Tencent Cloud IM's; a push aggregator's own console (JPush, Getui,
    /// Umeng Push) is not read, and this rule says nothing about it.
    ///
    /// ## Why it matters
    /// The app sends its vendor token with this id; the IM backend picks the vendor credentials by
    /// it. With another id the backend pushes with the wrong certificate (or none) and nothing arrives.
    ///
    /// ## Example
    /// `public static final long XM_PUSH_BUZID = 40001;` while the console's Xiaomi certificate is `40002`.
    ///
    /// ## How to fix
    /// Copy the certificate id from the IM console's offline-push settings.
    pub(crate) CERTIFICATE_ID_MISMATCH {
        code: "PL504",
        name: "certificate-id-mismatch",
        family: Family::Console,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let facts = &cx.catalog.console;
    cx.per_variant(out, |view, out| {
        let certs = certificates(cx, view);
        for c in credentials(cx, view) {
            if c.field.kind != FieldKind::BusinessId || !c.is_comparable() || facts.is_placeholder(&c.value.value) {
                continue;
            }
            let ids: Vec<_> = certs
                .iter()
                .filter(|cert| cert.vendor.value == c.field.vendor)
                .filter_map(|cert| cert.id.as_ref())
                .collect();
            if ids.is_empty() || ids.iter().any(|id| same_value(&id.value, &c.value.value)) {
                continue;
            }
            let vendor = display(cx, &c.field.vendor);
            let list: Vec<String> = ids.iter().map(|id| format!("`{}`", id.value)).collect();
            let mut d = Diagnostic::new(
                &CERTIFICATE_ID_MISMATCH,
                format!(
                    "{} is `{}` but the console's {vendor} certificate id is {}",
                    c.holder,
                    c.value.value,
                    list.join(" or ")
                ),
            )
            .primary(c.value.span, format!("the {vendor} certificate id the app reports"));
            for id in &ids {
                d = d.secondary(id.span, format!("the {vendor} certificate in the console"));
            }
            out.push(
                d.about_vendor(cx, view, &c.field.vendor).note("the IM backend picks the vendor credentials by this id, so pushes go out with the wrong certificate or none")
                    .help(format!("set {} to {}", c.holder, list.join(" or "))),
            );
        }
    });
}
