//! Integrations: CI output formats, `--output`, `pushlint.toml`, suppressions, baselines,
//! `--stdin-filename`, generated rule docs, completions and the man page.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

fn pushlint() -> Command {
    let mut c = Command::cargo_bin("pushlint").unwrap();
    c.current_dir(root());
    // No Gradle cache of this machine: outputs stay the same everywhere.
    c.env("GRADLE_USER_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-gradle-home"));
    c
}

/// A throw-away copy of a fixture project.
fn copy_fixture(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture(rel);
    for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let to = dir.path().join(entry.path().strip_prefix(&src).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).unwrap();
        } else {
            std::fs::copy(entry.path(), &to).unwrap();
        }
    }
    dir
}

fn json_codes(out: &[u8]) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(out).unwrap();
    v["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

fn stdout(c: &mut Command) -> String {
    String::from_utf8(c.output().unwrap().stdout).unwrap()
}

#[test]
fn sarif_of_the_sample_validates_against_the_schema() {
    let schema_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/schemas/sarif-2.1.0.json");
    let Ok(schema) = std::fs::read_to_string(schema_path) else {
        eprintln!("skipped: {schema_path} is absent");
        return;
    };
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let out = stdout(pushlint().args(["--format", "sarif"]).arg(fixture("sample-chat")));
    let sarif: serde_json::Value = serde_json::from_str(&out).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), pushlint::rules::all().count());
    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        let idx = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[idx]["id"], r["ruleId"]);
        assert!(r["partialFingerprints"]["primaryLocationLineHash"].is_string());
    }
}

#[test]
fn github_and_checkstyle_golden_files() {
    let github = stdout(pushlint().args(["--format", "github"]).arg("fixtures/sample-chat"));
    insta::assert_snapshot!("sample_chat_github", github);
    let checkstyle = stdout(pushlint().args(["--format", "checkstyle"]).arg("fixtures/sample-chat"));
    insta::assert_snapshot!("sample_chat_checkstyle", checkstyle);
}

#[test]
fn output_file_is_written_instead_of_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.sarif");
    let out = pushlint()
        .args(["--format", "sarif", "--output"])
        .arg(&file)
        .arg(fixture("sample-chat"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let _: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn config_file_selects_and_reports_unknown_keys() {
    let dir = copy_fixture("sample-chat");
    std::fs::write(
        dir.path().join("pushlint.toml"),
        "select = [\"PL1\", \"PL9\"]\nignore = [\"PL1\"]\nextend-select = [\"PL105\"]\nbogus = 1\n",
    )
    .unwrap();
    let out = pushlint().args(["--format", "json"]).arg(dir.path()).output().unwrap();
    let mut codes = json_codes(&out.stdout);
    codes.dedup();
    assert_eq!(codes, ["PL105", "PL901"], "{}", String::from_utf8_lossy(&out.stdout));
    let shown = stdout(pushlint().args(["config", "--show"]).arg(dir.path()));
    assert!(shown.contains("extend-select = [\"PL105\"]"), "{shown}");
    assert!(shown.contains("PL101 = \"off\""), "{shown}");
}

#[test]
fn invalid_config_is_a_usage_error_with_position() {
    let dir = copy_fixture("sample-chat");
    std::fs::write(dir.path().join("pushlint.toml"), "select = [\"PL1\"]\nvariants = \"x\"\n").unwrap();
    let out = pushlint().arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("pushlint.toml:2:12"), "{err}");
    // --config names another file, which wins over the one found by walking up.
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "select = [\"PL105\"]\n").unwrap();
    let out = pushlint().args(["--format", "json", "--config"]).arg(&other).arg(dir.path()).output().unwrap();
    assert_eq!(json_codes(&out.stdout), ["PL105"]);
}

