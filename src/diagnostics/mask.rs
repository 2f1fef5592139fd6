//! Secret masking applied to every finding and every shown source text before rendering, so no
//! output format can print a secret: at most the first four characters stay visible.

use super::Diagnostic;
use crate::span::TextRange;

/// Secrets shorter than this are too generic to search for in free text (they are still masked
/// in source snippets, where their exact location is known).
const MIN_TEXT_SECRET: usize = 6;

/// How many leading characters of a secret of `len` characters may be shown.
fn visible(len: usize) -> usize {
    (len / 4).min(4)
}

/// The masked form of a secret for messages and labels: `abcd…`.
pub fn mask_value(secret: &str) -> String {
    let n = visible(secret.chars().count());
    let head: String = secret.chars().take(n).collect();
    format!("{head}…")
}

/// Finds every occurrence of a set of secret values in a text in one pass, however many values
/// there are (one regular expression of them all, longest first).
#[derive(Debug, Default)]
pub struct Masker {
    values: Vec<String>,
    re: Option<regex::Regex>,
}

impl Masker {
    /// A masker for `values`; values shorter than `MIN_TEXT_SECRET` are left out.
    pub fn new(values: impl IntoIterator<Item = String>) -> Masker {
        let mut values: Vec<String> =
            values.into_iter().filter(|s| s.trim().chars().count() >= MIN_TEXT_SECRET).collect();
        // Longest first, so a secret containing another is replaced whole.
        values.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        values.dedup();
        let pattern: Vec<String> = values.iter().map(|v| regex::escape(v)).collect();
        let re = (!values.is_empty())
            .then(|| regex::RegexBuilder::new(&pattern.join("|")).size_limit(64 << 20).build().ok())
            .flatten();
        Masker { values, re }
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The byte ranges of every occurrence of a value in `text`, in order, not overlapping.
    pub fn find(&self, text: &str) -> Vec<TextRange> {
        if self.values.is_empty() {
            return Vec::new();
        }
        if let Some(re) = &self.re {
            return re.find_iter(text).map(|m| TextRange::new(m.start(), m.end())).collect();
        }
        // Too many values for one expression: each is looked for in turn.
        let mut found: Vec<TextRange> = self
            .values
            .iter()
            .flat_map(|v| text.match_indices(v.as_str()).map(|(i, m)| TextRange::new(i, i + m.len())))
            .collect();
        found.sort_unstable_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
        let mut out: Vec<TextRange> = Vec::new();
        for r in found {
            if out.last().is_none_or(|l| r.start >= l.end) {
                out.push(r);
            }
        }
        out
    }

    /// Replaces every occurrence of a value in `text` with its masked form (`abcd…`).
    pub fn mask_text(&self, text: &mut String) {
        let found = self.find(text);
        if found.is_empty() {
            return;
        }
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for r in found {
            out.push_str(text.get(at..r.start as usize).unwrap_or(""));
            out.push_str(&mask_value(text.get(r.as_usize()).unwrap_or("")));
            at = r.end as usize;
        }
        out.push_str(text.get(at..).unwrap_or(""));
        *text = out;
    }
}

/// Replaces every occurrence of each secret in the texts of `diags` (message, labels, note,
/// help, fix message) with its masked form. A fix whose new text holds a secret is dropped:
/// masked, it would write the mask into the file.
pub fn mask_secrets(diags: &mut [Diagnostic], secrets: &[String]) {
    mask_with(diags, &Masker::new(secrets.iter().cloned()));
}

/// `mask_secrets` with a masker already built.
pub fn mask_with(diags: &mut [Diagnostic], masker: &Masker) {
    if masker.is_empty() {
        return;
    }
    let apply = |text: &mut String| masker.mask_text(text);
    for d in diags.iter_mut() {
        apply(&mut d.message);
        for l in d.primary.iter_mut().chain(d.secondary.iter_mut()) {
            apply(&mut l.message);
        }
        for t in [&mut d.note, &mut d.help, &mut d.variant].into_iter().flatten() {
            apply(t);
        }
        if d.fix.as_ref().is_some_and(|f| f.edits.iter().any(|e| !masker.find(&e.content).is_empty())) {
            d.fix = None;
        }
        if let Some(f) = &mut d.fix {
            apply(&mut f.message);
        }
    }
}

/// Overwrites each range of `text` after its first visible characters with `*`, keeping every
/// byte offset and line break where it was (each character becomes as many `*` as its UTF-8 bytes).
pub fn mask_ranges(text: &mut String, ranges: &[TextRange]) {
    let mut bytes = std::mem::take(text).into_bytes();
    for r in ranges {
        let Some(slice) = std::str::from_utf8(bytes.get(r.as_usize()).unwrap_or_default()).ok() else {
            continue;
        };
        let keep = visible(slice.chars().count());
        let mut masked = Vec::with_capacity(slice.len());
        for (i, c) in slice.chars().enumerate() {
            let mut buf = [0u8; 4];
            let enc = c.encode_utf8(&mut buf).as_bytes();
            if i < keep || c == '\n' || c == '\r' {
                masked.extend_from_slice(enc);
            } else {
                masked.extend(std::iter::repeat_n(b'*', enc.len()));
            }
        }
        if let Some(dst) = bytes.get_mut(r.as_usize()) {
            dst.copy_from_slice(&masked);
        }
    }
    *text = String::from_utf8(bytes).unwrap_or_default();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Diagnostic, Severity};
    use crate::span::{FileId, Span};

    struct R;
    impl crate::diagnostics::RuleMeta for R {
        fn code(&self) -> &'static str {
            "PL601"
        }
        fn name(&self) -> &'static str {
            "x"
        }
        fn default_severity(&self) -> Severity {
            Severity::Error
        }
    }

    #[test]
    fn masks_every_text_slot() {
        let span = Span::new(FileId(0), TextRange::new(0, 1));
        let mut d = vec![
            Diagnostic::new(&R, "value `s3cr3tVALUE42` committed")
                .primary(span, "s3cr3tVALUE42 here")
                .secondary(span, "and s3cr3tVALUE42")
                .note("n s3cr3tVALUE42")
                .help("h s3cr3tVALUE42"),
        ];
        mask_secrets(&mut d, &["s3cr3tVALUE42".to_string()]);
        let all = format!("{:?}", d);
        assert!(!all.contains("s3cr3tVALUE42"), "{all}");
        assert!(d[0].message.contains("`s3c…`"), "{}", d[0].message);
    }

    #[test]
    fn ranges_keep_offsets() {
        let mut t = String::from("key = \"abcdefghijklmnop\";\nnext");
        mask_ranges(&mut t, &[TextRange::new(7, 23)]);
        assert_eq!(t, "key = \"abcd************\";\nnext");
        let mut u = String::from("x\"é1234567\"");
        mask_ranges(&mut u, &[TextRange::new(2, 11)]);
        assert_eq!(u.len(), 12);
        assert!(!u.contains("4567"));
    }
}
