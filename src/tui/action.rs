//! What can happen in the dialog, and what must be done outside of it.

use std::time::Instant;

use crate::consent::{self, Record, store::SaveError};
use crate::exit::Exit;
use crate::kiosk::{Lockout, PinOutcome};

/// The screens of the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Welcome,
    Choose,
    Charter,
    Help,
    Done,
    /// Kiosk mode: the operator's PIN, after the exit chord.
    Pin,
}

pub use crate::buttons::Button;

/// What a click or the wheel acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Button(Button),
    Category(usize),
    Pane(Pane),
    /// The idle warning, over the whole screen: a click anywhere answers it.
    Warning,
}

/// Something clickable (or scrollable with the wheel) in the last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub area: ratatui::layout::Rect,
    pub target: Target,
}

/// A scrollable part of a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// The welcome screen's summary, when the window is too short for all of it.
    Summary,
    Charter,
    Help,
    /// The choose screen: the selected category's description and its cookies.
    Details,
}

impl Pane {
    pub(crate) const ALL: [Pane; 4] = [Pane::Summary, Pane::Charter, Pane::Help, Pane::Details];
}

/// How long a pane is and how many of its lines show at once, as a frame laid it out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extent {
    pub content: usize,
    pub viewport: usize,
}

impl Extent {
    /// The last first line: the end of the text at the bottom of the pane.
    pub(crate) fn max_scroll(self) -> usize {
        self.content.saturating_sub(self.viewport)
    }
}

/// The extents of the panes one frame drew (the others are unknown until drawn).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Extents {
    panes: [Option<Extent>; 4],
    /// The width the charter was laid out at: the voice reads the paragraphs shown.
    pub charter_width: Option<usize>,
}

impl Extents {
    pub fn get(&self, pane: Pane) -> Option<Extent> {
        self.panes[pane as usize]
    }

    pub fn set(&mut self, pane: Pane, extent: Extent) {
        self.panes[pane as usize] = Some(extent);
    }
}

/// What the voice is doing, as the event loop sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VoiceStatus {
    pub speaking: bool,
    pub available: bool,
    /// Still connecting to speech-dispatcher: the dialog looks again soon, to say on screen
    /// if it cannot.
    pub connecting: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    Lines(i32),
    Pages(i32),
    Start,
    End,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    FocusNext,
    FocusPrev,
    Up,
    Down,
    Left,
    Right,
    /// Space: tick or untick the focused category, or press the focused button.
    Toggle,
    /// Enter: press the focused button, or tick the focused category.
    Activate,
    /// A button's shortcut, or a click on it.
    Press(Button),
    /// A click on a category's row.
    ClickCategory(usize),
    Scroll(Pane, Scroll),
    Help,
    Language,
    /// F3: the plain layout on or off, for this visit.
    Plain,
    /// Esc: back one screen; on welcome, leave without deciding.
    Back,
    /// q or Ctrl+C: leave without deciding.
    Quit,
    /// Any key on the done screen, or its delay running out.
    Dismiss,
    /// The visitor did something (a key, the mouse, a paste) at this time: an idle visit's
    /// time starts again.
    Input(Instant),
    /// The wait for input ran out at this time: a deadline may be due (`State::next_deadline`).
    Tick(Instant),
    /// What the last frame laid out: scrolling stays within it.
    Drawn(Extents),
    /// The visitor answered the idle warning (any key, a click): the visit goes on with the
    /// full time.
    Stay,
    Resize(u16, u16),
    /// No input for the idle timeout: back to welcome for the next visitor.
    IdleTimeout,
    /// F4: the voice on or off, for this visit.
    Voice,
    /// The voice says its last words again.
    Repeat,
    /// The voice says more about the focused control: a category's description and cookies.
    Details,
    /// The voice pauses, or goes on.
    Pause,
    /// The voice speaks slower (negative) or faster, by this step.
    Rate(i8),
    /// The voice speaks softer (negative) or louder, by this step.
    Volume(i8),
    /// What the voice is doing, as the loop last saw it.
    VoiceStatus(VoiceStatus),
    /// Kiosk mode: the operator's exit chord.
    OperatorExit,
    PinChar(char),
    PinBackspace,
    /// The outcome of an `Effect::CheckPin`, and the count of wrong PINs after it.
    PinChecked(PinOutcome, Lockout),
    /// The outcome of an `Effect::Save`, and when it was known (the done screen's time
    /// counts from there).
    Saved(Result<Box<Record>, SaveError>, Instant),
}

/// Work for `app`, outside the pure update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Save {
        action: consent::Decision,
        granted: Vec<bool>,
    },
    /// Check the operator's PIN against the stored hash, counting wrong ones from `lockout`
    /// (and from the count on disk).
    CheckPin {
        pin: String,
        lockout: Lockout,
    },
    /// Ring the terminal's bell: the idle warning, for a visitor who is not looking.
    Bell,
    Quit(Exit),
}
