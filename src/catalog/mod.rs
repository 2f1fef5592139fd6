//! The vendor catalog: facts about each push vendor and SDK profile, loaded from the TOML
//! files of the top-level `rules/` folder (embedded in the binary, extendable with `--rules DIR`).
//! A bad catalog file is a usage error naming the file, line and column.

pub mod aggregator;
pub mod console;
pub mod detect;
pub mod families;
pub mod gradle;
pub mod library;
pub mod manifest;
mod table;

use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// The SDK profile files built into the binary (`rules/profiles/`), loaded before the vendors
/// that refer to them.
const EMBEDDED_PROFILES: &[(&str, &str)] = &[
    ("raw.toml", include_str!("../../rules/profiles/raw.toml")),
    ("tpns.toml", include_str!("../../rules/profiles/tpns.toml")),
    ("tuiofflinepush.toml", include_str!("../../rules/profiles/tuiofflinepush.toml")),
    ("timpush.toml", include_str!("../../rules/profiles/timpush.toml")),
    ("jpush.toml", include_str!("../../rules/profiles/jpush.toml")),
    ("getui.toml", include_str!("../../rules/profiles/getui.toml")),
    ("umeng.toml", include_str!("../../rules/profiles/umeng.toml")),
    ("nim.toml", include_str!("../../rules/profiles/nim.toml")),
    ("easemob.toml", include_str!("../../rules/profiles/easemob.toml")),
    ("rongcloud.toml", include_str!("../../rules/profiles/rongcloud.toml")),
];

/// The catalog files built into the binary, in load order.
const EMBEDDED: &[(&str, &str)] = &[
    ("fcm.toml", include_str!("../../rules/fcm.toml")),
    ("huawei.toml", include_str!("../../rules/huawei.toml")),
    ("honor.toml", include_str!("../../rules/honor.toml")),
    ("xiaomi.toml", include_str!("../../rules/xiaomi.toml")),
    ("oppo.toml", include_str!("../../rules/oppo.toml")),
    ("vivo.toml", include_str!("../../rules/vivo.toml")),
    ("meizu.toml", include_str!("../../rules/meizu.toml")),
];

/// The cross-vendor SDK facts file; a file of this name in `--rules DIR` replaces it.
const FAMILIES: (&str, &str) = ("families.toml", include_str!("../../rules/families.toml"));
/// What SDK AARs declare in their own manifests, and what BoMs manage; a file of this name in
/// `--rules DIR` replaces it.
const LIBRARIES: (&str, &str) = ("libraries.toml", include_str!("../../rules/libraries.toml"));
/// The file holding console facts (`console::ConsoleFacts`) rather than a vendor.
const CONSOLE_FILE: &str = "console.toml";
const EMBEDDED_CONSOLE: &str = include_str!("../../rules/console.toml");

/// One vendor's facts.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vendor {
    /// The id used in `push-console.json` (`xiaomi`, `fcm`, …).
    pub id: String,
    /// How messages name the vendor (`Xiaomi`, `Firebase Cloud Messaging`).
    pub display: String,
    #[serde(default)]
    pub click: ClickFacts,
    /// How the integration is detected (artifacts, jars, classes): see `detect.rs`.
    #[serde(default)]
    pub detect: detect::DetectFacts,
    /// Gradle facts: artifacts, plugins, repositories, versions: see `gradle.rs`.
    #[serde(default)]
    pub gradle: gradle::GradleFacts,
    /// Manifest facts: components, permissions, meta-data, placeholders: see `manifest.rs`.
    #[serde(default)]
    pub manifest: manifest::ManifestFacts,
}

