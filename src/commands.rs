//! The non-interactive commands. Each writes to the streams it is given and returns its exit
//! code, so the tests can run them without a process.

use std::io::Write;
use std::path::{Path, PathBuf};

use fluent_bundle::FluentValue;
use time::OffsetDateTime;

use crate::cli::ExportFormat;
use crate::consent::log::{Break, Log, Verdict};
use crate::consent::{Status, store};
use crate::export;
use crate::i18n::Localizer;
use crate::policy::message;
use crate::policy::{self, Origin, Policy};

/// What every command works on, resolved from the command line and the environment.
pub struct Context {
    pub policy: Policy,
    pub l10n: Localizer,
    pub consent_path: PathBuf,
    pub now: OffsetDateTime,
}

impl Context {
    pub fn status(&self) -> Status {
        store::status(&self.consent_path, &self.policy, self.now)
    }

    pub fn category_name(&self, id: &str) -> String {
        self.l10n.t(&message::category(id))
    }
}

/// How many policy problems a refusal lists before pointing to `check`.
const PROBLEMS_SHOWN: usize = 5;

/// The problems that stop a command from running, for stderr.
pub fn refusal(l10n: &Localizer, problems: &[policy::Problem]) -> String {
    let mut out = String::new();
    for p in problems.iter().take(PROBLEMS_SHOWN) {
        out.push_str(&l10n.problem(p));
        out.push('\n');
    }
    if problems.len() > PROBLEMS_SHOWN {
        let more = FluentValue::from(problems.len() - PROBLEMS_SHOWN);
        out.push_str(&l10n.t_args("problems-more", &[("count", more)]));
        out.push('\n');
    }
    out
}

pub fn check(l10n: &Localizer, origin: &Origin, out: &mut dyn Write) -> u8 {
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
            0
        }
        Err(problems) => {
            for p in &problems {
                let _ = writeln!(out, "{}", l10n.problem(p));
            }
            1
        }
    }
}

pub fn get(ctx: &Context, category: &str, err: &mut dyn Write) -> u8 {
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
        return 2;
    }
    match ctx.status().valid() {
        Some(record) if record.grants(&ctx.policy, category) => 0,
        _ => 1,
    }
}

pub fn show(ctx: &Context, out: &mut dyn Write) -> u8 {
    let path = ctx.consent_path.display().to_string();
    let status = ctx.status();
    let l = &ctx.l10n;
    let Some(record) = status.valid() else {
        let _ = writeln!(out, "{}", l.t("show-none"));
        let _ = writeln!(out, "{}", invalid_reason(l, &status, &path));
        return 1;
    };
    let _ = writeln!(
        out,
        "{}",
        l.t_args(
            "show-valid",
            &[
                ("decided", stamp(record.decided_at).into()),
                ("expires", stamp(record.expires_at).into()),
            ]
        )
    );
    let _ = writeln!(out, "{}", l.t_args("show-file", &[("path", path.into())]));
    let action = match record.action {
        crate::consent::Action::AcceptAll => l.t("accept-all"),
        crate::consent::Action::RejectAll => l.t("refuse-all"),
        crate::consent::Action::Custom => l.t("save-choices"),
    };
    let _ = writeln!(
        out,
        "{}",
        l.t_args("show-action", &[("action", action.into())])
    );
    for category in &ctx.policy.categories {
        let state = state_words(
            l,
            category.required,
            record.grants(&ctx.policy, &category.id),
        );
        let _ = writeln!(
            out,
            "  {}",
            l.pair(&ctx.category_name(&category.id), &state)
        );
    }
    0
}

/// "accepted", "refused" or "always on", as the dialog says it.
pub fn state_words(l: &Localizer, required: bool, granted: bool) -> String {
    l.t(match (required, granted) {
        (true, _) => "state-always-on",
        (false, true) => "state-accepted",
        (false, false) => "state-refused",
    })
}

