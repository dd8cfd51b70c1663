//! End to end, kiosk mode (`kiosk-consent run --kiosk`): the real binary in a real terminal
//! (tmux, see `common`), driven by keys as a visitor or an operator would.
//!
//! - the visitor's ways out (Esc, q, Ctrl+C, Ctrl+Z, Ctrl+\) do nothing; the operator leaves
//!   with Ctrl+Alt+Q (exit 4), then a PIN when one is set;
//! - the idle timeout takes the dialog back to the welcome screen for the next visitor;
//! - nothing is sent to the terminal while nothing changes;
//! - SIGTERM, SIGHUP and SIGINT restore the terminal and leave the consent file alone;
//! - every decision goes to the proof-of-consent log, whose chain `log verify` checks;
//! - the done screen closes by itself.
//!
//! Needs `tmux` on the PATH.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::*;
use kiosk_consent::consent::{self, Record, store};
use kiosk_consent::policy::Policy;
use serde_json::Value;
use sha2::{Digest, Sha256};

// Labels as the French UI draws them (locales/fr-FR/ui.ftl, with their shortcut).
const FR_LANGUAGE: &str = "Langue : Français (F2)";
const PIN_PROMPT: &str = "Code PIN de l'opérateur";
const PIN_WRONG: &str = "Code incorrect.";
const PIN_LOCKED: &str = "Trop de codes incorrects";

/// The operator's exit chord, Ctrl+Alt+Q, as tmux names it (it sends ESC then Ctrl+Q).
const CHORD: &str = "C-M-q";
/// Exit code when the operator leaves kiosk mode.
const OPERATOR_EXIT: i32 = 4;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The dialog in kiosk mode on `consent`, with `extra` options after `run --kiosk`.
fn kiosk(name: &str, consent: &Path, extra: &[&str]) -> Kiosk {
    let mut k = Kiosk::new(name).consent(consent).arg("run").arg("--kiosk");
    for a in extra {
        k = k.arg(a);
    }
    k
}

/// Starts `k` and waits for the French welcome screen, with the focus on its summary.
fn welcome(k: Kiosk) -> Session {
    let s = k.start();
    s.wait_for_all(&[FR_ACCEPT, FR_REFUSE, FR_CHOOSE]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    s
}

/// Panics, naming `after`, if the program has exited.
fn assert_running(s: &Session, after: &str) {
    if let Some(code) = s.exit_code() {
        panic!(
            "kiosk mode: the program exited with {code} after {after}; screen:\n{}",
            s.screen()
        );
    }
}

/// The names of the files in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn assert_nothing_written(dir: &Path, what: &str) {
    let names = listing(dir);
    assert!(
        names.is_empty(),
        "{what}: nothing may be written beside the consent file (no consent file, no log), \
         found {names:?}"
    );
}

/// Sends the operator's chord and checks the program leaves with 4 (no PIN set).
fn operator_leaves(s: &Session) {
    s.send_keys(&[CHORD]);
    assert_eq!(
        s.wait_exit(),
        OPERATOR_EXIT,
        "Ctrl+Alt+Q with no PIN set: the operator leaves with 4"
    );
    assert_terminal_restored(s);
}

/// A valid accept-all consent file written with the library, as the dialog would.
fn write_valid_consent(path: &Path) {
    let policy = Policy::embedded().expect("the embedded policy loads");
    let record = Record::new(
        &policy,
        "fr-FR",
        kiosk_consent::clock::now(),
        consent::Decision::AcceptAll,
        &[true; 4],
    );
    store::save(path, &record).expect("saving a consent file");
    assert_eq!(
        Kc::at(path).code(&["get", "statistics"]),
        0,
        "the file is valid"
    );
}

/// Sends `signal` (a `kill` name: TERM, HUP, INT) to the program itself.
fn kill(s: &Session, signal: &str) {
    let pid = s.program_pid();
    let status = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{signal} {pid}");
}

/// CPU time (user + system) the process `pid` has used so far.
fn cpu_time(pid: u32) -> Duration {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc/PID/stat");
    // Fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..]
        .split_whitespace()
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    let out = std::process::Command::new("getconf")
        .arg("CLK_TCK")
        .output()
        .expect("getconf CLK_TCK");
    let per_second: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(100);
    Duration::from_millis(ticks * 1000 / per_second)
}

