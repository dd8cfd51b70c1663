//! Rules of the dialog, action by action, and the keys and clicks that lead to actions.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use super::action::{Action, Button, Effect, Pane, Screen, Scroll};
use super::action::{Hit, Target};
use super::context::Ui;
use super::keymap;
use super::state::{DONE_DELAY, Focus, State};
use super::theme::ThemeName;
use super::update::update;
use super::view;
use crate::consent::{self, store::SaveError};
use crate::exit::Exit;
use crate::files::IoCause;
use crate::kiosk::{Lockout, PinOutcome};

pub(super) fn ui(locale: usize) -> Ui {
    Ui::embedded(locale)
}

pub(super) fn fresh(ui: &Ui) -> State {
    State::new(&ui.policy, 0, None, (80, 24))
}

/// Lays `state` out as the event loop's frame does, and tells `update`.
fn settle(ui: &Ui, state: &mut State) {
    update(state, ui, Action::Drawn(view::extents(ui, state)));
}

/// `actions` one after the other, each on a freshly drawn frame, as the event loop runs them.
pub(super) fn run(ui: &Ui, state: &mut State, actions: &[Action]) -> Option<Effect> {
    let mut last = None;
    for action in actions {
        settle(ui, state);
        last = update(state, ui, action.clone());
    }
    settle(ui, state);
    last
}

/// What the PIN screen's field holds.
fn typed(state: &State) -> &str {
    state.pin.as_ref().map_or("", |p| p.typed.as_str())
}

/// How long `pane` was in the last frame, and how many of its lines showed.
fn extent(state: &State, pane: Pane) -> (usize, usize) {
    let e = state.extents.get(pane).expect("the pane was drawn");
    (e.content, e.viewport)
}

fn save(action: consent::Decision, granted: &[bool]) -> Option<Effect> {
    Some(Effect::Save {
        action,
        granted: granted.to_vec(),
    })
}

#[test]
fn optional_categories_start_refused() {
    let ui = ui(0);
    assert_eq!(fresh(&ui).granted(), [true, false, false, false]);
}

#[test]
fn tab_follows_reading_order_and_wraps() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    let mut seen = vec![s.focus];
    for _ in 0..6 {
        update(&mut s, &ui, Action::FocusNext);
        seen.push(s.focus);
    }
    use Button::*;
    let buttons = [AcceptAll, RefuseAll, Choose, Charter, Language].map(Focus::Button);
    let expected: Vec<Focus> = std::iter::once(Focus::Text)
        .chain(buttons)
        .chain([Focus::Text])
        .collect();
    assert_eq!(seen, expected);
    update(&mut s, &ui, Action::FocusPrev);
    assert_eq!(s.focus, Focus::Button(Language));
}

#[test]
fn accept_and_refuse_all_are_one_key_each() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    assert_eq!(
        update(&mut s, &ui, Action::Press(Button::AcceptAll)),
        save(consent::Decision::AcceptAll, &[true; 4])
    );
    assert_eq!(
        update(&mut s, &ui, Action::Press(Button::RefuseAll)),
        save(consent::Decision::RejectAll, &[true, false, false, false])
    );
}

#[test]
fn custom_choice_toggles_optional_categories_only() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(&ui, &mut s, &[Action::Press(Button::Choose)]);
    assert_eq!((s.screen, s.focus), (Screen::Choose, Focus::Category(0)));
    // The required category does not move.
    run(&ui, &mut s, &[Action::Toggle, Action::Activate]);
    assert_eq!(s.granted(), [true, false, false, false]);
    run(
        &ui,
        &mut s,
        &[
            Action::Down,
            Action::Toggle,
            Action::Down,
            Action::Down,
            Action::Activate,
        ],
    );
    assert_eq!(s.granted(), [true, true, false, true]);
    assert_eq!(s.selected, 3);
    assert_eq!(
        update(&mut s, &ui, Action::Press(Button::Save)),
        save(consent::Decision::Custom, &[true, true, false, true])
    );
}

#[test]
fn esc_goes_back_then_leaves() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(
        &ui,
        &mut s,
        &[
            Action::FocusNext,
            Action::FocusNext,
            Action::FocusNext,
            Action::Activate,
        ],
    );
    assert_eq!(s.screen, Screen::Choose);
    assert_eq!(update(&mut s, &ui, Action::Back), None);
    // Back where the visitor was, on the button that opened the screen.
    assert_eq!(
        (s.screen, s.focus),
        (Screen::Welcome, Focus::Button(Button::Choose))
    );
    assert_eq!(
        update(&mut s, &ui, Action::Back),
        Some(Effect::Quit(Exit::LeftWithoutDeciding))
    );
    assert_eq!(
        update(&mut s, &ui, Action::Quit),
        Some(Effect::Quit(Exit::LeftWithoutDeciding))
    );
}

#[test]
fn unsaved_choices_survive_going_back() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(
        &ui,
        &mut s,
        &[
            Action::Press(Button::Choose),
            Action::Down,
            Action::Toggle,
            Action::Back,
        ],
    );
    run(&ui, &mut s, &[Action::Press(Button::Choose)]);
    assert_eq!(s.granted(), [true, true, false, false]);
}

