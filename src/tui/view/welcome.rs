//! The first screen: what this is about, and the three equal choices.

use ratatui::layout::{Position, Rect};

use super::buttons::{Arrangement, button_row, error_lines};
use super::widgets::Painter;
use super::{column, row};
use crate::charter::wrap_plain;
use crate::policy::message;
use crate::tui::action::{Button, Extent, Hit, Pane, Target};
use crate::tui::context::Ui;
use crate::tui::state::{Focus, State};

/// The summary, wrapped for the welcome screen's column.
fn summary(ui: &Ui, state: &State, width: u16) -> Vec<String> {
    wrap_plain(&summary_text(ui, state), usize::from(width))
}

/// What the welcome screen says this is about, in one piece.
pub(crate) fn summary_text(ui: &Ui, state: &State) -> String {
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
    l.t_args(summary_id, &args)
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
    let wide = super::wide(state.plain, area);
    let (x, width) = column(state.plain, area);
    let summary = summary(ui, state, width);
    let error = error_lines(ui, state, usize::from(width));
    let main = Arrangement::new(ui, state, &MAIN, x, width);
    let mut buttons_h = main.height(state.plain);
    let links_h: u16 = LINKS
        .iter()
        .map(|b| Painter::button_height(&ui.label(state.locale, *b), width, state.plain))
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
    let tall = if buttons_h == 1 {
        3
    } else {
        3 * MAIN.len() as u16
    };
    if wide && (buttons_h == 1 || main.is_list()) && rows >= used + tall - buttons_h {
        used += tall - buttons_h;
        buttons_h = tall;
    }
    // Centred in the room left, so a tall window does not leave it all at the bottom; plain
    // mode starts at the top, where a screen reader's review begins.
    let spare = rows.saturating_sub(used);
    let top = area.y + 1 + gap + if state.plain { 0 } else { spare / 2 };
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

impl Layout {
    /// How long the summary is and how many of its lines show at once.
    fn summary_extent(&self) -> Extent {
        let rows = usize::from(self.summary_area.height);
        // When it does not all fit, the last row tells the position.
        let shown = if self.summary.len() > rows {
            rows.saturating_sub(1)
        } else {
            rows
        };
        Extent {
            content: self.summary.len(),
            viewport: shown,
        }
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

    let extent = lay.summary_extent();
    p.extents.set(Pane::Summary, extent);
    let (total, shown) = (extent.content, extent.viewport);
    let first = state.scroll.first(Pane::Summary, extent);
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
        let h = Painter::button_height(&label, lay.width, state.plain);
        p.button(
            Rect::new(lay.x, y, w, h),
            button,
            &label,
            state.focus == Focus::Button(button),
        );
        y += h;
    }
}
