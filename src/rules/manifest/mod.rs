//! PL2xx: each app variant's merged manifest against the catalog's vendor components, permissions
//! and meta-data. Shared here: which declared components a catalog entry stands for, whether a
//! detected profile's dependency supplies an entry itself, and what the module sources declare.

mod aggregator_component_missing;
mod aggregator_meta_data_missing;
mod component_class_missing;
mod manifest_placeholder_format_invalid;
mod manifest_placeholder_undefined;
mod permission_name_misspelled;
mod permission_package_mismatch;
mod post_notifications_missing;
mod push_component_action_missing;
mod push_component_category_mismatch;
mod push_component_class_placeholder;
mod push_component_exported_mismatch;
mod push_component_exported_missing;
mod push_component_exported_unguarded;
mod push_component_missing;
mod push_component_permission_mismatch;
mod push_component_process_mismatch;
mod push_permission_protection_mismatch;
mod push_permission_undeclared;
mod vendor_meta_data_blank;
mod vendor_meta_data_missing;

use super::{Ctx, Rule, VariantView};
use crate::catalog::Vendor;
use crate::catalog::manifest::{ComponentReq, ElementKind, Supplied};
use crate::parse::java::SourceFileSummary;
use crate::project::detect::{Evidence, EvidenceKind, Integration};
use crate::project::merge::merged_modules;
use crate::project::{Component, ComponentKind, ModuleKind};
use crate::span::Span;
use std::collections::HashMap;
use toml::Spanned;

pub static RULES: &[&Rule] = &[
    &push_component_missing::PUSH_COMPONENT_MISSING,
    &push_component_action_missing::PUSH_COMPONENT_ACTION_MISSING,
    &push_component_exported_mismatch::PUSH_COMPONENT_EXPORTED_MISMATCH,
    &push_component_permission_mismatch::PUSH_COMPONENT_PERMISSION_MISMATCH,
    &push_component_class_placeholder::PUSH_COMPONENT_CLASS_PLACEHOLDER,
    &component_class_missing::COMPONENT_CLASS_MISSING,
    &permission_package_mismatch::PERMISSION_PACKAGE_MISMATCH,
    &push_permission_undeclared::PUSH_PERMISSION_UNDECLARED,
    &permission_name_misspelled::PERMISSION_NAME_MISSPELLED,
    &vendor_meta_data_missing::VENDOR_META_DATA_MISSING,
    &post_notifications_missing::POST_NOTIFICATIONS_MISSING,
    &push_component_exported_unguarded::PUSH_COMPONENT_EXPORTED_UNGUARDED,
    &push_component_exported_missing::PUSH_COMPONENT_EXPORTED_MISSING,
    &push_component_category_mismatch::PUSH_COMPONENT_CATEGORY_MISMATCH,
    &vendor_meta_data_blank::VENDOR_META_DATA_BLANK,
    &manifest_placeholder_undefined::MANIFEST_PLACEHOLDER_UNDEFINED,
    &push_permission_protection_mismatch::PUSH_PERMISSION_PROTECTION_MISMATCH,
    &push_component_process_mismatch::PUSH_COMPONENT_PROCESS_MISMATCH,
    &aggregator_component_missing::AGGREGATOR_COMPONENT_MISSING,
    &manifest_placeholder_format_invalid::MANIFEST_PLACEHOLDER_FORMAT_INVALID,
    &aggregator_meta_data_missing::AGGREGATOR_META_DATA_MISSING,
];

pub(crate) const APPLICATION_ID: &str = "${applicationId}";
pub(crate) const POST_NOTIFICATIONS: &str = "android.permission.POST_NOTIFICATIONS";

/// Whether a declared element kind can stand for a catalog element kind.
fn kind_fits(want: ElementKind, have: ComponentKind) -> bool {
    match want {
        ElementKind::Activity => have.is_activity(),
        ElementKind::Service => have == ComponentKind::Service,
        ElementKind::Receiver => have == ComponentKind::Receiver,
        ElementKind::Provider => have == ComponentKind::Provider,
    }
}

