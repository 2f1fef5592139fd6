//! Fixture harness: every `fixtures/<CODE>-<name>/<case>/` is a small Android project linted with
//! only that rule enabled. `pass*` cases must produce nothing; `fail*` cases must produce the rule's
//! finding, and their exact JSON diagnostics are snapshotted. A new folder is a new test case.

use std::path::{Path, PathBuf};

fn fixture_cases() -> Vec<(PathBuf, &'static pushlint::rules::Rule)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    let mut rule_dirs: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).collect();
    rule_dirs.sort();
    for dir in rule_dirs {
        let Some(rule) = pushlint::rules::for_fixture(&dir) else { continue };
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
        cases.sort();
        for case in cases.into_iter().filter(|c| c.is_dir()) {
            out.push((case, rule));
        }
    }
    out
}

#[test]
fn rule_fixtures() {
    let cases = fixture_cases();
    assert!(cases.len() >= 40, "expected the fixture folders to be found, got {}", cases.len());
    let mut failures = Vec::new();
    for (case, rule) in cases {
        let case_name = case.file_name().unwrap().to_string_lossy().to_string();
        let report = pushlint::lint(&case, &pushlint::Config::only(rule.code)).expect("fixture lints");
        let json = report.to_json();
        let diags = json["diagnostics"].clone();
        if case_name.starts_with("pass") {
            if !report.is_empty() {
                failures.push(format!(
                    "{}: expected no diagnostics, got {}",
                    case.display(),
                    serde_json::to_string_pretty(&diags).unwrap()
                ));
            }
            continue;
        }
        // A rule offers no fix it does not declare, and none surer than it declares.
        for d in report.iter().filter(|d| d.code == rule.code) {
            if let Some(f) = &d.fix {
                if rule.fix.is_none_or(|declared| f.applicability > declared) {
                    failures.push(format!(
                        "{}: a {} fix from {}, which declares {:?}",
                        case.display(),
                        f.applicability.as_str(),
                        rule.code,
                        rule.fix
                    ));
                }
            }
        }
        if !report.iter().any(|d| d.code == rule.code) {
            failures.push(format!("{}: rule {} did not fire", case.display(), rule.code));
            continue;
        }
        let name = format!("{}-{}__{}", rule.code, rule.name, case_name);
        insta::with_settings!({ snapshot_path => "snapshots/fixtures", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_json_snapshot!(name, diags);
        });
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
