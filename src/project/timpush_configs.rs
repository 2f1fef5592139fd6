//! `timpush-configs.json` (vendors.md §4.4), the console download TIMPush reads from the app's
//! assets: a `version` plus one object per package name. Unknown keys are kept; values are strings
//! (numbers are accepted as their text). Built on demand from `Module::json_files`.

use super::variants::Variant;
use super::{JsonFile, Located, Module};
use crate::parse::json::{JsonKind, JsonValue};
use crate::span::{FileId, Span};

pub const FILE_NAME: &str = "timpush-configs.json";
/// The object inside a package entry that mirrors Gradle's manifest placeholders.
pub const PLACEHOLDERS_KEY: &str = "manifestPlaceholders";

/// One `timpush-configs.json`.
#[derive(Clone, Debug)]
pub struct TimpushConfig {
    pub file: FileId,
    /// The source set whose `assets/` folder holds it.
    pub source_set: Option<String>,
    pub version: Option<Located<String>>,
    pub entries: Vec<TimpushEntry>,
}

/// The object for one package name.
#[derive(Clone, Debug)]
pub struct TimpushEntry {
    /// The package name, with the span of the key.
    pub package: Located<String>,
    /// `manifestPlaceholders` members with scalar values.
    pub placeholders: Vec<Setting>,
    /// Every other member with a scalar value, unknown keys included.
    pub settings: Vec<Setting>,
}

/// A key and its value (the span of a string's content, without quotes).
#[derive(Clone, Debug)]
pub struct Setting {
    pub key: Located<String>,
    pub value: Located<String>,
}

impl TimpushConfig {
    /// Reads the file's model; None when its root is not an object.
    pub fn read(json: &JsonFile) -> Option<TimpushConfig> {
        let root = json.doc.root.as_ref()?;
        if !matches!(root.kind, JsonKind::Object(_)) {
            return None;
        }
        let file = json.file;
        let mut out =
            TimpushConfig { file, source_set: json.source_set.clone(), version: None, entries: Vec::new() };
        for m in root.members() {
            if m.key == "version" {
                out.version = scalar(file, &m.value);
                continue;
            }
            if !matches!(m.value.kind, JsonKind::Object(_)) {
                continue;
            }
            let mut entry = TimpushEntry {
                package: Located::new(m.key.clone(), Span::new(file, m.key_range)),
                placeholders: Vec::new(),
                settings: Vec::new(),
            };
            for s in m.value.members() {
                if s.key == PLACEHOLDERS_KEY {
                    entry.placeholders = settings(file, &s.value);
                } else if let Some(value) = scalar(file, &s.value) {
                    entry.settings.push(Setting {
                        key: Located::new(s.key.clone(), Span::new(file, s.key_range)),
                        value,
                    });
                }
            }
            out.entries.push(entry);
        }
        Some(out)
    }

    /// The entry for `package` (the last one when the key is duplicated).
    pub fn entry(&self, package: &str) -> Option<&TimpushEntry> {
        self.entries.iter().rev().find(|e| e.package.value == package)
    }
}

impl TimpushEntry {
    pub fn get(&self, key: &str) -> Option<&Setting> {
        self.settings.iter().rev().find(|s| s.key.value == key)
    }
    pub fn placeholder(&self, key: &str) -> Option<&Setting> {
        self.placeholders.iter().rev().find(|s| s.key.value == key)
    }
}

fn scalar(file: FileId, v: &JsonValue) -> Option<Located<String>> {
    v.as_scalar_text().map(|s| Located::new(s.to_string(), Span::new(file, v.inner_range())))
}

fn settings(file: FileId, obj: &JsonValue) -> Vec<Setting> {
    obj.members()
        .iter()
        .filter_map(|m| {
            Some(Setting {
                key: Located::new(m.key.clone(), Span::new(file, m.key_range)),
                value: scalar(file, &m.value)?,
            })
        })
        .collect()
}

/// Every `timpush-configs.json` of a module, in source-set order.
pub fn of_module(module: &Module) -> Vec<TimpushConfig> {
    module.json_files.iter().filter(|j| j.name == FILE_NAME).filter_map(TimpushConfig::read).collect()
}

/// The vendor JSON file named `name` a variant uses: the copy in its highest-priority source set,
/// else the one in the module folder (AGP merges assets the same way; vendors.md §4.1, §4.4).
pub fn json_for_variant<'a>(module: &'a Module, variant: &Variant, name: &str) -> Option<&'a JsonFile> {
    let named = || module.json_files.iter().filter(move |j| j.name == name);
    variant
        .source_sets
        .iter()
        .find_map(|set| named().find(|j| j.source_set.as_deref() == Some(set.as_str())))
        .or_else(|| named().find(|j| j.source_set.is_none()))
}

/// Whether a copy of `found`'s file that the variant would read first (in a more specific source
/// set) is kept out of Git by a `.gitignore` pattern: supplied where the app is built (a CI
/// secret), it shadows the committed one, whose contents then say nothing about the build.
pub fn shadowed_by_ignored(
    project: &super::Project,
    module: &Module,
    variant: &Variant,
    found: &JsonFile,
) -> bool {
    let sets = &variant.source_sets;
    let before =
        found.source_set.as_ref().and_then(|s| sets.iter().position(|x| x == s)).unwrap_or(sets.len());
    sets[..before]
        .iter()
        .any(|set| project.git_ignores.ignores(&module.dir.join("src").join(set).join(&found.name)))
}

/// The `timpush-configs.json` a variant packs, if any.
pub fn for_variant(module: &Module, variant: &Variant) -> Option<TimpushConfig> {
    json_for_variant(module, variant, FILE_NAME).and_then(TimpushConfig::read)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::json::JsonDoc;

    #[test]
    fn reads_entries_and_keeps_unknown_keys() {
        let text = r#"{"version":"1.0.1","com.acme.chat":{"manifestPlaceholders":{"VIVO_APPID":"105"},
            "xiaomiPushBussinessId":"40002","newKey":7,"nested":{}}}"#;
        let json = JsonFile {
            file: FileId(0),
            name: FILE_NAME.into(),
            source_set: Some("main".into()),
            doc: JsonDoc::parse(text),
        };
        let c = TimpushConfig::read(&json).expect("object");
        assert_eq!(c.version.as_ref().map(|v| v.value.as_str()), Some("1.0.1"));
        let e = c.entry("com.acme.chat").expect("entry");
        assert_eq!(e.placeholder("VIVO_APPID").map(|s| s.value.value.as_str()), Some("105"));
        assert_eq!(e.get("xiaomiPushBussinessId").map(|s| s.value.value.as_str()), Some("40002"));
        assert_eq!(e.get("newKey").map(|s| s.value.value.as_str()), Some("7"));
        let s = e.get("xiaomiPushBussinessId").expect("setting");
        assert_eq!(&text[s.value.span.range.as_usize()], "40002");
    }
}
