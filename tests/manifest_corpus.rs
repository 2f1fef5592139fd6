//! The manifest rules (PL2xx) on the real-world Tencent demos in `../shared/corpus/`: exactly the
//! findings reviewed as right, and no vendor component an AAR or TUIOfflinePush supplies reported
//! missing. Skips when the corpus is absent.

use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    p.is_dir().then_some(p)
}

/// `code file:line message` of each PL2xx finding.
fn findings(root: &Path) -> Vec<String> {
    let config = pushlint::Config { select: vec!["PL2".into()], ..Default::default() };
    let report = pushlint::lint(root, &config).expect("corpus project lints");
    let json = report.to_json();
    json["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let message = d["message"].as_str().unwrap_or("");
            format!(
                "{} {}:{} {message}",
                d["code"].as_str().unwrap_or(""),
                d["file"].as_str().unwrap_or(""),
                d["range"]["start"]["line"]
            )
        })
        .collect()
}

#[test]
fn corpus_findings_are_the_reviewed_ones() {
    let Some(corpus) = corpus() else { return };
    let cases: &[(&str, &[&str])] = &[
        (
            "timsdk-2020-03-legacy",
            // The Meizu category is the receiver's Java package (vendors.md 8.2).
            &[
                "PL214 app/src/main/AndroidManifest.xml:289 the Meizu `<receiver>` `com.tencent.qcloud.tim.demo.thirdpush",
            ],
        ),
        (
            "timsdk-2022-01-tpns-plugin/Demo",
            &[
                "PL214 app/src/main/AndroidManifest.xml:241 the Meizu `<receiver>` `com.tencent.qcloud.tim.demo.thirdpush",
                // vivo meta-data overridden to "" with tools:replace (vendors.md 8.3, T60).
                "PL215 app/src/main/AndroidManifest.xml:268 the vivo meta-data `com.vivo.push.api_key` has a blank va",
                "PL215 app/src/main/AndroidManifest.xml:272 the vivo meta-data `com.vivo.push.app_id` has a blank val",
            ],
        ),
        (
            "timsdk-2022-05-tuiofflinepush/Demo",
            &[
                "PL214 ../TUIKit/TUIOfflinePush/tuiofflinepush/src/main/AndroidManifest.xml:142 the Meizu `<receiver>` `com.tencent.qcloud.tim.tuiofflinepush.O",
            ],
        ),
        // The blank `VIVO_*`/`HONOR_APPID` placeholders of 2022-05 and 2024-04 are PL508's findings.
        ("timsdk-2024-04-timpush/Demo", &[]),
    ];
    for (dir, expected) in cases {
        let got = findings(&corpus.join(dir));
        let matches =
            got.len() == expected.len() && got.iter().zip(expected.iter()).all(|(g, e)| g.starts_with(e));
        assert!(matches, "{dir}: expected findings starting with {expected:#?}, got {got:#?}");
    }
}
