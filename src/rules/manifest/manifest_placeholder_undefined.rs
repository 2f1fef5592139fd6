//! PL216: a manifest placeholder referenced by a merged manifest, or by a vendor AAR's manifest,
//! has no value in a variant.
use super::{evidence_name, supplied, supplying_evidence};
use crate::catalog::manifest::Supplied;
use crate::diagnostics::Diagnostic;
use crate::parse::manifest::XMLNS_NS;
use crate::project::ModuleKind;
use crate::rules::{Ctx, Family, Severity, VariantView, declare_rule};
use crate::span::{Span, TextRange};

declare_rule! {
    /// ## What it checks
    /// A `${NAME}` in an attribute of a manifest merged into a variant (the app's source sets, a
    /// local library's, or an AAR library's whose manifest is known) has no `manifestPlaceholders`
    /// value in that variant, and the app does not override the element; or a vendor AAR that
    /// declares a meta-data from a placeholder (`VIVO_APPID`, `VIVO_APPKEY`, `HONOR_APPID` for
    /// the TPNS and TIMPush vivo/Honor packages) finds no value, and the app does not override
    /// that meta-data; or an aggregator SDK whose own manifest reads a placeholder (`JPUSH_APPKEY`,
    /// `GETUI_APPID`: `required` keys of the aggregator profiles) finds no value.
    /// `${applicationId}` and `${packageName}` are always defined, and so are the placeholders a
    /// build tool sets (Flutter's `applicationName`, React Native's `usesCleartextTraffic`). A key
    /// the build logic writes where its value is not followed (a helper function, a variant
    /// callback, `with(manifestPlaceholders) { }`) counts as defined, to an unknown value. A
    /// library module's own `manifestPlaceholders` fill only that module's manifest: the AARs it
    /// depends on are merged when the app is built, so their placeholders need the app's values
    /// (the library's setting is labelled when it has one).
    ///
    /// ## Why it matters
    /// The manifest merger stops the build ("requires a placeholder substitution but no value …
    /// is provided") — the "compile problem" Tencent's guides warn about for vivo and Honor.
    ///
    /// ## Example
    /// `com.tencent.timpush:vivo` in `dependencies` and no `VIVO_APPID` in `manifestPlaceholders`.
    ///
    /// ## How to fix
    /// Define the placeholder in `defaultConfig` (or in every flavor), or override the AAR's
    /// meta-data with `tools:replace="android:value"`.
    pub(crate) MANIFEST_PLACEHOLDER_UNDEFINED {
        code: "PL216",
        name: "manifest-placeholder-undefined",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
    }
}

/// Placeholders the merger always knows.
const BUILT_IN: &[&str] = &["applicationId", "packageName"];

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        in_manifests(cx, view, out);
        in_dependencies(cx, view, out);
        in_aggregators(cx, view, out);
    });
}

/// The aggregators' own required keys (a channel's keys come through its meta-data instead).
fn in_aggregators(cx: &Ctx, view: &VariantView, out: &mut Vec<Diagnostic>) {
    for u in crate::project::detect::aggregators(cx.project, cx.catalog, view.module, view.variant) {
        let Some(profile) = cx.catalog.profile(&u.profile) else { continue };
        let Some(span) = u.evidence.iter().find_map(|e| e.span) else { continue };
        for facts in profile.placeholder.iter().filter(|f| f.required && f.vendor.is_none()) {
            let key = &facts.name;
            if view.variant.placeholder(key).is_some() {
                continue;
            }
            let declared_in = u.evidence.iter().find(|e| e.span.is_some()).map_or(view.module, |e| e.module);
            let (d, config) = app_side(
                cx,
                view,
                declared_in,
                key,
                Diagnostic::new(
                    &MANIFEST_PLACEHOLDER_UNDEFINED,
                    format!("placeholder `${{{key}}}` has no value, which {} needs", u.route),
                )
                .primary(span, format!("its manifest reads `${{{key}}}`"))
                .note("the manifest merger stops the build when a placeholder has no value"),
            );
            out.push(d.help(format!(
                "add `{key}` with the {} console's value to `manifestPlaceholders` in {config}",
                profile.display
            )));
        }
    }
}

