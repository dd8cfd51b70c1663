//! The first screen: what this is about, and the three equal choices.

use ratatui::layout::{Position, Rect};

use super::widgets::Painter;
use super::{Hit, Target, column, row};
use crate::charter::wrap_plain;
use crate::policy::message;
use crate::tui::action::{Button, Pane};
use crate::tui::context::Ui;
use crate::tui::state::{Focus, State};

/// The summary, wrapped for the welcome screen's column.
fn summary(ui: &Ui, state: &State, width: u16) -> Vec<String> {
    let l = ui.l10n(state.locale);
    let policy = &ui.policy;
    let optional: Vec<String> = policy
        .categories
        .iter()
        .filter(|c| !c.required)
        .map(|c| l.t(&message::category(&c.id)))
        .collect();
    // A kiosk forgets the decision after the visit (the launcher resets it): the summary
    // says so instead of a number of days the visitor will never see.
    let duration = if state.kiosk {
        l.t("welcome-duration-visit")
    } else {
        l.t_args(
            "welcome-duration-days",
            &[("days", policy.consent_days.into())],
        )
    };
    let args = [
        ("site", policy.site_name().into()),
        ("optional", optional.join(", ").into()),
        ("duration", duration.into()),
    ];
    let summary_id = if optional.is_empty() {
        "welcome-summary-required-only"
    } else {
        "welcome-summary"
    };
    wrap_plain(&l.t_args(summary_id, &args), usize::from(width))
}

/// Where each part of the welcome screen goes, for drawing and for scrolling alike.
struct Layout {
    x: u16,
    width: u16,
    /// All of the summary, and the rows it may use; when it does not fit, the last of them
    /// shows the position and the rest scroll.
    summary: Vec<String>,
    summary_area: Rect,
    error: Vec<String>,
    error_y: u16,
    buttons: Rect,
    links_y: u16,
}

const MAIN: [Button; 3] = [Button::AcceptAll, Button::RefuseAll, Button::Choose];
const LINKS: [Button; 2] = [Button::Charter, Button::Language];

fn layout(ui: &Ui, state: &State, area: Rect) -> Layout {
    let wide = super::wide(ui, area);
    let (x, width) = column(ui, area);
    let summary = summary(ui, state, width);
    let error = super::choose::error_lines(ui, state, usize::from(width));
    let mut buttons_h = buttons_height(ui, state, &MAIN, width);
    let links_h: u16 = LINKS
        .iter()
        .map(|b| Painter::button_height(&ui.label(state.locale, *b), width, ui.plain))
        .sum();
    // Rows are given out by importance: the buttons and the links always; then the error;
    // then a blank line before the links; then the blank lines of wide screens; the summary
    // gets what is left, and scrolls when that is not enough.
    let rows = area.height.saturating_sub(2);
    let mut left = rows.saturating_sub(buttons_h + links_h);
    let error_h = (error.len() as u16).min(left.saturating_sub(2));
    left -= error_h;
    let links_gap = left.saturating_sub(2).min(1);
    left -= links_gap;
    // A blank line above the summary, under it, and under the error.
    let gaps = 2 + u16::from(error_h > 0);
    let gap = u16::from(wide && left >= gaps + summary.len() as u16);
    left -= gap * gaps;
    let summary_h = (summary.len() as u16).min(left);
    let mut used = gap * gaps + summary_h + error_h + buttons_h + links_gap + links_h;
    // With rows to spare the three choices are boxes three rows high: a finger on a touch
    // screen that lands a row off still presses the button it aimed at.
    if wide && buttons_h == 1 && rows >= used + 4 {
        buttons_h = 3;
        used += 2;
    }
    // Centred in the room left, so a tall window does not leave it all at the bottom; plain
    // mode starts at the top, where a screen reader's review begins.
    let spare = rows.saturating_sub(used);
    let top = area.y + 1 + gap + if ui.plain { 0 } else { spare / 2 };
    let summary_area = Rect::new(x, top, width, summary_h);
    let error_y = top + summary_h + gap;
    let buttons_y = error_y + if error_h > 0 { error_h + gap } else { 0 };
    let mut error = error;
    error.truncate(usize::from(error_h));
    Layout {
        x,
        width,
        summary,
        summary_area,
        error,
        error_y,
        buttons: Rect::new(x, buttons_y, width, buttons_h),
        links_y: buttons_y + buttons_h + links_gap,
    }
}

