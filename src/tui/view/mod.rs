//! state → frame. Each screen draws itself and says where the cursor goes (on the focused
//! control, so screen readers and braille displays follow focus) and where its clickable
//! things are.

pub(crate) mod buttons;
mod charter;
pub(crate) mod choose;
pub(crate) mod done;
pub(crate) mod help;
pub(crate) mod pin;
pub(crate) mod warning;
pub(crate) mod welcome;
mod widgets;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::action::{Extents, Hit, Screen};
use super::context::Ui;
use super::options::SpeechMode;
use super::state::State;
use widgets::Painter;

/// From this width on, buttons sit side by side and blank lines separate parts.
pub(crate) const WIDE: u16 = 60;

/// What a frame tells the event loop: where the mouse can act.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    pub hits: Vec<Hit>,
    pub cursor: Option<Position>,
    pub extents: Extents,
}

pub fn draw(frame: &mut Frame, ui: &Ui, state: &State) -> Drawn {
    let area = frame.area();
    let drawn = paint(frame.buffer_mut(), area, ui, state);
    // Without a position ratatui hides the cursor; every screen gives one.
    frame.set_cursor_position(drawn.cursor.unwrap_or(Position::new(0, 0)));
    drawn
}

/// What a frame of `state` lays out, drawn off screen: for driving `update` as the event
/// loop does, where no terminal is (tests, benchmarks).
pub fn extents(ui: &Ui, state: &State) -> Extents {
    let area = Rect::new(0, 0, state.width, state.height);
    paint(&mut Buffer::empty(area), area, ui, state).extents
}

fn paint(buf: &mut Buffer, area: Rect, ui: &Ui, state: &State) -> Drawn {
    let mut painter = Painter {
        buf,
        ui,
        theme: &ui.theme,
        hits: Vec::new(),
        cursor: None,
        plain: state.plain,
        extents: Extents::default(),
        voice: voice_note(ui, state),
    };
    painter.fill(area, ui.theme.base);
    if state.screen_hidden() {
        too_small(&mut painter, state, area);
    } else {
        match state.screen {
            Screen::Welcome => welcome::draw(&mut painter, state, area),
            Screen::Choose => choose::draw(&mut painter, state, area),
            Screen::Charter => charter::draw(&mut painter, state, area),
            Screen::Help => help::draw(&mut painter, state, area),
            Screen::Done => done::draw(&mut painter, state, area),
            Screen::Pin => pin::draw(&mut painter, state, area),
        }
    }
    if state.idle_warning {
        warning::draw(&mut painter, state, area);
    }
    Drawn {
        hits: painter.hits,
        cursor: painter.cursor,
        extents: painter.extents,
    }
}

/// What the footer says of the voice: where it is offered, the key that turns it on; where
/// it was asked for and cannot speak, that it is unavailable.
fn voice_note(ui: &Ui, state: &State) -> Option<String> {
    let speech = &state.speech;
    let l = ui.l10n(state.locale);
    match (speech.mode, speech.on, speech.unavailable) {
        (SpeechMode::Off, _, _) => None,
        (_, true, true) => Some(l.t("speech-unavailable")),
        (_, false, _) => Some(l.t("speech-offer-footer")),
        (_, true, false) => None,
    }
}

fn too_small(p: &mut Painter, state: &State, area: Rect) {
    let l = p.ui.l10n(state.locale);
    let mut message = l.t("too-small");
    if !state.kiosk {
        message = format!("{message} {}", l.t("too-small-leave"));
    }
    let lines = widgets::wrap(
        &message,
        usize::from(area.width.max(1)),
        usize::from(area.height),
    );
    p.lines(area, &lines, p.theme.strong);
    p.cursor = Some(Position::new(area.x, area.y));
}

/// Side-by-side buttons and blank lines between parts: on wide screens, never in plain mode.
fn wide(plain: bool, area: Rect) -> bool {
    area.width >= WIDE && !plain
}

/// Horizontal margin: more room on wide screens, none in plain mode (a braille line is short).
fn margin(plain: bool, area: Rect) -> u16 {
    match (plain, area.width >= WIDE) {
        (true, _) => 0,
        (false, true) => 2,
        (false, false) => 1,
    }
}

/// The content column of a screen: the area minus its margins.
fn column(plain: bool, area: Rect) -> (u16, u16) {
    let m = margin(plain, area);
    (area.x + m, area.width.saturating_sub(2 * m))
}

/// The row `y` of `area`, full width.
fn row(area: Rect, y: u16) -> Rect {
    Rect::new(area.x, y, area.width, 1)
}
