//! `push-console.json` (SPEC §5): the IM console's per-vendor certificates and click actions.
//! Structural problems become input problems (PL008/PL009); what is well-formed is kept.

use super::{InputProblem, InputProblemKind, Located};
use crate::parse::json::{JsonDoc, JsonKind, JsonValue};
use crate::span::{FileId, Span};

pub const VENDORS: &[&str] = &["fcm", "huawei", "honor", "xiaomi", "oppo", "vivo", "meizu"];
const CERT_KEYS: &[&str] = &[
    "vendor",
    "id",
    "packageName",
    "appId",
    "appKey",
    "appSecret",
    "channelId",
    "clickAction",
    "masterSecret",
];
const CLICK_KEYS: &[&str] = &["type", "intent", "activity", "action", "url"];
const TOP_KEYS: &[&str] = &["sdkAppId", "certificates", "$schema"];
pub const CLICK_TYPES: &[&str] = &["openApp", "openPage", "openUrl"];

#[derive(Clone, Debug)]
pub struct ConsoleFile {
    pub file: FileId,
    pub sdk_app_id: Option<Located<String>>,
    pub certificates: Vec<Certificate>,
}

#[derive(Clone, Debug)]
pub struct Certificate {
    /// The object in the file.
    pub span: Span,
    pub vendor: Located<String>,
    pub id: Option<Located<String>>,
    pub package_name: Option<Located<String>>,
    pub app_id: Option<Located<String>>,
    pub app_key: Option<Located<String>>,
    pub app_secret: Option<Located<String>>,
    pub master_secret: Option<Located<String>>,
    pub channel_id: Option<Located<String>>,
    pub click_action: Option<ClickAction>,
}

#[derive(Clone, Debug)]
pub struct ClickAction {
    pub span: Span,
    /// `openApp`, `openPage` or `openUrl`.
    pub kind: Located<String>,
    pub intent: Option<Located<String>>,
    pub activity: Option<Located<String>>,
    pub action: Option<Located<String>>,
    pub url: Option<Located<String>>,
}

impl Certificate {
    /// A short name for labels: `xiaomi certificate 15519`.
    pub fn describe(&self) -> String {
        match &self.id {
            Some(id) => format!("{} certificate {}", self.vendor.value, id.value),
            None => format!("{} certificate", self.vendor.value),
        }
    }
}

/// Reads a console file; returns None when its root is not an object.
pub fn read(file: FileId, doc: &JsonDoc, problems: &mut Vec<InputProblem>) -> Option<ConsoleFile> {
    let root = doc.root.as_ref()?;
    let mut out = ConsoleFile { file, sdk_app_id: None, certificates: Vec::new() };
    if !matches!(root.kind, JsonKind::Object(_)) {
        bad(problems, file, root, "the console file must hold a JSON object".into());
        return None;
    }
    check_keys(file, root, TOP_KEYS, problems);
    if let Some(v) = root.get("sdkAppId") {
        match scalar(file, v) {
            Some(l) => out.sdk_app_id = Some(l),
            None => bad(problems, file, v, "`sdkAppId` must be a number or a string".into()),
        }
    }
    let Some(certs) = root.get("certificates") else { return Some(out) };
    if !matches!(certs.kind, JsonKind::Array(_)) {
        bad(problems, file, certs, "`certificates` must be an array".into());
        return Some(out);
    }
    for cert in certs.items() {
        if !matches!(cert.kind, JsonKind::Object(_)) {
            bad(problems, file, cert, "a certificate must be a JSON object".into());
            continue;
        }
        check_keys(file, cert, CERT_KEYS, problems);
        let vendor = match cert.get("vendor") {
            Some(v) => match v.as_str() {
                Some(s) if VENDORS.contains(&s) => {
                    Located::new(s.to_string(), Span::new(file, v.inner_range()))
                }
                Some(s) => {
                    bad(
                        problems,
                        file,
                        v,
                        format!("unknown vendor `{s}`; expected one of {}", VENDORS.join(", ")),
                    );
                    continue;
                }
                None => {
                    bad(problems, file, v, "`vendor` must be a string".into());
                    continue;
                }
            },
            None => {
                bad(problems, file, cert, "certificate has no `vendor`".into());
                continue;
            }
        };
        let mut field = |key: &str| -> Option<Located<String>> {
            let v = cert.get(key)?;
            let r = scalar(file, v);
            if r.is_none() {
                bad(&mut *problems, file, v, format!("`{key}` must be a string or a number"));
            }
            r
        };
        let id = field("id");
        let package_name = field("packageName");
        let app_id = field("appId");
        let app_key = field("appKey");
        let app_secret = field("appSecret");
        let master_secret = field("masterSecret");
        let channel_id = field("channelId");
        let click_action = cert.get("clickAction").and_then(|c| click_action(file, c, problems));
        out.certificates.push(Certificate {
            span: Span::new(file, cert.range),
            vendor,
            id,
            package_name,
            app_id,
            app_key,
            app_secret,
            master_secret,
            channel_id,
            click_action,
        });
    }
    Some(out)
}

