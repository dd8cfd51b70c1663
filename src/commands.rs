//! The non-interactive commands. Each writes to the streams it is given and returns its exit
//! code, so the tests can run them without a process.

use std::io::Write;
use std::path::Path;

use crate::clock;
use crate::consent::log::{Log, Verdict};
use crate::consent::{Choice, Record};
use crate::context::Context;
use crate::exit::Exit;
use crate::export::site_banner::Answer;
use crate::export::{self, ExportFormat};
use crate::files::IoCause;
use crate::i18n::Localizer;
use crate::policy::{self, Origin};
use fluent_bundle::FluentValue;

/// How many policy problems a refusal lists before pointing to `check`.
const PROBLEMS_SHOWN: usize = 5;

/// The problems that stop a command from running, for stderr.
pub fn refusal(l10n: &Localizer, problems: &[policy::Problem]) -> String {
    let mut out = String::new();
    for p in problems.iter().take(PROBLEMS_SHOWN) {
        out.push_str(&p.located(l10n));
        out.push('\n');
    }
    if problems.len() > PROBLEMS_SHOWN {
        let more = FluentValue::from(problems.len() - PROBLEMS_SHOWN);
        out.push_str(&l10n.t_args("problems-more", &[("count", more)]));
        out.push('\n');
    }
    out
}

pub fn check(l10n: &Localizer, origin: &Origin, out: &mut dyn Write) -> Exit {
    match policy::load(origin) {
        Ok(p) => {
            let locales: Vec<String> = p.locales.iter().map(|l| l.langid.to_string()).collect();
            let summary = l10n.t_args(
                "check-ok",
                &[
                    ("categories", p.categories.len().into()),
                    ("cookies", p.cookies.len().into()),
                    ("locales", locales.join(", ").into()),
                ],
            );
            let _ = writeln!(out, "{summary}");
            Exit::Success
        }
        Err(problems) => {
            for p in &problems {
                let _ = writeln!(out, "{}", p.located(l10n));
            }
            Exit::Failure
        }
    }
}

pub fn get(ctx: &Context, category: &str, err: &mut dyn Write) -> Exit {
    if ctx.policy.category(category).is_none() {
        let known: Vec<&str> = ctx
            .policy
            .categories
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        let message = ctx.l10n.t_args(
            "error-unknown-category",
            &[
                ("category", crate::sanitize::line(category).into()),
                ("known", known.join(", ").into()),
            ],
        );
        let _ = writeln!(err, "kiosk-consent: {message}");
        return Exit::Usage;
    }
    match ctx.status().valid() {
        Some(record) if record.grants(&ctx.policy, category) => Exit::Success,
        _ => Exit::Failure,
    }
}

pub fn show(ctx: &Context, out: &mut dyn Write) -> Exit {
    let path = ctx.consent_path.display().to_string();
    let status = ctx.status();
    let l = &ctx.l10n;
    let Some(record) = status.valid() else {
        let _ = writeln!(out, "{}", l.t("show-none"));
        if let Some(why) = status.why_not(&ctx.consent_path) {
            let _ = writeln!(out, "{}", l.say(&why));
        }
        return Exit::Failure;
    };
    let _ = writeln!(
        out,
        "{}",
        l.t_args(
            "show-valid",
            &[
                ("decided", clock::stamp(record.decided_at).into()),
                ("expires", clock::stamp(record.expires_at).into()),
            ]
        )
    );
    let _ = writeln!(out, "{}", l.t_args("show-file", &[("path", path.into())]));
    let action = match record.action {
        crate::consent::Decision::AcceptAll => l.t("accept-all"),
        crate::consent::Decision::RejectAll => l.t("refuse-all"),
        crate::consent::Decision::Custom => l.t("save-choices"),
    };
    let _ = writeln!(
        out,
        "{}",
        l.t_args("show-action", &[("action", action.into())])
    );
    for category in &ctx.policy.categories {
        let choice = Choice::of(category.required, record.grants(&ctx.policy, &category.id));
        let state = l.say(&choice);
        let _ = writeln!(
            out,
            "  {}",
            l.pair(&ctx.category_name(&category.id), &state)
        );
    }
    Exit::Success
}

pub fn export(
    ctx: &Context,
    format: ExportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let status = ctx.status();
    let record = status.valid();
    let policy = &ctx.policy;
    let text = match format {
        ExportFormat::Json => export::json(policy, record),
        ExportFormat::Env => export::env(policy, record),
        ExportFormat::Chromium => export::chromium(policy, record),
        ExportFormat::Firefox => export::firefox(policy, record),
        ExportFormat::SiteBanner | ExportFormat::ChromiumCookies | ExportFormat::FirefoxCookies => {
            return banner_export(ctx, format, record, out, err);
        }
    };
    let _ = out.write_all(text.as_bytes());
    Exit::yes_no(record.is_some())
}

/// The exports that answer the site's own banner, from one answer; a `[site_banner]` that
/// `check` refuses is said on stderr (the launcher logs it, and the site's banner asks).
fn banner_export(
    ctx: &Context,
    format: ExportFormat,
    record: Option<&Record>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Exit {
    let policy = &ctx.policy;
    let answer = export::site_banner::answer(policy, record);
    let text = match (format, &answer, record) {
        (ExportFormat::SiteBanner, ..) => export::site_banner::json(&answer),
        (ExportFormat::ChromiumCookies, Answer::Cookie(_, cookie), Some(record)) => {
            export::profile::chromium(cookie, record.decided_at, policy.port())
        }
        (ExportFormat::FirefoxCookies, Answer::Cookie(_, cookie), Some(record)) => {
            export::profile::firefox(cookie, record.decided_at)
        }
        _ => String::new(),
    };
    let _ = out.write_all(text.as_bytes());
    if let Answer::Refused(problems) = answer {
        for p in problems {
            let _ = writeln!(err, "{}", p.located(&ctx.l10n));
        }
        return Exit::Failure;
    }
    Exit::yes_no(record.is_some())
}

pub fn log_verify(l: &Localizer, consent_path: &Path, out: &mut dyn Write) -> Exit {
    let verdict = Log::beside(consent_path).verify();
    let _ = writeln!(out, "{}", l.say(&verdict));
    Exit::yes_no(matches!(verdict, Verdict::Intact { .. }))
}

/// The policy's site, for the launcher: one line, an http(s) address without white space or
/// control characters (`check` refuses any other), so a shell can take it as one word.
pub fn site(ctx: &Context, out: &mut dyn Write) -> Exit {
    let _ = writeln!(out, "{}", crate::sanitize::line(&ctx.policy.site));
    Exit::Success
}

pub fn path(consent_path: &Path, out: &mut dyn Write) -> Exit {
    // A path is text from the environment: printed clean, like everything else.
    let _ = writeln!(
        out,
        "{}",
        crate::sanitize::line(&consent_path.display().to_string())
    );
    Exit::Success
}

pub fn reset(l: &Localizer, consent_path: &Path, err: &mut dyn Write) -> Exit {
    match crate::files::remove(consent_path) {
        Ok(()) => Exit::Success,
        Err(e) => {
            let cause = l.say(&IoCause::of(&e));
            let path = consent_path.display().to_string();
            let message = l.t_args(
                "error-reset",
                &[("path", path.into()), ("cause", cause.into())],
            );
            let _ = writeln!(err, "kiosk-consent: {message}");
            Exit::Failure
        }
    }
}
