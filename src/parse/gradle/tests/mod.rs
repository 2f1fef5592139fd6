//! Tests of the Gradle script parser: every supported form in both DSLs, spans, conditionals,
//! malformed input and the real-world corpus.

use super::*;

mod android;
mod build_logic;
mod corpus;
mod fallback;
mod layout;

fn g(text: &str) -> GradleScript {
    GradleScript::parse(text, Dsl::Groovy)
}

fn k(text: &str) -> GradleScript {
    GradleScript::parse(text, Dsl::Kotlin)
}

fn s(v: &str) -> Value {
    Value::Str(v.to_string())
}

fn r(v: &str) -> Value {
    Value::Ref(v.to_string())
}

fn at(text: &str, range: TextRange) -> &str {
    text.get(range.as_usize()).unwrap_or("<out of range>")
}

fn plugin_ids(sc: &GradleScript) -> Vec<Value> {
    sc.plugins.iter().map(|p| p.id.value.clone()).collect()
}

/// (group, name, version) literals of a module dependency.
fn gav(d: &Dependency) -> (String, String, Option<Value>) {
    match &d.notation {
        DepNotation::Module { group, name, version, .. } => (
            group.value.literal().unwrap_or_default(),
            name.value.literal().unwrap_or_default(),
            version.as_ref().map(|v| v.value.clone()),
        ),
        other => panic!("not a module: {other:?}"),
    }
}

fn placeholders(pc: &ProductConfig) -> Vec<(String, Value, PlaceholderOpKind)> {
    pc.manifest_placeholders
        .iter()
        .map(|p| (p.key.value.clone(), p.value.value.clone(), p.kind.clone()))
        .collect()
}

// ---- tokenizer / values ----

#[test]
fn empty_and_comment_only() {
    assert!(g("").errors.is_empty());
    assert!(k("// hi\n/* x */\n").errors.is_empty());
    let sc = g("/* a */ // b\n");
    assert!(sc.plugins.is_empty() && sc.errors.is_empty());
}

#[test]
fn groovy_string_forms() {
    let t =
        "def a = 'x\\'y'\ndef b = \"q\\\"\\n\\u0041\\$z\"\ndef c = '''m\nl'''\ndef d = \"\"\"t${v}\"\"\"\n";
    let sc = g(t);
    let v: Vec<_> = sc.vars.iter().map(|a| (a.name.value.as_str(), a.value.value.clone())).collect();
    assert_eq!(v[0], ("a", s("x'y")));
    assert_eq!(v[1], ("b", s("q\"\nA$z")));
    assert_eq!(v[2], ("c", s("m\nl")));
    assert_eq!(
        v[3],
        ("d", Value::Template(vec![TemplatePart::Lit("t".into()), TemplatePart::Expr("v".into())]))
    );
    assert!(sc.errors.is_empty(), "{:?}", sc.errors);
}

#[test]
fn gstring_dotted_and_kotlin_simple_interpolation() {
    let sc = g("def a = \"$System.env.X/y\"");
    assert_eq!(
        sc.vars[0].value.value,
        Value::Template(vec![TemplatePart::Expr("System.env.X".into()), TemplatePart::Lit("/y".into())])
    );
    let sc = k("val a = \"$b.c ${ d.e }\"");
    assert_eq!(
        sc.vars[0].value.value,
        Value::Template(vec![
            TemplatePart::Expr("b".into()),
            TemplatePart::Lit(".c ".into()),
            TemplatePart::Expr("d.e".into())
        ])
    );
    // `$` not followed by a name stays literal; single quotes never interpolate in Groovy.
    assert_eq!(g("def a = \"5$\"").vars[0].value.value, s("5$"));
    assert_eq!(g("def a = '$x'").vars[0].value.value, s("$x"));
}

#[test]
fn dependencies_declared_for_other_projects() {
    let sc = g("allprojects {\n  dependencies { implementation 'a:all:1' }\n}\n\
        subprojects {\n  afterEvaluate { dependencies { api 'a:sub:2' } }\n}\n\
        dependencies { implementation 'a:own:3' }\n");
    let shared: Vec<_> = sc
        .shared_dependencies
        .iter()
        .map(|(scope, d)| (*scope, d.configuration.value.as_str(), gav(d).1))
        .collect();
    assert_eq!(
        shared,
        vec![
            (RepoScope::AllProjects, "implementation", "all".to_string()),
            (RepoScope::Subprojects, "api", "sub".to_string())
        ]
    );
    assert_eq!(sc.dependencies.len(), 1);
    assert_eq!(gav(&sc.dependencies[0]).1, "own");
    let sc = k("subprojects {\n  dependencies { \"implementation\"(\"a:sub:2\") }\n}\n");
    assert_eq!(sc.shared_dependencies.len(), 1);
    assert!(sc.dependencies.is_empty());
}

