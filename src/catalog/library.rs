//! Catalog file `rules/libraries.toml`: what an SDK's AAR declares in its own manifest, by artifact
//! and version, for when the AAR itself is not on disk; and which versions a BoM manages. Shapes
//! (the manifest fragment, version requirements) are checked when the file is loaded.

use crate::project::deps::compare_versions;
use serde::Deserialize;
use std::cmp::Ordering;

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LibraryCatalog {
    #[serde(default)]
    pub library: Vec<LibraryFacts>,
    #[serde(default)]
    pub bom: Vec<BomFacts>,
}

/// What one SDK artifact (or a range of its versions) declares in its AAR manifest.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "LibraryFactsRaw")]
pub struct LibraryFacts {
    /// `group:name` globs (`*`) the entry describes.
    pub artifacts: Vec<String>,
    /// File-name globs of the same SDK dropped into `libs/` (`MiPush_SDK_Client_*.aar`).
    pub archives: Vec<String>,
    /// The versions it holds for; None: every version.
    pub versions: Option<VersionReq>,
    /// The elements the AAR declares, as manifest XML (children of `<manifest>`, with `android:`
    /// and `tools:` prefixes bound).
    pub manifest: String,
    /// The fragment is all the AAR declares: what it does not list, the AAR does not supply.
    /// False: the listed elements are certain, others may come from it too.
    pub complete: bool,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LibraryFactsRaw {
    #[serde(default)]
    artifacts: Vec<String>,
    #[serde(default)]
    archives: Vec<String>,
    #[serde(default)]
    versions: Option<String>,
    #[serde(default)]
    manifest: String,
    #[serde(default)]
    complete: bool,
    #[serde(default)]
    source: String,
}

impl TryFrom<LibraryFactsRaw> for LibraryFacts {
    type Error = String;
    fn try_from(r: LibraryFactsRaw) -> Result<Self, String> {
        if r.artifacts.is_empty() && r.archives.is_empty() {
            return Err("a library names `artifacts` or `archives`".into());
        }
        if let Some(a) = r.artifacts.iter().find(|a| a.split(':').count() != 2) {
            return Err(format!("`{a}` is not `group:name`"));
        }
        let versions = r.versions.as_deref().map(VersionReq::parse).transpose()?;
        let doc = crate::parse::manifest::ManifestDoc::parse(&wrap_fragment(&r.manifest));
        if let Some(e) = doc.errors.first() {
            return Err(format!("the `manifest` fragment is not valid XML: {}", e.message));
        }
        Ok(LibraryFacts {
            artifacts: r.artifacts,
            archives: r.archives,
            versions,
            manifest: r.manifest,
            complete: r.complete,
            source: r.source,
        })
    }
}

/// A manifest fragment as a whole manifest, the way a library manifest is written.
pub fn wrap_fragment(fragment: &str) -> String {
    format!(
        "<manifest xmlns:android=\"{}\" xmlns:tools=\"{}\">\n{}\n</manifest>\n",
        crate::parse::manifest::ANDROID_NS,
        crate::parse::manifest::TOOLS_NS,
        fragment.trim()
    )
}

/// A BoM release line: from `since` on, the BoM manages `manages` at `at_least` or later, and
/// before it at an earlier version (BoMs only move forward).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BomFacts {
    /// `group:name` of the BoM.
    pub module: String,
    /// `group:name` of the managed artifact.
    pub manages: String,
    pub since: String,
    pub at_least: String,
    #[serde(default)]
    pub source: String,
}

/// What is known of a dependency's version: exactly one, or a half-open range `[lo, hi)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VersionBounds {
    pub lo: Option<String>,
    pub hi: Option<String>,
    /// Set when the version is known exactly (then `lo` equals it and `hi` is None).
    pub exact: bool,
}

impl VersionBounds {
    pub fn exact(v: &str) -> VersionBounds {
        VersionBounds { lo: Some(v.to_string()), hi: None, exact: true }
    }
    pub fn unknown() -> VersionBounds {
        VersionBounds::default()
    }
    /// How the version is shown: `23.0.6`, `>= 23.0.6`, `< 23.0.6`, or nothing when unknown.
    pub fn describe(&self) -> Option<String> {
        match (&self.lo, &self.hi, self.exact) {
            (Some(v), _, true) => Some(v.clone()),
            (Some(lo), Some(hi), _) => Some(format!(">= {lo}, < {hi}")),
            (Some(lo), None, _) => Some(format!(">= {lo}")),
            (None, Some(hi), _) => Some(format!("< {hi}")),
            (None, None, _) => None,
        }
    }
}

/// `>= 23.0.6`, `< 23.0.6`, or both separated by a comma: a half-open range of versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionReq {
    pub at_least: Option<String>,
    pub below: Option<String>,
}

