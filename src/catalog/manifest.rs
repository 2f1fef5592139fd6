//! Catalog section `[manifest]` of a vendor file.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFacts {}
