//! README's table of supported integrations is the one the catalog generates.

#[test]
fn readme_table_matches_the_catalog() {
    let catalog = pushlint::catalog::Catalog::embedded().expect("embedded catalog loads");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README");
    let start = "<!-- integrations:start -->\n";
    let from = readme.find(start).expect("README has the start marker") + start.len();
    let to = readme.find("<!-- integrations:end -->").expect("README has the end marker");
    assert_eq!(
        &readme[from..to],
        catalog.integrations_table(),
        "README's integrations table is stale: paste `pushlint rules --integrations` between the markers"
    );
}

/// A project whose only push SDK is an aggregator names it instead of "no vendor integration".
#[test]
fn aggregator_alone_is_detected() {
    let dir = std::env::temp_dir().join(format!("pushlint-aggregator-{}", std::process::id()));
    let app = dir.join("app");
    std::fs::create_dir_all(app.join("libs")).unwrap();
    std::fs::create_dir_all(app.join("src/main")).unwrap();
    std::fs::write(dir.join("settings.gradle"), "include ':app'\n").unwrap();
    std::fs::write(
        app.join("build.gradle"),
        "plugins { id 'com.android.application' }\nandroid { namespace 'com.acme.chat'\n defaultConfig { applicationId 'com.acme.chat' } }\ndependencies { implementation fileTree(dir: 'libs', include: ['*.aar']) }\n",
    )
    .unwrap();
    std::fs::write(app.join("libs/umeng-push-6.5.0.aar"), b"").unwrap();
    std::fs::write(
        app.join("src/main/AndroidManifest.xml"),
        "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"><application/></manifest>\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pushlint"))
        .args(["check", "--explain-detection", "--exit-zero"])
        .arg(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(text.contains("aggregator Umeng Push (its own channel only, no vendor channel)"), "{text}");
    assert!(!text.contains("no vendor integration detected"), "{text}");
}

/// A vendor reached through an aggregator is named with its route in a vendor rule's message.
#[test]
fn vendor_messages_name_the_route() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("app");
    std::fs::create_dir_all(app.join("src/main")).unwrap();
    std::fs::write(dir.path().join("settings.gradle"), "include ':app'\n").unwrap();
    std::fs::write(
        app.join("build.gradle"),
        "plugins { id 'com.android.application' }\nandroid { namespace 'com.acme.chat'\n defaultConfig { applicationId 'com.acme.chat'\n manifestPlaceholders = [JPUSH_APPKEY: 'k', JPUSH_CHANNEL: 'c'] } }\ndependencies {\n implementation 'cn.jiguang.sdk:jpush:5.6.0'\n implementation 'cn.jiguang.sdk.plugin:vivo:5.6.0'\n}\n",
    )
    .unwrap();
    std::fs::write(
        app.join("src/main/AndroidManifest.xml"),
        "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"><application>\n<meta-data android:name=\"com.vivo.push.app_id\" android:value=\"\" />\n</application></manifest>\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pushlint"))
        .args(["check", "--select", "PL215", "--format", "concise", "--exit-zero"])
        .arg(dir.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the vivo via JPush 5.6.0 meta-data `com.vivo.push.app_id` has a blank value"),
        "{text}"
    );
}
