//! AndroidManifest.xml → `ManifestDoc`: every element and attribute with byte spans,
//! namespaces resolved by URI (so `a:name` works when `xmlns:a` is the Android URI), comments kept.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::{MAX_DEPTH, ParseError};
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

/// An element or attribute name, or a namespace URI: shared text, since a manifest repeats a
/// handful of names (`activity`, `android:name`, the Android URI) thousands of times in a monorepo.
/// Compares with `&str` and `String`, and derefs to `str`. A thin pointer (one word): an element
/// and each attribute hold three of them.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Name(std::sync::Arc<Box<str>>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(std::sync::Arc::new(s.into()))
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

/// Names seen on this thread, so equal names share one allocation across documents.
fn intern(s: &str) -> Name {
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashSet<Name>> = Default::default();
    }
    // Hostile input could hold any number of distinct names: past this many, stop sharing.
    const MAX_INTERNED: usize = 4096;
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(n) = names.get(s) {
            return n.clone();
        }
        let n = Name::from(s);
        if names.len() < MAX_INTERNED {
            names.insert(n.clone());
        }
        n
    })
}

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
const MAX_ERRORS: usize = 100;

impl ManifestDoc {
    /// Parses manifest text; never fails, errors are collected in `errors`.
    pub fn parse(text: &str) -> ManifestDoc {
        let mut doc = Parser::new(text).run();
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

/// An element whose end tag has not been seen yet.
struct Open {
    id: ElemId,
    /// Length of `Parser::bindings` before this element's declarations; restored when it closes.
    bindings_len: usize,
    /// A stray end tag inside this element was already reported, so closing it implicitly is not.
    mismatch_reported: bool,
}

/// What the event loop must do after an event.
enum Next {
    Continue,
    /// Start a fresh tokenizer at this byte offset (quick-xml stops after syntax errors).
    Restart(usize),
    Stop,
}

/// An attribute as written, before namespace resolution.
struct RawAttr {
    qname: String,
    span: TextRange,
    value_span: TextRange,
    value: String,
}

struct Parser<'s> {
    src: &'s str,
    doc: ManifestDoc,
    stack: Vec<Open>,
    /// In-scope namespace declarations, innermost last: (prefix, uri), prefix "" for the default namespace.
    bindings: Vec<(String, String)>,
    /// Number of open elements being skipped because they are nested deeper than `MAX_DEPTH`.
    skip_depth: usize,
    depth_reported: bool,
    /// Where an XML declaration may stand: 0, or 3 when the text still starts with a BOM.
    doc_start: usize,
    /// A syntax error already reported that the document ends inside some markup.
    truncated: bool,
}

impl<'s> Parser<'s> {
    fn new(src: &'s str) -> Self {
        let doc_start = if src.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
        Parser {
            src,
            doc: ManifestDoc::default(),
            stack: Vec::new(),
            bindings: Vec::new(),
            skip_depth: 0,
            depth_reported: false,
            doc_start,
            truncated: false,
        }
    }

    fn run(mut self) -> ManifestDoc {
        let mut base = self.doc_start;
        'restart: loop {
            // quick-xml silently drops a leading BOM without counting it in its positions.
            while self.src.get(base..).is_some_and(|r| r.starts_with('\u{FEFF}')) {
                base += '\u{FEFF}'.len_utf8();
            }
            let Some(rest) = self.src.get(base..) else { break };
            let mut reader = Reader::from_str(rest);
            let config = reader.config_mut();
            // End tags are matched here, so that a wrong one can be recovered from.
            config.check_end_names = false;
            config.allow_unmatched_ends = true;
            config.expand_empty_elements = false;
            config.trim_text(false);
            loop {
                let before = base + pos(reader.buffer_position());
                let event = reader.read_event();
                let after = base + pos(reader.buffer_position());
                let next = match event {
                    Ok(Event::Eof) => break 'restart,
                    Ok(event) => self.event(&event, before, after),
                    Err(err) => {
                        let at = base + pos(reader.error_position());
                        self.error(&err, at, after)
                    }
                };
                match next {
                    Next::Continue => {}
                    Next::Restart(at) if at > base && at < self.src.len() => {
                        base = at;
                        continue 'restart;
                    }
                    Next::Restart(_) | Next::Stop => break 'restart,
                }
            }
        }
        self.finish()
    }

