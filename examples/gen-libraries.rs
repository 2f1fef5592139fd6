//! Writes a single Android app whose dependencies are N AARs in a Gradle user home, for the
//! library-manifest benchmark: `cargo run --release --example gen-libraries -- N DIR` makes
//! `DIR/app` (the project) and `DIR/gradle-home` (its cache). Each AAR has a manifest and, like a
//! real one, a few hundred other entries; a tenth of them bring one transitive dependency.

use std::io::Write;
use std::path::Path;

fn aar(manifest: &str, extra_entries: usize) -> std::io::Result<Vec<u8>> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file("AndroidManifest.xml", opts)?;
    w.write_all(manifest.as_bytes())?;
    w.start_file("classes.jar", opts)?;
    w.write_all(&[0u8; 4096])?;
    for i in 0..extra_entries {
        w.start_file(format!("res/layout/view_{i}.xml"), opts)?;
        w.write_all(b"<FrameLayout xmlns:android=\"http://schemas.android.com/apk/res/android\" />")?;
    }
    Ok(w.finish()?.into_inner())
}

fn put(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    std::fs::write(path, bytes)
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: gen-libraries N DIR");
        std::process::exit(2);
    };
    let dir = Path::new(dir);
    let (app, guh) = (dir.join("app"), dir.join("gradle-home"));
    let mut deps = String::new();
    for i in 0..n {
        let (group, name, version) = ("com.example.lib", format!("lib{i}"), "1.0.0");
        let transitive = i % 10 == 0 && i + 1 < n;
        if !(i > 0 && (i - 1) % 10 == 0) {
            deps.push_str(&format!("    implementation '{group}:{name}:{version}'\n"));
        }
        let manifest = format!(
            "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\" package=\"com.example.lib{i}\">\n  <uses-permission android:name=\"android.permission.INTERNET\" />\n  <application>\n    <activity android:name=\".Screen{i}\" android:exported=\"false\" />\n    <provider android:name=\".Init{i}\" android:authorities=\"${{applicationId}}.init{i}\" android:exported=\"false\" />\n  </application>\n</manifest>\n"
        );
        let base = guh.join(format!("caches/modules-2/files-2.1/{group}/{name}/{version}"));
        put(&base.join(format!("{i:040x}")).join(format!("{name}-{version}.aar")), &aar(&manifest, 300)?)?;
        let dep = if transitive {
            format!(
                "<dependency><groupId>{group}</groupId><artifactId>lib{}</artifactId><version>{version}</version></dependency>",
                i + 1
            )
        } else {
            String::new()
        };
        let pom = format!(
            "<project><groupId>{group}</groupId><artifactId>{name}</artifactId><version>{version}</version><dependencies>{dep}</dependencies></project>\n"
        );
        put(
            &base.join(format!("{:040x}", i + 1_000_000)).join(format!("{name}-{version}.pom")),
            pom.as_bytes(),
        )?;
    }
    put(&app.join("settings.gradle"), b"include ':app'\n")?;
    let build = format!(
        "plugins {{ id 'com.android.application' }}\nandroid {{\n    namespace 'com.acme.chat'\n    defaultConfig {{\n        applicationId 'com.acme.chat'\n        minSdk 21\n        targetSdk 34\n    }}\n}}\ndependencies {{\n    implementation 'com.google.firebase:firebase-messaging:23.4.0'\n{deps}}}\n"
    );
    put(&app.join("app/build.gradle"), build.as_bytes())?;
    put(
        &app.join("app/src/main/AndroidManifest.xml"),
        b"<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n  <application android:label=\"Acme\" />\n</manifest>\n",
    )?;
    println!("wrote an app with {n} cached AARs under {}", dir.display());
    Ok(())
}
