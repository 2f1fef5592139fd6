//! The vendor × variant matrix of `pushlint status`: for every checked app variant and every
//! vendor it integrates, the state of each integration step, from the project model, the detected
//! integrations and a run's findings. It reads nothing from disk; renderers are the sibling files.

pub mod html;
pub mod human;
pub mod json;
mod steps;

pub use steps::{Step, step_of};

use crate::catalog::gradle::coordinate_matches;
use crate::catalog::{Catalog, PageForm, Vendor};
use crate::diagnostics::Diagnostic;
use crate::project::console::Certificate;
use crate::project::detect::{EvidenceKind, Integration};
use crate::project::variants::Variant;
use crate::project::{Project, merge};
use crate::rules::Rule;
use crate::rules::plugins::{Seen, applied, config_for};
use crate::span::FileId;
use std::collections::HashMap;

/// The state of one step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    Ok,
    /// A finding of this run is about it.
    Problem,
    /// The vendor's integration has no such step (Xiaomi reads no config file).
    NotNeeded,
    /// pushlint cannot tell, and says why.
    Unknown,
}

impl State {
    /// The value in `pushlint status --format json`.
    pub fn key(self) -> &'static str {
        match self {
            State::Ok => "ok",
            State::Problem => "problem",
            State::NotNeeded => "notNeeded",
            State::Unknown => "unknown",
        }
    }
    /// A symbol that reads without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            State::Ok => "✓",
            State::Problem => "✗",
            State::NotNeeded => "–",
            State::Unknown => "?",
        }
    }
    pub fn word(self) -> &'static str {
        match self {
            State::Ok => "ok",
            State::Problem => "problem",
            State::NotNeeded => "not needed",
            State::Unknown => "unknown",
        }
    }
}

/// One step of one vendor in one variant.
#[derive(Clone, Debug)]
pub struct Check {
    pub state: State,
    /// The findings (indices into the run's list) that make it a problem.
    pub findings: Vec<usize>,
    /// What was found when it is ok (`certificate 40002`), or why it is not needed or unknown.
    pub note: Option<String>,
}

impl Check {
    fn ok(note: Option<String>) -> Check {
        Check { state: State::Ok, findings: Vec::new(), note }
    }
    fn unknown(why: String) -> Check {
        Check { state: State::Unknown, findings: Vec::new(), note: Some(why) }
    }
    fn not_needed(why: String) -> Check {
        Check { state: State::NotNeeded, findings: Vec::new(), note: Some(why) }
    }
}

/// How a vendor is integrated: the integration profiles (the raw SDK, TIMPush, an aggregator),
/// named as the catalog names them, the SDK version and the evidence.
#[derive(Clone, Debug)]
pub struct Route {
    pub profiles: Vec<String>,
    /// `TIMPush`, `vendor SDK`, or several joined with ` + `.
    pub name: String,
    pub version: Option<String>,
    /// The aggregators the vendor is reached through, as detection names them (`JPush 5.2.0`).
    pub via: Vec<String>,
    /// The vendor on this route as detection names it (`Xiaomi via JPush 5.2.0`, `Huawei`).
    pub title: String,
    /// What detection found, as `--explain-detection` prints it.
    pub evidence: Vec<String>,
}

impl Route {
    /// How the integration column shows it: the aggregators, else the profiles and version.
    pub fn label(&self) -> String {
        match (&self.via[..], &self.version) {
            ([], Some(v)) => format!("{} {v}", self.name),
            ([], None) => self.name.clone(),
            (via, _) => via.join(", "),
        }
    }
}

/// One integrated vendor of one variant.
#[derive(Clone, Debug)]
pub struct VendorStatus {
    /// The catalog id (`xiaomi`).
    pub vendor: String,
    /// How the catalog names it (`Xiaomi`).
    pub display: String,
    pub route: Route,
    /// In `Step::ALL` order.
    pub checks: Vec<Check>,
    /// Every finding about this vendor in this variant, in the run's order.
    pub findings: Vec<usize>,
}

