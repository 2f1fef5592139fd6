//! `gradle/libs.versions.toml`: versions, libraries, bundles and plugins with spans, so that
//! `libs.x.y` accessors in build scripts resolve to coordinates.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::ParseError;
use crate::span::{Spanned, TextRange};

type TomlSpanned<T> = toml::Spanned<T>;

#[derive(Clone, Debug, Default)]
pub struct VersionCatalog {
    /// Alias and version text (for rich versions: `strictly`, else `require`, else `prefer`).
    /// String ranges cover the content without quotes.
    pub versions: Vec<(Spanned<String>, Spanned<String>)>,
    pub libraries: Vec<CatalogLibrary>,
    pub bundles: Vec<(Spanned<String>, Vec<Spanned<String>>)>,
    pub plugins: Vec<CatalogPlugin>,
    /// TOML syntax errors (fatal for the part they are in) and recovered problems such as an
    /// unknown `version.ref`.
    pub errors: Vec<ParseError>,
}

#[derive(Clone, Debug)]
pub struct CatalogLibrary {
    /// The alias as written (`firebase-messaging`); `accessor()` gives `firebase.messaging`.
    pub alias: Spanned<String>,
    /// `group:name`. The range is the module string's content; for `group = …, name = …` it covers
    /// both values.
    pub module: Spanned<String>,
    /// The literal version, or the version a `version.ref` names; None when absent (BoM-managed).
    /// For a `version.ref` the range is that of the `[versions]` value.
    pub version: Option<Spanned<String>>,
    /// The `version.ref` name, when the version came from one.
    pub version_ref: Option<Spanned<String>>,
}

#[derive(Clone, Debug)]
pub struct CatalogPlugin {
    pub alias: Spanned<String>,
    pub id: Spanned<String>,
    pub version: Option<Spanned<String>>,
    /// The `version.ref` name, when the version came from one.
    pub version_ref: Option<Spanned<String>>,
}

/// Gradle maps `-`, `_` and `.` in aliases to `.` in accessors.
pub fn accessor(alias: &str) -> String {
    alias.replace(['-', '_'], ".")
}

impl VersionCatalog {
    /// Parses a version catalog; never fails. Syntax errors are reported and what could be read is kept.
    pub fn parse(text: &str) -> VersionCatalog {
        let text = &*crate::parse::text::lone_cr_as_lf(text);
        let (doc, toml_errors) = DeTable::parse_recoverable(text);
        let mut cat = VersionCatalog::default();
        for e in toml_errors {
            let range = e.span().map_or(TextRange::empty(0), |r| TextRange::new(r.start, r.end));
            cat.errors.push(ParseError::new(range, toml_message(e.message())));
        }
        let r = Reader { text };
        let root = doc.get_ref();
        if let Some(t) = r.section(root, "versions", &mut cat.errors) {
            for (k, v) in sorted(t) {
                match r.version_value(v) {
                    Some(ver) => cat.versions.push((r.key(k), ver)),
                    None => cat.errors.push(ParseError::recovered(
                        r.range(v.span()),
                        format!(
                            "version `{}` must be a string or a table with `strictly`, `require` or `prefer`",
                            k.get_ref()
                        ),
                    )),
                }
            }
        }
        if let Some(t) = r.section(root, "libraries", &mut cat.errors) {
            for (k, v) in sorted(t) {
                if let Some(lib) = cat.read_library(&r, k, v) {
                    cat.libraries.push(lib);
                }
            }
        }
        if let Some(t) = r.section(root, "bundles", &mut cat.errors) {
            for (k, v) in sorted(t) {
                let Some(items) = v.get_ref().as_array() else {
                    let msg = format!("bundle `{}` must be an array of library aliases", k.get_ref());
                    cat.errors.push(ParseError::recovered(r.range(v.span()), msg));
                    continue;
                };
                let mut members = Vec::new();
                for item in items {
                    match r.string(item) {
                        Some(s) => {
                            if !cat.libraries.iter().any(|l| l.alias.value == s.value) {
                                let msg =
                                    format!("bundle `{}` names unknown library `{}`", k.get_ref(), s.value);
                                cat.errors.push(ParseError::recovered(s.range, msg));
                            }
                            members.push(s);
                        }
                        None => cat.errors.push(ParseError::recovered(
                            r.range(item.span()),
                            "bundle entries must be strings",
                        )),
                    }
                }
                cat.bundles.push((r.key(k), members));
            }
        }
        if let Some(t) = r.section(root, "plugins", &mut cat.errors) {
            for (k, v) in sorted(t) {
                if let Some(p) = cat.read_plugin(&r, k, v) {
                    cat.plugins.push(p);
                }
            }
        }
        cat
    }

