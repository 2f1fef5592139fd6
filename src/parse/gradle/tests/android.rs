//! The `android {}` block, placeholders, `ext` and locals.

use super::*;

// ---- android ----

#[test]
fn groovy_android_block() {
    let t = "android {\n namespace 'com.x.app'\n compileSdkVersion 33\n defaultConfig {\n  applicationId \"com.x\"\n  \
             minSdkVersion rootProject.ext.minSdkVersion\n  targetSdkVersion 28\n }\n flavorDimensions 'store', 'tier'\n \
             productFlavors {\n  china { dimension 'store'; applicationIdSuffix '.cn' }\n  google {\n   dimension 'store'\n  }\n }\n \
             buildTypes {\n  release { minifyEnabled true }\n  debug { applicationIdSuffix '.debug' }\n }\n}";
    let sc = g(t);
    let a = &sc.android;
    assert!(a.present);
    assert_eq!(a.namespace.as_ref().map(|v| v.value.clone()), Some(s("com.x.app")));
    assert_eq!(at(t, a.namespace.as_ref().map(|v| v.range).unwrap_or_default()), "'com.x.app'");
    assert_eq!(a.compile_sdk.as_ref().map(|v| v.value.clone()), Some(Value::Int(33)));
    let dc = &a.default_config;
    assert_eq!(dc.application_id.as_ref().map(|v| v.value.clone()), Some(s("com.x")));
    assert_eq!(dc.min_sdk.as_ref().map(|v| v.value.clone()), Some(r("rootProject.ext.minSdkVersion")));
    assert_eq!(dc.target_sdk.as_ref().map(|v| v.value.clone()), Some(Value::Int(28)));
    assert!(at(t, dc.range).starts_with("defaultConfig {"));
    let dims: Vec<_> = a.flavor_dimensions.iter().map(|d| d.value.as_str()).collect();
    assert_eq!(dims, vec!["store", "tier"]);
    let names: Vec<_> =
        a.product_flavors.iter().filter_map(|f| f.name.as_ref()).map(|n| n.value.as_str()).collect();
    assert_eq!(names, vec!["china", "google"]);
    let china = &a.product_flavors[0];
    assert_eq!(china.dimension.as_ref().map(|v| v.value.clone()), Some(s("store")));
    assert_eq!(china.application_id_suffix.as_ref().map(|v| v.value.clone()), Some(s(".cn")));
    assert!(at(t, china.range).starts_with("china {"));
    let bts: Vec<_> =
        a.build_types.iter().filter_map(|f| f.name.as_ref()).map(|n| n.value.as_str()).collect();
    assert_eq!(bts, vec!["release", "debug"]);
    assert_eq!(a.build_types[1].application_id_suffix.as_ref().map(|v| v.value.clone()), Some(s(".debug")));
}

#[test]
fn kotlin_android_block() {
    let t = "android {\n namespace = \"com.x.app\"\n compileSdk = 34\n defaultConfig {\n  applicationId = \"com.x\"\n  \
             minSdk = libs.versions.minSdk.get().toInt()\n  targetSdk = 34\n }\n flavorDimensions += listOf(\"store\")\n \
             productFlavors {\n  create(\"china\") { dimension = \"store\"; applicationIdSuffix = \".cn\" }\n  register(\"gp\")\n }\n \
             buildTypes {\n  getByName(\"release\") { isMinifyEnabled = true }\n  create(\"staging\") { }\n  named(\"debug\") { }\n }\n}";
    let sc = k(t);
    let a = &sc.android;
    assert!(a.present);
    assert_eq!(a.namespace.as_ref().map(|v| v.value.clone()), Some(s("com.x.app")));
    assert_eq!(a.compile_sdk.as_ref().map(|v| v.value.clone()), Some(Value::Int(34)));
    assert_eq!(a.default_config.min_sdk.as_ref().map(|v| v.value.clone()), Some(r("libs.versions.minSdk")));
    assert_eq!(a.flavor_dimensions.iter().map(|d| d.value.as_str()).collect::<Vec<_>>(), vec!["store"]);
    let names: Vec<_> =
        a.product_flavors.iter().filter_map(|f| f.name.as_ref()).map(|n| n.value.as_str()).collect();
    assert_eq!(names, vec!["china", "gp"]);
    assert_eq!(at(t, a.product_flavors[0].name.as_ref().map(|n| n.range).unwrap_or_default()), "china");
    assert_eq!(a.product_flavors[0].dimension.as_ref().map(|v| v.value.clone()), Some(s("store")));
    let bts: Vec<_> =
        a.build_types.iter().filter_map(|f| f.name.as_ref()).map(|n| n.value.as_str()).collect();
    assert_eq!(bts, vec!["release", "staging", "debug"]);
}

