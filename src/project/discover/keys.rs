//! Service-account key files: JSON that holds a server's private key, which has no place in an
//! app repository (the security rules report it).

use super::{ASSET_JSON, CONSOLE_FILE, EntryKind, Listing, Loader, MAX_FILE_SIZE, VENDOR_JSON};
use crate::project::JsonFile;
use crate::project::paths::normalize;
use std::path::Path;

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
        // An editor's unsaved text is what decides, as for every other file.
        let unsaved = (!ld.opts.overlay.is_empty()).then(|| ld.opts.overlay.get(&normalize(&p))).flatten();
        let bytes = match unsaved {
            Some(text) => text.as_bytes().to_vec(),
            // Key files are a few KiB, but padding one must not hide it: any size pushlint reads.
            None => match ld.fence.read(&p, MAX_FILE_SIZE) {
                Ok(bytes) => bytes,
                Err(_) => continue,
            },
        };
        let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
        if !(has(b"\"private_key\"") && has(b"service_account")) {
            continue;
        }
        if let Some((file, doc)) = ld.json_bytes(&p, bytes) {
            out.push(JsonFile { file, name: name.to_string(), source_set: set.map(str::to_string), doc });
        }
    }
}
