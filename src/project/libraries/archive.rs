//! Reads the `AndroidManifest.xml` entry of an AAR without extracting anything: the end record,
//! then the central directory, scanned in place for that one name, then that entry, inflated with
//! a size limit. A general zip reader parses every entry of the directory into memory, which for
//! an app's hundreds of AARs (each with hundreds of resources) costs far more than the lint; this
//! reads three small pieces of each file. Hostile archives (corrupt, truncated, claiming huge
//! sizes, zip bombs, odd entry names) give a reason, never a panic or a hang.

use std::path::Path;

/// An AAR larger than this is not opened (real AARs are a few MiB, the largest tens).
const MAX_ARCHIVE: u64 = 1 << 30;
/// A manifest entry larger than this is not read (real ones are a few KiB).
pub const MAX_MANIFEST: u64 = 4 << 20;
/// A central directory larger than this is not read (tens of thousands of entries).
const MAX_DIRECTORY: u64 = 64 << 20;
const NAME: &[u8] = b"AndroidManifest.xml";

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
    match crate::fileio::open_regular(path, MAX_ARCHIVE) {
        Ok((f, size)) => from_zip(&f, size),
        Err(crate::fileio::ReadError::TooLarge(n)) => {
            ArchiveManifest::Unreadable(format!("archive is {} MiB, larger than pushlint opens", n >> 20))
        }
        Err(crate::fileio::ReadError::Io(e)) => {
            ArchiveManifest::Unreadable(format!("cannot read the archive: {e}"))
        }
        Err(e) => ArchiveManifest::Unreadable(e.to_string()),
    }
}

/// Bytes at an offset, without moving a cursor: one `pread` per piece on a file.
pub trait ReadAt {
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()>;
}

impl ReadAt for std::fs::File {
    #[cfg(unix)]
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        std::os::unix::fs::FileExt::read_exact_at(self, buf, offset)
    }
    #[cfg(not(unix))]
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        let mut f = self;
        f.seek(SeekFrom::Start(offset))?;
        f.read_exact(buf)
    }
}

impl ReadAt for [u8] {
    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        let start = usize::try_from(offset).map_err(std::io::Error::other)?;
        let src = start.checked_add(buf.len()).and_then(|end| self.get(start..end)).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "the archive ends early")
        })?;
        buf.copy_from_slice(src);
        Ok(())
    }
}

fn malformed() -> ArchiveManifest {
    ArchiveManifest::Unreadable("it is not a well-formed zip archive, as an AAR must be".into())
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<u64> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as u64)
}

/// Reads `len` bytes at `offset`.
fn read_at<R: ReadAt + ?Sized>(r: &R, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    let mut buf = vec![0u8; len as usize];
    r.read_exact_at(&mut buf, offset)?;
    Ok(buf)
}

