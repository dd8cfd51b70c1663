//! Every style of the dialog. Views ask for a role ("focused button"), never for a colour, so a
//! theme changes the whole look and no state is ever told by colour alone: focus is also
//! reverse video and the cursor, states are words and `[x]`.

use ratatui::style::{Color, Modifier, Style};

use crate::charter::Kind;
use crate::cli::ThemeName;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub name: ThemeName,
    pub base: Style,
    pub title: Style,
    pub text: Style,
    pub heading: Style,
    pub strong: Style,
    pub emphasis: Style,
    pub code: Style,
    pub link: Style,
    pub button: Style,
    pub button_focused: Style,
    pub item: Style,
    pub item_focused: Style,
    pub granted: Style,
    pub refused: Style,
    pub error: Style,
    pub footer: Style,
}

impl Theme {
    pub fn new(name: ThemeName) -> Theme {
        match name {
            ThemeName::Default => Theme::default_colours(),
            ThemeName::HighContrast => Theme::high_contrast(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// `--theme` wins; otherwise `NO_COLOR` (any non-empty value) asks for mono.
    pub fn choose(flag: Option<ThemeName>, no_color: Option<String>) -> ThemeName {
        match (flag, no_color) {
            (Some(name), _) => name,
            (None, Some(v)) if !v.is_empty() => ThemeName::Mono,
            _ => ThemeName::Default,
        }
    }

    fn default_colours() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::Default,
            base: Style::new(),
            title: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(bold),
            text: Style::new(),
            heading: Style::new().fg(Color::Cyan).add_modifier(bold),
            strong: Style::new().add_modifier(bold),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            code: Style::new().fg(Color::Yellow),
            link: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::UNDERLINED),
            button: Style::new()
                .fg(Color::White)
                .bg(Color::DarkGray)
                .add_modifier(bold),
            // Reversed yellow on black: black on yellow, and reverse video without colour.
            button_focused: Style::new()
                .fg(Color::Yellow)
                .bg(Color::Black)
                .add_modifier(Modifier::REVERSED | bold),
            item: Style::new(),
            item_focused: Style::new().add_modifier(Modifier::REVERSED | bold),
            granted: Style::new().fg(Color::Green).add_modifier(bold),
            refused: Style::new().fg(Color::LightRed).add_modifier(bold),
            error: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(bold),
            footer: Style::new().fg(Color::Black).bg(Color::Gray),
        }
    }

    /// Black, white and one accent (yellow, 19.6:1 on black); nothing dimmed.
    fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let on_black = Style::new().fg(Color::White).bg(Color::Black);
        let accent = Style::new().fg(Color::Yellow).bg(Color::Black);
        Theme {
            name: ThemeName::HighContrast,
            base: on_black,
            title: Style::new()
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(bold),
            text: on_black,
            heading: accent.add_modifier(bold | Modifier::UNDERLINED),
            strong: on_black.add_modifier(bold),
            emphasis: on_black.add_modifier(Modifier::ITALIC),
            code: accent,
            link: accent.add_modifier(Modifier::UNDERLINED),
            button: on_black.add_modifier(bold),
            button_focused: accent.add_modifier(Modifier::REVERSED | bold),
            item: on_black,
            item_focused: accent.add_modifier(Modifier::REVERSED | bold),
            granted: on_black.add_modifier(bold),
            refused: on_black.add_modifier(bold),
            error: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
            footer: Style::new().fg(Color::Black).bg(Color::White),
        }
    }

    /// Modifiers only: no colour escape sequence is ever sent.
    fn mono() -> Theme {
        let plain = Style::new().fg(Color::Reset).bg(Color::Reset);
        let bold = Modifier::BOLD;
        Theme {
            name: ThemeName::Mono,
            base: plain,
            title: plain.add_modifier(Modifier::REVERSED | bold),
            text: plain,
            heading: plain.add_modifier(bold | Modifier::UNDERLINED),
            strong: plain.add_modifier(bold),
            emphasis: plain.add_modifier(Modifier::ITALIC),
            code: plain,
            link: plain.add_modifier(Modifier::UNDERLINED),
            button: plain.add_modifier(bold),
            button_focused: plain.add_modifier(Modifier::REVERSED | bold),
            item: plain,
            item_focused: plain.add_modifier(Modifier::REVERSED | bold),
            granted: plain.add_modifier(bold),
            refused: plain.add_modifier(bold),
            error: plain.add_modifier(Modifier::REVERSED | bold),
            footer: plain.add_modifier(Modifier::REVERSED),
        }
    }

    pub fn of(&self, kind: Kind) -> Style {
        match kind {
            Kind::Text => self.text,
            Kind::Strong | Kind::Label => self.strong,
            Kind::Emphasis => self.emphasis,
            Kind::Code => self.code,
            Kind::Link => self.link,
            Kind::Heading => self.heading,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_selects_mono_unless_a_theme_is_given() {
        assert_eq!(Theme::choose(None, Some("1".into())), ThemeName::Mono);
        assert_eq!(Theme::choose(None, Some(String::new())), ThemeName::Default);
        assert_eq!(Theme::choose(None, None), ThemeName::Default);
        let hc = Some(ThemeName::HighContrast);
        assert_eq!(Theme::choose(hc, Some("1".into())), ThemeName::HighContrast);
    }

    #[test]
    fn mono_uses_no_colour() {
        let t = Theme::new(ThemeName::Mono);
        let styles = [
            t.base,
            t.title,
            t.text,
            t.heading,
            t.strong,
            t.emphasis,
            t.code,
            t.link,
            t.button,
            t.button_focused,
            t.item,
            t.item_focused,
            t.granted,
            t.refused,
            t.error,
            t.footer,
        ];
        for s in styles {
            assert!(matches!(s.fg, None | Some(Color::Reset)), "{s:?}");
            assert!(matches!(s.bg, None | Some(Color::Reset)), "{s:?}");
        }
    }

    #[test]
    fn focus_differs_from_rest_by_more_than_colour() {
        for name in [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono] {
            let t = Theme::new(name);
            assert_ne!(
                t.button.add_modifier, t.button_focused.add_modifier,
                "{name:?}"
            );
        }
    }
}
