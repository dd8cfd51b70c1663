//! Every key of the screen the visitor came from, read from the keymap itself.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::charter::{scrolled, text_area};
use super::widgets::Painter;
use crate::charter::{Kind, StyledLine, wrap_plain};
use crate::tui::action::{Pane, Screen};
use crate::tui::context::Ui;
use crate::tui::keymap::{Keys, bindings};
use crate::tui::state::State;

/// The screen the help is about: the one under it.
fn subject(state: &State) -> (Screen, Vec<crate::tui::action::Button>) {
    match state.history.last() {
        Some((screen, _)) => {
            let mut under = state.clone();
            under.screen = *screen;
            (*screen, under.buttons())
        }
        None => (state.screen, state.buttons()),
    }
}

fn key_names(ui: &Ui, state: &State, keys: Keys) -> String {
    let l = ui.l10n(state.locale);
    let id = match keys {
        Keys::Tab => "key-tab",
        Keys::BackTab => "key-backtab",
        Keys::Arrows => "key-arrows",
        Keys::Jk => "key-jk",
        Keys::Space => "key-space",
        Keys::Enter => "key-enter",
        Keys::PageUpDown => "key-pageupdown",
        Keys::HomeEnd => "key-homeend",
        Keys::Help => "key-help",
        Keys::Language => "key-language",
        Keys::Plain => "key-plain",
        Keys::Voice => "key-voice",
        Keys::Repeat => "key-repeat",
        Keys::Details => "key-details",
        Keys::Pause => "key-pause",
        Keys::Rate => "key-rate",
        Keys::Volume => "key-volume",
        Keys::Esc => "key-esc",
        Keys::Quit => return format!("{} / Ctrl+C", l.t("key-quit")),
        Keys::Close => "key-quit",
        Keys::Any => "key-any",
        Keys::Wheel => "key-wheel",
        Keys::Click => "key-click",
        Keys::PinText => "key-pin",
        Keys::Shortcut(button) => {
            return ui
                .shortcut(state.locale, button)
                .map(|c| c.to_uppercase().to_string())
                .unwrap_or_default();
        }
    };
    l.t(id)
}

/// Every key of the screen the help is about, and what it does, in the help's order.
pub(crate) fn entries(ui: &Ui, state: &State) -> Vec<(String, String)> {
    let l = ui.l10n(state.locale);
    let (screen, buttons) = subject(state);
    bindings(screen, &buttons, state.kiosk, &state.speech)
        .into_iter()
        .map(|b| {
            let does = match b.keys {
                Keys::Shortcut(button) => {
                    let name = l.t(button.message_id());
                    l.t_args(b.does, &[("button", name.into())])
                }
                _ => l.t(b.does),
            };
            (key_names(ui, state, b.keys), does)
        })
        .collect()
}

/// The help text: one entry per binding, keys then what they do, at `width`.
fn lines(ui: &Ui, state: &State, width: usize) -> Vec<StyledLine> {
    let l = ui.l10n(state.locale);
    let entries = entries(ui, state);
    let mut out: Vec<StyledLine> = wrap_plain(&l.t("help-intro"), width)
        .into_iter()
        .map(|t| vec![(t, Kind::Text)])
        .collect();
    out.push(Vec::new());
    let key_w = entries.iter().map(|(k, _)| k.width()).max().unwrap_or(0) + 2;
    let side_by_side = key_w + 20 <= width;
    for (keys, does) in entries {
        if side_by_side {
            let pad = " ".repeat(key_w - keys.width());
            let mut first = true;
            for t in wrap_plain(&does, width - key_w) {
                let lead = if first {
                    format!("{keys}{pad}")
                } else {
                    " ".repeat(key_w)
                };
                out.push(vec![(lead, Kind::Label), (t, Kind::Text)]);
                first = false;
            }
        } else {
            out.push(vec![(keys, Kind::Label)]);
            for t in wrap_plain(&does, width.saturating_sub(2)) {
                out.push(vec![(format!("  {t}"), Kind::Text)]);
            }
        }
    }
    out
}

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let text = text_area(p.plain, area);
    let all = lines(p.ui, state, usize::from(text.width));
    scrolled(
        p,
        state,
        area,
        ("help-title", "footer-help"),
        Pane::Help,
        &all,
    );
}
