//! (state, action) → effects. Pure: every rule of the dialog is a unit test away.

use super::action::{Action, Button, Effect, Pane, Screen, Scroll};
use super::context::Ui;
use super::keymap::main_pane;
use super::options::SpeechMode;
use super::state::{DONE_DELAY, Focus, PinEntry, Say, State};
use crate::charter;
use crate::consent::{self, Choice};
use crate::exit::Exit;
use crate::kiosk::PinOutcome;

pub fn update(state: &mut State, ui: &Ui, action: Action) -> Option<Effect> {
    // Nothing is said while the voice is off, so what changed is only looked at while it is
    // on (a visit without the voice copies nothing per key).
    let before = state.speech.on.then(|| Glance::of(state));
    let effect = apply(state, ui, action);
    if state.speech.on {
        announce(state, before.as_ref());
    }
    effect
}

/// What the voice tells of a change: a new screen, the focus moving, a state changing.
struct Glance {
    screen: Screen,
    focus: Focus,
    locale: usize,
    choices: Vec<Choice>,
    warning: bool,
    pin: Option<(usize, Option<PinOutcome>)>,
    plain: bool,
}

impl Glance {
    fn of(state: &State) -> Glance {
        Glance {
            screen: state.screen,
            focus: state.focus,
            locale: state.locale,
            choices: state.choices.clone(),
            warning: state.idle_warning,
            pin: state
                .pin
                .as_ref()
                .map(|p| (p.typed.chars().count(), p.note)),
            plain: state.plain,
        }
    }
}

/// Gives the voice what changed since `before`, when it speaks: a screen entered (or seen
/// again in another language) is announced whole, a focus change says the control, Space
/// says the new state. No `before`: the voice has just been turned on, and says so, then the
/// screen.
fn announce(state: &mut State, before: Option<&Glance>) {
    let Some(before) = before else {
        state.speech.say(Say::VoiceOn);
        state.speech.say(Say::Screen);
        return;
    };
    let now = Glance::of(state);
    let speech = &mut state.speech;
    if now.warning && !before.warning {
        speech.say(Say::Warning);
        return;
    }
    if now.screen != before.screen || now.locale != before.locale {
        speech.say(Say::Screen);
    } else if now.focus != before.focus {
        speech.say(Say::Focus);
    } else {
        for (i, (a, b)) in now.choices.iter().zip(&before.choices).enumerate() {
            if a != b {
                speech.say(Say::Toggled(i));
            }
        }
    }
    match (before.pin, now.pin) {
        (Some((a, _)), Some((b, _))) if b > a => speech.say(Say::PinStar),
        (Some((a, _)), Some((b, _))) if b < a && b > 0 => speech.say(Say::PinErased),
        _ => {}
    }
    if let (Some((_, a)), Some((_, b @ Some(_)))) = (before.pin, now.pin)
        && a != b
    {
        speech.say(Say::PinNote);
    }
    if now.plain != before.plain {
        speech.say(Say::Plain);
    }
}

