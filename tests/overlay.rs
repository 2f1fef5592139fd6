//! What the language server relies on in the library: every kind of input file is read from an
//! overlay instead of the disk, and folder listings kept in a `DirCache` give the same report as
//! listing every folder afresh.

use pushlint::catalog::Catalog;
use pushlint::project::discover::{DirCache, Overlay};
use pushlint::project::paths::normalize;
use pushlint::{Config, Inputs, Report};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Fixtures that together hold every kind of input file.
const FIXTURES: &[&str] = &[
    "sample-chat",
    "PL601-server-secret-committed/fail",
    "PL407-plugin-version-mismatch/fail-kts",
    "PL508-credential-value-invalid/fail-source-sets-kts",
    "PL404-config-file-missing/pass-agconnect-build-types",
    "PL508-credential-value-invalid/fail-template-kts",
    "PL404-config-file-missing/pass",
];

fn root(fixture: &str) -> PathBuf {
    std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(fixture)).unwrap()
}

fn lint(root: &Path, catalog: &Catalog, inputs: Inputs) -> Report {
    let (config, file) = Config::default().resolve(root).unwrap();
    pushlint::lint_overlay(root, &config, file.as_ref(), catalog, inputs)
}

/// The project files a report read (not library manifests, not `pushlint.toml`).
fn read(report: &Report, root: &Path) -> Vec<PathBuf> {
    let files = report.project.files.iter().filter(|(_, f)| !f.external && !f.rel.ends_with("pushlint.toml"));
    files.map(|(_, f)| normalize(&root.join(&f.rel))).collect()
}

fn kind(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    match name.rsplit_once('.') {
        Some((_, "properties")) => name,
        Some((_, "json")) if name.contains("adminsdk") => "service-account key".into(),
        Some((_, "json")) => name,
        Some((_, "kts")) if name.ends_with(".gradle.kts") => "gradle.kts".into(),
        Some((_, ext)) => ext.to_string(),
        None => name,
    }
}

#[test]
fn every_input_kind_is_read_from_the_overlay() {
    let catalog = Catalog::embedded().unwrap();
    let mut kinds = BTreeSet::new();
    for fixture in FIXTURES {
        let root = root(fixture);
        let plain = lint(&root, &catalog, Inputs::default());
        let overlay: Overlay = read(&plain, &root)
            .into_iter()
            .map(|p| {
                let text = format!("{}\n// overlaid", std::fs::read_to_string(&p).unwrap());
                (p, text)
            })
            .collect();
        let report = lint(&root, &catalog, Inputs { overlay, dirs: None });
        for (_, f) in
            report.project.files.iter().filter(|(_, f)| !f.external && !f.rel.ends_with("pushlint.toml"))
        {
            assert!(f.text.ends_with("\n// overlaid"), "{fixture}: {} was read from disk", f.rel);
            kinds.insert(kind(Path::new(&f.rel)));
        }
    }
    let expected = [
        "xml",
        "gradle",
        "gradle.kts",
        "gradle.properties",
        "toml",
        "google-services.json",
        "agconnect-services.json",
        "mcs-services.json",
        "timpush-configs.json",
        "push-console.json",
        "service-account key",
        "java",
        "kt",
    ];
    for k in expected {
        assert!(kinds.contains(k), "no fixture read a `{k}` file: {kinds:?}");
    }
}

#[test]
fn kept_folder_listings_give_the_same_report() {
    let catalog = Catalog::embedded().unwrap();
    for fixture in FIXTURES {
        let root = root(fixture);
        let fresh = lint(&root, &catalog, Inputs::default()).to_json_string();
        let dirs = Arc::new(DirCache::new());
        for _ in 0..2 {
            let cached = lint(&root, &catalog, Inputs { overlay: Overlay::new(), dirs: Some(dirs.clone()) });
            assert_eq!(cached.to_json_string(), fresh, "{fixture}");
        }
        assert!(!dirs.is_empty());
    }
}
