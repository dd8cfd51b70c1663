//! End to end: no decision a visitor did not make, and nothing they agree to hidden. Each test
//! drives the real binary in tmux the way a visitor stumbles: a window too small, a paste, a
//! stray Alt, an Enter on the first screen, an operator locked out typing digits; and reads
//! what a small screen, plain mode or a colourless terminal shows.
//!
//! Needs `tmux` on the PATH.

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::*;

/// Starts the dialog on `consent` and waits for its first frame: the summary has the focus.
fn first_sight(k: Kiosk) -> Session {
    let s = k.start();
    s.wait_for_all(&[FR_ACCEPT, FR_REFUSE, FR_CHOOSE]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    s
}

/// Waits long enough for a key to have acted if it were going to, by making the program
/// answer a later key first: keys are read in order, so once `probe`'s effect shows, every
/// key sent before it has been handled.
fn settle(s: &Session, probe: &str, shows: &str) {
    s.send_keys(&[probe]);
    s.wait_for(shows);
}

fn assert_no_decision(consent: &Path, after: &str) {
    assert!(
        !consent.exists(),
        "a decision was saved after {after}: {}",
        std::fs::read_to_string(consent).unwrap_or_default()
    );
}

/// Whether any decision button is drawn focused (reverse video) on the current screen.
fn focused_decision_button(s: &Session) -> Option<&'static str> {
    let screen = s.screen();
    [FR_ACCEPT, FR_REFUSE, FR_CHOOSE, FR_SAVE]
        .into_iter()
        .find(|label| find(&screen, label).is_some_and(|(x, y)| s.attributes_at(x, y).contains(&7)))
}

#[test]
fn the_first_frame_favours_no_button_and_enter_decides_nothing() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("neutral").consent(&consent));
    assert_eq!(
        focused_decision_button(&s),
        None,
        "{}",
        s.screen_with_styles()
    );
    s.send_keys(&["Enter"]);
    s.send_keys(&["Space"]);
    // The help opens and closes: Enter and Space were read before, and did nothing.
    settle(&s, "?", "Aide");
    s.send_keys(&["?"]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    assert_no_decision(&consent, "Enter and Space on the first frame");
    // After F2 too, even with the focus on a way to decide.
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_ACCEPT, 0);
    s.send_keys(&["F2"]);
    s.wait_for(EN_ACCEPT);
    s.wait_cursor_on("Before the browser opens", 0);
    assert_eq!(focused_decision_button(&s), None);
    s.send_keys(&["Enter"]);
    settle(&s, "F2", FR_ACCEPT);
    assert_no_decision(&consent, "Enter after F2");
    // The way to the buttons is one Tab.
    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    s.send_keys(&["Enter"]);
    s.wait_for(FR_DONE);
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(read_consent(&consent)["action"], "reject_all");
}

#[test]
fn after_an_idle_reset_the_first_frame_is_neutral_again() {
    let (_dir, consent) = consent_location();
    let k = Kiosk::new("neutral_idle").consent(&consent).args(&[
        "run",
        "--kiosk",
        "--idle-timeout",
        "4",
    ]);
    let s = first_sight(k);
    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    // Four seconds without a key: back to a first sight of the welcome screen.
    s.wait_cursor_on(FR_SUMMARY, 0);
    assert_eq!(focused_decision_button(&s), None);
    s.send_keys(&["Enter"]);
    settle(&s, "?", "Aide");
    assert_no_decision(&consent, "Enter after an idle reset");
}

#[test]
fn a_too_small_window_acts_on_nothing_and_comes_back_as_it_was() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("too_small").consent(&consent));
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    s.resize(30, 10);
    s.wait_for("trop petite");
    for key in ["Enter", "Space", "r", "a", "e", "Tab", "Down", "F2", "?"] {
        s.send_keys(&[key]);
    }
    // A click where a button would be.
    s.click(10, 5);
    s.resize(80, 24);
    let back = s.wait_for(FR_CHOOSE_TITLE);
    assert!(
        back.contains("[x] Statistiques : accepté") && back.contains("[ ] Tiers"),
        "the dialog comes back in the same state:\n{back}"
    );
    s.wait_cursor_on("[x] Statistiques", 4);
    assert_no_decision(&consent, "keys and a click on a too-small window");
    // Leaving still works: Esc outside kiosk mode, exit 3.
    s.resize(30, 10);
    s.wait_for("trop petite");
    s.send_keys(&["Escape"]);
    assert_eq!(s.wait_exit(), 3);
    assert_no_decision(&consent, "leaving a too-small window");
}

