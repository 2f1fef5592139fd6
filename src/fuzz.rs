//! Fuzz target bodies, shared by the cargo-fuzz targets under `fuzz/` and by the smoke test that
//! runs them over the seed corpus plus mutations (`tests/fuzz_smoke.rs`). Each body panics only
//! when an invariant breaks: a parser panicking, or a span outside the text it points into.

use crate::parse::gradle::{Dsl, GradleScript};
use crate::parse::intent::IntentUri;
use crate::parse::json::JsonDoc;
use crate::parse::manifest::ManifestDoc;
use crate::parse::text::{TextKind, decode};
use crate::parse::version_catalog::VersionCatalog;
use crate::span::TextRange;
use std::path::{Path, PathBuf};

/// A fuzz target body.
pub type Target = fn(&[u8]);

/// The fuzz targets by name, as `fuzz/fuzz_targets/<name>.rs` calls them.
pub const TARGETS: &[(&str, Target)] = &[
    ("manifest", manifest),
    ("gradle", gradle),
    ("intent", intent),
    ("json", json),
    ("version_catalog", version_catalog),
    ("lint", lint),
];

fn check_range(r: TextRange, text: &str, what: &str) {
    assert!(r.start <= r.end, "{what}: range {r:?} is reversed");
    assert!(r.end as usize <= text.len(), "{what}: range {r:?} is past the end ({})", text.len());
}

/// `AndroidManifest.xml` bytes: decoded as pushlint decodes them, then parsed.
pub fn manifest(data: &[u8]) {
    let text = decode(data, TextKind::Xml).text;
    let doc = ManifestDoc::parse(&text);
    for e in &doc.elements {
        check_range(e.span, &text, "element span");
        check_range(e.start_tag, &text, "start tag");
        check_range(e.name_span, &text, "element name");
        for a in &e.attrs {
            check_range(a.span, &text, "attribute");
            check_range(a.value_span, &text, "attribute value");
        }
        for c in &e.children {
            assert!((c.0 as usize) < doc.elements.len(), "child id {c:?} out of range");
        }
    }
    for err in &doc.errors {
        check_range(err.range, &text, "xml error");
    }
}

/// A build script, read as Groovy when the first byte is even, else as Kotlin DSL.
pub fn gradle(data: &[u8]) {
    let (dsl, rest) = match data.split_first() {
        Some((b, rest)) if b % 2 == 1 => (Dsl::Kotlin, rest),
        Some((_, rest)) => (Dsl::Groovy, rest),
        None => (Dsl::Groovy, data),
    };
    let text = String::from_utf8_lossy(rest);
    let script = GradleScript::parse(&text, dsl);
    for err in &script.errors {
        check_range(err.range, &text, "gradle error");
    }
}

/// An `intent:` URI: parsing never panics, and what parses prints to a URI that parses back
/// to the same intent.
pub fn intent(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let Ok(parsed) = IntentUri::parse(&text) else { return };
    let printed = parsed.to_uri();
    match IntentUri::parse(&printed) {
        Ok(back) => {
            assert!(back.eq_ignoring_ranges(&parsed), "round trip changed {text:?} (printed {printed:?})")
        }
        Err(e) => panic!("printed form {printed:?} of {text:?} does not parse: {}", e.message),
    }
}

/// A vendor JSON file.
pub fn json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let doc = JsonDoc::parse(&text);
    for err in &doc.errors {
        check_range(err.range, &text, "json error");
    }
    let _ = doc.duplicate_keys();
}

/// `gradle/libs.versions.toml`.
pub fn version_catalog(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let catalog = VersionCatalog::parse(&text);
    for err in &catalog.errors {
        check_range(err.range, &text, "toml error");
    }
}

