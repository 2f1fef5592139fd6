//! PL509: a certificate of a vendor that needs a notification channel has no `channelId`.
use super::{certificates, display};
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An OPPO certificate in `push-console.json` has no (or a blank) `channelId`, for a variant
    /// that integrates OPPO and targets Android 8 (API 26) or later.
    /// A vendor reached only through a push aggregator (JPush, Getui, Umeng Push) is not counted:
    /// its credentials live in the aggregator's own console, not in the IM console.
    ///
    /// ## Why it matters
    /// From Android 8 a notification without a valid channel is not shown, and OPPO needs the
    /// ChannelID registered in the console. Without it OPPO phones receive pushes but display nothing.
    ///
    /// ## Example
    /// `{ "vendor": "oppo", "id": 40003, "packageName": "com.acme.chat" }` with `targetSdk 33`.
    ///
    /// ## How to fix
    /// Register a ChannelID in the OPPO certificate of the IM console, create that channel in the
    /// app, and record it as `channelId` in `push-console.json`.
    pub(crate) CERTIFICATE_CHANNEL_ID_MISSING {
        code: "PL509",
        name: "certificate-channel-id-missing",
        family: Family::Console,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let facts = &cx.catalog.console;
    cx.per_variant(out, |view, out| {
        let Some(target) = view.variant.target_sdk_level() else { return };
        for cert in certificates(cx, view) {
            let Some(channel) = facts.channel(&cert.vendor.value) else { continue };
            if target < channel.min_target_sdk
                || super::console_integration(cx, view, &cert.vendor.value).is_none()
            {
                continue;
            }
            if cert.channel_id.as_ref().is_some_and(|c| !c.value.trim().is_empty()) {
                continue;
            }
            let vendor = display(cx, &cert.vendor.value);
            let mut d = Diagnostic::new(
                &CERTIFICATE_CHANNEL_ID_MISSING,
                format!(
                    "the console's {} has no `channelId` but the app targets API {target}",
                    cert.describe()
                ),
            )
            .primary(
                cert.channel_id.as_ref().map(|c| c.span).unwrap_or(cert.vendor.span),
                format!("the {vendor} certificate"),
            );
            if let Some(span) = view.variant.target_sdk.span() {
                d = d.secondary(span, "targetSdk set here");
            }
            out.push(
                d.vendor(&cert.vendor.value)
                    .note(format!(
                        "from API {} {vendor} shows no notification without its registered channel",
                        channel.min_target_sdk
                    ))
                    .help(format!(
                        "register a ChannelID in the {vendor} certificate and add it as `channelId`"
                    )),
            );
        }
    });
}
