//! The HTML status page in a real browser: headless Chromium (Debian's `chromium` package)
//! renders the samples' pages through the DevTools protocol over a pipe, in the light and the dark
//! theme, takes screenshots (`target/status-browser/`), and the page must log no console error,
//! load nothing from anywhere, show its table, keep its header row in view when the matrix
//! scrolls, and link every problem to a finding on the page. Skipped when Chromium is not
//! installed, unless `PUSHLINT_REQUIRE_BROWSER` is set (CI sets it). With
//! `PUSHLINT_UPDATE_SCREENSHOT` set, the sample's light screenshot is also written to
//! `docs/status.png`.
#![cfg(unix)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `PUSHLINT_CHROMIUM`, else `chromium` or `chromium-browser` on the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PUSHLINT_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|n| dir.join(n)))
        .find(|p| p.is_file())
}

/// A pipe whose ends are closed on exec.
fn pipe() -> (OwnedFd, OwnedFd) {
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors pipe2 writes.
    let rc = unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) };
    assert_eq!(rc, 0, "pipe2 failed");
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
}

/// Chromium driven over `--remote-debugging-pipe`: it reads NUL-terminated JSON messages on
/// descriptor 3 and writes its own on descriptor 4.
struct Browser {
    child: Child,
    to: std::fs::File,
    from: Receiver<Value>,
    next: u64,
    /// Events received so far (console messages, exceptions, log entries, page events).
    events: Vec<Value>,
    _profile: tempfile::TempDir,
    stderr: PathBuf,
}

impl Browser {
    fn start(chromium: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let stderr = profile.path().join("stderr.log");
        let (to_read, to_write) = pipe();
        let (from_read, from_write) = pipe();
        let (r, w) = (to_read.as_raw_fd(), from_write.as_raw_fd());
        let mut cmd = Command::new(chromium);
        cmd.args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-pipe",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&stderr).unwrap());
        // SAFETY: between fork and exec only fcntl and dup2 run, which are async-signal-safe.
        // The ends are first moved above 3 and 4, so that neither is overwritten before it is copied.
        unsafe {
            cmd.pre_exec(move || {
                let r2 = libc::fcntl(r, libc::F_DUPFD, 10);
                let w2 = libc::fcntl(w, libc::F_DUPFD, 10);
                if r2 < 0 || w2 < 0 || libc::dup2(r2, 3) < 0 || libc::dup2(w2, 4) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("chromium starts");
        drop((to_read, from_write));
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::fs::File::from(from_read);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(reader);
            let mut buf = Vec::new();
            while reader.read_until(0, &mut buf).is_ok_and(|n| n > 0) {
                if buf.last() == Some(&0) {
                    buf.pop();
                }
                if let Ok(v) = serde_json::from_slice::<Value>(&buf) {
                    if tx.send(v).is_err() {
                        break;
                    }
                }
                buf.clear();
            }
        });
        Browser {
            child,
            to: std::fs::File::from(to_write),
            from: rx,
            next: 0,
            events: Vec::new(),
            _profile: profile,
            stderr,
        }
    }

    fn fail(&mut self, what: &str) -> ! {
        let _ = self.child.kill();
        let log = std::fs::read_to_string(&self.stderr).unwrap_or_default();
        panic!("{what}\nchromium's stderr:\n{log}");
    }

    /// Sends a command and waits for its answer; events that arrive meanwhile are kept.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        let mut bytes = serde_json::to_vec(&msg).unwrap();
        bytes.push(0);
        if self.to.write_all(&bytes).is_err() {
            self.fail(&format!("cannot send {method}"));
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(v) if v["id"] == json!(id) => {
                    if let Some(e) = v.get("error") {
                        self.fail(&format!("{method} failed: {e}"));
                    }
                    return v["result"].clone();
                }
                Ok(v) => self.events.push(v),
                Err(RecvTimeoutError::Timeout) => self.fail(&format!("no answer to {method} in 30 s")),
                Err(RecvTimeoutError::Disconnected) => self.fail(&format!("chromium exited during {method}")),
            }
        }
    }

    /// Waits for an event of the session (one already received counts).
    fn wait_event(&mut self, session: &str, method: &str) {
        let seen = |v: &Value| v["method"] == json!(method) && v["sessionId"] == json!(session);
        if self.events.iter().any(seen) {
            return;
        }
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.from.recv_timeout(left) {
                Ok(v) => {
                    let hit = seen(&v);
                    self.events.push(v);
                    if hit {
                        return;
                    }
                }
                Err(_) => self.fail(&format!("no {method} in 30 s")),
            }
        }
    }

    fn close(mut self) {
        let _ = self.call(None, "Browser.close", json!({}));
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.child.try_wait().ok().flatten().is_some() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// What the page reports about itself, computed in the page.
const INSPECT: &str = r##"(() => {
  const table = document.querySelector('table.matrix');
  const r = table ? table.getBoundingClientRect() : null;
  const style = table ? getComputedStyle(table) : null;
  const ids = new Set([...document.querySelectorAll('[id]')].map(e => e.id));
  const links = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1));
  const box = document.querySelector('.matrix-box');
  let sticky = null;
  if (box && box.scrollHeight > box.clientHeight) {
    box.scrollTop = box.scrollHeight;
    const head = table.querySelector('thead th').getBoundingClientRect();
    sticky = Math.abs(head.top - box.getBoundingClientRect().top) < 3;
    box.scrollTop = 0;
  }
  return {
    visible: !!r && r.width > 300 && r.height > 100 && r.top < innerHeight && style.visibility === 'visible' && style.display !== 'none',
    rows: table ? table.querySelectorAll('tbody tr[id^="r-"]').length : 0,
    problems: document.querySelectorAll('td.problem a').length,
    broken: links.filter(id => !ids.has(id)),
    resources: performance.getEntriesByType('resource').map(e => e.name),
    sticky,
    background: getComputedStyle(document.body).backgroundColor,
  };
})()"##;

