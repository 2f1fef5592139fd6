//! What fixes need to know about the text around an edit so that it reads as if written by hand:
//! the file's line ending, a line's indentation, where a line starts and ends.

/// The line ending the file uses: `\r\n` when its first line break is one, else `\n`.
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes().get(i - 1) == Some(&b'\r') => "\r\n",
        _ => "\n",
    }
}

/// The byte offset where the line holding `offset` starts.
pub fn line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().rposition(|&b| b == b'\n' || b == b'\r').map_or(0, |i| i + 1)
}

/// The byte offset where the line holding `offset` ends (before its line break).
pub fn line_end(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[offset..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(text.len(), |i| offset + i)
}

/// The spaces and tabs the line holding `offset` starts with.
pub fn indentation(text: &str, offset: usize) -> &str {
    let start = line_start(text, offset);
    let rest = &text[start..];
    let len = rest.bytes().take_while(|b| *b == b' ' || *b == b'\t').count();
    &rest[..len]
}

/// Whether only spaces and tabs precede `offset` on its line.
pub fn starts_line(text: &str, offset: usize) -> bool {
    let start = line_start(text, offset);
    text.get(start..offset).is_some_and(|s| s.bytes().all(|b| b == b' ' || b == b'\t'))
}

/// The offset just after the last non-whitespace character before `offset` (where the
/// whitespace before `offset` begins).
pub fn trim_back(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset].iter().rposition(|b| !b.is_ascii_whitespace()).map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_indentation() {
        let t = "a\r\n    <b>\r\n\t<c/>";
        assert_eq!(line_ending(t), "\r\n");
        assert_eq!(line_ending("a\nb\r\n"), "\n");
        assert_eq!(line_ending("no break"), "\n");
        assert_eq!(line_start(t, 8), 3);
        assert_eq!(line_end(t, 8), 10);
        assert_eq!(indentation(t, 8), "    ");
        assert_eq!(indentation(t, 14), "\t");
        assert!(starts_line(t, 7));
        assert!(!starts_line(t, 8));
        assert_eq!(trim_back(t, 7), 1);
        assert_eq!(line_end(t, 100), t.len());
    }
}
