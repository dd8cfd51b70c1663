//! Whatever an operator (or an attacker who can edit the policy) writes, no control character,
//! escape sequence or bidi override reaches the terminal: every screen is drawn from a policy
//! whose every text field holds arbitrary Unicode, and every cell of the result is checked.

use std::fs;
use std::path::Path;

use kiosk_consent::cli::ThemeName;
use kiosk_consent::policy::{self, Origin};
use kiosk_consent::tui::action::{Action, Button};
use kiosk_consent::tui::context::Ui;
use kiosk_consent::tui::state::State;
use kiosk_consent::tui::theme::Theme;
use kiosk_consent::tui::update::update;
use kiosk_consent::tui::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Strings rich in what terminals interpret.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\x1b[31m".to_owned()),
        Just("\x1b]52;c;aGVsbG8=\x07".to_owned()),
        Just("\u{9b}2J".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\u{2066}".to_owned()),
        Just("\0".to_owned()),
        Just("\r\n".to_owned()),
        Just("\x08\x7f".to_owned()),
        Just("e\u{301}\u{301}".to_owned()),
        Just("\u{200b}".to_owned()),
        "[a-zA-Z ]{0,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 1..8).prop_map(|v| v.concat())
}

/// A Fluent string literal holding `s` exactly (escapes for anything but plain characters).
fn fluent_literal(s: &str) -> String {
    let mut out = String::from("{\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() || (c as u32) > 0x7e => {
                if (c as u32) > 0xffff {
                    out.push_str(&format!("\\U{:06X}", c as u32));
                } else {
                    out.push_str(&format!("\\u{:04X}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push_str("\"}");
    out
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

fn write_policy(dir: &Path, texts: &[String; 6]) {
    let [name, description, cookie_name, provider, purpose, charter] = texts;
    fs::create_dir_all(dir.join("charter")).unwrap();
    fs::create_dir_all(dir.join("locales/fr-FR")).unwrap();
    let toml = format!(
        "id = \"t\"\nversion = \"1\"\nsite = \"https://example.org\"\ndefault_locale = \"fr-FR\"\n\
         consent_days = 30\n\n[[categories]]\nid = \"necessary\"\nrequired = true\n\n\
         [[categories]]\nid = \"x\"\n\n[[cookies]]\nid = \"c\"\nname = {}\ncategory = \"x\"\n\
         provider = {}\ndomains = [\"example.org\"]\n",
        toml_string(cookie_name),
        toml_string(provider)
    );
    fs::write(dir.join("policy.toml"), toml).unwrap();
    let ftl = format!(
        "category-necessary = {n}\n    .description = {d}\ncategory-x = {n}\n    .description = {d}\n\
         cookie-c-service = {p}\ncookie-c-purpose = {p}\naccept-all = {n}\n",
        n = fluent_literal(name),
        d = fluent_literal(description),
        p = fluent_literal(purpose),
    );
    fs::write(dir.join("locales/fr-FR/policy.ftl"), ftl).unwrap();
    fs::write(
        dir.join("charter/fr-FR.md"),
        format!("# {name}\n\n{charter}\n\n<!-- cookies -->\n"),
    )
    .unwrap();
}

fn forbidden(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

fn screens() -> Vec<Vec<Action>> {
    vec![
        vec![],
        vec![Action::Press(Button::Choose), Action::Down],
        vec![Action::Press(Button::Charter)],
        vec![Action::Help],
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn no_policy_text_reaches_the_terminal_raw(
        texts in prop::array::uniform6(hostile()),
        width in 40u16..120,
    ) {
        let dir = tempfile::tempdir().unwrap();
        write_policy(dir.path(), &texts);
        let policy = policy::load(&Origin::Dir(dir.path().to_owned()))
            .map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let l10n = policy.localizer(&policy.locales[0].langid);
        let ui = Ui::new(policy, Theme::new(ThemeName::Default), 0, l10n);
        // Every text the screens are made of is clean before it is drawn (ratatui alone would
        // drop only some of these characters).
        let l = ui.l10n(0);
        let cookie = &ui.policy.cookies[0];
        let texts = [
            l.t("category-x"),
            l.attr("category-x", "description"),
            l.t("cookie-c-purpose"),
            l.t("accept-all"),
            cookie.name.clone(),
            cookie.provider.clone(),
        ];
        for text in texts.iter().chain(&kiosk_consent::charter::plain(&ui.charter_lines(0, 60, false))) {
            prop_assert!(!text.chars().any(forbidden), "{:?}", text);
        }
        for actions in screens() {
            let mut state = State::new(&ui.policy, 0, None, (width, 30));
            for action in actions {
                let _ = update(&mut state, &ui, action);
            }
            let mut terminal = Terminal::new(TestBackend::new(width, 30)).unwrap();
            terminal.draw(|f| { view::draw(f, &ui, &state); }).unwrap();
            for cell in terminal.backend().buffer().content() {
                for c in cell.symbol().chars() {
                    prop_assert!(!forbidden(c), "{:?} in cell {:?}", c, cell.symbol());
                }
            }
        }
    }
}
