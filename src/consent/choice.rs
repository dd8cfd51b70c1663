//! One category's place in a decision, as the dialog and `show` word it.

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

    /// Whether the category is granted: always, for a required one.
    pub fn granted(self) -> bool {
        self != Choice::Refused
    }

    /// The other choice, for a category the visitor may change; a required one stays on.
    pub(crate) fn toggled(self) -> Choice {
        match self {
            Choice::AlwaysOn => Choice::AlwaysOn,
            Choice::Granted => Choice::Refused,
            Choice::Refused => Choice::Granted,
        }
    }

    /// The choice when everything is accepted (`true`) or refused: a required category stays
    /// on either way.
    pub fn all(self, accept: bool) -> Choice {
        match self {
            Choice::AlwaysOn => Choice::AlwaysOn,
            _ if accept => Choice::Granted,
            _ => Choice::Refused,
        }
    }
}

/// "accepted", "refused" or "always on", as the dialog and `show` say it.
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
    fn a_required_category_reads_always_on_whatever_its_flag() {
        let l = crate::i18n::Localizer::ui_only(&"fr-FR".parse().unwrap());
        let words = |required, granted| l.say(&Choice::of(required, granted));
        assert_eq!(words(true, false), "toujours actif");
        assert_eq!(words(true, true), "toujours actif");
        assert_eq!(words(false, true), "accepté");
        assert_eq!(words(false, false), "refusé");
    }
}
