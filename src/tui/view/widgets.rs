//! Drawing helpers shared by the screens: text that never overflows, buttons that report where
//! they are (for the mouse) and where the cursor goes when they have focus.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::charter::StyledLine;
use crate::tui::action::{Button, Extents, Hit, Target};
use crate::tui::context::Ui;
use crate::tui::theme::Theme;

pub(crate) struct Painter<'a> {
    pub buf: &'a mut Buffer,
    pub ui: &'a Ui,
    pub theme: &'a Theme,
    pub hits: Vec<Hit>,
    pub cursor: Option<Position>,
    /// The plain layout: one column, no decoration.
    pub plain: bool,
    /// The panes drawn, for scrolling them.
    pub extents: Extents,
    /// What the footer says of the voice first: its key, or that it is unavailable.
    pub voice: Option<String>,
}

/// The cells of the smallest braille display we lay out for. BRLTTY's window follows the
/// cursor in steps of its width, from the left edge: a label that crosses a multiple of it is
/// read in two halves ("Tout ref" | "user (R)"), so none does where there is room.
pub(crate) const BRAILLE_CELLS: u16 = 40;

/// Where a label `width` columns wide goes in the `room` columns from `left`: centred, or moved
/// just enough to stay within one braille window. None when it cannot stay within one.
pub(crate) fn label_x(left: u16, room: u16, width: u16) -> Option<u16> {
    let centred = left + room.saturating_sub(width) / 2;
    let window = |x: u16| x / BRAILLE_CELLS;
    let fits =
        |x: u16| x >= left && x + width <= left + room && window(x) == window(x + width.max(1) - 1);
    if fits(centred) {
        return Some(centred);
    }
    // The boundary the centred label crosses: start on it, or end on it, nearer the centre.
    let boundary = (window(centred) + 1) * BRAILLE_CELLS;
    let after = boundary;
    let before = boundary.checked_sub(width);
    let mut options: Vec<u16> = [Some(after), before]
        .into_iter()
        .flatten()
        .filter(|x| fits(*x))
        .collect();
    options.sort_by_key(|x| x.abs_diff(centred));
    options.first().copied()
}

/// A checkbox: ticked or not, in characters any terminal and braille display shows.
pub fn mark(granted: bool) -> &'static str {
    if granted { "[x]" } else { "[ ]" }
}

/// `text` cut to `width` columns, with `…` where something was cut.
pub(crate) fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// A button label on rows of `width`: one row when it fits, else wrapped at words. Past
/// `max` rows (only where a layout had no room at all) the last row keeps the key
/// ("… (A)"), which says how to press it.
fn label_lines(label: &str, width: usize, max: usize) -> Vec<String> {
    if label.width() <= width || width == 0 {
        return vec![fit(label, width)];
    }
    let mut lines = crate::charter::wrap_plain(label, width);
    if lines.len() > max {
        lines.truncate(max.max(1));
        let key = label
            .rsplit_once(" (")
            .filter(|(_, key)| key.ends_with(')'))
            .map(|(_, key)| format!(" ({key}"))
            .unwrap_or_default();
        if let Some(last) = lines.last_mut() {
            *last = format!(
                "{}{key}",
                fit(&format!("{last}…"), width.saturating_sub(key.width()))
            );
        }
    }
    lines
}

/// `text` made of `sep`-separated parts, shortened to `width` by leaving out parts before the
/// last one (never cutting one in the middle, unless the last alone is too long).
fn fit_segments(text: &str, sep: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let parts: Vec<&str> = text.split(sep).collect();
    let Some((last, rest)) = parts.split_last() else {
        return fit(text, width);
    };
    let mut kept: Vec<&str> = Vec::new();
    let mut used = last.width();
    for part in rest {
        let w = part.width() + sep.width();
        if used + w > width {
            break;
        }
        used += w;
        kept.push(part);
    }
    kept.push(last);
    fit(&kept.join(sep), width)
}

/// Plain text wrapped to `width`, at most `max` lines; a cut is marked with `…`.
pub(crate) fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines = crate::charter::wrap_plain(text, width);
    if lines.len() > max {
        lines.truncate(max);
        if let Some(last) = lines.last_mut() {
            let cut = fit(last, width.saturating_sub(1));
            *last = format!("{} …", cut.trim_end_matches('…').trim_end());
            *last = fit(last, width);
        }
    }
    lines
}

