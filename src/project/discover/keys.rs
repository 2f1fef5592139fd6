//! Service-account key files: JSON that holds a server's private key, which has no place in an
//! app repository (the security rules report it).

use super::{ASSET_JSON, CONSOLE_FILE, EntryKind, Listing, Loader, VENDOR_JSON, read_bounded};
use crate::project::JsonFile;
use std::path::Path;

/// Largest file looked at as a possible key file; key files are a few KiB.
const MAX_KEY_FILE: u64 = 64 * 1024;

/// JSON files that hold a service-account private key, looked for (without recursion) in the root,
/// each module folder and its source sets' `assets/` and `res/raw/`. Only files whose bytes
/// mention both markers are read, so unrelated JSON never reaches the report. Adds those of
/// `dir` (listed in `listing`) to `out`, in name order.
pub(super) fn scan(
    ld: &mut Loader,
    dir: &Path,
    listing: &Listing,
    set: Option<&str>,
    out: &mut Vec<JsonFile>,
) {
    let mut names: Vec<&str> = listing
        .entries
        .iter()
        .filter(|(n, k)| {
            **k == EntryKind::File
                && Path::new(n.as_str()).extension().is_some_and(|e| e.eq_ignore_ascii_case("json"))
        })
        .map(|(n, _)| n.as_str())
        .filter(|n| !VENDOR_JSON.contains(n) && !ASSET_JSON.contains(n) && *n != CONSOLE_FILE)
        .collect();
    names.sort_unstable();
    for name in names {
        let p = dir.join(name);
        if !std::fs::metadata(&p).is_ok_and(|m| m.is_file() && m.len() <= MAX_KEY_FILE) {
            continue;
        }
        let Ok(Some(bytes)) = read_bounded(&p, MAX_KEY_FILE) else { continue };
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        if !(has(b"\"private_key\"") && has(b"service_account")) {
            continue;
        }
        if let Some((file, doc)) = ld.json_bytes(&p, bytes) {
            out.push(JsonFile { file, name: name.to_string(), source_set: set.map(str::to_string), doc });
        }
    }
}