    fn finish(mut self) -> ManifestDoc {
        let eof = self.src.len();
        if let Some(innermost) = self.stack.last() {
            if !self.truncated {
                let name = self.doc.element(innermost.id).qname.clone();
                self.push(ParseError::new(
                    TextRange::empty(eof),
                    format!("expected `</{name}>`, found end of file"),
                ));
            }
        }
        while let Some(open) = self.stack.pop() {
            self.close(open, eof);
        }
        if self.doc.root.is_none() && !self.truncated {
            self.push(ParseError::new(TextRange::empty(eof), "no root element"));
        }
        self.doc
    }

    fn push(&mut self, mut err: ParseError) {
        // Ranges built from fixed delimiter lengths may end inside a multibyte character.
        let mut start = (err.range.start as usize).min(self.src.len());
        while !self.src.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (err.range.end as usize).clamp(start, self.src.len());
        while !self.src.is_char_boundary(end) {
            end += 1;
        }
        err.range = TextRange::new(start, end);
        match self.doc.errors.len() {
            n if n < MAX_ERRORS => self.doc.errors.push(err),
            MAX_ERRORS => {
                self.doc.errors.push(ParseError::new(err.range, "too many errors, the rest are not reported"))
            }
            _ => {}
        }
    }

    fn slice(&self, start: usize, end: usize) -> &'s str {
        self.src.get(start..end).unwrap_or("")
    }

    fn event(&mut self, event: &Event<'_>, before: usize, after: usize) -> Next {
        match event {
            Event::Start(_) => self.start_tag(before, after, false),
            Event::Empty(_) => self.start_tag(before, after, true),
            Event::End(_) => {
                self.end_tag(before, after);
                Next::Continue
            }
            Event::Comment(_) => {
                let text = self.slice(before + 4, after.saturating_sub(3)).to_owned();
                self.doc.comments.push(Comment { text, span: TextRange::new(before, after) });
                Next::Continue
            }
            Event::Decl(_) => {
                if before != self.doc_start {
                    self.push(ParseError::new(
                        TextRange::new(before, before + "<?xml".len()),
                        "the xml declaration must be at the very start of the file",
                    ));
                }
                Next::Continue
            }
            Event::Text(_) => {
                self.text_outside_root(before, after);
                Next::Continue
            }
            Event::GeneralRef(_) => {
                self.text_outside_root(before, after);
                self.check_ref_in_text(before, after);
                Next::Continue
            }
            // Entity declarations in a DOCTYPE are deliberately not expanded (no billion laughs,
            // no external fetches); references to them are reported as unknown entities.
            Event::DocType(_) | Event::PI(_) | Event::CData(_) | Event::Eof => Next::Continue,
        }
    }

    /// Reports non-whitespace text before or after the root element.
    fn text_outside_root(&mut self, before: usize, after: usize) {
        if !self.stack.is_empty() || self.skip_depth > 0 {
            return;
        }
        let raw = self.slice(before, after);
        let trimmed = raw.trim_matches(is_xml_ws);
        if trimmed.is_empty() {
            return;
        }
        let start = before + (raw.len() - raw.trim_start_matches(is_xml_ws).len());
        let range = TextRange::new(start, start + trimmed.len());
        let message = if self.doc.root.is_some() {
            "text after the root element"
        } else {
            "text before the root element"
        };
        self.push(ParseError::new(range, message));
    }

    /// `&name;` in element content: only the predefined entities and character references are known.
    fn check_ref_in_text(&mut self, before: usize, after: usize) {
        let raw = self.slice(before, after);
        let name = raw.get(1..raw.len().saturating_sub(1)).unwrap_or("");
        if let Some(err) = ref_error(name, TextRange::new(before, after)) {
            self.push(err);
        }
    }

    fn error(&mut self, err: &XmlError, at: usize, after: usize) -> Next {
        let eof = self.src.len();
        let (range, message, next) = match err {
            XmlError::Syntax(syntax) => {
                let (len, message) = match syntax {
                    SyntaxError::InvalidBangMarkup => (2, "unknown markup after `<!`".to_owned()),
                    SyntaxError::UnclosedPI => {
                        (2, "processing instruction is not closed: `?>` is missing".into())
                    }
                    SyntaxError::UnclosedXmlDecl => {
                        (5, "xml declaration is not closed: `?>` is missing".into())
                    }
                    SyntaxError::UnclosedComment => (4, "comment is not closed: `-->` is missing".into()),
                    SyntaxError::UnclosedDoctype => (9, "doctype is not closed: `>` is missing".into()),
                    SyntaxError::UnclosedCData => (9, "cdata section is not closed: `]]>` is missing".into()),
                    SyntaxError::UnclosedTag => (
                        1 + tag_name_len(self.slice(at + 1, eof)),
                        "tag is not closed: `>` is missing".into(),
                    ),
                    SyntaxError::UnclosedSingleQuotedAttributeValue
                    | SyntaxError::UnclosedDoubleQuotedAttributeValue => {
                        let quote = unclosed_quote(self.slice(at, eof)).map_or(at, |q| at + q);
                        self.push(ParseError::new(
                            TextRange::new(quote, quote + 1),
                            "attribute value is not closed: the closing quote is missing",
                        ));
                        self.truncated = true;
                        return Next::Stop;
                    }
                };
                let range = TextRange::new(at, (at + len).min(eof));
                if after >= eof {
                    self.truncated = true;
                }
                (range, message, Next::Restart(after.max(at + 1)))
            }
            XmlError::IllFormed(IllFormedError::UnclosedReference) => {
                let name_len = self.slice(at + 1, eof).bytes().take_while(|&b| is_ref_name_byte(b)).count();
                let range = TextRange::new(at, at + 1 + name_len);
                (range, "unescaped `&`: write `&amp;`".to_owned(), Next::Continue)
            }
            XmlError::IllFormed(IllFormedError::MissingDoctypeName) => {
                (TextRange::new(at, after), "doctype has no root element name".to_owned(), Next::Continue)
            }
            XmlError::IllFormed(other) => {
                (TextRange::new(at, after), format!("malformed xml: {other}").to_lowercase(), Next::Continue)
            }
            other => (TextRange::empty(at), format!("unreadable xml: {other}").to_lowercase(), Next::Stop),
        };
        self.push(ParseError::new(range, message));
        next
    }

    fn start_tag(&mut self, before: usize, after: usize, empty: bool) -> Next {
        let close_len = if empty { 2 } else { 1 };
        let inner_end = after.saturating_sub(close_len).max(before + 1);
        let name_len = tag_name_len(self.slice(before + 1, inner_end));
        let qname = self.slice(before + 1, before + 1 + name_len);
        if !qname.chars().next().is_some_and(is_name_start) {
            // Not a tag at all (`a < b`, `<>`, `< tag>`): read on right after the `<`.
            let bad = self.slice(before + 1, after).chars().next().map_or(0, char::len_utf8);
            self.push(ParseError::new(
                TextRange::new(before, before + 1 + bad),
                "expected a tag name after `<`",
            ));
            return Next::Restart(before + 1);
        }
        if self.skip_depth > 0 {
            self.skip_depth += usize::from(!empty);
            return Next::Continue;
        }
        let name_span = TextRange::new(before + 1, before + 1 + name_len);
        if self.stack.len() >= MAX_DEPTH {
            if !self.depth_reported {
                self.depth_reported = true;
                self.push(ParseError::new(
                    name_span,
                    format!("elements nested deeper than {MAX_DEPTH} levels are not read"),
                ));
            }
            self.skip_depth = usize::from(!empty);
            return Next::Continue;
        }
        if self.stack.is_empty() && self.doc.root.is_some() {
            self.push(ParseError::new(name_span, "a document can have only one root element"));
        }

        let raw_attrs = self.scan_attrs(before + 1 + name_len, inner_end);
        let bindings_len = self.bindings.len();
        for a in &raw_attrs {
            let prefix = if a.qname == "xmlns" { Some("") } else { a.qname.strip_prefix("xmlns:") };
            let Some(prefix) = prefix else { continue };
            if prefix.is_empty() && a.qname != "xmlns" {
                self.push(ParseError::new(a.span, "`xmlns:` needs a prefix name"));
            } else if !prefix.is_empty() && a.value.is_empty() {
                self.push(ParseError::new(
                    a.value_span,
                    format!("namespace prefix `{prefix}` cannot be bound to an empty uri"),
                ));
            } else {
                self.bindings.push((prefix.to_owned(), a.value.clone()));
            }
        }

        let (prefix, local) = self.split_qname(qname, name_span);
        let ns = match prefix {
            Some(p) => self.resolve(p, name_span),
            None => self.lookup("").filter(|uri| !uri.is_empty()).map(intern),
        };
        let mut attrs: Vec<Attr> = Vec::with_capacity(raw_attrs.len());
        for a in raw_attrs {
            let name_range = TextRange::new(a.span.start as usize, a.span.start as usize + a.qname.len());
            let (prefix, local) = self.split_qname(&a.qname, name_range);
            let (local, ns) = match prefix {
                None if local == "xmlns" => (intern(local), Some(intern(XMLNS_NS))),
                Some("xmlns") => (intern(local), Some(intern(XMLNS_NS))),
                Some(p) => (intern(local), self.resolve(p, name_range)),
                None => (intern(local), None),
            };
            let duplicate =
                attrs.iter().any(|b| b.qname == a.qname || (ns.is_some() && b.ns == ns && b.local == local));
            if duplicate {
                self.push(ParseError::new(a.span, format!("duplicate attribute `{}`", a.qname)));
                continue;
            }
            attrs.push(Attr {
                qname: intern(&a.qname),
                local,
                ns,
                value: a.value,
                span: a.span,
                value_span: a.value_span,
            });
        }

        let id = ElemId(u32::try_from(self.doc.elements.len()).unwrap_or(u32::MAX));
        let parent = self.stack.last().map(|o| o.id);
        let start_tag = TextRange::new(before, after);
        self.doc.elements.push(Element {
            qname: intern(qname),
            local: intern(local),
            ns,
            attrs,
            children: Vec::new(),
            parent,
            span: start_tag,
            start_tag,
            name_span,
        });
        match parent {
            Some(p) => {
                if let Some(pe) = self.doc.elements.get_mut(p.0 as usize) {
                    pe.children.push(id);
                }
            }
            None => {
                self.doc.root.get_or_insert(id);
            }
        }
        if empty {
            self.bindings.truncate(bindings_len);
        } else {
            self.stack.push(Open { id, bindings_len, mismatch_reported: false });
        }
        Next::Continue
    }

    fn end_tag(&mut self, before: usize, after: usize) {
        let inner = self.slice(before + 2, after.saturating_sub(1).max(before + 2));
        let name_len = tag_name_len(inner);
        let name = inner.get(..name_len).unwrap_or("");
        let range = TextRange::new(before, after);
        if name.is_empty() {
            self.push(ParseError::new(range, "expected a tag name after `</`"));
            return;
        }
        let extra = inner.get(name_len..).unwrap_or("");
        if !extra.trim_matches(is_xml_ws).is_empty() {
            let start = before + 2 + name_len + (extra.len() - extra.trim_start_matches(is_xml_ws).len());
            let end = before + 2 + name_len + extra.trim_end_matches(is_xml_ws).len();
            self.push(ParseError::new(
                TextRange::new(start, end),
                format!("unexpected content in `</{name}>`"),
            ));
        }
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        let found = self.stack.iter().rposition(|o| self.doc.element(o.id).qname == name);
        let depth = self.stack.len();
        let Some(top) = self.stack.last_mut() else {
            self.push(ParseError::new(range, format!("unexpected end tag `</{name}>`")));
            return;
        };
        let top_reported = top.mismatch_reported;
        let expected = self.doc.element(top.id).qname.clone();
        match found {
            Some(i) if i + 1 == depth => {}
            Some(i) => {
                // The elements opened after `<name>` were left open: close them where `</name>` starts.
                if !top_reported {
                    self.push(ParseError::new(range, format!("expected `</{expected}>`, found `</{name}>`")));
                }
                while self.stack.len() > i + 1 {
                    if let Some(open) = self.stack.pop() {
                        self.close(open, before);
                    }
                }
            }
            None => {
                // Most likely a typo or a stray end tag: ignore it, report it once per open element.
                top.mismatch_reported = true;
                if !top_reported {
                    self.push(ParseError::new(range, format!("expected `</{expected}>`, found `</{name}>`")));
                }
                return;
            }
        }
        if let Some(open) = self.stack.pop() {
            self.close(open, after);
        }
    }

    fn close(&mut self, open: Open, end: usize) {
        self.bindings.truncate(open.bindings_len);
        if let Some(e) = self.doc.elements.get_mut(open.id.0 as usize) {
            e.span = TextRange::new(e.span.start as usize, end);
        }
    }

    fn lookup(&self, prefix: &str) -> Option<&str> {
        self.bindings.iter().rev().find(|(p, _)| p == prefix).map(|(_, uri)| uri.as_str())
    }

    /// The namespace URI of `prefix`; an unbound prefix is reported at `range`.
    fn resolve(&mut self, prefix: &str, range: TextRange) -> Option<Name> {
        if prefix == "xml" {
            return Some(intern(XML_NS));
        }
        match self.lookup(prefix) {
            Some(uri) => Some(intern(uri)),
            None => {
                let range = TextRange::new(range.start as usize, range.start as usize + prefix.len());
                self.push(ParseError::new(range, format!("namespace prefix `{prefix}` is not declared")));
                None
            }
        }
    }

    /// Splits `p:local`; a malformed name (`:a`, `a:`, `a:b:c`) is reported and kept whole as a local name.
    fn split_qname<'n>(&mut self, qname: &'n str, range: TextRange) -> (Option<&'n str>, &'n str) {
        match qname.split_once(':') {
            None => (None, qname),
            Some((p, l)) if !p.is_empty() && !l.is_empty() && !l.contains(':') => (Some(p), l),
            Some(_) => {
                self.push(ParseError::new(range, format!("malformed name `{qname}`")));
                (None, qname)
            }
        }
    }

    /// Reads the attributes of a start tag between the end of its name and its `>` or `/>`.
    fn scan_attrs(&mut self, from: usize, to: usize) -> Vec<RawAttr> {
        let src = self.src;
        let bytes = src.as_bytes();
        let at = |i: usize| if i < to { bytes.get(i).copied() } else { None };
        let mut attrs = Vec::new();
        let mut i = from;
        let mut prev_end: Option<usize> = None;
        loop {
            while at(i).is_some_and(is_xml_ws_byte) {
                i += 1;
            }
            let Some(c) = at(i) else { break };
            if !is_attr_name_byte(c) {
                let mut end = i + 1;
                if c == b'"' || c == b'\'' {
                    // A stray quoted string: skip it whole instead of reading its content as attributes.
                    while at(end).is_some_and(|b| b != c) {
                        end += 1;
                    }
                    end = (end + 1).min(to);
                }
                let shown = if c.is_ascii() { char::from(c).to_string() } else { "?".into() };
                let message = if c == b'/' {
                    "unexpected `/` inside a tag".to_owned()
                } else {
                    format!("unexpected `{shown}` inside a tag")
                };
                self.push(ParseError::new(TextRange::new(i, end), message));
                i = end;
                prev_end = None;
                continue;
            }
            if prev_end == Some(i) {
                self.push(ParseError::new(TextRange::empty(i), "expected whitespace between attributes"));
            }
            let name_start = i;
            while at(i).is_some_and(is_attr_name_byte) {
                i += 1;
            }
            let qname = self.slice(name_start, i).to_owned();
            let name_end = i;
            let mut j = i;
            while at(j).is_some_and(is_xml_ws_byte) {
                j += 1;
            }
            if at(j) != Some(b'=') {
                self.push(ParseError::new(
                    TextRange::new(name_start, name_end),
                    format!("attribute `{qname}` has no value"),
                ));
                prev_end = Some(name_end);
                continue;
            }
            j += 1;
            while at(j).is_some_and(is_xml_ws_byte) {
                j += 1;
            }
            let (value_start, value_end, end) = match at(j) {
                Some(q @ (b'"' | b'\'')) => {
                    let mut k = j + 1;
                    while at(k).is_some_and(|b| b != q) {
                        k += 1;
                    }
                    (j + 1, k, (k + 1).min(to))
                }
                Some(b) if is_attr_name_byte(b) => {
                    let mut k = j;
                    while at(k).is_some_and(|b| !is_xml_ws_byte(b)) {
                        k += 1;
                    }
                    self.push(ParseError::new(
                        TextRange::new(j, k),
                        format!("the value of attribute `{qname}` must be in quotes"),
                    ));
                    (j, k, k)
                }
                _ => {
                    self.push(ParseError::new(
                        TextRange::new(name_start, j),
                        format!("attribute `{qname}` has no value"),
                    ));
                    i = j;
                    prev_end = Some(j);
                    continue;
                }
            };
            let value = self.unescape(value_start, value_end);
            attrs.push(RawAttr {
                qname,
                span: TextRange::new(name_start, end),
                value_span: TextRange::new(value_start, value_end),
                value,
            });
            i = end;
            prev_end = Some(end);
        }
        attrs
    }

    /// The attribute value at `start..end` with references replaced and whitespace normalised.
    fn unescape(&mut self, start: usize, end: usize) -> String {
        let raw = self.slice(start, end);
        let mut out = String::with_capacity(raw.len());
        let mut rest = raw;
        let mut offset = start;
        while let Some(i) = rest.find(['&', '<', '\t', '\n', '\r']) {
            out.push_str(rest.get(..i).unwrap_or(""));
            let tail = rest.get(i..).unwrap_or("");
            let mut consumed = 1;
            match tail.as_bytes().first() {
                Some(b'&') => {
                    let name_len = tail.bytes().skip(1).take_while(|&b| is_ref_name_byte(b)).count();
                    if tail.as_bytes().get(1 + name_len) == Some(&b';') {
                        consumed = name_len + 2;
                        let name = tail.get(1..1 + name_len).unwrap_or("");
                        let range = TextRange::new(offset + i, offset + i + consumed);
                        match resolve_ref(name) {
                            Some(c) => out.push(c),
                            None => {
                                if let Some(err) = ref_error(name, range) {
                                    self.push(err);
                                }
                                out.push_str(tail.get(..consumed).unwrap_or(""));
                            }
                        }
                    } else {
                        self.push(ParseError::new(
                            TextRange::new(offset + i, offset + i + 1),
                            "unescaped `&` in attribute value: write `&amp;`",
                        ));
                        out.push('&');
                    }
                }
                Some(b'<') => {
                    self.push(ParseError::new(
                        TextRange::new(offset + i, offset + i + 1),
                        "`<` is not allowed in an attribute value: write `&lt;`",
                    ));
                    out.push('<');
                }
                Some(b'\r') => {
                    // `\r\n` is one line break, so one space.
                    if tail.as_bytes().get(1) == Some(&b'\n') {
                        consumed = 2;
                    }
                    out.push(' ');
                }
                _ => out.push(' '),
            }
            rest = tail.get(consumed..).unwrap_or("");
            offset += i + consumed;
        }
        out.push_str(rest);
        out
    }
}

