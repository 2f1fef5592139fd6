//! pushlint: reads an Android project's push configuration into a typed model and checks it.
//! Pipeline: discover → parse → build model → run rules → render.

pub mod parse;
pub mod span;
