//! The secret detector for masking: a lexical pass over every file's text, whatever its kind
//! and however broken, that finds the values written after a secret-like name (`appSecret`,
//! `app_secret`, `XM_PUSH_APPSECRET`, `"appSecert"`, `private_key`) and, through the names those
//! values refer to, the values of those names. It never reports: it only says what to mask.

use crate::span::TextRange;
use std::collections::HashSet;

/// Most bytes read as one value, most rounds of following names to their values, and most
/// names followed in one round.
const MAX_VALUE: usize = 64 * 1024;
const MAX_ROUNDS: usize = 4;
const MAX_REFS: usize = 256;

/// What a secret-like name contains once lower-cased without separators.
const STEMS: [&str; 6] = ["secret", "secert", "secrect", "sercet", "scret", "privatekey"];

/// What the detector found in one file.
#[derive(Debug, Default)]
pub struct Found {
    /// Ranges of secret values (a string's content, a bare token, a properties value).
    pub ranges: Vec<TextRange>,
    /// Names a secret value refers to (`= OTHER_CONST`, `Keys.SECRET`), to be followed.
    pub refs: HashSet<String>,
}

/// Whether a key names a secret: its letters contain `secret` (or a common misspelling of it)
/// or `privatekey`, whatever the case and separators.
pub fn is_secret_name(key: &str) -> bool {
    if key.len() > 256 {
        return false;
    }
    let norm: String = key.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    STEMS.iter().any(|s| norm.contains(s))
}

/// The forms a secret-like name takes in files: each stem in lower case, capitalized and in
/// capitals, and the spellings of "private key".
fn stem_forms() -> Option<&'static regex::bytes::Regex> {
    static STEM_FORMS: std::sync::OnceLock<Option<regex::bytes::Regex>> = std::sync::OnceLock::new();
    STEM_FORMS
        .get_or_init(|| {
            let mut forms: Vec<String> = Vec::new();
            for stem in &STEMS[..5] {
                let capital: String =
                    stem.chars().take(1).flat_map(char::to_uppercase).chain(stem.chars().skip(1)).collect();
                forms.extend([stem.to_string(), capital, stem.to_uppercase()]);
            }
            let private = [
                "privatekey",
                "private_key",
                "private-key",
                "privateKey",
                "PrivateKey",
                "PRIVATEKEY",
                "PRIVATE_KEY",
            ];
            forms.extend(private.map(String::from));
            regex::bytes::Regex::new(&forms.join("|")).ok()
        })
        .as_ref()
}

/// Whether `text` may hold a secret-like name at all (a stem in one of its usual forms): one pass
/// of a multi-literal search, which spares nearly every file the scan.
pub fn may_hold_secret(text: &str) -> bool {
    stem_forms().is_none_or(|re| re.is_match(text.as_bytes()))
}

/// Scans `text` for the values of secret-like names. `properties`: a `key=value` file, whose
/// values run to the end of the line without quotes.
pub fn scan(text: &str, properties: bool) -> Found {
    let Some(re) = stem_forms() else { return Found::default() };
    let at = re.find_iter(text.as_bytes()).map(|m| m.start());
    scan_at(text, properties, at, &is_secret_name)
}

/// The values of `names` (exact identifiers or keys) in `text`; `search` finds them (`names_search`).
pub fn values_of(text: &str, properties: bool, names: &HashSet<String>, search: &regex::Regex) -> Found {
    let at = search.find_iter(text).map(|m| m.start());
    scan_at(text, properties, at, &|key| {
        names.contains(key) || names.contains(key.rsplit('.').next().unwrap_or(key))
    })
}

