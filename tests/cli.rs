//! The binary's contract: exit codes, formats, rule selection and sub-commands (SPEC §2, §3).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel)
}

/// The binary, reading no Gradle cache of this machine (outputs stay the same everywhere).
fn pushlint() -> Command {
    let mut c = Command::cargo_bin("pushlint").unwrap();
    c.env("GRADLE_USER_HOME", Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-gradle-home"));
    c
}

#[test]
fn findings_exit_1_and_clean_project_exits_0() {
    pushlint().arg(fixture("PL106-click-target-not-exported/fail")).assert().code(1);
    pushlint()
        .args(["check", "--select", "PL1"])
        .arg(fixture("PL106-click-target-not-exported/pass"))
        .assert()
        .code(0);
}

#[test]
fn exit_zero_and_fail_on() {
    pushlint().arg("--exit-zero").arg(fixture("PL106-click-target-not-exported/fail")).assert().code(0);
    // Only a warning: exit 0 by default, 1 with --fail-on warning.
    let case = fixture("PL110-click-target-standard-launch-mode/fail");
    pushlint().args(["--select", "PL110"]).arg(&case).assert().code(0);
    pushlint().args(["--select", "PL110", "--fail-on", "warning"]).arg(&case).assert().code(1);
}

#[test]
fn usage_errors_exit_2() {
    pushlint().arg("--no-such-flag").assert().code(2);
    pushlint().arg("/definitely/not/here").assert().code(2);
    pushlint().args(["--select", "PL999"]).arg(fixture("sample-chat")).assert().code(2);
    pushlint().args(["explain", "no-such-rule"]).assert().code(2);
    pushlint().arg("--console").arg(fixture("missing.json")).arg(fixture("sample-chat")).assert().code(2);
}

#[test]
fn bad_catalog_is_a_usage_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("acme.toml"), "id = \"acme\"\ndisplay = \"Acme\"\nbogus = true\n")
        .unwrap();
    let out = pushlint().arg("--rules").arg(dir.path()).arg(fixture("sample-chat")).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("acme.toml:3:1"), "{stderr}");
}

#[test]
fn json_output_is_deterministic_and_relative() {
    let run = || {
        let out = pushlint().args(["--format", "json"]).arg(fixture("sample-chat")).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let a = run();
    assert_eq!(a, run());
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["version"], 1);
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        let file = d["file"].as_str().unwrap();
        assert!(!file.starts_with('/') && !file.contains('\\'), "{file}");
    }
}

#[test]
fn a_file_inside_the_project_lints_the_project() {
    let out = pushlint()
        .args(["--format", "json"])
        .arg(fixture("sample-chat/app/src/main/AndroidManifest.xml"))
        .arg(fixture("sample-chat/app/build.gradle"))
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.is_object(), "two files of one project give one report");
}

#[test]
fn rules_explain_and_schema() {
    let out = pushlint().args(["rules", "--format", "json"]).output().unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rules.as_array().unwrap().iter().any(|r| r["code"] == "PL101"));
    let out = pushlint().args(["explain", "click-action-no-matching-filter"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("## How to fix"), "{text}");
    for which in ["console", "diagnostics"] {
        let out = pushlint().args(["schema", which]).output().unwrap();
        let _: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    }
}

#[test]
fn human_output_names_both_files() {
    let out = pushlint().args(["--color", "never"]).arg(fixture("sample-chat")).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("app/src/main/AndroidManifest.xml"), "{text}");
    assert!(text.contains("push-console.json"), "{text}");
    assert!(text.contains("PL101"), "{text}");
}

#[test]
fn a_broken_manifest_does_not_stop_the_other_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("app/src/main")).unwrap();
    std::fs::write(root.join("settings.gradle"), "include ':app'\n").unwrap();
    std::fs::write(
        root.join("app/build.gradle"),
        "plugins { id 'com.android.application' }\nandroid { namespace 'com.acme.chat'\n defaultConfig { applicationId 'com.acme.chat' } }\n",
    )
    .unwrap();
    std::fs::write(
        root.join("app/src/main/AndroidManifest.xml"),
        "<manifest>\n  <application>\n    <activity android:name=\".A\">\n</manifest>\n",
    )
    .unwrap();
    std::fs::write(root.join("push-console.json"), "{ \"certificates\": [ { \"vendor\": \"mi\" } ] }\n")
        .unwrap();
    let out = pushlint().current_dir(root).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
                d["range"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(found.contains(&("PL001".into(), "app/src/main/AndroidManifest.xml".into(), 4)), "{found:?}");
    assert!(found.iter().any(|(c, f, _)| c == "PL008" && f == "push-console.json"), "{found:?}");
}