/// Nested classes are written `Outer$Inner` in manifests and `Outer.Inner` in sources.
fn normalise_class(name: &str) -> std::borrow::Cow<'_, str> {
    // Asked for every component against every catalog entry: borrow when there is no `$`.
    if name.contains('$') {
        std::borrow::Cow::Owned(name.replace('$', "."))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

/// The declared components a catalog entry stands for: the exact class, or — for an app subclass —
/// components handling one of its actions or whose class the sources show extending the base.
pub(crate) fn matching<'v>(
    view: &'v VariantView,
    src: &SourceIndex,
    req: &ComponentReq,
) -> Vec<&'v Component> {
    matching_indices(view, src, req)
        .into_iter()
        .filter_map(|i| view.merged.components.get(i).map(|c| &**c))
        .collect()
}

/// `matching` as indices into the merged manifest's components.
fn matching_indices(view: &VariantView, src: &SourceIndex, req: &ComponentReq) -> Vec<usize> {
    view.merged
        .components()
        .enumerate()
        .filter(|(_, c)| kind_fits(req.kind, c.kind))
        .filter(|(_, c)| {
            let Some(name) = c.name.as_deref() else { return false };
            let name = normalise_class(name);
            if let Some(class) = &req.class {
                return name == normalise_class(class);
            }
            let by_action = c
                .filters
                .iter()
                .flat_map(|f| &f.actions)
                .filter_map(|a| a.value.as_deref())
                .any(|a| req.identifying_actions().any(|x| x == a));
            by_action
                || req.subclass_of.as_deref().is_some_and(|base| name == base || src.extends(&name, base))
        })
        .map(|(i, _)| i)
        .collect()
}

/// A catalog component entry with the declared components it stands for.
pub(crate) struct PushComponent<'c, 'v> {
    pub vendor: &'c Vendor,
    pub req: &'c ComponentReq,
    pub components: Vec<&'v Component>,
}

/// Every catalog component entry of every vendor that the merged manifest declares, whether or not
/// the vendor was detected: a declaration is checked as written. An entry tied to particular
/// artifacts (`with_artifacts`: HMS 2.x's receiver) is checked only where one of them is in the
/// variant: another SDK generation may declare a component with the same actions and other needs
/// (Huawei's pre-HMS push jar).
pub(crate) fn push_components<'c, 'v>(
    cx: &'c Ctx,
    view: &'v VariantView,
    src: &SourceIndex,
) -> Vec<PushComponent<'c, 'v>> {
    let found = view.push_components.get_or_init(|| {
        let mut found = Vec::new();
        for (vi, vendor) in cx.catalog.vendors.iter().enumerate() {
            for (ri, req) in vendor.manifest.components.iter().enumerate() {
                if !req.with_artifacts.is_empty()
                    && !view.integrations.iter().any(|i| applies(&req.with_artifacts, i))
                {
                    continue;
                }
                let components = matching_indices(view, src, req);
                if !components.is_empty() {
                    found.push((vi, ri, components));
                }
            }
        }
        found
    });
    found
        .iter()
        .filter_map(|(vi, ri, cs)| {
            let vendor = cx.catalog.vendors.get(*vi)?;
            let req = vendor.manifest.components.get(*ri)?;
            let components = cs.iter().filter_map(|&c| view.merged.components.get(c).map(|c| &**c)).collect();
            Some(PushComponent { vendor, req, components })
        })
        .collect()
}

/// Every declared push component once, with the first catalog entry it stands for.
pub(crate) fn each_push_component<'c, 'v>(
    cx: &'c Ctx,
    view: &'v VariantView,
    src: &SourceIndex,
) -> Vec<(&'c Vendor, &'c ComponentReq, &'v Component)> {
    let mut out: Vec<(&Vendor, &ComponentReq, &Component)> = Vec::new();
    for pc in push_components(cx, view, src) {
        for c in pc.components {
            if !out.iter().any(|(_, r, x)| std::ptr::eq(*x, c) && std::ptr::eq(*r, pc.req)) {
                out.push((pc.vendor, pc.req, c));
            }
        }
    }
    out
}

