//! The idle warning, over whatever screen shows: the visit is about to start over, and any key
//! or click keeps it (WCAG 2.2.1, timing adjustable).

use ratatui::layout::{Position, Rect};

use super::widgets::{Painter, wrap};
use crate::tui::action::{Hit, Target};
use crate::tui::context::Ui;
use crate::tui::state::State;

/// The widest the box gets: a short line is read at a glance.
const MAX_WIDTH: u16 = 60;

/// The warning's title and message.
pub(crate) fn texts(ui: &Ui, state: &State) -> (String, String) {
    let l = ui.l10n(state.locale);
    let seconds = state.clock.warning_seconds();
    (
        l.t("idle-warning-title"),
        l.t_args("idle-warning", &[("seconds", seconds.into())]),
    )
}

pub(super) fn draw(p: &mut Painter, state: &State, area: Rect) {
    let (title, message) = texts(p.ui, state);
    // A framed box in the middle, a blank row and two columns inside the frame; in plain
    // mode the text alone on a cleared screen, from the top left, where a braille display
    // starts reading.
    let plain = p.plain;
    let (pad_x, pad_y) = if plain { (0, 0) } else { (2, 1) };
    let width = if plain {
        area.width
    } else {
        area.width.saturating_sub(2).min(MAX_WIDTH)
    };
    let inner = width.saturating_sub(2 * pad_x).max(1);
    let room = area.height.saturating_sub(2 * pad_y + 2).max(1);
    let lines = wrap(&message, usize::from(inner), usize::from(room));
    let height = (lines.len() as u16 + 2 + 2 * pad_y).min(area.height);
    let x = area.x + area.width.saturating_sub(width) / 2;
    let y = if plain {
        area.y
    } else {
        area.y + area.height.saturating_sub(height) / 2
    };
    let frame = if plain {
        area
    } else {
        Rect::new(x, y, width, height)
    };
    let style = if plain { p.theme.base } else { p.theme.title };
    p.fill(frame, style);
    if !plain && frame.width >= 2 && frame.height >= 2 {
        border(p, frame, style);
    }
    let (text_x, text_y) = (x + pad_x, y + pad_y);
    p.text(text_x, text_y, &title, inner, style);
    p.lines(Rect::new(text_x, text_y + 2, inner, room), &lines, style);
    // The cursor on the warning, so that a screen reader reads it out.
    p.cursor = Some(Position::new(text_x, text_y));
    // Drawn last, found first: a click anywhere answers the warning, and presses nothing.
    p.hits.push(Hit {
        area,
        target: Target::Warning,
    });
}

/// A line around `frame`, in characters every terminal font has.
fn border(p: &mut Painter, frame: Rect, style: ratatui::style::Style) {
    let inner = usize::from(frame.width.saturating_sub(2));
    let edge = |left: &str, right: &str| format!("{left}{}{right}", "─".repeat(inner));
    p.text(frame.x, frame.y, &edge("┌", "┐"), frame.width, style);
    p.text(
        frame.x,
        frame.bottom() - 1,
        &edge("└", "┘"),
        frame.width,
        style,
    );
    for y in frame.y + 1..frame.bottom().saturating_sub(1) {
        p.text(frame.x, y, "│", 1, style);
        p.text(frame.right() - 1, y, "│", 1, style);
    }
}
