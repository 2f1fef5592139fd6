//! `check --fix` and `--diff` end to end: every fixable rule's fixtures are fixed in a copy (the
//! change snapshotted), after which the finding is gone, nothing new is reported and a second
//! `--fix` changes no byte; encodings, BOMs and line endings survive; files that must not be
//! written are not; `--diff` writes nothing and exits 1 when there is a diff.

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// The binary, reading no Gradle cache of this machine.
fn pushlint() -> Command {
    let mut c = Command::cargo_bin("pushlint").unwrap();
    c.env("GRADLE_USER_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-gradle-home"));
    c
}

/// Every file under `dir` (relative path → bytes).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn copy(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, bytes) in files(from) {
        let to = dir.path().join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    dir
}

/// The unified diff of every file that changed, as the snapshot shows it.
fn changes(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> String {
    let mut out = String::new();
    for (rel, old) in before {
        let new = &after[rel];
        if old != new {
            let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(new));
            let diff = similar::TextDiff::from_lines(old.as_ref(), new.as_ref());
            out.push_str(&diff.unified_diff().context_radius(2).header(rel, rel).to_string());
        }
    }
    assert_eq!(before.len(), after.len(), "--fix created or removed files");
    out
}

/// (code, file, message) of every finding of `dir` under `config`.
fn findings(dir: &Path, config: &pushlint::Config) -> Vec<(String, String, String, bool)> {
    let report = pushlint::lint(dir, config).unwrap();
    let mut out: Vec<_> = report
        .iter()
        .map(|d| {
            let file = pushlint::file_path(&report, d).unwrap_or_default();
            (d.code.to_string(), file, d.message.clone(), d.fix.is_some())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_fixable_rule_fixes_its_fixtures_once_and_for_good() {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures()).unwrap().flatten().map(|e| e.path()).collect();
    dirs.sort();
    let mut fixed_rules = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for dir in dirs {
        let Some(rule) = pushlint::rules::for_fixture(&dir) else { continue };
        if rule.fix.is_none() {
            continue;
        }
        let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
        cases.sort();
        for case in cases.iter().filter(|c| c.file_name().unwrap().to_string_lossy().starts_with("fail")) {
            let name =
                format!("{}-{}__{}", rule.code, rule.name, case.file_name().unwrap().to_string_lossy());
            let only = pushlint::Config::only(rule.code);
            let tmp = copy(case);
            let before_files = files(tmp.path());
            let before_rule = findings(tmp.path(), &only);
            let before_all = findings(tmp.path(), &pushlint::Config::default());
            pushlint()
                .args(["check", "--select", rule.code, "--fix", "--unsafe-fixes", "--exit-zero", "-q"])
                .arg(tmp.path())
                .assert()
                .code(0);
            let after_files = files(tmp.path());
            let diff = changes(&before_files, &after_files);
            if diff.is_empty() {
                // A case whose finding has no fix (a value only the user knows, a file elsewhere).
                if before_rule.iter().any(|f| f.3) {
                    failures.push(format!("{name}: findings with fixes, but nothing changed"));
                }
                continue;
            }
            fixed_rules.insert(rule.code);
            insta::with_settings!({ snapshot_path => "snapshots/fix", prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(name.clone(), diff);
            });
            // The fixed findings are gone, nothing new is reported, by this rule or any other.
            let after_rule = findings(tmp.path(), &only);
            if let Some(left) = after_rule.iter().find(|f| f.3) {
                failures.push(format!("{name}: a fixable finding is left: {left:?}"));
            }
            let after_all = findings(tmp.path(), &pushlint::Config::default());
            for f in &after_all {
                if !before_all.contains(f) {
                    failures.push(format!("{name}: new finding after --fix: {f:?}"));
                }
            }
            if after_rule.len() >= before_rule.len() {
                failures.push(format!(
                    "{name}: {} findings before --fix, {} after",
                    before_rule.len(),
                    after_rule.len()
                ));
            }
            // A second run changes no byte.
            pushlint()
                .args(["check", "--fix", "--unsafe-fixes", "--exit-zero", "-q"])
                .arg(tmp.path())
                .assert()
                .code(0);
            if files(tmp.path()) != after_files {
                failures.push(format!("{name}: a second --fix changed files"));
            }
        }
    }
    for r in pushlint::rules::all().filter(|r| r.fix.is_some()) {
        if !fixed_rules.contains(r.code) {
            failures.push(format!("{} declares a fix, but no fixture of it is fixed", r.code));
        }
    }
    assert!(fixed_rules.len() >= 15, "only {} rules fixed their fixtures", fixed_rules.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn safe_fixes_only_without_unsafe_fixes() {
    // PL106's fix is unsafe: --fix alone leaves it, and says how to apply it.
    let tmp = copy(&fixtures().join("PL106-click-target-not-exported/fail"));
    let before = files(tmp.path());
    let out = pushlint().args(["check", "--fix", "--select", "PL106"]).arg(tmp.path()).assert().code(1);
    assert_eq!(files(tmp.path()), before);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.contains("Fixed 0 problems in 0 files. 1 more can be fixed with --unsafe-fixes."),
        "{stdout}"
    );
    // PL203's is safe: fixed, and the run exits 0 as nothing is left.
    let tmp = copy(&fixtures().join("PL203-push-component-exported-mismatch/fail"));
    let out = pushlint().args(["check", "--fix", "--select", "PL203"]).arg(tmp.path()).assert().code(0);
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("Fixed 1 problem in 1 file."), "{stdout}");
}

#[test]
fn diff_writes_nothing_and_exits_1_when_there_is_a_diff() {
    let tmp = copy(&fixtures().join("PL203-push-component-exported-mismatch/fail"));
    let before = files(tmp.path());
    let out = pushlint().current_dir(tmp.path()).args(["check", "--diff"]).assert().code(1);
    assert_eq!(files(tmp.path()), before, "--diff wrote a file");
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(
        stdout.starts_with("--- app/src/main/AndroidManifest.xml\n+++ app/src/main/AndroidManifest.xml\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "-            android:exported=\"false\" />\n+            android:exported=\"true\" />"
        ),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("Would fix 1 problem in 1 file."), "{stderr}");
    // Nothing to fix: no diff, exit 0, even though findings remain.
    let pass = fixtures().join("PL203-push-component-exported-mismatch/pass");
    let out = pushlint().args(["check", "--diff"]).arg(&pass).assert().code(0);
    assert!(out.get_output().stdout.is_empty());
    let unfixable = fixtures().join("PL201-push-component-missing/fail");
    pushlint().args(["check", "--diff", "--select", "PL201"]).arg(&unfixable).assert().code(0);
}

#[test]
fn fix_options_that_do_not_go_together_are_usage_errors() {
    let case = fixtures().join("PL203-push-component-exported-mismatch/fail");
    pushlint().args(["check", "--unsafe-fixes"]).arg(&case).assert().code(2);
    pushlint()
        .args(["check", "--fix", "--stdin-filename"])
        .arg(case.join("app/src/main/AndroidManifest.xml"))
        .write_stdin("<manifest/>")
        .assert()
        .code(2);
    pushlint().args(["check", "--fix", "--write-baseline", "b.json"]).arg(&case).assert().code(2);
}

/// The PL203 fixture with its manifest replaced by `bytes`; the project's other files as they are.
fn with_manifest(bytes: &[u8]) -> tempfile::TempDir {
    let tmp = copy(&fixtures().join("PL203-push-component-exported-mismatch/fail"));
    std::fs::write(tmp.path().join("app/src/main/AndroidManifest.xml"), bytes).unwrap();
    tmp
}

fn manifest_text() -> String {
    std::fs::read_to_string(
        fixtures().join("PL203-push-component-exported-mismatch/fail/app/src/main/AndroidManifest.xml"),
    )
    .unwrap()
}

fn fixed_manifest(tmp: &tempfile::TempDir) -> Vec<u8> {
    pushlint().args(["check", "--fix", "--select", "PL203", "-q"]).arg(tmp.path()).assert().code(0);
    std::fs::read(tmp.path().join("app/src/main/AndroidManifest.xml")).unwrap()
}

#[test]
fn line_endings_bom_and_encodings_are_kept() {
    let text = manifest_text();
    let want = text.replace("android:exported=\"false\"", "android:exported=\"true\"");
    assert_ne!(text, want);

    // CRLF, with a UTF-8 BOM.
    let crlf = |s: &str| s.replace('\n', "\r\n");
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend(crlf(&text).into_bytes());
    let mut expected = vec![0xEF, 0xBB, 0xBF];
    expected.extend(crlf(&want).into_bytes());
    assert_eq!(fixed_manifest(&with_manifest(&bytes)), expected);

    // GBK, declared, with Chinese text around the edit.
    let gbk = |s: &str| {
        let s = s
            .replace("encoding=\"utf-8\"", "encoding=\"GBK\"")
            .replace("<application", "<!-- 小米推送 -->\n    <application");
        encoding_rs::GBK.encode(&s).0.into_owned()
    };
    assert!(text.contains("encoding=\"utf-8\""));
    assert_eq!(fixed_manifest(&with_manifest(&gbk(&text))), gbk(&want));

    // UTF-16 (little and big endian, with a BOM), with a non-BMP character.
    for le in [true, false] {
        let utf16 = |s: &str| {
            let s = s
                .replace("encoding=\"utf-8\"", "encoding=\"UTF-16\"")
                .replace("<application", "<!-- 推送 😀 -->\n    <application");
            let mut out: Vec<u8> = if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
            for u in s.encode_utf16() {
                out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            out
        };
        assert_eq!(
            fixed_manifest(&with_manifest(&utf16(&text))),
            utf16(&want),
            "UTF-16 {}",
            if le { "LE" } else { "BE" }
        );
    }
}

#[test]
fn files_with_parse_errors_are_not_written() {
    // An undefined entity is a (recovered) XML error: the component is still checked, the file
    // is not edited.
    let text = manifest_text().replace("<application", "<!-- &bogus; -->\n    <application a=\"&bogus;\"");
    let tmp = with_manifest(text.as_bytes());
    let before = files(tmp.path());
    let out = pushlint().args(["check", "--fix", "--select", "PL203"]).arg(tmp.path()).assert();
    assert_eq!(files(tmp.path()), before);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("AndroidManifest.xml: it could not be read or parsed cleanly"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn files_outside_the_root_are_not_written_even_through_a_link() {
    let outside = tempfile::tempdir().unwrap();
    let real = outside.path().join("AndroidManifest.xml");
    std::fs::write(&real, manifest_text()).unwrap();
    let tmp = copy(&fixtures().join("PL203-push-component-exported-mismatch/fail"));
    let link = tmp.path().join("app/src/main/AndroidManifest.xml");
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    // A link out of the project is not even read (PL007): nothing to fix, nothing written.
    let out = pushlint().args(["check", "--fix", "--select", "PL203,PL007"]).arg(tmp.path()).assert().code(0);
    assert_eq!(std::fs::read_to_string(&real).unwrap(), manifest_text());
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(stdout.contains("PL007"), "{stdout}");

    // A link to a file inside the project is followed: the file is edited, the link stays.
    let inside = tmp.path().join("app/manifest-real.xml");
    std::fs::write(&inside, manifest_text()).unwrap();
    std::fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&inside, &link).unwrap();
    pushlint().args(["check", "--fix", "--select", "PL203"]).arg(tmp.path()).assert().code(0);
    assert!(std::fs::read_to_string(&inside).unwrap().contains("android:exported=\"true\""));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
}

#[test]
fn build_folders_are_not_written() {
    // A manifest the build file takes from build/ (generated): reported, never edited.
    let tmp = copy(&fixtures().join("PL203-push-component-exported-mismatch/fail"));
    let generated = tmp.path().join("app/build/generated/AndroidManifest.xml");
    std::fs::create_dir_all(generated.parent().unwrap()).unwrap();
    std::fs::rename(tmp.path().join("app/src/main/AndroidManifest.xml"), &generated).unwrap();
    let build = tmp.path().join("app/build.gradle");
    let script = std::fs::read_to_string(&build).unwrap();
    let script = script.replacen(
        "android {",
        "android {\n    sourceSets { main { manifest.srcFile 'build/generated/AndroidManifest.xml' } }",
        1,
    );
    std::fs::write(&build, script).unwrap();
    let before = files(tmp.path());
    assert!(
        findings(tmp.path(), &pushlint::Config::only("PL203")).iter().any(|f| f.3),
        "the finding has a fix"
    );
    let out = pushlint().args(["check", "--fix", "--select", "PL203"]).arg(tmp.path()).assert().code(1);
    assert_eq!(files(tmp.path()), before);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("build or cache folder"), "{stderr}");
}

#[test]
fn unchanged_permissions_and_fixes_on_a_baseline_stay() {
    // A finding recorded in the baseline is not fixed.
    let tmp = copy(&fixtures().join("PL203-push-component-exported-mismatch/fail"));
    let baseline = tmp.path().join("baseline.json");
    pushlint()
        .args(["check", "--select", "PL203", "--write-baseline"])
        .arg(&baseline)
        .arg(tmp.path())
        .assert()
        .code(0);
    let before = files(tmp.path());
    pushlint()
        .args(["check", "--select", "PL203", "--fix", "--baseline"])
        .arg(&baseline)
        .arg(tmp.path())
        .assert()
        .code(0);
    assert_eq!(files(tmp.path()), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let manifest = tmp.path().join("app/src/main/AndroidManifest.xml");
        std::fs::set_permissions(&manifest, std::fs::Permissions::from_mode(0o640)).unwrap();
        pushlint().args(["check", "--select", "PL203", "--fix"]).arg(tmp.path()).assert().code(0);
        let mode = std::fs::metadata(&manifest).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }
}

#[test]
fn sarif_fixes_validate_and_carry_the_edits() {
    let schema_path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/schemas/sarif-2.1.0.json");
    let schema: Option<serde_json::Value> =
        std::fs::read_to_string(schema_path).ok().map(|s| serde_json::from_str(&s).unwrap());
    // A replacement (PL203) and an insertion (PL208).
    for (case, code, inserted) in [
        ("PL203-push-component-exported-mismatch/fail", "PL203", "true"),
        ("PL208-push-permission-undeclared/fail", "PL208", "<permission "),
    ] {
        let out = pushlint()
            .args(["check", "-f", "sarif", "--select", code])
            .arg(fixtures().join(case))
            .output()
            .unwrap();
        let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        if let Some(schema) = &schema {
            let validator = jsonschema::validator_for(schema).unwrap();
            let errors: Vec<String> =
                validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
            assert!(errors.is_empty(), "{case}: {}", errors.join("\n"));
        }
        let fix = &sarif["runs"][0]["results"][0]["fixes"][0];
        assert_eq!(fix["properties"]["applicability"], "safe", "{case}");
        let change = &fix["artifactChanges"][0];
        assert!(
            change["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .ends_with(&format!("{case}/app/src/main/AndroidManifest.xml"))
        );
        let r = &change["replacements"][0];
        assert!(r["insertedContent"]["text"].as_str().unwrap().contains(inserted), "{case}: {r}");
        let region = &r["deletedRegion"];
        let empty = region["startLine"] == region["endLine"] && region["startColumn"] == region["endColumn"];
        assert_eq!(empty, code == "PL208", "{case}: {region}");
    }
}

#[test]
fn an_unknown_variant_is_refused_before_anything_is_written() {
    let tmp = copy(&fixtures().join("PL203-push-component-exported-mismatch/fail"));
    let before = files(tmp.path());
    pushlint().args(["check", "--fix", "--variant", "nope"]).arg(tmp.path()).assert().code(2);
    assert_eq!(files(tmp.path()), before);
}

#[test]
fn rules_listing_says_which_rules_fix_and_how_surely() {
    let out = pushlint().args(["rules", "--format", "json"]).output().unwrap();
    let rules: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let fix = |code: &str| rules.iter().find(|r| r["code"] == code).map(|r| r["fix"].clone()).unwrap();
    assert_eq!(fix("PL203"), "safe");
    assert_eq!(fix("PL106"), "unsafe");
    assert_eq!(fix("PL201"), serde_json::Value::Null);
    let table = String::from_utf8(pushlint().arg("rules").output().unwrap().stdout).unwrap();
    assert!(table.lines().any(|l| l.starts_with("PL209") && l.contains(" safe ")), "{table}");
    let explain = String::from_utf8(pushlint().args(["explain", "PL106"]).output().unwrap().stdout).unwrap();
    assert!(
        explain.contains("fix: unsafe (`--fix` `--unsafe-fixes`)") && explain.contains("## Fix"),
        "{explain}"
    );
}
