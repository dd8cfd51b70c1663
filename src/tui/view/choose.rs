//! Category by category: each with its state in words and a checkbox, the focused one's
//! description and cookies, and the three ways to decide.

use ratatui::layout::{Position, Rect};
use unicode_width::UnicodeWidthStr;

use super::buttons::{Arrangement, button_row, error_lines};
use super::widgets::{Painter, mark};
use super::{column, row};
use crate::charter::{Kind, StyledLine, wrap_plain};
use crate::consent::Choice;
use crate::policy::message;
use crate::tui::action::{Button, Extent, Hit, Pane, Target};
use crate::tui::context::Ui;
use crate::tui::state::{Focus, State};

const DECISIONS: [Button; 3] = [Button::Save, Button::AcceptAll, Button::RefuseAll];

/// Where each part of the choose screen goes, for drawing and for scrolling alike.
struct Layout {
    wide: bool,
    x: u16,
    width: u16,
    list: Rect,
    pane_header: Rect,
    pane: Rect,
    error: Rect,
    buttons: Rect,
    back: Rect,
}

fn layout(ui: &Ui, state: &State, area: Rect) -> Layout {
    let (x, width) = column(state.plain, area);
    let decisions = Arrangement::new(ui, state, &DECISIONS, x, width);
    let wanted = decisions.height(state.plain);
    let spaced = layout_with(ui, state, area, wanted);
    // The blank rows between a list of buttons go first when the categories would not all
    // show (a save error takes room too).
    if spaced.list.height < ui.policy.categories.len() as u16 && decisions.is_list() {
        return layout_with(ui, state, area, wanted - (DECISIONS.len() as u16 - 1));
    }
    spaced
}

