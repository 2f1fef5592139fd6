//! Hostile inputs: entity expansion, external entities, huge, binary and deeply nested files,
//! bad encodings, symbolic-link loops, unreadable and changing files. Each is read into a
//! finding or skipped, never a crash (exit 3), a hang, a fetch or an overflow. Also: the same
//! output whatever the run or thread count, and with no network at all.

#[path = "../benches/gen/mod.rs"]
mod generator;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_pushlint");

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str], dir: &Path) -> Output {
    Command::new(BIN).args(args).arg(dir).output().expect("run pushlint")
}

/// Runs `check --format json` and returns the report; fails on a crash, a usage error or a run
/// that does not end within a minute (a hang on some input).
fn check_json(dir: &Path) -> serde_json::Value {
    let mut child = Command::new(BIN)
        .args(["check", "--format", "json"])
        .arg(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run pushlint");
    // Drain the pipes while waiting, so a large report cannot block the child.
    let drain = |r: Option<std::process::ChildStdout>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut r) = r {
                let _ = std::io::Read::read_to_end(&mut r, &mut buf);
            }
            buf
        })
    };
    let stdout = drain(child.stdout.take());
    let mut stderr_pipe = child.stderr.take();
    let stderr = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(r) = stderr_pipe.as_mut() {
            let _ = std::io::Read::read_to_end(r, &mut buf);
        }
        buf
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{}: pushlint did not finish within 60 s", dir.display());
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let out =
        Output { status, stdout: stdout.join().expect("stdout"), stderr: stderr.join().expect("stderr") };
    let code = out.status.code();
    assert!(
        matches!(code, Some(0) | Some(1)),
        "{}: exit {code:?}\n{}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON report")
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .map(|a| a.iter().filter_map(|d| d["code"].as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

/// A one-app project whose files can then be replaced.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "settings.gradle", "rootProject.name = 'acme'\ninclude ':app'\n");
    write(
        root,
        "app/build.gradle",
        "plugins { id 'com.android.application' }\nandroid {\n    namespace 'com.acme.chat'\n    defaultConfig { applicationId \"com.acme.chat\" }\n}\n",
    );
    write(
        root,
        "app/src/main/AndroidManifest.xml",
        "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n    <application android:name=\".App\" />\n</manifest>\n",
    );
    dir
}

fn write(root: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, content).expect("write");
}

const MANIFEST: &str = "app/src/main/AndroidManifest.xml";

