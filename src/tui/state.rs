//! The model of the dialog: everything a frame is drawn from.

use std::time::{Duration, Instant};

use super::action::{Button, Extent, Extents, Pane, Screen};
use crate::buttons;
use crate::consent::{Choice, Record, store::SaveError};
use crate::kiosk::{Lockout, PinOutcome};
use crate::policy::Policy;

/// How long the done screen stays before the dialog closes by itself.
pub(crate) const DONE_DELAY: Duration = Duration::from_secs(5);
/// How long before the idle timeout drops a visitor's choices the dialog warns (WCAG 2.2.1:
/// time to ask for more): half the timeout, at most this.
pub(crate) const WARNING_LEAD: Duration = Duration::from_secs(30);

/// Below this the dialog asks for a larger window, and no key acts on the hidden screen.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 15;

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

/// The first line shown of each scrollable pane.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scrolls {
    pub summary: usize,
    pub charter: usize,
    pub help: usize,
    pub(crate) details: usize,
    /// The charter's length in lines when `charter` was set, once a language change has made
    /// it another: the next frame shows the same share of it.
    charter_length: Option<usize>,
}

impl Scrolls {
    /// The first line a frame shows of `pane`, laid out to `extent`: never past its end.
    pub fn first(&self, pane: Pane, extent: Extent) -> usize {
        let at = match (pane, self.charter_length) {
            (Pane::Charter, Some(before)) => self.charter * extent.content / before.max(1),
            _ => self.get(pane),
        };
        at.min(extent.max_scroll())
    }

    /// Keeps the charter's reading position through a change of its length: see `first`.
    pub(crate) fn keep_charter_share(&mut self, length: usize) {
        self.charter_length.get_or_insert(length);
    }

    /// Takes what a frame showed as the positions: a window that grew, or a language change,
    /// may have moved them.
    pub fn settle(&mut self, extents: &Extents) {
        for pane in Pane::ALL {
            if let Some(extent) = extents.get(pane) {
                *self.get_mut(pane) = self.first(pane, extent);
                if pane == Pane::Charter {
                    self.charter_length = None;
                }
            }
        }
    }

    pub(crate) fn get_mut(&mut self, pane: Pane) -> &mut usize {
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
    pub(crate) history: Vec<(Screen, Focus)>,
    /// Each category's place in the decision being made, in policy order.
    pub choices: Vec<Choice>,
    /// The category whose description and cookies are shown.
    pub(crate) selected: usize,
    /// Index of the current locale in the policy's locales.
    pub locale: usize,
    pub scroll: Scrolls,
    /// How long the panes of the last frame were, for scrolling them.
    pub extents: Extents,
    pub width: u16,
    pub height: u16,
    /// The last save failed: shown until the next attempt.
    pub error: Option<SaveError>,
    /// Once any save failed, leaving is an error (exit 1), not a plain refusal to decide.
    pub(crate) save_failed: bool,
    /// What was saved, for the done screen.
    pub saved: Option<Box<Record>>,
    /// The plain layout (one column, no decoration, for screen readers and braille): from
    /// `--plain`, or F3 for this visit.
    pub plain: bool,
    /// Kiosk mode: the visitor cannot leave without deciding.
    pub kiosk: bool,
    /// Kiosk mode: the exit chord asks for the operator's PIN.
    pub(crate) pin_required: bool,
    /// The PIN screen's field: there while that screen is open, dropped with it.
    pub pin: Option<PinEntry>,
    /// The idle timeout is near and the visitor is asked whether they are still there: the
    /// next key or click only answers it.
    pub idle_warning: bool,
    /// Wrong PINs counted so far (kept on disk too, by the PIN check).
    pub lockout: Lockout,
    pub clock: Clock,
    /// Where a new visitor starts: the choices and language the dialog opened with.
    pub(crate) start_choices: Vec<Choice>,
    pub(crate) start_locale: usize,
    pub(crate) start_plain: bool,
}

/// What the PIN screen holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PinEntry {
    /// The PIN being typed.
    pub typed: String,
    /// What the last check said (wrong, or locked out), shown under the field.
    pub note: Option<PinOutcome>,
}

/// When the dialog acts by itself: the done screen closes, an idle visit ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clock {
    /// The time of the last input or tick.
    pub now: Option<Instant>,
    /// Kiosk mode: how long without input before the dialog starts over.
    pub(crate) idle_after: Option<Duration>,
    pub(crate) idle_at: Option<Instant>,
    /// When the visitor is warned that the idle timeout comes (`WARNING_LEAD` before it).
    pub(crate) warn_at: Option<Instant>,
    pub(crate) done_at: Option<Instant>,
}

impl Clock {
    /// The idle timers started again at `now`: input, or the visitor answering the warning.
    pub(crate) fn restart_idle(&mut self, now: Instant) {
        self.idle_at = self.idle_after.and_then(|d| now.checked_add(d));
        self.warn_at = self
            .idle_at
            .zip(self.lead())
            .and_then(|(at, lead)| at.checked_sub(lead));
    }

    /// How long before the reset the warning comes: half the timeout, at most `WARNING_LEAD`;
    /// none under a second, too short to be read.
    fn lead(&self) -> Option<Duration> {
        let lead = WARNING_LEAD.min(self.idle_after? / 2);
        (lead >= Duration::from_secs(1)).then_some(lead)
    }

