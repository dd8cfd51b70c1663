//! The command line, as clap definitions (the same ones feed `--help`).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::exit::Exit;
pub(crate) use crate::export::ExportFormat;
pub use crate::tui::options::RunArgs;
pub use crate::tui::theme::ThemeName;

#[derive(Debug, Parser)]
#[command(
    name = "kiosk-consent",
    // Our own `help` command below, so that its words and `help --help` speak the UI language.
    disable_help_subcommand = true,
    // The English source of `help-exit-codes-*` (a test holds them together).
    after_help = "Exit codes of the dialog: 0 decision saved, 1 error, 2 usage, 3 left without \
                  deciding (never in kiosk mode), 4 the operator left kiosk mode.\n\
                  get: 0 granted, 1 not (refused, no valid consent), 2 unknown category.\n\
                  show, export, check, doctor, log verify: 0 yes, 1 no.",
    version = concat!(env!("CARGO_PKG_VERSION"), " (consent file format kiosk-consent/v1)"),
    about = "Asks a kiosk visitor which cookies they accept, before the browser opens",
    long_about = "Shows a site's cookie charter in the terminal, lets the visitor accept all, \
                  refuse all or choose category by category, and writes the decision to a JSON \
                  file that the kiosk's browser launcher reads."
)]
pub struct Cli {
    /// Operator policy directory (policy.toml, charter/, locales/) [env: KIOSK_CONSENT_POLICY];
    /// default: the embedded policy
    #[arg(long, global = true, value_name = "DIR")]
    pub policy: Option<PathBuf>,

    /// Where the decision is written and read [env: KIOSK_CONSENT_FILE]; default:
    /// consent.json in the user data folder
    #[arg(long = "consent-file", global = true, value_name = "FILE")]
    pub consent_file: Option<PathBuf>,

    /// Language of the dialog and charter (BCP 47, e.g. fr-FR, en); default: from LC_ALL,
    /// LC_MESSAGES, LANG
    #[arg(long, global = true, value_name = "TAG")]
    pub lang: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Options of the dialog, when no command is given
    #[command(flatten)]
    pub run: RunArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the consent dialog (the default)
    Run(RunArgs),
    /// Exit 0 if CATEGORY is granted by a valid consent, 1 otherwise
    Get {
        /// A category id of the policy (e.g. statistics)
        category: String,
    },
    /// Print the current decision in words
    Show,
    /// Print the decision for a launcher
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
    },
    /// Validate the policy directory and its translations
    Check,
    /// Print the address the kiosk's browser opens: the policy's site
    Site,
    /// Check this kiosk's setup (run it as the kiosk account): the policy folder, the browser
    /// policy file, the browser, the PIN, the consent folder. Exit 0 if nothing is wrong
    Doctor,
    /// Print the consent file's path
    Path,
    /// Remove the decision, for the next visitor
    Reset,
    /// The proof-of-consent log
    Log {
        #[command(subcommand)]
        command: LogCommand,
    },
    /// Operator settings of kiosk mode
    Operator {
        #[command(subcommand)]
        command: OperatorCommand,
    },
    /// Print this help, or the help of the given command
    Help {
        /// A command (and its sub-command), e.g. `export` or `log verify`
        commands: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LogCommand {
    /// Check the log's hash chain: exit 0 if intact, 1 if broken (says where)
    Verify,
}

#[derive(Debug, Subcommand)]
pub enum OperatorCommand {
    /// Set the PIN asked after the operator's exit chord in kiosk mode (read twice from the
    /// terminal, or once from standard input); only a salted Argon2 hash is stored
    SetPin {
        /// The system's PIN, in /etc/kiosk-consent (run as root): the kiosk account can read
        /// it but not change it, and it wins over the kiosk account's own
        #[arg(long)]
        system: bool,
    },
    /// Remove the PIN: the exit chord then leaves at once (unless another PIN is set)
    ClearPin {
        /// The system's PIN, in /etc/kiosk-consent (run as root)
        #[arg(long)]
        system: bool,
    },
}

/// The command line as `--help` shows it in the UI language: every text of the definitions
/// above (which stay the English source for the man page and completions) replaced by its
/// Fluent message, `help-<command path>` for a command and `help-arg-<id>` for an option.
impl Cli {
    /// The command line without any argument: the dialog, every option at its default.
    pub fn empty() -> Cli {
        Cli {
            policy: None,
            consent_file: None,
            lang: None,
            command: None,
            run: RunArgs::default(),
        }
    }
}

pub fn localized(l: &crate::i18n::Localizer) -> clap::Command {
    use clap::CommandFactory;
    let template = format!(
        "{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        l.t("help-usage")
    );
    localize(Cli::command(), "", l, &template)
        .long_about(l.t("help-long-about"))
        .after_help(exit_codes(l))
        .disable_version_flag(true)
        .arg(
            clap::Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(l.t("help-arg-version"))
                .help_heading(l.t("help-options")),
        )
}

fn localize(
    cmd: clap::Command,
    path: &str,
    l: &crate::i18n::Localizer,
    template: &str,
) -> clap::Command {
    let about = if path.is_empty() {
        "help-about".to_owned()
    } else {
        format!("help-{path}")
    };
    let options = l.t("help-options");
    let arguments = l.t("help-arguments");
    let mut cmd = cmd
        .about(l.t(&about))
        .long_about(None)
        .help_template(template.to_owned())
        .subcommand_help_heading(l.t("help-commands"))
        .disable_help_flag(true)
        .arg(
            clap::Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(l.t("help-arg-help")),
        )
        .mut_args(|a| {
            let id = format!("help-arg-{}", a.get_id().as_str().replace('_', "-"));
            let heading = if a.is_positional() {
                &arguments
            } else {
                &options
            };
            // The values are named in the help's own words, in the UI language.
            let values = a.get_action().takes_values() && !a.get_possible_values().is_empty();
            a.help(l.t(&id))
                .long_help(None)
                .help_heading(heading.clone())
                .hide_possible_values(values)
        });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_owned())
        .collect();
    for name in names {
        let sub = if path.is_empty() {
            name.clone()
        } else {
            format!("{path}-{name}")
        };
        cmd = cmd.mut_subcommand(&name, |c| localize(c, &sub, l, template));
    }
    cmd
}

