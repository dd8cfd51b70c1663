//! Reading the files an operator or a visitor's session hands us, safely: never blocking on a
//! FIFO or a device, never reading more than a stated size. A policy folder, a consent file or
//! a PIN file that is `/dev/zero` or a named pipe must give an error, not a hang or a full
//! memory.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

/// What `read_bounded` refuses, beside the system's own errors. Carried inside an
/// `io::Error` (kind `InvalidInput`), so callers report it like any other cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// A FIFO, a device, a socket: anything but a regular file, after following links.
    NotRegular,
    /// Larger than the limit for its kind (in bytes).
    TooLarge(u64),
    /// A folder holding more files of a kind than allowed.
    TooManyFiles(usize),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::NotRegular => write!(f, "not a regular file"),
            Refusal::TooLarge(limit) => write!(f, "larger than {limit} bytes"),
            Refusal::TooManyFiles(max) => write!(f, "more than {max} files"),
        }
    }
}

impl std::error::Error for Refusal {}

/// The refusal inside `e`, if `e` came from `read_bounded`'s own checks.
pub fn refusal(e: &io::Error) -> Option<Refusal> {
    e.get_ref()?.downcast_ref::<Refusal>().copied()
}

fn refuse(r: Refusal) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, r)
}

/// Opens `path` for reading without blocking (`O_NONBLOCK`: opening a FIFO with no writer
/// would otherwise wait forever) and accepts it only if it is a regular file.
pub(crate) fn open_regular(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(io::Error::from(io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        return Err(refuse(Refusal::NotRegular));
    }
    Ok(file)
}

/// The bytes of the regular file at `path`, at most `limit` of them: a larger file is refused
/// whole (a file that grows while it is read, too), never cut.
pub(crate) fn read_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    if file.metadata()?.len() > limit {
        return Err(refuse(Refusal::TooLarge(limit)));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(refuse(Refusal::TooLarge(limit)));
    }
    Ok(bytes)
}

/// `read_bounded` as UTF-8 text (invalid UTF-8 is `InvalidData`).
pub(crate) fn read_small(path: &Path, limit: u64) -> io::Result<String> {
    String::from_utf8(read_bounded(path, limit)?)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_pipes_are_refused_at_once() {
        for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
            let e = read_bounded(Path::new(device), 1 << 20).unwrap_err();
            assert_eq!(refusal(&e), Some(Refusal::NotRegular), "{device}");
        }
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // No writer: a blocking open would never return.
        let e = read_bounded(&fifo, 1 << 20).unwrap_err();
        assert_eq!(refusal(&e), Some(Refusal::NotRegular));
    }

    #[test]
    fn a_file_over_the_limit_is_refused_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"12345");
        let e = read_bounded(&path, 4).unwrap_err();
        assert_eq!(refusal(&e), Some(Refusal::TooLarge(4)));
        let e = read_bounded(dir.path(), 4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::IsADirectory);
        let e = read_small(&dir.path().join("missing"), 4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
    }
}