#[test]
fn a_failed_save_keeps_the_choices_and_makes_leaving_an_error() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(
        &ui,
        &mut s,
        &[Action::Press(Button::Choose), Action::Down, Action::Toggle],
    );
    let error = SaveError {
        path: "/x/consent.json".into(),
        cause: IoCause::of(&std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
    };
    run(
        &ui,
        &mut s,
        &[
            Action::Press(Button::Save),
            Action::Saved(Err(error.clone()), Instant::now()),
        ],
    );
    assert_eq!(s.screen, Screen::Choose);
    assert_eq!(s.error, Some(error));
    assert_eq!(s.granted(), [true, true, false, false]);
    assert_eq!(s.focus, Focus::Button(Button::Save));
    // Retrying is pressing again.
    assert_eq!(
        update(&mut s, &ui, Action::Activate),
        save(consent::Decision::Custom, &[true, true, false, false])
    );
    run(&ui, &mut s, &[Action::Back]);
    assert_eq!(
        update(&mut s, &ui, Action::Back),
        Some(Effect::Quit(Exit::Failure))
    );
}

#[test]
fn saving_shows_done_and_any_key_exits_0() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    let now = time::macros::datetime!(2026-12-01 09:30:00 UTC);
    let record = consent::Record::new(
        &ui.policy,
        "fr-FR",
        now,
        consent::Decision::AcceptAll,
        &[true; 4],
    );
    run(
        &ui,
        &mut s,
        &[
            Action::Press(Button::Charter),
            Action::Saved(Ok(Box::new(record)), Instant::now()),
        ],
    );
    assert_eq!(s.screen, Screen::Done);
    assert!(s.history.is_empty());
    assert_eq!(update(&mut s, &ui, Action::Help), None);
    assert_eq!(s.screen, Screen::Done);
    assert_eq!(
        update(&mut s, &ui, Action::Dismiss),
        Some(Effect::Quit(Exit::Success))
    );
    assert_eq!(
        update(&mut s, &ui, Action::Quit),
        Some(Effect::Quit(Exit::Success))
    );
    // Even the operator's chord: the decision is saved, the program ends as after any key.
    let mut kiosk = s.clone().in_kiosk(true);
    assert_eq!(
        update(&mut kiosk, &ui, Action::OperatorExit),
        Some(Effect::Quit(Exit::Success))
    );
}

#[test]
fn buttons_of_other_screens_do_nothing() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    assert_eq!(update(&mut s, &ui, Action::Press(Button::Save)), None);
    assert_eq!(s, fresh(&ui));
    assert_eq!(update(&mut s, &ui, Action::ClickCategory(1)), None);
    assert_eq!(s.granted(), [true, false, false, false]);
}

#[test]
fn help_opens_over_any_screen_and_closes_back() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(
        &ui,
        &mut s,
        &[Action::Press(Button::Choose), Action::Down, Action::Help],
    );
    assert_eq!((s.screen, s.focus), (Screen::Help, Focus::Text));
    run(&ui, &mut s, &[Action::Help]);
    assert_eq!((s.screen, s.focus), (Screen::Choose, Focus::Category(1)));
    run(&ui, &mut s, &[Action::Help, Action::Back]);
    assert_eq!(s.screen, Screen::Choose);
}

#[test]
fn language_cycles_through_every_locale() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(&ui, &mut s, &[Action::FocusNext, Action::Language]);
    assert_eq!(s.locale, 1);
    // The screen in a new language favours no way of deciding: the focus that was on one
    // goes back to the summary.
    assert_eq!(s.focus, Focus::Text);
    run(&ui, &mut s, &[Action::Press(Button::Language)]);
    assert_eq!(s.locale, 0);
    // Any other focus stays where it was.
    assert_eq!(s.focus, Focus::Button(Button::Language));
}

#[test]
fn scrolling_stays_within_the_text() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(&ui, &mut s, &[Action::Press(Button::Charter)]);
    let (total, shown) = extent(&s, Pane::Charter);
    assert!(total > shown, "the charter is longer than a screen");
    run(
        &ui,
        &mut s,
        &[Action::Up, Action::Scroll(Pane::Charter, Scroll::Pages(-1))],
    );
    assert_eq!(s.scroll.charter, 0);
    run(&ui, &mut s, &[Action::Down, Action::Down]);
    assert_eq!(s.scroll.charter, 2);
    run(&ui, &mut s, &[Action::Scroll(Pane::Charter, Scroll::End)]);
    assert_eq!(s.scroll.charter, total - shown);
    run(
        &ui,
        &mut s,
        &[Action::Scroll(Pane::Charter, Scroll::Pages(3))],
    );
    assert_eq!(s.scroll.charter, total - shown);
    // A taller window shows more, so the end comes sooner.
    run(&ui, &mut s, &[Action::Resize(80, 60)]);
    let (_, shown) = extent(&s, Pane::Charter);
    assert_eq!(s.scroll.charter, total.saturating_sub(shown));
    run(&ui, &mut s, &[Action::Scroll(Pane::Charter, Scroll::Start)]);
    assert_eq!(s.scroll.charter, 0);
}