impl VendorStatus {
    pub fn check(&self, step: Step) -> &Check {
        &self.checks[step.index()]
    }
    /// Problem if a step has one, else unknown if a step is, else ok.
    pub fn overall(&self) -> State {
        let any = |s: State| self.checks.iter().any(|c| c.state == s);
        if any(State::Problem) {
            State::Problem
        } else if any(State::Unknown) {
            State::Unknown
        } else {
            State::Ok
        }
    }
}

/// One checked app variant.
#[derive(Clone, Debug)]
pub struct VariantStatus {
    pub module: usize,
    /// The module's Gradle path (`:app`).
    pub module_path: String,
    pub variant: String,
    pub application_id: Option<String>,
    pub vendors: Vec<VendorStatus>,
    /// Findings that hold for this variant but for none of its vendors' steps.
    pub other: Vec<usize>,
}

impl VariantStatus {
    /// How many vendors are in each overall state: (ok, problem, unknown).
    pub fn tally(&self) -> (usize, usize, usize) {
        let n = |s: State| self.vendors.iter().filter(|v| v.overall() == s).count();
        (n(State::Ok), n(State::Problem), n(State::Unknown))
    }
    /// Every finding of the variant, once, in the run's order.
    pub fn findings(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self.vendors.iter().flat_map(|v| v.findings.iter().copied()).collect();
        all.extend(&self.other);
        all.sort_unstable();
        all.dedup();
        all
    }
}

/// The matrix of one project.
#[derive(Clone, Debug, Default)]
pub struct ProjectStatus {
    pub variants: Vec<VariantStatus>,
    /// Findings that concern no checked variant in particular (a committed secret, a certificate
    /// no variant uses, pushlint's own configuration).
    pub other: Vec<usize>,
}

/// One project's matrix as the renderers take it: the findings its indices point into, their
/// sources (paths as they are to be shown) and the project root as shown.
#[derive(Clone, Copy)]
pub struct Part<'a> {
    pub status: &'a ProjectStatus,
    pub diagnostics: &'a [Diagnostic],
    pub sources: &'a dyn crate::diagnostics::Sources,
    /// The project root as the report shows it (none in the library's own report).
    pub root: Option<&'a str>,
}

/// What the matrix is computed from.
pub struct Inputs<'a> {
    pub project: &'a Project,
    pub catalog: &'a Catalog,
    /// The checked app variants, with what each integrates: (module index, variant index, integrations).
    pub checked: Vec<(usize, usize, &'a [Integration])>,
    /// The run's findings (sorted, suppressed and masked as the engine leaves them).
    pub diagnostics: &'a [Diagnostic],
    /// Whether a rule ran in this run.
    pub ran: &'a dyn Fn(&Rule) -> bool,
}

/// The matrix of a linted project: its checked variants and findings as `report` holds them.
pub fn of_report(report: &crate::Report, catalog: &Catalog, ran: &dyn Fn(&Rule) -> bool) -> ProjectStatus {
    compute(&Inputs {
        project: &report.project,
        catalog,
        checked: report.modules.checked().map(|(m, v, i)| (m, v, i.as_slice())).collect(),
        diagnostics: &report.diagnostics,
        ran,
    })
}

/// What the rows are computed with.
struct Cx<'a> {
    project: &'a Project,
    catalog: &'a Catalog,
    /// Whether some rule of each step ran (`Step::ALL` order).
    ran: [bool; 7],
    /// The applicationIds of the checked variants.
    app_ids: Vec<&'a str>,
    single_app: bool,
}

