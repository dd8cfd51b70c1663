//! The event loop: the only place that blocks, draws and runs effects. It sleeps in `read`
//! until something happens, and draws only when the state changed, so an idle dialog costs
//! no CPU and sends nothing to the terminal (screen readers speak every change).

use std::path::Path;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event};

use super::action::{Action, Effect, Screen, exit};
use super::context::Ui;
use super::keymap;
use super::state::State;
use super::terminal::{self, Session};
use super::theme::Theme;
use super::update::update;
use super::view::{self, Drawn};
use crate::cli::RunArgs;
use crate::clock;
use crate::commands::Context;
use crate::consent::{Record, store};

/// How long the done screen stays before the program exits by itself.
const DONE_DELAY: Duration = Duration::from_secs(5);

pub fn run(ctx: Context, args: &RunArgs, env: impl Fn(&str) -> Option<String>) -> u8 {
    let theme = Theme::new(Theme::choose(args.theme, env("NO_COLOR")));
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
        let cause = crate::i18n::IoCause::of(&e);
        eprintln!(
            "kiosk-consent: {}",
            l.t_args("error-terminal", &[("cause", l.io_cause(&cause).into())])
        );
        exit::ERROR
    };
    let mut session = match terminal::enter(!args.no_mouse, panic_message) {
        Ok(s) => s,
        Err(e) => return terminal_error(e),
    };
    let size = session.terminal.size().unwrap_or_default();
    let mut state = State::new(
        &ui.policy,
        locale,
        status.valid(),
        (size.width, size.height),
    );
    let result = event_loop(&mut session, &ui, &mut state, &consent_path);
    drop(session);
    result.unwrap_or_else(terminal_error)
}

fn draw(session: &mut Session, ui: &Ui, state: &State) -> std::io::Result<Drawn> {
    let _busy = terminal::busy();
    let mut drawn = Drawn::default();
    session
        .terminal
        .draw(|frame| drawn = view::draw(frame, ui, state))?;
    Ok(drawn)
}

fn event_loop(
    session: &mut Session,
    ui: &Ui,
    state: &mut State,
    consent_path: &Path,
) -> std::io::Result<u8> {
    let mut drawn = draw(session, ui, state)?;
    let mut deadline: Option<Instant> = None;
    loop {
        // Block until input; only the done screen has a deadline to wake up for.
        let event = match deadline {
            Some(at) => {
                let left = at.saturating_duration_since(Instant::now());
                if event::poll(left)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
            None => Some(event::read()?),
        };
        let action = match event {
            None => Some(Action::Dismiss),
            Some(Event::Key(key)) => keymap::key(&key, state, ui),
            Some(Event::Mouse(mouse)) => keymap::mouse(&mouse, &drawn.hits),
            Some(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
            Some(_) => None,
        };
        let Some(action) = action else { continue };
        let before = state.clone();
        let mut effect = update(state, ui, action);
        while let Some(next) = effect.take() {
            match next {
                Effect::Quit(code) => return Ok(code),
                Effect::Save { action, granted } => {
                    let locale = ui.l10n(state.locale).langid().to_string();
                    let record = Record::new(&ui.policy, &locale, clock::now(), action, &granted);
                    let saved = {
                        let _busy = terminal::busy();
                        store::save(consent_path, &record).map(|()| Box::new(record))
                    };
                    effect = update(state, ui, Action::Saved(saved));
                }
            }
        }
        if state.screen == Screen::Done && deadline.is_none() {
            deadline = Some(Instant::now() + DONE_DELAY);
        }
        if *state != before {
            drawn = draw(session, ui, state)?;
        }
    }
}
