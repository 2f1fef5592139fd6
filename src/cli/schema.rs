//! `pushlint schema console|diagnostics|status`: the JSON Schemas shipped in the binary.

use super::args::SchemaKind;
use crate::{CONSOLE_SCHEMA, DIAGNOSTICS_SCHEMA, STATUS_SCHEMA};
use std::io::Write;

pub(super) fn run(which: SchemaKind, out: &mut dyn Write) -> i32 {
    let _ = out.write_all(match which {
        SchemaKind::Console => CONSOLE_SCHEMA.as_bytes(),
        SchemaKind::Diagnostics => DIAGNOSTICS_SCHEMA.as_bytes(),
        SchemaKind::Status => STATUS_SCHEMA.as_bytes(),
    });
    0
}