#[test]
fn flavor_dimension_forms() {
    let dims =
        |sc: GradleScript| sc.android.flavor_dimensions.into_iter().map(|d| d.value).collect::<Vec<_>>();
    assert_eq!(dims(k("android { flavorDimensions(\"a\", \"b\") }")), vec!["a", "b"]);
    assert_eq!(dims(g("android { flavorDimensions = ['a'] }")), vec!["a"]);
    assert_eq!(
        dims(k("android { flavorDimensions += \"a\"\n flavorDimensions.add(\"b\") }")),
        vec!["a", "b"]
    );
}

#[test]
fn sdk_versions_call_forms() {
    let sc = k("android { defaultConfig { minSdkVersion(21)\n targetSdkVersion(33) } }");
    assert_eq!(sc.android.default_config.min_sdk.map(|v| v.value), Some(Value::Int(21)));
    assert_eq!(sc.android.default_config.target_sdk.map(|v| v.value), Some(Value::Int(33)));
}

#[test]
fn source_sets() {
    let t = "android {\n sourceSets {\n  main {\n   manifest.srcFile 'src/main/AndroidManifest.xml'\n   \
             java.srcDirs = ['src/main/java', 'src/x']\n   java.srcDir 'b'\n   assets.srcDirs += 'c'\n  }\n  \
             china.manifest.srcFile 'src/china/M.xml'\n }\n}";
    let sc = g(t);
    let ss = &sc.android.source_sets;
    assert_eq!(ss.len(), 2);
    assert_eq!(ss[0].name.value, "main");
    assert_eq!(
        ss[0].manifest_src_file.as_ref().map(|v| v.value.clone()),
        Some(s("src/main/AndroidManifest.xml"))
    );
    assert_eq!(
        at(t, ss[0].manifest_src_file.as_ref().map(|v| v.range).unwrap_or_default()),
        "'src/main/AndroidManifest.xml'"
    );
    let java: Vec<_> = ss[0].java_src_dirs.iter().map(|v| v.value.clone()).collect();
    assert_eq!(java, vec![s("src/main/java"), s("src/x"), s("b")]);
    assert_eq!(ss[0].assets_src_dirs.iter().map(|v| v.value.clone()).collect::<Vec<_>>(), vec![s("c")]);
    assert_eq!(ss[1].name.value, "china");
    let sc = k(
        "android { sourceSets { getByName(\"main\") { manifest.srcFile(\"m.xml\")\n java.srcDirs(\"j\") } } }",
    );
    let ss = &sc.android.source_sets;
    assert_eq!(ss[0].name.value, "main");
    assert_eq!(ss[0].manifest_src_file.as_ref().map(|v| v.value.clone()), Some(s("m.xml")));
    assert_eq!(ss[0].java_src_dirs.len(), 1);
}

// ---- manifest placeholders ----

#[test]
fn groovy_placeholders_assign_with_quoted_and_bare_keys() {
    let t = "android { defaultConfig {\n manifestPlaceholders = [VIVO_APPKEY : \"k\", \"VIVO_APPID\": 'i']\n \
             manifestPlaceholders = [A: '1']\n} }";
    let sc = g(t);
    let ph = placeholders(&sc.android.default_config);
    assert_eq!(
        ph,
        vec![
            ("VIVO_APPKEY".into(), s("k"), PlaceholderOpKind::Assign { group: 1 }),
            ("VIVO_APPID".into(), s("i"), PlaceholderOpKind::Assign { group: 1 }),
            ("A".into(), s("1"), PlaceholderOpKind::Assign { group: 2 }),
        ]
    );
    let ops = &sc.android.default_config.manifest_placeholders;
    assert_eq!(at(t, ops[0].key.range), "VIVO_APPKEY");
    assert_eq!(at(t, ops[1].key.range), "VIVO_APPID");
    assert_eq!(at(t, ops[1].value.range), "'i'");
}

#[test]
fn groovy_placeholder_add_forms() {
    let t = "android { defaultConfig {\n manifestPlaceholders += [A: 'a']\n manifestPlaceholders.put(\"B\", \"b\")\n \
             manifestPlaceholders.C = \"c\"\n manifestPlaceholders[\"D\"] = \"d\"\n manifestPlaceholders.putAll([E: 'e'])\n \
             addManifestPlaceholders([F: 'f'])\n} }";
    let sc = g(t);
    let ph = placeholders(&sc.android.default_config);
    let keys: Vec<_> = ph.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(keys, vec!["A", "B", "C", "D", "E", "F"]);
    assert!(ph.iter().all(|p| p.2 == PlaceholderOpKind::Add));
    let ops = &sc.android.default_config.manifest_placeholders;
    assert_eq!(at(t, ops[1].key.range), "B");
    assert_eq!(at(t, ops[3].key.range), "D");
    assert_eq!(at(t, ops[3].value.range), "\"d\"");
}

