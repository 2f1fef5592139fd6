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
    scan_at(text, properties, at, false, &is_secret_name)
}

/// The values of `names` (exact identifiers or keys) in `text`; `search` finds them (`names_search`).
pub fn values_of(text: &str, properties: bool, names: &HashSet<String>, search: &regex::Regex) -> Found {
    let at = search.find_iter(text).map(|m| m.start());
    scan_at(text, properties, at, true, &|key| {
        names.contains(key) || names.contains(key.rsplit('.').next().unwrap_or(key))
    })
}

/// Reads the value of each key around the offsets `at` (in increasing order) that `wanted`
/// accepts. `definitions`: the keys are names a secret refers to, so only where a value is
/// given to them counts (`NAME = …`, `NAME: …`, a properties line), not an XML attribute of
/// the same name (`android:name=`) or an argument. Only the neighbourhood of each offset is
/// looked at, and each byte of the text at most a few times, whatever the number of offsets.
fn scan_at(
    text: &str,
    properties: bool,
    at: impl Iterator<Item = usize>,
    definitions: bool,
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
        let quoted = text.as_bytes().get(start).is_some_and(|&b| b == b'"' || b == b'\'');
        // A namespaced attribute or a resource reference (`android:name`, `@string/name`) is
        // no definition of the name.
        let qualified = start > 0 && matches!(text.as_bytes()[start - 1], b':' | b'@' | b'/');
        // A URL's query parameter (`"&secret=" + …`) sits inside a string: its "value" is code.
        let query = start > 0 && matches!(text.as_bytes()[start - 1], b'&' | b'?');
        // An XML attribute named like a followed name (`<string name="…">`) defines nothing.
        let qualified = qualified || (definitions && !quoted && inside_tag(text, start));
        done = end;
        if name_like && wanted(key) && !(properties && line_content) && !(definitions && qualified) && !query
        {
            // The value is read past: what it holds is no key.
            match separator(text, end, properties, quoted, definitions) {
                Some(Start::Code(after)) => done = value(text, after, properties, &mut found).max(end),
                Some(Start::Text(after)) => done = element_text(text, after, &mut found).max(end),
                None => {}
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

/// After a key ending at `end`: where its value starts, when a separator follows: `=` or `:`;
/// for a quoted key (a name passed as an argument: `put("app_secret", …)`,
/// `buildConfigField "String", "XM_SECRET", …`) a `,`; a string literal after `(` or a blank
/// (`appSecret("…")`, `appSecret "…"`). An XML attribute in between is skipped
/// (`android:name="X_SECRET" android:value="…"`), and the text of an element named by it is its
/// value (`<string name="app_secret">…</string>`). `definitions`: no call or command style
/// (see `scan_at`).
fn separator(text: &str, end: usize, properties: bool, quoted: bool, definitions: bool) -> Option<Start> {
    let bytes = text.as_bytes();
    let skip_blank = |mut j: usize| {
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
            j += 1;
        }
        j
    };
    let mut j = skip_blank(end);
    if quoted {
        let mut k = j;
        while k < bytes.len()
            && (bytes[k].is_ascii_alphanumeric() || matches!(bytes[k], b':' | b'_' | b'-' | b'.'))
        {
            k += 1;
        }
        let k = skip_blank(k);
        if k > j && bytes.get(k) == Some(&b'=') {
            j = k;
        } else if bytes.get(j) == Some(&b'>') && attribute_name_before(text, end) == Some("name") {
            return Some(Start::Text(j + 1));
        }
    }
    let string_at = |k: usize| matches!(bytes.get(skip_blank(k)), Some(b'"' | b'\''));
    match bytes.get(j)? {
        b'=' | b':' => {
            let k = j + 1;
            // `:=`, `==` and `::` are no assignment of a value; `+=` is handled by `=` itself.
            if matches!(bytes.get(k), Some(b'=' | b':')) {
                return None;
            }
            Some(skip_blank(k))
        }
        b',' if quoted => Some(skip_blank(j + 1)),
        b'(' if !definitions && string_at(j + 1) => Some(skip_blank(j + 1)),
        // A command-style call has a blank before its string; a key right before a quote ends
        // a string itself (`"@string/app_secret"`).
        b'"' | b'\'' if !properties && !quoted && !definitions && j > end => Some(j),
        _ if properties && j > end => Some(j),
        _ => None,
    }
    .map(Start::Code)
}

/// Where a value starts: code (a literal, an expression, a properties value) or an XML
/// element's text.
enum Start {
    Code(usize),
    Text(usize),
}

/// Records the text of an XML element starting at `i` (up to the next tag); gives its end.
fn element_text(text: &str, i: usize, found: &mut Found) -> usize {
    let rest = text.get(i..).unwrap_or("");
    let end = i + rest.find('<').unwrap_or(rest.len()).min(MAX_VALUE);
    let content = text.get(i..end).unwrap_or("");
    let lead = content.len() - content.trim_start().len();
    let v = content.trim();
    // A key is one printable ASCII token; a sentence is a label (`Start secret chat`).
    if !v.is_empty() && v.bytes().all(|b| b.is_ascii_graphic()) {
        found.ranges.push(TextRange::new(i + lead, i + lead + v.len()));
    }
    end
}

/// The name of the XML attribute whose quoted value ends at `end` (after its closing quote).
fn attribute_name_before(text: &str, end: usize) -> Option<&str> {
    let bytes = text.as_bytes();
    let q = *bytes.get(end.checked_sub(1)?)?;
    let open = text.get(..end - 1)?.rfind(q as char)?;
    let before = text.get(..open)?.trim_end();
    let before = before.strip_suffix('=')?.trim_end();
    let name_start = before.rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-')))?;
    let name = before.get(name_start + 1..)?;
    Some(name.rsplit(':').next().unwrap_or(name))
}

/// Whether a name a secret's value refers to is worth following: a constant (`OTHER_CONST`) or
/// a name that says it holds a credential (`xmKey`, `mi_sec`, `pushToken`). A common name
/// (`name`, `type`, `key`) would take every value given to it anywhere for a secret.
fn followable(name: &str) -> bool {
    let constant = name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    let lower = name.to_ascii_lowercase();
    const STEMS: [&str; 8] = ["key", "sec", "token", "pass", "pwd", "cred", "auth", "sign"];
    // The stem alone (`key = …` in every Compose list) names nothing in particular.
    if STEMS.contains(&lower.as_str()) {
        return false;
    }
    constant || STEMS.iter().any(|s| lower.contains(s))
}

/// Whether offset `at` lies inside an XML tag (after a `<` with no `>` since): an attribute.
fn inside_tag(text: &str, at: usize) -> bool {
    let before = text.get(at.saturating_sub(4096)..at).unwrap_or("");
    match (before.rfind('<'), before.rfind('>')) {
        (Some(open), Some(close)) => open > close,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Names that are part of the language, not of a value.
const KEYWORDS: &[&str] = &[
    "new", "true", "false", "null", "val", "var", "def", "const", "final", "static", "private", "public",
    "return", "this", "if", "else", "for", "while", "class", "object", "is", "as", "in", "boolean", "int",
    "long", "char", "byte", "void",
];

/// Calls whose string argument names a Gradle property or environment variable holding the
/// value (`findProperty("XM_KEY")`), which is then followed like a reference.
const LOOKUPS: &[&str] =
    &["findProperty", "property", "getProperty", "gradleProperty", "getenv", "environmentVariable"];

/// Skips the balanced parentheses of a call opening at `i` (strings inside included); gives the
/// offset after them. The string arguments of a property lookup are recorded as names to follow.
fn skip_call(text: &str, i: usize, limit: usize, lookup: bool, found: &mut Found) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut j = i;
    while j < limit {
        match bytes[j] {
            b'"' | b'\'' => {
                let Some((content, after)) = string_at(text, j) else { return limit };
                if lookup && depth == 1 {
                    if let Some(name) =
                        text.get(content.as_usize()).filter(|n| !n.is_empty() && n.len() <= 128)
                    {
                        found.refs.insert(name.to_string());
                    }
                }
                j = after;
                continue;
            }
            b'(' => depth += 1,
            b')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return j + 1;
                }
            }
            // A string resource the value is read from (`getString(R.string.mi_key)`).
            b'R' if depth == 1 && !bytes.get(j.wrapping_sub(1)).is_some_and(|&b| is_ident_byte(b)) => {
                if let Some((name, after)) = key_at(text, j) {
                    if let Some(res) = name.strip_prefix("R.string.").filter(|n| !n.is_empty()) {
                        found.refs.insert(res.to_string());
                    }
                    j = after;
                    continue;
                }
            }
            _ => {}
        }
        j += 1;
    }
    limit
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
                let last = name.rsplit('.').next().unwrap_or(name);
                let mut k = after;
                while k < limit && matches!(bytes[k], b' ' | b'\t') {
                    k += 1;
                }
                if bytes.get(k) == Some(&b'(') {
                    // A call computes the value: what it is given is no secret, but the
                    // property it looks up may hold one.
                    j = skip_call(text, k, limit, LOOKUPS.contains(&last), found);
                    seen_value = true;
                    continue;
                }
                // A type (`String`, `Keys` of `Keys.BASE` is the qualifier, not this) or a keyword
                // holds no value; a constant, a field or a property does.
                let type_like = last.starts_with(|c: char| c.is_ascii_uppercase())
                    && last.contains(|c: char| c.is_ascii_lowercase());
                if !type_like && !KEYWORDS.contains(&last) && followable(last) {
                    found.refs.insert(last.to_string());
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
    fn code_that_only_mentions_a_secret_masks_nothing() {
        // Computed values, arguments, types, labels and URLs are no secret values; masking them
        // would hide component names and attribute values in every finding.
        for text in [
            "String appsecret = appInfo.metaData.getString(\"OPPO_APP_PUSH_SECRET\");",
            "SecretKey aesKey = new SecretKeySpec(aesKeyBytes, \"AES\");",
            "secretChatMenuItem.setEnabled(isEnableSecretChat);",
            "boolean isEnableSecretChat = ChatManager.Instance().isEnableSecretChat();",
            "url += \"&secret=\" + Config.ICE_SERVERS[0][2];",
            "<item app:title=\"@string/set_secret_chat_burn_time\" />",
            "<string name=\"start_secret_chat\">Start secret chat</string>",
        ] {
            let found = scan(text, false);
            assert!(found.ranges.is_empty(), "{text}: {:?}", masked(text, false));
            assert!(found.refs.is_empty(), "{text}: {:?}", found.refs);
        }
    }

    #[test]
    fn string_resources_and_property_lookups_hold_secrets() {
        assert_eq!(masked("<string name=\"xm_app_secret\">a1b2c3</string>", false), ["a1b2c3"]);
        let gradle = "manifestPlaceholders = [XM_APPSECRET: findProperty(\"xmKey\")]";
        let props = "xmKey=p9q8\n";
        let ranges = scan_all(&[(gradle, false), (props, true)]);
        assert!(!ranges.contains_key(&0));
        assert_eq!(ranges[&1].iter().map(|r| &props[r.as_usize()]).collect::<Vec<_>>(), ["p9q8"]);
    }

    #[test]
    fn a_followed_name_is_read_from_build_config_fields_and_string_resources() {
        let a = "static final String XM_APP_SECRET = BuildConfig.MI_KEY2;\nString s = getString(R.string.other);\n\
                 String XM_SECRET_2 = getString(R.string.mi_key3);";
        let b = "buildConfigField \"String\", \"MI_KEY2\", '\"v2\"'\n";
        let c = "<resources><string name=\"mi_key3\">v3v3</string></resources>";
        let ranges = scan_all(&[(a, false), (b, false), (c, false)]);
        assert_eq!(ranges[&1].iter().map(|r| &b[r.as_usize()]).collect::<Vec<_>>(), ["\"v2\""]);
        // Of a call's arguments, only a string resource is followed.
        assert_eq!(ranges[&2].iter().map(|r| &c[r.as_usize()]).collect::<Vec<_>>(), ["v3v3"]);
    }

    #[test]
    fn a_followed_name_is_read_where_it_is_defined_only() {
        let a = "def XM_APP_SECRET = miKey";
        let b = "<activity android:miKey=\".Main\" android:exported=\"true\"/>\n<pref miKey=\"attr\"/>\nmiKey = \"real\"\n";
        let ranges = scan_all(&[(a, false), (b, false)]);
        assert_eq!(ranges[&1].iter().map(|r| &b[r.as_usize()]).collect::<Vec<_>>(), ["real"]);
        // A common name is not followed at all: every value given to it would be taken.
        for a in ["def XM_APP_SECRET = name", "def XM_APP_SECRET = key"] {
            let b = "<string name=\"app_name\">Chat</string>\nname = \"x\"\nitems(key = \"row\")\n";
            assert!(!scan_all(&[(a, false), (b, false)]).contains_key(&1), "{a}");
        }
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
