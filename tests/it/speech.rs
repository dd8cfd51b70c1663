//! The voice end to end: the real binary in a real terminal (tmux), talking to a private
//! speech-dispatcher whose output module records each message (`common::Speechd`) — the
//! utterances a blind visitor hears over a whole journey, in French and in English, and a key
//! that cuts the voice off.
//!
//! Needs `tmux` and `speech-dispatcher` (`.ci/run` installs both; elsewhere the test says it
//! cannot run and how to install them, and fails under `CI=true`).

use crate::common;

use std::path::Path;
use std::time::Duration;

use common::*;

/// The dialog in kiosk mode (which offers its voice), speaking to `speechd`.
fn dialog(name: &str, speechd: &Speechd, consent: &Path, extra: &[&str]) -> Session {
    let address = format!("unix_socket:{}", speechd.socket().display());
    let mut k = Kiosk::new(name)
        .consent(consent)
        .env("SPEECHD_ADDRESS", &address)
        .args(&["run", "--kiosk", "--no-log"]);
    for a in extra {
        k = k.arg(a);
    }
    k.start()
}

/// Waits until the voice has started saying `text` (the last utterance is it), and returns
/// every utterance so far.
fn hears(speechd: &Speechd, text: &str) -> Vec<Utterance> {
    speechd.wait_until(text, |said| said.last().is_some_and(|u| u.text == text))
}

/// Waits until the last utterance starts with `start`; returns it.
fn hears_start(speechd: &Speechd, start: &str) -> Utterance {
    let said = speechd.wait_until(start, |said| {
        said.last().is_some_and(|u| u.text.starts_with(start))
    });
    said.last().cloned().unwrap()
}

#[test]
fn a_blind_visitor_chooses_category_by_category_in_french() {
    let Some(speechd) = Speechd::start() else {
        return;
    };
    let (_dir, consent) = consent_location();
    let s = dialog("speech-fr", &speechd, &consent, &[]);
    // Offered aloud, once, before anything is pressed.
    let offer = hears_start(&speechd, "Pour entendre ce dialogue à voix haute");
    assert_eq!(offer.language, "fr");
    assert!(offer.text.contains("F4"), "{}", offer.text);
    s.send_keys(&["F4"]);
    let on = hears_start(&speechd, "Voix activée.");
    assert!(
        on.text.contains("Les cookies de data.grigny91.fr."),
        "{}",
        on.text
    );
    assert!(
        on.text.contains("Avant d'ouvrir le navigateur"),
        "{}",
        on.text
    );
    s.send_keys(&["Tab"]);
    hears(&speechd, "Tout accepter, bouton, touche A, 1 sur 5.");
    s.send_keys(&["p"]);
    let choose = hears_start(
        &speechd,
        "Choisissez les cookies que vous acceptez. 4 catégories.",
    );
    assert!(
        choose
            .text
            .ends_with("Nécessaires, toujours actif, ne peut pas être décoché, 1 sur 4."),
        "{}",
        choose.text
    );
    s.send_keys(&["Down"]);
    hears(&speechd, "Statistiques, case à cocher, refusé, 2 sur 4.");
    s.send_keys(&["Space"]);
    hears(&speechd, "accepté.");
    s.send_keys(&["F6"]);
    hears_start(&speechd, "Statistiques :");
    s.send_keys(&["e"]);
    let done = hears_start(&speechd, "Votre choix est enregistré.");
    assert!(
        done.text
            .contains("Vous avez choisi catégorie par catégorie."),
        "{}",
        done.text
    );
    assert!(
        done.text.contains("Statistiques : accepté."),
        "{}",
        done.text
    );
    assert!(
        done.text.contains("Tiers (third-party) : refusé."),
        "{}",
        done.text
    );
    // The done screen closes once its summary has been said whole.
    assert_eq!(s.wait_exit(), 0);
    let said = speechd.said();
    assert!(
        said.last().is_some_and(|u| u.text == done.text && u.ended),
        "{said:#?}"
    );
    let texts: Vec<&str> = said.iter().map(|u| u.text.as_str()).collect();
    let order = [
        "Pour entendre",
        "Voix activée.",
        "Tout accepter, bouton",
        "Choisissez les cookies",
        "Statistiques, case à cocher, refusé",
        "accepté.",
        "Statistiques :",
        "Votre choix est enregistré.",
    ];
    assert_eq!(
        texts.len(),
        order.len(),
        "one utterance per step: {texts:#?}"
    );
    for (text, start) in texts.iter().zip(order) {
        assert!(text.starts_with(start), "{start} in {texts:#?}");
    }
    assert!(said.iter().all(|u| u.language == "fr"), "{said:#?}");
    assert_categories(&read_consent(&consent), [true, true, false, false]);
}

