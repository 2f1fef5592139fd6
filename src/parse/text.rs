//! Turns file bytes into UTF-8 text: BOMs, UTF-16, and the encoding an XML declaration names
//! (GBK, GB18030, ISO-8859-1, ...). Undecodable bytes are replaced and reported, never fatal.

use encoding_rs::{Encoding, GB18030, REPLACEMENT, UTF_8, UTF_16BE, UTF_16LE};

/// Which kind of file is being decoded; only XML can declare its own encoding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    Xml,
    Other,
}

/// The decoded text of a file and what it took to decode it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// UTF-8 text, BOM removed. All spans of the file are offsets into this string.
    pub text: String,
    /// Name of the encoding used, e.g. "UTF-8", "UTF-16LE", "GBK".
    pub encoding: &'static str,
    pub had_bom: bool,
    /// Set when some bytes were not valid in `encoding` and were replaced with U+FFFD.
    pub had_errors: bool,
    /// Set when the XML declaration named an encoding this tool does not know (UTF-8 was assumed).
    pub unknown_declared: Option<String>,
}

/// How many leading bytes are searched for the XML declaration.
const DECL_SNIFF_LEN: usize = 200;

/// Decodes `bytes`; never fails.
///
/// Precedence: a BOM wins, then (XML only) BOM-less UTF-16 and the declared encoding, then UTF-8.
/// Non-XML text that is not valid UTF-8 but is valid GB18030 is decoded as GB18030.
pub fn decode(bytes: &[u8], kind: TextKind) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return decode_with(enc, rest, true, None);
    }
    if kind == TextKind::Xml {
        if let Some(enc) = sniff_utf16(bytes) {
            return decode_with(enc, bytes, false, None);
        }
        if let Some(label) = declared_encoding(bytes) {
            return match Encoding::for_label(label.as_bytes()) {
                // The bytes were just read as ASCII, so a "UTF-16" declaration is wrong; UTF-8 is
                // what every XML parser falls back to. "replacement" labels (ISO-2022-KR, ...)
                // would turn the whole file into one U+FFFD, so they count as unknown.
                Some(enc) if enc == REPLACEMENT => decode_with(UTF_8, bytes, false, Some(label)),
                Some(enc) if enc == UTF_16LE || enc == UTF_16BE => decode_with(UTF_8, bytes, false, None),
                Some(enc) => decode_with(enc, bytes, false, None),
                None => decode_with(UTF_8, bytes, false, Some(label)),
            };
        }
        return decode_with(UTF_8, bytes, false, None);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: s.to_owned(),
            encoding: UTF_8.name(),
            had_bom: false,
            had_errors: false,
            unknown_declared: None,
        },
        Err(_) => match GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
            // Chinese Gradle/Java sources saved by Windows editors are often GBK/GB18030.
            Some(text) => Decoded {
                text: text.into_owned(),
                encoding: encoding_name(GB18030),
                had_bom: false,
                had_errors: false,
                unknown_declared: None,
            },
            None => decode_with(UTF_8, bytes, false, None),
        },
    }
}

/// Like `decode`, but takes the bytes: valid UTF-8 that needs no other decoding (nearly every
/// file) becomes the text without being copied.
pub fn decode_owned(bytes: Vec<u8>, kind: TextKind) -> Decoded {
    let plain = Encoding::for_bom(&bytes).is_none()
        && (kind == TextKind::Other
            || (sniff_utf16(&bytes).is_none()
                && declared_encoding(&bytes)
                    .is_none_or(|l| Encoding::for_label(l.as_bytes()) == Some(UTF_8))));
    if !plain {
        return decode(&bytes, kind);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            encoding: UTF_8.name(),
            had_bom: false,
            had_errors: false,
            unknown_declared: None,
        },
        Err(e) => decode(e.as_bytes(), kind),
    }
}

/// The text with each lone `\r` (a classic Mac line ending) read as `\n`, for parsers (TOML) that
/// only know `\n` and `\r\n`: one byte for one, so every offset stays where it was.
pub fn lone_cr_as_lf(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) != Some(&b'\n');
    if !(0..bytes.len()).any(lone) {
        return std::borrow::Cow::Borrowed(text);
    }
    let out: Vec<u8> = (0..bytes.len()).map(|i| if lone(i) { b'\n' } else { bytes[i] }).collect();
    // Only ASCII bytes changed: still valid UTF-8.
    std::borrow::Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// The `encoding="…"` value of the XML declaration at the start of `bytes`, read as ASCII.