/// An integration profile (raw vendor SDK, TPNS plugins, TUIOfflinePush, TIMPush): what its
/// dependencies bring into the merged manifest, and how its local component module is recognised.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// The id vendor files use in `profile = "…"` and `supplied_by = […]`.
    pub id: String,
    /// How messages name the profile.
    pub display: String,
    /// Which manifest entries the profile's dependency declares itself (see `manifest.rs`).
    #[serde(default)]
    pub supplies: manifest::Supplies,
    #[serde(default)]
    pub detect: detect::ProfileDetect,
    #[serde(default)]
    pub manifest: manifest::ProfileManifest,
    /// Whether the IM console's certificates (`push-console.json`) concern this route: true for
    /// the raw SDKs and Tencent's wrappers, false for an aggregator with its own console.
    #[serde(default = "yes")]
    pub console: bool,
    /// An aggregator's own SDK artifacts (`cn.jiguang.sdk:jpush`); non-empty, or channels, make
    /// the profile an aggregator that detection and messages name.
    #[serde(default)]
    pub artifacts: Vec<aggregator::CoreArtifact>,
    /// An aggregator's own jars and AARs in `libs/`, by file-name glob.
    #[serde(default)]
    pub archives: Vec<aggregator::CoreArchive>,
    /// The vendor channels reached through the aggregator, folded into the vendor facts.
    #[serde(default)]
    pub channel: Vec<aggregator::Channel>,
    /// `manifestPlaceholders` keys and the formats their values must have.
    #[serde(default)]
    pub placeholder: Vec<aggregator::PlaceholderFacts>,
    /// Components the app declares itself when it uses the aggregator.
    #[serde(default)]
    pub component: Vec<aggregator::AppComponent>,
    /// Meta-data the app declares itself when it uses the aggregator.
    #[serde(default)]
    pub meta_data: Vec<aggregator::AppMetaData>,
    /// The file it was loaded from and its text, for errors found when channels are folded in.
    #[serde(skip)]
    origin: (String, String),
}

impl Profile {
    /// Whether the profile is an aggregator SDK rather than a wrapper of the vendor SDKs.
    pub fn is_aggregator(&self) -> bool {
        !self.artifacts.is_empty() || !self.archives.is_empty() || !self.channel.is_empty()
    }
}

fn yes() -> bool {
    true
}

/// How the vendor's console "Action after Click" names an in-app page.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClickFacts {
    /// `intent-uri`, `activity-class`, `launcher` (no page can be set) or `unknown`.
    #[serde(default = "unknown")]
    pub page: PageForm,
    /// Whether the console can open a page by an intent action (OPPO's type-1 route).
    #[serde(default)]
    pub action_route: bool,
    /// Whether the activity a click opens must not be guarded by `android:permission`.
    #[serde(default)]
    pub target_must_be_unguarded: bool,
    /// Free text shown in notes: where the vendor documents the click action.
    #[serde(default)]
    pub source: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageForm {
    IntentUri,
    ActivityClass,
    Launcher,
    #[default]
    Unknown,
}

fn unknown() -> PageForm {
    PageForm::Unknown
}

/// All vendors and profiles, in a stable order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub vendors: Vec<Vendor>,
    pub profiles: Vec<Profile>,
    /// Cross-vendor facts from `families.toml`.
    pub families: families::Families,
    /// Certificate ids, credentials and secrets as they appear in an app (`rules/console.toml`).
    pub console: console::ConsoleFacts,
    /// What SDK AARs declare themselves (`rules/libraries.toml`).
    pub libraries: library::LibraryCatalog,
}

/// A catalog file that could not be loaded: file, 1-based line and column, message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A folder or file that cannot be read has no position to name.
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        }
    }
}

/// Deserializes one catalog file, with the error's position.
fn parse_toml<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, CatalogError> {
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
        CatalogError { file: file.to_string(), line, column, message: e.message().trim().to_string() }
    })
}

impl Catalog {
    /// The built-in catalog.
    pub fn embedded() -> Result<Catalog, CatalogError> {
        let mut c = Catalog::embedded_files()?;
        c.fold_channels()?;
        Ok(c)
    }

    /// The built-in files, aggregator channels not yet folded into the vendors.
    fn embedded_files() -> Result<Catalog, CatalogError> {
        use rayon::prelude::*;
        let mut c = Catalog::default();
        for (name, text) in EMBEDDED_PROFILES {
            c.add_profile(&format!("rules/profiles/{name}"), text)?;
        }
        // Parsing the vendor files is most of a small project's run: parse them in parallel,
        // then add them in file order (as `add` would).
        let vendors: Vec<(String, &str, Result<Vendor, CatalogError>)> = crate::pool::in_pool(|| {
            EMBEDDED
                .par_iter()
                .map(|(name, text)| {
                    let file = format!("rules/{name}");
                    let vendor = parse_toml(&file, text);
                    (file, *text, vendor)
                })
                .collect()
        });
        for (file, text, vendor) in vendors {
            c.add_vendor(&file, text, vendor?)?;
        }
        c.add(&format!("rules/{}", FAMILIES.0), FAMILIES.1)?;
        c.add(&format!("rules/{}", LIBRARIES.0), LIBRARIES.1)?;
        c.add(&format!("rules/{CONSOLE_FILE}"), EMBEDDED_CONSOLE)?;
        Ok(c)
    }

