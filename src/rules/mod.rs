//! The rule registry and engine: a rule is metadata (code, name, family, severity, docs) plus a
//! `check` over the project model and the vendor catalog. Rules do no I/O.

pub mod click;
pub mod config;
pub mod console;
pub mod deps;
pub(crate) mod fixes;
pub mod input;
pub mod manifest;
pub mod plugins;
pub mod security;

use crate::catalog::Catalog;
pub use crate::diagnostics::Severity;
use crate::diagnostics::{Diagnostic, RuleMeta};
pub use crate::fix::Applicability;
use crate::project::detect::{Integration, Integrations};
use crate::project::variants::Variant;
use crate::project::{MergedManifest, Project};

/// Where rule documentation is published; each rule's page is `<base><CODE>-<name>.md`.
pub const DOCS_URL: &str = "https://github.com/pushlint/pushlint/blob/main/docs/rules/";

/// The rule families of SPEC §4; the hundreds digit of a code names its family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Input,
    Click,
    Manifest,
    Deps,
    Plugins,
    Console,
    Security,
    Config,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Input => "input",
            Family::Click => "click",
            Family::Manifest => "manifest",
            Family::Deps => "deps",
            Family::Plugins => "plugins",
            Family::Console => "console",
            Family::Security => "security",
            Family::Config => "config",
        }
    }
    /// The hundreds digit codes of this family start with.
    pub fn digit(self) -> char {
        match self {
            Family::Input => '0',
            Family::Click => '1',
            Family::Manifest => '2',
            Family::Deps => '3',
            Family::Plugins => '4',
            Family::Console => '5',
            Family::Security => '6',
            Family::Config => '9',
        }
    }
}

/// A lint rule. Declared with `declare_rule!`, registered in its family's `RULES` slice.
pub struct Rule {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// Markdown with the headings What it checks, Why it matters, Example, How to fix.
    pub docs: &'static str,
    pub check: fn(&Ctx, &mut Vec<Diagnostic>),
    /// Off by default: a rule about a preference rather than a defect runs only when selected by
    /// its own code or name (`--extend-select PL110`), as ruff's opinionated rules do.
    pub default_on: bool,
    /// Whether its findings carry fixes, and the best applicability they have (some may be less
    /// sure: the docs' `## Fix` section says when); None for a rule that never offers one.
    pub fix: Option<Applicability>,
    /// Android Lint issue ids that stand for the same concern: `tools:ignore` with one of them
    /// (written for Android Lint) silences this rule too.
    pub android_lint: &'static [&'static str],
}

impl Rule {
    /// The fields a declaration may leave out.
    #[doc(hidden)]
    pub const BASE: Rule = Rule {
        code: "",
        name: "",
        family: Family::Input,
        severity: Severity::Warning,
        docs: "",
        check: |_, _| {},
        default_on: true,
        fix: None,
        android_lint: &[],
    };
}

impl RuleMeta for Rule {
    fn code(&self) -> &'static str {
        self.code
    }
    fn name(&self) -> &'static str {
        self.name
    }
    fn default_severity(&self) -> Severity {
        self.severity
    }
}

impl Rule {
    /// The first paragraph under "What it checks", on one line.
    pub fn summary(&self) -> String {
        let mut lines =
            self.docs.lines().map(str::trim).skip_while(|l| !l.starts_with("## What it checks")).skip(1);
        let mut out = String::new();
        for l in lines.by_ref() {
            if l.is_empty() && !out.is_empty() {
                break;
            }
            if l.starts_with("##") {
                break;
            }
            if !l.is_empty() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(l);
            }
        }
        out
    }
    pub fn url(&self) -> String {
        format!("{DOCS_URL}{}-{}.md", self.code, self.name)
    }
}