fn press(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

#[test]
fn keys_map_to_actions_per_screen_and_language() {
    let fr = ui(0);
    let mut s = fresh(&fr);
    let key = |s: &State, ui: &Ui, k: KeyEvent| keymap::key(&k, s, ui);
    assert_eq!(
        key(&s, &fr, press(KeyCode::Char('a'))),
        Some(Action::Press(Button::AcceptAll))
    );
    assert_eq!(
        key(&s, &fr, press(KeyCode::Char('R'))),
        Some(Action::Press(Button::RefuseAll))
    );
    assert_eq!(
        key(&s, &fr, press(KeyCode::Char('p'))),
        Some(Action::Press(Button::Choose))
    );
    // "e" saves on the choose screen only.
    assert_eq!(key(&s, &fr, press(KeyCode::Char('e'))), None);
    assert_eq!(key(&s, &fr, press(KeyCode::Tab)), Some(Action::FocusNext));
    assert_eq!(
        key(&s, &fr, press(KeyCode::BackTab)),
        Some(Action::FocusPrev)
    );
    assert_eq!(key(&s, &fr, press(KeyCode::Char('j'))), Some(Action::Down));
    assert_eq!(key(&s, &fr, press(KeyCode::F(1))), Some(Action::Help));
    assert_eq!(key(&s, &fr, press(KeyCode::Char('?'))), Some(Action::Help));
    assert_eq!(key(&s, &fr, press(KeyCode::F(2))), Some(Action::Language));
    assert_eq!(key(&s, &fr, press(KeyCode::Esc)), Some(Action::Back));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(key(&s, &fr, ctrl_c), Some(Action::Quit));
    run(&fr, &mut s, &[Action::Press(Button::Choose)]);
    assert_eq!(
        key(&s, &fr, press(KeyCode::Char('e'))),
        Some(Action::Press(Button::Save))
    );
    assert_eq!(
        key(&s, &fr, press(KeyCode::Char(' '))),
        Some(Action::Toggle)
    );
    assert_eq!(
        key(&s, &fr, press(KeyCode::PageDown)),
        Some(Action::Scroll(Pane::Details, Scroll::Pages(1)))
    );
    // English has its own letters.
    let en = ui(1);
    let s = State::new(&en.policy, 1, None, (80, 24));
    assert_eq!(
        key(&s, &en, press(KeyCode::Char('c'))),
        Some(Action::Press(Button::Choose))
    );
    // On the done screen any key closes.
    let mut done = s.clone();
    done.screen = Screen::Done;
    assert_eq!(
        key(&done, &en, press(KeyCode::Char('x'))),
        Some(Action::Dismiss)
    );
}

/// One frame of `state`, as the terminal gets it: what the view reports, and the cells.
fn frame(ui: &Ui, state: &State) -> (view::Drawn, ratatui::buffer::Buffer) {
    let backend = ratatui::backend::TestBackend::new(state.width, state.height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    let mut drawn = view::Drawn::default();
    terminal.draw(|f| drawn = view::draw(f, ui, state)).unwrap();
    (drawn, terminal.backend().buffer().clone())
}

pub(super) fn screen_text(ui: &Ui, state: &State) -> String {
    let (_, buffer) = frame(ui, state);
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

#[test]
fn help_lists_the_keys_of_the_screen_below_it() {
    let fr = ui(0);
    let mut s = State::new(&fr.policy, 0, None, (100, 60));
    run(&fr, &mut s, &[Action::Press(Button::Choose), Action::Help]);
    let text = screen_text(&fr, &s);
    for expected in [
        "Maj+Tab",
        "Espace",
        "cocher ou décocher la catégorie",
        "raccourci du bouton « Enregistrer mes choix »",
        "Pg.Préc / Pg.Suiv",
        "q / Ctrl+C",
    ] {
        assert!(text.contains(expected), "{expected} missing from\n{text}");
    }
    // Welcome has no save button, so its help does not offer one.
    let mut s = State::new(&fr.policy, 0, None, (100, 60));
    run(&fr, &mut s, &[Action::Help]);
    let text = screen_text(&fr, &s);
    assert!(text.contains("Tout accepter"), "{text}");
    assert!(!text.contains("Enregistrer mes choix"), "{text}");
}

#[test]
fn clicks_press_what_was_drawn_there() {
    let hits = [
        Hit {
            area: Rect::new(2, 10, 20, 1),
            target: Target::Button(Button::RefuseAll),
        },
        Hit {
            area: Rect::new(2, 3, 70, 1),
            target: Target::Category(1),
        },
        Hit {
            area: Rect::new(0, 12, 80, 8),
            target: Target::Pane(Pane::Details),
        },
    ];
    let click = |x, y| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(
        keymap::mouse(&click(21, 10), &hits),
        Some(Action::Press(Button::RefuseAll))
    );
    assert_eq!(keymap::mouse(&click(22, 10), &hits), None);
    assert_eq!(
        keymap::mouse(&click(40, 3), &hits),
        Some(Action::ClickCategory(1))
    );
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        ..click(5, 15)
    };
    assert_eq!(
        keymap::mouse(&wheel, &hits),
        Some(Action::Scroll(Pane::Details, Scroll::Lines(3)))
    );
}

#[test]
fn drawn_buttons_are_clickable_and_hold_the_cursor_when_focused() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    update(&mut s, &ui, Action::FocusNext);
    let (drawn, buffer) = frame(&ui, &s);
    let accept = drawn
        .hits
        .iter()
        .find(|h| h.target == Target::Button(Button::AcceptAll))
        .expect("accept all is clickable");
    let refuse = drawn
        .hits
        .iter()
        .find(|h| h.target == Target::Button(Button::RefuseAll))
        .expect("refuse all is clickable");
    // Equal size and weight.
    assert_eq!(accept.area.width, refuse.area.width);
    assert_eq!(accept.area.height, refuse.area.height);
    let cursor = drawn.cursor.unwrap();
    assert!(accept.area.contains(cursor));
    let row: String = (0..80)
        .map(|x| buffer[(x, cursor.y)].symbol().to_owned())
        .collect();
    let after_cursor: String = row.chars().skip(usize::from(cursor.x)).collect();
    assert!(after_cursor.starts_with("Tout accepter"), "{row}");
}

#[test]
fn in_kiosk_mode_nothing_leaves_without_a_decision() {
    let ui = ui(0);
    let mut s = fresh(&ui).in_kiosk(false);
    assert_eq!(update(&mut s, &ui, Action::Back), None);
    assert_eq!(update(&mut s, &ui, Action::Quit), None);
    assert_eq!(s.screen, Screen::Welcome);
    // Esc still goes back between screens.
    run(&ui, &mut s, &[Action::Press(Button::Charter), Action::Back]);
    assert_eq!(s.screen, Screen::Welcome);
    // A failed save does not open a way out either.
    run(
        &ui,
        &mut s,
        &[Action::Saved(
            Err(SaveError {
                path: "/x".into(),
                cause: IoCause::of(&std::io::Error::from(std::io::ErrorKind::PermissionDenied)),
            }),
            Instant::now(),
        )],
    );
    assert_eq!(update(&mut s, &ui, Action::Back), None);
}

#[test]
fn the_operator_chord_leaves_at_once_without_a_pin() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    // Outside kiosk mode the chord means nothing.
    assert_eq!(update(&mut s, &ui, Action::OperatorExit), None);
    let mut s = fresh(&ui).in_kiosk(false);
    assert_eq!(
        update(&mut s, &ui, Action::OperatorExit),
        Some(Effect::Quit(Exit::OperatorLeft))
    );
}

