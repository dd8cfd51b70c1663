//! Parses the command line, runs the command, maps the outcome to an exit code.

// The entry point is ours, not Rust's: see `main`.
#![no_main]

use std::ffi::{c_char, c_int};
use std::io::Write;
use std::path::PathBuf;

use clap::Parser;
use kiosk_consent::cli::{Cli, Command, LogCommand, OperatorCommand, RunArgs};
use kiosk_consent::commands;
use kiosk_consent::consent::store;
use kiosk_consent::context::Context;
use kiosk_consent::exit::Exit;
use kiosk_consent::i18n::{self, Localizer};
use kiosk_consent::policy::{self, Origin};
use kiosk_consent::{clock, kiosk, tui};
use unic_langid::{LanguageIdentifier, langid};

/// The program's entry, in place of Rust's own start-up (`lang_start`), which costs the
/// visitor's first frame 0.15 ms (docs/performance.md): it reads /proc/self/maps to find the
/// main thread's stack guard and maps an alternate signal stack, only to print "stack
/// overflow" where the program would otherwise die of a SIGSEGV all the same. What else it
/// does is done here: a write to a closed pipe (or to a speech server that died) fails with
/// EPIPE instead of killing the program, a panic exits with 101, standard output is flushed.
/// The arguments need nothing: glibc hands them to std before `main` is called.
///
/// Sound: with `no_main` the only `main` symbol of the program is this one, and its signature
/// is C's `int main(int, char **)`, which is how the C runtime calls it.
#[allow(unsafe_code)]
#[unsafe(no_mangle)]
extern "C" fn main(_argc: c_int, _argv: *const *const c_char) -> c_int {
    // Caught rather than ignored: a caught signal goes back to its default in the programs
    // this one starts, as Rust's runtime sees to for an ignored one.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGPIPE,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    let code = std::panic::catch_unwind(run).map_or(101, Exit::code);
    let _ = std::io::stdout().flush();
    c_int::from(code)
}

/// An environment variable, when set to something (an empty value counts as unset).
fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// The UI language, before the command line is parsed (its help and its mistakes are said in
/// it): a `--lang` on it, else the environment's, else French. A scan of its own, not clap's
/// `ignore_errors`: that stops at the first unknown word, and `--bogus --lang en` must say its
/// mistake in English.
fn early_localizer() -> Localizer {
    let args: Vec<String> = std::env::args().collect();
    let lang = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang=") {
            Some(tag) => Some(tag.to_owned()),
            None => (a == "--lang").then(|| args.get(i + 1).cloned()).flatten(),
        });
    let requested: Vec<LanguageIdentifier> = match lang.and_then(|t| t.parse().ok()) {
        Some(langid) => vec![langid],
        None => i18n::env_locale(env).into_iter().collect(),
    };
    Localizer::ui_only(&i18n::negotiate(
        &requested,
        &i18n::ui_locales(),
        &langid!("fr-FR"),
    ))
}

/// A command-line mistake, in one or two lines of the UI language (clap's own text is English
/// and long).
fn usage_error(e: &clap::Error, l10n: &Localizer) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => kiosk_consent::sanitize::line(s),
        Some(ContextValue::Strings(v)) => kiosk_consent::sanitize::line(&v.join(", ")),
        _ => String::new(),
    };
    let arg = context(ContextKind::InvalidArg);
    let id = match e.kind() {
        ErrorKind::UnknownArgument => "usage-unknown-argument",
        ErrorKind::InvalidSubcommand => "usage-unknown-command",
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "usage-invalid-value",
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => "usage-missing",
        _ => "usage-other",
    };
    let subject = match e.kind() {
        ErrorKind::InvalidSubcommand => context(ContextKind::InvalidSubcommand),
        _ => arg,
    };
    let first = l10n.t_args(
        id,
        &[
            ("arg", subject.into()),
            ("value", context(ContextKind::InvalidValue).into()),
        ],
    );
    format!("kiosk-consent: {first}\n{}\n", l10n.t("usage-hint"))
}

/// `kiosk-consent help [COMMAND…]`: the help of that command, as `COMMAND --help` gives it.
fn help(l10n: &Localizer, commands: &[String]) -> Exit {
    let mut cmd = kiosk_consent::cli::localized(l10n);
    cmd.build();
    let mut target = &mut cmd;
    for name in commands {
        match target.find_subcommand_mut(name) {
            Some(sub) => target = sub,
            None => {
                let name = kiosk_consent::sanitize::line(name);
                eprintln!(
                    "kiosk-consent: {}",
                    l10n.t_args("usage-unknown-command", &[("arg", name.into())])
                );
                eprintln!("{}", l10n.t("usage-hint"));
                return Exit::Usage;
            }
        }
    }
    let _ = target.print_help();
    Exit::Success
}