/// Whether the entry applies to this integration: `with_artifacts` empty, or one of them is evidence.
pub(crate) fn applies(with: &[Spanned<String>], integration: &Integration) -> bool {
    with.is_empty() || integration.evidence.iter().any(|e| names(with, e))
}

/// Whether a profile the vendor is integrated through declares the entry in its own manifest, so
/// the app need not. An unknown profile counts as supplying it: when unsure, demand nothing.
pub(crate) fn supplied(
    cx: &Ctx,
    integration: &Integration,
    what: Supplied,
    supplied_by: &Option<Vec<Spanned<String>>>,
) -> bool {
    // A dependency whose library manifest is known has been merged: it supplies exactly what the
    // merged manifest shows. Only dependencies of unknown content are taken at the profile's word.
    integration
        .evidence
        .iter()
        .filter(|e| !e.library_known(cx.project))
        .any(|e| supplies(cx, &e.profile, what, supplied_by))
}

fn supplies(cx: &Ctx, profile: &str, what: Supplied, supplied_by: &Option<Vec<Spanned<String>>>) -> bool {
    match supplied_by {
        Some(list) => list.iter().any(|x| x.get_ref() == profile),
        None => cx.catalog.profile(profile).is_none_or(|p| p.supplies.get(what).is_some()),
    }
}

/// Whether a `with_artifacts` list names the artifact this evidence matched.
fn names(with: &[Spanned<String>], e: &Evidence) -> bool {
    with.iter().any(|w| w.get_ref() == &e.artifact)
}

/// The evidence that makes an entry required: a dependency or archive matching `with_artifacts`.
pub(crate) fn requiring_evidence<'i>(
    integration: &'i Integration,
    with: &[Spanned<String>],
) -> Option<&'i Evidence> {
    integration
        .evidence
        .iter()
        .filter(|e| e.kind != EvidenceKind::Module)
        .find(|e| with.is_empty() || names(with, e))
}

/// The evidence of a profile that supplies the entry (the dependency whose manifest declares it).
pub(crate) fn supplying_evidence<'i>(
    cx: &Ctx,
    integration: &'i Integration,
    what: Supplied,
    supplied_by: &Option<Vec<Spanned<String>>>,
    with: &[Spanned<String>],
) -> Option<&'i Evidence> {
    integration
        .evidence
        .iter()
        .filter(|e| e.kind != EvidenceKind::Module && !e.library_known(cx.project))
        .filter(|e| with.is_empty() || names(with, e))
        .find(|e| supplies(cx, &e.profile, what, supplied_by))
}

/// The label on the evidence that brings in a vendor's SDK.
pub(crate) fn evidence_label(e: &Evidence, vendor: &str) -> String {
    match e.kind {
        EvidenceKind::Archive => format!("`{}` brings in the {vendor} SDK", e.what),
        _ => format!("brings in the {vendor} SDK"),
    }
}

/// How a label names a piece of evidence: the artifact or archive.
pub(crate) fn evidence_name(e: &Evidence) -> String {
    match e.kind {
        EvidenceKind::Dependency => format!("`{}`", e.artifact),
        EvidenceKind::Archive => format!("`{}`", e.what),
        EvidenceKind::Module => e.what.clone(),
    }
}

/// Where an entry missing from the app belongs: the `<application>` start tag of the app module's
/// main manifest (else of its highest-priority manifest), else the manifest's root element.
pub(crate) fn application_anchor(cx: &Ctx, view: &VariantView) -> Option<Span> {
    let own: Vec<_> = view
        .merged
        .sources
        .iter()
        .copied()
        .filter(|m| cx.project.manifest(*m).module == view.module)
        .collect();
    let ordered = own
        .iter()
        .filter(|m| cx.project.manifest(**m).source_set == "main")
        .chain(own.iter().filter(|m| cx.project.manifest(**m).source_set != "main"));
    for &m in ordered.clone() {
        let doc = &cx.project.manifest(m).doc;
        let Some(root) = doc.root else { continue };
        if let Some(app) = doc.children_named(root, "application").next() {
            return Some(cx.project.manifest_span(m, doc.element(app).start_tag));
        }
    }
    root_anchor(cx, view)
}

