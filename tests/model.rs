//! The project model end to end: discovery, value resolution, variants and merged manifests,
//! on small projects written into a temporary folder.

use pushlint::catalog::Catalog;
use pushlint::project::discover::{LoadOptions, load};
use pushlint::project::merge::merge;
use pushlint::project::{ComponentKind, ModuleKind, Project};
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

const KTS_APP: &str = r#"
plugins {
    alias(libs.plugins.android.application)
}

val pushHost = "open"

android {
    namespace = "com.acme.chat.app"
    compileSdk = 34
    defaultConfig {
        applicationId = "com.acme.chat"
        minSdk = libs.versions.minSdk.get().toInt()
        targetSdk = 34
        manifestPlaceholders["PUSH_HOST"] = pushHost
        manifestPlaceholders += mapOf("VIVO_APPID" to "105000001")
    }
    flavorDimensions += listOf("market", "tier")
    productFlavors {
        create("china") { dimension = "market" }
        create("global") {
            dimension = "market"
            applicationIdSuffix = ".global"
            manifestPlaceholders["VIVO_APPID"] = ""
        }
        create("free") { dimension = "tier" }
        create("paid") { dimension = "tier"; applicationIdSuffix = ".paid" }
    }
    buildTypes {
        getByName("debug") { applicationIdSuffix = ".debug" }
    }
    sourceSets {
        getByName("main") { manifest.srcFile("src/main/manifests/AndroidManifest.xml") }
    }
}

dependencies {
    implementation(project(":push"))
    "chinaImplementation"(libs.timpush.xiaomi)
}
"#;

const CATALOG: &str = r#"
[versions]
minSdk = "23"
timpush = "8.1.6103"

[libraries]
timpush-xiaomi = { module = "com.tencent.timpush:xiaomi", version.ref = "timpush" }

[plugins]
android-application = { id = "com.android.application", version = "8.5.0" }
"#;

const APP_MANIFEST: &str = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools">
    <application>
        <activity android:name=".ui.ChatActivity" android:exported="true">
            <intent-filter>
                <action android:name="android.intent.action.VIEW" />
                <data android:scheme="acmepush" android:host="${PUSH_HOST}" />
            </intent-filter>
        </activity>
        <service android:name="com.acme.push.LegacyService" tools:node="remove" />
    </application>
</manifest>
"#;

const LIB_MANIFEST: &str = r#"<manifest xmlns:a="http://schemas.android.com/apk/res/android">
    <uses-permission a:name="${applicationId}.permission.MIPUSH_RECEIVE" />
    <application>
        <service a:name=".LegacyService" />
        <receiver a:name=".PushReceiver" a:exported="false" />
    </application>
</manifest>
"#;

fn sample() -> (tempfile::TempDir, Project) {
    project(&[
        (
            "settings.gradle.kts",
            "rootProject.name = \"acme\"\ninclude(\":app\", \":push\")\nproject(\":push\").projectDir = file(\"libs-src/push\")\n",
        ),
        ("gradle/libs.versions.toml", CATALOG),
        ("app/build.gradle.kts", KTS_APP),
        ("app/src/main/manifests/AndroidManifest.xml", APP_MANIFEST),
        (
            "libs-src/push/build.gradle",
            "apply plugin: 'com.android.library'\nandroid { namespace 'com.acme.push' }\n",
        ),
        ("libs-src/push/src/main/AndroidManifest.xml", LIB_MANIFEST),
    ])
}

#[test]
fn modules_are_found_and_classified() {
    let (_d, p) = sample();
    let kinds: Vec<(&str, &str, ModuleKind)> =
        p.modules.iter().map(|m| (m.path.as_str(), m.dir_rel.as_str(), m.kind)).collect();
    assert_eq!(
        kinds,
        vec![(":app", "app", ModuleKind::Application), (":push", "libs-src/push", ModuleKind::Library)]
    );
    assert_eq!(p.modules[0].project_deps.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![1]);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
}