#[test]
fn the_operator_chord_asks_for_the_pin_when_one_is_set() {
    let ui = ui(0);
    let mut s = fresh(&ui).in_kiosk(true);
    run(
        &ui,
        &mut s,
        &[Action::Press(Button::Choose), Action::OperatorExit],
    );
    assert_eq!((s.screen, s.focus), (Screen::Pin, Focus::Text));
    run(
        &ui,
        &mut s,
        &[
            Action::PinChar('1'),
            Action::PinChar('2'),
            Action::PinChar('9'),
            Action::PinBackspace,
            Action::PinChar('3'),
        ],
    );
    assert_eq!(typed(&s), "123");
    // Keys of other screens do not act here.
    run(
        &ui,
        &mut s,
        &[
            Action::Press(Button::AcceptAll),
            Action::Help,
            Action::Language,
        ],
    );
    assert_eq!(s.screen, Screen::Pin);
    assert_eq!(
        update(&mut s, &ui, Action::Activate),
        Some(Effect::CheckPin {
            pin: "123".into(),
            lockout: Lockout::default(),
        })
    );
    assert_eq!(typed(&s), "", "the PIN does not stay in memory");
    // Wrong: the PIN screen stays, says so, and what is typed next still goes into it.
    run(
        &ui,
        &mut s,
        &[Action::PinChecked(PinOutcome::Wrong, Lockout::default())],
    );
    assert_eq!(s.screen, Screen::Pin);
    assert_eq!(s.pin.as_ref().and_then(|p| p.note), Some(PinOutcome::Wrong));
    // Locked out: the same, and no key typed there reaches a decision.
    let locked = PinOutcome::Locked { seconds: 30 };
    run(
        &ui,
        &mut s,
        &[Action::PinChecked(locked, Lockout::default())],
    );
    assert_eq!(s.pin.as_ref().and_then(|p| p.note), Some(locked));
    for action in [
        Action::PinChar('1'),
        Action::Press(Button::AcceptAll),
        Action::Press(Button::RefuseAll),
        Action::Toggle,
        Action::OperatorExit,
    ] {
        assert_eq!(update(&mut s, &ui, action), None);
        assert_eq!(s.screen, Screen::Pin);
    }
    assert_eq!(
        update(&mut s, &ui, Action::Activate),
        Some(Effect::CheckPin {
            pin: "1".into(),
            lockout: Lockout::default(),
        })
    );
    // Esc: back to the dialog where it was.
    run(&ui, &mut s, &[Action::Back]);
    assert_eq!(s.screen, Screen::Choose);
    run(
        &ui,
        &mut s,
        &[Action::OperatorExit, Action::PinChar('7'), Action::Back],
    );
    assert_eq!(s.screen, Screen::Choose);
    assert_eq!(s.pin, None, "the PIN screen's field goes with it");
    run(&ui, &mut s, &[Action::OperatorExit]);
    assert_eq!(
        update(
            &mut s,
            &ui,
            Action::PinChecked(PinOutcome::Correct, Lockout::default())
        ),
        Some(Effect::Quit(Exit::OperatorLeft))
    );
}

#[test]
fn idle_timeout_brings_the_next_visitor_a_fresh_welcome() {
    let ui = ui(0);
    let start = fresh(&ui).in_kiosk(false);
    let mut s = start.clone();
    run(
        &ui,
        &mut s,
        &[
            Action::Language,
            Action::Press(Button::Choose),
            Action::Down,
            Action::Toggle,
            Action::Resize(100, 40),
        ],
    );
    assert_ne!(s.granted(), start.granted());
    run(&ui, &mut s, &[Action::IdleTimeout]);
    let mut expected = start.clone();
    expected.width = 100;
    expected.height = 40;
    settle(&ui, &mut expected);
    assert_eq!(s, expected);
    // The done screen is left alone: it closes by itself.
    let now = time::macros::datetime!(2026-12-01 09:30:00 UTC);
    let record = consent::Record::new(
        &ui.policy,
        "fr-FR",
        now,
        consent::Decision::AcceptAll,
        &[true; 4],
    );
    run(
        &ui,
        &mut s,
        &[
            Action::Saved(Ok(Box::new(record)), Instant::now()),
            Action::IdleTimeout,
        ],
    );
    assert_eq!(s.screen, Screen::Done);
}

