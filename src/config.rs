//! Which rules run and how severe they are: `--select`/`--ignore`/`--extend-select` selectors
//! (a code, a name, or a code prefix such as `PL1`), per-rule severities, variants and inputs,
//! merged from `pushlint.toml` (see `file`) and the command line, which wins.

pub mod file;

use crate::diagnostics::Severity;
use crate::rules::Rule;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Rules to run; empty means all.
    pub select: Vec<String>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// Severity overrides by code or name.
    pub severity: Vec<(String, Severity)>,
    /// Variant names to check; empty means all.
    pub variants: Vec<String>,
    pub consoles: Vec<PathBuf>,
    pub rules_dir: Option<PathBuf>,
    /// `--stdin-filename`: the path and the content read from standard input.
    pub stdin: Option<(PathBuf, Vec<u8>)>,
    /// Files read from these texts instead of the disk, by absolute path (see `LoadOptions`).
    pub overrides: std::collections::HashMap<PathBuf, String>,
    /// Globs of files that are neither read nor reported, relative to the project root.
    pub exclude: Vec<String>,
    /// Globs (relative to the project root) with the selectors not reported in matching files.
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// `--config`: this file instead of the `pushlint.toml` found by walking up from the root.
    pub config_file: Option<PathBuf>,
    /// `--explain-detection`: report which vendors each variant integrates, and why.
    pub explain_detection: bool,
    /// Read library (AAR) manifests from disk; None: yes. `--no-library-manifests` sets false.
    pub library_manifests: Option<bool>,
    /// The Gradle user home whose caches hold downloaded AARs. None: none is read (the command
    /// line fills in `$GRADLE_USER_HOME`, else `~/.gradle`).
    pub gradle_user_home: Option<PathBuf>,
    /// The Maven local repository, read when a build declares `mavenLocal()`. None: none is read
    /// (the command line fills in `~/.m2/repository`).
    pub maven_local: Option<PathBuf>,
    /// `gradle_user_home` came from the environment, not from `--gradle-user-home`.
    pub gradle_user_home_from_env: bool,
}

/// How specifically a selector names a rule: 0 = not at all, higher = more specific.
pub fn specificity(selector: &str, rule: &Rule) -> usize {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("ALL") {
        return 1;
    }
    if s.eq_ignore_ascii_case(rule.code) || s.eq_ignore_ascii_case(rule.name) {
        return 100;
    }
    let upper = s.to_ascii_uppercase();
    if upper.len() >= 2 && rule.code.starts_with(&upper) {
        return 1 + upper.len();
    }
    0
}

/// Whether a selector names at least one rule.
pub fn selector_is_known(selector: &str) -> bool {
    crate::rules::all().any(|r| specificity(selector, r) > 0)
}

impl Config {
    /// A configuration that runs only the rule with this code (used by the fixture tests).
    pub fn only(code: &str) -> Config {
        Config { select: vec![code.to_string()], ..Default::default() }
    }

    /// Whether `rule` runs: the most specific matching selector decides, and `ignore` wins ties.
    pub fn enabled(&self, rule: &Rule) -> bool {
        let best = |list: &[String]| list.iter().map(|s| specificity(s, rule)).max().unwrap_or(0);
        if !rule.default_on {
            // Only its own code or name selects a rule that is off by default.
            let named = |list: &[String]| best(list) >= 100;
            return (named(&self.select) || named(&self.extend_select)) && !named(&self.ignore);
        }
        let on = if self.select.is_empty() { 1 } else { best(&self.select) }.max(best(&self.extend_select));
        let off = best(&self.ignore);
        on > 0 && on > off
    }

    /// The effective configuration for the project at `root`: the configuration file (`--config`,
    /// else the first `pushlint.toml` at or above `root`) under the values set here. A non-empty
    /// `select` here replaces the file's whole selection; otherwise `ignore` and `extend-select` add up.
    pub fn resolve(&self, root: &Path) -> Result<(Config, Option<file::FileConfig>), String> {
        let path = match &self.config_file {
            Some(p) => Some(p.clone()),
            None => file::find(root),
        };
        let Some(path) = path else { return Ok((self.clone(), None)) };
        let f = file::load(&path)?;
        let mut c = self.clone();
        if self.select.is_empty() {
            c.select = f.select.clone().unwrap_or_default();
            c.ignore = f.ignore.iter().chain(&self.ignore).cloned().collect();
            c.extend_select = f.extend_select.iter().chain(&self.extend_select).cloned().collect();
            c.ignore.extend(f.severity.iter().filter(|(_, s)| s.is_none()).map(|(code, _)| code.clone()));
        }
        c.severity = f.severity.iter().filter_map(|(code, s)| s.map(|s| (code.clone(), s))).collect();
        c.severity.extend(self.severity.iter().cloned());
        if c.variants.is_empty() {
            c.variants = f.variants.clone();
        }
        if c.consoles.is_empty() {
            c.consoles = f.console.clone();
        }
        if c.rules_dir.is_none() {
            c.rules_dir = f.rules_dir.clone();
        }
        if c.library_manifests.is_none() {
            c.library_manifests = f.library_manifests;
        }
        if let Some(g) = &f.gradle_user_home {
            if !self.gradle_user_home_explicit() {
                c.gradle_user_home = Some(g.clone());
            }
        }
        // Globs in the file are relative to its folder; the model's paths to the project root.
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let prefix = relative_prefix(root, &dir);
        let rebase = |g: &String| rebase_glob(g, prefix.as_deref());
        c.exclude = f.exclude.iter().filter_map(rebase).chain(self.exclude.iter().cloned()).collect();
        c.per_file_ignores = f
            .per_file_ignores
            .iter()
            .filter_map(|(g, codes)| rebase(g).map(|g| (g, codes.clone())))
            .chain(self.per_file_ignores.iter().cloned())
            .collect();
        Ok((c, Some(f)))
    }

