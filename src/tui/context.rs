//! What the dialog draws from besides its state: the policy, the theme, and per-locale texts
//! built on first use and kept (switching language back and forth costs nothing after once).

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use super::action::Button;
use super::theme::Theme;
use crate::charter::{self, Document, StyledLine};
use crate::i18n::Localizer;
use crate::policy::Policy;

/// The charter of a locale (first) at a width (second), plain or not (third).
type LaidOut = (usize, usize, bool, Rc<Vec<StyledLine>>);

pub struct Ui {
    pub policy: Policy,
    pub theme: Theme,
    localizers: Vec<OnceCell<Localizer>>,
    /// Each locale's charter, parsed for the normal layout and for the plain one.
    documents: Vec<[OnceCell<Document>; 2]>,
    /// The charter laid out for one locale and width: scrolling reuses it, a resize redoes it.
    layout: RefCell<Option<LaidOut>>,
}

impl Ui {
    /// The embedded policy in its locale `locale`, the default theme: for the tests.
    #[cfg(test)]
    pub(crate) fn embedded(locale: usize) -> Ui {
        let policy = Policy::embedded().unwrap();
        let l10n = policy.localizer(&policy.locales[locale].langid);
        Ui::new(
            policy,
            Theme::new(super::theme::ThemeName::Default),
            locale,
            l10n,
        )
    }

    /// `l10n` is the localizer of locale `locale`, already built by the caller.
    pub fn new(policy: Policy, theme: Theme, locale: usize, l10n: Localizer) -> Ui {
        let localizers: Vec<OnceCell<Localizer>> =
            policy.locales.iter().map(|_| OnceCell::new()).collect();
        let documents = policy.locales.iter().map(|_| Default::default()).collect();
        if let Some(cell) = localizers.get(locale) {
            let _ = cell.set(l10n);
        }
        Ui {
            policy,
            theme,
            localizers,
            documents,
            layout: RefCell::new(None),
        }
    }

    pub(crate) fn locale_count(&self) -> usize {
        self.policy.locales.len()
    }

    pub fn l10n(&self, locale: usize) -> &Localizer {
        let locale = locale.min(self.localizers.len().saturating_sub(1));
        self.localizers[locale]
            .get_or_init(|| self.policy.localizer(&self.policy.locales[locale].langid))
    }

    /// The charter of `locale` laid out at `width`, for the plain layout or not.
    pub fn charter_lines(&self, locale: usize, width: usize, plain: bool) -> Rc<Vec<StyledLine>> {
        if let Some((l, w, p, lines)) = &*self.layout.borrow()
            && (*l, *w, *p) == (locale, width, plain)
        {
            return lines.clone();
        }
        let cells = &self.documents[locale.min(self.documents.len() - 1)];
        let document = cells[usize::from(plain)].get_or_init(|| {
            let markdown = &self.policy.locales[locale].charter;
            let l10n = self.l10n(locale);
            let markdown = charter::with_cookie_tables(markdown, &self.policy, l10n);
            let bullet = if plain { "- " } else { "• " };
            Document::parse(&markdown, &l10n.t("colon"), bullet)
        });
        let lines = Rc::new(document.layout(width));
        *self.layout.borrow_mut() = Some((locale, width, plain, lines.clone()));
        lines
    }

    /// The letter that presses `button`, from the translation (`accept-all-key = a`).
    pub fn shortcut(&self, locale: usize, button: Button) -> Option<char> {
        let id = button.shortcut_id()?;
        let key = self.l10n(locale).t(id);
        let mut chars = key.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c.to_lowercase().next().unwrap_or(c)),
            _ => None,
        }
    }

    /// What a button shows: its words and the key that presses it.
    pub fn label(&self, locale: usize, button: Button) -> String {
        match self.label_parts(locale, button) {
            (text, Some(key)) => format!("{text} ({key})"),
            (text, None) => text,
        }
    }

    /// A button's words, and the key that presses it when it has one, as its label shows
    /// them (the voice says them apart).
    pub(crate) fn label_parts(&self, locale: usize, button: Button) -> (String, Option<String>) {
        let l = self.l10n(locale);
        match button {
            Button::Language => {
                let language = l.language_name();
                (
                    l.t_args("language-button", &[("language", language.into())]),
                    Some("F2".to_owned()),
                )
            }
            Button::Back => (l.t("back"), Some(l.t("key-esc"))),
            other => (
                l.t(other.message_id()),
                self.shortcut(locale, other)
                    .map(|c| c.to_uppercase().to_string()),
            ),
        }
    }
}
