//! The operator's side of kiosk mode: the PIN asked after the exit chord, stored only as a
//! salted Argon2 hash (PHC string) in the user's config folder, and the delay that makes
//! guessing it slow.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use argon2::Argon2;
use password_hash::rand_core::OsRng;
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::exit::Exit;
use crate::files::IoCause;
use crate::i18n::Localizer;

/// Shortest PIN accepted.
pub(crate) const MIN_PIN_LEN: usize = 4;
/// Wrong PINs allowed before PINs are refused for a while.
pub(crate) const FREE_ATTEMPTS: u32 = 3;
/// How long every PIN is refused after each wrong PIN past the free attempts.
pub(crate) const LOCKOUT: Duration = Duration::from_secs(30);

/// The kiosk account's own PIN: `~/.config/kiosk-consent/operator-pin` (or
/// `$XDG_CONFIG_HOME/kiosk-consent/…`). Only a fallback: the kiosk account (and so its
/// browser) can read, delete or replace it.
pub(crate) fn pin_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kiosk-consent")
        .map(|dirs| dirs.config_dir().join("operator-pin"))
}

/// The system's PIN, which root installs where the kiosk account can read it but not change
/// it: `/etc/kiosk-consent/operator-pin`, or `operator-pin` in `KIOSK_CONSENT_SYSTEM_DIR`.
/// When it exists it wins over the kiosk account's own.
pub(crate) fn system_pin_path() -> PathBuf {
    let dir = std::env::var_os("KIOSK_CONSENT_SYSTEM_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(|| PathBuf::from("/etc/kiosk-consent"), PathBuf::from);
    dir.join("operator-pin")
}

/// A PIN file holds one PHC string.
const PIN_FILE_LIMIT: u64 = 4096;

pub fn hash_pin(pin: &str) -> Option<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .ok()
        .map(|h| h.to_string())
}

pub fn verify_pin(hash: &str, pin: &str) -> bool {
    PasswordHash::new(hash.trim()).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

/// The stored hash, when the operator set a PIN: the system's first, else the kiosk
/// account's. Only a missing file means "no PIN": a file that is empty, unreadable, not a
/// regular file or damaged still asks for a PIN, and no PIN matches it, so a broken file never
/// opens kiosk mode.
pub(crate) fn stored_hash() -> Option<String> {
    let read = |path: &Path| match crate::files::read_small(path, PIN_FILE_LIMIT) {
        Ok(text) => Some(text.trim().to_owned()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(_) => Some(String::new()),
    };
    read(&system_pin_path()).or_else(|| read(&pin_path()?))
}

/// What checking a typed PIN gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinOutcome {
    Correct,
    Wrong,
    /// Too many wrong PINs: none is even checked for this many more seconds.
    Locked {
        seconds: u64,
    },
}

/// Counts wrong PINs; past `FREE_ATTEMPTS`, each one refuses every PIN for `LOCKOUT`. Kept on
/// disk beside the PIN (`operator-pin.lockout`), so that a lockout outlives the dialog that
/// set it: the launcher starts a new dialog for every visitor. Times are wall-clock seconds
/// since the Unix epoch.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Lockout {
    failures: u32,
    locked_until: u64,
}

impl Lockout {
    /// Seconds left of the lockout at `now`, if any.
    pub fn left(&self, now: u64) -> Option<u64> {
        (now < self.locked_until).then(|| self.locked_until - now)
    }

    /// Checks `pin` against `hash` at `now`, unless locked out, and counts the result.
    pub fn check(&mut self, hash: &str, pin: &str, now: u64) -> PinOutcome {
        if let Some(seconds) = self.left(now) {
            return PinOutcome::Locked { seconds };
        }
        if verify_pin(hash, pin) {
            *self = Lockout::default();
            return PinOutcome::Correct;
        }
        self.failures = self.failures.saturating_add(1);
        if self.failures >= FREE_ATTEMPTS {
            self.locked_until = now.saturating_add(LOCKOUT.as_secs());
            return PinOutcome::Locked {
                seconds: LOCKOUT.as_secs(),
            };
        }
        PinOutcome::Wrong
    }