#[test]
fn a_panic_exits_3_without_partial_output() {
    let out = pushlint().env("PUSHLINT_TEST_PANIC", "1").arg(fixture("sample-chat")).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty(), "no partial report on stdout");
    assert!(String::from_utf8_lossy(&out.stderr).contains("this is a bug"));
}

#[test]
fn manifest_prints_the_merged_manifest_with_origins() {
    let out = pushlint()
        .args(["manifest", "--variant", "globalRelease"])
        .arg(fixture("sample-chat"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!("manifest_sample_chat_global_release", text);
    // The merged manifest is XML a reader accepts.
    let doc = pushlint::parse::manifest::ManifestDoc::parse(&text);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);

    // A wrong variant name is a usage error that lists the real ones.
    let out = pushlint()
        .args(["manifest", "--variant", "chinarelease"])
        .arg(fixture("sample-chat"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("chinaRelease") && err.contains("globalDebug"), "{err}");
}

#[test]
fn manifest_names_the_library_an_element_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, text: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("settings.gradle", b"include ':app'\n");
    write(
        "app/build.gradle",
        b"plugins { id 'com.android.application' }\nandroid { namespace 'com.acme.chat'\n defaultConfig { applicationId 'com.acme.chat' } }\ndependencies {\n    implementation files('libs/vivo_push_v4.0.4.0_504.aar')\n    implementation 'com.google.firebase:firebase-messaging:23.4.0'\n}\n",
    );
    write("app/src/main/AndroidManifest.xml", b"<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n  <application />\n</manifest>\n");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("AndroidManifest.xml", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(
        &mut zip,
        b"<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"com.vivo.push\"><application><service android:name=\".sdk.service.CommandClientService\" android:exported=\"true\"/></application></manifest>",
    )
    .unwrap();
    write("app/libs/vivo_push_v4.0.4.0_504.aar", &zip.finish().unwrap().into_inner());
    let out = pushlint().args(["manifest", "--variant", "release"]).arg(root).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("<!-- app/libs/vivo_push_v4.0.4.0_504.aar -->"), "{text}");
    assert!(
        text.contains("android:name=\"com.vivo.push.sdk.service.CommandClientService\""),
        "relative names resolve against the library's package: {text}"
    );
    assert!(
        text.contains(
            "com.google.firebase:firebase-messaging:23.4.0 (from the catalog, rules/libraries.toml)"
        ),
        "{text}"
    );
    assert!(text.contains("android.permission.POST_NOTIFICATIONS"), "{text}");
}

#[test]
fn rules_off_by_default_run_only_when_named() {
    let case = fixture("PL110-click-target-standard-launch-mode/fail");
    let codes = |args: &[&str]| -> Vec<String> {
        let out = pushlint().args(["--format", "json"]).args(args).arg(&case).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
    };
    assert!(!codes(&[]).contains(&"PL110".to_string()));
    assert!(
        !codes(&["--extend-select", "PL1"]).contains(&"PL110".to_string()),
        "a prefix does not turn it on"
    );
    assert!(codes(&["--extend-select", "PL110"]).contains(&"PL110".to_string()));
    assert!(codes(&["--extend-select", "click-target-standard-launch-mode"]).contains(&"PL110".to_string()));
    let listing = pushlint().args(["rules", "--format", "json"]).output().unwrap();
    let rules: serde_json::Value = serde_json::from_slice(&listing.stdout).unwrap();
    let pl110 = rules.as_array().unwrap().iter().find(|r| r["code"] == "PL110").unwrap();
    assert_eq!(pl110["default"], "off");
}

#[test]
fn version_names_the_commit_of_a_checkout() {
    let out = pushlint().arg("--version").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(concat!("pushlint ", env!("CARGO_PKG_VERSION"))), "{text}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let head = std::process::Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "--show-toplevel", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string());
    // Built from a source archive (no git, or another repository around it): the version alone.
    let Some(head) = head else { return };
    let mut lines = head.lines();
    let (top, commit) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    if std::fs::canonicalize(top).ok() != std::fs::canonicalize(root).ok() {
        return;
    }
    assert!(text.contains(&format!("({} ", &commit[..9])), "{text} does not name {commit}");
}
