//! End to end: the real binary in a real terminal (tmux), driven by keys as a visitor would,
//! with the consent file, the exit code, the cursor and the terminal modes checked after.
//! Needs `tmux` on the PATH.

use crate::common;

use std::fs;
use std::path::Path;

use common::*;

/// Starts the dialog in French on `consent` and waits for the welcome screen.
fn welcome(name: &str, consent: &Path) -> Session {
    let s = Kiosk::new(name).consent(consent).start();
    s.wait_for(FR_ACCEPT);
    s
}

/// From the done screen: any key closes it, and the program exits 0.
fn close_done(s: &Session) {
    s.wait_for(FR_DONE);
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0, "a saved decision exits 0");
}

// ---------------------------------------------------------------------------------------------
// 1–3: the three decisions
// ---------------------------------------------------------------------------------------------

#[test]
fn accept_all_with_its_shortcut_grants_everything() {
    let (_dir, consent) = consent_location();
    let s = welcome("accept_all", &consent);
    s.send_keys(&["a"]);
    let done = s.wait_for(FR_DONE);
    assert!(
        common::shows(&done, "Vous avez accepté tous les cookies."),
        "the done screen says what was saved:\n{done}"
    );
    assert!(common::shows(&done, "[x] Statistiques"), "{done}");
    close_done(&s);

    let file = read_consent(&consent);
    assert_eq!(file["action"], "accept_all");
    assert_categories(&file, [true; 4]);
    assert_eq!(file["locale"], "fr-FR");
    for id in CATEGORIES {
        assert_eq!(Kc::at(&consent).code(&["get", id]), 0, "get {id}");
    }
}

#[test]
fn refuse_all_by_keyboard_focus_grants_only_the_necessary() {
    let (_dir, consent) = consent_location();
    let s = welcome("refuse_all", &consent);
    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    s.send_keys(&["Enter"]);
    let done = s.wait_for(FR_DONE);
    assert!(
        common::shows(&done, "Vous avez refusé tous les cookies facultatifs."),
        "{done}"
    );
    close_done(&s);

    let file = read_consent(&consent);
    assert_eq!(file["action"], "reject_all");
    assert_categories(&file, [true, false, false, false]);
    assert_eq!(Kc::at(&consent).code(&["get", "statistics"]), 1);
    assert_eq!(Kc::at(&consent).code(&["get", "third-party"]), 1);
    assert_eq!(Kc::at(&consent).code(&["get", "necessary"]), 0);
}

#[test]
fn custom_choice_saves_exactly_the_ticked_category() {
    let (_dir, consent) = consent_location();
    let s = welcome("custom", &consent);
    s.send_keys(&["p"]);
    let choose = s.wait_for(FR_CHOOSE_TITLE);
    // Silence is not consent: every optional category starts refused.
    assert!(
        choose.contains("[x] Nécessaires : toujours actif"),
        "{choose}"
    );
    assert!(choose.contains("[ ] Statistiques : refusé"), "{choose}");
    s.send_keys(&["Down"]);
    s.wait_cursor_on("[ ] Statistiques", 4);
    s.send_keys(&["Space"]);
    let ticked = s.wait_for("[x] Statistiques : accepté");
    assert!(
        ticked.contains("[ ] Internes (first-party) : refusé"),
        "{ticked}"
    );
    assert!(
        ticked.contains("[ ] Tiers (third-party) : refusé"),
        "{ticked}"
    );
    s.send_keys(&["e"]);
    let done = s.wait_for(FR_DONE);
    assert!(
        common::shows(&done, "Vous avez choisi catégorie par catégorie."),
        "{done}"
    );
    close_done(&s);

    let file = read_consent(&consent);
    assert_eq!(file["action"], "custom");
    assert_categories(&file, [true, true, false, false]);
    assert_eq!(Kc::at(&consent).code(&["get", "statistics"]), 0);
    assert_eq!(Kc::at(&consent).code(&["get", "third-party"]), 1);
    assert_eq!(Kc::at(&consent).code(&["get", "first-party"]), 1);

    let out = Kc::at(&consent).output(&["export", "--format", "env"]);
    assert_eq!(out.status.code(), Some(0));
    let env = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = env.lines().collect();
    for line in [
        "KIOSK_CONSENT_VALID=1",
        "KIOSK_CONSENT_NECESSARY=1",
        "KIOSK_CONSENT_STATISTICS=1",
        "KIOSK_CONSENT_FIRST_PARTY=0",
        "KIOSK_CONSENT_THIRD_PARTY=0",
    ] {
        assert!(lines.contains(&line), "{line} missing from:\n{env}");
    }
}

