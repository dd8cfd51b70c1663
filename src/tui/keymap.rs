//! Keys and mouse → `Action`, per screen. The same table drives the help screen, so what the
//! help says and what the keys do cannot disagree.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::action::{Action, Button, Hit, Pane, Screen, Scroll, Target};
use super::context::Ui;
use super::options::SpeechMode;
use super::state::{Speech, State};
use crate::buttons;

/// A group of keys that does one thing, as the help screen lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keys {
    Tab,
    BackTab,
    Arrows,
    Jk,
    Space,
    Enter,
    PageUpDown,
    HomeEnd,
    Help,
    Language,
    /// F3: the plain layout, on or off, for this visit.
    Plain,
    /// F4: the voice on or off.
    Voice,
    /// F5: the voice's last words again.
    Repeat,
    /// F6: more about the focused control.
    Details,
    /// F7: the voice pauses or goes on.
    Pause,
    /// F8 / F9: slower, faster.
    Rate,
    /// F10 / F11: softer, louder.
    Volume,
    Esc,
    /// q on the help screen: closes it, as in a pager.
    Close,
    /// q or Ctrl+C: leave without deciding.
    Quit,
    Shortcut(Button),
    Any,
    Wheel,
    Click,
    /// Typing the operator's PIN (any character, Backspace).
    PinText,
}

/// One line of the help screen: keys, and the Fluent id of what they do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Binding {
    pub keys: Keys,
    pub does: &'static str,
}

const fn b(keys: Keys, does: &'static str) -> Binding {
    Binding { keys, does }
}

/// The voice's keys: the same in every language (function keys), F4 wherever the voice is
/// offered, the others while it speaks.
fn voice_bindings(speech: &Speech) -> Vec<Binding> {
    use Keys::*;
    match (speech.mode, speech.on) {
        (SpeechMode::Off, _) => Vec::new(),
        (_, false) => vec![b(Voice, "action-voice-on")],
        (_, true) => vec![
            b(Voice, "action-voice-off"),
            b(Repeat, "action-repeat"),
            b(Details, "action-details"),
            b(Pause, "action-pause"),
            b(Rate, "action-rate"),
            b(Volume, "action-volume"),
        ],
    }
}

/// Every binding of `screen`, in the order the help screen lists them. In kiosk mode nothing
/// leaves the dialog (the operator's chord is not a visitor's key and is not listed).
pub(crate) fn bindings(
    screen: Screen,
    buttons: &[Button],
    kiosk: bool,
    speech: &Speech,
) -> Vec<Binding> {
    use Keys::*;
    let mut list = match screen {
        Screen::Pin => {
            let mut list = vec![
                b(PinText, "action-type-pin"),
                b(Enter, "action-confirm-pin"),
                b(Esc, "action-back"),
            ];
            list.extend(voice_bindings(speech));
            return list;
        }
        Screen::Welcome => vec![
            b(Tab, "action-next"),
            b(BackTab, "action-prev"),
            b(Arrows, "action-move-or-scroll"),
            b(Jk, "action-move-or-scroll"),
            b(Space, "action-press"),
            b(Enter, "action-press"),
        ],
        Screen::Choose => vec![
            b(Tab, "action-next"),
            b(BackTab, "action-prev"),
            b(Arrows, "action-move"),
            b(Jk, "action-move"),
            b(Space, "action-toggle"),
            b(Enter, "action-activate"),
        ],
        Screen::Charter | Screen::Help => vec![
            b(Tab, "action-next"),
            b(BackTab, "action-prev"),
            b(Arrows, "action-scroll"),
            b(Jk, "action-scroll"),
            b(Space, "action-scroll-page"),
            b(Enter, "action-press"),
        ],
        Screen::Done => return vec![b(Any, "action-close")],
    };
    if main_pane(screen).is_some() {
        list.push(b(PageUpDown, "action-scroll-page"));
        list.push(b(HomeEnd, "action-scroll-ends"));
    }
    for &button in buttons {
        if !matches!(button, Button::Back | Button::Language) {
            list.push(b(Shortcut(button), "action-shortcut"));
        }
    }
    // On the help screen these keys close it: the help lists the bindings of the screen
    // under it, so this list only drives the keys.
    let help = screen == Screen::Help;
    list.push(b(Help, if help { "action-back" } else { "action-help" }));
    list.push(b(Language, "action-language"));
    list.push(b(Plain, "action-plain"));
    list.extend(voice_bindings(speech));
    match (screen, kiosk) {
        (Screen::Welcome, true) => {}
        (Screen::Welcome, false) => list.push(b(Esc, "action-leave")),
        _ => list.push(b(Esc, "action-back")),
    }
    if help {
        list.push(b(Close, "action-back"));
    }
    if !kiosk {
        list.push(b(Quit, "action-leave"));
    }
    let click = if screen == Screen::Choose {
        "action-click"
    } else {
        "action-click-button"
    };
    list.push(b(Click, click));
    list.push(b(Wheel, "action-scroll"));
    list
}

