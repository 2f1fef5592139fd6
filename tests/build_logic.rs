//! Build logic as Gradle runs it, on small projects written into a temporary folder: values
//! with a fallback, convention plugins, Kotlin Multiplatform source sets and `sourceSets`
//! remapping. Forms outside the supported ones stay unknown.

use pushlint::project::discover::{LoadOptions, load};
use pushlint::project::{Project, Resolved};
use std::path::Path;

fn write(root: &Path, files: &[(&str, &str)]) {
    for (rel, text) in files {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
}

fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), files);
    let p = load(dir.path(), &LoadOptions::default());
    (dir, p)
}

fn module<'p>(p: &'p Project, path: &str) -> &'p pushlint::project::Module {
    &p.modules[p.module_by_path(path).unwrap_or_else(|| panic!("no module {path}"))]
}

fn placeholder<'p>(p: &'p Project, path: &str, key: &str) -> &'p Resolved {
    let v = &module(p, path).variants[0];
    &v.placeholder(key).unwrap_or_else(|| panic!("no placeholder {key}")).value
}

/// The text a resolved value's span covers.
fn spanned_text<'p>(p: &'p Project, r: &Resolved) -> &'p str {
    let span = r.span().expect("a span");
    let f = p.files.get(span.file);
    f.text.get(span.range.start as usize..span.range.end as usize).unwrap_or("")
}

const FALLBACK_APP: &str = "apply plugin: 'com.android.application'\n\
    def local = new Properties()\n\
    def f = rootProject.file('local.properties')\n\
    if (f.exists()) { local.load(f.newDataInputStream()) }\n\
    android { defaultConfig {\n  applicationId 'com.acme.chat'\n  manifestPlaceholders = [\n\
    COMMITTED: findProperty('COMMITTED') ?: 'd1',\n\
    MODULE: project.hasProperty('MODULE') ? MODULE : 'd2',\n\
    UNSET: findProperty('UNSET') ?: 'd3',\n\
    ENV: System.getenv('ENV') ?: 'd4',\n\
    LOCAL: local.getProperty('LOCAL', 'd5'),\n\
    LOCAL_MISSING: local.getProperty('LOCAL_MISSING', 'd6'),\n\
    COMPUTED: findProperty('COMPUTED') ?: computeDefault()\n\
    ] } }\n";

#[test]
fn fallbacks_prefer_committed_properties_then_the_default() {
    let files = [
        ("settings.gradle", "include ':app'\n"),
        ("gradle.properties", "COMMITTED=root-value\n"),
        ("app/gradle.properties", "MODULE=module-value\n"),
        ("app/build.gradle", FALLBACK_APP),
    ];
    let (_d, p) = project(&files);
    let known = |k: &str| placeholder(&p, ":app", k).value().cloned();
    assert_eq!(known("COMMITTED").as_deref(), Some("root-value"));
    assert_eq!(known("MODULE").as_deref(), Some("module-value"));
    assert_eq!(known("UNSET").as_deref(), Some("d3"));
    assert_eq!(spanned_text(&p, placeholder(&p, ":app", "UNSET")), "'d3'");
    assert_eq!(known("ENV").as_deref(), Some("d4"));
    // No local.properties on disk: what it would hold is unknown, even with a default.
    assert!(matches!(placeholder(&p, ":app", "LOCAL"), Resolved::Unknown(_)));
    assert!(matches!(placeholder(&p, ":app", "LOCAL_MISSING"), Resolved::Unknown(_)));
    // A default that is no literal: unknown.
    assert!(matches!(placeholder(&p, ":app", "COMPUTED"), Resolved::Unknown(_)));
}

#[test]
fn an_existing_local_properties_is_read_but_never_shown() {
    let mut files = vec![
        ("settings.gradle", "include ':app'\n"),
        ("app/build.gradle", FALLBACK_APP),
        ("local.properties", "LOCAL=local-secret-value\nsdk.dir=/opt/sdk\n"),
    ];
    let (_d, p) = project(&files);
    assert_eq!(placeholder(&p, ":app", "LOCAL").value().map(String::as_str), Some("local-secret-value"));
    // The value's span is the key in the script: local.properties is not a file of the report.
    assert_eq!(spanned_text(&p, placeholder(&p, ":app", "LOCAL")), "LOCAL");
    assert!(p.files.iter().all(|(_, f)| !f.rel.ends_with("local.properties")));
    assert_eq!(placeholder(&p, ":app", "LOCAL_MISSING").value().map(String::as_str), Some("d6"));
    files.push((
        "app/src/main/AndroidManifest.xml",
        "<manifest package=\"com.acme.chat\"><application/></manifest>",
    ));
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &files);
    let config = pushlint::Config { explain_detection: true, ..pushlint::Config::default() };
    let report = pushlint::lint(dir.path(), &config).unwrap();
    let explained = report.detection.clone().unwrap_or_default();
    assert!(explained.contains("`LOCAL` of `local.properties`: found (value not shown)"), "{explained}");
    assert!(explained.contains("property `UNSET`: not set: the default is used"), "{explained}");
    assert!(!explained.contains("local-secret-value"), "{explained}");
}