pub fn compute(inputs: &Inputs) -> ProjectStatus {
    let project = inputs.project;
    let mut ran = [false; 7];
    for rule in crate::rules::all().filter(|r| (inputs.ran)(r)) {
        if let Some(step) = step_of(rule) {
            ran[step.index()] = true;
        }
    }
    let variant_of = |m: usize, v: usize| project.modules.get(m).and_then(|module| module.variants.get(v));
    let cx = Cx {
        project,
        catalog: inputs.catalog,
        ran,
        app_ids: inputs.checked.iter().filter_map(|&(m, v, _)| variant_of(m, v)?.app_id()).collect(),
        single_app: project.app_modules().count() == 1,
    };
    let mut out = ProjectStatus::default();
    let mut config_files: Vec<Vec<Option<FileId>>> = Vec::new();
    let mut variants: Vec<&Variant> = Vec::new();
    for &(m, v, integrations) in &inputs.checked {
        let (Some(module), Some(variant)) = (project.modules.get(m), variant_of(m, v)) else { continue };
        let mut files = Vec::new();
        // The credentials the variant carries, by vendor, read once for all its vendors.
        let mut creds: Vec<(String, String)> =
            crate::rules::console::credentials_of(project, cx.catalog, m, variant)
                .into_iter()
                .filter(|c| c.is_comparable())
                .map(|c| (c.field.vendor.clone(), c.holder))
                .collect();
        // An aggregator's channel keys (`XIAOMI_APPID` for JPush) are placeholders of their vendor.
        for f in cx.catalog.profiles.iter().flat_map(|p| &p.placeholder) {
            let (Some(v), Some(p)) = (&f.vendor, variant.placeholder(&f.name)) else { continue };
            if p.value.known().is_some_and(|l| !cx.catalog.console.is_placeholder(&l.value)) {
                creds.push((v.clone(), format!("placeholder `{}`", f.name)));
            }
        }
        let vendors = integrations
            .iter()
            .filter_map(|i| {
                let vendor = cx.catalog.vendor(&i.vendor)?;
                let (row, file) = row(&cx, m, variant, vendor, i, &creds);
                files.push(file);
                Some(row)
            })
            .collect();
        config_files.push(files);
        variants.push(variant);
        out.variants.push(VariantStatus {
            module: m,
            module_path: module.path.clone(),
            variant: variant.name.clone(),
            application_id: variant.app_id().map(str::to_string),
            vendors,
            other: Vec::new(),
        });
    }
    let mut owners: HashMap<FileId, Option<usize>> = HashMap::new();
    for (idx, d) in inputs.diagnostics.iter().enumerate() {
        let step = crate::rules::find(d.code).and_then(step_of);
        let owner = d.file().and_then(|f| *owners.entry(f).or_insert_with(|| owner_of(project, f)));
        let mut placed = false;
        for (vs, (variant, files)) in out.variants.iter_mut().zip(variants.iter().zip(&config_files)) {
            let merged = merge::merged_modules(project, vs.module);
            if owner.is_some_and(|o| !merged.contains(&o)) || !for_variant(d, &vs.variant) {
                continue;
            }
            if crate::status::steps::BY_CERTIFICATE.contains(&d.code) && !certificate_scope(&cx, d, variant) {
                continue;
            }
            let mut in_row = false;
            for (row, file) in vs.vendors.iter_mut().zip(files) {
                // An unreadable config file is that step's problem, whichever rule says so.
                let cell = match step {
                    Some(s) if d.vendors.contains(&row.vendor) => Some(s),
                    None if file.is_some() && d.file() == *file => Some(Step::ConfigFile),
                    _ => None,
                };
                if let Some(s) = cell {
                    row.checks[s.index()].findings.push(idx);
                    row.findings.push(idx);
                    in_row = true;
                }
            }
            // Otherwise the variant lists it when the finding names the variant or lies in its modules.
            if !in_row && (d.variant.is_some() || owner.is_some()) {
                vs.other.push(idx);
                in_row = true;
            }
            placed |= in_row;
        }
        if !placed {
            out.other.push(idx);
        }
    }
    for vs in &mut out.variants {
        for row in &mut vs.vendors {
            for check in &mut row.checks {
                if !check.findings.is_empty() {
                    check.state = State::Problem;
                    check.note = None;
                }
            }
        }
    }
    out
}

/// `items` without repeats, in their first order.
pub fn unique<T: PartialEq>(items: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

/// Whether a finding holds for the variant named `name` (it names no variants, or this one).
fn for_variant(d: &Diagnostic, name: &str) -> bool {
    d.variant.as_deref().is_none_or(|list| list.split(',').any(|v| v.trim() == name))
}

/// The module whose folder holds `file` (the most nested one), if any.
fn owner_of(project: &Project, file: FileId) -> Option<usize> {
    let f = project.files.get(file);
    if f.external {
        return None;
    }
    let path = f.rel.as_str();
    project
        .modules
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            m.dir_rel.is_empty() || path.strip_prefix(m.dir_rel.as_str()).is_some_and(|r| r.starts_with('/'))
        })
        .max_by_key(|(_, m)| m.dir_rel.len())
        .map(|(i, _)| i)
}

