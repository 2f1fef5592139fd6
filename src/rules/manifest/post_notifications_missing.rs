//! PL211: a push-enabled variant targets Android 13+ without `POST_NOTIFICATIONS`.
use super::{POST_NOTIFICATIONS, root_anchor};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::About;
use crate::rules::fixes::insert_manifest_child;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A variant with `targetSdk` 33 or higher integrates at least one push vendor, but its merged
    /// manifest — the app's and its libraries' manifests, AARs included — has no
    /// `<uses-permission android:name="android.permission.POST_NOTIFICATIONS" />`. Push SDKs whose
    /// AAR manifest is neither on disk nor known to the catalog (the TIMPush and TPNS modules, for
    /// instance) might declare it: then nothing is said.
    /// Nothing is said for an app whose build tool adds plugin projects from outside the
    /// repository (Flutter, React Native): their manifests may declare it.
    ///
    /// ## Why it matters
    /// From Android 13 notifications are off for new installs until the app holds this runtime
    /// permission, and it can only be requested when the manifest declares it: offline pushes
    /// arrive but are never shown.
    ///
    /// ## Example
    /// `targetSdk 34`, `com.google.firebase:firebase-messaging:22.0.0` (its AAR declares the
    /// permission only from 23.0.6), and no `POST_NOTIFICATIONS` in the app's manifest.
    ///
    /// ## How to fix
    /// Declare the permission and request it at runtime.
    ///
    /// ## Fix
    /// Unsafe: adds `<uses-permission android:name="android.permission.POST_NOTIFICATIONS" />` to
    /// the app's main manifest, after its other `<uses-permission>`. The app asks users for one
    /// more permission, and it still has to request it at runtime.
    pub(crate) POST_NOTIFICATIONS_MISSING {
        code: "PL211",
        name: "post-notifications-missing",
        family: Family::Manifest,
        severity: Severity::Warning,
        check,
        fix: Some(Applicability::Unsafe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(level) = view.variant.target_sdk_level() else { return };
        if level < 33 || view.integrations.is_empty() || crate::rules::manifest_open(cx, view) {
            return;
        }
        // A push SDK whose manifest is not known may declare the permission itself.
        let unknown = view.integrations.iter().flat_map(|i| &i.evidence).any(|e| {
            e.kind != crate::project::detect::EvidenceKind::Module && !e.library_known(cx.project)
        });
        if unknown {
            return;
        }
        let declared = view.merged.uses_permissions.iter().any(|d| d.name.as_deref() == Some(POST_NOTIFICATIONS));
        if declared || view.merged.is_removed("uses-permission", POST_NOTIFICATIONS) {
            return;
        }
        let Some(anchor) = root_anchor(cx, view) else { return };
        let vendors: Vec<String> = view
            .integrations
            .iter()
            .filter_map(|i| cx.catalog.vendor(&i.vendor).map(|v| i.name(&v.display)))
            .collect();
        out.push(
            Diagnostic::new(
                &POST_NOTIFICATIONS_MISSING,
                format!("`{POST_NOTIFICATIONS}` is not declared although the app targets API {level} and receives pushes"),
            )
            .primary(anchor, "add the permission to this manifest")
            .fix_opt(
                insert_manifest_child(cx, anchor.file, |ns, q| {
                    format!("<uses-permission {ns}:name={q}{POST_NOTIFICATIONS}{q} />")
                })
                .map(|e| Fix::unsafe_edit(format!("declare `{POST_NOTIFICATIONS}`"), e)),
            )
            .about_integrations(view)
            .secondary_opt(view.variant.target_sdk.span(), format!("targetSdk {level} set here"))
            .note(format!(
                "from Android 13 notifications stay off until the user grants this permission, so {} pushes are not shown",
                vendors.join(", ")
            ))
            .help(format!("add `<uses-permission android:name=\"{POST_NOTIFICATIONS}\" />` and request it at runtime")),
        );
    });
}