    /// The more restrictive of two counts (this dialog's and the one on disk).
    pub(crate) fn stricter(self, other: Lockout) -> Lockout {
        Lockout {
            failures: self.failures.max(other.failures),
            locked_until: self.locked_until.max(other.locked_until),
        }
    }

    fn parse(text: &str) -> Option<Lockout> {
        let (failures, until) = text.trim().split_once(' ')?;
        Some(Lockout {
            failures: failures.parse().ok()?,
            locked_until: until.parse().ok()?,
        })
    }

    /// The lockout recorded at `path`. A missing file is no lockout; a file that cannot be
    /// read or understood counts as a lockout that has just begun, so damaging it (or making
    /// it unreadable) never buys more guesses.
    pub fn load(path: &Path, now: u64) -> Lockout {
        let damaged = Lockout {
            failures: FREE_ATTEMPTS,
            locked_until: now.saturating_add(LOCKOUT.as_secs()),
        };
        match crate::files::read_small(path, 64) {
            Ok(text) => Lockout::parse(&text).unwrap_or(damaged),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Lockout::default(),
            Err(_) => damaged,
        }
    }

    /// Records the lockout at `path`; no lockout removes the file.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        if *self == Lockout::default() {
            return match std::fs::remove_file(path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        }
        let text = format!("{} {}\n", self.failures, self.locked_until);
        // With the system's PIN the kiosk account may have no config folder yet.
        if let Some(dir) = path.parent() {
            crate::files::create_dir(dir)?;
        }
        crate::files::replace_file(path, text.as_bytes(), 0o600)
    }
}

/// `operator-pin.lockout`, beside the PIN.
pub(crate) fn lockout_path() -> Option<PathBuf> {
    pin_path().map(|p| p.with_file_name("operator-pin.lockout"))
}

/// Seconds since the Unix epoch, from the wall clock.
pub(crate) fn unix_now() -> u64 {
    crate::clock::now().unix_timestamp().max(0) as u64
}

fn read_pin(l10n: &Localizer, out: &mut dyn Write) -> io::Result<Option<String>> {
    let stdin = io::stdin();
    if stdin.is_terminal() {
        let first = rpassword::prompt_password(l10n.t("pin-prompt-new"))?;
        let second = rpassword::prompt_password(l10n.t("pin-prompt-again"))?;
        if first != second {
            let _ = writeln!(out, "{}", l10n.t("pin-mismatch"));
            return Ok(None);
        }
        Ok(Some(first))
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
    }
}

/// `operator set-pin` (`--system`: the system's PIN, which needs root).
pub fn set_pin_command(
    l10n: &Localizer,
    system: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let path = if system {
        Some(system_pin_path())
    } else {
        pin_path()
    };
    let Some(path) = path else {
        let _ = writeln!(err, "kiosk-consent: {}", l10n.t("error-no-data-dir"));
        return Exit::Failure;
    };
    let pin = match read_pin(l10n, err) {
        Ok(Some(pin)) => pin,
        Ok(None) => return Exit::Failure,
        Err(e) => {
            let cause = l10n.say(&IoCause::of(&e));
            let _ = writeln!(err, "kiosk-consent: {cause}");
            return Exit::Failure;
        }
    };
    if pin.chars().count() < MIN_PIN_LEN {
        let message = l10n.t_args("pin-too-short", &[("min", MIN_PIN_LEN.into())]);
        let _ = writeln!(err, "kiosk-consent: {message}");
        return Exit::Failure;
    }
    let Some(hash) = hash_pin(&pin) else {
        let _ = writeln!(err, "kiosk-consent: {}", l10n.t("error-internal"));
        return Exit::Failure;
    };
    // The system's PIN is read by the kiosk account, which must not change it: readable by
    // all, written by root only. The kiosk account's own is for itself alone.
    let mode = if system { 0o644 } else { 0o600 };
    let written = path
        .parent()
        .map_or(Ok(()), crate::files::create_dir)
        .and_then(|()| crate::files::replace_file(&path, format!("{hash}\n").as_bytes(), mode));
    match written {
        Ok(()) => {
            let message = l10n.t_args("pin-set", &[("path", path.display().to_string().into())]);
            let _ = writeln!(out, "{message}");
            Exit::Success
        }
        Err(e) => {
            let message = l10n.t_args(
                "error-write",
                &[
                    ("path", path.display().to_string().into()),
                    ("cause", l10n.say(&IoCause::of(&e)).into()),
                ],
            );
            let _ = writeln!(err, "kiosk-consent: {message}");
            Exit::Failure
        }
    }
}