/// The layout with `buttons_h` rows for the buttons.
fn layout_with(ui: &Ui, state: &State, area: Rect, buttons_h: u16) -> Layout {
    let wide = super::wide(state.plain, area);
    let gap = u16::from(wide);
    let (x, width) = column(state.plain, area);
    let bottom = area.bottom();
    let back = Rect::new(x, bottom.saturating_sub(2), width, 1);
    let buttons = Rect::new(x, back.y.saturating_sub(buttons_h + gap), width, buttons_h);
    let error_len = error_lines(ui, state, usize::from(width)).len() as u16;
    let error = Rect::new(
        x,
        buttons
            .y
            .saturating_sub(error_len + gap * u16::from(error_len > 0)),
        width,
        error_len,
    );
    let top = area.y + 1 + gap;
    let middle_end = if error_len > 0 {
        error.y
    } else {
        buttons.y.saturating_sub(gap)
    };
    let middle = middle_end.saturating_sub(top);
    let reserve = if wide { 7 } else { 4 };
    let n = ui.policy.categories.len() as u16;
    // Half the room at most when the list is long, so the cookies stay readable too.
    let list_h = n
        .min(middle.saturating_sub(reserve).max(1))
        .min((middle / 2).max(4));
    let list = Rect::new(x, top, width, list_h);
    let y = top + list_h + gap;
    let pane_header = Rect::new(x, y, width, 1);
    let pane = Rect::new(x, y + 1, width, middle_end.saturating_sub(y + 1));
    Layout {
        wide,
        x,
        width,
        list,
        pane_header,
        pane,
        error,
        buttons,
        back,
    }
}

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let ui = p.ui;
    let l = ui.l10n(state.locale);
    let lay = layout(ui, state, area);
    p.title_bar(row(area, area.y), &l.t("choose-title"));
    p.footer(row(area, area.bottom() - 1), &l.t("footer-choose"));

    // The categories, scrolled so the selected one shows.
    let visible = usize::from(lay.list.height);
    let first = state.selected.saturating_sub(visible.saturating_sub(1));
    // Where each row's text ends, so notes never cover a category's state.
    let mut row_ends: Vec<(u16, u16)> = Vec::new();
    for (row_i, i) in (first..ui.policy.categories.len())
        .take(visible)
        .enumerate()
    {
        let category = &ui.policy.categories[i];
        let y = lay.list.y + row_i as u16;
        let focused = state.focus == Focus::Category(i);
        let choice = state.choices.get(i).copied().unwrap_or(Choice::Refused);
        let granted = choice.granted();
        let name = l.t(&message::category(&category.id));
        let state_text = l.say(&choice);
        let (item, state_style) = match (focused, granted) {
            (true, _) => (p.theme.item_focused, p.theme.item_focused),
            (false, true) => (p.theme.item, p.theme.granted),
            (false, false) => (p.theme.item, p.theme.refused),
        };
        let mut x = lay.x;
        // Plain mode says the state in words only, right after the name.
        if !state.plain {
            x += p.text(x, y, &format!("{} ", mark(granted)), lay.width, item);
        }
        let label_x = x;
        // The state is what matters: a long name is cut, never the state after it.
        let colon = format!("{} ", l.t("colon"));
        let tail = (colon.width() + state_text.width()) as u16;
        let end = lay.x + lay.width;
        x += p.text(x, y, &name, end.saturating_sub(x + tail).max(1), item);
        x += p.text(x, y, &colon, end.saturating_sub(x), item);
        x += p.text(x, y, &state_text, end.saturating_sub(x), state_style);
        row_ends.push((y, x));
        p.hits.push(Hit {
            area: Rect::new(lay.x, y, lay.width, 1),
            target: Target::Category(i),
        });
        if focused {
            p.cursor = Some(Position::new(label_x, y));
        }
    }
    // Categories out of view are announced, so nobody stops at the last one shown.
    let total = ui.policy.categories.len();
    let below = total.saturating_sub(first + visible);
    let last_row = lay.list.bottom().saturating_sub(1);
    let mut notes: Vec<(u16, String)> = Vec::new();
    for (id, n, y) in [
        ("categories-above", first, lay.list.y),
        ("categories-below", below, last_row),
    ] {
        if n > 0 {
            let text = l.t_args(id, &[("count", n.into())]);
            match notes.iter_mut().find(|(row, _)| *row == y) {
                Some((_, both)) => *both = format!("{both} {text}"),
                None => notes.push((y, text)),
            }
        }
    }
    for (y, text) in notes {
        let text = format!(" {text}");
        let w = text.width() as u16;
        let end = row_ends
            .iter()
            .find(|(row, _)| *row == y)
            .map_or(lay.x, |(_, end)| *end);
        if end + w <= lay.x + lay.width {
            let style = p.theme.strong;
            p.text(lay.x + lay.width - w, y, &text, w, style);
        }
    }

    // The selected category's name, then its description and cookies, scrolled: nothing of
    // them is ever cut, however small the window.
    let (lines, cookies_at) = details(ui, state, lay.width, lay.wide);
    let shown = usize::from(lay.pane.height);
    let extent = Extent {
        content: lines.len(),
        viewport: shown,
    };
    p.extents.set(Pane::Details, extent);
    let scroll = state.scroll.first(Pane::Details, extent);
    // The category's name heads the pane; once the cookies' own heading (a table's column
    // names) has scrolled out of view, it takes that place.
    let header = match lines.get(cookies_at) {
        Some(heading) if scroll > cookies_at => heading.clone(),
        _ => ui
            .policy
            .categories
            .get(state.selected)
            .map(|c| vec![(l.t(&message::category(&c.id)), Kind::Heading)])
            .unwrap_or_default(),
    };
    let mut header_w = lay.width;
    if lines.len() > shown {
        let position = l.t_args(
            "scroll-position",
            &[
                ("first", (scroll + 1).into()),
                ("last", (scroll + shown).min(lines.len()).into()),
                ("total", lines.len().into()),
            ],
        );
        let w = position.width() as u16;
        if w + 2 < lay.width {
            let style = p.theme.strong;
            p.text(
                lay.x + lay.width - w,
                lay.pane_header.y,
                &position,
                w,
                style,
            );
            header_w = lay.width - w - 1;
        }
    }
    p.styled(lay.pane_header.x, lay.pane_header.y, &header, header_w);
    for (i, line) in lines.iter().skip(scroll).take(shown).enumerate() {
        p.styled(lay.pane.x, lay.pane.y + i as u16, line, lay.width);
    }
    p.hits.push(Hit {
        area: Rect::new(lay.x, lay.pane_header.y, lay.width, lay.pane.height + 1),
        target: Target::Pane(Pane::Details),
    });

    let error = error_lines(ui, state, usize::from(lay.width));
    p.lines(lay.error, &error, p.theme.error);
    button_row(p, state, &DECISIONS, lay.buttons);
    let label = ui.label(state.locale, Button::Back);
    let w = Painter::button_width(&label).min(lay.width);
    let focused = state.focus == Focus::Button(Button::Back);
    p.button(
        Rect::new(lay.back.x, lay.back.y, w, 1),
        Button::Back,
        &label,
        focused,
    );
}

