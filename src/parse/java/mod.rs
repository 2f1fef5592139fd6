//! A light scanner for Java and Kotlin sources: the package, the top-level and nested types
//! declared, their supertypes, imports, and constant fields with literal values. Comments and
//! strings are skipped correctly; nothing more of the language is understood.

mod lexer;
mod scanner;
#[cfg(test)]
mod tests;

use crate::parse::MAX_DEPTH;
use crate::span::{Spanned, TextRange};
use lexer::Lexer;
use scanner::Scanner;

#[derive(Clone, Debug, Default)]
pub struct SourceFileSummary {
    pub package: Option<Spanned<String>>,
    /// Imported names as written (`a.b.C`, `a.b.*`; Java `static` and Kotlin `as` aliases dropped).
    pub imports: Vec<Spanned<String>>,
    pub types: Vec<TypeDecl>,
    pub constants: Vec<ConstField>,
    /// Constants initialized with another constant's name.
    pub aliases: Vec<ConstAlias>,
    /// Kotlin properties initialized with one string template (`"com.x:push:${Versions.push}"`):
    /// the value is the template's source text, `$` parts unresolved.
    pub templates: Vec<ConstField>,
    /// Why part of the file was not read (types nested too deep or named too long), at the
    /// first type left out.
    pub unread: Option<Spanned<String>>,
}

#[derive(Clone, Debug)]
pub struct TypeDecl {
    /// Simple name; nested types are `Outer.Inner`.
    pub name: Spanned<String>,
    /// Supertypes as written (simple or qualified names).
    pub supertypes: Vec<String>,
    pub kind: TypeKind,
    /// Declared `abstract` (or Kotlin `sealed`): never instantiated, so never a component itself.
    pub is_abstract: bool,
}

/// What kind of type a declaration makes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    Class,
    Interface,
    Enum,
    Record,
    /// Java `@interface`.
    Annotation,
    /// Kotlin `object`.
    Object,
    /// Kotlin `companion object` (named `Companion` unless it has a name).
    Companion,
}

/// `static final` / `public static` fields in Java, `const val` / `val` in Kotlin objects,
/// with a literal initializer (string, number, boolean).
#[derive(Clone, Debug)]
pub struct ConstField {
    pub name: Spanned<String>,
    /// The literal value (strings unescaped; numbers without `L` suffix). The range covers a
    /// string's content without quotes, or a number without its type suffix (with its `-` sign).
    pub value: Spanned<String>,
    pub is_string: bool,
    /// The type the field belongs to (`Outer.Inner`; a companion's constants belong to its class);
    /// None at Kotlin top level.
    pub owner: Option<String>,
    /// The declared type as written (`String`, `long`); None when Kotlin infers it.
    pub declared_type: Option<String>,
}

/// A constant whose initializer is another constant's name (`= OTHER`, `= Keys.OTHER`).
#[derive(Clone, Debug)]
pub struct ConstAlias {
    pub name: Spanned<String>,
    /// The name as written, qualified or not.
    pub target: Spanned<String>,
    /// As `ConstField::owner`.
    pub owner: Option<String>,
}

impl SourceFileSummary {
    /// Scans a Java (`kotlin == false`) or Kotlin source; never fails.
    pub fn scan(text: &str, kotlin: bool) -> SourceFileSummary {
        let tokens = Lexer::new(text, kotlin).run();
        let mut s =
            Scanner { toks: &tokens, kotlin, stack: Default::default(), out: SourceFileSummary::default() };
        s.run();
        let mut out = s.out;
        for t in &mut out.templates {
            t.value.value = text.get(t.value.range.as_usize()).unwrap_or_default().to_string();
        }
        out
    }

    /// Whether the file declares a constant or a templated property.
    pub fn has_constants(&self) -> bool {
        !self.constants.is_empty() || !self.templates.is_empty()
    }

    /// The constant `name` declared in `owner` (simple or qualified owner name's last segments).
    pub fn constant(&self, owner: &str, name: &str) -> Option<&ConstField> {
        self.constants.iter().find(|c| {
            c.name.value == name
                && c.owner.as_deref().is_some_and(|o| o == owner || o.ends_with(&format!(".{owner}")))
        })
    }
}