/// Files of the synthetic one-module project `lint` fuzzes; the first input byte picks the one
/// replaced by the rest of the input.
const LINT_FILES: &[(&str, &str)] = &[
    (
        "app/src/main/AndroidManifest.xml",
        r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <application android:name=".App">
        <activity android:name=".ui.ChatActivity" android:exported="true">
            <intent-filter>
                <action android:name="android.intent.action.VIEW" />
                <category android:name="android.intent.category.DEFAULT" />
                <data android:scheme="acmepush" android:host="open" android:path="/chat" />
            </intent-filter>
        </activity>
    </application>
</manifest>
"#,
    ),
    (
        "app/build.gradle",
        r#"plugins { id 'com.android.application' }
android {
    namespace 'com.acme.chat'
    defaultConfig { applicationId "com.acme.chat"; minSdk 21; targetSdk 34 }
    productFlavors { china { dimension "market" } }
}
dependencies { implementation "com.tencent.timpush:xiaomi:8.1.6103" }
"#,
    ),
    ("settings.gradle", "rootProject.name = 'acme-chat'\ninclude ':app'\n"),
    ("build.gradle", "ext { timpushVersion = '8.1.6103' }\n"),
    (
        "push-console.json",
        r#"{"certificates": [{"vendor": "xiaomi", "id": 1, "packageName": "com.acme.chat",
  "clickAction": {"type": "openPage", "intent": "intent://open/chat#Intent;scheme=acmepush;end"}}]}
"#,
    ),
    ("gradle.properties", "android.useAndroidX=true\n"),
];

/// The synthetic project, written once per process under the temporary folder.
fn lint_project() -> &'static Path {
    static ROOT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    ROOT.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("pushlint-fuzz-{}", std::process::id()));
        for (rel, text) in LINT_FILES {
            let p = root.join(rel);
            if let Some(parent) = p.parent() {
                let _ = std::fs::create_dir_all(parent);
            }
            let _ = std::fs::write(&p, text);
        }
        root
    })
}

/// A whole lint of a one-app project with one of its files replaced by the input (given as if
/// on standard input, so nothing is written per run); the report must render in every output
/// format, and no control character of the input may reach a format read as text.
pub fn lint(data: &[u8]) {
    let Some((pick, rest)) = data.split_first() else { return };
    let Some((rel, _)) = LINT_FILES.get(*pick as usize % LINT_FILES.len()) else { return };
    let root = lint_project();
    static CATALOG: std::sync::OnceLock<crate::catalog::Catalog> = std::sync::OnceLock::new();
    let catalog = CATALOG.get_or_init(|| match crate::catalog::Catalog::embedded() {
        Ok(c) => c,
        Err(e) => panic!("embedded catalog: {e}"),
    });
    let config = crate::Config { stdin: Some((root.join(rel), rest.to_vec())), ..Default::default() };
    let report = crate::lint_root(root, &config, catalog);
    let json = report.to_json_string();
    assert!(json.starts_with('{'), "report is not a JSON object");
    render_every_format(&report);
}

/// Renders `report` in every output format, as the command line would.
fn render_every_format(report: &crate::Report) {
    use crate::diagnostics::{self, Sources};
    let sources: &dyn Sources = &report.project.files;
    let tally = diagnostics::Tally::default();
    let runs = [diagnostics::Run {
        diagnostics: &report.diagnostics,
        sources,
        prefix: String::new(),
        base_uri: None,
    }];
    let human = diagnostics::human::render(
        &[(&report.diagnostics[..], sources)],
        diagnostics::human::Color::Never,
        &tally,
        false,
    );
    let concise: String = report.diagnostics.iter().map(|d| diagnostics::concise::line(d, sources)).collect();
    let github = diagnostics::github::render(&runs);
    for (format, text) in [("human", &human), ("concise", &concise), ("github", &github)] {
        let raw = text.chars().find(|c| c.is_control() && *c != '\n');
        assert!(raw.is_none(), "{format} output holds a raw {raw:?}");
    }
    let _ = diagnostics::sarif::render(&runs, &crate::rule_infos());
    let _ = diagnostics::gitlab::render(&runs);
    let junit = diagnostics::junit::render(&runs);
    let checkstyle = diagnostics::checkstyle::render(&runs, &|_| "input");
    for (format, text) in [("junit", &junit), ("checkstyle", &checkstyle)] {
        let bad = text.chars().find(|&c| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'));
        assert!(bad.is_none(), "{format} output holds {bad:?}, which XML 1.0 does not allow");
    }
}
