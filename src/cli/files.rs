//! What the commands write and how they name files: atomic writes, and paths shown relative to
//! where the user stands.

use std::path::{Path, PathBuf};

/// Writes `content` to `path` so that readers never see a partial file: through a temporary
/// file in the same folder and a rename, which keeps the replaced file's mode (and, where
/// allowed, its owner). A symbolic link is written through (its target is replaced, the link
/// stays), and what is not a regular file (`/dev/null`, a FIFO, `/dev/stdout`) is written to in
/// place, never replaced. Temporary files left by a killed run are removed.
pub fn write_atomic(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let Some(target) = resolve_links(path)? else {
        // `/dev/stdout`, `/proc/self/fd/1`: the kernel knows what they name, a path may not.
        return write_in_place(path, std::fs::metadata(path).ok().as_ref(), content);
    };
    let existing = std::fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return write_in_place(&target, existing.as_ref(), content);
    }
    let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = target.file_name().ok_or_else(|| std::io::Error::other("not a file name"))?;
    let name = name.to_string_lossy();
    remove_stale_temporaries(dir, &name);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = write_new(&tmp, content)
        .and_then(|_| keep_mode_and_owner(&tmp, existing.as_ref()))
        .and_then(|_| std::fs::rename(&tmp, &target));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// `path` with symbolic links followed to what they name, even to a file that does not exist
/// yet (a dangling link is written through, as a shell redirection would); None for a path in
/// `/dev` or `/proc`, which is only written in place.
fn resolve_links(path: &Path) -> std::io::Result<Option<PathBuf>> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        if crate::fileio::is_special_path(&std::path::absolute(&p).unwrap_or_else(|_| p.clone())) {
            return Ok(None);
        }
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(Some(p)),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

/// Writes into an existing device, FIFO or `/dev/stdout`-like path without replacing it: a
/// regular file behind `/dev/stdout` is appended to, as the shell's redirection left it.
fn write_in_place(
    target: &Path,
    existing: Option<&std::fs::Metadata>,
    content: &[u8],
) -> std::io::Result<()> {
    use std::io::Write;
    let append = existing.is_none_or(std::fs::Metadata::is_file);
    let mut f = std::fs::OpenOptions::new().write(true).append(append).open(target)?;
    f.write_all(content)?;
    f.flush()
}

/// Creates `tmp` (which must not exist: a link planted there is not followed) with `content`.
fn write_new(tmp: &Path, content: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let open = || std::fs::OpenOptions::new().write(true).create_new(true).open(tmp);
    let mut f = match open() {
        Ok(f) => f,
        // Left by an earlier run with the same process id.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(tmp)?;
            open()?
        }
        Err(e) => return Err(e),
    };
    f.write_all(content)?;
    f.sync_all()
}

/// Gives `tmp` the permissions (and, where allowed, the owner) of the file it replaces.
fn keep_mode_and_owner(tmp: &Path, existing: Option<&std::fs::Metadata>) -> std::io::Result<()> {
    let Some(m) = existing else { return Ok(()) };
    std::fs::set_permissions(tmp, m.permissions())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // Only root may give a file away; anyone else keeps the file as their own.
        let _ = std::os::unix::fs::chown(tmp, Some(m.uid()), Some(m.gid()));
    }
    Ok(())
}

/// Removes `.NAME.PID.tmp` files in `dir` left by a run that was killed between writing and
/// renaming: its process is gone (Linux), or the file is older than any write takes.
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(pid) = file
            .to_str()
            .and_then(|f| f.strip_prefix(&prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(600));
        // Only the existence of the process's folder is looked at, nothing is read from it.
        let gone = cfg!(target_os = "linux") && !Path::new("/proc").join(pid.to_string()).exists();
        if gone || old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// How CI formats print paths: relative to the current folder when the project is inside it
/// (the usual CI layout), else relative to the project root; and that base folder as a URI.
pub(super) fn path_base(root: &Path) -> (String, Option<String>) {
    let cwd = std::env::current_dir().ok().and_then(|c| std::fs::canonicalize(c).ok());
    match cwd.as_ref().and_then(|c| root.strip_prefix(c).ok().map(|rel| (c, rel))) {
        Some((cwd, rel)) => {
            let prefix: String =
                rel.components().map(|c| format!("{}/", c.as_os_str().to_string_lossy())).collect();
            (prefix, url::Url::from_directory_path(cwd).ok().map(String::from))
        }
        None => (String::new(), url::Url::from_directory_path(root).ok().map(String::from)),
    }
}

/// How the human, concise and JSON formats show paths: relative to the current folder when the
/// project is inside it, else from the project's absolute root, so that every path printed
/// opens from where the user stands. Empty, or ending in `/`.
pub(super) fn shown_prefix(root: &Path) -> String {
    let (prefix, _) = path_base(root);
    let cwd = std::env::current_dir().ok().and_then(|c| std::fs::canonicalize(c).ok());
    if !prefix.is_empty() || cwd.as_deref() == Some(root) {
        return prefix;
    }
    let root = root.to_string_lossy().replace('\\', "/");
    if root.ends_with('/') { root } else { format!("{root}/") }
}
