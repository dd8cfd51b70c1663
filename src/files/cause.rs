//! Why a file operation failed, as a closed list the UI has a message for each of (the
//! system's own words are kept only for the rest).

use std::io;

use super::read::{Refusal, refusal};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoCause {
    NotFound,
    PermissionDenied,
    ReadOnly,
    DiskFull,
    IsDirectory,
    NotADirectory,
    InvalidData(String),
    /// A FIFO, a device, a socket where a regular file was expected.
    NotRegular,
    /// Larger than the limit for its kind, in bytes.
    TooLarge(u64),
    /// A folder with more files of a kind than allowed.
    TooManyFiles(usize),
    /// Anything else, in the system's words.
    Other(String),
}

impl IoCause {
    pub fn of(e: &io::Error) -> IoCause {
        use io::ErrorKind::*;
        match refusal(e) {
            Some(Refusal::NotRegular) => return IoCause::NotRegular,
            Some(Refusal::TooLarge(limit)) => return IoCause::TooLarge(limit),
            Some(Refusal::TooManyFiles(max)) => return IoCause::TooManyFiles(max),
            None => {}
        }
        match e.kind() {
            NotFound => IoCause::NotFound,
            PermissionDenied => IoCause::PermissionDenied,
            ReadOnlyFilesystem => IoCause::ReadOnly,
            StorageFull | QuotaExceeded | FileTooLarge => IoCause::DiskFull,
            IsADirectory => IoCause::IsDirectory,
            NotADirectory => IoCause::NotADirectory,
            InvalidData => IoCause::InvalidData(e.to_string()),
            _ => IoCause::Other(e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_told_apart_from_system_errors() {
        let too_large = io::Error::new(io::ErrorKind::InvalidInput, Refusal::TooLarge(9));
        assert_eq!(IoCause::of(&too_large), IoCause::TooLarge(9));
        let plain = io::Error::new(io::ErrorKind::InvalidInput, "bad");
        assert_eq!(IoCause::of(&plain), IoCause::Other("bad".into()));
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert_eq!(IoCause::of(&full), IoCause::DiskFull);
    }
}
