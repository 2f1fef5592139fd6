//! The `<string>` names of a source set's default `res/values/` folder.

use super::{Listing, Loader};
use crate::parse::text::TextKind;
use crate::project::StringResource;
use crate::span::Span;
use std::path::Path;

/// Reads the `<string>` names of the XML files in a default `res/values/` folder (locale folders
/// such as `values-zh` only translate them). Values that Gradle plugins generate from a config
/// file (`google_app_id`) may be written here by hand instead.
pub(super) fn scan_strings(ld: &mut Loader, values: &Path, set: &str, out: &mut Vec<StringResource>) {
    let listing = Listing::of(values);
    let mut names: Vec<&str> = listing.files().filter(|n| n.ends_with(".xml")).collect();
    names.sort_unstable();
    for name in names {
        let Some(file) = ld.read(&values.join(name), TextKind::Xml) else { continue };
        let doc = crate::parse::manifest::ManifestDoc::parse(ld.text(file));
        for id in doc.elements_named("string") {
            if let Some(attr) = doc.plain_attr(id, "name") {
                out.push(StringResource {
                    name: attr.value.clone(),
                    span: Span::new(file, attr.value_span),
                    source_set: set.to_string(),
                });
            }
        }
    }
}
