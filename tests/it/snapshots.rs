//! Every screen, in French and English, at the full size (80×24) and the smallest supported
//! size (40×15), text and styles and the cursor, as insta snapshots of ratatui's TestBackend.

use std::io;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use insta::assert_snapshot;
use kiosk_consent::cli::ThemeName;
use kiosk_consent::consent::{Decision, Record, store::SaveError};
use kiosk_consent::files::IoCause;
use kiosk_consent::policy::Policy;
use kiosk_consent::tui::action::{Action, Button, Pane, Scroll};
use kiosk_consent::tui::context::Ui;
use kiosk_consent::tui::state::State;
use kiosk_consent::tui::theme::Theme;
use kiosk_consent::tui::update::update;
use kiosk_consent::tui::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use time::macros::datetime;

fn ui(locale: usize, theme: ThemeName) -> Ui {
    let policy = Policy::embedded().expect("embedded policy");
    let l10n = policy.localizer(&policy.locales[locale].langid);
    Ui::new(policy, Theme::new(theme), locale, l10n)
}

/// The screen as text, then the cursor, then ratatui's full dump with styles.
fn render(ui: &Ui, state: &State) -> String {
    let backend = TestBackend::new(state.width, state.height);
    let mut terminal = Terminal::new(backend).unwrap();
    let mut drawn = view::Drawn::default();
    terminal
        .draw(|frame| drawn = view::draw(frame, ui, state))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let text: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect();
    let cursor = drawn.cursor.expect("every screen places the cursor");
    format!(
        "{}\n\ncursor: {},{}\n\n{buffer:?}",
        text.join("\n"),
        cursor.x,
        cursor.y
    )
}

/// The kiosk's idle timeout, for the warning before it.
const IDLE: Duration = Duration::from_secs(120);

fn state(ui: &Ui, locale: usize, size: (u16, u16), actions: &[Action]) -> State {
    let start = State::new(&ui.policy, locale, None, size).idle_after(IDLE);
    run(ui, start, actions)
}

/// `state` after `actions`.
fn run(ui: &Ui, mut state: State, actions: &[Action]) -> State {
    // Each action on a laid-out frame, as the event loop runs them.
    let settle = |state: &mut State| {
        let extents = view::extents(ui, state);
        let _ = update(state, ui, Action::Drawn(extents));
    };
    for action in actions {
        settle(&mut state);
        let _ = update(&mut state, ui, action.clone());
    }
    settle(&mut state);
    state
}

fn saved_record(ui: &Ui) -> Record {
    let now = datetime!(2026-12-01 09:30:00 UTC);
    Record::new(
        &ui.policy,
        "fr-FR",
        now,
        Decision::Custom,
        &[true, true, false, false],
    )
}

/// Each screen, by name, and the actions that lead to it.
fn screens(ui: &Ui) -> Vec<(&'static str, Vec<Action>)> {
    let start = Instant::now();
    let save_error = SaveError {
        path: PathBuf::from("/var/lib/kiosk/consent.json"),
        cause: IoCause::of(&io::Error::from(io::ErrorKind::PermissionDenied)),
    };
    vec![
        ("welcome", vec![]),
        (
            "welcome-refuse-focused",
            vec![Action::FocusNext, Action::FocusNext],
        ),
        (
            "choose",
            vec![Action::Press(Button::Choose), Action::Down, Action::Toggle],
        ),
        (
            "choose-error",
            vec![
                Action::Press(Button::Choose),
                Action::Down,
                Action::Toggle,
                Action::Press(Button::Save),
                Action::Saved(Err(save_error), Instant::now()),
            ],
        ),
        (
            "charter",
            vec![
                Action::Press(Button::Charter),
                Action::Scroll(Pane::Charter, Scroll::Lines(3)),
            ],
        ),
        ("help", vec![Action::Press(Button::Choose), Action::Help]),
        (
            "idle-warning",
            vec![
                Action::Input(start),
                Action::Press(Button::Choose),
                Action::Down,
                Action::Toggle,
                Action::Tick(start + IDLE - Duration::from_secs(30)),
            ],
        ),
        (
            "done",
            vec![Action::Saved(
                Ok(Box::new(saved_record(ui))),
                Instant::now(),
            )],
        ),
    ]
}

