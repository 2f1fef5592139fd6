//! Android's intent-filter matching (`IntentFilter.match`): action, then data (scheme,
//! authority, path with path/pathPrefix/pathPattern/pathSuffix/pathAdvancedPattern, type),
//! then categories. `<data>` elements of one filter pool their attributes, as on a device.

use super::merge::{AttrValue, IntentFilter};

/// The data URI of an intent, split the way `Uri` splits it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataUri {
    pub scheme: String,
    pub host: Option<String>,
    pub port: Option<u16>,
    pub path: Option<String>,
}

/// The parts of an intent that filter matching looks at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntentSpec {
    pub action: String,
    pub categories: Vec<String>,
    pub data: Option<DataUri>,
    pub mime_type: Option<String>,
}

/// The first reason a filter does not match an intent, in Android's order of checks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mismatch {
    /// A value the filter needs is an unresolved placeholder: the answer is not known.
    Unknown,
    /// The filter lists no action, or not the intent's.
    Action,
    /// The intent has data but the filter declares no `<data>`.
    UnexpectedData,
    /// The filter declares `<data>` but the intent has none.
    MissingData,
    Scheme,
    Host,
    Port,
    Path,
    MimeType,
    /// An intent category the filter lacks.
    Category(String),
}

fn values(list: &[AttrValue]) -> Result<Vec<&str>, Mismatch> {
    list.iter().map(|v| v.value.as_deref().ok_or(Mismatch::Unknown)).collect()
}

fn opt_values<'a>(
    filter: &'a IntentFilter,
    get: impl Fn(&'a super::merge::DataSpec) -> &'a Option<AttrValue>,
) -> Result<Vec<&'a str>, Mismatch> {
    filter
        .data
        .iter()
        .filter_map(|d| get(d).as_ref())
        .map(|v| v.value.as_deref().ok_or(Mismatch::Unknown))
        .collect()
}

/// Whether `filter` accepts `intent`; `Err` carries the first difference.
pub fn match_filter(filter: &IntentFilter, intent: &IntentSpec) -> Result<(), Mismatch> {
    let actions = values(&filter.actions)?;
    if !actions.contains(&intent.action.as_str()) {
        return Err(Mismatch::Action);
    }
    match_data(filter, intent)?;
    let categories = values(&filter.categories)?;
    for c in &intent.categories {
        if !categories.contains(&c.as_str()) {
            return Err(Mismatch::Category(c.clone()));
        }
    }
    Ok(())
}

fn match_data(filter: &IntentFilter, intent: &IntentSpec) -> Result<(), Mismatch> {
    let schemes = opt_values(filter, |d| &d.scheme)?;
    let types = opt_values(filter, |d| &d.mime_type)?;
    if schemes.is_empty() && types.is_empty() {
        return if intent.data.is_none() && intent.mime_type.is_none() {
            Ok(())
        } else {
            Err(Mismatch::UnexpectedData)
        };
    }
    let scheme = intent.data.as_ref().map(|d| d.scheme.as_str()).unwrap_or("");
    if !schemes.is_empty() {
        // Scheme matching is case-sensitive on Android. An intent without data has the scheme ""
        // there, which a filter declaring `android:scheme=""` accepts.
        if !schemes.contains(&scheme) {
            return Err(if intent.data.is_none() { Mismatch::MissingData } else { Mismatch::Scheme });
        }
        // Without a host, port and path attributes are ignored; each <data> pairs its host and port.
        let mut authorities = Vec::new();
        for d in &filter.data {
            if let Some(h) = &d.host {
                let host = h.value.as_deref().ok_or(Mismatch::Unknown)?;
                let port = match &d.port {
                    Some(p) => Some(p.value.as_deref().ok_or(Mismatch::Unknown)?),
                    None => None,
                };
                authorities.push((host, port));
            }
        }
        if !authorities.is_empty() {
            let data = intent.data.as_ref().ok_or(Mismatch::MissingData)?;
            let mut host_ok = false;
            let mut port_ok = false;
            for (host, port) in &authorities {
                if host_matches(host, data.host.as_deref()) {
                    host_ok = true;
                    let port_matches = match port {
                        None => true,
                        Some(p) => p.trim().parse::<u16>().ok() == data.port,
                    };
                    if port_matches {
                        port_ok = true;
                    }
                }
            }
            if !host_ok {
                return Err(Mismatch::Host);
            }
            if !port_ok {
                return Err(Mismatch::Port);
            }
            let paths = path_entries(filter)?;
            if !paths.is_empty() {
                let path = data.path.as_deref().unwrap_or("");
                if !paths.iter().any(|p| p.matches(path)) {
                    return Err(Mismatch::Path);
                }
            }
        }
    } else if !(scheme.is_empty() || scheme == "content" || scheme == "file") {
        // A type-only filter accepts data only with content: or file: URIs.
        return Err(Mismatch::Scheme);
    }
    if !types.is_empty() {
        let Some(t) = &intent.mime_type else { return Err(Mismatch::MimeType) };
        if !types.iter().any(|f| mime_matches(f, t)) {
            return Err(Mismatch::MimeType);
        }
    } else if intent.mime_type.is_some() {
        return Err(Mismatch::MimeType);
    }
    Ok(())
}

/// Hosts compare without regard to case, as `IntentFilter.AuthorityEntry` does; a leading `*`
/// matches any prefix.
fn host_matches(filter_host: &str, host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    if filter_host == "*" {
        return true;
    }
    match filter_host.strip_prefix('*') {
        Some(suffix) => {
            host.len() >= suffix.len() && host.to_ascii_lowercase().ends_with(&suffix.to_ascii_lowercase())
        }
        None => host.eq_ignore_ascii_case(filter_host),
    }
}

