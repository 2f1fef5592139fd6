//! Integration detection: which vendors an app variant integrates and through which profile,
//! with the evidence (a dependency of the app or of a local library it merges, a vendor archive
//! in `libs/`, a local library recognised as a profile's component such as TUIOfflinePush).
//! Console certificates are not evidence that a vendor's SDK is in the app.

use super::Project;
use super::merge::{merged_modules, resolve_class};
use super::variants::Variant;
use crate::catalog::Catalog;
use crate::catalog::detect::glob_matches;
use crate::project::deps::ResolvedDep;
use crate::span::Span;
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceKind {
    Dependency,
    Archive,
    /// A local library module that is a profile's component (by the profile's `[detect]`); it
    /// carries the profile for the vendors whose dependencies that module declares.
    Module,
}

/// Why pushlint believes a vendor is integrated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The dependency statement, or the module build file for an archive.
    pub span: Option<Span>,
    /// `com.tencent.timpush:xiaomi:8.1.6103 in :app`, `libs/MiPush_SDK_Client_5.jar`.
    pub what: String,
    /// The catalog entry it matched: `group:name` of a dependency, the archive pattern, or the
    /// profile id for a component module.
    pub artifact: String,
    pub profile: String,
    /// The module that declares it.
    pub module: usize,
    /// The library (AAR or jar) it brings in, when it is one: index in `Project::libraries`.
    pub library: Option<usize>,
    /// The dependency's version when it is known statically.
    pub version: Option<String>,
}

/// A vendor integrated in an app variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Integration {
    pub vendor: String,
    /// Profiles seen, in catalog order of first evidence (`timpush`, `tpns`, `raw`, …).
    pub profiles: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// The aggregators the vendor is reached through, as messages name them (`JPush 5.2.0`).
    pub via: Vec<String>,
}

impl Integration {
    /// How messages name the vendor on this route: `Xiaomi via JPush 5.2.0`, or the vendor's
    /// name alone when no aggregator carries it.
    pub fn name(&self, display: &str) -> String {
        if self.via.is_empty() {
            display.to_string()
        } else {
            format!("{display} via {}", self.via.join(", "))
        }
    }
}

/// An aggregator SDK (a profile with its own artifacts) an app variant depends on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AggregatorUse {
    pub profile: String,
    /// `JPush 5.2.0`, or `JPush` when the version is not known statically.
    pub route: String,
    /// The version of its first artifact found, when known statically.
    pub version: Option<String>,
    pub evidence: Vec<Evidence>,
}

/// The aggregators `variant` of app module `app` depends on, in catalog profile order.
pub fn aggregators(
    project: &Project,
    catalog: &Catalog,
    app: usize,
    variant: &Variant,
) -> Vec<AggregatorUse> {
    let modules = merged_modules(project, app);
    aggregators_of(project, catalog, modules, &reaching(project, modules, variant))
}

/// The dependencies of each of `modules` that reach `variant`, in the same order: asked once
/// per variant, not once per vendor or profile.
fn reaching<'p>(project: &'p Project, modules: &[usize], variant: &Variant) -> Vec<Vec<&'p ResolvedDep>> {
    modules.iter().map(|&m| project.modules[m].deps.iter().filter(|d| d.reaches(variant)).collect()).collect()
}

