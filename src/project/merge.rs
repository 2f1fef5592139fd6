//! The merged manifest of an app variant, as the manifest merger would see it: the variant's
//! source sets by priority, then the manifests of local library modules it depends on.
//! Honours `tools:node="remove|removeAll|replace"`; placeholders are substituted per variant.

use super::variants::Variant;
use super::{ElemRef, Located, ManifestId, ModuleKind, Project, Resolved};
use crate::parse::manifest::{ElemId, ManifestDoc};
use crate::span::Span;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ComponentKind {
    Activity,
    ActivityAlias,
    Service,
    Receiver,
    Provider,
}

impl ComponentKind {
    pub fn from_tag(tag: &str) -> Option<ComponentKind> {
        Some(match tag {
            "activity" => ComponentKind::Activity,
            "activity-alias" => ComponentKind::ActivityAlias,
            "service" => ComponentKind::Service,
            "receiver" => ComponentKind::Receiver,
            "provider" => ComponentKind::Provider,
            _ => return None,
        })
    }
    pub fn tag(self) -> &'static str {
        match self {
            ComponentKind::Activity => "activity",
            ComponentKind::ActivityAlias => "activity-alias",
            ComponentKind::Service => "service",
            ComponentKind::Receiver => "receiver",
            ComponentKind::Provider => "provider",
        }
    }
    pub fn is_activity(self) -> bool {
        matches!(self, ComponentKind::Activity | ComponentKind::ActivityAlias)
    }
}

/// An attribute value after placeholder substitution; `None` when a placeholder is unknown.
pub type AttrValue = Located<Option<String>>;

/// A declared element with a name (`uses-permission`, `permission`, `meta-data`).
#[derive(Clone, Debug)]
pub struct NamedDecl {
    /// The name after placeholder substitution, or None when a placeholder is unknown.
    pub name: Option<String>,
    pub raw_name: String,
    pub elem: ElemRef,
    pub name_span: Span,
    pub module: usize,
    /// Declared by a library's manifest: its index in `Project::libraries`.
    pub library: Option<usize>,
    /// `android:value` after placeholder substitution (meta-data); None when absent.
    pub value: Option<AttrValue>,
    /// `android:value` as written.
    pub raw_value: Option<String>,
    /// `android:protectionLevel` as written (permission).
    pub protection_level: Option<Located<String>>,
    /// Attributes named by `tools:replace` (`android:value`, …).
    pub tools_replace: Vec<String>,
}

/// An element a manifest removes with `tools:node="remove"` (or `removeAll`).
#[derive(Clone, Debug)]
pub struct RemovedDecl {
    /// The tag, `service`, `meta-data`, `uses-permission`, …
    pub tag: String,
    /// The name after placeholder substitution and class resolution; None when unknown.
    pub name: Option<String>,
    pub elem: ElemRef,
}

/// An `<activity>`, `<activity-alias>`, `<service>`, `<receiver>` or `<provider>`.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub kind: ComponentKind,
    /// Fully qualified class name (relative names resolved against the declaring module's namespace);
    /// None when the name uses an unknown placeholder or the namespace is unknown for a relative name.
    pub name: Option<String>,
    pub raw_name: String,
    /// The highest-priority declaration.
    pub elem: ElemRef,
    pub name_span: Span,
    pub module: usize,
    /// Declared (at its highest priority) by a library's manifest: its index in `Project::libraries`.
    pub library: Option<usize>,
    pub exported: Option<Located<String>>,
    pub permission: Option<AttrValue>,
    pub launch_mode: Option<Located<String>>,
    /// For an alias: the resolved `android:targetActivity`.
    pub target_activity: Option<String>,
    /// `android:process` as written.
    pub process: Option<Located<String>>,
    /// Attributes named by `tools:replace` on the highest-priority declaration.
    pub tools_replace: Vec<String>,
    pub filters: Vec<IntentFilter>,
    /// Lower-priority declarations merged into this one.
    pub merged_from: Vec<ElemRef>,
}

