//! The build's own build logic: included builds (`includeBuild(…)` in settings, also inside
//! `pluginManagement { }`) and `buildSrc/`, read for the convention plugins they define:
//! precompiled script plugins (`src/main/kotlin/<id>.gradle.kts`, `src/main/groovy/<id>.gradle`)
//! and plugin classes registered in `gradlePlugin { plugins { } }`. Nothing is compiled or run:
//! each is read as a build script, and a module that applies its id gets what it declares.

use super::layout::{plugin_ids, plugin_use_id};
use super::{Loader, dir_literal, present};
use crate::parse::gradle::{Dsl, GradleScript, Value, parse_plugin_class};
use crate::parse::java::SourceFileSummary;
use crate::parse::text::TextKind;
use crate::project::paths::{normalize, relative};
use crate::project::{
    AppliedConvention, BuildFile, Catalogs, ConventionPlugin, Located, ModuleKind, Project,
};
use crate::span::{FileId, Span};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Folders deeper than this under a plugin source root are not walked.
const MAX_DEPTH: usize = 16;
/// At most this many files are read as convention plugins per build-logic project.
const MAX_PLUGINS: usize = 256;
/// How deep convention plugins applying convention plugins are followed.
const MAX_NESTING: usize = 8;

/// The convention plugins of every build-logic folder, and the registered ids whose class was
/// not found (or is Java, which is not read).
pub(super) fn load(ld: &mut Loader, root: &Path, settings: Option<&BuildFile>, catalog: Catalogs) -> Loaded {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if root.join("buildSrc").is_dir() {
        dirs.push(root.join("buildSrc"));
    }
    for b in settings.iter().flat_map(|s| &s.script.included_builds) {
        if let Some(lit) = dir_literal(&b.value) {
            let d = normalize(&root.join(lit));
            if d.is_dir() && !dirs.contains(&d) {
                dirs.push(d);
            }
        }
    }
    let mut out = Vec::new();
    let mut unread = Vec::new();
    let mut constants = Vec::new();
    for dir in dirs {
        let origin = relative(&dir, root);
        // The included build's own projects: its root and what its settings include.
        let mut projects = vec![dir.clone()];
        let own_settings =
            ["settings.gradle.kts", "settings.gradle"].into_iter().map(|n| dir.join(n)).find(|p| present(p));
        if let Some(s) = own_settings.and_then(|p| ld.gradle(&p)) {
            for inc in &s.script.includes {
                let p = dir.join(inc.value.trim_start_matches(':').replace(':', "/"));
                if !projects.contains(&p) {
                    projects.push(p);
                }
            }
        }
        for p in projects {
            let sources = scan_sources(ld, &p);
            read_project(ld, &p, &origin, catalog, sources.app_id_mention, &mut out, &mut unread);
            constants.extend(sources.constants);
        }
    }
    Loaded { conventions: out, unread, constants: crate::project::build_constants::resolve(&constants) }
}

/// What the build logic gives the build: its convention plugins, the registered ids whose code
/// is not read, and the constants its sources declare for scripts.
pub(super) struct Loaded {
    pub conventions: Vec<ConventionPlugin>,
    pub unread: Vec<String>,
    pub constants: HashMap<String, Located<String>>,
}

/// What the Kotlin, Groovy and Java sources of a build-logic project show: the constants they
/// declare for scripts (`object Deps { const val … }`), scanned, and where one first writes
/// `applicationId` (a helper a plugin class calls may set the ids of the apps applying it). Each
/// file is read once; a bounded number of files, each bounded in size. Only files holding a
/// constant or that mention join the project's files.
#[derive(Default)]
struct Sources {
    constants: Vec<(FileId, SourceFileSummary)>,
    app_id_mention: Option<Span>,
}

