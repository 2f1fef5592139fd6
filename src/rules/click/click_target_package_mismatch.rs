//! PL105: `component=` names a package other than the variant's applicationId.
use super::{Page, clicks, console_label, page};
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The package part of `component=PACKAGE/CLASS` in a click intent URI differs from the
    /// applicationId of the variant the certificate applies to.
    ///
    /// ## Why it matters
    /// The package part must be the installed package name (the applicationId), not the namespace
    /// the classes live in. With another package, Android looks for the activity in another app:
    /// the tap opens nothing.
    ///
    /// ## Example
    /// `component=com.acme.chat.app/com.acme.chat.app.ui.ChatActivity` for an app whose
    /// `applicationId` is `com.acme.chat` (and whose namespace is `com.acme.chat.app`).
    ///
    /// ## How to fix
    /// Write the applicationId before the slash: `component=com.acme.chat/com.acme.chat.app.ui.ChatActivity`.
    pub(crate) CLICK_TARGET_PACKAGE_MISMATCH {
        code: "PL105",
        name: "click-target-package-mismatch",
        family: Family::Click,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(app_id) = view.variant.application_id.known() else { return };
        for click in clicks(cx, view) {
            let Some(Page::Intent { parsed, .. }) = page(cx, &click) else { continue };
            let Some((pkg, _, _)) = &parsed.component else { continue };
            if pkg.value == app_id.value {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &CLICK_TARGET_PACKAGE_MISMATCH,
                    format!(
                        "click intent targets package `{}` but the app's applicationId is `{}`",
                        pkg.value, app_id.value
                    ),
                )
                .primary(pkg.span, console_label(&click))
                .vendor(&click.vendor.id)
                .secondary(app_id.span, "applicationId set here")
                .note("the system looks for the activity in the package named, so the tap opens nothing")
                .help(format!(
                    "write `{}` before the slash in `component=` of the click action in the IM console, then in `push-console.json`",
                    app_id.value
                )),
            );
        }
    });
}