/// The help's lines on exit codes: one per group of commands, each with the codes of `Exit`'s
/// list for them.
const EXIT_CODE_LINES: [(&str, &[Exit]); 3] = [
    ("help-exit-codes-run", &Exit::RUN),
    ("help-exit-codes-get", &Exit::GET),
    ("help-exit-codes-other", &Exit::OTHER),
];

fn exit_codes(l: &crate::i18n::Localizer) -> String {
    EXIT_CODE_LINES.map(|(id, _)| l.t(id)).join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{self, Localizer};
    use clap::CommandFactory;

    #[test]
    fn no_argument_is_what_clap_makes_of_none() {
        let parsed = Cli::try_parse_from(["kiosk-consent"]).unwrap();
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::empty()));
        // And a command line with something in it is not.
        let parsed = Cli::try_parse_from(["kiosk-consent", "--kiosk"]).unwrap();
        assert_ne!(format!("{parsed:?}"), format!("{:?}", Cli::empty()));
    }

    /// The numbers a text states, in order.
    fn numbers(text: &str) -> Vec<u8> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter_map(|n| n.parse().ok())
            .collect()
    }

    #[test]
    fn the_help_states_every_exit_code_and_no_other() {
        for langid in i18n::ui_locales() {
            let l = Localizer::ui_only(&langid);
            for (id, codes) in EXIT_CODE_LINES {
                let text = l.t(id);
                let expected: Vec<u8> = codes.iter().map(|e| e.code()).collect();
                assert_eq!(numbers(&text), expected, "{langid} {id}: {text}");
            }
        }
        // The English source, for the man page, says what en-US says.
        let english = exit_codes(&Localizer::ui_only(&unic_langid::langid!("en-US")));
        let source = Cli::command().get_after_help().map(|h| h.to_string());
        assert_eq!(source.as_deref(), Some(english.as_str()));
    }
}
