//! The whole charter, scrollable, with the position in words.

use ratatui::layout::{Position, Rect};

use super::widgets::Painter;
use super::{Hit, Target, column, row};
use crate::tui::action::{Button, Pane};
use crate::tui::context::Ui;
use crate::tui::state::{Focus, State};

/// The text area and the rows under it: position, back button, footer.
pub fn text_area(ui: &Ui, area: Rect) -> Rect {
    let (x, width) = column(ui, area);
    Rect::new(x, area.y + 1, width, area.height.saturating_sub(4))
}

pub fn extent(ui: &Ui, state: &State, area: Rect) -> (usize, usize) {
    let text = text_area(ui, area);
    let lines = ui.charter_lines(state.locale, usize::from(text.width));
    (lines.len(), usize::from(text.height))
}

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let ui = p.ui;
    let l = ui.l10n(state.locale);
    p.title_bar(row(area, area.y), &l.t("charter-title"));
    let text = text_area(ui, area);
    let lines = ui.charter_lines(state.locale, usize::from(text.width));
    let first = state.scroll.charter.min(lines.len().saturating_sub(1));
    for (i, line) in lines
        .iter()
        .skip(first)
        .take(usize::from(text.height))
        .enumerate()
    {
        p.styled(text.x, text.y + i as u16, line, text.width);
    }
    p.hits.push(Hit {
        area: text,
        target: Target::Pane(Pane::Charter),
    });
    if state.focus == Focus::Text {
        p.cursor = Some(Position::new(text.x, text.y));
    }
    scroll_footer(
        p,
        state,
        area,
        "footer-charter",
        first,
        text.height,
        lines.len(),
    );
}

/// Under a scrolled text: where we are in it, the back button, the keys.
pub fn scroll_footer(
    p: &mut Painter,
    state: &State,
    area: Rect,
    footer: &str,
    first: usize,
    shown: u16,
    total: usize,
) {
    let ui = p.ui;
    let l = ui.l10n(state.locale);
    let (x, width) = column(ui, area);
    let last = (first + usize::from(shown)).min(total);
    let percent = (last * 100).checked_div(total).unwrap_or(100);
    let position = l.t_args(
        "charter-position",
        &[
            ("first", (first + 1).min(total).into()),
            ("last", last.into()),
            ("total", total.into()),
            ("percent", percent.into()),
        ],
    );
    let style = p.theme.strong;
    p.text(x, area.bottom() - 3, &position, width, style);
    let label = ui.label(state.locale, Button::Back);
    let w = Painter::button_width(&label).min(width);
    let focused = state.focus == Focus::Button(Button::Back);
    p.button(
        Rect::new(x, area.bottom() - 2, w, 1),
        Button::Back,
        &label,
        focused,
    );
    p.footer(row(area, area.bottom() - 1), &l.t(footer));
}