// ---------------------------------------------------------------------------------------------
// 4–5: the cursor follows focus; the language
// ---------------------------------------------------------------------------------------------

#[test]
fn cursor_follows_focus() {
    let (_dir, consent) = consent_location();
    let s = welcome("cursor", &consent);
    // The first frame: the summary, which no key can take for a decision.
    s.wait_cursor_on(FR_SUMMARY, 0);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_ACCEPT, 0);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_CHOOSE, 0);
    s.send_keys(&["BTab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    s.send_keys(&["BTab"]);
    s.wait_cursor_on(FR_ACCEPT, 0);
    s.send_keys(&["BTab"]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    // Shift+Tab from the first control wraps to the last: the language button.
    s.send_keys(&["BTab"]);
    s.wait_cursor_on("Langue : Français (F2)", 0);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_SUMMARY, 0);

    // Choose screen: focus starts on the first category, arrows and j/k move it.
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.wait_cursor_on("[x] Nécessaires", 4);
    s.send_keys(&["Down"]);
    s.wait_cursor_on("[ ] Statistiques", 4);
    s.send_keys(&["j"]);
    s.wait_cursor_on("[ ] Internes (first-party)", 4);
    s.send_keys(&["Down"]);
    s.wait_cursor_on("[ ] Tiers (third-party)", 4);
    s.send_keys(&["k"]);
    s.wait_cursor_on("[ ] Internes (first-party)", 4);
    // Toggling keeps the cursor on the same row, whose mark changed.
    s.send_keys(&["Space"]);
    s.wait_cursor_on("[x] Internes (first-party)", 4);
    // After the last category, Tab reaches the buttons.
    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on(FR_SAVE, 0);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_ACCEPT, 0);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    s.send_keys(&["Tab"]);
    s.wait_cursor_on("Retour (Échap)", 0);
    // Back (Enter on it) returns to welcome with the focus it had.
    s.send_keys(&["Enter"]);
    s.wait_gone(FR_CHOOSE_TITLE);
    s.wait_cursor_on(FR_CHOOSE, 0);
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
    assert!(!consent.exists());
}

#[test]
fn f2_switches_the_language_live_and_keeps_focus_off_the_decisions() {
    let (_dir, consent) = consent_location();
    let s = welcome("f2", &consent);
    s.send_keys(&["BTab"]);
    s.wait_cursor_on("Langue : Français (F2)", 0);
    s.send_keys(&["F2"]);
    s.wait_for_all(&[EN_ACCEPT, EN_REFUSE]);
    let en = s.wait_gone("Tout accepter");
    assert!(!common::shows(&en, "Tout refuser"), "{en}");
    assert!(common::shows(&en, "Language: English (F2)"), "{en}");
    s.wait_cursor_on("Language: English (F2)", 0);
    // From a way to decide, F2 moves the focus back to the summary: the screen in a new
    // language favours none of them.
    s.send_keys(&["Tab", "Tab", "Tab"]);
    s.wait_cursor_on(EN_REFUSE, 0);
    s.send_keys(&["F2"]);
    s.wait_for(FR_ACCEPT);
    s.wait_gone("Accept all");
    s.wait_cursor_on(FR_SUMMARY, 0);

    // In the choose screen the categories change names, and the cursor stays on the row.
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    s.wait_cursor_on("[x] Statistiques", 4);
    s.send_keys(&["F2"]);
    s.wait_for_all(&[EN_CHOOSE_TITLE, "[x] Statistics: accepted"]);
    s.wait_gone("Statistiques");
    s.wait_cursor_on("[x] Statistics", 4);
    s.send_keys(&["F2"]);
    s.wait_for_all(&[FR_CHOOSE_TITLE, "[x] Statistiques : accepté"]);
    s.wait_cursor_on("[x] Statistiques", 4);
    // Save in English: the record says which language the visitor read.
    s.send_keys(&["F2"]);
    s.wait_for(EN_CHOOSE_TITLE);
    s.send_keys(&["s"]);
    s.wait_for("Your choice is saved");
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);
    let file = read_consent(&consent);
    assert_eq!(file["action"], "custom");
    assert_eq!(file["locale"], "en-US");
    assert_categories(&file, [true, true, false, false]);
}

