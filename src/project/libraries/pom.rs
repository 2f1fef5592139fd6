//! The dependencies a published library declares: its Gradle Module Metadata (`.module`, preferred,
//! as Gradle does) or its Maven `.pom`. Only what reaches an app's runtime classpath is kept:
//! POM `compile`/`runtime` scopes that are not optional, `.module` runtime variants. A version
//! that is a property this file does not define, or a range, stays unknown.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// One declared dependency: `group:name` and the version when it is a plain literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Requested {
    pub coordinate: String,
    pub version: Option<String>,
}

/// The runtime dependencies in a `.module` file; None when it cannot be read.
pub fn from_module_metadata(text: &str) -> Option<Vec<Requested>> {
    let doc: serde_json::Value = serde_json::from_str(text).ok()?;
    let mut out: Vec<Requested> = Vec::new();
    for variant in doc.get("variants")?.as_array()? {
        let usage = variant.pointer("/attributes/org.gradle.usage").and_then(|u| u.as_str()).unwrap_or("");
        if !usage.contains("runtime") {
            continue;
        }
        // A variant published elsewhere (Kotlin Multiplatform roots): its dependencies are not here.
        if variant.get("available-at").is_some() {
            return None;
        }
        for d in variant.get("dependencies").and_then(|d| d.as_array()).into_iter().flatten() {
            let (Some(g), Some(m)) =
                (d.get("group").and_then(|v| v.as_str()), d.get("module").and_then(|v| v.as_str()))
            else {
                continue;
            };
            let version = d
                .pointer("/version/strictly")
                .or_else(|| d.pointer("/version/requires"))
                .and_then(|v| v.as_str())
                .filter(|v| is_plain(v))
                .map(str::to_string);
            let r = Requested { coordinate: format!("{g}:{m}"), version };
            if !out.contains(&r) {
                out.push(r);
            }
        }
    }
    Some(out)
}

/// Whether a version is one exact version (not a range, a `+` or a property).
fn is_plain(v: &str) -> bool {
    !v.is_empty() && !v.contains(['[', ']', '(', ')', ',', '$', '+']) && !v.starts_with("latest.")
}

#[derive(Default)]
struct PomDep {
    group: String,
    artifact: String,
    version: String,
    scope: String,
    optional: String,
    kind: String,
}

/// The runtime dependencies a `.pom` declares; None when it is not a POM.
pub fn from_pom(text: &str) -> Option<Vec<Requested>> {
    let mut reader = Reader::from_str(text);
    let mut path: Vec<String> = Vec::new();
    let mut props: Vec<(String, String)> = Vec::new();
    let mut deps: Vec<PomDep> = Vec::new();
    let mut cur = PomDep::default();
    let (mut own_version, mut parent_version, mut own_group, mut parent_group) =
        (String::new(), String::new(), String::new(), String::new());
    let mut saw_project = false;
    let mut steps = 0usize;
    loop {
        steps += 1;
        if steps > 200_000 {
            return None;
        }
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_string();
                if path.is_empty() {
                    saw_project = name == "project";
                }
                path.push(name);
                if path.len() > 64 {
                    return None;
                }
            }
            Ok(Event::End(_)) => {
                if path_is(&path, &["project", "dependencies", "dependency"]) {
                    deps.push(std::mem::take(&mut cur));
                }
                path.pop();
            }
            Ok(Event::Text(t)) => {
                let text = t.xml10_content().trim().to_string();
                let p: Vec<&str> = path.iter().map(String::as_str).collect();
                match p.as_slice() {
                    ["project", "version"] => own_version = text,
                    ["project", "groupId"] => own_group = text,
                    ["project", "parent", "version"] => parent_version = text,
                    ["project", "parent", "groupId"] => parent_group = text,
                    ["project", "properties", key] => props.push((key.to_string(), text)),
                    ["project", "dependencies", "dependency", field] => match *field {
                        "groupId" => cur.group = text,
                        "artifactId" => cur.artifact = text,
                        "version" => cur.version = text,
                        "scope" => cur.scope = text,
                        "optional" => cur.optional = text,
                        "type" => cur.kind = text,
                        _ => {}
                    },
                    _ => {}
                }
            }
            Ok(Event::Eof) if path.is_empty() => break,
            Ok(Event::Eof) => return None,
            Err(_) => return None,
            _ => {}
        }
    }
    if !saw_project {
        return None;
    }
    let version = if own_version.is_empty() { parent_version } else { own_version };
    let group = if own_group.is_empty() { parent_group } else { own_group };
    let expand = |v: &str| -> Option<String> {
        let inner = v.strip_prefix("${").and_then(|r| r.strip_suffix('}'));
        let Some(key) = inner else { return Some(v.to_string()) };
        match key {
            "project.version" | "pom.version" | "version" => Some(version.clone()),
            "project.groupId" | "pom.groupId" => Some(group.clone()),
            k => props.iter().rev().find(|(p, _)| p == k).map(|(_, v)| v.clone()),
        }
    };
    let mut out = Vec::new();
    for d in deps {
        let scope = if d.scope.is_empty() { "compile" } else { d.scope.as_str() };
        if !matches!(scope, "compile" | "runtime") || d.optional == "true" || d.kind == "pom" {
            continue;
        }
        let (Some(g), Some(a)) = (expand(&d.group), expand(&d.artifact)) else { continue };
        if g.is_empty() || a.is_empty() {
            continue;
        }
        let version = expand(&d.version).filter(|v| is_plain(v));
        out.push(Requested { coordinate: format!("{g}:{a}"), version });
    }
    Some(out)
}

