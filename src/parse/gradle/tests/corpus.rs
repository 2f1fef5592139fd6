//! Properties, the real-world corpus and realistic whole build scripts.

use super::*;

mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn arbitrary_strings_never_panic(t in "\\PC{0,300}") {
            let _ = g(&t);
            let _ = k(&t);
        }

        #[test]
        fn gradle_like_soup_never_panics(t in "[{}()\\[\\]'\"$/*a-z:=,.\n \\\\@`?!<>-]{0,200}") {
            for sc in [g(&t), k(&t)] {
                for e in &sc.errors {
                    prop_assert!(e.range.end as usize <= t.len());
                }
            }
        }
    }
}

// ---- corpus ----

fn corpus(rel: &str) -> Option<String> {
    let p = format!("{}/../shared/corpus/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(p).ok()
}

#[test]
fn corpus_files_parse_without_errors() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
    let mut stack = vec![std::path::PathBuf::from(root)];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "gradle" || x == "kts") {
                let Ok(t) = std::fs::read_to_string(&p) else { continue };
                let dsl = if p.extension().is_some_and(|x| x == "kts") { Dsl::Kotlin } else { Dsl::Groovy };
                let sc = GradleScript::parse(&t, dsl);
                assert!(sc.errors.is_empty(), "{}: {:?}", p.display(), sc.errors);
            }
        }
    }
}

#[test]
fn corpus_timpush_app() {
    let Some(t) = corpus("timsdk-2024-04-timpush/Demo/app/build.gradle") else { return };
    let sc = g(&t);
    assert_eq!(
        plugin_ids(&sc),
        vec![
            s("com.android.application"),
            s("com.google.gms.google-services"),
            s("com.huawei.agconnect"),
            s("com.hihonor.mcs.asplugin")
        ]
    );
    let a = &sc.android;
    assert_eq!(a.namespace.as_ref().map(|v| v.value.clone()), Some(s("com.tencent.qcloud.tim.demo")));
    assert_eq!(
        a.default_config.application_id.as_ref().map(|v| v.value.clone()),
        Some(s("com.tencent.qcloud.tim.tuikit"))
    );
    assert_eq!(
        a.default_config.min_sdk.as_ref().map(|v| v.value.clone()),
        Some(r("rootProject.ext.minSdkVersion"))
    );
    let ph = placeholders(&a.default_config);
    let keys: Vec<_> = ph.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(keys, vec!["VIVO_APPKEY", "VIVO_APPID", "HONOR_APPID"]);
    assert!(ph.iter().all(|p| p.1 == s(" ")));
    let timpush = sc
        .dependencies
        .iter()
        .find(|d| matches!(&d.notation, DepNotation::Module { name, .. } if name.value == s("timpush")))
        .expect("timpush dependency");
    assert!(timpush.conditional);
    assert_eq!(gav(timpush), ("com.tencent.timpush".into(), "timpush".into(), Some(s("7.9.5666"))));
    assert!(
        sc.dependencies
            .iter()
            .any(|d| matches!(&d.notation, DepNotation::Files { include, .. } if include.len() == 2))
    );
    assert!(sc.repositories.iter().any(|r| r.kind == RepoKind::FlatDir && r.scope == RepoScope::Project));
    assert_eq!(a.source_sets.len(), 1);
}

#[test]
fn corpus_timpush_settings() {
    let Some(t) = corpus("timsdk-2024-04-timpush/Demo/settings.gradle") else { return };
    let sc = g(&t);
    assert_eq!(sc.includes.first().map(|i| i.value.as_str()), Some(":app"));
    assert!(!sc.includes.iter().any(|i| i.value == ":tuiofflinepush"), "commented out");
    assert!(
        sc.project_dirs
            .iter()
            .any(|p| p.project.value == ":tuicore" && p.dir.value == s("../TUIKit/TUICore/tuicore"))
    );
    assert!(sc.repositories.iter().all(|r| r.conditional));
    assert!(sc.repositories.iter().any(|r| r.scope == RepoScope::PluginManagement));
    assert!(sc.repositories.iter().any(|r| r.scope == RepoScope::DependencyResolution));
}

