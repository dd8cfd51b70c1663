//! Writing files so that a reader never sees half of one: every write replaces the whole file
//! by a rename, every folder is created readable by the kiosk's other accounts, and links are
//! never followed where we write or remove.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

const TEMP_PREFIX: &str = ".consent-";
const TEMP_SUFFIX: &str = ".tmp";

/// The folder a file is in ("." for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Opens `path` with `options`, refusing a link in its place (`O_NOFOLLOW`), with mode 0644
/// whatever the umask: the kiosk's launcher may run as another user and read what we write.
pub(crate) fn open_no_follow(options: &mut fs::OpenOptions, path: &Path) -> io::Result<fs::File> {
    let file = options
        .custom_flags(libc::O_NOFOLLOW)
        .mode(0o644)
        .open(path)?;
    let meta = file.metadata()?;
    if meta.permissions().mode() & 0o777 != 0o644 {
        file.set_permissions(fs::Permissions::from_mode(0o644))?;
    }
    Ok(file)
}

/// Replaces `path` with `bytes` (file mode `mode`) so that a reader sees the old content or the
/// new one, whole: a temporary file in the same folder (named so that `remove_stale_temporaries`
/// finds it if a crash leaves it), flushed, renamed over the old one, then the folder flushed so
/// the rename survives a power cut.
pub(crate) fn replace_file(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let dir = folder_of(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file()
        .set_permissions(fs::Permissions::from_mode(mode))?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    fs::File::open(&dir)?.sync_all()
}

/// Creates `dir` and its missing parents, each mode 0755 whatever the umask (a umask of 077
/// would otherwise hide the consent from a launcher running as another user). A file where a
/// folder should be is reported as such, not as the system's "file exists".
pub fn create_dir(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        create_dir(parent)?;
    }
    match fs::DirBuilder::new().mode(0o755).create(dir) {
        Ok(()) => fs::set_permissions(dir, fs::Permissions::from_mode(0o755)),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(io::Error::from(io::ErrorKind::NotADirectory))
        }
        Err(e) => Err(e),
    }
}

/// Removes the file at `path`; nothing to remove is not an error. A link in its place is
/// removed itself, never what it points to.
pub fn remove(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Removes the temporary files `replace_file` left in `dir` when killed mid-write. Call it
/// under a lock that every writer of the folder holds, so that none is in use.
pub(crate) fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}