/// Converts a quick-xml position (relative to the tokenizer's input) to `usize`.
fn pos(p: u64) -> usize {
    usize::try_from(p).unwrap_or(usize::MAX)
}

/// The value of a predefined entity or character reference (`name` is what lies between `&` and `;`).
fn resolve_ref(name: &str) -> Option<char> {
    match name {
        "lt" => Some('<'),
        "gt" => Some('>'),
        "amp" => Some('&'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            // `from_str_radix` accepts a sign; XML does not.
            if num.contains(['+', '-']) {
                return None;
            }
            char::from_u32(code).filter(|&c| is_xml_char(c))
        }
    }
}

/// The error for a reference `&name;` at `range`, or `None` if it is valid.
fn ref_error(name: &str, range: TextRange) -> Option<ParseError> {
    if resolve_ref(name).is_some() {
        None
    } else if name.starts_with('#') {
        Some(ParseError::new(range, format!("invalid character reference `&{name};`")))
    } else {
        // Entities declared in a DOCTYPE are never expanded; Android does not support them either.
        Some(ParseError::recovered(range, format!("unknown entity `&{name};`")))
    }
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn is_xml_ws(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r')
}

fn is_xml_ws_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether `c` can start an XML name (lenient: any non-ASCII character is accepted).
fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == ':' || !c.is_ascii()
}

