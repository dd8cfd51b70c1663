//! Where the consent file lives and how it is written: atomically, so a launcher reading it at
//! any moment sees the old decision or the new one, whole.

use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::log::Log;
use super::record::{self, Record, Status};
use crate::i18n::IoCause;
use crate::policy::Policy;

/// `consent.json` in the user's data folder (`~/.local/share/kiosk-consent/` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kiosk-consent")
        .map(|dirs| dirs.data_dir().join("consent.json"))
}

/// Reads and judges the consent file at `path`.
pub fn status(path: &Path, policy: &Policy, now: OffsetDateTime) -> Status {
    match fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => record::assess(&text, policy, now),
            Err(e) => Status::Corrupt(e.to_string()),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Status::Missing,
        Err(e) => Status::Unreadable(IoCause::of(&e)),
    }
}

/// A failed save: which file, and why, in words the UI translates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError {
    pub path: PathBuf,
    pub cause: IoCause,
}

/// Writes `record` to `path`: a temporary file in the same folder, flushed to disk, renamed
/// over the old file, then the folder itself flushed so the rename survives a power cut.
pub fn save(path: &Path, record: &Record) -> Result<(), SaveError> {
    decide(path, record, None)
}

/// Records a visitor's decision: first in the proof-of-consent `log` (when there is one), then
/// in the consent file, under a lock so that two programs deciding at once (an operator's shell
/// and the kiosk) never interleave: the second waits for the first. A decision that cannot be
/// logged is not saved. Both live in the consent file's folder, so a failure of either is told
/// as the consent file's.
pub fn decide(path: &Path, record: &Record, log: Option<&Log>) -> Result<(), SaveError> {
    let written = (|| {
        // An operator may link the consent file elsewhere (e.g. to /run): the file is written
        // where the link points, and the link stays. Folders are only created for the path
        // the operator gave, never for a link's target.
        let (path, linked) = match fs::read_link(path) {
            Ok(target) => (folder_of(path).join(target), true),
            Err(_) => (path.to_owned(), false),
        };
        if path.is_dir() {
            return Err(io::Error::from(io::ErrorKind::IsADirectory));
        }
        let dir = folder_of(&path);
        if linked {
            if !dir.is_dir() {
                return Err(io::Error::from(io::ErrorKind::NotFound));
            }
        } else {
            create_dir(&dir)?;
        }
        let _lock = lock(&dir)?;
        remove_stale_temporaries(&dir);
        if let Some(log) = log {
            log.append(record)?;
        }
        replace_file(&path, record.to_json().as_bytes(), 0o644)
    })();
    written.map_err(|e| SaveError {
        path: path.to_owned(),
        cause: IoCause::of(&e),
    })
}

/// The folder a file is in ("." for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

const LOCK_FILE: &str = ".consent.lock";
const TEMP_PREFIX: &str = ".consent-";
const TEMP_SUFFIX: &str = ".tmp";

/// An exclusive advisory lock on the folder's lock file, released when dropped (and by the
/// system if the process dies).
fn lock(dir: &Path) -> io::Result<fs::File> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .mode(0o644)
        .open(dir.join(LOCK_FILE))?;
    file.lock()?;
    Ok(file)
}

/// Temporary files left by a writer that was killed mid-save. Called under the lock, so no
/// other writer is using one.
fn remove_stale_temporaries(dir: &Path) {
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

/// Replaces `path` with `bytes` (file mode `mode`) so that a reader sees the old content or the
/// new one, whole: a temporary file in the same folder (named so that `decide` cleans it if a
/// crash leaves it), flushed, renamed over the old one, then the folder flushed so the rename
/// survives a power cut.
pub fn replace_file(path: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
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

/// Creates `dir` and its parents (mode 0755) when missing. A file where a folder should be is
/// reported as such, not as the system's "file exists".
pub fn create_dir(dir: &Path) -> io::Result<()> {
    match fs::DirBuilder::new()
        .recursive(true)
        .mode(0o755)
        .create(dir)
    {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            Err(io::Error::from(io::ErrorKind::NotADirectory))
        }
        other => other,
    }
}

/// Removes the decision, for the next visitor. Nothing to remove is not an error.
/// A linked consent file is removed where the link points; the link stays for the next save.
pub fn remove(path: &Path) -> io::Result<()> {
    let path = match fs::read_link(path) {
        Ok(target) => folder_of(path).join(target),
        Err(_) => path.to_owned(),
    };
    match fs::remove_file(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::Action;
    use time::macros::datetime;

    #[test]
    fn save_then_status_round_trips_with_mode_0644() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/consent.json");
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        let record = Record::new(&policy, "fr-FR", now, Action::AcceptAll, &[true; 4]);
        save(&path, &record).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644);
        assert_eq!(status(&path, &policy, now), Status::Valid(Box::new(record)));
        // Only the file itself (and the lock) is left in the folder: no temporary file.
        let mut names: Vec<_> = fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".consent.lock", "consent.json"]);
    }

    #[test]
    fn stale_temporary_files_are_cleaned_on_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("consent.json");
        let stale = dir.path().join(".consent-abc123.tmp");
        fs::write(&stale, "{\"format\": \"kiosk-con").unwrap();
        let other = dir.path().join("notes.tmp");
        fs::write(&other, "mine").unwrap();
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        save(
            &path,
            &Record::new(&policy, "fr-FR", now, Action::RejectAll, &[false; 4]),
        )
        .unwrap();
        assert!(!stale.exists());
        assert!(other.exists(), "only our own temporary files are removed");
    }

    #[test]
    fn concurrent_decisions_never_interleave() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("consent.json");
        let log = Log::beside(&path);
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        let decisions: Vec<Vec<Record>> = (0..4)
            .map(|t| {
                (0..15)
                    .map(|i| {
                        let accept = (t + i) % 2 == 0;
                        let action = if accept {
                            Action::AcceptAll
                        } else {
                            Action::RejectAll
                        };
                        Record::new(&policy, "fr-FR", now, action, &[accept; 4])
                    })
                    .collect()
            })
            .collect();
        std::thread::scope(|s| {
            for records in &decisions {
                let (path, log) = (&path, &log);
                s.spawn(move || {
                    for record in records {
                        decide(path, record, Some(log)).unwrap();
                    }
                });
            }
        });
        assert!(matches!(status(&path, &policy, now), Status::Valid(_)));
        assert_eq!(
            log.verify(),
            crate::consent::log::Verdict::Intact {
                entries: 60,
                files: 1
            }
        );
    }

    #[test]
    fn missing_and_removed_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("consent.json");
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        assert_eq!(status(&path, &policy, now), Status::Missing);
        remove(&path).unwrap();
        fs::write(&path, "not json").unwrap();
        assert!(matches!(status(&path, &policy, now), Status::Corrupt(_)));
        remove(&path).unwrap();
        assert!(!path.exists());
    }

    #[test]
    fn a_directory_in_the_way_is_reported_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        let record = Record::new(&policy, "fr-FR", now, Action::RejectAll, &[false; 4]);
        let err = save(dir.path(), &record).unwrap_err();
        assert_eq!(
            err.cause,
            IoCause::of(&io::Error::from(io::ErrorKind::IsADirectory))
        );
        assert!(dir.path().is_dir());
    }
}
