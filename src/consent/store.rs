//! Where the consent file lives and how it is written: atomically, so a launcher reading it at
//! any moment sees the old decision or the new one, whole.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use super::log::Log;
use super::record::{self, Record, Status};
use crate::files::{
    IoCause, create_dir, folder_of, open_no_follow, remove_stale_temporaries, replace_file,
};
use crate::policy::Policy;

/// `consent.json` in the user's data folder (`~/.local/share/kiosk-consent/` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kiosk-consent")
        .map(|dirs| dirs.data_dir().join("consent.json"))
}

/// The largest consent file read: one for a policy at every limit is a fraction of it.
pub(crate) const MAX_CONSENT_FILE: u64 = 1 << 20;

/// Reads and judges the consent file at `path` (a regular file of at most
/// `MAX_CONSENT_FILE` bytes: a FIFO or a device is unreadable, never waited on).
pub fn status(path: &Path, policy: &Policy, now: OffsetDateTime) -> Status {
    match crate::files::read_bounded(path, MAX_CONSENT_FILE) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => record::assess(&text, policy, now),
            Err(e) => Status::Corrupt(e.to_string()),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Status::Missing,
        Err(e) => Status::Unreadable(IoCause::of(&e)),
    }
}

const LOCK_FILE: &str = ".consent.lock";

/// An exclusive advisory lock on the folder's lock file, released when dropped (and by the
/// system if the process dies).
fn lock(dir: &Path) -> io::Result<fs::File> {
    let file = open_no_follow(
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true),
        &dir.join(LOCK_FILE),
    )?;
    file.lock()?;
    Ok(file)
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