#[test]
fn variants_combine_dimensions_and_suffixes() {
    let (_d, p) = sample();
    let app = &p.modules[0];
    let names: Vec<(&str, Option<&str>)> =
        app.variants.iter().map(|v| (v.name.as_str(), v.app_id())).collect();
    assert_eq!(
        names,
        vec![
            ("chinaFreeDebug", Some("com.acme.chat.debug")),
            ("chinaFreeRelease", Some("com.acme.chat")),
            ("chinaPaidDebug", Some("com.acme.chat.paid.debug")),
            ("chinaPaidRelease", Some("com.acme.chat.paid")),
            ("globalFreeDebug", Some("com.acme.chat.global.debug")),
            ("globalFreeRelease", Some("com.acme.chat.global")),
            ("globalPaidDebug", Some("com.acme.chat.global.paid.debug")),
            ("globalPaidRelease", Some("com.acme.chat.global.paid")),
        ]
    );
    let v = &app.variants[0];
    assert_eq!(v.min_sdk.value().map(String::as_str), Some("23"), "minSdk from the version catalog");
    assert_eq!(v.target_sdk_level(), Some(34));
    assert_eq!(v.namespace.value().map(String::as_str), Some("com.acme.chat.app"));
    assert_eq!(v.placeholder("PUSH_HOST").and_then(|p| p.value.value()).map(String::as_str), Some("open"));
    assert_eq!(
        v.placeholder("VIVO_APPID").and_then(|p| p.value.value()).map(String::as_str),
        Some("105000001")
    );
    let global = app.variants.iter().find(|v| v.name == "globalFreeRelease").unwrap();
    assert_eq!(global.placeholder("VIVO_APPID").and_then(|p| p.value.value()).map(String::as_str), Some(""));
}

#[test]
fn dependencies_resolve_through_the_catalog_and_reach_their_flavor() {
    let (_d, p) = sample();
    let app = &p.modules[0];
    let dep =
        app.deps.iter().find(|d| d.coordinate() == "com.tencent.timpush:xiaomi").expect("catalog dependency");
    assert_eq!(dep.version.value().map(String::as_str), Some("8.1.6103"));
    let china = app.variants.iter().find(|v| v.name == "chinaFreeRelease").unwrap();
    let global = app.variants.iter().find(|v| v.name == "globalFreeRelease").unwrap();
    assert!(dep.reaches(china));
    assert!(!dep.reaches(global));
    let catalog = Catalog::embedded().unwrap();
    let found = pushlint::project::detect::detect(&p, &catalog, 0, china);
    assert_eq!(found.iter().map(|i| i.vendor.as_str()).collect::<Vec<_>>(), vec!["xiaomi"]);
    assert!(pushlint::project::detect::detect(&p, &catalog, 0, global).is_empty());
}

#[test]
fn merged_manifest_unions_libraries_and_honours_remove() {
    let (_d, p) = sample();
    let v = &p.modules[0].variants[1];
    let m = merge(&p, 0, v);
    let names: Vec<(ComponentKind, Option<&str>)> =
        m.components.iter().map(|c| (c.kind, c.name.as_deref())).collect();
    assert_eq!(
        names,
        vec![
            (ComponentKind::Activity, Some("com.acme.chat.app.ui.ChatActivity")),
            (ComponentKind::Receiver, Some("com.acme.push.PushReceiver")),
        ],
        "the library's service is removed by tools:node=\"remove\"; its receiver resolves against the library namespace"
    );
    let host = m.components[0].filters[0].data[0].host.as_ref().unwrap();
    assert_eq!(host.value.as_deref(), Some("open"), "placeholders are substituted per variant");
    let perm = &m.uses_permissions[0];
    assert_eq!(perm.name.as_deref(), Some("com.acme.chat.permission.MIPUSH_RECEIVE"));
}

