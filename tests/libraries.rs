//! Library (AAR) manifests end to end: a throw-away Gradle user home and project, with small AARs
//! made here, linted through the library API. No binary is committed: every archive is built by
//! the test that needs it.

use pushlint::Config;
use std::io::Write;
use std::path::{Path, PathBuf};

fn write(root: &Path, rel: &str, text: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A zip with these entries (stored, not compressed, unless `deflate`).
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn aar(manifest: &str) -> Vec<u8> {
    zip_of(&[("AndroidManifest.xml", manifest.as_bytes()), ("classes.jar", b"PK")])
}

const LIB_HEAD: &str =
    r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android" package="com.example.lib">"#;

/// Puts `group:name:version` into the modules-2 cache of `guh`, with its AAR and POM.
fn cache(
    guh: &Path,
    group: &str,
    name: &str,
    version: &str,
    aar_bytes: Option<Vec<u8>>,
    pom_deps: &[(&str, &str, &str)],
) {
    let base = format!("caches/modules-2/files-2.1/{group}/{name}/{version}");
    if let Some(bytes) = aar_bytes {
        write(guh, &format!("{base}/1a2b3c/{name}-{version}.aar"), &bytes);
    }
    let deps: String = pom_deps
        .iter()
        .map(|(g, a, v)| format!("<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"))
        .collect();
    let pom = format!(
        "<project><groupId>{group}</groupId><artifactId>{name}</artifactId><version>{version}</version><dependencies>{deps}</dependencies></project>"
    );
    write(guh, &format!("{base}/4d5e6f/{name}-{version}.pom"), pom.as_bytes());
}

struct Case {
    _dir: tempfile::TempDir,
    root: PathBuf,
    guh: PathBuf,
}

fn case(build: &str, manifest: &str) -> Case {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    let guh = dir.path().join("gradle-home");
    std::fs::create_dir_all(&guh).unwrap();
    write(&root, "settings.gradle", b"include ':app'\n");
    write(&root, "app/build.gradle", build.as_bytes());
    write(&root, "app/src/main/AndroidManifest.xml", manifest.as_bytes());
    Case { _dir: dir, root, guh }
}

const APP_MANIFEST: &str = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android">
    <application android:label="Acme" />
</manifest>
"#;

fn build_with(deps: &str) -> String {
    format!(
        "plugins {{ id 'com.android.application' }}\nandroid {{\n    namespace 'com.acme.chat'\n    defaultConfig {{\n        applicationId 'com.acme.chat'\n        minSdk 21\n        targetSdk 34\n    }}\n}}\ndependencies {{\n{deps}\n}}\n"
    )
}

fn lint(c: &Case, code: &str, guh: Option<&Path>) -> serde_json::Value {
    let config = Config { gradle_user_home: guh.map(Path::to_path_buf), ..Config::only(code) };
    let report = pushlint::lint(&c.root, &config).unwrap();
    report.to_json()["diagnostics"].clone()
}

fn codes(diags: &serde_json::Value) -> Vec<String> {
    diags.as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap().to_string()).collect()
}

#[test]
fn without_a_cache_the_catalog_decides_and_a_cached_aar_wins_over_it() {
    let c =
        case(&build_with("    implementation 'com.google.firebase:firebase-messaging:22.0.0'"), APP_MANIFEST);
    // The catalog: 22.x declares no POST_NOTIFICATIONS.
    assert_eq!(codes(&lint(&c, "PL211", None)), ["PL211"]);
    // A cached AAR whose own manifest declares it wins over the catalog.
    let manifest = format!(
        "{LIB_HEAD}<uses-permission android:name=\"android.permission.POST_NOTIFICATIONS\"/><application><service android:name=\"com.google.firebase.messaging.FirebaseMessagingService\" android:exported=\"false\"><intent-filter><action android:name=\"com.google.firebase.MESSAGING_EVENT\"/></intent-filter></service></application></manifest>"
    );
    cache(&c.guh, "com.google.firebase", "firebase-messaging", "22.0.0", Some(aar(&manifest)), &[]);
    assert_eq!(codes(&lint(&c, "PL211", Some(&c.guh))), Vec::<String>::new());
    // Turned off, the cache is not read and the catalog applies again.
    let off = Config {
        gradle_user_home: Some(c.guh.clone()),
        library_manifests: Some(false),
        ..Config::only("PL211")
    };
    let report = pushlint::lint(&c.root, &off).unwrap();
    assert_eq!(report.diagnostics.len(), 1);
}

