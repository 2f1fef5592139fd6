//! The folders of a module's source sets as Gradle sees them: `src/<set>/`, or for Kotlin
//! Multiplatform `src/androidMain/` as `main`, `src/android<Name>/` as `<name>` and
//! `src/commonMain/` for code only; then the code, resource and asset folders that
//! `sourceSets { }` adds or replaces. A folder named by an expression, or inside a condition,
//! is not followed: which one Gradle uses is not static.

use super::{DirCache, Listing, dir_literal, is_test_source_set};
use crate::parse::gradle::{PluginSyntax, PluginUse, SrcKind, Value};
use crate::project::paths::normalize;
use crate::project::{BuildFile, Catalogs};
use std::path::{Path, PathBuf};

/// The Kotlin Multiplatform plugin.
pub(crate) const KMP_PLUGIN: &str = "org.jetbrains.kotlin.multiplatform";

/// One folder under `src/` and the Android source set it holds.
pub(super) struct SetDir {
    pub set: String,
    pub dir: PathBuf,
    pub listing: Listing,
    /// Only code is compiled from it (KMP `commonMain`): no manifest, resources or vendor files.
    pub code_only: bool,
}

/// The plugin ids a script applies, catalog aliases resolved.
pub(crate) fn plugin_ids(build: &BuildFile, catalog: Catalogs) -> Vec<String> {
    build.script.plugins.iter().filter(|p| p.apply).filter_map(|p| plugin_use_id(p, catalog)).collect()
}

/// The id a plugin statement names: a literal, or a catalog alias resolved.
pub(crate) fn plugin_use_id(p: &PluginUse, catalog: Catalogs) -> Option<String> {
    match (&p.syntax, &p.id.value) {
        (PluginSyntax::Alias, Value::Ref(r)) => catalog.plugin_id(r),
        (_, v) => v.literal(),
    }
}

/// The source-set folders under `src` (listed in `src_listing`). A module is laid out for
/// Kotlin Multiplatform when it applies the plugin (`kmp`) or has `src/androidMain/`; then
/// `src/main/` counts only when `androidMain` is absent (the older layout), and no flavor or
/// build-type folder is ever taken for `main`.
pub(super) fn set_dirs(
    src: &Path,
    src_listing: &Listing,
    kmp: bool,
    cache: Option<&DirCache>,
) -> Vec<SetDir> {
    let kmp = kmp || src_listing.is_dir("androidMain");
    let has_android_main = src_listing.is_dir("androidMain");
    let mut out: Vec<SetDir> = Vec::new();
    for name in src_listing.dirs() {
        let (set, code_only) = if kmp {
            match name {
                "androidMain" => ("main".to_string(), false),
                "commonMain" => ("main".to_string(), true),
                "main" if !has_android_main => ("main".to_string(), false),
                // `androidUnitTest`, `androidInstrumentedTest`: test sets of the Android target.
                _ => match name.strip_prefix("android") {
                    Some(rest)
                        if rest.starts_with(|c: char| c.is_ascii_uppercase()) && !rest.ends_with("Test") =>
                    {
                        (lower_first(rest), false)
                    }
                    _ => continue,
                },
            }
        } else {
            (name.to_string(), false)
        };
        if is_test_source_set(&set) {
            continue;
        }
        let dir = src.join(name);
        out.push(SetDir { set, listing: Listing::of(&dir, cache), dir, code_only });
    }
    out.sort_by(|a, b| (&a.set, a.code_only, &a.dir).cmp(&(&b.set, b.code_only, &b.dir)));
    out
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// The folders of `kinds` for every source set, in set order: each set's default folder
/// (`src/<set>/java`, …) unless a `sourceSets` statement replaced it, then the folders the
/// statements add (relative to the module folder `module_dir`). Only folders that are known
/// statically are listed; they need not exist.
pub(super) fn roots(
    module_dir: &Path,
    sets: &[SetDir],
    build: Option<&BuildFile>,
    kinds: &[SrcKind],
) -> Vec<(String, PathBuf)> {
    let decls = build.map(|b| b.script.android.source_sets.as_slice()).unwrap_or_default();
    let mut names: Vec<&str> = sets.iter().map(|s| s.set.as_str()).collect();
    names.extend(decls.iter().map(|d| d.name.value.as_str()).filter(|n| !is_test_source_set(n)));
    names.sort_unstable();
    names.dedup();
    let mut out = Vec::new();
    for set in names {
        for &kind in kinds {
            let default = match kind {
                SrcKind::Java => "java",
                SrcKind::Kotlin => "kotlin",
                SrcKind::Res => "res",
                SrcKind::Assets => "assets",
            };
            let mut dirs: Vec<PathBuf> = sets
                .iter()
                .filter(|s| s.set == set && (!s.code_only || matches!(kind, SrcKind::Java | SrcKind::Kotlin)))
                .filter(|s| s.listing.is_dir(default))
                .map(|s| s.dir.join(default))
                .collect();
            for decl in decls.iter().filter(|d| d.name.value == set) {
                for op in decl.dir_ops.iter().filter(|o| o.kind == kind && !o.conditional) {
                    if op.replace {
                        dirs.clear();
                    }
                    if let Some(d) = dir_literal(&op.dir.value).filter(|d| !d.trim().is_empty()) {
                        dirs.push(normalize(&module_dir.join(d.trim())));
                    }
                }
            }
            for d in dirs {
                if !out.iter().any(|(s, p): &(String, PathBuf)| s == set && *p == d) {
                    out.push((set.to_string(), d));
                }
            }
        }
    }
    out
}