    /// The library with this alias, or whose accessor (`firebase.messaging`) matches.
    pub fn library(&self, alias_or_accessor: &str) -> Option<&CatalogLibrary> {
        let wanted = accessor(alias_or_accessor);
        self.libraries.iter().find(|l| accessor(&l.alias.value) == wanted)
    }

    /// The plugin with this alias or accessor.
    pub fn plugin(&self, alias_or_accessor: &str) -> Option<&CatalogPlugin> {
        let wanted = accessor(alias_or_accessor);
        self.plugins.iter().find(|p| accessor(&p.alias.value) == wanted)
    }

    /// The version with this alias or accessor.
    pub fn version(&self, alias_or_accessor: &str) -> Option<&Spanned<String>> {
        let wanted = accessor(alias_or_accessor);
        self.versions.iter().find(|(k, _)| accessor(&k.value) == wanted).map(|(_, v)| v)
    }

    fn read_library(
        &mut self,
        r: &Reader,
        k: &TomlSpanned<Cow>,
        v: &TomlSpanned<DeValue>,
    ) -> Option<CatalogLibrary> {
        let alias = r.key(k);
        if let Some(s) = r.string(v) {
            // `group:name:version` (or `group:name`).
            let parts: Vec<&str> = s.value.split(':').collect();
            if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty()) {
                let msg = format!("library `{}` must be `group:name:version`", alias.value);
                self.errors.push(ParseError::recovered(s.range, msg));
                return None;
            }
            let module_len = parts.iter().take(2).map(|p| p.len()).sum::<usize>() + 1;
            let module = Spanned::new(
                s.value.get(..module_len).unwrap_or_default().to_string(),
                s.range.sub(TextRange::new(0, module_len)),
            );
            let version = parts.get(2).map(|v| {
                Spanned::new(v.to_string(), s.range.sub(TextRange::new(module_len + 1, s.value.len())))
            });
            return Some(CatalogLibrary { alias, module, version, version_ref: None });
        }
        let Some(t) = v.get_ref().as_table() else {
            let msg = format!("library `{}` must be a string or a table", alias.value);
            self.errors.push(ParseError::recovered(r.range(v.span()), msg));
            return None;
        };
        let module = match (field(t, "module"), field(t, "group"), field(t, "name")) {
            (Some(m), _, _) => r.string(m),
            (None, Some(g), Some(n)) => match (r.string(g), r.string(n)) {
                (Some(g), Some(n)) => {
                    Some(Spanned::new(format!("{}:{}", g.value, n.value), g.range.cover(n.range)))
                }
                _ => None,
            },
            _ => None,
        };
        let Some(module) = module else {
            let msg = format!("library `{}` needs `module` or `group` and `name` strings", alias.value);
            self.errors.push(ParseError::recovered(alias.range, msg));
            return None;
        };
        let (version, version_ref) = self.version_field(r, t);
        Some(CatalogLibrary { alias, module, version, version_ref })
    }

    fn read_plugin(
        &mut self,
        r: &Reader,
        k: &TomlSpanned<Cow>,
        v: &TomlSpanned<DeValue>,
    ) -> Option<CatalogPlugin> {
        let alias = r.key(k);
        if let Some(s) = r.string(v) {
            // `id:version` (or a bare id).
            let (id, version) = match s.value.rfind(':') {
                Some(c) => (
                    Spanned::new(
                        s.value.get(..c).unwrap_or_default().to_string(),
                        s.range.sub(TextRange::new(0, c)),
                    ),
                    Some(Spanned::new(
                        s.value.get(c + 1..).unwrap_or_default().to_string(),
                        s.range.sub(TextRange::new(c + 1, s.value.len())),
                    )),
                ),
                None => (s, None),
            };
            return Some(CatalogPlugin { alias, id, version, version_ref: None });
        }
        let id = v.get_ref().as_table().and_then(|t| field(t, "id")).and_then(|id| r.string(id));
        let (Some(t), Some(id)) = (v.get_ref().as_table(), id) else {
            let msg = format!("plugin `{}` needs an `id` string", alias.value);
            self.errors.push(ParseError::recovered(alias.range, msg));
            return None;
        };
        let (version, version_ref) = self.version_field(r, t);
        Some(CatalogPlugin { alias, id, version, version_ref })
    }

    /// `version = "1.0"`, `version = { strictly = … }` or `version.ref = "alias"`.
    fn version_field(
        &mut self,
        r: &Reader,
        t: &DeTable,
    ) -> (Option<Spanned<String>>, Option<Spanned<String>>) {
        let Some(v) = field(t, "version") else { return (None, None) };
        if let Some(reference) =
            v.get_ref().as_table().and_then(|vt| field(vt, "ref")).and_then(|x| r.string(x))
        {
            let target =
                self.versions.iter().find(|(k, _)| k.value == reference.value).map(|(_, v)| v.clone());
            if target.is_none() {
                let msg = format!("unknown version reference `{}`", reference.value);
                self.errors.push(ParseError::recovered(reference.range, msg));
            }
            return (target, Some(reference));
        }
        match r.version_value(v) {
            Some(ver) => (Some(ver), None),
            None => {
                let msg = "`version` must be a string, a rich version table or `version.ref`";
                self.errors.push(ParseError::recovered(r.range(v.span()), msg));
                (None, None)
            }
        }
    }
}

