//! Edits of decoded text carried over to a file's bytes: the bytes outside the edited ranges are
//! kept as they were (BOM, line endings, encoding included), and the new content is encoded in
//! the file's own encoding (GBK stays GBK, UTF-16 stays UTF-16).

use super::TextEdit;
use crate::parse::text::{TextKind, decode};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// Why edits cannot be carried over to a file's bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The bytes no longer decode to the text the edits were computed on (the file changed).
    Changed,
    /// The bytes hold sequences invalid in their encoding, which decoding replaced.
    Undecodable,
    /// Decoding and encoding again does not give the same bytes, so offsets cannot be mapped.
    NotRoundTrip(&'static str),
    /// The new content has characters the file's encoding cannot represent.
    Unencodable(&'static str),
    /// An edit lies outside the text, splits a character or overlaps another.
    BadEdit,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Changed => write!(f, "the file changed while it was checked"),
            Refusal::Undecodable => write!(f, "the file has bytes that are invalid in its encoding"),
            Refusal::NotRoundTrip(e) => write!(f, "its {e} text cannot be written back byte for byte"),
            Refusal::Unencodable(e) => write!(f, "the new text cannot be written in {e}"),
            Refusal::BadEdit => write!(f, "the edits do not fit the file"),
        }
    }
}

/// The encoding a decoded file was read in, by the name `parse::text` gives it.
fn encoding(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.as_bytes())
}

/// `text` in `enc`, or None when a character cannot be represented. UTF-16 is written by hand:
/// encoding_rs encodes only to the encodings the Web writes, and UTF-16 is not one.
fn encode(enc: &'static Encoding, text: &str) -> Option<Vec<u8>> {
    if enc == UTF_8 {
        return Some(text.as_bytes().to_vec());
    }
    if enc == UTF_16LE || enc == UTF_16BE {
        let le = enc == UTF_16LE;
        return Some(
            text.encode_utf16().flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() }).collect(),
        );
    }
    let (bytes, used, unmappable) = enc.encode(text);
    (!unmappable && used == enc).then(|| bytes.into_owned())
}

/// Whether `content` can be written in the encoding named `encoding_name` (as `SourceFile`
/// records it): a fix whose new text cannot is skipped.
pub fn can_encode(encoding_name: &str, content: &str) -> bool {
    content.is_ascii() || encoding(encoding_name).is_some_and(|e| encode(e, content).is_some())
}

