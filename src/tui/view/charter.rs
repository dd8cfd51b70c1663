//! The whole charter, scrollable, with the position in words.

use ratatui::layout::{Position, Rect};

use super::widgets::Painter;
use super::{column, row};
use crate::charter::StyledLine;
use crate::tui::action::{Button, Extent, Hit, Pane, Target};
use crate::tui::state::{Focus, State};

/// The text area and the rows under it: position, back button, footer.
pub(crate) fn text_area(plain: bool, area: Rect) -> Rect {
    let (x, width) = column(plain, area);
    Rect::new(x, area.y + 1, width, area.height.saturating_sub(4))
}

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let ui = p.ui;
    let text = text_area(state.plain, area);
    let lines = ui.charter_lines(state.locale, usize::from(text.width), state.plain);
    p.extents.charter_width = Some(usize::from(text.width));
    scrolled(
        p,
        state,
        area,
        ("charter-title", "footer-charter"),
        Pane::Charter,
        &lines,
    );
}

/// A screen of scrolled text (the charter, the help): the title, the lines from the pane's
/// position on,
/// the position in words, the back button and the keys. `texts` are the Fluent ids of the
/// title and of the footer.
pub fn scrolled(
    p: &mut Painter,
    state: &State,
    area: Rect,
    texts: (&str, &str),
    pane: Pane,
    lines: &[StyledLine],
) {
    let (title, footer) = texts;
    p.title_bar(row(area, area.y), &p.ui.l10n(state.locale).t(title));
    let text = text_area(p.plain, area);
    let extent = Extent {
        content: lines.len(),
        viewport: usize::from(text.height),
    };
    p.extents.set(pane, extent);
    let first = state.scroll.first(pane, extent);
    let shown = lines.iter().skip(first).take(usize::from(text.height));
    for (i, line) in shown.enumerate() {
        p.styled(text.x, text.y + i as u16, line, text.width);
    }
    p.hits.push(Hit {
        area: text,
        target: Target::Pane(pane),
    });
    if state.focus == Focus::Text {
        p.cursor = Some(Position::new(text.x, text.y));
    }
    scroll_footer(p, state, area, footer, first, text.height, lines.len());
}

/// Under a scrolled text: where we are in it, the back button, the keys.
fn scroll_footer(
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
    let (x, width) = column(p.plain, area);
    let last = (first + usize::from(shown)).min(total);
    // How far the reading has gone, counted from the first visible line: 0 % at the top,
    // 100 % once the end shows.
    let percent = (first * 100)
        .checked_div(total.saturating_sub(usize::from(shown)))
        .unwrap_or(100)
        .min(100);
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
