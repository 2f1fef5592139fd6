//! `pushlint manifest [PATH] --variant NAME`: one app variant's merged manifest as pushlint reads
//! it — project source sets, local library modules and library (AAR) manifests — each element
//! with a comment naming where it comes from, as Android Studio's merged-manifest view does,
//! without a build. Placeholders are substituted where their values are known.

use super::args::ManifestArgs;
use crate::config::Config;
use crate::diagnostics::{Sources, position};
use crate::parse::manifest::{ElemId, ManifestDoc, TOOLS_NS, XMLNS_NS};
use crate::project::merge::{MergedManifest, resolve_class, substitute};
use crate::project::variants::Variant;
use crate::project::{ElemRef, Project, libraries::Origin};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::Write;

pub(super) fn run(a: ManifestArgs, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let config = Config {
        config_file: a.config.clone(),
        gradle_user_home: a.gradle_user_home.clone(),
        library_manifests: a.no_library_manifests.then_some(false),
        ..Default::default()
    }
    .with_user_folders();
    let (project, catalog) = match crate::load(&a.path, &config) {
        Ok(x) => x,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return 2;
        }
    };
    let Some(module) = pick_module(&project, &a, err) else { return 2 };
    let m = &project.modules[module];
    let variant = match &a.variant {
        Some(name) => m.variants.iter().find(|v| v.name == *name),
        None if m.variants.len() == 1 => m.variants.first(),
        None => None,
    };
    let Some(variant) = variant else {
        let names: Vec<&str> = m.variants.iter().map(|v| v.name.as_str()).collect();
        let what = match &a.variant {
            Some(n) => format!("`{}` has no variant `{n}`", m.path),
            None => format!("name the variant of `{}` with --variant", m.path),
        };
        let _ = writeln!(err, "error: {what}; its variants: {}", names.join(", "));
        return 2;
    };
    let merged = crate::project::merge::merge(&project, module, variant);
    let mut text = render(&project, module, variant, &merged);
    // Substituted placeholders may carry a secret: masked as in every report.
    crate::engine::secrets_of(&project, &catalog).1.mask_text(&mut text);
    let _ = out.write_all(text.as_bytes());
    0
}

/// The app module the path names (the one whose folder holds it), else the only one.
fn pick_module(project: &Project, a: &ManifestArgs, err: &mut dyn Write) -> Option<usize> {
    let apps: Vec<(usize, &crate::project::Module)> = project.app_modules().collect();
    if let Some(path) = &a.module {
        let want = if path.starts_with(':') { path.clone() } else { format!(":{path}") };
        let found = apps.iter().find(|(_, m)| m.path == want).map(|(i, _)| *i);
        if found.is_none() {
            let names: Vec<&str> = apps.iter().map(|(_, m)| m.path.as_str()).collect();
            let _ = writeln!(
                err,
                "error: no application module `{want}`; application modules: {}",
                names.join(", ")
            );
        }
        return found;
    }
    let abs = std::fs::canonicalize(&a.path).unwrap_or(a.path.clone());
    let inside: Vec<usize> = apps
        .iter()
        .filter(|(_, m)| {
            m.path != ":" && abs.starts_with(std::fs::canonicalize(&m.dir).unwrap_or(m.dir.clone()))
        })
        .map(|(i, _)| *i)
        .collect();
    match (inside.as_slice(), apps.as_slice()) {
        ([one], _) => Some(*one),
        (_, [(one, _)]) => Some(*one),
        (_, []) => {
            let _ = writeln!(err, "error: the project has no application module");
            None
        }
        _ => {
            let names: Vec<&str> = apps.iter().map(|(_, m)| m.path.as_str()).collect();
            let _ = writeln!(
                err,
                "error: name the application module with --module; application modules: {}",
                names.join(", ")
            );
            None
        }
    }
}

