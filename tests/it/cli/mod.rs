//! The command line as a launcher or an operator uses it: every non-interactive command run as a
//! process, with its exit code and its output checked against SPEC §2, §3, §4 and §6.
//!
//! Consent files are written with the library (`store::save`), or by hand for the invalid
//! cases. Every test works in its own temporary folder and runs the binary with a clean
//! environment (no language variables, no policy or consent variables) unless it sets them.
//! A module per command; this one holds what they share.

use crate::common;

mod check;
mod export;
mod get;
mod log;
mod operator;
mod options;
mod path;
mod policy;
mod reset;
mod show;

use std::fs;
use std::path::{Path, PathBuf};

use kiosk_consent::consent::{Decision, Record, store};
use kiosk_consent::policy::Policy;
use serde_json::Value;
use tempfile::TempDir;
use time::{Duration, OffsetDateTime};

use common::{Kc, Out, policy_copy, schema};

/// Never a panic message or a Rust debug dump (SPEC §2).
fn assert_no_panic(out: &Out) {
    for marker in [
        "panicked",
        "RUST_BACKTRACE",
        "thread 'main'",
        "Error {",
        "Os {",
    ] {
        assert!(
            !out.stderr.contains(marker),
            "{marker:?} on stderr: {out:?}"
        );
        assert!(
            !out.stdout.contains(marker),
            "{marker:?} on stdout: {out:?}"
        );
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

fn policy() -> Policy {
    Policy::embedded().expect("the embedded policy loads")
}

/// A minute ago, to the second: a decision the binary, started after, sees in the past.
fn a_minute_ago() -> OffsetDateTime {
    kiosk_consent::clock::now() - Duration::minutes(1)
}

struct Fixture {
    dir: TempDir,
    consent: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let consent = dir.path().join("state").join("consent.json");
        Fixture { dir, consent }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn consent_str(&self) -> String {
        self.consent.display().to_string()
    }

    fn run(&self, args: &[&str]) -> Out {
        Kc::at(&self.consent).run(args)
    }

    /// Saves a decision through the library, as the dialog does.
    fn save(&self, action: Decision, granted: &[bool], decided: OffsetDateTime) -> Record {
        let record = Record::new(&policy(), "fr-FR", decided, action, granted);
        store::save(&self.consent, &record).expect("store::save writes the consent file");
        record
    }

    /// The usual valid decision: statistics granted, first- and third-party refused.
    fn save_custom(&self) -> Record {
        self.save(
            Decision::Custom,
            &[true, true, false, false],
            a_minute_ago(),
        )
    }

    /// A valid custom decision as JSON, changed by `edit`, written by hand.
    fn save_edited(&self, edit: impl FnOnce(&mut Value)) {
        let record = Record::new(
            &policy(),
            "fr-FR",
            a_minute_ago(),
            Decision::Custom,
            &[true, true, false, false],
        );
        let mut value: Value = serde_json::from_str(&record.to_json()).unwrap();
        edit(&mut value);
        self.write_raw(serde_json::to_string_pretty(&value).unwrap().as_bytes());
    }

    fn write_raw(&self, bytes: &[u8]) {
        fs::create_dir_all(self.consent.parent().unwrap()).unwrap();
        fs::write(&self.consent, bytes).unwrap();
    }
}

/// `2026-12-01 09:30 UTC`, the way `show` prints a date.
fn stamp(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap()
}

/// Rewrites `dir/rel` with `edit`.
fn edit_file(dir: &Path, rel: &str, edit: impl FnOnce(String) -> String) {
    let path = dir.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    let new = edit(text.clone());
    assert_ne!(text, new, "the edit of {rel} changed nothing");
    fs::write(&path, new).unwrap();
}

/// Replaces the first occurrence of `from` (which must be there).
fn replace_once(text: String, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the file");
    text.replacen(from, to, 1)
}

/// 1-based number of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not found"))
        + 1
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

const ENV_REFUSED: &str = "KIOSK_CONSENT_VALID=0\n\
                           KIOSK_CONSENT_NECESSARY=1\n\
                           KIOSK_CONSENT_STATISTICS=0\n\
                           KIOSK_CONSENT_FIRST_PARTY=0\n\
                           KIOSK_CONSENT_THIRD_PARTY=0\n";

/// A valid custom decision whose dates are written with a +01:00 offset (RFC 3339 allows it;
/// another tool, or an operator, may write them so).
fn save_with_offset_dates(f: &Fixture) -> (OffsetDateTime, OffsetDateTime) {
    let decided = kiosk_consent::clock::now() - Duration::hours(3);
    let expires = decided + Duration::days(180);
    let plus_one = time::UtcOffset::from_hms(1, 0, 0).unwrap();
    let rfc = |at: OffsetDateTime| {
        at.to_offset(plus_one)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    f.save_edited(|v| {
        v["decided_at"] = rfc(decided).into();
        v["expires_at"] = rfc(expires).into();
    });
    let text = fs::read_to_string(&f.consent).unwrap();
    assert!(text.contains("+01:00"), "{text}");
    (decided, expires)
}

/// Runs `check` on `dir` and returns the output, asserting exit 1.
fn check_fails(dir: &Path) -> Out {
    let out = Kc::new().run(&["--policy", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.code, 1, "{out:?}");
    // Not `contains("OK")`: a temporary folder's random name may hold those two letters.
    assert!(!out.stdout.lines().any(|l| l.starts_with("OK")), "{out:?}");
    assert_no_panic(&out);
    out
}

const FORBIDDEN: &[char] = &['\u{1b}', '\u{9b}', '\u{7}', '\u{202e}', '\u{2066}'];

fn assert_clean(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "{what}: an ESC byte reached the terminal: {:?}",
        String::from_utf8_lossy(bytes)
    );
    let text = String::from_utf8_lossy(bytes);
    for c in FORBIDDEN {
        assert!(
            !text.contains(*c),
            "{what}: {c:?} reached the terminal: {text:?}"
        );
    }
}