/// Whether a certificate applies to a variant: it names the variant's applicationId, or, in a
/// project with one app module, a package no checked variant has (as the console rules decide).
fn certificate_applies(cx: &Cx, cert: &Certificate, variant: &Variant) -> bool {
    match &cert.package_name {
        None => cx.single_app,
        Some(pkg) => {
            variant.app_id() == Some(pkg.value.as_str())
                || (cx.single_app && !cx.app_ids.contains(&pkg.value.as_str()))
        }
    }
}

/// For a finding of a rule that reads certificates alone: whether a certificate it points into
/// applies to the variant (true when it points into none).
fn certificate_scope(cx: &Cx, d: &Diagnostic, variant: &Variant) -> bool {
    let spans: Vec<crate::span::Span> = d.primary.iter().chain(&d.secondary).map(|l| l.span).collect();
    let certs: Vec<&Certificate> = cx
        .project
        .consoles
        .iter()
        .flat_map(|c| &c.certificates)
        .filter(|c| {
            spans.iter().any(|s| {
                s.file == c.span.file
                    && s.range.start >= c.span.range.start
                    && s.range.end <= c.span.range.end
            })
        })
        .collect();
    certs.is_empty() || certs.iter().any(|c| certificate_applies(cx, c, variant))
}

/// A vendor's row before findings are placed, and the config file the variant reads for it.
fn row(
    cx: &Cx,
    m: usize,
    variant: &Variant,
    vendor: &Vendor,
    i: &Integration,
    creds: &[(String, String)],
) -> (VendorStatus, Option<FileId>) {
    let route = route(cx, vendor, i);
    let (file_check, file) = config_file(cx, m, variant, vendor, i);
    let cert = cx
        .project
        .consoles
        .iter()
        .flat_map(|c| &c.certificates)
        .find(|c| c.vendor.value == vendor.id && certificate_applies(cx, c, variant));
    let checks: Vec<Check> = Step::ALL
        .iter()
        .map(|&step| {
            let check = match step {
                Step::Sdk => Check::ok(None),
                Step::Manifest => manifest(cx, i),
                Step::ConfigFile => file_check.clone(),
                Step::Plugin => plugin(cx, m, vendor, i),
                Step::Credentials => credentials(cx, vendor, creds),
                Step::Certificate | Step::Click if !on_console(cx, i) => own_console(cx, i, step),
                Step::Certificate => certificate(cx, variant, cert),
                Step::Click => click(cx, vendor, cert),
            };
            if check.state == State::Ok && !cx.ran[step.index()] {
                return Check::unknown(format!("no rule that checks the {} ran", step.label()));
            }
            check
        })
        .collect();
    let status = VendorStatus {
        vendor: vendor.id.clone(),
        display: vendor.display.clone(),
        route,
        checks,
        findings: Vec::new(),
    };
    (status, file)
}

/// The integration's profiles as the catalog names them, and the SDK version it declares.
fn route(cx: &Cx, vendor: &Vendor, i: &Integration) -> Route {
    let names: Vec<&str> =
        i.profiles.iter().map(|p| cx.catalog.profile(p).map_or(p.as_str(), |x| x.display.as_str())).collect();
    let version =
        i.evidence.iter().filter(|e| e.kind == EvidenceKind::Dependency).find_map(|e| e.version.clone());
    Route {
        profiles: i.profiles.clone(),
        name: names.join(" + "),
        version,
        via: i.via.clone(),
        title: i.name(&vendor.display),
        evidence: i.evidence.iter().map(|e| e.what.clone()).collect(),
    }
}

/// The artifacts (`group:name`) the integration was detected by.
fn artifacts(i: &Integration) -> impl Iterator<Item = &str> {
    i.evidence.iter().filter(|e| e.kind == EvidenceKind::Dependency).map(|e| e.artifact.as_str())
}

