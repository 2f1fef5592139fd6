//! Guarded reads of every file pushlint did not write: bounded in size, regular files only,
//! opened without blocking, never from `/proc`, `/sys` or `/dev`, and (for project files) never
//! through a symbolic link that leads out of the project.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Files larger than this are not read (they are not configuration files).
pub const MAX_FILE_SIZE: u64 = 8 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, device, socket or folder.
    NotRegular,
    /// Larger than the limit (its size in bytes).
    TooLarge(u64),
    /// It grew past the limit while it was read.
    Grew,
    /// A stream (standard input) holding more than the limit.
    Unbounded,
    /// It resolves, through a symbolic link, to a file outside the project.
    Outside,
    /// It lies in a kernel file system (`/proc`, `/sys`, `/dev`), whose files can block or never end.
    Special,
    Io(std::io::Error),
}

impl ReadError {
    /// Whether the file was deliberately left unread (PL007) rather than unreadable (PL005).
    pub fn is_skip(&self) -> bool {
        !matches!(self, ReadError::Io(_))
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotRegular => f.write_str("not a regular file"),
            ReadError::TooLarge(n) => write!(
                f,
                "file is {} MiB, larger than the {} MiB pushlint reads",
                n >> 20,
                MAX_FILE_SIZE >> 20
            ),
            ReadError::Grew => {
                write!(f, "file grew past the {} MiB pushlint reads while it was read", MAX_FILE_SIZE >> 20)
            }
            ReadError::Unbounded => {
                write!(f, "it holds more than the {} MiB pushlint reads", MAX_FILE_SIZE >> 20)
            }
            ReadError::Outside => {
                f.write_str("a symbolic link leads outside the project: the file it names was not read")
            }
            ReadError::Special => f.write_str("a file of /proc, /sys or /dev is never read"),
            ReadError::Io(e) => write!(f, "cannot read file: {e}"),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Reads a file named on the command line or found outside any project (a baseline, a catalog,
/// `pushlint.toml`): regular files only, at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let canonical = std::fs::canonicalize(path)?;
    if is_special_path(&canonical) {
        return Err(ReadError::Special);
    }
    read_open(open_nonblocking(&canonical)?, limit, true)
}

/// Opens a regular file outside any project for reading in place (an archive read piece by
/// piece), with the checks of `read`; gives its size.
pub fn open_regular(path: &Path, limit: u64) -> Result<(File, u64), ReadError> {
    let canonical = std::fs::canonicalize(path)?;
    if is_special_path(&canonical) {
        return Err(ReadError::Special);
    }
    let f = open_nonblocking(&canonical)?;
    let len = check_open(&f, limit, true)?;
    Ok((f, len))
}

/// `read` as UTF-8 text; invalid UTF-8 is an error.
pub fn read_to_string(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read(path, limit)?)
        .map_err(|_| ReadError::Io(std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8")))
}

/// Standard input, at most `limit + 1` bytes: a caller seeing more than `limit` knows there was
/// more (`ReadError::Unbounded`) without reading it all.
pub fn read_stdin(limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    std::io::stdin().lock().take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the files of one project: a file whose path lies inside the root must resolve inside it
/// too (a symbolic link leading out of the project is refused); a file named outside the root
/// (a `projectDir` or included build next to it, a `--console` file) is read where it is.
pub struct Fence {
    root: PathBuf,
    #[cfg(target_os = "linux")]
    root_fd: Option<std::os::fd::OwnedFd>,
}

impl Fence {
    /// A fence around `root`, which must be a canonical path (as `discover::find_root` gives).
    pub fn new(root: &Path) -> Fence {
        Fence {
            root: root.to_path_buf(),
            #[cfg(target_os = "linux")]
            root_fd: linux::open_root(root),
        }
    }

    /// The project-relative path of `abs` (`.` and `..` folded), when it lies inside the root.
    fn inside<'p>(&self, abs: &'p Path) -> Option<std::borrow::Cow<'p, Path>> {
        // Nearly every path is the root joined with plain names: compared as bytes, no allocation.
        let bytes = abs.as_os_str().as_encoded_bytes();
        let dotted = bytes
            .split(|&b| b == b'/' || b == std::path::MAIN_SEPARATOR as u8)
            .any(|c| c == b"." || c == b"..");
        if !dotted {
            return abs.strip_prefix(&self.root).ok().map(std::borrow::Cow::Borrowed);
        }
        let mut folded = PathBuf::new();
        for c in abs.components() {
            match c {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    folded.pop();
                }
                other => folded.push(other),
            }
        }
        folded.strip_prefix(&self.root).ok().map(|p| std::borrow::Cow::Owned(p.to_path_buf()))
    }

    /// Whether `dir` may be walked: it lies outside the root, or resolves inside it.
    pub fn dir_allowed(&self, dir: &Path) -> bool {
        let Some(rel) = self.inside(dir) else { return true };
        if rel.as_os_str().is_empty() {
            return true;
        }
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.root_fd {
            match linux::open_dir_beneath(fd, &rel) {
                Ok(()) => return true,
                Err(e) if e.raw_os_error() != Some(linux::EXDEV) && !linux::unsupported(&e) => return true,
                Err(_) => {}
            }
        }
        self.resolves_inside(dir)
    }

    fn resolves_inside(&self, abs: &Path) -> bool {
        // A path that cannot be resolved (a dangling link) is not followed anywhere: reading it fails.
        std::fs::canonicalize(abs).map_or(true, |c| c.starts_with(&self.root))
    }

    /// Reads a project file: at most `limit` bytes of a regular file that resolves inside the
    /// project when its path does.
    pub fn read(&self, abs: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
        let Some(rel) = self.inside(abs) else { return read(abs, limit) };
        #[cfg(target_os = "linux")]
        if let Some(fd) = &self.root_fd {
            match linux::open_beneath(fd, &rel) {
                Ok(f) => return read_open(f, limit, false),
                Err(e) if e.raw_os_error() == Some(linux::EXDEV) || linux::unsupported(&e) => {}
                Err(e) => return Err(ReadError::Io(e)),
            }
        }
        let _ = rel;
        // Resolution left the root (or the kernel cannot tell): an absolute link may still
        // point back inside; anything else is refused.
        let canonical = std::fs::canonicalize(abs)?;
        if !canonical.starts_with(&self.root) {
            return Err(ReadError::Outside);
        }
        read_open(open_nonblocking(&canonical)?, limit, false)
    }
}

/// What an opened file is, checked after opening (so a swapped path cannot fool it): a regular
/// file of at most `limit` bytes, and with `check_fs` none of the kernel's; gives its size.
fn check_open(f: &File, limit: u64, check_fs: bool) -> Result<u64, ReadError> {
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    #[cfg(target_os = "linux")]
    if check_fs && linux::on_kernel_fs(f) {
        return Err(ReadError::Special);
    }
    let _ = check_fs;
    Ok(meta.len())
}

/// Reads an opened file after checking what it is (`check_open`).
fn read_open(f: File, limit: u64, check_fs: bool) -> Result<Vec<u8>, ReadError> {
    let len = check_open(&f, limit, check_fs)?;
    let mut bytes = Vec::with_capacity(len.min(limit) as usize + 1);
    (&f).take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::Grew);
    }
    Ok(bytes)
}

