//! Manifest parser tests: elements, attributes, namespaces, spans, recovery.
use super::*;
use crate::parse::MAX_DEPTH;

fn slice(src: &str, r: TextRange) -> &str {
    &src[r.as_usize()]
}

/// 1-based line and column (in chars) of a byte offset.
fn line_col(src: &str, offset: u32) -> (usize, usize) {
    let before = &src[..offset as usize];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn parse_ok(src: &str) -> ManifestDoc {
    let doc = ManifestDoc::parse(src);
    assert!(doc.errors.is_empty(), "unexpected errors: {:#?}", doc.errors);
    doc
}

/// Parses `src`, expecting exactly one error; returns it with the text it covers.
fn one_error(src: &str) -> (ManifestDoc, ParseError, String) {
    let doc = ManifestDoc::parse(src);
    assert_eq!(doc.errors.len(), 1, "expected one error in {src:?}, got {:#?}", doc.errors);
    let err = doc.errors[0].clone();
    let text = slice(src, err.range).to_owned();
    (doc, err, text)
}

fn named(doc: &ManifestDoc, local: &str) -> ElemId {
    doc.elements_named(local).next().unwrap_or_else(|| panic!("no <{local}>"))
}

const MANIFEST: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<!-- 推送配置：小米、华为 -->
<manifest xmlns:android="http://schemas.android.com/apk/res/android"
    xmlns:tools="http://schemas.android.com/tools"
    package="com.example.推送">
    <!-- 小米推送 -->
    <application android:name='.App' tools:replace="android:name" android:label="A &amp; B&#10;&#x41;">
        <service
            android:name="com.xiaomi.push.service.XMPushService"
            android:exported = "false" />
        <meta-data android:name="com.vivo.push.api_key" android:value="&quot;中文&quot;"/>
    </application>
</manifest>
"#;

#[test]
fn spans_are_exact_with_multibyte_text() {
    let doc = parse_ok(MANIFEST);
    let src = MANIFEST;
    let root = doc.root.unwrap();
    let m = doc.element(root);
    assert_eq!(m.qname, "manifest");
    assert!(m.ns.is_none());
    assert!(slice(src, m.span).starts_with("<manifest xmlns:android="));
    assert!(slice(src, m.span).ends_with("</manifest>"));
    assert_eq!(slice(src, m.name_span), "manifest");
    assert!(slice(src, m.start_tag).ends_with("package=\"com.example.推送\">"));
    let package = doc.plain_attr(root, "package").unwrap();
    assert_eq!(package.value, "com.example.推送");
    assert_eq!(slice(src, package.span), "package=\"com.example.推送\"");
    assert_eq!(slice(src, package.value_span), "com.example.推送");

    let app = doc.children_named(root, "application").next().unwrap();
    let a = doc.element(app);
    assert_eq!(a.parent, Some(root));
    assert_eq!(slice(src, a.name_span), "application");
    assert!(
        slice(src, a.span).starts_with("<application ") && slice(src, a.span).ends_with("</application>")
    );
    let name = doc.android_attr(app, "name").unwrap();
    assert_eq!(slice(src, name.span), "android:name='.App'");
    assert_eq!(slice(src, name.value_span), ".App");
    assert_eq!(name.qname, "android:name");
    assert_eq!(doc.tools_attr(app, "replace").unwrap().value, "android:name");
    assert_eq!(doc.android_value(app, "label"), Some("A & B\nA"));
    assert_eq!(slice(src, doc.android_attr(app, "label").unwrap().value_span), "A &amp; B&#10;&#x41;");

    let service = named(&doc, "service");
    let s = doc.element(service);
    assert_eq!(slice(src, s.span), slice(src, s.start_tag));
    assert!(slice(src, s.span).starts_with("<service") && slice(src, s.span).ends_with("/>"));
    let exported = doc.android_attr(service, "exported").unwrap();
    assert_eq!(slice(src, exported.span), "android:exported = \"false\"");
    assert_eq!(line_col(src, exported.span.start), (10, 13));

    let meta = named(&doc, "meta-data");
    assert_eq!(doc.android_value(meta, "value"), Some("\"中文\""));
    assert_eq!(doc.element(app).children, vec![service, meta]);
    assert_eq!(doc.descendants(root).collect::<Vec<_>>(), vec![app, service, meta]);
    assert_eq!(doc.ancestors(meta).collect::<Vec<_>>(), vec![app, root]);

    assert_eq!(doc.comments.len(), 2);
    assert_eq!(doc.comments[0].text, " 推送配置：小米、华为 ");
    assert_eq!(slice(src, doc.comments[0].span), "<!-- 推送配置：小米、华为 -->");
    assert_eq!(slice(src, doc.comments[1].span), "<!-- 小米推送 -->");
    assert_eq!(line_col(src, doc.comments[1].span.start), (6, 5));
}

#[test]
fn xmlns_declarations_are_attributes_in_the_xmlns_namespace() {
    let doc = parse_ok(MANIFEST);
    let root = doc.root.unwrap();
    let decl = doc.attr(root, XMLNS_NS, "android").unwrap();
    assert_eq!(decl.qname, "xmlns:android");
    assert_eq!(decl.value, ANDROID_NS);
    assert!(doc.plain_attr(root, "android").is_none());
    let doc = parse_ok("<a xmlns='urn:x'/>");
    assert_eq!(doc.attr(ElemId(0), XMLNS_NS, "xmlns").unwrap().value, "urn:x");
    assert_eq!(doc.element(ElemId(0)).ns.as_deref(), Some("urn:x"));
}

#[test]
fn namespace_declared_on_application() {
    let src = r#"<?xml version="1.0" encoding="UTF-8"?><manifest>
  <application xmlns:android="http://schemas.android.com/apk/res/android" android:name=".App">
    <activity android:name=".Main"/>
  </application>
  <uses-permission android:name="x"/>
</manifest>"#;
    let doc = ManifestDoc::parse(src);
    let app = named(&doc, "application");
    assert_eq!(doc.android_value(app, "name"), Some(".App"));
    assert_eq!(doc.android_value(named(&doc, "activity"), "name"), Some(".Main"));
    // Out of scope after `</application>`: reported, not resolved.
    assert_eq!(doc.errors.len(), 1, "{:?}", doc.errors);
    assert_eq!(doc.errors[0].message, "namespace prefix `android` is not declared");
    assert_eq!(slice(src, doc.errors[0].range), "android");
    assert_eq!(line_col(src, doc.errors[0].range.start), (5, 20));
    assert!(doc.android_attr(named(&doc, "uses-permission"), "name").is_none());
}

#[test]
fn custom_prefix_and_scoping() {
    let src = r#"<manifest xmlns:a="http://schemas.android.com/apk/res/android" xmlns:t="http://schemas.android.com/tools">
  <application a:name=".App" t:ignore="GoogleAppIndexingWarning">
    <service xmlns:a="urn:other" a:name="not-android"/>
    <receiver a:name=".R"/>
  </application>
</manifest>"#;
    let doc = parse_ok(src);
    let app = named(&doc, "application");
    assert_eq!(doc.android_value(app, "name"), Some(".App"));
    assert_eq!(doc.tools_attr(app, "ignore").unwrap().value, "GoogleAppIndexingWarning");
    let service = named(&doc, "service");
    assert!(doc.android_attr(service, "name").is_none());
    assert_eq!(doc.attr(service, "urn:other", "name").unwrap().value, "not-android");
    assert_eq!(doc.android_value(named(&doc, "receiver"), "name"), Some(".R"));
}

#[test]
fn prefixed_and_default_namespaced_elements() {
    let doc =
        parse_ok(r#"<manifest xmlns:d="urn:d"><d:thing xmlns="urn:x"><inner/></d:thing><plain/></manifest>"#);
    let thing = doc.element(ElemId(1));
    assert_eq!(
        (thing.qname.as_str(), thing.local.as_str(), thing.ns.as_deref()),
        ("d:thing", "thing", Some("urn:d"))
    );
    assert_eq!(doc.element(ElemId(2)).ns.as_deref(), Some("urn:x"));
    assert!(doc.element(ElemId(3)).ns.is_none());
    assert_eq!(doc.elements_named("plain").count(), 1);
    assert_eq!(doc.elements_named("inner").count(), 0);
}

#[test]
fn mismatched_end_tag_recovers() {
    let src =
        "<manifest>\n  <application>\n    <activity>\n  </application>\n  <uses-permission/>\n</manifest>";
    let (doc, err, text) = one_error(src);
    assert_eq!(err.message, "expected `</activity>`, found `</application>`");
    assert_eq!(text, "</application>");
    assert_eq!(line_col(src, err.range.start), (4, 3));
    assert!(!err.recovered);
    let activity = doc.element(named(&doc, "activity"));
    assert_eq!(activity.span.end, err.range.start);
    let app = doc.element(named(&doc, "application"));
    assert_eq!(app.span.end, err.range.end);
    let perm = named(&doc, "uses-permission");
    assert_eq!(doc.element(perm).parent, doc.root);
    assert_eq!(doc.element(doc.root.unwrap()).span.end as usize, src.len());
}

#[test]
fn typo_in_end_tag_is_reported_once() {
    let src = "<manifest><application><activity></activty></application><service/></manifest>";
    let (doc, err, text) = one_error(src);
    assert_eq!(err.message, "expected `</activity>`, found `</activty>`");
    assert_eq!(text, "</activty>");
    assert_eq!(doc.element(named(&doc, "service")).parent, doc.root);

    let src = "<manifest><application></activity></application></manifest>";
    let (doc, err, text) = one_error(src);
    assert_eq!(err.message, "expected `</application>`, found `</activity>`");
    assert_eq!(text, "</activity>");
    assert_eq!(doc.element(doc.root.unwrap()).span.end as usize, src.len());
}

#[test]
fn unclosed_elements_end_at_eof() {
    let src = "<manifest>\n  <application>\n    <activity/>\n";
    let (doc, err, _) = one_error(src);
    assert_eq!(err.message, "expected `</application>`, found end of file");
    assert_eq!(err.range, TextRange::empty(src.len()));
    assert_eq!(line_col(src, err.range.start), (4, 1));
    for e in &doc.elements[..2] {
        assert_eq!(e.span.end as usize, src.len());
    }
    assert_eq!(doc.elements.len(), 3);
}

#[test]
fn truncated_tag_and_attribute() {
    let src = "<manifest>\n  <application android:name=\".App\"";
    let (doc, err, text) = one_error(src);
    assert_eq!(err.message, "tag is not closed: `>` is missing");
    assert_eq!(text, "<application");
    assert_eq!(line_col(src, err.range.start), (2, 3));
    assert_eq!(doc.elements.len(), 1);

    let src = "<manifest>\n  <application android:name=\".App>\n</manifest>\n";
    let (_, err, text) = one_error(src);
    assert_eq!(err.message, "attribute value is not closed: the closing quote is missing");
    assert_eq!(text, "\"");
    assert_eq!(line_col(src, err.range.start), (2, 29));

    let (_, err, text) = one_error("<manifest/><!-- 未完");
    assert_eq!(err.message, "comment is not closed: `-->` is missing");
    assert_eq!(text, "<!--");
}

#[test]
fn attribute_errors() {
    let (doc, err, text) = one_error("<manifest package>\n</manifest>");
    assert_eq!(err.message, "attribute `package` has no value");
    assert_eq!(text, "package");
    assert!(doc.element(ElemId(0)).attrs.is_empty());

    let (_, err, text) = one_error("<a b= ></a>");
    assert_eq!(err.message, "attribute `b` has no value");
    assert_eq!(text, "b= ");

    let (doc, err, text) = one_error("<a b=\"1\" c='2' b='3'/>");
    assert_eq!(err.message, "duplicate attribute `b`");
    assert_eq!(text, "b='3'");
    assert_eq!(doc.element(ElemId(0)).attrs.len(), 2);
    assert_eq!(doc.plain_attr(ElemId(0), "b").unwrap().value, "1");

    // Two prefixes for the same namespace still name the same attribute.
    let src = format!(
        "<a xmlns:android=\"{ANDROID_NS}\" xmlns:x=\"{ANDROID_NS}\" android:name=\"1\" x:name=\"2\"/>"
    );
    let (_, err, text) = one_error(&src);
    assert_eq!(err.message, "duplicate attribute `x:name`");
    assert_eq!(text, "x:name=\"2\"");

    // The same with enough attributes that earlier names are looked up by hash.
    let filler: String = (0..40).map(|i| format!(" f{i}=\"\"")).collect();
    let src = format!(
        "<a xmlns:android=\"{ANDROID_NS}\" xmlns:x=\"{ANDROID_NS}\"{filler} android:name=\"1\" x:name=\"2\"/>"
    );
    let (_, err, text) = one_error(&src);
    assert_eq!(err.message, "duplicate attribute `x:name`");
    assert_eq!(text, "x:name=\"2\"");
    let (doc, err, _) = one_error(&format!("<a{filler} f3='again'/>"));
    assert_eq!(err.message, "duplicate attribute `f3`");
    assert_eq!(doc.element(ElemId(0)).attrs.len(), 40);

    let (doc, err, text) = one_error("<a b=c d='e'/>");
    assert_eq!(err.message, "the value of attribute `b` must be in quotes");
    assert_eq!(text, "c");
    assert_eq!(doc.plain_attr(ElemId(0), "d").unwrap().value, "e");

    let (_, err, text) = one_error("<a b='1'c='2'/>");
    assert_eq!(err.message, "expected whitespace between attributes");
    assert_eq!(err.range, TextRange::empty(8));
    assert_eq!(text, "");

    let (_, err, text) = one_error("<a \"junk\" b='1'/>");
    assert_eq!(err.message, "unexpected `\"` inside a tag");
    assert_eq!(text, "\"junk\"");
}

#[test]
fn ampersand_and_entity_errors() {
    let (doc, err, text) = one_error("<a b=\"x & y\"/>");
    assert_eq!(err.message, "unescaped `&` in attribute value: write `&amp;`");
    assert_eq!((text.as_str(), err.range.start), ("&", 8));
    assert_eq!(doc.plain_attr(ElemId(0), "b").unwrap().value, "x & y");

    let (doc, err, text) = one_error("<a b=\"&nbsp;x\"/>");
    assert_eq!(err.message, "unknown entity `&nbsp;`");
    assert!(err.recovered);
    assert_eq!(text, "&nbsp;");
    assert_eq!(doc.plain_attr(ElemId(0), "b").unwrap().value, "&nbsp;x");

    let (_, err, text) = one_error("<a b=\"&#xD800;&#65;\"/>");
    assert_eq!(err.message, "invalid character reference `&#xD800;`");
    assert_eq!(text, "&#xD800;");

    let (_, err, text) = one_error("<a>fish & chips</a>");
    assert_eq!(err.message, "unescaped `&`: write `&amp;`");
    assert_eq!(text, "&");

    let (_, err, text) = one_error("<a>R&D</a>");
    assert_eq!(text, "&D");
    assert!(!err.recovered);

    let (_, err, text) = one_error("<a>&copy; 2024</a>");
    assert_eq!(err.message, "unknown entity `&copy;`");
    assert_eq!(text, "&copy;");

    let (_, err, _) = one_error("<a b='1 < 2'/>");
    assert_eq!(err.message, "`<` is not allowed in an attribute value: write `&lt;`");
}

#[test]
fn attribute_value_whitespace_is_normalised() {
    let doc = parse_ok("<a b=\"x\r\ny\tz\nw&#10;\"/>");
    assert_eq!(doc.plain_attr(ElemId(0), "b").unwrap().value, "x y z w\n");
}

#[test]
fn document_level_errors() {
    let (_, err, _) = one_error("");
    assert_eq!((err.message.as_str(), err.range), ("no root element", TextRange::empty(0)));
    let (_, err, _) = one_error("  \n<!-- only a comment -->\n");
    assert_eq!(err.message, "no root element");

    let src = "<manifest/>\ntrailing 垃圾\n";
    let (_, err, text) = one_error(src);
    assert_eq!(err.message, "text after the root element");
    assert_eq!(text, "trailing 垃圾");
    assert_eq!(line_col(src, err.range.start), (2, 1));

    let (_, err, text) = one_error("garbage<manifest/>");
    assert_eq!((err.message.as_str(), text.as_str()), ("text before the root element", "garbage"));

    let (doc, err, text) = one_error("<manifest/>\n<manifest/>");
    assert_eq!(err.message, "a document can have only one root element");
    assert_eq!(text, "manifest");
    assert_eq!(doc.root, Some(ElemId(0)));

    let (_, err, text) = one_error("\n<?xml version=\"1.0\"?><manifest/>");
    assert_eq!(err.message, "the xml declaration must be at the very start of the file");
    assert_eq!(text, "<?xml");

    let (_, err, text) = one_error("<manifest></manifest></application>");
    assert_eq!(err.message, "unexpected end tag `</application>`");
    assert_eq!(text, "</application>");
}

#[test]
fn not_a_tag_is_read_as_text() {
    let (doc, err, text) = one_error("<manifest>a < b<application/></manifest>");
    assert_eq!(err.message, "expected a tag name after `<`");
    assert_eq!(text, "< ");
    assert_eq!(doc.elements.len(), 2);
    assert_eq!(doc.element(ElemId(1)).parent, Some(ElemId(0)));

    let (doc, err, text) = one_error("<manifest><><application/></manifest>");
    assert_eq!(text, "<>");
    assert!(err.message.contains("tag name"));
    assert_eq!(doc.elements.len(), 2);

    let (doc, err, text) = one_error("<manifest><!bogus><application/></manifest>");
    assert_eq!(err.message, "unknown markup after `<!`");
    assert_eq!(text, "<!");
    assert_eq!(doc.elements.len(), 2);

    let (_, err, text) = one_error("<manifest></ ></manifest>");
    assert_eq!(err.message, "expected a tag name after `</`");
    assert_eq!(text, "</ >");
}

#[test]
fn bom_offsets_are_kept() {
    let src = "\u{FEFF}<?xml version=\"1.0\"?><manifest package=\"p\"/>";
    let doc = parse_ok(src);
    let p = doc.plain_attr(ElemId(0), "package").unwrap();
    assert_eq!(slice(src, p.span), "package=\"p\"");
}

#[test]
fn doctype_entities_are_not_expanded() {
    let mut src = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 { "lol".to_owned() } else { format!("lol{}", i - 1) };
        src.push_str(&format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
    }
    src.push_str(" <!ENTITY xxe SYSTEM \"file:///etc/passwd\">\n]>\n");
    src.push_str("<manifest package=\"&lol9;\"><a>&lol9;&xxe;</a></manifest>");
    let doc = ManifestDoc::parse(&src);
    assert_eq!(doc.plain_attr(ElemId(0), "package").unwrap().value, "&lol9;");
    let messages: Vec<_> = doc.errors.iter().map(|e| (e.message.as_str(), e.recovered)).collect();
    assert_eq!(
        messages,
        vec![
            ("unknown entity `&lol9;`", true),
            ("unknown entity `&lol9;`", true),
            ("unknown entity `&xxe;`", true)
        ]
    );
    assert!(!doc.has_fatal_errors());
}

#[test]
fn deep_nesting_is_cut_off() {
    let n = 100_000;
    let src = format!("<manifest>{}{}<after/></manifest>", "<a>".repeat(n), "</a>".repeat(n));
    let doc = ManifestDoc::parse(&src);
    assert_eq!(doc.errors.len(), 1, "{:?}", &doc.errors[..doc.errors.len().min(3)]);
    assert_eq!(doc.errors[0].message, format!("elements nested deeper than {MAX_DEPTH} levels are not read"));
    assert_eq!(doc.elements.len(), MAX_DEPTH + 1);
    let after = named(&doc, "after");
    assert_eq!(doc.element(after).parent, doc.root);
    // Unclosed deep nesting does not overflow either.
    let doc = ManifestDoc::parse(&"<a>".repeat(n));
    assert_eq!(doc.errors.len(), 2);
}

#[test]
fn junk_does_not_panic() {
    let inputs: [&[u8]; 11] = [
        b"\x00\x01\x02<\xff\xfe>&&&;;<<<>>>",
        b"<",
        b"</",
        b"<!",
        b"<?",
        b"<a",
        b"<a b",
        b"<a b=",
        b"&",
        b"<!DOCTYPE>",
        b"<a:b:c d:='1' :e='2' xmlns:='3' xmlns:f=''/>",
    ];
    for bytes in inputs {
        let text = String::from_utf8_lossy(bytes);
        let doc = ManifestDoc::parse(&text);
        assert!(!doc.errors.is_empty(), "{text:?}");
        for e in &doc.errors {
            assert!(text.get(e.range.as_usize()).is_some(), "{text:?}: {e:?}");
            assert!(!e.message.ends_with('.'));
        }
    }
    let doc = ManifestDoc::parse(&String::from_utf8_lossy(b"<a b='\xe4\xb8'/>"));
    assert!(doc.errors.is_empty());
    let doc = ManifestDoc::parse("<!-\u{80}");
    assert_eq!(doc.errors[0].range, TextRange::new(0, 5));
    let noise: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let doc = ManifestDoc::parse(&String::from_utf8_lossy(&noise));
    assert!(doc.errors.len() <= MAX_ERRORS + 1);
}

fn corpus_manifests() -> Vec<std::path::PathBuf> {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.file_name().is_some_and(|n| n == "AndroidManifest.xml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn corpus_manifests_parse_cleanly() {
    let files = corpus_manifests();
    if files.is_empty() {
        eprintln!("corpus not present, skipping");
        return;
    }
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let decoded = crate::parse::text::decode(&bytes, crate::parse::text::TextKind::Xml);
        assert!(!decoded.had_errors, "{}", path.display());
        let doc = ManifestDoc::parse(&decoded.text);
        assert!(doc.errors.is_empty(), "{}: {:#?}", path.display(), doc.errors);
        let root = doc.root.unwrap();
        assert_eq!(doc.element(root).local, "manifest", "{}", path.display());
        for e in &doc.elements {
            assert!(decoded.text[e.span.as_usize()].starts_with(&format!("<{}", e.qname)));
            for a in &e.attrs {
                assert!(decoded.text[a.span.as_usize()].starts_with(a.qname.as_str()));
            }
        }
    }

    let demo = files.iter().find(|p| p.to_string_lossy().contains("2024-04-timpush/Demo/app"));
    let Some(demo) = demo else { return };
    let text = std::fs::read_to_string(demo).unwrap();
    let doc = ManifestDoc::parse(&text);
    let root = doc.root.unwrap();
    assert!(doc.attr(root, XMLNS_NS, "android").is_none());
    let app = doc.children_named(root, "application").next().unwrap();
    assert_eq!(doc.attr(app, XMLNS_NS, "android").unwrap().value, ANDROID_NS);
    assert_eq!(doc.android_value(app, "name"), Some("com.tencent.qcloud.tim.demo.DemoApplication"));
    let main = doc
        .children_named(app, "activity")
        .find(|&a| doc.android_value(a, "name") == Some("com.tencent.qcloud.tim.demo.main.MainActivity"))
        .unwrap();
    let schemes: Vec<_> = doc
        .children_named(main, "intent-filter")
        .flat_map(|f| doc.children_named(f, "data"))
        .filter_map(|d| doc.android_value(d, "scheme"))
        .collect();
    assert_eq!(schemes, vec!["pushscheme"]);
}

mod prop {
    use super::super::*;
    use crate::parse::text::{TextKind, decode};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let text = decode(&bytes, TextKind::Xml).text;
            let doc = ManifestDoc::parse(&text);
            for e in &doc.errors {
                prop_assert!(text.get(e.range.as_usize()).is_some());
            }
            for e in &doc.elements {
                prop_assert!(text.get(e.span.as_usize()).is_some());
                for a in &e.attrs {
                    prop_assert!(text.get(a.value_span.as_usize()).is_some());
                }
            }
        }

        #[test]
        fn xmlish_text_never_panics(s in "[<>/=\"'&;#a-cxD:! \n?\\[\\]中\u{FEFF}-]{0,120}") {
            let doc = ManifestDoc::parse(&s);
            for e in &doc.errors {
                prop_assert!(s.get(e.range.as_usize()).is_some());
            }
            let within = |outer: TextRange, inner: TextRange| outer.start <= inner.start && inner.end <= outer.end;
            for e in &doc.elements {
                prop_assert!(within(e.span, e.start_tag) && within(e.start_tag, e.name_span));
                prop_assert_eq!(s.get(e.name_span.as_usize()), Some(e.qname.as_str()));
                for a in &e.attrs {
                    prop_assert!(within(e.start_tag, a.span) && within(a.span, a.value_span));
                    prop_assert!(s.get(a.span.as_usize()).is_some_and(|t| t.starts_with(a.qname.as_str())));
                }
            }
        }
    }
}
