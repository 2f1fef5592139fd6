//! Kotlin Multiplatform source-set dependencies and `sourceSets` folder statements.

use super::*;

fn coords(sc: &GradleScript) -> Vec<String> {
    sc.dependencies.iter().map(|d| format!("{} {}", d.configuration.value, gav(d).1)).collect()
}

#[test]
fn kmp_android_and_common_dependencies() {
    let sc = k(
        "kotlin {\n androidTarget()\n sourceSets {\n  androidMain.dependencies {\n   implementation(\"com.tencent.timpush:timpush:8.1\")\n  }\n  \
                commonMain.dependencies { api(\"org.x:common:1\") }\n  iosMain.dependencies { implementation(\"org.x:ios:1\") }\n  \
                val androidMain by getting { dependencies { implementation(\"com.tencent.timpush:xiaomi:8.1\") } }\n  \
                val iosTest by getting { dependencies { implementation(\"org.x:iostest:1\") } }\n  \
                getByName(\"androidMain\") { dependencies { implementation(\"com.tencent.timpush:vivo:8.1\") } }\n }\n}",
    );
    assert_eq!(
        coords(&sc),
        vec!["implementation timpush", "api common", "implementation xiaomi", "implementation vivo"]
    );
    // The same names outside `kotlin { }` are no source sets.
    let sc = k(
        "android { sourceSets { getByName(\"main\") { } } }\nval androidMain by getting { dependencies { implementation(\"a:b:1\") } }",
    );
    assert!(sc.dependencies.is_empty());
}

#[test]
fn source_set_folder_ops() {
    let t = "android { sourceSets { main {\n java.srcDirs = ['src', 'gen']\n kotlin.srcDir 'k'\n res.srcDirs += 'src/main/res-x'\n \
             assets.srcDirs = ['assets']\n if (flag) { java.srcDirs = ['other'] }\n } } }";
    let sc = g(t);
    let ops: Vec<_> = sc.android.source_sets[0]
        .dir_ops
        .iter()
        .map(|o| (o.kind, o.dir.value.literal().unwrap_or_default(), o.replace, o.conditional))
        .collect();
    assert_eq!(
        ops,
        vec![
            (SrcKind::Java, "src".into(), true, false),
            (SrcKind::Java, "gen".into(), false, false),
            (SrcKind::Kotlin, "k".into(), false, false),
            (SrcKind::Res, "src/main/res-x".into(), false, false),
            (SrcKind::Assets, "assets".into(), true, false),
            (SrcKind::Java, "other".into(), true, true),
        ]
    );
    let sc = k(
        "android { sourceSets { getByName(\"main\") {\n java.setSrcDirs(listOf(\"j\"))\n kotlin.srcDirs(\"k1\", \"k2\")\n assets { srcDirs(\"a\") }\n } } }",
    );
    let ops: Vec<_> = sc.android.source_sets[0].dir_ops.iter().map(|o| (o.kind, o.replace)).collect();
    assert_eq!(
        ops,
        vec![
            (SrcKind::Java, true),
            (SrcKind::Kotlin, false),
            (SrcKind::Kotlin, false),
            (SrcKind::Assets, false)
        ]
    );
}