fn every_screen(locale: usize, tag: &str, size: (u16, u16)) {
    let ui = ui(locale, ThemeName::Default);
    for (name, actions) in screens(&ui) {
        let state = state(&ui, locale, size, &actions);
        let snapshot = format!("{name}-{tag}-{}x{}", size.0, size.1);
        assert_snapshot!(snapshot, render(&ui, &state));
    }
}

#[test]
fn french_80x24() {
    every_screen(0, "fr", (80, 24));
}

#[test]
fn english_80x24() {
    every_screen(1, "en", (80, 24));
}

#[test]
fn french_40x15() {
    every_screen(0, "fr", (40, 15));
}

#[test]
fn english_40x15() {
    every_screen(1, "en", (40, 15));
}

#[test]
fn too_small_asks_for_a_larger_window() {
    let ui = ui(0, ThemeName::Default);
    let state = state(&ui, 0, (30, 10), &[]);
    let text = render(&ui, &state);
    assert!(text.contains("trop petite"), "{text}");
    assert_snapshot!("too-small-fr-30x10", text);
}

#[test]
fn themes() {
    for (theme, name) in [
        (ThemeName::HighContrast, "high-contrast"),
        (ThemeName::Mono, "mono"),
    ] {
        let ui = ui(0, theme);
        let state = state(&ui, 0, (80, 24), &[Action::Press(Button::Choose)]);
        assert_snapshot!(format!("choose-{name}-fr-80x24"), render(&ui, &state));
    }
}

/// A policy folder with one optional category holding `n` cookies.
fn many_cookies_policy(dir: &std::path::Path, n: usize) {
    use std::fmt::Write;
    std::fs::create_dir_all(dir.join("charter")).unwrap();
    std::fs::create_dir_all(dir.join("locales/fr-FR")).unwrap();
    let mut toml = String::from(
        "id = \"big\"\nversion = \"1\"\nsite = \"https://big.example.org\"\n\
         default_locale = \"fr-FR\"\nconsent_days = 30\n\n[[categories]]\nid = \"necessary\"\n\
         required = true\n\n[[categories]]\nid = \"ads\"\n",
    );
    let mut ftl = String::from(
        "category-necessary = Nécessaires\n    .description = Toujours là.\n\
         category-ads = Publicité\n    .description = Des régies mesurent ce que vous voyez.\n",
    );
    for i in 0..n {
        let _ = write!(
            toml,
            "\n[[cookies]]\nid = \"c{i}\"\nname = \"_ad_{i}\"\ncategory = \"ads\"\n\
             provider = \"Régie {}\"\ndomains = [\"ads{i}.example.net\"]\n",
            i % 7
        );
        let _ = write!(
            ftl,
            "cookie-c{i}-service = Bannière {i}\ncookie-c{i}-purpose = Compter les affichages de la bannière {i}.\n"
        );
    }
    std::fs::write(dir.join("policy.toml"), toml).unwrap();
    std::fs::write(dir.join("locales/fr-FR/policy.ftl"), ftl).unwrap();
    std::fs::write(
        dir.join("charter/fr-FR.md"),
        "# Charte\n\n<!-- cookies -->\n",
    )
    .unwrap();
}

#[test]
fn a_category_of_forty_cookies_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    many_cookies_policy(dir.path(), 40);
    let origin = kiosk_consent::policy::Origin::Dir(dir.path().to_owned());
    let policy = kiosk_consent::policy::load(&origin).expect("valid policy");
    let l10n = policy.localizer(&policy.locales[0].langid);
    let ui = Ui::new(policy, Theme::new(ThemeName::Default), 0, l10n);
    for (size, name) in [((100, 30), "table"), ((80, 24), "blocks")] {
        let actions = [
            Action::Press(Button::Choose),
            Action::Down,
            Action::Scroll(Pane::Details, Scroll::Pages(2)),
        ];
        let state = state(&ui, 0, size, &actions);
        let text = render(&ui, &state);
        assert!(text.contains("sur"), "the position is shown:\n{text}");
        assert_snapshot!(format!("choose-40-cookies-{name}"), text);
    }
}