    /// The built-in catalog with every `*.toml` of `dir` added; a vendor with an existing id replaces it.
    /// Profile files go in `dir/profiles/`, loaded first; a profile with an existing id replaces it.
    pub fn with_dir(dir: &Path) -> Result<Catalog, CatalogError> {
        let mut c = Catalog::embedded_files()?;
        let err =
            |message: String| CatalogError { file: dir.display().to_string(), line: 0, column: 0, message };
        let profile_dir = dir.join("profiles");
        if profile_dir.is_dir() {
            let rd = std::fs::read_dir(&profile_dir)
                .map_err(|e| err(format!("cannot read catalog folder {}: {e}", profile_dir.display())))?;
            let mut paths: Vec<_> = rd
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .collect();
            paths.sort();
            for p in paths {
                let text = crate::fileio::read_to_string(&p, crate::fileio::MAX_FILE_SIZE)
                    .map_err(|e| err(format!("cannot read {}: {e}", p.display())))?;
                c.add_profile(&p.display().to_string(), &text)?;
            }
        }
        let rd = std::fs::read_dir(dir).map_err(|e| err(format!("cannot read catalog folder: {e}")))?;
        let mut paths: Vec<_> =
            rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
        paths.sort();
        for p in paths {
            let text = crate::fileio::read_to_string(&p, crate::fileio::MAX_FILE_SIZE)
                .map_err(|e| err(format!("cannot read {}: {e}", p.display())))?;
            c.add(&p.display().to_string(), &text)?;
        }
        c.fold_channels()?;
        Ok(c)
    }

    /// Folds each aggregator channel into its vendor's facts: the channel's artifacts integrate
    /// the vendor through the profile, need the vendor plugins the channel names, and supply the
    /// meta-data the channel's AAR declares from placeholders.
    fn fold_channels(&mut self) -> Result<(), CatalogError> {
        for profile in &self.profiles {
            let (file, text) = &profile.origin;
            let at = |span: std::ops::Range<usize>, message: String| {
                let (line, column) = line_col(text, span.start);
                CatalogError { file: file.clone(), line, column, message }
            };
            for channel in &profile.channel {
                let Some(vendor) = self.vendors.iter_mut().find(|v| &v.id == channel.vendor.get_ref()) else {
                    return Err(at(
                        channel.vendor.span(),
                        format!("unknown vendor `{}`", channel.vendor.get_ref()),
                    ));
                };
                for module in &channel.artifacts {
                    vendor.gradle.artifacts.push(gradle::Artifact {
                        module: module.clone(),
                        profile: profile.id.clone(),
                        source: channel.source.clone(),
                    });
                }
                for id in &channel.plugins {
                    let Some(plugin) = vendor.gradle.plugins.iter_mut().find(|p| &p.id == id.get_ref())
                    else {
                        return Err(at(
                            id.span(),
                            format!("`{}` is no plugin of vendor `{}`", id.get_ref(), vendor.id),
                        ));
                    };
                    plugin.required_by.extend(channel.artifacts.iter().cloned());
                }
                let span = channel.vendor.span();
                for m in &channel.meta_data {
                    let mut m = m.clone();
                    m.supplied_by = Some(vec![Spanned::new(span.clone(), profile.id.clone())]);
                    if m.with_artifacts.is_empty() {
                        m.with_artifacts =
                            channel.artifacts.iter().map(|a| Spanned::new(span.clone(), a.clone())).collect();
                    }
                    vendor.manifest.meta_data.push(m);
                }
            }
        }
        Ok(())
    }