/// How reasons name the integration: its first artifact (`com.huawei.hms:push`).
fn subject(i: &Integration) -> String {
    match artifacts(i).next() {
        Some(a) => format!("`{a}`"),
        None => "this integration".to_string(),
    }
}

/// Unknown when a profile that is only said to declare the vendor's components brings them in
/// through a library whose manifest was not read: the rules then take the profile at its word.
fn manifest(cx: &Cx, i: &Integration) -> Check {
    for profile in cx.catalog.profiles.iter().filter(|p| i.profiles.contains(&p.id)) {
        let s = &profile.supplies;
        let unconfirmed =
            [&s.components, &s.permissions].iter().any(|c| c.as_ref().is_some_and(|c| !c.confirmed));
        if !unconfirmed {
            continue;
        }
        let unread = i.evidence.iter().find(|e| {
            e.profile == profile.id && e.kind == EvidenceKind::Dependency && !e.library_known(cx.project)
        });
        if unread.is_some() {
            return Check::unknown(format!(
                "the {} AAR manifests were not read (not on disk, not in the catalog), so {} is taken at its word",
                profile.display, profile.display
            ));
        }
    }
    Check::ok(None)
}

/// Whether each of the vendor's plugins is required by the integration's artifacts.
fn required(vendor: &Vendor, i: &Integration) -> Vec<bool> {
    vendor
        .gradle
        .plugins
        .iter()
        .map(|p| artifacts(i).any(|a| p.required_by.iter().any(|pat| coordinate_matches(pat, a))))
        .collect()
}

fn plugin(cx: &Cx, m: usize, vendor: &Vendor, i: &Integration) -> Check {
    let plugins = &vendor.gradle.plugins;
    if plugins.is_empty() {
        return Check::not_needed(format!("{} has no Gradle plugin", vendor.display));
    }
    let needed = required(vendor, i);
    let seen: Vec<Seen> = plugins.iter().map(|p| applied(cx.project, m, &p.id).0).collect();
    let module = cx.project.modules.get(m).map_or("", |x| x.path.as_str());
    let wanted: Vec<usize> = (0..plugins.len()).filter(|&k| needed[k]).collect();
    if !wanted.is_empty() {
        if let Some(&k) = wanted.iter().find(|&&k| seen[k] != Seen::Yes) {
            return Check::unknown(if seen[k] == Seen::Unknown {
                format!(
                    "whether `{module}` applies `{}` is not known (build logic pushlint cannot read)",
                    plugins[k].id
                )
            } else {
                format!("`{module}` does not apply `{}`", plugins[k].id)
            });
        }
        let ids: Vec<String> = wanted.iter().map(|&k| format!("`{}` applied", plugins[k].id)).collect();
        return Check::ok(Some(ids.join(", ")));
    }
    match (0..plugins.len()).find(|&k| seen[k] == Seen::Yes) {
        Some(k) => Check::ok(Some(format!("`{}` applied", plugins[k].id))),
        None => Check::unknown(format!(
            "the catalog does not say whether {} needs `{}`",
            subject(i),
            plugins[0].id
        )),
    }
}

fn config_file(
    cx: &Cx,
    m: usize,
    variant: &Variant,
    vendor: &Vendor,
    i: &Integration,
) -> (Check, Option<FileId>) {
    let needed = required(vendor, i);
    let with_file =
        vendor.gradle.plugins.iter().enumerate().find_map(|(k, p)| Some((k, p, p.config_file.as_ref()?)));
    let Some((k, plugin, cfg)) = with_file else {
        return (Check::not_needed(format!("{} reads no config file", vendor.display)), None);
    };
    let Some(module) = cx.project.modules.get(m) else { return (Check::unknown("no module".into()), None) };
    if let Some(f) = config_for(&module.json_files, cfg, variant) {
        let path = &cx.project.files.get(f.file).rel;
        if f.doc.root.is_none() {
            return (Check::unknown(format!("`{path}` could not be read")), Some(f.file));
        }
        return (Check::ok(Some(format!("`{path}`"))), Some(f.file));
    }
    let why = if needed[k] && applied(cx.project, m, &plugin.id).0 != Seen::Yes {
        format!("no copy of `{}` was found, and `{}`, which reads it, is not applied", cfg.name, plugin.id)
    } else if needed[k] || applied(cx.project, m, &plugin.id).0 == Seen::Yes {
        format!("no `{}` is read for this variant", cfg.name)
    } else {
        format!("the catalog does not say whether {} needs `{}`", subject(i), cfg.name)
    };
    (Check::unknown(why), None)
}

