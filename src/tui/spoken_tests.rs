//! What the voice says, screen by screen and control by control, from the same state the
//! screen is drawn from; and the rules of the voice (keys, the done screen's wait).

use std::time::{Duration, Instant};

use super::action::VoiceStatus;
use super::action::{Action, Button, Effect, Pane, Screen};
use super::context::Ui;
use super::options::SpeechMode;
use super::spoken;
use super::state::{DONE_DELAY, Focus, Say, State};
use super::tests::{fresh, help_text, run, screen_text, ui};
use crate::consent;
use crate::exit::Exit;
use crate::kiosk::{Lockout, PinOutcome};

/// A visitor with the voice in `mode`, at the default rate and volume.
fn with_voice(ui: &Ui, mode: SpeechMode) -> State {
    fresh(ui).speaking(mode, 0, 100)
}

/// What the voice is given after the last update, worded, and taken as the loop takes it.
fn heard(ui: &Ui, state: &mut State) -> String {
    let says = std::mem::take(&mut state.speech.pending);
    spoken::text(ui, state, &says)
}

/// A visitor who turned the voice on and heard its first words.
fn listening(ui: &Ui) -> State {
    let mut s = with_voice(ui, SpeechMode::Offer);
    heard(ui, &mut s);
    run(ui, &mut s, &[Action::Voice]);
    heard(ui, &mut s);
    s
}

fn record(ui: &Ui, decision: consent::Decision, granted: &[bool]) -> Box<consent::Record> {
    Box::new(consent::Record::new(
        &ui.policy,
        "fr-FR",
        time::macros::datetime!(2026-12-01 09:30:00 UTC),
        decision,
        granted,
    ))
}

#[test]
fn without_a_voice_nothing_is_said_and_no_key_is_offered() {
    let ui = ui(0);
    let mut s = with_voice(&ui, SpeechMode::Off);
    assert!(s.speech.pending.is_empty());
    run(&ui, &mut s, &[Action::Voice, Action::FocusNext]);
    assert!(!s.speech.on);
    assert_eq!(heard(&ui, &mut s), "");
    assert!(!screen_text(&ui, &s).contains("F4"));
    run(&ui, &mut s, &[Action::Help]);
    assert!(!help_text(&ui, &s).contains("F4"));
}

#[test]
fn the_offer_is_said_once_and_shown_and_listed_in_the_help() {
    let ui = ui(0);
    let mut s = with_voice(&ui, SpeechMode::Offer);
    let offer = heard(&ui, &mut s);
    assert!(offer.contains("F4"), "{offer}");
    // Said once: moving on says nothing while the voice is off.
    run(&ui, &mut s, &[Action::FocusNext]);
    assert_eq!(heard(&ui, &mut s), "");
    assert!(screen_text(&ui, &s).contains("F4 : voix"));
    run(&ui, &mut s, &[Action::Help]);
    let help = help_text(&ui, &s);
    assert!(
        help.contains("F4") && help.contains("faire lire le dialogue"),
        "{help}"
    );
}

#[test]
fn f4_turns_the_voice_on_and_it_reads_the_screen() {
    let ui = ui(0);
    let mut s = with_voice(&ui, SpeechMode::Offer);
    heard(&ui, &mut s);
    run(&ui, &mut s, &[Action::Voice]);
    let said = heard(&ui, &mut s);
    assert!(said.starts_with("Voix activée."), "{said}");
    assert!(said.contains("Les cookies de data.grigny91.fr."), "{said}");
    assert!(said.contains("Avant d'ouvrir le navigateur"), "{said}");
    // On, the voice's other keys are in the help; the offer is gone from the footer.
    assert!(!screen_text(&ui, &s).contains("F4 : voix"));
    run(&ui, &mut s, &[Action::Help]);
    let help = help_text(&ui, &s);
    for key in ["F5", "F6", "F7", "F8 / F9", "F10 / F11"] {
        assert!(help.contains(key), "{key} in {help}");
    }
    // F4 again: said, then quiet.
    run(&ui, &mut s, &[Action::Back, Action::Voice]);
    assert_eq!(heard(&ui, &mut s), "Voix coupée. F4 la remet.");
    run(&ui, &mut s, &[Action::FocusNext]);
    assert_eq!(heard(&ui, &mut s), "");
}

