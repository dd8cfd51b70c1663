//! How the dialog runs: its options on the command line (after `run`, or with no command).

use clap::{Args, ValueEnum};

use super::theme::ThemeName;

#[derive(Debug, Clone, Default, PartialEq, Eq, Args)]
pub struct RunArgs {
    /// Colours: default, high-contrast, or mono (no colour; also chosen by NO_COLOR)
    #[arg(long, value_enum, value_name = "THEME")]
    pub theme: Option<ThemeName>,

    /// Plain layout for screen readers and braille displays: one column, no boxes, no
    /// decoration, every control on its own line starting with its words
    #[arg(long)]
    pub plain: bool,

    /// Do not capture the mouse (keeps the terminal's own text selection)
    #[arg(long)]
    pub(crate) no_mouse: bool,

    /// Kiosk mode: the visitor cannot leave without deciding; the operator leaves with
    /// Ctrl+Alt+Q (then the PIN, when one is set)
    #[arg(long)]
    pub kiosk: bool,

    /// Back to the welcome screen, dropping unsaved choices, after SECS seconds without input
    /// (default 120 in kiosk mode, never otherwise; 0 = never)
    #[arg(long, value_name = "SECS")]
    pub(crate) idle_timeout: Option<u64>,

    /// Do not append the decision to the proof-of-consent log
    #[arg(long)]
    pub(crate) no_log: bool,

    /// The built-in voice (speech-dispatcher): on from the start, off, or offered (said aloud
    /// at the start of each visit: F4 turns it on). Default: offer in kiosk mode, else off
    #[arg(long, value_enum, value_name = "MODE")]
    pub speech: Option<SpeechMode>,
}

/// Whether the dialog speaks (`--speech`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum SpeechMode {
    /// The voice speaks from the start.
    On,
    /// No voice, and no key for it: a desktop with its own screen reader.
    #[default]
    Off,
    /// The voice says once, at the start of each visit, which key turns it on.
    Offer,
}

impl RunArgs {
    /// The dialog's options given before `run` and after it, together (`--kiosk run` and
    /// `run --kiosk` mean the same; after `run` wins where both give a value).
    pub fn merged(&self, after: &RunArgs) -> RunArgs {
        RunArgs {
            theme: after.theme.or(self.theme),
            plain: self.plain || after.plain,
            no_mouse: self.no_mouse || after.no_mouse,
            kiosk: self.kiosk || after.kiosk,
            idle_timeout: after.idle_timeout.or(self.idle_timeout),
            no_log: self.no_log || after.no_log,
            speech: after.speech.or(self.speech),
        }
    }

    /// What `--speech` asks for, or the default of the mode the dialog runs in: a kiosk has
    /// no screen reader of its own, so it offers its voice.
    pub(crate) fn speech_mode(&self) -> SpeechMode {
        self.speech.unwrap_or(if self.kiosk {
            SpeechMode::Offer
        } else {
            SpeechMode::Off
        })
    }
}
