//! (state, action) → effects. Pure: every rule of the dialog is a unit test away.

use super::action::{Action, Button, Effect, Pane, Screen, Scroll, exit};
use super::context::Ui;
use super::keymap::main_pane;
use super::state::{Focus, State};
use super::view;
use crate::consent;

pub fn update(state: &mut State, ui: &Ui, action: Action) -> Option<Effect> {
    match action {
        Action::FocusNext => move_focus(state, 1),
        Action::FocusPrev => move_focus(state, -1),
        Action::Up | Action::Left => arrow(state, ui, -1),
        Action::Down | Action::Right => arrow(state, ui, 1),
        Action::Toggle => match state.focus {
            Focus::Category(i) => toggle(state, i),
            Focus::Button(b) => return press(state, ui, b),
            Focus::Text => {
                if let Some(pane) = main_pane(state.screen) {
                    scroll(state, ui, pane, Scroll::Pages(1));
                }
            }
        },
        Action::Activate => match state.focus {
            Focus::Category(i) => toggle(state, i),
            Focus::Button(b) => return press(state, ui, b),
            Focus::Text if state.screen == Screen::Pin => {
                return Some(Effect::CheckPin(std::mem::take(&mut state.pin)));
            }
            Focus::Text => {}
        },
        Action::Press(b) => {
            if state.buttons().contains(&b) {
                set_focus(state, Focus::Button(b));
                return press(state, ui, b);
            }
        }
        Action::ClickCategory(i) => {
            if state.screen == Screen::Choose && i < state.granted.len() {
                set_focus(state, Focus::Category(i));
                toggle(state, i);
            }
        }
        Action::Scroll(pane, amount) => scroll(state, ui, pane, amount),
        Action::Help => {
            if !matches!(state.screen, Screen::Help | Screen::Done | Screen::Pin) {
                open(state, Screen::Help, Focus::Text);
                state.scroll.help = 0;
            } else if state.screen == Screen::Help {
                back(state);
            }
        }
        Action::Language => switch_language(state, ui),
        Action::Back => {
            if state.history.is_empty() {
                return leave(state);
            }
            state.pin.clear();
            back(state);
        }
        Action::Quit => return leave(state),
        Action::IdleTimeout => {
            if state.screen != Screen::Done {
                state.reset();
            }
        }
        // On the done screen the decision is saved: any key, the chord too, just closes it.
        Action::OperatorExit if state.screen == Screen::Done => {
            return Some(Effect::Quit(exit::SAVED));
        }
        Action::OperatorExit => {
            if state.kiosk && state.screen != Screen::Pin {
                if !state.pin_required {
                    return Some(Effect::Quit(exit::OPERATOR));
                }
                open(state, Screen::Pin, Focus::Text);
                state.pin.clear();
            }
        }
        Action::PinChar(c) => {
            if state.screen == Screen::Pin && state.pin.chars().count() < MAX_PIN {
                state.pin.push(c);
            }
        }
        Action::PinBackspace => {
            state.pin.pop();
        }
        Action::PinChecked(true) => return Some(Effect::Quit(exit::OPERATOR)),
        Action::PinChecked(false) => {
            state.pin.clear();
            if state.screen == Screen::Pin {
                back(state);
            }
        }
        Action::Dismiss => {
            if state.screen == Screen::Done {
                return Some(Effect::Quit(exit::SAVED));
            }
        }
        Action::Resize(width, height) => {
            state.width = width;
            state.height = height;
            clamp_scrolls(state, ui);
        }
        Action::Saved(Ok(record)) => {
            state.error = None;
            state.saved = Some(record);
            state.history.clear();
            state.screen = Screen::Done;
        }
        Action::Saved(Err(e)) => {
            state.error = Some(e);
            state.save_failed = true;
        }
    }
    None
}

/// The longest PIN typed (more is ignored).
const MAX_PIN: usize = 64;

