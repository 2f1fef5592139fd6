//! PL507: an app id or app key in the app differs from the console certificate's.
use super::{certificates, credentials, display, same_value};
use crate::catalog::console::FieldKind;
use crate::diagnostics::Diagnostic;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor AppID or AppKey the app registers with (code constants, manifest placeholders,
    /// `timpush-configs.json`, Huawei's `client.app_id` in `agconnect-services.json`, Honor's
    /// `app_id` in `mcs-services.json`) differs from the `appId`/`appKey` of that vendor's
    /// certificate in `push-console.json`.
    /// The console facts are Tencent Cloud IM's; a push aggregator's own console (JPush, Getui,
    /// Umeng Push) is not read, and this rule says nothing about it.
    ///
    /// ## Why it matters
    /// The device registers with the vendor under the app's values and gets a token for that
    /// vendor app; the IM backend pushes with the console's credentials for another vendor app.
    /// The vendor rejects the push as sent to a foreign token.
    ///
    /// ## Example
    /// `manifestPlaceholders = [VIVO_APPID: "105000001"]` while the console's vivo certificate has
    /// `"appId": "105000002"`.
    ///
    /// ## How to fix
    /// Use the values of the same vendor app on both sides: copy them from the vendor's developer
    /// console into the app and into the IM console certificate.
    pub(crate) VENDOR_KEY_MISMATCH {
        code: "PL507",
        name: "vendor-key-mismatch",
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
            if !matches!(c.field.kind, FieldKind::AppId | FieldKind::AppKey)
                || !c.is_comparable()
                || facts.is_placeholder(&c.value.value)
            {
                continue;
            }
            let Some(key) = c.field.console.as_deref() else { continue };
            let theirs: Vec<_> = certs
                .iter()
                .filter(|cert| cert.vendor.value == c.field.vendor)
                .filter_map(|cert| cert.field(key))
                .filter(|v| !facts.is_placeholder(&v.value))
                .collect();
            if theirs.is_empty() || theirs.iter().any(|v| same_value(&v.value, &c.value.value)) {
                continue;
            }
            let vendor = display(cx, &c.field.vendor);
            let kind = c.field.kind.display();
            let list: Vec<String> = theirs.iter().map(|v| format!("`{}`", v.value)).collect();
            let mut d = Diagnostic::new(
                &VENDOR_KEY_MISMATCH,
                format!(
                    "the {vendor} {kind} in {} is `{}` but the console's {vendor} certificate has {}",
                    c.holder,
                    c.value.value,
                    list.join(" or ")
                ),
            )
            .primary(c.value.span, format!("the {vendor} {kind} the app registers with"));
            for v in &theirs {
                d = d.secondary(v.span, format!("`{key}` of the {vendor} certificate"));
            }
            out.push(
                d.about_vendor(cx, view, &c.field.vendor).note(format!("the device's {vendor} token belongs to another vendor app than the one the backend pushes with, so pushes are rejected"))
                    .help(format!(
                        "use the {kind} of one {vendor} app in both places; the {vendor} developer console lists each app's {kind}"
                    )),
            );
        }
    });
}