#[test]
fn the_idle_deadline_follows_the_last_input() {
    let ui = ui(0);
    let idle = Duration::from_secs(120);
    let mut s = fresh(&ui).in_kiosk(false).idle_after(idle);
    let t0 = Instant::now();
    assert_eq!(
        s.next_deadline(),
        None,
        "no deadline before the visit starts"
    );
    run(&ui, &mut s, &[Action::Input(t0)]);
    assert_eq!(s.clock.idle_at, Some(t0 + idle));
    run(
        &ui,
        &mut s,
        &[Action::Press(Button::Choose), Action::Down, Action::Toggle],
    );
    let chosen = s.granted();
    assert_ne!(chosen, fresh(&ui).granted());
    // A wake-up before the deadline changes nothing.
    run(&ui, &mut s, &[Action::Tick(t0 + idle / 2)]);
    assert_eq!((s.screen, s.granted()), (Screen::Choose, chosen.clone()));
    // Input gives the full time again.
    let t1 = t0 + Duration::from_secs(100);
    run(&ui, &mut s, &[Action::Input(t1)]);
    assert_eq!(s.clock.idle_at, Some(t1 + idle));
    run(&ui, &mut s, &[Action::Tick(t0 + idle)]);
    assert_eq!(s.granted(), chosen, "the first deadline no longer counts");
    // At the deadline the visit starts over, and the dialog sleeps until the next input.
    run(&ui, &mut s, &[Action::Tick(t1 + idle)]);
    assert_eq!(
        (s.screen, s.granted()),
        (Screen::Welcome, fresh(&ui).granted())
    );
    assert_eq!(s.next_deadline(), None);
    let t2 = t1 + idle * 3;
    run(&ui, &mut s, &[Action::Input(t2)]);
    assert_eq!(s.clock.idle_at, Some(t2 + idle));
}

#[test]
fn a_visitor_is_warned_before_the_idle_timeout_and_any_key_gives_the_full_time() {
    let ui = ui(0);
    let idle = Duration::from_secs(120);
    let mut s = fresh(&ui).in_kiosk(false).idle_after(idle);
    let t0 = Instant::now();
    run(
        &ui,
        &mut s,
        &[Action::Input(t0), Action::Press(Button::Choose)],
    );
    // 30 s before the reset (WCAG 2.2.1 asks for at least 20).
    let warn = t0 + Duration::from_secs(90);
    assert_eq!(s.next_deadline(), Some(warn));
    assert_eq!(run(&ui, &mut s, &[Action::Tick(warn)]), Some(Effect::Bell));
    assert!(s.idle_warning);
    let text = screen_text(&ui, &s);
    assert!(text.contains("Êtes-vous toujours là ?"), "{text}");
    assert!(text.contains("30 secondes"), "{text}");
    // The next wake-up is the reset itself: the warning is given once.
    assert_eq!(s.next_deadline(), Some(t0 + idle));
    // Any key answers it, and only that: Enter on the focused category ticks nothing.
    let enter = press(KeyCode::Enter);
    assert_eq!(keymap::key(&enter, &s, &ui), Some(Action::Stay));
    let chosen = s.granted();
    let t1 = warn + Duration::from_secs(5);
    run(&ui, &mut s, &[Action::Input(t1), Action::Stay]);
    assert!(!s.idle_warning);
    assert_eq!((s.screen, s.granted()), (Screen::Choose, chosen));
    assert_eq!(s.next_deadline(), Some(t1 + Duration::from_secs(90)));
    // Unanswered, the warning is followed by the reset.
    let warn = t1 + Duration::from_secs(90);
    run(&ui, &mut s, &[Action::Tick(warn), Action::Tick(t1 + idle)]);
    assert_eq!((s.screen, s.idle_warning), (Screen::Welcome, false));
}

/// A kiosk visitor who moved the focus to "Tout accepter" and is being warned, 30 s before
/// the reset; and when the visit started.
fn warned(ui: &Ui) -> (State, Instant) {
    let mut s = fresh(ui)
        .in_kiosk(false)
        .idle_after(Duration::from_secs(120));
    let t0 = Instant::now();
    run(ui, &mut s, &[Action::Input(t0), Action::FocusNext]);
    run(ui, &mut s, &[Action::Tick(t0 + Duration::from_secs(90))]);
    assert!(s.idle_warning);
    (s, t0)
}

#[test]
fn only_an_answer_takes_the_warning_away() {
    let ui = ui(0);
    let (mut s, t0) = warned(&ui);
    // The mouse moving (input that presses nothing) and a resize leave it on screen, so the
    // next key is still read as the answer, never as Enter on the focused button.
    let later = t0 + Duration::from_secs(91);
    run(
        &ui,
        &mut s,
        &[Action::Input(later), Action::Resize(100, 30)],
    );
    assert!(s.idle_warning);
    assert_eq!(
        keymap::key(&press(KeyCode::Enter), &s, &ui),
        Some(Action::Stay)
    );
    assert_eq!(s.focus, Focus::Button(Button::AcceptAll));
    // Not warned twice meanwhile, though the input restarted the timers.
    assert_eq!(s.next_deadline(), Some(later + Duration::from_secs(120)));
}

#[test]
fn a_click_anywhere_answers_the_warning_and_presses_nothing() {
    let ui = ui(0);
    let (s, _) = warned(&ui);
    let (drawn, _) = frame(&ui, &s);
    // Where "Tout accepter" is drawn under the warning, a click is only the answer.
    let accept = drawn
        .hits
        .iter()
        .find(|h| h.target == Target::Button(Button::AcceptAll))
        .expect("the button is still drawn under the warning");
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: accept.area.x,
        row: accept.area.y,
        modifiers: KeyModifiers::NONE,
    };
    assert_eq!(keymap::mouse(&click, &drawn.hits), Some(Action::Stay));
    // Moving the mouse over it, or the wheel, answers it too.
    for kind in [MouseEventKind::Moved, MouseEventKind::ScrollDown] {
        let event = MouseEvent { kind, ..click };
        assert_eq!(keymap::mouse(&event, &drawn.hits), Some(Action::Stay));
    }
}