#[test]
fn tools_ignore_silences_exactly_that_finding() {
    let dir = copy_fixture("sample-chat");
    // PL110 is off by default; it is turned on to show the suppression leaves it alone.
    let args = ["--format", "json", "--extend-select", "PL110"];
    let before = json_codes(&pushlint().args(args).arg(dir.path()).output().unwrap().stdout);
    assert!(before.contains(&"PL101".to_string()) && before.contains(&"PL110".to_string()));
    let manifest = dir.path().join("app/src/main/AndroidManifest.xml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = text
        .replacen("xmlns:android=", "xmlns:tools=\"http://schemas.android.com/tools\"\n    xmlns:android=", 1)
        .replacen(
            "<intent-filter",
            "<intent-filter tools:ignore=\"ExportedActivity,click-action-no-matching-filter\"",
            2,
        );
    std::fs::write(&manifest, text).unwrap();
    let after = json_codes(&pushlint().args(args).arg(dir.path()).output().unwrap().stdout);
    let mut expected = before.clone();
    expected.retain(|c| c != "PL101");
    let mut after_no_unused = after.clone();
    // The second filter's suppression silences nothing.
    after_no_unused.retain(|c| c != "PL903");
    assert_eq!(after_no_unused, expected);
}

#[test]
fn baseline_hides_known_findings_across_line_shifts() {
    let dir = copy_fixture("sample-chat");
    let baseline = dir.path().join("pushlint-baseline.json");
    pushlint().arg("--write-baseline").arg(&baseline).arg(dir.path()).assert().code(0);
    let text = std::fs::read_to_string(&baseline).unwrap();
    assert!(!text.contains(dir.path().to_str().unwrap()), "paths are relative");
    pushlint().arg("--baseline").arg(&baseline).arg(dir.path()).assert().code(0);
    // Shift every line of the manifest: nothing new is reported.
    let manifest = dir.path().join("app/src/main/AndroidManifest.xml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let shifted = text.replacen("<application", "<!-- a comment -->\n\n    <application", 1);
    std::fs::write(&manifest, &shifted).unwrap();
    let out =
        pushlint().args(["--format", "json", "--baseline"]).arg(&baseline).arg(dir.path()).output().unwrap();
    assert!(json_codes(&out.stdout).is_empty(), "{}", String::from_utf8_lossy(&out.stdout));
    // A new problem is reported.
    let console = dir.path().join("push-console.json");
    let c = std::fs::read_to_string(&console).unwrap().replacen(
        "\"vendor\": \"vivo\"",
        "\"vendor\": \"vivo\", \"packageNme\": \"x\"",
        1,
    );
    std::fs::write(&console, c).unwrap();
    let out =
        pushlint().args(["--format", "json", "--baseline"]).arg(&baseline).arg(dir.path()).output().unwrap();
    assert!(!json_codes(&out.stdout).is_empty());
    // A fixed finding leaves a stale entry, which --baseline-strict reports.
    std::fs::write(&manifest, shifted.replace("acmepush", "acmePush")).unwrap();
    let out = pushlint()
        .args(["--exit-zero", "--baseline-strict", "--baseline"])
        .arg(&baseline)
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("stale baseline entry: PL101"));
}

#[test]
fn stdin_filename_replaces_that_file() {
    let manifest = fixture("PL106-click-target-not-exported/fail/app/src/main/AndroidManifest.xml");
    let fixed = std::fs::read_to_string(fixture(
        "PL106-click-target-not-exported/pass/app/src/main/AndroidManifest.xml",
    ))
    .unwrap();
    pushlint().args(["--select", "PL106"]).arg(&manifest).assert().code(1);
    pushlint()
        .args(["--select", "PL106", "--stdin-filename"])
        .arg(&manifest)
        .write_stdin(fixed)
        .assert()
        .code(0);
}

#[test]
fn rule_docs_are_up_to_date() {
    let dir = root().join("docs/rules");
    let pages = pushlint::rule_docs::pages();
    let mut stale = Vec::new();
    for (name, text) in &pages {
        if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if !pages.iter().any(|(n, _)| *n == name) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "docs/rules is out of date ({}); run `cargo run -- rules --markdown docs/rules`",
        stale.join(", ")
    );
}

#[test]
fn completions_and_man_page() {
    for (shell, marker) in
        [("bash", "_pushlint()"), ("zsh", "#compdef pushlint"), ("fish", "complete -c pushlint")]
    {
        let out = stdout(pushlint().args(["completions", shell]));
        assert!(out.contains(marker), "{shell}: {out}");
        assert!(out.contains("baseline"), "{shell}");
    }
    let man = stdout(pushlint().arg("man"));
    assert!(man.starts_with(".ie") || man.contains(".TH pushlint"), "{man}");
}