type Cow<'a> = std::borrow::Cow<'a, str>;

/// Turns a toml error message into this crate's style: one lowercase line without a trailing period.
fn toml_message(m: &str) -> String {
    let line = m.lines().next().unwrap_or("invalid toml").trim().trim_end_matches('.');
    let mut chars = line.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => "invalid toml".to_string(),
    }
}

/// Table entries in source order (the map itself is sorted by key).
fn sorted<'a, 'i>(t: &'a DeTable<'i>) -> Vec<(&'a TomlSpanned<Cow<'i>>, &'a TomlSpanned<DeValue<'i>>)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

fn field<'a, 'i>(t: &'a DeTable<'i>, name: &str) -> Option<&'a TomlSpanned<DeValue<'i>>> {
    t.iter().find(|(k, _)| k.get_ref() == name).map(|(_, v)| v)
}

struct Reader<'t> {
    text: &'t str,
}

impl Reader<'_> {
    fn range(&self, r: Range<usize>) -> TextRange {
        TextRange::new(r.start.min(self.text.len()), r.end.min(self.text.len()))
    }

    /// A key with the range of its text (without quotes for quoted keys).
    fn key(&self, k: &TomlSpanned<Cow>) -> Spanned<String> {
        Spanned::new(k.get_ref().to_string(), self.unquoted(k.span()))
    }

    /// The span without surrounding quotes (`"…"`, `'…'`, `"""…"""`, `'''…'''`).
    fn unquoted(&self, span: Range<usize>) -> TextRange {
        let raw = self.text.get(span.clone()).unwrap_or_default();
        for q in ["\"\"\"", "'''", "\"", "'"] {
            if raw.len() >= 2 * q.len() && raw.starts_with(q) && raw.ends_with(q) {
                return self.range(span.start + q.len()..span.end - q.len());
            }
        }
        self.range(span)
    }

    fn string(&self, v: &TomlSpanned<DeValue>) -> Option<Spanned<String>> {
        v.get_ref().as_str().map(|s| Spanned::new(s.to_string(), self.unquoted(v.span())))
    }

    /// A version string or a rich version table (`strictly`, then `require`, then `prefer`).
    fn version_value(&self, v: &TomlSpanned<DeValue>) -> Option<Spanned<String>> {
        if let Some(s) = self.string(v) {
            return Some(s);
        }
        let t = v.get_ref().as_table()?;
        ["strictly", "require", "prefer"].iter().find_map(|name| field(t, name).and_then(|x| self.string(x)))
    }

    /// A top-level table; anything else under that name is reported.
    fn section<'a, 'i>(
        &self,
        root: &'a DeTable<'i>,
        name: &str,
        errors: &mut Vec<ParseError>,
    ) -> Option<&'a DeTable<'i>> {
        let v = field(root, name)?;
        let t = v.get_ref().as_table();
        if t.is_none() {
            errors.push(ParseError::recovered(self.range(v.span()), format!("`{name}` must be a table")));
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATALOG: &str = r#"
[versions]
agp = "8.3.0"
firebase-bom = { strictly = "32.8.0" }
hms = { require = "6.12.0.300" }
kotlin = { prefer = "1.9.22" }

[libraries]
firebase-messaging = { module = "com.google.firebase:firebase-messaging" }
firebase-bom = { group = "com.google.firebase", name = "firebase-bom", version.ref = "firebase-bom" }
hms-push = { module = "com.huawei.hms:push", version.ref = "hms" }
"timpush" = "com.tencent.timpush:timpush:7.9.5666"
xiaomi = { module = "com.tencent.timpush:xiaomi", version = "7.9.5666" }
broken = { module = "a:b", version.ref = "nope" }

[bundles]
push = ["hms-push", "xiaomi", "ghost"]

[plugins]
gms = { id = "com.google.gms.google-services", version = "4.4.0" }
android-application = { id = "com.android.application", version.ref = "agp" }
honor = "com.hihonor.mcs.asplugin:2.0.1.300"
"#;

    fn t(r: TextRange) -> &'static str {
        &CATALOG[r.as_usize()]
    }

    #[test]
    fn reads_every_section_with_spans() {
        let c = VersionCatalog::parse(CATALOG);
        let v: Vec<_> =
            c.versions.iter().map(|(k, v)| (k.value.as_str(), v.value.as_str(), t(v.range))).collect();
        assert_eq!(
            v,
            [
                ("agp", "8.3.0", "8.3.0"),
                ("firebase-bom", "32.8.0", "32.8.0"),
                ("hms", "6.12.0.300", "6.12.0.300"),
                ("kotlin", "1.9.22", "1.9.22")
            ]
        );
        let lib = |a| c.library(a).unwrap();
        let fm = lib("firebase.messaging");
        assert_eq!(fm.module.value, "com.google.firebase:firebase-messaging");
        assert_eq!(t(fm.module.range), "com.google.firebase:firebase-messaging");
        assert!(fm.version.is_none());
        assert_eq!(t(fm.alias.range), "firebase-messaging");
        let bom = lib("firebase-bom");
        assert_eq!(bom.module.value, "com.google.firebase:firebase-bom");
        assert_eq!(bom.version.as_ref().unwrap().value, "32.8.0");
        assert_eq!(t(bom.version_ref.as_ref().unwrap().range), "firebase-bom");
        let hms = lib("hms-push");
        assert_eq!(t(hms.version.as_ref().unwrap().range), "6.12.0.300");
        let tp = lib("timpush");
        assert_eq!(t(tp.alias.range), "timpush");
        assert_eq!(
            (tp.module.value.as_str(), t(tp.module.range)),
            ("com.tencent.timpush:timpush", "com.tencent.timpush:timpush")
        );
        assert_eq!(t(tp.version.as_ref().unwrap().range), "7.9.5666");
        assert_eq!(lib("xiaomi").version.as_ref().unwrap().value, "7.9.5666");
        assert!(lib("broken").version.is_none());
        assert_eq!(c.libraries.len(), 6);
        // Source order is kept.
        assert_eq!(c.libraries[0].alias.value, "firebase-messaging");

        assert_eq!(c.bundles[0].0.value, "push");
        assert_eq!(
            c.bundles[0].1.iter().map(|s| t(s.range)).collect::<Vec<_>>(),
            ["hms-push", "xiaomi", "ghost"]
        );

        let gms = c.plugin("gms").unwrap();
        assert_eq!(gms.id.value, "com.google.gms.google-services");
        assert_eq!(gms.version.as_ref().unwrap().value, "4.4.0");
        assert_eq!(c.plugin("android.application").unwrap().version.as_ref().unwrap().value, "8.3.0");
        let honor = c.plugin("honor").unwrap();
        assert_eq!(
            (honor.id.value.as_str(), t(honor.id.range)),
            ("com.hihonor.mcs.asplugin", "com.hihonor.mcs.asplugin")
        );
        assert_eq!(t(honor.version.as_ref().unwrap().range), "2.0.1.300");

        let errs: Vec<_> = c.errors.iter().map(|e| (e.message.as_str(), t(e.range), e.recovered)).collect();
        assert_eq!(
            errs,
            [
                ("unknown version reference `nope`", "nope", true),
                ("bundle `push` names unknown library `ghost`", "ghost", true)
            ]
        );
    }

    #[test]
    fn syntax_errors_have_ranges() {
        let text = "[versions]\nagp = \"8.3.0\nx = 1\n[libraries]\na = \"g:n:1\"\n";
        let c = VersionCatalog::parse(text);
        assert!(!c.errors.is_empty());
        let e = &c.errors[0];
        assert!(!e.recovered);
        assert!(e.range.start >= 17 && e.range.start <= 24, "{e:?}");
        assert!(
            !e.message.ends_with('.') && e.message.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{e:?}"
        );
        assert_eq!(c.library("a").map(|l| l.module.value.as_str()), Some("g:n"));

        let c = VersionCatalog::parse("[libraries]\na = \"g\"\nb = 3\nc = { version = \"1\" }\n");
        let msgs: Vec<_> = c.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(c.libraries.is_empty());
    }

    #[test]
    fn never_panics() {
        for s in [
            "",
            "[",
            "versions = 1",
            "[versions]\na = []",
            "[plugins]\np = {}",
            "[bundles]\nb = [1]",
            "\u{feff}x",
        ] {
            let _ = VersionCatalog::parse(s);
        }
        let _ = VersionCatalog::parse(&format!("a = {}", "[".repeat(100_000)));
        let _ = VersionCatalog::parse(&format!("a = {}", "{b = ".repeat(100_000)));
    }

    #[test]
    fn corpus_catalogs_parse_cleanly() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
        let Ok(walk) = std::fs::read_dir(root) else { return };
        for dir in walk.flatten() {
            for sub in ["", "Demo/"] {
                let p = dir.path().join(format!("{sub}gradle/libs.versions.toml"));
                if let Ok(text) = std::fs::read_to_string(&p) {
                    let c = VersionCatalog::parse(&text);
                    assert!(c.errors.is_empty(), "{}: {:?}", p.display(), c.errors);
                }
            }
        }
    }
}
