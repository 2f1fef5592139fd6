//! Script plugins: `apply from: 'config.gradle'` runs another script's statements as if written
//! in the applying one. They are read here, resolved the way Gradle resolves them (relative to
//! the project's folder, `$rootDir` and `rootProject.file` to the root), a few levels deep.

use super::{Loader, normalize};
use crate::parse::gradle::{AppliedScript, RepoScope, TemplatePart, Value};
use crate::project::{AppliedBuild, BuildFile, UnreadScript};
use crate::span::Span;
use std::path::{Path, PathBuf};

/// Scripts applying scripts are followed this deep.
const MAX_DEPTH: usize = 4;

/// The scripts `build` (the build file of the project in `project_dir`) applies, followed
/// recursively; and the statements that could not be followed (a computed path, a URL, a file
/// outside the root or not on disk): what those scripts do is unknown.
pub(crate) fn read(
    ld: &mut Loader,
    build: &BuildFile,
    project_dir: &Path,
    root: &Path,
) -> (Vec<AppliedBuild>, Vec<UnreadScript>) {
    let mut out: Vec<AppliedBuild> = Vec::new();
    let mut unread = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    // (script, the statement in the project's own file, buildscript, depth)
    let mut queue: Vec<(AppliedScript, Span, bool, usize)> = build
        .script
        .applied_scripts
        .iter()
        .map(|a| (a.clone(), Span::new(build.file, a.range), a.buildscript, 0))
        .collect();
    queue.reverse();
    while let Some((a, at, buildscript, depth)) = queue.pop() {
        let Some(path) = resolve(&a, project_dir, root) else {
            unread.push(UnreadScript { at, tool: tool_of(&a) });
            continue;
        };
        if seen.contains(&path) || depth >= MAX_DEPTH {
            continue;
        }
        seen.push(path.clone());
        let Some(script) = (path.is_file()).then(|| ld.gradle(&path)).flatten() else {
            unread.push(UnreadScript { at, tool: tool_of(&a) });
            continue;
        };
        let script = if buildscript { into_buildscript(script) } else { script };
        let nested: Vec<_> = script
            .script
            .applied_scripts
            .iter()
            .rev()
            .map(|n| (n.clone(), at, buildscript || n.buildscript, depth + 1))
            .collect();
        out.push(AppliedBuild { build: script, at, buildscript });
        queue.extend(nested);
    }
    (out, unread)
}

/// Build tools whose own Gradle scripts projects apply from outside the repository (the SDK or
/// `node_modules`), by a part of their path: they configure the project and add dependencies, but
/// apply no vendor plugin.
const TOOL_SCRIPTS: &[(&str, &str)] = &[
    ("flutter_tools/gradle/", "flutter"),
    ("@react-native-community/cli-platform-android/", "react-native"),
    ("react-native/react.gradle", "react-native"),
];

fn tool_of(a: &AppliedScript) -> Option<&'static str> {
    let text = match &a.path.as_ref()?.value {
        Value::Str(s) => s.clone(),
        Value::Template(parts) => parts
            .iter()
            .map(|p| match p {
                TemplatePart::Lit(l) => l.as_str(),
                TemplatePart::Expr(_) => "",
            })
            .collect(),
        _ => return None,
    };
    TOOL_SCRIPTS.iter().find(|(marker, _)| text.contains(marker)).map(|(_, tool)| *tool)
}

/// The file an `apply from:` names, inside the root; None when it cannot be known statically.
fn resolve(a: &AppliedScript, project_dir: &Path, root: &Path) -> Option<PathBuf> {
    let written = match &a.path.as_ref()?.value {
        Value::Str(s) => s.clone(),
        Value::Template(parts) => {
            let mut s = String::new();
            for p in parts {
                match p {
                    TemplatePart::Lit(l) => s.push_str(l),
                    TemplatePart::Expr(e) => match e.as_str() {
                        "rootDir" | "rootProject.rootDir" | "rootProject.projectDir" | "project.rootDir" => {
                            s.push_str(&root.to_string_lossy())
                        }
                        "projectDir" | "project.projectDir" => s.push_str(&project_dir.to_string_lossy()),
                        _ => return None,
                    },
                }
            }
            s
        }
        _ => return None,
    };
    if written.contains("://") {
        return None;
    }
    let base = if a.root { root } else { project_dir };
    let p = normalize(&base.join(&written));
    // Only what the repository holds is read; a script elsewhere is unknown.
    p.starts_with(root).then_some(p)
}

/// A script applied to `buildscript {}` declares there what it declares at its top level: its
/// `dependencies { classpath … }` are the classpath, its `repositories` the buildscript's.
fn into_buildscript(mut b: BuildFile) -> BuildFile {
    let (classpath, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut b.script.dependencies)
        .into_iter()
        .partition(|d| d.configuration.value == "classpath");
    b.script.classpath.extend(classpath);
    b.script.dependencies = rest;
    for r in &mut b.script.repositories {
        if r.scope == RepoScope::Project {
            r.scope = RepoScope::Buildscript;
        }
    }
    b
}