/// Reads the value of each key around the offsets `at` (in increasing order) that `wanted`
/// accepts. Only the neighbourhood of each offset is looked at, and each byte of the text at
/// most a few times, whatever the number of offsets.
fn scan_at(
    text: &str,
    properties: bool,
    at: impl Iterator<Item = usize>,
    wanted: &dyn Fn(&str) -> bool,
) -> Found {
    let mut found = Found::default();
    // Nothing before this offset is looked at again (a key or value already read).
    let mut done = 0;
    // For properties, whose keys start their line: the text up to `gap_from` has been looked
    // at, and `line_content` says whether the line holding it has anything before.
    let (mut gap_from, mut line_content) = (0, false);
    for m in at {
        if m < done {
            continue;
        }
        let Some((start, key, end)) = token_around(text, m, done) else { continue };
        if properties {
            let gap = text.get(gap_from..start).unwrap_or("");
            match gap.rfind(['\n', '\r']) {
                Some(nl) => line_content = !gap.get(nl + 1..).unwrap_or("").trim().is_empty(),
                None => line_content |= !gap.trim().is_empty(),
            }
            gap_from = start;
        }
        // A key looks like a name: a string holding spaces is some text, not a key.
        let name_like = key.len() <= 128 && !key.contains(char::is_whitespace);
        done = end;
        if name_like && wanted(key) && !(properties && line_content) {
            if let Some(after) = separator(text, end, properties) {
                // The value is read past: what it holds is no key.
                done = value(text, after, properties, &mut found).max(end);
            }
        }
        line_content = true;
    }
    found
}

/// The key that holds offset `m`: an identifier (dotted or dashed) or a quoted string, not
/// starting before `floor`; with its start, its text and the offset after it.
fn token_around(text: &str, m: usize, floor: usize) -> Option<(usize, &str, usize)> {
    let bytes = text.as_bytes();
    let mut s = m;
    while s > floor && (is_ident_byte(bytes[s - 1]) || matches!(bytes[s - 1], b'.' | b'-')) {
        s -= 1;
    }
    if s > floor && matches!(bytes[s - 1], b'"' | b'\'') {
        let (key, end) = key_at(text, s - 1)?;
        return Some((s - 1, key, end));
    }
    // An identifier starts with a letter (`9secret` is `secret` after the digit).
    while s < m && !(bytes[s].is_ascii_alphabetic() || matches!(bytes[s], b'_' | b'$')) {
        s += 1;
    }
    let (key, end) = key_at(text, s)?;
    Some((s, key, end))
}

/// One search for all of `names`.
fn names_search(names: &HashSet<String>) -> Option<regex::Regex> {
    let mut pattern: Vec<String> = names.iter().map(|n| regex::escape(n)).collect();
    pattern.sort_unstable();
    regex::RegexBuilder::new(&pattern.join("|")).size_limit(16 << 20).build().ok()
}

/// Scans every text for secret values, then follows the names they refer to through all texts.
/// `texts`: (text, is a properties file).
/// Gives, by index in `texts`, the ranges found in each text that has any.
pub fn scan_all(texts: &[(&str, bool)]) -> std::collections::BTreeMap<usize, Vec<TextRange>> {
    use rayon::prelude::*;
    // Only files with a finding are kept: most have none.
    let first: Vec<(usize, Found)> = texts
        .par_iter()
        .enumerate()
        .filter(|(_, (text, _))| may_hold_secret(text))
        .map(|(k, (text, properties))| (k, scan(text, *properties)))
        .filter(|(_, f)| !f.ranges.is_empty() || !f.refs.is_empty())
        .collect();
    let mut out: std::collections::BTreeMap<usize, Vec<TextRange>> = std::collections::BTreeMap::new();
    let mut refs: HashSet<String> = HashSet::new();
    for (k, f) in first {
        out.insert(k, f.ranges);
        refs.extend(f.refs);
    }
    let mut seen: HashSet<String> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        refs.retain(|r| !seen.contains(r));
        if refs.is_empty() {
            break;
        }
        // Hostile input could name any number: the first ones are followed.
        if refs.len() > MAX_REFS {
            let mut sorted: Vec<String> = refs.into_iter().collect();
            sorted.sort_unstable();
            sorted.truncate(MAX_REFS);
            refs = sorted.into_iter().collect();
        }
        seen.extend(refs.iter().cloned());
        let mut next = HashSet::new();
        let Some(search) = names_search(&refs) else { break };
        for (k, (text, properties)) in texts.iter().enumerate() {
            let f = values_of(text, *properties, &refs, &search);
            if !f.ranges.is_empty() {
                out.entry(k).or_default().extend(f.ranges);
            }
            next.extend(f.refs);
        }
        refs = next;
    }
    out.retain(|_, r| !r.is_empty());
    for ranges in out.values_mut() {
        ranges.sort_unstable();
        ranges.dedup();
    }
    out
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$') || b >= 0x80
}

