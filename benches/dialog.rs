//! Performance of the dialog inside the program, against the budgets of docs/performance.md.
//!
//! Every frame is drawn by ratatui's real `CrosstermBackend`, writing its escape sequences into
//! a `Vec<u8>` instead of the terminal (a fixed viewport, so no terminal is needed), so each
//! number includes the diff against the previous frame and the encoding of what changed, as
//! the program does; only the `write` to the terminal itself is left out.
//!
//! Groups:
//! - `key_frame/<screen>`: a key on each screen at 80×24, `update` then the frame, starting
//!   from the terminal showing the screen before the key (budget ≤ 1 ms);
//! - `startup/*`: what the program does before its first frame (policy load, Fluent bundles,
//!   the first full frame at 100×30), and all of it together on a cold thread;
//! - `charter/parse/*`, `charter/layout/*`: the embedded charter (~3.5 KB of Markdown, plus the
//!   generated cookie tables) and a generated ~200 KB one, laid out at 40, 80 and 200 columns;
//! - `scroll_200k/*`: a scroll key then the frame at 200×60 on the ~200 KB charter, layout
//!   cache warm (budget ≤ 1 ms);
//! - `language/*`: F2 (`Action::Language`) then the frame, switching back and forth.
//!
//! `cargo bench --bench dialog` runs them all in about two minutes on two cores; add a filter
//! (`cargo bench --bench dialog -- key_frame`) for one group.

use std::cell::RefCell;
use std::hint::black_box;
use std::io::{self, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use kiosk_consent::charter::{Document, with_cookie_tables};
use kiosk_consent::cli::ThemeName;
use kiosk_consent::consent::{Decision, Record};
use kiosk_consent::i18n::{self, Localizer};
use kiosk_consent::policy::Policy;
use kiosk_consent::tui::action::{Action, Button, Pane, Scroll};
use kiosk_consent::tui::context::Ui;
use kiosk_consent::tui::state::State;
use kiosk_consent::tui::theme::Theme;
use kiosk_consent::tui::update::update;
use kiosk_consent::tui::view;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use time::macros::datetime;
use unic_langid::langid;

/// Where a frame's escape sequences go: memory, kept between frames like a terminal's
/// output buffer. (`CrosstermBackend::writer` is behind an unstable ratatui feature, so the
/// bytes are counted through a shared handle instead.)
#[derive(Clone, Default)]
struct Sink(Rc<RefCell<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A terminal in memory and what it was sent.
struct Term {
    terminal: Terminal<CrosstermBackend<Sink>>,
    sink: Sink,
}

const SMALL: (u16, u16) = (80, 24);
const BIG: (u16, u16) = (200, 60);
/// The size the start-up is measured at (scripts/measure-startup).
const START: (u16, u16) = (100, 30);

/// A terminal of `size` that writes its escape sequences into memory.
fn terminal(size: (u16, u16)) -> Term {
    let sink = Sink(Rc::new(RefCell::new(Vec::with_capacity(64 * 1024))));
    let terminal = Terminal::with_options(
        CrosstermBackend::new(sink.clone()),
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, size.0, size.1)),
        },
    )
    .expect("a terminal in memory");
    Term { terminal, sink }
}

/// Draws a frame as the program does; returns the bytes it would send to the terminal.
fn frame(term: &mut Term, ui: &Ui, state: &State) -> usize {
    term.sink.0.borrow_mut().clear();
    let mut drawn = view::Drawn::default();
    term.terminal
        .draw(|f| drawn = view::draw(f, ui, state))
        .expect("drawing into memory");
    black_box(&drawn);
    term.sink.0.borrow().len()
}

fn ui_with(policy: Policy, locale: usize) -> Ui {
    let l10n = policy.localizer(&policy.locales[locale].langid);
    Ui::new(policy, Theme::new(ThemeName::Default), locale, l10n)
}

fn embedded_ui() -> Ui {
    ui_with(Policy::embedded().expect("embedded policy"), 0)
}

/// The embedded policy with `markdown` as the charter of every locale.
fn big_ui(markdown: &str) -> Ui {
    let mut policy = Policy::embedded().expect("embedded policy");
    for locale in &mut policy.locales {
        locale.charter = markdown.to_owned();
    }
    ui_with(policy, 0)
}

fn state(ui: &Ui, size: (u16, u16), actions: &[Action]) -> State {
    let mut state = State::new(&ui.policy, 0, None, size);
    for action in actions {
        settle(ui, &mut state);
        let _ = update(&mut state, ui, action.clone());
    }
    settle(ui, &mut state);
    state
}

/// What the event loop does after each frame: tells `update` how long the panes are.
fn settle(ui: &Ui, state: &mut State) {
    let _ = update(state, ui, Action::Drawn(view::extents(ui, state)));
}