/// Leaving without deciding; an error if the visitor tried to save and could not. In kiosk
/// mode the visitor cannot leave this way.
fn leave(state: &State) -> Option<Effect> {
    if state.screen == Screen::Done {
        return Some(Effect::Quit(exit::SAVED));
    }
    if state.kiosk {
        return None;
    }
    let code = if state.save_failed {
        exit::ERROR
    } else {
        exit::LEFT_WITHOUT_DECIDING
    };
    Some(Effect::Quit(code))
}

fn set_focus(state: &mut State, focus: Focus) {
    if let Focus::Category(i) = focus
        && state.selected != i
    {
        state.selected = i;
        state.scroll.cookies = 0;
    }
    state.focus = focus;
}

fn move_focus(state: &mut State, step: isize) {
    let order = state.focus_order();
    if order.is_empty() {
        return;
    }
    let len = order.len() as isize;
    let here = order.iter().position(|f| *f == state.focus).unwrap_or(0) as isize;
    let next = order[(here + step).rem_euclid(len) as usize];
    set_focus(state, next);
}

/// Arrows move between controls, except on text, where they scroll it.
fn arrow(state: &mut State, ui: &Ui, step: i32) {
    match (state.focus, main_pane(state.screen)) {
        (Focus::Text, Some(pane)) => scroll(state, ui, pane, Scroll::Lines(step)),
        _ => move_focus(state, step as isize),
    }
}

fn toggle(state: &mut State, i: usize) {
    let required = state.required.get(i).copied().unwrap_or(true);
    if !required && let Some(g) = state.granted.get_mut(i) {
        *g = !*g;
    }
}

fn open(state: &mut State, screen: Screen, focus: Focus) {
    state.history.push((state.screen, state.focus));
    state.screen = screen;
    state.focus = focus;
}

fn back(state: &mut State) {
    if let Some((screen, focus)) = state.history.pop() {
        state.screen = screen;
        state.focus = focus;
    }
}

fn press(state: &mut State, ui: &Ui, button: Button) -> Option<Effect> {
    let decide = |action, granted: Vec<bool>| Some(Effect::Save { action, granted });
    match button {
        Button::AcceptAll => {
            return decide(consent::Action::AcceptAll, vec![true; state.granted.len()]);
        }
        Button::RefuseAll => {
            let granted = state.required.clone();
            return decide(consent::Action::RejectAll, granted);
        }
        Button::Save => return decide(consent::Action::Custom, state.granted.clone()),
        Button::Choose => {
            open(state, Screen::Choose, Focus::Category(0));
            state.selected = 0;
            state.scroll.cookies = 0;
        }
        Button::Charter => {
            open(state, Screen::Charter, Focus::Text);
            state.scroll.charter = 0;
        }
        Button::Language => switch_language(state, ui),
        Button::Back => return update(state, ui, Action::Back),
    }
    None
}

fn switch_language(state: &mut State, ui: &Ui) {
    if state.screen == Screen::Done {
        return;
    }
    state.locale = (state.locale + 1) % ui.locale_count().max(1);
    // The charter's length changes with the language: start it over. Other panes keep
    // their place, clamped to their new length.
    state.scroll.charter = 0;
    clamp_scrolls(state, ui);
}

fn scroll(state: &mut State, ui: &Ui, pane: Pane, amount: Scroll) {
    // Clamping a pane at its top changes nothing: no need to lay it out.
    if matches!(amount, Scroll::Lines(0) | Scroll::Start) && state.scroll.get(pane) == 0 {
        return;
    }
    let (content, viewport) = view::pane_extent(ui, state, pane);
    let max = content.saturating_sub(viewport);
    let current = state.scroll.get(pane) as i64;
    let page = viewport.saturating_sub(1).max(1) as i64;
    let target = match amount {
        Scroll::Lines(n) => current + i64::from(n),
        Scroll::Pages(n) => current + i64::from(n) * page,
        Scroll::Start => 0,
        Scroll::End => max as i64,
    };
    *state.scroll.get_mut(pane) = target.clamp(0, max as i64) as usize;
}

fn clamp_scrolls(state: &mut State, ui: &Ui) {
    for pane in [Pane::Charter, Pane::Help, Pane::Cookies] {
        scroll(state, ui, pane, Scroll::Lines(0));
    }
}
