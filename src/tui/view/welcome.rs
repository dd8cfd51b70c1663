//! The first screen: what this is about, and the three equal choices.

use ratatui::layout::Rect;

use super::widgets::{Painter, wrap};
use super::{column, row};
use crate::tui::action::Button;
use crate::tui::context::Ui;
use crate::tui::state::{Focus, State};

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let ui = p.ui;
    let l = ui.l10n(state.locale);
    let policy = &ui.policy;
    let wide = super::wide(ui, area);
    let (x, width) = column(ui, area);
    p.title_bar(
        row(area, area.y),
        &l.t_args(
            "welcome-title",
            &[("site", policy.site_name().to_owned().into())],
        ),
    );
    p.footer(row(area, area.bottom() - 1), &l.t("footer-welcome"));

    let optional: Vec<String> = policy
        .categories
        .iter()
        .filter(|c| !c.required)
        .map(|c| l.t(&format!("category-{}", c.id)))
        .collect();
    let args = [
        ("site", policy.site_name().to_owned().into()),
        ("optional", optional.join(", ").into()),
        ("days", policy.consent_days.into()),
    ];
    let summary_id = if optional.is_empty() {
        "welcome-summary-required-only"
    } else {
        "welcome-summary"
    };
    let summary = l.t_args(summary_id, &args);
    let error = super::choose::error_lines(ui, state, usize::from(width));

    let main = [Button::AcceptAll, Button::RefuseAll, Button::Choose];
    let buttons_h = buttons_height(ui, state, &main, width);
    // Rows are given out by importance: the buttons and the two links always; then the error;
    // then a blank line before the links; then the blank lines of wide screens; the summary
    // gets what is left (the charter tells all of it anyway).
    let rows = area.height.saturating_sub(2);
    let mut left = rows.saturating_sub(buttons_h + 2);
    let error_h = (error.len() as u16).min(left);
    left -= error_h;
    let links_gap = left.min(1);
    left -= links_gap;
    // A blank line above the summary, under it, and under the error.
    let gaps = 2 + u16::from(error_h > 0);
    let gap = u16::from(wide && left >= gaps);
    left -= gap * gaps;
    let summary_h = left;
    let lines = wrap(&summary, usize::from(width), usize::from(summary_h));
    let used = gap
        + lines.len() as u16
        + gap
        + error_h
        + gap * u16::from(error_h > 0)
        + buttons_h
        + links_gap
        + 2;
    // Centred in the room left, so a tall window does not leave it all at the bottom; plain
    // mode starts at the top, where a screen reader's review begins.
    let spare = rows.saturating_sub(used);
    let top = area.y + 1 + gap + if ui.plain { 0 } else { spare / 2 };
    p.lines(
        Rect::new(x, top, width, lines.len() as u16),
        &lines,
        p.theme.text,
    );

    let mut y = top + lines.len() as u16 + gap;
    if error_h > 0 {
        p.lines(
            Rect::new(x, y, width, error_h),
            &error[..usize::from(error_h)],
            p.theme.error,
        );
        y += error_h + gap;
    }
    y = button_row(p, state, &main, Rect::new(x, y, width, buttons_h)) + links_gap;
    for button in [Button::Charter, Button::Language] {
        let label = ui.label(state.locale, button);
        let w = Painter::button_width(&label).min(width);
        p.button(
            Rect::new(x, y, w, 1),
            button,
            &label,
            state.focus == Focus::Button(button),
        );
        y += 1;
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

/// How many rows `buttons` take in `width` columns.
pub fn buttons_height(ui: &Ui, state: &State, buttons: &[Button], width: u16) -> u16 {
    match row_widths(ui, state, buttons, width) {
        Some(_) => 1,
        None => buttons.len() as u16,
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
                p.button(Rect::new(x, area.y, w, 1), *button, label, focused(button));
                x += w + 2;
            }
            area.y + 1
        }
        None => {
            for (i, (button, label)) in buttons.iter().zip(&labels).enumerate() {
                let r = Rect::new(area.x, area.y + i as u16, area.width, 1);
                p.button(r, *button, label, focused(button));
            }
            area.y + buttons.len() as u16
        }
    }
}
