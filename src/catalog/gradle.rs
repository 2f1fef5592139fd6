//! Catalog section `[gradle]` of a vendor file: the artifacts that integrate the vendor, by
//! integration profile, and (added by the dependency rules) plugins, repositories and versions.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradleFacts {
    /// Maven artifacts whose presence means the vendor is integrated.
    #[serde(default)]
    pub artifacts: Vec<Artifact>,
}

/// A `group:name` that brings in the vendor's push client.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Artifact {
    /// `group:name`.
    pub module: String,
    /// The integration profile: `raw` (the vendor's own SDK), `tpns`, `timpush`.
    pub profile: String,
    /// Where the fact comes from (vendors.md key).
    #[serde(default)]
    pub source: String,
}
