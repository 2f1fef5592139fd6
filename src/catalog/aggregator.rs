//! What an aggregator profile (JPush, Getui, Umeng Push, …) says beyond a wrapper's: its own
//! artifacts, the vendor channels it reaches and the artifacts that bring each, placeholder value
//! formats, and the app-side components it needs. Channel facts are folded into the vendor facts
//! when the catalog is complete, so every vendor rule applies through the aggregator as data.

use super::library::{VersionBounds, VersionReq};
use super::manifest::{ComponentReq, MetaDataReq};
use serde::Deserialize;
use toml::Spanned;

/// The aggregator's own artifacts (its SDK, its core): evidence that the app uses it at all.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoreArtifact {
    /// `group:name` of the artifact.
    pub module: String,
    #[serde(default)]
    pub source: String,
}

/// A jar or AAR of the aggregator dropped into `libs/`, by file-name glob.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoreArchive {
    pub pattern: String,
    #[serde(default)]
    pub source: String,
}

/// One vendor channel reached through the aggregator.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The vendor id (`xiaomi`, `huawei`, …).
    pub vendor: Spanned<String>,
    /// The artifacts that bring the channel (`cn.jiguang.sdk.plugin:xiaomi`).
    #[serde(default)]
    pub artifacts: Vec<String>,
    /// Gradle plugins of the vendor (by id) the channel still needs in the app module.
    #[serde(default)]
    pub plugins: Vec<Spanned<String>>,
    /// Meta-data the channel's AAR declares from a placeholder: not asked of the app, but its
    /// placeholder must have a value.
    #[serde(default)]
    pub meta_data: Vec<MetaDataReq>,
    #[serde(default)]
    pub source: String,
}

/// A `manifestPlaceholders` key the aggregator reads, with the value format its docs require.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderFacts {
    pub name: String,
    /// The channel it belongs to (checked only when that channel is detected); none: the
    /// aggregator's own.
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub format: ValueFormat,
    /// The aggregator's (or the channel's) AAR manifest reads it: without a value the manifest
    /// merger stops the build.
    #[serde(default)]
    pub required: bool,
    /// The versions (of the channel's artifact, or of the aggregator's for its own keys) the
    /// format holds for; outside them, or when the version is unknown, nothing is said.
    #[serde(default, deserialize_with = "version_req")]
    pub versions: Option<VersionReq>,
    #[serde(default)]
    pub source: String,
}

/// What a placeholder value must look like. Empty: anything.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValueFormat {
    /// The value starts with this text (`MI-`).
    #[serde(default)]
    pub prefix: Option<String>,
    /// The value (after the prefix) is made of ASCII digits only.
    #[serde(default)]
    pub numeric: bool,
    /// Length bounds of the value after the prefix, in characters.
    #[serde(default)]
    pub min_length: Option<usize>,
    #[serde(default)]
    pub max_length: Option<usize>,
}

impl ValueFormat {
    /// What is wrong with `value`, in words for a message; None when it fits.
    pub fn problem(&self, value: &str) -> Option<String> {
        let rest = match &self.prefix {
            Some(p) => match value.strip_prefix(p.as_str()) {
                Some(rest) => rest,
                None => return Some(format!("does not start with `{p}`")),
            },
            None => value,
        };
        if self.numeric && !rest.chars().all(|c| c.is_ascii_digit()) {
            return Some("is not a number".to_string());
        }
        let len = rest.chars().count();
        if self.min_length.is_some_and(|m| len < m) || self.max_length.is_some_and(|m| len > m) {
            return Some(format!("has {len} characters, not {}", self.describe_length()));
        }
        None
    }

    /// How the expected format is named in help texts: `` `MI-` followed by digits ``.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.prefix {
            parts.push(format!("`{p}` followed by the console's value"));
        }
        if self.numeric {
            parts.push("digits only".to_string());
        }
        if self.min_length.is_some() || self.max_length.is_some() {
            parts.push(self.describe_length());
        }
        parts.join(", ")
    }

    fn describe_length(&self) -> String {
        match (self.min_length, self.max_length) {
            (Some(a), Some(b)) if a == b => format!("{a} characters"),
            (Some(a), Some(b)) => format!("{a} to {b} characters"),
            (Some(a), None) => format!("at least {a} characters"),
            (None, Some(b)) => format!("at most {b} characters"),
            (None, None) => String::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.prefix.is_none() && !self.numeric && self.min_length.is_none() && self.max_length.is_none()
    }
}

/// A component the app must declare itself when it uses the aggregator (JPush's `JCommonService`
/// subclass): a vendor-style component entry plus the versions it is required from.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppComponent {
    /// The component as a vendor file writes one (`kind`, `subclass_of`, `filters`, …).
    pub declare: ComponentReq,
    /// Required when this artifact is a dependency at a version in this range; the version must
    /// be known for the component to be demanded.
    #[serde(default)]
    pub since: Option<Since>,
    /// Required only when the variant integrates this vendor (by any route): the aggregator's
    /// wrapper for that vendor's channel.
    #[serde(default)]
    pub vendor: Option<String>,
    #[serde(default)]
    pub source: String,
}

/// A `<meta-data>` the app declares itself when it uses the aggregator (Umeng Push's
/// `UMENG_APPKEY`): the aggregator reads it at run time, and no AAR of its declares it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppMetaData {
    pub name: String,
    /// false: the aggregator's own sources disagree on it; a missing one is a warning.
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

fn yes() -> bool {
    true
}

/// A dependency version a requirement starts at: `{ module = "cn.jiguang.sdk:jcore", version = "2.0.0" }`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Since {
    pub module: String,
    pub version: String,
}

impl Since {
    /// Whether `version` of the module is at or above the requirement: None when it cannot be told.
    pub fn holds(&self, version: &VersionBounds) -> Option<bool> {
        VersionReq { at_least: Some(self.version.clone()), below: None }.matches(version)
    }
}

fn version_req<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<VersionReq>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.as_deref().map(VersionReq::parse).transpose().map_err(serde::de::Error::custom)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_say_what_is_wrong() {
        let f = ValueFormat { prefix: Some("MI-".into()), ..ValueFormat::default() };
        assert_eq!(f.problem("MI-2882303761517"), None);
        assert!(f.problem("2882303761517").is_some_and(|p| p.contains("MI-")));
        let n =
            ValueFormat { numeric: true, min_length: Some(3), max_length: Some(3), ..ValueFormat::default() };
        assert_eq!(n.problem("123"), None);
        assert!(n.problem("12a").is_some());
        assert!(n.problem("1234").is_some_and(|p| p.contains("4 characters")));
    }
}
