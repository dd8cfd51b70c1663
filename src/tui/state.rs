//! The model of the dialog: everything a frame is drawn from.

use super::action::{Button, Pane, Screen};
use crate::consent::{Record, store::SaveError};
use crate::kiosk::PinOutcome;
use crate::policy::Policy;

/// Below this the dialog asks for a larger window, and no key acts on the hidden screen.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 15;

/// What has the keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Button(Button),
    Category(usize),
    /// The text of the screen: the welcome summary, the charter, the help, the PIN field.
    /// Pressing Enter on it decides nothing, which is why every screen with decision buttons
    /// starts here (or on a category).
    Text,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scrolls {
    pub summary: usize,
    pub charter: usize,
    pub help: usize,
    pub details: usize,
}

impl Scrolls {
    pub fn get_mut(&mut self, pane: Pane) -> &mut usize {
        match pane {
            Pane::Summary => &mut self.summary,
            Pane::Charter => &mut self.charter,
            Pane::Help => &mut self.help,
            Pane::Details => &mut self.details,
        }
    }

    pub fn get(&self, pane: Pane) -> usize {
        match pane {
            Pane::Summary => self.summary,
            Pane::Charter => self.charter,
            Pane::Help => self.help,
            Pane::Details => self.details,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    pub screen: Screen,
    pub focus: Focus,
    /// The screens under this one, with the focus they had, for Esc and Back.
    pub history: Vec<(Screen, Focus)>,
    /// The visitor's choice per category, in policy order (required ones always true).
    pub granted: Vec<bool>,
    /// Which categories are required (always granted, not toggled), in policy order.
    pub required: Vec<bool>,
    /// The category whose description and cookies are shown.
    pub selected: usize,
    /// Index of the current locale in the policy's locales.
    pub locale: usize,
    pub scroll: Scrolls,
    pub width: u16,
    pub height: u16,
    /// The last save failed: shown until the next attempt.
    pub error: Option<SaveError>,
    /// Once any save failed, leaving is an error (exit 1), not a plain refusal to decide.
    pub save_failed: bool,
    /// What was saved, for the done screen.
    pub saved: Option<Box<Record>>,
    /// Kiosk mode: the visitor cannot leave without deciding.
    pub kiosk: bool,
    /// Kiosk mode: the exit chord asks for the operator's PIN.
    pub pin_required: bool,
    /// The PIN being typed.
    pub pin: String,
    /// What the last PIN check said (wrong, or locked out), shown on the PIN screen.
    pub pin_note: Option<PinOutcome>,
    /// Where a new visitor starts: the choices and language the dialog opened with.
    pub start_granted: Vec<bool>,
    pub start_locale: usize,
}

impl State {
    /// The dialog as a visitor first sees it: the policy's defaults, or the choices of a
    /// still-valid earlier decision.
    pub fn new(
        policy: &Policy,
        locale: usize,
        earlier: Option<&Record>,
        size: (u16, u16),
    ) -> State {
        let granted: Vec<bool> = policy
            .categories
            .iter()
            .map(|c| match earlier {
                Some(r) => r.grants(policy, &c.id),
                None => c.required || c.default,
            })
            .collect();
        let required = policy.categories.iter().map(|c| c.required).collect();
        State::starting(required, granted, locale, size)
    }

    /// The welcome screen as a visitor first finds it, outside kiosk mode.
    fn starting(required: Vec<bool>, granted: Vec<bool>, locale: usize, size: (u16, u16)) -> State {
        State {
            required,
            screen: Screen::Welcome,
            focus: Focus::Text,
            history: Vec::new(),
            granted: granted.clone(),
            selected: 0,
            locale,
            scroll: Scrolls::default(),
            width: size.0,
            height: size.1,
            error: None,
            save_failed: false,
            saved: None,
            kiosk: false,
            pin_required: false,
            pin: String::new(),
            pin_note: None,
            start_granted: granted,
            start_locale: locale,
        }
    }

    /// The same dialog in kiosk mode.
    pub fn in_kiosk(self, pin_required: bool) -> State {
        State {
            kiosk: true,
            pin_required,
            ..self
        }
    }

    /// Back to the welcome screen as a new visitor finds it: unsaved choices dropped.
    pub fn reset(&mut self) {
        let next = State::starting(
            std::mem::take(&mut self.required),
            std::mem::take(&mut self.start_granted),
            self.start_locale,
            (self.width, self.height),
        );
        *self = State {
            kiosk: self.kiosk,
            pin_required: self.pin_required,
            ..next
        };
    }

    /// The window is below the smallest size.
    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Only a message asking for a larger window shows, in place of the screen: too small,
    /// except for the operator's PIN, which needs no room.
    pub fn screen_hidden(&self) -> bool {
        self.too_small() && self.screen != Screen::Pin
    }

    /// Where the focus goes when `screen` opens: never on a button that decides, so that no
    /// single key (Enter, Space) records a decision the visitor did not pick.
    pub fn first_focus(screen: Screen) -> Focus {
        match screen {
            Screen::Choose => Focus::Category(0),
            Screen::Welcome | Screen::Charter | Screen::Help | Screen::Pin | Screen::Done => {
                Focus::Text
            }
        }
    }

    /// The controls of the current screen in reading order, which is also the Tab order.
    pub fn focus_order(&self) -> Vec<Focus> {
        use Button::*;
        match self.screen {
            Screen::Welcome => std::iter::once(Focus::Text)
                .chain([AcceptAll, RefuseAll, Choose, Charter, Language].map(Focus::Button))
                .collect(),
            Screen::Choose => (0..self.granted.len())
                .map(Focus::Category)
                .chain([Save, AcceptAll, RefuseAll, Back].map(Focus::Button))
                .collect(),
            Screen::Charter | Screen::Help => vec![Focus::Text, Focus::Button(Back)],
            Screen::Pin => vec![Focus::Text],
            Screen::Done => Vec::new(),
        }
    }

    /// The buttons a shortcut can reach on the current screen.
    pub fn buttons(&self) -> Vec<Button> {
        self.focus_order()
            .into_iter()
            .filter_map(|f| match f {
                Focus::Button(b) => Some(b),
                _ => None,
            })
            .collect()
    }
}
