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
