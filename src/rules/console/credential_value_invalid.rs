//! PL508: blank, dummy or masked ids and keys for a vendor the variant integrates.
use super::{credentials, display};
use crate::catalog::console::FieldKind;
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::FileId;

declare_rule! {
    /// ## What it checks
    /// A certificate id, AppID or AppKey of a vendor the variant integrates is blank (`""`, `" "`),
    /// `0`, a dummy (`xxxxxxxx`, `your_app_key`) or a masked template (`********`): in code
    /// constants, manifest placeholders, `timpush-configs.json` or the vendor's JSON file.
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
        let mut groups: Vec<(String, FileId, Vec<super::Credential>)> = Vec::new();
        for c in credentials(cx, view) {
            let relevant = matches!(c.field.kind, FieldKind::BusinessId | FieldKind::AppId | FieldKind::AppKey)
                && c.is_comparable()
                && view.integration(&c.field.vendor).is_some()
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
            out.push(
                d.note(format!("the {vendor} registration fails or the token is reported without a certificate, so {vendor} phones get no offline push"))
                    .help(format!("fill in the {vendor} values from the vendor and IM consoles, or remove the {vendor} dependency")),
            );
        }
    });
}