/// Records a visitor's decision: first in the consent file, then in the proof-of-consent `log`
/// (when there is one), under a lock so that two programs deciding at once (an operator's
/// shell and the kiosk) never interleave: the second waits for the first. The log tells only
/// the truth: a decision that could not be saved is never logged, and one that cannot be
/// logged is undone (the previous consent file put back), so it is not saved either. Both live
/// in the consent file's folder, so a failure of either is told as the consent file's.
///
/// Links are never followed for what is written or removed: a link where the consent file
/// should be is replaced by the file, as `rename` does.
pub fn decide(path: &Path, record: &Record, log: Option<&Log>) -> Result<(), SaveError> {
    let written = (|| {
        if path.is_dir() {
            return Err(io::Error::from(io::ErrorKind::IsADirectory));
        }
        let dir = folder_of(path);
        create_dir(&dir)?;
        let _lock = lock(&dir)?;
        remove_stale_temporaries(&dir);
        let Some(log) = log else {
            return replace_file(path, record.to_json().as_bytes(), 0o644);
        };
        let previous = match crate::files::read_bounded(path, MAX_CONSENT_FILE) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            // Unreadable or not a file: nothing to put back but the absence of a decision.
            Err(_) => None,
        };
        replace_file(path, record.to_json().as_bytes(), 0o644)?;
        if let Err(e) = log.append(record) {
            // Best effort: if even this fails, the error below still says the save failed.
            let _ = match &previous {
                Some(bytes) => replace_file(path, bytes, 0o644),
                None => fs::remove_file(path),
            };
            return Err(e);
        }
        Ok(())
    })();
    written.map_err(|e| SaveError {
        path: path.to_owned(),
        cause: IoCause::of(&e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::Decision;
    use crate::files::remove;
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    use time::macros::datetime;

    #[test]
    fn save_then_status_round_trips_with_mode_0644() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/consent.json");
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        let record = Record::new(&policy, "fr-FR", now, Decision::AcceptAll, &[true; 4]);
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
            &Record::new(&policy, "fr-FR", now, Decision::RejectAll, &[false; 4]),
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
                            Decision::AcceptAll
                        } else {
                            Decision::RejectAll
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
            log.verify_with(None),
            crate::consent::log::Verdict::Intact {
                entries: 60,
                files: 1,
                anchored: None,
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
        let record = Record::new(&policy, "fr-FR", now, Decision::RejectAll, &[false; 4]);
        let err = save(dir.path(), &record).unwrap_err();
        assert_eq!(
            err.cause,
            IoCause::of(&io::Error::from(io::ErrorKind::IsADirectory))
        );
        assert!(dir.path().is_dir());
    }

    #[test]
    fn a_decision_that_cannot_be_logged_is_not_saved_and_the_log_tells_no_lie() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("consent.json");
        let log = Log::beside(&path);
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        let first = Record::new(
            &policy,
            "fr-FR",
            now,
            Decision::RejectAll,
            &[true, false, false, false],
        );
        decide(&path, &first, Some(&log)).unwrap();
        let before = fs::read(&path).unwrap();
        // The log cannot be appended to (a folder in its place): the new decision is undone.
        let lines = fs::read_to_string(log.path()).unwrap();
        fs::remove_file(log.path()).unwrap();
        fs::create_dir(log.path()).unwrap();
        let second = Record::new(&policy, "fr-FR", now, Decision::AcceptAll, &[true; 4]);
        assert!(decide(&path, &second, Some(&log)).is_err());
        assert_eq!(
            fs::read(&path).unwrap(),
            before,
            "the earlier decision is back"
        );
        // With no earlier decision, nothing is left behind.
        let fresh = dir.path().join("other/consent.json");
        let other_log = Log::beside(&fresh);
        fs::create_dir_all(other_log.path()).unwrap();
        assert!(decide(&fresh, &second, Some(&other_log)).is_err());
        assert!(!fresh.exists());
        // A decision that cannot be saved is never logged.
        fs::remove_dir(log.path()).unwrap();
        fs::write(log.path(), &lines).unwrap();
        let blocked = dir.path().join("consent.json.d");
        fs::create_dir(&blocked).unwrap();
        assert!(decide(&blocked, &second, Some(&log)).is_err());
        assert_eq!(fs::read_to_string(log.path()).unwrap(), lines);
    }

    #[test]
    fn links_are_never_followed_for_what_is_written_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious");
        fs::write(&target, "keep me").unwrap();
        let path = dir.path().join("consent.json");
        std::os::unix::fs::symlink(&target, &path).unwrap();
        remove(&path).unwrap();
        assert!(
            fs::symlink_metadata(&path).is_err(),
            "the link itself is gone"
        );
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        // A link in the log's or the lock's place refuses the decision, and touches nothing.
        let policy = Policy::embedded().unwrap();
        let now = datetime!(2026-12-01 09:30:00 UTC);
        let record = Record::new(&policy, "fr-FR", now, Decision::AcceptAll, &[true; 4]);
        let log = Log::beside(&path);
        std::os::unix::fs::symlink(&target, log.path()).unwrap();
        assert!(decide(&path, &record, Some(&log)).is_err());
        assert!(!path.exists());
        fs::remove_file(log.path()).unwrap();
        fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
        std::os::unix::fs::symlink(&target, dir.path().join(LOCK_FILE)).unwrap();
        assert!(decide(&path, &record, Some(&log)).is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        // A link where the consent file goes is replaced by the file.
        fs::remove_file(dir.path().join(LOCK_FILE)).unwrap();
        std::os::unix::fs::symlink(&target, &path).unwrap();
        decide(&path, &record, Some(&log)).unwrap();
        assert!(fs::symlink_metadata(&path).unwrap().is_file());
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
    }

    #[test]
    fn folders_are_made_0755_whatever_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b");
        // Made here with 0700, as a umask of 077 would: create_dir must not leave it so.
        fs::DirBuilder::new()
            .mode(0o700)
            .create(dir.path().join("a"))
            .unwrap();
        fs::set_permissions(dir.path().join("a"), fs::Permissions::from_mode(0o700)).unwrap();
        create_dir(&deep).unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&deep), 0o755);
        // An existing folder is the operator's: left as it is.
        assert_eq!(mode(&dir.path().join("a")), 0o700);
    }
}