/// Declares a rule: the doc comment becomes its documentation.
macro_rules! declare_rule {
    ($(#[doc = $doc:literal])* $vis:vis $id:ident { $($field:ident $(: $value:expr)?),* $(,)? }) => {
        #[allow(clippy::needless_update)]
        $vis static $id: $crate::rules::Rule = $crate::rules::Rule {
            docs: concat!($($doc, "\n"),*),
            $($field $(: $value)?,)*
            ..$crate::rules::Rule::BASE
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, family by family.
pub fn all() -> impl Iterator<Item = &'static Rule> {
    input::RULES
        .iter()
        .chain(click::RULES.iter())
        .chain(manifest::RULES.iter())
        .chain(deps::RULES.iter())
        .chain(plugins::RULES.iter())
        .chain(console::RULES.iter())
        .chain(security::RULES.iter())
        .chain(config::RULES.iter())
        .copied()
}

/// The rule with this code or name (case-insensitive).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    all().find(|r| r.code.eq_ignore_ascii_case(code_or_name) || r.name.eq_ignore_ascii_case(code_or_name))
}

/// The rule a fixture folder `<CODE>-<name>` tests.
pub fn for_fixture(folder: &std::path::Path) -> Option<&'static Rule> {
    let name = folder.file_name()?.to_str()?;
    let (code, rest) = name.split_once('-')?;
    find(code).filter(|r| r.name == rest)
}

/// One variant of one app module with its merged manifest.
pub struct VariantView<'a> {
    pub module: usize,
    pub variant: &'a Variant,
    /// Shared by the variants whose merge inputs agree (see `MergeCache`).
    pub merged: std::sync::Arc<MergedManifest>,
    /// The vendors this variant integrates, with the evidence; shared by the module's variants
    /// that integrate the same.
    pub integrations: Integrations,
    /// Which catalog component entries the merged manifest declares, as (vendor, entry,
    /// components) indices: asked by many PL2xx rules, computed once (`manifest::push_components`).
    pub(crate) push_components: std::sync::OnceLock<Vec<(usize, usize, Vec<usize>)>>,
    /// The variant's credentials (`console::credentials`), asked by several console rules.
    pub(crate) credentials: std::sync::OnceLock<Vec<console::Credential<'a>>>,
}

impl VariantView<'_> {
    /// The integration of `vendor`, if the variant has one.
    pub fn integration(&self, vendor: &str) -> Option<&Integration> {
        self.integrations.iter().find(|i| i.vendor == vendor)
    }

    /// How messages name `vendor` in this variant: with its route when an aggregator carries it
    /// (`Xiaomi via JPush 5.2.0`), else by its display name.
    pub fn vendor_name(&self, vendor: &crate::catalog::Vendor) -> String {
        self.integration(&vendor.id).map_or_else(|| vendor.display.clone(), |i| i.name(&vendor.display))
    }
}

/// What a rule sees: the project, the catalog, and the merged manifests of the app variants checked.
pub struct Ctx<'a> {
    pub project: &'a Project,
    pub catalog: &'a Catalog,
    pub views: Vec<VariantView<'a>>,
    /// The applicationIds of the checked variants, and the number of app modules, for lookups
    /// that would otherwise scan every view or module once per view.
    app_ids: std::collections::HashSet<&'a str>,
    app_module_count: usize,
    /// Values computed once per module for all rules (see `per_module`).
    memo: std::sync::Mutex<std::collections::HashMap<(std::any::TypeId, usize), Memo>>,
}

type Memo = std::sync::Arc<dyn std::any::Any + Send + Sync>;