    fn add(&mut self, file: &str, text: &str) -> Result<(), CatalogError> {
        let err = |e: toml::de::Error| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            CatalogError { file: file.to_string(), line, column, message: e.message().trim().to_string() }
        };
        if Path::new(file).file_name().is_some_and(|n| n == FAMILIES.0) {
            self.families = toml::from_str(text).map_err(err)?;
            return Ok(());
        }
        if Path::new(file).file_name().is_some_and(|n| n == LIBRARIES.0) {
            self.libraries = toml::from_str(text).map_err(err)?;
            return Ok(());
        }
        // `console.toml` (built in, or in `--rules DIR`) replaces the console facts as a whole.
        if Path::new(file).file_name().is_some_and(|n| n == CONSOLE_FILE) {
            self.console = toml::from_str(text).map_err(err)?;
            return Ok(());
        }
        let vendor: Vendor = toml::from_str(text).map_err(err)?;
        self.add_vendor(file, text, vendor)
    }

    fn add_vendor(&mut self, file: &str, text: &str, vendor: Vendor) -> Result<(), CatalogError> {
        self.check_references(file, text, &vendor)?;
        match self.vendors.iter_mut().find(|v| v.id == vendor.id) {
            Some(slot) => *slot = vendor,
            None => self.vendors.push(vendor),
        }
        Ok(())
    }

    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id == id)
    }

    pub fn profile(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    fn add_profile(&mut self, file: &str, text: &str) -> Result<(), CatalogError> {
        let mut profile: Profile = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map(|s| line_col(text, s.start)).unwrap_or((1, 1));
            CatalogError { file: file.to_string(), line, column, message: e.message().trim().to_string() }
        })?;
        profile.origin = (file.to_string(), text.to_string());
        match self.profiles.iter_mut().find(|p| p.id == profile.id) {
            Some(slot) => *slot = profile,
            None => self.profiles.push(profile),
        }
        Ok(())
    }

    /// The `[manifest]` section's references: profiles in `supplied_by` must be loaded, and
    /// `with_artifacts` must name one of the vendor's artifacts or archive patterns.
    fn check_references(&self, file: &str, text: &str, vendor: &Vendor) -> Result<(), CatalogError> {
        let at = |span: std::ops::Range<usize>, message: String| {
            let (line, column) = line_col(text, span.start);
            CatalogError { file: file.to_string(), line, column, message }
        };
        let m = &vendor.manifest;
        let scopes = m
            .components
            .iter()
            .map(|c| (&c.supplied_by, &c.with_artifacts))
            .chain(m.permissions.iter().map(|p| (&p.supplied_by, &p.with_artifacts)))
            .chain(m.meta_data.iter().map(|d| (&d.supplied_by, &d.with_artifacts)));
        for (supplied_by, with) in scopes {
            for p in supplied_by.iter().flatten() {
                if self.profile(p.get_ref()).is_none() {
                    return Err(at(p.span(), format!("unknown profile `{}` in `supplied_by`", p.get_ref())));
                }
            }
            for a in with {
                let known = vendor.gradle.artifacts.iter().any(|x| &x.module == a.get_ref())
                    || vendor.detect.archives.iter().any(|x| &x.pattern == a.get_ref());
                if !known {
                    return Err(at(
                        a.span(),
                        format!(
                            "`{}` in `with_artifacts` is none of this vendor's artifacts or archives",
                            a.get_ref()
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_catalog_loads() {
        let c = Catalog::embedded().expect("embedded catalog is valid");
        assert_eq!(c.vendors.len(), 7);
        assert_eq!(c.profiles.len(), 10);
        assert_eq!(c.vendor("xiaomi").map(|v| v.click.page), Some(PageForm::IntentUri));
    }

    #[test]
    fn unknown_profile_reference_names_its_line() {
        let mut c = Catalog::embedded().unwrap();
        let text = "id = \"x\"\ndisplay = \"X\"\n[manifest]\n[[manifest.meta_data]]\nname = \"a\"\nsupplied_by = [\"nope\"]\n";
        let err = c.add("rules/x.toml", text).unwrap_err();
        assert_eq!(err.line, 6, "{err}");
        assert!(err.message.contains("nope"), "{}", err.message);
    }

    #[test]
    fn malformed_component_names_its_line() {
        let mut c = Catalog::embedded().unwrap();
        let text = "id = \"x\"\ndisplay = \"X\"\n[manifest]\n[[manifest.components]]\nkind = \"service\"\nclass = \"a.B\"\nsubclass_of = \"a.C\"\n";
        let err = c.add("rules/x.toml", text).unwrap_err();
        assert!((4..=7).contains(&err.line), "{err}");
        assert!(err.message.contains("not both"), "{}", err.message);
        let text = "id = \"x\"\ndisplay = \"X\"\n[manifest]\n[[manifest.permissions]]\nname = \"a\"\nprotection_level = \"sig\"\n";
        let err = c.add("rules/x.toml", text).unwrap_err();
        assert_eq!(err.line, 6, "{err}");
    }

    #[test]
    fn bad_file_names_line_and_column() {
        let mut c = Catalog::default();
        let err = c.add("rules/x.toml", "id = \"x\"\ndisplay = \"X\"\nbogus = 1\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("bogus"), "{}", err.message);
    }
}
