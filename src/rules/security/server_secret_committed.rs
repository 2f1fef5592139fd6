//! PL601: a push server credential (vendor AppSecret/MasterSecret, service-account key) in the repository.
use super::{SecretOrigin, secrets};
use crate::diagnostics::{Diagnostic, mask_value};
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A credential that only the push server may hold is committed in the app repository: a
    /// Xiaomi, Huawei, Honor, vivo or Meizu AppSecret, an OPPO MasterSecret (in code constants,
    /// `timpush-configs.json` or `push-console.json`, and under the same names in
    /// `gradle.properties` or a Gradle `ext` block), or a Google service-account key file with a
    /// private key. A constant's value may be literals joined by `+` or another constant's name,
    /// as the compiler folds them.
    ///
    /// ## Why it matters
    /// Whoever reads the repository, or unpacks the APK when the value is compiled in, can send
    /// pushes to every user of the app in its name. The vendor client SDKs never need these values:
    /// they register with the app id and app key only (OPPO's AppSecret is the exception and is
    /// not reported).
    ///
    /// ## Example
    /// `public static final String XM_PUSH_APPSECRET = "kP3x…";` in `PrivateConstants.java`, or
    /// `app/firebase-adminsdk.json` with `"type": "service_account"` and a `"private_key"`.
    ///
    /// ## How to fix
    /// Delete the value from the repository and its history, rotate it in the vendor console, and
    /// keep it only in the IM console (vendor secrets) or on your server (service-account keys).
    /// pushlint masks secret values in every output format.
    pub(crate) SERVER_SECRET_COMMITTED {
        code: "PL601",
        name: "server-secret-committed",
        family: Family::Security,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for s in secrets(cx.project, cx.catalog) {
        let d = match s.origin {
            SecretOrigin::Vendor(f) if s.is_server() => {
                let vendor = cx.catalog.vendor(&f.vendor).map(|v| v.display.as_str()).unwrap_or(&f.vendor);
                Diagnostic::new(
                    &SERVER_SECRET_COMMITTED,
                    format!("the {vendor} {} `{}` is committed in {}", f.kind.display(), mask_value(&s.value.value), s.holder),
                )
                .primary(s.value.span, format!("the {vendor} {}", f.kind.display()))
                .note("the push server authenticates with this secret; anyone who reads the repository or the APK can push to your users")
                .help(format!(
                    "remove it, rotate it in the {vendor} console, and enter it only in the IM console's {vendor} certificate"
                ))
            }
            SecretOrigin::ServiceAccount => Diagnostic::new(
                &SERVER_SECRET_COMMITTED,
                format!("service-account private key `{}` is committed in {}", mask_value(&s.value.value), s.holder),
            )
            .primary(s.holder_span, "service-account private key here")
            .note("the key grants server access to the Firebase project, including sending FCM messages to every user")
            .help("delete the key file, revoke the key in the Google Cloud console, and keep keys on your server only"),
            _ => continue,
        };
        out.push(d);
    }
}
