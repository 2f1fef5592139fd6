//! Which rules run and how severe they are: `--select`/`--ignore`/`--extend-select` selectors
//! (a code, a name, or a code prefix such as `PL1`), per-rule severities, variants and inputs.

use crate::diagnostics::Severity;
use crate::rules::Rule;
use std::path::PathBuf;

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
    pub stdin: Option<(PathBuf, String)>,
    /// `--explain-detection`: report which vendors each variant integrates, and why.
    pub explain_detection: bool,
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
        let on = if self.select.is_empty() { 1 } else { best(&self.select) }.max(best(&self.extend_select));
        let off = best(&self.ignore);
        on > 0 && on > off
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