fn scan_sources(ld: &mut Loader, dir: &Path) -> Sources {
    const MAX_FILES: usize = 512;
    const MAX_BYTES: u64 = 512 * 1024;
    const TOKEN: &str = "applicationId";
    let main = dir.join("src").join("main");
    let mut paths: Vec<PathBuf> = ["kotlin", "groovy", "java"]
        .iter()
        .flat_map(|lang| files_under(&main.join(lang), ""))
        .filter(|p| p.extension().is_some_and(|e| e == "kt" || e == "groovy" || e == "java"))
        .collect();
    paths.sort();
    paths.truncate(MAX_FILES);
    let mut out = Sources::default();
    for path in paths {
        let Ok(bytes) = ld.fence.read(&path, MAX_BYTES) else { continue };
        let Ok(text) = std::str::from_utf8(&bytes) else { continue };
        let kotlin = path.extension().is_some_and(|e| e == "kt");
        let scan = (kotlin || path.extension().is_some_and(|e| e == "java"))
            && SourceFileSummary::scan(text, kotlin).has_constants();
        let mentions = out.app_id_mention.is_none() && text.contains(TOKEN);
        if !scan && !mentions {
            continue;
        }
        // Read again as the project reads it (decoded, BOM dropped), so spans match its text.
        let Some(file) = ld.read(&path, TextKind::Other) else { continue };
        if scan {
            out.constants.push((file, SourceFileSummary::scan(ld.text(file), kotlin)));
        }
        if let Some(at) = ld.text(file).find(TOKEN).filter(|_| mentions) {
            out.app_id_mention = Some(Span::new(file, crate::span::TextRange::new(at, at + TOKEN.len())));
        }
    }
    out
}

fn read_project(
    ld: &mut Loader,
    dir: &Path,
    origin: &str,
    catalog: Catalogs,
    app_id_mention: Option<Span>,
    out: &mut Vec<ConventionPlugin>,
    unread: &mut Vec<String>,
) {
    let listing = ld.list(dir);
    let build = ["build.gradle.kts", "build.gradle"]
        .into_iter()
        .find(|n| listing.present(n))
        .and_then(|n| ld.gradle(&dir.join(n)));
    let main = dir.join("src").join("main");
    let mut read = 0;
    for (lang, suffix, dsl) in [("kotlin", ".gradle.kts", Dsl::Kotlin), ("groovy", ".gradle", Dsl::Groovy)] {
        for path in files_under(&main.join(lang), suffix) {
            let Some(stem) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(suffix))
            else {
                continue;
            };
            // `x.settings.gradle.kts` is a settings plugin: it never applies to a module.
            if stem.ends_with(".settings") || stem == "settings" || read >= MAX_PLUGINS {
                continue;
            }
            let stem = stem.to_string();
            let Some(b) = ld.gradle(&path) else { continue };
            let id = match (dsl, package_of(ld.text(b.file))) {
                (Dsl::Kotlin, Some(pkg)) => format!("{pkg}.{stem}"),
                _ => stem,
            };
            read += 1;
            out.push(ConventionPlugin {
                id,
                build: b,
                origin: origin.to_string(),
                script: false,
                app_id_elsewhere: None,
            });
        }
    }
    let Some(build) = build else { return };
    let classes_from = out.len();
    for reg in &build.script.plugin_registrations {
        let Some(id) = reg.id.as_ref().and_then(|v| registered_id(&v.value, catalog)) else { continue };
        let class = reg.implementation_class.as_ref().map(|c| c.value.as_str()).unwrap_or("");
        let simple = class.rsplit('.').next().unwrap_or("").to_string();
        // Java plugin classes are not read (their calls are not build-script shaped).
        let file = [("kotlin", ".kt", Dsl::Kotlin), ("groovy", ".groovy", Dsl::Groovy)].into_iter().find_map(
            |(lang, ext, dsl)| {
                let name = format!("{simple}{ext}");
                files_under(&main.join(lang), &name)
                    .into_iter()
                    .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy() == name))
                    .map(|p| (p, dsl))
            },
        );
        let Some((path, dsl)) = file.filter(|_| !simple.is_empty() && read < MAX_PLUGINS) else {
            unread.push(id);
            continue;
        };
        let Some(f) = ld.read(&path, TextKind::Other) else {
            unread.push(id);
            continue;
        };
        read += 1;
        let script: GradleScript = parse_plugin_class(ld.text(f), dsl);
        out.push(ConventionPlugin {
            id,
            build: BuildFile { file: f, script },
            origin: origin.to_string(),
            script: false,
            app_id_elsewhere: None,
        });
    }
    if out[classes_from..].is_empty() {
        return;
    }
    // The `apply` method is all that is read of a plugin class; the helpers it calls may set
    // application ids (`applicationId = AppConfig.packageName` in an extension function).
    for c in &mut out[classes_from..] {
        c.app_id_elsewhere = app_id_mention;
    }
}

