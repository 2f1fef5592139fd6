//! The CI report formats GitLab and JUnit readers consume: golden files of the sample, the Code
//! Quality contract (schema, unique fingerprints that survive line moves), and a well-formed JUnit
//! document. `tests/ci-formats.py` (run by `.ci/run`) feeds the same output to real parsers.

use assert_cmd::Command;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("pushlint").unwrap().current_dir(dir).args(args).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn fingerprints(report: &serde_json::Value) -> Vec<String> {
    let mut f: Vec<String> =
        report.as_array().unwrap().iter().map(|i| i["fingerprint"].as_str().unwrap().to_string()).collect();
    f.sort();
    f
}

#[test]
fn gitlab_report_of_the_sample_meets_the_code_quality_contract() {
    let out = run_in(root(), &["--format", "gitlab", "fixtures/sample-chat"]);
    insta::assert_snapshot!("sample_chat_gitlab", out);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/gitlab-code-quality.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&report).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // GitLab merges issues with equal fingerprints: every finding needs its own.
    let f = fingerprints(&report);
    let mut unique = f.clone();
    unique.dedup();
    assert_eq!(f, unique);
    for issue in report.as_array().unwrap() {
        assert!(issue["location"]["path"].as_str().unwrap().starts_with("fixtures/sample-chat/"), "{issue}");
    }
}

#[test]
fn gitlab_fingerprints_survive_line_moves_and_runs() {
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("fixtures/sample-chat");
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let to = dir.path().join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    let before: serde_json::Value =
        serde_json::from_str(&run_in(dir.path(), &["--format", "gitlab"])).unwrap();
    let again: serde_json::Value =
        serde_json::from_str(&run_in(dir.path(), &["--format", "gitlab"])).unwrap();
    assert_eq!(before, again);
    for rel in ["app/src/main/AndroidManifest.xml", "app/build.gradle"] {
        let path = dir.path().join(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let shifted = match text.split_once('\n') {
            Some((first, rest)) => format!("{first}\n\n\n{rest}"),
            None => text,
        };
        std::fs::write(&path, shifted).unwrap();
    }
    let after: serde_json::Value =
        serde_json::from_str(&run_in(dir.path(), &["--format", "gitlab"])).unwrap();
    assert_eq!(fingerprints(&before), fingerprints(&after));
    let lines = |r: &serde_json::Value| -> Vec<u64> {
        r.as_array().unwrap().iter().map(|i| i["location"]["lines"]["begin"].as_u64().unwrap()).collect()
    };
    assert_ne!(lines(&before), lines(&after), "the lines did move");
}

#[test]
fn junit_report_of_the_sample() {
    let out = run_in(root(), &["--format", "junit", "fixtures/sample-chat"]);
    insta::assert_snapshot!("sample_chat_junit", out);
    // Well-formed XML whose counts agree with its test cases.
    let mut reader = quick_xml::Reader::from_str(&out);
    let (mut cases, mut failures) = (0, 0);
    let declared = out
        .split_once("<testsuites name=\"pushlint\" tests=\"")
        .and_then(|(_, rest)| rest.split('"').next())
        .and_then(|n| n.parse::<usize>().ok());
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    "testcase" => cases += 1,
                    "failure" => failures += 1,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!((Some(cases), failures), (declared, cases));
}

#[test]
fn junit_of_a_clean_project_passes() {
    let out = Command::cargo_bin("pushlint")
        .unwrap()
        .args(["--format", "junit", "--select", "PL106"])
        .arg(root().join("fixtures/PL106-click-target-not-exported/pass"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("failures=\"0\"") && text.contains("no findings"), "{text}");
}
