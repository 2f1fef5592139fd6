//! PL210: a raw vendor integration lacks the `<meta-data>` its SDK reads.
use super::{application_anchor, applies, evidence_label, evidence_name, requiring_evidence, supplied};
use crate::catalog::manifest::Supplied;
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor integrated through its own SDK reads a `<meta-data>` (vivo's
    /// `com.vivo.push.app_id` and `com.vivo.push.api_key`, HMS 2's `com.huawei.hms.client.appid`)
    /// that the merged manifest of a variant does not declare. Where a TPNS or TIMPush AAR
    /// declares the meta-data itself, its placeholders are checked instead (PL215, PL216).
    /// Nothing is said for an app whose build tool adds plugin projects from outside the
    /// repository (Flutter, React Native): their manifests may declare it.
    ///
    /// ## Why it matters
    /// Without its app id the vendor's SDK cannot register, so the device gets no token and
    /// receives no pushes.
    ///
    /// ## Example
    /// `com.huawei.android.hms:push:2.6.3.301` and no `<meta-data android:name="com.huawei.hms.client.appid" …/>`.
    ///
    /// ## How to fix
    /// Add the meta-data inside `<application>` with the value from the vendor's console.
    pub(crate) VENDOR_META_DATA_MISSING {
        code: "PL210",
        name: "vendor-meta-data-missing",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        if crate::rules::manifest_open(cx, view) {
            return;
        }
        for integration in view.integrations.iter() {
            let Some(vendor) = cx.catalog.vendor(&integration.vendor) else { continue };
            for m in &vendor.manifest.meta_data {
                if !m.confirmed
                    || !applies(&m.with_artifacts, integration)
                    || supplied(cx, integration, Supplied::MetaData, &m.supplied_by)
                {
                    continue;
                }
                let declared = view.merged.meta_data.iter().any(|d| d.name.as_deref() == Some(m.name.as_str()));
                if declared || view.merged.is_removed("meta-data", &m.name) {
                    continue;
                }
                let Some(anchor) = application_anchor(cx, view) else { continue };
                let evidence = requiring_evidence(integration, &m.with_artifacts);
                let by = evidence.map(evidence_name).unwrap_or_else(|| vendor.display.clone());
                let mut d = Diagnostic::new(
                    &VENDOR_META_DATA_MISSING,
                    format!("the {} meta-data `{}` is not declared, which {by} reads", integration.name(&vendor.display), m.name),
                )
                .primary(anchor, "add the meta-data in here");
                if let Some(e) = evidence {
                    d = d.secondary_opt(e.span, evidence_label(e, &vendor.display));
                }
                out.push(
                    d.vendor(&vendor.id).note(format!("without its app id {}'s SDK cannot register, so no pushes arrive", vendor.display))
                        .help(format!(
                            "add `<meta-data android:name=\"{}\" android:value=\"…\" />` inside `<application>`, with the value from the {} console",
                            m.name, vendor.display
                        )),
                );
            }
        }
    });
}
