//! PL305: one vendor's push client shipped twice (TPNS and TIMPush artifacts, or a vendor jar beside them).
use crate::diagnostics::Diagnostic;
use crate::project::detect::{Evidence, EvidenceKind};
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An app variant gets one vendor's push client from two integrations that each carry their own
    /// copy: a TPNS vendor artifact together with the TIMPush one for the same vendor
    /// (`com.tencent.tpns:xiaomi` and `com.tencent.timpush:xiaomi`), or a vendor jar in `libs/`
    /// (such as `MiPush_SDK_Client_*.jar`) together with a TPNS or TIMPush artifact for that vendor.
    /// A plain Maven dependency on the vendor SDK next to them (`com.huawei.hms:push`) is fine:
    /// Gradle keeps one copy.
    ///
    /// ## Why it matters
    /// Two copies of the same classes fail the build with duplicate classes, or, when they differ in
    /// packaging, register the vendor twice: two receivers for one broadcast, and whichever token is
    /// reported last wins on the IM backend.
    ///
    /// ## Example
    /// `app/libs/MiPush_SDK_Client_5_1_1-C.jar` and `implementation 'com.tencent.timpush:xiaomi:8.1.6103'`.
    ///
    /// ## How to fix
    /// Keep one integration for the vendor: remove the other artifact or jar (Tencent's advice is to
    /// drop one vendor package and share the token).
    pub(crate) VENDOR_SDK_DUPLICATE {
        code: "PL305",
        name: "vendor-sdk-duplicate",
        family: Family::Deps,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let exclusive = &cx.catalog.families.exclusive_profiles;
    cx.per_variant(out, |view, out| {
        for integration in view.integrations.iter() {
            // Each carrier: (group key, evidence). Archives form their own group whatever their profile.
            let mut groups: Vec<(String, Vec<&Evidence>)> = Vec::new();
            for e in &integration.evidence {
                let key = match e.kind {
                    EvidenceKind::Archive => "archive".to_string(),
                    EvidenceKind::Dependency if exclusive.contains(&e.profile) => e.profile.clone(),
                    EvidenceKind::Dependency => continue,
                    // A profile's component module (TUIOfflinePush) carries no client of its own.
                    EvidenceKind::Module => continue,
                };
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => v.push(e),
                    None => groups.push((key, vec![e])),
                }
            }
            if groups.len() < 2 {
                continue;
            }
            let display = cx.catalog.vendor(&integration.vendor).map(|v| v.display.as_str()).unwrap_or("");
            // One carrier per group; the user edits a dependency line, so one of those leads.
            let mut carriers: Vec<&Evidence> = groups.iter().filter_map(|(_, es)| es.first().copied()).collect();
            carriers.sort_by_key(|e| e.kind == EvidenceKind::Archive);
            let names: Vec<String> = carriers.iter().map(|e| format!("`{}`", name(e))).collect();
            let Some((lead, rest)) = carriers.split_first() else { continue };
            let Some(primary) = lead.span else { continue };
            let mut d = Diagnostic::new(
                &VENDOR_SDK_DUPLICATE,
                format!("the {display} push client comes from two integrations: {}", names.join(" and ")),
            )
            .primary(primary, format!("`{}` carries the {display} client", name(lead)))
            .vendor(&integration.vendor);
            for e in rest {
                d = d.secondary_opt(e.span, format!("`{}` carries it too", name(e)));
            }
            out.push(
                d.note(format!(
                    "two copies of the {display} client fail the build with duplicate classes, or register the vendor twice so that the token reported last wins"
                ))
                .help(format!("keep one {display} integration and remove the other")),
            );
        }
    });
}

/// The evidence without the module suffix (`com.tencent.timpush:xiaomi:8.1.6103`, `app/libs/x.jar`).
fn name(e: &Evidence) -> &str {
    e.what.split(" in :").next().unwrap_or(&e.what)
}
