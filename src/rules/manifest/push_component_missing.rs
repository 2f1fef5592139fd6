//! PL201: a component the vendor's SDK needs is not in the merged manifest, and no dependency of
//! the variant supplies it.
use super::{
    SourceIndex, application_anchor, applies, declare_help, evidence_label, evidence_name, matching,
    requiring_evidence, supplied, undeclared_subclass,
};
use crate::catalog::manifest::Supplied;
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor integrated through its own SDK (a Maven artifact or a jar in `libs/`) needs a
    /// component — a service, receiver, activity or provider — that the merged manifest of a
    /// variant does not declare. The merged manifest includes the manifests of the variant's AAR
    /// libraries (read from disk, else known to the catalog): what the SDK's own AAR declares is
    /// not asked of the app. A dependency whose manifest is unknown is taken at its integration
    /// profile's word: TPNS plugins, TIMPush and the TUIOfflinePush module are not asked for the
    /// components they are said to declare.
    /// When the variant's sources hold one class extending the required base class that no
    /// manifest declares, the finding names that class, labels it, and the help declares it.
    /// Nothing is said for an app whose build tool adds plugin projects from outside the
    /// repository (Flutter, React Native): their manifests may declare it.
    ///
    /// ## Why it matters
    /// The vendor's push service delivers messages, tokens and clicks to these components. When
    /// one is missing, registration fails or messages are dropped on that brand of phone, and
    /// nothing fails at build time.
    ///
    /// ## Example
    /// `app/libs/MiPush_SDK_Client_5_1_1.jar` and no `<service android:name="com.xiaomi.push.service.XMJobService" …/>`.
    ///
    /// ## How to fix
    /// Add the component inside `<application>` as the help shows, or remove the vendor's SDK.
    pub(crate) PUSH_COMPONENT_MISSING {
        code: "PL201",
        name: "push-component-missing",
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
        let src = SourceIndex::of(cx, view);
        for integration in view.integrations.iter() {
            let Some(vendor) = cx.catalog.vendor(&integration.vendor) else { continue };
            for req in &vendor.manifest.components {
                if !req.required
                    || !applies(&req.with_artifacts, integration)
                    || supplied(cx, integration, Supplied::Components, &req.supplied_by)
                    || !matching(view, &src, req).is_empty()
                {
                    continue;
                }
                // Removed on purpose with tools:node="remove": the app owner decided.
                if req.class.as_deref().is_some_and(|c| view.merged.is_removed(req.kind.tag(), c)) {
                    continue;
                }
                let Some(anchor) = application_anchor(cx, view) else { continue };
                let evidence = requiring_evidence(integration, &req.with_artifacts);
                let by = evidence.map(evidence_name).unwrap_or_else(|| vendor.display.clone());
                let written = undeclared_subclass(view, &src, req);
                let what = match (written, &req.subclass_of) {
                    (Some((class, _)), Some(base)) => format!("`<{}>` `{class}` (a `{base}`)", req.kind.tag()),
                    _ => req.describe(),
                };
                let mut d = Diagnostic::new(
                    &PUSH_COMPONENT_MISSING,
                    format!("the {} {what} is not declared, which {by} needs", integration.name(&vendor.display)),
                )
                .primary(anchor, format!("add the {} component in here", vendor.display));
                if let Some(e) = evidence {
                    d = d.secondary_opt(e.span, evidence_label(e, &vendor.display));
                }
                if let Some((class, span)) = written {
                    d = d.secondary(span, format!("`{class}` is written but no manifest declares it"));
                }
                out.push(
                    d.vendor(&vendor.id)
                        .note(format!(
                            "the {} push service delivers to this component; without it pushes do not reach this app",
                            vendor.display
                        ))
                        .help(declare_help(req, written.map(|w| w.0))),
                );
            }
        }
    });
}
