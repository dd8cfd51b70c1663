//! What can happen in the dialog, and what must be done outside of it.

use crate::consent::{self, Record, store::SaveError};
use crate::kiosk::PinOutcome;

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

/// Every button of every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    AcceptAll,
    RefuseAll,
    Choose,
    Charter,
    Language,
    Save,
    Back,
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
    pub const ALL: [Pane; 4] = [Pane::Summary, Pane::Charter, Pane::Help, Pane::Details];
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
    /// Esc: back one screen; on welcome, leave without deciding.
    Back,
    /// q or Ctrl+C: leave without deciding.
    Quit,
    /// Any key on the done screen, or its delay running out.
    Dismiss,
    Resize(u16, u16),
    /// No input for the idle timeout: back to welcome for the next visitor.
    IdleTimeout,
    /// Kiosk mode: the operator's exit chord.
    OperatorExit,
    PinChar(char),
    PinBackspace,
    /// The outcome of an `Effect::CheckPin`.
    PinChecked(PinOutcome),
    /// The outcome of an `Effect::Save`.
    Saved(Result<Box<Record>, SaveError>),
}

/// Work for `app`, outside the pure update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Save {
        action: consent::Decision,
        granted: Vec<bool>,
    },
    /// Check the operator's PIN against the stored hash.
    CheckPin(String),
    Quit(u8),
}

/// Exit codes of `run` (SPEC §2).
pub mod exit {
    pub const SAVED: u8 = 0;
    pub const ERROR: u8 = 1;
    pub const LEFT_WITHOUT_DECIDING: u8 = 3;
    /// Kiosk mode: the operator left with the exit chord (and PIN).
    pub const OPERATOR: u8 = 4;
}
