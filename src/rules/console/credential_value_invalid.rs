//! PL508: blank, dummy or masked ids and keys for a vendor the variant integrates.
use super::{credentials, display};
use crate::catalog::console::FieldKind;
use crate::diagnostics::Diagnostic;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::FileId;

declare_rule! {
    /// ## What it checks
    /// A certificate id, AppID or AppKey of a vendor the variant integrates (or the TPNS
    /// AccessID/AccessKey when its pushes go through TPNS) is blank (`""`, `" "`), `0`, a dummy
    /// (`xxxxxxxx`, `your_app_key`, `<APP_ID>`), a masked template (`********`) or template prose
    /// in any language (`请自行申请`, `replace with your key`): in code constants (certificate ids
    /// by their role too, `HONOR_PUSH_BUZID`), manifest placeholders, `timpush-configs.json` or the
    /// vendor's JSON file (`google-services.json`, `agconnect-services.json`, `mcs-services.json`).
    /// A value reached through a property fallback counts with its default. A vendor JSON file is
    /// not read for a variant that would first read a copy a `.gitignore` keeps out of Git (a
    /// stub committed next to the real files CI writes).
    /// The console facts are Tencent Cloud IM's; a push aggregator's own console (JPush, Getui,
    /// Umeng Push) is not read, and this rule says nothing about it.
    ///
    /// ## Why it matters
    /// Such values satisfy the build but not the vendor: registration fails, or the token is
    /// reported with certificate id 0, and that brand's phones get no offline push. Tencent's demos
    /// ship exactly these stand-ins, so an app built from a demo keeps them unless someone fills
    /// them in.
    ///
    /// ## Example
    /// `manifestPlaceholders = ["VIVO_APPID": " ", "VIVO_APPKEY": " "]` with `com.tencent.timpush:vivo`
    /// in the dependencies.
    ///
    /// ## How to fix
    /// Fill in the values from the vendor's developer console and the IM console, or remove the
    /// vendor's dependency if the app does not support that brand.
    pub(crate) CREDENTIAL_VALUE_INVALID {
        code: "PL508",
        name: "credential-value-invalid",
        family: Family::Console,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let facts = &cx.catalog.console;
    cx.per_variant(out, |view, out| {
        // One finding per vendor and file, naming each blank value.
        let tpns = super::routes_through_tpns(cx, view);
        let mut groups: Vec<(String, FileId, Vec<&super::Credential>)> = Vec::new();
        for c in credentials(cx, view) {
            let relevant = matches!(c.field.kind, FieldKind::BusinessId | FieldKind::AppId | FieldKind::AppKey)
                && c.is_comparable()
                && integrates(view, &c.field.vendor)
                && facts.is_placeholder(&c.value.value)
                && !(tpns && c.from_code);
            if !relevant {
                continue;
            }
            let file = c.value.span.file;
            match groups.iter_mut().find(|(v, f, _)| *v == c.field.vendor && *f == file) {
                Some(g) => g.2.push(c),
                None => groups.push((c.field.vendor.clone(), file, vec![c])),
            }
        }
        for (vendor_id, _, creds) in groups {
            let Some(first) = creds.first() else { continue };
            let vendor = display(cx, &vendor_id);
            let list: Vec<String> =
                creds.iter().map(|c| format!("{} = {}", c.holder, crate::diagnostics::code_value(&c.value.value))).collect();
            let mut d = Diagnostic::new(
                &CREDENTIAL_VALUE_INVALID,
                format!("the {vendor} credentials are not filled in although the app integrates {vendor}: {}", list.join(", ")),
            )
            .primary(first.value.span, format!("the {vendor} {}", first.field.kind.display()));
            for c in creds.iter().skip(1) {
                d = d.secondary(c.value.span, format!("the {vendor} {}", c.field.kind.display()));
            }
            if let Some(e) = view.integration(&vendor_id).and_then(|i| i.evidence.iter().find_map(|e| e.span)) {
                d = d.secondary(e, format!("the {vendor} integration"));
            }
            let note = if view.integration(&vendor_id).is_some() {
                format!("the {vendor} registration fails or the token is reported without a certificate, so {vendor} phones get no offline push")
            } else {
                format!("the {vendor} registration fails, so the offline pushes routed through {vendor} never arrive")
            };
            out.push(
                d.about_vendor(cx, view, &vendor_id)
                    .note(note)
                    .help(format!("fill in the {vendor} values from the vendor and IM consoles, or remove the {vendor} dependency")),
            );
        }
    });
}

/// Whether the variant integrates `vendor`, or routes vendor pushes through a profile of that
/// name (`tpns`: its AccessID and AccessKey are needed then).
fn integrates(view: &crate::rules::VariantView, vendor: &str) -> bool {
    view.integration(vendor).is_some()
        || view.integrations.iter().any(|i| i.profiles.iter().any(|p| p == vendor))
}
