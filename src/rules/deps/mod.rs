//! PL3xx: SDK dependencies of each app variant (its own and those of the local libraries it
//! merges) against the catalog: families on one version, companions, minimum versions, dynamic
//! versions, duplicate integrations and removed APIs.

mod companion_dependency_missing;
mod dependency_version_conflict;
mod dependency_version_dynamic;
mod dependency_version_outdated;
mod push_integration_duplicate;
mod removed_api_used;
mod sdk_family_version_mismatch;
mod vendor_sdk_duplicate;

use super::Rule;
use crate::catalog::Catalog;
use crate::catalog::gradle::coordinate_matches;
use crate::project::deps::ResolvedDep;
use crate::span::Span;

pub static RULES: &[&Rule] = &[
    &sdk_family_version_mismatch::SDK_FAMILY_VERSION_MISMATCH,
    &companion_dependency_missing::COMPANION_DEPENDENCY_MISSING,
    &dependency_version_outdated::DEPENDENCY_VERSION_OUTDATED,
    &dependency_version_dynamic::DEPENDENCY_VERSION_DYNAMIC,
    &vendor_sdk_duplicate::VENDOR_SDK_DUPLICATE,
    &push_integration_duplicate::PUSH_INTEGRATION_DUPLICATE,
    &dependency_version_conflict::DEPENDENCY_VERSION_CONFLICT,
    &removed_api_used::REMOVED_API_USED,
];

/// Whether `coordinate` matches any of the `group:name` patterns.
pub(crate) fn matches_any(patterns: &[String], coordinate: &str) -> bool {
    patterns.iter().any(|p| coordinate_matches(p, coordinate))
}

/// Whether the catalog knows `coordinate` as push-related: a vendor artifact or plugin classpath,
/// an aggregator's own SDK, a family member, a companion, a minimum-version or removed-API
/// artifact, or listed in `dynamic_versions.also`.
pub(crate) fn push_related(catalog: &Catalog, coordinate: &str) -> bool {
    let f = &catalog.families;
    catalog.profiles.iter().any(|p| p.artifacts.iter().any(|a| a.module == coordinate))
        || catalog.vendors.iter().any(|v| {
            v.gradle.artifacts.iter().any(|a| a.module == coordinate)
                || v.gradle.plugins.iter().any(|p| p.classpath == coordinate)
        })
        || f.plugin.iter().any(|p| p.classpath == coordinate)
        || f.family.iter().any(|x| x.artifacts.iter().any(|a| a == coordinate))
        || f.companion.iter().any(|c| matches_any(&c.require, coordinate) || matches_any(&c.when, coordinate))
        || f.minimum.iter().any(|m| matches_any(&m.modules, coordinate))
        || f.removed_api
            .iter()
            .any(|r| r.module == coordinate || r.bom.as_ref().is_some_and(|b| b.module == coordinate))
        || matches_any(&f.dynamic_versions.also, coordinate)
}

/// Where a dependency's version is written, else its coordinate.
pub(crate) fn version_span(dep: &ResolvedDep) -> Span {
    dep.version.known().map(|v| v.span).unwrap_or(dep.coord_span)
}

/// The known version of a dependency, if any.
pub(crate) fn version(dep: &ResolvedDep) -> Option<&str> {
    dep.version.value().map(|s| s.as_str())
}