#[test]
fn unknown_values_stay_unknown() {
    let (_d, p) = project(&[
        ("settings.gradle", "include ':app'\n"),
        (
            "app/build.gradle",
            "apply plugin: 'com.android.application'\nandroid {\n  defaultConfig {\n    applicationId computeId()\n    targetSdkVersion rootProject.ext.target\n  }\n}\n",
        ),
    ]);
    let v = &p.modules[0].variants[0];
    assert!(matches!(v.application_id, pushlint::project::Resolved::Unknown(_)));
    assert!(matches!(v.target_sdk, pushlint::project::Resolved::Unknown(_)));
}

#[test]
fn root_ext_and_properties_resolve() {
    let (_d, p) = project(&[
        ("settings.gradle", "include ':app'\n"),
        ("build.gradle", "ext {\n  targetSdkVersion = 33\n  appId = \"com.acme.$flavorName\"\n}\n"),
        ("gradle.properties", "APP_ID=com.acme.chat\n"),
        (
            "app/build.gradle",
            "apply plugin: 'com.android.application'\nandroid {\n  defaultConfig {\n    applicationId APP_ID\n    targetSdkVersion rootProject.ext.targetSdkVersion\n  }\n}\n",
        ),
    ]);
    let v = &p.modules[0].variants[0];
    assert_eq!(v.app_id(), Some("com.acme.chat"));
    assert_eq!(v.target_sdk_level(), Some(33));
}

/// A shared config script applied by the root keeps ids in an `ext` map named `applicationId`;
/// modules read its entries qualified or not (Gradle looks extra properties up the parents).
#[test]
fn root_ext_maps_from_applied_scripts_resolve() {
    let config = "ext {\n  androidConfig = [targetSdk: 33]\n  applicationId = [\n    \"app\" : \"com.acme.chat\",\n    \"lite\" : \"com.acme.lite\"\n  ]\n}\n";
    let (_d, p) = project(&[
        ("settings.gradle", "include ':app', ':lite'\n"),
        ("build.gradle", "apply from: 'config.gradle'\n"),
        ("config.gradle", config),
        (
            "app/build.gradle",
            "apply plugin: 'com.android.application'\nandroid {\n  defaultConfig {\n    applicationId rootProject.ext.applicationId.app\n    targetSdkVersion androidConfig.targetSdk\n  }\n}\n",
        ),
        (
            "lite/build.gradle",
            "apply plugin: 'com.android.application'\nandroid { defaultConfig { applicationId rootProject.ext.applicationId[\"lite\"] } }\n",
        ),
    ]);
    let app = p.modules.iter().find(|m| m.path == ":app").unwrap();
    assert_eq!(app.variants[0].app_id(), Some("com.acme.chat"));
    assert_eq!(app.variants[0].target_sdk_level(), Some(33));
    let lite = p.modules.iter().find(|m| m.path == ":lite").unwrap();
    assert_eq!(lite.variants[0].app_id(), Some("com.acme.lite"));
}

#[test]
fn conditional_assignments_are_unknown() {
    let (_d, p) = project(&[
        ("settings.gradle", "include ':app'\n"),
        (
            "app/build.gradle",
            "apply plugin: 'com.android.application'\ndef id = 'com.acme.a'\nif (System.getenv('B')) { id = 'com.acme.b' }\nandroid { defaultConfig { applicationId id } }\n",
        ),
    ]);
    let v = &p.modules[0].variants[0];
    assert!(matches!(v.application_id, pushlint::project::Resolved::Unknown(_)), "{:?}", v.application_id);
}

#[test]
fn root_subprojects_dependencies_reach_every_module() {
    let (_d, p) = project(&[
        ("settings.gradle", "include ':app'\n"),
        (
            "build.gradle",
            "def pushVersion = '8.1.6103'\nsubprojects {\n  dependencies { implementation \"com.tencent.timpush:xiaomi:$pushVersion\" }\n}\n",
        ),
        (
            "app/build.gradle",
            "apply plugin: 'com.android.application'\nandroid { defaultConfig { applicationId 'com.acme' } }\n",
        ),
    ]);
    let app = &p.modules[0];
    let d =
        app.deps.iter().find(|d| d.coordinate() == "com.tencent.timpush:xiaomi").expect("shared dependency");
    assert_eq!(d.version.value().map(String::as_str), Some("8.1.6103"));
    assert_eq!(p.files.get(d.span.file).rel, "build.gradle");
}

