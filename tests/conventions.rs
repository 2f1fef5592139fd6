//! Keeps the rule registry honest: codes, names, families, docs, fixtures and message style.

use pushlint::rules::{Family, all};
use std::collections::HashSet;
use std::path::Path;

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let code_re = regex::Regex::new(r"^PL\d{3}$").unwrap();
    let name_re = regex::Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$").unwrap();
    let mut codes = HashSet::new();
    let mut names = HashSet::new();
    for r in all() {
        assert!(code_re.is_match(r.code), "{}: bad code", r.code);
        assert!(name_re.is_match(r.name), "{}: bad name {}", r.code, r.name);
        assert!(codes.insert(r.code), "{}: duplicate code", r.code);
        assert!(names.insert(r.name), "{}: duplicate name", r.name);
        assert_eq!(
            r.code.chars().nth(2),
            Some(r.family.digit()),
            "{}: code does not match family {:?}",
            r.code,
            r.family
        );
    }
}

#[test]
fn every_rule_has_the_four_doc_headings_and_a_summary() {
    for r in all() {
        for h in ["## What it checks", "## Why it matters", "## Example", "## How to fix"] {
            assert!(r.docs.contains(h), "{}: docs lack `{h}`", r.code);
        }
        assert!(!r.summary().is_empty(), "{}: empty summary", r.code);
    }
}

/// A rule that offers fixes says in its docs what they do and how sure they are; one that does
/// not has no `## Fix` section.
#[test]
fn fixable_rules_document_their_fix() {
    for r in all() {
        let section = r.docs.contains("## Fix");
        assert_eq!(section, r.fix.is_some(), "{}: `## Fix` section and `fix:` disagree", r.code);
        if let Some(a) = r.fix {
            let word = if a == pushlint::fix::Applicability::Safe { "Safe" } else { "Unsafe" };
            let after = r.docs.split("## Fix").nth(1).unwrap_or("");
            assert!(
                after.trim_start().starts_with(&format!("{word}:")),
                "{}: the fix section starts with `{word}:`",
                r.code
            );
        }
    }
}

#[test]
fn every_rule_has_pass_and_fail_fixtures_and_every_fixture_a_rule() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut seen = HashSet::new();
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with("sample-") || name == "README.md" {
            continue;
        }
        let rule = pushlint::rules::for_fixture(&entry.path())
            .unwrap_or_else(|| panic!("fixture folder {name} names no rule"));
        let cases: Vec<String> = std::fs::read_dir(entry.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().to_string())
            .collect();
        assert!(cases.iter().any(|c| c.starts_with("fail")), "{name}: no fail case");
        assert!(cases.iter().any(|c| c.starts_with("pass")), "{name}: no pass case");
        for c in &cases {
            assert!(
                c.starts_with("fail") || c.starts_with("pass"),
                "{name}/{c}: cases are named fail* or pass*"
            );
        }
        seen.insert(rule.code);
    }
    for r in all() {
        let _ = Family::Input;
        assert!(seen.contains(r.code), "{} {} has no fixture folder", r.code, r.name);
    }
}

#[test]
fn rule_docs_explain_resolves_by_code_and_name() {
    for r in all() {
        assert_eq!(pushlint::rules::find(r.code).map(|x| x.code), Some(r.code));
        assert_eq!(pushlint::rules::find(r.name).map(|x| x.code), Some(r.code));
    }
}

fn check_text(what: &str, text: &str) {
    let first = text.chars().next();
    assert!(!first.is_some_and(|c| c.is_uppercase()), "{what} starts uppercase: {text}");
    assert!(!text.ends_with('.'), "{what} ends with a period: {text}");
}

#[test]
fn messages_start_lowercase_and_end_without_period() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let Some(rule) = pushlint::rules::for_fixture(&entry.path()) else { continue };
        for case in std::fs::read_dir(entry.path()).unwrap().flatten() {
            let report = pushlint::lint(&case.path(), &pushlint::Config::only(rule.code)).unwrap();
            for d in report.iter() {
                check_text("message", &d.message);
                for l in d.primary.iter().chain(&d.secondary) {
                    check_text("label", &l.message);
                }
                check_text("note", d.note.as_deref().unwrap_or(""));
                check_text("help", d.help.as_deref().unwrap_or(""));
            }
        }
    }
}

/// The shape ARCHITECTURE.md promises: a small library entry point, no source file a newcomer must
/// scroll through for long, and the library never reaching into the command line.
#[test]
fn source_files_stay_small_and_the_library_stays_apart_from_the_cli() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    assert!(lib.lines().count() <= 250, "src/lib.rs has {} lines (at most 250)", lib.lines().count());
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|x| x != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let rel = p.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
            assert!(
                text.lines().count() <= 1000,
                "src/{rel} has {} lines (at most 1,000)",
                text.lines().count()
            );
            if !rel.starts_with("cli/") && rel != "lib.rs" && rel != "main.rs" {
                assert!(!text.contains("crate::cli"), "src/{rel} uses the command line (crate::cli)");
            }
        }
    }
}

