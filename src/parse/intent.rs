//! Intent URIs as vendor consoles take them (`intent://host/path#Intent;scheme=x;component=p/c;end`,
//! `intent:#Intent;…;end`), following `Intent.parseUri(…, URI_INTENT_SCHEME)` in AOSP.
//! Ranges are byte offsets into the URI string given to `parse`.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use super::ParseError;
use crate::span::{Spanned, TextRange};

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct IntentUri {
    /// The data URI the intent carries: `<scheme>:` + the part between `intent:` and `#`, or None.
    /// Without `scheme=` AOSP keeps the bare part (`//host/path`, a scheme-less URI); None when
    /// the part is empty and there is no scheme.
    pub data: Option<String>,
    /// `scheme=` (URL-decoded).
    pub scheme: Option<Spanned<String>>,
    /// Host and path of the data part, when there is a `//authority` part; as written (not decoded).
    pub host: Option<Spanned<String>>,
    pub port: Option<Spanned<String>>,
    pub path: Option<Spanned<String>>,
    /// `action=`; None means the default `android.intent.action.VIEW`.
    pub action: Option<Spanned<String>>,
    pub categories: Vec<Spanned<String>>,
    pub mime_type: Option<Spanned<String>>,
    pub package: Option<Spanned<String>>,
    pub component: Option<ComponentRef>,
    /// `launchFlags=` as `Integer.decode` reads it (negative values keep their bits).
    pub launch_flags: Option<Spanned<u32>>,
    pub extras: Vec<Extra>,
    /// The whole `#Intent;…;end` part.
    pub fragment_range: TextRange,
    /// The query of the data part (after `?`, as written).
    pub query: Option<Spanned<String>>,
    /// `identifier=`.
    pub identifier: Option<Spanned<String>>,
    /// `sourceBounds=` as written (decoded); AOSP ignores malformed bounds.
    pub source_bounds: Option<Spanned<String>>,
    /// The selector intent: the fields after `SEL;`.
    pub selector: Option<Box<IntentUri>>,
    /// Values AOSP accepts but reads differently than written (`B.x=yes` is false).
    pub warnings: Vec<IntentError>,
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
    /// The key, URL-decoded.
    pub key: String,
    /// The value, URL-decoded, as written (validated for its kind).
    pub value: String,
    /// The whole `S.key=value` field.
    pub range: TextRange,
    /// The raw key text after `S.`.
    pub key_range: TextRange,
    /// The raw value text after `=`.
    pub value_range: TextRange,
}

/// Why a string is not a valid intent URI; `range` points at the offending text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntentError {
    pub range: TextRange,
    pub message: String,
}

impl IntentError {
    fn new(range: TextRange, message: impl Into<String>) -> Self {
        IntentError { range, message: message.into() }
    }
}

impl fmt::Display for IntentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<IntentError> for ParseError {
    fn from(e: IntentError) -> Self {
        ParseError::new(e.range, e.message)
    }
}

const VIEW: &str = "android.intent.action.VIEW";
const PREFIX: &str = "intent:";
const FRAGMENT: &str = "#Intent;";