#[test]
fn a_component_a_cached_library_declares_wrongly_is_reported_at_its_dependency() {
    let c = case(
        &build_with(
            "    implementation 'com.tencent.timpush:timpush:8.1.6103'\n    implementation 'com.tencent.timpush:xiaomi:8.1.6103'",
        ),
        APP_MANIFEST,
    );
    // timpush:xiaomi brings xiaomi-vendor, whose manifest declares PushMessageHandler unexported.
    let vendor = format!(
        "{LIB_HEAD}<application><service android:name=\"com.xiaomi.mipush.sdk.PushMessageHandler\" android:exported=\"false\"/></application></manifest>"
    );
    cache(
        &c.guh,
        "com.tencent.timpush",
        "xiaomi",
        "8.1.6103",
        Some(aar(&format!("{LIB_HEAD}</manifest>"))),
        &[("com.tencent.timpush", "xiaomi-vendor", "5.9.9")],
    );
    cache(&c.guh, "com.tencent.timpush", "xiaomi-vendor", "5.9.9", Some(aar(&vendor)), &[]);
    cache(
        &c.guh,
        "com.tencent.timpush",
        "timpush",
        "8.1.6103",
        Some(aar(&format!("{LIB_HEAD}</manifest>"))),
        &[],
    );
    let diags = lint(&c, "PL203", Some(&c.guh));
    assert_eq!(codes(&diags), ["PL203"], "{diags:#}");
    let d = &diags[0];
    assert_eq!(d["file"], "app/build.gradle", "{d:#}");
    assert_eq!(d["range"]["start"]["line"], 12, "points at the dependency that brings it in: {d:#}");
    let label = d["label"].as_str().unwrap();
    assert!(label.contains("com.tencent.timpush:xiaomi-vendor:5.9.9"), "{label}");
    assert!(label.contains("through `com.tencent.timpush:xiaomi:8.1.6103`"), "{label}");
    assert!(d["help"].as_str().unwrap().contains("tools:replace"), "{d:#}");
    // Without the cache the TIMPush modules are unknown: nothing is said.
    assert_eq!(codes(&lint(&c, "PL203", None)), Vec::<String>::new());
}

#[test]
fn a_raw_oppo_aar_in_libs_declares_nothing_so_the_app_must() {
    let c = case(&build_with("    implementation fileTree(dir: 'libs', include: ['*.aar'])"), APP_MANIFEST);
    let oppo = format!(
        "{LIB_HEAD}<application><meta-data android:name=\"sdkVersion\" android:value=\"3100\"/></application></manifest>"
    );
    write(&c.root, "app/libs/com.heytap.msp_3.1.0.aar", &aar(&oppo));
    let diags = lint(&c, "PL201", None);
    let n = codes(&diags).len();
    assert_eq!(n, 2, "both callback services are missing: {diags:#}");
    assert!(diags[0]["message"].as_str().unwrap().contains("DataMessageCallbackService"), "{diags:#}");
}

#[test]
fn a_mipush_aar_supplies_its_components_and_a_jar_none() {
    let c = case(
        &build_with("    implementation fileTree(dir: 'libs', include: ['*.jar', '*.aar'])"),
        APP_MANIFEST,
    );
    let mi = format!(
        "{LIB_HEAD}<uses-permission android:name=\"${{applicationId}}.permission.MIPUSH_RECEIVE\"/><permission android:name=\"${{applicationId}}.permission.MIPUSH_RECEIVE\" android:protectionLevel=\"signature\"/><application>\
         <service android:name=\"com.xiaomi.push.service.XMPushService\" android:process=\":pushservice\"/>\
         <service android:name=\"com.xiaomi.push.service.XMJobService\" android:exported=\"false\" android:permission=\"android.permission.BIND_JOB_SERVICE\" android:process=\":pushservice\"/>\
         <service android:name=\"com.xiaomi.mipush.sdk.PushMessageHandler\" android:exported=\"true\" android:permission=\"com.xiaomi.xmsf.permission.MIPUSH_RECEIVE\"/>\
         <service android:name=\"com.xiaomi.mipush.sdk.MessageHandleService\"/>\
         <receiver android:name=\"com.xiaomi.push.service.receivers.PingReceiver\" android:exported=\"false\" android:process=\":pushservice\"><intent-filter><action android:name=\"com.xiaomi.push.PING_TIMER\"/></intent-filter></receiver>\
         </application></manifest>"
    );
    write(&c.root, "app/libs/MiPush_SDK_Client_5_6_2-C_3rd.aar", &aar(&mi));
    let diags = lint(&c, "PL201", None);
    // Only the app's own PushMessageReceiver subclass is asked for.
    assert_eq!(codes(&diags), ["PL201"], "{diags:#}");
    assert!(diags[0]["message"].as_str().unwrap().contains("PushMessageReceiver"), "{diags:#}");
    assert_eq!(codes(&lint(&c, "PL208", None)), Vec::<String>::new(), "the AAR declares the permission");

    let jar = case(&build_with("    implementation fileTree(dir: 'libs', include: ['*.jar'])"), APP_MANIFEST);
    write(&jar.root, "app/libs/MiPush_SDK_Client_4_8_3.jar", &zip_of(&[("com/xiaomi/A.class", b"")]));
    assert!(codes(&lint(&jar, "PL201", None)).len() >= 5, "a jar declares nothing");
}

