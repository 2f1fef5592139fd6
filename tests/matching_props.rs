//! Property test: `project::matching::match_filter` agrees with a reference written from
//! Android's `IntentFilter.match` (matchAction, matchData with AuthorityEntry and PatternMatcher,
//! matchCategories) on generated filters and intents. Advanced patterns (Android's own syntax)
//! and unresolved placeholders are outside the reference.

use proptest::prelude::*;
use pushlint::parse::manifest::ElemId;
use pushlint::project::matching::{DataUri, IntentSpec, match_filter};
use pushlint::project::{DataSpec, ElemRef, IntentFilter, Located, ManifestId};
use pushlint::span::{FileId, Span, TextRange};

/// One `<data>` element as written.
#[derive(Clone, Debug, Default)]
struct Data {
    scheme: Option<String>,
    host: Option<String>,
    port: Option<u16>,
    path: Option<String>,
    prefix: Option<String>,
    glob: Option<String>,
    suffix: Option<String>,
    mime: Option<String>,
}

#[derive(Clone, Debug)]
struct Filter {
    actions: Vec<String>,
    categories: Vec<String>,
    data: Vec<Data>,
}

// ---- The reference: Android's rules, as PackageParser fills an IntentFilter and match() reads it.

enum Pattern {
    Literal(String),
    Prefix(String),
    Glob(String),
    Suffix(String),
}