#[test]
fn lang_flag_starts_in_english() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("lang_flag")
        .arg("--lang")
        .arg("en")
        .consent(&consent)
        .start();
    let screen = s.wait_for_all(&[EN_ACCEPT, EN_REFUSE]);
    assert!(!common::shows(&screen, "Tout accepter"), "{screen}");
    s.wait_cursor_on("Before the browser opens", 0);
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
}

#[test]
fn lang_environment_starts_in_english() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("lang_env")
        .env("LANG", "en_US.UTF-8")
        .consent(&consent)
        .start();
    let screen = s.wait_for_all(&[EN_ACCEPT, EN_REFUSE]);
    assert!(!common::shows(&screen, "Tout accepter"), "{screen}");
    // English shortcuts: `c` opens the choice.
    s.send_keys(&["c"]);
    s.wait_for_all(&[EN_CHOOSE_TITLE, "[ ] Statistics: refused"]);
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
}

#[test]
fn lc_all_wins_over_lang() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("lc_all")
        .env("LANG", "en_US.UTF-8")
        .env("LC_ALL", "fr_FR.UTF-8")
        .consent(&consent)
        .start();
    s.wait_for_all(&[FR_ACCEPT, FR_REFUSE]);
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
}

// ---------------------------------------------------------------------------------------------
// 6–7: leaving without deciding
// ---------------------------------------------------------------------------------------------

#[test]
fn esc_on_welcome_leaves_with_3_and_writes_nothing() {
    let (dir, consent) = consent_location();
    let s = welcome("esc", &consent);
    s.send_keys(&["Escape"]);
    assert_eq!(s.wait_exit(), 3);
    assert!(!consent.exists(), "nothing is written when leaving");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no stray file"
    );
    assert_terminal_restored(&s);
}

#[test]
fn ctrl_c_on_the_choose_screen_leaves_with_3_and_writes_nothing() {
    let (dir, consent) = consent_location();
    let s = welcome("ctrl_c", &consent);
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    s.send_keys(&["C-c"]);
    assert_eq!(s.wait_exit(), 3, "Ctrl+C leaves without deciding");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing written"
    );
    assert_terminal_restored(&s);
}

#[test]
fn q_on_welcome_leaves_with_3_and_writes_nothing() {
    let (dir, consent) = consent_location();
    let s = welcome("q", &consent);
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
    assert!(!consent.exists());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no stray file"
    );
}

#[test]
fn esc_goes_back_one_screen_before_leaving() {
    let (_dir, consent) = consent_location();
    let s = welcome("esc_back", &consent);
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Escape"]);
    s.wait_gone(FR_CHOOSE_TITLE);
    s.wait_cursor_on(FR_CHOOSE, 0);
    assert_eq!(s.exit_code(), None, "Esc on choose only goes back");
    s.send_keys(&["Escape"]);
    assert_eq!(s.wait_exit(), 3);
    assert!(!consent.exists());
}

