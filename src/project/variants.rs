//! Build variants of a module: product flavors (by dimension) × build types, each with its
//! applicationId, namespace, SDK levels and manifest placeholders, resolved statically.

use super::resolve::Scope;
use super::{Located, Module, Project, Resolved};
use crate::parse::gradle::{PlaceholderOpKind, ProductConfig};
use crate::span::Span;

/// One buildable variant, such as `chinaRelease`.
#[derive(Clone, Debug)]
pub struct Variant {
    pub name: String,
    /// Flavor names, first dimension first.
    pub flavors: Vec<String>,
    pub build_type: String,
    /// The final applicationId, suffixes included; for libraries it is `Absent`.
    pub application_id: Resolved,
    /// The namespace classes resolve against: Gradle `namespace`, else the main manifest's `package`.
    pub namespace: Resolved,
    pub min_sdk: Resolved,
    pub target_sdk: Resolved,
    /// Placeholders after merging defaultConfig < flavors < build type.
    pub placeholders: Vec<Placeholder>,
    /// Source set names from highest to lowest priority: variant, build type, flavor combination, flavors, main.
    pub source_sets: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct Placeholder {
    pub key: String,
    pub key_span: Span,
    pub value: Resolved,
}

impl Variant {
    pub fn placeholder(&self, key: &str) -> Option<&Placeholder> {
        self.placeholders.iter().find(|p| p.key == key)
    }
    pub fn target_sdk_level(&self) -> Option<i64> {
        self.target_sdk.value().and_then(|v| v.trim().parse().ok())
    }
    pub fn min_sdk_level(&self) -> Option<i64> {
        self.min_sdk.value().and_then(|v| v.trim().parse().ok())
    }
    pub fn app_id(&self) -> Option<&str> {
        self.application_id.value().map(|s| s.as_str())
    }
}

const MAX_VARIANTS: usize = 256;

pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Computes the variants of module `idx`; `manifest_package` is the main manifest's `package`.
pub fn compute(project: &Project, idx: usize, manifest_package: Option<Located<String>>) -> Vec<Variant> {
    let module: &Module = &project.modules[idx];
    let scope = Scope::for_module(project, idx);
    let Some(build) = &module.build else {
        return Vec::new();
    };
    let file = build.file;
    let android = &build.script.android;

    // Group flavors by dimension, in the declared dimension order.
    let mut dims: Vec<String> = android.flavor_dimensions.iter().map(|d| d.value.clone()).collect();
    let mut groups: Vec<Vec<&ProductConfig>> = vec![Vec::new(); dims.len()];
    for flavor in &android.product_flavors {
        let dim = flavor.dimension.as_ref().and_then(|d| scope.resolve(d, file).value().cloned());
        let slot = match dim {
            Some(d) => match dims.iter().position(|x| *x == d) {
                Some(i) => i,
                None => {
                    dims.push(d);
                    groups.push(Vec::new());
                    dims.len() - 1
                }
            },
            None if !dims.is_empty() => 0,
            None => {
                dims.push(String::new());
                groups.push(Vec::new());
                0
            }
        };
        groups[slot].push(flavor);
    }
    groups.retain(|g| !g.is_empty());
    let mut combos: Vec<Vec<&ProductConfig>> = vec![Vec::new()];
    for group in &groups {
        let mut next = Vec::new();
        for combo in &combos {
            for flavor in group {
                let mut c = combo.clone();
                c.push(*flavor);
                next.push(c);
            }
        }
        combos = next;
        combos.truncate(MAX_VARIANTS);
    }

    let mut build_types: Vec<(String, Option<&ProductConfig>)> =
        vec![("debug".to_string(), None), ("release".to_string(), None)];
    for bt in &android.build_types {
        let Some(name) = &bt.name else { continue };
        match build_types.iter_mut().find(|(n, _)| *n == name.value) {
            Some(slot) => slot.1 = Some(bt),
            None => build_types.push((name.value.clone(), Some(bt))),
        }
    }

    let namespace = match scope.resolve_opt(android.namespace.as_ref(), file) {
        Resolved::Absent => match manifest_package {
            Some(l) => Resolved::Known(l),
            None => Resolved::Absent,
        },
        other => other,
    };
    let is_app = module.kind == super::ModuleKind::Application;
    // Convention plugins configure `defaultConfig` below everything the module writes itself.
    let conventions = super::deps::convention_scopes(project, idx);
    let from_conventions =
        |get: fn(&ProductConfig) -> Option<&crate::span::Spanned<crate::parse::gradle::Value>>| {
            conventions
                .iter()
                .find_map(|(b, s)| get(&b.script.android.default_config).map(|v| s.resolve(v, b.file)))
                .unwrap_or_default()
        };
    let or_conventions = |r: Resolved, get| if r.is_absent() { from_conventions(get) } else { r };

    // The root build file (`subprojects { … applicationIdSuffix … }`) or a convention script
    // (`buildTypes { debug { applicationIdSuffix … } }`) may set the ids: they are then unknown.
    let shared_id = shared_app_id(project, idx, &conventions);
    let unfollowed = unfollowed_placeholders(project, idx, &conventions);
    let mut out = Vec::new();
    for combo in &combos {
        for (bt_name, bt) in &build_types {
            let flavor_names: Vec<String> =
                combo.iter().filter_map(|f| f.name.as_ref().map(|n| n.value.clone())).collect();
            let mut name = String::new();
            for (i, f) in flavor_names.iter().enumerate() {
                name.push_str(&if i == 0 { f.clone() } else { capitalize(f) });
            }
            name.push_str(&if name.is_empty() { bt_name.clone() } else { capitalize(bt_name) });

            // Higher-priority blocks first: build type, then flavors by dimension order, then defaultConfig.
            let mut blocks: Vec<&ProductConfig> = Vec::new();
            if let Some(bt) = bt {
                blocks.push(bt);
            }
            blocks.extend(combo.iter().copied());
            blocks.push(&android.default_config);
            let first =
                |get: fn(&ProductConfig) -> Option<&crate::span::Spanned<crate::parse::gradle::Value>>| {
                    blocks.iter().find_map(|b| get(b)).map(|v| scope.resolve(v, file)).unwrap_or_default()
                };
            let application_id = if is_app {
                let base = match first(|b| b.application_id.as_ref()) {
                    Resolved::Absent => namespace.clone(),
                    other => other,
                };
                // Suffixes concatenate: defaultConfig, flavors (first dimension first), then build type.
                let mut suffix_blocks: Vec<&ProductConfig> = vec![&android.default_config];
                suffix_blocks.extend(combo.iter().copied());
                if let Some(bt) = bt {
                    suffix_blocks.push(bt);
                }
                let mut id = base;
                for b in suffix_blocks {
                    if let Some(s) = &b.application_id_suffix {
                        id = match (id, scope.resolve(s, file)) {
                            (Resolved::Known(mut l), Resolved::Known(s)) => {
                                let suffix = s.value;
                                if !suffix.starts_with('.') && !suffix.is_empty() {
                                    l.value.push('.');
                                }
                                l.value.push_str(&suffix);
                                Resolved::Known(l)
                            }
                            (Resolved::Known(l), _) => Resolved::Unknown(l.span),
                            (other, _) => other,
                        };
                    }
                }
                match (id, shared_id) {
                    (Resolved::Known(_), Some(span)) => Resolved::Unknown(span),
                    (id, _) => id,
                }
            } else {
                Resolved::Absent
            };

            let mut placeholders: Vec<Placeholder> = Vec::new();
            for (b, s) in &conventions {
                merge_placeholders(&b.script.android.default_config, b.file, s, &mut placeholders);
            }
            for b in blocks.iter().rev() {
                merge_placeholders(b, file, &scope, &mut placeholders);
            }
            for p in &unfollowed {
                if !placeholders.iter().any(|q| q.key == p.key) {
                    placeholders.push(p.clone());
                }
            }

            let mut source_sets = Vec::new();
            if !flavor_names.is_empty() {
                source_sets.push(name.clone());
            }
            source_sets.push(bt_name.clone());
            if flavor_names.len() > 1 {
                let combined: String = flavor_names
                    .iter()
                    .enumerate()
                    .map(|(i, f)| if i == 0 { f.clone() } else { capitalize(f) })
                    .collect();
                source_sets.push(combined);
            }
            source_sets.extend(flavor_names.iter().cloned());
            source_sets.push("main".to_string());

            out.push(Variant {
                name,
                flavors: flavor_names,
                build_type: bt_name.clone(),
                application_id,
                namespace: namespace.clone(),
                min_sdk: or_conventions(first(|b| b.min_sdk.as_ref()), |b| b.min_sdk.as_ref()),
                target_sdk: or_conventions(first(|b| b.target_sdk.as_ref()), |b| b.target_sdk.as_ref()),
                placeholders,
                source_sets,
            });
            if out.len() >= MAX_VARIANTS {
                return out;
            }
        }
    }
    out
}

/// Applies one block's placeholder operations (read from `file`) over `placeholders`: an
/// assignment replaces what the block set before it, and the block's entries win over earlier blocks'.
fn merge_placeholders(
    b: &ProductConfig,
    file: crate::span::FileId,
    scope: &Scope,
    placeholders: &mut Vec<Placeholder>,
) {
    let mut local: Vec<Placeholder> = Vec::new();
    let mut group: Option<u32> = None;
    for op in &b.manifest_placeholders {
        match op.kind {
            PlaceholderOpKind::Assign { group: g } | PlaceholderOpKind::Clear { group: g } => {
                if group != Some(g) {
                    local.clear();
                    group = Some(g);
                }
                if matches!(op.kind, PlaceholderOpKind::Clear { .. }) {
                    continue;
                }
            }
            PlaceholderOpKind::Add => {}
        }
        let value = if op.conditional {
            Resolved::Unknown(Span::new(file, op.value.range))
        } else {
            scope.resolve(&op.value, file)
        };
        local.retain(|p| p.key != op.key.value);
        local.push(Placeholder { key: op.key.value.clone(), key_span: Span::new(file, op.key.range), value });
    }
    for p in local {
        placeholders.retain(|q| q.key != p.key);
        placeholders.push(p);
    }
}

/// Placeholders the module's build logic writes where the model does not follow (a function, a
/// variant callback, the root's `subprojects {}`): set, to a value not known. Writes the variants
/// are computed from (the module's own blocks, a convention's `defaultConfig`) are not among them.
fn unfollowed_placeholders(
    project: &Project,
    idx: usize,
    conventions: &[(&super::BuildFile, super::resolve::Scope)],
) -> Vec<Placeholder> {
    let Some(module) = project.modules.get(idx) else { return Vec::new() };
    let is_root = module.path == ":";
    let followed = |b: &super::BuildFile, blocks: &[&ProductConfig]| -> Vec<Placeholder> {
        let known: std::collections::HashSet<crate::span::TextRange> =
            blocks.iter().flat_map(|c| c.manifest_placeholders.iter().map(|op| op.key.range)).collect();
        b.script
            .placeholder_writes
            .iter()
            .filter(|w| !known.contains(&w.range))
            .map(|w| {
                let span = Span::new(b.file, w.range);
                Placeholder { key: w.value.clone(), key_span: span, value: Resolved::Unknown(span) }
            })
            .collect()
    };
    let mut out = Vec::new();
    if let Some(b) = &module.build {
        let a = &b.script.android;
        let blocks: Vec<&ProductConfig> = std::iter::once(&a.default_config)
            .chain(a.product_flavors.iter())
            .chain(a.build_types.iter())
            .collect();
        out.extend(followed(b, &blocks));
    }
    for (b, _) in conventions {
        out.extend(followed(b, &[&b.script.android.default_config]));
    }
    let root = project.root_build.as_ref().filter(|_| !is_root);
    for b in root.into_iter().chain(project.root_applied.iter().map(|a| &a.build)) {
        out.extend(followed(b, &[]));
    }
    out
}

/// Where build logic outside the module's own file mentions application ids that the extractor
/// does not apply to the module: the root build file when the root is not this module (any
/// `applicationId`/`applicationIdSuffix`), or a convention script (an `applicationIdSuffix`; its
/// `defaultConfig.applicationId` is applied).
fn shared_app_id(
    project: &Project,
    idx: usize,
    conventions: &[(&super::BuildFile, super::resolve::Scope)],
) -> Option<crate::span::Span> {
    let is_root = project.modules.get(idx).is_some_and(|m| m.path == ":");
    let root = project.root_build.as_ref().filter(|_| !is_root);
    let from_root = root
        .into_iter()
        .chain(project.root_applied.iter().map(|a| &a.build))
        .find_map(|b| b.script.app_id_mentions.first().map(|m| crate::span::Span::new(b.file, m.range)));
    let from_helpers = || {
        let m = project.modules.get(idx)?;
        m.conventions.iter().find_map(|a| project.conventions.get(a.plugin)?.app_id_elsewhere)
    };
    from_root.or_else(from_helpers).or_else(|| {
        conventions.iter().find_map(|(b, _)| {
            b.script
                .app_id_mentions
                .iter()
                .find(|m| m.value != "applicationId")
                .map(|m| crate::span::Span::new(b.file, m.range))
        })
    })
}