fn manifest_sets(p: &Project, path: &str) -> Vec<(String, String)> {
    let mut v: Vec<_> = module(p, path)
        .manifests
        .iter()
        .map(|id| {
            let m = p.manifest(*id);
            (m.source_set.clone(), p.files.get(m.file).rel.clone())
        })
        .collect();
    v.sort();
    v
}

const KMP_LIB: &str = "plugins { kotlin(\"multiplatform\"); id(\"com.android.library\") }\n\
    kotlin { androidTarget()\n sourceSets {\n  val androidMain by getting { dependencies { implementation(\"com.tencent.timpush:timpush:8.1.6103\") } }\n  \
    commonMain.dependencies { implementation(\"org.acme:common:1.0\") }\n  \
    androidMain.dependencies { implementation(pushCoordinate()) }\n  iosMain.dependencies { implementation(\"org.acme:ios:1.0\") } } }\n\
    android { namespace = \"com.acme.shared\"\n flavorDimensions += \"tier\"\n productFlavors { create(\"free\") { dimension = \"tier\" } } }\n";

#[test]
fn kotlin_multiplatform_source_sets() {
    let manifest = "<manifest><application/></manifest>";
    let (_d, p) = project(&[
        ("settings.gradle.kts", "include(\":shared\", \":old\")\n"),
        ("shared/build.gradle.kts", KMP_LIB),
        ("shared/src/androidMain/AndroidManifest.xml", manifest),
        ("shared/src/androidFree/AndroidManifest.xml", manifest),
        ("shared/src/androidDebug/AndroidManifest.xml", manifest),
        // The older layout next to androidMain is not the Android main set.
        ("shared/src/main/AndroidManifest.xml", manifest),
        ("shared/src/androidUnitTest/AndroidManifest.xml", manifest),
        (
            "shared/src/commonMain/kotlin/com/acme/Keys.kt",
            "package com.acme\nobject Keys { const val XM_PUSH_APPID = \"1\" }\n",
        ),
        (
            "shared/src/iosMain/kotlin/com/acme/Ios.kt",
            "package com.acme\nobject Ios { const val X = \"1\" }\n",
        ),
        ("old/build.gradle.kts", "plugins { kotlin(\"multiplatform\"); id(\"com.android.library\") }\n"),
        ("old/src/main/AndroidManifest.xml", manifest),
        ("old/src/androidFree/AndroidManifest.xml", manifest),
    ]);
    assert_eq!(
        manifest_sets(&p, ":shared"),
        vec![
            ("debug".into(), "shared/src/androidDebug/AndroidManifest.xml".into()),
            ("free".into(), "shared/src/androidFree/AndroidManifest.xml".into()),
            ("main".into(), "shared/src/androidMain/AndroidManifest.xml".into()),
        ]
    );
    // No androidMain: src/main is the main set, and a flavor folder is still its flavor.
    assert_eq!(
        manifest_sets(&p, ":old"),
        vec![
            ("free".into(), "old/src/androidFree/AndroidManifest.xml".into()),
            ("main".into(), "old/src/main/AndroidManifest.xml".into()),
        ]
    );
    let shared = module(&p, ":shared");
    let deps: Vec<_> = shared.deps.iter().map(|d| d.coordinate().to_string()).collect();
    assert_eq!(deps, vec!["com.tencent.timpush:timpush", "org.acme:common"]);
    let sources: Vec<_> =
        shared.sources.iter().map(|s| (s.source_set.as_str(), p.files.get(s.file).rel.as_str())).collect();
    assert_eq!(sources, vec![("main", "shared/src/commonMain/kotlin/com/acme/Keys.kt")]);
    // A dependency the reader cannot resolve: what the Android target gets is not fully known.
    let idx = p.module_by_path(":shared").unwrap();
    assert!(pushlint::project::deps::has_unseen_deps(&p, idx));
}