/// The `<manifest>` start tag of the app module's main manifest (where `<uses-permission>` goes).
pub(crate) fn root_anchor(cx: &Ctx, view: &VariantView) -> Option<Span> {
    let own: Vec<_> = view
        .merged
        .sources
        .iter()
        .copied()
        .filter(|m| cx.project.manifest(*m).module == view.module)
        .collect();
    let main = own.iter().find(|m| cx.project.manifest(**m).source_set == "main").or(own.first())?;
    let doc = &cx.project.manifest(*main).doc;
    let root = doc.root?;
    Some(cx.project.manifest_span(*main, doc.element(root).start_tag))
}

/// The effective `android:exported` of a component: the literal, else the platform default
/// (exported when it has an intent-filter, below targetSdk 31). None when it cannot be told:
/// a non-literal value, or a filter without the attribute at targetSdk 31+ (a build error of its
/// own) or with an unknown targetSdk.
pub(crate) fn effective_exported(view: &VariantView, c: &Component) -> Option<bool> {
    if c.exported.is_some() {
        return c.exported_value();
    }
    if c.filters.is_empty() {
        return Some(false);
    }
    match view.variant.target_sdk_level() {
        Some(level) if level < 31 => Some(true),
        _ => None,
    }
}

/// Replaces `${applicationId}` by the variant's applicationId; None when it is needed but unknown.
pub(crate) fn resolve_app_id(template: &str, view: &VariantView) -> Option<String> {
    if !template.contains(APPLICATION_ID) {
        return Some(template.to_string());
    }
    Some(template.replace(APPLICATION_ID, view.variant.app_id()?))
}

/// For a component the app must write itself (a subclass of `req`'s base class): the one class of
/// the variant's sources that extends the base and that no merged component names, with where it
/// is declared. The help then names it, and a label points at it: the class exists, only its
/// declaration is missing. None when there is no such class, or several.
pub(crate) fn undeclared_subclass<'s>(
    view: &VariantView,
    src: &'s SourceIndex,
    req: &ComponentReq,
) -> Option<(&'s str, Span)> {
    let base = req.subclass_of.as_deref().filter(|_| req.class.is_none())?;
    let found = src.subclasses(base);
    let [(name, span)] = found.as_slice() else { return None };
    let declared = view.merged.components.iter().any(|c| c.name.as_deref() == Some(*name));
    (!declared).then_some((*name, *span))
}

/// The help for a component the app must declare: its snippet, with the app's own class when
/// `written` names it.
pub(crate) fn declare_help(req: &ComponentReq, written: Option<&str>) -> String {
    match (written, &req.subclass_of) {
        (Some(class), _) => format!(
            "add `{}` inside `<application>`",
            req.snippet().replacen("android:name=\"…\"", &format!("android:name=\"{class}\""), 1)
        ),
        (None, Some(base)) if req.class.is_none() => {
            format!("add `{}` inside `<application>`, naming the app's subclass of `{base}`", req.snippet())
        }
        (None, None) if req.class.is_none() => {
            format!("add `{}` inside `<application>`, naming the app's class", req.snippet())
        }
        _ => format!("add `{}` inside `<application>`", req.snippet()),
    }
}