impl VersionReq {
    pub fn parse(s: &str) -> Result<VersionReq, String> {
        let mut req = VersionReq { at_least: None, below: None };
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (slot, v) = if let Some(v) = part.strip_prefix(">=") {
                (&mut req.at_least, v.trim())
            } else if let Some(v) = part.strip_prefix('<') {
                (&mut req.below, v.trim())
            } else {
                return Err(format!("`{part}` is neither `>= VERSION` nor `< VERSION`"));
            };
            if crate::project::deps::version_numbers(v).is_none() {
                return Err(format!("`{v}` is not a version"));
            }
            *slot = Some(v.to_string());
        }
        if req.at_least.is_none() && req.below.is_none() {
            return Err(format!("`{s}` names no version"));
        }
        Ok(req)
    }

    /// Whether every version within `bounds` satisfies the requirement: Some(true) when all do,
    /// Some(false) when none does, None when it cannot be told.
    pub fn matches(&self, bounds: &VersionBounds) -> Option<bool> {
        let ge = |a: &str, b: &str| compare_versions(a, b).map(|o| o != Ordering::Less);
        // The requirement's lower end against the versions' range.
        let lower_ok = match &self.at_least {
            None => Some(true),
            Some(min) => match (&bounds.lo, &bounds.hi) {
                (Some(lo), _) if ge(lo, min) == Some(true) => Some(true),
                (_, Some(hi)) if ge(min, hi) == Some(true) => Some(false),
                (Some(lo), _) if bounds.exact => ge(lo, min),
                _ => None,
            },
        };
        let upper_ok = match &self.below {
            None => Some(true),
            Some(max) => match (&bounds.lo, &bounds.hi) {
                (Some(lo), _) if ge(lo, max) == Some(true) => Some(false),
                (_, Some(hi)) if ge(max, hi) == Some(true) => Some(true),
                (Some(lo), _) if bounds.exact => ge(lo, max).map(|at_or_above| !at_or_above),
                _ => None,
            },
        };
        match (lower_ok, upper_ok) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (Some(true), Some(true)) => Some(true),
            _ => None,
        }
    }
}

impl LibraryCatalog {
    /// The entries that certainly describe `coordinate` at `version`, most specific first.
    pub fn for_artifact<'c>(&'c self, coordinate: &str, version: &VersionBounds) -> Vec<&'c LibraryFacts> {
        self.library
            .iter()
            .filter(|l| l.artifacts.iter().any(|a| super::detect::glob_matches(a, coordinate)))
            .filter(|l| l.versions.as_ref().is_none_or(|r| r.matches(version) == Some(true)))
            .collect()
    }

    /// The entries that describe a `libs/` archive named `file_name`.
    pub fn for_archive(&self, file_name: &str) -> Vec<&LibraryFacts> {
        self.library
            .iter()
            .filter(|l| l.archives.iter().any(|a| super::detect::glob_matches(a, file_name)))
            .collect()
    }

    /// What BoM `bom` at `bom_version` says of the version of `module`: the tightest range its
    /// release lines allow.
    pub fn bom_bounds(&self, bom: &str, bom_version: &str, module: &str) -> Option<VersionBounds> {
        let mut bounds = VersionBounds::unknown();
        let mut any = false;
        for fact in self.bom.iter().filter(|b| b.module == bom && b.manages == module) {
            let tighter = |a: &Option<String>, want: Ordering| {
                a.as_deref().is_none_or(|x| compare_versions(&fact.at_least, x) == Some(want))
            };
            match compare_versions(bom_version, &fact.since) {
                None => return None,
                Some(Ordering::Less) => {
                    if tighter(&bounds.hi, Ordering::Less) {
                        bounds.hi = Some(fact.at_least.clone());
                    }
                }
                Some(_) => {
                    if tighter(&bounds.lo, Ordering::Greater) {
                        bounds.lo = Some(fact.at_least.clone());
                    }
                }
            }
            any = true;
        }
        any.then_some(bounds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_against_bounds() {
        let ge = VersionReq::parse(">= 23.0.6").unwrap();
        let below = VersionReq::parse(">= 22.0.0, < 23.0.6").unwrap();
        assert_eq!(ge.matches(&VersionBounds::exact("23.0.6")), Some(true));
        assert_eq!(ge.matches(&VersionBounds::exact("23.0.5")), Some(false));
        assert_eq!(below.matches(&VersionBounds::exact("22.1.0")), Some(true));
        assert_eq!(below.matches(&VersionBounds::exact("24.0.0")), Some(false));
        assert_eq!(ge.matches(&VersionBounds::unknown()), None);
        let from_bom = VersionBounds { lo: Some("23.0.6".into()), hi: None, exact: false };
        assert_eq!(ge.matches(&from_bom), Some(true));
        assert_eq!(below.matches(&from_bom), Some(false));
        let old_bom = VersionBounds { lo: None, hi: Some("23.0.6".into()), exact: false };
        assert_eq!(ge.matches(&old_bom), Some(false));
        assert_eq!(below.matches(&old_bom), None, "could be below 22 as well");
        assert!(VersionReq::parse("~> 1").is_err());
        let boms = LibraryCatalog {
            library: Vec::new(),
            bom: [("28.0.0", "22.0.0"), ("30.2.0", "23.0.6")]
                .iter()
                .map(|(since, at_least)| BomFacts {
                    module: "b:bom".into(),
                    manages: "b:m".into(),
                    since: since.to_string(),
                    at_least: at_least.to_string(),
                    source: String::new(),
                })
                .collect(),
        };
        let b = boms.bom_bounds("b:bom", "29.0.0", "b:m").unwrap();
        assert_eq!((b.lo.as_deref(), b.hi.as_deref()), (Some("22.0.0"), Some("23.0.6")));
        let b = boms.bom_bounds("b:bom", "33.1.0", "b:m").unwrap();
        assert_eq!((b.lo.as_deref(), b.hi.as_deref()), (Some("23.0.6"), None));
        assert!(boms.bom_bounds("b:bom", "33.1.0", "other:m").is_none());
        assert!(VersionReq::parse(">= x").is_err());
    }
}