/// Opens for reading without blocking: a FIFO opens at once (and is then refused as not regular).
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// Paths in the kernel's file systems: reading them can block forever, never end, or have effects.
pub fn is_special_path(canonical: &Path) -> bool {
    cfg!(unix) && ["/proc", "/sys", "/dev"].iter().any(|p| canonical.starts_with(p))
}

#[cfg(target_os = "linux")]
mod linux {
    //! `openat2(RESOLVE_BENEATH)`: the kernel resolves a path below the project root and fails
    //! with `EXDEV` when a link leads out, at the cost of a plain `open`.
    use rustix::fs::{Mode, OFlags, ResolveFlags, openat2};
    use std::fs::File;
    use std::os::fd::OwnedFd;
    use std::path::Path;

    pub const EXDEV: i32 = libc::EXDEV;

    pub fn open_root(root: &Path) -> Option<OwnedFd> {
        let fd =
            rustix::fs::open(root, OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty()).ok()?;
        Some(fd)
    }

    /// The kernel has no `openat2` (before 5.6) or a sandbox forbids it: check paths by hand.
    pub fn unsupported(e: &std::io::Error) -> bool {
        matches!(e.raw_os_error(), Some(libc::ENOSYS | libc::EPERM | libc::EINVAL | libc::EOPNOTSUPP))
    }