/// A key at `i`: an identifier (dotted or dashed names included) or a quoted string's content;
/// with the offset after it (after the closing quote).
fn key_at(text: &str, i: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes();
    let b = *bytes.get(i)?;
    if b == b'"' || b == b'\'' {
        let (content, end) = string_at(text, i)?;
        let key = text.get(content.as_usize())?;
        return Some((key, end));
    }
    if !(b.is_ascii_alphabetic() || b == b'_' || b == b'$') {
        return None;
    }
    let mut j = i;
    while j < bytes.len() && (is_ident_byte(bytes[j]) || matches!(bytes[j], b'.' | b'-')) {
        j += 1;
    }
    // A trailing `.` or `-` is punctuation, not part of the name.
    while j > i + 1 && matches!(bytes[j - 1], b'.' | b'-') {
        j -= 1;
    }
    Some((text.get(i..j)?, j))
}

/// The string literal starting at `i` (`'…'`, `"…"`, `"""…"""`): its content range and the offset
/// after it. An unterminated one runs to the end of its line.
fn string_at(text: &str, i: usize) -> Option<(TextRange, usize)> {
    let bytes = text.as_bytes();
    let q = *bytes.get(i)?;
    if q == b'"' && bytes.get(i + 1) == Some(&b'"') && bytes.get(i + 2) == Some(&b'"') {
        let start = i + 3;
        let limit = (start + MAX_VALUE).min(bytes.len());
        let end = text.get(start..limit)?.find("\"\"\"").map_or(limit, |e| start + e);
        return Some((TextRange::new(start, end), (end + 3).min(bytes.len())));
    }
    let start = i + 1;
    let mut j = start;
    while j < bytes.len() && j - start < MAX_VALUE {
        match bytes[j] {
            b'\\' => j += 2,
            b'\n' | b'\r' => return Some((TextRange::new(start, j), j)),
            c if c == q => return Some((TextRange::new(start, j), j + 1)),
            _ => j += 1,
        }
    }
    let j = j.min(bytes.len());
    Some((TextRange::new(start, j), j))
}

/// After a key ending at `end`: where its value starts, when a separator (`=`, `:`, `,`, `(`,
/// or for a command-style call a string) follows. An XML attribute in between is skipped
/// (`android:name="X_SECRET" android:value="…"`).
fn separator(text: &str, end: usize, properties: bool) -> Option<usize> {
    let bytes = text.as_bytes();
    let skip_blank = |mut j: usize| {
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
            j += 1;
        }
        j
    };
    let mut j = skip_blank(end);
    if bytes.get(end.wrapping_sub(1)).is_some_and(|&b| b == b'"' || b == b'\'') {
        let mut k = j;
        while k < bytes.len()
            && (bytes[k].is_ascii_alphanumeric() || matches!(bytes[k], b':' | b'_' | b'-' | b'.'))
        {
            k += 1;
        }
        let k = skip_blank(k);
        if k > j && bytes.get(k) == Some(&b'=') {
            j = k;
        }
    }
    match bytes.get(j)? {
        b'=' | b':' | b',' | b'(' => {
            let mut k = j + 1;
            // `:=`, `==` and `::` are no assignment of a value; `+=` is handled by `=` itself.
            if matches!(bytes.get(k), Some(b'=' | b':')) {
                return None;
            }
            k = skip_blank(k);
            Some(k)
        }
        b'"' | b'\'' if !properties => Some(j),
        _ if properties && j > end => Some(j),
        _ => None,
    }
}