#[test]
fn an_existing_valid_consent_is_kept_byte_for_byte_when_leaving() {
    let (dir, consent) = consent_location();
    {
        let s = welcome("keep_valid_1", &consent);
        s.send_keys(&["Tab", "Tab", "Enter"]);
        close_done(&s);
    }
    let before = fs::read(&consent).unwrap();
    let listing = |d: &Path| {
        let mut names: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let names_before = listing(dir.path());

    let s = welcome("keep_valid_2", &consent);
    s.send_keys(&["Escape"]);
    assert_eq!(s.wait_exit(), 3);
    assert_eq!(fs::read(&consent).unwrap(), before, "the file is untouched");
    assert_eq!(
        listing(dir.path()),
        names_before,
        "no file added or removed"
    );
    assert_eq!(Kc::at(&consent).code(&["get", "statistics"]), 1);
    assert_eq!(Kc::at(&consent).code(&["get", "necessary"]), 0);
}

#[test]
fn a_corrupt_consent_file_stays_until_a_new_decision_is_saved() {
    let (_dir, consent) = consent_location();
    fs::write(&consent, "{not json").unwrap();
    {
        let s = welcome("corrupt_1", &consent);
        s.send_keys(&["Escape"]);
        assert_eq!(s.wait_exit(), 3);
        assert_eq!(fs::read_to_string(&consent).unwrap(), "{not json");
    }
    assert_eq!(
        Kc::at(&consent).code(&["get", "necessary"]),
        1,
        "no valid consent"
    );

    let s = welcome("corrupt_2", &consent);
    s.send_keys(&["a"]);
    close_done(&s);
    let file = read_consent(&consent);
    assert_eq!(file["action"], "accept_all");
    assert_categories(&file, [true; 4]);
    assert_eq!(Kc::at(&consent).code(&["get", "third-party"]), 0);
}

// ---------------------------------------------------------------------------------------------
// 8: a consent location that cannot be written
// ---------------------------------------------------------------------------------------------

/// A consent path whose parent is a regular file: no one can write there, not even root.
fn blocked_location() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (dir, _) = consent_location();
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, "").unwrap();
    let consent = blocker.join("consent.json");
    (dir, blocker, consent)
}

/// Opens the choose screen, ticks Statistiques, presses accept-all: the save fails.
fn fail_a_save(s: &Session, consent: &Path) -> String {
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    s.send_keys(&["a"]);
    let screen = s.wait_for("n'a pas pu être enregistré");
    assert!(
        common::shows(&screen, &consent.display().to_string()),
        "the error names the file:\n{screen}"
    );
    assert!(
        common::shows(&screen, FR_CHOOSE_TITLE),
        "the dialog stays on the choose screen:\n{screen}"
    );
    screen
}

#[test]
fn an_unwritable_location_shows_the_error_keeps_the_choices_and_allows_a_retry() {
    let (_dir, blocker, consent) = blocked_location();
    let s = welcome("unwritable_retry", &consent);
    let screen = fail_a_save(&s, &consent);
    assert!(
        screen.contains("[x] Statistiques : accepté"),
        "the visitor's choices are kept:\n{screen}"
    );
    assert!(
        screen.contains("[ ] Internes (first-party) : refusé")
            && screen.contains("[ ] Tiers (third-party) : refusé"),
        "a failed accept-all does not tick the other categories:\n{screen}"
    );
    assert_eq!(s.exit_code(), None, "the dialog is still running");

    // The operator clears the way; the visitor saves their own choice.
    fs::remove_file(&blocker).unwrap();
    fs::create_dir(&blocker).unwrap();
    s.send_keys(&["e"]);
    s.wait_for(FR_DONE);
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0, "a decision was saved in the end");
    let file = read_consent(&consent);
    assert_eq!(file["action"], "custom");
    assert_categories(&file, [true, true, false, false]);
}

#[test]
fn an_unwritable_location_then_leaving_exits_1_and_writes_nothing() {
    let (_dir, blocker, consent) = blocked_location();
    let s = welcome("unwritable_leave", &consent);
    fail_a_save(&s, &consent);
    s.send_keys(&["Escape"]);
    s.wait_gone(FR_CHOOSE_TITLE);
    s.wait_cursor_on(FR_CHOOSE, 0);
    s.send_keys(&["Escape"]);
    assert_eq!(s.wait_exit(), 1, "leaving after a failed save is an error");
    assert!(blocker.is_file(), "the blocker is left as it was");
    assert_eq!(fs::read(&blocker).unwrap(), b"");
    assert_terminal_restored(&s);
}

/// SPEC §2: errors are "in the UI language, naming the file and the cause". A consent path
/// under a regular file fails with EEXIST from `mkdir -p`; the dialog must still give the cause
/// in French (here: a part of the path is not a folder), not the system's English words.
#[test]
fn an_unwritable_location_error_gives_the_cause_in_the_ui_language() {
    let (_dir, _blocker, consent) = blocked_location();
    let s = welcome("unwritable_cause", &consent);
    let screen = fail_a_save(&s, &consent);
    let text = common::flat(&screen);
    assert!(
        !text.contains("os error") && !text.contains("File exists"),
        "the cause is the system's English message, not French:\n{screen}"
    );
    assert!(
        text.contains("une partie du chemin n'est pas un dossier"),
        "expected the French cause `cause-not-a-directory`:\n{screen}"
    );
}

