//! PL215: a vendor meta-data value (or the placeholder feeding it) is empty or blank.
use super::{applies, supplied, supplying_evidence};
use crate::catalog::manifest::Supplied;
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A vendor meta-data the catalog knows (`com.vivo.push.app_id`, `com.vivo.push.api_key`,
    /// `com.hihonor.push.app_id`, …) gets an empty or blank value in a variant: written as
    /// `android:value=""` (often with `tools:replace` over the AAR's own), or fed by a
    /// manifestPlaceholder — in the app's manifest or in the TPNS/TIMPush AAR's, which reads it.
    /// Blank credential placeholders the console catalog knows (`VIVO_APPID`, `VIVO_APPKEY`,
    /// `HONOR_APPID`) are reported once, by PL508.
    ///
    /// ## Why it matters
    /// A blank value satisfies the manifest merger, so the build passes, but the vendor's SDK gets
    /// no app id: registration fails at runtime and that brand's pushes never arrive. The Tencent
    /// demos ship such blanks as templates, hence a warning rather than an error.
    ///
    /// ## Example
    /// `manifestPlaceholders = ["VIVO_APPKEY": " ", "VIVO_APPID": " "]` with `com.tencent.timpush:vivo`.
    ///
    /// ## How to fix
    /// Fill in the value from the vendor's console, or drop the vendor's SDK from that variant.
    pub(crate) VENDOR_META_DATA_BLANK {
        code: "PL215",
        name: "vendor-meta-data-blank",
        family: Family::Manifest,
        severity: Severity::Warning,
        check,
    }
}

/// A placeholder the console catalog lists as a vendor credential: PL508 reports it when blank.
fn credential_placeholder(cx: &Ctx, key: &str) -> bool {
    cx.catalog.console.fields.iter().any(|f| f.placeholders.iter().any(|p| p == key))
}

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// The first `${KEY}` of a value.
fn first_placeholder(raw: &str) -> Option<&str> {
    let start = raw.find("${")? + 2;
    let end = raw[start..].find('}')? + start;
    Some(&raw[start..end])
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        // Values written in the merged manifests.
        for d in &view.merged.meta_data {
            let Some(name) = d.name.as_deref() else { continue };
            let Some((vendor, m)) = cx
                .catalog
                .vendors
                .iter()
                .find_map(|v| v.manifest.meta_data.iter().find(|m| m.name == name).map(|m| (v, m)))
            else {
                continue;
            };
            // An entry only some SDK generations read (HMS 2's app id) matters only with them.
            if !m.with_artifacts.is_empty()
                && !view.integration(&vendor.id).is_some_and(|i| applies(&m.with_artifacts, i))
            {
                continue;
            }
            let Some(value) = &d.value else { continue };
            let Some(v) = value.value.as_deref() else { continue };
            if !is_blank(v) {
                continue;
            }
            let raw = d.raw_value.as_deref().unwrap_or("");
            if first_placeholder(raw).is_some_and(|k| credential_placeholder(cx, k)) {
                continue;
            }
            let placeholder = first_placeholder(raw).and_then(|k| view.variant.placeholder(k));
            let diag = match placeholder.and_then(|p| p.value.known().map(|l| (p, l.span))) {
                Some((p, span)) => Diagnostic::new(
                    &VENDOR_META_DATA_BLANK,
                    format!(
                        "placeholder `{}` is blank, so {} meta-data `{name}` has no value",
                        p.key,
                        view.vendor_name(vendor)
                    ),
                )
                .primary(span, "blank value")
                .secondary(value.span, "the meta-data takes it here"),
                None => Diagnostic::new(
                    &VENDOR_META_DATA_BLANK,
                    format!("the {} meta-data `{name}` has a blank value", view.vendor_name(vendor)),
                )
                .primary(value.span, "blank value"),
            };
            out.push(finish(diag.vendor(&vendor.id), &vendor.display));
        }
        // Placeholders read by a dependency's own manifest.
        for integration in view.integrations.iter() {
            let Some(vendor) = cx.catalog.vendor(&integration.vendor) else { continue };
            for m in &vendor.manifest.meta_data {
                let Some(key) = &m.placeholder else { continue };
                if credential_placeholder(cx, key)
                    || !supplied(cx, integration, Supplied::MetaData, &m.supplied_by)
                    || view.merged.meta_data.iter().any(|d| d.name.as_deref() == Some(m.name.as_str()))
                    || view.merged.is_removed("meta-data", &m.name)
                {
                    continue;
                }
                let Some(p) = view.variant.placeholder(key) else { continue };
                let Some(l) = p.value.known() else { continue };
                if !is_blank(&l.value) {
                    continue;
                }
                let evidence = supplying_evidence(
                    cx,
                    integration,
                    Supplied::MetaData,
                    &m.supplied_by,
                    &m.with_artifacts,
                );
                let mut d = Diagnostic::new(
                    &VENDOR_META_DATA_BLANK,
                    format!(
                        "placeholder `{key}` is blank, so {} meta-data `{}` has no value",
                        integration.name(&vendor.display),
                        m.name
                    ),
                )
                .primary(l.span, "blank value");
                if let Some(e) = evidence {
                    let span: Option<Span> = e.span;
                    d = d
                        .secondary_opt(span, format!("its manifest declares `{}` from `${{{key}}}`", m.name));
                }
                out.push(finish(d.vendor(&vendor.id), &vendor.display));
            }
        }
    });
}

fn finish(d: Diagnostic, vendor: &str) -> Diagnostic {
    d.note(format!("the build passes, but {vendor}'s SDK reads an empty value, so registration fails and no pushes arrive"))
        .help(format!("fill in the value from the {vendor} console, or remove the {vendor} SDK from this variant"))
}
