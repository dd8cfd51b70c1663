//! Parses the command line, runs the command, maps the outcome to an exit code.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use kiosk_consent::cli::{Cli, Command};
use kiosk_consent::commands::{self, Context};
use kiosk_consent::consent::store;
use kiosk_consent::i18n::{self, Localizer};
use kiosk_consent::policy::{self, Origin};
use kiosk_consent::{clock, tui};
use unic_langid::{LanguageIdentifier, langid};

fn main() -> ExitCode {
    ExitCode::from(run())
}

fn run() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let env = |name: &str| std::env::var(name).ok();
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
                return 2;
            }
        },
        None => i18n::env_locale(env).into_iter().collect(),
    };
    let ui = i18n::negotiate(&requested, &i18n::ui_locales(), &fallback_ui);
    let ui_l10n = Localizer::ui_only(&ui);

    let origin = cli.policy.clone().map_or(Origin::Embedded, Origin::Dir);
    if let Some(Command::Check) = cli.command {
        return commands::check(&ui_l10n, &origin, &mut std::io::stdout());
    }
    let policy = match policy::load(&origin) {
        Ok(p) => p,
        Err(problems) => {
            let _ = std::io::stderr().write_all(commands::refusal(&ui_l10n, &problems).as_bytes());
            return 1;
        }
    };
    let available: Vec<_> = policy.locales.iter().map(|l| l.langid.clone()).collect();
    let locale = i18n::negotiate(&requested, &available, &policy.default_locale);
    let l10n = Localizer::new(&locale, &policy);
    let Some(consent_path) = cli.consent_file.clone().or_else(store::default_path) else {
        eprintln!("kiosk-consent: {}", l10n.t("error-no-data-dir"));
        return 1;
    };
    let ctx = Context {
        policy,
        l10n,
        consent_path,
        now: clock::now(),
    };
    let (out, err) = (&mut std::io::stdout(), &mut std::io::stderr());
    match cli.command {
        None => tui::run(ctx, &cli.run, env),
        Some(Command::Run(args)) => tui::run(ctx, &args, env),
        Some(Command::Get { category }) => commands::get(&ctx, &category, err),
        Some(Command::Show) => commands::show(&ctx, out),
        Some(Command::Export { format }) => commands::export(&ctx, format, out),
        Some(Command::Path) => commands::path(&ctx, out),
        Some(Command::Reset) => commands::reset(&ctx, err),
        Some(Command::Check) => commands::check(&ctx.l10n, &ctx.policy.origin, out),
    }
}
