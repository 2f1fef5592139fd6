//! PL219: an aggregator SDK needs a component of the app's own (a subclass of one of its classes)
//! that the merged manifest does not declare.
use super::{SourceIndex, application_anchor, declare_help, matching, undeclared_subclass};
use crate::catalog::library::VersionBounds;
use crate::diagnostics::Diagnostic;
use crate::project::detect::aggregators;
use crate::project::merge::merged_modules;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, VariantView, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An app variant depends on a push aggregator SDK (JPush, …) at a version from which the
    /// aggregator's documentation requires a component of the app's own — a class of the app
    /// that extends one of the SDK's classes, registered with the SDK's intent-filter actions —
    /// and the merged manifest declares none. The catalog's aggregator profiles
    /// (`rules/profiles/*.toml`, `[[component]]`) list these components and the dependency version
    /// each is required from. When that version is not known statically, nothing is said.
    /// When the variant's sources hold one class extending the required base class that no
    /// manifest declares, the finding names that class, labels it, and the help declares it.
    /// Nothing is said for an app whose build tool adds plugin projects from outside the
    /// repository (Flutter, React Native): their manifests may declare it.
    ///
    /// ## Why it matters
    /// The aggregator delivers its callbacks (registration, messages, clicks) to this component,
    /// or keeps its connection alive through it. Without it, pushes or their callbacks are lost
    /// on the phone, and nothing fails at build time.
    ///
    /// ## Example
    /// `implementation 'cn.jiguang.sdk:jpush:5.2.0'` and no receiver that extends
    /// `cn.jpush.android.service.JPushMessageReceiver` with the action
    /// `cn.jpush.android.intent.RECEIVE_MESSAGE`.
    ///
    /// ## How to fix
    /// Write a class that extends the SDK's class and declare it inside `<application>` with the
    /// intent-filter the help shows.
    pub(crate) AGGREGATOR_COMPONENT_MISSING {
        code: "PL219",
        name: "aggregator-component-missing",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let used = aggregators(cx.project, cx.catalog, view.module, view.variant);
        if used.is_empty() || crate::rules::manifest_open(cx, view) {
            return;
        }
        let src = SourceIndex::of(cx, view);
        for u in &used {
            let Some(profile) = cx.catalog.profile(&u.profile) else { continue };
            for c in profile.component.iter().filter(|c| c.declare.required) {
                // A channel wrapper counts when that vendor's SDK is in the variant.
                if c.vendor.as_ref().is_some_and(|v| view.integration(v).is_none()) {
                    continue;
                }
                // Required from a version on: silent unless the version is known to be there.
                let mut because = None;
                if let Some(since) = &c.since {
                    let Some((span, version)) = known_version(cx, view, &since.module) else { continue };
                    if since.holds(&VersionBounds::exact(&version)) != Some(true) {
                        continue;
                    }
                    because = Some((span, format!("`{}:{version}` needs it from {}", since.module, since.version)));
                }
                if !matching(view, &src, &c.declare).is_empty() {
                    continue;
                }
                let Some(anchor) = application_anchor(cx, view) else { continue };
                // A channel wrapper says which channel needs it.
                let route = match c.vendor.as_deref().and_then(|v| cx.catalog.vendor(v)) {
                    Some(v) => format!("{} needs for its {} channel", u.route, v.display),
                    None => format!("{} needs", u.route),
                };
                let written = undeclared_subclass(view, &src, &c.declare);
                let message = match (&c.declare.class, &c.declare.subclass_of, written) {
                    (Some(class), _, _) => format!("the {} `{class}` is not declared, which {route}", c.declare.kind.tag()),
                    (None, Some(base), Some((class, _))) => {
                        format!("the {} `{class}` (a `{base}`) is not declared, which {route}", c.declare.kind.tag())
                    }
                    (None, Some(base), None) => format!("no {} extends `{base}`, which {route}", c.declare.kind.tag()),
                    (None, None, _) => format!("the {} is not declared, which {route}", c.declare.describe()),
                };
                let mut d = Diagnostic::new(&AGGREGATOR_COMPONENT_MISSING, message)
                    .primary(anchor, format!("declare the {} component in here", u.route));
                // A channel's component is about that vendor; the aggregator's own, about every
                // vendor reached through it.
                d = match &c.vendor {
                    Some(v) => d.vendor(v),
                    None => d.about_vendor(cx, view, &u.profile),
                };
                if let Some((span, label)) = because {
                    d = d.secondary(span, label);
                }
                if let Some((class, span)) = written {
                    d = d.secondary(span, format!("`{class}` is written but no manifest declares it"));
                }
                out.push(
                    d.note(format!(
                        "the {} SDK delivers its callbacks to this component; without it pushes or their callbacks are lost",
                        profile.display
                    ))
                    .help(declare_help(&c.declare, written.map(|w| w.0))),
                );
            }
        }
    });
}

/// The statically known version of `module` among the dependencies merged into the variant, with
/// the span of the dependency.
fn known_version(cx: &Ctx, view: &VariantView, module: &str) -> Option<(crate::span::Span, String)> {
    merged_modules(cx.project, view.module).iter().find_map(|&m| {
        cx.project.modules[m]
            .deps
            .iter()
            .filter(|d| d.reaches(view.variant) && d.coordinate() == module)
            .find_map(|d| {
                let v = d.version.value()?;
                (!crate::project::deps::is_dynamic_version(v)).then(|| (d.coord_span, v.clone()))
            })
    })
}