#[test]
fn corpus_timpush_root() {
    let Some(t) = corpus("timsdk-2024-04-timpush/Demo/build.gradle") else { return };
    let sc = g(&t);
    let cp: Vec<_> = sc.classpath.iter().map(|d| (gav(d).0, d.conditional)).collect();
    assert!(cp.contains(&("com.huawei.agconnect".to_string(), false)));
    assert!(cp.contains(&("com.android.tools.build".to_string(), true)));
    assert!(sc.ext.iter().any(|e| e.name.value == "minSdkVersion" && e.value.value == Value::Int(19)));
    assert!(sc.ext.iter().any(|e| e.name.value == "liteavSdk"));
    assert!(sc.vars.iter().any(|v| v.name.value == "currentGradleVersion"));
    assert!(sc.repositories.iter().any(|r| r.scope == RepoScope::AllProjects));
}

#[test]
fn corpus_tpns_app_unquoted_placeholder_keys() {
    let Some(t) = corpus("timsdk-2022-01-tpns-plugin/Demo/app/build.gradle") else { return };
    let sc = g(&t);
    let ph = placeholders(&sc.android.default_config);
    assert_eq!(
        ph,
        vec![
            ("XG_ACCESS_ID".into(), s(""), PlaceholderOpKind::Assign { group: 1 }),
            ("XG_ACCESS_KEY".into(), s(""), PlaceholderOpKind::Assign { group: 1 }),
        ]
    );
    assert_eq!(plugin_ids(&sc), vec![s("com.android.application"), s("com.tencent.android.tpns")]);
}

#[test]
fn corpus_offlinepush_module_conditional_srcdirs() {
    let Some(t) = corpus("timsdk-2024-04-timpush/TUIKit/TUIOfflinePush/tuiofflinepush/build.gradle") else {
        return;
    };
    let sc = g(&t);
    assert_eq!(sc.plugins[0].syntax, PluginSyntax::PluginsBlock);
    assert!(sc.ext.iter().any(|e| e.name.value == "UNIAPP_MODEL" && e.value.value == Value::Bool(false)));
    assert_eq!(sc.android.source_sets.first().map(|s| s.java_src_dirs.len()), Some(4));
    let fcm = sc.dependencies.iter().filter(|d| !d.conditional).count();
    assert!(fcm >= 7);
    assert!(sc.dependencies.iter().any(|d| d.conditional && d.configuration.value == "compileOnly"));
}

#[test]
fn corpus_legacy_app() {
    let Some(t) = corpus("timsdk-2020-03-legacy/app/build.gradle") else { return };
    let sc = g(&t);
    let meizu = sc
        .dependencies
        .iter()
        .find(|d| matches!(&d.notation, DepNotation::Module { ext: Some(e), .. } if e == "aar"))
        .expect("@aar dependency");
    assert_eq!(gav(meizu).2, Some(s("3.6.+")));
    assert!(sc.dependencies.iter().any(|d| d.configuration.value == "compile"));
}
#[test]
fn fallback_depth_fits_a_small_stack() {
    // The caller-thread fallback must survive its limit on a 2 MB test thread.
    let t = "a {".repeat(100_000);
    let sc = parse_with_depth(&t, Dsl::Groovy, FALLBACK_DEPTH);
    assert!(sc.errors.iter().any(|e| e.message.contains("nesting")));
}

#[test]
fn realistic_kotlin_build_script() {
    let t = r#"import java.util.Properties
import java.io.FileInputStream

plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    id("com.google.gms.google-services")
}

val keystoreProperties = Properties()
val keystoreFile = rootProject.file("keystore.properties")
if (keystoreFile.exists()) {
    keystoreProperties.load(FileInputStream(keystoreFile))
}

android {
    namespace = "com.example.push"
    compileSdk = 34

    defaultConfig {
        applicationId = "com.example.push"
        minSdk = 24
        targetSdk = 34
        versionCode = 1
        versionName = "1.0"
        testInstrumentationRunner = "androidx.test.runner.AndroidJUnitRunner"
        manifestPlaceholders += mapOf(
            "VIVO_APPKEY" to "key",
            "VIVO_APPID" to (project.findProperty("vivoAppId") as String? ?: ""),
        )
        buildConfigField("String", "X", "\"y\"")
    }
    signingConfigs {
        create("release") {
            storeFile = file(keystoreProperties["storeFile"] as String)
        }
    }
    buildTypes {
        release {
            isMinifyEnabled = false
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
            signingConfig = signingConfigs.getByName("release")
        }
    }
    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_1_8
        targetCompatibility = JavaVersion.VERSION_1_8
    }
    kotlinOptions { jvmTarget = "1.8" }
    packaging { resources { excludes += "/META-INF/{AL2.0,LGPL2.1}" } }
}

tasks.withType<org.jetbrains.kotlin.gradle.tasks.KotlinCompile>().configureEach {
    kotlinOptions.jvmTarget = "17"
}

