//! Values with a fallback and properties files loaded into locals.

use super::*;

fn placeholder(sc: &GradleScript, key: &str) -> Value {
    let ops = &sc.android.default_config.manifest_placeholders;
    ops.iter().find(|o| o.key.value == key).map(|o| o.value.value.clone()).unwrap_or(Value::Unknown)
}

fn fallback(v: &Value) -> (&Lookup, &str, &Value) {
    match v {
        Value::Fallback(fb) => (&fb.source, fb.name.value.as_str(), &fb.default.value),
        other => panic!("not a fallback: {other:?}"),
    }
}

#[test]
fn groovy_fallback_forms() {
    let t = "def props = new Properties()\ndef f = rootProject.file('local.properties')\n\
             if (f.exists()) { props.load(f.newDataInputStream()) }\n\
             android { defaultConfig { manifestPlaceholders = [\n\
             A: findProperty('A') ?: 'a',\n B: project.hasProperty('B') ? B : 'b',\n\
             C: properties['C'] ?: 'c',\n D: System.getenv('D') ?: 'd',\n E: props.getProperty('E', 'e'),\n\
             F: findProperty('F') ?: System.getenv('F') ?: 'f',\n G: props['G'] ?: 'g',\n\
             H: findProperty('H') ?: compute(),\n I: findProperty('I') ?: 'i' + 'j',\n\
             J: project.hasProperty('J') ? other : 'j'] } }";
    let sc = g(t);
    assert_eq!(fallback(&placeholder(&sc, "A")), (&Lookup::Property, "A", &s("a")));
    assert_eq!(fallback(&placeholder(&sc, "B")), (&Lookup::Property, "B", &s("b")));
    assert_eq!(fallback(&placeholder(&sc, "C")), (&Lookup::Property, "C", &s("c")));
    assert_eq!(fallback(&placeholder(&sc, "D")), (&Lookup::Env, "D", &s("d")));
    assert_eq!(fallback(&placeholder(&sc, "E")), (&Lookup::Loaded("props".into()), "E", &s("e")));
    let f = placeholder(&sc, "F");
    let (src, name, inner) = fallback(&f);
    assert_eq!((src, name), (&Lookup::Property, "F"));
    assert_eq!(fallback(inner), (&Lookup::Env, "F", &s("f")));
    assert_eq!(fallback(&placeholder(&sc, "G")), (&Lookup::Loaded("props".into()), "G", &s("g")));
    // A default that is no literal stays unknown inside the fallback; other shapes are unknown.
    assert_eq!(fallback(&placeholder(&sc, "H")).2, &Value::Unknown);
    assert_eq!(placeholder(&sc, "I"), Value::Unknown);
    assert_eq!(placeholder(&sc, "J"), Value::Unknown);
    assert_eq!(sc.properties_loads.len(), 1);
    let load = &sc.properties_loads[0];
    assert_eq!(
        (load.var.as_str(), load.file.root, load.file.path.value.as_str()),
        ("props", true, "local.properties")
    );
    // The name's span is the text inside its quotes.
    let Value::Fallback(fb) = placeholder(&sc, "A") else { panic!() };
    assert_eq!(at(t, fb.name.range), "A");
    assert_eq!(at(t, fb.default.range), "'a'");
}

#[test]
fn kotlin_fallback_forms() {
    let t = "val localProps = Properties().apply { load(rootProject.file(\"local.properties\").inputStream()) }\n\
             val keys = Properties()\nfile(\"keys.properties\").withInputStream { keys.load(it) }\n\
             android { defaultConfig {\n\
             manifestPlaceholders[\"A\"] = providers.gradleProperty(\"A\").getOrElse(\"a\")\n\
             manifestPlaceholders[\"B\"] = (findProperty(\"B\") as String?) ?: \"b\"\n\
             manifestPlaceholders[\"C\"] = localProps.getProperty(\"C\") ?: \"c\"\n\
             manifestPlaceholders[\"D\"] = gradleLocalProperties(rootDir, providers).getProperty(\"D\", \"d\")\n\
             manifestPlaceholders[\"E\"] = providers.environmentVariable(\"E\").orElse(\"e\").get()\n\
             manifestPlaceholders[\"F\"] = keys.getProperty(\"F\")\n\
             } }";
    let sc = k(t);
    assert_eq!(fallback(&placeholder(&sc, "A")), (&Lookup::Property, "A", &s("a")));
    assert_eq!(fallback(&placeholder(&sc, "B")), (&Lookup::Property, "B", &s("b")));
    assert_eq!(fallback(&placeholder(&sc, "C")), (&Lookup::Loaded("localProps".into()), "C", &s("c")));
    let dv = placeholder(&sc, "D");
    let (src, name, d) = fallback(&dv);
    assert!(matches!(src, Lookup::File(f) if f.root && f.path.value == "local.properties"));
    assert_eq!((name, d), ("D", &s("d")));
    assert_eq!(fallback(&placeholder(&sc, "E")), (&Lookup::Env, "E", &s("e")));
    assert_eq!(fallback(&placeholder(&sc, "F")), (&Lookup::Loaded("keys".into()), "F", &Value::Unknown));
    let loads: Vec<_> = sc
        .properties_loads
        .iter()
        .map(|l| (l.var.as_str(), l.file.root, l.file.path.value.as_str()))
        .collect();
    assert_eq!(loads, vec![("localProps", true, "local.properties"), ("keys", false, "keys.properties")]);
}
