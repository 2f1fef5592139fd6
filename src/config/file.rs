//! `pushlint.toml`: discovery (walking up from the project root) and parsing with spans. Syntax
//! and type errors are usage errors; unknown keys and rule codes become PL9xx findings.

use crate::diagnostics::{Severity, line_starts, position};
use crate::span::{Spanned, TextRange};
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The configuration file's name.
pub const FILE_NAME: &str = "pushlint.toml";

/// The keys a configuration file may hold.
pub const KEYS: &[&str] = &[
    "select",
    "ignore",
    "extend-select",
    "severity",
    "exclude",
    "per-file-ignores",
    "console",
    "variants",
    "rules-dir",
    "library-manifests",
    "gradle-user-home",
];

/// What a problem in a configuration file is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    UnknownKey,
    UnknownRule,
}

/// A PL9xx finding in the configuration file, located by a byte range in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub range: TextRange,
    pub message: String,
}

/// A severity override from the `[severity]` table; `None` means `off`.
pub type SeverityOverride = Option<Severity>;

/// A parsed `pushlint.toml`; relative paths in it are relative to its folder.
#[derive(Clone, Debug, Default)]
pub struct FileConfig {
    pub path: PathBuf,
    pub text: String,
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub extend_select: Vec<String>,
    pub severity: Vec<(String, SeverityOverride)>,
    pub exclude: Vec<String>,
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    pub console: Vec<PathBuf>,
    pub variants: Vec<String>,
    pub rules_dir: Option<PathBuf>,
    pub library_manifests: Option<bool>,
    pub gradle_user_home: Option<PathBuf>,
    pub problems: Vec<Problem>,
}

/// The first `pushlint.toml` at or above `root`.
pub fn find(root: &Path) -> Option<PathBuf> {
    root.ancestors().map(|d| d.join(FILE_NAME)).find(|p| p.is_file())
}

/// Reads and parses a configuration file; the error is `file:line:col: message`.
pub fn load(path: &Path) -> Result<FileConfig, String> {
    let text = crate::fileio::read_to_string(path, crate::fileio::MAX_FILE_SIZE)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    parse(path, &text)
}

struct Reader<'a> {
    path: &'a Path,
    text: &'a str,
    starts: Vec<u32>,
}

impl Reader<'_> {
    fn error(&self, range: std::ops::Range<usize>, message: &str) -> String {
        let p = position(self.text, &self.starts, range.start as u32);
        format!("{}:{}:{}: {}", self.path.display(), p.line, p.column, message.trim_end())
    }

    fn string(&self, v: &toml::Spanned<DeValue>, what: &str) -> Result<Spanned<String>, String> {
        match v.get_ref() {
            DeValue::String(s) => {
                Ok(Spanned::new(s.to_string(), TextRange::new(v.span().start, v.span().end)))
            }
            _ => Err(self.error(v.span(), &format!("`{what}` must be a string"))),
        }
    }

    fn strings(&self, v: &toml::Spanned<DeValue>, what: &str) -> Result<Vec<Spanned<String>>, String> {
        match v.get_ref() {
            DeValue::Array(items) => items.iter().map(|i| self.string(i, what)).collect(),
            _ => Err(self.error(v.span(), &format!("`{what}` must be an array of strings"))),
        }
    }

    fn table<'t>(&self, v: &'t toml::Spanned<DeValue<'t>>, what: &str) -> Result<&'t DeTable<'t>, String> {
        v.get_ref().as_table().ok_or_else(|| self.error(v.span(), &format!("`{what}` must be a table")))
    }
}

/// Selectors that name no rule become PL902 problems; the known ones are kept.
fn rules(items: Vec<Spanned<String>>, problems: &mut Vec<Problem>) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        if super::selector_is_known(&item.value) {
            out.push(item.value);
        } else {
            problems.push(Problem {
                kind: ProblemKind::UnknownRule,
                range: item.range,
                message: format!("`{}` names no pushlint rule", item.value),
            });
        }
    }
    out
}

