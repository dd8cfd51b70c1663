//! Every style of the dialog. Views ask for a role ("focused button"), never for a colour, so a
//! theme changes the whole look and no state is ever told by colour alone: focus is also
//! reverse video and the cursor, states are words and `[x]`.
//!
//! Colours are chosen on the Linux console's palette as well as a terminal emulator's: the
//! bright colours (`LightYellow` is #ffff55 there, `White` #ffffff) reach 7:1 on black, the
//! dim ones (`Yellow` is #aa5500) do not, so high-contrast uses only the bright ones.

use clap::ValueEnum;
use ratatui::style::{Color, Modifier, Style};

use crate::charter::Kind;

/// The colour themes `--theme` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeName {
    Default,
    HighContrast,
    Mono,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub base: Style,
    pub title: Style,
    pub text: Style,
    pub(crate) heading: Style,
    pub(crate) strong: Style,
    pub(crate) emphasis: Style,
    pub code: Style,
    pub link: Style,
    pub button: Style,
    pub(crate) button_focused: Style,
    pub item: Style,
    pub(crate) item_focused: Style,
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

    /// The theme for `--theme` and `NO_COLOR` (any non-empty value). Without `--theme`,
    /// `NO_COLOR` asks for mono. With it, crossterm itself drops every colour sequence, and
    /// what it sends instead of a colour change (`ESC[;m`) resets bold and reverse video too:
    /// a colour theme would lose the very marks that show focus. So any theme without colour
    /// is drawn with mono's styles, which never change colour.
    pub(crate) fn chosen(flag: Option<ThemeName>, no_color: Option<String>) -> Theme {
        let colourless = no_color.is_some_and(|v| !v.is_empty());
        match flag {
            _ if colourless => Theme::mono(),
            Some(name) => Theme::new(name),
            None => Theme::default_colours(),
        }
    }

    fn default_colours() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
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
            // Reversed bright yellow on black: black on yellow, and reverse video.
            button_focused: Style::new()
                .fg(Color::LightYellow)
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

    /// Black, bright white (21:1) and one accent, bright yellow: 19.7:1 on black on the Linux
    /// console (#ffff55) and 19.6:1 in xterm (#ffff00). Nothing dimmed.
    fn high_contrast() -> Theme {
        let bold = Modifier::BOLD;
        let on_black = Style::new().fg(Color::White).bg(Color::Black);
        let accent = Style::new().fg(Color::LightYellow).bg(Color::Black);
        Theme {
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
                .bg(Color::LightYellow)
                .add_modifier(bold),
            footer: Style::new().fg(Color::Black).bg(Color::White),
        }
    }

    /// Modifiers only: no colour escape sequence is ever sent. Reverse video and bold belong
    /// to focus alone; the title is underlined, the footer reversed without bold.
    fn mono() -> Theme {
        let plain = Style::new().fg(Color::Reset).bg(Color::Reset);
        let bold = Modifier::BOLD;
        Theme {
            base: plain,
            title: plain.add_modifier(Modifier::UNDERLINED | bold),
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
            error: plain.add_modifier(Modifier::UNDERLINED | bold),
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
    fn without_colour_every_theme_is_drawn_in_mono() {
        let mono = Theme::new(ThemeName::Mono);
        let default = Theme::new(ThemeName::Default);
        assert_eq!(Theme::chosen(None, Some("1".into())), mono);
        assert_eq!(Theme::chosen(None, Some(String::new())), default);
        assert_eq!(Theme::chosen(None, None), default);
        for name in [ThemeName::Default, ThemeName::HighContrast] {
            assert_eq!(Theme::chosen(Some(name), Some("1".into())), mono);
            assert_eq!(Theme::chosen(Some(name), None), Theme::new(name));
        }
    }

    /// Every style of `t`.
    fn all(t: &Theme) -> [Style; 16] {
        [
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
        ]
    }

    #[test]
    fn mono_uses_no_colour() {
        for s in all(&Theme::new(ThemeName::Mono)) {
            assert!(matches!(s.fg, None | Some(Color::Reset)), "{s:?}");
            assert!(matches!(s.bg, None | Some(Color::Reset)), "{s:?}");
        }
    }

    #[test]
    fn focus_differs_from_everything_else_by_more_than_colour() {
        for name in [ThemeName::Default, ThemeName::HighContrast, ThemeName::Mono] {
            let t = Theme::new(name);
            assert!(t.button_focused.add_modifier.contains(Modifier::REVERSED));
            assert!(t.item_focused.add_modifier.contains(Modifier::REVERSED));
            for (role, style) in [
                ("button", t.button),
                ("item", t.item),
                ("title", t.title),
                ("footer", t.footer),
                ("error", t.error),
                ("text", t.text),
            ] {
                assert_ne!(
                    style.add_modifier, t.button_focused.add_modifier,
                    "{name:?}: {role} looks like focus without colour"
                );
            }
        }
    }

    /// WCAG relative luminance of an sRGB colour.
    fn luminance(rgb: [u8; 3]) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
    }

    /// The Linux console's default palette (drivers/tty/vt/vt.c), for the colours we use.
    fn console(c: Color) -> [u8; 3] {
        match c {
            Color::Black => [0, 0, 0],
            Color::White => [0xff, 0xff, 0xff],
            Color::Gray => [0xaa, 0xaa, 0xaa],
            Color::Yellow => [0xaa, 0x55, 0x00],
            Color::LightYellow => [0xff, 0xff, 0x55],
            other => panic!("no console colour for {other:?}"),
        }
    }

    #[test]
    fn high_contrast_reaches_seven_to_one_on_the_linux_console() {
        for s in all(&Theme::new(ThemeName::HighContrast)) {
            let (fg, bg) = (console(s.fg.unwrap()), console(s.bg.unwrap()));
            let (a, b) = (luminance(fg), luminance(bg));
            let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
            assert!(ratio >= 7.0, "{s:?}: {ratio:.1}:1");
        }
        // The dim yellow the theme used to take does not.
        let dim = (luminance(console(Color::Yellow)) + 0.05) / 0.05;
        assert!(dim < 7.0);
    }
}
