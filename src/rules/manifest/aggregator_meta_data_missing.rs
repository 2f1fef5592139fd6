//! PL221: an aggregator SDK reads a `<meta-data>` of the app's own that the merged manifest does
//! not declare.
use super::application_anchor;
use crate::diagnostics::Diagnostic;
use crate::project::detect::{EvidenceKind, aggregators};
use crate::rules::{About, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An app variant depends on a push aggregator SDK whose documentation has the app declare a
    /// `<meta-data>` itself — Umeng Push reads its app key and message secret from `UMENG_APPKEY`
    /// and `UMENG_MESSAGE_SECRET` — and the merged manifest of the variant declares none of that
    /// name, nor does a library manifest pushlint could read. The catalog's aggregator profiles
    /// (`rules/profiles/*.toml`, `[[meta_data]]`) list these names. Where the aggregator's own
    /// sources disagree (Umeng's guide requires both, one of its demos passes them in code only),
    /// the finding is a warning.
    /// Nothing is said for an app whose build tool adds plugin projects from outside the
    /// repository (Flutter, React Native): their manifests may declare it.
    ///
    /// ## Why it matters
    /// The aggregator's SDK looks its credentials up in the manifest when it starts, also in
    /// processes where the app's own initialisation code does not run. Without them it does not
    /// register ("Appkey、MessageSecret cannot be empty!" for Umeng Push), and no push arrives.
    ///
    /// ## Example
    /// `implementation 'com.umeng.umsdk:push:6.7.6'` and no
    /// `<meta-data android:name="UMENG_MESSAGE_SECRET" android:value="…" />`.
    ///
    /// ## How to fix
    /// Add the meta-data inside `<application>` with the value from the aggregator's console.
    pub(crate) AGGREGATOR_META_DATA_MISSING {
        code: "PL221",
        name: "aggregator-meta-data-missing",
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
        for u in aggregators(cx.project, cx.catalog, view.module, view.variant) {
            let Some(profile) = cx.catalog.profile(&u.profile) else { continue };
            for m in &profile.meta_data {
                let declared = view.merged.meta_data.iter().any(|d| d.name.as_deref() == Some(m.name.as_str()));
                if declared || view.merged.is_removed("meta-data", &m.name) {
                    continue;
                }
                let Some(anchor) = application_anchor(cx, view) else { continue };
                let mut d = Diagnostic::new(
                    &AGGREGATOR_META_DATA_MISSING,
                    format!("the meta-data `{}` is not declared, which {} reads", m.name, u.route),
                )
                .primary(anchor, "add the meta-data in here");
                if let Some(e) = u.evidence.iter().find(|e| e.span.is_some()) {
                    let what = match e.kind {
                        EvidenceKind::Archive => format!("`{}`", e.what),
                        _ => format!("`{}`", e.artifact),
                    };
                    d = d.secondary_opt(e.span, format!("{what} brings in the {} SDK", profile.display));
                }
                if !m.confirmed {
                    d = d.severity(Severity::Warning);
                }
                // The aggregator's own credentials concern every vendor it carries.
                let d = d.about_vendor(cx, view, &u.profile);
                out.push(
                    d.note(format!(
                        "the {} SDK reads its credentials from this meta-data; without it registration fails and no push arrives",
                        profile.display
                    ))
                    .help(format!(
                        "add `<meta-data android:name=\"{}\" android:value=\"…\" />` inside `<application>`, with the value from the {} console",
                        m.name, profile.display
                    )),
                );
            }
        }
    });
}