#[test]
fn the_warning_leaves_half_the_timeout_when_it_is_short() {
    let ui = ui(0);
    for (idle, lead) in [(120, 30), (40, 20), (6, 3)] {
        let mut s = fresh(&ui).idle_after(Duration::from_secs(idle));
        let t0 = Instant::now();
        run(&ui, &mut s, &[Action::Input(t0)]);
        assert_eq!(
            s.next_deadline(),
            Some(t0 + Duration::from_secs(idle - lead)),
            "{idle} s"
        );
    }
}

#[test]
fn an_idle_timeout_on_an_untouched_welcome_changes_nothing_on_screen() {
    let ui = ui(0);
    let idle = Duration::from_secs(120);
    let mut s = fresh(&ui).in_kiosk(false).idle_after(idle);
    let t0 = Instant::now();
    run(&ui, &mut s, &[Action::Input(t0)]);
    // Nothing to lose, no warning: an unattended kiosk never beeps.
    assert_eq!(
        run(
            &ui,
            &mut s,
            &[Action::Tick(t0 + idle - Duration::from_secs(30))]
        ),
        None
    );
    assert!(!s.idle_warning);
    let before = s.clone();
    run(&ui, &mut s, &[Action::Tick(t0 + idle)]);
    assert_ne!(s, before, "the deadline is spent");
    assert!(
        s.looks_like(&before),
        "but the frame is the same: nothing to send"
    );
    run(&ui, &mut s, &[Action::FocusNext]);
    assert!(!s.looks_like(&before));
}

/// How long a save takes on a slow disk, in the tests of the done screen's time.
const SLOW_DISK: Duration = Duration::from_secs(3);

#[test]
fn the_done_screen_closes_after_its_delay_whatever_the_idle_timeout() {
    let ui = ui(0);
    let mut s = fresh(&ui)
        .in_kiosk(false)
        .idle_after(Duration::from_secs(1));
    let t0 = Instant::now();
    let record = consent::Record::new(
        &ui.policy,
        "fr-FR",
        time::macros::datetime!(2026-12-01 09:30:00 UTC),
        consent::Decision::RejectAll,
        &[true, false, false, false],
    );
    run(
        &ui,
        &mut s,
        &[
            Action::Input(t0),
            Action::Saved(Ok(Box::new(record)), t0 + SLOW_DISK),
        ],
    );
    assert_eq!(s.screen, Screen::Done);
    // Counted from when the decision was on disk, not from the key.
    assert_eq!(s.next_deadline(), Some(t0 + SLOW_DISK + DONE_DELAY));
    // Past the idle timeout, and the delay from the key: the summary stays.
    assert_eq!(run(&ui, &mut s, &[Action::Tick(t0 + DONE_DELAY)]), None);
    assert_eq!(s.screen, Screen::Done);
    assert_eq!(
        run(&ui, &mut s, &[Action::Tick(t0 + SLOW_DISK + DONE_DELAY)]),
        Some(Effect::Quit(Exit::Success))
    );
}

#[test]
fn wrong_pins_are_counted_across_checks_and_visitors() {
    let ui = ui(0);
    let mut s = fresh(&ui).in_kiosk(true);
    let mut counted = Lockout::default();
    assert_eq!(counted.check("not a hash", "1", 1_000), PinOutcome::Wrong);
    run(&ui, &mut s, &[Action::OperatorExit, Action::PinChar('1')]);
    run(
        &ui,
        &mut s,
        &[Action::PinChecked(PinOutcome::Wrong, counted)],
    );
    assert_eq!(s.lockout, counted);
    // The next check starts from that count, even after the visit started over.
    run(&ui, &mut s, &[Action::IdleTimeout]);
    assert_eq!(s.lockout, counted, "a new visitor gets no new guesses");
    run(&ui, &mut s, &[Action::OperatorExit, Action::PinChar('2')]);
    assert_eq!(
        update(&mut s, &ui, Action::Activate),
        Some(Effect::CheckPin {
            pin: "2".into(),
            lockout: counted,
        })
    );
}

#[test]
fn f3_switches_the_plain_layout_for_this_visit_only() {
    let ui = ui(0);
    let mut s = fresh(&ui).in_kiosk(false);
    assert_eq!(
        keymap::key(&press(KeyCode::F(3)), &s, &ui),
        Some(Action::Plain)
    );
    run(&ui, &mut s, &[Action::Plain]);
    assert!(s.plain);
    let text = screen_text(&ui, &s);
    assert!(
        !text.contains("< Tout"),
        "no button boxes in plain mode:\n{text}"
    );
    run(&ui, &mut s, &[Action::Help]);
    let help = screen_text(&ui, &s);
    assert!(help.contains("F3"), "the help lists the key:\n{help}");
    run(&ui, &mut s, &[Action::IdleTimeout]);
    assert!(
        !s.plain,
        "the next visitor gets the layout the dialog started with"
    );
    // Started with --plain, the dialog keeps it for every visitor.
    let mut p = fresh(&ui).in_plain_mode();
    run(&ui, &mut p, &[Action::Plain, Action::IdleTimeout]);
    assert!(p.plain);
}

