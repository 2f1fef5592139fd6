//! AndroidManifest.xml → `ManifestDoc`: every element and attribute with byte spans,
//! namespaces resolved by URI (so `a:name` works when `xmlns:a` is the Android URI), comments kept.

mod name;
mod parser;
#[cfg(test)]
mod tests;

pub use name::Name;

use super::ParseError;
use crate::span::TextRange;

pub const ANDROID_NS: &str = "http://schemas.android.com/apk/res/android";
pub const TOOLS_NS: &str = "http://schemas.android.com/tools";
/// Namespace of `xmlns` and `xmlns:p` declarations, which are kept as ordinary attributes in it.
pub const XMLNS_NS: &str = "http://www.w3.org/2000/xmlns/";
/// Namespace of the predeclared `xml:` prefix.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Index of an element in `ManifestDoc::elements`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElemId(pub u32);

/// A parsed manifest. Elements are stored in document order; `root` is the first top-level element.
#[derive(Clone, Debug, Default)]
pub struct ManifestDoc {
    pub elements: Vec<Element>,
    pub root: Option<ElemId>,
    pub comments: Vec<Comment>,
    /// Syntax problems in document order; parsing recovers, so elements around an error are still present.
    pub errors: Vec<ParseError>,
}

#[derive(Clone, Debug)]
pub struct Element {
    /// The tag name as written, e.g. `activity` or `a:foo`.
    pub qname: Name,
    /// The local part of the name, e.g. `activity`.
    pub local: Name,
    /// The resolved namespace URI of the element, if it has a prefix or a default namespace applies.
    pub ns: Option<Name>,
    pub attrs: Vec<Attr>,
    pub children: Vec<ElemId>,
    pub parent: Option<ElemId>,
    /// From `<` of the start tag to `>` of the end tag (or of the self-closing tag).
    pub span: TextRange,
    /// The start tag only, `<activity ... >`.
    pub start_tag: TextRange,
    /// The tag name inside the start tag.
    pub name_span: TextRange,
}

#[derive(Clone, Debug)]
/// Namespace declarations (`xmlns`, `xmlns:p`) are attributes too, in `XMLNS_NS`, with `local` set
/// to the declared prefix (`xmlns` for the default namespace), so `plain_attr` never returns them.
pub struct Attr {
    pub qname: Name,
    pub local: Name,
    /// Resolved namespace URI of the attribute's prefix; unprefixed attributes have none.
    pub ns: Option<Name>,
    /// The value with entities and character references replaced and literal tabs and line breaks
    /// turned into spaces, as every XML parser (and so Android's) normalises attribute values.
    pub value: String,
    /// The whole attribute, `name="value"`.
    pub span: TextRange,
    /// The value between the quotes.
    pub value_span: TextRange,
}

/// An XML comment; `text` is what lies between `<!--` and `-->`.
#[derive(Clone, Debug)]
pub struct Comment {
    pub text: String,
    pub span: TextRange,
}

/// More errors than this are not recorded: binary junk would otherwise yield one per byte.
pub(super) const MAX_ERRORS: usize = 100;

impl ManifestDoc {
    /// Parses manifest text; never fails, errors are collected in `errors`.
    pub fn parse(text: &str) -> ManifestDoc {
        let mut doc = parser::Parser::new(text).run();
        // Documents live for the whole run, thousands at a time in a monorepo: no spare capacity.
        doc.elements.shrink_to_fit();
        for e in &mut doc.elements {
            e.attrs.shrink_to_fit();
            e.children.shrink_to_fit();
        }
        doc.comments.shrink_to_fit();
        doc
    }

    pub fn element(&self, id: ElemId) -> &Element {
        &self.elements[id.0 as usize]
    }

    /// Direct children of `id` whose local name is `local` (namespace-less elements only).
    pub fn children_named<'a>(&'a self, id: ElemId, local: &'a str) -> impl Iterator<Item = ElemId> + 'a {
        self.element(id).children.iter().copied().filter(move |c| {
            let e = self.element(*c);
            e.local == local && e.ns.is_none()
        })
    }

    /// The attribute `local` in namespace `ns` on element `id`.
    pub fn attr(&self, id: ElemId, ns: &str, local: &str) -> Option<&Attr> {
        self.element(id).attrs.iter().find(|a| a.local == local && a.ns.as_deref() == Some(ns))
    }

    pub fn android_attr(&self, id: ElemId, local: &str) -> Option<&Attr> {
        self.attr(id, ANDROID_NS, local)
    }

    pub fn tools_attr(&self, id: ElemId, local: &str) -> Option<&Attr> {
        self.attr(id, TOOLS_NS, local)
    }

    /// An attribute without a namespace, such as `package` on `<manifest>`.
    pub fn plain_attr(&self, id: ElemId, local: &str) -> Option<&Attr> {
        self.element(id).attrs.iter().find(|a| a.local == local && a.ns.is_none())
    }

    /// The value of `android:<local>` on `id`, whatever prefix the Android namespace is bound to.
    pub fn android_value(&self, id: ElemId, local: &str) -> Option<&str> {
        self.android_attr(id, local).map(|a| a.value.as_str())
    }

    /// All elements below `id` (not `id` itself) in document order.
    pub fn descendants(&self, id: ElemId) -> impl Iterator<Item = ElemId> + '_ {
        let mut stack: Vec<ElemId> = self.element(id).children.iter().rev().copied().collect();
        std::iter::from_fn(move || {
            let next = stack.pop()?;
            stack.extend(self.element(next).children.iter().rev().copied());
            Some(next)
        })
    }

    /// The parent of `id`, its parent, and so on up to the top-level element.
    pub fn ancestors(&self, id: ElemId) -> impl Iterator<Item = ElemId> + '_ {
        std::iter::successors(self.element(id).parent, move |p| self.element(*p).parent)
    }

    /// Every namespace-less element whose local name is `local`, in document order.
    pub fn elements_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = ElemId> + 'a {
        self.elements
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.local == local && e.ns.is_none())
            .map(|(i, _)| ElemId(i as u32))
    }

    /// The source text of `range` in `src` (the text this document was parsed from); empty if out of bounds.
    pub fn text_of<'s>(&self, range: TextRange, src: &'s str) -> &'s str {
        src.get(range.as_usize()).unwrap_or("")
    }

    /// True when some error is not a recovered one, i.e. Android's own XML parser would reject the file.
    pub fn has_fatal_errors(&self) -> bool {
        self.errors.iter().any(|e| !e.recovered)
    }
}