impl Component {
    /// `android:exported` as a boolean; None when absent or not a literal.
    pub fn exported_value(&self) -> Option<bool> {
        match self.exported.as_ref()?.value.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct IntentFilter {
    pub elem: ElemRef,
    /// The `<intent-filter>` start tag.
    pub span: Span,
    pub actions: Vec<AttrValue>,
    pub categories: Vec<AttrValue>,
    pub data: Vec<DataSpec>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DataSpec {
    pub span: Option<Span>,
    pub scheme: Option<AttrValue>,
    pub host: Option<AttrValue>,
    pub port: Option<AttrValue>,
    pub path: Option<AttrValue>,
    pub path_prefix: Option<AttrValue>,
    pub path_pattern: Option<AttrValue>,
    pub path_suffix: Option<AttrValue>,
    pub path_advanced_pattern: Option<AttrValue>,
    pub mime_type: Option<AttrValue>,
}

/// The merged view of one app variant.
#[derive(Clone, Debug, Default)]
pub struct MergedManifest {
    /// Shared with the module's other merged manifests that hold an equal component (most
    /// components do not depend on the variant).
    pub components: Vec<std::sync::Arc<Component>>,
    pub uses_permissions: Vec<NamedDecl>,
    pub permissions: Vec<NamedDecl>,
    /// `<meta-data>` directly under `<application>`.
    pub meta_data: Vec<NamedDecl>,
    /// Contributing manifests, highest priority first.
    pub sources: Vec<ManifestId>,
    /// The `<application>` element of the highest-priority manifest that has one.
    pub application: Option<ElemRef>,
    /// Elements removed with `tools:node="remove|removeAll"`, in merge order.
    pub removed: Vec<RemovedDecl>,
    /// The first component of each class name, built on the first lookup in a large manifest
    /// (after the merge), so click actions by the thousand do not each walk every component.
    pub by_name: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

impl MergedManifest {
    pub fn activities(&self) -> impl Iterator<Item = &Component> {
        self.components().filter(|c| c.kind.is_activity())
    }
    pub fn components(&self) -> impl Iterator<Item = &Component> {
        self.components.iter().map(|c| &**c)
    }
    /// The component whose class is `name`.
    pub fn component(&self, name: &str) -> Option<&Component> {
        if self.components.len() <= 32 {
            return self.components().find(|c| c.name.as_deref() == Some(name));
        }
        let index = self.by_name.get_or_init(|| {
            let mut index = std::collections::HashMap::new();
            for (i, c) in self.components.iter().enumerate() {
                if let Some(n) = &c.name {
                    index.entry(n.clone()).or_insert(i);
                }
            }
            index
        });
        index.get(name).and_then(|&i| self.components.get(i)).map(|c| &**c)
    }
    /// Whether a manifest removes the element `tag` named `name` with `tools:node`.
    pub fn is_removed(&self, tag: &str, name: &str) -> bool {
        self.removed.iter().any(|r| r.tag == tag && r.name.as_deref() == Some(name))
    }
}

/// The attribute names listed by `tools:replace` on an element.
fn tools_list(doc: &ManifestDoc, e: ElemId, local: &str) -> Vec<String> {
    doc.tools_attr(e, local)
        .map(|a| a.value.split(',').map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect())
        .unwrap_or_default()
}

/// Substitutes `${name}` placeholders; None when one of them has no known value.
pub fn substitute(value: &str, variant: &Variant, app_id: Option<&str>) -> Option<String> {
    if !value.contains("${") {
        return Some(value.to_string());
    }
    let mut out = String::new();
    let mut rest = value;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after.find('}')?;
        let key = &after[..end];
        let v = match key {
            "applicationId" | "packageName" => app_id.map(str::to_string),
            _ => variant.placeholder(key).and_then(|p| p.value.value().cloned()),
        }?;
        out.push_str(&v);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Resolves a manifest class name against a namespace, as the merger does.
pub fn resolve_class(name: &str, namespace: Option<&str>) -> Option<String> {
    let name = name.trim();
    if name.starts_with('.') {
        Some(format!("{}{}", namespace?, name))
    } else if !name.contains('.') {
        Some(format!("{}.{}", namespace?, name))
    } else {
        Some(name.to_string())
    }
}

/// The modules whose manifests an app module merges: itself, then local libraries (transitively).
pub fn merged_modules(project: &Project, app: usize) -> &[usize] {
    // Asked for each variant by many rules; the model does not change once built.
    match project.modules.get(app) {
        Some(m) => m.derived.merged_modules.get_or_init(|| reachable_libraries(project, app)),
        None => &[],
    }
}

fn reachable_libraries(project: &Project, app: usize) -> Vec<usize> {
    let mut out = vec![app];
    let mut seen: HashSet<usize> = HashSet::from([app]);
    let mut i = 0;
    while i < out.len() {
        for (dep, _) in &project.modules[out[i]].project_deps {
            if project.modules[*dep].kind != ModuleKind::Application && seen.insert(*dep) {
                out.push(*dep);
            }
        }
        i += 1;
    }
    out
}

struct Ctx<'a> {
    project: &'a Project,
    variant: &'a Variant,
    app_id: Option<&'a str>,
    /// Placeholder keys substitution looked up (`applicationId` for both of its names).
    used: std::cell::RefCell<Vec<String>>,
}

impl Ctx<'_> {
    fn attr(&self, m: ManifestId, doc: &ManifestDoc, e: ElemId, local: &str) -> Option<AttrValue> {
        let a = doc.android_attr(e, local)?;
        let span = self.project.manifest_span(m, a.value_span);
        Some(Located::new(self.substitute(&a.value), span))
    }

    fn substitute(&self, value: &str) -> Option<String> {
        if value.contains("${") {
            let mut used = self.used.borrow_mut();
            for key in placeholder_keys(value) {
                let key = if key == "packageName" { "applicationId" } else { key };
                if !used.iter().any(|k| k == key) {
                    used.push(key.to_string());
                }
            }
        }
        substitute(value, self.variant, self.app_id)
    }
}

/// The `${key}` names in a value.
fn placeholder_keys(value: &str) -> impl Iterator<Item = &str> {
    value.split("${").skip(1).filter_map(|part| part.find('}').map(|end| &part[..end]))
}

/// The value a placeholder key has in `variant`, as `substitute` reads it.
fn placeholder_value<'v>(variant: &'v Variant, key: &str) -> Option<&'v str> {
    match key {
        "applicationId" | "packageName" => variant.application_id.value().map(String::as_str),
        _ => variant.placeholder(key).and_then(|p| p.value.value()).map(String::as_str),
    }
}

/// Merged manifests of the variants of one app module, built once per distinct input: variants
/// with the same contributing manifests and the same values for the placeholders those manifests
/// use share one `MergedManifest` (debug and release usually do).
#[derive(Default)]
pub struct MergeCache<'p> {
    entries: Vec<CachedMerge<'p>>,
    /// The distinct versions of each component built so far, by declaration.
    components: HashMap<ElemRef, Vec<std::sync::Arc<Component>>>,
}