/// Parses configuration text read from `path`.
pub fn parse(path: &Path, text: &str) -> Result<FileConfig, String> {
    let r = Reader { path, text, starts: line_starts(text) };
    let toml_text = crate::parse::text::lone_cr_as_lf(text);
    let doc = DeTable::parse(&toml_text).map_err(|e| r.error(e.span().unwrap_or(0..0), e.message()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut cfg = FileConfig { path: path.to_path_buf(), text: text.to_string(), ..Default::default() };
    let mut entries: Vec<_> = doc.get_ref().iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    for (key, value) in entries {
        let name = key.get_ref().as_ref();
        match name {
            "select" => cfg.select = Some(rules(r.strings(value, name)?, &mut cfg.problems)),
            "ignore" => cfg.ignore = rules(r.strings(value, name)?, &mut cfg.problems),
            "extend-select" => cfg.extend_select = rules(r.strings(value, name)?, &mut cfg.problems),
            "severity" => {
                for (code, level) in r.table(value, name)? {
                    let level_text = r.string(level, "severity")?;
                    let sev = match level_text.value.as_str() {
                        "off" => None,
                        other => Some(Severity::parse(other).ok_or_else(|| {
                            r.error(level.span(), "severity must be `error`, `warning`, `info` or `off`")
                        })?),
                    };
                    let code_text = Spanned::new(
                        code.get_ref().to_string(),
                        TextRange::new(code.span().start, code.span().end),
                    );
                    for c in rules(vec![code_text], &mut cfg.problems) {
                        cfg.severity.push((c, sev));
                    }
                }
            }
            "exclude" => {
                for g in r.strings(value, name)? {
                    globset::Glob::new(&g.value)
                        .map_err(|e| r.error(g.range.as_usize(), &format!("invalid glob: {e}")))?;
                    cfg.exclude.push(g.value);
                }
            }
            "per-file-ignores" => {
                for (glob, codes) in r.table(value, name)? {
                    globset::Glob::new(glob.get_ref())
                        .map_err(|e| r.error(glob.span(), &format!("invalid glob: {e}")))?;
                    let codes = rules(r.strings(codes, "per-file-ignores")?, &mut cfg.problems);
                    cfg.per_file_ignores.push((glob.get_ref().to_string(), codes));
                }
            }
            "console" => {
                cfg.console = r.strings(value, name)?.into_iter().map(|s| base.join(s.value)).collect()
            }
            "variants" => cfg.variants = r.strings(value, name)?.into_iter().map(|s| s.value).collect(),
            "rules-dir" => cfg.rules_dir = Some(base.join(r.string(value, name)?.value)),
            "library-manifests" => match value.get_ref() {
                DeValue::Boolean(b) => cfg.library_manifests = Some(*b),
                _ => return Err(r.error(value.span(), "`library-manifests` must be true or false")),
            },
            "gradle-user-home" => cfg.gradle_user_home = Some(base.join(r.string(value, name)?.value)),
            _ => cfg.problems.push(Problem {
                kind: ProblemKind::UnknownKey,
                range: TextRange::new(key.span().start, key.span().end),
                message: format!("unknown configuration key `{name}`"),
            }),
        }
    }
    Ok(cfg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Result<FileConfig, String> {
        parse(Path::new("pushlint.toml"), text)
    }

    #[test]
    fn reads_every_key() {
        let cfg = parse_str(
            "select = [\"PL1\"]\nignore = [\"PL106\"]\nextend-select = [\"PL001\"]\nexclude = [\"build/**\"]\n\
             console = [\"cfg/console.json\"]\nvariants = [\"chinaRelease\"]\nrules-dir = \"catalog\"\n\
             [severity]\nPL110 = \"error\"\nclick-target-not-exported = \"off\"\n\
             [per-file-ignores]\n\"app/**\" = [\"PL101\"]\n",
        )
        .unwrap();
        assert_eq!(cfg.select, Some(vec!["PL1".to_string()]));
        assert_eq!(
            cfg.severity,
            vec![("PL110".into(), Some(Severity::Error)), ("click-target-not-exported".into(), None)]
        );
        assert_eq!(cfg.per_file_ignores, vec![("app/**".into(), vec!["PL101".into()])]);
        assert_eq!(cfg.console, vec![PathBuf::from("cfg/console.json")]);
        assert_eq!(cfg.rules_dir, Some(PathBuf::from("catalog")));
        assert!(cfg.problems.is_empty());
    }

    #[test]
    fn unknown_keys_and_rules_are_findings_with_positions() {
        let text = "selct = []\nignore = [\"PL999\", \"PL101\"]\n";
        let cfg = parse_str(text).unwrap();
        assert_eq!(cfg.problems.len(), 2);
        assert_eq!(cfg.problems[0].kind, ProblemKind::UnknownKey);
        assert_eq!(&text[cfg.problems[0].range.as_usize()], "selct");
        assert_eq!(&text[cfg.problems[1].range.as_usize()], "\"PL999\"");
        assert_eq!(cfg.ignore, vec!["PL101".to_string()]);
    }

    #[test]
    fn syntax_and_type_errors_name_line_and_column() {
        assert_eq!(parse_str("select = [\nignore = 1\n").unwrap_err().split(':').nth(1), Some("2"));
        assert_eq!(
            parse_str("\nselect = 1\n").unwrap_err(),
            "pushlint.toml:2:10: `select` must be an array of strings"
        );
        assert!(parse_str("[severity]\nPL101 = \"fatal\"\n").unwrap_err().starts_with("pushlint.toml:2:9:"));
    }
}