/// `PatternMatcher.matchGlobPattern`, step for step (greedy, no backtracking).
fn android_glob(pattern: &[char], m: &[char]) -> bool {
    let np = pattern.len();
    if np == 0 {
        return m.is_empty();
    }
    let nm = m.len();
    let at = |i: usize| if i < np { pattern[i] } else { '\0' };
    let (mut ip, mut im) = (0usize, 0usize);
    let mut next = pattern[0];
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
                if ip >= np - 1 {
                    return true;
                }
                ip += 1;
                next = pattern[ip];
                if next == '\\' {
                    ip += 1;
                    next = at(ip);
                }
                loop {
                    if m[im] == next {
                        break;
                    }
                    im += 1;
                    if im >= nm {
                        break;
                    }
                }
                if im == nm {
                    return false;
                }
                ip += 1;
                next = at(ip);
                im += 1;
            } else {
                loop {
                    if m[im] != c {
                        break;
                    }
                    im += 1;
                    if im >= nm {
                        break;
                    }
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
    ip + 2 == np && pattern[ip] == '.' && pattern[ip + 1] == '*'
}

fn reference(filter: &Filter, intent: &IntentSpec) -> bool {
    // matchAction
    if !filter.actions.contains(&intent.action) {
        return false;
    }
    // PackageParser: each attribute of each <data> is added on its own; a port needs a host.
    let schemes: Vec<&str> = filter.data.iter().filter_map(|d| d.scheme.as_deref()).collect();
    let types: Vec<&str> = filter.data.iter().filter_map(|d| d.mime.as_deref()).collect();
    let authorities: Vec<(&str, Option<u16>)> =
        filter.data.iter().filter_map(|d| d.host.as_deref().map(|h| (h, d.port))).collect();
    let mut paths = Vec::new();
    for d in &filter.data {
        paths.extend(d.path.clone().map(Pattern::Literal));
        paths.extend(d.prefix.clone().map(Pattern::Prefix));
        paths.extend(d.glob.clone().map(Pattern::Glob));
        paths.extend(d.suffix.clone().map(Pattern::Suffix));
    }
    let scheme = intent.data.as_ref().map(|d| d.scheme.as_str());
    // matchData
    if schemes.is_empty() && types.is_empty() {
        if !(intent.mime_type.is_none() && intent.data.is_none()) {
            return false;
        }
    } else {
        if !schemes.is_empty() {
            if !schemes.contains(&scheme.unwrap_or("")) {
                return false;
            }
            if !authorities.is_empty() {
                let Some(data) = &intent.data else { return false };
                let auth = authorities.iter().any(|(h, port)| {
                    let Some(host) = data.host.as_deref() else { return false };
                    let (wild, want) = match h.strip_prefix('*') {
                        Some(rest) => (true, rest),
                        None => (false, *h),
                    };
                    let host = if wild {
                        if host.len() < want.len() {
                            return false;
                        }
                        &host[host.len() - want.len()..]
                    } else {
                        host
                    };
                    host.to_lowercase() == want.to_lowercase() && port.is_none_or(|p| Some(p) == data.port)
                });
                if !auth {
                    return false;
                }
                if !paths.is_empty() {
                    // A URI with an authority is hierarchical: `Uri.getPath()` is "" when nothing
                    // follows the authority, never null (only opaque URIs, which have no host, have none).
                    let path = data.path.as_deref().unwrap_or("");
                    let chars: Vec<char> = path.chars().collect();
                    let hit = paths.iter().any(|p| match p {
                        Pattern::Literal(s) => s == path,
                        Pattern::Prefix(s) => path.starts_with(s.as_str()),
                        Pattern::Suffix(s) => path.ends_with(s.as_str()),
                        Pattern::Glob(g) => android_glob(&g.chars().collect::<Vec<_>>(), &chars),
                    });
                    if !hit {
                        return false;
                    }
                }
            }
        } else if !matches!(scheme, None | Some("") | Some("content") | Some("file")) {
            return false;
        }
        if !types.is_empty() {
            let Some(t) = &intent.mime_type else { return false };
            let found = types.iter().any(|f| {
                *f == "*"
                    || *f == "*/*"
                    || f == t
                    || f.strip_suffix("/*").is_some_and(|major| t.split('/').next() == Some(major))
            });
            if !found {
                return false;
            }
        } else if intent.mime_type.is_some() {
            return false;
        }
    }
    // matchCategories
    intent.categories.iter().all(|c| filter.categories.contains(c))
}

// ---- The model pushlint builds from a manifest.

fn to_model(f: &Filter) -> IntentFilter {
    let span = Span::new(FileId(0), TextRange::empty(0));
    let v = |s: &Option<String>| s.as_ref().map(|s| Located::new(Some(s.clone()), span));
    IntentFilter {
        elem: ElemRef { manifest: ManifestId(0), elem: ElemId(0) },
        span,
        actions: f.actions.iter().map(|a| Located::new(Some(a.clone()), span)).collect(),
        categories: f.categories.iter().map(|c| Located::new(Some(c.clone()), span)).collect(),
        data: f
            .data
            .iter()
            .map(|d| DataSpec {
                span: Some(span),
                scheme: v(&d.scheme),
                host: v(&d.host),
                port: d.port.map(|p| Located::new(Some(p.to_string()), span)),
                path: v(&d.path),
                path_prefix: v(&d.prefix),
                path_pattern: v(&d.glob),
                path_suffix: v(&d.suffix),
                mime_type: v(&d.mime),
                ..Default::default()
            })
            .collect(),
    }
}

// ---- Generators over small alphabets, so that filters and intents often meet.

fn pick(options: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::sample::select(options).prop_map(str::to_string)
}

const ACTIONS: &[&str] = &["android.intent.action.VIEW", "com.acme.OPEN"];
const CATEGORIES: &[&str] = &["android.intent.category.DEFAULT", "android.intent.category.BROWSABLE", "x"];
const SCHEMES: &[&str] = &["acme", "ACME", "http", "content", "file", ""];
const HOSTS: &[&str] = &["open", "Open", "m.acme.com", "acme.com", "*", "*.acme.com", "*com"];
const PATHS: &[&str] = &["/chat", "/chat/1", "/", "", "/a", "/aab", "/ab", "/Chat", "/x.y", "/chat/"];
const PATTERNS: &[&str] = &[
    "/chat", "/c.*", ".*", "/a*b", "/a*ab", "/.*/1", "/chat/.*", "\\/chat", "/a.*", "/x\\.y", "/.*a.*b", "/",
];
const MIMES: &[&str] = &["image/png", "image/*", "*/*", "text/plain", "*"];

fn data() -> impl Strategy<Value = Data> {
    (
        proptest::option::weighted(0.8, pick(SCHEMES)),
        proptest::option::weighted(0.6, pick(HOSTS)),
        proptest::option::weighted(0.2, proptest::sample::select(vec![80u16, 443, 8080])),
        proptest::option::weighted(0.2, pick(PATHS)),
        proptest::option::weighted(0.2, pick(PATHS)),
        proptest::option::weighted(0.3, pick(PATTERNS)),
        proptest::option::weighted(0.2, pick(PATHS)),
        proptest::option::weighted(0.15, pick(MIMES)),
    )
        .prop_map(|(scheme, host, port, path, prefix, glob, suffix, mime)| Data {
            scheme,
            host,
            port,
            path,
            prefix,
            glob,
            suffix,
            mime,
        })
}

fn filter() -> impl Strategy<Value = Filter> {
    (
        proptest::collection::vec(pick(ACTIONS), 0..3),
        proptest::collection::vec(pick(CATEGORIES), 0..3),
        proptest::collection::vec(data(), 0..4),
    )
        .prop_map(|(actions, categories, data)| Filter { actions, categories, data })
}

fn intent() -> impl Strategy<Value = IntentSpec> {
    let uri = (
        pick(&["acme", "ACME", "http", "content", "file", "tel"]),
        proptest::option::weighted(
            0.85,
            pick(&["open", "OPEN", "m.acme.com", "acme.com", "xacme.com", "com"]),
        ),
        proptest::option::weighted(0.2, proptest::sample::select(vec![80u16, 443, 8080])),
        proptest::option::weighted(0.9, pick(PATHS)),
    )
        .prop_map(|(scheme, host, port, path)| DataUri { scheme, host, port, path });
    (
        pick(ACTIONS),
        proptest::collection::vec(pick(CATEGORIES), 0..3),
        proptest::option::weighted(0.8, uri),
        proptest::option::weighted(0.15, pick(&["image/png", "text/plain", "video/mp4"])),
    )
        .prop_map(|(action, categories, data, mime_type)| IntentSpec {
            action,
            categories,
            data,
            mime_type,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn matcher_agrees_with_android(f in filter(), i in intent()) {
        let expected = reference(&f, &i);
        let got = match_filter(&to_model(&f), &i);
        prop_assert_eq!(got.is_ok(), expected, "filter {:#?}\nintent {:#?}\npushlint: {:?}", f, i, got);
    }

    #[test]
    fn glob_agrees_with_android(p in pick(PATTERNS), s in pick(PATHS)) {
        let expected = android_glob(&p.chars().collect::<Vec<_>>(), &s.chars().collect::<Vec<_>>());
        prop_assert_eq!(pushlint::project::matching::simple_glob(&p, &s), expected, "{} vs {}", p, s);
    }
}

/// What PL101 decides over `filters` (in order): None when one matches or depends on a
/// placeholder, else the first of those that come closest.
fn verdict(filters: &[(usize, &IntentFilter)], intent: &IntentSpec) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for (i, f) in filters {
        match match_filter(f, intent) {
            Ok(()) | Err(pushlint::project::matching::Mismatch::Unknown) => return None,
            Err(_) => {
                let score = pushlint::project::matching::closeness(f, intent);
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, *i));
                }
            }
        }
    }
    best.map(|(_, i)| i)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, failure_persistence: None, ..ProptestConfig::default() })]

    /// The filter index gives every click action the verdict of comparing it with every filter.
    #[test]
    fn filter_index_keeps_the_verdict(
        fs in proptest::collection::vec((filter(), proptest::option::weighted(0.1, 0usize..4)), 0..14),
        i in intent(),
    ) {
        let models: Vec<IntentFilter> = fs
            .iter()
            .map(|(f, unknown)| {
                let mut m = to_model(f);
                // A placeholder left unresolved: an action, a category or a data value.
                match unknown {
                    Some(0) => m.actions.iter_mut().for_each(|a| a.value = None),
                    Some(1) => m.categories.iter_mut().for_each(|c| c.value = None),
                    Some(2) => m.data.iter_mut().for_each(|d| { if let Some(s) = &mut d.scheme { s.value = None } }),
                    Some(_) => m.data.iter_mut().for_each(|d| { if let Some(h) = &mut d.host { h.value = None } }),
                    None => {}
                }
                m
            })
            .collect();
        let all: Vec<(usize, &IntentFilter)> = models.iter().enumerate().collect();
        let index = pushlint::project::filter_index::FilterIndex::new(all.clone());
        prop_assert_eq!(verdict(&index.candidates(&i), &i), verdict(&all, &i), "filters {:#?}\nintent {:#?}", models, i);
    }
}