#[test]
fn a_40_cell_braille_window_shows_every_focused_button_whole() {
    // BRLTTY shows the 40 cells of the cursor's line from a multiple of 40: the focused
    // label, which starts at the cursor, must end in the same window, at every width.
    for locale in [0, 1] {
        let ui = ui(locale);
        for width in [40, 52, 60, 72, 80, 100, 120, 132] {
            // The welcome screen, then the choose screen.
            for opened in [&[][..], &[Action::Press(Button::Choose)][..]] {
                let mut s = State::new(&ui.policy, locale, None, (width, 30));
                run(&ui, &mut s, opened);
                for focus in s.focus_order() {
                    let Focus::Button(button) = focus else {
                        continue;
                    };
                    let mut f = s.clone();
                    f.focus = focus;
                    let (drawn, buffer) = frame(&ui, &f);
                    let cursor = drawn.cursor.unwrap();
                    let label = ui.label(locale, button);
                    let row: String = (cursor.x..width)
                        .map(|x| buffer[(x, cursor.y)].symbol().to_owned())
                        .collect();
                    assert!(row.starts_with(&label), "{width}: {row:?} for {label:?}");
                    let last = cursor.x + label.chars().count() as u16 - 1;
                    assert_eq!(
                        cursor.x / 40,
                        last / 40,
                        "{label:?} at {}..={last} crosses a braille window at width {width}",
                        cursor.x
                    );
                }
            }
        }
    }
}

#[test]
fn stacked_ways_to_decide_never_touch() {
    // A finger a row off must not press the neighbour: tall boxes, or a blank row between.
    for opened in [&[][..], &[Action::Press(Button::Choose)][..]] {
        let ui = ui(0);
        let mut s = State::new(&ui.policy, 0, None, (80, 24));
        run(&ui, &mut s, opened);
        let (drawn, _) = frame(&ui, &s);
        let boxes: Vec<Rect> = drawn
            .hits
            .iter()
            .filter(|h| {
                matches!(
                    h.target,
                    Target::Button(Button::AcceptAll | Button::RefuseAll | Button::Save)
                )
            })
            .map(|h| h.area)
            .collect();
        assert!(boxes.len() >= 2, "{boxes:?}");
        for pair in boxes.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let side_by_side = a.y == b.y;
            let apart = b.y > a.bottom() || a.height >= 3;
            assert!(side_by_side || apart, "{a:?} and {b:?} touch");
        }
    }
}

#[test]
fn kiosk_help_offers_no_way_out() {
    let fr = ui(0);
    let mut s = State::new(&fr.policy, 0, None, (100, 60)).in_kiosk(false);
    run(&fr, &mut s, &[Action::Help]);
    let text = screen_text(&fr, &s);
    assert!(!text.contains("partir sans décider"), "{text}");
    assert!(!text.contains("Ctrl+C"), "{text}");
}

#[test]
fn the_chord_is_ctrl_alt_q() {
    let fr = ui(0);
    let s = fresh(&fr).in_kiosk(false);
    let chord = KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::CONTROL | KeyModifiers::ALT,
    );
    assert_eq!(keymap::key(&chord, &s, &fr), Some(Action::OperatorExit));
    let alt_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::ALT);
    assert_ne!(keymap::key(&alt_q, &s, &fr), Some(Action::OperatorExit));
    // In kiosk mode q and Ctrl+C are not bindings at all.
    assert_eq!(keymap::key(&press(KeyCode::Char('q')), &s, &fr), None);
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(keymap::key(&ctrl_c, &s, &fr), None);
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(keymap::key(&ctrl_z, &s, &fr), None);
}

#[test]
fn dialog_options_before_and_after_run_are_merged() {
    use super::options::RunArgs;
    let before = RunArgs {
        kiosk: true,
        theme: Some(ThemeName::Mono),
        ..RunArgs::default()
    };
    let after = RunArgs {
        theme: Some(ThemeName::HighContrast),
        idle_timeout: Some(5),
        ..RunArgs::default()
    };
    let merged = before.merged(&after);
    assert!(merged.kiosk);
    assert_eq!(merged.theme, Some(ThemeName::HighContrast));
    assert_eq!(merged.idle_timeout, Some(5));
}

// ---------------------------------------------------------------------------------------------
// No decision the visitor did not make
// ---------------------------------------------------------------------------------------------

/// Every key a visitor may press by chance on a first sight of a screen.
const STRAY: [Action; 3] = [Action::Activate, Action::Toggle, Action::Dismiss];

#[test]
fn the_first_sight_of_welcome_favours_no_decision() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    assert_eq!(s.focus, Focus::Text, "the summary, not a button");
    for action in STRAY {
        assert_eq!(update(&mut s, &ui, action), None);
    }
    assert_eq!((s.screen, s.focus), (Screen::Welcome, Focus::Text));
    // One Tab reaches the first button, as before.
    run(&ui, &mut s, &[Action::FocusNext]);
    assert_eq!(s.focus, Focus::Button(Button::AcceptAll));
    // After an idle reset too.
    let mut k = fresh(&ui).in_kiosk(false);
    run(&ui, &mut k, &[Action::FocusNext, Action::IdleTimeout]);
    assert_eq!(k.focus, Focus::Text);
    assert_eq!(update(&mut k, &ui, Action::Activate), None);
    // On the choose screen the focus starts on a category: Enter ticks, never saves.
    run(&ui, &mut s, &[Action::Press(Button::Choose)]);
    assert_eq!(s.focus, Focus::Category(0));
    assert_eq!(update(&mut s, &ui, Action::Activate), None);
    // F2 with the focus on a way to decide moves it off.
    run(&ui, &mut s, &[Action::Down, Action::Press(Button::Save)]);
    run(&ui, &mut s, &[Action::Language]);
    assert_eq!(s.focus, Focus::Category(1));
}