fn apply(state: &mut State, ui: &Ui, action: Action) -> Option<Effect> {
    if state.screen_hidden() && !acts_while_too_small(&action) {
        return None;
    }
    match action {
        Action::FocusNext => move_focus(state, 1),
        Action::FocusPrev => move_focus(state, -1),
        Action::Up | Action::Left => arrow(state, ui, -1),
        Action::Down | Action::Right => arrow(state, ui, 1),
        // Too small, the screen only asks for a larger window: Esc leaves, as q does,
        // rather than act on a screen the visitor cannot see.
        Action::Back if state.screen_hidden() => return leave(state),
        Action::Toggle => match state.focus {
            Focus::Category(i) => toggle(state, i),
            Focus::Button(b) => return press(state, ui, b),
            Focus::Text => {
                if let Some(pane) = main_pane(state.screen) {
                    scroll(state, pane, Scroll::Pages(1));
                }
            }
        },
        Action::Activate => match state.focus {
            Focus::Category(i) => toggle(state, i),
            Focus::Button(b) => return press(state, ui, b),
            Focus::Text if state.screen == Screen::Pin => {
                let typed = state.pin.as_mut().map(|p| std::mem::take(&mut p.typed));
                return Some(Effect::CheckPin {
                    pin: typed.unwrap_or_default(),
                    lockout: state.lockout,
                });
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
            if state.screen == Screen::Choose && i < state.choices.len() {
                set_focus(state, Focus::Category(i));
                toggle(state, i);
            }
        }
        Action::Scroll(pane, amount) => scroll(state, pane, amount),
        Action::Help => {
            if !matches!(state.screen, Screen::Help | Screen::Done | Screen::Pin) {
                open(state, Screen::Help, Focus::Text);
                state.scroll.help = 0;
            } else if state.screen == Screen::Help {
                back(state);
            }
        }
        Action::Language => switch_language(state, ui),
        Action::Plain => state.plain = !state.plain,
        Action::Back => {
            if state.history.is_empty() {
                return leave(state);
            }
            state.pin = None;
            back(state);
        }
        Action::Quit => return leave(state),
        Action::IdleTimeout => {
            if state.screen != Screen::Done {
                state.reset();
            }
        }
        Action::Input(now) => {
            state.clock.now = Some(now);
            // The warning stays until answered (`Stay`): an event that presses nothing (the
            // mouse moving, a resize) must not take it away unseen, leaving the next key to
            // press the focused button.
            if state.screen != Screen::Done {
                state.clock.restart_idle(now);
            }
        }
        // The key or click that answered the warning does nothing else: a visitor pressing
        // "any key" in a hurry must not press the focused button.
        Action::Stay => {
            state.idle_warning = false;
            state.speech.say(Say::Focus);
        }
        Action::Voice => {
            if state.speech.mode != SpeechMode::Off {
                state.speech.on = !state.speech.on;
                state.speech.paused = false;
                if !state.speech.on {
                    // Said once more before the voice goes quiet, so the visitor knows.
                    state.speech.pending = vec![Say::VoiceOff];
                }
            }
        }
        Action::Repeat => state.speech.say(Say::Again),
        Action::Details => state.speech.say(Say::Details),
        Action::Pause => {
            if state.speech.on {
                state.speech.paused = !state.speech.paused;
            }
        }
        Action::Rate(step) => {
            state.speech.rate = nudge(state.speech.rate, step);
            state.speech.say(Say::Rate);
        }
        Action::Volume(step) => {
            state.speech.volume = nudge(state.speech.volume, step);
            state.speech.say(Say::Volume);
        }
        Action::VoiceStatus(status) => {
            state.speech.speaking = status.speaking;
            state.speech.unavailable = !status.available;
            state.speech.connecting = status.connecting;
        }
        Action::Tick(now) => {
            state.clock.now = Some(now);
            let due = |at: Option<std::time::Instant>| at.is_some_and(|at| now >= at);
            if state.screen == Screen::Done && due(state.clock.done_at) {
                // The summary is heard whole before the screen closes, up to a limit: a voice
                // that never says it finished must not keep the kiosk from the next visitor.
                let speaking = state.speech.on && state.speech.speaking;
                if speaking && !due(state.clock.done_limit) {
                    state.clock.done_at = now.checked_add(SPEECH_POLL);
                    return None;
                }
                return update(state, ui, Action::Dismiss);
            }
            if due(state.clock.idle_at) {
                // The next wake-up is after the next input (the reset clears the timers).
                return update(state, ui, Action::IdleTimeout);
            }
            if due(state.clock.warn_at) {
                state.clock.warn_at = None;
                // An unattended kiosk has nothing to lose: it stays silent.
                if !state.untouched() {
                    state.idle_warning = true;
                    return Some(Effect::Bell);
                }
            }
        }
        Action::Drawn(extents) => {
            state.scroll.settle(&extents);
            state.extents = extents;
        }
        Action::OperatorExit if state.screen == Screen::Pin => {}
        // On the done screen the decision is saved: any key, the chord too, just closes it.
        Action::OperatorExit if state.screen == Screen::Done => {
            return Some(Effect::Quit(Exit::Success));
        }
        Action::OperatorExit => {
            if state.kiosk {
                if !state.pin_required {
                    return Some(Effect::Quit(Exit::OperatorLeft));
                }
                open(state, Screen::Pin, Focus::Text);
                state.pin = Some(PinEntry::default());
            }
        }
        Action::PinChar(c) => {
            if let Some(entry) = state.pin.as_mut()
                && entry.typed.chars().count() < MAX_PIN
            {
                entry.typed.push(c);
            }
        }
        Action::PinBackspace => {
            if let Some(entry) = state.pin.as_mut() {
                entry.typed.pop();
            }
        }
        Action::PinChecked(PinOutcome::Correct, _) => {
            return Some(Effect::Quit(Exit::OperatorLeft));
        }
        // A wrong PIN, or a lockout, keeps the PIN screen: what the operator types next must
        // land in the PIN field, never on the dialog's buttons. Esc goes back.
        Action::PinChecked(outcome, lockout) => {
            state.lockout = lockout;
            if let Some(entry) = state.pin.as_mut() {
                entry.typed.clear();
                entry.note = Some(outcome);
            }
        }
        Action::Dismiss => {
            if state.screen == Screen::Done {
                return Some(Effect::Quit(Exit::Success));
            }
        }
        Action::Resize(width, height) => {
            state.width = width;
            state.height = height;
        }
        Action::Saved(Ok(record), at) => {
            state.error = None;
            state.saved = Some(record);
            state.history.clear();
            state.screen = Screen::Done;
            // The done screen closes by itself, however long the visitor was idle before; its
            // time counts from when the decision was on disk, however slow the disk.
            state.clock.idle_at = None;
            state.clock.warn_at = None;
            state.clock.done_at = at.checked_add(DONE_DELAY);
            state.clock.done_limit = at.checked_add(DONE_LIMIT);
        }
        Action::Saved(Err(e), _) => {
            state.error = Some(e);
            state.speech.say(Say::Error);
            state.save_failed = true;
        }
    }
    None
}

/// How often the done screen looks whether the voice has finished its summary.
const SPEECH_POLL: std::time::Duration = std::time::Duration::from_millis(200);
/// The longest the done screen waits for the voice.
const DONE_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// A rate or volume moved by `step`, within speech-dispatcher's -100 to 100.
fn nudge(value: i8, step: i8) -> i8 {
    value.saturating_add(step).clamp(-100, 100)
}

/// The longest PIN typed (more is ignored).
const MAX_PIN: usize = 64;

/// While the window is too small, only what does not touch the hidden screen: leaving, the
/// operator's chord, the window growing, and the program's own timers and results.
fn acts_while_too_small(action: &Action) -> bool {
    matches!(
        action,
        Action::Resize(..)
            | Action::Quit
            | Action::Back
            | Action::OperatorExit
            | Action::IdleTimeout
            | Action::Dismiss
            | Action::Input(_)
            | Action::Tick(_)
            | Action::Stay
            | Action::Drawn(_)
            | Action::VoiceStatus(_)
            | Action::Voice
            | Action::Repeat
            | Action::Pause
            | Action::Rate(_)
            | Action::Volume(_)
            | Action::PinChecked(..)
            | Action::Saved(..)
    )
}

/// Leaving without deciding; an error if the visitor tried to save and could not. In kiosk
/// mode the visitor cannot leave this way.
fn leave(state: &State) -> Option<Effect> {
    if state.screen == Screen::Done {
        return Some(Effect::Quit(Exit::Success));
    }
    if state.kiosk {
        return None;
    }
    let code = if state.save_failed {
        Exit::Failure
    } else {
        Exit::LeftWithoutDeciding
    };
    Some(Effect::Quit(code))
}

fn set_focus(state: &mut State, focus: Focus) {
    if let Focus::Category(i) = focus
        && state.selected != i
    {
        state.selected = i;
        state.scroll.details = 0;
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

/// Arrows move between controls, except on text, where they scroll it. The welcome summary
/// is text on the way to the buttons: once it has no more to show that way, the arrows move
/// on like on any control.
fn arrow(state: &mut State, ui: &Ui, step: i32) {
    match (state.focus, main_pane(state.screen)) {
        // With the voice on, the charter is read a paragraph at a time, and the screen shows
        // the paragraph being read.
        (Focus::Text, Some(Pane::Charter)) if state.speech.on => paragraph(state, ui, step),
        (Focus::Text, Some(Pane::Summary)) => {
            let before = state.scroll.summary;
            scroll(state, Pane::Summary, Scroll::Lines(step));
            if state.scroll.summary == before {
                move_focus(state, step as isize);
            }
        }
        (Focus::Text, Some(pane)) => scroll(state, pane, Scroll::Lines(step)),
        _ => move_focus(state, step as isize),
    }
}

/// The voice moves to the next (or previous) paragraph of the charter.
fn paragraph(state: &mut State, ui: &Ui, step: i32) {
    let (Some(width), Some(extent)) = (
        state.extents.charter_width,
        state.extents.get(Pane::Charter),
    ) else {
        return;
    };
    let lines = ui.charter_lines(state.locale, width, state.plain);
    let starts: Vec<usize> = charter::paragraphs(&lines)
        .into_iter()
        .map(|r| r.start)
        .collect();
    let next = state.speech.paragraph as i64 + i64::from(step);
    match usize::try_from(next) {
        Ok(i) if i < starts.len() => {
            state.speech.paragraph = i;
            state.scroll.charter = starts[i].min(extent.max_scroll());
            state.speech.say(Say::Paragraph);
        }
        Ok(_) => state.speech.say(Say::CharterEnd),
        // Before the first: the first again.
        Err(_) => state.speech.say(Say::Paragraph),
    }
}

fn toggle(state: &mut State, i: usize) {
    if let Some(choice) = state.choices.get_mut(i) {
        *choice = choice.toggled();
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
    let all = |accept: bool| -> Vec<bool> {
        state
            .choices
            .iter()
            .map(|c| c.all(accept).granted())
            .collect()
    };
    let decide = |action, granted: Vec<bool>| Some(Effect::Save { action, granted });
    match button {
        Button::AcceptAll => return decide(consent::Decision::AcceptAll, all(true)),
        Button::RefuseAll => return decide(consent::Decision::RejectAll, all(false)),
        Button::Save => return decide(consent::Decision::Custom, state.granted()),
        Button::Choose => {
            open(state, Screen::Choose, State::first_focus(Screen::Choose));
            state.selected = 0;
            state.scroll.details = 0;
        }
        Button::Charter => {
            open(state, Screen::Charter, Focus::Text);
            state.scroll.charter = 0;
            state.speech.paragraph = 0;
        }
        Button::Language => switch_language(state, ui),
        Button::Back => return update(state, ui, Action::Back),
    }
    None
}

fn switch_language(state: &mut State, ui: &Ui) {
    if matches!(state.screen, Screen::Done | Screen::Pin) {
        return;
    }
    // The charter keeps the reading position: the same share of it, since its length
    // changes with the language. Only a charter read past its start is laid out for that.
    if state.scroll.charter > 0
        && let Some(extent) = state.extents.get(Pane::Charter)
    {
        state.scroll.keep_charter_share(extent.content);
    }
    state.locale = (state.locale + 1) % ui.locale_count().max(1);
    // A screen redrawn in another language is a new first sight of it: it favours no way
    // of deciding, even if the focus was on one.
    if matches!(
        state.focus,
        Focus::Button(Button::AcceptAll | Button::RefuseAll | Button::Save)
    ) {
        let neutral = match state.screen {
            Screen::Choose => Focus::Category(state.selected),
            screen => State::first_focus(screen),
        };
        set_focus(state, neutral);
    }
}

fn scroll(state: &mut State, pane: Pane, amount: Scroll) {
    // A pane the last frame did not draw is not on the screen.
    let Some(extent) = state.extents.get(pane) else {
        return;
    };
    let max = extent.max_scroll();
    let current = state.scroll.first(pane, extent) as i64;
    let page = extent.viewport.saturating_sub(1).max(1) as i64;
    let target = match amount {
        Scroll::Lines(n) => current + i64::from(n),
        Scroll::Pages(n) => current + i64::from(n) * page,
        Scroll::Start => 0,
        Scroll::End => max as i64,
    };
    *state.scroll.get_mut(pane) = target.clamp(0, max as i64) as usize;
}
