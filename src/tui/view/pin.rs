//! Kiosk mode: the operator's PIN, typed after the exit chord. The PIN is never shown, only
//! one `*` per character typed.

use ratatui::layout::{Position, Rect};

use super::widgets::{Painter, wrap};
use super::{column, row};
use crate::kiosk::PinOutcome;
use crate::tui::context::Ui;
use crate::tui::state::State;

/// What the PIN check said, in words (nothing once it is correct: the dialog closes).
pub(crate) fn note_text(ui: &Ui, state: &State, note: PinOutcome) -> Option<String> {
    let l = ui.l10n(state.locale);
    match note {
        PinOutcome::Wrong => Some(l.t("pin-wrong")),
        PinOutcome::Locked { seconds } => {
            Some(l.t_args("pin-locked", &[("seconds", seconds.into())]))
        }
        PinOutcome::Correct => None,
    }
}

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let l = p.ui.l10n(state.locale);
    p.title_bar(row(area, area.y), &l.t("pin-title"));
    p.footer(row(area, area.bottom() - 1), &l.t("pin-hint"));
    let (x, width) = column(p.plain, area);
    let y = area.y + 2;
    let style = p.theme.strong;
    p.text(x, y, &l.t("pin-prompt"), width, style);
    let (typed, note) = state
        .pin
        .as_ref()
        .map_or((0, None), |p| (p.typed.chars().count(), p.note));
    let mask = "*".repeat(typed);
    let field = Rect::new(x, y + 1, width.min(20), 1);
    let field_style = p.theme.item_focused;
    p.fill(field, field_style);
    let used = p.text(field.x, field.y, &mask, field.width, field_style);
    if let Some(note) = note.and_then(|n| note_text(p.ui, state, n)) {
        let lines = wrap(&note, usize::from(width), 3);
        let style = p.theme.error;
        p.lines(Rect::new(x, y + 3, width, 3), &lines, style);
    }
    p.cursor = Some(Position::new(
        field.x + used.min(field.width.saturating_sub(1)),
        field.y,
    ));
}
