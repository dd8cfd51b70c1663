//! One category's place in a decision: what the dialog toggles, shows and records.

use crate::i18n::Message;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// A required category: granted whatever the visitor does.
    AlwaysOn,
    Granted,
    Refused,
}

impl Choice {
    pub fn of(required: bool, granted: bool) -> Choice {
        match (required, granted) {
            (true, _) => Choice::AlwaysOn,
            (false, true) => Choice::Granted,
            (false, false) => Choice::Refused,
        }
    }

    pub fn granted(self) -> bool {
        self != Choice::Refused
    }

    /// Space on the category: a required one does not move.
    pub fn toggled(self) -> Choice {
        match self {
            Choice::AlwaysOn => Choice::AlwaysOn,
            Choice::Granted => Choice::Refused,
            Choice::Refused => Choice::Granted,
        }
    }

    /// What Accept all (`true`) or Refuse all (`false`) makes of it.
    pub fn all(self, granted: bool) -> Choice {
        match self {
            Choice::AlwaysOn => Choice::AlwaysOn,
            _ => Choice::of(false, granted),
        }
    }
}

/// "accepted", "refused" or "always on", as the dialog, `show` and the voice say it.
impl Message for Choice {
    fn id(&self) -> &'static str {
        match self {
            Choice::AlwaysOn => "state-always-on",
            Choice::Granted => "state-accepted",
            Choice::Refused => "state-refused",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_categories_never_move() {
        assert_eq!(Choice::AlwaysOn.toggled(), Choice::AlwaysOn);
        assert_eq!(Choice::AlwaysOn.all(false), Choice::AlwaysOn);
        assert_eq!(Choice::Granted.toggled(), Choice::Refused);
        assert_eq!(Choice::Refused.all(true), Choice::Granted);
        assert!(Choice::AlwaysOn.granted() && !Choice::Refused.granted());
    }
}
