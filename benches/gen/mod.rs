//! Synthetic Android inputs for benchmarks: realistic manifests, Groovy and Kotlin build files,
//! vendor JSON files and whole monorepos of app and library modules, some with defects.
//! Shared by `examples/gen-monorepo.rs` and the criterion benches; deterministic (no randomness).

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// Every `APP_EVERY`-th module is an application; the others are libraries.
pub const APP_EVERY: usize = 8;

fn package(i: usize, app: bool) -> String {
    if app { format!("com.acme.app{i}") } else { format!("com.acme.lib{i}") }
}

/// Folder of module `i`, relative to the root: apps under `apps/`, libraries grouped by hundreds.
pub fn module_dir(i: usize) -> String {
    if i % APP_EVERY == 0 { format!("apps/app{i}") } else { format!("features/group{}/lib{i}", i / 100) }
}

/// Gradle path of module `i`.
pub fn module_path(i: usize) -> String {
    module_dir(i).replace('/', ":")
}

/// A manifest with `activities` activities (intent filters, deep links), services, receivers,
/// permissions and meta-data, in the shape real apps have.
pub fn manifest(pkg: &str, activities: usize, app: bool) -> String {
    let mut s = String::with_capacity(1024 + activities * 900);
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str(
        "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"\n    xmlns:tools=\"http://schemas.android.com/tools\">\n\n",
    );
    let permissions: &[&str] = if app {
        &["INTERNET", "POST_NOTIFICATIONS", "VIBRATE", "WAKE_LOCK", "ACCESS_NETWORK_STATE"]
    } else {
        &["INTERNET"]
    };
    for p in permissions {
        let _ = writeln!(s, "    <uses-permission android:name=\"android.permission.{p}\" />");
    }
    if !app && activities == 0 {
        s.push_str("</manifest>\n");
        return s;
    }
    if app {
        s.push_str(
            "    <permission\n        android:name=\"${applicationId}.permission.MIPUSH_RECEIVE\"\n        android:protectionLevel=\"signature\" />\n    <uses-permission android:name=\"${applicationId}.permission.MIPUSH_RECEIVE\" />\n\n",
        );
    }
    if app {
        let _ = writeln!(
            s,
            "    <application\n        android:name=\".AcmeApplication\"\n        android:allowBackup=\"false\"\n        android:icon=\"@mipmap/ic_launcher\"\n        android:label=\"@string/app_name\"\n        android:theme=\"@style/AppTheme\">\n"
        );
    } else {
        s.push_str("    <application>\n\n");
    }
    for a in 0..activities {
        if a == 0 && app {
            s.push_str(
                "        <activity\n            android:name=\".ui.LauncherActivity\"\n            android:exported=\"true\">\n            <intent-filter>\n                <action android:name=\"android.intent.action.MAIN\" />\n                <category android:name=\"android.intent.category.LAUNCHER\" />\n            </intent-filter>\n        </activity>\n\n",
            );
            continue;
        }
        let _ = writeln!(s, "        <!-- Screen {a}: opened from a notification or a link. -->");
        let _ = writeln!(
            s,
            "        <activity\n            android:name=\".ui.Screen{a}Activity\"\n            android:exported=\"{}\"\n            android:launchMode=\"singleTask\"\n            android:screenOrientation=\"portrait\">",
            a % 3 != 0
        );
        if a % 3 != 0 {
            let _ = writeln!(
                s,
                "            <intent-filter>\n                <action android:name=\"android.intent.action.VIEW\" />\n                <category android:name=\"android.intent.category.DEFAULT\" />\n                <category android:name=\"android.intent.category.BROWSABLE\" />\n                <data\n                    android:scheme=\"acmepush\"\n                    android:host=\"open\"\n                    android:path=\"/screen{a}\" />\n            </intent-filter>"
            );
            let _ = writeln!(
                s,
                "            <intent-filter>\n                <action android:name=\"{pkg}.action.SCREEN{a}\" />\n                <category android:name=\"android.intent.category.DEFAULT\" />\n            </intent-filter>"
            );
        }
        s.push_str("        </activity>\n\n");
    }
    if app {
        s.push_str(
            "        <service\n            android:name=\".push.AcmeMessagingService\"\n            android:exported=\"false\">\n            <intent-filter>\n                <action android:name=\"com.google.firebase.MESSAGING_EVENT\" />\n            </intent-filter>\n        </service>\n\n",
        );
        s.push_str(
            "        <receiver\n            android:name=\".push.AcmeMiPushReceiver\"\n            android:exported=\"true\">\n            <intent-filter>\n                <action android:name=\"com.xiaomi.mipush.RECEIVE_MESSAGE\" />\n            </intent-filter>\n            <intent-filter>\n                <action android:name=\"com.xiaomi.mipush.MESSAGE_ARRIVED\" />\n            </intent-filter>\n            <intent-filter>\n                <action android:name=\"com.xiaomi.mipush.ERROR\" />\n            </intent-filter>\n        </receiver>\n\n",
        );
        s.push_str(
            "        <provider\n            android:name=\"androidx.core.content.FileProvider\"\n            android:authorities=\"${applicationId}.fileprovider\"\n            android:exported=\"false\"\n            android:grantUriPermissions=\"true\" />\n\n",
        );
        s.push_str("        <meta-data\n            android:name=\"com.vivo.push.api_key\"\n            android:value=\"${VIVO_APPKEY}\" />\n");
        s.push_str("        <meta-data\n            android:name=\"com.vivo.push.app_id\"\n            android:value=\"${VIVO_APPID}\" />\n");
    }
    s.push_str("    </application>\n</manifest>\n");
    s
}

