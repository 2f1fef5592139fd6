//! Catalog section `[gradle]` of a vendor file: the artifacts that integrate the vendor, by
//! integration profile, the Gradle plugins and config files they need, and the Maven
//! repositories that serve them.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GradleFacts {
    /// Maven artifacts whose presence means the vendor is integrated.
    #[serde(default)]
    pub artifacts: Vec<Artifact>,
    /// Gradle plugins the vendor's integration needs (FCM google-services, Huawei agconnect, …).
    #[serde(default)]
    pub plugins: Vec<PluginFacts>,
    /// Maven repositories that serve the vendor's artifacts and plugins.
    #[serde(default)]
    pub repositories: Vec<RepositoryFacts>,
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

/// A Gradle plugin of a vendor, the config file it reads, and the artifacts that need it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluginFacts {
    /// The plugin id, `com.google.gms.google-services`.
    pub id: String,
    /// The buildscript classpath coordinate `group:name` that provides it.
    pub classpath: String,
    /// A version to suggest in help texts (one the reference has seen).
    #[serde(default)]
    pub version: String,
    /// Artifacts (`group:name`, `*` globs allowed) whose presence in an app variant requires
    /// the plugin to be applied in the app module.
    #[serde(default)]
    pub required_by: Vec<String>,
    /// False when the requirement is not confirmed by the reference: findings are warnings.
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// The config file the plugin reads, if any.
    #[serde(default)]
    pub config_file: Option<ConfigFileFacts>,
    /// The vendor documents applying it in the application module (not a library module).
    #[serde(default)]
    pub app_module: bool,
    /// What an app may do instead of applying the plugin.
    #[serde(default)]
    pub instead: Option<PluginInstead>,
    /// Artifacts whose need for the plugin the sources disagree on from a version on: findings
    /// that only these trigger are warnings that say so.
    #[serde(default)]
    pub disputed: Vec<DisputedNeed>,
    #[serde(default)]
    pub source: String,
}

/// Sources that disagree on whether some artifacts need a plugin: a guide asks for it, a later
/// official demo builds without it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisputedNeed {
    /// Artifacts (`group:name`, `*` globs allowed).
    pub artifacts: Vec<String>,
    /// The first version the disagreement concerns; an unknown version counts as disputed.
    pub from: String,
    /// How the finding's note puts the disagreement.
    pub note: String,
    #[serde(default)]
    pub source: String,
}

/// An app that writes by hand what a plugin generates needs neither the plugin nor its file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PluginInstead {
    /// `<string>` resources the plugin generates; defining all of them in `res/values/` suffices.
    #[serde(default)]
    pub string_resources: Vec<String>,
    /// Classes whose import shows the SDK is initialised in code with explicit options.
    #[serde(default)]
    pub imports: Vec<String>,
    #[serde(default)]
    pub source: String,
}

/// A vendor config file (`google-services.json`) and where its package names are.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFileFacts {
    pub name: String,
    /// `/`-separated paths to package names; `*` steps into every array item or object member.
    /// The file matches a variant when any of them equals its applicationId.
    #[serde(default)]
    pub package_paths: Vec<String>,
    /// Whether the plugin also reads variant-specific copies under `src/<flavor|buildType|variant>/`
    /// (and the nested `src/<flavor>/<buildType>/` forms, most nested first).
    #[serde(default)]
    pub per_variant: bool,
    /// Whether the plugin may also read a copy from one of the variant's source-set folders
    /// (`src/<buildType>/`, `src/<flavor>/`), in an order it does not document: a copy there
    /// counts, and no one copy is assumed to be the one read.
    #[serde(default)]
    pub source_set_copies: bool,
    /// A folder of each source set the plugin also reads the file from (`src/<set>/<folder>/`).
    #[serde(default)]
    pub set_folder: Option<String>,
    /// Build-file settings that let a variant build without the file (`missingGoogleServicesStrategy`):
    /// when the app's build file names one, a missing copy is not reported.
    #[serde(default)]
    pub optional_with: Vec<String>,
    #[serde(default)]
    pub source: String,
}

/// A vendor Maven repository and what only it serves.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepositoryFacts {
    pub url: String,
    /// Artifacts (`group:name`, `*` globs allowed) resolved from this repository.
    #[serde(default)]
    pub serves: Vec<String>,
    #[serde(default)]
    pub source: String,
}

fn yes() -> bool {
    true
}

/// Whether `coordinate` (`group:name`) matches `pattern` (`group:name` with `*` globs).
pub fn coordinate_matches(pattern: &str, coordinate: &str) -> bool {
    super::detect::glob_matches(pattern, coordinate)
}