/// Renders `html` light and dark; returns the light screenshot (PNG).
fn check_page(browser: &mut Browser, html: &Path, name: &str, out: &Path) -> Vec<u8> {
    let target = browser.call(None, "Target.createTarget", json!({ "url": "about:blank" }));
    let target_id = target["targetId"].as_str().unwrap_or_default().to_string();
    let attached =
        browser.call(None, "Target.attachToTarget", json!({ "targetId": target_id, "flatten": true }));
    let session = attached["sessionId"].as_str().unwrap_or_default().to_string();
    let s = Some(session.as_str());
    for domain in ["Runtime.enable", "Log.enable", "Page.enable"] {
        browser.call(s, domain, json!({}));
    }
    browser.call(
        s,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1280, "height": 860, "deviceScaleFactor": 1, "mobile": false }),
    );
    let url = format!("file://{}", html.display());
    browser.call(s, "Page.navigate", json!({ "url": url }));
    browser.wait_event(&session, "Page.loadEventFired");
    let mut shots = Vec::new();
    let mut backgrounds = Vec::new();
    for scheme in ["light", "dark"] {
        browser.call(
            s,
            "Emulation.setEmulatedMedia",
            json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
        );
        let got =
            browser.call(s, "Runtime.evaluate", json!({ "expression": INSPECT, "returnByValue": true }));
        let page = &got["result"]["value"];
        assert_eq!(page["visible"], json!(true), "{name} {scheme}: the table is not visible: {page}");
        assert!(page["rows"].as_u64().unwrap_or(0) > 0, "{name}: no vendor rows: {page}");
        assert!(page["problems"].as_u64().unwrap_or(0) > 0, "{name}: no problem links: {page}");
        assert_eq!(page["broken"], json!([]), "{name}: links to nothing: {page}");
        assert_eq!(page["resources"], json!([]), "{name}: the page loads resources: {page}");
        assert_ne!(page["sticky"], json!(false), "{name}: the header row scrolls away: {page}");
        backgrounds.push(page["background"].clone());
        let shot = browser.call(s, "Page.captureScreenshot", json!({ "format": "png" }));
        let png = base64_decode(shot["data"].as_str().unwrap_or_default());
        assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "{name} {scheme}: no screenshot");
        std::fs::write(out.join(format!("{name}-{scheme}.png")), &png).unwrap();
        shots.push(png);
    }
    assert_ne!(backgrounds[0], backgrounds[1], "{name}: the dark theme does not apply");
    browser.call(None, "Target.closeTarget", json!({ "targetId": target_id }));
    shots.swap_remove(0)
}

#[test]
fn status_page_renders_in_chromium() {
    let Some(chromium) = chromium() else {
        assert!(
            std::env::var_os("PUSHLINT_REQUIRE_BROWSER").is_none(),
            "PUSHLINT_REQUIRE_BROWSER is set but chromium is not installed"
        );
        eprintln!("skipped: chromium is not installed (Debian: apt-get install chromium)");
        return;
    };
    let out = root().join("target/status-browser");
    std::fs::create_dir_all(&out).unwrap();
    let mut browser = Browser::start(&chromium);
    for case in ["sample-chat", "sample-flavors"] {
        let html = out.join(format!("{case}.html"));
        let run = assert_cmd::Command::cargo_bin("pushlint")
            .unwrap()
            .current_dir(root())
            .args(["status", &format!("fixtures/{case}"), "--format", "html", "-o"])
            .arg(&html)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(1), "{}", String::from_utf8_lossy(&run.stderr));
        let light = check_page(&mut browser, &html, case, &out);
        if case == "sample-chat" && std::env::var_os("PUSHLINT_UPDATE_SCREENSHOT").is_some() {
            std::fs::write(root().join("docs/status.png"), light).unwrap();
        }
    }
    let problems: Vec<&Value> = browser
        .events
        .iter()
        .filter(|e| match e["method"].as_str() {
            Some("Runtime.exceptionThrown") => true,
            Some("Runtime.consoleAPICalled") => {
                matches!(e["params"]["type"].as_str(), Some("error" | "warning" | "assert"))
            }
            Some("Log.entryAdded") => {
                matches!(e["params"]["entry"]["level"].as_str(), Some("error" | "warning"))
            }
            _ => false,
        })
        .collect();
    assert!(problems.is_empty(), "the page logged problems: {problems:#?}");
    browser.close();
}