impl<'a> Ctx<'a> {
    /// Builds merged manifests for every variant of every app module (or only those named in
    /// `variants`), in parallel; the views keep module and declaration order.
    pub fn new(project: &'a Project, catalog: &'a Catalog, variants: &[String]) -> Ctx<'a> {
        use rayon::prelude::*;
        // One task per app module: its variants share merged manifests where their inputs agree.
        let modules: Vec<(usize, Vec<&'a Variant>)> = project
            .app_modules()
            .map(|(i, m)| {
                (i, m.variants.iter().filter(|v| variants.is_empty() || variants.contains(&v.name)).collect())
            })
            .collect();
        let per_module: Vec<Vec<VariantView<'a>>> = modules
            .into_par_iter()
            .map(|(i, vs)| {
                let mut cache = crate::project::merge::MergeCache::default();
                let mut seen: Vec<Integrations> = Vec::new();
                vs.into_iter()
                    .map(|v| {
                        let found = crate::project::detect::detect(project, catalog, i, v);
                        let integrations = match seen.iter().find(|s| ***s == found) {
                            Some(same) => same.clone(),
                            None => {
                                let new = std::sync::Arc::new(found);
                                seen.push(new.clone());
                                new
                            }
                        };
                        VariantView {
                            module: i,
                            variant: v,
                            merged: cache.get(project, i, v),
                            integrations,
                            push_components: Default::default(),
                            credentials: Default::default(),
                        }
                    })
                    .collect()
            })
            .collect();
        let views: Vec<VariantView<'a>> = per_module.into_iter().flatten().collect();
        let app_ids = views.iter().filter_map(|v: &VariantView<'a>| v.variant.app_id()).collect();
        let app_module_count = project.app_modules().count();
        Ctx { project, catalog, views, app_ids, app_module_count, memo: Default::default() }
    }

    /// A value derived from module `module` alone (e.g. an index of its sources), built once and
    /// shared by every rule and variant that asks for the same type, instead of once per view.
    pub fn per_module<T: Send + Sync + 'static>(
        &self,
        module: usize,
        build: impl FnOnce() -> T,
    ) -> std::sync::Arc<T> {
        let key = (std::any::TypeId::of::<T>(), module);
        let cached = self.memo.lock().ok().and_then(|m| m.get(&key).cloned());
        if let Some(hit) = cached.and_then(|v| v.downcast::<T>().ok()) {
            return hit;
        }
        let value = std::sync::Arc::new(build());
        if let Ok(mut m) = self.memo.lock() {
            m.entry(key).or_insert_with(|| value.clone());
        }
        value
    }

    /// Whether some checked variant has this applicationId.
    pub fn has_app_id(&self, app_id: &str) -> bool {
        self.app_ids.contains(app_id)
    }

    /// The number of application modules in the project.
    pub fn app_module_count(&self) -> usize {
        self.app_module_count
    }

    /// Runs `f` on each checked variant of each app module. A finding reported identically for every
    /// variant of a module is kept once without a variant; others are kept once, naming the variants
    /// they hold for (comma-separated, in declaration order).
    pub fn per_variant(&self, out: &mut Vec<Diagnostic>, f: impl Fn(&VariantView<'a>, &mut Vec<Diagnostic>)) {
        // Views are grouped by module (built in module order): walk each run of one module.
        let mut rest = self.views.as_slice();
        while let Some(first) = rest.first() {
            let len = rest.iter().take_while(|v| v.module == first.module).count();
            let (views, tail) = rest.split_at(len);
            rest = tail;
            let mut found: Vec<(Diagnostic, Vec<&str>)> = Vec::new();
            let mut index: std::collections::HashMap<Diagnostic, usize> = std::collections::HashMap::new();
            for view in views {
                let mut local = Vec::new();
                f(view, &mut local);
                for d in local {
                    match index.get(&d) {
                        Some(&i) => {
                            found[i].0.vendors.merge(&d.vendors);
                            let names = &mut found[i].1;
                            if !names.contains(&view.variant.name.as_str()) {
                                names.push(&view.variant.name)
                            }
                        }
                        None => {
                            index.insert(d.clone(), found.len());
                            found.push((d, vec![view.variant.name.as_str()]));
                        }
                    }
                }
            }
            for (d, names) in merge_same_span(found) {
                if names.len() == views.len() {
                    out.push(d);
                } else {
                    let d = self.demote_shared_fix(d, views, &names);
                    out.push(d.variant(names.join(", ")));
                }
            }
        }
    }
}

impl Ctx<'_> {
    /// A finding that holds for some variants only keeps a safe fix only when the files it edits
    /// are manifests no other variant merges: an edit of a shared file (the main manifest, the
    /// build file, a constants class) also changes the variants that are right as they are.
    fn demote_shared_fix(&self, mut d: Diagnostic, views: &[VariantView], names: &[&str]) -> Diagnostic {
        let Some(fix) = &mut d.fix else { return d };
        if fix.applicability != Applicability::Safe {
            return d;
        }
        let manifest_files: std::collections::HashSet<crate::span::FileId> =
            self.project.manifests.iter().map(|m| m.file).collect();
        let others = views.iter().filter(|v| !names.contains(&v.variant.name.as_str()));
        let shared: std::collections::HashSet<crate::span::FileId> =
            others.flat_map(|v| v.merged.sources.iter().map(|m| self.project.manifest(*m).file)).collect();
        if fix.edits.iter().any(|e| !manifest_files.contains(&e.span.file) || shared.contains(&e.span.file)) {
            fix.applicability = Applicability::Unsafe;
        }
        d
    }
}

