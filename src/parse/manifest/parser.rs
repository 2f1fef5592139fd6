//! The manifest tokenizer and tree builder: quick-xml events into `ManifestDoc` elements, with
//! namespace resolution, recovery after syntax errors, and the nesting limit.

use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::Event;
use quick_xml::reader::Reader;

use super::name::intern;
use super::*;
use crate::parse::{MAX_DEPTH, ParseError};
use crate::span::TextRange;
use std::collections::{HashMap, HashSet};

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

pub(super) struct Parser<'s> {
    src: &'s str,
    doc: ManifestDoc,
    stack: Vec<Open>,
    /// In-scope namespace declarations, innermost last: (prefix, uri), prefix "" for the default namespace.
    bindings: Vec<(String, String)>,
    /// For each prefix, the indices in `bindings` of its declarations, innermost last: a lookup
    /// costs the same however many prefixes are declared.
    scopes: HashMap<String, Vec<usize>>,
    /// Number of open elements being skipped because they are nested deeper than `MAX_DEPTH`.
    skip_depth: usize,
    depth_reported: bool,
    /// Where an XML declaration may stand: 0, or 3 when the text still starts with a BOM.
    doc_start: usize,
    /// A syntax error already reported that the document ends inside some markup.
    truncated: bool,
}

impl<'s> Parser<'s> {
    pub(super) fn new(src: &'s str) -> Self {
        let doc_start = if src.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
        Parser {
            src,
            doc: ManifestDoc::default(),
            stack: Vec::new(),
            bindings: Vec::new(),
            scopes: HashMap::new(),
            skip_depth: 0,
            depth_reported: false,
            doc_start,
            truncated: false,
        }
    }

    pub(super) fn run(mut self) -> ManifestDoc {
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
                self.scopes.entry(prefix.to_owned()).or_default().push(self.bindings.len());
                self.bindings.push((prefix.to_owned(), a.value.clone()));
            }
        }

        let (prefix, local) = self.split_qname(qname, name_span);
        let ns = match prefix {
            Some(p) => self.resolve(p, name_span),
            None => self.lookup("").filter(|uri| !uri.is_empty()).map(intern),
        };
        let mut attrs: Vec<Attr> = Vec::with_capacity(raw_attrs.len());
        // Past a few attributes, names seen so far are looked up by hash, so an element with any
        // number of attributes costs time linear in them (a short list is faster to scan).
        let many = raw_attrs.len() > 16;
        let mut seen_qnames: HashSet<String> = HashSet::new();
        let mut seen_names: HashSet<(Name, Name)> = HashSet::new();
        for a in raw_attrs {
            let name_range = TextRange::new(a.span.start as usize, a.span.start as usize + a.qname.len());
            let (prefix, local) = self.split_qname(&a.qname, name_range);
            let (local, ns) = match prefix {
                None if local == "xmlns" => (intern(local), Some(intern(XMLNS_NS))),
                Some("xmlns") => (intern(local), Some(intern(XMLNS_NS))),
                Some(p) => (intern(local), self.resolve(p, name_range)),
                None => (intern(local), None),
            };
            let expanded = ns.as_ref().map(|ns| (ns.clone(), local.clone()));
            let duplicate = if many {
                seen_qnames.contains(a.qname.as_str())
                    || expanded.as_ref().is_some_and(|e| seen_names.contains(e))
            } else {
                attrs.iter().any(|b| b.qname == a.qname || (ns.is_some() && b.ns == ns && b.local == local))
            };
            if duplicate {
                self.push(ParseError::new(a.span, format!("duplicate attribute `{}`", a.qname)));
                continue;
            }
            if many {
                seen_qnames.insert(a.qname.clone());
                seen_names.extend(expanded);
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
            self.unbind(bindings_len);
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
        self.unbind(open.bindings_len);
        if let Some(e) = self.doc.elements.get_mut(open.id.0 as usize) {
            e.span = TextRange::new(e.span.start as usize, end);
        }
    }

    /// Drops the namespace declarations made after the first `len`.
    fn unbind(&mut self, len: usize) {
        while self.bindings.len() > len {
            let Some((prefix, _)) = self.bindings.pop() else { break };
            if let Some(stack) = self.scopes.get_mut(&prefix) {
                stack.pop();
                if stack.is_empty() {
                    self.scopes.remove(&prefix);
                }
            }
        }
    }

    fn lookup(&self, prefix: &str) -> Option<&str> {
        let at = *self.scopes.get(prefix)?.last()?;
        self.bindings.get(at).map(|(_, uri)| uri.as_str())
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