#[test]
fn kotlin_placeholder_forms() {
    let t = "android { defaultConfig {\n manifestPlaceholders[\"A\"] = \"a\"\n manifestPlaceholders.putAll(mapOf(\"B\" to \"b\"))\n \
             manifestPlaceholders += mapOf(\"C\" to \"c\")\n manifestPlaceholders.put(\"D\", \"d\")\n \
             addManifestPlaceholders(mapOf(\"E\" to \"e\"))\n manifestPlaceholders = mapOf(\"F\" to \"f\")\n \
             manifestPlaceholders = mapOf()\n} }";
    let sc = k(t);
    let ph = placeholders(&sc.android.default_config);
    assert_eq!(ph.len(), 7, "{ph:?}");
    assert!(ph[..5].iter().all(|p| p.2 == PlaceholderOpKind::Add));
    assert_eq!(ph[5], ("F".into(), s("f"), PlaceholderOpKind::Assign { group: 1 }));
    assert_eq!(ph[6].2, PlaceholderOpKind::Clear { group: 2 });
    assert_eq!(at(t, sc.android.default_config.manifest_placeholders[1].key.range), "B");
}

#[test]
fn placeholders_clear_and_flavor_and_conditional() {
    let sc = g("android {\n defaultConfig { manifestPlaceholders = [:] }\n productFlavors {\n  cn {\n   \
                if (x) { manifestPlaceholders.put('K', 'v') }\n  }\n }\n}");
    assert_eq!(placeholders(&sc.android.default_config)[0].2, PlaceholderOpKind::Clear { group: 1 });
    let cn = &sc.android.product_flavors[0];
    assert_eq!(cn.manifest_placeholders.len(), 1);
    assert!(cn.manifest_placeholders[0].conditional);
}

#[test]
fn placeholders_in_build_types_kotlin() {
    let sc = k("android { buildTypes { getByName(\"debug\") { manifestPlaceholders[\"K\"] = \"dbg\" } } }");
    assert_eq!(
        placeholders(&sc.android.build_types[0]),
        vec![("K".into(), s("dbg"), PlaceholderOpKind::Add)]
    );
}

// ---- ext / vars ----

#[test]
fn groovy_ext_forms() {
    let t = "ext {\n compileSdkVersion = 28\n abiFilters = ['a']\n}\next.hms = '6.1'\next['x'] = 'y'\n\
             ext.set('z', 'w')\nproject.ext.p = 1\nrootProject.ext.q = 2\nbuildscript { ext.kotlin_version = '1.9' }";
    let sc = g(t);
    let e: Vec<_> = sc.ext.iter().map(|a| (a.name.value.as_str(), a.value.value.clone())).collect();
    assert_eq!(
        e,
        vec![
            ("compileSdkVersion", Value::Int(28)),
            ("abiFilters", Value::Unknown),
            ("hms", s("6.1")),
            ("x", s("y")),
            ("z", s("w")),
            ("p", Value::Int(1)),
            ("q", Value::Int(2)),
            ("kotlin_version", s("1.9")),
        ]
    );
    assert_eq!(at(t, sc.ext[2].name.range), "hms");
}

#[test]
fn kotlin_ext_forms() {
    let sc = k(
        "extra[\"a\"] = \"1\"\nextra.set(\"b\", \"2\")\nval c by extra(\"3\")\nval d: String by extra(\"4\")\n\
                rootProject.extra[\"e\"] = 5\nextra.apply { set(\"f\", \"6\") }",
    );
    let e: Vec<_> = sc.ext.iter().map(|a| (a.name.value.as_str(), a.value.value.clone())).collect();
    assert_eq!(
        e,
        vec![("a", s("1")), ("b", s("2")), ("c", s("3")), ("d", s("4")), ("e", Value::Int(5)), ("f", s("6"))]
    );
    assert!(sc.vars.is_empty());
}

#[test]
fn ext_map_entries_are_flattened() {
    let sc = g("ext { versions = [hms: '6.1'] }");
    let names: Vec<_> = sc.ext.iter().map(|a| a.name.value.as_str()).collect();
    assert_eq!(names, vec!["versions.hms", "versions"]);
}