fn run() -> Exit {
    // The definitions as they are parse a good command line; only a mistake, --help or
    // --version need them in the UI language (which costs a Fluent lookup per text of every
    // command), to say what clap says.
    let parsed = match std::env::args_os().len() {
        // No argument at all, as the dialog is most often started: what clap would make of
        // it, without building its definitions first.
        1 => Ok(Cli::empty()),
        _ => Cli::try_parse(),
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(plain) => {
            let early = early_localizer();
            let e = kiosk_consent::cli::localized(&early)
                .try_get_matches()
                .err()
                .unwrap_or(plain);
            if e.use_stderr() {
                eprint!("{}", usage_error(&e, &early));
                return Exit::Usage;
            }
            // --help and --version: clap prints what it rendered, in the UI language.
            let _ = e.print();
            return Exit::Success;
        }
    };
    if let Some(Command::Help { commands }) = &cli.command {
        return help(&early_localizer(), commands);
    }
    let fallback_ui = langid!("fr-FR");
    let requested: Vec<LanguageIdentifier> = match &cli.lang {
        Some(tag) => match tag.parse() {
            Ok(l) => vec![l],
            Err(_) => {
                let l10n = Localizer::ui_only(&fallback_ui);
                let tag = kiosk_consent::sanitize::line(tag);
                eprintln!(
                    "kiosk-consent: {}",
                    l10n.t_args("error-bad-lang", &[("tag", tag.into())])
                );
                return Exit::Usage;
            }
        },
        None => i18n::env_locale(env).into_iter().collect(),
    };
    let ui = i18n::negotiate(&requested, &i18n::ui_locales(), &fallback_ui);
    // For the commands that need no policy, and for what goes wrong before one is loaded:
    // the dialog never needs it when all goes well.
    let ui_l10n = std::cell::LazyCell::new(|| Localizer::ui_only(&ui));
    let (out, err) = (&mut std::io::stdout(), &mut std::io::stderr());
    // The dialog's options mean nothing to the other commands: silently ignoring `--kiosk`
    // would be worse than saying so.
    let dialog = matches!(cli.command, None | Some(Command::Run(_)));
    if !dialog && cli.run != RunArgs::default() {
        eprintln!("kiosk-consent: {}", ui_l10n.t("usage-dialog-option"));
        eprintln!("{}", ui_l10n.t("usage-hint"));
        return Exit::Usage;
    }

    let consent_path = || -> Option<PathBuf> {
        cli.consent_file
            .clone()
            .or_else(|| env("KIOSK_CONSENT_FILE").map(PathBuf::from))
            .or_else(store::default_path)
    };
    // Commands that work without a policy, so a broken one never stops the operator from
    // seeing it, resetting a kiosk or checking the log.
    let origin = cli
        .policy
        .clone()
        .or_else(|| env("KIOSK_CONSENT_POLICY").map(PathBuf::from))
        .map_or(Origin::Embedded, Origin::Dir);
    let no_data_dir = |l10n: &Localizer| {
        eprintln!("kiosk-consent: {}", l10n.t("error-no-data-dir"));
        Exit::Failure
    };
    match &cli.command {
        Some(Command::Check) => return commands::check(&ui_l10n, &origin, out),
        Some(Command::Doctor) => {
            let setup = kiosk_consent::doctor::Setup::from_env(origin, consent_path(), &env);
            return kiosk_consent::doctor::command(&ui_l10n, &setup, out);
        }
        Some(Command::Operator {
            command: OperatorCommand::SetPin { system },
        }) => return kiosk::set_pin_command(&ui_l10n, *system, out, err),
        Some(Command::Operator {
            command: OperatorCommand::ClearPin { system },
        }) => return kiosk::clear_pin_command(&ui_l10n, *system, err),
        Some(Command::Path) => {
            let Some(path) = consent_path() else {
                return no_data_dir(&ui_l10n);
            };
            return commands::path(&path, out);
        }
        Some(Command::Reset) => {
            let Some(path) = consent_path() else {
                return no_data_dir(&ui_l10n);
            };
            return commands::reset(&ui_l10n, &path, err);
        }
        Some(Command::Log {
            command: LogCommand::Verify,
        }) => {
            let Some(path) = consent_path() else {
                return no_data_dir(&ui_l10n);
            };
            return commands::log_verify(&ui_l10n, &path, out);
        }
        _ => {}
    }

    let policy = match policy::open(&origin) {
        Ok(p) => p,
        Err(problems) => {
            let _ = err.write_all(commands::refusal(&ui_l10n, &problems).as_bytes());
            return Exit::Failure;
        }
    };
    let available: Vec<_> = policy.locales.iter().map(|l| l.langid.clone()).collect();
    let locale = i18n::negotiate(&requested, &available, &policy.default_locale);
    let l10n = policy.localizer(&locale);
    let Some(consent_path) = consent_path() else {
        return no_data_dir(&l10n);
    };
    let ctx = Context {
        policy,
        l10n,
        consent_path,
        now: clock::now(),
    };
    match cli.command {
        Some(Command::Run(args)) => tui::run(ctx, &cli.run.merged(&args), env),
        Some(Command::Get { category }) => commands::get(&ctx, &category, err),
        Some(Command::Show) => commands::show(&ctx, out),
        Some(Command::Export { format }) => commands::export(&ctx, format, out, err),
        Some(Command::Site) => commands::site(&ctx, out),
        // Every other command was handled before the policy was needed.
        _ => tui::run(ctx, &cli.run, env),
    }
}
