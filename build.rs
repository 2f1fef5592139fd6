//! Names the git commit in `pushlint --version` when pushlint is built from its own checkout
//! (`0.1.0 (c8c711d4e 2026-12-02)`); from a source archive, or inside another project's
//! repository, the version alone. Never fails the build: without git there is no commit to name.

use std::path::{Path, PathBuf};
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git").current_dir(dir).args(args).output().ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    out.status.success().then(|| text.trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    // Only pushlint's own repository: a checkout whose top level is this crate.
    let own = git(&dir, &["rev-parse", "--show-toplevel"])
        .and_then(|top| std::fs::canonicalize(top).ok())
        .is_some_and(|top| std::fs::canonicalize(&dir).is_ok_and(|d| d == top));
    let commit = own.then(|| git(&dir, &["log", "-1", "--format=%h %cs", "--abbrev=9"])).flatten();
    match commit {
        Some(commit) if !commit.is_empty() => {
            println!("cargo:rustc-env=PUSHLINT_VERSION={version} ({commit})");
            // Rebuild the version when HEAD moves: HEAD itself, and the branch it points to.
            let mut watch = vec!["HEAD".to_string()];
            watch.extend(git(&dir, &["symbolic-ref", "-q", "HEAD"]));
            for name in watch {
                if let Some(path) = git(&dir, &["rev-parse", "--git-path", &name]) {
                    println!("cargo:rerun-if-changed={}", dir.join(path).display());
                }
            }
        }
        _ => println!("cargo:rustc-env=PUSHLINT_VERSION={version}"),
    }
}