#[test]
fn vars_forms() {
    let t = "def a = 'x'\ndef (b, c) = [1, 2]\nString d = 'y'\nVersionNumber v = VersionNumber.parse('1')\n\
             final e = 3\nif (z) { def f = 'c' }\ndependencies { def g = 'in' }";
    let sc = g(t);
    let v: Vec<_> = sc.vars.iter().map(|a| (a.name.value.as_str(), a.conditional)).collect();
    assert_eq!(v, vec![("a", false), ("d", false), ("v", false), ("e", false), ("f", true), ("g", false)]);
    assert_eq!(at(t, sc.vars[0].name.range), "a");
    assert_eq!(at(t, sc.vars[0].value.range), "'x'");
    let sc = k(
        "val a = \"x\"\nvar b = 1\nconst val c = \"k\"\nprivate val d: String = \"t\"\nval e: Map<String, Int> = mapOf()",
    );
    let v: Vec<_> = sc.vars.iter().map(|a| (a.name.value.as_str(), a.value.value.clone())).collect();
    assert_eq!(
        v,
        vec![("a", s("x")), ("b", Value::Int(1)), ("c", s("k")), ("d", s("t")), ("e", Value::Unknown)]
    );
}

#[test]
fn functions_and_classes_are_skipped() {
    let sc = k("fun foo(a: Int): String {\n val x = 1\n return \"\"\n}\nclass A { val y = 2 }\nval z = 3");
    assert_eq!(sc.vars.iter().map(|v| v.name.value.as_str()).collect::<Vec<_>>(), vec!["z"]);
    let sc = g("def foo(a) {\n def x = 1\n}\ndef z = 3");
    assert_eq!(sc.vars.iter().map(|v| v.name.value.as_str()).collect::<Vec<_>>(), vec!["z"]);
}

#[test]
fn app_id_mentions_are_settings_not_extra_properties_or_reads() {
    let mentions =
        |t: &str| -> Vec<String> { g(t).app_id_mentions.iter().map(|m| m.value.clone()).collect() };
    // An `ext` map named `applicationId` (a shared config script) and reads of it set nothing.
    let config = "ext {\n applicationId = [\n  \"app\" : \"io.demo\"\n ]\n}\next.applicationId = 'x'\n";
    assert!(mentions(config).is_empty());
    let module = "android { defaultConfig { applicationId rootProject.ext.applicationId.app } }\n\
                  def ids = [applicationId: 'y']\nprintln(applicationId[\"app\"])\n";
    assert_eq!(mentions(module), ["applicationId"]);
    let shared = "subprojects {\n android { defaultConfig { applicationIdSuffix = '.dev' } }\n}\n";
    assert_eq!(mentions(shared), ["applicationIdSuffix"]);
}

#[test]
fn placeholder_writes_are_found_wherever_they_are() {
    let keys = |sc: &GradleScript| -> Vec<String> {
        sc.placeholder_writes.iter().map(|w| w.value.clone()).collect()
    };
    // A Kotlin extension function on VariantDimension, called from build types.
    let kts = "fun VariantDimension.setPostfix(p: String) {\n  manifestPlaceholders[\"authority_postfix\"] = p\n}\n\
               androidComponents { onVariants { v -> v.manifestPlaceholders.put(\"flavor_key\", \"x\") } }\n\
               android { defaultConfig { manifestPlaceholders += mapOf(\"A\" to \"1\", \"B\" to c) } }\n";
    assert_eq!(keys(&k(kts)), ["authority_postfix", "flavor_key", "A", "B"]);
    // Blocks whose receiver is the map.
    let scoped = "android { defaultConfig {\n with(manifestPlaceholders) {\n  put(\"uriScheme\", \"acme\")\n  put(\"callMime\", \"x/$applicationId\")\n }\n\
                  manifestPlaceholders.apply { this[\"actionUrl\"] = \"go.acme\" }\n} }\n";
    assert_eq!(keys(&k(scoped)), ["uriScheme", "callMime", "actionUrl"]);
    let groovy = "def setKeys(c) { c.manifestPlaceholders = [VIVO_APPID: x ? a : b, HONOR_APPID: '1'] }\n\
                  applicationVariants.all { v -> v.mergedFlavor.manifestPlaceholders.putAll([XM_KEY: '2']) }\n\
                  android { defaultConfig { addManifestPlaceholders([MZ_KEY: '3']); manifestPlaceholders.OP_KEY = '4' } }\n";
    assert_eq!(keys(&g(groovy)), ["VIVO_APPID", "HONOR_APPID", "XM_KEY", "MZ_KEY", "OP_KEY"]);
}