#[test]
fn reassigned_locals_are_recorded_as_not_static() {
    // (name, value, conditional) of each recorded assignment, in order.
    let vars = |sc: GradleScript| -> Vec<(String, Value, bool)> {
        sc.vars.into_iter().map(|a| (a.name.value, a.value.value, a.conditional)).collect()
    };
    assert_eq!(
        vars(g("def id = 'a'\nif (x) { id = 'b' }\nid += '.c'\n")),
        vec![("id".into(), s("a"), false), ("id".into(), s("b"), true), ("id".into(), s(".c"), true)]
    );
    assert_eq!(
        vars(k("var id = \"a\"\nid = \"b\"\n")),
        vec![("id".into(), s("a"), false), ("id".into(), s("b"), true)]
    );
    // An assignment to a name never declared is a property or a binding, not a local.
    assert!(g("id = 'b'\n").vars.is_empty());
    // Inside `android {}` the same name is the DSL property, not the local.
    let sc = k("val applicationId = \"a\"\nandroid { defaultConfig { applicationId = \"b\" } }\n");
    assert_eq!(sc.vars.len(), 1);
}

#[test]
fn groovy_slashy_strings() {
    let vals = |text: &str| -> Vec<Value> {
        let sc = g(text);
        assert!(sc.errors.is_empty(), "{text}: {:?}", sc.errors);
        sc.vars.into_iter().map(|a| a.value.value).collect()
    };
    assert_eq!(vals(r#"def p = /it's a "path"\/x\d/"#), vec![s(r#"it's a "path"/x\d"#)]);
    assert_eq!(vals("def p = $/a ' \\ $$ $/ b/$"), vec![s("a ' \\ $ / b")]);
    assert_eq!(vals("def p = /two\nlines/"), vec![s("two\nlines")]);
    assert_eq!(
        vals("def p = /v${x}.$y.z/"),
        vec![Value::Template(vec![
            TemplatePart::Lit("v".into()),
            TemplatePart::Expr("x".into()),
            TemplatePart::Lit(".".into()),
            TemplatePart::Expr("y.z".into()),
        ])]
    );
    // After an operand a slash divides; after an operator or `(` it opens a string.
    assert_eq!(vals("def a = 10 / 2 / 5\ndef b = x /2\ndef c = (/s/)\n").len(), 3);
    assert_eq!(vals("def m = 'a' =~ /a+/\n").len(), 1);
    // The rest of the file is still read.
    let sc = g("def p = /it's/\ndependencies { implementation 'a:b:1' }\n");
    assert_eq!(gav(&sc.dependencies[0]), ("a".into(), "b".into(), Some(s("1"))));
    assert_eq!(g("def p = /abc").errors.len(), 1);
    // Kotlin has no slashy strings.
    assert!(k("val a = 10 / 2\nval b = \"x\"\n").errors.is_empty());
}

#[test]
fn kotlin_raw_string_has_no_escapes_but_interpolates() {
    let sc = k("val a = \"\"\"a\\n$b\"\"\"");
    assert_eq!(
        sc.vars[0].value.value,
        Value::Template(vec![TemplatePart::Lit("a\\n".into()), TemplatePart::Expr("b".into())])
    );
}

#[test]
fn interpolation_with_nested_quotes_and_braces() {
    let sc = k("val a = \"x${rootProject.extra[\"v\"]}y\"\nval b = 1");
    assert_eq!(sc.vars.len(), 2);
    assert!(matches!(&sc.vars[0].value.value, Value::Template(p) if p.len() == 3));
}

#[test]
fn nested_block_comments_in_kotlin() {
    let sc = k("/* a /* b */ c */ val x = 1");
    assert_eq!(sc.vars[0].value.value, Value::Int(1));
    assert!(sc.errors.is_empty());
}

#[test]
fn numbers_and_bools() {
    let sc = k("val a = 21\nval b = -3\nval c = 1.5f\nval d = true\nval e = 10L\nval f = 0x1F");
    let v: Vec<_> = sc.vars.iter().map(|a| a.value.value.clone()).collect();
    assert_eq!(
        v,
        vec![
            Value::Int(21),
            Value::Int(-3),
            Value::Unknown,
            Value::Bool(true),
            Value::Int(10),
            Value::Int(31)
        ]
    );
}

#[test]
fn references_and_unknowns() {
    let t = "def a = rootProject.ext.x\ndef b = project.properties['y']\ndef c = findProperty(\"z\")\n\
             def d = a ? b : c\ndef e = a ?: b\ndef f = foo()\ndef g = x + 1\ndef h = project.findProperty('w') as String";
    let v: Vec<_> = g(t).vars.into_iter().map(|a| a.value.value).collect();
    assert_eq!(
        v,
        vec![
            r("rootProject.ext.x"),
            r("project.properties.y"),
            r("z"),
            Value::Unknown,
            Value::Unknown,
            Value::Unknown,
            Value::Unknown,
            r("w")
        ]
    );
}

// ---- plugins ----

#[test]
fn groovy_apply_plugin() {
    let t = "apply plugin: 'com.android.application'\napply plugin: \"com.huawei.agconnect\"\napply from: 'x.gradle'";
    let sc = g(t);
    assert_eq!(plugin_ids(&sc), vec![s("com.android.application"), s("com.huawei.agconnect")]);
    let p = &sc.plugins[0];
    assert_eq!(p.syntax, PluginSyntax::Apply);
    assert!(p.apply && !p.conditional);
    assert_eq!(at(t, p.id.range), "'com.android.application'");
    assert_eq!(at(t, p.range), "apply plugin: 'com.android.application'");
}

#[test]
fn kotlin_apply_plugin() {
    let sc = k("apply(plugin = \"com.google.gms.google-services\")");
    assert_eq!(plugin_ids(&sc), vec![s("com.google.gms.google-services")]);
    assert_eq!(sc.plugins[0].syntax, PluginSyntax::Apply);
}

#[test]
fn kotlin_apply_block_plugin() {
    let sc = k(
        "if (gradle.startParameter.taskRequests.toString().contains(\"Hms\")) {\n  apply {\n    plugin(\"com.huawei.agconnect\")\n  }\n}\napply { from(\"x.gradle.kts\") }\n",
    );
    assert_eq!(plugin_ids(&sc), vec![s("com.huawei.agconnect")]);
    assert_eq!(sc.plugins[0].syntax, PluginSyntax::Apply);
    assert!(sc.plugins[0].conditional && sc.plugins[0].apply);
}

#[test]
fn apply_plugin_inside_a_flavor_applies_it_to_the_project() {
    let sc = g(
        "android { productFlavors { gplay {\n apply plugin: 'com.google.gms.google-services'\n dimension 'store'\n} } }",
    );
    assert_eq!(plugin_ids(&sc), vec![s("com.google.gms.google-services")]);
    assert!(!sc.plugins[0].conditional);
}

#[test]
fn conditional_apply_plugin() {
    let sc = g("if (hasGms) {\n  apply plugin: 'com.google.gms.google-services'\n} else apply plugin: 'x'");
    assert_eq!(sc.plugins.len(), 2);
    assert!(sc.plugins.iter().all(|p| p.conditional));
}

#[test]
fn groovy_plugins_block() {
    let t = "plugins {\n  id 'com.android.application'\n  id 'com.huawei.agconnect' version '1.9.1.300' apply false\n  id(\"x.y\")\n}";
    let sc = g(t);
    assert_eq!(plugin_ids(&sc), vec![s("com.android.application"), s("com.huawei.agconnect"), s("x.y")]);
    let p = &sc.plugins[1];
    assert_eq!(p.syntax, PluginSyntax::PluginsBlock);
    assert!(!p.apply);
    assert_eq!(p.version.as_ref().map(|v| v.value.clone()), Some(s("1.9.1.300")));
    assert_eq!(at(t, p.version.as_ref().map(|v| v.range).unwrap_or_default()), "'1.9.1.300'");
    assert!(sc.plugins[0].apply && sc.plugins[0].version.is_none());
}

#[test]
fn kotlin_plugins_block() {
    let t = "plugins {\n  id(\"com.android.application\")\n  id(\"com.google.gms.google-services\") version \"4.4.0\" apply false\n  \
             alias(libs.plugins.agconnect) apply false\n  kotlin(\"android\")\n  `java-library`\n  application\n  \
             id(\"a.b\").version(\"2\").apply(false)\n}";
    let sc = k(t);
    assert_eq!(
        plugin_ids(&sc),
        vec![
            s("com.android.application"),
            s("com.google.gms.google-services"),
            r("libs.plugins.agconnect"),
            s("org.jetbrains.kotlin.android"),
            s("java-library"),
            s("application"),
            s("a.b"),
        ]
    );
    let syn: Vec<_> = sc.plugins.iter().map(|p| p.syntax.clone()).collect();
    assert_eq!(
        syn,
        vec![
            PluginSyntax::PluginsBlock,
            PluginSyntax::PluginsBlock,
            PluginSyntax::Alias,
            PluginSyntax::Builtin,
            PluginSyntax::Builtin,
            PluginSyntax::Builtin,
            PluginSyntax::PluginsBlock
        ]
    );
    let applies: Vec<_> = sc.plugins.iter().map(|p| p.apply).collect();
    assert_eq!(applies, vec![true, false, false, true, true, true, false]);
    assert_eq!(sc.plugins[1].version.as_ref().map(|v| v.value.clone()), Some(s("4.4.0")));
    assert_eq!(sc.plugins[6].version.as_ref().map(|v| v.value.clone()), Some(s("2")));
    assert_eq!(at(t, sc.plugins[4].id.range), "`java-library`");
}

#[test]
fn plugin_management_plugins_are_not_applied() {
    let sc = k("pluginManagement {\n plugins { id(\"com.huawei.agconnect\") version \"1.9\" }\n}");
    assert_eq!(sc.plugins.len(), 1);
    assert!(!sc.plugins[0].apply);
}

// ---- buildscript / repositories ----

#[test]
fn buildscript_classpath_and_repositories() {
    let t = "buildscript {\n repositories {\n  google()\n  maven { url 'https://developer.huawei.com/repo/' }\n }\n \
             dependencies {\n  classpath 'com.android.tools.build:gradle:8.1.0'\n  classpath \"com.huawei.agconnect:agcp:1.9.1.300\"\n }\n}\n\
             allprojects { repositories { mavenCentral() } }\nsubprojects { repositories { jcenter() } }\n\
             repositories { mavenLocal() }";
    let sc = g(t);
    assert_eq!(sc.classpath.len(), 2);
    assert!(sc.dependencies.is_empty());
    assert_eq!(sc.classpath[0].configuration.value, "classpath");
    assert_eq!(gav(&sc.classpath[1]), ("com.huawei.agconnect".into(), "agcp".into(), Some(s("1.9.1.300"))));
    let repos: Vec<_> = sc.repositories.iter().map(|r| (r.scope, r.kind.clone())).collect();
    assert_eq!(repos[0], (RepoScope::Buildscript, RepoKind::Google));
    match &repos[1] {
        (RepoScope::Buildscript, RepoKind::Maven(Some(u))) => {
            assert_eq!(u.value, s("https://developer.huawei.com/repo/"));
            assert_eq!(at(t, u.range), "'https://developer.huawei.com/repo/'");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(repos[2], (RepoScope::AllProjects, RepoKind::MavenCentral));
    assert_eq!(repos[3], (RepoScope::Subprojects, RepoKind::JCenter));
    assert_eq!(repos[4], (RepoScope::Project, RepoKind::MavenLocal));
}

fn maven_urls(sc: &GradleScript) -> Vec<Value> {
    sc.repositories
        .iter()
        .filter_map(|r| match &r.kind {
            RepoKind::Maven(u) => Some(u.as_ref().map_or(Value::Unknown, |u| u.value.clone())),
            _ => None,
        })
        .collect()
}

#[test]
fn maven_url_forms_groovy() {
    let sc = g("repositories {\n maven { url 'a' }\n maven { url \"b\" }\n maven { url = uri('c') }\n \
                maven { url = 'd'; credentials { username 'u' } }\n maven(url: 'e')\n maven { setUrl('f') }\n \
                maven { url uri('g') }\n flatDir { dirs 'libs' }\n gradlePluginPortal()\n}");
    assert_eq!(maven_urls(&sc), vec![s("a"), s("b"), s("c"), s("d"), s("e"), s("f"), s("g")]);
    assert!(sc.repositories.iter().any(|r| r.kind == RepoKind::FlatDir));
    assert!(sc.repositories.iter().any(|r| r.kind == RepoKind::GradlePluginPortal));
}

#[test]
fn maven_url_forms_kotlin() {
    let sc = k("repositories {\n maven { url = uri(\"a\") }\n maven(url = \"b\")\n maven(\"c\")\n \
                maven { setUrl(\"d\") }\n maven { url = uri(\"e\"); credentials { username = \"u\" } }\n google()\n}");
    assert_eq!(maven_urls(&sc), vec![s("a"), s("b"), s("c"), s("d"), s("e")]);
}

#[test]
fn settings_repository_scopes_and_mode() {
    let t = "pluginManagement {\n repositories { gradlePluginPortal() }\n}\ndependencyResolutionManagement {\n \
             repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)\n repositories { google() }\n}";
    let sc = k(t);
    assert_eq!(sc.repositories[0].scope, RepoScope::PluginManagement);
    assert_eq!(sc.repositories[1].scope, RepoScope::DependencyResolution);
    let m = sc.repositories_mode.as_ref().map(|m| m.value.as_str());
    assert_eq!(m, Some("FAIL_ON_PROJECT_REPOS"));
    assert_eq!(at(t, sc.repositories_mode.map(|m| m.range).unwrap_or_default()), "FAIL_ON_PROJECT_REPOS");
    let sc = g("dependencyResolutionManagement {\n repositoriesMode = RepositoriesMode.PREFER_SETTINGS\n}");
    assert_eq!(sc.repositories_mode.map(|m| m.value), Some("PREFER_SETTINGS".to_string()));
}

#[test]
fn conditional_repositories() {
    let sc = g("if (x) {\n dependencyResolutionManagement { repositories { mavenCentral() } }\n}");
    assert_eq!(sc.repositories.len(), 1);
    assert!(sc.repositories[0].conditional);
    assert_eq!(sc.repositories[0].scope, RepoScope::DependencyResolution);
}

// ---- dependencies ----

#[test]
fn groovy_dependency_notations() {
    let t = "dependencies {\n implementation 'com.huawei.hms:push:6.11.0.300'\n api 'g:a:1.0@aar'\n \
             compile 'g:a:1.0:cls'\n implementation 'g:a'\n chinaImplementation \"g:a:$ver\"\n \
             debugImplementation \"g:a:${rootProject.ext.v}\"\n kapt group: 'g', name: 'a', version: 'v'\n \
             implementation platform('com.google.firebase:firebase-bom:32.0.0')\n api project(':core')\n \
             api project(path: ':lib')\n implementation libs.firebase.messaging\n implementation files('libs/a.jar')\n \
             implementation fileTree(dir: 'libs', include: ['*.jar', '*.aar'])\n implementation someVar\n \
             implementation('com.google.firebase:firebase-messaging:19.0.1') {\n  exclude group: 'androidx.core'\n }\n \
             implementation ('g:b:2') { transitive = false }\n}";
    let sc = g(t);
    let d = &sc.dependencies;
    assert_eq!(d.len(), 16, "{d:#?}");
    assert_eq!(gav(&d[0]), ("com.huawei.hms".into(), "push".into(), Some(s("6.11.0.300"))));
    // Coordinate parts are spanned inside the quotes.
    if let DepNotation::Module { group, name, version, .. } = &d[0].notation {
        assert_eq!(at(t, group.range), "com.huawei.hms");
        assert_eq!(at(t, name.range), "push");
        assert_eq!(at(t, version.as_ref().map(|v| v.range).unwrap_or_default()), "6.11.0.300");
    }
    assert_eq!(at(t, d[0].range), "implementation 'com.huawei.hms:push:6.11.0.300'");
    assert!(matches!(&d[1].notation, DepNotation::Module { ext: Some(e), .. } if e == "aar"));
    assert!(matches!(&d[2].notation, DepNotation::Module { classifier: Some(c), .. } if c == "cls"));
    assert_eq!(gav(&d[3]), ("g".into(), "a".into(), None));
    assert_eq!(d[4].configuration.value, "chinaImplementation");
    assert_eq!(gav(&d[4]).2, Some(r("ver")));
    assert_eq!(gav(&d[5]).2, Some(r("rootProject.ext.v")));
    assert_eq!(gav(&d[6]), ("g".into(), "a".into(), Some(s("v"))));
    assert_eq!(d[6].configuration.value, "kapt");
    match &d[7].notation {
        DepNotation::Platform(inner) => assert!(matches!(**inner, DepNotation::Module { .. })),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(&d[8].notation, DepNotation::Project(p) if p.value == ":core" && at(t, p.range) == "':core'")
    );
    assert!(matches!(&d[9].notation, DepNotation::Project(p) if p.value == ":lib"));
    assert!(matches!(&d[10].notation, DepNotation::Catalog(c) if c.value == "libs.firebase.messaging"));
    assert!(
        matches!(&d[11].notation, DepNotation::Files { dir: None, include } if include == &["libs/a.jar"])
    );
    match &d[12].notation {
        DepNotation::Files { dir: Some(dir), include } => {
            assert_eq!(dir.value, s("libs"));
            assert_eq!(include, &["*.jar", "*.aar"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(&d[13].notation, DepNotation::Raw(v) if v.value == r("someVar")));
    assert!(at(t, d[14].range).ends_with("exclude group: 'androidx.core'\n }"));
    assert_eq!(gav(&d[14]).1, "firebase-messaging");
    assert!(at(t, d[15].range).ends_with("transitive = false }"));
    assert!(d.iter().all(|d| !d.conditional));
}

#[test]
fn kotlin_dependency_notations() {
    let t = "dependencies {\n implementation(\"com.huawei.hms:push:6.11.0.300\")\n \
             implementation(group = \"g\", name = \"a\", version = \"v\")\n implementation(platform(\"g:bom:1\"))\n \
             implementation(enforcedPlatform(\"g:bom:2\"))\n implementation(project(\":core\"))\n \
             implementation(libs.bundles.push)\n implementation(libs.x.y) { exclude(group = \"z\") }\n \
             implementation(fileTree(mapOf(\"dir\" to \"libs\", \"include\" to listOf(\"*.jar\"))))\n \
             \"chinaImplementation\"(\"g:c:1\")\n testImplementation(kotlin(\"test\"))\n}";
    let sc = k(t);
    let d = &sc.dependencies;
    assert_eq!(d.len(), 10, "{d:#?}");
    assert_eq!(gav(&d[0]), ("com.huawei.hms".into(), "push".into(), Some(s("6.11.0.300"))));
    assert_eq!(gav(&d[1]), ("g".into(), "a".into(), Some(s("v"))));
    assert!(matches!(&d[2].notation, DepNotation::Platform(_)));
    assert!(matches!(&d[3].notation, DepNotation::Platform(_)));
    assert!(matches!(&d[4].notation, DepNotation::Project(p) if p.value == ":core"));
    assert!(matches!(&d[5].notation, DepNotation::Catalog(c) if c.value == "libs.bundles.push"));
    assert!(matches!(&d[6].notation, DepNotation::Catalog(c) if c.value == "libs.x.y"));
    assert!(at(t, d[6].range).ends_with("exclude(group = \"z\") }"));
    match &d[7].notation {
        DepNotation::Files { dir: Some(dir), include } => {
            assert_eq!(dir.value, s("libs"));
            assert_eq!(include, &["*.jar"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(d[8].configuration.value, "chinaImplementation");
    assert_eq!(gav(&d[9]), ("org.jetbrains.kotlin".into(), "kotlin-test".into(), None));
}

#[test]
fn dependency_with_non_literal_group_is_raw() {
    let sc = g("dependencies { implementation \"$grp:a:1\"\n implementation \"$whole\" }");
    assert!(
        matches!(&sc.dependencies[0].notation, DepNotation::Raw(v) if matches!(v.value, Value::Template(_)))
    );
    assert!(matches!(&sc.dependencies[1].notation, DepNotation::Raw(v) if v.value == r("whole")));
}

#[test]
fn conditional_dependencies_and_when() {
    let sc = g(
        "dependencies {\n if (a) {\n  api project(':x')\n } else {\n  api 'g:a:1'\n }\n implementation 'g:b:1'\n}",
    );
    let c: Vec<_> = sc.dependencies.iter().map(|d| d.conditional).collect();
    assert_eq!(c, vec![true, true, false]);
    let sc = k(
        "dependencies {\n when (flavor) {\n  \"cn\" -> implementation(\"g:a:1\")\n  else -> { implementation(\"g:b:1\") }\n }\n}",
    );
    assert_eq!(sc.dependencies.len(), 2);
    assert!(sc.dependencies.iter().all(|d| d.conditional));
}

#[test]
fn buildscript_and_subproject_dependencies_are_not_module_dependencies() {
    let sc = g(
        "allprojects { dependencies { implementation 'g:a:1' } }\nbuildscript { dependencies { classpath 'g:p:1' } }",
    );
    assert!(sc.dependencies.is_empty());
    assert_eq!(sc.classpath.len(), 1);
}

// ---- settings ----

#[test]
fn settings_includes_and_project_dirs() {
    let t = "rootProject.name = 'Demo'\ninclude ':app', ':lib'\ninclude 'core'\ninclude ':a:b'\n\
             project(':lib').projectDir = new File(settingsDir, '../Lib')\nproject(':core').projectDir = file('../Core')\n\
             project(':x').projectDir = new File(rootDir, \"X\")\nif (y) { include ':opt' }";
    let sc = g(t);
    let inc: Vec<_> = sc.includes.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(inc, vec![":app", ":lib", ":core", ":a:b", ":opt"]);
    assert_eq!(sc.includes_conditional, vec![false, false, false, false, true]);
    assert_eq!(at(t, sc.includes[2].range), "'core'");
    assert_eq!(sc.root_project_name.as_ref().map(|n| n.value.as_str()), Some("Demo"));
    let dirs: Vec<_> =
        sc.project_dirs.iter().map(|p| (p.project.value.as_str(), p.dir.value.clone())).collect();
    assert_eq!(dirs, vec![(":lib", s("../Lib")), (":core", s("../Core")), (":x", s("X"))]);
    assert_eq!(at(t, sc.project_dirs[0].dir.range), "'../Lib'");
    assert!(at(t, sc.project_dirs[0].range).starts_with("project(':lib').projectDir ="));
}

#[test]
fn kotlin_settings() {
    let sc = k(
        "rootProject.name = \"Demo\"\ninclude(\":app\", \":lib\")\nproject(\":lib\").projectDir = File(rootDir, \"../Lib\")\n\
                project(\":x\").projectDir = File(settingsDir, \"X\")\nproject(\":y\").projectDir = java.io.File(settingsDir, \"Y\")",
    );
    assert_eq!(sc.includes.iter().map(|i| i.value.as_str()).collect::<Vec<_>>(), vec![":app", ":lib"]);
    let dirs: Vec<_> = sc.project_dirs.iter().map(|p| p.dir.value.clone()).collect();
    assert_eq!(dirs, vec![s("../Lib"), s("X"), s("Y")]);
    assert_eq!(sc.root_project_name.map(|n| n.value), Some("Demo".to_string()));
}

#[test]
fn multiline_include_with_trailing_commas() {
    let sc = g("include ':a',\n        ':b',\n        ':c'\n");
    assert_eq!(sc.includes.len(), 3);
}

#[test]
fn computed_includes_are_recorded() {
    let t = "fun includeProjects(dir: File, path: String) {\n    dir.listFiles().orEmpty().forEach { f ->\n        val p = \"$path:${f.name}\"\n        if (File(f, \"build.gradle.kts\").exists()) {\n            include(p)\n        }\n    }\n}\ninclude(\":app\")\nlistOf(\"a\", \"b\").forEach { include(\":lib:$it\") }\n";
    let sc = k(t);
    assert_eq!(sc.includes.len(), 1);
    let computed: Vec<&str> = sc.computed_includes.iter().map(|r| at(t, *r)).collect();
    assert_eq!(computed, ["p", "\":lib:$it\""]);
}

#[test]
fn applied_scripts_are_recorded() {
    let t = "buildscript {\n    apply from: 'script.gradle', to: buildscript\n}\napply from: \"$rootDir/config.gradle\"\nproject.apply from: rootProject.file('push.gradle')\napply plugin: 'x'\ndef f = { apply from: scriptUrl }\n";
    let sc = g(t);
    let got: Vec<(Option<String>, bool, bool)> = sc
        .applied_scripts
        .iter()
        .map(|a| (a.path.as_ref().map(|p| at(t, p.range).to_string()), a.root, a.buildscript))
        .collect();
    assert_eq!(
        got,
        [
            (Some("'script.gradle'".to_string()), false, true),
            (Some("\"$rootDir/config.gradle\"".to_string()), false, false),
            (Some("'push.gradle'".to_string()), true, false),
            (None, false, false),
        ]
    );
    let k = k("apply(from = \"../common.gradle.kts\")\n");
    assert_eq!(k.applied_scripts.len(), 1);
}

// ---- malformed input ----

#[test]
fn unclosed_brace_reports_opener_and_keeps_content() {
    let t = "android {\n namespace 'x'\n";
    let sc = g(t);
    assert_eq!(sc.android.namespace.map(|v| v.value), Some(s("x")));
    assert_eq!(sc.errors.len(), 1);
    assert_eq!(at(t, sc.errors[0].range), "{");
    assert_eq!(sc.errors[0].range.start, 8);
}

#[test]
fn stray_closing_brace() {
    let t = "apply plugin: 'a'\n}\napply plugin: 'b'";
    let sc = g(t);
    assert_eq!(sc.plugins.len(), 2);
    assert_eq!(sc.errors.len(), 1);
    assert_eq!(sc.errors[0].range, TextRange::new(18, 19));
}

#[test]
fn unterminated_string_recovers_at_end_of_line() {
    let t = "def a = 'oops\napply plugin: 'b'";
    let sc = g(t);
    assert_eq!(plugin_ids(&sc), vec![s("b")]);
    assert_eq!(sc.errors.len(), 1);
    assert_eq!(at(t, sc.errors[0].range), "'oops");
    let sc = k("val a = \"\"\"never closed");
    assert_eq!(sc.errors.len(), 1);
    assert_eq!(sc.errors[0].range.start, 8);
}

#[test]
fn unterminated_block_comment() {
    let t = "apply plugin: 'a'\n/* no end";
    let sc = g(t);
    assert_eq!(sc.plugins.len(), 1);
    assert_eq!(sc.errors.len(), 1);
    assert_eq!(sc.errors[0].range, TextRange::new(18, t.len()));
}

#[test]
fn mismatched_paren_in_block() {
    let t = "dependencies {\n implementation('g:a:1'\n}\napply plugin: 'p'";
    let sc = g(t);
    assert_eq!(sc.dependencies.len(), 1);
    assert_eq!(sc.plugins.len(), 1);
    assert!(sc.errors.iter().any(|e| at(t, e.range) == "("));
}

#[test]
fn deep_nesting_is_bounded() {
    for open in ["{", "(", "[", "a{", "a(", "if (x) "] {
        let t = open.repeat(100_000);
        let sc = g(&t);
        assert!(!sc.errors.is_empty(), "{open}");
        let sc = k(&t);
        assert!(!sc.errors.is_empty(), "{open}");
    }
    let t = format!("{}{}", "{".repeat(100_000), "}".repeat(100_000));
    let sc = g(&t);
    assert!(sc.errors.iter().any(|e| e.message.contains("nesting")));
    // Long chains and prefix runs do not recurse.
    let t = format!("def x = a{}\ndef y = {}1", ".b".repeat(100_000), "-".repeat(100_000));
    let _ = g(&t);
}

#[test]
fn nesting_below_the_limit_is_followed() {
    let depth = crate::parse::MAX_DEPTH - 10;
    let t = format!("{}apply plugin: 'x'{}", "a {\n".repeat(depth), "\n}".repeat(depth));
    let sc = g(&t);
    assert!(sc.errors.is_empty(), "{:?}", sc.errors.first());
    let t = format!("def v = {}1{}", "foo(".repeat(depth), ")".repeat(depth));
    assert!(g(&t).errors.is_empty());
}

#[test]
fn binary_junk_never_panics() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    let t = String::from_utf8_lossy(&bytes);
    let sc = g(&t);
    assert!(!sc.errors.is_empty());
    for e in &sc.errors {
        assert!(e.range.end as usize <= t.len());
    }
    let _ = k(&t);
    let sc = g("\u{0}\u{1}apply plugin: 'a'");
    assert_eq!(sc.errors[0].range, TextRange::new(0, 2));
    assert_eq!(sc.plugins.len(), 1);
}

#[test]
fn bom_and_unicode() {
    let sc = g("\u{feff}// 推送\napply plugin: 'a' // 小米\ndef 名字 = '值'");
    assert!(sc.errors.is_empty(), "{:?}", sc.errors);
    assert_eq!(sc.vars[0].value.value, s("值"));
}
