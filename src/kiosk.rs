//! The operator's side of kiosk mode: the PIN asked after the exit chord, stored only as a
//! salted Argon2 hash (PHC string) in the user's config folder, and the delay that makes
//! guessing it slow.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use argon2::Argon2;
use password_hash::rand_core::OsRng;
use password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

use crate::i18n::{IoCause, Localizer};

/// Shortest PIN accepted.
pub const MIN_PIN_LEN: usize = 4;
/// Wrong PINs allowed before the chord is refused for a while.
pub const FREE_ATTEMPTS: u32 = 3;
/// How long the chord is refused after each wrong PIN past the free attempts.
pub const LOCKOUT: Duration = Duration::from_secs(30);

/// `~/.config/kiosk-consent/operator-pin` (or `$XDG_CONFIG_HOME/kiosk-consent/…`).
pub fn pin_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kiosk-consent")
        .map(|dirs| dirs.config_dir().join("operator-pin"))
}

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

/// The stored hash, when the operator set a PIN. Only a missing file means "no PIN": a file
/// that is empty, unreadable or damaged still asks for a PIN, and no PIN matches it, so a
/// broken file never opens kiosk mode.
pub fn stored_hash() -> Option<String> {
    match std::fs::read_to_string(pin_path()?) {
        Ok(text) => Some(text.trim().to_owned()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(_) => Some(String::new()),
    }
}

/// Counts wrong PINs; past `FREE_ATTEMPTS`, each one refuses the chord for `LOCKOUT`.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Attempts {
    failures: u32,
    locked_until: Option<Instant>,
}

impl Attempts {
    pub fn locked(&self, now: Instant) -> bool {
        self.locked_until.is_some_and(|until| now < until)
    }

    pub fn record(&mut self, ok: bool, now: Instant) {
        if ok {
            *self = Attempts::default();
            return;
        }
        self.failures += 1;
        if self.failures >= FREE_ATTEMPTS {
            self.locked_until = Some(now + LOCKOUT);
        }
    }
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

pub fn set_pin_command(l10n: &Localizer, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let Some(path) = pin_path() else {
        let _ = writeln!(err, "kiosk-consent: {}", l10n.t("error-no-data-dir"));
        return 1;
    };
    let pin = match read_pin(l10n, err) {
        Ok(Some(pin)) => pin,
        Ok(None) => return 1,
        Err(e) => {
            let cause = l10n.io_cause(&IoCause::of(&e));
            let _ = writeln!(err, "kiosk-consent: {cause}");
            return 1;
        }
    };
    if pin.chars().count() < MIN_PIN_LEN {
        let message = l10n.t_args("pin-too-short", &[("min", MIN_PIN_LEN.into())]);
        let _ = writeln!(err, "kiosk-consent: {message}");
        return 1;
    }
    let Some(hash) = hash_pin(&pin) else {
        let _ = writeln!(err, "kiosk-consent: {}", l10n.t("error-internal"));
        return 1;
    };
    let written = path
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .and_then(|()| write_private(&path, &hash));
    match written {
        Ok(()) => {
            let message = l10n.t_args("pin-set", &[("path", path.display().to_string().into())]);
            let _ = writeln!(out, "{message}");
            0
        }
        Err(e) => {
            let message = l10n.t_args(
                "error-write",
                &[
                    ("path", path.display().to_string().into()),
                    ("cause", l10n.io_cause(&IoCause::of(&e)).into()),
                ],
            );
            let _ = writeln!(err, "kiosk-consent: {message}");
            1
        }
    }
}

/// The hash file, readable by its owner only, replaced atomically: a crash never leaves it
/// empty.
fn write_private(path: &std::path::Path, hash: &str) -> io::Result<()> {
    crate::consent::store::replace_file(path, format!("{hash}\n").as_bytes(), 0o600)
}

pub fn clear_pin_command(l10n: &Localizer, err: &mut dyn Write) -> u8 {
    let Some(path) = pin_path() else {
        return 0;
    };
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            let message = l10n.t_args(
                "error-reset",
                &[
                    ("path", path.display().to_string().into()),
                    ("cause", l10n.io_cause(&IoCause::of(&e)).into()),
                ],
            );
            let _ = writeln!(err, "kiosk-consent: {message}");
            1
        }
        _ => 0,
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
    fn repeated_failures_lock_the_chord_for_a_while() {
        let now = Instant::now();
        let mut attempts = Attempts::default();
        for _ in 0..FREE_ATTEMPTS - 1 {
            attempts.record(false, now);
            assert!(!attempts.locked(now));
        }
        attempts.record(false, now);
        assert!(attempts.locked(now));
        assert!(attempts.locked(now + LOCKOUT - Duration::from_secs(1)));
        assert!(!attempts.locked(now + LOCKOUT));
        attempts.record(true, now + LOCKOUT);
        assert_eq!(attempts, Attempts::default());
    }
}