#[test]
fn billion_laughs_is_not_expanded() {
    let mut dtd = String::from("<!DOCTYPE manifest [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
        dtd.push_str(&format!("<!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    dtd.push_str("]>\n");
    let xml = format!(
        "<?xml version=\"1.0\"?>\n{dtd}<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n    <application android:name=\"&lol9;\" android:label=\"&lol9;\" />\n</manifest>\n"
    );
    let doc = pushlint::parse::manifest::ManifestDoc::parse(&xml);
    for e in &doc.elements {
        for a in &e.attrs {
            assert!(a.value.len() < 100, "entity expanded into `{}…`", &a.value[..40.min(a.value.len())]);
        }
    }
    let p = project();
    write(p.path(), MANIFEST, &xml);
    let report = check_json(p.path());
    assert!(report.to_string().len() < 1 << 20, "report grew with the entities");
}

#[test]
fn external_entities_are_not_fetched() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE manifest [\n<!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n<!ENTITY net SYSTEM \"http://127.0.0.1:9/x\">\n<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;\n]>\n<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"&xxe;\">\n    <application android:name=\"&net;\" />\n</manifest>\n";
    let doc = pushlint::parse::manifest::ManifestDoc::parse(xml);
    for e in &doc.elements {
        for a in &e.attrs {
            assert!(!a.value.contains("root:"), "external entity read: {}", a.value);
        }
    }
    let p = project();
    write(p.path(), MANIFEST, xml);
    let out = run(&["check", "--format", "json"], p.path());
    assert!(matches!(out.status.code(), Some(0) | Some(1)));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("root:x:"),
        "file contents leaked into the report"
    );
}

#[test]
fn huge_and_binary_files_are_skipped_with_an_info_finding() {
    let p = project();
    // 100 MiB without using disk: a sparse file.
    let huge = std::fs::File::create(p.path().join("app/google-services.json")).expect("create");
    huge.set_len(100 << 20).expect("set_len");
    let mut binary = b"PK\x03\x04\0\0\0\0".to_vec();
    binary.extend((0..=255u8).cycle().take(4096));
    write(p.path(), MANIFEST, &binary);
    let report = check_json(p.path());
    let skipped: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "PL007")
        .collect();
    assert_eq!(skipped.len(), 2, "{report:#}");
    assert!(skipped.iter().all(|d| d["severity"] == "info"));
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let depth = 100_000;
    let p = project();
    write(
        p.path(),
        MANIFEST,
        format!(
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">{}{}</manifest>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        ),
    );
    write(p.path(), "app/google-services.json", format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
    write(p.path(), "app/agconnect-services.json", "{\"a\":".repeat(depth));
    write(p.path(), "build.gradle", format!("a {}{}", "{ b ".repeat(depth), "}".repeat(depth)));
    write(p.path(), "app/build.gradle.kts", format!("val x = {}1{}", "(".repeat(depth), ")".repeat(depth)));
    write(
        p.path(),
        "gradle/libs.versions.toml",
        format!("[versions]\na = {}1{}\n", "[".repeat(depth), "]".repeat(depth)),
    );
    std::fs::remove_file(p.path().join("app/build.gradle")).expect("rm");
    let report = check_json(p.path());
    let found = codes(&report);
    for code in ["PL001", "PL002", "PL003"] {
        assert!(found.iter().any(|c| c == code), "{code} missing: {found:?}");
    }
}

#[test]
fn bad_encodings_are_findings() {
    let p = project();
    // Latin-1 bytes in a manifest that declares nothing: not UTF-8.
    write(
        p.path(),
        MANIFEST,
        b"<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n<application android:label=\"caf\xe9 \xff\xfe\" />\n</manifest>\n".as_slice(),
    );
    // An encoding nobody knows.
    write(
        p.path(),
        "lib/src/main/AndroidManifest.xml",
        "<?xml version=\"1.0\" encoding=\"x-no-such-charset\"?>\n<manifest/>\n",
    );
    write(
        p.path(),
        "lib/build.gradle",
        b"plugins { id 'com.android.library' }\n// \xc0\xc1\xf5\xff\n".as_slice(),
    );
    write(p.path(), "settings.gradle", "include ':app', ':lib'\n");
    let found = codes(&check_json(p.path()));
    assert!(found.iter().filter(|c| *c == "PL006").count() >= 2, "{found:?}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_findings_not_hangs() {
    use std::os::unix::fs::symlink;
    let p = project();
    let app = p.path().join("app");
    symlink("google-services.json", app.join("google-services.json")).expect("file loop");
    symlink("b.json", app.join("agconnect-services.json")).expect("dangling");
    let java = app.join("src/main/java/com/acme");
    std::fs::create_dir_all(&java).expect("mkdir");
    symlink("..", java.join("up")).expect("dir loop");
    symlink(".", java.join("self")).expect("dir loop");
    symlink("Loop.java", java.join("Loop.java")).expect("source loop");
    write(p.path(), "app/src/main/java/com/acme/Main.java", "package com.acme;\nclass Main {}\n");
    let found = codes(&check_json(p.path()));
    assert_eq!(found.iter().filter(|c| *c == "PL005").count(), 2, "{found:?}");
}

#[cfg(unix)]
#[test]
fn unreadable_files_are_findings() {
    use std::os::unix::fs::PermissionsExt;
    let p = project();
    let path = p.path().join("app/google-services.json");
    std::fs::write(&path, "{}").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    if std::fs::read(&path).is_ok() {
        // Root reads whatever the mode says (as in CI): nothing to check here.
        eprintln!("skipped: files with mode 000 are readable by this user");
        return;
    }
    let found = codes(&check_json(p.path()));
    assert!(found.iter().any(|c| c == "PL005"), "{found:?}");
}

#[cfg(unix)]
#[test]
fn fifo_is_not_read() {
    let p = project();
    let fifo = p.path().join("app/google-services.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    // Opening a FIFO for reading blocks until a writer comes: a hang here fails the test run.
    let found = codes(&check_json(p.path()));
    assert!(found.iter().any(|c| c == "PL007"), "{found:?}");
}

#[test]
fn files_changing_while_read_do_not_crash() {
    let p = project();
    let root = p.path().to_path_buf();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let root = root.clone();
        std::thread::spawn(move || {
            let mut i = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let target = root.join(MANIFEST);
                let body = match i % 4 {
                    0 => generator::manifest("com.acme.chat", 1 + i % 50, true),
                    1 => String::new(),
                    2 => "<manifest><application".repeat(i % 100),
                    _ => generator::manifest("com.acme.chat", 3, true)[..(i * 7) % 400].to_string(),
                };
                let _ = std::fs::write(&target, body);
                let _ = std::fs::write(
                    root.join("app/google-services.json"),
                    generator::google_services("com.acme.chat", i % 5),
                );
                if i % 10 == 0 {
                    let _ = std::fs::remove_file(root.join("app/google-services.json"));
                }
                i += 1;
            }
        })
    };
    let catalog = pushlint::catalog::Catalog::embedded().expect("catalog");
    let config = pushlint::Config::default();
    for _ in 0..40 {
        let report = pushlint::lint_root(&root, &config, &catalog);
        let _ = report.to_json_string();
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().expect("writer");
}

/// Project roots under `dir`: folders with a settings or build file whose parent has none.
fn roots(dir: &Path, out: &mut Vec<PathBuf>) {
    let is_root = ["settings.gradle", "settings.gradle.kts", "build.gradle", "build.gradle.kts"]
        .iter()
        .any(|n| dir.join(n).is_file());
    if is_root {
        out.push(dir.to_path_buf());
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut subs: Vec<PathBuf> = rd.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    subs.sort();
    for s in subs {
        roots(&s, out);
    }
}

#[test]
fn no_fixture_or_corpus_project_crashes() {
    let mut all = Vec::new();
    roots(&repo().join("fixtures"), &mut all);
    let corpus = repo().join("../shared/corpus");
    if corpus.is_dir() {
        roots(&corpus, &mut all);
    }
    assert!(all.len() > 20, "found only {} projects", all.len());
    for dir in &all {
        let out = run(&["check", "--format", "json"], dir);
        assert_ne!(
            out.status.code(),
            Some(3),
            "{} crashed: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.status.code().is_some(), "{} was killed by a signal", dir.display());
    }
}

#[test]
fn output_is_identical_across_runs_and_thread_counts() {
    let mono = tempfile::tempdir().expect("temp dir");
    generator::monorepo(mono.path(), 60).expect("generate");
    for dir in [repo().join("fixtures/sample-chat"), mono.path().to_path_buf()] {
        let mut outputs = Vec::new();
        for threads in ["1", "1", "2", "7", ""] {
            let mut cmd = Command::new(BIN);
            cmd.args(["check", "--format", "json"]).arg(&dir);
            if threads.is_empty() {
                cmd.env_remove("RAYON_NUM_THREADS");
            } else {
                cmd.env("RAYON_NUM_THREADS", threads);
            }
            let out = cmd.output().expect("run");
            assert!(matches!(out.status.code(), Some(0) | Some(1)));
            outputs.push((threads, out.stdout));
        }
        for (threads, out) in &outputs[1..] {
            assert!(
                *out == outputs[0].1,
                "{}: output with RAYON_NUM_THREADS={threads:?} differs",
                dir.display()
            );
        }
    }
}

#[test]
fn no_network_namespace_gives_the_same_output() {
    let sample = repo().join("fixtures/sample-chat");
    let probe = Command::new("unshare").args(["-n", "true"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("skipped: `unshare -n` is not available here");
        return;
    }
    let normal = run(&["check", "--format", "json"], &sample);
    let isolated = Command::new("unshare")
        .args(["-n", BIN, "check", "--format", "json"])
        .arg(&sample)
        .output()
        .expect("run under unshare");
    assert_eq!(normal.status.code(), isolated.status.code());
    assert!(normal.stdout == isolated.stdout, "output differs without network");
}

/// Runs the binary with `stdin` as standard input; fails on a run longer than a minute.
fn run_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run pushlint");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    // The binary may stop reading early (it reads at most what it lints): ignore a broken pipe.
    let feeder = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("wait");
    feeder.join().expect("feeder");
    out
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_project_are_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().expect("temp dir");
    let marker = "root:x:0:0:OUTSIDE-MARKER";
    write(outside.path(), "passwd", format!("[versions]\n{marker} = \"1\"\n"));
    write(
        outside.path(),
        "java/com/acme/Leak.java",
        format!("package com.acme;\nclass Leak {{ String s = \"{marker}\"; }}\n"),
    );
    let p = project();
    std::fs::create_dir_all(p.path().join("gradle")).expect("mkdir");
    symlink(outside.path().join("passwd"), p.path().join("gradle/libs.versions.toml")).expect("link");
    symlink(outside.path().join("java"), p.path().join("app/src/main/java")).expect("link");
    symlink(outside.path().join("passwd"), p.path().join("app/google-services.json")).expect("link");
    // A link that stays inside the project is followed as before.
    write(p.path(), "shared/gradle.properties", "android.useAndroidX=true\n");
    symlink(p.path().join("shared/gradle.properties"), p.path().join("gradle.properties")).expect("link");
    let report = check_json(p.path());
    let skipped: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "PL007")
        .filter_map(|d| d["file"].as_str())
        .collect();
    assert_eq!(skipped.len(), 3, "{report:#}");
    assert!(skipped.iter().any(|f| f.ends_with("app/src/main/java")), "{skipped:?}");
    for format in ["human", "json", "concise"] {
        let out = run(&["check", "--format", format], p.path());
        assert!(matches!(out.status.code(), Some(0) | Some(1)), "{format}: {out:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(!text.contains("OUTSIDE-MARKER"), "{format}: content read through a link:\n{text}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn kernel_files_are_never_read() {
    use std::os::unix::fs::symlink;
    let p = project();
    // `/proc/kmsg` is a "regular file" whose read blocks forever (for root); `/dev/zero` never ends.
    for (target, link) in [
        ("/proc/kmsg", "gradle.properties"),
        ("/dev/zero", "app/google-services.json"),
        ("/proc/self/environ", "app/agconnect-services.json"),
        ("/sys/kernel/mm/transparent_hugepage/enabled", "app/mcs-services.json"),
    ] {
        symlink(target, p.path().join(link)).expect("link");
    }
    let found = codes(&check_json(p.path()));
    assert_eq!(found.iter().filter(|c| *c == "PL007").count(), 4, "{found:?}");
}

/// How to run the binary as a user that file modes apply to: directly, or (for root, who reads
/// whatever the mode says, as in CI) in a user namespace of its own, where root's files belong
/// to nobody. None when neither works here.
#[cfg(unix)]
fn unprivileged(probe: &Path) -> Option<Vec<&'static str>> {
    if std::fs::read_dir(probe).is_err() {
        return Some(Vec::new());
    }
    let denied = Command::new("unshare").args(["-U", "ls"]).arg(probe).output();
    denied.is_ok_and(|o| !o.status.success()).then(|| vec!["unshare", "-U"])
}

#[cfg(unix)]
#[test]
fn unlistable_module_folder_is_a_finding() {
    use std::os::unix::fs::PermissionsExt;
    let p = project();
    let app = p.path().join("app");
    std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let out = unprivileged(&app).map(|wrap| {
        let mut cmd = match wrap.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(BIN);
                c
            }
            None => Command::new(BIN),
        };
        cmd.args(["check", "--format", "json"]).arg(p.path()).output().expect("run")
    });
    std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o755)).expect("chmod back");
    let Some(out) = out else {
        eprintln!("skipped: folders with mode 000 can be listed here, and no user namespace is available");
        return;
    };
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let unreadable: Vec<&serde_json::Value> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "PL005")
        .collect();
    assert!(unreadable.iter().any(|d| d["file"].as_str().is_some_and(|f| f.ends_with("app"))), "{report:#}");
}

#[cfg(unix)]
#[test]
fn reads_outside_the_project_are_bounded() {
    let p = project();
    let dir = p.path();
    let started = std::time::Instant::now();
    // A baseline that never ends, or blocks: a usage error, not a hang or a gigabyte of memory.
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.json")).expect("link");
    let out = run(&["check", "--baseline", &dir.join("zero.json").to_string_lossy()], dir);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    if Command::new("mkfifo").arg(dir.join("fifo.json")).status().is_ok_and(|s| s.success()) {
        let out = run(&["check", "--baseline", &dir.join("fifo.json").to_string_lossy()], dir);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
    }
    // A huge pushlint.toml and catalog file (sparse: no disk used).
    let toml = std::fs::File::create(dir.join("pushlint.toml")).expect("create");
    toml.set_len(3 << 30).expect("set_len");
    let out = run(&["check"], dir);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than"), "{out:?}");
    std::fs::remove_file(dir.join("pushlint.toml")).expect("rm");
    std::fs::create_dir_all(dir.join("catalog")).expect("mkdir");
    let big = std::fs::File::create(dir.join("catalog/big.toml")).expect("create");
    big.set_len(3 << 30).expect("set_len");
    let out = run(&["check", "--rules", &dir.join("catalog").to_string_lossy()], dir);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(60), "took {:?}", started.elapsed());
}