/// The root manifest of a zip of `size` bytes read from `r`.
pub fn from_zip<R: ReadAt + ?Sized>(r: &R, size: u64) -> ArchiveManifest {
    let io = |e: std::io::Error| ArchiveManifest::Unreadable(format!("cannot read it: {e}"));
    // The end record is the last 22 bytes plus a comment of up to 65,535; AARs carry no comment.
    // The last 32 KiB usually hold the whole central directory as well, which then is not read
    // again; the longest tail is read only when the end record is not in it.
    let mut found = None;
    let mut tail = Vec::new();
    let mut tail_start = 0;
    for want in [32u64 << 10, 22 + 0xFFFF] {
        let tail_len = size.min(want);
        tail = match read_at(r, size - tail_len, tail_len) {
            Ok(t) => t,
            Err(e) => return io(e),
        };
        tail_start = size - tail_len;
        found = (0..tail.len().saturating_sub(21))
            .rev()
            .find(|&i| tail[i..].starts_with(&[0x50, 0x4b, 0x05, 0x06]));
        if found.is_some() || tail_len == size {
            break;
        }
    }
    let Some(eocd) = found else { return malformed() };
    let (Some(entries), Some(dir_size), Some(dir_offset)) =
        (u16_at(&tail, eocd + 10), u32_at(&tail, eocd + 12), u32_at(&tail, eocd + 16))
    else {
        return malformed();
    };
    if entries == 0xFFFF || dir_size == 0xFFFF_FFFF || dir_offset == 0xFFFF_FFFF {
        return ArchiveManifest::Unreadable("it is a zip64 archive, which an AAR never needs".into());
    }
    if dir_size > MAX_DIRECTORY || dir_offset.saturating_add(dir_size) > size {
        return malformed();
    }
    let dir = if dir_offset >= tail_start {
        let from = (dir_offset - tail_start) as usize;
        match tail.get(from..from + dir_size as usize) {
            Some(d) => d.to_vec(),
            None => return malformed(),
        }
    } else {
        match read_at(r, dir_offset, dir_size) {
            Ok(d) => d,
            Err(e) => return io(e),
        }
    };
    // Only the exact root entry is merged by the build; `../AndroidManifest.xml`,
    // `/AndroidManifest.xml` or `res/AndroidManifest.xml` are other files.
    let mut at = 0usize;
    let mut found = None;
    for _ in 0..entries {
        if !dir.get(at..).is_some_and(|d| d.starts_with(&[0x50, 0x4b, 0x01, 0x02])) {
            return malformed();
        }
        let (Some(name_len), Some(extra_len), Some(comment_len)) =
            (u16_at(&dir, at + 28), u16_at(&dir, at + 30), u16_at(&dir, at + 32))
        else {
            return malformed();
        };
        let Some(name) = dir.get(at + 46..at + 46 + name_len) else { return malformed() };
        if name == NAME {
            found = Some(at);
            break;
        }
        at += 46 + name_len + extra_len + comment_len;
    }
    let Some(rec) = found else { return ArchiveManifest::Absent };
    let (Some(flags), Some(method), Some(compressed), Some(uncompressed), Some(local)) = (
        u16_at(&dir, rec + 8),
        u16_at(&dir, rec + 10),
        u32_at(&dir, rec + 20),
        u32_at(&dir, rec + 24),
        u32_at(&dir, rec + 42),
    ) else {
        return malformed();
    };
    if uncompressed > MAX_MANIFEST {
        return ArchiveManifest::Unreadable(format!(
            "its AndroidManifest.xml claims {uncompressed} bytes, more than a manifest holds"
        ));
    }
    if flags & 1 != 0 {
        return ArchiveManifest::Unreadable("its AndroidManifest.xml is encrypted".into());
    }
    if compressed > MAX_MANIFEST || local.saturating_add(30) > size {
        return malformed();
    }
    let (Some(dir_name_len), Some(dir_extra_len)) = (u16_at(&dir, rec + 28), u16_at(&dir, rec + 30)) else {
        return malformed();
    };
    // The local header and the data in one read, guessing its extra field is the directory's.
    let guess = (30 + dir_name_len + dir_extra_len) as u64;
    let len = guess.saturating_add(compressed).min(size - local);
    let block = match read_at(r, local, len) {
        Ok(b) => b,
        Err(e) => return io(e),
    };
    let (Some(n), Some(e)) = (u16_at(&block, 26), u16_at(&block, 28)) else { return malformed() };
    if !block.starts_with(&[0x50, 0x4b, 0x03, 0x04]) {
        return malformed();
    }
    let data_at = local + 30 + n as u64 + e as u64;
    if data_at.saturating_add(compressed) > size {
        return malformed();
    }
    let data = if 30 + (n + e) as u64 == guess {
        block.get(guess as usize..).unwrap_or_default().to_vec()
    } else {
        match read_at(r, data_at, compressed) {
            Ok(d) => d,
            Err(e) => return io(e),
        }
    };
    if (data.len() as u64) < compressed {
        return malformed();
    }
    match method {
        0 if compressed == uncompressed => ArchiveManifest::Found(data),
        0 => malformed(),
        8 => match miniz_oxide::inflate::decompress_to_vec_with_limit(&data, MAX_MANIFEST as usize) {
            Ok(bytes) => ArchiveManifest::Found(bytes),
            // A zip bomb claims a small size and inflates to much more: the limit stops it.
            Err(e) if e.status == miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                ArchiveManifest::Unreadable(
                    "its AndroidManifest.xml inflates past the size a manifest holds".into(),
                )
            }
            Err(_) => ArchiveManifest::Unreadable("its AndroidManifest.xml does not inflate".into()),
        },
        m => ArchiveManifest::Unreadable(format!(
            "its AndroidManifest.xml uses compression method {m}, which an AAR does not"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};

    fn zip_of(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
        let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn read(z: Vec<u8>) -> ArchiveManifest {
        from_zip(z.as_slice(), z.len() as u64)
    }

    #[test]
    fn reads_only_the_root_manifest_stored_or_deflated() {
        for deflate in [false, true] {
            let z = zip_of(&[("classes.jar", b"x"), ("AndroidManifest.xml", b"<manifest/>")], deflate);
            assert_eq!(read(z), ArchiveManifest::Found(b"<manifest/>".to_vec()));
        }
        let z = zip_of(&[("res/AndroidManifest.xml", b"<a/>"), ("../AndroidManifest.xml", b"<b/>")], false);
        assert_eq!(read(z), ArchiveManifest::Absent);
    }

    #[test]
    fn hostile_archives_are_reasons() {
        assert!(matches!(read(b"not a zip".to_vec()), ArchiveManifest::Unreadable(_)));
        assert!(matches!(read(Vec::new()), ArchiveManifest::Unreadable(_)));
        let mut z = zip_of(&[("AndroidManifest.xml", b"<manifest/>")], true);
        z.truncate(z.len() / 2);
        assert!(matches!(read(z), ArchiveManifest::Unreadable(_)));
        let big = vec![b' '; (MAX_MANIFEST + 10) as usize];
        let z = zip_of(&[("AndroidManifest.xml", &big)], true);
        assert!(z.len() < 1 << 20, "the test archive is compressed");
        assert!(matches!(read(z), ArchiveManifest::Unreadable(_)));
        // Every truncation and every single-byte corruption of a small archive is a reason or a
        // manifest, never a panic.
        let z = zip_of(&[("a.txt", b"hello"), ("AndroidManifest.xml", b"<manifest/>")], true);
        for cut in 0..z.len() {
            let _ = read(z[..cut].to_vec());
        }
        for i in 0..z.len() {
            for b in [0u8, 0xFF, 0x7F] {
                let mut c = z.clone();
                c[i] = b;
                let _ = read(c);
            }
        }
    }
}
