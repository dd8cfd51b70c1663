//! `kiosk-consent doctor`: what is wrong with this machine's kiosk setup, said to the operator
//! in their language. Run as the kiosk account, on the kiosk: it checks what that account can
//! do, which is what a visitor (or the kiosk's browser) could do with it.

use std::ffi::OsStr;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use fluent_bundle::FluentValue;

use crate::exit::Exit;
use crate::i18n::Localizer;
use crate::policy::Origin;

/// How bad one finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Ok,
    /// Works, but weaker than it should be on a public kiosk.
    Warning,
    /// The kiosk does not do what it should: `doctor` exits 1.
    Problem,
}

/// One finding: its level, the Fluent id of its words, and their arguments.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Finding {
    pub level: Level,
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

fn finding(level: Level, id: &'static str, args: &[(&'static str, String)]) -> Finding {
    Finding {
        level,
        id,
        args: args.to_vec(),
    }
}

/// What `doctor` looks at, from the command line and the environment (the launcher's
/// variables too), so the tests can feed it.
pub struct Setup {
    pub origin: Origin,
    pub consent_path: Option<PathBuf>,
    /// `KIOSK_BROWSER` (default `chromium --kiosk`).
    pub browser: String,
    /// `KIOSK_POLICY_OUT`, else the browser's own folder.
    pub policy_out: Option<PathBuf>,
    pub system_pin: PathBuf,
    pub(crate) own_pin: Option<PathBuf>,
    /// `PATH`, to find the browser.
    pub path: Option<String>,
}

impl Setup {
    pub fn from_env(
        origin: Origin,
        consent_path: Option<PathBuf>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Setup {
        Setup {
            origin,
            consent_path,
            browser: env("KIOSK_BROWSER").unwrap_or_else(|| "chromium --kiosk".to_owned()),
            policy_out: env("KIOSK_POLICY_OUT").map(PathBuf::from),
            system_pin: crate::kiosk::system_pin_path(),
            own_pin: crate::kiosk::pin_path(),
            path: env("PATH"),
        }
    }
}

/// Who runs `doctor`: the owner of `/proc/self` is the process's user, and its groups are in
/// `/proc/self/status`.
struct Me {
    uid: u32,
    groups: Vec<u32>,
}

impl Me {
    fn now() -> Option<Me> {
        let meta = std::fs::metadata("/proc/self").ok()?;
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        let mut groups: Vec<u32> = status
            .lines()
            .find_map(|l| l.strip_prefix("Groups:"))
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|g| g.parse().ok())
            .collect();
        groups.push(meta.gid());
        Some(Me {
            uid: meta.uid(),
            groups,
        })
    }
}

/// Whether the user running `doctor` may write `path`, from its owner, group and mode (what
/// the kiosk account could change; ACLs and read-only mounts are not looked at).
fn writable(path: &Path) -> bool {
    let (Ok(meta), Some(me)) = (std::fs::metadata(path), Me::now()) else {
        return false;
    };
    let mode = meta.mode();
    if meta.uid() == me.uid {
        mode & 0o200 != 0
    } else if me.groups.contains(&meta.gid()) {
        mode & 0o020 != 0
    } else {
        mode & 0o002 != 0
    }
}

/// Run as root, every file looks writable: `doctor` is for the kiosk account.
fn as_root() -> bool {
    Me::now().is_some_and(|me| me.uid == 0)
}

fn shown(path: &Path) -> String {
    crate::sanitize::line(&path.display().to_string())
}

/// Every finding, in the order they are printed.
pub(crate) fn examine(setup: &Setup) -> Vec<Finding> {
    let mut found = Vec::new();
    if as_root() {
        found.push(finding(Level::Warning, "doctor-as-root", &[]));
    }
    policy(setup, &mut found);
    browser_policy(setup, &mut found);
    browser(setup, &mut found);
    pin(setup, &mut found);
    consent_folder(setup, &mut found);
    found
}

fn policy(setup: &Setup, found: &mut Vec<Finding>) {
    let dir = match &setup.origin {
        Origin::Embedded => {
            found.push(finding(Level::Warning, "doctor-policy-embedded", &[]));
            return;
        }
        Origin::Dir(dir) => dir,
    };
    let p = ("path", shown(dir));
    match crate::policy::load(&setup.origin) {
        Ok(policy) => {
            found.push(finding(
                Level::Ok,
                "doctor-policy-ok",
                std::slice::from_ref(&p),
            ));
            if let Some(Ok(banner)) = &policy.site_banner {
                site_banner(setup, banner.manager.name(), found);
            }
        }
        Err(problems) => found.push(finding(
            Level::Problem,
            "doctor-policy-broken",
            &[p, ("count", problems.len().to_string())],
        )),
    }
    // The kiosk account must not be able to change what visitors are told.
    let mut editable: Vec<PathBuf> = vec![dir.clone()];
    for sub in ["charter", "locales"] {
        editable.push(dir.join(sub));
    }
    editable.push(dir.join("policy.toml"));
    if let Some(first) = editable.iter().find(|p| p.exists() && writable(p)) {
        found.push(finding(
            Level::Problem,
            "doctor-policy-writable",
            &[("path", shown(first))],
        ));
    }
}

/// The kind of browser `KIOSK_BROWSER` names, as the launcher guesses it.
fn is_firefox(browser: &str) -> bool {
    browser
        .split_whitespace()
        .next()
        .is_some_and(|b| b.contains("firefox"))
}