    fn how() -> ResolveFlags {
        ResolveFlags::BENEATH | ResolveFlags::NO_MAGICLINKS
    }

    pub fn open_beneath(root: &OwnedFd, rel: &Path) -> std::io::Result<File> {
        let flags = OFlags::RDONLY | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC;
        let fd = openat2(root, rel, flags, Mode::empty(), how()).map_err(std::io::Error::from)?;
        Ok(File::from(fd))
    }

    pub fn open_dir_beneath(root: &OwnedFd, rel: &Path) -> std::io::Result<()> {
        let flags = OFlags::PATH | OFlags::DIRECTORY | OFlags::CLOEXEC;
        openat2(root, rel, flags, Mode::empty(), how()).map(drop).map_err(std::io::Error::from)
    }

    /// Whether the file lies in procfs, sysfs or another kernel interface file system.
    pub fn on_kernel_fs(f: &File) -> bool {
        const KERNEL_FS: [i64; 11] = [
            0x9fa0,      // proc
            0x6265_6572, // sysfs
            0x6462_6720, // debugfs
            0x7472_6163, // tracefs
            0x7363_6673, // securityfs
            0x0027_e0eb, // cgroup
            0x6367_7270, // cgroup2
            0x6265_6570, // configfs
            0xde5e_81e4, // efivarfs
            0x6165_676c, // pstore
            0x1cd1,      // devpts
        ];
        // `f_type` is `i64` on some targets and `u32` or `i32` on others.
        #[allow(clippy::unnecessary_cast)]
        rustix::fs::fstatfs(f).is_ok_and(|s| KERNEL_FS.contains(&(s.f_type as i64)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_within_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "hello").expect("write");
        assert_eq!(read(&p, 10).expect("read"), b"hello");
        assert!(matches!(read(&p, 3), Err(ReadError::TooLarge(5))));
        assert!(matches!(read(dir.path(), 10), Err(ReadError::NotRegular)));
    }

    #[cfg(unix)]
    #[test]
    fn fence_refuses_links_out_of_the_project() {
        let outside = tempfile::tempdir().expect("temp dir");
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "s3cr3t").expect("write");
        let root = tempfile::tempdir().expect("temp dir");
        let root_path = std::fs::canonicalize(root.path()).expect("canonical");
        std::os::unix::fs::symlink(&secret, root_path.join("abs.txt")).expect("link");
        std::fs::write(root_path.join("in.txt"), "in").expect("write");
        std::os::unix::fs::symlink(root_path.join("in.txt"), root_path.join("back.txt")).expect("link");
        std::os::unix::fs::symlink("in.txt", root_path.join("rel.txt")).expect("link");
        std::os::unix::fs::symlink(outside.path(), root_path.join("dir")).expect("link");
        let fence = Fence::new(&root_path);
        assert!(matches!(fence.read(&root_path.join("abs.txt"), 100), Err(ReadError::Outside)));
        assert!(matches!(fence.read(&root_path.join("dir/secret.txt"), 100), Err(ReadError::Outside)));
        assert_eq!(fence.read(&root_path.join("back.txt"), 100).expect("inside"), b"in");
        assert_eq!(fence.read(&root_path.join("rel.txt"), 100).expect("inside"), b"in");
        assert!(!fence.dir_allowed(&root_path.join("dir")));
        assert!(fence.dir_allowed(&root_path));
        // Outside the root, a path is read where it is.
        assert_eq!(fence.read(&secret, 100).expect("outside"), b"s3cr3t");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn kernel_files_are_never_read() {
        for p in ["/proc/self/status", "/proc/kmsg", "/dev/zero", "/dev/null"] {
            if Path::new(p).exists() {
                assert!(read(Path::new(p), MAX_FILE_SIZE).is_err(), "{p} was read");
            }
        }
    }
}