/// How far one press of F8–F11 moves the voice's rate or volume (of -100 to 100).
const VOICE_STEP: i8 = 10;

/// The pane that PgUp, PgDn, Home and End scroll on `screen`.
pub(crate) fn main_pane(screen: Screen) -> Option<Pane> {
    match screen {
        Screen::Charter => Some(Pane::Charter),
        Screen::Help => Some(Pane::Help),
        Screen::Choose => Some(Pane::Details),
        Screen::Welcome => Some(Pane::Summary),
        Screen::Done | Screen::Pin => None,
    }
}

impl Keys {
    /// The action this group gives for `key` on the current screen, if the key is one of it.
    fn action(self, key: &KeyEvent, state: &State, ui: &Ui) -> Option<Action> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let pane = main_pane(state.screen);
        let scroll = |s| pane.map(|p| Action::Scroll(p, s));
        // Letters are not case-sensitive (Q is q, J is j).
        let char_is = |c: char| matches!(key.code, KeyCode::Char(k) if !ctrl && k.to_lowercase().eq(c.to_lowercase()));
        match (self, key.code) {
            (Keys::Any, _) => Some(Action::Dismiss),
            (Keys::Tab, KeyCode::Tab) if !key.modifiers.contains(KeyModifiers::SHIFT) => {
                Some(Action::FocusNext)
            }
            (Keys::BackTab, KeyCode::BackTab) => Some(Action::FocusPrev),
            (Keys::BackTab, KeyCode::Tab) if key.modifiers.contains(KeyModifiers::SHIFT) => {
                Some(Action::FocusPrev)
            }
            (Keys::Arrows, KeyCode::Up) => Some(Action::Up),
            (Keys::Arrows, KeyCode::Down) => Some(Action::Down),
            (Keys::Arrows, KeyCode::Left) => Some(Action::Left),
            (Keys::Arrows, KeyCode::Right) => Some(Action::Right),
            (Keys::Jk, KeyCode::Char(_)) if char_is(buttons::UP_KEY) => Some(Action::Up),
            (Keys::Jk, KeyCode::Char(_)) if char_is(buttons::DOWN_KEY) => Some(Action::Down),
            (Keys::Space, KeyCode::Char(' ')) => Some(Action::Toggle),
            (Keys::Enter, KeyCode::Enter) => Some(Action::Activate),
            (Keys::PageUpDown, KeyCode::PageUp) => scroll(Scroll::Pages(-1)),
            (Keys::PageUpDown, KeyCode::PageDown) => scroll(Scroll::Pages(1)),
            (Keys::HomeEnd, KeyCode::Home) => scroll(Scroll::Start),
            (Keys::HomeEnd, KeyCode::End) => scroll(Scroll::End),
            (Keys::Help, KeyCode::F(1)) => Some(Action::Help),
            (Keys::Help, KeyCode::Char('?')) => Some(Action::Help),
            (Keys::Language, KeyCode::F(2)) => Some(Action::Language),
            (Keys::Plain, KeyCode::F(3)) => Some(Action::Plain),
            (Keys::Voice, KeyCode::F(4)) => Some(Action::Voice),
            (Keys::Repeat, KeyCode::F(5)) => Some(Action::Repeat),
            (Keys::Details, KeyCode::F(6)) => Some(Action::Details),
            (Keys::Pause, KeyCode::F(7)) => Some(Action::Pause),
            (Keys::Rate, KeyCode::F(8)) => Some(Action::Rate(-VOICE_STEP)),
            (Keys::Rate, KeyCode::F(9)) => Some(Action::Rate(VOICE_STEP)),
            (Keys::Volume, KeyCode::F(10)) => Some(Action::Volume(-VOICE_STEP)),
            (Keys::Volume, KeyCode::F(11)) => Some(Action::Volume(VOICE_STEP)),
            (Keys::Esc, KeyCode::Esc) => Some(Action::Back),
            (Keys::Close, KeyCode::Char(_)) if char_is(buttons::QUIT_KEY) => Some(Action::Back),
            (Keys::Quit, KeyCode::Char('c' | 'C')) if ctrl => Some(Action::Quit),
            (Keys::Quit, KeyCode::Char(_)) if char_is(buttons::QUIT_KEY) => Some(Action::Quit),
            (Keys::PinText, KeyCode::Char(c)) if !ctrl => Some(Action::PinChar(c)),
            (Keys::PinText, KeyCode::Backspace) => Some(Action::PinBackspace),
            (Keys::Shortcut(button), KeyCode::Char(_)) => {
                let c = ui.shortcut(state.locale, button)?;
                char_is(c).then_some(Action::Press(button))
            }
            _ => None,
        }
    }
}

