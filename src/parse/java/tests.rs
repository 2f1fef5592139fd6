//! Scanner tests: Java and Kotlin summaries, broken input, real constant files.
use super::*;

fn consts(s: &SourceFileSummary) -> Vec<(String, String, bool)> {
    s.constants.iter().map(|c| (c.name.value.clone(), c.value.value.clone(), c.is_string)).collect()
}

fn names(s: &SourceFileSummary) -> Vec<(&str, Vec<&str>)> {
    s.types
        .iter()
        .map(|t| (t.name.value.as_str(), t.supertypes.iter().map(String::as_str).collect()))
        .collect()
}

const JAVA: &str = r#"
package com.example.push; // trailing comment

import android.app.Application;
import static java.util.Objects.requireNonNull;
import com.huawei.hms.push.*;

/* class NotThis { } "string in comment */
@SuppressWarnings("unused")
public class PushApp<T extends Comparable<T>> extends Application implements Runnable, java.io.Serializable {
    public static final String APP_ID = "10086\"x\u0041";
    public static final long BUZ_ID = 0x1F_FFL, OTHER = -12L;
    static final int N = 7;
    public static boolean isTPNS = true;
    private static String mutablePrivate = "skip";
    public static final String JOINED = "a" + "b";
    final String instance = "skip";
    public static final char C = '\'';
    String s = "class Fake {";
    static final String BLOCK = """
        line "one"
        two\
         joined""";

    public void run() {
        final String local = "skip";
        Runnable r = new Runnable() { public void run() {} };
        Class<?> k = PushApp.class;
    }

    interface Keys {
        String KEY = "k";
        int[] ARRAY = {1};
    }

    enum Vendor implements Keys { HUAWEI("h"), XIAOMI("x"); Vendor(String s) {} }

    record Point(int x, int y) implements Keys {}

    @interface Marker { String value() default "v"; }
}
"#;

#[test]
fn java_summary() {
    let s = SourceFileSummary::scan(JAVA, false);
    let pkg = s.package.as_ref().unwrap();
    assert_eq!(pkg.value, "com.example.push");
    assert_eq!(&JAVA[pkg.range.as_usize()], "com.example.push");
    let imports: Vec<_> = s.imports.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(
        imports,
        ["android.app.Application", "java.util.Objects.requireNonNull", "com.huawei.hms.push.*"]
    );
    assert_eq!(&JAVA[s.imports[2].range.as_usize()], "com.huawei.hms.push.*");
    assert_eq!(
        names(&s),
        [
            ("PushApp", vec!["Application", "Runnable", "java.io.Serializable"]),
            ("PushApp.Keys", vec![]),
            ("PushApp.Vendor", vec!["Keys"]),
            ("PushApp.Point", vec!["Keys"]),
            ("PushApp.Marker", vec![]),
        ]
    );
    assert_eq!(s.types[4].kind, TypeKind::Annotation);
    assert_eq!(s.types[3].kind, TypeKind::Record);
    let c = consts(&s);
    let expected: Vec<(String, String, bool)> = [
        ("APP_ID", "10086\"xA", true),
        ("BUZ_ID", "0x1F_FF", false),
        ("OTHER", "-12", false),
        ("N", "7", false),
        ("isTPNS", "true", false),
        // Literals joined by `+` are a compile-time constant.
        ("JOINED", "ab", true),
        ("C", "'", false),
        ("BLOCK", "        line \"one\"\n        two         joined", true),
        ("KEY", "k", true),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
    .collect();
    assert_eq!(c, expected);
    let app_id = &s.constants[0];
    assert_eq!(&JAVA[app_id.value.range.as_usize()], "10086\\\"x\\u0041");
    assert_eq!(&JAVA[app_id.name.range.as_usize()], "APP_ID");
    assert_eq!(app_id.owner.as_deref(), Some("PushApp"));
    assert_eq!(app_id.declared_type.as_deref(), Some("String"));
    assert_eq!(&JAVA[s.constants[1].value.range.as_usize()], "0x1F_FF");
    assert_eq!(&JAVA[s.constants[2].value.range.as_usize()], "-12");
    assert_eq!(s.constant("PushApp.Keys", "KEY").map(|c| c.value.value.as_str()), Some("k"));
    assert_eq!(s.constant("Keys", "KEY").map(|c| c.value.value.as_str()), Some("k"));
}

const KOTLIN: &str = r#"
@file:JvmName("Push")
package com.example.push

import com.example.a.B
import com.example.c.D as E
import kotlinx.coroutines.*

const val TOP = "top"
val TOP_INFERRED = 42L
private val templ = "x${TOP + "}"}y"
val computed = "a".length

