//! Code constants a variant compiles: Java `static final`/`public static` and Kotlin `const val`/
//! `val` fields with literal values, from the app module's source sets of that variant and the
//! `main` (or same-named) source sets of the local libraries it depends on.

use super::merge::merged_modules;
use super::variants::Variant;
use super::{Located, Project};
use crate::parse::java::ConstField;
use crate::span::{FileId, Span};

/// A constant with the file and module it is declared in.
#[derive(Clone, Copy, Debug)]
pub struct CodeConstant<'a> {
    pub module: usize,
    pub file: FileId,
    pub field: &'a ConstField,
}

impl CodeConstant<'_> {
    pub fn name(&self) -> &str {
        &self.field.name.value
    }
    /// The literal value with its span (a string's content, without quotes).
    pub fn value(&self) -> Located<String> {
        Located::new(self.field.value.value.clone(), Span::new(self.file, self.field.value.range))
    }
    pub fn name_span(&self) -> Span {
        Span::new(self.file, self.field.name.range)
    }
}

/// The constants `variant` of app module `app` compiles, in module then file order.
pub fn for_variant<'a>(project: &'a Project, app: usize, variant: &Variant) -> Vec<CodeConstant<'a>> {
    let mut out = Vec::new();
    for &m in merged_modules(project, app) {
        let Some(module) = project.modules.get(m) else { continue };
        for src in &module.sources {
            // A library's variant source sets are approximated by the app variant's names.
            let in_variant = src.source_set == "main" || variant.source_sets.contains(&src.source_set);
            if !in_variant {
                continue;
            }
            out.extend(src.summary.constants.iter().map(|field| CodeConstant {
                module: m,
                file: src.file,
                field,
            }));
        }
    }
    out
}

/// Every constant of every module, whatever variant compiles it (for secret scanning).
pub fn all(project: &Project) -> impl Iterator<Item = CodeConstant<'_>> {
    project.modules.iter().enumerate().flat_map(|(m, module)| {
        module.sources.iter().flat_map(move |src| {
            src.summary.constants.iter().map(move |field| CodeConstant { module: m, file: src.file, field })
        })
    })
}
