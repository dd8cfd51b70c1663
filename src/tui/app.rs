//! The event loop: the only place that blocks, draws and runs effects. It sleeps in `read`
//! until something happens, or until the state's next deadline (the done screen's delay, or
//! the idle timeout), and draws only after something acted: an idle dialog costs no CPU and
//! sends nothing to the terminal (screen readers speak every change). Every rule, timers
//! included, is in `update`.

use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

use super::action::VoiceStatus;
use super::action::{Action, Effect, Hit};
use super::context::Ui;
use super::keymap;
use super::options::{RunArgs, SpeechMode};
use super::spoken;
use super::state::{Say, State};
use super::terminal::{self, Session};
use super::theme::Theme;
use super::update::update;
use super::view;
use crate::clock;
use crate::consent::Record;
use crate::consent::log::Log;
use crate::consent::store;
use crate::context::Context;
use crate::exit::Exit;
use crate::files::IoCause;
use crate::kiosk::{self, Lockout};
use crate::speech::{self, Voice, VoiceConfig, VoiceState};

/// The idle timeout of kiosk mode when none is given.
const KIOSK_IDLE: u64 = 120;

/// What the loop needs besides the state: where to write, and the kiosk's settings.
struct Settings<'a> {
    ui: &'a Ui,
    consent_path: &'a Path,
    log: Option<Log>,
    pin_hash: Option<String>,
    /// Where wrong PINs are counted, beside the PIN.
    lockout_path: Option<std::path::PathBuf>,
}

/// Runs the dialog.
pub fn run(ctx: Context, args: &RunArgs, env: impl Fn(&str) -> Option<String>) -> Exit {
    let theme = Theme::chosen(args.theme, env("NO_COLOR"));
    let status = ctx.status();
    let Context {
        policy,
        l10n,
        consent_path,
        ..
    } = ctx;
    let locale = policy.locale_index(l10n.langid()).unwrap_or(0);
    let panic_message = l10n.t("error-internal");
    let ui = Ui::new(policy, theme, locale, l10n);
    let terminal_error = |e: std::io::Error| {
        let l = ui.l10n(locale);
        let cause = IoCause::of(&e);
        eprintln!(
            "kiosk-consent: {}",
            l.t_args("error-terminal", &[("cause", l.say(&cause).into())])
        );
        Exit::Failure
    };
    let idle_secs = args
        .idle_timeout
        .unwrap_or(if args.kiosk { KIOSK_IDLE } else { 0 });
    let pin_hash = if args.kiosk {
        kiosk::stored_hash()
    } else {
        None
    };
    if args.kiosk && pin_hash.is_none() {
        // Not an error (a kiosk being set up may have no PIN yet), but a setup mistake once
        // visitors come: anyone who knows the chord leaves kiosk mode.
        let message = ui.l10n(locale).t("kiosk-no-pin");
        eprintln!("kiosk-consent: {message}");
        crate::syslog::warning(&message);
    }
    let settings = Settings {
        ui: &ui,
        consent_path: &consent_path,
        log: (!args.no_log).then(|| Log::beside(&consent_path)),
        pin_hash,
        lockout_path: kiosk::lockout_path(),
    };
    // A file size limit (RLIMIT_FSIZE) must fail the save with an error the visitor sees, not
    // kill the dialog: SIGXFSZ is caught, so the write returns EFBIG instead.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let mut session = match terminal::enter(!args.no_mouse, !args.kiosk, panic_message) {
        Ok(s) => s,
        Err(e) => return terminal_error(e),
    };
    // The size the terminal was found to have when entered (asking again opens /dev/tty).
    let size = session.terminal.get_frame().area();
    let mut state = State::new(
        &ui.policy,
        locale,
        status.valid(),
        (size.width, size.height),
    );
    if args.kiosk {
        state = state.in_kiosk(settings.pin_hash.is_some());
    }
    if args.plain {
        state = state.in_plain_mode();
    }
    if idle_secs > 0 {
        state = state.idle_after(Duration::from_secs(idle_secs));
    }
    let mode = args.speech_mode();
    let voice = ui.policy.speech;
    state = state.speaking(mode, voice.rate, voice.volume);
    let config = (mode != SpeechMode::Off).then(|| VoiceConfig {
        socket: speech::address(&env),
        // As libspeechd does for the default place; an address given on purpose is a
        // server someone runs.
        spawn: env("SPEECHD_ADDRESS").is_none(),
        rate: voice.rate,
        volume: voice.volume,
    });
    let result = event_loop(&mut session, &settings, &mut state, config);
    drop(session);
    result.unwrap_or_else(terminal_error)
}