#[test]
fn each_focus_says_the_label_role_and_place() {
    let ui = ui(0);
    let mut s = listening(&ui);
    run(&ui, &mut s, &[Action::FocusNext]);
    assert_eq!(
        heard(&ui, &mut s),
        "Tout accepter, bouton, touche A, 1 sur 5."
    );
    run(&ui, &mut s, &[Action::FocusNext]);
    assert_eq!(
        heard(&ui, &mut s),
        "Tout refuser, bouton, touche R, 2 sur 5."
    );
    run(&ui, &mut s, &[Action::FocusPrev, Action::FocusPrev]);
    // Back on the summary: the summary.
    assert!(heard(&ui, &mut s).starts_with("Avant d'ouvrir le navigateur"));
}

#[test]
fn a_category_says_its_state_and_space_its_new_state() {
    let ui = ui(0);
    let mut s = listening(&ui);
    run(&ui, &mut s, &[Action::Press(Button::Choose)]);
    let said = heard(&ui, &mut s);
    assert!(
        said.starts_with("Choisissez les cookies que vous acceptez. 4 catégories."),
        "{said}"
    );
    assert!(
        said.ends_with("Nécessaires, toujours actif, ne peut pas être décoché, 1 sur 4."),
        "{said}"
    );
    run(&ui, &mut s, &[Action::Down]);
    assert_eq!(
        heard(&ui, &mut s),
        "Statistiques, case à cocher, refusé, 2 sur 4."
    );
    run(&ui, &mut s, &[Action::Toggle]);
    assert_eq!(heard(&ui, &mut s), "accepté.");
    // The screen shows what is said.
    assert!(screen_text(&ui, &s).contains("accepté"));
    run(&ui, &mut s, &[Action::Details]);
    let details = heard(&ui, &mut s);
    assert!(details.starts_with("Statistiques :"), "{details}");
    assert!(
        details.contains("Aucun cookie dans cette catégorie."),
        "{details}"
    );
    run(&ui, &mut s, &[Action::Up, Action::Details]);
    heard(&ui, &mut s);
    run(&ui, &mut s, &[Action::Details]);
    let necessary = heard(&ui, &mut s);
    assert!(necessary.contains("4 cookies :"), "{necessary}");
    assert!(
        necessary.contains("sessionid, de Opendatasoft"),
        "{necessary}"
    );
}

#[test]
fn the_saved_decision_is_said_in_words_and_the_screen_waits_for_it() {
    let ui = ui(0);
    let mut s = listening(&ui);
    let t0 = Instant::now();
    let decided = record(
        &ui,
        consent::Decision::RejectAll,
        &[true, false, false, false],
    );
    run(
        &ui,
        &mut s,
        &[Action::Input(t0), Action::Saved(Ok(decided), t0)],
    );
    let said = heard(&ui, &mut s);
    assert!(said.starts_with("Votre choix est enregistré."), "{said}");
    assert!(
        said.contains("Vous avez refusé tous les cookies facultatifs."),
        "{said}"
    );
    assert!(said.contains("Statistiques : refusé."), "{said}");
    let status = |speaking| VoiceStatus {
        speaking,
        available: true,
        connecting: false,
    };
    run(&ui, &mut s, &[Action::VoiceStatus(status(true))]);
    // Still speaking at the end of the delay: the screen stays, and looks again soon.
    assert_eq!(run(&ui, &mut s, &[Action::Tick(t0 + DONE_DELAY)]), None);
    assert_eq!(s.screen, Screen::Done);
    assert!(s.next_deadline().is_some_and(|at| at > t0 + DONE_DELAY));
    run(&ui, &mut s, &[Action::VoiceStatus(status(false))]);
    assert_eq!(
        run(
            &ui,
            &mut s,
            &[Action::Tick(t0 + DONE_DELAY + Duration::from_secs(1))]
        ),
        Some(Effect::Quit(Exit::Success))
    );
}

#[test]
fn a_voice_that_never_finishes_keeps_the_done_screen_a_minute_at_most() {
    let ui = ui(0);
    let mut s = listening(&ui);
    let t0 = Instant::now();
    let decided = record(&ui, consent::Decision::AcceptAll, &[true; 4]);
    let speaking = VoiceStatus {
        speaking: true,
        available: true,
        connecting: false,
    };
    run(
        &ui,
        &mut s,
        &[
            Action::Saved(Ok(decided), t0),
            Action::VoiceStatus(speaking),
        ],
    );
    assert_eq!(
        run(&ui, &mut s, &[Action::Tick(t0 + Duration::from_secs(30))]),
        None
    );
    assert_eq!(
        run(&ui, &mut s, &[Action::Tick(t0 + Duration::from_secs(61))]),
        Some(Effect::Quit(Exit::Success))
    );
}