/// The selected category's description, whole, then its cookies; and the index of the
/// cookies' heading line.
fn details(ui: &Ui, state: &State, width: u16, wide: bool) -> (Vec<StyledLine>, usize) {
    let Some(category) = ui.policy.categories.get(state.selected) else {
        return (Vec::new(), 0);
    };
    let description = ui
        .l10n(state.locale)
        .attr(&message::category(&category.id), message::DESCRIPTION);
    let mut lines: Vec<StyledLine> = wrap_plain(&description, usize::from(width))
        .into_iter()
        .map(|t| vec![(t, Kind::Text)])
        .collect();
    let (header, cookies) = cookie_lines(ui, state, width, wide);
    lines.push(Vec::new());
    let cookies_at = lines.len();
    lines.push(header);
    lines.extend(cookies);
    (lines, cookies_at)
}

/// The cookies of `category`: name, provider, service and purpose, in `locale`.
pub(crate) fn cookie_rows(ui: &Ui, locale: usize, category: &str) -> Vec<[String; 4]> {
    let l = ui.l10n(locale);
    ui.policy
        .cookies_of(category)
        .map(|c| {
            [
                c.name.clone(),
                c.provider.clone(),
                l.t(&message::cookie_service(&c.id)),
                l.t(&message::cookie_purpose(&c.id)),
            ]
        })
        .collect()
}

/// The header row and the lines of the selected category's cookies: a table when there is
/// room, otherwise one small block per cookie.
fn cookie_lines(ui: &Ui, state: &State, width: u16, wide: bool) -> (StyledLine, Vec<StyledLine>) {
    let l = ui.l10n(state.locale);
    let width = usize::from(width);
    let Some(category) = ui.policy.categories.get(state.selected) else {
        return (Vec::new(), Vec::new());
    };
    let cookies = cookie_rows(ui, state.locale, &category.id);
    let heading = |text: String| vec![(text, Kind::Heading)];
    if cookies.is_empty() {
        let lines = wrap_plain(&l.t("no-cookies"), width)
            .into_iter()
            .map(|t| vec![(t, Kind::Emphasis)])
            .collect();
        return (heading(l.t("cookies-heading")), lines);
    }
    let headers = [
        "column-name",
        "column-provider",
        "column-service",
        "column-purpose",
    ]
    .map(|h| l.t(h));
    let col = |i: usize, cap: usize| {
        cookies
            .iter()
            .map(|c| c[i].width())
            .chain([headers[i].width()])
            .max()
            .unwrap_or(0)
            .min(cap)
    };
    let (name_w, provider_w) = (col(0, 22), col(1, 16));
    let rest = width.saturating_sub(name_w + provider_w + 6);
    // A real table only where its text columns get a readable width; otherwise each cookie
    // is a small block whose lines say what they are.
    if !wide || rest < 48 {
        let mut lines = Vec::new();
        for c in &cookies {
            lines.push(vec![(c[0].clone(), Kind::Label)]);
            for (header, text) in [
                (&headers[1], &c[1]),
                (&headers[2], &c[2]),
                (&headers[3], &c[3]),
            ] {
                for t in wrap_plain(&l.pair(header, text), width.saturating_sub(2)) {
                    lines.push(vec![(format!("  {t}"), Kind::Text)]);
                }
            }
        }
        return (heading(l.t("cookies-heading")), lines);
    }
    let service_w = rest * 2 / 5;
    let widths = [name_w, provider_w, service_w, rest - service_w];
    let header_cells = headers.map(|h| vec![h]);
    let header_text =
        table_line(&header_cells, &widths, 0, 0) + &table_line(&header_cells, &widths, 0, 1);
    let header = vec![(header_text, Kind::Heading)];
    let mut lines = Vec::new();
    for c in &cookies {
        let cells: [Vec<String>; 4] = std::array::from_fn(|i| wrap_plain(&c[i], widths[i]));
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            lines.push(vec![
                (table_line(&cells, &widths, line, 0), Kind::Label),
                (table_line(&cells, &widths, line, 1), Kind::Text),
            ]);
        }
    }
    (header, lines)
}

/// Line `line` of a table row whose cells are already wrapped to `widths`, from cell `from`
/// on (the name column is styled apart from the others), each cell padded to its column.
fn table_line(cells: &[Vec<String>; 4], widths: &[usize; 4], line: usize, from: usize) -> String {
    let last = if from == 0 { 1 } else { 4 };
    let mut out = String::new();
    for i in from..last {
        let text = cells[i].get(line).map_or("", String::as_str);
        out.push_str(text);
        if i < 3 {
            out.push_str(&" ".repeat(widths[i].saturating_sub(text.width()) + 2));
        }
    }
    out
}
