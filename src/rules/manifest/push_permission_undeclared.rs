//! PL208: the app uses a vendor's app-package signature permission that nothing declares.
use super::{applies, evidence_label, requiring_evidence, resolve_app_id, supplied};
use crate::catalog::manifest::Supplied;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{attribute_style, insert_line_before, manifest_child_holding};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A variant uses one of its vendor's own-package permissions (such as
    /// `${applicationId}.permission.MIPUSH_RECEIVE`) — in `<uses-permission>` or as a component's
    /// `android:permission` — but no `<permission>` of the merged manifest defines it, and the
    /// vendor is integrated through a dependency that does not declare it itself (the raw SDK).
    /// Nothing is said for an app whose build tool adds plugin projects from outside the
    /// repository (Flutter, React Native): their manifests may declare it.
    ///
    /// ## Why it matters
    /// A permission nobody defines is never granted: the vendor's SDK sends its broadcasts under
    /// that permission, and the app does not receive them.
    ///
    /// ## Example
    /// `<uses-permission android:name="${applicationId}.permission.MIPUSH_RECEIVE" />` with the MiPush
    /// jar in `libs/` and no `<permission android:name="${applicationId}.permission.MIPUSH_RECEIVE" …/>`.
    ///
    /// ## How to fix
    /// Declare the permission with the protection level the vendor gives.
    ///
    /// ## Fix
    /// Safe: adds `<permission android:name="…" android:protectionLevel="…" />`, with the vendor's
    /// name and level, before the element that uses it. It defines only what the app already
    /// asks for, at the level the vendor's service expects.
    pub(crate) PUSH_PERMISSION_UNDECLARED {
        code: "PL208",
        name: "push-permission-undeclared",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        if crate::rules::manifest_open(cx, view) {
            return;
        }
        for integration in view.integrations.iter() {
            let Some(vendor) = cx.catalog.vendor(&integration.vendor) else { continue };
            for p in &vendor.manifest.permissions {
                let Some(level) = &p.protection_level else { continue };
                if !applies(&p.with_artifacts, integration)
                    || supplied(cx, integration, Supplied::Permissions, &p.supplied_by)
                {
                    continue;
                }
                let Some(name) = resolve_app_id(&p.name, view) else { continue };
                let declared = view.merged.permissions.iter().any(|d| d.name.as_deref() == Some(name.as_str()));
                if declared {
                    continue;
                }
                let use_span = view
                    .merged
                    .uses_permissions
                    .iter()
                    .find(|d| d.name.as_deref() == Some(name.as_str()))
                    .map(|d| d.name_span)
                    .or_else(|| {
                        view.merged
                            .components
                            .iter()
                            .filter_map(|c| c.permission.as_ref())
                            .find(|a| a.value.as_deref() == Some(name.as_str()))
                            .map(|a| a.span)
                    });
                let Some(use_span) = use_span else { continue };
                let evidence = requiring_evidence(integration, &p.with_artifacts);
                let mut d = Diagnostic::new(
                    &PUSH_PERMISSION_UNDECLARED,
                    format!("the {} permission `{}` is used but no `<permission>` declares it", integration.name(&vendor.display), p.name),
                )
                .primary(use_span, "used here");
                if let Some(e) = evidence {
                    d = d.secondary_opt(
                        e.span,
                        format!("{}, which does not declare it", evidence_label(e, &vendor.display)),
                    );
                }
                let fix = attribute_style(cx, use_span).zip(manifest_child_holding(cx, use_span)).map(|((ns, q), before)| {
                    let element =
                        format!("<permission {ns}:name={q}{}{q} {ns}:protectionLevel={q}{}{q} />", p.name, level.0);
                    Fix::safe(format!("declare `{}`", p.name), insert_line_before(cx, before, &element))
                });
                out.push(
                    d.fix_opt(fix)
                        .vendor(&vendor.id)
                        .note("a permission nobody defines is never granted, so the vendor's broadcasts do not reach the app")
                        .help(format!(
                            "add `<permission android:name=\"{}\" android:protectionLevel=\"{}\" />` to the manifest",
                            p.name, level.0
                        )),
                );
            }
        }
    });
}