#[test]
fn stdin_is_decoded_and_bounded_like_a_file() {
    let p = project();
    let manifest = p.path().join(MANIFEST);
    let args = ["check", "--format", "json", "--stdin-filename", &manifest.to_string_lossy()];
    let latin1 = b"<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n<application android:label=\"caf\xe9\" />\n</manifest>\n";
    let out = run_with_stdin(&args, latin1);
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert!(codes(&report).iter().any(|c| c == "PL006"), "{report:#}");
    let huge = vec![b' '; 9 << 20];
    let out = run_with_stdin(&args, &huge);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert!(codes(&report).iter().any(|c| c == "PL007"), "{report:#}");
}

/// Copies `from` into `to`, every line ending of every file rewritten as `eol`.
fn copy_with_line_endings(from: &Path, to: &Path, eol: &str) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(from).expect("inside");
        let dst = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dst).expect("mkdir");
        } else {
            let text = std::fs::read_to_string(entry.path()).expect("text fixture");
            std::fs::write(&dst, text.replace("\r\n", "\n").replace('\n', eol)).expect("write");
        }
    }
}

#[test]
fn lone_cr_line_endings_lose_no_finding() {
    let sample = repo().join("fixtures/sample-chat");
    let shape = |dir: &Path| -> Vec<String> {
        let root = format!("{}/", dir.display());
        check_json(dir)["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                let file =
                    d["file"].as_str().unwrap_or_default().trim_start_matches(root.as_str()).to_string();
                format!(
                    "{} {file} {} {}",
                    d["code"], d["range"]["start"]["line"], d["range"]["start"]["column"]
                )
            })
            .collect()
    };
    let lf = tempfile::tempdir().expect("temp dir");
    copy_with_line_endings(&sample, lf.path(), "\n");
    // Gradle and Kotlin comments end at a line break, a version catalog needs one between entries.
    write(lf.path(), "gradle/libs.versions.toml", "# versions\n[versions]\nfirebase = \"23.+\"\n");
    write(
        lf.path(),
        "app/src/main/java/com/acme/chat/Keys.java",
        "package com.acme.chat;\n// keys\nclass Keys { static final String XM_PUSH_BUZID = \"40002\"; }\n",
    );
    let expected = shape(lf.path());
    assert!(expected.len() > 5, "{expected:?}");
    for eol in ["\r", "\r\n"] {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_with_line_endings(lf.path(), dir.path(), eol);
        let got = shape(dir.path());
        assert_eq!(got, expected, "line endings {eol:?}");
    }
}