/// A rule that is off by default says so, and how to turn it on, in its own documentation.
#[test]
fn rules_off_by_default_say_so() {
    for r in all().filter(|r| !r.default_on) {
        assert!(
            r.docs.contains("Off by") || r.docs.contains("off by"),
            "{}: docs do not say it is off by default",
            r.code
        );
        assert!(
            r.docs.contains(&format!("--extend-select {}", r.code)),
            "{}: docs do not say how to turn it on",
            r.code
        );
    }
}

/// docs/precision.md names the breakage of every rule that is on by default at warning or error
/// level (one row each), and of no other rule.
#[test]
fn precision_review_lists_every_rule_on_by_default() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let page = std::fs::read_to_string(root.join("docs/precision.md")).unwrap();
    let rows: Vec<&str> = page.lines().filter(|l| l.starts_with("| PL")).collect();
    for r in all() {
        let row = rows.iter().find(|l| l.starts_with(&format!("| {} ", r.code)));
        let listed = r.default_on && r.severity != pushlint::diagnostics::Severity::Info;
        match row {
            Some(row) if listed => {
                assert!(row.contains(&format!("`{}`", r.name)), "{}: row does not name the rule", r.code);
                assert!(
                    row.contains(&format!("| {} |", r.severity.as_str())),
                    "{}: row does not give its severity",
                    r.code
                );
                assert!(
                    row.split('|').nth(3).is_some_and(|w| w.trim().len() > 10),
                    "{}: no breakage",
                    r.code
                );
            }
            Some(_) => panic!("{}: listed in docs/precision.md but off by default or an info", r.code),
            None if listed => panic!("{}: missing from docs/precision.md", r.code),
            None => {}
        }
    }
}

#[test]
fn pre_commit_mirror_pins_this_version_with_the_same_hook() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mirror = std::fs::read_to_string(root.join("pre-commit-mirror/pyproject.toml")).unwrap();
    let version = env!("CARGO_PKG_VERSION");
    assert!(mirror.contains(&format!("version = \"{version}\"")), "the mirror's version is not {version}");
    assert!(
        mirror.contains(&format!("\"pushlint=={version}\"")),
        "the mirror does not pin pushlint {version}"
    );
    // Every hook of both files (`pushlint`, `pushlint-fix`) runs on the same files.
    let hooks = |path: &str| -> Vec<(String, String)> {
        let text = std::fs::read_to_string(root.join(path)).unwrap();
        let ids = text.lines().filter_map(|l| l.trim().strip_prefix("- id: ").map(str::to_string));
        let files = text.lines().filter_map(|l| l.trim().strip_prefix("files: ").map(str::to_string));
        ids.zip(files).collect()
    };
    for path in [".pre-commit-hooks.yaml", "pre-commit-mirror/.pre-commit-hooks.yaml"] {
        let hooks = hooks(path);
        let ids: Vec<&str> = hooks.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["pushlint", "pushlint-fix"], "{path}");
        for (id, files) in &hooks {
            assert_eq!(files, &pushlint::project::input_files_pattern(), "{path}: {id}");
        }
    }
}

/// The hooks run on what pushlint reads: every file of every fixture project (and of the corpus,
/// when present) matches the pattern derived from `INPUT_FILE_NAMES`.
#[test]
fn every_file_pushlint_reads_matches_the_hook_pattern() {
    let pattern = regex::Regex::new(&pushlint::project::input_files_pattern()).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut projects: Vec<std::path::PathBuf> = vec![root.join("fixtures/sample-chat")];
    for base in [root.join("fixtures"), root.join("../shared/corpus")] {
        for entry in walkdir::WalkDir::new(&base).max_depth(3).into_iter().flatten() {
            let name = entry.file_name().to_string_lossy();
            if name == "settings.gradle" || name == "settings.gradle.kts" {
                projects.push(entry.path().parent().unwrap().to_path_buf());
            }
        }
    }
    let mut files = 0;
    for p in &projects {
        let Ok(report) = pushlint::lint(p, &pushlint::Config::default()) else { continue };
        for i in 0..report.project.files.len() {
            let id = pushlint::span::FileId(i as u32);
            // A library's manifest is read from an AAR (which the pattern names) or the catalog.
            if report.project.files.get(id).external {
                continue;
            }
            let path = pushlint::diagnostics::Sources::path(&report.project.files, id);
            assert!(pattern.is_match(path), "{}: the hooks skip {path}, which pushlint reads", p.display());
            files += 1;
        }
    }
    assert!(files > 500, "only {files} files checked");
}

/// `cargo test` after `cargo build` compiles no dependency twice: every crate both builds use
/// has the same features in both (Cargo.toml's feature-unification section).
#[test]
fn dev_dependencies_change_no_features_of_shared_crates() {
    let tree = |edges: &str| -> Option<std::collections::BTreeSet<String>> {
        let out = std::process::Command::new(env!("CARGO"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["tree", "--offline", "--locked", "--prefix", "none", "--format", "{p} [{f}]", "-e", edges])
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        Some(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(|l| l.trim_end_matches(" (*)").to_string())
                .collect(),
        )
    };
    let (Some(normal), Some(all)) = (tree("normal,build"), tree("normal,build,dev")) else {
        eprintln!("skipped: cargo tree is not available offline");
        return;
    };
    let differ: Vec<&String> = normal.difference(&all).collect();
    assert!(differ.is_empty(), "features differ between cargo build and cargo test: {differ:?}");
}
