//! The lint pipeline behind `lint` and `lint_root`: load the catalog and the project (in
//! parallel), build the rule context, run the enabled rules, then filter, suppress, sort and mask.

use crate::catalog::Catalog;
use crate::config::{self, Config};
use crate::diagnostics::{self, Diagnostic, Sources};
use crate::project::discover::{DirCache, Overlay};
use crate::project::{self, Project};
use crate::report::{ModuleSummary, Report, explain_detection};
use crate::{rules, span, suppress};
use std::path::Path;

/// What a caller that keeps state between runs (a language server) adds to the disk: texts of
/// files not saved yet, and folder listings it knows are current.
#[derive(Default)]
pub struct Inputs {
    pub overlay: Overlay,
    pub dirs: Option<std::sync::Arc<DirCache>>,
}

pub(crate) fn load_catalog(config: &Config) -> Result<Catalog, String> {
    match &config.rules_dir {
        Some(dir) => Catalog::with_dir(dir),
        None => Catalog::embedded(),
    }
    .map_err(|e| format!("invalid vendor catalog: {e}"))
}

/// Adds the configuration file to the project's files, so findings can point into it.
fn add_config_file(project: &mut Project, file: &config::file::FileConfig) {
    let abs = std::fs::canonicalize(&file.path).unwrap_or(file.path.clone());
    let rel = project::paths::relative(&abs, &project.root);
    let id = project.files.add(rel, file.text.clone(), "UTF-8");
    for p in &file.problems {
        project.problems.push(project::InputProblem {
            kind: match p.kind {
                config::file::ProblemKind::UnknownKey => project::InputProblemKind::ConfigKeyUnknown,
                config::file::ProblemKind::UnknownRule => project::InputProblemKind::ConfigRuleUnknown,
            },
            span: span::Span::new(id, p.range),
            message: p.message.clone(),
        });
    }
}

pub(crate) fn lint_with(
    root: &Path,
    config: &Config,
    file: Option<&config::file::FileConfig>,
    catalog: &Catalog,
    inputs: Inputs,
) -> Report {
    crate::pool::in_pool(|| lint_project(load_project(root, config, file, inputs), config, catalog))
}

/// Loads the vendor catalog while the project is read: for one app, parsing the catalog is a
/// good part of the run, and neither needs the other.
pub(crate) fn lint_loading_catalog(
    root: &Path,
    config: &Config,
    file: Option<&config::file::FileConfig>,
) -> Result<Report, String> {
    crate::pool::in_pool(|| {
        let (catalog, project) =
            rayon::join(|| load_catalog(config), || load_project(root, config, file, Inputs::default()));
        Ok(lint_project(project, config, &catalog?))
    })
}

/// The model of the project at `root` with its library manifests attached, and the catalog: what
/// the rules see, without running them.
pub(crate) fn load_model(
    root: &Path,
    config: &Config,
    file: Option<&config::file::FileConfig>,
) -> Result<(Project, Catalog), String> {
    crate::pool::in_pool(|| {
        let (catalog, project) =
            rayon::join(|| load_catalog(config), || load_project(root, config, file, Inputs::default()));
        let (catalog, mut project) = (catalog?, project);
        project::libraries::attach(&mut project, &catalog, &config.library_options());
        Ok((project, catalog))
    })
}

fn load_project(
    root: &Path,
    config: &Config,
    file: Option<&config::file::FileConfig>,
    inputs: Inputs,
) -> Project {
    let Inputs { mut overlay, dirs } = inputs;
    // `check --fix` lints its edits before writing them: they overlay the disk too.
    overlay.extend(config.overrides.iter().map(|(p, t)| (p.clone(), t.clone())));
    // `--stdin-filename`: that file's bytes, named from the current folder, decoded as a file's.
    let stdin = config.stdin.as_ref().map(|(path, bytes)| {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        (project::paths::normalize(&abs), bytes.clone())
    });
    let opts = project::discover::LoadOptions {
        consoles: config.consoles.clone(),
        overlay,
        stdin,
        exclude: config.exclude_set(),
        dirs,
    };
    let mut project = project::discover::load(root, &opts);
    if let Some(f) = file {
        add_config_file(&mut project, f);
    }
    project
}