fn record(ui: &Ui) -> Record {
    Record::new(
        &ui.policy,
        "fr-FR",
        datetime!(2026-12-01 09:30:00 UTC),
        Decision::Custom,
        &[true, true, false, false],
    )
}

/// A Markdown document of about `bytes` bytes: headings, paragraphs with inline styles and
/// links, bullet and numbered lists, and a table, repeated in sections.
pub fn big_markdown(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "cookie",
        "navigateur",
        "données",
        "consentement",
        "la",
        "borne",
        "publique",
        "de",
        "statistiques",
        "et",
        "un",
        "site",
        "visiteur",
        "refuser",
        "accepter",
        "catégorie",
        "durée",
        "conservation",
        "traceur",
        "à",
    ];
    let mut seed = 0x2545_f491_u32;
    let mut word = move || {
        // xorshift: the same document on every run.
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        WORDS[seed as usize % WORDS.len()]
    };
    let mut sentence = |n: usize| {
        let words: Vec<&str> = (0..n).map(|_| word()).collect();
        words.join(" ")
    };
    let mut md = String::with_capacity(bytes + 4096);
    md.push_str("# Charte des cookies, version longue\n\n");
    let mut section = 1;
    while md.len() < bytes {
        md.push_str(&format!("## Section {section} : {}\n\n", sentence(4)));
        for _ in 0..3 {
            md.push_str(&format!(
                "{} **{}** {} *{}* {} [{}](https://example.org/{section}) {}.\n\n",
                sentence(25),
                sentence(2),
                sentence(20),
                sentence(3),
                sentence(15),
                sentence(2),
                sentence(10)
            ));
        }
        md.push_str(&format!("### Détails {section}\n\n"));
        for _ in 0..4 {
            md.push_str(&format!("- {}\n", sentence(18)));
        }
        md.push('\n');
        for i in 1..=3 {
            md.push_str(&format!("{i}. {}\n", sentence(12)));
        }
        md.push_str("\n| Nom | Fournisseur | Service | Finalité |\n|---|---|---|---|\n");
        for i in 0..3 {
            md.push_str(&format!(
                "| cookie_{section}_{i} | {} | {} | {} |\n",
                sentence(2),
                sentence(3),
                sentence(12)
            ));
        }
        md.push('\n');
        section += 1;
    }
    md
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}

/// A key pressed on a screen: the terminal shows the screen as it was (drawn outside the
/// timing), then `update` and the frame are timed.
fn key_then_frame(c: &mut Criterion, name: &str, ui: &Ui, before: &State, key: &Action) {
    let size = (before.width, before.height);
    c.bench_function(name, |b| {
        b.iter_batched(
            || {
                let mut term = terminal(size);
                frame(&mut term, ui, before);
                (term, before.clone())
            },
            |(mut term, mut state)| {
                let effect = update(&mut state, ui, key.clone());
                black_box(effect);
                let bytes = frame(&mut term, ui, &state);
                (term, state, bytes)
            },
            BatchSize::SmallInput,
        );
    });
}

fn key_frames(c: &mut Criterion) {
    let ui = embedded_ui();
    let choose = [Action::Press(Button::Choose), Action::Down];
    let cases: Vec<(&str, Vec<Action>, Action)> = vec![
        // Tab on welcome: the focus moves from one button to the next.
        ("key_frame/welcome", vec![], Action::FocusNext),
        // Space on choose: "statistiques" ticked.
        ("key_frame/choose", choose.to_vec(), Action::Toggle),
        // ↓ on the charter: one line down (layout cached).
        (
            "key_frame/charter",
            vec![Action::Press(Button::Charter)],
            Action::Down,
        ),
        // ↓ on the help of the choose screen.
        (
            "key_frame/help",
            vec![Action::Press(Button::Choose), Action::Help],
            Action::Down,
        ),
        // The save's outcome: choose → done (the file write itself is not included).
        (
            "key_frame/done",
            choose.to_vec(),
            Action::Saved(Ok(Box::new(record(&ui))), Instant::now()),
        ),
        // C on welcome: the charter opens (its layout cached from an earlier visit).
        (
            "key_frame/welcome_to_charter",
            vec![],
            Action::Press(Button::Charter),
        ),
    ];
    for (name, actions, key) in cases {
        let before = state(&ui, SMALL, &actions);
        key_then_frame(c, name, &ui, &before, &key);
    }
}

