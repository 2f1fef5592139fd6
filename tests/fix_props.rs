//! Property test: on mutated copies of the fixtures of fixable rules (CRLF line endings, tabs,
//! single quotes, another prefix for the Android namespace, a BOM, comments with non-ASCII text
//! between elements), every fix pushlint offers lies inside its file and on character boundaries,
//! the fixes taken together change only the edited ranges, the result still parses, and the
//! bytes written back decode to it.

use proptest::prelude::*;
use pushlint::fix::{apply_edits, bytes::splice, select};
use pushlint::parse::text::TextKind;
use std::path::{Path, PathBuf};

/// The `fail*` cases of rules that offer fixes.
fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        if pushlint::rules::for_fixture(&dir).is_none_or(|r| r.fix.is_none()) {
            continue;
        }
        let mut cs: Vec<PathBuf> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
        cs.sort();
        out.extend(cs.into_iter().filter(|c| c.file_name().unwrap().to_string_lossy().starts_with("fail")));
    }
    out
}

#[derive(Clone, Debug)]
struct Mutation {
    crlf: bool,
    tabs: bool,
    single_quotes: bool,
    prefix: bool,
    bom: bool,
    /// (which line, comment text) pairs: a comment goes on its own line before that line.
    comments: Vec<(usize, String)>,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let comment = (0usize..200, "[a-z 推送é😀&<>-]{0,12}");
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::collection::vec(comment, 0..4),
    )
        .prop_map(|(crlf, tabs, single_quotes, prefix, bom, comments)| Mutation {
            crlf,
            tabs,
            single_quotes,
            prefix,
            bom,
            comments,
        })
}

/// A comment's text made safe for XML (`--` and `&`, `<` cannot appear in one).
fn xml_comment(text: &str) -> String {
    let t: String = text.chars().filter(|c| !matches!(c, '&' | '<' | '>')).collect();
    format!("<!-- {} -->", t.replace("--", "- -"))
}

fn mutate_xml(text: &str, m: &Mutation) -> String {
    let mut t = text.to_string();
    if m.prefix {
        t = t.replace("xmlns:android=", "xmlns:a=").replace("android:", "a:");
    }
    if m.single_quotes {
        let re = regex::Regex::new(r#"(\s[\w:.]+)="([^"']*)""#).unwrap();
        t = re.replace_all(&t, "$1='$2'").into_owned();
    }
    let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
    // Comments go between elements only: before a line that starts a tag, after the declaration.
    for (at, c) in &m.comments {
        let starts: Vec<usize> = (1..lines.len())
            .filter(|&i| lines[i].trim_start().starts_with('<') && !lines[i - 1].trim_end().ends_with('='))
            .collect();
        if starts.is_empty() {
            continue;
        }
        let i = starts[at % starts.len()];
        let indent: String = lines[i].chars().take_while(|c| c.is_whitespace()).collect();
        lines.insert(i, format!("{indent}{}", xml_comment(c)));
    }
    let mut t = lines.join("\n") + "\n";
    if m.tabs {
        t = t.replace("    ", "\t");
    }
    t
}

fn mutate(rel: &str, text: &str, m: &Mutation) -> Vec<u8> {
    let mut t = if rel.ends_with(".xml") { mutate_xml(text, m) } else { text.to_string() };
    if m.crlf {
        t = t.replace("\r\n", "\n").replace('\n', "\r\n");
    }
    let mut bytes = if m.bom && rel.ends_with(".xml") { vec![0xEF, 0xBB, 0xBF] } else { Vec::new() };
    bytes.extend(t.into_bytes());
    bytes
}

fn copy_mutated(case: &Path, m: &Mutation) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in walkdir::WalkDir::new(case).into_iter().flatten().filter(|e| e.file_type().is_file()) {
        let rel = e.path().strip_prefix(case).unwrap().to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(e.path()).unwrap();
        let out = match std::str::from_utf8(&bytes) {
            Ok(text) if !rel.ends_with(".json") => mutate(&rel, text, m),
            _ => bytes,
        };
        let to = dir.path().join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, out).unwrap();
    }
    dir
}