#[test]
fn the_unpacked_copy_in_the_transforms_cache_is_read_when_the_aar_is_gone() {
    let c =
        case(&build_with("    implementation 'com.google.firebase:firebase-messaging:22.0.0'"), APP_MANIFEST);
    let manifest = format!(
        "{LIB_HEAD}<uses-permission android:name=\"android.permission.POST_NOTIFICATIONS\"/></manifest>"
    );
    cache(&c.guh, "com.google.firebase", "firebase-messaging", "22.0.0", None, &[]);
    write(
        &c.guh,
        "caches/transforms-3/0a1b/transformed/jetified-firebase-messaging-22.0.0/AndroidManifest.xml",
        manifest.as_bytes(),
    );
    assert_eq!(codes(&lint(&c, "PL211", Some(&c.guh))), Vec::<String>::new());
    // Gradle 8.8+ keeps them under caches/<version>/transforms.
    std::fs::remove_dir_all(c.guh.join("caches/transforms-3")).unwrap();
    write(
        &c.guh,
        "caches/8.14.3/transforms/9f8e/transformed/firebase-messaging-22.0.0/AndroidManifest.xml",
        manifest.as_bytes(),
    );
    assert_eq!(codes(&lint(&c, "PL211", Some(&c.guh))), Vec::<String>::new());
}

#[test]
fn a_placeholder_a_library_manifest_uses_must_be_defined() {
    let c = case(&build_with("    implementation 'com.example:push:1.0'"), APP_MANIFEST);
    let lib = format!(
        "{LIB_HEAD}<application><meta-data android:name=\"com.example.key\" android:value=\"${{EXAMPLE_KEY}}\"/></application></manifest>"
    );
    cache(&c.guh, "com.example", "push", "1.0", Some(aar(&lib)), &[]);
    let diags = lint(&c, "PL216", Some(&c.guh));
    assert_eq!(codes(&diags), ["PL216"], "{diags:#}");
    assert_eq!(diags[0]["file"], "app/build.gradle");
    // Overridden in the app's manifest, the library's value is never substituted.
    let overriding = r#"<manifest xmlns:android="http://schemas.android.com/apk/res/android" xmlns:tools="http://schemas.android.com/tools">
    <application>
        <meta-data android:name="com.example.key" android:value="k1" tools:replace="android:value" />
    </application>
</manifest>
"#;
    write(&c.root, "app/src/main/AndroidManifest.xml", overriding.as_bytes());
    assert_eq!(codes(&lint(&c, "PL216", Some(&c.guh))), Vec::<String>::new());
}

