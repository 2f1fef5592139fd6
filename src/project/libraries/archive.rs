//! Reads the `AndroidManifest.xml` entry of an AAR without extracting anything: the central
//! directory once, then that one entry, bounded in size. Hostile archives (corrupt, claiming huge
//! sizes, zip bombs, odd entry names) give a reason, never a panic or a hang.

use std::io::Read;
use std::path::Path;

/// An AAR larger than this is not opened (real AARs are a few MiB, the largest tens).
const MAX_ARCHIVE: u64 = 1 << 30;
/// A manifest entry larger than this is not read (real ones are a few KiB).
pub const MAX_MANIFEST: u64 = 4 << 20;

/// What an archive holds for the merged manifest.
#[derive(Debug, PartialEq, Eq)]
pub enum ArchiveManifest {
    /// The manifest's bytes.
    Found(Vec<u8>),
    /// The archive is readable and has no root `AndroidManifest.xml` (a jar, for instance).
    Absent,
    /// Why it could not be read.
    Unreadable(String),
}

/// The root `AndroidManifest.xml` of the zip at `path`.
pub fn read_manifest(path: &Path) -> ArchiveManifest {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return ArchiveManifest::Unreadable("not a regular file".into()),
        Ok(m) if m.len() > MAX_ARCHIVE => {
            return ArchiveManifest::Unreadable(format!(
                "archive is {} MiB, larger than pushlint opens",
                m.len() >> 20
            ));
        }
        Ok(_) => {}
        Err(e) => return ArchiveManifest::Unreadable(format!("cannot read the archive: {e}")),
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return ArchiveManifest::Unreadable(format!("cannot read the archive: {e}")),
    };
    // The zip reader is not expected to panic on any input; if it ever does, that archive is
    // unreadable and the run goes on.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| from_zip(std::io::BufReader::new(file))))
        .unwrap_or_else(|_| ArchiveManifest::Unreadable("the archive is malformed".into()))
}

/// The root manifest of a zip read from `reader`.
pub fn from_zip<R: Read + std::io::Seek>(reader: R) -> ArchiveManifest {
    let mut zip = match zip::ZipArchive::new(reader) {
        Ok(z) => z,
        Err(e) => return ArchiveManifest::Unreadable(zip_problem(&e)),
    };
    // Only the exact root entry is merged by the build; `../AndroidManifest.xml`, `/AndroidManifest.xml`
    // or `res/AndroidManifest.xml` are other files.
    let mut entry = match zip.by_name("AndroidManifest.xml") {
        Ok(e) => e,
        Err(zip::result::ZipError::FileNotFound) => return ArchiveManifest::Absent,
        Err(e) => {
            return ArchiveManifest::Unreadable(format!("its AndroidManifest.xml: {}", zip_problem(&e)));
        }
    };
    if entry.size() > MAX_MANIFEST {
        return ArchiveManifest::Unreadable(format!(
            "its AndroidManifest.xml claims {} bytes, more than a manifest holds",
            entry.size()
        ));
    }
    let mut bytes = Vec::with_capacity(entry.size() as usize);
    // A zip bomb can claim a small size and inflate to much more: never read past the limit.
    match entry.by_ref().take(MAX_MANIFEST + 1).read_to_end(&mut bytes) {
        Ok(_) if bytes.len() as u64 > MAX_MANIFEST => ArchiveManifest::Unreadable(
            "its AndroidManifest.xml inflates past the size a manifest holds".into(),
        ),
        Ok(_) => ArchiveManifest::Found(bytes),
        Err(e) => ArchiveManifest::Unreadable(format!("cannot inflate its AndroidManifest.xml: {e}")),
    }
}

/// A zip error in words that do not depend on the zip reader's version.
fn zip_problem(e: &zip::result::ZipError) -> String {
    match e {
        zip::result::ZipError::Io(io) => format!("cannot read it: {io}"),
        zip::result::ZipError::UnsupportedArchive(_) => "it uses a zip feature an AAR does not need".into(),
        _ => "it is not a well-formed zip archive, as an AAR must be".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn reads_only_the_root_manifest() {
        let z = zip_of(&[("classes.jar", b"x"), ("AndroidManifest.xml", b"<manifest/>")]);
        assert_eq!(from_zip(Cursor::new(z)), ArchiveManifest::Found(b"<manifest/>".to_vec()));
        let z = zip_of(&[("res/AndroidManifest.xml", b"<a/>"), ("../AndroidManifest.xml", b"<b/>")]);
        assert_eq!(from_zip(Cursor::new(z)), ArchiveManifest::Absent);
    }

    #[test]
    fn hostile_archives_are_reasons() {
        assert!(matches!(from_zip(Cursor::new(b"not a zip".to_vec())), ArchiveManifest::Unreadable(_)));
        let mut z = zip_of(&[("AndroidManifest.xml", b"<manifest/>")]);
        let cut = z.len() / 2;
        z.truncate(cut);
        assert!(matches!(from_zip(Cursor::new(z)), ArchiveManifest::Unreadable(_)));
        // A highly compressible entry past the limit: read at most the limit, then give up.
        let big = vec![b' '; (MAX_MANIFEST + 10) as usize];
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts =
            zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file("AndroidManifest.xml", opts).unwrap();
        w.write_all(&big).unwrap();
        let z = w.finish().unwrap().into_inner();
        assert!(z.len() < 1 << 20, "the test archive is compressed");
        assert!(matches!(from_zip(Cursor::new(z)), ArchiveManifest::Unreadable(_)));
    }
}