/// The component classes `manifest(pkg, activities, app)` declares, relative to `pkg`.
pub fn component_classes(activities: usize, app: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in 0..activities {
        out.push(if a == 0 && app { "ui.LauncherActivity".into() } else { format!("ui.Screen{a}Activity") });
    }
    if app {
        out.extend([
            "AcmeApplication".into(),
            "push.AcmeMessagingService".into(),
            "push.AcmeMiPushReceiver".into(),
        ]);
    }
    out
}

/// A Kotlin DSL app build file with `flavors` product flavors and `deps` dependencies.
pub fn build_kts(pkg: &str, flavors: usize, deps: &[String], app: bool) -> String {
    let mut s = String::with_capacity(2048 + flavors * 300 + deps.len() * 80);
    s.push_str("plugins {\n");
    if app {
        s.push_str(
            "    alias(libs.plugins.android.application)\n    id(\"com.google.gms.google-services\")\n    id(\"com.huawei.agconnect\")\n",
        );
    } else {
        s.push_str("    alias(libs.plugins.android.library)\n");
    }
    s.push_str("    kotlin(\"android\")\n}\n\n");
    let _ = writeln!(s, "android {{\n    namespace = \"{pkg}\"\n    compileSdk = 34\n");
    s.push_str("    defaultConfig {\n");
    if app {
        let _ = writeln!(s, "        applicationId = \"{pkg}\"");
    }
    s.push_str("        minSdk = 21\n        targetSdk = 34\n        versionCode = 12\n        versionName = \"2.3.0\"\n");
    s.push_str("        manifestPlaceholders += mapOf(\n            \"VIVO_APPKEY\" to \"acme-vivo-app-key\",\n            \"VIVO_APPID\" to \"105000001\",\n            \"HONOR_APPID\" to \"104000001\",\n        )\n    }\n\n");
    s.push_str("    buildTypes {\n        release {\n            isMinifyEnabled = true\n            proguardFiles(getDefaultProguardFile(\"proguard-android-optimize.txt\"), \"proguard-rules.pro\")\n        }\n        debug {\n            isDebuggable = true\n        }\n    }\n\n");
    if flavors > 0 {
        s.push_str("    flavorDimensions += listOf(\"market\")\n    productFlavors {\n");
        for f in 0..flavors {
            let _ = writeln!(
                s,
                "        create(\"market{f}\") {{\n            dimension = \"market\"\n            applicationIdSuffix = \".m{f}\"\n            versionNameSuffix = \"-m{f}\"\n            manifestPlaceholders[\"CHANNEL\"] = \"market{f}\"\n        }}"
            );
        }
        s.push_str("    }\n");
    }
    s.push_str("\n    compileOptions {\n        sourceCompatibility = JavaVersion.VERSION_17\n        targetCompatibility = JavaVersion.VERSION_17\n    }\n}\n\n");
    s.push_str(
        "dependencies {\n    implementation(libs.androidx.appcompat)\n    implementation(libs.timpush)\n",
    );
    if app {
        for v in ["xiaomi", "huawei", "oppo", "vivo", "meizu", "fcm"] {
            let _ = writeln!(
                s,
                "    implementation(\"com.tencent.timpush:{v}:${{rootProject.extra[\"timpushVersion\"]}}\")"
            );
        }
    }
    for d in deps {
        let _ = writeln!(s, "    implementation(project(\"{d}\"))");
    }
    s.push_str("    testImplementation(\"junit:junit:4.13.2\")\n}\n");
    s
}