/// How a class is named in messages.
pub(crate) fn class_of(c: &Component) -> &str {
    c.name.as_deref().unwrap_or(&c.raw_name)
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped: returns
/// `cap + 1` as soon as the distance is known to exceed `cap`.
pub(crate) fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    // Called for every permission of every variant against every catalog name: ASCII names
    // (nearly all) are compared as bytes, and three rows are reused instead of one per char.
    if a.is_ascii() && b.is_ascii() {
        return osa_distance(a.as_bytes(), b.as_bytes(), cap);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    osa_distance(&a, &b, cap)
}

/// Optimal string alignment distance, or `cap + 1` once it must exceed `cap`.
fn osa_distance<T: PartialEq>(a: &[T], b: &[T], cap: usize) -> usize {
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > cap {
            return cap + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap + 1)
}

/// A permission the catalog knows: its exact name as the vendor writes it.
pub(crate) struct KnownPermission<'c> {
    pub vendor: &'c Vendor,
    /// As written in the catalog (`${applicationId}.permission.MIPUSH_RECEIVE`).
    pub name: &'c str,
    /// The vendor spells it unusually (`RECIEVE`).
    pub vendor_spelling: bool,
    /// The protection level its `<permission>` needs, if the app declares it.
    pub protection_level: Option<&'c str>,
}

impl KnownPermission<'_> {
    /// For a `${applicationId}…` name: the part after the application id (`.permission.X`).
    pub fn app_suffix(&self) -> Option<&str> {
        self.name.strip_prefix(APPLICATION_ID)
    }
}

/// Every permission name the catalog mentions: declared/used permissions and component guards.
pub(crate) fn known_permissions<'c>(cx: &Ctx<'c>) -> Vec<KnownPermission<'c>> {
    let mut out: Vec<KnownPermission> = Vec::new();
    for vendor in &cx.catalog.vendors {
        for p in &vendor.manifest.permissions {
            out.push(KnownPermission {
                vendor,
                name: &p.name,
                vendor_spelling: p.vendor_spelling,
                protection_level: p.protection_level.as_ref().map(|l| l.0.as_str()),
            });
        }
        for c in &vendor.manifest.components {
            if let Some(p) = &c.permission {
                if !out.iter().any(|k| k.name == p) {
                    out.push(KnownPermission {
                        vendor,
                        name: p,
                        vendor_spelling: false,
                        protection_level: None,
                    });
                }
            }
        }
    }
    out
}

/// Every permission name written in the merged manifest, as written, with its span and what
/// writes it: `<uses-permission>`, `<permission>` and components' `android:permission`.
pub(crate) fn permission_names(cx: &Ctx, view: &VariantView) -> Vec<(String, Span, &'static str)> {
    let mut out = Vec::new();
    for d in &view.merged.uses_permissions {
        out.push((d.raw_name.clone(), d.name_span, "`<uses-permission>`"));
    }
    for d in &view.merged.permissions {
        out.push((d.raw_name.clone(), d.name_span, "`<permission>`"));
    }
    for c in &view.merged.components {
        if let Some(p) = &c.permission {
            let text = &cx.project.files.get(p.span.file).text;
            let raw = text.get(p.span.range.as_usize()).unwrap_or("").to_string();
            out.push((raw, p.span, "`android:permission`"));
        }
    }
    out
}

/// For a literal name that ends with a `${applicationId}…` suffix: the package written before it.
pub(crate) fn hard_coded_package<'n>(name: &'n str, suffix: &str) -> Option<&'n str> {
    let pkg = name.strip_suffix(suffix)?;
    (!pkg.is_empty() && !pkg.contains("${") && crate::catalog::manifest::is_class_name(&format!("{pkg}.x")))
        .then_some(pkg)
}

/// The sources one variant compiles: its module's index seen through the variant's source sets,
/// so that a class declared in several sets (`src/hms/…/PushService.java` extending the Huawei
/// service, `src/google/…/PushService.java` extending Firebase's) is the variant's own.
pub(crate) struct SourceIndex<'v> {
    module: std::sync::Arc<ModuleSources>,
    sets: &'v [String],
}

impl std::ops::Deref for SourceIndex<'_> {
    type Target = ModuleSources;
    fn deref(&self) -> &ModuleSources {
        &self.module
    }
}

