//! The proof-of-consent log: every decision (refusals too) appended as one JSON line to
//! `consent-log.jsonl` beside the consent file, each line carrying a random `decision_id` and
//! `prev`, the SHA-256 of the line before it, so editing, deleting or reordering lines shows.
//! A small `consent-log.head` file holds the hash of the last line, so the last line is
//! covered too. The log rotates at `MAX_BYTES` (the chain goes on in the next file) and keeps
//! `KEPT` old files, so it cannot fill a disk. It holds no personal data: only what the
//! consent file holds.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use fluent_bundle::FluentValue;
use password_hash::rand_core::{OsRng, RngCore};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::record::Record;
use crate::files::IoCause;
use crate::i18n::{Args, Localizer, Message, text};

/// A log file is rotated once it is this large.
pub(crate) const MAX_BYTES: u64 = 1024 * 1024;
/// Rotated files kept (`consent-log.1.jsonl` … `consent-log.4.jsonl`).
pub(crate) const KEPT: usize = 4;
/// How a head sent to the system journal starts: `log-head <hash> <decided_at> <log path>`.
const ANCHOR: &str = "log-head";
/// The head file holds one hash.
const HEAD_LIMIT: u64 = 256;
/// `prev` of the very first line.
const GENESIS: &str = "sha256:0000000000000000000000000000000000000000000000000000000000000000";

/// The log beside a consent file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Log {
    dir: PathBuf,
    max_bytes: u64,
}

impl Log {
    pub fn beside(consent_file: &Path) -> Log {
        Log {
            dir: crate::files::folder_of(consent_file),
            max_bytes: MAX_BYTES,
        }
    }

    /// The same log, rotated at `max_bytes` instead of `MAX_BYTES` (for tests).
    #[cfg(test)]
    pub(crate) fn with_limit(self, max_bytes: u64) -> Log {
        Log { max_bytes, ..self }
    }

    /// The live file.
    pub fn path(&self) -> PathBuf {
        self.dir.join("consent-log.jsonl")
    }

    fn rotated(&self, n: usize) -> PathBuf {
        self.dir.join(format!("consent-log.{n}.jsonl"))
    }

    fn head_path(&self) -> PathBuf {
        self.dir.join("consent-log.head")
    }