#[test]
fn a_too_small_kiosk_keeps_the_visitor_and_the_operator_chord() {
    let (_dir, consent) = consent_location();
    let k = Kiosk::new("too_small_kiosk")
        .consent(&consent)
        .args(&["run", "--kiosk"]);
    let s = first_sight(k);
    s.resize(30, 10);
    s.wait_for("trop petite");
    let screen = s.screen();
    assert!(
        !shows(&screen, "Échap"),
        "no way out offered in kiosk mode:\n{screen}"
    );
    s.send_keys(&["Escape"]);
    s.send_keys(&["q", "Enter", "a"]);
    s.resize(80, 24);
    s.wait_cursor_on(FR_SUMMARY, 0);
    assert_eq!(s.exit_code(), None, "kiosk mode: still running");
    assert_no_decision(&consent, "keys on a too-small kiosk");
    // No PIN is set here: the chord leaves at once, even on a too-small window.
    s.resize(30, 10);
    s.wait_for("trop petite");
    s.send_keys(&["C-M-q"]);
    assert_eq!(s.wait_exit(), 4);
}

#[test]
fn pasted_text_and_alt_letters_press_nothing() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("paste").consent(&consent));
    s.paste("salut à tous");
    s.send_keys(&["M-a"]);
    s.send_keys(&["M-r"]);
    s.send_keys(&["M-q"]);
    settle(&s, "?", "Aide");
    assert_eq!(s.exit_code(), None, "Alt+q does not leave");
    s.send_keys(&["Escape"]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    assert_no_decision(&consent, "a paste and Alt letters");
    // A paste does not close the done screen either.
    s.send_keys(&["r"]);
    s.wait_for(FR_DONE);
    s.paste("salut");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(s.exit_code(), None, "a paste closed the done screen");
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(read_consent(&consent)["action"], "reject_all");
    assert_terminal_restored(&s);
}

/// How the statistics category's description begins, in English.
const EN_STATISTICS_FIRST_WORDS: &str = "They count visits and the pages people look at";

#[test]
fn at_40x15_every_text_can_be_read_whole() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("small").size(40, 15).consent(&consent));
    let screen = s.screen();
    assert!(
        shows(&screen, "? : aide"),
        "the footer keeps the help key:\n{screen}"
    );
    assert!(
        shows(&screen, "sur"),
        "the summary shows its position:\n{screen}"
    );
    // Down scrolls the summary to its end: how long the choice holds is there.
    let mut seen = screen.clone();
    for _ in 0..12 {
        s.send_keys(&["Down"]);
        std::thread::sleep(Duration::from_millis(100));
        seen.push_str(&s.screen());
    }
    assert!(shows(&seen, "180 jours au plus"), "{seen}");
    assert!(
        shows(&seen, "ne servent que si vous les acceptez"),
        "{seen}"
    );
    // The category descriptions are whole in English too, word after word.
    s.send_keys(&["F2"]);
    s.wait_for(EN_ACCEPT);
    s.send_keys(&["c"]);
    s.wait_for(EN_CHOOSE_TITLE);
    s.send_keys(&["Down"]);
    s.wait_for(EN_STATISTICS_FIRST_WORDS);
    let mut seen = String::new();
    for _ in 0..6 {
        seen.push_str(&s.screen());
        s.send_keys(&["PageDown"]);
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(
        shows(&seen, EN_STATISTICS_FIRST_WORDS) && shows(&seen, "only used if you accept them"),
        "the statistics description, whole:\n{seen}"
    );
    assert!(!seen.contains('…'), "nothing cut:\n{seen}");
}

#[test]
fn plain_mode_shows_every_description_whole() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("plain_full").arg("--plain").consent(&consent));
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    for (i, words) in [
        "ils gardent votre session ouverte, votre langue et votre choix sur les cookies",
        "Ils comptent les visites et les pages consultées pour aider à améliorer le site",
        "par exemple pour suivre votre parcours ou personnaliser ce qui vous est montré",
        "qui peut ainsi savoir quelles pages vous avez vues",
    ]
    .iter()
    .enumerate()
    {
        if i > 0 {
            s.send_keys(&["Down"]);
        }
        let screen = s.wait_for(words);
        assert!(!screen.contains('…'), "{screen}");
    }
}

#[test]
fn without_colour_the_focus_is_still_reverse_video_in_every_theme() {
    for theme in ["default", "high-contrast", "mono"] {
        let (_dir, consent) = consent_location();
        let s = first_sight(
            Kiosk::new(&format!("nocolor_{theme}"))
                .env("NO_COLOR", "1")
                .args(&["--theme", theme])
                .consent(&consent),
        );
        s.send_keys(&["Tab", "Tab"]);
        let (x, y) = s.wait_cursor_on(FR_REFUSE, 0);
        let focused = s.attributes_at(x, y);
        assert!(
            focused.contains(&7),
            "{theme}: focus in reverse video: {focused:?}"
        );
        let (ax, ay) = find(&s.screen(), FR_ACCEPT).unwrap();
        assert!(
            !s.attributes_at(ax, ay).contains(&7),
            "{theme}: only the focus"
        );
        // The title bar does not look like the focus.
        let title = s.attributes_at(3, 0);
        assert_ne!(title, focused, "{theme}: title styled like the focus");
    }
}

