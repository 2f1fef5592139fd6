//! Catalog section `[detect]` of a vendor file: evidence of an integration beyond Maven
//! artifacts, such as vendor jars and aars dropped into `libs/`; and of a profile file: how a
//! local library module is recognised as that profile's component (TUIOfflinePush).

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DetectFacts {
    /// Glob patterns (`*` and `?`) matched against file names in `libs/`, case-insensitively.
    #[serde(default)]
    pub archives: Vec<ArchivePattern>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivePattern {
    pub pattern: String,
    pub profile: String,
    #[serde(default)]
    pub source: String,
}

/// The `[detect]` section of a profile file: a local library module merged into the app is the
/// profile's component when any of these match it.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileDetect {
    /// The module's Gradle `namespace` (or its main manifest's `package`).
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// The last segment of the module's Gradle path (`tuiofflinepush` for `:tuiofflinepush`).
    #[serde(default)]
    pub module_names: Vec<String>,
    /// A class one of the module's own manifests declares as a component.
    #[serde(default)]
    pub components: Vec<String>,
    #[serde(default)]
    pub source: String,
}

impl ProfileDetect {
    pub fn is_empty(&self) -> bool {
        self.namespaces.is_empty() && self.module_names.is_empty() && self.components.is_empty()
    }
}

/// `*` matches any run of characters and `?` one character; comparison ignores ASCII case.
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    // Rules ask this for every dependency of every variant: match ASCII text in place.
    if pattern.is_ascii() && name.is_ascii() {
        return glob_ascii(pattern.as_bytes(), name.as_bytes());
    }
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let n: Vec<char> = name.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// `glob_matches` on ASCII text, without allocating.
fn glob_ascii(p: &[u8], n: &[u8]) -> bool {
    let (mut pi, mut ni) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ni < n.len() {
        let pc = p.get(pi).copied();
        let nc = n.get(ni).copied();
        if pc.is_some_and(|c| c == b'?' || nc.is_some_and(|x| c.eq_ignore_ascii_case(&x))) {
            pi += 1;
            ni += 1;
        } else if pc == Some(b'*') {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while p.get(pi) == Some(&b'*') {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    #[test]
    fn globs() {
        assert!(super::glob_matches("MiPush_SDK_Client_*", "mipush_sdk_client_5_1_1-C.jar"));
        assert!(!super::glob_matches("MiPush_SDK_Client_*", "other.jar"));
        assert!(super::glob_matches("a?c*", "abcdef"));
        assert!(super::glob_matches("COM.tencent.*:Xiaomi", "com.tencent.timpush:xiaomi"));
        assert!(super::glob_matches("a?c", "aéc"));
        assert!(!super::glob_matches("a*b", "aXbX"));
    }
}