impl Painter<'_> {
    pub(crate) fn fill(&mut self, area: Rect, style: Style) {
        let area = area.intersection(self.buf.area);
        // Beside the frame (a layout for a window that just shrank) the intersection is a
        // column of no width, whose first cell is outside the buffer.
        if area.is_empty() {
            return;
        }
        // One pass row by row over the cells themselves, not a lookup per cell and a second
        // pass for the style: the first frame fills the whole screen.
        for y in area.top()..area.bottom() {
            let start = self.buf.index_of(area.left(), y);
            let row = &mut self.buf.content[start..start + usize::from(area.width)];
            for cell in row {
                cell.set_symbol(" ").set_style(style);
            }
        }
    }

    /// Writes `text` at (x, y), cut to `width` with a marker; returns the columns used.
    /// Nothing is drawn outside the frame, whatever a layout computed.
    pub fn text(&mut self, x: u16, y: u16, text: &str, width: u16, style: Style) -> u16 {
        if !self.buf.area.contains(Position::new(x, y)) {
            return 0;
        }
        let width = width.min(self.buf.area.right() - x);
        let shown = fit(text, usize::from(width));
        let (end, _) = self
            .buf
            .set_stringn(x, y, &shown, usize::from(width), style);
        end - x
    }

    /// A laid-out line of the charter (or any styled words), cut to `width` with a marker.
    pub fn styled(&mut self, x: u16, y: u16, line: &StyledLine, width: u16) {
        if !self.buf.area.contains(Position::new(x, y)) {
            return;
        }
        let width = width.min(self.buf.area.right() - x);
        let total: usize = line.iter().map(|(t, _)| t.width()).sum();
        let cut = total > usize::from(width);
        let end = if cut {
            x + width.saturating_sub(1)
        } else {
            x + width
        };
        let mut cx = x;
        let mut last_style = self.theme.text;
        for (text, kind) in line {
            if cx >= end {
                break;
            }
            last_style = self.theme.of(*kind);
            let room = usize::from(end - cx);
            let (nx, _) = self.buf.set_stringn(cx, y, text, room, last_style);
            cx = nx;
        }
        if cut && width > 0 {
            self.buf.set_string(cx, y, "…", last_style);
        }
    }
    /// The screen's title: a bar, or in plain mode a line of text like any other.
    pub(crate) fn title_bar(&mut self, row: Rect, text: &str) {
        self.bar(row, text, self.theme.title);
    }

    /// The keys of the screen. When they do not all fit, the last one (how to open the help,
    /// which lists every key) always shows, with as many of the others as fit before it.
    pub fn footer(&mut self, row: Rect, text: &str) {
        let room = usize::from(if self.plain {
            row.width
        } else {
            row.width.saturating_sub(2)
        });
        // The voice's word comes first: the segments that do not fit are dropped from the end.
        let text = match &self.voice {
            Some(voice) => format!("{voice} · {text}"),
            None => text.to_owned(),
        };
        let text = fit_segments(&text, " · ", room);
        self.bar(row, &text, self.theme.footer);
    }

    fn bar(&mut self, row: Rect, text: &str, style: Style) {
        if self.plain {
            let strong = self.theme.strong;
            self.text(row.x, row.y, text, row.width, strong);
            return;
        }
        self.fill(row, style);
        // The bar's padding gives way before the text is cut.
        let pad = u16::from(text.width() + 2 <= usize::from(row.width));
        self.text(row.x + pad, row.y, text, row.width - pad, style);
    }

    /// A button `< label >` filling `area`, the label centred; a label too long for one row
    /// goes on as many as `area` has (see `button_height`), never cut. All buttons are drawn
    /// alike, so accepting and refusing weigh the same. The whole box is clickable.
    pub fn button(&mut self, area: Rect, button: Button, label: &str, focused: bool) {
        let area = area.intersection(self.buf.area);
        if area.is_empty() {
            return;
        }
        let style = if focused {
            self.theme.button_focused
        } else {
            self.theme.button
        };
        let plain = self.plain;
        // Plain mode: just the words, from the left edge; focus is reverse video and the
        // cursor.
        let inner = if plain {
            area.width
        } else {
            area.width.saturating_sub(4)
        };
        let lines = label_lines(label, usize::from(inner), usize::from(area.height));
        // A box taller than its label (for a finger on a touch screen) has it in the middle.
        let top = area.y + (area.height.saturating_sub(lines.len() as u16)) / 2;
        if !plain {
            self.fill(area, style);
            let last = top + lines.len() as u16 - 1;
            self.buf.set_string(area.x, top, "<", style);
            self.buf
                .set_string(area.right().saturating_sub(1), last, ">", style);
        }
        let mut widest = 0;
        for (i, line) in lines.iter().enumerate() {
            let y = top + i as u16;
            let w = line.width() as u16;
            widest = widest.max(w);
            let x = if plain {
                area.x
            } else {
                label_x(area.x + 2, inner, w.min(inner))
                    .unwrap_or(area.x + 2 + (inner - w.min(inner)) / 2)
            };
            let line_style = if plain && !focused {
                self.theme.text
            } else {
                style
            };
            self.buf
                .set_stringn(x, y, line, usize::from(inner), line_style);
            if focused && i == 0 {
                self.cursor = Some(Position::new(x, y));
            }
        }
        let hit = if plain {
            Rect::new(area.x, area.y, widest.max(3), area.height)
        } else {
            area
        };
        self.hits.push(Hit {
            area: hit,
            target: Target::Button(button),
        });
    }

    /// The width a button needs for `label` on one row.
    pub(crate) fn button_width(label: &str) -> u16 {
        label.width() as u16 + 4
    }

    /// How many rows a button `width` columns wide needs for all of `label`.
    pub(crate) fn button_height(label: &str, width: u16, plain: bool) -> u16 {
        let inner = if plain {
            width
        } else {
            width.saturating_sub(4)
        };
        label_lines(label, usize::from(inner), usize::MAX)
            .len()
            .max(1) as u16
    }

    /// Lines of plain text, one per row from `area.y`, in `style`.
    pub fn lines(&mut self, area: Rect, lines: &[String], style: Style) {
        for (i, line) in lines.iter().enumerate().take(usize::from(area.height)) {
            self.text(area.x, area.y + i as u16, line, area.width, style);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_stays_within_one_braille_window() {
        // Centred where that crosses nothing.
        assert_eq!(label_x(4, 20, 16), Some(6));
        // Centred at 37..53 it would cross column 40: it starts on it (ending on it would
        // leave its room).
        assert_eq!(label_x(30, 30, 16), Some(40));
        // Centred at 27..43: starting at 40 would leave its room, ending at 40 fits.
        assert_eq!(label_x(20, 30, 16), Some(24));
        // No room on either side of the boundary: None.
        assert_eq!(label_x(30, 20, 16), None);
        // Longer than a window: cannot.
        assert_eq!(label_x(0, 80, 41), None);
    }

    #[test]
    fn long_labels_take_more_rows_and_keep_their_key() {
        assert_eq!(label_lines("Accept all (A)", 20, 1), ["Accept all (A)"]);
        assert_eq!(
            label_lines("Read the full cookie policy (P)", 16, 9),
            ["Read the full", "cookie policy", "(P)"]
        );
        assert_eq!(
            Painter::button_height("Read the full cookie policy (P)", 20, false),
            3
        );
        assert_eq!(Painter::button_height("Accept all (A)", 20, false), 1);
        // Only with no room at all is a label cut, and then it keeps its key.
        assert_eq!(
            label_lines("Read the full cookie policy (P)", 16, 1),
            ["Read the fu… (P)"]
        );
    }

    #[test]
    fn a_short_footer_keeps_its_last_part() {
        let footer = "Tab : suivant · Entrée : valider · F2 : langue · ? : aide";
        assert_eq!(fit_segments(footer, " · ", 80), footer);
        assert_eq!(fit_segments(footer, " · ", 36), "Tab : suivant · ? : aide");
        assert_eq!(fit_segments(footer, " · ", 8), "? : aide");
    }

    #[test]
    fn filling_paints_only_what_lies_inside_the_frame() {
        let ui = Ui::embedded(0);
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 4));
        buf.set_string(0, 0, "abcdefghij", Style::default());
        let mut painter = Painter {
            buf: &mut buf,
            ui: &ui,
            theme: &ui.theme,
            hits: Vec::new(),
            cursor: None,
            plain: false,
            extents: Extents::default(),
            voice: None,
        };
        let red = Style::default().bg(ratatui::style::Color::Red);
        // Entirely beside the frame: nothing, and no panic.
        painter.fill(Rect::new(12, 0, 5, 4), red);
        painter.fill(Rect::new(0, 6, 5, 2), red);
        // Half outside: only the part inside.
        painter.fill(Rect::new(8, 0, 5, 1), red);
        let row: String = (0..10).map(|x| buf[(x, 0)].symbol()).collect();
        assert_eq!(row, "abcdefgh  ");
        let painted: Vec<u16> = (0..10)
            .filter(|&x| buf[(x, 0)].bg == ratatui::style::Color::Red)
            .collect();
        assert_eq!(painted, [8, 9]);
        assert!((0..10).all(|x| (1..4).all(|y| buf[(x, y)].bg != ratatui::style::Color::Red)));
    }

    #[test]
    fn cut_text_is_marked() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 3), "abc");
    }
}