impl<'v> SourceIndex<'v> {
    /// The index of the app module of `view` and the local libraries it merges (built once per
    /// module: every variant and rule shares it), seen through `view`'s source sets.
    pub fn of(cx: &Ctx, view: &VariantView<'v>) -> SourceIndex<'v> {
        let module = cx.per_module(view.module, || ModuleSources::build(cx, view.module));
        SourceIndex { module, sets: &view.variant.source_sets }
    }

    pub fn has_type(&self, fqn: &str) -> bool {
        self.module.types.contains_key(normalise_class(fqn).as_ref())
    }

    /// Whether the variant's sources show `class` extending `base`, directly or through other
    /// source classes.
    pub fn extends(&self, class: &str, base: &str) -> bool {
        self.extends_at(&normalise_class(class), base, 0)
    }

    /// The classes of the variant's own source sets that extend `base`, by name, each with where
    /// it is declared: a component the app wrote but did not declare.
    pub fn subclasses(&self, base: &str) -> Vec<(&str, Span)> {
        let own = |t: &TypeEntry| t.source_set == "main" || self.sets.contains(&t.source_set);
        // The module's candidates are found once per base; each variant checks only those.
        let candidates = self.module.subclass_candidates(base);
        candidates
            .iter()
            .filter_map(|name| {
                let (name, all) = self.module.types.get_key_value(name.as_str())?;
                let t = all
                    .iter()
                    .find(|t| own(t) && t.kind == crate::parse::java::TypeKind::Class && !t.is_abstract)?;
                self.extends(name, base).then_some((name.as_str(), t.span))
            })
            .collect()
    }

    fn extends_at(&self, class: &str, base: &str, depth: usize) -> bool {
        if depth > 16 {
            return false;
        }
        let Some(all) = self.module.types.get(class) else { return false };
        // The declarations in the variant's sets; when none is (another module's set names), all.
        let own = |t: &TypeEntry| t.source_set == "main" || self.sets.contains(&t.source_set);
        let any_own = all.iter().any(own);
        all.iter().filter(|t| !any_own || own(t)).any(|t| {
            t.supertypes.iter().any(|s| {
                candidates(s, t)
                    .iter()
                    .any(|c| c == base || (c != class && self.extends_at(c, base, depth + 1)))
            })
        })
    }
}

/// What the merged modules' Java/Kotlin sources declare: types with their supertypes, each
/// declaration with its source set.
pub(crate) struct ModuleSources {
    types: HashMap<String, Vec<TypeEntry>>,
    /// The packages at least one scanned source file declares.
    packages: std::collections::HashSet<String>,
    /// Some merged module lists extra `java.srcDirs`, which are not scanned: absence proves nothing.
    pub incomplete: bool,
    /// The namespaces of the merged modules.
    pub namespaces: Vec<String>,
    /// Per base class, the types extending it in any of their declarations, sorted by name.
    subclasses: std::sync::Mutex<HashMap<String, std::sync::Arc<Vec<String>>>>,
}

struct TypeEntry {
    /// The type's name where it is declared.
    span: Span,
    kind: crate::parse::java::TypeKind,
    is_abstract: bool,
    package: String,
    supertypes: Vec<String>,
    imports: Vec<String>,
    source_set: String,
}

impl ModuleSources {
    fn build(cx: &Ctx, app: usize) -> ModuleSources {
        let mut index = ModuleSources {
            types: HashMap::new(),
            packages: std::collections::HashSet::new(),
            incomplete: false,
            namespaces: Vec::new(),
            subclasses: Default::default(),
        };
        for &m in merged_modules(cx.project, app) {
            let module = &cx.project.modules[m];
            if let Some(ns) = module.namespace.value() {
                index.namespaces.push(ns.clone());
            }
            if module.kind == ModuleKind::Application && m != app {
                continue;
            }
            if let Some(b) = &module.build {
                if b.script.android.source_sets.iter().any(|s| !s.java_src_dirs.is_empty()) {
                    index.incomplete = true;
                }
            }
            for s in &module.sources {
                index.add(s.file, &s.summary, &s.source_set);
            }
        }
        index
    }