#[test]
fn java_type_nesting_and_name_length_are_capped() {
    // Every type keeps its full name: 20,000 nested types once took gigabytes.
    let depth = 20_000;
    let p = project();
    write(
        p.path(),
        "app/src/main/java/com/acme/Deep.java",
        format!("package com.acme;\n{}{}\n", "class A{".repeat(depth), "}".repeat(depth)),
    );
    let long = "N".repeat(2_000);
    let mut body = String::from("package com.acme;\n");
    for i in 0..30 {
        body.push_str(&format!("class {long}{i} {{\n"));
    }
    body.push_str(&"class a {}\n".repeat(5_000));
    body.push_str(&"}".repeat(30));
    write(p.path(), "app/src/main/java/com/acme/Long.java", body);
    let report = check_json(p.path());
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "PL007")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert!(messages.iter().any(|m| m.contains("nested deeper than")), "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("longer than")), "{messages:?}");
}

#[test]
fn manifest_attributes_and_namespaces_cost_linear_time() {
    // Checking each attribute against all earlier ones, or each prefix against every declared
    // one, took minutes at these sizes; a run must end well within `check_json`'s minute.
    let n = 100_000;
    let attrs: String = (0..n).map(|i| format!(" a{i}=\"v\"")).collect();
    let xmlns: String = (0..60_000).map(|i| format!(" xmlns:p{i}=\"urn:{i}\"")).collect();
    let prefixed: String = (0..60_000).step_by(7).map(|i| format!(" p{i}:x=\"1\"")).collect();
    let p = project();
    write(
        p.path(),
        MANIFEST,
        format!(
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n<application{attrs} a7=\"again\" />\n<uses-sdk{xmlns}{prefixed} p3:y=\"1\" />\n</manifest>\n"
        ),
    );
    let report = check_json(p.path());
    let xml: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter(|d| d["code"] == "PL001")
        .filter_map(|d| d["message"].as_str())
        .collect();
    assert_eq!(xml, ["duplicate attribute `a7`"], "{report:#}");
}