fn aggregators_of(
    project: &Project,
    catalog: &Catalog,
    modules: &[usize],
    reaching: &[Vec<&ResolvedDep>],
) -> Vec<AggregatorUse> {
    let mut out = Vec::new();
    for profile in catalog.profiles.iter().filter(|p| p.is_aggregator()) {
        let mut evidence = Vec::new();
        for (&m, deps) in modules.iter().zip(reaching) {
            let module = &project.modules[m];
            for dep in deps.iter().copied() {
                let coord = dep.coordinate();
                if profile.artifacts.iter().any(|a| a.module == coord) {
                    let version = dep.version.value().cloned();
                    evidence.push(Evidence {
                        kind: EvidenceKind::Dependency,
                        span: Some(dep.coord_span),
                        what: format!(
                            "{coord}{} in {}",
                            version.as_deref().map(|v| format!(":{v}")).unwrap_or_default(),
                            module.path
                        ),
                        artifact: coord.to_string(),
                        profile: profile.id.clone(),
                        module: m,
                        library: None,
                        version,
                    });
                }
            }
            for archive in &module.archives {
                if let Some(p) =
                    profile.archives.iter().find(|p| glob_matches(&p.pattern, &archive.file_name))
                {
                    evidence.push(Evidence {
                        kind: EvidenceKind::Archive,
                        span: module.build.as_ref().map(|b| Span::whole_file(b.file)),
                        what: archive.rel_path.clone(),
                        artifact: p.pattern.clone(),
                        profile: profile.id.clone(),
                        module: m,
                        library: None,
                        version: None,
                    });
                }
            }
        }
        if evidence.is_empty() {
            continue;
        }
        // The SDK's version names the route: its first artifact's, when known.
        let version = evidence.iter().find_map(|e| e.version.clone());
        let route = match &version {
            Some(v) if !crate::project::deps::is_dynamic_version(v) => format!("{} {v}", profile.display),
            _ => profile.display.clone(),
        };
        out.push(AggregatorUse { profile: profile.id.clone(), route, version, evidence });
    }
    out
}

/// A variant's integrations, shared by the variants of its module that integrate the same.
pub type Integrations = std::sync::Arc<Vec<Integration>>;

/// The integrations of `variant` of app module `app`, in catalog vendor order.
pub fn detect(project: &Project, catalog: &Catalog, app: usize, variant: &Variant) -> Vec<Integration> {
    let modules = merged_modules(project, app);
    let components: Vec<(usize, Evidence)> = modules
        .iter()
        .filter(|&&m| m != app)
        .filter_map(|&m| component_module(project, catalog, modules, m))
        .collect();
    // A library's flavor-specific configurations are approximated by the app variant's names.
    let reaching = reaching(project, modules, variant);
    let used = aggregators_of(project, catalog, modules, &reaching);
    // The libraries each dependency statement brings in, found by its span: a module declaring
    // thousands of dependencies must not compare each with every library.
    let mut uses_at: HashMap<(usize, Span), Vec<usize>> = HashMap::new();
    for &m in modules {
        for u in &project.modules[m].libraries {
            uses_at.entry((m, u.span)).or_default().push(u.library);
        }
    }
    let mut out = Vec::new();
    for vendor in &catalog.vendors {
        let mut evidence = Vec::new();
        for (&m, deps) in modules.iter().zip(&reaching) {
            let module = &project.modules[m];
            let first = evidence.len();
            for dep in deps.iter().copied() {
                let coord = dep.coordinate();
                if let Some(a) = vendor.gradle.artifacts.iter().find(|a| a.module == coord) {
                    let known = dep.version.value().cloned();
                    let version = known.as_deref().map(|v| format!(":{v}")).unwrap_or_default();
                    evidence.push(Evidence {
                        kind: EvidenceKind::Dependency,
                        span: Some(dep.coord_span),
                        what: format!("{coord}{version} in {}", module.path),
                        artifact: coord.to_string(),
                        profile: a.profile.clone(),
                        module: m,
                        library: uses_at.get(&(m, dep.span)).into_iter().flatten().copied().find(|&l| {
                            project.libraries.get(l).and_then(|l| l.coordinate.as_deref()) == Some(coord)
                        }),
                        version: known,
                    });
                }
            }
            for archive in &module.archives {
                if let Some(p) =
                    vendor.detect.archives.iter().find(|p| glob_matches(&p.pattern, &archive.file_name))
                {
                    evidence.push(Evidence {
                        kind: EvidenceKind::Archive,
                        span: module.build.as_ref().map(|b| Span::whole_file(b.file)),
                        what: archive.rel_path.clone(),
                        artifact: p.pattern.clone(),
                        profile: p.profile.clone(),
                        module: m,
                        library: module.libraries.iter().map(|u| u.library).find(|&l| {
                            project.libraries.get(l).is_some_and(|l| l.display == archive.rel_path)
                        }),
                        version: None,
                    });
                }
            }
            // The vendor's SDK comes in through a profile's component module: that profile first.
            if evidence.len() > first {
                if let Some((_, e)) = components.iter().find(|(cm, _)| *cm == m) {
                    evidence.insert(first, e.clone());
                }
            }
        }
        if evidence.is_empty() {
            continue;
        }
        let mut profiles: Vec<String> = Vec::new();
        for e in &evidence {
            if !profiles.contains(&e.profile) {
                profiles.push(e.profile.clone());
            }
        }
        let via = profiles
            .iter()
            .filter_map(|p| catalog.profile(p).filter(|p| p.is_aggregator()))
            .map(|p| {
                used.iter().find(|u| u.profile == p.id).map_or_else(|| p.display.clone(), |u| u.route.clone())
            })
            .collect();
        out.push(Integration { vendor: vendor.id.clone(), profiles, evidence, via });
    }
    out
}