/// The action for a key press on the current screen, if any.
pub fn key(key: &KeyEvent, state: &State, ui: &Ui) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if is_operator_chord(key) {
        return Some(Action::OperatorExit);
    }
    if state.idle_warning {
        return Some(Action::Stay);
    }
    // Alt+letter is no shortcut: a stray modifier (or a terminal sending Esc before a
    // letter) must not press a button.
    if key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    bindings(state.screen, &state.buttons(), state.kiosk, &state.speech)
        .into_iter()
        .find_map(|binding| binding.keys.action(key, state, ui))
}

/// Ctrl+Alt+Q: how an operator leaves kiosk mode. Terminals send it as ESC followed by
/// Ctrl+Q, which no visitor types by accident.
pub(crate) fn is_operator_chord(key: &KeyEvent) -> bool {
    let both = KeyModifiers::CONTROL | KeyModifiers::ALT;
    matches!(key.code, KeyCode::Char('q') | KeyCode::Char('Q')) && key.modifiers.contains(both)
}

/// The action for a mouse event, from where things were drawn in the last frame.
pub fn mouse(event: &MouseEvent, hits: &[Hit]) -> Option<Action> {
    let target = hits
        .iter()
        .rev()
        .find(|h| h.area.contains((event.column, event.row).into()))
        .map(|h| h.target);
    match (event.kind, target) {
        // Any mouse event over the warning (it covers the screen) answers it: moving the
        // mouse is being there, and a click must press nothing under it.
        (_, Some(Target::Warning)) => Some(Action::Stay),
        (MouseEventKind::Down(MouseButton::Left), Some(Target::Button(b))) => {
            Some(Action::Press(b))
        }
        (MouseEventKind::Down(MouseButton::Left), Some(Target::Category(i))) => {
            Some(Action::ClickCategory(i))
        }
        (MouseEventKind::ScrollUp, Some(Target::Pane(p))) => {
            Some(Action::Scroll(p, Scroll::Lines(-3)))
        }
        (MouseEventKind::ScrollDown, Some(Target::Pane(p))) => {
            Some(Action::Scroll(p, Scroll::Lines(3)))
        }
        _ => None,
    }
}