/// A merged manifest with what it was built from: its sources, the placeholder keys it used,
/// and a variant whose values for those keys it holds.
type CachedMerge<'p> = (Vec<ManifestId>, Vec<String>, &'p Variant, std::sync::Arc<MergedManifest>);

impl<'p> MergeCache<'p> {
    /// The merged manifest of `variant` of app module `app` (all calls must be for one module).
    pub fn get(
        &mut self,
        project: &Project,
        app: usize,
        variant: &'p Variant,
    ) -> std::sync::Arc<MergedManifest> {
        let sources = merge_sources(project, app, variant);
        for (srcs, used, seen, merged) in &self.entries {
            if *srcs == sources
                && used.iter().all(|k| placeholder_value(seen, k) == placeholder_value(variant, k))
            {
                return merged.clone();
            }
        }
        let (mut merged, used) = merge_from(project, variant, sources.clone());
        for c in &mut merged.components {
            let versions = self.components.entry(c.elem).or_default();
            match versions.iter().find(|v| **v == *c) {
                Some(same) => *c = same.clone(),
                None => versions.push(c.clone()),
            }
        }
        let merged = std::sync::Arc::new(merged);
        self.entries.push((sources, used, variant, merged.clone()));
        merged
    }
}

/// The manifests that contribute to `variant` of app module `app`, highest priority first.
pub fn merge_sources(project: &Project, app: usize, variant: &Variant) -> Vec<ManifestId> {
    let mut sources: Vec<ManifestId> = Vec::new();
    for (pos, &module) in merged_modules(project, app).iter().enumerate() {
        let m = &project.modules[module];
        let sets: Vec<&str> = if pos == 0 {
            variant.source_sets.iter().map(String::as_str).collect()
        } else {
            vec![variant.build_type.as_str(), "main"]
        };
        for set in sets {
            for id in &m.manifests {
                if project.manifest(*id).source_set == set && !sources.contains(id) {
                    sources.push(*id);
                }
            }
        }
    }
    // Then the libraries' manifests, which have the lowest priority.
    for l in super::libraries::for_variant(project, app, variant) {
        if let Some(id) = project.libraries.get(l).and_then(|lib| lib.manifest) {
            if !sources.contains(&id) {
                sources.push(id);
            }
        }
    }
    sources
}

/// Builds the merged manifest of `variant` of app module `app`.
pub fn merge(project: &Project, app: usize, variant: &Variant) -> MergedManifest {
    merge_from(project, variant, merge_sources(project, app, variant)).0
}