    /// Whether `gradle_user_home` was named by the user (`--gradle-user-home`) rather than taken
    /// from the environment, so that a `pushlint.toml` value does not override it.
    fn gradle_user_home_explicit(&self) -> bool {
        self.gradle_user_home.is_some() && !self.gradle_user_home_from_env
    }

    /// Where library manifests are read from, as the library search takes it.
    pub fn library_options(&self) -> crate::project::libraries::Options {
        crate::project::libraries::Options {
            disk: self.library_manifests != Some(false),
            gradle_user_home: self.gradle_user_home.clone(),
            maven_local: self.maven_local.clone(),
        }
    }

    /// Fills the user-level folders from the environment, as Gradle finds them: the Gradle user
    /// home from `$GRADLE_USER_HOME`, else `~/.gradle`; the Maven local repository from
    /// `~/.m2/settings.xml`'s `<localRepository>`, else `~/.m2/repository`.
    pub fn with_user_folders(mut self) -> Config {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from);
        if self.gradle_user_home.is_none() {
            let from_env = std::env::var_os("GRADLE_USER_HOME").filter(|v| !v.is_empty()).map(PathBuf::from);
            self.gradle_user_home = from_env.or_else(|| home.as_ref().map(|h| h.join(".gradle")));
            self.gradle_user_home_from_env = self.gradle_user_home.is_some();
        }
        if self.maven_local.is_none() {
            self.maven_local = home.map(|h| maven_local_of(&h));
        }
        self
    }

    /// A glob set matching project-relative paths against `exclude`.
    pub fn exclude_set(&self) -> Option<globset::GlobSet> {
        glob_set(&self.exclude)
    }

    /// Whether a finding with `code` in the file at project-relative `path` is ignored by `per-file-ignores`.
    pub fn ignored_in_file(&self, rule: &Rule, path: &str) -> bool {
        self.per_file_ignores.iter().any(|(g, codes)| {
            codes.iter().any(|c| specificity(c, rule) > 0)
                && glob_set(std::slice::from_ref(g)).is_some_and(|s| s.is_match(path))
        })
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        self.severity
            .iter()
            .rev()
            .find(|(sel, _)| specificity(sel, rule) >= 100)
            .map(|(_, s)| *s)
            .unwrap_or(rule.severity)
    }
}

/// The Maven local repository under home folder `home`: `<localRepository>` of
/// `~/.m2/settings.xml` when it names one, else `~/.m2/repository`.
fn maven_local_of(home: &Path) -> PathBuf {
    let m2 = home.join(".m2");
    let settings = crate::fileio::read_to_string(&m2.join("settings.xml"), 1 << 20).ok();
    let named = settings.and_then(|s| {
        let start = s.find("<localRepository>")? + "<localRepository>".len();
        let end = s[start..].find("</localRepository>")? + start;
        let v = s[start..end].trim().replace("${user.home}", &home.to_string_lossy());
        (!v.is_empty() && !v.contains("${")).then(|| PathBuf::from(v))
    });
    named.unwrap_or_else(|| m2.join("repository"))
}

/// `root` relative to `dir` with a trailing `/` (`""` when equal); None when `root` is not inside `dir`.
fn relative_prefix(root: &Path, dir: &Path) -> Option<String> {
    let root = std::fs::canonicalize(root).unwrap_or(root.to_path_buf());
    let dir = std::fs::canonicalize(dir).unwrap_or(dir.to_path_buf());
    let rel = root.strip_prefix(&dir).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(parts.iter().map(|p| format!("{p}/")).collect())
}

/// A glob relative to the configuration file's folder, made relative to the project root inside it.
/// Globs that start with `*` match at any depth and are kept; others outside the project are dropped.
fn rebase_glob(glob: &str, prefix: Option<&str>) -> Option<String> {
    if glob.starts_with('*') {
        return Some(glob.to_string());
    }
    let prefix = prefix?;
    glob.strip_prefix(prefix).map(str::to_string)
}

/// Builds a glob set; a glob without `/` also matches that name in any folder, and a folder
/// matches everything below it.
fn glob_set(globs: &[String]) -> Option<globset::GlobSet> {
    if globs.is_empty() {
        return None;
    }
    let mut b = globset::GlobSetBuilder::new();
    for g in globs {
        let g = g.trim_end_matches('/');
        let mut variants = vec![g.to_string(), format!("{g}/**")];
        if !g.contains('/') {
            variants.push(format!("**/{g}"));
            variants.push(format!("**/{g}/**"));
        }
        for v in variants {
            if let Ok(glob) = globset::Glob::new(&v) {
                b.add(glob);
            }
        }
    }
    b.build().ok()
}