impl IntentUri {
    /// Parses an `intent:` URI. Strings that do not start with `intent:` are an error here; callers
    /// that accept plain deep links check the prefix first.
    pub fn parse(s: &str) -> Result<IntentUri, IntentError> {
        // All slicing in this module is at positions of ASCII delimiters found in the same string
        // (or just past an ASCII prefix that was checked), so it cannot split a character.
        if !s.starts_with(PREFIX) {
            let end = (0..=PREFIX.len().min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
            return Err(IntentError::new(TextRange::new(0, end), "intent uri must start with `intent:`"));
        }
        // Like AOSP, the fragment starts at the last `#`.
        let hash = match s.rfind('#') {
            None => return Err(IntentError::new(TextRange::empty(s.len()), "missing `#Intent;…;end` part")),
            Some(h) if s[h..].starts_with(FRAGMENT) => h,
            Some(h) if s[..h].contains(FRAGMENT) => {
                let msg = "unencoded `#` in the intent fields (parseUri reads them from the last `#`)";
                return Err(IntentError::new(TextRange::new(h, h + 1), msg));
            }
            Some(h) => {
                let msg = "expected `#Intent;` after the data part";
                return Err(IntentError::new(TextRange::new(h, s.len()), msg));
            }
        };
        let mut intent = IntentUri { fragment_range: TextRange::new(hash, s.len()), ..Default::default() };
        parse_fields(s, hash + FRAGMENT.len(), &mut intent)?;

        let part = &s[PREFIX.len()..hash];
        intent.data = match &intent.scheme {
            Some(scheme) => Some(format!("{}:{part}", scheme.value)),
            None if part.is_empty() => None,
            None => Some(part.to_string()),
        };
        parse_data_part(part, PREFIX.len(), &mut intent);
        Ok(intent)
    }

    /// The intent's action, defaulting to VIEW as `parseUri` does.
    pub fn effective_action(&self) -> &str {
        self.action.as_ref().map(|a| a.value.as_str()).unwrap_or(VIEW)
    }

    /// Writes the intent back in canonical `intent:` form; `parse(to_uri(x))` equals `x` up to ranges.
    /// Field order follows AOSP `Intent.toUri`: scheme, action, category, type, identifier,
    /// launchFlags, package, component, sourceBounds, extras, then `SEL;` and the selector's fields.
    pub fn to_uri(&self) -> String {
        let mut out = String::from(PREFIX);
        if let Some(data) = &self.data {
            let part = match &self.scheme {
                Some(scheme) => data.strip_prefix(scheme.value.as_str()).and_then(|d| d.strip_prefix(':')),
                None => None,
            };
            out.push_str(part.unwrap_or(data));
        }
        out.push_str(FRAGMENT);
        self.write_fields(&mut out);
        if let Some(sel) = &self.selector {
            out.push_str("SEL;");
            sel.write_fields(&mut out);
        }
        out.push_str("end");
        out
    }

    fn write_fields(&self, out: &mut String) {
        let mut field = |name: &str, value: &str| {
            out.push_str(name);
            out.push('=');
            out.push_str(&encode(value, ""));
            out.push(';');
        };
        if let Some(v) = &self.scheme {
            field("scheme", &v.value);
        }
        if let Some(v) = &self.action {
            field("action", &v.value);
        }
        for v in &self.categories {
            field("category", &v.value);
        }
        if let Some(v) = &self.mime_type {
            field("type", &v.value);
        }
        if let Some(v) = &self.identifier {
            field("identifier", &v.value);
        }
        if let Some(v) = &self.launch_flags {
            // Signed, unlike AOSP's `toHexString`, which `Integer.decode` cannot read back above 0x7fffffff.
            let signed = v.value as i32;
            let sign = if signed < 0 { "-" } else { "" };
            field("launchFlags", &format!("{sign}0x{:x}", signed.unsigned_abs()));
        }
        if let Some(v) = &self.package {
            field("package", &v.value);
        }
        if let Some(v) = &self.source_bounds {
            field("sourceBounds", &v.value);
        }
        if let Some(c) = &self.component {
            let short = c
                .class
                .value
                .strip_prefix(c.package.value.as_str())
                .filter(|rest| c.short_form && rest.starts_with('.'));
            out.push_str("component=");
            out.push_str(&encode(&c.package.value, ""));
            out.push('/');
            out.push_str(&encode(short.unwrap_or(&c.class.value), "/"));
            out.push(';');
        }
        for e in &self.extras {
            out.push(e.kind);
            out.push('.');
            out.push_str(&encode(&e.key, ""));
            out.push('=');
            out.push_str(&encode(&e.value, ""));
            out.push(';');
        }
    }

    /// A copy with every range set to zero, for comparing intents read from different texts.
    pub fn normalized(&self) -> IntentUri {
        fn z<T: Clone>(s: &Spanned<T>) -> Spanned<T> {
            Spanned::new(s.value.clone(), TextRange::default())
        }
        fn zo<T: Clone>(s: &Option<Spanned<T>>) -> Option<Spanned<T>> {
            s.as_ref().map(z)
        }
        let zero = TextRange::default();
        IntentUri {
            data: self.data.clone(),
            scheme: zo(&self.scheme),
            host: zo(&self.host),
            port: zo(&self.port),
            path: zo(&self.path),
            action: zo(&self.action),
            categories: self.categories.iter().map(z).collect(),
            mime_type: zo(&self.mime_type),
            package: zo(&self.package),
            component: self.component.as_ref().map(|c| ComponentRef {
                package: z(&c.package),
                class: z(&c.class),
                short_form: c.short_form,
                range: zero,
            }),
            launch_flags: zo(&self.launch_flags),
            extras: self
                .extras
                .iter()
                .map(|e| Extra { range: zero, key_range: zero, value_range: zero, ..e.clone() })
                .collect(),
            fragment_range: zero,
            query: zo(&self.query),
            identifier: zo(&self.identifier),
            source_bounds: zo(&self.source_bounds),
            selector: self.selector.as_ref().map(|s| Box::new(s.normalized())),
            warnings: self.warnings.iter().map(|w| IntentError::new(zero, w.message.clone())).collect(),
        }
    }

    /// Equality up to ranges (see `normalized`).
    pub fn eq_ignoring_ranges(&self, other: &IntentUri) -> bool {
        self.normalized() == other.normalized()
    }
}

/// Reads `key=value;` fields from `start` up to the closing `end`.
fn parse_fields(s: &str, start: usize, intent: &mut IntentUri) -> Result<(), IntentError> {
    let mut i = start;
    let mut selector: Option<IntentUri> = None;
    loop {
        let rest = s.get(i..).unwrap_or_default();
        // AOSP stops at any field starting with `end`; text after it is ignored there but is a mistake.
        if rest.starts_with("end") {
            if rest.len() > 3 {
                return Err(IntentError::new(TextRange::new(i + 3, s.len()), "unexpected text after `end`"));
            }
            break;
        }
        let Some(semi) = rest.find(';') else {
            let msg = if rest.is_empty() {
                "missing `end` at the end of the intent uri"
            } else {
                "missing `;end` after the last field"
            };
            return Err(IntentError::new(TextRange::empty(s.len()), msg));
        };
        let field = &rest[..semi];
        let field_range = TextRange::new(i, i + semi);
        i += semi + 1;
        if field.is_empty() {
            return Err(IntentError::new(
                TextRange::new(field_range.start as usize, i),
                "empty intent field",
            ));
        }
        let Some(eq) = field.find('=') else {
            if field == "SEL" {
                if selector.is_some() {
                    return Err(IntentError::new(field_range, "duplicate `SEL`"));
                }
                selector = Some(IntentUri { fragment_range: field_range, ..Default::default() });
                continue;
            }
            return Err(IntentError::new(field_range, format!("missing `=` in `{field}`")));
        };
        let key = &field[..eq];
        let key_start = field_range.start as usize;
        let key_range = TextRange::new(key_start, key_start + eq);
        let value_start = key_start + eq + 1;
        let raw_value = &field[eq + 1..];
        let value_range = TextRange::new(value_start, field_range.end as usize);
        let (value, map) = decode(raw_value, value_start)?;
        let in_selector = selector.is_some();
        let target = selector.as_mut().unwrap_or(intent);
        let spanned = Spanned::new(value.clone(), value_range);
        match key {
            "action" => target.action = Some(spanned),
            "category" => target.categories.push(spanned),
            "type" => target.mime_type = Some(spanned),
            "identifier" => target.identifier = Some(spanned),
            "package" => target.package = Some(spanned),
            "sourceBounds" => target.source_bounds = Some(spanned),
            "scheme" => {
                if in_selector {
                    // In the selector, `scheme=` sets the data to `<scheme>:`.
                    target.data = Some(format!("{value}:"));
                }
                target.scheme = Some(spanned);
            }
            "launchFlags" => match java_decode_int(&value) {
                Some(v) => target.launch_flags = Some(Spanned::new(v as u32, value_range)),
                None => {
                    let msg = format!("invalid launchFlags `{value}`: expected a 32-bit integer");
                    return Err(IntentError::new(value_range, msg));
                }
            },
            "component" => target.component = Some(parse_component(&value, &map, value_range)?),
            _ => {
                let mut chars = key.chars();
                let kind = chars.next().unwrap_or(' ');
                if chars.next() != Some('.') || !"SBbcdfils".contains(kind) {
                    return Err(IntentError::new(key_range, format!("unknown key `{key}`")));
                }
                let raw_key_range = TextRange::new(key_start + 2, key_start + eq);
                let (extra_key, _) = decode(&key[2..], key_start + 2)?;
                let warning = check_extra(kind, &extra_key, &value, value_range)?;
                target.warnings.extend(warning);
                target.extras.push(Extra {
                    kind,
                    key: extra_key,
                    value,
                    range: field_range,
                    key_range: raw_key_range,
                    value_range,
                });
            }
        }
    }
    if let Some(mut sel) = selector {
        sel.fragment_range = TextRange::new(sel.fragment_range.start as usize, i);
        intent.selector = Some(Box::new(sel));
    }
    Ok(())
}

/// `ComponentName.unflattenFromString`, except that empty names are errors here.
fn parse_component(value: &str, map: &[usize], range: TextRange) -> Result<ComponentRef, IntentError> {
    let raw = |a: usize, b: usize| {
        let start = map.get(a).copied().unwrap_or(range.start as usize);
        let end = map.get(b).copied().unwrap_or(range.end as usize);
        TextRange::new(start, end)
    };
    let Some(sep) = value.find('/') else {
        let msg = format!("component `{value}` has no `/` between package and class");
        return Err(IntentError::new(range, msg));
    };
    let (pkg, cls) = (&value[..sep], &value[sep + 1..]);
    if pkg.is_empty() {
        return Err(IntentError::new(raw(0, sep + 1), "component has an empty package name"));
    }
    if cls.is_empty() {
        return Err(IntentError::new(raw(sep, sep + 1), "component has an empty class name"));
    }
    let short_form = cls.starts_with('.');
    let class = if short_form { format!("{pkg}{cls}") } else { cls.to_string() };
    Ok(ComponentRef {
        package: Spanned::new(pkg.to_string(), raw(0, sep)),
        class: Spanned::new(class, raw(sep + 1, value.len())),
        short_form,
        range,
    })
}

/// Validates an extra's value as the matching `Bundle.put*` parse would; Err where AOSP throws,
/// a warning where it silently reads something else.
fn check_extra(
    kind: char,
    key: &str,
    value: &str,
    range: TextRange,
) -> Result<Option<IntentError>, IntentError> {
    let invalid =
        |what: &str| IntentError::new(range, format!("invalid {what} value `{value}` for extra `{key}`"));
    let ok = match kind {
        'B' if !value.eq_ignore_ascii_case("true") && !value.eq_ignore_ascii_case("false") => {
            let msg = format!("boolean extra `{key}` reads `{value}` as false");
            return Ok(Some(IntentError::new(range, msg)));
        }
        'c' if value.is_empty() => {
            return Err(IntentError::new(range, format!("empty char value for extra `{key}`")));
        }
        'c' if value.encode_utf16().count() > 1 => {
            let msg = format!("char extra `{key}` keeps only the first character of `{value}`");
            return Ok(Some(IntentError::new(range, msg)));
        }
        'b' => java_parse_int(value).is_some_and(|v| i8::try_from(v).is_ok()),
        's' => java_parse_int(value).is_some_and(|v| i16::try_from(v).is_ok()),
        'i' => java_parse_int(value).is_some_and(|v| i32::try_from(v).is_ok()),
        'l' => java_parse_int(value).is_some(),
        'd' | 'f' => java_float(value),
        _ => true,
    };
    if ok {
        return Ok(None);
    }
    let what = match kind {
        'b' => "byte",
        's' => "short",
        'i' => "int",
        'l' => "long",
        'd' => "double",
        _ => "float",
    };
    Err(invalid(what))
}

/// `Long.parseLong(s)`: optional sign and decimal digits.
fn java_parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// `Integer.decode(s)`: sign, then `0x`/`0X`/`#` hex, leading `0` octal, or decimal; must fit in 32 bits.
fn java_decode_int(s: &str) -> Option<i32> {
    let (neg, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = if let Some(d) = rest.strip_prefix("0x").or_else(|| rest.strip_prefix("0X")) {
        (16, d)
    } else if let Some(d) = rest.strip_prefix('#') {
        (16, d)
    } else if rest.len() > 1 && rest.starts_with('0') {
        (8, &rest[1..])
    } else {
        (10, rest)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i64::from_str_radix(digits, radix).ok()?;
    i32::try_from(if neg { -magnitude } else { magnitude }).ok()
}

/// `Double.parseDouble` / `Float.parseFloat` syntax (after Java's `trim()`).
fn java_float(s: &str) -> bool {
    static FLOAT: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(concat!(
            r"^[+-]?(NaN|Infinity|((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)|",
            r"(0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+[fFdD]?))$"
        ))
        .ok()
    });
    let trimmed = s.trim_matches(|c: char| c <= ' ');
    FLOAT.as_ref().is_some_and(|re| re.is_match(trimmed))
}

/// Fills host, port, path and query from the data part `//authority/path?query` at offset `base`.
fn parse_data_part(part: &str, base: usize, intent: &mut IntentUri) {
    let sp = |a: usize, b: usize| Spanned::new(part[a..b].to_string(), TextRange::new(base + a, base + b));
    let (before_query, query_at) = match part.find('?') {
        Some(q) => (&part[..q], Some(q)),
        None => (part, None),
    };
    if let Some(q) = query_at {
        intent.query = Some(sp(q + 1, part.len()));
    }
    let path_start = if let Some(after_slashes) = before_query.strip_prefix("//") {
        let auth_end = after_slashes.find('/').map_or(before_query.len(), |p| p + 2);
        // Drop `user@`; the port follows the last `:` unless it is inside an IPv6 `[…]` host.
        let host_start = before_query[2..auth_end].rfind('@').map_or(2, |a| a + 3);
        let authority = &before_query[host_start..auth_end];
        let colon = authority.rfind(':').filter(|&c| !authority[c..].contains(']'));
        let host_end = colon.map_or(auth_end, |c| host_start + c);
        if host_end > host_start {
            intent.host = Some(sp(host_start, host_end));
        }
        if let Some(c) = colon {
            intent.port = Some(sp(host_start + c + 1, auth_end));
        }
        auth_end
    } else {
        0
    };
    if before_query.len() > path_start && before_query[path_start..].starts_with('/') {
        intent.path = Some(sp(path_start, before_query.len()));
    }
}

/// `Uri.decode` of `raw` (at offset `base`), strict about bad `%` escapes. Also returns, for each
/// byte of the decoded text (and its end), the offset of the raw text it came from.
fn decode(raw: &str, base: usize) -> Result<(String, Vec<usize>), IntentError> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut map = Vec::with_capacity(bytes.len() + 1);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
            match hex
                .filter(|h| h.bytes().all(|c| c.is_ascii_hexdigit()))
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                Some(v) => {
                    out.push(v);
                    map.push(base + i);
                    i += 3;
                }
                None => {
                    let end = (i + 1..=(i + 3).min(bytes.len()))
                        .take_while(|&e| e == i + 1 || bytes.get(e - 1).is_some_and(u8::is_ascii_hexdigit))
                        .last()
                        .unwrap_or(i + 1);
                    let end = (end..=bytes.len()).find(|&e| raw.is_char_boundary(e)).unwrap_or(bytes.len());
                    let msg = format!("invalid percent-escape `{}`", &raw[i..end]);
                    return Err(IntentError::new(TextRange::new(base + i, base + end), msg));
                }
            }
        } else {
            out.push(b);
            map.push(base + i);
            i += 1;
        }
    }
    map.push(base + raw.len());
    match String::from_utf8(out) {
        Ok(s) => Ok((s, map)),
        Err(_) => Err(IntentError::new(
            TextRange::new(base, base + raw.len()),
            "percent-escapes do not form valid utf-8",
        )),
    }
}

