//! PL220: a `manifestPlaceholders` value that an aggregator reads does not have the format the
//! aggregator documents (a prefix, digits, a length), per the catalog's profile data.
use crate::catalog::library::VersionBounds;
use crate::diagnostics::Diagnostic;
use crate::project::detect::aggregators;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An app variant reaches a vendor through a push aggregator SDK, and a
    /// `manifestPlaceholders` value the aggregator reads does not have the format the
    /// aggregator's documentation gives it: JPush wants its Xiaomi values written `MI-…`
    /// (before the Xiaomi plugin 5.5.3), its OPPO values `OP-…` and its Meizu values `MZ-…`. The
    /// formats are data in
    /// the aggregator profiles (`rules/profiles/*.toml`, `[[placeholder]]` with `format` and
    /// `versions`); where a format holds only for some versions and the version is not known
    /// statically, nothing is said. Blank values are left to the other rules.
    ///
    /// ## Why it matters
    /// The aggregator strips or expects the prefix when it registers with the vendor. A value
    /// without it is read as something else, registration with the vendor fails, and that brand
    /// of phone gets no push while the build succeeds.
    ///
    /// ## Example
    /// `cn.jiguang.sdk.plugin:xiaomi:5.2.0` and `XIAOMI_APPKEY: "5731234567890"` in
    /// `manifestPlaceholders`.
    ///
    /// ## How to fix
    /// Write the value as the help shows (`XIAOMI_APPKEY: "MI-5731234567890"`).
    pub(crate) MANIFEST_PLACEHOLDER_FORMAT_INVALID {
        code: "PL220",
        name: "manifest-placeholder-format-invalid",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let used = aggregators(cx.project, cx.catalog, view.module, view.variant);
        for profile in cx.catalog.profiles.iter().filter(|p| p.is_aggregator()) {
            let core = used.iter().find(|u| u.profile == profile.id);
            for facts in profile.placeholder.iter().filter(|f| !f.format.is_empty()) {
                // A channel's key counts when that channel comes through this aggregator; the
                // aggregator's own key when the aggregator is there.
                let (route, version) = match &facts.vendor {
                    Some(vendor) => {
                        let Some(i) = view
                            .integrations
                            .iter()
                            .find(|i| &i.vendor == vendor && i.profiles.contains(&profile.id))
                        else {
                            continue;
                        };
                        let display = cx.catalog.vendor(vendor).map_or(vendor.as_str(), |v| v.display.as_str());
                        let version = i
                            .evidence
                            .iter()
                            .find(|e| e.profile == profile.id)
                            .and_then(|e| e.version.clone());
                        (i.name(display), version)
                    }
                    None => {
                        let Some(u) = core else { continue };
                        (u.route.clone(), u.version.clone())
                    }
                };
                if let Some(req) = &facts.versions {
                    let Some(v) = version.filter(|v| !crate::project::deps::is_dynamic_version(v)) else {
                        continue;
                    };
                    if req.matches(&VersionBounds::exact(&v)) != Some(true) {
                        continue;
                    }
                }
                let Some(p) = view.variant.placeholder(&facts.name) else { continue };
                let Some(value) = p.value.known() else { continue };
                if value.value.trim().is_empty() {
                    continue;
                }
                let Some(problem) = facts.format.problem(&value.value) else { continue };
                out.push(
                    Diagnostic::new(
                        &MANIFEST_PLACEHOLDER_FORMAT_INVALID,
                        format!("placeholder `{}` {problem}, as {route} needs", facts.name),
                    )
                    .primary(value.span, "value set here")
                    .about_vendor(cx, view, facts.vendor.as_deref().unwrap_or(&profile.id))
                    .note(format!(
                        "the {} SDK registers with the vendor using this value; in another format registration fails and no push arrives",
                        profile.display
                    ))
                    .help(format!("write the value of `{}` as {}", facts.name, facts.format.describe())),
                );
            }
        }
    });
}