const FORMATS: [&str; 8] = ["human", "concise", "json", "sarif", "github", "checkstyle", "gitlab", "junit"];

/// The report in every format (colours off), each checked to be a run without a crash.
fn every_format(dir: &Path) -> Vec<(&'static str, String)> {
    FORMATS
        .iter()
        .map(|f| {
            let out = run(&["check", "--color", "never", "--format", f], dir);
            assert!(
                matches!(out.status.code(), Some(0) | Some(1)),
                "{f}: exit {:?}\n{}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr)
            );
            (*f, String::from_utf8_lossy(&out.stdout).into_owned())
        })
        .collect()
}

#[test]
fn long_lines_are_shown_as_a_window_in_every_format() {
    let p = project();
    // A finding past column 65,535 once crashed the human format (exit 3).
    let pad = " ".repeat(70_000);
    write(
        p.path(),
        MANIFEST,
        format!(
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">{pad}<application android:name=\".App\"/><x a=\"1\" a=\"2\"/></manifest>\n"
        ),
    );
    // Thousands of findings on one minified line, after characters of several bytes.
    let deps: String = (0..2_000)
        .map(|i| format!("implementation 'com.google.firebase:firebase-messaging:{i}.+';"))
        .collect();
    let build = format!(
        "plugins {{ id 'com.android.application' }}\nandroid {{ namespace 'com.acme.chat'; defaultConfig {{ applicationId \"com.acme.chat\" }} }}\n/* é中文😀 */ dependencies {{ {deps} }}\n"
    );
    write(p.path(), "app/build.gradle", &build);
    for (format, text) in every_format(p.path()) {
        let longest = text.lines().map(str::len).max().unwrap_or(0);
        assert!(longest < 4_000, "{format}: a line of {longest} bytes");
        if format == "human" {
            assert!(text.contains("duplicate attribute `a`"), "{text}");
            assert!(text.contains('…'), "the long line is cut:\n{}", &text[..text.len().min(3000)]);
        }
    }
    // Columns far into a long line count characters, as near its start.
    let report = check_json(p.path());
    let line3 = build.lines().nth(2).expect("line 3");
    let mut checked = 0;
    for d in report["diagnostics"].as_array().expect("diagnostics") {
        let start = &d["range"]["start"];
        if d["file"].as_str().is_some_and(|f| f.ends_with("app/build.gradle")) && start["line"] == 3 {
            let line_start = build.find(line3).expect("line start");
            let at = start["offset"].as_u64().expect("offset") as usize - line_start;
            assert_eq!(start["column"].as_u64(), Some(line3[..at].chars().count() as u64 + 1));
            checked += 1;
        }
    }
    assert!(checked >= 2_000, "{checked} findings on the long line");
}