/// Draws the state, and tells `update` what the frame laid out. Returns where the mouse
/// can act.
fn draw(session: &mut Session, ui: &Ui, state: &mut State) -> std::io::Result<Vec<Hit>> {
    let _busy = terminal::busy();
    let mut drawn = view::Drawn::default();
    session
        .terminal
        .draw(|frame| drawn = view::draw(frame, ui, state))?;
    let before = state.scroll.clone();
    update(state, ui, Action::Drawn(drawn.extents));
    // A window that grew, or a language change, moved a pane's position: show where it is.
    if state.scroll != before {
        session
            .terminal
            .draw(|frame| drawn = view::draw(frame, ui, state))?;
    }
    Ok(drawn.hits)
}
/// Logs and saves the decision (see `store::decide`).
fn save(s: &Settings, state: &State, action: crate::consent::Decision, granted: &[bool]) -> Action {
    let locale = s.ui.l10n(state.locale).langid().to_string();
    let record = Record::new(&s.ui.policy, &locale, clock::now(), action, granted);
    let _busy = terminal::busy();
    let saved = store::decide(s.consent_path, &record, s.log.as_ref());
    Action::Saved(saved.map(|()| Box::new(record)), Instant::now())
}

/// Checks the PIN against the stored hash, counting wrong ones on disk too: a lockout holds
/// for the next visitor's dialog. Where the count cannot be kept on disk it still holds for
/// this dialog (the state keeps it).
fn check_pin(s: &Settings, mut lockout: Lockout, pin: &str) -> Action {
    let now = kiosk::unix_now();
    if let Some(path) = &s.lockout_path {
        lockout = lockout.stricter(Lockout::load(path, now));
    }
    let outcome = lockout.check(s.pin_hash.as_deref().unwrap_or_default(), pin, now);
    if let Some(path) = &s.lockout_path {
        let _busy = terminal::busy();
        let _ = lockout.save(path);
    }
    Action::PinChecked(outcome, lockout)
}

/// Waits for input until `deadline` (for ever without one); None when it passed first.
fn wait(deadline: Option<Instant>) -> std::io::Result<Option<Event>> {
    match deadline {
        Some(at) => {
            let left = at.saturating_duration_since(Instant::now());
            Ok(if event::poll(left)? {
                Some(event::read()?)
            } else {
                None
            })
        }
        None => event::read().map(Some),
    }
}

/// The voice, as the loop drives it: what it last said (for F5) and the settings it was
/// last given, so that only changes are sent.
struct Speaker {
    voice: Voice,
    /// The last words said, and their language.
    last: (String, String),
    /// The language last said to have no voice: said once, not before every sentence.
    voiceless: Option<usize>,
    rate: i8,
    volume: i8,
    paused: bool,
}

impl Speaker {
    fn start(config: VoiceConfig) -> Speaker {
        Speaker {
            rate: config.rate,
            volume: config.volume,
            voice: Voice::start(config),
            last: (String::new(), String::new()),
            voiceless: None,
            paused: false,
        }
    }

    fn status(&self) -> VoiceStatus {
        let state = self.voice.state();
        VoiceStatus {
            speaking: self.voice.speaking(),
            available: state != VoiceState::Unavailable,
            connecting: state == VoiceState::Connecting,
        }
    }

    /// Says what the last update gave to say, in the screen's language; a key that gave
    /// nothing to say still silences what was being said (no stale speech).
    fn follow(&mut self, ui: &Ui, state: &mut State, key: bool) {
        // Until connected, what is to be said waits in the state: which languages the server
        // has a voice for is known only then.
        if self.voice.state() == VoiceState::Connecting {
            return;
        }
        let says = std::mem::take(&mut state.speech.pending);
        let speech = &state.speech;
        if speech.rate != self.rate {
            self.rate = speech.rate;
            self.voice.set_rate(self.rate);
        }
        if speech.volume != self.volume {
            self.volume = speech.volume;
            self.voice.set_volume(self.volume);
        }
        if speech.paused != self.paused {
            self.paused = speech.paused;
            if self.paused {
                self.voice.pause();
            } else {
                self.voice.resume();
            }
            return;
        }
        let (text, language) = if says.contains(&Say::Again) {
            self.last.clone()
        } else {
            self.words(ui, state, &says)
        };
        if !text.is_empty() {
            self.voice.say(&language, &text);
            self.last = (text, language);
        } else if key {
            self.voice.silence();
        }
    }