fn mime_matches(filter: &str, t: &str) -> bool {
    if filter == "*" || filter == "*/*" {
        return true;
    }
    match filter.strip_suffix("/*") {
        Some(major) => t.split('/').next() == Some(major),
        None => filter == t,
    }
}

/// One path attribute of a filter.
#[derive(Clone, Debug)]
pub enum PathEntry {
    Literal(String),
    Prefix(String),
    Glob(String),
    Suffix(String),
    Advanced(String),
}

fn path_entries(filter: &IntentFilter) -> Result<Vec<PathEntry>, Mismatch> {
    let mut out = Vec::new();
    for d in &filter.data {
        type Make = fn(String) -> PathEntry;
        let pairs: [(&Option<AttrValue>, Make); 5] = [
            (&d.path, PathEntry::Literal),
            (&d.path_prefix, PathEntry::Prefix),
            (&d.path_pattern, PathEntry::Glob),
            (&d.path_suffix, PathEntry::Suffix),
            (&d.path_advanced_pattern, PathEntry::Advanced),
        ];
        for (v, make) in pairs {
            if let Some(v) = v {
                out.push(make(v.value.clone().ok_or(Mismatch::Unknown)?));
            }
        }
    }
    Ok(out)
}

impl PathEntry {
    pub fn matches(&self, path: &str) -> bool {
        match self {
            PathEntry::Literal(p) => p == path,
            PathEntry::Prefix(p) => path.starts_with(p.as_str()),
            PathEntry::Suffix(p) => path.ends_with(p.as_str()),
            PathEntry::Glob(p) => simple_glob(p, path),
            PathEntry::Advanced(p) => {
                regex::Regex::new(&format!("^(?:{p})$")).is_ok_and(|re| re.is_match(path))
            }
        }
    }
}

/// `PatternMatcher.PATTERN_SIMPLE_GLOB`: `.` matches any char, `*` repeats the previous item
/// zero or more times, `\` escapes the next char. Ported step for step from
/// `PatternMatcher.matchGlobPattern`, which is greedy and never backtracks: `/a*ab` does not
/// match `/aab` on a device, so it must not here (linear time as well).
pub fn simple_glob(pattern: &str, text: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let m: Vec<char> = text.chars().collect();
    let np = pattern.len();
    let nm = m.len();
    if np == 0 {
        return nm == 0;
    }
    let at = |i: usize| pattern.get(i).copied().unwrap_or('\0');
    let (mut ip, mut im) = (0usize, 0usize);
    let mut next = at(0);
    while ip < np && im < nm {
        let mut c = next;
        ip += 1;
        next = at(ip);
        let escaped = c == '\\';
        if escaped {
            c = next;
            ip += 1;
            next = at(ip);
        }
        if next == '*' {
            if !escaped && c == '.' {
                // `.*`: at the end it matches the rest; else skip to the next literal char.
                if ip + 1 >= np {
                    return true;
                }
                ip += 1;
                next = at(ip);
                if next == '\\' {
                    ip += 1;
                    next = at(ip);
                }
                while im < nm && m[im] != next {
                    im += 1;
                }
                if im == nm {
                    return false;
                }
                ip += 1;
                next = at(ip);
                im += 1;
            } else {
                // `x*`: consume every following `x`, greedily.
                while im < nm && m[im] == c {
                    im += 1;
                }
                ip += 1;
                next = at(ip);
            }
        } else {
            if c != '.' && m[im] != c {
                return false;
            }
            im += 1;
        }
    }
    if ip >= np && im >= nm {
        return true;
    }
    // The text ran out with a `.*` left at the end of the pattern: still a match.
    ip + 2 == np && at(ip) == '.' && at(ip + 1) == '*'
}

/// How close a filter comes to matching, for choosing the candidate to show: higher is closer.
pub fn closeness(filter: &IntentFilter, intent: &IntentSpec) -> u32 {
    match match_filter(filter, intent) {
        Ok(()) => 100,
        Err(Mismatch::Unknown) => 0,
        Err(Mismatch::Action) => {
            // Still prefer filters whose data matches.
            let mut with_action = filter.clone();
            with_action.actions = vec![super::Located::new(Some(intent.action.clone()), filter.span)];
            closeness(&with_action, intent).min(99) / 4
        }
        Err(Mismatch::UnexpectedData) | Err(Mismatch::MissingData) => 30,
        Err(Mismatch::Scheme) => 40,
        Err(Mismatch::Host) => 55,
        Err(Mismatch::Port) => 65,
        Err(Mismatch::Path) => 70,
        Err(Mismatch::MimeType) => 70,
        Err(Mismatch::Category(_)) => 80,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glob_semantics() {
        assert!(simple_glob("/detail", "/detail"));
        assert!(simple_glob("/d.*", "/detail"));
        assert!(simple_glob("/a*b", "/aaab"));
        assert!(simple_glob("/a*b", "/b"));
        assert!(!simple_glob("/a*b", "/ab/"));
        assert!(simple_glob("\\.x", ".x"));
        // AOSP compares `c != '.'` without looking at `escaped`: an escaped dot still matches
        // any char on a device (it only stops `.*` from meaning "anything").
        assert!(simple_glob("\\.x", "ax"));
        assert!(!simple_glob("\\.x", "ay"));
        assert!(simple_glob(".*", ""));
        // Greedy like the device: `a*` eats both `a`s, then `a` finds `b`.
        assert!(!simple_glob("/a*ab", "/aab"));
        assert!(simple_glob("/.*/1", "/chat/1"));
    }

    #[test]
    fn hosts() {
        assert!(host_matches("*.acme.com", Some("m.acme.com")));
        assert!(host_matches("Acme.com", Some("acme.com")));
        assert!(!host_matches("acme.com", None));
    }
}
