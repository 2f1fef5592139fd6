//! The SDK-family catalog file `rules/families.toml`: facts that span vendors — artifact
//! families released together, companion dependencies, minimum and known-bad versions, APIs
//! removed in a version, and integrations that must not be combined. Data only.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Families {
    /// Artifacts released together that must share one version.
    #[serde(default)]
    pub family: Vec<SdkFamily>,
    /// An artifact that needs another one next to it.
    #[serde(default)]
    pub companion: Vec<Companion>,
    /// Versions below which an artifact is known not to work for push.
    #[serde(default)]
    pub minimum: Vec<Minimum>,
    /// Versions known to be broken.
    #[serde(default)]
    pub known_bad: Vec<KnownBad>,
    /// Classes removed from an artifact at some version.
    #[serde(default)]
    pub removed_api: Vec<RemovedApi>,
    /// Integration profiles whose vendor artifacts each carry their own copy of the vendor's client.
    #[serde(default)]
    pub exclusive_profiles: Vec<String>,
    /// Local library modules (by Gradle project name) that must not be combined with an artifact.
    #[serde(default)]
    pub exclusive_module: Vec<ExclusiveModule>,
    /// Which dependencies the dynamic-version rule checks.
    #[serde(default)]
    pub dynamic_versions: DynamicVersions,
    /// Gradle plugins that belong to no single vendor (the TPNS plugin).
    #[serde(default)]
    pub plugin: Vec<super::gradle::PluginFacts>,
    /// Public repositories known to serve only their own content (never a proxy of vendor repos).
    #[serde(default)]
    pub public_repositories: Vec<String>,
    /// Build tools (Flutter) whose Gradle plugin or script sets manifest placeholders.
    #[serde(default)]
    pub build_tool: Vec<BuildTool>,
}

/// A build tool that configures the app module itself: its plugin ids, and the manifest
/// placeholders it defines.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuildTool {
    /// The name the model gives the tool's scripts (`project::UnreadScript::tool`).
    pub tool: String,
    #[serde(default)]
    pub plugins: Vec<String>,
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// Whether the tool adds dependencies the build files do not name (Flutter plugins, React
    /// Native autolinking): rules that report a missing dependency stay silent.
    #[serde(default)]
    pub adds_dependencies: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdkFamily {
    pub id: String,
    /// How messages name the family (`TIMPush`).
    pub display: String,
    /// `group:name` of every member.
    pub artifacts: Vec<String>,
    /// `exact`: one version string; `major-minor`: the first two numeric parts agree.
    #[serde(default)]
    pub compare: VersionCompare,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VersionCompare {
    #[default]
    Exact,
    MajorMinor,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Companion {
    /// Artifacts (`*` globs) any of which needs the companion.
    pub when: Vec<String>,
    /// The companion: any one of these artifacts satisfies it.
    pub require: Vec<String>,
    /// Only when the app module applies one of these plugins or defines one of these placeholders
    /// (e.g. the TPNS channel is in use); empty: always.
    #[serde(default)]
    pub only_with_plugins: Vec<String>,
    #[serde(default)]
    pub only_with_placeholders: Vec<String>,
    /// The consequence, shown as the note.
    pub why: String,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minimum {
    /// The artifacts whose version is checked (`*` globs).
    pub modules: Vec<String>,
    /// Only when one of these artifacts is in the variant too; empty: always.
    #[serde(default)]
    pub when: Vec<String>,
    /// The lowest version that works.
    pub version: String,
    /// Why, shown in the message.
    pub reason: String,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownBad {
    pub modules: Vec<String>,
    pub versions: Vec<String>,
    pub reason: String,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemovedApi {
    /// Fully qualified class names; an import of one of them (or of its package with `*`) is a use.
    pub classes: Vec<String>,
    /// The artifact that dropped them, and the first version without them.
    pub module: String,
    pub removed_in: String,
    /// A BoM that manages `module`, and its first version that manages a version without them.
    #[serde(default)]
    pub bom: Option<BomFact>,
    /// Artifacts that bring the classes back when declared explicitly.
    #[serde(default)]
    pub restored_by: Vec<String>,
    /// The replacement, shown in the help.
    pub replacement: String,
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BomFact {
    pub module: String,
    pub removed_in: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusiveModule {
    /// The Gradle project name (last path segment), e.g. `tuiofflinepush`.
    pub project: String,
    /// How messages name it.
    pub display: String,
    /// Artifacts that must not be in the same app variant.
    pub conflicts_with: Vec<String>,
    pub why: String,
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DynamicVersions {
    /// Check every dependency, not only push-related ones.
    #[serde(default)]
    pub all: bool,
    /// Artifacts (`*` globs) checked besides the vendor artifacts, family members and plugins.
    #[serde(default)]
    pub also: Vec<String>,
}

fn yes() -> bool {
    true
}