/// `creds`: (vendor id, where the value is) of each credential the variant carries.
fn credentials(cx: &Cx, vendor: &Vendor, creds: &[(String, String)]) -> Check {
    let facts = &cx.catalog.console;
    let has_fields = facts.fields_of(&vendor.id).next().is_some()
        || cx
            .catalog
            .profiles
            .iter()
            .any(|p| p.placeholder.iter().any(|f| f.vendor.as_deref() == Some(&vendor.id)));
    let has_placeholders = vendor.manifest.meta_data.iter().any(|d| d.placeholder.is_some());
    if !has_fields && !has_placeholders {
        return Check::not_needed(format!("the catalog knows no {} credential", vendor.display));
    }
    let holders: Vec<&str> =
        unique(creds.iter().filter(|(v, _)| *v == vendor.id).map(|(_, h)| h.as_str()).collect());
    if holders.is_empty() {
        return Check::unknown(
            "no id or key of the vendor found in code constants, placeholders, `timpush-configs.json` or vendor files"
                .into(),
        );
    }
    Check::ok(Some(holders.join(", ")))
}

/// Whether the IM console's certificates concern the integration: not when every profile it
/// comes through is an aggregator with its own console.
fn on_console(cx: &Cx, i: &Integration) -> bool {
    i.profiles.iter().any(|p| cx.catalog.profile(p).is_none_or(|p| p.console))
}

/// The certificate and click steps of an integration whose credentials live in an aggregator's
/// own console, which pushlint does not read.
fn own_console(cx: &Cx, i: &Integration, step: Step) -> Check {
    let names: Vec<&str> =
        i.profiles.iter().filter_map(|p| cx.catalog.profile(p)).map(|p| p.display.as_str()).collect();
    let names = names.join(", ");
    match step {
        Step::Certificate => {
            Check::not_needed(format!("{names} keeps the vendor credentials in its own console"))
        }
        _ => Check::unknown(format!(
            "the click action is set in the {names} console, which pushlint does not read"
        )),
    }
}

const NO_CONSOLE: &str = "no console snapshot (`push-console.json` at the project root, or `--console FILE`)";

fn certificate(cx: &Cx, variant: &Variant, cert: Option<&Certificate>) -> Check {
    if cx.project.consoles.is_empty() {
        return Check::unknown(NO_CONSOLE.into());
    }
    match (cert, variant.app_id()) {
        (Some(c), _) => Check::ok(Some(match &c.id {
            Some(id) => format!("certificate {}", id.value),
            None => "certificate without an id".into(),
        })),
        (None, Some(app_id)) => {
            Check::unknown(format!("the console has no certificate of the vendor for `{app_id}`"))
        }
        (None, None) => Check::unknown("the applicationId is not known statically".into()),
    }
}

fn click(cx: &Cx, vendor: &Vendor, cert: Option<&Certificate>) -> Check {
    if cx.project.consoles.is_empty() {
        return Check::unknown(NO_CONSOLE.into());
    }
    let Some(cert) = cert else { return Check::unknown("no certificate, so no click action".into()) };
    let Some(action) = &cert.click_action else {
        return Check::unknown("the certificate records no click action".into());
    };
    match action.kind.value.as_str() {
        "openPage" if vendor.click.page == PageForm::Unknown => {
            Check::unknown(format!("the catalog does not say how {} opens a page", vendor.display))
        }
        "openApp" => Check::ok(Some("opens the app".into())),
        "openPage" => Check::ok(Some("opens a page".into())),
        "openUrl" => Check::ok(Some("opens a URL".into())),
        other => Check::unknown(format!("click action type `{other}`")),
    }
}