    /// Every log file that exists, oldest first.
    pub fn files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = (1..=KEPT).rev().map(|n| self.rotated(n)).collect();
        files.push(self.path());
        files.into_iter().filter(|p| p.exists()).collect()
    }

    /// Appends `record` as a new line of the chain and returns its `decision_id`.
    pub(crate) fn append(&self, record: &Record) -> io::Result<String> {
        crate::files::create_dir(&self.dir)?;
        // Appending and moving the head are one step: callers hold the folder's lock
        // (`store::decide`), so lines from two writers never interleave.
        let prev = self.last_hash()?;
        if fs::metadata(self.path()).map(|m| m.len()).unwrap_or(0) >= self.max_bytes {
            self.rotate()?;
        }
        let mut bytes = [0u8; 16];
        OsRng.fill_bytes(&mut bytes);
        let decision_id = format!("{:032x}", u128::from_be_bytes(bytes));
        let mut entry = match serde_json::to_value(record) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        };
        entry.insert("decision_id".into(), Value::String(decision_id.clone()));
        entry.insert("prev".into(), Value::String(prev));
        let line = Value::Object(entry).to_string();
        let mut file = crate::files::open_no_follow(
            OpenOptions::new().create(true).append(true),
            &self.path(),
        )?;
        file.write_all(format!("{line}\n").as_bytes())?;
        file.sync_all()?;
        let hash = line_hash(&line);
        write_head(&self.head_path(), &hash)?;
        // The head, outside the folder the kiosk account can write: a journal entry it
        // cannot take back, which `verify` compares with the chain.
        let decided = record
            .decided_at
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        crate::syslog::info(&format!(
            "{ANCHOR} {hash} {decided} {}",
            self.path().display()
        ));
        Ok(decision_id)
    }

    fn rotate(&self) -> io::Result<()> {
        let _ = fs::remove_file(self.rotated(KEPT));
        for n in (1..KEPT).rev() {
            if self.rotated(n).exists() {
                fs::rename(self.rotated(n), self.rotated(n + 1))?;
            }
        }
        fs::rename(self.path(), self.rotated(1))
    }

    /// The hash the next line must carry as `prev`. The head file says it; a writer killed
    /// between appending a line and moving the head leaves the head one line behind, which is
    /// recognised and repaired here. A line cut short by a crash (no final newline) is removed:
    /// it never became part of the chain.
    fn last_hash(&self) -> io::Result<String> {
        self.drop_torn_line()?;
        let (last, before) = self.last_two_lines()?;
        let last = last.map(|l| line_hash(&l));
        let before = before.map(|l| line_hash(&l));
        match crate::files::read_small(&self.head_path(), HEAD_LIMIT) {
            Ok(head) => {
                let head = head.trim().to_owned();
                // Head one line behind: the crash window, not an edit. Repaired at once, so
                // a second crash in the same window does not leave it two lines behind.
                match (&last, &before) {
                    (Some(last), Some(before)) if *before == head => {
                        write_head(&self.head_path(), last)?;
                        Ok(last.clone())
                    }
                    (Some(last), None) if head == GENESIS => {
                        write_head(&self.head_path(), last)?;
                        Ok(last.clone())
                    }
                    _ => Ok(head),
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Ok(last.unwrap_or_else(|| GENESIS.to_owned()))
            }
            Err(e) => Err(e),
        }
    }

    fn drop_torn_line(&self) -> io::Result<()> {
        let text = match crate::files::read_bounded(&self.path(), self.max_bytes.max(MAX_BYTES) * 4)
        {
            Ok(t) => t,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e),
        };
        if text.is_empty() || text.ends_with(b"\n") {
            return Ok(());
        }
        let keep = text.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        let file = crate::files::open_no_follow(OpenOptions::new().write(true), &self.path())?;
        file.set_len(keep as u64)?;
        file.sync_all()
    }

    /// The last complete line of the chain and the one before it, across rotated files.
    fn last_two_lines(&self) -> io::Result<(Option<String>, Option<String>)> {
        let mut found: Vec<String> = Vec::new();
        for file in self.files().iter().rev() {
            let text = self.read(file)?;
            for line in complete_lines(&text).rev() {
                found.push(line.to_owned());
                if found.len() == 2 {
                    return Ok((found.first().cloned(), found.get(1).cloned()));
                }
            }
        }
        Ok((found.first().cloned(), found.get(1).cloned()))
    }

    /// Checks the whole chain, oldest line first, then against the heads the system journal
    /// recorded (`crate::syslog::journal`, when there is one).
    pub fn verify(&self) -> Verdict {
        self.verify_with(crate::syslog::journal())
    }

    /// `verify` against `journal`, our own messages in the system journal (None: no journal).
    pub(crate) fn verify_with(&self, journal: Option<Vec<String>>) -> Verdict {
        let mut expected: Option<String> = None;
        // Every line's hash, and the decision time of the oldest line kept.
        let mut hashes: std::collections::HashSet<String> = std::collections::HashSet::new();
        let mut oldest: Option<String> = None;
        // The hash of the line before the last, for a head left one line behind.
        let mut before: Option<String> = None;
        let mut count = 0;
        let files = self.files();
        for file in &files {
            let text = match self.read(file) {
                Ok(t) => t,
                Err(e) => return Verdict::Unreadable(file.clone(), IoCause::of(&e)),
            };
            for (i, line) in complete_lines(&text).enumerate() {
                let at = |reason| Verdict::Broken {
                    file: file.clone(),
                    line: i + 1,
                    reason,
                };
                let Ok(Value::Object(entry)) = serde_json::from_str::<Value>(line) else {
                    return at(Break::NotJson);
                };
                let Some(prev) = entry.get("prev").and_then(Value::as_str) else {
                    return at(Break::NoPrev);
                };
                // The very first line starts from nothing; once files were rotated away, the
                // oldest line kept anchors the chain instead.
                let anchor = (files.len() == 1 && !self.rotated(KEPT).exists()).then_some(GENESIS);
                let wanted = expected.as_deref().or(if i == 0 && file == &files[0] {
                    anchor
                } else {
                    None
                });
                if wanted.is_some_and(|w| prev != w) {
                    return at(Break::Chain);
                }
                if oldest.is_none() {
                    oldest = entry
                        .get("decided_at")
                        .and_then(Value::as_str)
                        .map(str::to_owned);
                }
                hashes.insert(line_hash(line));
                before = expected.replace(line_hash(line));
                count += 1;
            }
        }
        let anchors = journal.map(|lines| self.anchors(&lines));
        // Every head the journal saw since the oldest line kept must still be in the chain:
        // lines removed from the end (with the head file), or the whole log, show here.
        let lost = anchors.iter().flatten().any(|(hash, decided)| {
            oldest.as_deref().is_none_or(|o| decided.as_str() >= o) && !hashes.contains(hash)
        });
        if lost {
            return Verdict::Broken {
                file: self.path(),
                line: count,
                reason: Break::Anchor,
            };
        }
        let anchored = anchors.map(|a| a.len());
        match (
            crate::files::read_small(&self.head_path(), HEAD_LIMIT),
            expected,
        ) {
            // One line behind is a writer killed before it moved the head, not an edit.
            (Ok(head), Some(last))
                if head.trim() != last && Some(head.trim()) != before.as_deref() =>
            {
                Verdict::Broken {
                    file: self.path(),
                    line: count,
                    reason: Break::Head,
                }
            }
            (Err(e), Some(_)) if e.kind() != std::io::ErrorKind::NotFound => {
                Verdict::Unreadable(self.head_path(), IoCause::of(&e))
            }
            // A writer killed between the very first line and its head: the crash window again.
            (Err(_), Some(_)) if count == 1 && files.len() == 1 => Verdict::Intact {
                entries: count,
                files: files.len(),
                anchored,
            },
            (Err(_), Some(_)) => Verdict::Broken {
                file: self.head_path(),
                line: 0,
                reason: Break::NoHead,
            },
            (Ok(_), None) => Verdict::Broken {
                file: self.path(),
                line: 0,
                reason: Break::Head,
            },
            _ => Verdict::Intact {
                entries: count,
                files: files.len(),
                anchored,
            },
        }
    }

    /// The heads of this log among the journal's `lines`: (hash, decided_at).
    fn anchors(&self, lines: &[String]) -> Vec<(String, String)> {
        let path = self.path().display().to_string();
        lines
            .iter()
            .filter_map(|line| {
                let rest = line.strip_prefix(ANCHOR)?.strip_prefix(' ')?;
                let (hash, rest) = rest.split_once(' ')?;
                let (decided, log) = rest.split_once(' ')?;
                (log == path).then(|| (hash.to_owned(), decided.to_owned()))
            })
            .collect()
    }

    /// A log file's text, refusing anything but a regular file of a sane size.
    fn read(&self, file: &Path) -> io::Result<String> {
        crate::files::read_small(file, self.max_bytes.max(MAX_BYTES) * 4)
    }
}