#[test]
fn reassigned_locals_are_unknown() {
    // Where the variable is read is not tracked, so neither value may be claimed.
    for build in [
        "apply plugin: 'com.android.application'\ndef id = 'com.acme.a'\nid = 'com.acme.b'\nandroid { defaultConfig { applicationId id } }\n",
        "apply plugin: 'com.android.application'\ndef id = 'com.acme'\nid += '.b'\nandroid { defaultConfig { applicationId id } }\n",
    ] {
        let (_d, p) = project(&[("settings.gradle", "include ':app'\n"), ("app/build.gradle", build)]);
        let v = &p.modules[0].variants[0];
        assert!(
            matches!(v.application_id, pushlint::project::Resolved::Unknown(_)),
            "{build}: {:?}",
            v.application_id
        );
    }
    let (_d, p) = project(&[
        ("settings.gradle.kts", "include(\":app\")\n"),
        (
            "app/build.gradle.kts",
            "plugins { id(\"com.android.application\") }\nvar id = \"com.acme.a\"\nif (true) { id = \"com.acme.b\" }\nandroid { defaultConfig { applicationId = id } }\n",
        ),
    ]);
    let v = &p.modules[0].variants[0];
    assert!(matches!(v.application_id, pushlint::project::Resolved::Unknown(_)), "{:?}", v.application_id);
}

#[test]
fn corpus_projects_load_without_panics() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if !corpus.is_dir() {
        return;
    }
    for root in [
        "timsdk-2020-03-legacy",
        "timsdk-2022-01-tpns-plugin/Demo",
        "timsdk-2022-05-tuiofflinepush/Demo",
        "timsdk-2024-04-timpush/Demo",
    ] {
        let p = load(&corpus.join(root), &LoadOptions::default());
        let app = p.modules.iter().find(|m| m.kind == ModuleKind::Application).expect(root);
        assert_eq!(app.variants[0].app_id(), Some("com.tencent.qcloud.tim.tuikit"), "{root}");
        let unexpected: Vec<_> = p
            .problems
            .iter()
            .filter(|x| x.kind != pushlint::project::InputProblemKind::ModuleMissing)
            .collect();
        assert!(unexpected.is_empty(), "{root}: {unexpected:?}");
    }
}

/// A module whose folder differs from its `include` in case only is read from that folder (as
/// Gradle does on macOS and Windows), and the difference is an input problem; two candidates
/// leave it missing.
#[test]
fn module_folder_in_another_case_is_read() {
    let (_dir, p) = project(&[
        ("settings.gradle", "include ':app'\ninclude ':pushkit'\ninclude ':twice'\n"),
        ("app/build.gradle", "plugins { id 'com.android.application' }\n"),
        ("PushKit/build.gradle", "plugins { id 'com.android.library' }\n"),
        ("Twice/build.gradle", "plugins { id 'com.android.library' }\n"),
        ("TWICE/build.gradle", "plugins { id 'com.android.library' }\n"),
    ]);
    let pushkit = p.modules.iter().find(|m| m.path == ":pushkit").expect("the module is read");
    assert_eq!(pushkit.dir_rel, "PushKit");
    assert_eq!(pushkit.kind, ModuleKind::Library);
    assert!(p.modules.iter().all(|m| m.path != ":twice"));
    let kinds: Vec<_> = p.problems.iter().map(|x| (x.kind, x.message.as_str())).collect();
    assert!(
        kinds.contains(&(
            pushlint::project::InputProblemKind::ModuleFolderCase,
            "module `:pushkit` is included as folder `pushkit`, which exists only as `PushKit`"
        )),
        "{kinds:?}"
    );
    assert!(
        kinds
            .iter()
            .any(|(k, m)| *k == pushlint::project::InputProblemKind::ModuleMissing && m.contains("`:twice`"))
    );
}