/// Reads the value starting at `i` into `found`; gives the offset where it ends.
fn value(text: &str, i: usize, properties: bool, found: &mut Found) -> usize {
    let bytes = text.as_bytes();
    if properties {
        let end = text.get(i..).and_then(|r| r.find(['\n', '\r'])).map_or(text.len(), |e| i + e);
        let v = text.get(i..end).unwrap_or("").trim_end();
        if !v.is_empty() {
            found.ranges.push(TextRange::new(i, i + v.len()));
        }
        return end;
    }
    let limit = (i + MAX_VALUE).min(bytes.len());
    let mut depth = 0usize;
    let mut j = i;
    let mut seen_value = false;
    // The last byte that is not blank, for a value that goes on after a line ending in `+`.
    let mut last = 0u8;
    while j < limit {
        let b = bytes[j];
        if !b.is_ascii_whitespace() {
            last = b;
        }
        match b {
            b'"' | b'\'' => {
                let Some((content, after)) = string_at(text, j) else { break };
                found.ranges.push(content);
                seen_value = true;
                j = after;
                continue;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            b',' | b';' if depth == 0 => break,
            b'\n' | b'\r' if depth == 0 && seen_value && last != b'+' => break,
            b'<' | b'>' | b'/' if depth == 0 && seen_value => break,
            _ if b.is_ascii_digit() => {
                let mut k = j;
                while k < limit && is_ident_byte(bytes[k]) {
                    k += 1;
                }
                found.ranges.push(TextRange::new(j, k));
                seen_value = true;
                j = k;
                continue;
            }
            _ if b.is_ascii_alphabetic() || b == b'_' || b == b'$' => {
                let Some((name, after)) = key_at(text, j) else { break };
                if !matches!(name, "new" | "String" | "true" | "false" | "null" | "val" | "const") {
                    found.refs.insert(name.rsplit('.').next().unwrap_or(name).to_string());
                }
                seen_value = true;
                j = after;
                continue;
            }
            _ => {}
        }
        j += 1;
    }
    j
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str, properties: bool) -> Vec<&str> {
        let found = scan(text, properties);
        found.ranges.iter().filter_map(|r| text.get(r.as_usize())).collect()
    }

    #[test]
    fn values_after_secret_names_in_any_syntax() {
        assert_eq!(
            masked(r#"{"appSecret": "s1", "app_secret":"s2", "appSecert" : 33, "x": "no"}"#, false),
            ["s1", "s2", "33"]
        );
        assert_eq!(masked("static final String XM_PUSH_APPSECRET = \"ab\" + \"cd\";", false), ["ab", "cd"]);
        assert_eq!(masked("const val HW_SECRET = \"\"\"raw\"\"\"\n", false), ["raw"]);
        assert_eq!(masked("buildConfigField \"String\", \"XM_PUSH_APPSECRET\", '\"v\"'", false), ["\"v\""]);
        assert_eq!(masked("manifestPlaceholders = [XIAOMI_APPSECRET: \"p\", OTHER: \"q\"]", false), ["p"]);
        assert_eq!(masked("<meta-data android:name=\"XM_APP_SECRET\" android:value=\"m\"/>", false), ["m"]);
        assert_eq!(masked("xm.app.secret = plain value\nother=1\n", true), ["plain value"]);
        assert_eq!(masked("appSecret \"cmd\"\n", false), ["cmd"]);
        // Prose and comparisons are not assignments.
        assert!(masked("// the secret is kept on the server\nif (secret == x) {}", false).is_empty());
    }

    #[test]
    fn names_a_secret_refers_to_are_followed() {
        let a = "class A { static final String XM_PUSH_APPSECRET = Keys.BASE; }";
        let b = "class Keys { static final String BASE = \"base1\"; }";
        let ranges = scan_all(&[(a, false), (b, false)]);
        assert!(!ranges.contains_key(&0));
        assert_eq!(ranges[&1].iter().map(|r| &b[r.as_usize()]).collect::<Vec<_>>(), ["base1"]);
    }
}