/// The merged manifest as XML text.
fn render(project: &Project, module: usize, variant: &Variant, merged: &MergedManifest) -> String {
    let w = Writer { project, variant, app_id: variant.app_id() };
    let mut s = String::new();
    let _ = writeln!(s, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    let _ = writeln!(
        s,
        "<!-- merged manifest of {} {}, as pushlint reads it; no build was run -->",
        project.modules[module].path, variant.name
    );
    let _ = writeln!(
        s,
        "<manifest xmlns:android=\"http://schemas.android.com/apk/res/android\"{}>",
        variant.app_id().map(|id| format!(" package=\"{}\"", escape(id))).unwrap_or_default()
    );
    if variant.min_sdk.value().is_some() || variant.target_sdk.value().is_some() {
        let _ = writeln!(s, "    <!-- {} -->", w.build_origin(module));
        let mut tag = String::from("    <uses-sdk");
        for (attr, v) in [("minSdkVersion", &variant.min_sdk), ("targetSdkVersion", &variant.target_sdk)] {
            if let Some(v) = v.value() {
                let _ = write!(tag, " android:{attr}=\"{}\"", escape(v));
            }
        }
        let _ = writeln!(s, "{tag} />");
    }
    let mut seen: HashSet<String> = HashSet::new();
    for d in merged.uses_permissions.iter().chain(&merged.permissions) {
        w.element(&mut s, d.elem, 1, &[], &mut seen, None);
    }
    // Other top-level elements (queries, uses-feature, …), each once.
    for &mid in &merged.sources {
        let doc = &project.manifest(mid).doc;
        let Some(root) = doc.root else { continue };
        for c in doc.element(root).children.iter().copied() {
            let local = doc.element(c).local.as_str();
            if !matches!(
                local,
                "application" | "uses-permission" | "uses-permission-sdk-23" | "permission" | "uses-sdk"
            ) {
                w.element(&mut s, ElemRef { manifest: mid, elem: c }, 1, &[], &mut seen, None);
            }
        }
    }
    let _ = writeln!(s, "{}", w.application_tag(merged));
    for c in merged.components() {
        w.element(&mut s, c.elem, 2, &c.merged_from, &mut seen, c.name.as_deref());
    }
    let mut names: HashSet<&str> = HashSet::new();
    for d in &merged.meta_data {
        if d.name.as_deref().is_none_or(|n| names.insert(n)) {
            w.element(&mut s, d.elem, 2, &[], &mut seen, None);
        }
    }
    let _ = writeln!(s, "    </application>\n</manifest>");
    s
}

struct Writer<'a> {
    project: &'a Project,
    variant: &'a Variant,
    app_id: Option<&'a str>,
}

