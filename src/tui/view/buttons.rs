//! The rows of buttons the welcome and choose screens share, and the save error above them.

use ratatui::layout::Rect;

use super::widgets::{Painter, wrap};
use crate::tui::action::Button;
use crate::tui::context::Ui;
use crate::tui::state::{Focus, State};

/// The save error, if any, wrapped for a column of `width`.
pub(crate) fn error_lines(ui: &Ui, state: &State, width: usize) -> Vec<String> {
    let Some(error) = &state.error else {
        return Vec::new();
    };
    let l = ui.l10n(state.locale);
    let message = l.t_args(
        "save-failed",
        &[
            ("path", error.path.display().to_string().into()),
            ("cause", l.say(&error.cause).into()),
        ],
    );
    wrap(&message, width, 5)
}

/// Widths of `buttons` side by side in `width` columns, if they fit: all of one size when
/// that fits, else the save button at its own size and the others sharing one. None when they
/// must be stacked.
pub(crate) fn row_widths(
    ui: &Ui,
    state: &State,
    buttons: &[Button],
    width: u16,
) -> Option<Vec<u16>> {
    if state.plain {
        return None;
    }
    let gap = 2;
    let n = buttons.len() as u16;
    let room = width.checked_sub(gap * (n - 1))?;
    let natural: Vec<u16> = buttons
        .iter()
        .map(|b| Painter::button_width(&ui.label(state.locale, *b)))
        .collect();
    let widest = natural.iter().copied().max().unwrap_or(0);
    if widest * n <= room {
        return Some(vec![room / n; buttons.len()]);
    }
    // Only "save my choices" may differ: the ways to decide at once (and, on the welcome
    // screen, the way to choose) always share one size, or stack.
    let shared = buttons
        .iter()
        .zip(&natural)
        .filter(|(b, _)| **b != Button::Save)
        .map(|(_, w)| *w)
        .max()
        .unwrap_or(0);
    let widths: Vec<u16> = buttons
        .iter()
        .zip(&natural)
        .map(|(b, w)| if *b == Button::Save { *w } else { shared })
        .collect();
    (widths.iter().sum::<u16>() <= room).then_some(widths)
}

/// How many rows `buttons` take in `width` columns: one side by side; stacked, each takes
/// as many rows as its label needs, so no label is ever cut.
pub(crate) fn buttons_height(ui: &Ui, state: &State, buttons: &[Button], width: u16) -> u16 {
    match row_widths(ui, state, buttons, width) {
        Some(_) => 1,
        None => buttons
            .iter()
            .map(|b| Painter::button_height(&ui.label(state.locale, *b), width, state.plain))
            .sum(),
    }
}

/// `buttons` side by side when they fit in `area`'s width, stacked and full width otherwise.
/// Returns the row after them.
pub(crate) fn button_row(p: &mut Painter, state: &State, buttons: &[Button], area: Rect) -> u16 {
    let labels: Vec<String> = buttons
        .iter()
        .map(|b| p.ui.label(state.locale, *b))
        .collect();
    let focused = |b: &Button| state.focus == Focus::Button(*b);
    match row_widths(p.ui, state, buttons, area.width) {
        Some(widths) => {
            let mut x = area.x;
            for ((button, label), w) in buttons.iter().zip(&labels).zip(widths) {
                let r = Rect::new(x, area.y, w, area.height.max(1));
                p.button(r, *button, label, focused(button));
                x += w + 2;
            }
            area.y + area.height.max(1)
        }
        None => {
            let mut y = area.y;
            for (button, label) in buttons.iter().zip(&labels) {
                let h = Painter::button_height(label, area.width, p.plain);
                p.button(
                    Rect::new(area.x, y, area.width, h),
                    *button,
                    label,
                    focused(button),
                );
                y += h;
            }
            y
        }
    }
}
