//! What a new user meets first: several projects in one run, baselines across projects,
//! mistakes in arguments, the summary line, reference pages and the conventions users reach for
//! (concise output, -f, --statistics, FORCE_COLOR, --max-warnings).

use assert_cmd::Command;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn pushlint() -> Command {
    let mut c = Command::cargo_bin("pushlint").unwrap();
    c.current_dir(root()).env_remove("NO_COLOR").env_remove("FORCE_COLOR").env_remove("CLICOLOR_FORCE");
    c
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(c: &mut Command) -> Out {
    let o = c.output().unwrap();
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8(o.stdout).unwrap(),
        stderr: String::from_utf8(o.stderr).unwrap(),
    }
}

/// A throw-away copy of fixture projects, side by side under one folder.
fn copies(rels: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, name) in rels {
        let src = root().join("fixtures").join(rel);
        for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
            let to = dir.path().join(name).join(entry.path().strip_prefix(&src).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    dir
}

const TWO: [&str; 2] = ["fixtures/sample-chat", "fixtures/PL106-click-target-not-exported/fail"];

#[test]
fn two_projects_make_one_json_document_valid_against_the_schema() {
    let out = run(pushlint().args(["--format", "json"]).args(TWO));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let schema: serde_json::Value = serde_json::from_str(pushlint::DIAGNOSTICS_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&doc).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let roots: Vec<&str> =
        doc["projects"].as_array().unwrap().iter().map(|p| p["root"].as_str().unwrap()).collect();
    assert_eq!(roots, TWO);
    // Every path opens from the current folder, and the totals add up.
    for d in doc["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap();
        assert!(root().join(file).is_file(), "{file}");
        for l in d["labels"].as_array().unwrap() {
            assert!(root().join(l["file"].as_str().unwrap()).is_file(), "{l}");
        }
    }
    let errors: u64 = doc["projects"].as_array().unwrap().iter().map(|p| p["errors"].as_u64().unwrap()).sum();
    assert_eq!(doc["summary"]["errors"].as_u64(), Some(errors));
    assert!(doc["modules"].as_array().unwrap().iter().all(|m| roots.contains(&m["root"].as_str().unwrap())));
}

#[test]
fn two_projects_make_one_human_report_with_paths_from_here() {
    let out = run(pushlint().args(["--color", "never"]).args(TWO));
    assert_eq!(out.stdout.matches("Found ").count(), 1, "{}", out.stdout);
    assert!(out.stdout.contains("[fixtures/sample-chat/app/build.gradle:2:5]"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("[fixtures/PL106-click-target-not-exported/fail/app/src/main/AndroidManifest.xml:")
    );
    let concise = run(pushlint().args(["-f", "concise"]).args(TWO));
    assert!(
        concise.stdout.lines().any(|l| l.starts_with("fixtures/PL106-click-target-not-exported/fail/app/"))
    );
}

#[test]
fn a_project_outside_the_current_folder_is_shown_with_absolute_paths() {
    let dir = copies(&[("PL106-click-target-not-exported/fail", "a")]);
    let out = run(pushlint().args(["-f", "json"]).arg(dir.path().join("a")));
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let file = doc["diagnostics"][0]["file"].as_str().unwrap();
    assert!(Path::new(file).is_absolute() && Path::new(file).is_file(), "{file}");
}

#[test]
fn a_baseline_is_keyed_by_paths_relative_to_it() {
    let dir = copies(&[
        ("PL106-click-target-not-exported/fail", "a"),
        ("PL106-click-target-not-exported/fail", "b"),
    ]);
    let cwd = dir.path();
    // A baseline of project a does not hide the same finding in project b.
    let mut c = pushlint();
    run(c.current_dir(cwd).args(["--write-baseline", "base-a.json", "a"]));
    let text = std::fs::read_to_string(cwd.join("base-a.json")).unwrap();
    assert!(text.contains("\"file\": \"a/app/src/main/AndroidManifest.xml\""), "{text}");
    let b = run(pushlint().current_dir(cwd).args(["-f", "json", "--baseline", "base-a.json", "b"]));
    assert_eq!(b.code, 1);
    let doc: serde_json::Value = serde_json::from_str(&b.stdout).unwrap();
    assert!(!doc["diagnostics"].as_array().unwrap().is_empty(), "project b's findings were hidden");
    // A baseline of both projects hides both and has no stale entry.
    let out = run(pushlint().current_dir(cwd).args(["--write-baseline", "base.json", "a", "b"]));
    assert_eq!(out.stderr.trim(), format!("wrote 2 baseline entries to base.json"));
    let both =
        run(pushlint().current_dir(cwd).args(["--baseline", "base.json", "--baseline-strict", "a", "b"]));
    assert_eq!(both.code, 0, "{}{}", both.stdout, both.stderr);
    assert!(both.stdout.contains("not shown: 2 findings in the baseline"), "{}", both.stdout);
    // The same baseline works from another folder: its paths are relative to the file.
    let sub = run(pushlint().current_dir(cwd.join("a")).args([
        "--baseline",
        "../base.json",
        "--baseline-strict",
        ".",
    ]));
    assert_eq!(sub.code, 1, "only b's entry is stale: {}", sub.stderr);
    assert!(
        sub.stderr.contains("stale baseline entry: PL106 b/app/src/main/AndroidManifest.xml"),
        "{}",
        sub.stderr
    );
    assert!(sub.stderr.contains("1 baseline entry matches no finding"), "{}", sub.stderr);
    let one = run(pushlint().current_dir(cwd).args(["--write-baseline", "one.json", "a"]));
    assert_eq!(one.stderr.trim(), "wrote 1 baseline entry to one.json");
}

#[test]
fn an_unknown_variant_is_a_usage_error_naming_the_real_ones() {
    let out = run(pushlint().args(["--variant", "chinarelease", "fixtures/sample-chat"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no variant `chinarelease` (did you mean `chinaRelease`?)"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("chinaDebug, chinaRelease, globalDebug, globalRelease"), "{}", out.stderr);
    let dir = copies(&[("../fixtures/sample-chat", "p")]);
    std::fs::write(dir.path().join("p/pushlint.toml"), "variants = [\"typo\"]\n").unwrap();
    let out = run(pushlint().arg(dir.path().join("p")));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no variant `typo`"), "{}", out.stderr);
    assert_eq!(run(pushlint().args(["--variant", "chinaRelease", "fixtures/sample-chat"])).code, 1);
}

#[test]
fn stdin_filename_with_another_project_is_refused() {
    let manifest = "fixtures/sample-chat/app/src/main/AndroidManifest.xml";
    let text = std::fs::read_to_string(root().join(manifest)).unwrap();
    let out = run(pushlint()
        .args(["--stdin-filename", manifest, "fixtures/PL106-click-target-not-exported/fail"])
        .write_stdin(text.clone()));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--stdin-filename lints the project of"), "{}", out.stderr);
    // A path inside the same project is fine.
    let out = run(pushlint().args(["--stdin-filename", manifest, "fixtures/sample-chat"]).write_stdin(text));
    assert_eq!(out.code, 1, "{}", out.stderr);
}

#[test]
fn a_config_error_is_reported_when_its_rule_is_not_selected() {
    let dir = copies(&[("PL106-click-target-not-exported/fail", "p")]);
    std::fs::write(dir.path().join("p/pushlint.toml"), "select = [\"PL1\"]\nbogus = 1\n").unwrap();
    let out = run(pushlint().arg(dir.path().join("p")));
    assert!(out.stderr.contains("pushlint.toml:2:1: "), "{}", out.stderr);
    assert!(out.stderr.contains("bogus"), "{}", out.stderr);
}

#[test]
fn the_summary_counts_files_with_findings_and_what_is_hidden() {
    let out = run(pushlint().args(["--color", "never", "fixtures/sample-chat"]));
    assert!(
        out.stdout.ends_with("Found 7 problems (6 errors, 1 warning, 0 infos) in 3 of 6 files read.\n"),
        "{}",
        out.stdout
    );
    let dir = copies(&[("PL106-click-target-not-exported/fail", "p")]);
    std::fs::write(dir.path().join("p/pushlint.toml"), "[per-file-ignores]\n\"app/**\" = [\"PL106\"]\n")
        .unwrap();
    let out = run(pushlint().current_dir(dir.path()).args(["--color", "never", "--select", "PL106", "p"]));
    assert_eq!(out.code, 0);
    assert!(
        out.stdout.ends_with("No problems found in 5 files; not shown: 1 finding suppressed.\n"),
        "{}",
        out.stdout
    );
    let json = run(pushlint().current_dir(dir.path()).args(["-f", "json", "--select", "PL106", "p"]));
    let doc: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(
        (doc["summary"]["suppressed"].as_u64(), doc["summary"]["baselined"].as_u64()),
        (Some(1), Some(0))
    );
}

#[test]
fn the_man_pages_cover_every_command_exit_codes_and_environment() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(pushlint().args(["man", "--dir"]).arg(dir.path())).code, 0);
    for cmd in [
        "pushlint",
        "pushlint-check",
        "pushlint-rules",
        "pushlint-explain",
        "pushlint-config",
        "pushlint-man",
    ] {
        let page = std::fs::read_to_string(dir.path().join(format!("{cmd}.1"))).unwrap();
        for section in ["EXIT STATUS", "ENVIRONMENT", "NO_COLOR"] {
            assert!(page.contains(section), "{cmd}.1 lacks {section}");
        }
    }
    let check = std::fs::read_to_string(dir.path().join("pushlint-check.1")).unwrap();
    for option in ["fail\\-on", "max\\-warnings", "statistics", "stdin\\-filename", "concise"] {
        assert!(check.contains(option), "pushlint-check.1 lacks {option}");
    }
    let main = run(pushlint().arg("man")).stdout;
    assert!(main.contains("pushlint\\-check(1)") && main.contains("EXIT STATUS"), "{main}");
}

#[test]
fn config_show_writes_out_what_is_in_effect_and_takes_the_check_options() {
    let out = run(pushlint().args(["config", "--show", "fixtures/sample-chat"]));
    assert!(out.stdout.contains("select = [\"ALL\"]"), "{}", out.stdout);
    assert!(out.stdout.contains("console = [\"push-console.json\"]"), "{}", out.stdout);
    let out = run(pushlint().args([
        "config",
        "--show",
        "--select",
        "PL1",
        "--variant",
        "chinaRelease",
        "fixtures/sample-chat",
    ]));
    assert!(
        out.stdout.contains("select = [\"PL1\"]") && out.stdout.contains("variants = [\"chinaRelease\"]"),
        "{}",
        out.stdout
    );
    let same = run(pushlint().args([
        "check",
        "--show-settings",
        "--select",
        "PL1",
        "--variant",
        "chinaRelease",
        "fixtures/sample-chat",
    ]));
    assert_eq!((same.code, same.stdout), (0, out.stdout));
}

#[test]
fn explain_help_and_errors_read_cleanly() {
    let out = run(pushlint().args(["explain", "PL101"]));
    assert!(out.stdout.lines().any(|l| l == "## What it checks"), "{}", out.stdout);
    assert!(!out.stdout.lines().any(|l| l.starts_with(" ##")), "{}", out.stdout);
    let help = run(pushlint().args(["check", "--help"])).stdout;
    for text in
        ["comma-separated", "NO_COLOR", "source snippets", "file:line:col: CODE message", "-f, --format"]
    {
        assert!(help.contains(text), "--help lacks {text}:\n{help}");
    }
    let out = run(pushlint().args(["--rules", "/nonexistent", "fixtures/sample-chat"]));
    assert_eq!(out.code, 2);
    assert!(!out.stderr.contains(":0:0"), "{}", out.stderr);
}

#[test]
fn statistics_max_warnings_and_forced_colour() {
    let stats = run(pushlint().args(["--statistics", "fixtures/sample-chat"]));
    assert!(
        stats.stdout.lines().any(|l| l.trim_start() == "1  PL101  click-action-no-matching-filter"),
        "{}",
        stats.stdout
    );
    assert!(stats.stdout.ends_with("7  total\n"), "{}", stats.stdout);
    let json = run(pushlint().args(["--statistics", "-f", "json", "fixtures/sample-chat"]));
    let rows: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().iter().map(|r| r["count"].as_u64().unwrap()).sum::<u64>(), 7);
    // PL110 alone is a warning: exit 0, unless more warnings than allowed.
    let case = "fixtures/PL110-click-target-standard-launch-mode/fail";
    assert_eq!(run(pushlint().args(["--select", "PL110", case])).code, 0);
    assert_eq!(run(pushlint().args(["--select", "PL110", "--max-warnings", "5", case])).code, 0);
    let over = run(pushlint().args(["--select", "PL110", "--max-warnings", "0", case]));
    assert_eq!(over.code, 1);
    assert!(over.stderr.contains("more than --max-warnings 0"), "{}", over.stderr);
    for (var, value, coloured) in
        [("FORCE_COLOR", "1", true), ("CLICOLOR_FORCE", "1", true), ("CLICOLOR_FORCE", "0", false)]
    {
        let out = run(pushlint().env(var, value).args(["--extend-select", "PL110", case]));
        assert_eq!(out.stdout.contains('\u{1b}'), coloured, "{var}={value}");
    }
    let out =
        run(pushlint().env("FORCE_COLOR", "1").env("NO_COLOR", "1").args(["--extend-select", "PL110", case]));
    assert!(!out.stdout.contains('\u{1b}'), "NO_COLOR wins");
}

#[test]
fn files_outside_any_project_are_skipped_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let stray = dir.path().join("package.json");
    std::fs::write(&stray, "{}").unwrap();
    assert_eq!(run(pushlint().arg(&stray)).code, 2);
    let out = run(pushlint()
        .arg("--skip-outside-projects")
        .arg(&stray)
        .arg("fixtures/sample-chat/app/build.gradle"));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(run(pushlint().arg("--skip-outside-projects").arg(&stray)).code, 0);
    // A path that does not exist is still an error.
    assert_eq!(run(pushlint().arg("--skip-outside-projects").arg(dir.path().join("nope.xml"))).code, 2);
}

/// Run at the top of a Flutter or React Native project, pushlint lints its `android/` build, and
/// paths still open from the current folder.
#[test]
fn a_cross_platform_project_is_linted_through_its_android_folder() {
    let dir = copies(&[("PL106-click-target-not-exported/fail", "chat-rn/android")]);
    std::fs::write(dir.path().join("chat-rn/package.json"), "{\"name\": \"chat-rn\"}\n").unwrap();
    let out = run(pushlint().current_dir(dir.path()).args(["check", "chat-rn", "--format", "concise"]));
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("chat-rn/android/"), "{}", out.stdout);
    assert!(out.stdout.contains("PL106"), "{}", out.stdout);
    for line in out.stdout.lines().filter(|l| l.contains(": PL")) {
        let file = line.split(':').next().unwrap();
        assert!(dir.path().join(file).is_file(), "{line}");
    }
    // A folder without either still says so.
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let out = run(pushlint().current_dir(dir.path()).args(["check", "empty"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("no Gradle project found"), "{}", out.stderr);
}

/// Run on a folder that holds Gradle projects below it (a repository of samples), pushlint lints
/// each of them in one report; build and hidden folders are not looked into.
#[test]
fn a_folder_of_projects_is_linted_project_by_project() {
    let dir = copies(&[
        ("PL106-click-target-not-exported/fail", "samples/Android/Demo"),
        ("sample-chat", "samples/chat"),
        ("PL106-click-target-not-exported/fail", "samples/build/copy"),
        ("PL106-click-target-not-exported/fail", "samples/.cache/copy"),
    ]);
    let out = run(pushlint().current_dir(dir.path()).args(["check", "samples", "--format", "json"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let roots: Vec<&str> =
        doc["projects"].as_array().unwrap().iter().map(|p| p["root"].as_str().unwrap()).collect();
    assert_eq!(roots, ["samples/Android/Demo", "samples/chat"]);
}