#[test]
fn a_finding_with_thousands_of_labels_is_shown_in_part() {
    let p = project();
    let deps: String = (0..5_000)
        .map(|i| format!("    implementation 'com.google.firebase:firebase-messaging:{i}.+'\n"))
        .collect();
    write(
        p.path(),
        "app/build.gradle",
        format!(
            "plugins {{ id 'com.android.application' }}\nandroid {{ namespace 'com.acme.chat' }}\ndependencies {{\n{deps}}}\n"
        ),
    );
    let out = run(&["check", "--color", "never"], p.path());
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("more locations are not shown"), "{}", &text[..text.len().min(3000)]);
    // Every finding is there, each with a bounded snippet: the report grows with the findings only.
    assert!(text.matches("PL304(dependency-version-dynamic)").count() == 5_000);
    assert!(text.len() < 5_000 * 1_500, "{} bytes", text.len());
}

#[test]
fn control_characters_never_reach_the_output_raw() {
    let p = project();
    // JSON escapes decode to raw characters: an ESC could erase a line or fake a summary, a
    // U+FFFF is not allowed in XML.
    write(
        p.path(),
        "push-console.json",
        r#"{"sdkAppId": 1400000001, "certificates": [
  {"vendor": "xiaomi", "id": 1, "packageName": "com.acme\u001b[2K\rFound 0 problems\uffff\u202e",
   "clickAction": {"type": "openPage", "intent": "intent://x\u001b[31m#Intent;scheme=a\u0007;end"}}]}
