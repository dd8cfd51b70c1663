//! End to end with a real screen reader: the dialog on a Linux virtual console (80×25,
//! TERM=linux), read by BRLTTY as a 40-cell braille display would show it (see
//! `common::console`). A braille reader sees one window of 40 cells, placed where the cursor
//! is; after every key, the focused control must be there whole, from the braille cursor, and
//! a category's state in words. Needs root, virtual consoles, brltty and kbd: elsewhere each
//! test says why it cannot run and passes (fails under CI=true).

use crate::common;

use common::*;

const FR_CHARTER: &str = "Lire la charte des cookies (C)";
const FR_LANGUAGE: &str = "Langue : Français (F2)";
const FR_BACK: &str = "Retour (Échap)";
/// The choose screen's rows, as read from the cursor (after the check box): the category,
/// then its state in words.
const NECESSARY: &str = "Nécessaires : toujours actif";
const STATISTICS_OFF: &str = "Statistiques : refusé";
const FIRST_PARTY_OFF: &str = "Internes (first-party) : refusé";
const FIRST_PARTY_ON: &str = "Internes (first-party) : accepté";
const THIRD_PARTY_OFF: &str = "Tiers (third-party) : refusé";
/// What the done screen says was saved, where its cursor is.
const REFUSED_ALL: &str = "Vous avez refusé tous les cookies facultatifs.";
const CHOSE: &str = "Vous avez choisi catégorie par catégorie.";

/// Tab, then the newly focused control whole on the display, for each of `labels`.
fn tab_through(b: &BrailleConsole, labels: &[&str]) {
    for label in labels {
        b.type_keys("\t");
        b.wait_focus(label);
    }
}

/// The done screen: it says what was saved, which the reader reads from the cursor; any key
/// closes it, and the program exits 0.
fn read_done_and_close(b: &mut BrailleConsole, saved: &str) {
    b.wait_screen(FR_DONE);
    b.read_line_from_cursor(saved);
    b.type_keys("\r");
    assert_eq!(b.wait_exit(), 0, "a saved decision exits 0");
}

#[test]
fn refuse_all_reads_whole_on_a_braille_display() {
    let (_dir, consent) = consent_location();
    let Some(mut b) = BrailleConsole::start("refuse_all", &["run"], &consent) else {
        return;
    };
    // The first frame: the summary, where the focus starts.
    b.wait_focus(FR_SUMMARY);
    // Every control of the welcome screen, round to the summary again, then to Refuse all.
    tab_through(
        &b,
        &[
            FR_ACCEPT,
            FR_REFUSE,
            FR_CHOOSE,
            FR_CHARTER,
            FR_LANGUAGE,
            FR_SUMMARY,
            FR_ACCEPT,
            FR_REFUSE,
        ],
    );
    b.type_keys("\r");
    read_done_and_close(&mut b, REFUSED_ALL);
    drop(b);

    let file = read_consent(&consent);
    assert_eq!(file["action"], "reject_all");
    assert_categories(&file, [true, false, false, false]);
}

#[test]
fn a_custom_choice_reads_whole_on_a_braille_display() {
    let (_dir, consent) = consent_location();
    let Some(mut b) = BrailleConsole::start("custom", &["run"], &consent) else {
        return;
    };
    b.wait_focus(FR_SUMMARY);
    tab_through(&b, &[FR_ACCEPT, FR_REFUSE, FR_CHOOSE]);
    b.type_keys("\r");
    b.wait_screen(FR_CHOOSE_TITLE);
    // The focus starts on the first category; every optional one starts refused.
    b.wait_focus(NECESSARY);
    tab_through(&b, &[STATISTICS_OFF, FIRST_PARTY_OFF]);
    // Space ticks the focused category: its new state, in words, under the cursor.
    b.type_keys(" ");
    b.wait_focus(FIRST_PARTY_ON);
    // Every other control of the screen, round to the categories again (the ticked one kept
    // its state), then to Save.
    tab_through(
        &b,
        &[
            THIRD_PARTY_OFF,
            FR_SAVE,
            FR_ACCEPT,
            FR_REFUSE,
            FR_BACK,
            NECESSARY,
            STATISTICS_OFF,
            FIRST_PARTY_ON,
            THIRD_PARTY_OFF,
            FR_SAVE,
        ],
    );
    b.type_keys("\r");
    read_done_and_close(&mut b, CHOSE);
    drop(b);

    // Exactly the ticked category changed: the others are as they started.
    let file = read_consent(&consent);
    assert_eq!(file["action"], "custom");
    assert_categories(&file, [true, false, true, false]);
}
