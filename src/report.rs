//! The result of linting one project: its findings, the model they came from, and the module
//! summary the JSON report carries. Rendering lives in `diagnostics`; this module only assembles.

use crate::catalog::Catalog;
use crate::diagnostics::{self, Diagnostic};
use crate::project::{self, Project};
use crate::rules;

/// The findings of one project, sorted, with the model they were computed from.
pub struct Report {
    pub project: Project,
    pub diagnostics: Vec<Diagnostic>,
    /// What pushlint understood of each module (variants, integrations, push dependencies).
    pub modules: ModuleSummary,
    /// The `--explain-detection` text, when asked for.
    pub detection: Option<String>,
    /// Findings silenced by inline suppressions and per-file ignores.
    pub suppressed: usize,
}

impl Report {
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter()
    }
    /// The SPEC §6 JSON document, paths relative to the project root.
    pub fn to_json_string(&self) -> String {
        let project = diagnostics::json::JsonProject {
            root: None,
            diagnostics: &self.diagnostics,
            sources: &self.project.files,
            summary: self.summary(),
        };
        let modules = ModulesJson { parts: vec![(None, &self.project, &self.modules)] };
        diagnostics::json::render(&[project], Some(&modules), None, &|d| url_for(d))
    }
    fn summary(&self) -> diagnostics::json::Summary {
        diagnostics::json::Summary {
            counts: diagnostics::Counts::of(&self.diagnostics),
            files: self.project.files.project_file_count(),
            modules: self.project.modules.len(),
        }
    }
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.to_json_string()).unwrap_or(serde_json::Value::Null)
    }
}

/// One JSON document for a run over several projects: each named by its `root` as shown, with
/// `sources` showing paths from the current folder, and `tally` saying what was not listed.
pub fn run_json(
    reports: &[(&Report, &str, &dyn diagnostics::Sources)],
    tally: &diagnostics::Tally,
) -> String {
    let projects: Vec<diagnostics::json::JsonProject> = reports
        .iter()
        .map(|(r, root, sources)| diagnostics::json::JsonProject {
            root: Some(root),
            diagnostics: &r.diagnostics,
            sources: *sources,
            summary: r.summary(),
        })
        .collect();
    let modules = ModulesJson {
        parts: reports.iter().map(|(r, root, _)| (Some(*root), &r.project, &r.modules)).collect(),
    };
    diagnostics::json::render(&projects, Some(&modules), Some(tally), &|d| url_for(d))
}

fn url_for(d: &Diagnostic) -> String {
    format!("{}{}-{}.md", rules::DOCS_URL, d.code, d.name)
}

/// What the JSON report says about each module, so a user sees what pushlint understood and why
/// a rule fired: variants with their ids, the vendors each app variant integrates (with evidence),
/// and the module's push-related dependencies. Holds only what the model does not (the
/// integrations, which belong to the variant views); the rest is read from the model when the
/// report is written, so no JSON tree of a monorepo's modules is ever built in memory.
#[derive(Debug, Default)]
pub struct ModuleSummary {
    /// Per module, per variant: the vendors a checked variant integrates (None when not checked).
    integrations: Vec<Vec<Option<project::detect::Integrations>>>,
    /// Per module, per variant: the aggregator SDKs a checked variant depends on.
    aggregators: Vec<Vec<Vec<project::detect::AggregatorUse>>>,
    /// Per module: indices in `Module::deps` of its push-related dependencies.
    push_deps: Vec<Vec<usize>>,
    /// Vendor ids with the names messages give them, for routes.
    displays: Vec<(String, String)>,
}