/// Evidence that local library `m` is a profile's component module, per the profiles' `[detect]`.
fn component_module(
    project: &Project,
    catalog: &Catalog,
    modules: &[usize],
    m: usize,
) -> Option<(usize, Evidence)> {
    let module = &project.modules[m];
    let namespace = module.namespace.value().map(String::as_str);
    let short_name = module.path.rsplit(':').next().unwrap_or("");
    for profile in &catalog.profiles {
        let d = &profile.detect;
        if d.is_empty() {
            continue;
        }
        let why = if let Some(ns) = namespace.filter(|ns| d.namespaces.iter().any(|x| x == ns)) {
            Some(format!("namespace {ns}"))
        } else if d.module_names.iter().any(|n| n == short_name) {
            Some(format!("module name {short_name}"))
        } else {
            declared_class(project, m, namespace, &d.components).map(|c| format!("declares {c}"))
        };
        let Some(why) = why else { continue };
        // Point at the `project(':x')` line that merges it, else at its `include`.
        let span = modules
            .iter()
            .flat_map(|&o| project.modules[o].project_deps.iter())
            .find(|(dep, _)| *dep == m)
            .map(|(_, s)| *s)
            .or(module.include_span);
        return Some((
            m,
            Evidence {
                kind: EvidenceKind::Module,
                span,
                what: format!("{} is the {} component ({why})", module.path, profile.display),
                artifact: profile.id.clone(),
                profile: profile.id.clone(),
                module: m,
                library: None,
                version: None,
            },
        ));
    }
    None
}

/// The first of `classes` that one of module `m`'s own manifests declares as a component.
fn declared_class<'c>(
    project: &Project,
    m: usize,
    namespace: Option<&str>,
    classes: &'c [String],
) -> Option<&'c str> {
    if classes.is_empty() {
        return None;
    }
    for id in &project.modules[m].manifests {
        let doc = &project.manifest(*id).doc;
        for tag in ["activity", "activity-alias", "service", "receiver", "provider"] {
            for e in doc.elements_named(tag) {
                let Some(name) = doc.android_value(e, "name") else { continue };
                let Some(class) = resolve_class(name, namespace) else { continue };
                if let Some(c) = classes.iter().find(|c| **c == class) {
                    return Some(c.as_str());
                }
            }
        }
    }
    None
}

impl Evidence {
    /// Whether what this evidence brings into the merged manifest is fully known (its library
    /// manifest read, or a complete catalog entry): then the merged manifest is the truth, and
    /// a profile's claims about what its dependencies supply do not apply.
    pub fn library_known(&self, project: &Project) -> bool {
        self.library.and_then(|l| project.libraries.get(l)).is_some_and(|l| l.known)
    }
}