    fn add(&mut self, file: crate::span::FileId, s: &SourceFileSummary, source_set: &str) {
        let package = s.package.as_ref().map(|p| p.value.clone()).unwrap_or_default();
        let imports: Vec<String> = s.imports.iter().map(|i| i.value.clone()).collect();
        self.packages.insert(package.clone());
        for t in &s.types {
            let fqn =
                if package.is_empty() { t.name.value.clone() } else { format!("{package}.{}", t.name.value) };
            self.types.entry(fqn).or_default().push(TypeEntry {
                span: Span::new(file, t.name.range),
                kind: t.kind,
                is_abstract: t.is_abstract,
                package: package.clone(),
                supertypes: t.supertypes.clone(),
                imports: imports.clone(),
                source_set: source_set.to_string(),
            });
        }
    }

    /// The types that extend `base` through any of their declarations (whatever the variant),
    /// sorted by name; computed once per base class and module.
    fn subclass_candidates(&self, base: &str) -> std::sync::Arc<Vec<String>> {
        let mut cache = self.subclasses.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(found) = cache.get(base) {
            return found.clone();
        }
        let mut memo: HashMap<String, bool> = HashMap::new();
        let mut names: Vec<String> =
            self.types.keys().filter(|name| self.extends_any(name, base, &mut memo, 0)).cloned().collect();
        names.sort_unstable();
        let names = std::sync::Arc::new(names);
        cache.insert(base.to_string(), names.clone());
        names
    }

    /// Whether `class` extends `base` in any declaration; `memo` holds the answers so far (a class
    /// being looked at counts as not extending it, which ends cycles), so each class is looked at
    /// once per base.
    fn extends_any(&self, class: &str, base: &str, memo: &mut HashMap<String, bool>, depth: usize) -> bool {
        if let Some(&known) = memo.get(class) {
            return known;
        }
        // As deep as `extends` looks; a longer chain is not followed (and not remembered).
        if depth > 16 {
            return false;
        }
        let Some(all) = self.types.get(class) else { return false };
        memo.insert(class.to_string(), false);
        let found = all.iter().any(|t| {
            t.supertypes.iter().any(|s| {
                candidates(s, t).iter().any(|c| c == base || self.extends_any(c, base, memo, depth + 1))
            })
        });
        memo.insert(class.to_string(), found);
        found
    }

    /// Whether some scanned source file declares `package` (else its folder may simply be absent).
    pub fn has_package(&self, package: &str) -> bool {
        self.packages.contains(package)
    }
}

/// The fully qualified names a supertype written `written` may stand for, in a file of `t`.
fn candidates(written: &str, t: &TypeEntry) -> Vec<String> {
    // Drop type arguments: `Base<T>` extends `Base`.
    let written = written.split('<').next().unwrap_or(written).trim();
    let first = written.split('.').next().unwrap_or(written);
    if first.chars().next().is_some_and(char::is_lowercase) {
        return vec![written.to_string()];
    }
    let rest = &written[first.len()..];
    let mut out = Vec::new();
    for i in &t.imports {
        if let Some(pkg) = i.strip_suffix(".*") {
            out.push(format!("{pkg}.{written}"));
        } else if i.rsplit('.').next() == Some(first) {
            out.push(format!("{i}{rest}"));
        }
    }
    if t.package.is_empty() {
        out.push(written.to_string());
    } else {
        out.push(format!("{}.{written}", t.package));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("RECIEVE", "RECEIVE", 2), 1);
        assert_eq!(edit_distance("abc", "abc", 2), 0);
        assert_eq!(edit_distance("SEND_MCS_MESSAGE", "SEND_PUSH_MESSAGE", 2), 3);
        assert_eq!(edit_distance("a", "abcd", 2), 3);
    }
}