/// Merges `sources`; also returns the placeholder keys that substitution looked up.
fn merge_from(
    project: &Project,
    variant: &Variant,
    sources: Vec<ManifestId>,
) -> (MergedManifest, Vec<String>) {
    let app_id = variant.application_id.value().map(String::as_str);
    let cx = Ctx { project, variant, app_id, used: Default::default() };
    let mut out = MergedManifest { sources: sources.clone(), ..Default::default() };
    let mut removed: HashSet<(ComponentKind, String)> = HashSet::new();
    let mut replaced: HashSet<(ComponentKind, String)> = HashSet::new();
    let mut index: HashMap<(ComponentKind, String), usize> = HashMap::new();
    let mut components: Vec<Component> = Vec::new();

    for mid in sources {
        let mf = project.manifest(mid);
        let doc = &mf.doc;
        let Some(root) = doc.root else { continue };
        // A library's relative names resolve against its own manifest's package.
        let namespace = match mf.library {
            Some(_) => doc.plain_attr(root, "package").map(|a| a.value.clone()),
            None => project.modules.get(mf.module).and_then(|m| m.namespace.value().cloned()),
        };
        let namespace = namespace.as_deref();
        for child in doc.element(root).children.clone() {
            let el = doc.element(child);
            if el.ns.is_some() {
                continue;
            }
            match el.local.as_str() {
                "uses-permission" | "uses-permission-sdk-23" | "permission" => {
                    note_removed(&cx, &mut out.removed, mid, child, None);
                    if let Some(d) = named_decl(&cx, mid, child) {
                        if el.local == "permission" {
                            out.permissions.push(d);
                        } else {
                            out.uses_permissions.push(d);
                        }
                    }
                }
                "application" => {
                    if out.application.is_none() {
                        out.application = Some(ElemRef { manifest: mid, elem: child });
                    }
                    for comp in el.children.clone() {
                        let ce = doc.element(comp);
                        if ce.ns.is_some() {
                            continue;
                        }
                        if ce.local == "meta-data" {
                            note_removed(&cx, &mut out.removed, mid, comp, None);
                            if let Some(d) = named_decl(&cx, mid, comp) {
                                out.meta_data.push(d);
                            }
                            continue;
                        }
                        let Some(kind) = ComponentKind::from_tag(&ce.local) else { continue };
                        let Some(name_attr) = doc.android_attr(comp, "name") else { continue };
                        let substituted = cx.substitute(&name_attr.value);
                        let name = substituted.as_deref().and_then(|n| resolve_class(n, namespace));
                        let key = (kind, name.clone().unwrap_or_else(|| name_attr.value.clone()));
                        let node = doc.tools_attr(comp, "node").map(|a| a.value.as_str());
                        match node {
                            Some("remove") | Some("removeAll") => {
                                out.removed.push(RemovedDecl {
                                    tag: ce.local.to_string(),
                                    name: name.clone(),
                                    elem: ElemRef { manifest: mid, elem: comp },
                                });
                                removed.insert(key);
                                continue;
                            }
                            _ if removed.contains(&key) => continue,
                            _ => {}
                        }
                        let here = ElemRef { manifest: mid, elem: comp };
                        let filters = filters_of(&cx, mid, comp);
                        if let Some(&i) = index.get(&key) {
                            let existing = &mut components[i];
                            existing.merged_from.push(here);
                            if !replaced.contains(&key) {
                                existing.filters.extend(filters);
                                let exported = doc.android_attr(comp, "exported");
                                if existing.exported.is_none() {
                                    existing.exported = exported.map(|a| {
                                        Located::new(
                                            a.value.clone(),
                                            project.manifest_span(mid, a.value_span),
                                        )
                                    });
                                }
                            }
                            continue;
                        }
                        if node == Some("replace") {
                            replaced.insert(key.clone());
                        }
                        let located = |local: &str| {
                            doc.android_attr(comp, local).map(|a| {
                                Located::new(a.value.clone(), project.manifest_span(mid, a.value_span))
                            })
                        };
                        let target_activity = if kind == ComponentKind::ActivityAlias {
                            doc.android_attr(comp, "targetActivity")
                                .and_then(|a| cx.substitute(&a.value))
                                .and_then(|n| resolve_class(&n, namespace))
                        } else {
                            None
                        };
                        index.insert(key, components.len());
                        components.push(Component {
                            kind,
                            name,
                            raw_name: name_attr.value.clone(),
                            elem: here,
                            name_span: project.manifest_span(mid, name_attr.value_span),
                            module: mf.module,
                            library: mf.library,
                            exported: located("exported"),
                            permission: cx.attr(mid, doc, comp, "permission"),
                            launch_mode: located("launchMode"),
                            target_activity,
                            process: located("process"),
                            tools_replace: tools_list(doc, comp, "replace"),
                            filters,
                            merged_from: Vec::new(),
                        });
                    }
                }
                _ => {}
            }
        }
    }
    // Merged manifests are kept for every distinct variant: no spare capacity (a Vec of one
    // `DataSpec` would otherwise hold room for four), and a fresh Vec of components, since
    // collecting in place would keep the whole `Vec<Component>` buffer alive.
    out.components = Vec::with_capacity(components.len());
    out.components.extend(components.into_iter().map(|mut c| {
        c.merged_from.shrink_to_fit();
        c.filters.shrink_to_fit();
        for f in &mut c.filters {
            f.actions.shrink_to_fit();
            f.categories.shrink_to_fit();
            f.data.shrink_to_fit();
        }
        std::sync::Arc::new(c)
    }));
    out.uses_permissions.shrink_to_fit();
    out.permissions.shrink_to_fit();
    out.meta_data.shrink_to_fit();
    (out, cx.used.into_inner())
}