fn lint_project(mut project: Project, config: &Config, catalog: &Catalog) -> Report {
    project::libraries::attach(&mut project, catalog, &config.library_options());
    let exclude = config.exclude_set();
    let cx = rules::Ctx::new(&project, catalog, &config.variants);
    // Rules run in parallel; their findings are concatenated in registry order, then sorted.
    let enabled: Vec<&rules::Rule> = rules::all().filter(|r| config.enabled(r)).collect();
    let per_rule: Vec<Vec<Diagnostic>> = {
        use rayon::prelude::*;
        enabled
            .par_iter()
            .map(|rule| {
                let mut found = Vec::new();
                (rule.check)(&cx, &mut found);
                let severity = config.severity_of(rule);
                for d in &mut found {
                    // A finding may lower its rule's default (a fact the catalog marks unconfirmed);
                    // a severity set in the config applies to every finding of the rule.
                    if d.code == rule.code && severity != rule.severity {
                        d.severity = severity;
                    }
                }
                found
            })
            .collect()
    };
    let mut diags: Vec<Diagnostic> = per_rule.into_iter().flatten().collect();
    project::libraries::anchor_findings(&project, &mut diags);
    // An edit inside a library's manifest (an AAR, the catalog) is no fix.
    for d in &mut diags {
        if d.fix.as_ref().is_some_and(|f| f.edits.iter().any(|e| project.files.get(e.span.file).external)) {
            d.fix = None;
        }
    }
    let detection = if config.explain_detection { Some(explain_detection(&cx)) } else { None };
    // The merged manifests are not needed past the rules: free them before the summary is built,
    // so the two never take memory at once.
    let mut cx = cx;
    let views = std::mem::take(&mut cx.views);
    drop(cx);
    let checked =
        views.into_iter().map(|v| (v.module, std::ptr::from_ref(v.variant), v.integrations)).collect();
    let modules = ModuleSummary::new(&project, catalog, checked);
    // Secrets are masked once, here, so every renderer (messages, labels, snippets) is covered:
    // those the rules know, and those the lexical detector finds in any file.
    let (secret_spans, masker) = secrets_of(&project, catalog);
    diags.retain(|d| {
        let Some(p) = &d.primary else { return true };
        let path = project.files.path(p.span.file);
        !exclude.as_ref().is_some_and(|g| g.is_match(path))
    });
    let before = diags.len();
    diags.retain(|d| {
        let Some(p) = &d.primary else { return true };
        let path = project.files.path(p.span.file);
        !rules::find(d.code).is_some_and(|r| config.ignored_in_file(r, path))
    });
    label_conventions(&project, &mut diags);
    let suppressed = before - diags.len() + suppress::apply(&project, config, &mut diags);
    diagnostics::sort_and_dedup(&mut diags, &project.files);
    diagnostics::mask::mask_with(&mut diags, &masker);
    project.files.mask(&secret_spans);
    // A secret value may also stand where no name says it is one (copied under another key):
    // every occurrence is masked in the files a finding shows.
    let shown: std::collections::BTreeSet<span::FileId> = diags
        .iter()
        .flat_map(|d| {
            d.primary
                .iter()
                .chain(&d.secondary)
                .map(|l| l.span.file)
                .chain(d.fix.iter().flat_map(|f| f.edits.iter().map(|e| e.span.file)))
        })
        .collect();
    project.files.mask_occurrences(&shown, &masker);
    let mut detection = detection;
    if let Some(text) = &mut detection {
        masker.mask_text(text);
    }
    Report { project, diagnostics: diags, modules, detection, suppressed }
}

/// Every secret the project holds, as the catalog-driven detector (`rules::security::secrets`)
/// and the lexical one (`rules::security::lexical`) find them: their spans, to mask in file texts,
/// and a masker for their values wherever else they appear.
pub(crate) fn secrets_of(
    project: &Project,
    catalog: &Catalog,
) -> (Vec<span::Span>, diagnostics::mask::Masker) {
    let secrets = rules::security::secrets(project, catalog);
    let mut values: Vec<String> = secrets.iter().map(|s| s.value.value.clone()).collect();
    // Values of loaded properties files (`local.properties`) are private to the developer.
    let loaded = project.loaded_properties.iter().filter_map(|l| l.props.as_ref());
    values.extend(loaded.flat_map(|p| p.entries.iter().map(|(_, v)| v.value.clone())));
    let mut spans: Vec<span::Span> = secrets.iter().map(|s| s.value.span).collect();
    for (file, ranges) in rules::security::lexical(project) {
        let text = &project.files.get(file).text;
        for r in ranges {
            // A value found by its name alone is looked for elsewhere (messages, other files)
            // when it is long enough to be no common word.
            let value = text.get(r.as_usize()).map(str::trim);
            if let Some(v) = value.filter(|v| v.len() >= 8 && !v.contains(char::is_whitespace)) {
                values.push(v.to_string());
            }
            spans.push(span::Span::new(file, r));
        }
    }
    (spans, diagnostics::mask::Masker::new(values))
}

/// A finding in a convention plugin's file also labels the line of each module that applies
/// it (those whose build file the finding already names, else every one), so the user sees
/// which module the build logic was checked for.
fn label_conventions(project: &Project, diags: &mut [Diagnostic]) {
    if project.conventions.is_empty() {
        return;
    }
    for d in diags.iter_mut() {
        let Some(file) = d.primary.as_ref().map(|p| p.span.file) else { continue };
        let Some(k) = project.conventions.iter().position(|c| c.build.file == file) else { continue };
        let conv = &project.conventions[k];
        let what = if conv.script {
            format!("script `{}`", conv.id)
        } else {
            format!("convention plugin `{}`", conv.id)
        };
        let users: Vec<(&project::Module, span::Span)> = project
            .modules
            .iter()
            .flat_map(|m| m.conventions.iter().filter(|a| a.plugin == k).map(move |a| (m, a.applied_at)))
            .collect();
        let named = |m: &project::Module| {
            m.build.as_ref().is_some_and(|b| d.secondary.iter().any(|l| l.span.file == b.file))
        };
        let involved: Vec<span::Span> = users.iter().filter(|(m, _)| named(m)).map(|(_, s)| *s).collect();
        let spans = if involved.is_empty() { users.iter().map(|(_, s)| *s).collect() } else { involved };
        for s in spans {
            if !d.secondary.iter().any(|l| l.span == s) {
                d.secondary.push(diagnostics::Label { span: s, message: format!("{what} applied here") });
            }
        }
    }
}