/// `Uri.encode(s, allow)`: everything but letters, digits, `_-!.~'()*` and `allow` becomes `%XX`.
fn encode(s: &str, allow: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "_-!.~'()*".contains(c) || allow.contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn err(s: &str) -> (String, &str) {
        let e = IntentUri::parse(s).expect_err(s);
        (e.message, &s[e.range.as_usize()])
    }

    fn text(s: &str, r: TextRange) -> &str {
        &s[r.as_usize()]
    }

    const TENCENT: &str = "intent://com.tencent.qcloud/detail#Intent;scheme=pushscheme;launchFlags=0x4000000;component=com.tencent.qcloud.tim.tuikit/com.tencent.qcloud.tim.demo.main.MainActivity;end";

    #[test]
    fn tencent_demo_value() {
        let s = TENCENT;
        let i = IntentUri::parse(s).unwrap();
        assert_eq!(i.data.as_deref(), Some("pushscheme://com.tencent.qcloud/detail"));
        assert_eq!(i.scheme.as_ref().unwrap().value, "pushscheme");
        assert_eq!(text(s, i.scheme.as_ref().unwrap().range), "pushscheme");
        let host = i.host.as_ref().unwrap();
        assert_eq!((host.value.as_str(), text(s, host.range)), ("com.tencent.qcloud", "com.tencent.qcloud"));
        assert_eq!(i.path.as_ref().unwrap().value, "/detail");
        assert_eq!(text(s, i.path.as_ref().unwrap().range), "/detail");
        assert_eq!(i.port, None);
        assert_eq!(i.launch_flags.as_ref().map(|f| f.value), Some(0x0400_0000));
        assert_eq!(text(s, i.launch_flags.as_ref().unwrap().range), "0x4000000");
        let c = i.component.as_ref().unwrap();
        assert_eq!(c.package.value, "com.tencent.qcloud.tim.tuikit");
        assert_eq!(c.class.value, "com.tencent.qcloud.tim.demo.main.MainActivity");
        assert!(!c.short_form);
        assert_eq!(text(s, c.class.range), "com.tencent.qcloud.tim.demo.main.MainActivity");
        assert_eq!(text(s, i.fragment_range), &s[34..]);
        assert_eq!(i.effective_action(), VIEW);
        assert!(i.eq_ignoring_ranges(&IntentUri::parse(&i.to_uri()).unwrap()));
    }

    #[test]
    fn short_form_meizu_style_and_ports() {
        let s = "intent:#Intent;action=android.intent.action.MAIN;category=a;category=b;component=com.x/.ui.Main;end";
        let i = IntentUri::parse(s).unwrap();
        assert_eq!(i.data, None);
        assert_eq!(i.host, None);
        assert_eq!(i.categories.len(), 2);
        let c = i.component.unwrap();
        assert!(c.short_form);
        assert_eq!(c.class.value, "com.x.ui.Main");
        assert_eq!(text(s, c.class.range), ".ui.Main");
        assert_eq!(text(s, c.package.range), "com.x");
        assert_eq!(text(s, c.range), "com.x/.ui.Main");

        let s = "intent://u@h.example:8080/a/b?x=1#Intent;end";
        let i = IntentUri::parse(s).unwrap();
        // Without `scheme=`, AOSP keeps the bare part as a scheme-less URI.
        assert_eq!(i.data.as_deref(), Some("//u@h.example:8080/a/b?x=1"));
        assert_eq!(text(s, i.host.unwrap().range), "h.example");
        assert_eq!(i.port.unwrap().value, "8080");
        assert_eq!(i.path.unwrap().value, "/a/b");
        assert_eq!(i.query.unwrap().value, "x=1");
        let i = IntentUri::parse("intent:#Intent;scheme=abc;end").unwrap();
        assert_eq!(i.data.as_deref(), Some("abc:"));
    }

    #[test]
    fn extras_and_decoding() {
        let s = "intent:#Intent;S.k%20y=a%3Bb%C3%A9;B.on=true;B.odd=yes;i.n=-12;l.big=9000000000;c.ch=x;d.d=1.5e3;f.f=2f;s.s=7;b.b=-128;end";
        let i = IntentUri::parse(s).unwrap();
        let e = &i.extras[0];
        assert_eq!((e.kind, e.key.as_str(), e.value.as_str()), ('S', "k y", "a;bé"));
        assert_eq!(text(s, e.value_range), "a%3Bb%C3%A9");
        assert_eq!(text(s, e.key_range), "k%20y");
        assert_eq!(text(s, e.range), "S.k%20y=a%3Bb%C3%A9");
        assert_eq!(i.extras.len(), 10);
        assert_eq!(i.warnings.len(), 1);
        assert_eq!(text(s, i.warnings[0].range), "yes");
        let back = IntentUri::parse(&i.to_uri()).unwrap();
        assert!(i.eq_ignoring_ranges(&back), "{}", i.to_uri());
    }

    #[test]
    fn selector_is_recorded() {
        let s = "intent:#Intent;action=a;SEL;scheme=http;category=c;end";
        let i = IntentUri::parse(s).unwrap();
        let sel = i.selector.as_ref().unwrap();
        assert_eq!(sel.data.as_deref(), Some("http:"));
        assert_eq!(sel.categories[0].value, "c");
        assert!(i.categories.is_empty());
        assert_eq!(i.data, None);
        assert!(i.eq_ignoring_ranges(&IntentUri::parse(&i.to_uri()).unwrap()));
    }

    #[test]
    fn launch_flags_follow_integer_decode() {
        let flags = |v: &str| {
            IntentUri::parse(&format!("intent:#Intent;launchFlags={v};end"))
                .map(|i| i.launch_flags.unwrap().value)
        };
        assert_eq!(flags("268435456"), Ok(0x1000_0000));
        assert_eq!(flags("0X10"), Ok(16));
        assert_eq!(flags("%2310"), Ok(16));
        assert_eq!(flags("010"), Ok(8));
        assert_eq!(flags("0"), Ok(0));
        assert_eq!(flags("-1"), Ok(u32::MAX));
        assert_eq!(flags("0x7fffffff"), Ok(0x7fff_ffff));
        assert!(flags("0x80000000").is_err());
        assert!(flags("08").is_err());
        assert!(flags("").is_err());
        assert!(flags("0x").is_err());
        assert!(flags("1_0").is_err());
    }

    #[test]
    fn errors_have_exact_ranges() {
        assert_eq!(err("http://x"), ("intent uri must start with `intent:`".into(), "http://"));
        assert_eq!(err("int"), ("intent uri must start with `intent:`".into(), "int"));
        assert_eq!(err("Intent:#Intent;end").1, "Intent:");
        assert_eq!(err("intent://x/y"), ("missing `#Intent;…;end` part".into(), ""));
        assert_eq!(err("intent://x/y#frag"), ("expected `#Intent;` after the data part".into(), "#frag"));
        assert_eq!(err("intent:#Intent;S.c=#fff;end").1, "#");
        let missing_end = "intent:#Intent;component=a/b;";
        let e = IntentUri::parse(missing_end).unwrap_err();
        assert_eq!(
            (e.message.as_str(), e.range.as_usize()),
            ("missing `end` at the end of the intent uri", 29..29)
        );
        let e = IntentUri::parse("intent:#Intent;component=a/b").unwrap_err();
        assert_eq!((e.message.as_str(), e.range.as_usize()), ("missing `;end` after the last field", 28..28));
        assert_eq!(err("intent:#Intent;end;"), ("unexpected text after `end`".into(), ";"));
        assert_eq!(
            err("intent:#Intent;launchFlags=0x1G;end"),
            ("invalid launchFlags `0x1G`: expected a 32-bit integer".into(), "0x1G")
        );
        assert_eq!(
            err("intent:#Intent;launchflags=1;end"),
            ("unknown key `launchflags`".into(), "launchflags")
        );
        assert_eq!(err("intent:#Intent;X.k=1;end"), ("unknown key `X.k`".into(), "X.k"));
        assert_eq!(
            err("intent:#Intent;component=com.x.Main;end"),
            ("component `com.x.Main` has no `/` between package and class".into(), "com.x.Main")
        );
        assert_eq!(
            err("intent:#Intent;component=/.Main;end"),
            ("component has an empty package name".into(), "/")
        );
        assert_eq!(
            err("intent:#Intent;component=a%2F;end"),
            ("component has an empty class name".into(), "%2F")
        );
        assert_eq!(err("intent:#Intent;S.k=a%2;end"), ("invalid percent-escape `%2`".into(), "%2"));
        assert_eq!(err("intent:#Intent;S.k=%zz;end"), ("invalid percent-escape `%`".into(), "%"));
        assert_eq!(err("intent:#Intent;S.k=%é;end"), ("invalid percent-escape `%`".into(), "%"));
        assert_eq!(
            err("intent:#Intent;S.k=%FF;end"),
            ("percent-escapes do not form valid utf-8".into(), "%FF")
        );
        assert_eq!(
            err("intent:#Intent;i.n=1.5;end"),
            ("invalid int value `1.5` for extra `n`".into(), "1.5")
        );
        assert_eq!(err("intent:#Intent;b.n=128;end").1, "128");
        assert_eq!(err("intent:#Intent;d.n=1e;end").1, "1e");
        assert_eq!(err("intent:#Intent;c.n=;end").0, "empty char value for extra `n`");
        assert_eq!(err("intent:#Intent;action;end"), ("missing `=` in `action`".into(), "action"));
        assert_eq!(err("intent:#Intent;;end"), ("empty intent field".into(), ";"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "intent:",
            "intent:#",
            "intent:#Intent;",
            "intent:#Intent;é",
            "intent:#Intent;%",
            "intent:#Intent;S.=;end",
            "intent://[::1]:80#Intent;end",
            "intent://:#Intent;end",
            "intent:?#Intent;end",
        ] {
            let _ = IntentUri::parse(s);
        }
        let i = IntentUri::parse("intent://[::1]:80/p#Intent;end").unwrap();
        assert_eq!(i.host.unwrap().value, "[::1]");
    }

    fn word(alphabet: &'static str, max: usize) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(alphabet.chars().collect::<Vec<_>>()), 1..=max)
            .prop_map(|cs| cs.into_iter().collect())
    }

    /// Free text, with characters that need escaping in intent fields.
    fn free() -> impl Strategy<Value = String> {
        word("abcXYZ019._-;=%#&/?+ é中$:", 12)
    }

    fn sp<T>(v: T) -> Spanned<T> {
        Spanned::new(v, TextRange::default())
    }

    fn extra() -> impl Strategy<Value = Extra> {
        let value = prop_oneof![
            free().prop_map(|v| ('S', v)),
            any::<bool>().prop_map(|v| ('B', v.to_string())),
            any::<i8>().prop_map(|v| ('b', v.to_string())),
            proptest::sample::select(vec!['a', ';', '%', 'é', '中']).prop_map(|c| ('c', c.to_string())),
            (-1e12f64..1e12).prop_map(|v| ('d', v.to_string())),
            (-1e6f32..1e6).prop_map(|v| ('f', v.to_string())),
            any::<i32>().prop_map(|v| ('i', v.to_string())),
            any::<i64>().prop_map(|v| ('l', v.to_string())),
            any::<i16>().prop_map(|v| ('s', v.to_string())),
        ];
        (value, free()).prop_map(|((kind, value), key)| Extra {
            kind,
            key,
            value,
            range: TextRange::default(),
            key_range: TextRange::default(),
            value_range: TextRange::default(),
        })
    }

    fn intent() -> impl Strategy<Value = IntentUri> {
        let data = (
            proptest::option::of(
                word("abcxyz", 1)
                    .prop_flat_map(|a| word("abcxyz0129+.-", 8).prop_map(move |b| a.clone() + &b)),
            ),
            proptest::option::of((
                word("abc.xyz-09", 12),
                proptest::option::of(0u16..),
                word("/abc._~-09", 10),
            )),
        );
        let component = proptest::option::of((word("abc.xyz_", 10), word("ABCabc09$_", 8), any::<bool>()));
        (
            data,
            proptest::option::of(free()),
            proptest::collection::vec(free(), 0..3),
            (proptest::option::of(free()), proptest::option::of(free()), proptest::option::of(free())),
            proptest::option::of(any::<u32>()),
            component,
            proptest::collection::vec(extra(), 0..4),
        )
            .prop_map(
                |(
                    (scheme, authority),
                    action,
                    categories,
                    (mime, package, identifier),
                    flags,
                    comp,
                    extras,
                )| {
                    let mut i = IntentUri::default();
                    let mut part = String::new();
                    if let Some((host, port, path)) = authority {
                        let path = format!("/{}", path.trim_start_matches('/'));
                        part = format!("//{host}");
                        i.host = Some(sp(host));
                        if let Some(port) = port {
                            part.push_str(&format!(":{port}"));
                            i.port = Some(sp(port.to_string()));
                        }
                        part.push_str(&path);
                        i.path = Some(sp(path));
                    }
                    i.data = match &scheme {
                        Some(s) => Some(format!("{s}:{part}")),
                        None if part.is_empty() => None,
                        None => Some(part),
                    };
                    i.scheme = scheme.map(sp);
                    i.action = action.map(sp);
                    i.categories = categories.into_iter().map(sp).collect();
                    i.mime_type = mime.map(sp);
                    i.package = package.map(sp);
                    i.identifier = identifier.map(sp);
                    i.launch_flags = flags.map(sp);
                    i.component = comp.map(|(pkg, cls, short)| {
                        let class = if short { format!("{pkg}.{cls}") } else { format!("x.{cls}") };
                        ComponentRef {
                            package: sp(pkg),
                            class: sp(class),
                            short_form: short,
                            range: TextRange::default(),
                        }
                    });
                    i.extras = extras;
                    i
                },
            )
    }

    proptest! {
        #[test]
        fn to_uri_round_trips(x in intent()) {
            let uri = x.to_uri();
            let back = IntentUri::parse(&uri);
            prop_assert!(back.is_ok(), "{uri}: {back:?}");
            let back = back.unwrap();
            prop_assert!(back.eq_ignoring_ranges(&x), "{uri}\n{:#?}\n{:#?}", back.normalized(), x.normalized());
        }

        #[test]
        fn parse_never_panics(tail in "[a-zA-Z0-9%#;=./:é-]{0,40}", any in "\\PC{0,40}") {
            let _ = IntentUri::parse(&format!("intent:{tail}"));
            let _ = IntentUri::parse(&format!("intent:#Intent;{tail}"));
            let _ = IntentUri::parse(&format!("intent:#Intent;{any}"));
        }
    }
}