/* nested /* comment */ class NotThis */
data class Payload(val id: Int = 5, val name: String) : java.io.Serializable, Comparable<Payload> {
    val instance = "skip"
    override fun compareTo(other: Payload): Int = 0

    companion object {
        const val KEY = "payload"
        val RAW = """raw "quoted" $ text"""
        val TEMPLATE = "hi $name"
        fun f() { val local = 1 }
    }
}

object PushConfig : BaseConfig(), Listener by DefaultListener {
    const val HW_APP_ID: String = "123"
    @JvmField val MI_APP_ID = "2882303761517"
    var mutable = false
    val neg = -1
    val ch = 'c'
    val chained = 1.toString()
    object Nested { const val X = 0x10 }
}

sealed class Result<out T> where T : Any {
    class Ok(val v: Int) : Result<Int>()
}

enum class Vendor(val v: String) { HUAWEI("h"), XIAOMI("x") }

fun interface Callback { fun call() }

class Plain
val afterPlain = "ok"

class Registry private constructor(x: Int) : Base(x) {
    private companion object Factory { const val F = "f" }
}

val anon = object : Runnable { val inner = "skip"; override fun run() {} }
"#;

#[test]
fn kotlin_summary() {
    let s = SourceFileSummary::scan(KOTLIN, true);
    assert_eq!(s.package.as_ref().unwrap().value, "com.example.push");
    let imports: Vec<_> = s.imports.iter().map(|i| i.value.as_str()).collect();
    assert_eq!(imports, ["com.example.a.B", "com.example.c.D", "kotlinx.coroutines.*"]);
    assert_eq!(
        names(&s),
        [
            ("Payload", vec!["java.io.Serializable", "Comparable"]),
            ("Payload.Companion", vec![]),
            ("PushConfig", vec!["BaseConfig", "Listener"]),
            ("PushConfig.Nested", vec![]),
            ("Result", vec![]),
            ("Result.Ok", vec!["Result"]),
            ("Vendor", vec![]),
            ("Callback", vec![]),
            ("Plain", vec![]),
            ("Registry", vec!["Base"]),
            ("Registry.Factory", vec![]),
        ]
    );
    assert_eq!(s.types[1].kind, TypeKind::Companion);
    let c = consts(&s);
    let expected: Vec<(String, String, bool)> = [
        ("TOP", "top", true),
        ("TOP_INFERRED", "42", false),
        ("KEY", "payload", true),
        ("RAW", "raw \"quoted\" $ text", true),
        ("HW_APP_ID", "123", true),
        ("MI_APP_ID", "2882303761517", true),
        ("mutable", "false", false),
        ("neg", "-1", false),
        ("ch", "c", false),
        ("X", "0x10", false),
        ("afterPlain", "ok", true),
        ("F", "f", true),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), *c))
    .collect();
    assert_eq!(c, expected);
    let key = &s.constants[2];
    assert_eq!(key.owner.as_deref(), Some("Payload"));
    assert_eq!(&KOTLIN[key.value.range.as_usize()], "payload");
    assert_eq!(s.constants[0].owner, None);
    assert_eq!(s.constants[4].declared_type.as_deref(), Some("String"));
    assert_eq!(s.constant("PushConfig.Nested", "X").map(|c| c.value.value.as_str()), Some("0x10"));
    assert_eq!(s.constant("Registry", "F").map(|c| c.value.value.as_str()), Some("f"));
}