/// What `log verify` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Intact {
        entries: usize,
        files: usize,
        /// How many heads of the system journal the chain was checked against; None when
        /// there is no journal to ask.
        anchored: Option<usize>,
    },
    Broken {
        file: PathBuf,
        line: usize,
        reason: Break,
    },
    Unreadable(PathBuf, IoCause),
}

/// How a chain is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// The line is not a JSON object.
    NotJson,
    /// The line has no `prev`.
    NoPrev,
    /// `prev` is not the hash of the line before: a line before was edited, deleted or moved.
    Chain,
    /// The last line is not the one the head file recorded: it was edited or removed.
    Head,
    /// A head the system journal recorded is no longer in the chain: lines were removed.
    Anchor,
    /// The head file is missing while the log has lines: removed, maybe with the last lines.
    NoHead,
}

/// What `log verify` prints.
impl Message for Verdict {
    fn id(&self) -> &'static str {
        match self {
            Verdict::Intact { .. } => "log-intact",
            Verdict::Broken { .. } => "log-broken",
            Verdict::Unreadable(..) => "log-unreadable",
        }
    }

    fn args(&self, l: &Localizer) -> Args {
        match self {
            Verdict::Intact {
                entries,
                files,
                anchored,
            } => {
                let journal = match anchored {
                    Some(heads) => {
                        l.t_args("log-anchored", &[("heads", FluentValue::from(*heads))])
                    }
                    None => l.t("log-no-journal"),
                };
                vec![
                    ("entries", FluentValue::from(*entries)),
                    ("files", FluentValue::from(*files)),
                    ("journal", text(journal)),
                ]
            }
            Verdict::Broken { file, line, reason } => {
                // A problem with a whole file (line 0) is told by the file's name alone.
                let place = match line {
                    0 => file.display().to_string(),
                    line => format!("{}:{line}", file.display()),
                };
                vec![("place", text(place)), ("reason", text(l.say(reason)))]
            }
            Verdict::Unreadable(file, cause) => vec![
                ("path", text(file.display().to_string())),
                ("cause", text(l.say(cause))),
            ],
        }
    }
}