impl ModuleSummary {
    /// The summary of `project`; `integrations` are (module, variant address, integrations) of the
    /// checked variants.
    pub(crate) fn new(
        project: &Project,
        catalog: &Catalog,
        checked: Vec<(usize, *const project::variants::Variant, project::detect::Integrations)>,
    ) -> ModuleSummary {
        let mut integrations: Vec<Vec<Option<project::detect::Integrations>>> =
            project.modules.iter().map(|m| (0..m.variants.len()).map(|_| None).collect()).collect();
        let mut aggregators: Vec<Vec<Vec<project::detect::AggregatorUse>>> =
            project.modules.iter().map(|m| (0..m.variants.len()).map(|_| Vec::new()).collect()).collect();
        for (mi, variant, found) in checked {
            let Some(m) = project.modules.get(mi) else { continue };
            let Some(vi) = m.variants.iter().position(|v| std::ptr::eq(v, variant)) else { continue };
            if let Some(slot) = integrations.get_mut(mi).and_then(|vs| vs.get_mut(vi)) {
                *slot = Some(found);
            }
            if let Some(slot) = aggregators.get_mut(mi).and_then(|vs| vs.get_mut(vi)) {
                *slot = project::detect::aggregators(project, catalog, mi, &m.variants[vi]);
            }
        }
        let push_coords: Vec<&str> = catalog
            .vendors
            .iter()
            .flat_map(|v| v.gradle.artifacts.iter().map(|a| a.module.as_str()))
            .collect();
        // Modules repeat the same coordinates: each is classified once.
        let mut related: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
        let push_deps = project
            .modules
            .iter()
            .map(|m| {
                (0..m.deps.len())
                    .filter(|&i| {
                        let c = m.deps[i].coordinate();
                        if let Some(&known) = related.get(c) {
                            return known;
                        }
                        let is = push_coords.contains(&c) || rules::deps::push_related(catalog, c);
                        related.insert(c.to_string(), is);
                        is
                    })
                    .collect()
            })
            .collect();
        let displays = catalog.vendors.iter().map(|v| (v.id.clone(), v.display.clone())).collect();
        ModuleSummary { integrations, aggregators, push_deps, displays }
    }

    /// The checked app variants, in module and declaration order: (module index, variant index,
    /// what the variant integrates).
    pub fn checked(&self) -> impl Iterator<Item = (usize, usize, &project::detect::Integrations)> {
        self.integrations.iter().enumerate().flat_map(|(m, vs)| {
            vs.iter().enumerate().filter_map(move |(v, found)| found.as_ref().map(|f| (m, v, f)))
        })
    }
}

/// The summary as JSON: fields in alphabetical order, as the report has always had them.
struct ModulesJson<'a> {
    /// Each project's root as the report shows it (none in the library's report), model and summary.
    parts: Vec<(Option<&'a str>, &'a Project, &'a ModuleSummary)>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct ModuleJson<'a> {
    dir: &'a str,
    /// The project root the module belongs to, in a run's report.
    #[serde(skip_serializing_if = "Option::is_none")]
    root: Option<&'a str>,
    kind: &'static str,
    path: &'a str,
    push_dependencies: Vec<DepJson<'a>>,
    variants: Vec<VariantJson<'a>>,
}

#[derive(serde::Serialize)]
struct DepJson<'a> {
    conditional: bool,
    configuration: &'a str,
    coordinate: &'a str,
    /// A dynamic version, and a BoM line, say where the resolved version comes from.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    dynamic: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    platform: bool,
    version: Option<&'a String>,
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct VariantJson<'a> {
    /// The aggregator SDKs the variant depends on, with their routes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aggregators: Vec<AggregatorJson<'a>>,
    application_id: Option<&'a String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    integrations: Option<Vec<IntegrationJson<'a>>>,
    min_sdk: Option<&'a String>,
    name: &'a str,
    namespace: Option<&'a String>,
    target_sdk: Option<&'a String>,
}

#[derive(serde::Serialize)]
struct IntegrationJson<'a> {
    evidence: Vec<&'a str>,
    profiles: &'a [String],
    /// `Xiaomi via JPush 5.2.0`, for a vendor reached through an aggregator.
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<String>,
    vendor: &'a str,
}

#[derive(serde::Serialize)]
struct AggregatorJson<'a> {
    evidence: Vec<&'a str>,
    profile: &'a str,
    route: &'a str,
    version: Option<&'a String>,
}

