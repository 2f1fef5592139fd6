//! Properties files that build scripts load into locals (`local.properties` and the like),
//! read for value resolution only. They are kept out of the source map: no finding points
//! into them and no report shows their text.

use super::{LoadOptions, MAX_FILE_SIZE};
use crate::fileio::Fence;
use crate::parse::properties::PropertiesFile;
use crate::parse::text::{TextKind, decode_owned};
use crate::project::resolve::join_rel;
use crate::project::{LoadedProperties, Project};

/// Reads every file a `PropertiesLoad` of the root or a module script names, and the root
/// `local.properties` (AGP's `gradleLocalProperties` reads it without a load). A file that is
/// absent, excluded, too large or unreadable has `props: None`: values read from it are unknown.
pub(super) fn read(project: &Project, opts: &LoadOptions, fence: &Fence) -> Vec<LoadedProperties> {
    let mut paths: Vec<String> = vec!["local.properties".to_string()];
    let root_file = project.root_build.as_ref().map(|b| b.file);
    let scripts = project
        .root_build
        .iter()
        .map(|b| (b, ""))
        .chain(project.modules.iter().filter_map(|m| m.build.as_ref().map(|b| (b, m.dir_rel.as_str()))));
    for (build, dir) in scripts {
        for load in &build.script.properties_loads {
            let base = if load.file.root || Some(build.file) == root_file { "" } else { dir };
            let p = join_rel(base, &load.file.path.value);
            if !paths.contains(&p) {
                paths.push(p);
            }
        }
    }
    paths
        .into_iter()
        .map(|path| {
            let abs = project.root.join(&path);
            let excluded = opts.exclude.as_ref().is_some_and(|g| g.is_match(&path));
            let props = if excluded || path.starts_with("..") {
                None
            } else {
                fence
                    .read(&abs, MAX_FILE_SIZE)
                    .ok()
                    .map(|bytes| PropertiesFile::parse(&decode_owned(bytes, TextKind::Other).text))
            };
            LoadedProperties { path, props }
        })
        .collect()
}
