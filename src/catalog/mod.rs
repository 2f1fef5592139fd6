//! The vendor catalog: facts about each push vendor and SDK profile, loaded from the TOML
//! files of the top-level `rules/` folder (embedded in the binary, extendable with `--rules DIR`).
//! A bad catalog file is a usage error naming the file, line and column.

pub mod console;
pub mod detect;
pub mod families;
pub mod gradle;
pub mod manifest;

use serde::Deserialize;
use std::path::Path;

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

/// All vendors, in a stable order.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    pub vendors: Vec<Vendor>,
    /// Cross-vendor facts from `families.toml`.
    pub families: families::Families,
    /// Certificate ids, credentials and secrets as they appear in an app (`rules/console.toml`).
    pub console: console::ConsoleFacts,
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
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl Catalog {
    /// The built-in catalog.
    pub fn embedded() -> Result<Catalog, CatalogError> {
        let mut c = Catalog::default();
        for (name, text) in EMBEDDED {
            c.add(&format!("rules/{name}"), text)?;
        }
        c.add(&format!("rules/{}", FAMILIES.0), FAMILIES.1)?;
        c.add(&format!("rules/{CONSOLE_FILE}"), EMBEDDED_CONSOLE)?;
        Ok(c)
    }

    /// The built-in catalog with every `*.toml` of `dir` added; a vendor with an existing id replaces it.
    pub fn with_dir(dir: &Path) -> Result<Catalog, CatalogError> {
        let mut c = Catalog::embedded()?;
        let err =
            |message: String| CatalogError { file: dir.display().to_string(), line: 0, column: 0, message };
        let rd = std::fs::read_dir(dir).map_err(|e| err(format!("cannot read catalog folder: {e}")))?;
        let mut paths: Vec<_> =
            rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
        paths.sort();
        for p in paths {
            let text =
                std::fs::read_to_string(&p).map_err(|e| err(format!("cannot read {}: {e}", p.display())))?;
            c.add(&p.display().to_string(), &text)?;
        }
        Ok(c)
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
        // `console.toml` (built in, or in `--rules DIR`) replaces the console facts as a whole.
        if Path::new(file).file_name().is_some_and(|n| n == CONSOLE_FILE) {
            self.console = toml::from_str(text).map_err(err)?;
            return Ok(());
        }
        let vendor: Vendor = toml::from_str(text).map_err(err)?;
        match self.vendors.iter_mut().find(|v| v.id == vendor.id) {
            Some(slot) => *slot = vendor,
            None => self.vendors.push(vendor),
        }
        Ok(())
    }

    pub fn vendor(&self, id: &str) -> Option<&Vendor> {
        self.vendors.iter().find(|v| v.id == id)
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
        assert_eq!(c.vendor("xiaomi").map(|v| v.click.page), Some(PageForm::IntentUri));
    }

    #[test]
    fn bad_file_names_line_and_column() {
        let mut c = Catalog::default();
        let err = c.add("rules/x.toml", "id = \"x\"\ndisplay = \"X\"\nbogus = 1\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(err.message.contains("bogus"), "{}", err.message);
    }
}