/// Which vendors a finding is about, from the catalog (see `Diagnostic::vendors`).
pub(crate) trait About: Sized {
    /// About the vendors whose artifact or plugin classpath entry `coordinate` is
    /// (`com.tencent.timpush:xiaomi`); any other coordinate (a main package such as
    /// `com.tencent.timpush:timpush`, the IM SDK) concerns every vendor `view` integrates.
    fn about_coordinate(self, cx: &Ctx, view: Option<&VariantView>, coordinate: &str) -> Self;
    /// About every vendor `view` integrates (a finding about the variant's whole set-up).
    fn about_integrations(self, view: &VariantView) -> Self;
    /// About vendor `id`; an id that is a route rather than a vendor (`tpns`, whose credentials
    /// carry every vendor's pushes) concerns the vendors `view` integrates through it.
    fn about_vendor(self, cx: &Ctx, view: &VariantView, id: &str) -> Self;
}

impl About for Diagnostic {
    fn about_coordinate(self, cx: &Ctx, view: Option<&VariantView>, coordinate: &str) -> Self {
        let mut d = self;
        let mut found = false;
        for v in &cx.catalog.vendors {
            let g = &v.gradle;
            if g.artifacts.iter().any(|a| a.module == coordinate)
                || g.plugins.iter().any(|p| p.classpath == coordinate)
            {
                d = d.vendor(&v.id);
                found = true;
            }
        }
        match view {
            Some(view) if !found => d.about_integrations(view),
            _ => d,
        }
    }
    fn about_integrations(self, view: &VariantView) -> Self {
        view.integrations.iter().fold(self, |d, i| d.vendor(&i.vendor))
    }
    fn about_vendor(self, cx: &Ctx, view: &VariantView, id: &str) -> Self {
        if cx.catalog.vendor(id).is_some() {
            return self.vendor(id);
        }
        view.integrations
            .iter()
            .filter(|i| i.profiles.iter().any(|p| p == id))
            .fold(self, |d, i| d.vendor(&i.vendor))
    }
}

