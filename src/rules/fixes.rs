//! Edits rules offer as fixes in manifests and build files, written the way the file around them
//! is: the same quotes, namespace prefix, indentation, attribute layout and line ending.

use super::Ctx;
use crate::fix::Edit;
use crate::fix::text::{indentation, line_ending, starts_line};
use crate::span::{Span, TextRange};

/// The text of the file a span points into.
fn text_of<'a>(cx: &'a Ctx, span: Span) -> &'a str {
    cx.project.files.get(span.file).text.as_str()
}

/// `value` escaped for an XML attribute quoted with `quote`.
fn xml_attr(value: &str, quote: char) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' if quote == '"' => out.push_str("&quot;"),
            '\'' if quote == '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// The attribute whose value is at `value_span`: where its name starts, its namespace prefix
/// (`android` in `android:name`) and its quote character. None when the text is not shaped so.
fn attribute_at(text: &str, value_span: TextRange) -> Option<(usize, &str, char)> {
    let (start, end) = (value_span.start as usize, value_span.end as usize);
    let quote = text.get(end..)?.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    if !text.get(..start)?.ends_with(quote) {
        return None;
    }
    let before = text.get(..start - 1)?.trim_end().strip_suffix('=')?.trim_end();
    let name_start = before.rfind(|c: char| c.is_whitespace() || c == '<').map_or(0, |i| i + 1);
    let name = &before[name_start..];
    let prefix = name.split_once(':').map(|(p, _)| p)?;
    Some((name_start, prefix, quote))
}

/// An edit replacing an attribute value (the text between the quotes) with `value`, escaped.
pub(crate) fn replace_value(cx: &Ctx, value_span: Span, value: &str) -> Edit {
    let quote = text_of(cx, value_span).get(value_span.range.end as usize..).and_then(|t| t.chars().next());
    Edit::replace(value_span, xml_attr(value, if quote == Some('\'') { '\'' } else { '"' }))
}

/// An edit adding the attribute `local="value"` (in the namespace of the attribute at
/// `value_span`, normally `android:`) right after that attribute: on a line of its own when
/// the element's attributes are one per line, else after a space.
pub(crate) fn insert_attribute_after(cx: &Ctx, value_span: Span, local: &str, value: &str) -> Option<Edit> {
    let text = text_of(cx, value_span);
    let (name_start, prefix, quote) = attribute_at(text, value_span.range)?;
    let at = value_span.range.end as usize + 1;
    let attr = format!("{prefix}:{local}={quote}{}{quote}", xml_attr(value, quote));
    let rest = text.get(at..)?;
    let next = rest.trim_start();
    let one_per_line =
        starts_line(text, name_start) && rest[..rest.len() - next.len()].contains(['\n', '\r']);
    let content = if one_per_line {
        format!("{}{}{attr}", line_ending(text), indentation(text, name_start))
    } else {
        format!(" {attr}")
    };
    Some(Edit::insert(value_span.file, at, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_found_by_their_value() {
        let t = "<activity a:name='.Main' android:exported = \"false\"/>";
        let v = TextRange::new(t.find(".Main").unwrap(), t.find(".Main").unwrap() + 5);
        assert_eq!(attribute_at(t, v), Some((10, "a", '\'')));
        let f = t.find("false").unwrap();
        assert_eq!(attribute_at(t, TextRange::new(f, f + 5)), Some((25, "android", '"')));
        // Not an attribute value: no quotes around it.
        assert_eq!(attribute_at(t, TextRange::new(1, 3)), None);
        assert_eq!(xml_attr("a&b\"c'", '"'), "a&amp;b&quot;c'");
    }
}