// ---------------------------------------------------------------------------------------------
// 9: the terminal is given back
// ---------------------------------------------------------------------------------------------

#[test]
fn the_terminal_is_restored_after_a_decision() {
    let (_dir, consent) = consent_location();
    let s = welcome("restored", &consent);
    assert_eq!(
        s.format("#{alternate_on}"),
        "1",
        "the dialog uses the alternate screen"
    );
    let mouse_on = ["mouse_any_flag", "mouse_button_flag", "mouse_standard_flag"]
        .iter()
        .any(|flag| s.format(&format!("#{{{flag}}}")) == "1");
    assert!(mouse_on, "the dialog captures the mouse (not --no-mouse)");
    s.send_keys(&["a"]);
    close_done(&s);
    assert_terminal_restored(&s);
    let after = s.screen();
    assert!(
        !common::shows(&after, FR_ACCEPT),
        "the dialog is gone:\n{after}"
    );
}

#[test]
fn sigterm_restores_the_terminal_and_leaves_the_file_as_it_was() {
    let (_dir, consent) = consent_location();
    {
        let s = welcome("sigterm_1", &consent);
        s.send_keys(&["r"]);
        close_done(&s);
    }
    let before = fs::read(&consent).unwrap();
    let s = welcome("sigterm_2", &consent);
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    let pid = s.program_pid();
    let status = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(
        s.wait_exit(),
        128 + 15,
        "killed by SIGTERM, as the shell says it"
    );
    assert_terminal_restored(&s);
    assert_eq!(fs::read(&consent).unwrap(), before, "the file is untouched");
}

#[test]
fn the_done_screen_closes_by_itself() {
    let (_dir, consent) = consent_location();
    let s = welcome("done_timeout", &consent);
    s.send_keys(&["r"]);
    s.wait_for(FR_DONE);
    // No key: the done screen closes after its delay (5 s), well within the deadline.
    assert_eq!(s.wait_exit(), 0);
    assert_terminal_restored(&s);
    let file = read_consent(&consent);
    assert_eq!(file["action"], "reject_all");
}

// ---------------------------------------------------------------------------------------------
// 10: small windows
// ---------------------------------------------------------------------------------------------

#[test]
fn a_custom_decision_works_end_to_end_at_40x15() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("small_40x15")
        .size(40, 15)
        .arg("--consent-file")
        .arg(consent.display().to_string())
        .start();
    s.wait_for_all(&[FR_ACCEPT, FR_REFUSE, FR_CHOOSE]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    s.send_keys(&["Tab", "Tab", "Tab"]);
    s.wait_cursor_on(FR_CHOOSE, 0);
    s.send_keys(&["Enter"]);
    let choose = s.wait_for("[x] Nécessaires");
    for name in [
        "[ ] Statistiques",
        "[ ] Internes (first-party)",
        "[ ] Tiers (third-party)",
    ] {
        assert!(choose.contains(name), "{name} shows at 40×15:\n{choose}");
    }
    s.wait_cursor_on("[x] Nécessaires", 4);
    // The required category cannot be unticked.
    s.send_keys(&["Space"]);
    s.send_keys(&["Down", "Down", "Down"]);
    s.wait_cursor_on("[ ] Tiers (third-party)", 4);
    s.send_keys(&["Space"]);
    let screen = s.wait_for("[x] Tiers (third-party)");
    assert!(screen.contains("[x] Nécessaires"), "{screen}");
    // Tab to the save button and press it.
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_SAVE, 0);
    s.send_keys(&["Enter"]);
    s.wait_for(FR_DONE);
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);
    let file = read_consent(&consent);
    assert_eq!(file["action"], "custom");
    assert_categories(&file, [true, false, false, true]);
}

#[test]
fn below_40x15_the_dialog_asks_for_a_larger_window() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("small_30x10")
        .size(30, 10)
        .consent(&consent)
        .start();
    let screen = s.wait_for("trop petite");
    assert!(
        common::shows(&screen, "40 colonnes sur 15 lignes"),
        "{screen}"
    );
    assert!(!common::shows(&screen, FR_ACCEPT), "{screen}");
    s.send_keys(&["Escape"]);
    assert_eq!(s.wait_exit(), 3);
    assert!(!consent.exists());
}