#[test]
fn the_pin_is_heard_as_stars_never_as_digits() {
    let ui = ui(0);
    let mut s = listening(&ui).in_kiosk(true);
    run(&ui, &mut s, &[Action::OperatorExit]);
    assert_eq!(
        heard(&ui, &mut s),
        "Sortie opérateur. Code PIN de l'opérateur :"
    );
    let mut said = Vec::new();
    for c in ['4', '2', '7'] {
        run(&ui, &mut s, &[Action::PinChar(c)]);
        said.push(heard(&ui, &mut s));
    }
    assert_eq!(said, ["étoile.", "étoile.", "étoile."]);
    run(&ui, &mut s, &[Action::PinBackspace]);
    assert_eq!(heard(&ui, &mut s), "effacé.");
    run(
        &ui,
        &mut s,
        &[Action::PinChecked(PinOutcome::Wrong, Lockout::default())],
    );
    assert_eq!(heard(&ui, &mut s), "Code incorrect.");
}

#[test]
fn the_idle_warning_is_said_and_the_answer_says_where_the_visitor_is() {
    let ui = ui(0);
    let mut s = listening(&ui)
        .in_kiosk(false)
        .idle_after(Duration::from_secs(120));
    let t0 = Instant::now();
    run(&ui, &mut s, &[Action::Input(t0), Action::FocusNext]);
    heard(&ui, &mut s);
    run(&ui, &mut s, &[Action::Tick(t0 + Duration::from_secs(90))]);
    let said = heard(&ui, &mut s);
    assert!(said.starts_with("Êtes-vous toujours là ?"), "{said}");
    assert!(said.contains("dans 30 secondes"), "{said}");
    run(&ui, &mut s, &[Action::Stay]);
    assert_eq!(
        heard(&ui, &mut s),
        "Tout accepter, bouton, touche A, 1 sur 5."
    );
}

#[test]
fn the_charter_is_read_paragraph_by_paragraph_and_the_screen_follows() {
    let ui = ui(0);
    let mut s = listening(&ui);
    run(&ui, &mut s, &[Action::Press(Button::Charter)]);
    let first = heard(&ui, &mut s);
    assert!(
        first.starts_with("Charte des cookies. Flèche bas"),
        "{first}"
    );
    let mut paragraphs = vec![];
    for _ in 0..3 {
        run(&ui, &mut s, &[Action::Down]);
        paragraphs.push(heard(&ui, &mut s));
    }
    assert!(paragraphs.iter().all(|p| !p.is_empty()));
    assert_ne!(paragraphs[0], paragraphs[1]);
    // The screen shows the paragraph being read, at the top.
    let screen = screen_text(&ui, &s);
    let top = screen.lines().nth(1).unwrap().trim();
    let words: Vec<&str> = top.split_whitespace().take(3).collect();
    assert!(
        paragraphs[2].starts_with(&words.join(" ")),
        "{top} / {}",
        paragraphs[2]
    );
    run(&ui, &mut s, &[Action::Up]);
    assert_eq!(heard(&ui, &mut s), paragraphs[1]);
    run(&ui, &mut s, &[Action::Repeat]);
    assert_eq!(s.speech.pending, [Say::Again]);
    // To the end, and past it.
    let mut last = String::new();
    for _ in 0..500 {
        run(&ui, &mut s, &[Action::Down]);
        last = heard(&ui, &mut s);
        if last.starts_with("Fin de la charte") {
            break;
        }
    }
    assert_eq!(last, "Fin de la charte. Échap pour revenir.");
    assert_eq!(s.focus, Focus::Text);
    assert_eq!(
        s.scroll.get(Pane::Charter),
        s.extents.get(Pane::Charter).unwrap().max_scroll()
    );
}