"#,
    );
    write(p.path(), "app/src/main/res/values/strings.xml", "<resources/>\n");
    for (format, text) in every_format(p.path()) {
        assert!(!text.contains('\u{1b}'), "{format}: a raw ESC:\n{text}");
        assert!(!text.contains('\u{7}'), "{format}: a raw BEL");
        if matches!(format, "human" | "concise" | "github") {
            assert!(!text.contains('\u{202e}'), "{format}: a raw right-to-left override");
        }
        if matches!(format, "checkstyle" | "junit") {
            assert!(!text.contains('\u{ffff}'), "{format}: U+FFFF is not XML");
        }
        if !matches!(format, "json" | "sarif" | "gitlab") {
            assert!(!text.contains("\rFound"), "{format}: a raw carriage return");
        }
    }
}

#[test]
fn click_actions_meet_only_the_filters_that_can_match_them() {
    // Each click action was compared with every intent-filter (and every activity name): 8,000 of
    // each took 13 s. A verdict must not change for it: PL101, PL104 and PL108 fire as before.
    let n = 2_000;
    let activities: String = (0..n)
        .map(|i| {
            format!(
                "<activity android:name=\".ui.Act{i}\" android:exported=\"true\"><intent-filter><action android:name=\"android.intent.action.VIEW\"/><category android:name=\"android.intent.category.DEFAULT\"/><data android:scheme=\"s{i}\" android:host=\"h{i}\"/></intent-filter></activity>\n"
            )
        })
        .collect();
    let mut certs = Vec::new();
    for i in 0..n {
        let (vendor, click) = match i % 3 {
            // Implicit: a scheme no filter has, then one whose host differs.
            0 => (
                "xiaomi",
                format!("{{\"type\":\"openPage\",\"intent\":\"intent://h{i}/p#Intent;scheme=x{i};end\"}}"),
            ),
            1 => (
                "xiaomi",
                format!("{{\"type\":\"openPage\",\"intent\":\"intent://other/p#Intent;scheme=s{i};end\"}}"),
            ),
            // An undeclared class one edit away from a declared one.
            _ => (
                "xiaomi",
                format!(
                    "{{\"type\":\"openPage\",\"intent\":\"intent://h{i}#Intent;scheme=s{i};component=com.acme.chat/com.acme.chat.ui.Akt{i};end\"}}"
                ),
            ),
        };
        certs.push(format!(
            "{{\"vendor\":\"{vendor}\",\"id\":{i},\"packageName\":\"com.acme.chat\",\"clickAction\":{click}}}"
        ));
    }
    certs.push("{\"vendor\":\"oppo\",\"id\":99999,\"packageName\":\"com.acme.chat\",\"clickAction\":{\"type\":\"openPage\",\"action\":\"android.intent.action.VIEW\"}}".into());
    let p = project();
    write(
        p.path(),
        MANIFEST,
        format!(
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n<application android:name=\".App\">\n{activities}</application>\n</manifest>\n"
        ),
    );
    write(
        p.path(),
        "push-console.json",
        format!("{{\"sdkAppId\":1400000001,\"certificates\":[{}]}}\n", certs.join(",\n")),
    );
    let report = check_json(p.path());
    let diags = report["diagnostics"].as_array().expect("diagnostics");
    let count = |code: &str| diags.iter().filter(|d| d["code"] == code).count();
    assert_eq!(count("PL101"), 2 * n / 3 + 1, "{:?}", codes(&report));
    assert_eq!(count("PL104"), n / 3);
    assert_eq!(count("PL108"), 1);
    // The closest filter is the one with the click's scheme; the suggestion is one edit away.
    let pl101: Vec<&serde_json::Value> = diags.iter().filter(|d| d["code"] == "PL101").collect();
    assert!(
        pl101.iter().any(|d| d["label"].as_str().is_some_and(|l| l.contains("host `other`"))),
        "{:#}",
        pl101[0]
    );
    let pl104 = diags.iter().find(|d| d["code"] == "PL104").expect("PL104");
    assert!(pl104["help"].as_str().is_some_and(|h| h.contains("com.acme.chat.ui.Act")), "{pl104:#}");
}