/// The bytes of `original` (a file of `kind` that decodes to `expected`) with `edits` applied to
/// its text: bytes outside the edited ranges are copied, the new content is encoded in the
/// file's encoding, and the result is checked to decode to the edited text.
pub fn splice(
    original: &[u8],
    kind: TextKind,
    expected: &str,
    edits: &[TextEdit],
) -> Result<Vec<u8>, Refusal> {
    let decoded = decode(original, kind);
    if decoded.text != expected {
        return Err(Refusal::Changed);
    }
    if decoded.had_errors {
        return Err(Refusal::Undecodable);
    }
    let enc = encoding(decoded.encoding).ok_or(Refusal::NotRoundTrip(decoded.encoding))?;
    let bom = if decoded.had_bom { Encoding::for_bom(original).map_or(0, |(_, n)| n) } else { 0 };
    let body = original.get(bom..).ok_or(Refusal::BadEdit)?;
    let utf8 = enc == UTF_8;
    // Offsets map through encoded lengths, which holds only if the text encodes back to its bytes.
    if !utf8 && encode(enc, expected).as_deref() != Some(body) {
        return Err(Refusal::NotRoundTrip(decoded.encoding));
    }
    let byte_len = |s: &str| -> Result<usize, Refusal> {
        if utf8 {
            Ok(s.len())
        } else {
            encode(enc, s).map(|b| b.len()).ok_or(Refusal::NotRoundTrip(decoded.encoding))
        }
    };
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort();
    let mut out = Vec::with_capacity(original.len() + 64);
    out.extend_from_slice(&original[..bom]);
    let (mut text_at, mut byte_at) = (0usize, 0usize);
    for e in &sorted {
        let r = e.range.as_usize();
        let kept = expected.get(text_at..r.start).ok_or(Refusal::BadEdit)?;
        let removed = expected.get(r.clone()).ok_or(Refusal::BadEdit)?;
        let kept_len = byte_len(kept)?;
        out.extend_from_slice(body.get(byte_at..byte_at + kept_len).ok_or(Refusal::BadEdit)?);
        byte_at += kept_len + byte_len(removed)?;
        out.extend(encode(enc, &e.content).ok_or(Refusal::Unencodable(decoded.encoding))?);
        text_at = r.end;
    }
    out.extend_from_slice(body.get(byte_at..).ok_or(Refusal::BadEdit)?);
    let want = super::apply_edits(expected, edits);
    let check = decode(&out, kind);
    if check.text != want || check.had_errors {
        return Err(Refusal::NotRoundTrip(decoded.encoding));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::TextRange;
    use encoding_rs::GBK;

    fn te(start: usize, end: usize, content: &str) -> TextEdit {
        TextEdit { range: TextRange::new(start, end), content: content.into() }
    }

    fn at(text: &str, needle: &str) -> usize {
        text.find(needle).unwrap()
    }

    #[test]
    fn utf8_with_bom_and_crlf() {
        let text = "<a>\r\n  <b x=\"false\"/>\r\n</a>\r\n";
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.as_bytes());
        let s = at(text, "false");
        let out = splice(&bytes, TextKind::Xml, text, &[te(s, s + 5, "true")]).unwrap();
        assert_eq!(&out[..3], &[0xEF, 0xBB, 0xBF]);
        assert_eq!(&out[3..], text.replace("false", "true").as_bytes());
    }

    #[test]
    fn gbk_stays_gbk_and_unencodable_content_is_refused() {
        let text = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<!-- 小米推送 -->\n<a x=\"old\"/>\n";
        let (bytes, _, _) = GBK.encode(text);
        let s = at(text, "old");
        let out = splice(&bytes, TextKind::Xml, text, &[te(s, s + 3, "新值")]).unwrap();
        assert_eq!(out, GBK.encode(&text.replace("old", "新值")).0.into_owned());
        // The bytes before the edit are the original ones.
        let prefix = GBK.encode(&text[..s]).0.len();
        assert_eq!(&out[..prefix], &bytes[..prefix]);
        assert_eq!(
            splice(&bytes, TextKind::Xml, text, &[te(s, s + 3, "😀")]),
            Err(Refusal::Unencodable("GBK"))
        );
        assert!(!can_encode("GBK", "😀") && can_encode("GBK", "推送") && can_encode("UTF-16LE", "😀"));
    }

    #[test]
    fn utf16_both_orders_with_and_without_bom() {
        let text = "<a x=\"1\">推送</a>\n";
        for (le, bom) in [(true, true), (false, true), (true, false), (false, false)] {
            let mut bytes: Vec<u8> =
                if bom { if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] } } else { vec![] };
            for u in text.encode_utf16() {
                bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
            }
            let s = at(text, "1");
            let out =
                splice(&bytes, TextKind::Xml, text, &[te(s, s + 1, "22"), te(0, 0, "<!--x-->")]).unwrap();
            let d = decode(&out, TextKind::Xml);
            assert_eq!(d.text, "<!--x--><a x=\"22\">推送</a>\n");
            assert_eq!(d.had_bom, bom);
            assert_eq!(&out[..2], &bytes[..2]);
        }
    }

    #[test]
    fn refuses_changed_and_undecodable_files() {
        let text = "x = 1\n";
        assert_eq!(splice(b"x = 2\n", TextKind::Other, text, &[]), Err(Refusal::Changed));
        let broken = b"<a b=\"\xFF\"/>";
        let d = decode(broken, TextKind::Xml);
        assert_eq!(splice(broken, TextKind::Xml, &d.text, &[]), Err(Refusal::Undecodable));
        assert_eq!(splice(text.as_bytes(), TextKind::Other, text, &[te(2, 99, "")]), Err(Refusal::BadEdit));
    }
}