impl Writer<'_> {
    /// Where an element comes from: `file:line`, or the library that declares it.
    fn origin(&self, r: ElemRef) -> String {
        let mf = self.project.manifest(r.manifest);
        let el = mf.doc.element(r.elem);
        if let Some(lib) = mf.library.and_then(|l| self.project.libraries.get(l)) {
            let how = match &lib.origin {
                Origin::Disk { path } => path.clone(),
                Origin::Catalog { .. } => "from the catalog, rules/libraries.toml".to_string(),
                Origin::Unknown { .. } => "unknown".to_string(),
            };
            let via = lib
                .parent
                .and_then(|p| self.project.libraries.get(p))
                .map(|p| format!(", through {}", p.display));
            let how = if how == lib.display { String::new() } else { format!(" ({how})") };
            return format!("{}{}{how}", lib.display, via.unwrap_or_default());
        }
        let text = self.project.files.text(mf.file);
        let line = position(text, self.project.files.line_starts(mf.file), el.start_tag.start).line;
        format!("{}:{line}", self.project.files.path(mf.file))
    }

    fn build_origin(&self, module: usize) -> String {
        match &self.project.modules[module].build {
            Some(b) => format!("{} (variant settings)", self.project.files.path(b.file)),
            None => "variant settings".into(),
        }
    }

    /// The `<application>` start tag: attributes of every `<application>`, the highest priority first.
    fn application_tag(&self, merged: &MergedManifest) -> String {
        let mut attrs: Vec<(String, String)> = Vec::new();
        let mut origin = None;
        for &mid in &merged.sources {
            let doc = &self.project.manifest(mid).doc;
            let Some(root) = doc.root else { continue };
            let mf = self.project.manifest(mid);
            let namespace = match mf.library {
                Some(_) => doc.plain_attr(root, "package").map(|a| a.value.clone()),
                None => self.project.modules.get(mf.module).and_then(|m| m.namespace.value().cloned()),
            };
            for app in doc.children_named(root, "application") {
                origin.get_or_insert(ElemRef { manifest: mid, elem: app });
                // The merger writes the Application class fully qualified.
                let class =
                    doc.android_value(app, "name").and_then(|n| resolve_class(n, namespace.as_deref()));
                for (q, v) in self.attributes(doc, app, class.as_deref()) {
                    if !attrs.iter().any(|(k, _)| *k == q) {
                        attrs.push((q, v));
                    }
                }
            }
        }
        let mut s = String::new();
        if let Some(o) = origin {
            let _ = writeln!(s, "    <!-- {} -->", self.origin(o));
        }
        s.push_str("    <application");
        for (q, v) in attrs {
            let _ = write!(s, " {q}=\"{}\"", escape(&v));
        }
        s.push('>');
        s
    }

    /// An element's attributes as written out: no `tools:` markers or namespace declarations,
    /// placeholders substituted where known, `android:name` replaced by `name` when given.
    fn attributes(&self, doc: &ManifestDoc, e: ElemId, name: Option<&str>) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for a in &doc.element(e).attrs {
            if matches!(a.ns.as_deref(), Some(TOOLS_NS) | Some(XMLNS_NS)) {
                continue;
            }
            let q = match a.ns.as_deref() {
                Some(crate::parse::manifest::ANDROID_NS) => format!("android:{}", a.local),
                _ => a.qname.to_string(),
            };
            let value = match (q.as_str(), name) {
                ("android:name", Some(n)) => n.to_string(),
                _ => substitute(&a.value, self.variant, self.app_id).unwrap_or_else(|| a.value.clone()),
            };
            out.push((q, value));
        }
        out
    }

    /// Writes element `r` (and its children) at `depth`, with its origin, unless the same text
    /// was already written; lower-priority declarations add their attributes and intent-filters.
    fn element(
        &self,
        s: &mut String,
        r: ElemRef,
        depth: usize,
        merged_from: &[ElemRef],
        seen: &mut HashSet<String>,
        name: Option<&str>,
    ) {
        let doc = &self.project.manifest(r.manifest).doc;
        let mut body = String::new();
        self.subtree(&mut body, doc, r.elem, depth, name, merged_from);
        if !seen.insert(body.clone()) {
            return;
        }
        let pad = "    ".repeat(depth);
        let mut origins = vec![self.origin(r)];
        origins.extend(merged_from.iter().map(|m| format!("merged with {}", self.origin(*m))));
        let _ = writeln!(s, "{pad}<!-- {} -->", origins.join("; "));
        s.push_str(&body);
    }

    fn subtree(
        &self,
        s: &mut String,
        doc: &ManifestDoc,
        e: ElemId,
        depth: usize,
        name: Option<&str>,
        merged_from: &[ElemRef],
    ) {
        let el = doc.element(e);
        if el.ns.is_some() || depth > 64 {
            return;
        }
        let pad = "    ".repeat(depth);
        let mut attrs = self.attributes(doc, e, name);
        for m in merged_from {
            let mdoc = &self.project.manifest(m.manifest).doc;
            for (q, v) in self.attributes(mdoc, m.elem, None) {
                if !attrs.iter().any(|(k, _)| *k == q) {
                    attrs.push((q, v));
                }
            }
        }
        let _ = write!(s, "{pad}<{}", el.local);
        for (q, v) in &attrs {
            let _ = write!(s, " {q}=\"{}\"", escape(v));
        }
        let mut children = String::new();
        for &c in &el.children {
            self.subtree(&mut children, doc, c, depth + 1, None, &[]);
        }
        for m in merged_from {
            let mdoc = &self.project.manifest(m.manifest).doc;
            for f in mdoc.children_named(m.elem, "intent-filter") {
                let mut one = String::new();
                self.subtree(&mut one, mdoc, f, depth + 1, None, &[]);
                if !children.contains(&one) {
                    children.push_str(&one);
                }
            }
        }
        if children.is_empty() {
            let _ = writeln!(s, " />");
        } else {
            let _ = writeln!(s, ">\n{children}{pad}</{}>", el.local);
        }
    }
}

/// Escapes an attribute value for XML; control characters become character references.
fn escape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}