#[test]
fn never_panics_on_broken_input() {
    let samples = [
        "\"unterminated",
        "'",
        "'\\",
        "/* open",
        "\"\"\"open",
        "class",
        "class A extends",
        "}}}))",
        "static final String X =",
        "val x = \"${",
        "val x = \"${\"}\"",
        "object",
        "package",
        "import a.",
        "\"\\u12\"",
        "'\\777'",
        "0x",
        "1e+",
        "`open",
        "@",
        "enum",
        "record R(",
    ];
    for s in samples {
        let _ = SourceFileSummary::scan(s, false);
        let _ = SourceFileSummary::scan(s, true);
    }
    let deep = "{".repeat(100_000);
    let _ = SourceFileSummary::scan(&deep, true);
    let templates = "val x = \"${".repeat(100_000);
    let _ = SourceFileSummary::scan(&templates, true);
}

#[test]
fn tencent_private_constants() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus"));
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.file_name().is_some_and(|n| n == "PrivateConstants.java") {
                files.push(p);
            }
        }
    }
    for p in files {
        let Ok(text) = std::fs::read_to_string(&p) else { continue };
        let s = SourceFileSummary::scan(&text, false);
        assert_eq!(
            s.types.first().map(|t| t.name.value.as_str()),
            Some("PrivateConstants"),
            "{}",
            p.display()
        );
        // Every field line of these files is a constant.
        let fields = text.lines().filter(|l| l.trim_start().starts_with("public static")).count();
        assert_eq!(s.constants.len(), fields, "{}", p.display());
        for c in &s.constants {
            assert_eq!(c.owner.as_deref(), Some("PrivateConstants"));
            let raw = &text[c.value.range.as_usize()];
            assert_eq!(raw, c.value.value, "{}", p.display());
        }
        let p = p.to_string_lossy();
        if p.contains("2022-05-tuiofflinepush") && p.contains("tuiofflinepush/PrivateConstants") {
            let badge = s.constant("PrivateConstants", "BADGE_CLASS_NAME").unwrap();
            assert_eq!(badge.value.value, "com.tencent.qcloud.tim.demo.SplashActivity");
            assert!(badge.is_string);
            let hw = s.constant("PrivateConstants", "HW_PUSH_BUZID").unwrap();
            assert_eq!((hw.value.value.as_str(), hw.declared_type.as_deref()), ("0", Some("long")));
            assert_eq!(s.constant("PrivateConstants", "isTPNSChannel").unwrap().value.value, "false");
        }
        if p.contains("2024-04-timpush") && p.contains("native") {
            let hw = s.constant("PrivateConstants", "huaweiPushBussinessId").unwrap();
            assert_eq!(hw.value.value, "0");
            assert_eq!(s.constants.len(), 23);
        }
    }
}

#[test]
fn types_too_deep_or_too_long_are_not_read() {
    use super::scanner::{MAX_TYPE_DEPTH, MAX_TYPE_NAME};
    let mut src = String::new();
    for i in 0..MAX_TYPE_DEPTH + 2 {
        src.push_str(&format!("class T{i} {{ static final int C{i} = {i};\n"));
    }
    // A stray closer of another kind, at depth: ignored, as before.
    src.push_str(")]");
    src.push_str(&"}".repeat(MAX_TYPE_DEPTH + 2));
    src.push_str("\nclass After { static final String X = \"x\"; }\n");
    let s = SourceFileSummary::scan(&src, false);
    assert_eq!(s.types.len(), MAX_TYPE_DEPTH + 1);
    assert!(s.types.iter().all(|t| !t.name.value.contains(&format!("T{}", MAX_TYPE_DEPTH))));
    // Constants of the types left out are not read, those of the others are.
    assert_eq!(s.constants.len(), MAX_TYPE_DEPTH + 1, "{:?}", consts(&s));
    assert_eq!(s.constant("After", "X").map(|c| c.value.value.as_str()), Some("x"));
    let unread = s.unread.as_ref().expect("reported");
    assert_eq!(unread.value, format!("types nested deeper than {MAX_TYPE_DEPTH} levels are not read"));
    assert_eq!(&src[unread.range.as_usize()], format!("T{MAX_TYPE_DEPTH}"));

    let long = "L".repeat(MAX_TYPE_NAME);
    let s = SourceFileSummary::scan(&format!("object Outer {{ object {long} {{ const val A = 1 }} }}"), true);
    assert_eq!(names(&s).len(), 1);
    assert!(s.constants.is_empty());
    assert!(s.unread.is_some_and(|u| u.value.contains("longer than")));
}