/// Why there is no valid consent, in words.
pub fn invalid_reason(l: &Localizer, status: &Status, path: &str) -> String {
    let p = || ("path", FluentValue::from(path.to_owned()));
    match status {
        Status::Valid(_) => String::new(),
        Status::Missing => l.t_args("consent-missing", &[p()]),
        Status::Unreadable(cause) => l.t_args(
            "consent-unreadable",
            &[p(), ("cause", l.io_cause(cause).into())],
        ),
        Status::Corrupt(_) => l.t_args("consent-corrupt", &[p()]),
        Status::UnknownFormat(f) => l.t_args(
            "consent-unknown-format",
            &[p(), ("format", f.clone().into())],
        ),
        Status::OtherPolicy(id) => {
            l.t_args("consent-other-policy", &[p(), ("id", id.clone().into())])
        }
        Status::OtherVersion(v) => l.t_args(
            "consent-other-version",
            &[p(), ("version", v.clone().into())],
        ),
        Status::Expired(at) => l.t_args("consent-expired", &[p(), ("date", stamp(*at).into())]),
        Status::FromTheFuture(at) => {
            l.t_args("consent-future", &[p(), ("date", stamp(*at).into())])
        }
        Status::TooLong(at) => l.t_args("consent-too-long", &[p(), ("date", stamp(*at).into())]),
    }
}

/// A date and time a person reads: `2026-12-01 09:30 UTC`.
pub fn stamp(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}

pub fn export(ctx: &Context, format: ExportFormat, out: &mut dyn Write) -> u8 {
    let status = ctx.status();
    let record = status.valid();
    let text = match format {
        ExportFormat::Json => export::json(&ctx.policy, record),
        ExportFormat::Env => export::env(&ctx.policy, record),
        ExportFormat::Chromium => export::chromium(&ctx.policy, record),
        ExportFormat::Firefox => export::firefox(&ctx.policy, record),
    };
    let _ = out.write_all(text.as_bytes());
    u8::from(record.is_none())
}

pub fn log_verify(l: &Localizer, consent_path: &Path, out: &mut dyn Write) -> u8 {
    let log = Log::beside(consent_path);
    let (code, message) = match log.verify() {
        Verdict::Intact {
            entries,
            files,
            anchored,
        } => {
            let intact = l.t_args(
                "log-intact",
                &[("entries", entries.into()), ("files", files.into())],
            );
            let journal = match anchored {
                Some(heads) => l.t_args("log-anchored", &[("heads", heads.into())]),
                None => l.t("log-no-journal"),
            };
            (0, format!("{intact} {journal}"))
        }
        Verdict::Broken { file, line, reason } => {
            let reason = l.t(match reason {
                Break::NotJson => "log-not-json",
                Break::NoPrev => "log-no-prev",
                Break::Chain => "log-chain",
                Break::Head => "log-head",
                Break::Anchor => "log-anchor",
                Break::NoHead => "log-no-head",
            });
            // A problem with a whole file (line 0) is told by the file's name alone.
            let place = match line {
                0 => file.display().to_string(),
                line => format!("{}:{line}", file.display()),
            };
            (
                1,
                l.t_args(
                    "log-broken",
                    &[("place", place.into()), ("reason", reason.into())],
                ),
            )
        }
        Verdict::Unreadable(file, cause) => (
            1,
            l.t_args(
                "log-unreadable",
                &[
                    ("path", file.display().to_string().into()),
                    ("cause", cause.into()),
                ],
            ),
        ),
    };
    let _ = writeln!(out, "{message}");
    code
}

/// The policy's site, for the launcher: one line, an http(s) address without white space or
/// control characters (`check` refuses any other), so a shell can take it as one word.
pub fn site(ctx: &Context, out: &mut dyn Write) -> u8 {
    let _ = writeln!(out, "{}", crate::sanitize::line(&ctx.policy.site));
    0
}

pub fn path(consent_path: &Path, out: &mut dyn Write) -> u8 {
    // A path is text from the environment: printed clean, like everything else.
    let _ = writeln!(
        out,
        "{}",
        crate::sanitize::line(&consent_path.display().to_string())
    );
    0
}

pub fn reset(l: &Localizer, consent_path: &Path, err: &mut dyn Write) -> u8 {
    match store::remove(consent_path) {
        Ok(()) => 0,
        Err(e) => {
            let cause = l.io_cause(&crate::i18n::IoCause::of(&e));
            let path = consent_path.display().to_string();
            let message = l.t_args(
                "error-reset",
                &[("path", path.into()), ("cause", cause.into())],
            );
            let _ = writeln!(err, "kiosk-consent: {message}");
            1
        }
    }
}
