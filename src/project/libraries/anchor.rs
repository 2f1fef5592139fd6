//! Findings about elements a library declares point at the dependency that brings the library
//! in: the user cannot edit an AAR, but can change the dependency or override the element in
//! their own manifest. Labels keep what they said, naming the library.

use super::super::Project;
use crate::diagnostics::{Diagnostic, Label};
use crate::span::Span;

/// Moves every label that points into a library's manifest to that library's declaration.
pub fn anchor_findings(project: &Project, diags: &mut [Diagnostic]) {
    for d in diags.iter_mut() {
        let mut moved = false;
        if let Some(p) = &mut d.primary {
            if let Some((via, lib)) = library_at(project, p.span) {
                p.message = format!("{lib} declares it: {}", p.message);
                p.span = via;
                moved = true;
            }
        }
        for l in &mut d.secondary {
            if let Some((via, lib)) = library_at(project, l.span) {
                l.message = format!("{lib}: {}", l.message);
                l.span = via;
            }
        }
        // One dependency line labelled twice with the same words says it once (a hash set, as a
        // finding may carry thousands of labels).
        let mut kept: Vec<Label> = Vec::with_capacity(d.secondary.len());
        let mut seen: std::collections::HashSet<(Span, String)> = std::collections::HashSet::new();
        for l in std::mem::take(&mut d.secondary) {
            let on_moved_primary = moved && d.primary.as_ref().is_some_and(|p| p.span == l.span);
            if !on_moved_primary && seen.insert((l.span, l.message.clone())) {
                kept.push(l);
            }
        }
        d.secondary = kept;
        if moved {
            // An edit inside an AAR is no fix.
            d.fix = None;
            let tail = "the element comes from a library: override it in the app's manifest (the same `android:name` with `tools:replace`, or `tools:node=\"remove\"`)";
            d.help = Some(match d.help.take() {
                Some(h) => format!("{h}; {tail}"),
                None => tail.to_string(),
            });
        }
    }
}

/// For a span inside a library's manifest: the declaration that brings the library in, and how
/// the library is named.
fn library_at(project: &Project, span: Span) -> Option<(Span, String)> {
    if !project.files.get(span.file).external {
        return None;
    }
    let lib = project
        .manifests
        .iter()
        .rev()
        .find(|m| m.file == span.file)
        .and_then(|m| m.library)
        .and_then(|l| project.libraries.get(l))?;
    Some((lib.via?, lib.describe(project)))
}