#[test]
fn constant_sums_and_aliases() {
    let java = "class K {\n  static final String A = \"x\" + \"y\" + \"z\";\n  static final String B = A;\n  public static final String C = Other.D, E = \"e\";\n  static final String F = \"f\" + g();\n}\n";
    let s = SourceFileSummary::scan(java, false);
    assert_eq!(
        consts(&s),
        [("A".to_string(), "xyz".to_string(), true), ("E".to_string(), "e".to_string(), true)]
    );
    assert_eq!(&java[s.constants[0].value.range.as_usize()], "x\" + \"y\" + \"z");
    let aliases: Vec<(&str, &str)> =
        s.aliases.iter().map(|a| (a.name.value.as_str(), a.target.value.as_str())).collect();
    assert_eq!(aliases, [("B", "A"), ("C", "Other.D")]);
    let kt = "object Keys {\n  const val A = \"x\" +\n    \"y\"\n  const val B = Other.C\n  val D = e()\n}\n";
    let s = SourceFileSummary::scan(kt, true);
    assert_eq!(consts(&s), [("A".to_string(), "xy".to_string(), true)]);
    assert_eq!(s.aliases.iter().map(|a| a.target.value.as_str()).collect::<Vec<_>>(), ["Other.C"]);
}

#[test]
fn abstract_and_sealed_types_are_marked() {
    let java = "package a;\nimport b.C;\npublic abstract class Base extends C {}\nfinal class Impl extends Base {}\n";
    let s = SourceFileSummary::scan(java, false);
    let flags: Vec<(&str, bool)> = s.types.iter().map(|t| (t.name.value.as_str(), t.is_abstract)).collect();
    assert_eq!(flags, [("Base", true), ("Impl", false)]);
    let kt = "package a\nimport b.abstractly\nsealed class S\nclass K : S()\nabstract class A\nval x = 1\nclass L\n";
    let s = SourceFileSummary::scan(kt, true);
    let flags: Vec<(&str, bool)> = s.types.iter().map(|t| (t.name.value.as_str(), t.is_abstract)).collect();
    assert_eq!(flags, [("S", true), ("K", false), ("A", true), ("L", false)]);
}

#[test]
fn templated_kotlin_properties_keep_their_source_text() {
    let kt = "object Deps {\n  const val v = \"1.0\"\n  const val lib = \"g:a:${Versions.v}\"\n  val plain = \"x$v\"\n}\n";
    let s = SourceFileSummary::scan(kt, true);
    let t: Vec<(&str, &str)> =
        s.templates.iter().map(|c| (c.name.value.as_str(), c.value.value.as_str())).collect();
    assert_eq!(t, [("lib", "g:a:${Versions.v}"), ("plain", "x$v")]);
    assert_eq!(s.templates[0].owner.as_deref(), Some("Deps"));
}

proptest::proptest! {
    #[test]
    fn fuzz_never_panics(s in "\\PC{0,64}|[\\\\\"'/*{}\\[\\]$:=#!\\n a-z0-9]{0,64}") {
        let _ = SourceFileSummary::scan(&s, true); let _ = SourceFileSummary::scan(&s, false);
    }
}