#[test]
fn a_blind_visitor_refuses_all_in_english() {
    let Some(speechd) = Speechd::start() else {
        return;
    };
    let (_dir, consent) = consent_location();
    let s = dialog("speech-en", &speechd, &consent, &["--lang", "en"]);
    let offer = hears_start(&speechd, "To hear this dialog read aloud, press the F4 key");
    assert_eq!(offer.language, "en");
    s.send_keys(&["F4"]);
    hears_start(&speechd, "Voice on.");
    s.send_keys(&["Tab"]);
    hears(&speechd, "Accept all, button, key A, 1 of 5.");
    s.send_keys(&["Tab"]);
    hears(&speechd, "Refuse all, button, key R, 2 of 5.");
    s.send_keys(&["Enter"]);
    let done = hears_start(&speechd, "Your choice is saved.");
    assert!(
        done.text.contains("You refused all optional cookies."),
        "{}",
        done.text
    );
    assert!(done.text.contains("Statistics: refused."), "{}", done.text);
    assert_eq!(s.wait_exit(), 0);
    let said = speechd.said();
    assert!(said.iter().all(|u| u.language == "en"), "{said:#?}");
    assert!(said.last().is_some_and(|u| u.ended), "{said:#?}");
    assert_categories(&read_consent(&consent), [true, false, false, false]);
}

#[test]
fn a_key_cuts_the_voice_off_and_f2_switches_its_language() {
    // Every message takes the module 4 s to "say": a key pressed meanwhile must cut it.
    let Some(speechd) = Speechd::recording(Duration::from_secs(4)) else {
        return;
    };
    let (_dir, consent) = consent_location();
    let s = dialog("speech-cut", &speechd, &consent, &["--speech", "on"]);
    // With --speech on the voice starts at once, with its keys and the screen.
    let first = hears_start(&speechd, "Voix activée.");
    s.send_keys(&["Tab"]);
    hears(&speechd, "Tout accepter, bouton, touche A, 1 sur 5.");
    s.send_keys(&["F2"]);
    let english = hears_start(&speechd, "Cookies on data.grigny91.fr.");
    assert_eq!(english.language, "en");
    // A key with nothing to say still silences the voice: no stale speech.
    s.send_keys(&["F5"]);
    let again = speechd.wait_until("the repeat", |said| said.len() >= 4);
    assert_eq!(again[3].text, english.text, "F5 says the last words again");
    s.send_keys(&["Up"]);
    let said = speechd.wait_until("the up arrow's words", |said| said.len() >= 5);
    let first_said = said.iter().find(|u| u.text == first.text).unwrap();
    assert!(!first_said.ended, "cut off by Tab: {said:#?}");
    assert!(
        !said[1].ended && !said[2].ended && !said[3].ended,
        "{said:#?}"
    );
    drop(s);
}

#[test]
fn without_speech_dispatcher_the_dialog_works_and_says_so_on_screen() {
    // The tests' environment points at a socket nobody listens on (`base_env`).
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("speech-missing")
        .consent(&consent)
        .args(&["run", "--kiosk", "--no-log"])
        .start();
    s.wait_for_all(&[FR_ACCEPT, "F4 : voix"]);
    s.send_keys(&["F4"]);
    s.wait_for("Voix indisponible");
    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on(FR_REFUSE, 0);
    s.send_keys(&["Enter"]);
    s.wait_for(FR_DONE);
    assert_eq!(s.wait_exit(), 0);
    assert_categories(&read_consent(&consent), [true, false, false, false]);
}

#[test]
fn a_voice_on_from_the_start_that_cannot_speak_is_said_unavailable_untouched() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("speech-missing-on")
        .consent(&consent)
        .args(&["run", "--speech", "on"])
        .start();
    // No key pressed: the dialog looks again while the voice connects, and tells.
    s.wait_for("Voix indisponible");
    s.send_keys(&["q"]);
    assert_eq!(s.wait_exit(), 3);
}

#[test]
fn a_language_without_a_voice_is_said_so_and_read_in_one_with_a_voice() {
    // The private server has French and English voices; the example policy's Spanish has none.
    let Some(speechd) = Speechd::start() else {
        return;
    };
    let (_dir, consent) = consent_location();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/ville-exemple");
    let s = dialog(
        "speech-es",
        &speechd,
        &consent,
        &["--policy", &example.display().to_string(), "--lang", "es"],
    );
    s.wait_for("Aceptar todo (A)");
    // Said first, once, in French (the policy's first language with a voice), then the offer.
    let offer = speechd.wait_until("the offer", |said| !said.is_empty())[0].clone();
    assert_eq!(offer.language, "fr", "{offer:?}");
    assert!(
        offer.text.starts_with(
            "Aucune voix ne parle la langue Español sur cette borne : la voix lit en Français. \
             Pour entendre ce dialogue à voix haute"
        ),
        "{}",
        offer.text
    );
    s.send_keys(&["F4"]);
    let on = hears_start(&speechd, "Voix activée.");
    assert_eq!(on.language, "fr");
    assert!(
        on.text.contains("Les cookies de donnees.ville-exemple.fr."),
        "{}",
        on.text
    );
    // Said once, not before every sentence.
    s.send_keys(&["Tab"]);
    hears(&speechd, "Tout accepter, bouton, touche A, 1 sur 5.");
    // F2 goes to French (the policy's first language), then English: each with its voice.
    s.send_keys(&["F2"]);
    let french = hears_start(&speechd, "Les cookies de donnees.ville-exemple.fr.");
    assert_eq!(french.language, "fr");
    s.send_keys(&["F2"]);
    let english = hears_start(&speechd, "Cookies on donnees.ville-exemple.fr.");
    assert_eq!(english.language, "en");
}