pub fn clear_pin_command(l10n: &Localizer, system: bool, err: &mut dyn Write) -> Exit {
    let path = if system {
        Some(system_pin_path())
    } else {
        pin_path()
    };
    let Some(path) = path else {
        return Exit::Success;
    };
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            let message = l10n.t_args(
                "error-reset",
                &[
                    ("path", path.display().to_string().into()),
                    ("cause", l10n.say(&IoCause::of(&e)).into()),
                ],
            );
            let _ = writeln!(err, "kiosk-consent: {message}");
            Exit::Failure
        }
        _ => Exit::Success,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_stored_as_a_salted_hash_only() {
        let a = hash_pin("2468").unwrap();
        let b = hash_pin("2468").unwrap();
        assert!(a.starts_with("$argon2"));
        assert!(!a.contains("2468"));
        assert_ne!(a, b, "salted");
        assert!(verify_pin(&a, "2468"));
        assert!(!verify_pin(&a, "2469"));
        assert!(!verify_pin("garbage", "2468"));
    }

    #[test]
    fn a_damaged_hash_matches_no_pin() {
        assert!(!verify_pin("", ""));
        assert!(!verify_pin("", "2468"));
        assert!(!verify_pin("$argon2id$v=19$garbage", "2468"));
    }

    #[test]
    fn repeated_failures_lock_every_pin_out_for_a_while() {
        let hash = hash_pin("2468").unwrap();
        let now = 1_000_000;
        let mut lockout = Lockout::default();
        for _ in 0..FREE_ATTEMPTS - 1 {
            assert_eq!(lockout.check(&hash, "0000", now), PinOutcome::Wrong);
        }
        let locked = PinOutcome::Locked {
            seconds: LOCKOUT.as_secs(),
        };
        assert_eq!(lockout.check(&hash, "0000", now), locked);
        // Even the right PIN is refused, unchecked, until the lockout ends.
        assert_eq!(
            lockout.check(&hash, "2468", now + 10),
            PinOutcome::Locked {
                seconds: LOCKOUT.as_secs() - 10
            }
        );
        let end = now + LOCKOUT.as_secs();
        assert_eq!(lockout.check(&hash, "2468", end), PinOutcome::Correct);
        assert_eq!(lockout, Lockout::default());
    }

    #[test]
    fn a_lockout_outlives_the_dialog_that_set_it() {
        let dir = tempfile::tempdir().unwrap();
        // In a config folder that does not exist yet (a kiosk with only the system's PIN).
        let path = dir.path().join("kiosk-consent/operator-pin.lockout");
        let hash = hash_pin("2468").unwrap();
        let now = 5_000;
        assert_eq!(Lockout::load(&path, now), Lockout::default());
        let mut lockout = Lockout::default();
        for _ in 0..FREE_ATTEMPTS {
            lockout.check(&hash, "1111", now);
        }
        lockout.save(&path).unwrap();
        let next = Lockout::load(&path, now + 1);
        assert_eq!(next.left(now + 1), Some(LOCKOUT.as_secs() - 1));
        // A damaged file is a fresh lockout, never a free pass.
        std::fs::write(&path, "garbage").unwrap();
        assert_eq!(Lockout::load(&path, now).left(now), Some(LOCKOUT.as_secs()));
        // A correct PIN after the lockout clears the file.
        let mut later = Lockout::load(&path, now);
        let end = now + LOCKOUT.as_secs();
        assert_eq!(later.check(&hash, "2468", end), PinOutcome::Correct);
        later.save(&path).unwrap();
        assert!(!path.exists());
    }
}