/// Polls `check` every 50 ms until it holds or `deadline` passes.
fn eventually(deadline: Duration, check: impl Fn() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if check() {
            return true;
        }
        if start.elapsed() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

// ---------------------------------------------------------------------------------------------
// 1. The visitor cannot leave; the operator can
// ---------------------------------------------------------------------------------------------

/// On the welcome screen of kiosk mode, `key` does not end the program: it still reads input
/// afterwards (Tab moves the focus), and only the operator's chord ends it, with 4 and
/// nothing written.
fn visitor_key_does_not_leave(name: &str, key: &str) {
    let (dir, consent) = consent_location();
    let s = welcome(kiosk(name, &consent, &[]));
    s.send_keys(&[key]);
    // Let the key be read on its own before the next one. This matters for Escape: an ESC
    // followed closely by another byte reads as Alt+that key, and the test would then never
    // have sent a lone Escape. It also gives a program that wrongly quits time to do so.
    std::thread::sleep(Duration::from_millis(500));
    assert_running(&s, key);
    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    assert_running(&s, &format!("{key} then Tab"));
    let screen = s.screen();
    assert!(
        common::shows(&screen, FR_ACCEPT) && common::shows(&screen, FR_LANGUAGE),
        "still the welcome screen after {key}:\n{screen}"
    );
    operator_leaves(&s);
    assert!(!consent.exists(), "no consent file");
    assert_nothing_written(dir.path(), key);
}

#[test]
fn kiosk_escape_on_welcome_does_not_leave() {
    visitor_key_does_not_leave("kiosk_escape", "Escape");
}

#[test]
fn kiosk_q_does_not_leave() {
    visitor_key_does_not_leave("kiosk_q", "q");
}

#[test]
fn kiosk_ctrl_c_does_not_leave() {
    visitor_key_does_not_leave("kiosk_ctrl_c", "C-c");
}

#[test]
fn kiosk_ctrl_z_does_not_suspend() {
    visitor_key_does_not_leave("kiosk_ctrl_z", "C-z");
}

#[test]
fn kiosk_ctrl_backslash_does_not_quit() {
    visitor_key_does_not_leave("kiosk_ctrl_backslash", "C-\\");
}

/// The same keys on the choose screen, with a choice made: none leaves, and the choice stays.
#[test]
fn kiosk_quit_keys_on_the_choose_screen_keep_the_dialog_and_the_choices() {
    let (dir, consent) = consent_location();
    let s = welcome(kiosk("kiosk_choose_keys", &consent, &[]));
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    s.wait_cursor_on("[x] Statistiques", 4);
    for key in ["q", "C-c", "C-z", "C-\\"] {
        s.send_keys(&[key]);
        std::thread::sleep(Duration::from_millis(300));
        assert_running(&s, &format!("{key} on the choose screen"));
    }
    // Still reading keys, still on the choose screen, the choice kept.
    s.send_keys(&["Down"]);
    s.wait_cursor_on("[ ] Internes (first-party)", 4);
    let screen = s.screen();
    assert!(screen.contains(FR_CHOOSE_TITLE), "{screen}");
    assert!(screen.contains("[x] Statistiques : accepté"), "{screen}");
    operator_leaves(&s);
    assert_nothing_written(dir.path(), "leaving by the chord");
}

/// The help screen lists no way out in kiosk mode (docs/kiosk.md); outside it, it does.
#[test]
fn kiosk_help_offers_no_way_out() {
    const LEAVE: &str = "partir sans décider";
    let (_dir, consent) = consent_location();
    // Tall enough for the whole help of the welcome screen.
    let plain = welcome(Kiosk::new("help_plain").size(100, 60).consent(&consent));
    plain.send_keys(&["?"]);
    let help = plain.wait_for("cette aide");
    assert!(
        help.contains(LEAVE),
        "outside kiosk mode the help says how to leave:\n{help}"
    );
    drop(plain);

    let s = welcome(kiosk("help_kiosk", &consent, &[]).size(100, 60));
    s.send_keys(&["?"]);
    let help = s.wait_for("changer de langue");
    assert!(
        !help.contains(LEAVE),
        "kiosk mode: the help offers a way out:\n{help}"
    );
    assert!(
        !help.contains("Ctrl+Alt") && !help.contains("C-M-q"),
        "the operator's chord is not a visitor's key:\n{help}"
    );
    operator_leaves(&s);
}

// ---------------------------------------------------------------------------------------------
// 2. The idle timeout
// ---------------------------------------------------------------------------------------------

#[test]
fn the_visitor_is_warned_with_the_bell_and_any_key_keeps_the_visit() {
    const WARNING: &str = "Êtes-vous toujours là ?";
    let (dir, consent) = consent_location();
    // 8 s: the warning comes half-way, 4 s before the reset.
    let s = welcome(kiosk("warned", &consent, &["--idle-timeout", "8"]));
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    let recorded = s.dir().join("pane-output");
    s.pipe_output_to(&recorded);
    let last_key = Instant::now();
    let warned = s.wait_for(WARNING);
    assert!(
        last_key.elapsed() >= Duration::from_secs(3),
        "warned too early, after {:?}:\n{warned}",
        last_key.elapsed()
    );
    assert!(warned.contains("4 secondes"), "{warned}");
    // The cursor is on the warning (a screen reader reads it), and the bell rang.
    s.wait_cursor_on(WARNING, 0);
    s.poll_until("the bell (BEL) in the pane's output", || {
        fs::read(&recorded).is_ok_and(|out| out.contains(&0x07))
    });
    // Space answers it and does nothing else: Statistics stays accepted.
    s.send_keys(&["Space"]);
    let answered = s.wait_gone(WARNING);
    assert!(
        answered.contains("[x] Statistiques : accepté"),
        "the key that answered the warning changed a choice:\n{answered}"
    );
    // The full time again: the warning comes back 4 s after the answer, then the reset.
    let answered_at = Instant::now();
    s.wait_for(WARNING);
    assert!(answered_at.elapsed() >= Duration::from_secs(3));
    s.wait_for_all(&[FR_ACCEPT, FR_LANGUAGE]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    assert_nothing_written(dir.path(), "the warning and the reset");
    operator_leaves(&s);
}

#[test]
fn idle_timeout_returns_to_a_fresh_french_welcome_and_writes_nothing() {
    let (dir, consent) = consent_location();
    let s = welcome(kiosk("idle", &consent, &["--idle-timeout", "2"]));
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    let before_last_key = Instant::now();
    s.send_keys(&["F2"]);
    s.wait_for_all(&[EN_CHOOSE_TITLE, "[x] Statistics: accepted"]);

    // Polls (up to 20 s) for the welcome screen in French.
    let back = s.wait_for_all(&[FR_ACCEPT, FR_LANGUAGE]);
    let waited = before_last_key.elapsed();
    assert!(
        waited >= Duration::from_secs(2),
        "back to welcome after {waited:?}, before the 2 s idle timeout:\n{back}"
    );
    assert!(!common::shows(&back, "Accept all"), "French again:\n{back}");
    s.wait_cursor_on(FR_SUMMARY, 0);
    assert_running(&s, "the idle timeout");

    // The next visitor starts from scratch: the unsaved tick is gone.
    s.send_keys(&["p"]);
    let choose = s.wait_for(FR_CHOOSE_TITLE);
    assert!(
        choose.contains("[ ] Statistiques : refusé"),
        "the unsaved choice must be dropped:\n{choose}"
    );
    assert!(!choose.contains("[x] Statistiques"), "{choose}");
    assert_nothing_written(dir.path(), "the idle timeout");
    operator_leaves(&s);
    assert_nothing_written(dir.path(), "the idle timeout, then the chord");
}

// ---------------------------------------------------------------------------------------------
// 3. No output while idle
// ---------------------------------------------------------------------------------------------

/// Starts the dialog with `args`, waits for its first frame, then records the pane's output
/// for 3 seconds without touching anything: nothing may arrive. Then Tab must produce bytes
/// (the recording works).
fn no_output_while_idle(name: &str, args: &[&str]) -> Session {
    let (_dir, consent) = consent_location();
    let mut k = Kiosk::new(name).consent(&consent);
    for a in args {
        k = k.arg(a);
    }
    let s = welcome(k);
    // `welcome` waited until the cursor sat on the focused button and the screen was stable:
    // the first frame is wholly out (the cursor is placed last).
    let recorded = s.dir().join("pane-output");
    s.pipe_output_to(&recorded);
    let pid = s.program_pid();
    let cpu_before = cpu_time(pid);
    // A fixed wait is the point of this test: nothing happens for 3 seconds, and we check
    // that the program sent nothing at all meanwhile (no redraw, no blinking, no clock).
    std::thread::sleep(Duration::from_secs(3));
    let cpu = cpu_time(pid) - cpu_before;
    let idle_bytes = fs::read(&recorded).unwrap_or_default();
    assert!(
        idle_bytes.is_empty(),
        "{name}: the program wrote {} bytes to the terminal while nothing changed: {:?}",
        idle_bytes.len(),
        String::from_utf8_lossy(&idle_bytes)
    );
    assert_running(&s, "3 idle seconds");
    assert!(
        cpu < Duration::from_millis(300),
        "{name}: the idle program used {cpu:?} of CPU in 3 s: it should sleep until input"
    );

    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    let arrived = eventually(common::DEADLINE, || {
        fs::metadata(&recorded).is_ok_and(|m| m.len() > 0)
    });
    assert!(
        arrived,
        "{name}: Tab redrew the screen but nothing reached {}: the recording does not work",
        recorded.display()
    );
    s
}

#[test]
fn no_output_while_idle_in_kiosk_mode_without_idle_timeout() {
    let s = no_output_while_idle("quiet_kiosk", &["run", "--kiosk", "--idle-timeout", "0"]);
    operator_leaves(&s);
}

#[test]
fn no_output_while_idle_in_kiosk_mode_before_the_idle_timeout() {
    // Default idle timeout (120 s): 3 s of silence are well inside it.
    let s = no_output_while_idle("quiet_kiosk_default", &["run", "--kiosk"]);
    operator_leaves(&s);
}

#[test]
fn no_output_while_idle_outside_kiosk_mode() {
    let s = no_output_while_idle("quiet_plain", &[]);
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
}

// ---------------------------------------------------------------------------------------------
// 4. The operator's PIN
// ---------------------------------------------------------------------------------------------

/// A private config folder, given as XDG_CONFIG_HOME, holding the PIN's hash.
struct Operator {
    config: tempfile::TempDir,
}

impl Operator {
    fn new() -> Operator {
        Operator {
            config: tempfile::Builder::new()
                .prefix("kc-config-")
                .tempdir()
                .unwrap(),
        }
    }

    fn xdg(&self) -> String {
        self.config.path().display().to_string()
    }

    fn pin_file(&self) -> PathBuf {
        self.config.path().join("kiosk-consent/operator-pin")
    }

    fn command(&self, args: &[&str], stdin: &[u8], consent: &Path) -> std::process::Output {
        Kc::at(consent)
            .env("XDG_CONFIG_HOME", self.xdg())
            .input(stdin)
            .output(args)
    }

    /// `operator set-pin`, the PIN on standard input (not a terminal).
    fn set_pin(&self, pin: &str, consent: &Path) {
        let out = self.command(
            &["operator", "set-pin"],
            format!("{pin}\n").as_bytes(),
            consent,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "operator set-pin: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn kiosk(&self, name: &str, consent: &Path) -> Kiosk {
        kiosk(name, consent, &[]).env("XDG_CONFIG_HOME", &self.xdg())
    }
}

/// Types `pin` on the PIN screen (checking it shows as stars only) and presses Enter.
fn type_pin(s: &Session, pin: &str) {
    s.type_text(pin);
    let stars = "*".repeat(pin.chars().count());
    let screen = s.wait_for(&stars);
    assert!(
        !screen.contains(pin),
        "the PIN must never be shown, only stars:\n{screen}"
    );
    s.send_keys(&["Enter"]);
}

/// The chord opens the PIN screen, its field empty.
fn open_pin_screen(s: &Session) -> String {
    s.send_keys(&[CHORD]);
    let screen = s.wait_for(PIN_PROMPT);
    assert!(
        !screen.contains('*'),
        "the PIN field starts empty:\n{screen}"
    );
    screen
}

#[test]
fn pin_is_stored_hashed_a_wrong_one_is_said_the_right_one_exits_4() {
    let (dir, consent) = consent_location();
    let op = Operator::new();
    op.set_pin("2468", &consent);
    let stored = fs::read_to_string(op.pin_file())
        .unwrap_or_else(|e| panic!("no PIN file at {}: {e}", op.pin_file().display()));
    assert!(
        !stored.contains("2468"),
        "the PIN is stored in clear:\n{stored}"
    );
    assert!(
        stored.starts_with("$argon2"),
        "the PIN is stored as an Argon2 hash (PHC string):\n{stored}"
    );
    let mode = fs::metadata(op.pin_file()).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o600,
        "the PIN's hash is readable by its owner only (docs/kiosk.md)"
    );

    let s = welcome(op.kiosk("pin", &consent));
    // Make a choice first: a wrong PIN must give the visitor's dialog back as it was.
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    s.wait_cursor_on("[x] Statistiques", 4);

    // A wrong PIN keeps the PIN screen (what the operator types next goes there too); Esc
    // gives the visitor's dialog back as it was.
    open_pin_screen(&s);
    type_pin(&s, "1111");
    let wrong = s.wait_for(PIN_WRONG);
    assert!(common::shows(&wrong, PIN_PROMPT), "{wrong}");
    s.send_keys(&["Escape"]);
    let back = s.wait_gone(PIN_PROMPT);
    assert!(
        back.contains(FR_CHOOSE_TITLE) && back.contains("[x] Statistiques : accepté"),
        "Esc after a wrong PIN goes back to the screen the dialog was on, choices kept:\n{back}"
    );
    s.wait_cursor_on("[x] Statistiques", 4);
    assert_running(&s, "a wrong PIN");

    // Esc on the PIN screen also goes back.
    open_pin_screen(&s);
    s.type_text("24");
    s.wait_for("**");
    s.send_keys(&["Escape"]);
    s.wait_gone(PIN_PROMPT);
    s.wait_cursor_on("[x] Statistiques", 4);
    assert_running(&s, "Esc on the PIN screen");

    open_pin_screen(&s);
    type_pin(&s, "2468");
    assert_eq!(s.wait_exit(), OPERATOR_EXIT, "the right PIN: exit 4");
    assert_terminal_restored(&s);
    assert_nothing_written(dir.path(), "the operator's exit");
    drop(s);

    // Without a PIN the chord leaves at once.
    let out = op.command(&["operator", "clear-pin"], b"", &consent);
    assert_eq!(
        out.status.code(),
        Some(0),
        "operator clear-pin: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!op.pin_file().exists(), "clear-pin removes the PIN file");
    let s = welcome(op.kiosk("pin_cleared", &consent));
    s.send_keys(&[CHORD]);
    assert_eq!(
        s.wait_exit(),
        OPERATOR_EXIT,
        "after clear-pin the chord exits 4 without asking"
    );
    assert_nothing_written(dir.path(), "the operator's exit");
}

/// After 3 wrong PINs no PIN is checked for 30 s, the right one neither; what the operator
/// types meanwhile stays in the PIN field and never presses a button of the dialog; the
/// lockout holds for the next visitor's dialog too. Takes over 30 s.
#[test]
fn three_wrong_pins_lock_every_pin_out_for_30_seconds_across_dialogs() {
    let (dir, consent) = consent_location();
    let op = Operator::new();
    op.set_pin("2468", &consent);
    let s = welcome(op.kiosk("pin_lockout", &consent));

    open_pin_screen(&s);
    let mut third_wrong_sent = Instant::now();
    for attempt in 1..=3 {
        s.type_text("1111");
        s.wait_for("****");
        third_wrong_sent = Instant::now();
        s.send_keys(&["Enter"]);
        s.wait_gone("****");
        assert_running(&s, &format!("wrong PIN {attempt}"));
    }
    let locked = s.wait_for(PIN_LOCKED);
    assert!(common::shows(&locked, PIN_PROMPT), "{locked}");
    // Locked: digits and Enter, the right PIN, then a visitor's letters, all stay here.
    for keys in [
        &["1", "2", "Enter"][..],
        &["2", "4", "6", "8", "Enter"],
        &["a", "Enter"],
    ] {
        s.send_keys(keys);
    }
    s.wait_for(PIN_LOCKED);
    assert_running(&s, "keys typed while locked");
    assert_nothing_written(dir.path(), "keys typed while locked");
    // Esc leaves the PIN screen; the dialog is the visitor's again.
    s.send_keys(&["Escape"]);
    s.wait_gone(PIN_PROMPT);
    s.wait_cursor_on(FR_SUMMARY, 0);
    kill(&s, "TERM");
    assert_eq!(s.wait_exit(), 128 + 15);
    drop(s);

    // The next visitor's dialog: still locked, even for the right PIN.
    let s = welcome(op.kiosk("pin_lockout_next", &consent));
    open_pin_screen(&s);
    type_pin(&s, "2468");
    s.wait_for(PIN_LOCKED);
    assert_running(&s, "the right PIN while locked");

    // Once 30 s have passed since the third wrong PIN, the right one opens.
    let left = Duration::from_secs(31).saturating_sub(third_wrong_sent.elapsed());
    std::thread::sleep(left);
    type_pin(&s, "2468");
    assert_eq!(
        s.wait_exit(),
        OPERATOR_EXIT,
        "the right PIN after the lockout"
    );
    assert!(
        third_wrong_sent.elapsed() >= Duration::from_secs(30),
        "the lockout lasted less than 30 s"
    );
    assert_nothing_written(dir.path(), "wrong PINs");
}

/// Kiosk mode without a PIN works (the chord leaves at once) but says so, on standard error
/// and in the system log, as the setup mistake it is.
#[test]
fn kiosk_mode_without_a_pin_warns_the_operator() {
    let (_dir, consent) = consent_location();
    let op = Operator::new();
    let logs = tempfile::tempdir().unwrap();
    let socket = logs.path().join("log");
    let server = std::os::unix::net::UnixDatagram::bind(&socket).unwrap();
    server.set_read_timeout(Some(common::DEADLINE)).unwrap();
    let stderr = logs.path().join("stderr");
    let s = welcome(
        op.kiosk("no_pin", &consent)
            .env("KIOSK_CONSENT_SYSLOG", &socket.display().to_string())
            .stderr_to(&stderr),
    );
    let mut buf = [0u8; 1024];
    let n = server.recv(&mut buf).expect("a message in the system log");
    let logged = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(
        logged.starts_with("<12>kiosk-consent[") && logged.contains("operator set-pin"),
        "{logged}"
    );
    let said = fs::read_to_string(&stderr).unwrap();
    assert!(said.contains("sans code PIN"), "{said}");
    s.send_keys(&[CHORD]);
    assert_eq!(s.wait_exit(), OPERATOR_EXIT);
}

// ---------------------------------------------------------------------------------------------
// 5. Signals
// ---------------------------------------------------------------------------------------------

/// With a valid consent file and an unsaved change on screen, `signal` ends the program with
/// 128 + `number`, gives the terminal back, and leaves the folder byte for byte as it was.
fn signal_leaves_the_file_as_it_was(name: &str, signal: &str, number: i32) {
    let (dir, consent) = consent_location();
    write_valid_consent(&consent);
    let before = fs::read(&consent).unwrap();
    let names_before = listing(dir.path());

    let s = welcome(kiosk(name, &consent, &[]));
    s.send_keys(&["p"]);
    // The choose screen starts from the valid earlier decision (accept all).
    s.wait_for_all(&[FR_CHOOSE_TITLE, "[x] Statistiques : accepté"]);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[ ] Statistiques : refusé");
    kill(&s, signal);
    assert_eq!(
        s.wait_exit(),
        128 + number,
        "SIG{signal}: exit 128 + {number}"
    );
    assert_terminal_restored(&s);
    assert_eq!(
        fs::read(&consent).unwrap(),
        before,
        "SIG{signal}: the consent file must be untouched"
    );
    assert_eq!(
        listing(dir.path()),
        names_before,
        "SIG{signal}: no file added or removed (no log line, no temporary file)"
    );
    assert_eq!(Kc::at(&consent).code(&["get", "statistics"]), 0);
}

#[test]
fn sigterm_in_kiosk_mode_exits_143_and_keeps_the_file() {
    signal_leaves_the_file_as_it_was("sigterm", "TERM", 15);
}

#[test]
fn sighup_in_kiosk_mode_exits_129_and_keeps_the_file() {
    signal_leaves_the_file_as_it_was("sighup", "HUP", 1);
}

#[test]
fn sigint_in_kiosk_mode_exits_130_and_keeps_the_file() {
    // Ctrl+C typed is a key the visitor cannot leave with; SIGINT sent by the system is not.
    signal_leaves_the_file_as_it_was("sigint", "INT", 2);
}

// ---------------------------------------------------------------------------------------------
// 6. The proof-of-consent log
// ---------------------------------------------------------------------------------------------

fn sha256_line(line: &str) -> String {
    let digest = Sha256::digest(line.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

fn log_lines(log: &Path) -> Vec<String> {
    fs::read_to_string(log)
        .unwrap_or_else(|e| panic!("no log at {}: {e}", log.display()))
        .lines()
        .map(str::to_owned)
        .collect()
}

/// One decision in the kiosk dialog: `steps` from welcome (keys, then the text they bring, each
/// waited for), then the done screen, closed with a key.
fn decide(name: &str, consent: &Path, extra: &[&str], steps: &[(&[&str], &str)]) {
    let s = welcome(kiosk(name, consent, extra));
    for (keys, then) in steps {
        s.send_keys(keys);
        s.wait_for(then);
    }
    s.wait_for(FR_DONE);
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0, "{name}: a saved decision exits 0");
}

#[test]
fn every_decision_is_chained_in_the_log_and_verify_finds_an_edit() {
    let (dir, consent) = consent_location();
    let log = dir.path().join("consent-log.jsonl");
    let head = dir.path().join("consent-log.head");

    decide("log_accept", &consent, &[], &[(&["a"], FR_DONE)]);
    decide("log_refuse", &consent, &[], &[(&["r"], FR_DONE)]);
    decide(
        "log_custom",
        &consent,
        &[],
        &[
            // The choose screen starts from the valid refusal just saved.
            (&["p"], "[ ] Statistiques : refusé"),
            (&["Down", "Space"], "[x] Statistiques : accepté"),
            (&["e"], FR_DONE),
        ],
    );

    let lines = log_lines(&log);
    assert_eq!(
        lines.len(),
        3,
        "one line per decision:\n{}",
        lines.join("\n")
    );
    let entries: Vec<Value> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let actions: Vec<&str> = entries
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["accept_all", "reject_all", "custom"], "in order");
    let mut ids = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let id = entry["decision_id"]
            .as_str()
            .unwrap_or_else(|| panic!("line {}: no decision_id: {entry}", i + 1));
        assert!(
            id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()),
            "line {}: decision_id is 32 hex characters, not {id:?}",
            i + 1
        );
        ids.push(id.to_owned());
        let prev = entry["prev"]
            .as_str()
            .unwrap_or_else(|| panic!("line {}: no prev: {entry}", i + 1));
        if i == 0 {
            let genesis = format!("sha256:{}", "0".repeat(64));
            assert_eq!(
                prev, genesis,
                "the first line's prev is sha256:000… (docs/kiosk.md)"
            );
        } else {
            assert_eq!(
                prev,
                sha256_line(&lines[i - 1]),
                "line {}: prev is the SHA-256 of the line before",
                i + 1
            );
        }
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 3, "decision ids are all different");
    assert_eq!(
        fs::read_to_string(&head).unwrap().trim(),
        sha256_line(&lines[2]),
        "consent-log.head holds the hash of the last line"
    );
    // The last line is the consent file's decision, plus decision_id and prev.
    let file = read_consent(&consent);
    assert_eq!(file["action"], "custom");
    assert_categories(&file, [true, true, false, false]);
    let mut last = entries[2].as_object().unwrap().clone();
    last.remove("decision_id");
    last.remove("prev");
    assert_eq!(
        Value::Object(last),
        file,
        "the log line holds the consent's fields"
    );

    let out = Kc::at(&consent).output(&["log", "verify"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "log verify on an intact log: {said}"
    );
    assert!(said.contains("Journal intact"), "{said}");
    assert!(said.contains("3 décisions"), "{said}");

    // --no-log: the decision is saved, the log is not touched.
    let log_before = fs::read(&log).unwrap();
    let head_before = fs::read(&head).unwrap();
    decide("log_none", &consent, &["--no-log"], &[(&["a"], FR_DONE)]);
    assert_eq!(read_consent(&consent)["action"], "accept_all");
    assert_eq!(fs::read(&log).unwrap(), log_before, "--no-log adds no line");
    assert_eq!(
        fs::read(&head).unwrap(),
        head_before,
        "--no-log leaves the head"
    );
    assert_eq!(Kc::at(&consent).code(&["log", "verify"]), 0);

    // Tampering with the first decision shows at the second line.
    let mut edited = lines.clone();
    assert!(edited[0].contains("\"accept_all\""), "{}", edited[0]);
    edited[0] = edited[0].replace("\"accept_all\"", "\"reject_all\"");
    fs::write(&log, edited.join("\n") + "\n").unwrap();
    let out = Kc::at(&consent).output(&["log", "verify"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "log verify on an edited log: {said}"
    );
    assert!(
        said.contains("consent-log.jsonl:2"),
        "log verify names the first line whose prev no longer matches: {said}"
    );
}

// ---------------------------------------------------------------------------------------------
// 7. The done screen closes by itself
// ---------------------------------------------------------------------------------------------

#[test]
fn kiosk_done_screen_closes_by_itself_after_5_seconds() {
    let (_dir, consent) = consent_location();
    let s = welcome(kiosk("kiosk_done", &consent, &[]));
    let pressed = Instant::now();
    s.send_keys(&["r"]);
    let done = s.wait_for(FR_DONE);
    assert!(
        common::shows(&done, "Vous avez refusé tous les cookies facultatifs."),
        "{done}"
    );
    // No key from here: the done screen must close by itself (within the 20 s deadline).
    assert_eq!(s.wait_exit(), 0, "the done screen closes by itself, exit 0");
    let shown = pressed.elapsed();
    assert!(
        shown >= Duration::from_secs(5),
        "the done screen closed after {shown:?}, before its 5 s"
    );
    assert_terminal_restored(&s);
    let file = read_consent(&consent);
    assert_eq!(file["action"], "reject_all");
    assert_categories(&file, [true, false, false, false]);
}

/// On the done screen the decision is already saved: the operator's chord, like any key,
/// closes it with exit 0 (the launcher then opens the browser), even with a PIN set. It never
/// opens the PIN screen there, so no deadline of the done screen outlives it.
#[test]
fn the_chord_on_the_done_screen_just_closes_it() {
    let (_dir, consent) = consent_location();
    let op = Operator::new();
    op.set_pin("2468", &consent);
    let s = welcome(op.kiosk("chord_on_done", &consent));
    s.send_keys(&["r"]);
    s.wait_for(FR_DONE);
    s.send_keys(&[CHORD]);
    assert_eq!(s.wait_exit(), 0);
    assert!(!common::shows(&s.screen(), PIN_PROMPT));
    assert_eq!(read_consent(&consent)["action"], "reject_all");
}

/// `--kiosk` before `run` is the same as after it: the visitor still cannot leave.
#[test]
fn kiosk_before_the_run_command_is_kiosk_mode_too() {
    let (_dir, consent) = consent_location();
    let s = welcome(
        Kiosk::new("kiosk_before_run")
            .consent(&consent)
            .arg("--kiosk")
            .arg("run"),
    );
    s.send_keys(&["Escape"]);
    std::thread::sleep(Duration::from_millis(500));
    assert_running(&s, "Escape");
    operator_leaves(&s);
}

/// A PIN file emptied by a crash or damaged by hand never opens kiosk mode: the chord still
/// asks for a PIN, and none is right.
#[test]
fn a_damaged_pin_file_keeps_kiosk_mode_locked() {
    let (_dir, consent) = consent_location();
    let op = Operator::new();
    op.set_pin("2468", &consent);
    fs::write(op.pin_file(), "").unwrap();
    let s = welcome(op.kiosk("damaged_pin", &consent));
    open_pin_screen(&s);
    type_pin(&s, "2468");
    s.wait_for(PIN_WRONG);
    assert_running(&s, "a PIN against an empty hash file");
    s.send_keys(&["Escape"]);
    s.wait_gone(PIN_PROMPT);
    s.wait_for(FR_ACCEPT);
}

/// The system's PIN (root's, which the kiosk account can read but not change) wins over the
/// kiosk account's own; `set-pin --system` writes it readable by all, never in clear.
#[test]
fn the_system_pin_wins_over_the_kiosk_accounts_own() {
    let (dir, consent) = consent_location();
    let op = Operator::new();
    op.set_pin("1111", &consent);
    let system = tempfile::Builder::new()
        .prefix("kc-system-")
        .tempdir()
        .unwrap();
    let system_dir = system.path().join("etc-kiosk-consent");
    let out = Kc::at(&consent)
        .env("XDG_CONFIG_HOME", op.xdg())
        .env("KIOSK_CONSENT_SYSTEM_DIR", &system_dir)
        .input(b"8642\n")
        .output(&["operator", "set-pin", "--system"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let file = system_dir.join("operator-pin");
    let stored = fs::read_to_string(&file).unwrap();
    assert!(
        stored.starts_with("$argon2") && !stored.contains("8642"),
        "{stored}"
    );
    let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o644,
        "readable by the kiosk account, written by root only"
    );

    let s = welcome(op.kiosk("system_pin", &consent).env(
        "KIOSK_CONSENT_SYSTEM_DIR",
        &system_dir.display().to_string(),
    ));
    open_pin_screen(&s);
    type_pin(&s, "1111");
    s.wait_for(PIN_WRONG);
    assert_running(&s, "the kiosk account's own PIN while a system PIN is set");
    type_pin(&s, "8642");
    assert_eq!(s.wait_exit(), OPERATOR_EXIT);
    assert_nothing_written(dir.path(), "the operator's exit");
}
