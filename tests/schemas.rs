//! The JSON Schemas shipped in the binary describe what pushlint actually reads and writes:
//! every JSON report validates against `pushlint schema diagnostics`, and every console file
//! among the fixtures that pushlint reads without PL008 validates against `pushlint schema console`,
//! and every status report (`pushlint status --format json`) against `pushlint schema status`.

use std::path::{Path, PathBuf};

fn validator(text: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(text).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn fixture_cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for rule in std::fs::read_dir(&root).unwrap().flatten() {
        if !rule.path().is_dir() {
            continue;
        }
        if rule.file_name().to_string_lossy().starts_with("sample-") {
            out.push(rule.path());
            continue;
        }
        for case in std::fs::read_dir(rule.path()).unwrap().flatten() {
            out.push(case.path());
        }
    }
    out.sort();
    out
}

#[test]
fn every_json_report_validates_against_the_diagnostics_schema() {
    let v = validator(pushlint::DIAGNOSTICS_SCHEMA);
    for case in fixture_cases() {
        let report = pushlint::lint(&case, &pushlint::Config::default()).unwrap();
        let json = report.to_json();
        let errors: Vec<String> =
            v.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {}", case.display(), errors.join("; "));
    }
}

#[test]
fn console_files_read_without_problems_validate_against_the_console_schema() {
    let v = validator(pushlint::CONSOLE_SCHEMA);
    let mut checked = 0;
    for case in fixture_cases() {
        let file = case.join("push-console.json");
        let Ok(text) = std::fs::read_to_string(&file) else { continue };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { continue };
        let report = pushlint::lint(&case, &pushlint::Config::only("PL008")).unwrap();
        let valid = v.is_valid(&json);
        assert_eq!(report.is_empty(), valid, "{}: PL008 and the schema disagree", file.display());
        checked += 1;
    }
    assert!(checked > 20, "only {checked} console files found");
}

#[test]
fn every_status_report_validates_against_the_status_schema() {
    let v = validator(pushlint::STATUS_SCHEMA);
    let catalog = pushlint::catalog::Catalog::embedded().unwrap();
    let config = pushlint::Config::default();
    let mut rows = 0;
    for case in fixture_cases() {
        let report = pushlint::lint(&case, &config).unwrap();
        let status = pushlint::status::of_report(&report, &catalog, &|r| config.enabled(r));
        rows += status.variants.iter().map(|v| v.vendors.len()).sum::<usize>();
        let part = pushlint::status::Part {
            status: &status,
            diagnostics: &report.diagnostics,
            sources: &report.project.files,
            root: None,
        };
        let json: serde_json::Value = serde_json::from_str(&pushlint::status::json::render(&[part])).unwrap();
        // The other renderers take any project too.
        assert!(pushlint::status::html::render(&[part]).ends_with("</html>\n"));
        let style = pushlint::status::human::Style { color: true, width: 80 };
        assert!(!pushlint::status::human::render(&[part], style).is_empty());
        let errors: Vec<String> =
            v.iter_errors(&json).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {}", case.display(), errors.join("; "));
    }
    assert!(rows > 100, "only {rows} vendor rows checked");
}