/// A registration's id: a literal, or a catalog plugin (`libs.plugins.x.get().pluginId`).
fn registered_id(v: &Value, catalog: Catalogs) -> Option<String> {
    match v {
        Value::Ref(r) => catalog.plugin_id(r.strip_suffix(".pluginId")?),
        other => other.literal(),
    }
}

/// The `package` a Kotlin script declares before its first other statement.
fn package_of(text: &str) -> Option<String> {
    for line in text.lines().map(str::trim) {
        if line.is_empty()
            || line.starts_with("//")
            || line.starts_with("/*")
            || line.starts_with('*')
            || line.starts_with("@file")
        {
            continue;
        }
        let pkg = line.strip_prefix("package ")?.trim().trim_end_matches(';');
        return (!pkg.is_empty()).then(|| pkg.to_string());
    }
    None
}

/// Files under `base` whose name ends with `suffix`, sorted, links to folders not followed.
fn files_under(base: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![(base.to_path_buf(), 0usize)];
    while let Some((dir, depth)) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let Ok(ft) = e.file_type() else { continue };
            let p = e.path();
            if ft.is_dir() {
                if depth < MAX_DEPTH {
                    stack.push((p, depth + 1));
                }
            } else if p.file_name().is_some_and(|n| n.to_string_lossy().ends_with(suffix)) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Links each module to the convention plugins it applies (following conventions that apply
/// conventions), and classifies modules whose Android plugin comes from one.
pub(super) fn apply(project: &mut Project) {
    if project.conventions.is_empty() {
        return;
    }
    let catalog = project.catalogs();
    let mut linked: Vec<Vec<AppliedConvention>> = Vec::with_capacity(project.modules.len());
    for m in &project.modules {
        let mut applied: Vec<AppliedConvention> = Vec::new();
        if let Some(build) = &m.build {
            for p in build.script.plugins.iter().filter(|p| p.apply) {
                let Some(id) = plugin_use_id(p, catalog) else { continue };
                let at = Span::new(build.file, p.range);
                let mut queue: Vec<(String, usize)> = vec![(id, 0)];
                while let Some((id, depth)) = queue.pop() {
                    for (k, c) in project.conventions.iter().enumerate().filter(|(_, c)| c.id == id) {
                        if applied.iter().any(|a| a.plugin == k) || depth >= MAX_NESTING {
                            continue;
                        }
                        applied.push(AppliedConvention { plugin: k, applied_at: at });
                        queue.extend(plugin_ids(&c.build, catalog).into_iter().map(|i| (i, depth + 1)));
                    }
                }
            }
        }
        linked.push(applied);
    }
    let conventions = &project.conventions;
    let catalog = Catalogs { libs: project.version_catalog.as_ref(), others: &project.other_catalogs };
    for (m, linked) in project.modules.iter_mut().zip(linked) {
        // Scripts applied with `apply from:` were linked when the module was read.
        let mut applied = std::mem::take(&mut m.conventions);
        applied.extend(linked);
        let ids: Vec<String> =
            applied.iter().flat_map(|a| plugin_ids(&conventions[a.plugin].build, catalog)).collect();
        if ids.iter().any(|i| i == "com.android.application") {
            m.kind = ModuleKind::Application;
        } else if m.kind == ModuleKind::Other && ids.iter().any(|i| i == "com.android.library") {
            m.kind = ModuleKind::Library;
        }
        m.conventions = applied;
    }
}