fn startup(c: &mut Criterion) {
    c.bench_function("startup/policy_load_embedded", |b| {
        b.iter(|| Policy::embedded().expect("embedded policy"));
    });
    // A built-in UI string looked up in a new localizer: the entry is cut out of the file
    // by its compile-time index and parsed alone (the whole file is never parsed).
    for tag in ["en-US", "fr-FR"] {
        let langid: unic_langid::LanguageIdentifier = tag.parse().expect("a language tag");
        c.bench_with_input(
            BenchmarkId::new("startup/ui_first_string", tag),
            &langid,
            |b, langid| b.iter(|| Localizer::ui_only(langid).t("accept-all")),
        );
    }
    let policy = Policy::embedded().expect("embedded policy");
    c.bench_function("startup/localizer_fr_warm", |b| {
        b.iter(|| policy.localizer(&policy.locales[0].langid));
    });
    let ui = ui_with(Policy::embedded().expect("embedded policy"), 0);
    let welcome = state(&ui, START, &[]);
    c.bench_function("startup/first_frame_100x30", |b| {
        b.iter_batched(
            || terminal(START),
            |mut term| {
                let bytes = frame(&mut term, &ui, &welcome);
                (term, bytes)
            },
            BatchSize::SmallInput,
        );
    });
    // Everything main.rs and tui::run do before the terminal is touched, then the first frame,
    // on a new thread each time, whose caches (the standard library's, the allocator's arena)
    // start cold, as in a new process.
    c.bench_function("startup/in_process_cold", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                total += std::thread::spawn(|| {
                    let start = Instant::now();
                    let requested: Vec<_> = i18n::env_locale(|_| None).into_iter().collect();
                    let fallback = langid!("fr-FR");
                    let ui_locale = i18n::negotiate(&requested, &i18n::ui_locales(), &fallback);
                    let ui_l10n = Localizer::ui_only(&ui_locale);
                    black_box(&ui_l10n);
                    let policy = Policy::embedded().expect("embedded policy");
                    let available: Vec<_> =
                        policy.locales.iter().map(|l| l.langid.clone()).collect();
                    let locale = i18n::negotiate(&requested, &available, &policy.default_locale);
                    let l10n = policy.localizer(&locale);
                    let panic_message = l10n.t("error-internal");
                    black_box(panic_message);
                    let ui = Ui::new(policy, Theme::new(ThemeName::Default), 0, l10n);
                    let state = State::new(&ui.policy, 0, None, START);
                    let mut term = terminal(START);
                    black_box(frame(&mut term, &ui, &state));
                    start.elapsed()
                })
                .join()
                .expect("start-up thread");
            }
            total
        });
    });
}

fn charter(c: &mut Criterion) {
    let ui = embedded_ui();
    let l10n = ui.l10n(0);
    let small = with_cookie_tables(&ui.policy.locales[0].charter, &ui.policy, l10n);
    let big = big_markdown(200 * 1024);
    let colon = l10n.t("colon");
    for (tag, markdown) in [("3k", &small), ("200k", &big)] {
        c.bench_with_input(BenchmarkId::new("charter/parse", tag), markdown, |b, md| {
            b.iter(|| Document::parse(md, &colon, "• "))
        });
        let document = Document::parse(markdown, &colon, "• ");
        for width in [40usize, 80, 200] {
            c.bench_with_input(
                BenchmarkId::new(format!("charter/layout/{tag}"), width),
                &width,
                |b, &w| b.iter(|| document.layout(w)),
            );
        }
    }
}

fn scroll_200k(c: &mut Criterion) {
    let ui = big_ui(&big_markdown(200 * 1024));
    let mut before = state(&ui, BIG, &[Action::Press(Button::Charter)]);
    let _ = update(
        &mut before,
        &ui,
        Action::Scroll(Pane::Charter, Scroll::Lines(500)),
    );
    settle(&ui, &mut before);
    // Warm the layout cache.
    frame(&mut terminal(BIG), &ui, &before);
    key_then_frame(c, "scroll_200k/line_down", &ui, &before, &Action::Down);
    key_then_frame(
        c,
        "scroll_200k/page_down",
        &ui,
        &before,
        &Action::Scroll(Pane::Charter, Scroll::Pages(1)),
    );
}

/// F2 again and again on one screen: every press switches to the other language.
fn language_switch(c: &mut Criterion, name: &str, ui: &Ui, screen: &[Action]) {
    let mut state = state(ui, SMALL, screen);
    let mut term = terminal(SMALL);
    frame(&mut term, ui, &state);
    // Both languages built once, as after the first two presses.
    for _ in 0..2 {
        let _ = update(&mut state, ui, Action::Language);
        frame(&mut term, ui, &state);
    }
    c.bench_function(name, |b| {
        b.iter(|| {
            let _ = update(&mut state, ui, Action::Language);
            frame(&mut term, ui, &state)
        });
    });
}

fn language(c: &mut Criterion) {
    let ui = embedded_ui();
    language_switch(c, "language/welcome", &ui, &[]);
    language_switch(
        c,
        "language/charter",
        &ui,
        &[Action::Press(Button::Charter)],
    );
    let big = big_ui(&big_markdown(200 * 1024));
    language_switch(c, "language/welcome_200k_charter", &big, &[]);
}

criterion_group! {
    name = benches;
    config = config();
    targets = key_frames, startup, charter, scroll_200k, language
}
criterion_main!(benches);
