//! The real-world projects in `../shared/corpus/` linted with every rule: the findings are
//! snapshotted one line each (code, severity, file:line:column, message), so any change in what
//! pushlint says about real projects is reviewed. Skipped when the corpus is absent.

use std::path::Path;

const ROOTS: &[&str] = &[
    "timsdk-2020-03-legacy",
    "timsdk-2022-01-tpns-plugin/Demo",
    "timsdk-2022-05-tuiofflinepush/Demo",
    "timsdk-2024-04-timpush/Demo",
];

#[test]
fn corpus_findings() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("corpus not found; skipped");
        return;
    }
    for root in ROOTS {
        let report = pushlint::lint(&corpus.join(root), &pushlint::Config::default()).unwrap();
        let json = report.to_json();
        let mut lines = Vec::new();
        for d in json["diagnostics"].as_array().unwrap() {
            lines.push(format!(
                "{} {} {}:{}:{} {}{}",
                d["code"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["file"].as_str().unwrap_or("-"),
                d["range"]["start"]["line"],
                d["range"]["start"]["column"],
                d["message"].as_str().unwrap(),
                d["variant"].as_str().map(|v| format!(" [{v}]")).unwrap_or_default(),
            ));
        }
        let name = root.replace('/', "_");
        insta::with_settings!({ snapshot_path => "snapshots/corpus", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, lines.join("\n"));
        });
    }
}
