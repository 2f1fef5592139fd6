//! `pushlint status`: findings name the vendors they are about (so the matrix places them by
//! data), and the matrix in its three formats on the sample and on a multi-flavor project.

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

/// Rules whose findings are about a step but not about particular vendors: a class no source
/// declares, a placeholder of the app's own, a dynamic or conflicting version of a library no
/// vendor owns, the Android Gradle plugin.
const NOT_ABOUT_VENDORS: &[&str] = &["PL206", "PL216", "PL304", "PL307", "PL407"];

/// Findings of vendor rules about something no vendor owns: Android's own permission, the TPNS
/// plugin (a route, not a vendor) when no variant uses it.
const EXCEPT: &[(&str, &str)] = &[("PL209", "`android.permission."), ("PL403", "`com.tencent.android.tpns")];

#[test]
fn findings_of_vendor_steps_name_their_vendors() {
    let mut checked = 0;
    let mut missing = Vec::new();
    for dir in std::fs::read_dir(fixtures()).unwrap().flatten() {
        let Some(rule) = pushlint::rules::for_fixture(&dir.path()) else { continue };
        if pushlint::status::step_of(rule).is_none() || NOT_ABOUT_VENDORS.contains(&rule.code) {
            continue;
        }
        for case in std::fs::read_dir(dir.path()).unwrap().flatten() {
            if !case.file_name().to_string_lossy().starts_with("fail") {
                continue;
            }
            let report = pushlint::lint(&case.path(), &pushlint::Config::only(rule.code)).unwrap();
            for d in report.iter().filter(|d| d.code == rule.code) {
                if d.vendors.is_empty() && !EXCEPT.iter().any(|(c, m)| *c == d.code && d.message.contains(m))
                {
                    missing.push(format!("{}: `{}` names no vendor", case.path().display(), d.message));
                }
                for v in d.vendors.iter() {
                    assert!(
                        ["fcm", "huawei", "honor", "xiaomi", "oppo", "vivo", "meizu"].contains(&v),
                        "{}: unknown vendor {v}",
                        case.path().display()
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    assert!(checked > 60, "only {checked} findings checked");
}

fn status(case: &str, args: &[&str]) -> String {
    let out = assert_cmd::Command::cargo_bin("pushlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "100")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .arg("status")
        .arg(format!("fixtures/{case}"))
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn schema() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(pushlint::STATUS_SCHEMA).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// Every `href="#x"` of the page has an element with `id="x"`, and nothing is loaded from elsewhere.
fn check_html(html: &str) {
    let ids: std::collections::HashSet<&str> =
        html.split(" id=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    for target in html.split("href=\"#").skip(1).filter_map(|s| s.split('"').next()) {
        assert!(ids.contains(target), "link to #{target}, which is not on the page");
    }
    for banned in ["<script", "<link", "<img", "@import", "url(", "src="] {
        assert!(!html.contains(banned), "the page has `{banned}`");
    }
}

#[test]
fn status_of_the_samples_in_three_formats() {
    let v = schema();
    for case in ["sample-chat", "sample-flavors"] {
        let name = case.replace('-', "_");
        insta::assert_snapshot!(format!("{name}_human"), status(case, &["--color", "never"]));
        let json = status(case, &["--format", "json"]);
        let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
        let errors: Vec<String> =
            v.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{case}: {}", errors.join("\n"));
        insta::assert_snapshot!(format!("{name}_json"), json);
        let html = status(case, &["--format", "html"]);
        check_html(&html);
        insta::assert_snapshot!(format!("{name}_html"), html);
    }
}

#[test]
fn every_finding_of_the_run_is_in_the_matrix_or_listed_beside_it() {
    for case in ["sample-chat", "sample-flavors"] {
        let doc: serde_json::Value = serde_json::from_str(&status(case, &["--format", "json"])).unwrap();
        let check: serde_json::Value = serde_json::from_str(
            &String::from_utf8(
                assert_cmd::Command::cargo_bin("pushlint")
                    .unwrap()
                    .current_dir(env!("CARGO_MANIFEST_DIR"))
                    .args(["check", "--format", "json", &format!("fixtures/{case}")])
                    .output()
                    .unwrap()
                    .stdout,
            )
            .unwrap(),
        )
        .unwrap();
        let mut shown: Vec<String> = Vec::new();
        let codes = |v: &serde_json::Value| -> Vec<String> {
            v.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect()
        };
        shown.extend(codes(&doc["otherFindings"]));
        for variant in doc["variants"].as_array().unwrap() {
            shown.extend(codes(&variant["otherFindings"]));
            for vendor in variant["vendors"].as_array().unwrap() {
                shown.extend(codes(&vendor["findings"]));
            }
        }
        for d in check["diagnostics"].as_array().unwrap() {
            let code = d["code"].as_str().unwrap();
            assert!(shown.iter().any(|c| c == code), "{case}: {code} is nowhere in the status report");
        }
    }
}

#[test]
fn exit_codes_follow_check() {
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("pushlint")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("status")
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(run(&["fixtures/sample-chat"]), Some(1));
    assert_eq!(run(&["fixtures/sample-chat", "--exit-zero"]), Some(0));
    // PL103 is the sample's only warning; without errors the exit code depends on --fail-on.
    assert_eq!(run(&["fixtures/sample-chat", "--select", "PL103"]), Some(0));
    assert_eq!(run(&["fixtures/sample-chat", "--select", "PL103", "--fail-on", "warning"]), Some(1));
    assert_eq!(run(&["fixtures/sample-chat", "--variant", "nope"]), Some(2));
    assert_eq!(run(&["fixtures/sample-chat", "--format", "sarif"]), Some(2));
}

#[test]
fn no_color_and_narrow_terminals() {
    let out = assert_cmd::Command::cargo_bin("pushlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("COLUMNS", "60")
        .env("NO_COLOR", "1")
        .args(["status", "fixtures/sample-chat"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains('\x1b'), "NO_COLOR output has escape codes:\n{text}");
    for line in text.lines() {
        assert!(textwrap::core::display_width(line) <= 60, "wider than 60 columns: {line}");
    }
    let forced = assert_cmd::Command::cargo_bin("pushlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["status", "fixtures/sample-chat", "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains("\x1b[31m✗"));
}

/// A vendor reached through an aggregator is named as detection names it, and the IM console's
/// certificate is not asked of it: the aggregator keeps the credentials in its own console.
#[test]
fn aggregator_routes_are_named_as_detection_names_them() {
    let out = assert_cmd::Command::cargo_bin("pushlint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["status", "fixtures/PL219-aggregator-component-missing/pass-jpush", "--format", "json"])
        .output()
        .unwrap();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows: Vec<&serde_json::Value> =
        doc["variants"].as_array().unwrap().iter().flat_map(|v| v["vendors"].as_array().unwrap()).collect();
    assert!(!rows.is_empty());
    for r in rows {
        let route = r["integration"]["route"].as_str().unwrap();
        assert!(route.ends_with(" via JPush 5.2.0"), "{route}");
        assert_eq!(r["integration"]["via"], serde_json::json!(["JPush 5.2.0"]));
        assert_eq!(r["checks"]["certificate"]["state"], "notNeeded", "{r}");
        assert_eq!(r["checks"]["click"]["state"], "unknown", "{r}");
    }
}
