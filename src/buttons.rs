//! The dialog's buttons in one table: which screen shows which, in Tab order, the Fluent ids
//! of their words and shortcut letters, and the letters kept for moving and leaving. The
//! dialog reads it to draw and dispatch, `check` to validate a translation's letters: the
//! two cannot disagree.

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

use Button::*;

/// The welcome screen's buttons, in Tab order.
pub(crate) const WELCOME: [Button; 5] = [AcceptAll, RefuseAll, Choose, Charter, Language];
/// The choose screen's buttons, after its categories.
pub(crate) const CHOOSE: [Button; 4] = [Save, AcceptAll, RefuseAll, Back];
/// The charter's and the help's, after their text.
pub(crate) const READING: [Button; 1] = [Back];
/// The buttons of each screen that has some: a shortcut letter must be unique within each.
pub(crate) const SCREENS: [&[Button]; 3] = [&WELCOME, &CHOOSE, &READING];

/// Vi's keys for the focus, and the key that leaves (or closes a reading screen): no button
/// may take them as its shortcut.
pub(crate) const UP_KEY: char = 'k';
pub(crate) const DOWN_KEY: char = 'j';
pub(crate) const QUIT_KEY: char = 'q';
pub(crate) const RESERVED_KEYS: [char; 3] = [DOWN_KEY, UP_KEY, QUIT_KEY];

impl Button {
    /// The Fluent id of the button's words.
    pub(crate) fn message_id(self) -> &'static str {
        match self {
            AcceptAll => "accept-all",
            RefuseAll => "refuse-all",
            Choose => "choose",
            Charter => "read-charter",
            Language => "language-button",
            Save => "save-choices",
            Back => "back",
        }
    }

    /// The Fluent id of the letter that presses it, for those that have one (the language
    /// button has F2, back has Esc: the same in every language).
    pub(crate) fn shortcut_id(self) -> Option<&'static str> {
        match self {
            AcceptAll => Some("accept-all-key"),
            RefuseAll => Some("refuse-all-key"),
            Choose => Some("choose-key"),
            Charter => Some("read-charter-key"),
            Save => Some("save-choices-key"),
            Language | Back => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_offers_both_ways_of_deciding_or_none() {
        // CNIL: refusing is as easy as accepting, on every screen that decides.
        for screen in SCREENS {
            assert_eq!(
                screen.contains(&AcceptAll),
                screen.contains(&RefuseAll),
                "{screen:?}"
            );
        }
    }

    #[test]
    fn shortcut_ids_name_the_button_they_press() {
        for button in SCREENS.concat() {
            if let Some(id) = button.shortcut_id() {
                assert_eq!(id, format!("{}-key", button.message_id()));
            }
        }
    }
}