    /// The words for `says` and the language to say them in: the screen's, unless the server
    /// has no voice for it — then the first of the policy's languages it has one for, saying
    /// so first (speech-dispatcher would read them with a voice of another language).
    fn words(&mut self, ui: &Ui, state: &State, says: &[Say]) -> (String, String) {
        let language = |locale: usize| ui.l10n(locale).langid().to_string();
        let wanted = language(state.locale);
        if says.is_empty() || self.voice.speaks(&wanted) != Some(false) {
            return (spoken::text(ui, state, says), wanted);
        }
        let Some(fallback) =
            (0..ui.locale_count()).find(|&l| self.voice.speaks(&language(l)) == Some(true))
        else {
            return (spoken::text(ui, state, says), wanted);
        };
        let mut heard = state.clone();
        heard.locale = fallback;
        let mut text = spoken::text(ui, &heard, says);
        if self.voiceless != Some(state.locale) {
            self.voiceless = Some(state.locale);
            let notice = ui.l10n(fallback).t_args(
                "speech-no-voice",
                &[
                    ("language", ui.l10n(state.locale).language_name().into()),
                    ("fallback", ui.l10n(fallback).language_name().into()),
                ],
            );
            text = format!("{notice} {text}");
        }
        (text, language(fallback))
    }
}

fn event_loop(
    session: &mut Session,
    s: &Settings,
    state: &mut State,
    voice: Option<VoiceConfig>,
) -> std::io::Result<Exit> {
    update(state, s.ui, Action::Input(Instant::now()));
    let mut hits = draw(session, s.ui, state)?;
    session.watch();
    // After the first frame: the voice never delays what the screen shows.
    let mut speaker = voice.map(Speaker::start);
    if let Some(speaker) = &mut speaker {
        speaker.follow(s.ui, state, false);
    }
    loop {
        let event = wait(state.next_deadline())?;
        let now = Instant::now();
        // What the voice did meanwhile: once connected it says what waited; unavailable, the
        // footer says so.
        let before = (state.speech.unavailable, state.speech.connecting);
        if let Some(speaker) = &speaker {
            let status = speaker.status();
            let speech = &state.speech;
            let known = (speech.speaking, !speech.unavailable, speech.connecting);
            if known != (status.speaking, status.available, status.connecting) {
                update(state, s.ui, Action::VoiceStatus(status));
            }
        }
        // Only what shows is redrawn: an unattended kiosk sends nothing.
        let voice_changed = state.speech.on && state.speech.unavailable != before.0;
        let connected = state.speech.connecting != before.1;
        let key = matches!(event, Some(Event::Key(_)));
        let action = match event {
            None => Some(Action::Tick(now)),
            Some(event) => {
                // Mapped before the input is noted: a key that answers the idle warning is
                // read as that answer, not as what it would press.
                let action = match event {
                    Event::Key(key) => keymap::key(&key, state, s.ui),
                    Event::Mouse(mouse) => keymap::mouse(&mouse, &hits),
                    Event::Resize(w, h) => Some(Action::Resize(w, h)),
                    // Pasted text is not typing: it presses nothing, even on the done screen;
                    // it only answers the idle warning.
                    Event::Paste(_) => state.idle_warning.then_some(Action::Stay),
                    _ => None,
                };
                update(state, s.ui, Action::Input(now));
                action
            }
        };
        let Some(action) = action else {
            // A key that does nothing still stops the voice: it is being talked over.
            if voice_changed {
                hits = draw(session, s.ui, state)?;
            }
            if let Some(speaker) = speaker.as_mut().filter(|_| key || connected) {
                speaker.follow(s.ui, state, key);
            }
            continue;
        };
        // A deadline that changed nothing on screen (the idle timeout on a welcome screen no
        // one touched) sends nothing: an unattended kiosk stays silent. Only these rare
        // wake-ups compare states; input always redraws.
        let unattended = matches!(action, Action::Tick(_)).then(|| state.clone());
        // A resize redraws every cell: the terminal may have lost the screen (a resize, or
        // coming back from a suspension, which says so with one).
        if matches!(action, Action::Resize(..)) {
            session.terminal.clear()?;
        }
        let mut effect = update(state, s.ui, action);
        while let Some(next) = effect.take() {
            effect = match next {
                Effect::Quit(code) => {
                    // What the voice was saying is not for whoever comes next.
                    if let Some(speaker) = &speaker {
                        speaker.voice.silence();
                    }
                    return Ok(code);
                }
                Effect::Save { action, granted } => {
                    update(state, s.ui, save(s, state, action, &granted))
                }
                Effect::CheckPin { pin, lockout } => {
                    update(state, s.ui, check_pin(s, lockout, &pin))
                }
                Effect::Bell => {
                    use std::io::Write;
                    let backend = session.terminal.backend_mut();
                    let _ = backend.write_all(b"\x07").and_then(|()| backend.flush());
                    None
                }
            };
        }
        if !voice_changed && unattended.is_some_and(|before| state.looks_like(&before)) {
            if let Some(speaker) = speaker.as_mut().filter(|_| connected) {
                speaker.follow(s.ui, state, false);
            }
            continue;
        }
        // A frame like the last sends nothing but the cursor's place (ratatui sends only
        // what changed).
        hits = draw(session, s.ui, state)?;
        // Spoken after the frame, which lays out what is read (the charter's paragraphs).
        if let Some(speaker) = &mut speaker {
            speaker.follow(s.ui, state, key);
        }
    }
}