fn browser_policy(setup: &Setup, found: &mut Vec<Finding>) {
    let firefox = is_firefox(&setup.browser);
    let (default, name) = if firefox {
        ("/etc/firefox/policies", "policies.json")
    } else {
        ("/etc/chromium/policies/managed", "kiosk-consent.json")
    };
    let out = setup
        .policy_out
        .clone()
        .unwrap_or_else(|| PathBuf::from(default));
    let file = out.join(name);
    let f = ("path", shown(&file));
    if !file.exists() && !writable(&out) {
        found.push(finding(
            Level::Problem,
            "doctor-browser-policy-missing",
            &[f],
        ));
        return;
    }
    if out.is_dir() && writable(&out) {
        // The launcher works, but the kiosk account could add browser policies of its own.
        found.push(finding(
            Level::Warning,
            "doctor-browser-policy-folder-writable",
            &[("path", shown(&out))],
        ));
    } else if !writable(&file) {
        found.push(finding(
            Level::Problem,
            "doctor-browser-policy-not-writable",
            &[f],
        ));
        return;
    }
    // The file itself is the kiosk account's to rewrite: it could put any policy key there.
    // Said, so the operator knows where the line of trust is.
    found.push(finding(Level::Ok, "doctor-browser-policy-ok", &[f]));
}

/// Where `program` is: itself when it names a path, else the first of `PATH` that has it.
fn locate(setup: &Setup, program: &str) -> Option<PathBuf> {
    if program.contains('/') {
        Path::new(program).is_file().then(|| PathBuf::from(program))
    } else {
        setup.path.as_deref().and_then(|path| {
            std::env::split_paths(OsStr::new(path))
                .map(|dir| dir.join(program))
                .find(|candidate| candidate.is_file())
        })
    }
}

/// The policy answers the site's own banner: the launcher needs `sqlite3` to write the answer
/// into each visitor's profile; without it the site's banner asks again (nothing worse).
fn site_banner(setup: &Setup, manager: &'static str, found: &mut Vec<Finding>) {
    let m = ("manager", manager.to_owned());
    match locate(setup, "sqlite3") {
        Some(at) => found.push(finding(
            Level::Ok,
            "doctor-banner-ok",
            &[m, ("path", shown(&at))],
        )),
        None => found.push(finding(Level::Warning, "doctor-banner-no-sqlite", &[m])),
    }
}

fn browser(setup: &Setup, found: &mut Vec<Finding>) {
    let program = setup.browser.split_whitespace().next().unwrap_or_default();
    match locate(setup, program) {
        Some(at) => found.push(finding(
            Level::Ok,
            "doctor-browser-ok",
            &[("path", shown(&at))],
        )),
        None => found.push(finding(
            Level::Problem,
            "doctor-browser-missing",
            &[("browser", crate::sanitize::line(program))],
        )),
    }
}

fn pin(setup: &Setup, found: &mut Vec<Finding>) {
    let system = &setup.system_pin;
    if system.exists() {
        let s = ("path", shown(system));
        if crate::files::read_small(system, 4096).is_err() {
            found.push(finding(Level::Problem, "doctor-pin-unreadable", &[s]));
        } else if writable(system) || system.parent().is_some_and(writable) {
            found.push(finding(Level::Problem, "doctor-pin-system-writable", &[s]));
        } else {
            found.push(finding(Level::Ok, "doctor-pin-system", &[s]));
        }
        return;
    }
    match &setup.own_pin {
        Some(own) if own.exists() => found.push(finding(
            Level::Warning,
            "doctor-pin-own",
            &[("path", shown(own))],
        )),
        _ => found.push(finding(Level::Problem, "doctor-pin-none", &[])),
    }
}

fn consent_folder(setup: &Setup, found: &mut Vec<Finding>) {
    let Some(path) = &setup.consent_path else {
        found.push(finding(Level::Problem, "doctor-consent-no-folder", &[]));
        return;
    };
    let dir = crate::files::folder_of(path);
    let d = ("path", shown(&dir));
    match std::fs::metadata(&dir) {
        // Not there yet: the first decision makes it, mode 0755.
        Err(_) => found.push(finding(Level::Ok, "doctor-consent-folder-later", &[d])),
        Ok(_) if !writable(&dir) => found.push(finding(
            Level::Problem,
            "doctor-consent-folder-not-writable",
            &[d],
        )),
        Ok(meta) if meta.mode() & 0o002 != 0 => found.push(finding(
            Level::Problem,
            "doctor-consent-folder-world-writable",
            &[d],
        )),
        Ok(meta) if meta.mode() & 0o005 != 0o005 => found.push(finding(
            Level::Warning,
            "doctor-consent-folder-private",
            &[d, ("mode", format!("{:o}", meta.mode() & 0o777))],
        )),
        Ok(_) => found.push(finding(Level::Ok, "doctor-consent-folder-ok", &[d])),
    }
}

/// Prints the findings, one line each; exit 1 when any is a problem.
pub fn command(l10n: &Localizer, setup: &Setup, out: &mut dyn Write) -> Exit {
    let found = examine(setup);
    for f in &found {
        let mark = l10n.t(match f.level {
            Level::Ok => "doctor-ok",
            Level::Warning => "doctor-warning",
            Level::Problem => "doctor-problem",
        });
        let args: Vec<(&str, FluentValue)> = f
            .args
            .iter()
            .map(|(k, v)| (*k, FluentValue::from(v.clone())))
            .collect();
        let _ = writeln!(out, "{mark} {}", l10n.t_args(f.id, &args));
    }
    let problems = found.iter().filter(|f| f.level == Level::Problem).count();
    let summary = l10n.t_args("doctor-summary", &[("problems", problems.into())]);
    let _ = writeln!(out, "{summary}");
    Exit::yes_no(problems == 0)
}