/// A Groovy build file, the same content as `build_kts` in Groovy syntax.
pub fn build_groovy(pkg: &str, flavors: usize, deps: &[String], app: bool) -> String {
    let mut s = String::with_capacity(2048 + flavors * 300 + deps.len() * 80);
    s.push_str("plugins {\n");
    if app {
        s.push_str("    id 'com.android.application'\n    id 'com.google.gms.google-services'\n    id 'com.huawei.agconnect'\n");
    } else {
        s.push_str("    id 'com.android.library'\n");
    }
    s.push_str("}\n\n");
    let _ = writeln!(s, "android {{\n    namespace '{pkg}'\n    compileSdk 34\n");
    s.push_str("    defaultConfig {\n");
    if app {
        let _ = writeln!(s, "        applicationId \"{pkg}\"");
    }
    s.push_str(
        "        minSdk 21\n        targetSdk 34\n        versionCode 12\n        versionName \"2.3.0\"\n",
    );
    s.push_str("        manifestPlaceholders = [\n                \"VIVO_APPKEY\": \"acme-vivo-app-key\",\n                \"VIVO_APPID\" : \"105000001\",\n                \"HONOR_APPID\": \"104000001\"\n        ]\n    }\n\n");
    s.push_str("    buildTypes {\n        release {\n            minifyEnabled true\n            proguardFiles getDefaultProguardFile('proguard-android-optimize.txt'), 'proguard-rules.pro'\n        }\n    }\n");
    if flavors > 0 {
        s.push_str("\n    flavorDimensions \"market\"\n    productFlavors {\n");
        for f in 0..flavors {
            let _ = writeln!(
                s,
                "        market{f} {{\n            dimension \"market\"\n            applicationIdSuffix \".m{f}\"\n        }}"
            );
        }
        s.push_str("    }\n");
    }
    s.push_str("}\n\ndependencies {\n    implementation 'androidx.appcompat:appcompat:1.7.0'\n    implementation \"com.tencent.timpush:timpush:${rootProject.ext.timpushVersion}\"\n");
    if app {
        for v in ["xiaomi", "huawei", "oppo", "vivo", "meizu", "fcm"] {
            let _ = writeln!(
                s,
                "    implementation \"com.tencent.timpush:{v}:${{rootProject.ext.timpushVersion}}\""
            );
        }
    }
    for d in deps {
        let _ = writeln!(s, "    implementation project('{d}')");
    }
    s.push_str("}\n");
    s
}