#[test]
fn help_closes_with_the_key_that_opened_it_and_q_only_goes_back() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("help_keys").consent(&consent));
    s.send_keys(&["?"]);
    let help = s.wait_for("Aide");
    assert!(
        !help.contains("cocher"),
        "no categories on welcome:\n{help}"
    );
    s.send_keys(&["?"]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    s.send_keys(&["F1"]);
    s.wait_for("Aide");
    s.send_keys(&["q"]);
    s.wait_cursor_on(FR_SUMMARY, 0);
    assert_eq!(
        s.exit_code(),
        None,
        "q in the help goes back, it does not leave"
    );
    // Q leaves like q (letters are not case-sensitive).
    s.send_keys(&["Q"]);
    assert_eq!(s.wait_exit(), 3);
}

#[test]
fn a_tap_anywhere_on_a_button_box_presses_it() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("tap").consent(&consent));
    let (x, y) = find(&s.screen(), FR_REFUSE).unwrap();
    // The box is three rows high: a finger landing one row above the label still hits it.
    s.click(x, y - 1);
    s.wait_for(FR_DONE);
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);
    assert_eq!(read_consent(&consent)["action"], "reject_all");
}

#[test]
fn the_charter_keeps_its_place_through_f2_and_counts_from_the_top() {
    let (_dir, consent) = consent_location();
    let s = first_sight(Kiosk::new("charter_f2").consent(&consent));
    s.send_keys(&["c"]);
    let top = s.wait_for("Lignes 1 à");
    assert!(
        shows(&top, "(0 %)"),
        "the top of the charter is 0 %:\n{top}"
    );
    s.send_keys(&["PageDown"]);
    s.wait_until("the charter's third part", |screen| {
        if shows(screen, "Comment votre choix est traité") {
            return true;
        }
        s.send_keys(&["Down"]);
        false
    });
    s.send_keys(&["F2"]);
    let english = s.wait_for("Lines");
    assert!(
        shows(&english, "How your choice is handled on this kiosk"),
        "the same part of the charter, in English:\n{english}"
    );
    s.send_keys(&["End"]);
    s.wait_for("(100 %)");
}

/// The palette colours (0–15, or a 256-colour index) a styled screen (`capture-pane -e`)
/// sets, foreground and background alike; an RGB colour counts as 256.
fn colours_sent(styled: &str) -> Vec<u32> {
    let mut found = Vec::new();
    for part in styled.split("\x1b[").skip(1) {
        let Some(end) = part.find(|c: char| c.is_ascii_alphabetic()) else {
            continue;
        };
        if part.as_bytes()[end] != b'm' {
            continue;
        }
        let params: Vec<u32> = part[..end]
            .split(';')
            .filter_map(|p| p.parse().ok())
            .collect();
        let mut i = 0;
        while i < params.len() {
            match params[i] {
                38 | 48 if params.get(i + 1) == Some(&5) => {
                    found.extend(params.get(i + 2).copied());
                    i += 2;
                }
                38 | 48 => {
                    found.push(256);
                    i += 4;
                }
                p @ (30..=37 | 40..=47) => found.push(p % 10),
                p @ (90..=97 | 100..=107) => found.push(p % 10 + 8),
                _ => {}
            }
            i += 1;
        }
    }
    found
}

#[test]
fn high_contrast_sends_only_colours_that_reach_seven_to_one() {
    let (_dir, consent) = consent_location();
    let s = first_sight(
        Kiosk::new("high_contrast")
            .args(&["--theme", "high-contrast"])
            .consent(&consent),
    );
    s.send_keys(&["Tab"]);
    s.wait_cursor_on(FR_ACCEPT, 0);
    let mut sent = colours_sent(&s.screen_with_styles());
    s.send_keys(&["p"]);
    s.wait_for(FR_CHOOSE_TITLE);
    sent.extend(colours_sent(&s.screen_with_styles()));
    // Black (0), bright yellow (11) and bright white (15) only: all 7:1 or more against each
    // other on the Linux console's palette, where yellow (3) is brown, about 4:1.
    let other: Vec<u32> = sent
        .iter()
        .copied()
        .filter(|c| ![0, 11, 15].contains(c))
        .collect();
    assert!(
        other.is_empty(),
        "colours below 7:1 on the console: {other:?}"
    );
    assert!(sent.contains(&11), "the accent is bright yellow: {sent:?}");
}