dependencies {
    implementation(libs.androidx.core.ktx)
    implementation(platform(libs.firebase.bom))
    implementation("com.google.firebase:firebase-messaging")
    implementation("com.huawei.hms:push:6.11.0.300")
    testImplementation(libs.junit)
    androidTestImplementation(libs.androidx.junit)
}
"#;
    let sc = k(t);
    assert!(sc.errors.is_empty(), "{:?}", sc.errors);
    assert_eq!(sc.plugins.len(), 3);
    assert_eq!(sc.android.namespace.as_ref().map(|v| v.value.clone()), Some(s("com.example.push")));
    let ph = placeholders(&sc.android.default_config);
    assert_eq!(ph.len(), 2);
    assert_eq!(ph[0], ("VIVO_APPKEY".into(), s("key"), PlaceholderOpKind::Add));
    assert_eq!(ph[1].1, Value::Unknown);
    assert_eq!(sc.android.build_types.len(), 1);
    assert_eq!(sc.dependencies.len(), 6);
    assert_eq!(gav(&sc.dependencies[2]), ("com.google.firebase".into(), "firebase-messaging".into(), None));
    assert!(
        matches!(&sc.dependencies[1].notation, DepNotation::Platform(p) if matches!(**p, DepNotation::Catalog(_)))
    );
    assert!(sc.vars.iter().any(|v| v.name.value == "keystoreFile"));
}

#[test]
fn realistic_groovy_build_script() {
    let t = r#"apply plugin: 'com.android.application'
def keystorePropertiesFile = rootProject.file("keystore.properties")
def keystoreProperties = new Properties()
if (keystorePropertiesFile.exists()) keystoreProperties.load(new FileInputStream(keystorePropertiesFile))

android {
    compileSdkVersion 33
    defaultConfig {
        applicationId "com.example"
        minSdkVersion 21
        targetSdkVersion 33
        ndk { abiFilters 'armeabi-v7a', 'arm64-v8a' }
        manifestPlaceholders = [
            XIAOMI_APPID : "${xiaomiAppId}",
            "OPPO_APPKEY": project.hasProperty('oppoKey') ? oppoKey : "",
        ]
    }
    signingConfigs {
        release {
            storeFile file(keystoreProperties['storeFile'])
            storePassword keystoreProperties['storePassword']
        }
    }
    buildTypes {
        release {
            minifyEnabled true
            proguardFiles getDefaultProguardFile('proguard-android.txt'), 'proguard-rules.pro'
            signingConfig signingConfigs.release
        }
    }
    lintOptions { abortOnError false }
    packagingOptions { exclude 'META-INF/DEPENDENCIES' }
    applicationVariants.all { variant ->
        variant.outputs.all { output ->
            outputFileName = "app-${variant.name}-${variant.versionName}.apk"
        }
    }
}

task copyJson(type: Copy) {
    from 'src/main/agconnect-services.json'
    into "$buildDir/intermediates"
}

tasks.register('hello') {
    doLast { println "hi ${project.name}" }
}

dependencies {
    implementation fileTree(dir: 'libs', include: ['*.jar'])
    implementation "com.xiaomi:mipush:${rootProject.ext.miVersion}"
    implementation(name: 'oppo-push-3.1.0', ext: 'aar')
    implementation 'com.vivo:push:3.0.0.4' exclude group: 'x'
}
"#;
    let sc = g(t);
    assert!(sc.errors.is_empty(), "{:?}", sc.errors);
    let ph = placeholders(&sc.android.default_config);
    assert_eq!(ph.len(), 2);
    assert_eq!(ph[0].0, "XIAOMI_APPID");
    assert_eq!(ph[0].1, Value::Template(vec![TemplatePart::Expr("xiaomiAppId".into())]));
    // `project.hasProperty('oppoKey') ? oppoKey : ""`: the property, else the blank default.
    assert_eq!(ph[1].0, "OPPO_APPKEY");
    assert!(
        matches!(&ph[1].1, Value::Fallback(fb) if fb.name.value == "oppoKey" && fb.default.value == s("")),
        "{:?}",
        ph[1].1
    );
    assert_eq!(sc.android.build_types.len(), 1);
    assert_eq!(sc.vars.len(), 2);
    assert_eq!(sc.dependencies.len(), 4, "{:#?}", sc.dependencies);
    assert_eq!(gav(&sc.dependencies[1]).2, Some(r("rootProject.ext.miVersion")));
    assert!(matches!(&sc.dependencies[2].notation, DepNotation::Named { ext: Some(e), .. } if e == "aar"));
}
