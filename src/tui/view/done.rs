//! What was saved, in words. Closes on any key or after a few seconds.

use ratatui::layout::{Position, Rect};

use super::widgets::mark;
use super::widgets::{Painter, wrap};
use super::{column, row};
use crate::consent::Choice;
use crate::consent::Decision;
use crate::consent::Record;
use crate::policy::message;
use crate::tui::context::Ui;
use crate::tui::state::State;

/// What was saved, in words: the decision, then each category's state ("Statistiques :
/// refusé"), with whether it is granted.
pub(crate) fn decision_words(
    ui: &Ui,
    state: &State,
    record: &Record,
) -> (String, Vec<(bool, String)>) {
    let l = ui.l10n(state.locale);
    let summary = match record.action {
        Decision::AcceptAll => "done-accept-all",
        Decision::RejectAll => "done-reject-all",
        Decision::Custom => "done-custom",
    };
    let states = ui
        .policy
        .categories
        .iter()
        .map(|category| {
            let granted = record.grants(&ui.policy, &category.id);
            let name = l.t(&message::category(&category.id));
            let words = l.say(&Choice::of(category.required, granted));
            (granted, l.pair(&name, &words))
        })
        .collect();
    (l.t(summary), states)
}

pub fn draw(p: &mut Painter, state: &State, area: Rect) {
    let ui = p.ui;
    let l = ui.l10n(state.locale);
    p.title_bar(row(area, area.y), &l.t("done-title"));
    p.footer(row(area, area.bottom() - 1), &l.t("footer-done"));
    let Some(record) = &state.saved else {
        return;
    };
    let (x, width) = column(state.plain, area);
    let w = usize::from(width);
    let (summary, states) = decision_words(p.ui, state, record);
    let mut lines = wrap(&summary, w, 3);
    lines.push(String::new());
    let mut states: Vec<String> = states
        .into_iter()
        .map(|(granted, line)| {
            if state.plain {
                line
            } else {
                format!("{} {line}", mark(granted))
            }
        })
        .collect();
    let closing = wrap(&l.t("done-closing"), w, 3);
    // How to close the screen always shows; the list of states gives way when room is short.
    let room = usize::from(area.height.saturating_sub(4));
    let for_states = room.saturating_sub(lines.len() + 1 + closing.len());
    if states.len() > for_states && for_states > 0 {
        let shown = for_states - 1;
        let more = states.len() - shown;
        states.truncate(shown);
        states.push(l.t_args("categories-below", &[("count", more.into())]));
    } else if for_states == 0 {
        states.clear();
    }
    lines.extend(states);
    lines.push(String::new());
    lines.extend(closing);
    let top = area.y + 2;
    let room = area.bottom().saturating_sub(top + 1);
    p.lines(Rect::new(x, top, width, room), &lines, p.theme.text);
    p.cursor = Some(Position::new(x, top));
}