impl Message for Break {
    fn id(&self) -> &'static str {
        match self {
            Break::NotJson => "log-not-json",
            Break::NoPrev => "log-no-prev",
            Break::Chain => "log-chain",
            Break::Head => "log-head",
            Break::Anchor => "log-anchor",
            Break::NoHead => "log-no-head",
        }
    }
}

/// The lines of a log file, without a last line cut short by a crash (no final newline).
fn complete_lines(text: &str) -> impl DoubleEndedIterator<Item = &str> {
    let end = if text.ends_with('\n') {
        text.len()
    } else {
        text.rfind('\n').map_or(0, |i| i + 1)
    };
    text[..end].lines()
}

fn line_hash(line: &str) -> String {
    format!("sha256:{:x}", Sha256::digest(line.as_bytes()))
}

fn write_head(path: &Path, hash: &str) -> io::Result<()> {
    // Readable by all, like the log: anyone who may read the log may verify it.
    crate::files::replace_file(path, format!("{hash}\n").as_bytes(), 0o644)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::Decision;
    use crate::policy::Policy;
    use time::macros::datetime;

    fn record(action: Decision) -> Record {
        let policy = Policy::embedded().unwrap();
        let granted = [true, action == Decision::AcceptAll, false, false];
        Record::new(
            &policy,
            "fr-FR",
            datetime!(2026-12-01 09:30:00 UTC),
            action,
            &granted,
        )
    }

    fn log_with(n: usize) -> (tempfile::TempDir, Log) {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::beside(&dir.path().join("consent.json"));
        for i in 0..n {
            let action = if i % 2 == 0 {
                Decision::RejectAll
            } else {
                Decision::AcceptAll
            };
            log.append(&record(action)).unwrap();
        }
        (dir, log)
    }

    /// Where and why the chain is broken, if it is.
    fn broken_at(log: &Log) -> Option<(usize, Break)> {
        match log.verify_with(None) {
            Verdict::Broken { line, reason, .. } => Some((line, reason)),
            _ => None,
        }
    }

    fn edit_live(log: &Log, f: impl Fn(&mut Vec<String>)) {
        let text = fs::read_to_string(log.path()).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        f(&mut lines);
        fs::write(log.path(), lines.join("\n") + "\n").unwrap();
    }

    #[test]
    fn appended_lines_chain_and_verify() {
        let (_dir, log) = log_with(3);
        assert_eq!(
            log.verify_with(None),
            Verdict::Intact {
                entries: 3,
                files: 1,
                anchored: None,
            }
        );
        let text = fs::read_to_string(log.path()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let first: Value = serde_json::from_str(lines[0]).unwrap();
        let second: Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(first["prev"], GENESIS);
        assert_eq!(second["prev"], line_hash(lines[0]));
        assert_eq!(first["action"], "reject_all");
        assert_eq!(first["decision_id"].as_str().unwrap().len(), 32);
        assert_ne!(first["decision_id"], second["decision_id"]);
    }

    #[test]
    fn an_empty_log_is_intact() {
        let (_dir, log) = log_with(0);
        assert_eq!(
            log.verify_with(None),
            Verdict::Intact {
                entries: 0,
                files: 0,
                anchored: None,
            }
        );
    }

    #[test]
    fn editing_a_line_shows_on_the_next() {
        let (_dir, log) = log_with(3);
        edit_live(&log, |lines| {
            lines[0] = lines[0].replace("reject_all", "accept_all")
        });
        assert_eq!(broken_at(&log), Some((2, Break::Chain)));
    }

    #[test]
    fn deleting_or_reordering_lines_shows() {
        let (_dir, log) = log_with(4);
        edit_live(&log, |lines| {
            lines.remove(1);
        });
        assert_eq!(broken_at(&log), Some((2, Break::Chain)));
        let (_dir, log) = log_with(4);
        edit_live(&log, |lines| lines.swap(1, 2));
        assert_eq!(broken_at(&log), Some((2, Break::Chain)));
    }

    #[test]
    fn editing_or_dropping_the_last_line_shows() {
        let (_dir, log) = log_with(3);
        edit_live(&log, |lines| {
            lines[2] = lines[2].replace("reject_all", "accept_all")
        });
        assert_eq!(broken_at(&log), Some((3, Break::Head)));
        let (_dir, log) = log_with(3);
        edit_live(&log, |lines| {
            lines.pop();
        });
        assert_eq!(broken_at(&log).map(|(_, why)| why), Some(Break::Head));
    }

    #[test]
    fn a_writer_killed_mid_append_leaves_a_sound_chain() {
        let (_dir, log) = log_with(2);
        let head = fs::read_to_string(log.head_path()).unwrap();
        // Killed after the line, before the head moved.
        log.append(&record(Decision::Custom)).unwrap();
        fs::write(log.head_path(), &head).unwrap();
        assert_eq!(
            log.verify_with(None),
            Verdict::Intact {
                entries: 3,
                files: 1,
                anchored: None,
            }
        );
        log.append(&record(Decision::RejectAll)).unwrap();
        assert_eq!(
            log.verify_with(None),
            Verdict::Intact {
                entries: 4,
                files: 1,
                anchored: None,
            }
        );
        // Killed in the middle of a line: the piece is ignored, then removed.
        let mut file = OpenOptions::new().append(true).open(log.path()).unwrap();
        file.write_all(b"{\"format\":\"kiosk-consent/v1\",\"poli")
            .unwrap();
        assert_eq!(
            log.verify_with(None),
            Verdict::Intact {
                entries: 4,
                files: 1,
                anchored: None,
            }
        );
        log.append(&record(Decision::AcceptAll)).unwrap();
        assert_eq!(
            log.verify_with(None),
            Verdict::Intact {
                entries: 5,
                files: 1,
                anchored: None,
            }
        );
        assert!(!fs::read_to_string(log.path()).unwrap().contains("\"poli{"));
    }

    #[test]
    fn dropping_the_first_lines_shows() {
        let (_dir, log) = log_with(3);
        edit_live(&log, |lines| {
            lines.remove(0);
        });
        assert_eq!(broken_at(&log), Some((1, Break::Chain)));
    }

    #[test]
    fn garbage_lines_are_located() {
        let (_dir, log) = log_with(2);
        edit_live(&log, |lines| lines.insert(1, "not json".into()));
        assert_eq!(broken_at(&log), Some((2, Break::NotJson)));
    }

    #[test]
    fn rotation_bounds_the_size_and_keeps_the_chain() {
        let dir = tempfile::tempdir().unwrap();
        let log = Log::beside(&dir.path().join("consent.json")).with_limit(2000);
        let mut appended = 0;
        while fs::metadata(log.path()).map_or(0, |m| m.len()) < 2000 {
            log.append(&record(Decision::Custom)).unwrap();
            appended += 1;
        }
        log.append(&record(Decision::RejectAll)).unwrap();
        appended += 1;
        assert_eq!(log.files().len(), 2);
        assert_eq!(fs::read_to_string(log.path()).unwrap().lines().count(), 1);
        assert_eq!(
            log.verify_with(None),
            Verdict::Intact {
                entries: appended,
                files: 2,
                anchored: None,
            }
        );
        // The new file's first line points at the rotated file's last line.
        let old = fs::read_to_string(&log.files()[0]).unwrap();
        let new = fs::read_to_string(log.path()).unwrap();
        let first: Value = serde_json::from_str(new.lines().next().unwrap()).unwrap();
        assert_eq!(first["prev"], line_hash(old.lines().last().unwrap()));
        // Past KEPT rotations the oldest files go, and what is left still verifies.
        for _ in 0..(KEPT + 2) * 5 {
            log.append(&record(Decision::AcceptAll)).unwrap();
        }
        assert_eq!(log.files().len(), KEPT + 1);
        assert!(
            matches!(log.verify_with(None), Verdict::Intact { files, .. } if files == KEPT + 1)
        );
    }

    /// The journal as `journalctl -o cat` would give it for `log`'s heads so far.
    fn journal_of(log: &Log) -> Vec<String> {
        let text = fs::read_to_string(log.path()).unwrap();
        text.lines()
            .map(|line| {
                let entry: Value = serde_json::from_str(line).unwrap();
                format!(
                    "{ANCHOR} {} {} {}",
                    line_hash(line),
                    entry["decided_at"].as_str().unwrap(),
                    log.path().display()
                )
            })
            .collect()
    }

    #[test]
    fn a_crash_before_the_very_first_head_is_the_crash_window_too() {
        let (_dir, log) = log_with(1);
        fs::remove_file(log.head_path()).unwrap();
        assert!(matches!(
            log.verify_with(None),
            Verdict::Intact { entries: 1, .. }
        ));
        // With two lines, a missing head is a removal.
        let (_dir, log) = log_with(2);
        fs::remove_file(log.head_path()).unwrap();
        assert_eq!(broken_at(&log).map(|(_, r)| r), Some(Break::NoHead));
    }

    #[test]
    fn the_journal_shows_lines_removed_with_the_head_or_the_whole_log() {
        let (_dir, log) = log_with(3);
        let journal = journal_of(&log);
        assert_eq!(
            log.verify_with(Some(journal.clone())),
            Verdict::Intact {
                entries: 3,
                files: 1,
                anchored: Some(3),
            }
        );
        // The last line and the head go: the chain alone still looks whole.
        edit_live(&log, |lines| {
            lines.pop();
        });
        let head = line_hash(
            fs::read_to_string(log.path())
                .unwrap()
                .lines()
                .last()
                .unwrap(),
        );
        write_head(&log.head_path(), &head).unwrap();
        assert!(matches!(log.verify_with(None), Verdict::Intact { .. }));
        let broken = log.verify_with(Some(journal.clone()));
        assert!(
            matches!(
                broken,
                Verdict::Broken {
                    reason: Break::Anchor,
                    ..
                }
            ),
            "{broken:?}"
        );
        // Messages added to the journal cannot hide it: every head must still be there.
        let mut padded = journal.clone();
        padded.push(format!(
            "{ANCHOR} {head} 2026-12-01T09:30:00Z {}",
            log.path().display()
        ));
        assert!(matches!(
            log.verify_with(Some(padded)),
            Verdict::Broken {
                reason: Break::Anchor,
                ..
            }
        ));
        // The whole log gone.
        for file in log.files() {
            fs::remove_file(file).unwrap();
        }
        fs::remove_file(log.head_path()).unwrap();
        assert!(matches!(
            log.verify_with(Some(journal)),
            Verdict::Broken {
                reason: Break::Anchor,
                ..
            }
        ));
        // Another log's heads say nothing about this one.
        let (_other_dir, other) = log_with(1);
        assert!(matches!(
            other.verify_with(Some(journal_of(&log_with(2).1))),
            Verdict::Intact {
                anchored: Some(0),
                ..
            }
        ));
    }
}
