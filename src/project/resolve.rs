//! Static resolution of Gradle values: literals, `def`/`val` variables, `ext`/`extra`,
//! `rootProject.ext.X`, `gradle.properties` and version-catalog versions. Anything else is unknown.

use super::{BuildFile, Located, Project, Resolved};
use crate::parse::gradle::{TemplatePart, Value};
use crate::parse::version_catalog::accessor;
use crate::span::{FileId, Span, Spanned};

/// Where a module's script looks names up, innermost first.
pub struct Scope<'a> {
    pub project: &'a Project,
    /// The module's own build file (vars and ext), if any.
    pub build: Option<&'a BuildFile>,
    pub module_properties: Option<&'a (FileId, crate::parse::properties::PropertiesFile)>,
}

const MAX_HOPS: usize = 8;

impl<'a> Scope<'a> {
    pub fn for_module(project: &'a Project, module: usize) -> Scope<'a> {
        let m = &project.modules[module];
        Scope { project, build: m.build.as_ref(), module_properties: m.properties.as_ref() }
    }

    pub fn for_root(project: &'a Project) -> Scope<'a> {
        Scope { project, build: project.root_build.as_ref(), module_properties: None }
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
            Value::Unknown => Resolved::Unknown(here),
        }
    }

    /// Looks a dotted name up the way a Gradle script would see it.
    pub fn lookup(&self, path: &str, hops: usize) -> Option<Resolved> {
        let path = path.trim();
        if let Some(rest) =
            path.strip_prefix("rootProject.ext.").or_else(|| path.strip_prefix("rootProject."))
        {
            return self.root_ext(rest, hops).or_else(|| self.property(rest));
        }
        if let Some(rest) = path.strip_prefix("libs.versions.") {
            return self.catalog_version(rest);
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
            return None;
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
        self.root_ext(bare, hops).or_else(|| self.property(bare))
    }

    fn root_ext(&self, name: &str, hops: usize) -> Option<Resolved> {
        let build = self.project.root_build.as_ref()?;
        let a = build.script.ext.iter().rev().find(|a| a.name.value == name)?;
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

    fn catalog_version(&self, name: &str) -> Option<Resolved> {
        let (file, catalog) = self.project.version_catalog.as_ref()?;
        let name = name.trim_end_matches(".get()");
        let (_, v) = catalog.versions.iter().find(|(k, _)| accessor(&k.value) == name)?;
        Some(Resolved::Known(Located::new(v.value.clone(), Span::new(*file, v.range))))
    }
}