fn click_action(file: FileId, c: &JsonValue, problems: &mut Vec<InputProblem>) -> Option<ClickAction> {
    if !matches!(c.kind, JsonKind::Object(_)) {
        bad(problems, file, c, "`clickAction` must be a JSON object".into());
        return None;
    }
    let kind = match c.get("type") {
        Some(t) => match t.as_str() {
            Some(s) if CLICK_TYPES.contains(&s) => {
                Located::new(s.to_string(), Span::new(file, t.inner_range()))
            }
            _ => {
                bad(
                    problems,
                    file,
                    t,
                    format!("`clickAction.type` must be one of {}", CLICK_TYPES.join(", ")),
                );
                return None;
            }
        },
        None => {
            bad(problems, file, c, "`clickAction` has no `type`".into());
            return None;
        }
    };
    let mut string = |key: &str| -> Option<Located<String>> {
        let v = c.get(key)?;
        match v.as_str() {
            Some(s) => Some(Located::new(s.to_string(), Span::new(file, v.inner_range()))),
            None => {
                bad(&mut *problems, file, v, format!("`clickAction.{key}` must be a string"));
                None
            }
        }
    };
    let intent = string("intent");
    let activity = string("activity");
    let action = string("action");
    let url = string("url");
    check_keys(file, c, CLICK_KEYS, problems);
    Some(ClickAction { span: Span::new(file, c.range), kind, intent, activity, action, url })
}

fn bad(problems: &mut Vec<InputProblem>, file: FileId, v: &JsonValue, message: String) {
    problems.push(InputProblem {
        kind: InputProblemKind::ConsoleInvalid,
        span: Span::new(file, v.range),
        message,
    });
}

fn scalar(file: FileId, v: &JsonValue) -> Option<Located<String>> {
    v.as_scalar_text().map(|s| Located::new(s.to_string(), Span::new(file, v.inner_range())))
}

/// Unknown keys are kept and ignored; a near miss of a known key is reported, since the value
/// it was meant to set is then silently absent.
fn check_keys(file: FileId, obj: &JsonValue, known: &[&str], problems: &mut Vec<InputProblem>) {
    for m in obj.members() {
        if known.contains(&m.key.as_str()) {
            continue;
        }
        if let Some(k) = known.iter().find(|k| near_miss(&m.key, k)) {
            problems.push(InputProblem {
                kind: InputProblemKind::ConsoleKeyUnknown,
                span: Span::new(file, m.key_range),
                message: format!("unknown key `{}`; did you mean `{k}`?", m.key),
            });
        }
    }
}

/// Same letters ignoring case and `_`/`-`, or within one edit (two for names longer than four).
pub fn near_miss(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '-'], "");
    let limit = if b.len() <= 4 { 1 } else { 2 };
    norm(a) == norm(b) || edit_distance(&a.to_ascii_lowercase(), &b.to_ascii_lowercase()) <= limit
}

/// Levenshtein distance over chars when it is at most `cap`, else `cap + 1`: common ends are
/// skipped (they never change the distance) and lengths too far apart are not compared.
pub fn edit_distance_within(a: &str, b: &str, cap: usize) -> usize {
    if a.is_ascii() && b.is_ascii() {
        return levenshtein_within(a.as_bytes(), b.as_bytes(), cap);
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    levenshtein_within(&a, &b, cap)
}

fn levenshtein_within<T: PartialEq>(a: &[T], b: &[T], cap: usize) -> usize {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - suffix], &b[..b.len() - suffix]);
    if a.len().abs_diff(b.len()) > cap {
        return cap + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        if cur.iter().min().is_some_and(|&m| m > cap) {
            return cap + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()].min(cap + 1)
}

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

impl Certificate {
    /// The value of a certificate key by its `push-console.json` name (`id`, `appKey`, …).
    pub fn field(&self, key: &str) -> Option<&Located<String>> {
        match key {
            "id" => self.id.as_ref(),
            "packageName" => self.package_name.as_ref(),
            "appId" => self.app_id.as_ref(),
            "appKey" => self.app_key.as_ref(),
            "appSecret" => self.app_secret.as_ref(),
            "masterSecret" => self.master_secret.as_ref(),
            "channelId" => self.channel_id.as_ref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn capped_distance_agrees_with_the_full_one(a in "[ab.c]{0,12}", b in "[ab.cé]{0,12}", cap in 0usize..5) {
            proptest::prop_assert_eq!(edit_distance_within(&a, &b, cap), edit_distance(&a, &b).min(cap + 1));
        }
    }
}