fn in_manifests(cx: &Ctx, view: &VariantView, out: &mut Vec<Diagnostic>) {
    for &mid in &view.merged.sources {
        let mf = cx.project.manifest(mid);
        let module = &cx.project.modules[mf.module];
        let text = &cx.project.files.get(mf.file).text;
        for (i, el) in mf.doc.elements.iter().enumerate() {
            let id = crate::parse::manifest::ElemId(i as u32);
            if matches!(
                mf.doc.tools_attr(id, "node").map(|a| a.value.as_str()),
                Some("remove") | Some("removeAll")
            ) {
                continue;
            }
            if mf.library.is_some() && overridden(view, mf, id) {
                continue;
            }
            for a in el.attrs.iter().filter(|a| a.ns.as_deref() != Some(XMLNS_NS)) {
                for (key, rel) in placeholders(&a.value) {
                    if BUILT_IN.contains(&key)
                        || view.variant.placeholder(key).is_some()
                        || tool_defines(cx, view, key)
                    {
                        continue;
                    }
                    // A library's own manifestPlaceholders also fill its manifest.
                    if mf.module != view.module
                        && mf.library.is_none()
                        && module.kind == ModuleKind::Library
                        && module.variants.iter().any(|v| v.placeholder(key).is_some())
                    {
                        continue;
                    }
                    let whole = cx.project.manifest_span(mid, a.value_span);
                    let span = if text.get(a.value_span.as_usize()) == Some(a.value.as_str()) {
                        Span::new(mf.file, a.value_span.sub(rel))
                    } else {
                        whole
                    };
                    // A vendor credential placeholder (`VIVO_APPID`) is about that vendor.
                    let d = cx
                        .catalog
                        .console
                        .fields
                        .iter()
                        .filter(|f| f.placeholders.iter().any(|p| p == key))
                        .fold(
                            Diagnostic::new(
                                &MANIFEST_PLACEHOLDER_UNDEFINED,
                                format!("placeholder `${{{key}}}` has no value"),
                            ),
                            |d, f| d.vendor(&f.vendor),
                        );
                    // An AAR's or another module's manifest is filled with the app's values.
                    let owner = if mf.module == view.module && mf.library.is_none() {
                        String::new()
                    } else {
                        format!(" of `{}`", cx.project.modules[view.module].path)
                    };
                    out.push(
                        d.primary(span, "used here")
                            .note("the manifest merger stops the build when a placeholder has no value")
                            .help(format!(
                                "define `{key}` in `manifestPlaceholders` of `defaultConfig`{owner}, or of every flavor or build type"
                            )),
                    );
                }
            }
        }
    }
}

fn in_dependencies(cx: &Ctx, view: &VariantView, out: &mut Vec<Diagnostic>) {
    for integration in view.integrations.iter() {
        let Some(vendor) = cx.catalog.vendor(&integration.vendor) else { continue };
        for m in &vendor.manifest.meta_data {
            let Some(key) = &m.placeholder else { continue };
            if !supplied(cx, integration, Supplied::MetaData, &m.supplied_by)
                || view.variant.placeholder(key).is_some()
                // The app's own declaration (with tools:replace) or removal takes the AAR's out.
                || view.merged.meta_data.iter().any(|d| d.name.as_deref() == Some(m.name.as_str()))
                || view.merged.is_removed("meta-data", &m.name)
            {
                continue;
            }
            let Some(e) =
                supplying_evidence(cx, integration, Supplied::MetaData, &m.supplied_by, &m.with_artifacts)
            else {
                continue;
            };
            // The vendor files' placeholders are the Tencent AARs'; an aggregator's channel AAR
            // reads a placeholder only where its profile says so (`supplied_by` set by its channel).
            if m.supplied_by.is_none() && cx.catalog.profile(&e.profile).is_some_and(|p| p.is_aggregator()) {
                continue;
            }
            let Some(span) = e.span else { continue };
            // An aggregator that documents the value's format (JPush's `OP-`) has it said here too.
            let written = aggregator_format(cx, e, &vendor.id, key)
                .map(|f| format!(" (written as {f})"))
                .unwrap_or_default();
            let (d, config) = app_side(
                cx,
                view,
                e.module,
                key,
                Diagnostic::new(
                    &MANIFEST_PLACEHOLDER_UNDEFINED,
                    format!(
                        "placeholder `${{{key}}}` has no value, which {} needs for meta-data `{}`",
                        evidence_name(e),
                        m.name
                    ),
                )
                .primary(span, format!("its manifest declares `{}` from `${{{key}}}`", m.name))
                .vendor(&vendor.id)
                .note("the manifest merger stops the build when a placeholder has no value"),
            );
            out.push(d.help(format!(
                "add `{key}` with the {} console's value{written} to `manifestPlaceholders` in {config}, or override the meta-data with `tools:replace=\"android:value\"`",
                vendor.display
            )));
        }
    }
}

