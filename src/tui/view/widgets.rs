//! Drawing helpers shared by the screens: text that never overflows, buttons that report where
//! they are (for the mouse) and where the cursor goes when they have focus.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Hit, Target};
use crate::charter::StyledLine;
use crate::tui::action::Button;
use crate::tui::context::Ui;
use crate::tui::theme::Theme;

pub struct Painter<'a> {
    pub buf: &'a mut Buffer,
    pub ui: &'a Ui,
    pub theme: &'a Theme,
    pub hits: Vec<Hit>,
    pub cursor: Option<Position>,
}

/// A checkbox: ticked or not, in characters any terminal and braille display shows.
pub fn mark(granted: bool) -> &'static str {
    if granted { "[x]" } else { "[ ]" }
}

/// `text` cut to `width` columns, with `…` where something was cut.
pub fn fit(text: &str, width: usize) -> String {
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

/// A button label cut to `width`, keeping its key ("… (A)") which says how to press it.
fn fit_label(label: &str, width: usize) -> String {
    if label.width() <= width {
        return label.to_owned();
    }
    match label.rsplit_once(" (") {
        Some((text, key)) if key.ends_with(')') => {
            let key = format!(" ({key}");
            format!("{}{key}", fit(text, width.saturating_sub(key.width())))
        }
        _ => fit(label, width),
    }
}

/// Plain text wrapped to `width`, at most `max` lines; a cut is marked with `…`.
pub fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
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
    pub fn fill(&mut self, area: Rect, style: Style) {
        let area = area.intersection(self.buf.area);
        self.buf.set_style(area, style);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if let Some(cell) = self.buf.cell_mut((x, y)) {
                    cell.set_symbol(" ");
                }
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
    pub fn title_bar(&mut self, row: Rect, text: &str) {
        self.bar(row, text, self.theme.title);
    }

    pub fn footer(&mut self, row: Rect, text: &str) {
        self.bar(row, text, self.theme.footer);
    }

    fn bar(&mut self, row: Rect, text: &str, style: Style) {
        if self.ui.plain {
            let strong = self.theme.strong;
            self.text(row.x, row.y, text, row.width, strong);
            return;
        }
        self.fill(row, style);
        self.text(row.x + 1, row.y, text, row.width.saturating_sub(2), style);
    }

    /// A button `< label >` filling `area` (one row), the label centred. All buttons are
    /// drawn alike, so accepting and refusing weigh the same.
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
        if self.ui.plain {
            // Just the words, on their own line; focus is reverse video and the cursor.
            let shown = fit_label(label, usize::from(area.width));
            let style = if focused { style } else { self.theme.text };
            let used = self.text(area.x, area.y, &shown, area.width, style);
            self.hits.push(Hit {
                area: Rect::new(area.x, area.y, used.max(3), 1),
                target: Target::Button(button),
            });
            if focused {
                self.cursor = Some(Position::new(area.x, area.y));
            }
            return;
        }
        self.fill(area, style);
        let inner = area.width.saturating_sub(4);
        let shown = fit_label(label, usize::from(inner));
        let shown_width = shown.width() as u16;
        let x = area.x + 2 + (inner - shown_width.min(inner)) / 2;
        self.buf.set_string(area.x, area.y, "<", style);
        self.buf
            .set_string(area.right().saturating_sub(1), area.y, ">", style);
        self.buf
            .set_stringn(x, area.y, &shown, usize::from(inner), style);
        self.hits.push(Hit {
            area,
            target: Target::Button(button),
        });
        if focused {
            self.cursor = Some(Position::new(x, area.y));
        }
    }

    /// The width a button needs for `label`.
    pub fn button_width(label: &str) -> u16 {
        label.width() as u16 + 4
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
    fn cut_labels_keep_their_key() {
        assert_eq!(fit_label("Accept all (A)", 20), "Accept all (A)");
        assert_eq!(
            fit_label("Read the full cookie policy (P)", 16),
            "Read the fu… (P)"
        );
        assert_eq!(fit_label("No key here at all", 10), "No key he…");
    }

    #[test]
    fn cut_text_is_marked() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("abc", 3), "abc");
    }
}