///
/// Only the first 200 bytes are searched; leading whitespace before `<?xml` is tolerated.
pub fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..DECL_SNIFF_LEN.min(bytes.len())).unwrap_or_default();
    let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
    let decl = head.get(start..)?.strip_prefix(b"<?xml")?;
    if !decl.first().is_some_and(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let end = find(decl, b"?>").unwrap_or(decl.len());
    let decl = decl.get(..end)?;
    let mut i = 0;
    while let Some(rel) = find(decl.get(i..)?, b"encoding") {
        let name_start = i + rel;
        let mut j = name_start + b"encoding".len();
        i = j;
        // `xencoding=` is a different pseudo-attribute.
        if name_start > 0 && !decl.get(name_start - 1).is_some_and(|b| b.is_ascii_whitespace()) {
            continue;
        }
        j = skip_ws(decl, j);
        if decl.get(j) != Some(&b'=') {
            continue;
        }
        j = skip_ws(decl, j + 1);
        let quote = *decl.get(j)?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        let value = decl.get(j + 1..)?;
        let len = value.iter().position(|&b| b == quote)?;
        let label = std::str::from_utf8(value.get(..len)?).ok()?.trim();
        return (!label.is_empty()).then(|| label.to_owned());
    }
    None
}

/// UTF-16 without a BOM, recognised by `<` followed or preceded by a NUL byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [b'<', 0, c, 0, ..] if *c != 0 => Some(UTF_16LE),
        [0, b'<', 0, c, ..] if *c != 0 => Some(UTF_16BE),
        _ => None,
    }
}

fn decode_with(
    enc: &'static Encoding,
    bytes: &[u8],
    had_bom: bool,
    unknown_declared: Option<String>,
) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded { text: text.into_owned(), encoding: encoding_name(enc), had_bom, had_errors, unknown_declared }
}

