//! End to end: signals that used to leave the terminal broken. SIGQUIT restores it like
//! SIGTERM; SIGTSTP suspends the dialog with the terminal given back, and SIGCONT takes it
//! again and redraws (outside kiosk mode; a kiosk ignores SIGTSTP).
//!
//! Needs `tmux` on the PATH.

use crate::common;

use std::fs;
use std::process::Command;

use common::*;

fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok, "kill -{name} {pid}");
}

/// The process state letter of `pid` (R, S, T…).
fn state(pid: u32) -> char {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let (_, rest) = stat.rsplit_once(") ").unwrap();
    rest.chars().next().unwrap()
}

#[test]
fn sigquit_restores_the_terminal_like_sigterm() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("sigquit").consent(&consent).start();
    s.wait_for(FR_ACCEPT);
    signal(s.program_pid(), "QUIT");
    assert_eq!(s.wait_exit(), 128 + 3);
    assert_terminal_restored(&s);
    assert!(!consent.exists());
}

#[test]
fn a_suspended_dialog_gives_the_terminal_back_and_takes_it_again() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("sigtstp").consent(&consent).start();
    s.wait_for(FR_ACCEPT);
    let pid = s.program_pid();
    signal(pid, "TSTP");
    s.poll_until("the dialog to stop", || state(pid) == 'T');
    s.poll_until("the main screen back", || {
        s.format("#{alternate_on}") == "0"
    });
    assert_eq!(
        s.format("#{mouse_any_flag}"),
        "0",
        "mouse reporting off while stopped"
    );
    signal(pid, "CONT");
    s.poll_until("the alternate screen again", || {
        s.format("#{alternate_on}") == "1"
    });
    // Redrawn whole, and in raw mode again: a key acts at once.
    s.wait_for_all(&[FR_ACCEPT, FR_REFUSE, FR_CHOOSE]);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_ACCEPT, 0);
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
    assert_terminal_restored(&s);
}

#[test]
fn a_kiosk_is_never_suspended() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("sigtstp_kiosk")
        .consent(&consent)
        .args(&["run", "--kiosk"])
        .start();
    s.wait_for(FR_ACCEPT);
    let pid = s.program_pid();
    signal(pid, "TSTP");
    // The dialog still answers keys, on its own screen.
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_ACCEPT, 0);
    assert_ne!(state(pid), 'T');
    assert_eq!(s.format("#{alternate_on}"), "1");
}
