//! Fuzz smoke run for CI: each fuzz target body (`pushlint::fuzz`) over seeds from the fixtures
//! plus a fixed number of deterministic mutations of them, so it needs no nightly toolchain and
//! every failure is reproducible. Long coverage-guided runs use cargo-fuzz (README "Fuzzing").
//! `FUZZ_SMOKE_ITERS` sets mutations per target (default 1500).

use std::path::{Path, PathBuf};

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Tokens that reach parser corners: markup, quoting, nesting, escapes, multi-byte text.
const TOKENS: &[&[u8]] = &[
    b"<",
    b">",
    b"</",
    b"/>",
    b"<!--",
    b"-->",
    b"<![CDATA[",
    b"]]>",
    b"<!DOCTYPE a [<!ENTITY e \"x\">]>",
    b"&amp;",
    b"&#x",
    b"&e;",
    b"\"",
    b"'",
    b"${",
    b"}",
    b"{",
    b"[",
    b"]",
    b"(",
    b")",
    b"\"\"\"",
    b"'''",
    b"\\",
    b"\\u",
    b"#",
    b";",
    b"=",
    b":",
    b",",
    b"//",
    b"/*",
    b"*/",
    b"\n",
    b"\r",
    b"\t",
    b"\0",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xe4\xb8\xad",
    b"\xc3",
    b"android:",
    b"xmlns:",
    b"#Intent;",
    b"end",
    b"intent:",
    b"S.",
    b"i.",
    b"component=",
    b"scheme=",
    b"%",
    b"%2",
    b"apply false",
    b"version.ref",
];

fn mutate(rng: &mut Rng, seed: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                v[i] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let i = rng.below(len);
                v[i] = rng.next() as u8;
            }
            2 if len > 0 => {
                let a = rng.below(len);
                let b = (a + 1 + rng.below(64)).min(len);
                v.drain(a..b);
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(len + 1);
                v.splice(i..i, t.iter().copied());
            }
            4 if len > 0 => {
                // Duplicate a chunk (deepens nesting, repeats keys).
                let a = rng.below(len);
                let b = (a + 1 + rng.below(256)).min(len);
                let chunk = v[a..b].to_vec();
                for _ in 0..1 + rng.below(8) {
                    v.splice(a..a, chunk.iter().copied());
                }
            }
            5 if !corpus.is_empty() => {
                // Splice in part of another seed.
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = (a + 1 + rng.below(512)).min(other.len());
                    let i = rng.below(len + 1);
                    v.splice(i..i, other[a..b].iter().copied());
                }
            }
            6 if len > 0 => v.truncate(rng.below(len)),
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())];
                v.extend_from_slice(&t.repeat(1 + rng.below(300)));
            }
        }
    }
    v.truncate(1 << 16);
    v
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        let Ok(m) = std::fs::symlink_metadata(&p) else { continue };
        if m.is_dir() {
            files(&p, out);
        } else if m.is_file() && m.len() < 1 << 20 {
            out.push(p);
        }
    }
}

fn read_all(pred: impl Fn(&str) -> bool) -> Vec<Vec<u8>> {
    let mut all = Vec::new();
    files(&fixtures(), &mut all);
    all.iter()
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&pred))
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}

fn intents() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vec![
        b"intent://open/chat#Intent;scheme=acmepush;launchFlags=0x4000000;component=com.acme/.Main;end"
            .to_vec(),
        b"intent:#Intent;action=com.acme.OPEN;S.k=v%3B;i.n=3;B.b=true;package=com.acme;end".to_vec(),
    ];
    for json in read_all(|n| n.ends_with(".json")) {
        let text = String::from_utf8_lossy(&json);
        for part in text.split('"').filter(|s| s.starts_with("intent:")) {
            out.push(part.as_bytes().to_vec());
        }
    }
    out
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
    match target {
        "manifest" => read_all(|n| n == "AndroidManifest.xml"),
        "gradle" => {
            let mut out = Vec::new();
            for kts in [false, true] {
                for f in read_all(|n| if kts { n.ends_with(".gradle.kts") } else { n.ends_with(".gradle") }) {
                    let mut v = vec![u8::from(kts)];
                    v.extend(f);
                    out.push(v);
                }
            }
            out
        }
        "intent" => intents(),
        "json" => read_all(|n| n.ends_with(".json")),
        "version_catalog" => read_all(|n| n.ends_with(".toml")),
        "lint" => {
            let mut out = Vec::new();
            for (pick, name) in [
                "AndroidManifest.xml",
                "build.gradle",
                "settings.gradle",
                "build.gradle",
                "push-console.json",
            ]
            .iter()
            .enumerate()
            {
                for f in read_all(|n| n == *name).into_iter().take(4) {
                    let mut v = vec![pick as u8];
                    v.extend(f);
                    out.push(v);
                }
            }
            out
        }
        other => panic!("no seeds for {other}"),
    }
}

fn run(target: &str, iters: usize) {
    let body = pushlint::fuzz::TARGETS
        .iter()
        .find(|(n, _)| *n == target)
        .map(|(_, f)| *f)
        .unwrap_or_else(|| panic!("unknown target {target}"));
    let corpus = seeds(target);
    assert!(!corpus.is_empty(), "{target}: no seeds found under fixtures/");
    let check = |input: &[u8], what: &str| {
        let r = std::panic::catch_unwind(|| body(input));
        if let Err(e) = r {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!(
                "{target}: {what} failed: {msg}\ninput ({} bytes): {:?}",
                input.len(),
                String::from_utf8_lossy(input)
            );
        }
    };
    for (i, s) in corpus.iter().enumerate() {
        check(s, &format!("seed {i}"));
    }
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (target.len() as u64 * 0x1000_0001));
    for i in 0..iters {
        let seed = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, seed, &corpus);
        check(&input, &format!("mutation {i}"));
    }
}

fn iters(default: usize) -> usize {
    std::env::var("FUZZ_SMOKE_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn fuzz_manifest() {
    run("manifest", iters(1500));
}

#[test]
fn fuzz_gradle() {
    run("gradle", iters(1500));
}

#[test]
fn fuzz_intent() {
    run("intent", iters(5000));
}

#[test]
fn fuzz_json() {
    run("json", iters(3000));
}

#[test]
fn fuzz_version_catalog() {
    run("version_catalog", iters(1500));
}

#[test]
fn fuzz_lint() {
    run("lint", iters(300) / 5);
}

#[test]
fn every_target_is_smoke_tested() {
    let names: Vec<&str> = pushlint::fuzz::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, ["manifest", "gradle", "intent", "json", "version_catalog", "lint"]);
}