/// The encoding's WHATWG name, except that GB18030 is spelled in capitals like its siblings.
fn encoding_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 { "GB18030" } else { enc.name() }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn skip_ws(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::GBK;

    fn utf16(s: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = if bom { vec![0xFEFF] } else { vec![] };
        for u in units.into_iter().chain(s.encode_utf16()) {
            if big_endian {
                out.extend_from_slice(&u.to_be_bytes());
            } else {
                out.extend_from_slice(&u.to_le_bytes());
            }
        }
        out
    }

    const XML: &str = "<?xml version=\"1.0\"?>\n<manifest><!-- 推送 --></manifest>\n";

    #[test]
    fn plain_utf8() {
        let d = decode(XML.as_bytes(), TextKind::Xml);
        assert_eq!(d.text, XML);
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.had_bom && !d.had_errors && d.unknown_declared.is_none());
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(XML.as_bytes());
        for kind in [TextKind::Xml, TextKind::Other] {
            let d = decode(&bytes, kind);
            assert_eq!(d.text, XML);
            assert_eq!(d.encoding, "UTF-8");
            assert!(d.had_bom);
            assert!(!d.had_errors);
        }
    }

    #[test]
    fn utf16_with_bom() {
        for (be, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let d = decode(&utf16(XML, be, true), TextKind::Xml);
            assert_eq!(d.text, XML, "{name}");
            assert_eq!(d.encoding, name);
            assert!(d.had_bom);
            assert!(!d.had_errors);
            // A BOM is honoured for any kind of file.
            assert_eq!(decode(&utf16("a=1", be, true), TextKind::Other).text, "a=1");
        }
    }

    #[test]
    fn utf16_without_bom_in_xml() {
        for (be, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
            let d = decode(&utf16(XML, be, false), TextKind::Xml);
            assert_eq!(d.text, XML, "{name}");
            assert_eq!(d.encoding, name);
            assert!(!d.had_bom);
            assert!(!d.had_errors);
        }
        // Without a declaration too: `<m` in UTF-16LE.
        let d = decode(&utf16("<manifest/>", false, false), TextKind::Xml);
        assert_eq!(d.text, "<manifest/>");
    }

    #[test]
    fn gbk_declared_in_xml_decl() {
        let src = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<manifest><!-- 华为推送 --></manifest>";
        let (bytes, _, unmappable) = GBK.encode(src);
        assert!(!unmappable);
        assert!(std::str::from_utf8(&bytes).is_err());
        let d = decode(&bytes, TextKind::Xml);
        assert_eq!(d.text, src);
        assert_eq!(d.encoding, "GBK");
        assert!(!d.had_errors);

        // GB2312 is decoded by its superset GBK; single quotes and spacing are fine.
        let src = "<?xml version='1.0' encoding = 'gb2312' ?><a>中文</a>";
        let d = decode(&GBK.encode(src).0, TextKind::Xml);
        assert_eq!(d.text, src);
        assert_eq!(d.encoding, "GBK");
    }

    #[test]
    fn latin1_declared() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b=\"caf\xE9\"/>";
        let d = decode(bytes, TextKind::Xml);
        assert_eq!(d.text, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a b=\"café\"/>");
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn unknown_declared_encoding() {
        let src = "<?xml version=\"1.0\" encoding=\"klingon-8\"?><a/>";
        let d = decode(src.as_bytes(), TextKind::Xml);
        assert_eq!(d.text, src);
        assert_eq!(d.encoding, "UTF-8");
        assert_eq!(d.unknown_declared.as_deref(), Some("klingon-8"));
        assert!(!d.had_errors);

        let src = "<?xml version=\"1.0\" encoding=\"ISO-2022-KR\"?><a/>";
        let d = decode(src.as_bytes(), TextKind::Xml);
        assert_eq!(d.text, src);
        assert_eq!(d.unknown_declared.as_deref(), Some("ISO-2022-KR"));
    }

    #[test]
    fn utf16_declared_but_ascii() {
        let src = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>";
        let d = decode(src.as_bytes(), TextKind::Xml);
        assert_eq!(d.text, src);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.unknown_declared.is_none());
    }

    #[test]
    fn invalid_utf8_is_replaced() {
        let bytes = b"<a b=\"\xFF\xFE\x80\"/>";
        let d = decode(bytes, TextKind::Xml);
        assert_eq!(d.text, "<a b=\"\u{FFFD}\u{FFFD}\u{FFFD}\"/>");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_errors);

        // 0xFF is invalid in GB18030 as well, so UTF-8 with replacement is kept.
        let d = decode(b"x = \xFF\n", TextKind::Other);
        assert_eq!(d.text, "x = \u{FFFD}\n");
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_errors);
    }

    #[test]
    fn gb18030_fallback_for_other_files() {
        let src = "// 小米推送的 AppID\nString APP_ID = \"2882303761517\";\n";
        let (bytes, _, _) = GB18030.encode(src);
        let d = decode(&bytes, TextKind::Other);
        assert_eq!(d.text, src);
        assert_eq!(d.encoding, "GB18030");
        assert!(!d.had_errors);
        // XML without a declaration is not guessed at.
        let d = decode(&bytes, TextKind::Xml);
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.had_errors);
    }

    #[test]
    fn declared_encoding_sniffing() {
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\" encoding=\"GBK\"?>").as_deref(), Some("GBK"));
        assert_eq!(declared_encoding(b"\n <?xml encoding='x'?>").as_deref(), Some("x"));
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?><a encoding=\"GBK\"/>"), None);
        assert_eq!(declared_encoding(b"<?xml-stylesheet encoding=\"GBK\"?>"), None);
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\" xencoding=\"GBK\"?>"), None);
        assert_eq!(declared_encoding(b"<?xml encoding=\"GBK"), None);
        assert_eq!(declared_encoding(b""), None);
    }

    #[test]
    fn edge_inputs_do_not_panic() {
        for bytes in [&b""[..], b"\xEF", b"\xEF\xBB", b"\xFF\xFE\x3C", b"<\x00", b"\x00<\x00", b"<?xml "] {
            for kind in [TextKind::Xml, TextKind::Other] {
                let _ = decode(bytes, kind);
            }
        }
    }

    #[test]
    fn decode_owned_agrees_with_decode() {
        let mut inputs: Vec<Vec<u8>> = vec![
            XML.as_bytes().to_vec(),
            b"<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>".to_vec(),
            b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>".to_vec(),
            b"<?xml version=\"1.0\" encoding=\"GBK\"?><a>\xC4\xE3</a>".to_vec(),
            b"<?xml version=\"1.0\" encoding=\"no-such\"?><a/>".to_vec(),
            b"val s = \"\xC4\xE3\xBA\xC3\"".to_vec(),
            b"\xFF\xFE\xFF".to_vec(),
            utf16(XML, false, true),
            utf16(XML, true, false),
        ];
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(XML.as_bytes());
        inputs.push(bom);
        for bytes in inputs {
            for kind in [TextKind::Xml, TextKind::Other] {
                assert_eq!(decode_owned(bytes.clone(), kind), decode(&bytes, kind), "{bytes:?} {kind:?}");
            }
        }
    }
}