impl serde::Serialize for ModulesJson<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let len = self.parts.iter().map(|(_, p, _)| p.modules.len()).sum();
        let mut seq = ser.serialize_seq(Some(len))?;
        for (mi, m, root, summary) in self
            .parts
            .iter()
            .flat_map(|&(root, p, s)| p.modules.iter().enumerate().map(move |(i, m)| (i, m, root, s)))
        {
            let integrations = summary.integrations.get(mi);
            let aggregators = summary.aggregators.get(mi);
            let variants = m
                .variants
                .iter()
                .enumerate()
                .map(|(vi, v)| VariantJson {
                    aggregators: aggregators
                        .and_then(|vs| vs.get(vi))
                        .into_iter()
                        .flatten()
                        .map(|a| AggregatorJson {
                            evidence: a.evidence.iter().map(|e| e.what.as_str()).collect(),
                            profile: &a.profile,
                            route: &a.route,
                            version: a.version.as_ref(),
                        })
                        .collect(),
                    application_id: v.application_id.value(),
                    integrations: integrations.and_then(|vs| vs.get(vi)).and_then(Option::as_ref).map(
                        |found| {
                            found
                                .iter()
                                .map(|i| IntegrationJson {
                                    evidence: i.evidence.iter().map(|e| e.what.as_str()).collect(),
                                    profiles: &i.profiles,
                                    route: (!i.via.is_empty()).then(|| {
                                        let display = summary
                                            .displays
                                            .iter()
                                            .find(|(id, _)| *id == i.vendor)
                                            .map_or(i.vendor.as_str(), |(_, d)| d.as_str());
                                        i.name(display)
                                    }),
                                    vendor: &i.vendor,
                                })
                                .collect()
                        },
                    ),
                    min_sdk: v.min_sdk.value(),
                    name: &v.name,
                    namespace: v.namespace.value(),
                    target_sdk: v.target_sdk.value(),
                })
                .collect();
            let push_dependencies = summary
                .push_deps
                .get(mi)
                .into_iter()
                .flatten()
                .filter_map(|&i| m.deps.get(i))
                .map(|d| DepJson {
                    conditional: d.conditional,
                    configuration: &d.configuration,
                    coordinate: d.coordinate(),
                    dynamic: d.version.value().is_some_and(|v| project::deps::is_dynamic_version(v)),
                    platform: d.platform,
                    version: d.version.value(),
                })
                .collect();
            seq.serialize_element(&ModuleJson {
                dir: &m.dir_rel,
                root,
                kind: match m.kind {
                    project::ModuleKind::Application => "application",
                    project::ModuleKind::Library => "library",
                    project::ModuleKind::Other => "other",
                },
                path: &m.path,
                push_dependencies,
                variants,
            })?;
        }
        seq.end()
    }
}

