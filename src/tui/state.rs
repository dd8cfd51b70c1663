//! The model of the dialog: everything a frame is drawn from.

use std::time::{Duration, Instant};

use super::action::{Button, Extent, Extents, Pane, Screen};
use super::options::SpeechMode;
use crate::buttons;
use crate::consent::{Choice, Record, store::SaveError};
use crate::kiosk::{Lockout, PinOutcome};
use crate::policy::Policy;

/// How long the done screen stays before the dialog closes by itself.
pub(crate) const DONE_DELAY: Duration = Duration::from_secs(5);
/// How long before the idle timeout drops a visitor's choices the dialog warns (WCAG 2.2.1:
/// time to ask for more): half the timeout, at most this.
pub(crate) const WARNING_LEAD: Duration = Duration::from_secs(30);

/// How often the dialog looks whether the voice has connected, while it connects.
pub(crate) const VOICE_POLL: Duration = Duration::from_millis(200);

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
    pub speech: Speech,
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

/// The built-in voice: whether it speaks, how, and what it is to say next.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Speech {
    pub mode: SpeechMode,
    /// The voice speaks, for this visit (from the start with `--speech on`, or after F4).
    pub on: bool,
    /// speech-dispatcher is missing or stopped answering: the screen says so.
    pub unavailable: bool,
    /// The voice's last words are still being said: the done screen waits for them.
    pub(crate) speaking: bool,
    /// Still connecting to speech-dispatcher.
    pub(crate) connecting: bool,
    pub paused: bool,
    pub rate: i8,
    pub volume: i8,
    /// The operator's rate and volume, where each visit starts.
    pub(crate) start: (i8, i8),
    /// The charter's paragraph the voice reads (it may be past the last screenful).
    pub(crate) paragraph: usize,
    /// What the last update gives the voice to say, in order; the loop takes it.
    pub pending: Vec<Say>,
}

/// Something for the voice to say, worded when it is said (`spoken::text`), in the language
/// the screen is in then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Say {
    /// Which key turns the voice on.
    Offer,
    /// The voice is on, and its keys.
    VoiceOn,
    VoiceOff,
    /// The screen: its title, what it is about, the focused control.
    Screen,
    /// The focused control: its label, role, state and place.
    Focus,
    /// A category's new state after Space.
    Toggled(usize),
    /// The focused category's description and cookies (elsewhere, the focused control).
    Details,
    /// The charter's paragraph the voice is at.
    Paragraph,
    /// Past the charter's last paragraph.
    CharterEnd,
    /// The save failed: why.
    Error,
    /// One more character in the PIN field ("star", never the character).
    PinStar,
    PinErased,
    /// The PIN check's answer.
    PinNote,
    /// The idle warning.
    Warning,
    Rate,
    Volume,
    Plain,
    /// The last words again.
    Again,
}

impl Speech {
    pub(crate) fn new(mode: SpeechMode, rate: i8, volume: i8) -> Speech {
        let mut speech = Speech {
            mode,
            rate,
            volume,
            start: (rate, volume),
            connecting: mode != SpeechMode::Off,
            ..Speech::default()
        };
        speech.start_visit();
        speech
    }

    /// A new visitor: the voice as the operator set it, offered again.
    pub(crate) fn start_visit(&mut self) {
        self.on = self.mode == SpeechMode::On;
        self.paused = false;
        (self.rate, self.volume) = self.start;
        self.paragraph = 0;
        self.pending = match self.mode {
            SpeechMode::On => vec![Say::VoiceOn, Say::Screen],
            SpeechMode::Offer => vec![Say::Offer],
            SpeechMode::Off => Vec::new(),
        };
    }

    /// Gives the voice something to say after this update, if it speaks.
    pub(crate) fn say(&mut self, what: Say) {
        if !self.on || self.pending.contains(&what) {
            return;
        }
        // A new screen is said whole, focus included: what was to be said of the screen
        // before it (the button that led there) would be stale.
        if what == Say::Screen {
            self.pending.retain(|s| {
                !matches!(
                    s,
                    Say::Focus | Say::Toggled(_) | Say::Details | Say::Paragraph | Say::CharterEnd
                )
            });
        }
        self.pending.push(what);
    }
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
    /// The latest the done screen closes, however long the voice takes to say it.
    pub(crate) done_limit: Option<Instant>,
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
            speech: Speech::default(),
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

    /// The same dialog with the built-in voice as `mode` asks, at the operator's rate and
    /// volume.
    pub fn speaking(self, mode: SpeechMode, rate: i8, volume: i8) -> State {
        State {
            speech: Speech::new(mode, rate, volume),
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
            speech: {
                let mut speech = std::mem::take(&mut self.speech);
                speech.start_visit();
                speech
            },
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
        // Until the voice is connected (or known missing), a look now and then.
        let voice = self
            .clock
            .now
            .filter(|_| self.speech.connecting)
            .and_then(|now| now.checked_add(VOICE_POLL));
        [done, warn, self.clock.idle_at, voice]
            .into_iter()
            .flatten()
            .min()
    }

    /// Whether the visit has nothing to lose: the dialog as the idle timeout would leave it.
    pub(crate) fn untouched(&self) -> bool {
        let mut fresh = self.clone();
        fresh.reset();
        fresh.looks_like(self)
    }

    /// Whether `other` draws the same frame: the same state but for its timers and what the
    /// voice is saying.
    pub(crate) fn looks_like(&self, other: &State) -> bool {
        let timers = Clock {
            idle_after: self.clock.idle_after,
            ..Clock::default()
        };
        let without = |s: &State| State {
            clock: timers.clone(),
            speech: Speech {
                pending: Vec::new(),
                speaking: false,
                connecting: false,
                ..s.speech.clone()
            },
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
