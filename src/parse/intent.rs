//! Intent URIs as vendor consoles take them (`intent://host/path#Intent;scheme=x;component=p/c;end`,
//! `intent:#Intent;…;end`), following `Intent.parseUri(…, URI_INTENT_SCHEME)` in AOSP.
//! Ranges are byte offsets into the URI string given to `parse`.

use crate::span::{Spanned, TextRange};

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct IntentUri {
    /// The data URI the intent carries: `<scheme>:` + the part between `intent:` and `#`, or None.
    pub data: Option<String>,
    /// `scheme=` (URL-decoded).
    pub scheme: Option<Spanned<String>>,
    /// Host and path of the data part, when there is a `//authority` part.
    pub host: Option<Spanned<String>>,
    pub port: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
    /// `action=`; None means the default `android.intent.action.VIEW`.
    pub action: Option<Spanned<String>>,
    pub categories: Vec<Spanned<String>>,
    pub mime_type: Option<Spanned<String>>,
    pub package: Option<Spanned<String>>,
    pub component: Option<ComponentRef>,
    pub launch_flags: Option<Spanned<u32>>,
    pub extras: Vec<Extra>,
    /// The whole `#Intent;…;end` part.
    pub fragment_range: TextRange,
}

/// `component=pkg/cls` as `ComponentName.unflattenFromString` reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComponentRef {
    pub package: Spanned<String>,
    /// The class name, with a leading `.` expanded against `package`.
    pub class: Spanned<String>,
    /// True when the class was written in the short `.Name` form.
    pub short_form: bool,
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extra {
    /// `S`, `B`, `b`, `c`, `d`, `f`, `i`, `l`, `s`.
    pub kind: char,
    pub key: String,
    pub value: String,
    pub range: TextRange,
}

/// Why a string is not a valid intent URI; `range` points at the offending text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntentError {
    pub range: TextRange,
    pub message: String,
}

impl IntentUri {
    /// Parses an `intent:` URI. Strings that do not start with `intent:` are an error here; callers
    /// that accept plain deep links check the prefix first.
    pub fn parse(s: &str) -> Result<IntentUri, IntentError> {
        let _ = s;
        Err(IntentError { range: TextRange::default(), message: "not implemented".into() })
    }

    /// The intent's action, defaulting to VIEW as `parseUri` does.
    pub fn effective_action(&self) -> &str {
        self.action.as_ref().map(|a| a.value.as_str()).unwrap_or("android.intent.action.VIEW")
    }

    /// Writes the intent back in canonical `intent:` form; `parse(to_uri(x))` equals `x` up to ranges.
    pub fn to_uri(&self) -> String {
        String::new()
    }
}