#[test]
fn a_too_small_window_acts_on_nothing_hidden() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(&ui, &mut s, &[Action::Press(Button::Choose), Action::Down]);
    let before = s.clone();
    run(&ui, &mut s, &[Action::Resize(30, 10)]);
    for action in [
        Action::Activate,
        Action::Toggle,
        Action::Press(Button::AcceptAll),
        Action::Press(Button::RefuseAll),
        Action::Press(Button::Save),
        Action::ClickCategory(1),
        Action::FocusNext,
        Action::Down,
        Action::Help,
        Action::Language,
    ] {
        assert_eq!(update(&mut s, &ui, action.clone()), None, "{action:?}");
    }
    run(&ui, &mut s, &[Action::Resize(80, 24)]);
    assert_eq!(s, before, "the dialog comes back as it was");
    // Leaving still works outside kiosk mode: q and Esc alike.
    run(&ui, &mut s, &[Action::Resize(30, 10)]);
    assert_eq!(
        update(&mut s, &ui, Action::Back),
        Some(Effect::Quit(Exit::LeftWithoutDeciding))
    );
    assert_eq!(
        update(&mut s, &ui, Action::Quit),
        Some(Effect::Quit(Exit::LeftWithoutDeciding))
    );
    // In kiosk mode nothing leaves, but the operator's chord still opens the PIN screen.
    let mut k = fresh(&ui).in_kiosk(true);
    run(&ui, &mut k, &[Action::Resize(30, 10)]);
    assert_eq!(update(&mut k, &ui, Action::Back), None);
    assert_eq!(update(&mut k, &ui, Action::Quit), None);
    run(&ui, &mut k, &[Action::OperatorExit, Action::PinChar('1')]);
    assert_eq!((k.screen, typed(&k)), (Screen::Pin, "1"));
    // The PIN screen needs no room: Esc there goes back to the dialog, as at any size.
    run(&ui, &mut k, &[Action::Back]);
    assert_eq!(k.screen, Screen::Welcome);
}

#[test]
fn stray_modifiers_and_pastes_press_nothing() {
    let fr = ui(0);
    let mut s = fresh(&fr);
    for c in ['a', 'r', 'p', 'q', 'c', 'j'] {
        let alt = KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
        assert_eq!(keymap::key(&alt, &s, &fr), None, "Alt+{c}");
    }
    // Letters are not case-sensitive: Q leaves like q, J moves like j.
    let key = |s: &State, c| keymap::key(&press(KeyCode::Char(c)), s, &fr);
    assert_eq!(key(&s, 'Q'), Some(Action::Quit));
    assert_eq!(key(&s, 'J'), Some(Action::Down));
    // On the help screen, q and ? close it, as in a pager; they never leave the dialog.
    run(&fr, &mut s, &[Action::Help]);
    assert_eq!(key(&s, 'q'), Some(Action::Back));
    assert_eq!(key(&s, '?'), Some(Action::Help));
    run(&fr, &mut s, &[Action::Help]);
    assert_eq!(s.screen, Screen::Welcome);
}

#[test]
fn the_help_lists_only_what_the_screen_has() {
    let fr = ui(0);
    let mut s = fresh(&fr);
    run(&fr, &mut s, &[Action::Help]);
    let text = help_text(&fr, &s);
    assert!(!text.contains("cocher"), "no category on welcome:\n{text}");
    run(
        &fr,
        &mut s,
        &[Action::Back, Action::Press(Button::Choose), Action::Help],
    );
    let text = help_text(&fr, &s);
    assert!(text.contains("cocher ou décocher la catégorie"), "{text}");
}

/// The help screen as drawn at 80×200 (tall enough for all of it).
pub(super) fn help_text(ui: &Ui, state: &State) -> String {
    let mut s = state.clone();
    s.height = 200;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 200)).unwrap();
    terminal.draw(|f| drop(view::draw(f, ui, &s))).unwrap();
    let buf = terminal.backend().buffer();
    (0..200)
        .map(|y| (0..80).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_charter_keeps_the_reading_position_through_a_language_change() {
    let ui = ui(0);
    let mut s = fresh(&ui);
    run(&ui, &mut s, &[Action::Press(Button::Charter)]);
    let (fr_total, _) = extent(&s, Pane::Charter);
    run(
        &ui,
        &mut s,
        &[Action::Scroll(Pane::Charter, Scroll::Lines(60))],
    );
    run(&ui, &mut s, &[Action::Language]);
    let (en_total, _) = extent(&s, Pane::Charter);
    assert_eq!(s.scroll.charter, 60 * en_total / fr_total);
    assert!(s.scroll.charter > 0);
}

#[test]
fn a_short_window_scrolls_the_summary_instead_of_cutting_it() {
    let ui = ui(0);
    let mut s = State::new(&ui.policy, 0, None, (40, 15));
    settle(&ui, &mut s);
    let (total, shown) = extent(&s, Pane::Summary);
    assert!(total > shown && shown > 0, "{total} > {shown}");
    // On the summary, the arrows scroll it; at its end they move on to the buttons.
    run(&ui, &mut s, &[Action::Down]);
    assert_eq!((s.focus, s.scroll.summary), (Focus::Text, 1));
    run(&ui, &mut s, &[Action::Scroll(Pane::Summary, Scroll::End)]);
    assert_eq!(s.scroll.summary, total - shown);
    run(&ui, &mut s, &[Action::Down]);
    assert_eq!(s.focus, Focus::Button(Button::AcceptAll));
    assert_eq!(
        s.scroll.summary,
        total - shown,
        "the summary keeps its place"
    );
    // Where it all fits, the arrows move the focus as on any screen.
    let mut wide = fresh(&ui);
    run(&ui, &mut wide, &[Action::Down]);
    assert_eq!(wide.focus, Focus::Button(Button::AcceptAll));
}
