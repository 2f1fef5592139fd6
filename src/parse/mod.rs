//! One parser per input format. Parsers turn text into documents with byte spans;
//! they never emit lint findings and never panic on bad input: problems become `ParseError`s.

pub mod gradle;
pub mod intent;
pub mod java;
pub mod json;
pub mod manifest;
pub mod properties;
pub mod text;
pub mod version_catalog;

use crate::span::TextRange;

/// What went wrong while reading a document; the input rules (PL0xx) turn these into findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub range: TextRange,
    pub message: String,
    /// Lenient parsers recover from some problems; those are warnings, not errors.
    pub recovered: bool,
}

impl ParseError {
    pub fn new(range: TextRange, message: impl Into<String>) -> Self {
        ParseError { range, message: message.into(), recovered: false }
    }
    pub fn recovered(range: TextRange, message: impl Into<String>) -> Self {
        ParseError { range, message: message.into(), recovered: true }
    }
}

/// Nesting deeper than this is reported instead of followed, so hostile input cannot overflow the stack.
pub const MAX_DEPTH: usize = 256;
