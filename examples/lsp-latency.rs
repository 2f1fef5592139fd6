//! How long `pushlint server` takes from `didChange` to `publishDiagnostics`, over its real stdio
//! transport, and whether its memory stays flat: 1,000 edits of the manifest of a project
//! (default `fixtures/sample-chat`), each adding or removing the activity a console click action
//! names, so the console file's findings change every time.
//!
//! `cargo build --release && cargo run --release --example lsp-latency -- [--no-watch] [BINARY]
//! [PROJECT [MANIFEST]]` (MANIFEST relative to PROJECT, default `app/src/main/AndroidManifest.xml`).
//! The client announces file watching, as VS Code does, so the server keeps folder listings
//! between lints; `--no-watch` announces none, as Neovim does on Linux.

use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::io::BufReader;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EDITS: usize = 1000;

fn rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    let (flags, args): (Vec<String>, Vec<String>) =
        std::env::args().skip(1).partition(|a| a.starts_with("--"));
    let watch = !flags.iter().any(|f| f == "--no-watch");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = args.first().map(PathBuf::from).unwrap_or_else(|| here.join("target/release/pushlint"));
    let project = args.get(1).map(PathBuf::from).unwrap_or_else(|| here.join("fixtures/sample-chat"));
    let project = std::fs::canonicalize(&project).expect("project folder");
    let mut child = Command::new(&binary)
        .arg("server")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", binary.display()));
    let pid = child.id();
    let mut to = child.stdin.take().expect("stdin");
    let mut from = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |m: Message| m.write(&mut to).expect("write to the server");
    let url = |p: &Path| url::Url::from_file_path(p).expect("file URI").to_string();

    let folder = json!([{ "uri": url(&project), "name": "project" }]);
    let capabilities = json!({ "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": watch } } });
    let params = json!({ "processId": null, "capabilities": capabilities, "workspaceFolders": folder });
    send(Request::new(RequestId::from(1), "initialize".into(), params).into());
    send(Notification::new("initialized".into(), json!({})).into());
    let manifest = project.join(args.get(2).map_or("app/src/main/AndroidManifest.xml", String::as_str));
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    assert!(
        text.contains("    </application>"),
        "{}: no `</application>` to edit before",
        manifest.display()
    );
    let edited = text.replacen(
        "    </application>",
        "        <activity android:name=\".ui.ChatActivty\" android:exported=\"true\" />\n    </application>",
        1,
    );
    let doc = json!({ "uri": url(&manifest), "languageId": "xml", "version": 0, "text": text });
    send(Notification::new("textDocument/didOpen".into(), json!({ "textDocument": doc })).into());

    // Waits for the manifest's diagnostics of `version` (any version: None), the last of a
    // lint's publications.
    let mut wait = |version: Option<i64>| loop {
        match Message::read(&mut from).expect("read from the server") {
            Some(Message::Notification(n)) if n.method == "textDocument/publishDiagnostics" => {
                let p: Value = n.params;
                if p["uri"] == url(&manifest) && version.is_none_or(|v| p["version"].as_i64() == Some(v)) {
                    return;
                }
            }
            Some(_) => {}
            None => panic!("the server closed its output"),
        }
    };
    // The first lint of the workspace folder, before or after the document opened.
    wait(None);
    let mut times: Vec<Duration> = Vec::with_capacity(EDITS);
    let mut rss = Vec::new();
    for i in 1..=EDITS {
        let body = if i % 2 == 1 { &edited } else { &text };
        let change = json!({
            "textDocument": { "uri": url(&manifest), "version": i },
            "contentChanges": [{ "text": body }],
        });
        let started = Instant::now();
        send(Notification::new("textDocument/didChange".into(), change).into());
        wait(Some(i as i64));
        times.push(started.elapsed());
        if [10, 100, 500, EDITS].contains(&i) {
            rss.push((i, rss_kib(pid)));
        }
    }
    send(Request::new(RequestId::from(2), "shutdown".into(), Value::Null).into());
    send(Notification::new("exit".into(), Value::Null).into());
    let _ = child.wait();

    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1000.0;
    let how = if watch { "folder listings kept" } else { "no file watching" };
    println!("didChange → publishDiagnostics, {EDITS} edits of {} ({how})", manifest.display());
    println!(
        "  median {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms (quiet period included)",
        at(0.5),
        at(0.9),
        at(0.99),
        at(1.0)
    );
    for (i, kib) in rss {
        match kib {
            Some(k) => println!("  resident memory after {i:>4} edits: {:.1} MiB", k as f64 / 1024.0),
            None => println!("  resident memory after {i:>4} edits: unknown (no /proc)"),
        }
    }
}
