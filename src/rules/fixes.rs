//! Edits rules offer as fixes in manifests and build files, written the way the file around them
//! is: the same quotes, namespace prefix, indentation, attribute layout and line ending.

use super::Ctx;
use crate::fix::Edit;
use crate::fix::text::{indentation, line_end, line_ending, line_start, starts_line, trim_back};
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

/// The namespace prefix and quote character of the attribute whose value is at `value_span`
/// (`("android", '"')`), for new elements written in the same style.
pub(crate) fn attribute_style(cx: &Ctx, value_span: Span) -> Option<(String, char)> {
    let (_, prefix, quote) = attribute_at(text_of(cx, value_span), value_span.range)?;
    Some((prefix.to_string(), quote))
}

/// The start tag of the element directly under `<manifest>` that holds `span` (the
/// `<uses-permission>`, or the `<application>` around a component), in a project manifest.
pub(crate) fn manifest_child_holding(cx: &Ctx, span: Span) -> Option<Span> {
    let m = cx.project.manifests.iter().find(|m| m.file == span.file && m.library.is_none())?;
    let root = m.doc.root?;
    m.doc.element(root).children.iter().map(|c| m.doc.element(*c)).find_map(|e| {
        (e.span.start <= span.range.start && span.range.end <= e.span.end)
            .then(|| Span::new(span.file, e.start_tag))
    })
}

/// An edit adding `element` (one line of XML) as a child of `<manifest>` in the project manifest
/// `file`: after its last `<uses-permission>`, else before its first child. `element` is given the
/// prefix the manifest binds the Android namespace to and its quote character.
pub(crate) fn insert_manifest_child(
    cx: &Ctx,
    file: crate::span::FileId,
    element: impl Fn(&str, char) -> String,
) -> Option<Edit> {
    use crate::parse::manifest::{ANDROID_NS, XMLNS_NS};
    let m = cx.project.manifests.iter().find(|m| m.file == file && m.library.is_none())?;
    let root = m.doc.root?;
    let decl = m
        .doc
        .element(root)
        .attrs
        .iter()
        .find(|a| a.ns.as_deref() == Some(XMLNS_NS) && a.value == ANDROID_NS)?;
    let text = text_of(cx, Span::new(file, decl.value_span));
    let quote =
        text.get(decl.value_span.end as usize..)?.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let line = element(decl.local.as_ref(), quote);
    let children: Vec<_> = m.doc.element(root).children.iter().map(|c| m.doc.element(*c)).collect();
    let last = children.iter().rev().find(|e| e.local == "uses-permission" && e.ns.is_none());
    last.and_then(|l| insert_line_after(cx, Span::new(file, l.span), &line))
        .or_else(|| Some(insert_line_before(cx, Span::new(file, children.first()?.start_tag), &line)))
}

/// An edit removing the attribute whose value is at `value_span`, with the blanks before it.
pub(crate) fn delete_attribute(cx: &Ctx, value_span: Span) -> Option<Edit> {
    let text = text_of(cx, value_span);
    let (name_start, _, _) = attribute_at(text, value_span.range)?;
    let from = trim_back(text, name_start);
    Some(Edit::delete(Span::new(value_span.file, TextRange::new(from, value_span.range.end as usize + 1))))
}

/// An edit adding `element` (one line of XML, or a Gradle statement) before the text at
/// `before`: on a line of its own with that line's indentation when `before` starts its line.
pub(crate) fn insert_line_before(cx: &Ctx, before: Span, element: &str) -> Edit {
    let text = text_of(cx, before);
    let at = before.range.start as usize;
    if starts_line(text, at) {
        let indent = indentation(text, at);
        Edit::insert(before.file, line_start(text, at), format!("{indent}{element}{}", line_ending(text)))
    } else {
        Edit::insert(before.file, at, format!("{element} "))
    }
}

/// An edit adding `line` on a new line after `after`, indented as the line `after` starts on;
/// None when something other than blanks follows `after` on its line.
pub(crate) fn insert_line_after(cx: &Ctx, after: Span, line: &str) -> Option<Edit> {
    let text = text_of(cx, after);
    let end = after.range.end as usize;
    let at = line_end(text, end);
    if !text.get(end..at)?.trim().is_empty() {
        return None;
    }
    let indent = indentation(text, after.range.start as usize);
    Some(Edit::insert(after.file, at, format!("{}{indent}{line}", line_ending(text))))
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
