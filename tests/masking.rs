//! Secrets never reach any output: every format renders the fixture with committed secrets, and
//! none of the secret values (nor a long prefix of them) may appear in what is printed.

use std::path::Path;

const SECRETS: &[&str] = &[
    "kP3xQ9mZ2wV7bN4cR8tY",
    "vs7Hq2Lm9Pz4Xc8Bn3Kd",
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7acmeFAKEKEY",
    "Ag5cS3cr3tV4lu3Xy9Zw",
    "os9Fk2Lq7Wm3Zx8Cv4Bn",
];

fn render(case: &str, format: &str) -> String {
    run("check", case, format)
}

fn run(command: &str, case: &str, format: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(case);
    let args: Vec<std::ffi::OsString> = vec![
        "pushlint".into(),
        command.into(),
        dir.into_os_string(),
        "--format".into(),
        format.into(),
        "--color".into(),
        "never".into(),
    ];
    let (mut out, mut err) = (Vec::new(), Vec::new());
    pushlint::run(args, &mut out, &mut err);
    String::from_utf8_lossy(&out).into_owned() + &String::from_utf8_lossy(&err)
}

#[test]
fn no_format_prints_a_secret() {
    for case in [
        "PL601-server-secret-committed/fail",
        "PL601-server-secret-committed/fail-console",
        "PL601-server-secret-committed/pass",
    ] {
        let runs = [
            ("check", "human"),
            ("check", "json"),
            ("status", "human"),
            ("status", "json"),
            ("status", "html"),
        ];
        for (command, format) in runs {
            let text = run(command, case, format);
            for s in SECRETS {
                // Five characters are more than the mask ever shows.
                for window in s.as_bytes().windows(5) {
                    let w = std::str::from_utf8(window).unwrap_or_default();
                    assert!(
                        !text.contains(w),
                        "{case} {command} {format}: `{w}` of a secret is shown:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn human_snippet_shows_masked_source() {
    let text = render("PL601-server-secret-committed/fail", "human");
    assert!(text.contains("PL601"), "{text}");
    assert!(
        text.contains("\"kP3x****************\""),
        "the snippet keeps the masked value in place:\n{text}"
    );
}

#[test]
fn html_snippet_shows_masked_source() {
    let text = run("status", "PL601-server-secret-committed/fail", "html");
    assert!(text.contains("PL601"), "{text}");
    assert!(text.contains("kP3x****************"), "the snippet keeps the masked value in place:\n{text}");
}

/// A deterministic pseudo-random sequence (xorshift), so the planted secrets are the same on
/// every run and machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    /// A secret-looking value: letters and digits, 12 to 40 of them.
    fn secret(&mut self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        let len = 12 + (self.next() % 29) as usize;
        (0..len).map(|_| ALPHABET[(self.next() % ALPHABET.len() as u64) as usize] as char).collect()
    }
}

/// Ways a secret is written into a project, each next to something pushlint reports (so the
/// file is shown): `{}` is the secret. (path, content, append instead of replace)
const PLANTS: &[(&str, &str, bool)] = &[
    // Console keys: misspelled, unknown vendor, duplicated, broken JSON.
    (
        "push-console.json",
        r#"{"sdkAppId": 1400000001, "certificates": [{"vendor": "xiaomi", "id": 1, "packageName": "com.acme.chat", "appsecret": "{}"}, {"vendor": "nokia", "app_secret": "{}"}, {"vendor": "huawei", "appSecret": "{}", "appSecret": "x", "appSecert": "{}"}], "certificates2": 1}"#,
        false,
    ),
    ("push-console.json", "{\"certificates\": [{\"vendor\": \"xiaomi\", \"appSecret\": \"{}\",, }\n", false),
    ("push-console.json", r#"{"certificates": {"vendor": "oppo", "masterSecret": "{}"}}"#, false),
    (
        "app/src/main/assets/timpush-configs.json",
        r#"{"version": 1, "com.other.app": {"xiaomiPushAppsecret": "{}", "xiaomiPushBussinessId": 7}}"#,
        false,
    ),
    (
        "app/build.gradle",
        "\nandroid { defaultConfig {\n buildConfigField \"String\", \"XM_PUSH_APPSECRET\", '\"{}\"'\n manifestPlaceholders = [XIAOMI_APPSECRET: \"{}\", VIVO_APPID: \"\"]\n} }\ndependencies { implementation 'com.google.firebase:firebase-messaging:+' }\n",
        true,
    ),
    ("build.gradle", "ext {\n    xiaomiAppSecret = \"{}\"\n}\next.oppoMasterSecret = '{}'\n}}\n", false),
    ("gradle.properties", "XM_PUSH_APPSECRET={}\nhuawei.app.secret = {}\n", false),
    (
        "app/src/main/java/com/acme/chat/PrivateConstants.java",
        "package com.acme.chat;\nclass PrivateConstants {\n    private static final String BASE = \"{}\";\n    public static final String XM_PUSH_APPSECRET = BASE;\n    public static final String HW_PUSH_APPSECRET = \"{}\" + \"{}\";\n    public static final long XM_PUSH_BUZID = 0;\n}\n",
        false,
    ),
    (
        "app/src/main/java/com/acme/chat/Keys.kt",
        "package com.acme.chat\nobject Keys {\n    const val OPPO_PUSH_APPSECRET = \"\"\"{}\"\"\"\n    const val SECRETKEY = \"{}\"\n}\n",
        false,
    ),
    (
        "app/src/main/AndroidManifest.xml",
        "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\">\n  <application android:name=\".App\">\n    <meta-data android:name=\"XIAOMI_APP_SECRET\" android:value=\"{}\"/>\n    <meta-data android:name=\"com.vivo.push.app_secret\" android:value=\"{}\" <broken/>\n  </application>\n</manifest>\n",
        false,
    ),
];

#[test]
fn planted_secrets_never_reach_any_output_format() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for case in 0..12 {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        let put = |rel: &str, content: &str, append: bool| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            let mut text =
                if append { std::fs::read_to_string(&p).unwrap_or_default() } else { String::new() };
            text.push_str(content);
            std::fs::write(p, text).expect("write");
        };
        put("settings.gradle", "include ':app'\n", false);
        put(
            "app/build.gradle",
            "plugins { id 'com.android.application' }\nandroid { namespace 'com.acme.chat'; defaultConfig { applicationId 'com.acme.chat' } }\n",
            false,
        );
        let mut secrets = Vec::new();
        // Each case plants a different selection (always at least one of each half).
        for (k, (path, template, append)) in PLANTS.iter().enumerate() {
            if case > 0 && rng.next() % 3 == 0 && k % 2 == (case % 2) {
                continue;
            }
            let mut content = String::new();
            for (i, part) in template.split("{}").enumerate() {
                if i > 0 {
                    let s = rng.secret();
                    content.push_str(&s);
                    secrets.push(s);
                }
                content.push_str(part);
            }
            put(path, &content, *append);
        }
        // A service-account key padded past 64 KiB.
        let key = rng.secret();
        put(
            "app/acme-firebase-adminsdk.json",
            &format!(
                "{{\"type\": \"service_account\", {}\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{key}\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"a@b.c\"}}",
                " ".repeat(70_000)
            ),
            false,
        );
        secrets.push(key);
        for format in ["human", "concise", "json", "sarif", "github", "checkstyle", "gitlab", "junit"] {
            let args: Vec<std::ffi::OsString> = vec![
                "pushlint".into(),
                "check".into(),
                root.as_os_str().into(),
                "--format".into(),
                format.into(),
                "--color".into(),
                "never".into(),
                "--explain-detection".into(),
            ];
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code = pushlint::run(args, &mut out, &mut err);
            assert!(
                matches!(code, 0 | 1),
                "case {case} {format}: exit {code}: {}",
                String::from_utf8_lossy(&err)
            );
            let text = String::from_utf8_lossy(&out).into_owned() + &String::from_utf8_lossy(&err);
            for s in &secrets {
                // More than the four characters the mask shows.
                for window in s.as_bytes().windows(6) {
                    let w = std::str::from_utf8(window).unwrap_or_default();
                    assert!(
                        !text.contains(w),
                        "case {case} {format}: `{w}` of secret `{s}` is shown:\n{text}"
                    );
                }
            }
        }
    }
}

/// Code that only mentions secrets (a "secret chat" feature, a key-store helper) masks nothing:
/// the findings read the same with it as without it. The lexical detector once followed the
/// names such code uses (`name`, `exported`, method names) into every file and masked component
/// names and attribute values in messages and snippets.
#[test]
fn code_that_mentions_secrets_masks_no_finding() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/PL212-push-component-exported-unguarded/fail");
    let dir = tempfile::tempdir().unwrap();
    for rel in ["settings.gradle", "app/build.gradle", "app/src/main/AndroidManifest.xml"] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(fixture.join(rel), &to).unwrap();
    }
    let lint = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_pushlint"))
            .args(["check", "--format", format, "--color", "never", "--exit-zero"])
            .arg(dir.path())
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).replace(&*dir.path().to_string_lossy(), "<root>")
    };
    let (json, human) = (lint("json"), lint("human"));
    assert!(json.contains("PL212"), "{json}");
    let java = dir.path().join("app/src/main/java/com/acme/chat/SecretChat.java");
    std::fs::create_dir_all(java.parent().unwrap()).unwrap();
    std::fs::write(
        &java,
        "package com.acme.chat;\nclass SecretChat {\n  String secretName = name;\n  boolean secretExported = exported;\n  \
         boolean isSecret = getIntent().getBooleanExtra(\"secret\", false);\n  \
         SecretKey aesKey = new SecretKeySpec(aesKeyBytes, \"AES\");\n  \
         void f() { secretChatMenuItem.setEnabled(isEnableSecretChat); }\n}\n",
    )
    .unwrap();
    let strings = dir.path().join("app/src/main/res/values/strings.xml");
    std::fs::create_dir_all(strings.parent().unwrap()).unwrap();
    std::fs::write(
        &strings,
        "<resources><string name=\"start_secret_chat\">Start secret chat</string></resources>\n",
    )
    .unwrap();
    // The file count differs; the findings may not.
    let findings = |s: &str| {
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        v["diagnostics"].clone()
    };
    assert_eq!(findings(&lint("json")), findings(&json));
    let masked_human = lint("human");
    assert!(!masked_human.contains("**"), "{masked_human}");
    assert_eq!(
        human.lines().filter(|l| l.contains("PL212")).count(),
        masked_human.lines().filter(|l| l.contains("PL212")).count()
    );
}