/// Human-readable account of what was detected, for `--explain-detection`.
pub fn explain_detection(cx: &rules::Ctx) -> String {
    let mut s = String::new();
    for (i, m) in cx.project.modules.iter().enumerate() {
        let lines = module_lines(cx.project, i);
        if !lines.is_empty() {
            s.push_str(&format!("{} build logic:\n", m.path));
            for l in lines {
                s.push_str(&format!("  {l}\n"));
            }
        }
    }
    let mut previous: Option<(usize, &str, Vec<usize>)> = None;
    for view in &cx.views {
        let m = &cx.project.modules[view.module];
        s.push_str(&format!(
            "{} {} (applicationId {}):\n",
            m.path,
            view.variant.name,
            view.variant.app_id().unwrap_or("unknown")
        ));
        let used = project::detect::aggregators(cx.project, cx.catalog, view.module, view.variant);
        if view.integrations.is_empty() && used.is_empty() {
            s.push_str("  no vendor integration detected\n");
        }
        for i in view.integrations.iter() {
            // An aggregator's route is named as messages name it, with its version: `JPush 5.2.0`.
            let route = if i.via.is_empty() { i.profiles.join(", ") } else { i.via.join(", ") };
            s.push_str(&format!("  {} via {route}\n", i.vendor));
            for e in &i.evidence {
                s.push_str(&format!("    - {}\n", e.what));
            }
        }
        for a in &used {
            let channels: Vec<&str> = view
                .integrations
                .iter()
                .filter(|i| i.profiles.contains(&a.profile))
                .map(|i| i.vendor.as_str())
                .collect();
            let reach = if channels.is_empty() {
                "its own channel only, no vendor channel".to_string()
            } else {
                format!("its own channel and {}", channels.join(", "))
            };
            s.push_str(&format!("  aggregator {} ({reach})\n", a.route));
            for e in &a.evidence {
                s.push_str(&format!("    - {}\n", e.what));
            }
        }
        let libs = project::libraries::for_variant(cx.project, view.module, view.variant);
        match &previous {
            Some((pm, name, prev)) if *pm == view.module && *prev == libs => {
                s.push_str(&format!("  library manifests: as {name}\n"));
            }
            _ if libs.is_empty() => s.push_str("  library manifests: none\n"),
            _ => {
                s.push_str("  library manifests:\n");
                for &l in &libs {
                    let lib = &cx.project.libraries[l];
                    let how = match &lib.origin {
                        project::libraries::Origin::Disk { path } if lib.manifest.is_some() => {
                            format!("read from {path}")
                        }
                        project::libraries::Origin::Disk { path } => format!("no manifest in {path}"),
                        project::libraries::Origin::Catalog { source } => {
                            format!("from the catalog ({source})")
                        }
                        project::libraries::Origin::Unknown { why } => format!("unknown: {why}"),
                    };
                    let through = lib
                        .parent
                        .and_then(|p| cx.project.libraries.get(p))
                        .map(|p| format!(" (through {})", p.display))
                        .unwrap_or_default();
                    s.push_str(&format!("    - {}{through}: {how}\n", lib.display));
                }
            }
        }
        previous = Some((view.module, view.variant.name.as_str(), libs));
    }
    s
}

/// What a module's build logic brought in: each value that came through a fallback, with
/// where its value came from.
fn module_lines(project: &Project, idx: usize) -> Vec<String> {
    let mut out = Vec::new();
    let Some(build) = &project.modules[idx].build else { return out };
    let position = |span: crate::span::Span| {
        let f = project.files.get(span.file);
        let line = f.text.get(..span.range.start as usize).map_or(0, |t| t.matches('\n').count()) + 1;
        format!("{}:{line}", f.rel)
    };
    for a in &project.modules[idx].conventions {
        let Some(c) = project.conventions.get(a.plugin) else { continue };
        out.push(if c.script {
            format!("script `{}` (apply from), applied at {}", c.id, position(a.applied_at))
        } else {
            format!(
                "convention plugin `{}` from `{}` ({}), applied at {}",
                c.id,
                project.files.get(c.build.file).rel,
                c.origin,
                position(a.applied_at)
            )
        });
    }
    let scope = project::resolve::Scope::for_module(project, idx);
    let file = build.file;
    let a = &build.script.android;
    let products = std::iter::once(&a.default_config).chain(&a.product_flavors).chain(&a.build_types);
    let mut values: Vec<(String, &crate::span::Spanned<crate::parse::gradle::Value>)> = Vec::new();
    for p in products {
        let block = p.name.as_ref().map_or("defaultConfig", |n| n.value.as_str());
        let settings = [
            ("applicationId", &p.application_id),
            ("applicationIdSuffix", &p.application_id_suffix),
            ("minSdk", &p.min_sdk),
            ("targetSdk", &p.target_sdk),
        ];
        for (name, v) in settings {
            if let Some(v) = v {
                values.push((format!("{block} {name}"), v));
            }
        }
        for op in &p.manifest_placeholders {
            values.push((format!("{block} placeholder `{}`", op.key.value), &op.value));
        }
    }
    for v in build.script.vars.iter().chain(&build.script.ext) {
        values.push((format!("`{}`", v.name.value), &v.value));
    }
    let text = project.files.get(file);
    for (what, v) in values {
        if let Some(origin) = scope.origin(&v.value, file) {
            let line = text.text.get(..v.range.start as usize).map_or(0, |t| t.matches('\n').count()) + 1;
            out.push(format!("{what} at {}:{line}: {origin}", text.rel));
        }
    }
    out
}