/// A `google-services.json` with `clients` Android clients, as Firebase exports it.
pub fn google_services(pkg: &str, clients: usize) -> String {
    let mut s = String::with_capacity(256 + clients * 700);
    s.push_str("{\n  \"project_info\": {\n    \"project_number\": \"123456789012\",\n    \"project_id\": \"acme-chat\",\n    \"storage_bucket\": \"acme-chat.appspot.com\"\n  },\n  \"client\": [\n");
    for c in 0..clients {
        let suffix = if c == 0 { String::new() } else { format!(".m{}", c - 1) };
        let _ = write!(
            s,
            "    {{\n      \"client_info\": {{\n        \"mobilesdk_app_id\": \"1:123456789012:android:{c:016x}\",\n        \"android_client_info\": {{\n          \"package_name\": \"{pkg}{suffix}\"\n        }}\n      }},\n      \"oauth_client\": [\n        {{\n          \"client_id\": \"123456789012-{c:08}.apps.googleusercontent.com\",\n          \"client_type\": 3\n        }}\n      ],\n      \"api_key\": [\n        {{\n          \"current_key\": \"REDACTED-{c}\"\n        }}\n      ],\n      \"services\": {{\n        \"appinvite_service\": {{\n          \"other_platform_oauth_client\": []\n        }}\n      }}\n    }}{}\n",
            if c + 1 < clients { "," } else { "" }
        );
    }
    s.push_str("  ],\n  \"configuration_version\": \"1\"\n}\n");
    s
}

fn agconnect(pkg: &str, flavors: usize) -> String {
    let infos: Vec<String> = (0..flavors)
        .map(|f| format!("    {{ \"package_name\": \"{pkg}.m{f}\", \"app_id\": \"10000000{f}\" }}"))
        .collect();
    format!(
        "{{\n  \"agcgw\": {{ \"url\": \"connect-drcn.dbankcloud.cn\" }},\n  \"client\": {{\n    \"cp_id\": \"3000000000000\",\n    \"product_id\": \"99536292102000000\",\n    \"client_id\": \"1000000000000000000\",\n    \"client_secret\": \"REDACTED\",\n    \"project_id\": \"99536292102000000\",\n    \"app_id\": \"100000001\",\n    \"api_key\": \"REDACTED\",\n    \"package_name\": \"{pkg}.m0\"\n  }},\n  \"appInfos\": [\n{}\n  ],\n  \"configuration_version\": \"3.0\"\n}}\n",
        infos.join(",\n")
    )
}

fn java_activity(pkg: &str, name: &str) -> String {
    format!(
        "package {pkg}.ui;\n\nimport android.app.Activity;\nimport android.content.Intent;\nimport android.os.Bundle;\n\n/** Opened from a push notification. */\npublic class {name} extends Activity {{\n    public static final String EXTRA_CONVERSATION = \"conversation\";\n    public static final int REQUEST_CODE = 42;\n\n    @Override\n    protected void onCreate(Bundle savedInstanceState) {{\n        super.onCreate(savedInstanceState);\n        Intent intent = getIntent();\n        if (intent != null) {{\n            String id = intent.getStringExtra(EXTRA_CONVERSATION);\n        }}\n    }}\n}}\n"
    )
}

fn java_application(pkg: &str) -> String {
    format!(
        "package {pkg};\n\nimport android.app.Application;\n\npublic class AcmeApplication extends Application {{\n    @Override\n    public void onCreate() {{\n        super.onCreate();\n    }}\n}}\n"
    )
}

fn kotlin_service(pkg: &str) -> String {
    format!(
        "package {pkg}.push\n\nimport com.google.firebase.messaging.FirebaseMessagingService\nimport com.google.firebase.messaging.RemoteMessage\n\nclass AcmeMessagingService : FirebaseMessagingService() {{\n    companion object {{\n        const val CHANNEL_ID = \"chat_messages\"\n    }}\n\n    override fun onMessageReceived(message: RemoteMessage) {{\n        super.onMessageReceived(message)\n    }}\n\n    override fun onNewToken(token: String) {{\n        super.onNewToken(token)\n    }}\n}}\n"
    )
}

fn kotlin_receiver(pkg: &str) -> String {
    format!(
        "package {pkg}.push\n\nimport android.content.Context\nimport com.xiaomi.mipush.sdk.MiPushMessage\nimport com.xiaomi.mipush.sdk.PushMessageReceiver\n\nclass AcmeMiPushReceiver : PushMessageReceiver() {{\n    override fun onNotificationMessageClicked(context: Context, message: MiPushMessage) {{\n    }}\n}}\n"
    )
}