/// Whether `text` parses as cleanly as `before` did, for the kinds of file fixes edit.
fn parse_errors(rel: &str, text: &str) -> usize {
    if rel.ends_with(".xml") {
        pushlint::parse::manifest::ManifestDoc::parse(text).errors.len()
    } else if rel.ends_with(".gradle") || rel.ends_with(".gradle.kts") {
        let dsl = if rel.ends_with(".kts") {
            pushlint::parse::gradle::Dsl::Kotlin
        } else {
            pushlint::parse::gradle::Dsl::Groovy
        };
        pushlint::parse::gradle::GradleScript::parse(text, dsl).errors.len()
    } else {
        0
    }
}

/// Checks the property on `case` mutated by `m`; returns how many fixes were offered.
fn check(case: &Path, m: &Mutation) -> Result<usize, TestCaseError> {
    let dir = copy_mutated(case, m);
    let report = pushlint::lint(dir.path(), &pushlint::Config::default()).map_err(TestCaseError::fail)?;
    let files = &report.project.files;
    let fixes: Vec<&pushlint::fix::Fix> = report.iter().filter_map(|d| d.fix.as_ref()).collect();
    for f in &fixes {
        for e in &f.edits {
            let text = files.get(e.span.file).original_text();
            let r = e.span.range.as_usize();
            prop_assert!(
                r.end <= text.len() && text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
                "{case:?}: edit {e:?} does not fit"
            );
        }
    }
    let selection = select(&fixes);
    for (id, edits) in &selection.edits {
        let f = files.get(*id);
        let before = f.original_text();
        let after = apply_edits(before, edits);
        // Only the edited ranges changed: the text between the edits is the original, in order,
        // and the edits do not overlap (so none was dropped).
        let mut expected = String::new();
        let mut at = 0usize;
        for e in edits {
            let r = e.range.as_usize();
            prop_assert!(r.start >= at, "{case:?} {}: edits overlap", f.rel);
            expected.push_str(&before[at..r.start]);
            expected.push_str(&e.content);
            at = r.end;
        }
        expected.push_str(&before[at..]);
        prop_assert_eq!(&after, &expected, "{:?} {}", case, f.rel);
        prop_assert!(
            parse_errors(&f.rel, &after) <= parse_errors(&f.rel, before),
            "{case:?} {}: the fixed text does not parse:\n{after}",
            f.rel
        );
        // The bytes on disk take the same edits and decode to the same text.
        let bytes = std::fs::read(dir.path().join(&f.rel)).unwrap();
        let kind = if f.rel.ends_with(".xml") { TextKind::Xml } else { TextKind::Other };
        let out = splice(&bytes, kind, before, edits)
            .map_err(|r| TestCaseError::fail(format!("{}: {r}", f.rel)))?;
        prop_assert_eq!(pushlint::parse::text::decode(&out, kind).text, after);
        prop_assert_eq!(out.starts_with(&[0xEF, 0xBB, 0xBF]), bytes.starts_with(&[0xEF, 0xBB, 0xBF]));
        if m.crlf {
            prop_assert!(
                !String::from_utf8_lossy(&out).replace("\r\n", "").contains('\n'),
                "{}: a bare LF in a CRLF file",
                f.rel
            );
        }
    }
    Ok(fixes.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn fixes_change_only_their_spans_and_keep_files_parsing(which in 0usize..1000, m in mutation()) {
        let cases = cases();
        prop_assume!(!cases.is_empty());
        check(&cases[which % cases.len()], &m)?;
    }
}

/// Every case once without mutation, and once with all mutations: the property holds on the
/// fixtures themselves, whatever proptest draws, and the mutations leave every fix in place.
#[test]
fn every_case_plain_and_fully_mutated() {
    let plain = Mutation {
        crlf: false,
        tabs: false,
        single_quotes: false,
        prefix: false,
        bom: false,
        comments: vec![],
    };
    let all = Mutation {
        crlf: true,
        tabs: true,
        single_quotes: true,
        prefix: true,
        bom: true,
        comments: vec![(3, "推送 😀".into())],
    };
    for case in cases() {
        let counts: Vec<usize> = [&plain, &all]
            .iter()
            .map(|m| check(&case, m).unwrap_or_else(|e| panic!("{}: {e}", case.display())))
            .collect();
        assert_eq!(counts[0], counts[1], "{}: the mutations changed the number of fixes", case.display());
    }
}
