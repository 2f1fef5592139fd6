//! What the commands write and how they name files: atomic writes, and paths shown relative to
//! where the user stands.

use std::path::Path;

/// Writes `content` to `path` through a temporary file in the same folder and a rename, so
/// readers never see a partial file. A file that exists keeps its permissions.
pub fn write_atomic(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| std::io::Error::other("not a file name"))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let permissions = std::fs::metadata(path).ok().map(|m| m.permissions());
    let result = std::fs::write(&tmp, content)
        .and_then(|_| permissions.map_or(Ok(()), |p| std::fs::set_permissions(&tmp, p)))
        .and_then(|_| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
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