fn named_decl(cx: &Ctx, mid: ManifestId, e: ElemId) -> Option<NamedDecl> {
    let mf = cx.project.manifest(mid);
    let a = mf.doc.android_attr(e, "name")?;
    if matches!(mf.doc.tools_attr(e, "node").map(|a| a.value.as_str()), Some("remove") | Some("removeAll")) {
        return None;
    }
    Some(NamedDecl {
        name: cx.substitute(&a.value),
        raw_name: a.value.clone(),
        elem: ElemRef { manifest: mid, elem: e },
        name_span: cx.project.manifest_span(mid, a.value_span),
        module: mf.module,
        library: mf.library,
        value: cx.attr(mid, &mf.doc, e, "value"),
        raw_value: mf.doc.android_attr(e, "value").map(|v| v.value.clone()),
        protection_level: mf
            .doc
            .android_attr(e, "protectionLevel")
            .map(|p| Located::new(p.value.clone(), cx.project.manifest_span(mid, p.value_span))),
        tools_replace: tools_list(&mf.doc, e, "replace"),
    })
}

/// Records `e` in `removed` when it carries `tools:node="remove|removeAll"`.
fn note_removed(cx: &Ctx, removed: &mut Vec<RemovedDecl>, mid: ManifestId, e: ElemId, name: Option<String>) {
    let doc = &cx.project.manifest(mid).doc;
    if !matches!(doc.tools_attr(e, "node").map(|a| a.value.as_str()), Some("remove") | Some("removeAll")) {
        return;
    }
    let name = name
        .or_else(|| doc.android_attr(e, "name").and_then(|a| substitute(&a.value, cx.variant, cx.app_id)));
    removed.push(RemovedDecl {
        tag: doc.element(e).local.to_string(),
        name,
        elem: ElemRef { manifest: mid, elem: e },
    });
}

fn filters_of(cx: &Ctx, mid: ManifestId, comp: ElemId) -> Vec<IntentFilter> {
    let doc = &cx.project.manifest(mid).doc;
    let mut out = Vec::new();
    for f in doc.children_named(comp, "intent-filter") {
        let fe = doc.element(f);
        let mut filter = IntentFilter {
            elem: ElemRef { manifest: mid, elem: f },
            span: cx.project.manifest_span(mid, fe.start_tag),
            actions: Vec::new(),
            categories: Vec::new(),
            data: Vec::new(),
        };
        for c in fe.children.clone() {
            let ce = doc.element(c);
            if ce.ns.is_some() {
                continue;
            }
            match ce.local.as_str() {
                "action" => filter.actions.extend(cx.attr(mid, doc, c, "name")),
                "category" => filter.categories.extend(cx.attr(mid, doc, c, "name")),
                "data" => filter.data.push(DataSpec {
                    span: Some(cx.project.manifest_span(mid, ce.start_tag)),
                    scheme: cx.attr(mid, doc, c, "scheme"),
                    host: cx.attr(mid, doc, c, "host"),
                    port: cx.attr(mid, doc, c, "port"),
                    path: cx.attr(mid, doc, c, "path"),
                    path_prefix: cx.attr(mid, doc, c, "pathPrefix"),
                    path_pattern: cx.attr(mid, doc, c, "pathPattern"),
                    path_suffix: cx.attr(mid, doc, c, "pathSuffix"),
                    path_advanced_pattern: cx.attr(mid, doc, c, "pathAdvancedPattern"),
                    mime_type: cx.attr(mid, doc, c, "mimeType"),
                }),
                _ => {}
            }
        }
        out.push(filter);
    }
    out
}

/// Whether a resolved value is known to be present.
pub fn is_known<T>(r: &Resolved<T>) -> bool {
    matches!(r, Resolved::Known(_))
}