    /// How long the warning leaves before the reset, in whole seconds.
    pub(crate) fn warning_seconds(&self) -> u64 {
        self.lead().map_or(0, |lead| lead.as_secs())
    }
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
        let choices: Vec<Choice> = policy
            .categories
            .iter()
            .map(|c| {
                let granted = match earlier {
                    Some(r) => r.grants(policy, &c.id),
                    None => c.default,
                };
                Choice::of(c.required, granted)
            })
            .collect();
        State::starting(choices, locale, size)
    }

    /// The welcome screen as a visitor first finds it, outside kiosk mode.
    fn starting(choices: Vec<Choice>, locale: usize, size: (u16, u16)) -> State {
        State {
            screen: Screen::Welcome,
            focus: Focus::Text,
            history: Vec::new(),
            choices: choices.clone(),
            selected: 0,
            locale,
            scroll: Scrolls::default(),
            extents: Extents::default(),
            width: size.0,
            height: size.1,
            error: None,
            save_failed: false,
            saved: None,
            plain: false,
            kiosk: false,
            pin_required: false,
            pin: None,
            idle_warning: false,
            lockout: Lockout::default(),
            clock: Clock::default(),
            start_choices: choices,
            start_locale: locale,
            start_plain: false,
        }
    }

    /// The same dialog in kiosk mode.
    pub(crate) fn in_kiosk(self, pin_required: bool) -> State {
        State {
            kiosk: true,
            pin_required,
            ..self
        }
    }

    /// The same dialog in the plain layout, which every visitor then starts with.
    pub fn in_plain_mode(self) -> State {
        State {
            plain: true,
            start_plain: true,
            ..self
        }
    }

    /// The same dialog, starting over after `idle` without input.
    pub fn idle_after(mut self, idle: Duration) -> State {
        self.clock.idle_after = Some(idle);
        self
    }

    /// Back to the welcome screen as a new visitor finds it: unsaved choices dropped. The
    /// kiosk's settings and the count of wrong PINs stay; the idle timer waits for input.
    pub fn reset(&mut self) {
        let next = State::starting(
            std::mem::take(&mut self.start_choices),
            self.start_locale,
            (self.width, self.height),
        );
        *self = State {
            kiosk: self.kiosk,
            pin_required: self.pin_required,
            // A layout a visitor chose with F3 goes with them.
            plain: self.start_plain,
            start_plain: self.start_plain,
            lockout: self.lockout,
            clock: Clock {
                now: self.clock.now,
                idle_after: self.clock.idle_after,
                ..Clock::default()
            },
            extents: self.extents,
            ..next
        };
    }

    /// The next time the dialog acts without input: closing the done screen, or starting
    /// over after the idle timeout. None: it sleeps until input.
    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let done = self.clock.done_at.filter(|_| self.screen == Screen::Done);
        let warn = self.clock.warn_at.filter(|_| !self.idle_warning);
        [done, warn, self.clock.idle_at].into_iter().flatten().min()
    }

    /// Whether the visit has nothing to lose: the dialog as the idle timeout would leave it.
    pub(crate) fn untouched(&self) -> bool {
        let mut fresh = self.clone();
        fresh.reset();
        fresh.looks_like(self)
    }

    /// Whether `other` draws the same frame: the same state but for its timers.
    pub(crate) fn looks_like(&self, other: &State) -> bool {
        let timers = Clock {
            idle_after: self.clock.idle_after,
            ..Clock::default()
        };
        let without = |s: &State| State {
            clock: timers.clone(),
            ..s.clone()
        };
        without(self) == without(other)
    }

    /// What the categories' choices grant, in policy order.
    pub fn granted(&self) -> Vec<bool> {
        self.choices.iter().map(|c| c.granted()).collect()
    }

    /// The window is below the smallest size.
    pub fn too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Only a message asking for a larger window shows, in place of the screen: too small,
    /// except for the operator's PIN, which needs no room.
    pub(crate) fn screen_hidden(&self) -> bool {
        self.too_small() && self.screen != Screen::Pin
    }

    /// Where the focus goes when `screen` opens: never on a button that decides, so that no
    /// single key (Enter, Space) records a decision the visitor did not pick.
    pub(crate) fn first_focus(screen: Screen) -> Focus {
        match screen {
            Screen::Choose => Focus::Category(0),
            Screen::Welcome | Screen::Charter | Screen::Help | Screen::Pin | Screen::Done => {
                Focus::Text
            }
        }
    }

    /// The controls of the current screen in reading order, which is also the Tab order.
    pub(crate) fn focus_order(&self) -> Vec<Focus> {
        let buttons = |list: &[Button]| list.iter().copied().map(Focus::Button).collect::<Vec<_>>();
        match self.screen {
            Screen::Welcome => std::iter::once(Focus::Text)
                .chain(buttons(&buttons::WELCOME))
                .collect(),
            Screen::Choose => (0..self.choices.len())
                .map(Focus::Category)
                .chain(buttons(&buttons::CHOOSE))
                .collect(),
            Screen::Charter | Screen::Help => std::iter::once(Focus::Text)
                .chain(buttons(&buttons::READING))
                .collect(),
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
