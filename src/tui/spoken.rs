//! What the voice says: the state in words, from the same texts and the same state as the
//! screen (the views' own functions), so what is heard and what is seen cannot drift apart.
//! Every piece is a Fluent message (`speech-*`) an operator can override.

use super::action::Screen;
use super::context::Ui;
use super::state::{Focus, Say, State};
use super::view::{buttons, choose, done, help, pin, warning, welcome};
use crate::charter;
use crate::consent::Choice;
use crate::policy::message;

/// The words for `says`, one sentence after the other, in the screen's language.
pub(crate) fn text(ui: &Ui, state: &State, says: &[Say]) -> String {
    let parts: Vec<String> = says.iter().map(|s| one(ui, state, *s)).collect();
    join(parts)
}

/// Sentences, each ending with a stop so the voice pauses between them.
fn join(parts: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for part in parts {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
        if !part.ends_with(['.', '!', '?', ':', ';', '…']) {
            out.push('.');
        }
    }
    out
}

fn one(ui: &Ui, state: &State, say: Say) -> String {
    let l = ui.l10n(state.locale);
    match say {
        Say::Offer => l.t("speech-offer"),
        Say::VoiceOn => l.t("speech-on"),
        Say::VoiceOff => l.t("speech-off"),
        Say::Screen => screen(ui, state),
        Say::Focus => focus(ui, state),
        Say::Toggled(i) => state.choices.get(i).map(|c| l.say(c)).unwrap_or_default(),
        Say::Details => details(ui, state),
        Say::Paragraph => paragraph(ui, state).unwrap_or_default(),
        Say::CharterEnd => l.t("speech-charter-end"),
        Say::Error => buttons::error_message(ui, state).unwrap_or_default(),
        Say::PinStar => l.t("speech-star"),
        Say::PinErased => l.t("speech-erased"),
        Say::PinNote => state
            .pin
            .as_ref()
            .and_then(|p| p.note)
            .and_then(|n| pin::note_text(ui, state, n))
            .unwrap_or_default(),
        Say::Warning => {
            let (title, message) = warning::texts(ui, state);
            join([title, message])
        }
        Say::Rate => l.t_args("speech-rate", &[("value", state.speech.rate.into())]),
        Say::Volume => l.t_args("speech-volume", &[("value", state.speech.volume.into())]),
        Say::Plain => l.t(if state.plain {
            "speech-plain-on"
        } else {
            "speech-plain-off"
        }),
        // The event loop says its last words again: nothing new to word.
        Say::Again => String::new(),
    }
}

/// A screen as the voice announces it on entering: its title, what it is about, and the
/// focused control.
fn screen(ui: &Ui, state: &State) -> String {
    let l = ui.l10n(state.locale);
    let site = || ui.policy.site_name();
    let parts = match state.screen {
        Screen::Welcome => vec![
            l.t_args("welcome-title", &[("site", site().into())]),
            welcome::summary_text(ui, state),
            l.t("speech-welcome-hint"),
            focus_unless_text(ui, state),
        ],
        Screen::Choose => vec![
            l.t("choose-title"),
            l.t_args(
                "speech-choose",
                &[("count", ui.policy.categories.len().into())],
            ),
            focus(ui, state),
        ],
        Screen::Charter => vec![
            l.t("charter-title"),
            l.t("speech-charter-hint"),
            focus(ui, state),
        ],
        Screen::Help => {
            let mut parts = vec![l.t("help-title")];
            parts.extend(
                help::entries(ui, state)
                    .into_iter()
                    .map(|(keys, does)| l.pair(&keys, &does)),
            );
            parts
        }
        Screen::Done => {
            let mut parts = vec![l.t("done-title")];
            if let Some(record) = &state.saved {
                let (summary, states) = done::decision_words(ui, state, record);
                parts.push(summary);
                parts.extend(states.into_iter().map(|(_, line)| line));
            }
            parts.push(l.t("done-closing"));
            parts
        }
        Screen::Pin => vec![l.t("pin-title"), l.t("pin-prompt")],
    };
    join(parts)
}

/// The focused control, except the welcome summary, which the screen's words already say.
fn focus_unless_text(ui: &Ui, state: &State) -> String {
    match state.focus {
        Focus::Text => String::new(),
        _ => focus(ui, state),
    }
}

/// The focused control: its label, its role, its state, and its place among its kind
/// ("Statistiques, case à cocher, refusé, 2 sur 4").
fn focus(ui: &Ui, state: &State) -> String {
    let l = ui.l10n(state.locale);
    match state.focus {
        Focus::Category(i) => {
            let Some(category) = ui.policy.categories.get(i) else {
                return String::new();
            };
            let choice = state.choices.get(i).copied().unwrap_or(Choice::Refused);
            let args = [
                ("name", l.t(&message::category(&category.id)).into()),
                ("state", l.say(&choice).into()),
                ("position", (i + 1).into()),
                ("total", state.choices.len().into()),
            ];
            let id = if category.required {
                "speech-checkbox-fixed"
            } else {
                "speech-checkbox"
            };
            l.t_args(id, &args)
        }
        Focus::Button(button) => {
            let list = state.buttons();
            let position = list.iter().position(|b| *b == button).unwrap_or(0) + 1;
            let (label, key) = ui.label_parts(state.locale, button);
            let mut args = vec![
                ("label", label.into()),
                ("position", position.into()),
                ("total", list.len().into()),
            ];
            match key {
                Some(key) => {
                    args.push(("key", key.into()));
                    l.t_args("speech-button", &args)
                }
                None => l.t_args("speech-button-no-key", &args),
            }
        }
        Focus::Text => match state.screen {
            Screen::Welcome => welcome::summary_text(ui, state),
            Screen::Charter => paragraph(ui, state).unwrap_or_default(),
            Screen::Help => l.t("help-intro"),
            Screen::Pin => l.t("pin-prompt"),
            Screen::Choose | Screen::Done => String::new(),
        },
    }
}

/// More about the focused control: a category's description and each of its cookies; on
/// anything else, the focused control again.
fn details(ui: &Ui, state: &State) -> String {
    let l = ui.l10n(state.locale);
    let Focus::Category(i) = state.focus else {
        return focus(ui, state);
    };
    let Some(category) = ui.policy.categories.get(i) else {
        return String::new();
    };
    let id = message::category(&category.id);
    let mut parts = vec![l.t_args(
        "speech-details",
        &[
            ("name", l.t(&id).into()),
            ("description", l.attr(&id, message::DESCRIPTION).into()),
        ],
    )];
    let cookies = choose::cookie_rows(ui, state.locale, &category.id);
    parts.push(l.t_args("speech-cookies", &[("count", cookies.len().into())]));
    for [name, provider, service, purpose] in cookies {
        parts.push(l.t_args(
            "speech-cookie",
            &[
                ("name", name.into()),
                ("provider", provider.into()),
                ("service", service.into()),
                ("purpose", purpose.into()),
            ],
        ));
    }
    join(parts)
}

/// The charter's paragraph the voice is at, laid out as the screen shows it.
fn paragraph(ui: &Ui, state: &State) -> Option<String> {
    let width = state.extents.charter_width?;
    let lines = ui.charter_lines(state.locale, width, state.plain);
    let range = charter::paragraphs(&lines)
        .into_iter()
        .nth(state.speech.paragraph)?;
    Some(charter::spoken(&lines[range]))
}