/// The source file of each class `component_classes` lists: (path under `src/main/`, text).
pub fn component_sources(pkg: &str, activities: usize, app: bool) -> Vec<(String, String)> {
    let dir = pkg.replace('.', "/");
    let mut out = Vec::new();
    for class in component_classes(activities, app) {
        let (path, text) = match class.as_str() {
            "AcmeApplication" => (format!("java/{dir}/AcmeApplication.java"), java_application(pkg)),
            "push.AcmeMessagingService" => {
                (format!("kotlin/{dir}/push/AcmeMessagingService.kt"), kotlin_service(pkg))
            }
            "push.AcmeMiPushReceiver" => {
                (format!("kotlin/{dir}/push/AcmeMiPushReceiver.kt"), kotlin_receiver(pkg))
            }
            ui => {
                let name = ui.trim_start_matches("ui.");
                (format!("java/{dir}/ui/{name}.java"), java_activity(pkg, name))
            }
        };
        out.push((path, text));
    }
    out
}

fn write(root: &Path, rel: &str, content: &str) -> io::Result<()> {
    let p = root.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(p, content)
}

/// Writes a monorepo of `n` modules under `root`: every 8th an app (two flavors, Groovy or Kotlin
/// DSL alternating, vendor JSON files, TIMPush dependencies) depending on the next three libraries,
/// each library on its successor; every component class has a source file. It lints clean but
/// for these defects: every 37th manifest is truncated (PL001), every 53rd app's
/// `google-services.json` has a trailing comma (PL003), and a single-app project (`n` < 8) gets a
/// console snapshot whose m1 Xiaomi certificate opens an undeclared screen (PL104).
/// Returns the number of files written.
pub fn monorepo(root: &Path, n: usize) -> io::Result<usize> {
    let mut files = 0usize;
    let mut settings = String::from(
        "pluginManagement {\n    repositories {\n        gradlePluginPortal()\n        google()\n        mavenCentral()\n    }\n}\n\ndependencyResolutionManagement {\n    repositories {\n        google()\n        mavenCentral()\n        maven { url 'https://developer.huawei.com/repo/' }\n    }\n}\n\nrootProject.name = 'acme-monorepo'\n",
    );
    for i in 0..n {
        let _ = writeln!(settings, "include ':{}'", module_path(i));
    }
    write(root, "settings.gradle", &settings)?;
    write(
        root,
        "build.gradle",
        "plugins {\n    id 'com.android.application' version '8.5.0' apply false\n    id 'com.android.library' version '8.5.0' apply false\n    id 'com.google.gms.google-services' version '4.4.2' apply false\n    id 'com.huawei.agconnect' version '1.9.1.301' apply false\n}\n\next {\n    timpushVersion = \"8.1.6103\"\n}\n",
    )?;
    write(
        root,
        "gradle.properties",
        "android.useAndroidX=true\norg.gradle.jvmargs=-Xmx4096m\norg.gradle.parallel=true\n",
    )?;
    write(
        root,
        "gradle/libs.versions.toml",
        "[versions]\nagp = \"8.5.0\"\nappcompat = \"1.7.0\"\ntimpush = \"8.1.6103\"\nfirebase-bom = \"33.1.0\"\n\n[libraries]\nandroidx-appcompat = { module = \"androidx.appcompat:appcompat\", version.ref = \"appcompat\" }\ntimpush = { module = \"com.tencent.timpush:timpush\", version.ref = \"timpush\" }\nfirebase-bom = { module = \"com.google.firebase:firebase-bom\", version.ref = \"firebase-bom\" }\nfirebase-messaging = { module = \"com.google.firebase:firebase-messaging\" }\n\n[plugins]\nandroid-application = { id = \"com.android.application\", version.ref = \"agp\" }\nandroid-library = { id = \"com.android.library\", version.ref = \"agp\" }\n",
    )?;
    files += 4;

    let mut console = String::from("{\n  \"sdkAppId\": 1400000001,\n  \"certificates\": [\n");
    let mut first_cert = true;
    for i in 0..n {
        let app = i % APP_EVERY == 0;
        let dir = module_dir(i);
        let pkg = package(i, app);
        let deps: Vec<String> = if app {
            (i + 1..(i + APP_EVERY).min(n)).take(3).map(|j| format!(":{}", module_path(j))).collect()
        } else if (i + 1) % APP_EVERY != 0 && i + 1 < n {
            vec![format!(":{}", module_path(i + 1))]
        } else {
            Vec::new()
        };
        // Libraries: a third with three screens, a third with one, a third without components.
        let (activities, flavors) = if app { (12, 2) } else { ([3, 0, 1][i % 3], 0) };
        let kotlin = i % 2 == 1;
        let build = if kotlin {
            build_kts(&pkg, flavors, &deps, app)
        } else {
            build_groovy(&pkg, flavors, &deps, app)
        };
        write(root, &format!("{dir}/{}", if kotlin { "build.gradle.kts" } else { "build.gradle" }), &build)?;
        let mut mf = manifest(&pkg, activities, app);
        if i % 37 == 36 {
            mf.truncate(mf.len() / 2);
        }
        write(root, &format!("{dir}/src/main/AndroidManifest.xml"), &mf)?;
        write(root, &format!("{dir}/proguard-rules.pro"), "-keep class com.tencent.** { *; }\n")?;
        files += 3;
        for (rel, text) in component_sources(&pkg, activities, app) {
            write(root, &format!("{dir}/src/main/{rel}"), &text)?;
            files += 1;
        }
        if app {
            let mut gs = google_services(&pkg, flavors + 1);
            if i % 53 == 48 {
                gs = gs.replacen("\"configuration_version\"", ",\"configuration_version\"", 1);
            }
            write(root, &format!("{dir}/google-services.json"), &gs)?;
            write(root, &format!("{dir}/agconnect-services.json"), &agconnect(&pkg, flavors))?;
            files += 2;
            // A console snapshot belongs to one app: only a single-app project gets one (at the
            // root, where pushlint looks); monorepos pass theirs with `--console`.
            if n < APP_EVERY {
                for (f, flavor) in ["m0", "m1"].iter().enumerate() {
                    let app_id = format!("{pkg}.{flavor}");
                    // Deliberate defect: the m1 Xiaomi certificate opens a screen nobody declares.
                    let xiaomi_target = if f == 1 { "MissingActivity" } else { "Screen2Activity" };
                    let intent = |target: &str| {
                        format!(
                            "\"intent\": \"intent://open/screen2#Intent;scheme=acmepush;launchFlags=0x4000000;component={app_id}/{pkg}.ui.{target};end\""
                        )
                    };
                    let certs = [
                        ("xiaomi", intent(xiaomi_target), ""),
                        ("huawei", intent("Screen2Activity"), ""),
                        ("vivo", intent("Screen2Activity"), ""),
                        (
                            "oppo",
                            format!("\"activity\": \"{pkg}.ui.Screen2Activity\""),
                            ",\n      \"channelId\": \"chat_messages\"",
                        ),
                        ("meizu", format!("\"activity\": \"{pkg}.ui.Screen2Activity\""), ""),
                        ("fcm", String::new(), ""),
                    ];
                    for (id, (vendor, click, extra)) in certs.iter().enumerate() {
                        if !first_cert {
                            console.push_str(",\n");
                        }
                        first_cert = false;
                        let _ = write!(
                            console,
                            "    {{\n      \"vendor\": \"{vendor}\",\n      \"id\": {},\n      \"packageName\": \"{app_id}\"{extra},\n      \"clickAction\": {}\n    }}",
                            40000 + f * 10 + id,
                            // FCM notifications always open the launcher activity.
                            if click.is_empty() {
                                "{ \"type\": \"openApp\" }".to_string()
                            } else {
                                format!("{{ \"type\": \"openPage\", {click} }}")
                            }
                        );
                    }
                }
            }
        }
    }
    if first_cert {
        return Ok(files);
    }
    console.push_str("\n  ]\n}\n");
    write(root, "push-console.json", &console)?;
    Ok(files + 1)
}