fn is_attr_name_byte(b: u8) -> bool {
    !is_xml_ws_byte(b) && !matches!(b, b'=' | b'>' | b'/' | b'"' | b'\'' | b'<')
}

fn is_ref_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'#' | b'_' | b'-' | b'.' | b':') || !b.is_ascii()
}

/// Length of the tag name at the start of `s` (up to whitespace, `/` or `>`).
fn tag_name_len(s: &str) -> usize {
    s.find(|c: char| is_xml_ws(c) || c == '/' || c == '>').unwrap_or(s.len())
}

/// Offset of the quote that opens a never-closed attribute value in a tag starting at `tag`.
fn unclosed_quote(tag: &str) -> Option<usize> {
    let mut open: Option<(usize, u8)> = None;
    for (i, b) in tag.bytes().enumerate() {
        match open {
            Some((_, q)) if b == q => open = None,
            None if b == b'"' || b == b'\'' => open = Some((i, b)),
            _ => {}
        }
    }
    open.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let doc = parse_ok(
            r#"<manifest xmlns:d="urn:d"><d:thing xmlns="urn:x"><inner/></d:thing><plain/></manifest>"#,
        );
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
        let src = "<manifest>\n  <application>\n    <activity>\n  </application>\n  <uses-permission/>\n</manifest>";
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
        assert_eq!(
            doc.errors[0].message,
            format!("elements nested deeper than {MAX_DEPTH} levels are not read")
        );
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
}
