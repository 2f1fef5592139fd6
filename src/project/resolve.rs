//! Static resolution of Gradle values: literals, `def`/`val` variables, `ext`/`extra`,
//! `rootProject.ext.X`, `gradle.properties` and version-catalog versions, and values with a
//! fallback (a property, an environment variable or a loaded properties file, else a default).
//! Anything else is unknown.

use super::{BuildFile, Located, Project, Resolved};
use crate::parse::gradle::{Fallback, FileRef, Lookup, TemplatePart, Value};
use crate::parse::version_catalog::{VersionCatalog, accessor};
use crate::span::{FileId, Span, Spanned};

/// Where a module's script looks names up, innermost first.
pub struct Scope<'a> {
    pub project: &'a Project,
    /// The module's own build file (vars and ext), if any.
    pub build: Option<&'a BuildFile>,
    pub module_properties: Option<&'a (FileId, crate::parse::properties::PropertiesFile)>,
    /// The module's folder relative to the root (`file('x')` in its script is relative to it).
    pub dir_rel: &'a str,
}

/// What a fallback's lookup found.
enum Found {
    Value(Resolved),
    /// Not set where it is looked up: the default applies.
    Missing,
}

const MAX_HOPS: usize = 8;

impl<'a> Scope<'a> {
    pub fn for_module(project: &'a Project, module: usize) -> Scope<'a> {
        let m = &project.modules[module];
        Scope {
            project,
            build: m.build.as_ref(),
            module_properties: m.properties.as_ref(),
            dir_rel: m.dir_rel.as_str(),
        }
    }

    pub fn for_root(project: &'a Project) -> Scope<'a> {
        Scope { project, build: project.root_build.as_ref(), module_properties: None, dir_rel: "" }
    }

    /// Resolves a value read from `file` at `value.range`.
    pub fn resolve(&self, value: &Spanned<Value>, file: FileId) -> Resolved {
        self.resolve_in(value, file, 0)
    }

    pub fn resolve_opt(&self, value: Option<&Spanned<Value>>, file: FileId) -> Resolved {
        match value {
            Some(v) => self.resolve(v, file),
            None => Resolved::Absent,
        }
    }

    fn resolve_in(&self, value: &Spanned<Value>, file: FileId, hops: usize) -> Resolved {
        let here = Span::new(file, value.range);
        if hops > MAX_HOPS {
            return Resolved::Unknown(here);
        }
        match &value.value {
            Value::Str(s) => Resolved::Known(Located::new(s.clone(), here)),
            Value::Int(i) => Resolved::Known(Located::new(i.to_string(), here)),
            Value::Bool(b) => Resolved::Known(Located::new(b.to_string(), here)),
            Value::Ref(path) => match self.lookup(path, hops) {
                Some(Resolved::Known(l)) => Resolved::Known(l),
                _ => Resolved::Unknown(here),
            },
            Value::Template(parts) => {
                let mut out = String::new();
                for part in parts {
                    match part {
                        TemplatePart::Lit(s) => out.push_str(s),
                        TemplatePart::Expr(e) => match self.lookup(e, hops) {
                            Some(Resolved::Known(l)) => out.push_str(&l.value),
                            _ => return Resolved::Unknown(here),
                        },
                    }
                }
                Resolved::Known(Located::new(out, here))
            }
            Value::Fallback(fb) => match self.find(fb, file, hops) {
                Found::Value(r) => r,
                Found::Missing => self.resolve_in(&fb.default, file, hops + 1),
            },
            Value::Unknown => Resolved::Unknown(here),
        }
    }

    /// Looks a fallback's name up where its source says.
    fn find(&self, fb: &Fallback, file: FileId, hops: usize) -> Found {
        let name = fb.name.value.as_str();
        match &fb.source {
            Lookup::Property => {
                // `lookup` also finds `ext` properties, which `findProperty` sees too; a dotted
                // name can only be a properties-file key.
                let hit = if name.contains('.') { self.property(name) } else { self.lookup(name, hops + 1) };
                hit.map_or(Found::Missing, Found::Value)
            }
            // Not in the repository: what a build without the variable gets is the default.
            Lookup::Env => Found::Missing,
            Lookup::Loaded(var) => match self.load_of(var, file) {
                Some(f) => self.loaded(&f, fb, file),
                // Not a loaded `Properties`: `versions['x'] ?: 'd'` reads a map.
                None => self.lookup(&format!("{var}.{name}"), hops + 1).map_or(Found::Missing, Found::Value),
            },
            Lookup::File(f) => self.loaded(f, fb, file),
        }
    }

    /// The file the script `file` loaded into local `var` (the last load wins).
    fn load_of(&self, var: &str, file: FileId) -> Option<FileRef> {
        let build =
            [self.build, self.project.root_build.as_ref()].into_iter().flatten().find(|b| b.file == file)?;
        build.script.properties_loads.iter().rev().find(|l| l.var == var).map(|l| l.file.clone())
    }

    /// A key of a loaded properties file: unknown when the file is not on disk (an uncommitted
    /// `local.properties`), the default when it lacks the key. A value found is given the span
    /// of the key in the script, so the file's text is never shown.
    fn loaded(&self, f: &FileRef, fb: &Fallback, file: FileId) -> Found {
        let path = self.loaded_path(f, file);
        let Some(lp) = self.project.loaded_properties.iter().find(|l| l.path == path) else {
            return Found::Value(Resolved::Unknown(Span::new(file, fb.name.range)));
        };
        match &lp.props {
            None => Found::Value(Resolved::Unknown(Span::new(file, fb.name.range))),
            Some(p) => match p.get(&fb.name.value) {
                Some(v) => Found::Value(Resolved::Known(Located::new(
                    v.value.clone(),
                    Span::new(file, fb.name.range),
                ))),
                None => Found::Missing,
            },
        }
    }

    /// The root-relative path of a file named in the script `file`.
    pub fn loaded_path(&self, f: &FileRef, file: FileId) -> String {
        let in_root = self.project.root_build.as_ref().is_some_and(|b| b.file == file);
        let base = if f.root || in_root { "" } else { self.dir_rel };
        join_rel(base, &f.path.value)
    }

    /// Looks a dotted name up the way a Gradle script would see it.
    pub fn lookup(&self, path: &str, hops: usize) -> Option<Resolved> {
        let path = path.trim();
        if let Some(rest) =
            path.strip_prefix("rootProject.ext.").or_else(|| path.strip_prefix("rootProject."))
        {
            return self.root_ext(rest, hops).or_else(|| self.property(rest));
        }
        if let Some((file, catalog, rest)) = self.project.catalogs().lookup(path) {
            if let Some(name) = rest.strip_prefix("versions.") {
                return catalog_version(file, catalog, name);
            }
        }
        for prefix in ["project.properties.", "properties.", "providers.gradleProperty."] {
            if let Some(rest) = path.strip_prefix(prefix) {
                return self.property(rest);
            }
        }
        let bare = ["project.ext.", "project.extra.", "ext.", "extra.", "project."]
            .iter()
            .find_map(|p| path.strip_prefix(p))
            .unwrap_or(path);
        if bare.contains('.') {
            // A map entry of an extra property (`ids.app`): the module's own, else the root
            // project's, which a module sees unqualified as Gradle does.
            let own = self.build.and_then(|b| {
                let a = b.script.ext.iter().rev().find(|a| a.name.value == bare)?;
                Some(if a.conditional {
                    Resolved::Unknown(Span::new(b.file, a.value.range))
                } else {
                    self.resolve_in(&a.value, b.file, hops + 1)
                })
            });
            return own.or_else(|| self.root_ext(bare, hops)).or_else(|| self.build_constant(bare));
        }
        if let Some(build) = self.build {
            let script = &build.script;
            let hit = script.vars.iter().rev().chain(script.ext.iter().rev()).find(|a| a.name.value == bare);
            if let Some(a) = hit {
                if a.conditional {
                    return Some(Resolved::Unknown(Span::new(build.file, a.value.range)));
                }
                return Some(self.resolve_in(&a.value, build.file, hops + 1));
            }
        }
        self.root_ext(bare, hops).or_else(|| self.property(bare)).or_else(|| self.build_constant(bare))
    }

    /// A constant of the build logic (`Deps.push` from `buildSrc`), read last: a script's own
    /// names and extra properties shadow it.
    fn build_constant(&self, name: &str) -> Option<Resolved> {
        self.project.build_constants.get(name).cloned().map(Resolved::Known)
    }

    fn root_ext(&self, name: &str, hops: usize) -> Option<Resolved> {
        // The root build file's own `ext`, then that of the scripts it applies (`config.gradle`).
        let scripts =
            self.project.root_build.iter().chain(self.project.root_applied.iter().map(|a| &a.build));
        let (build, a) = scripts
            .filter_map(|b| b.script.ext.iter().rev().find(|a| a.name.value == name).map(|a| (b, a)))
            .next()?;
        if a.conditional {
            return Some(Resolved::Unknown(Span::new(build.file, a.value.range)));
        }
        let root_scope = Scope::for_root(self.project);
        Some(root_scope.resolve_in(&a.value, build.file, hops + 1))
    }

    fn property(&self, name: &str) -> Option<Resolved> {
        let sources = [self.module_properties, self.project.properties.as_ref()];
        for (file, props) in sources.into_iter().flatten() {
            if let Some(v) = props.get(name) {
                return Some(Resolved::Known(Located::new(v.value.clone(), Span::new(*file, v.range))));
            }
        }
        None
    }

    /// Where a fallback's value came from, for `--explain-detection` (values are never shown:
    /// a default may be a credential).
    pub fn origin(&self, value: &Value, file: FileId) -> Option<String> {
        let Value::Fallback(fb) = value else { return None };
        let name = &fb.name.value;
        let what = match &fb.source {
            Lookup::Property => format!("property `{name}`"),
            Lookup::Env => format!("environment variable `{name}`"),
            Lookup::Loaded(var) => match self.load_of(var, file) {
                Some(f) => format!("`{name}` of `{}`", self.loaded_path(&f, file)),
                None => format!("`{var}[{name}]`"),
            },
            Lookup::File(f) => format!("`{name}` of `{}`", self.loaded_path(f, file)),
        };
        let outcome = match self.find(fb, file, 0) {
            Found::Value(Resolved::Known(l)) if l.span.file == file && l.span.range == fb.name.range => {
                "found (value not shown)".to_string()
            }
            Found::Value(Resolved::Known(l)) => {
                format!("set in `{}`", self.project.files.get(l.span.file).rel)
            }
            Found::Value(_) => "unknown (the file it is read from is not on disk)".to_string(),
            Found::Missing => match self.origin(&fb.default.value, file) {
                Some(inner) => format!("not set, else {inner}"),
                None => "not set: the default is used".to_string(),
            },
        };
        Some(format!("{what}: {outcome}"))
    }
}

fn catalog_version(file: FileId, catalog: &VersionCatalog, name: &str) -> Option<Resolved> {
    let name = name.trim_end_matches(".get()");
    let (_, v) = catalog.versions.iter().find(|(k, _)| accessor(&k.value) == name)?;
    Some(Resolved::Known(Located::new(v.value.clone(), Span::new(file, v.range))))
}

/// `base/rel` with `.` and `..` parts folded, `/`-separated.
pub fn join_rel(base: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for p in base.split('/').chain(rel.split(['/', '\\'])) {
        match p {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}