/// Where the app variant must define `key` for a library whose dependency `declared_in` declares:
/// the AAR's manifest is merged when the app is built, with the app module's placeholders, while a
/// library module's own `manifestPlaceholders` fill only that module's manifest. When the library
/// module sets the key (the mistake this invites), that setting is labelled and the note says so.
/// Returns the diagnostic and the words naming the `defaultConfig` to put it in.
fn app_side(
    cx: &Ctx,
    view: &VariantView,
    declared_in: usize,
    key: &str,
    d: Diagnostic,
) -> (Diagnostic, String) {
    if declared_in == view.module {
        return (d, "`defaultConfig`".to_string());
    }
    let app = &cx.project.modules[view.module].path;
    let config = format!("`defaultConfig` of `{app}`");
    let library = &cx.project.modules[declared_in];
    let Some(set) = library.variants.iter().find_map(|v| v.placeholder(key)) else {
        return (d, config);
    };
    let mut d = d.secondary(set.key_span, format!("`{}` sets it for its own manifest only", library.path));
    let why = format!(
        "a library module's `manifestPlaceholders` fill only its own manifest; the manifests of the AARs it depends on are merged when `{app}` is built, with `{app}`'s placeholders"
    );
    let note = match d.note.take() {
        Some(first) => format!("{first}, and {why}"),
        None => why,
    };
    (d.note(note), config)
}

/// How an aggregator's channel documents the value of `key` (`` `OP-` followed by the console's
/// value ``), when it does for the version of the evidence's artifact.
fn aggregator_format(
    cx: &Ctx,
    e: &crate::project::detect::Evidence,
    vendor: &str,
    key: &str,
) -> Option<String> {
    let profile = cx.catalog.profile(&e.profile).filter(|p| p.is_aggregator())?;
    let facts = profile
        .placeholder
        .iter()
        .find(|f| f.name == key && f.vendor.as_deref() == Some(vendor) && !f.format.is_empty())?;
    if let Some(req) = &facts.versions {
        let v = e.version.as_deref().filter(|v| !crate::project::deps::is_dynamic_version(v))?;
        if req.matches(&crate::catalog::library::VersionBounds::exact(v)) != Some(true) {
            return None;
        }
    }
    Some(facts.format.describe())
}

/// Whether a library's `<meta-data>` element is replaced or removed by a project manifest, so its
/// placeholders are never substituted (the override Tencent documents for vivo and Honor).
fn overridden(
    view: &VariantView,
    mf: &crate::project::ManifestFile,
    id: crate::parse::manifest::ElemId,
) -> bool {
    if mf.doc.element(id).local != "meta-data" {
        return false;
    }
    let Some(name) = mf.doc.android_value(id, "name") else { return false };
    view.merged.is_removed("meta-data", name)
        || view.merged.meta_data.iter().any(|d| {
            d.library.is_none()
                && d.name.as_deref() == Some(name)
                && d.tools_replace.iter().any(|r| r == "android:value")
        })
}

/// The `${KEY}` references of a value, with the range of each inside it.
fn placeholders(value: &str) -> Vec<(&str, TextRange)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = value[from..].find("${").map(|i| i + from) {
        let Some(end) = value[start + 2..].find('}').map(|i| i + start + 2) else { break };
        out.push((&value[start + 2..end], TextRange::new(start, end + 1)));
        from = end + 1;
    }
    out
}

/// Whether a build tool the app module uses (Flutter's, React Native's) defines `key`.
fn tool_defines(cx: &Ctx, view: &VariantView, key: &str) -> bool {
    crate::rules::build_tools(cx, view.module).any(|t| t.placeholders.iter().any(|p| p == key))
}
