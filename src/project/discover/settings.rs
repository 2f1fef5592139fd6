//! The modules a build has: the settings script's includes (with `projectDir` remaps and
//! computed includes), or the root folder itself for a single-module build.

use super::{computed, dir_literal, is_android_plugin, normalize, relative};
use crate::fileio::Fence;
use crate::parse::gradle::Value;
use crate::project::{InputProblem, InputProblemKind, Project};
use crate::span::Span;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// `(gradle path, folder, the settings text that includes it)` for every module, in include
/// order; the project at `root` as read so far (settings and root build file).
pub(super) fn module_specs(project: &Project, root: &Path) -> Vec<(String, PathBuf, Option<Span>)> {
    let mut module_specs: Vec<(String, PathBuf, Option<Span>)> = Vec::new();
    if let Some(settings) = &project.settings {
        let script = &settings.script;
        let mut project_dirs: HashMap<&str, &Value> = HashMap::new();
        for pd in &script.project_dirs {
            project_dirs.insert(pd.project.value.as_str(), &pd.dir.value);
        }
        let mut seen: HashSet<String> = HashSet::new();
        for (i, inc) in script.includes.iter().enumerate() {
            let path = if inc.value.starts_with(':') { inc.value.clone() } else { format!(":{}", inc.value) };
            if !seen.insert(path.clone()) {
                continue;
            }
            let mut dir = root.join(path.trim_start_matches(':').replace(':', "/"));
            if let Some(lit) = project_dirs.get(path.as_str()).and_then(|v| dir_literal(v)) {
                dir = normalize(&root.join(lit));
            }
            // An include under a condition (`if (path.isNotBlank()) include(…)`) whose folder is
            // absent is most likely not included in this checkout's builds: nothing to read or say.
            if script.includes_conditional.get(i) == Some(&true) && !dir.is_dir() {
                continue;
            }
            module_specs.push((path, dir, Some(Span::new(settings.file, inc.range))));
        }
        // Paths computed at run time: the folders such scripts walk, each labelled with the call.
        if let Some(first) = script.computed_includes.first() {
            let known: HashSet<PathBuf> = module_specs.iter().map(|(_, d, _)| d.clone()).collect();
            let builds: HashSet<PathBuf> = script
                .included_builds
                .iter()
                .filter_map(|b| dir_literal(&b.value))
                .map(|d| normalize(&root.join(d)))
                .collect();
            for (path, dir) in computed::modules(root, &known, &builds) {
                if seen.insert(path.clone()) {
                    module_specs.push((path, dir, Some(Span::new(settings.file, *first))));
                }
            }
        }
    }
    let root_is_module = project.root_build.as_ref().is_some_and(|b| {
        b.script.android.present || b.script.plugins.iter().any(|p| p.apply && is_android_plugin(&p.id.value))
    });
    if root_is_module || (module_specs.is_empty() && project.settings.is_none()) {
        module_specs.insert(0, (":".to_string(), root.to_path_buf(), None));
    }
    module_specs
}

/// Points each missing module folder that exists in another case only (`KotlinApp` for
/// `:kotlinapp`) at that folder, as Gradle finds it on macOS and Windows, with an input problem
/// saying a Linux build does not.
pub(super) fn folders_in_other_case(
    specs: &mut [(String, PathBuf, Option<Span>)],
    root: &Path,
    fence: &Fence,
    problems: &mut Vec<InputProblem>,
) {
    // Each parent folder is listed once, however many of its modules are missing (a sparse checkout).
    let mut listings: HashMap<PathBuf, Listing> = HashMap::new();
    for (path, dir, include_span) in specs.iter_mut() {
        if dir.is_dir() {
            continue;
        }
        let Some(found) = folder_in_other_case(dir, fence, &mut listings) else { continue };
        if let Some(span) = *include_span {
            problems.push(InputProblem {
                kind: InputProblemKind::ModuleFolderCase,
                span,
                message: format!(
                    "module `{path}` is included as folder `{}`, which exists only as `{}`",
                    relative(dir, root),
                    relative(&found, root)
                ),
            });
        }
        *dir = found;
    }
}

/// A parent folder's sub-folders by lower-cased name.
type Listing = HashMap<String, Vec<PathBuf>>;

/// The one sibling of the missing folder `dir` whose name differs from it in case only; the
/// parents' listings are kept in `listings`.
fn folder_in_other_case(
    dir: &Path,
    fence: &Fence,
    listings: &mut HashMap<PathBuf, Listing>,
) -> Option<PathBuf> {
    let (parent, name) = (dir.parent()?, dir.file_name()?.to_str()?);
    let subs = listings.entry(parent.to_path_buf()).or_insert_with(|| {
        let mut by_name = Listing::new();
        for e in std::fs::read_dir(parent).into_iter().flatten().flatten() {
            if let (true, Some(n)) = (e.file_type().is_ok_and(|t| t.is_dir()), e.file_name().to_str()) {
                by_name.entry(n.to_ascii_lowercase()).or_default().push(e.path());
            }
        }
        by_name
    });
    // Two candidates (`Push` and `PUSH`): which one a case-insensitive system picks is unknown.
    match subs.get(&name.to_ascii_lowercase())?.as_slice() {
        [only] if fence.dir_allowed(only) => Some(only.clone()),
        _ => None,
    }
}