#[test]
fn f2_switches_the_voice_to_the_other_language() {
    let ui = ui(0);
    let mut s = listening(&ui);
    run(
        &ui,
        &mut s,
        &[Action::Press(Button::Choose), Action::Language],
    );
    let said = heard(&ui, &mut s);
    assert!(
        said.starts_with("Choose which cookies you accept. 4 categories."),
        "{said}"
    );
    assert!(
        said.ends_with("Necessary, always on, cannot be unticked, 1 of 4."),
        "{said}"
    );
    assert_eq!(ui.l10n(s.locale).langid().to_string(), "en-US");
}

#[test]
fn rate_and_volume_move_in_steps_within_their_range_and_a_new_visit_restores_them() {
    let ui = ui(0);
    let mut s = fresh(&ui)
        .speaking(SpeechMode::On, 90, 100)
        .idle_after(Duration::from_secs(120));
    assert_eq!(s.speech.pending, [Say::VoiceOn, Say::Screen]);
    heard(&ui, &mut s);
    run(&ui, &mut s, &[Action::Rate(10), Action::Rate(10)]);
    assert_eq!(s.speech.rate, 100);
    assert_eq!(heard(&ui, &mut s), "Vitesse 100.");
    run(&ui, &mut s, &[Action::Volume(-10)]);
    assert_eq!(heard(&ui, &mut s), "Volume 90.");
    run(&ui, &mut s, &[Action::Pause]);
    assert!(s.speech.paused);
    run(&ui, &mut s, &[Action::IdleTimeout]);
    assert_eq!(
        (s.speech.rate, s.speech.volume, s.speech.paused),
        (90, 100, false)
    );
    assert!(s.speech.on, "on from the start with --speech on");
}

#[test]
fn the_next_visitor_is_offered_the_voice_again_with_it_off() {
    let ui = ui(0);
    let mut s = listening(&ui);
    run(&ui, &mut s, &[Action::FocusNext, Action::IdleTimeout]);
    assert!(!s.speech.on);
    assert_eq!(s.speech.pending, [Say::Offer]);
}

#[test]
fn a_missing_voice_is_said_on_screen() {
    let ui = ui(0);
    let mut s = with_voice(&ui, SpeechMode::Offer);
    // Connecting: the dialog looks again soon, to tell.
    run(&ui, &mut s, &[Action::Input(Instant::now())]);
    assert!(s.next_deadline().is_some());
    let gone = VoiceStatus {
        speaking: false,
        available: false,
        connecting: false,
    };
    run(&ui, &mut s, &[Action::VoiceStatus(gone), Action::Voice]);
    assert!(screen_text(&ui, &s).contains("Voix indisponible"));
    assert_eq!(s.next_deadline(), None, "no wake-up once it is known");
}

#[test]
fn every_screen_and_control_has_words_in_both_languages() {
    for locale in 0..2 {
        let ui = ui(locale);
        let mut s = State::new(&ui.policy, locale, None, (80, 24)).speaking(SpeechMode::On, 0, 100);
        for screen_key in [
            Action::Press(Button::Choose),
            Action::Back,
            Action::Press(Button::Charter),
            Action::Back,
            Action::Help,
        ] {
            run(&ui, &mut s, &[screen_key]);
            let order = s.focus_order();
            for _ in 0..order.len() {
                let said = heard(&ui, &mut s);
                assert!(
                    !said.is_empty(),
                    "{:?} {:?} in locale {locale}",
                    s.screen,
                    s.focus
                );
                assert!(!said.contains("speech-"), "a raw message id: {said}");
                run(&ui, &mut s, &[Action::FocusNext]);
            }
            heard(&ui, &mut s);
        }
    }
}

#[test]
fn a_shortcut_that_saves_says_the_done_screen_not_the_button() {
    let ui = ui(0);
    let mut s = listening(&ui);
    run(&ui, &mut s, &[Action::Press(Button::Choose)]);
    heard(&ui, &mut s);
    // The shortcut moves the focus to the button and saves: the loop then gets the outcome.
    let effect = run(&ui, &mut s, &[Action::Press(Button::Save)]);
    assert!(matches!(effect, Some(Effect::Save { .. })));
    let decided = record(&ui, consent::Decision::Custom, &[true, false, false, false]);
    run(&ui, &mut s, &[Action::Saved(Ok(decided), Instant::now())]);
    let said = heard(&ui, &mut s);
    assert!(said.starts_with("Votre choix est enregistré."), "{said}");
}
