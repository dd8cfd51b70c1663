//! The rows of buttons the welcome and choose screens share, and the save error above them.

use ratatui::layout::Rect;

use unicode_width::UnicodeWidthStr;

use super::widgets::{Painter, label_x, wrap};
use crate::tui::action::Button;
use crate::tui::context::Ui;
use crate::tui::state::{Focus, State};

/// The save error, if any, wrapped for a column of `width`.
pub(crate) fn error_lines(ui: &Ui, state: &State, width: usize) -> Vec<String> {
    error_message(ui, state).map_or_else(Vec::new, |message| wrap(&message, width, 5))
}

/// Why the last save failed, if it did.
pub(crate) fn error_message(ui: &Ui, state: &State) -> Option<String> {
    let error = state.error.as_ref()?;
    let l = ui.l10n(state.locale);
    Some(l.t_args(
        "save-failed",
        &[
            ("path", error.path.display().to_string().into()),
            ("cause", l.say(&error.cause).into()),
        ],
    ))
}

/// Columns between buttons side by side.
const GAP: u16 = 2;

/// How a row of buttons is laid out in a column, worked out once from their labels.
pub(crate) struct Arrangement {
    labels: Vec<String>,
    /// Side by side, with these widths; or stacked.
    row: Option<Vec<u16>>,
    /// The width of stacked buttons.
    stacked: u16,
    /// Stacked as the list of a wide screen, narrower than the column (see `stacked_width`).
    list: bool,
}

impl Arrangement {
    /// `buttons` in `width` columns from `x`: side by side if they fit with every label within
    /// one braille window, stacked otherwise.
    pub(crate) fn new(ui: &Ui, state: &State, buttons: &[Button], x: u16, width: u16) -> Self {
        let labels: Vec<String> = buttons.iter().map(|b| ui.label(state.locale, *b)).collect();
        let row = side_by_side(state, buttons, &labels, width).filter(|widths| {
            let mut left = x;
            widths.iter().zip(&labels).all(|(w, label)| {
                let fits = label_x(left + 2, w.saturating_sub(4), label.width() as u16).is_some();
                left += w + GAP;
                fits
            })
        });
        let stacked = stacked_width(state, &labels, width);
        Arrangement {
            list: row.is_none() && stacked < width,
            labels,
            row,
            stacked,
        }
    }

    /// Whether stacked buttons are the list of a wide screen.
    pub(crate) fn is_list(&self) -> bool {
        self.list
    }

    /// How many rows the buttons take: one side by side; stacked, each as many as its label
    /// needs, so no label is ever cut, and on a list a blank row between them: a finger a row
    /// off presses nothing rather than the neighbour (see `button_row`).
    pub(crate) fn height(&self, plain: bool) -> u16 {
        if self.row.is_some() {
            return 1;
        }
        let rows: u16 = self.stack_rows(plain).iter().sum();
        rows + if self.list {
            self.labels.len() as u16 - 1
        } else {
            0
        }
    }

    fn stack_rows(&self, plain: bool) -> Vec<u16> {
        self.labels
            .iter()
            .map(|label| Painter::button_height(label, self.stacked, plain))
            .collect()
    }
}

/// Widths side by side in `width` columns, if they fit: all of one size when that fits, else
/// the save button at its own size and the others sharing one.
fn side_by_side(
    state: &State,
    buttons: &[Button],
    labels: &[String],
    width: u16,
) -> Option<Vec<u16>> {
    if state.plain {
        return None;
    }
    let n = buttons.len() as u16;
    let room = width.checked_sub(GAP * (n - 1))?;
    let natural: Vec<u16> = labels.iter().map(|l| Painter::button_width(l)).collect();
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

/// The width of stacked buttons: the column's on a narrow screen (and in plain mode); on a
/// wide one, where they stack only to keep each label within one braille window, the widest
/// label's, all alike, so that they read as a list from the left.
fn stacked_width(state: &State, labels: &[String], width: u16) -> u16 {
    if state.plain || width < super::WIDE {
        return width;
    }
    labels
        .iter()
        .map(|l| Painter::button_width(l))
        .max()
        .unwrap_or(width)
        .min(width)
}

/// `buttons` side by side when they fit in `area`'s width, stacked otherwise.
/// Returns the row after them.
pub(crate) fn button_row(p: &mut Painter, state: &State, buttons: &[Button], area: Rect) -> u16 {
    let arrangement = Arrangement::new(p.ui, state, buttons, area.x, area.width);
    let labels = &arrangement.labels;
    let focused = |b: &Button| state.focus == Focus::Button(*b);
    match &arrangement.row {
        Some(widths) => {
            let mut x = area.x;
            for ((button, label), &w) in buttons.iter().zip(labels).zip(widths) {
                let r = Rect::new(x, area.y, w, area.height.max(1));
                p.button(r, *button, label, focused(button));
                x += w + GAP;
            }
            area.y + area.height.max(1)
        }
        None => {
            let (width, list) = (arrangement.stacked, arrangement.list);
            let n = buttons.len() as u16;
            // A list given three rows a button has tall boxes (the label in the middle row,
            // for a finger that lands a row off); else, given the room, a blank row between
            // its buttons.
            let rows = arrangement.stack_rows(p.plain);
            let tall = list && area.height >= 3 * n;
            let spaced = list && !tall && area.height >= rows.iter().sum::<u16>() + n - 1;
            let mut y = area.y;
            for ((button, label), rows) in buttons.iter().zip(labels).zip(rows) {
                let h = if tall {
                    rows.max(area.height / n)
                } else {
                    rows
                };
                p.button(
                    Rect::new(area.x, y, width, h),
                    *button,
                    label,
                    focused(button),
                );
                y += h + u16::from(spaced);
            }
            y
        }
    }
}