#[cfg(unix)]
#[test]
fn output_writes_through_links_and_special_files_and_keeps_the_mode() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
    let sample = repo().join("fixtures/sample-chat");
    let dir = tempfile::tempdir().expect("temp dir");
    let report = |target: &Path| {
        Command::new(BIN)
            .args(["check", "--format", "concise", "--output"])
            .arg(target)
            .arg(&sample)
            .output()
            .expect("run")
    };
    // A 0600 file behind a symbolic link: the link stays, the file keeps its mode.
    let real = dir.path().join("report.txt");
    std::fs::write(&real, "old").expect("write");
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    symlink("report.txt", dir.path().join("link.txt")).expect("link");
    // A temporary file of a run killed long ago (a process id above any Linux allows).
    let stale = dir.path().join(".report.txt.4294967.tmp");
    let f = std::fs::File::create(&stale).expect("create");
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600)).expect("mtime");
    let out = report(&dir.path().join("link.txt"));
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(std::fs::symlink_metadata(dir.path().join("link.txt")).expect("link").file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).expect("report").contains("PL101"));
    assert_eq!(std::fs::metadata(&real).expect("meta").permissions().mode() & 0o777, 0o600);
    assert!(!stale.exists(), "the stale temporary file is left");
    // `/dev/stdout` is written to, not replaced.
    let out = report(Path::new("/dev/stdout"));
    assert!(String::from_utf8_lossy(&out.stdout).contains("PL101"), "{out:?}");
    // A FIFO stays a FIFO, and its reader gets the report.
    let fifo = dir.path().join("fifo");
    if Command::new("mkfifo").arg(&fifo).status().is_ok_and(|s| s.success()) {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap_or_default())
        };
        let out = report(&fifo);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(reader.join().expect("reader").contains("PL101"));
        assert!(std::fs::symlink_metadata(&fifo).expect("fifo").file_type().is_fifo());
    }
    // A character device (a null device of our own, where this user may make one).
    let null = dir.path().join("null");
    if Command::new("mknod").arg(&null).args(["c", "1", "3"]).status().is_ok_and(|s| s.success()) {
        let out = report(&null);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        assert!(std::fs::symlink_metadata(&null).expect("device").file_type().is_char_device());
    }
}

#[test]
fn a_huge_value_in_a_message_is_shortened_where_people_read_it() {
    // A click action of a megabyte is quoted in its finding's message: human output wrapped it
    // over ten thousand lines.
    let p = project();
    write(
        p.path(),
        "push-console.json",
        format!(
            "{{\"certificates\": [{{\"vendor\": \"xiaomi\", \"id\": 1, \"packageName\": \"com.acme.chat\", \"clickAction\": {{\"type\": \"openPage\", \"intent\": \"notauri{}\"}}}}]}}\n",
            "x".repeat(1 << 20)
        ),
    );
    for (format, text) in every_format(p.path()) {
        if matches!(format, "human" | "concise" | "github") {
            assert!(text.len() < 20_000, "{format}: {} bytes", text.len());
            assert!(text.contains("characters not shown"), "{format}: {}", &text[..text.len().min(2000)]);
        }
    }
}