/// Findings of several variants that say the same thing at the same place (same code, severity,
/// message and primary label) but differ in evidence, note or help (a variant's applicationId in
/// the help, say) become one: the variants and labels of all, and each distinct note and help
/// prefixed with the variants it is for. A fix that differs between them is dropped.
fn merge_same_span<'v>(found: Vec<(Diagnostic, Vec<&'v str>)>) -> Vec<(Diagnostic, Vec<&'v str>)> {
    type Key = (&'static str, Severity, String, Option<crate::diagnostics::Label>);
    type Group<'v> = (Key, Vec<(Diagnostic, Vec<&'v str>)>);
    let key = |d: &Diagnostic| -> Key { (d.code, d.severity, d.message.clone(), d.primary.clone()) };
    let mut groups: Vec<Group<'v>> = Vec::new();
    // Group by hash: a variant may have thousands of findings.
    let mut at: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    for (d, names) in found {
        let k = key(&d);
        match at.get(&k) {
            Some(&i) => {
                if let Some((_, members)) = groups.get_mut(i) {
                    members.push((d, names));
                }
            }
            None => {
                at.insert(k.clone(), groups.len());
                groups.push((k, vec![(d, names)]));
            }
        }
    }
    groups
        .into_iter()
        .map(|(_, mut members)| {
            if members.len() == 1 {
                return members.remove(0);
            }
            let texts = |pick: fn(&Diagnostic) -> &Option<String>| -> Option<String> {
                let mut distinct: Vec<(&str, Vec<&str>)> = Vec::new();
                for (d, names) in &members {
                    let Some(t) = pick(d) else { continue };
                    match distinct.iter_mut().find(|(x, _)| *x == t.as_str()) {
                        Some((_, ns)) => ns.extend(names.iter().copied()),
                        None => distinct.push((t, names.clone())),
                    }
                }
                match distinct.as_slice() {
                    [] => None,
                    [(only, _)] => Some(only.to_string()),
                    many => Some(
                        many.iter()
                            .map(|(t, ns)| format!("for {}: {t}", ns.join(", ")))
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                }
            };
            let (note, help) = (texts(|d| &d.note), texts(|d| &d.help));
            let same_fix = members.windows(2).all(|w| w[0].0.fix == w[1].0.fix);
            let mut names: Vec<&str> = Vec::new();
            let mut secondary: Vec<crate::diagnostics::Label> = Vec::new();
            let mut vendors = crate::diagnostics::Vendors::default();
            for (d, ns) in &members {
                vendors.merge(&d.vendors);
                names.extend(ns.iter().filter(|n| !names.contains(n)).collect::<Vec<_>>());
                for l in &d.secondary {
                    if !secondary.contains(l) {
                        secondary.push(l.clone());
                    }
                }
            }
            let (mut d, _) = members.remove(0);
            d.note = note;
            d.help = help;
            d.secondary = secondary;
            d.vendors = vendors;
            if !same_fix {
                d.fix = None;
            }
            (d, names)
        })
        .collect()
}

/// The build tools (catalog `[[build_tool]]`) module `module` uses: through their scripts
/// (Flutter's `flutter.gradle`) or their plugins, applied or maybe applied.
pub(crate) fn build_tools<'c>(
    cx: &'c Ctx,
    module: usize,
) -> impl Iterator<Item = &'c crate::catalog::families::BuildTool> + 'c {
    let m = cx.project.modules.get(module);
    cx.catalog.families.build_tool.iter().filter(move |t| {
        m.is_some_and(|m| m.unread_applied.iter().any(|u| u.tool == Some(t.tool.as_str())))
            || t.plugins.iter().any(|id| plugins::applied(cx.project, module, id).0 != plugins::Seen::No)
    })
}

/// Whether the app module uses a build tool that adds dependencies of its own (Flutter's plugin,
/// React Native's autolinking): what seems missing (a package, a class) may come with one.
pub(crate) fn tool_adds_dependencies(cx: &Ctx, module: usize) -> bool {
    build_tools(cx, module).any(|t| t.adds_dependencies)
}

/// Whether a variant's merged manifest may hold more than the model sees: the app's build tool
/// adds plugin projects from outside the repository (Flutter's plugins, React Native's autolinked
/// modules), whose manifests may declare the components, permissions and meta-data a rule would
/// otherwise find missing (`jpush_flutter` declares JPush's receiver, `firebase_messaging`
/// `POST_NOTIFICATIONS`). Rules about something missing from the merged manifest say nothing then.
pub(crate) fn manifest_open(cx: &Ctx, view: &VariantView) -> bool {
    tool_adds_dependencies(cx, view.module)
}