#[test]
fn hostile_archives_are_findings_never_crashes() {
    let bomb = {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file("AndroidManifest.xml", opts).unwrap();
        w.write_all(&vec![b' '; 64 << 20]).unwrap();
        w.finish().unwrap().into_inner()
    };
    let mut claims_huge = aar("<manifest/>");
    // Patch the central directory's uncompressed size of the first entry to 4 GiB - 2 (all ones would mean zip64).
    let cd = claims_huge.windows(4).position(|w| w == [0x50, 0x4b, 0x01, 0x02]).unwrap();
    claims_huge[cd + 24..cd + 28].copy_from_slice(&(u32::MAX - 1).to_le_bytes());
    let mut truncated = aar("<manifest/>");
    truncated.truncate(truncated.len() - 10);
    let tricks =
        zip_of(&[("../AndroidManifest.xml", b"<manifest/>"), ("/AndroidManifest.xml", b"<manifest/>")]);
    for (name, bytes) in [
        ("bomb", bomb),
        ("huge", claims_huge),
        ("truncated", truncated),
        ("binary", zip_of(&[("AndroidManifest.xml", b"\x03\x00\x08\x00\x00\x00")])),
        ("notxml", aar("<manifest><application></manifest>")),
    ] {
        let c = case(&build_with(&format!("    implementation files('libs/{name}.aar')")), APP_MANIFEST);
        write(&c.root, &format!("app/libs/{name}.aar"), &bytes);
        let diags = lint(&c, "PL011", None);
        assert_eq!(codes(&diags), ["PL011"], "{name}: {diags:#}");
        assert_eq!(diags[0]["file"], "app/build.gradle", "{name}");
    }
    // Entry names that only look like the root manifest are other files: no manifest, no finding.
    let c = case(&build_with("    implementation files('libs/tricks.aar')"), APP_MANIFEST);
    write(&c.root, "app/libs/tricks.aar", &tricks);
    assert_eq!(codes(&lint(&c, "PL011", None)), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_symlinked_or_looping_cache_is_followed_or_reported() {
    let c =
        case(&build_with("    implementation 'com.google.firebase:firebase-messaging:22.0.0'"), APP_MANIFEST);
    let real = c.guh.parent().unwrap().join("real-home");
    let manifest = format!(
        "{LIB_HEAD}<uses-permission android:name=\"android.permission.POST_NOTIFICATIONS\"/></manifest>"
    );
    cache(&real, "com.google.firebase", "firebase-messaging", "22.0.0", Some(aar(&manifest)), &[]);
    let linked = c.guh.parent().unwrap().join("linked-home");
    std::os::unix::fs::symlink(&real, &linked).unwrap();
    assert_eq!(codes(&lint(&c, "PL211", Some(&linked))), Vec::<String>::new(), "a symlinked home is a home");
    // A version folder that is a link to itself cannot be listed: reported, and the rest goes on.
    let looped = c.guh.join("caches/modules-2/files-2.1/com.google.firebase/firebase-messaging/22.0.0");
    std::fs::create_dir_all(looped.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let config = Config { gradle_user_home: Some(c.guh.clone()), ..Config::default() };
    let report = pushlint::lint(&c.root, &config).unwrap();
    let all = codes(&report.to_json()["diagnostics"]);
    assert!(all.contains(&"PL011".to_string()), "{all:?}");
}

#[test]
fn a_project_maven_folder_and_flat_dir_names_are_read() {
    let c = case(
        &build_with(
            "    implementation 'com.google.firebase:firebase-messaging:22.0.0'\n    implementation(name: 'vivo_push_v4.0.4.0_504', ext: 'aar')",
        ),
        APP_MANIFEST,
    );
    let build = std::fs::read_to_string(c.root.join("app/build.gradle")).unwrap();
    let build = build.replace(
        "dependencies {",
        "repositories {\n    maven { url '../local-repo' }\n    flatDir { dirs 'libs' }\n}\ndependencies {",
    );
    write(&c.root, "app/build.gradle", build.as_bytes());
    let manifest = format!(
        "{LIB_HEAD}<uses-permission android:name=\"android.permission.POST_NOTIFICATIONS\"/></manifest>"
    );
    write(
        &c.root,
        "local-repo/com/google/firebase/firebase-messaging/22.0.0/firebase-messaging-22.0.0.aar",
        &aar(&manifest),
    );
    write(
        &c.root,
        "local-repo/com/google/firebase/firebase-messaging/22.0.0/firebase-messaging-22.0.0.pom",
        b"<project><dependencies/></project>",
    );
    let vivo = format!(
        "{LIB_HEAD}<application><service android:name=\"com.vivo.push.sdk.service.CommandClientService\" android:exported=\"false\"/></application></manifest>"
    );
    write(&c.root, "app/libs/vivo_push_v4.0.4.0_504.aar", &aar(&vivo));
    assert_eq!(codes(&lint(&c, "PL211", None)), Vec::<String>::new(), "read from the project's Maven folder");
    let diags = lint(&c, "PL203", None);
    assert_eq!(codes(&diags), ["PL203"], "vivo's CommandClientService must be exported: {diags:#}");
    assert!(diags[0]["label"].as_str().unwrap().contains("app/libs/vivo_push_v4.0.4.0_504.aar"), "{diags:#}");
}