#[test]
fn plain_mode_has_one_column_and_no_decoration() {
    let ui = ui(0, ThemeName::Mono);
    for (name, actions) in screens(&ui) {
        let start = State::new(&ui.policy, 0, None, (80, 24))
            .idle_after(IDLE)
            .in_plain_mode();
        let state = run(&ui, start, &actions);
        let text = render(&ui, &state);
        let screen = text.split("\n\ncursor").next().unwrap();
        for c in screen.chars() {
            assert!(
                !('\u{2500}'..='\u{259f}').contains(&c),
                "box drawing {c:?} in {name}:\n{screen}"
            );
            assert!(
                !matches!(c, '•' | '<' | '>'),
                "decoration {c:?} in {name}:\n{screen}"
            );
        }
        assert!(
            !screen.contains("[x]") && !screen.contains("[ ]"),
            "{name}:\n{screen}"
        );
        assert_snapshot!(format!("plain-{name}-fr-80x24"), text);
    }
}

#[test]
fn categories_out_of_view_are_announced() {
    use std::fmt::Write;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("charter")).unwrap();
    std::fs::create_dir_all(dir.path().join("locales/en-US")).unwrap();
    let mut toml = String::from(
        "id = \"twelve\"\nversion = \"1\"\nsite = \"https://twelve.example.org\"\n\
         default_locale = \"en-US\"\nconsent_days = 30\n",
    );
    let mut ftl = String::new();
    for i in 0..12 {
        let required = if i == 0 { "required = true\n" } else { "" };
        let _ = write!(toml, "\n[[categories]]\nid = \"c{i}\"\n{required}");
        let _ = writeln!(
            ftl,
            "category-c{i} = Category {i}\n    .description = About {i}."
        );
    }
    std::fs::write(dir.path().join("policy.toml"), toml).unwrap();
    std::fs::write(dir.path().join("locales/en-US/policy.ftl"), ftl).unwrap();
    std::fs::write(dir.path().join("charter/en-US.md"), "# Charter\n").unwrap();
    let origin = kiosk_consent::policy::Origin::Dir(dir.path().to_owned());
    let policy = kiosk_consent::policy::load(&origin).expect("valid policy");
    let l10n = policy.localizer(&policy.locales[0].langid);
    let ui = Ui::new(policy, Theme::new(ThemeName::Default), 0, l10n);
    let top = state(&ui, 0, (80, 24), &[Action::Press(Button::Choose)]);
    let text = render(&ui, &top);
    assert!(text.contains("↓ 5 more"), "{text}");
    assert!(!text.contains("↑"), "{text}");
    // Moving down scrolls the list and announces both sides.
    let down: Vec<Action> = std::iter::once(Action::Press(Button::Choose))
        .chain(std::iter::repeat_n(Action::Down, 9))
        .collect();
    let text = render(&ui, &state(&ui, 0, (80, 24), &down));
    assert!(
        text.contains("↑ 3 more") && text.contains("↓ 2 more"),
        "{text}"
    );
    assert_snapshot!("choose-12-categories-scrolled", text);
}

#[test]
fn the_voice_is_offered_in_the_footer_and_said_unavailable_there() {
    use kiosk_consent::tui::action::VoiceStatus;
    use kiosk_consent::tui::options::SpeechMode;
    for (locale, tag) in [(0, "fr"), (1, "en")] {
        let ui = ui(locale, ThemeName::Default);
        let offered =
            State::new(&ui.policy, locale, None, (80, 24)).speaking(SpeechMode::Offer, 0, 100);
        let unavailable = VoiceStatus {
            speaking: false,
            available: false,
            connecting: false,
        };
        let asked = run(
            &ui,
            offered.clone(),
            &[Action::VoiceStatus(unavailable), Action::Voice],
        );
        let offer = render(&ui, &run(&ui, offered, &[]));
        let missing = render(&ui, &asked);
        let (key, gone) = if locale == 0 {
            ("F4 : voix", "Voix indisponible")
        } else {
            ("F4: voice", "Voice unavailable")
        };
        assert!(
            offer.lines().nth(23).is_some_and(|l| l.contains(key)),
            "{offer}"
        );
        assert!(
            missing.lines().nth(23).is_some_and(|l| l.contains(gone)),
            "{missing}"
        );
        assert_snapshot!(format!("voice-offered-{tag}"), offer);
        assert_snapshot!(format!("voice-unavailable-{tag}"), missing);
    }
}