#[test]
fn source_sets_remap_manifest_code_assets_and_resources() {
    let (_d, p) = project(&[
        ("settings.gradle", "include ':app'\n"),
        (
            "app/build.gradle",
            "apply plugin: 'com.android.application'\nandroid { sourceSets { main {\n\
             manifest.srcFile 'AndroidManifest.xml'\n java.srcDirs = ['java-src']\n kotlin.srcDirs += 'ktsrc'\n\
             assets.srcDirs = ['assets']\n res.srcDirs = ['res']\n\
             if (flag) { java.srcDirs += 'optional' }\n java.srcDirs += someDir\n } } }\n",
        ),
        ("app/AndroidManifest.xml", "<manifest package=\"com.acme\"><application/></manifest>"),
        ("app/java-src/com/acme/A.java", "package com.acme;\nclass A {}\n"),
        ("app/src/main/java/com/acme/Stale.java", "package com.acme;\nclass Stale {}\n"),
        ("app/ktsrc/com/acme/B.kt", "package com.acme\nclass B\n"),
        ("app/optional/com/acme/C.java", "package com.acme;\nclass C {}\n"),
        ("app/assets/timpush-configs.json", "{}"),
        ("app/src/main/assets/timpush-configs.json", "{}"),
        (
            "app/res/raw/key.json",
            "{\"type\": \"service_account\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\"}",
        ),
    ]);
    let app = module(&p, ":app");
    assert_eq!(manifest_sets(&p, ":app"), vec![("main".into(), "app/AndroidManifest.xml".into())]);
    let mut sources: Vec<_> = app.sources.iter().map(|s| p.files.get(s.file).rel.clone()).collect();
    sources.sort();
    assert_eq!(sources, vec!["app/java-src/com/acme/A.java", "app/ktsrc/com/acme/B.kt"]);
    let json: Vec<_> = app.json_files.iter().map(|j| p.files.get(j.file).rel.clone()).collect();
    assert_eq!(json, vec!["app/assets/timpush-configs.json"]);
    let keys: Vec<_> = p.key_files.iter().map(|k| p.files.get(k.file).rel.clone()).collect();
    assert_eq!(keys, vec!["app/res/raw/key.json"]);
}

#[test]
fn convention_plugins_bring_plugins_dependencies_and_settings() {
    let (_d, p) = project(&[
        (
            "settings.gradle.kts",
            "pluginManagement { includeBuild(\"build-logic\") }\ninclude(\":app\", \":lib\")\n",
        ),
        ("build-logic/settings.gradle.kts", "include(\":convention\")\n"),
        (
            "build-logic/convention/src/main/kotlin/com/acme/acme.android.app.gradle.kts",
            "package com.acme\n\nplugins {\n    id(\"com.android.application\")\n    id(\"acme.push\")\n}\n\
             android { defaultConfig { targetSdk = 34\n manifestPlaceholders[\"VIVO_APPID\"] = \"105000001\" } }\n",
        ),
        (
            "build-logic/convention/src/main/kotlin/acme.push.gradle.kts",
            "dependencies {\n    \"implementation\"(\"com.tencent.timpush:timpush:8.1.6103\")\n    \"implementation\"(computeCoordinate())\n}\n",
        ),
        (
            "app/build.gradle.kts",
            "plugins { id(\"com.acme.acme.android.app\") }\nandroid { defaultConfig { applicationId = \"com.acme.chat\" } }\n",
        ),
        ("lib/build.gradle.kts", "plugins { id(\"com.android.library\"); id(\"acme.unknown\") }\n"),
    ]);
    let app = module(&p, ":app");
    assert_eq!(app.kind, pushlint::project::ModuleKind::Application);
    let ids: Vec<_> = app.conventions.iter().map(|a| p.conventions[a.plugin].id.as_str()).collect();
    assert_eq!(ids, vec!["com.acme.acme.android.app", "acme.push"]);
    // Both are applied through the module's one `id(...)` line.
    assert!(
        app.conventions
            .iter()
            .all(|a| spanned_text_at(&p, a.applied_at) == "id(\"com.acme.acme.android.app\")")
    );
    let deps: Vec<_> =
        app.deps.iter().map(|d| (d.coordinate(), p.files.get(d.span.file).rel.as_str())).collect();
    assert_eq!(
        deps,
        vec![("com.tencent.timpush:timpush", "build-logic/convention/src/main/kotlin/acme.push.gradle.kts")]
    );
    let v = &app.variants[0];
    assert_eq!(v.target_sdk_level(), Some(34));
    assert_eq!(
        v.placeholder("VIVO_APPID").and_then(|x| x.value.value()).map(String::as_str),
        Some("105000001")
    );
    // The call the convention cannot resolve makes the app's dependencies incomplete.
    let idx = p.module_by_path(":app").unwrap();
    assert!(pushlint::project::deps::has_unseen_deps(&p, idx));
    assert!(module(&p, ":lib").conventions.is_empty());
}

fn spanned_text_at(p: &Project, span: pushlint::span::Span) -> &str {
    let f = p.files.get(span.file);
    f.text.get(span.range.start as usize..span.range.end as usize).unwrap_or("")
}