fn path_is(path: &[String], want: &[&str]) -> bool {
    path.len() == want.len() && path.iter().zip(want).all(|(a, b)| a == b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pom_runtime_dependencies() {
        let pom = r#"<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <groupId>com.tencent.timpush</groupId><artifactId>xiaomi</artifactId><version>8.1.6103</version>
  <properties><mi.version>5.9.9</mi.version></properties>
  <dependencies>
    <dependency><groupId>com.tencent.timpush</groupId><artifactId>xiaomi-vendor</artifactId><version>${mi.version}</version></dependency>
    <dependency><groupId>${project.groupId}</groupId><artifactId>timpush</artifactId><version>${project.version}</version><scope>runtime</scope></dependency>
    <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13</version><scope>test</scope></dependency>
    <dependency><groupId>x</groupId><artifactId>opt</artifactId><version>1</version><optional>true</optional></dependency>
    <dependency><groupId>x</groupId><artifactId>ranged</artifactId><version>[1.0,2.0)</version></dependency>
  </dependencies>
</project>"#;
        let deps = from_pom(pom).unwrap();
        assert_eq!(
            deps,
            vec![
                Requested {
                    coordinate: "com.tencent.timpush:xiaomi-vendor".into(),
                    version: Some("5.9.9".into())
                },
                Requested {
                    coordinate: "com.tencent.timpush:timpush".into(),
                    version: Some("8.1.6103".into())
                },
                Requested { coordinate: "x:ranged".into(), version: None },
            ]
        );
        assert_eq!(from_pom("<html/>"), None);
        assert_eq!(from_pom("<project><dependencies>"), None);
    }

    #[test]
    fn module_metadata_runtime_variants() {
        let m = r#"{"formatVersion":"1.1","variants":[
          {"name":"releaseVariantReleaseApiPublication","attributes":{"org.gradle.usage":"java-api"},
           "dependencies":[{"group":"a","module":"api-only","version":{"requires":"1"}}]},
          {"name":"releaseVariantReleaseRuntimePublication","attributes":{"org.gradle.usage":"java-runtime"},
           "dependencies":[{"group":"com.google.firebase","module":"firebase-installations","version":{"requires":"17.0.1"}},
                           {"group":"b","module":"dyn","version":{"requires":"1.+"}}]}]}"#;
        let deps = from_module_metadata(m).unwrap();
        assert_eq!(deps.len(), 2);
        assert_eq!(deps[0].coordinate, "com.google.firebase:firebase-installations");
        assert_eq!(deps[1].version, None);
        assert_eq!(from_module_metadata("{"), None);
    }
}