/// How long the summary is and how many of its lines show at once.
pub fn summary_extent(ui: &Ui, state: &State, area: Rect) -> (usize, usize) {
    layout(ui, state, area).summary_extent()
}

impl Layout {
    /// How long the summary is and how many of its lines show at once.
    fn summary_extent(&self) -> (usize, usize) {
        let rows = usize::from(self.summary_area.height);
        // When it does not all fit, the last row tells the position.
        let shown = if self.summary.len() > rows {
            rows.saturating_sub(1)
        } else {
            rows
        };
        (self.summary.len(), shown)
    }
}

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let ui = p.ui;
    let l = ui.l10n(state.locale);
    p.title_bar(
        row(area, area.y),
        &l.t_args("welcome-title", &[("site", ui.policy.site_name().into())]),
    );
    p.footer(row(area, area.bottom() - 1), &l.t("footer-welcome"));
    let lay = layout(ui, state, area);

    let (total, shown) = lay.summary_extent();
    let first = state.scroll.summary.min(total.saturating_sub(shown));
    let text = Rect::new(lay.x, lay.summary_area.y, lay.width, shown as u16);
    p.lines(
        text,
        &lay.summary[first..(first + shown).min(total)],
        p.theme.text,
    );
    if total > shown {
        let position = l.t_args(
            "summary-position",
            &[
                ("first", (first + 1).into()),
                ("last", (first + shown).into()),
                ("total", total.into()),
            ],
        );
        let style = p.theme.strong;
        p.text(lay.x, text.bottom(), &position, lay.width, style);
    }
    p.hits.push(Hit {
        area: lay.summary_area,
        target: Target::Pane(Pane::Summary),
    });
    if state.focus == Focus::Text {
        p.cursor = Some(Position::new(lay.x, lay.summary_area.y));
    }

    let error_area = Rect::new(lay.x, lay.error_y, lay.width, lay.error.len() as u16);
    p.lines(error_area, &lay.error, p.theme.error);
    button_row(p, state, &MAIN, lay.buttons);
    let mut y = lay.links_y;
    for button in LINKS {
        let label = ui.label(state.locale, button);
        let w = Painter::button_width(&label).min(lay.width);
        let h = Painter::button_height(&label, lay.width, ui.plain);
        p.button(
            Rect::new(lay.x, y, w, h),
            button,
            &label,
            state.focus == Focus::Button(button),
        );
        y += h;
    }
}

/// Widths of `buttons` side by side in `width` columns, if they fit: all of one size when
/// that fits, else the save button at its own size and the others sharing one. None when they
/// must be stacked.
pub fn row_widths(ui: &Ui, state: &State, buttons: &[Button], width: u16) -> Option<Vec<u16>> {
    if ui.plain {
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
pub fn buttons_height(ui: &Ui, state: &State, buttons: &[Button], width: u16) -> u16 {
    match row_widths(ui, state, buttons, width) {
        Some(_) => 1,
        None => buttons
            .iter()
            .map(|b| Painter::button_height(&ui.label(state.locale, *b), width, ui.plain))
            .sum(),
    }
}

/// `buttons` side by side when they fit in `area`'s width, stacked and full width otherwise.
/// Returns the row after them.
pub fn button_row(p: &mut Painter, state: &State, buttons: &[Button], area: Rect) -> u16 {
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
                let h = Painter::button_height(label, area.width, p.ui.plain);
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
