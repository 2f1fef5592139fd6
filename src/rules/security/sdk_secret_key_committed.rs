//! PL602: the IM SDK secret key (which signs UserSigs) is in the app's code.
use super::{SecretOrigin, secrets};
use crate::diagnostics::{Diagnostic, mask_value};
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A constant such as `SECRETKEY` in a `GenerateTestUserSig`-style class holds a non-empty
    /// Tencent Cloud IM SDK secret key.
    ///
    /// ## Why it matters
    /// The secret key signs UserSigs, the login tickets of the IM service. Shipped in an app, it
    /// lets anyone log in as any user, read their messages and send pushes in their name. Tencent's
    /// test helper keeps it in the app for local debugging only.
    ///
    /// ## Example
    /// `private static final String SECRETKEY = "a1b2…";` in `GenerateTestUserSig.java`.
    ///
    /// ## How to fix
    /// Remove the key from the app, rotate it in the IM console, and have your server issue UserSigs.
    pub(crate) SDK_SECRET_KEY_COMMITTED {
        code: "PL602",
        name: "sdk-secret-key-committed",
        family: Family::Security,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in secrets(cx.project, cx.catalog) {
        let SecretOrigin::Sdk(sdk) = s.origin else { continue };
        out.push(
            Diagnostic::new(
                &SDK_SECRET_KEY_COMMITTED,
                format!("the {} `{}` is committed in {}", sdk.what, mask_value(&s.value.value), s.holder),
            )
            .primary(s.value.span, "secret key here")
            .note("with this key anyone can sign login tickets for any user of the app")
            .help(format!("remove it, rotate it in the IM console, and keep it only on {}", sdk.belongs)),
        );
    }
}
