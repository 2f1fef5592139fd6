//! `gradle.properties` (Java properties): keys and values with spans.

use crate::span::Spanned;

#[derive(Clone, Debug, Default)]
pub struct PropertiesFile {
    pub entries: Vec<(Spanned<String>, Spanned<String>)>,
}

impl PropertiesFile {
    pub fn parse(text: &str) -> PropertiesFile {
        let _ = text;
        PropertiesFile::default()
    }
    /// The value of `key` (the last definition wins, as in `java.util.Properties`).
    pub fn get(&self, key: &str) -> Option<&Spanned<String>> {
        self.entries.iter().rev().find(|(k, _)| k.value == key).map(|(_, v)| v)
    }
}
