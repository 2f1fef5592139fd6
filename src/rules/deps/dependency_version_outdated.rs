//! PL303: an SDK artifact below the minimum version the catalog records, or on a known-bad one.
use super::{matches_any, version, version_span};
use crate::diagnostics::Diagnostic;
use crate::project::deps::{compare_versions, variant_deps};
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use std::cmp::Ordering;

declare_rule! {
    /// ## What it checks
    /// A dependency of an app variant has a version below a minimum the catalog records for the
    /// integration in use (for example the IM SDK below 7.6.5011 together with TIMPush), or a version
    /// the catalog lists as known to be broken. The reason is in the message. Unknown and dynamic
    /// versions are not checked.
    ///
    /// ## Why it matters
    /// Below the minimum the push integration is documented not to work: tokens are not reported,
    /// or the channel does not exist in that SDK version.
    ///
    /// ## Example
    /// `com.tencent.imsdk:imsdk-plus:7.5.4864` together with `com.tencent.timpush:timpush:7.9.5666`.
    ///
    /// ## How to fix
    /// Upgrade the dependency to at least the version named in the message.
    pub(crate) DEPENDENCY_VERSION_OUTDATED {
        code: "PL303",
        name: "dependency-version-outdated",
        family: Family::Deps,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let deps = variant_deps(cx.project, view.module, view.variant);
        let families = &cx.catalog.families;
        for m in &families.minimum {
            let trigger = if m.when.is_empty() {
                None
            } else {
                match deps.iter().find(|d| matches_any(&m.when, d.coordinate())) {
                    Some(t) => Some(t),
                    None => continue,
                }
            };
            for d in deps.iter().filter(|d| matches_any(&m.modules, d.coordinate())) {
                let Some(v) = version(d) else { continue };
                if compare_versions(v, &m.version) != Some(Ordering::Less) {
                    continue;
                }
                let mut diag = Diagnostic::new(
                    &DEPENDENCY_VERSION_OUTDATED,
                    format!("`{}:{v}` is older than `{}`: {}", d.coordinate(), m.version, m.reason),
                )
                .primary(version_span(d), format!("version `{v}` set here"));
                if let Some(t) = trigger {
                    diag = diag.secondary(t.coord_span, format!("`{}` used here", t.coordinate()));
                }
                if !m.confirmed {
                    diag = diag.severity(Severity::Warning);
                }
                let diag = diag.about_coordinate(cx, Some(view), d.coordinate());
                out.push(
                    diag.note("below this version the push integration is documented not to work")
                        .help(format!("upgrade `{}` to `{}` or later", d.coordinate(), m.version)),
                );
            }
        }
        for bad in &families.known_bad {
            for d in deps.iter().filter(|d| matches_any(&bad.modules, d.coordinate())) {
                let Some(v) = version(d) else { continue };
                if !bad.versions.iter().any(|b| b == v) {
                    continue;
                }
                let mut diag = Diagnostic::new(
                    &DEPENDENCY_VERSION_OUTDATED,
                    format!("`{}:{v}` is a known-bad version: {}", d.coordinate(), bad.reason),
                )
                .primary(version_span(d), format!("version `{v}` set here"));
                if !bad.confirmed {
                    diag = diag.severity(Severity::Warning);
                }
                let diag = diag.about_coordinate(cx, Some(view), d.coordinate());
                out.push(
                    diag.note("this version is known to break push delivery")
                        .help(format!("move `{}` to another version", d.coordinate())),
                );
            }
        }
    });
}
