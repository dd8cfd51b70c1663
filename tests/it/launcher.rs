//! The kiosk launcher, `assets/launcher/kiosk-session`, run for real (`sh`, in a tmux pane,
//! with the real kiosk-consent dialog) but with a FAKE browser: a small shell script that
//! records what the launcher gave it — its arguments, its environment, the profile folder,
//! the browser policy and the consent file as they were during the visit — then exits.
//!
//! Each test has its own temporary folder (the fake browser, the policy folder, the consent
//! file, `TMPDIR`, `HOME`, `XDG_*`) and its own tmux server (tests/common), killed when the
//! test ends, passes or fails. Nothing sleeps a fixed time: the tests poll the screen and the
//! files, with a deadline. Needs `tmux` and `sh`; `shellcheck` when installed.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use common::{BIN, FR_ACCEPT, FR_DONE, FR_REFUSE, Kc, Kiosk, Session, sh_quote};
use kiosk_consent::consent::Record;
use kiosk_consent::export;
use kiosk_consent::policy::Policy;
use tempfile::TempDir;

const LAUNCHER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/launcher/kiosk-session");
/// A loopback address where nothing listens: the fake browser never connects anyway.
const SITE: &str = "http://127.0.0.1:9/";

/// Generous: CI machines are slow and shared. The done screen alone may take 5 s to close.
const DEADLINE: Duration = Duration::from_secs(30);

/// What the fake browser does when it is started.
#[derive(Clone, Copy, PartialEq)]
enum Fake {
    /// Record, then exit 0 (the visitor closed the browser).
    Exit0,
    /// Record, then exit 1 (the browser crashed).
    Crash,
    /// Record, then stay open (a visitor still browsing).
    Stay,
}

/// One launcher run: a temporary folder and a tmux session (tests/common) whose pane runs
/// `sh kiosk-session`. Dropping it kills the server (and with it the launcher and the dialog).
struct Launcher {
    session: Session,
    dir: TempDir,
    /// A folder made read-only for the test, made writable again before it is removed.
    read_only: Option<PathBuf>,
}

/// The files of a test's temporary folder.
struct Paths {
    root: PathBuf,
}

impl Paths {
    /// Where the fake browser writes what it saw.
    fn seen(&self) -> PathBuf {
        self.root.join("seen")
    }
    fn seen_file(&self, name: &str) -> PathBuf {
        self.seen().join(name)
    }
    /// KIOSK_POLICY_OUT.
    fn policy_out(&self) -> PathBuf {
        self.root.join("policies")
    }
    fn consent(&self) -> PathBuf {
        self.root.join("data/consent.json")
    }
    /// TMPDIR of the launcher: the visitor's profile folder is made in it.
    fn tmp(&self) -> PathBuf {
        self.root.join("tmp")
    }
    fn home(&self) -> PathBuf {
        self.root.join("home")
    }
    /// The launcher's standard error (its log lines and the dialog's error messages).
    fn stderr(&self) -> PathBuf {
        self.root.join("launcher.err")
    }
}

struct Setup {
    name: &'static str,
    /// The file name of the fake browser (its first word decides the browser kind).
    browser_name: &'static str,
    /// Words after the fake browser's path in KIOSK_BROWSER ("--kiosk" …).
    browser_options: &'static str,
    fake: Fake,
    env: Vec<(&'static str, String)>,
    remove_env: Vec<&'static str>,
    /// Where the installed policy file is (for the fake browser to copy), relative to
    /// KIOSK_POLICY_OUT.
    policy_file_name: &'static str,
    /// docs/kiosk.md's setup: KIOSK_POLICY_OUT is a folder the kiosk account cannot write,
    /// holding one policy file it can write. As root, the launcher runs as `nobody`.
    recommended_setup: bool,
}

/// Whether the tests run as root (then `setpriv` makes the launcher another user).
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

const NOBODY: u32 = 65534;

fn run_ok(program: &str, args: &[&str]) {
    let status = Command::new(program)
        .args(args)
        .status()
        .unwrap_or_else(|e| panic!("running {program}: {e}"));
    assert!(status.success(), "{program} {args:?} failed");
}

impl Setup {
    fn new(name: &'static str) -> Setup {
        Setup {
            name,
            browser_name: "fake-chromium",
            browser_options: "",
            fake: Fake::Exit0,
            env: vec![("KIOSK_ONCE", "1".to_owned())],
            remove_env: Vec::new(),
            policy_file_name: "kiosk-consent.json",
            recommended_setup: false,
        }
    }

    fn env(mut self, name: &'static str, value: impl Into<String>) -> Setup {
        self.env.retain(|(k, _)| *k != name);
        self.env.push((name, value.into()));
        self
    }

    fn remove_env(mut self, name: &'static str) -> Setup {
        self.env.retain(|(k, _)| *k != name);
        self.remove_env.push(name);
        self
    }

    fn start(self) -> Launcher {
        let dir = tempfile::Builder::new()
            .prefix("kc-launcher-")
            .tempdir()
            .expect("a temporary folder");
        let paths = Paths {
            root: dir.path().to_owned(),
        };
        for d in [paths.seen(), paths.tmp(), paths.home()] {
            fs::create_dir_all(d).unwrap();
        }

        // The fake browser: records, then exits. Every path it needs is written into it.
        let browser = dir.path().join(self.browser_name);
        let policy_file = paths.policy_out().join(self.policy_file_name);
        let seen = |name: &str| sh_quote(&paths.seen_file(name).display().to_string());
        let script = format!(
            r#"#!/bin/sh
# Fake browser for tests/launcher.rs: records what it was given, then exits.
for arg in "$@"; do printf '%s\n' "$arg"; done > {argv}
env > {env}
profile=
previous=
for arg in "$@"; do
    case $arg in --user-data-dir=*) profile=${{arg#--user-data-dir=}} ;; esac
    if [ "$previous" = --profile ]; then profile=$arg; fi
    previous=$arg
done
printf '%s\n' "$profile" > {profile}
if [ -n "$profile" ] && [ -d "$profile" ]; then
    ls -la "$profile" > {profile_ls}
    # The cookie databases the launcher made for the site's banner, if any.
    cp "$profile/Default/Cookies" {chromium_db} 2> /dev/null
    cp "$profile/cookies.sqlite" {firefox_db} 2> /dev/null
    # A browser fills its profile: the launcher must remove a full folder, not an empty one.
    mkdir -p "$profile/Default" && echo cookie > "$profile/Default/Cookies"
fi
cp {policy} {policy_seen} 2> {policy_err}
cp "${{KIOSK_CONSENT_FILE:-/nonexistent}}" {consent_seen} 2> /dev/null
echo started > {started}
{end}
"#,
            argv = seen("argv"),
            env = seen("env"),
            profile = seen("profile"),
            profile_ls = seen("profile-ls"),
            chromium_db = seen("chromium-cookies.db"),
            firefox_db = seen("firefox-cookies.db"),
            policy = sh_quote(&policy_file.display().to_string()),
            policy_seen = seen("policy.json"),
            policy_err = seen("policy.err"),
            consent_seen = seen("consent.json"),
            started = seen("started"),
            // Staying open keeps this script (and its arguments) as the browser's process.
            end = match self.fake {
                Fake::Exit0 => "exit 0",
                Fake::Crash => "exit 1",
                Fake::Stay => "sleep 3600 & wait",
            },
        );
        fs::write(&browser, script).unwrap();
        fs::set_permissions(&browser, fs::Permissions::from_mode(0o755)).unwrap();

        let mut browser_command = browser.display().to_string();
        if !self.browser_options.is_empty() {
            browser_command.push(' ');
            browser_command.push_str(self.browser_options);
        }
        let home = paths.home();
        let mut env: BTreeMap<String, String> = BTreeMap::new();
        let path_var = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".to_owned());
        for (k, v) in [
            ("PATH", path_var),
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
            ("XDG_DATA_HOME", home.join("data").display().to_string()),
            ("TMPDIR", paths.tmp().display().to_string()),
            ("TERM", "xterm-256color".to_owned()),
            ("LANG", "C.UTF-8".to_owned()),
            ("KIOSK_BROWSER", browser_command),
            ("KIOSK_POLICY_OUT", paths.policy_out().display().to_string()),
            ("KIOSK_CONSENT_BIN", BIN.to_owned()),
            ("KIOSK_CONSENT_FILE", paths.consent().display().to_string()),
            ("KIOSK_SITE", SITE.to_owned()),
            // Never the machine's own kiosk settings, nor its system log.
            (
                "KIOSK_CONSENT_SYSTEM_DIR",
                home.join("etc-kiosk-consent").display().to_string(),
            ),
            ("KIOSK_CONSENT_SYSLOG", String::new()),
            // The dialog offers its voice in kiosk mode: never the machine's speech server.
            (
                "SPEECHD_ADDRESS",
                format!("unix_socket:{}", home.join("no-speechd.sock").display()),
            ),
        ] {
            env.insert(k.to_owned(), v);
        }
        for (k, v) in &self.env {
            env.insert((*k).to_owned(), v.clone());
        }
        for k in &self.remove_env {
            env.remove(*k);
        }

        let mut prefix: Vec<String> = Vec::new();
        let mut read_only = None;
        if self.recommended_setup {
            let out = paths.policy_out();
            fs::create_dir_all(&out).unwrap();
            let file = out.join(self.policy_file_name);
            fs::write(&file, "").unwrap();
            fs::set_permissions(&file, fs::Permissions::from_mode(0o644)).unwrap();
            if is_root() {
                let root = dir.path().display().to_string();
                run_ok("chown", &["-R", &format!("{NOBODY}:{NOBODY}"), &root]);
                run_ok("chown", &["0:0", &out.display().to_string()]);
                fs::set_permissions(&out, fs::Permissions::from_mode(0o755)).unwrap();
                fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
                prefix = vec![
                    "setpriv".to_owned(),
                    format!("--reuid={NOBODY}"),
                    format!("--regid={NOBODY}"),
                    "--clear-groups".to_owned(),
                ];
            } else {
                fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).unwrap();
                read_only = Some(out);
            }
        }

        // The pane runs `sh kiosk-session` in exactly `env`, its standard error to a file.
        let mut kiosk = Kiosk::new(self.name)
            .program("sh", &[LAUNCHER])
            .stderr_to(&paths.stderr())
            .deadline(DEADLINE)
            .env_clear();
        for (k, v) in &env {
            kiosk = kiosk.env(k, v);
        }
        let prefix: Vec<&str> = prefix.iter().map(String::as_str).collect();
        Launcher {
            session: kiosk.start_with_prefix(&prefix),
            dir,
            read_only,
        }
    }
}

impl Drop for Launcher {
    fn drop(&mut self) {
        // A launcher still running when the test ends (it failed) gets SIGHUP from tmux and
        // its trap runs `forget`, which writes into the test's folder: wait for those
        // processes to end before the folder is removed, or they would create it again.
        self.session.kill_and_wait();
        if let Some(folder) = &self.read_only {
            let _ = fs::set_permissions(folder, fs::Permissions::from_mode(0o755));
        }
    }
}

impl Launcher {
    fn paths(&self) -> Paths {
        Paths {
            root: self.dir.path().to_owned(),
        }
    }

    fn send_keys(&self, keys: &[&str]) {
        self.session.send_keys(keys);
    }

    fn screen(&self) -> String {
        self.session.screen()
    }

    fn stderr(&self) -> String {
        self.session.program_stderr()
    }

    fn exit_code(&self) -> Option<i32> {
        self.session.exit_code()
    }

    /// Everything a failure message needs: the screen, the launcher's log, the exit code.
    fn report(&self) -> String {
        format!(
            "screen:\n{}\nlauncher stderr:\n{}\nexit: {:?}",
            self.screen(),
            self.stderr(),
            self.exit_code()
        )
    }

    fn wait_until(&self, what: &str, done: impl Fn(&Launcher) -> bool) {
        self.session.poll_until(what, || done(self));
    }

    fn wait_for(&self, text: &str) {
        self.session.wait_for(text);
    }

    fn wait_exit(&self) -> i32 {
        self.session.wait_exit()
    }

    /// Waits for the dialog's welcome screen, presses `key` (`a` accept all, `r` refuse all),
    /// waits for the done screen and closes it.
    fn decide(&self, key: &str) {
        self.wait_for(FR_ACCEPT);
        self.wait_for(FR_REFUSE);
        self.send_keys(&[key]);
        self.wait_for(FR_DONE);
        // Any key closes the done screen (it would close by itself after 5 s).
        self.send_keys(&["Enter"]);
    }

    fn seen(&self, name: &str) -> Option<String> {
        fs::read_to_string(self.paths().seen_file(name)).ok()
    }

    fn browser_started(&self) -> bool {
        self.paths().seen_file("started").exists()
    }

    fn argv(&self) -> Vec<String> {
        self.seen("argv")
            .unwrap_or_else(|| panic!("the browser was not started\n{}", self.report()))
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// The browser's environment, as `env` printed it.
    fn browser_env(&self) -> BTreeMap<String, String> {
        self.seen("env")
            .expect("the browser's environment")
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    fn profile(&self) -> PathBuf {
        PathBuf::from(self.seen("profile").expect("the profile path").trim())
    }

    fn installed_policy(&self, name: &str) -> String {
        let path = self.paths().policy_out().join(name);
        fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "no policy installed at {} after the visit: {e}\n{}",
                path.display(),
                self.report()
            )
        })
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn embedded() -> Policy {
    Policy::embedded().expect("the embedded policy loads")
}

/// The decision the browser saw (the consent file copied during the visit).
fn record_seen(l: &Launcher) -> Record {
    let text = l
        .seen("consent.json")
        .unwrap_or_else(|| panic!("no consent file during the visit\n{}", l.report()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("consent file ({e}):\n{text}"))
}

/// What every visit must leave behind: no consent file, no profile folder, the
/// refuse-everything-optional policy installed (`expected_after`), no temporary file.
fn assert_forgotten(l: &Launcher, policy_name: &str, expected_after: &str) {
    let paths = l.paths();
    assert!(
        !paths.consent().exists(),
        "the consent file must be removed after the visit (kiosk-consent reset)\n{}",
        l.report()
    );
    let profile = l.profile();
    assert!(
        !profile.exists(),
        "the profile folder {} must be removed after the visit\n{}",
        profile.display(),
        l.report()
    );
    let leftovers: Vec<String> = fs::read_dir(paths.tmp())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        leftovers.is_empty(),
        "nothing left in TMPDIR after the visit: {leftovers:?}"
    );
    let installed = l.installed_policy(policy_name);
    assert_eq!(
        installed,
        expected_after,
        "after the visit the installed policy must refuse everything optional\n{}",
        l.report()
    );
    let path = paths.policy_out().join(policy_name);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(
        mode, 0o644,
        "the browser (another user) must be able to read the policy"
    );
    let others: Vec<String> = fs::read_dir(paths.policy_out())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != policy_name)
        .collect();
    assert!(
        others.is_empty(),
        "only the policy file in KIOSK_POLICY_OUT, no temporary file: {others:?}"
    );
}

/// A Chromium visit after `key`: argv, the profile, the environment, the policy during and
/// after the visit. Returns the launcher for more checks.
fn chromium_visit(setup: Setup, key: &str, statistics: &str) -> Launcher {
    let l = setup.start();
    l.decide(key);
    let code = l.wait_exit();
    assert_eq!(
        code,
        0,
        "KIOSK_ONCE=1: one visitor, then exit 0\n{}",
        l.report()
    );
    assert!(
        l.browser_started(),
        "the browser was started\n{}",
        l.report()
    );

    // Arguments: a fresh profile, no first-run wizard, the site last.
    let argv = l.argv();
    let profile = l.profile();
    assert!(
        profile.starts_with(l.paths().tmp()),
        "the profile {} is a fresh folder in TMPDIR",
        profile.display()
    );
    let tail = [
        format!("--user-data-dir={}", profile.display()),
        "--no-first-run".to_owned(),
        SITE.to_owned(),
    ];
    assert!(
        argv.ends_with(&tail),
        "the browser's arguments end with {tail:?}, got {argv:?}"
    );
    assert_eq!(
        argv.last().map(String::as_str),
        Some(SITE),
        "the site is the last argument"
    );
    let ls = l.seen("profile-ls").unwrap_or_default();
    assert!(
        ls.lines()
            .next()
            .is_some_and(|first| first.starts_with("total")),
        "the profile folder existed during the visit; `ls -la` said:\n{ls}"
    );

    // Environment: the decision and the site.
    let env = l.browser_env();
    let var = |name: &str| env.get(name).map(String::as_str);
    assert_eq!(var("KIOSK_CONSENT_VALID"), Some("1"), "{env:#?}");
    assert_eq!(var("KIOSK_CONSENT_NECESSARY"), Some("1"), "{env:#?}");
    assert_eq!(
        var("KIOSK_CONSENT_STATISTICS"),
        Some(statistics),
        "{env:#?}"
    );
    assert_eq!(
        var("KIOSK_CONSENT_FIRST_PARTY"),
        Some(statistics),
        "{env:#?}"
    );
    assert_eq!(
        var("KIOSK_CONSENT_THIRD_PARTY"),
        Some(statistics),
        "{env:#?}"
    );
    assert_eq!(var("KIOSK_SITE"), Some(SITE), "{env:#?}");

    // The policy the browser read is the Chromium export of exactly this decision.
    let seen = l.seen("policy.json").unwrap_or_else(|| {
        panic!(
            "no browser policy installed during the visit: {}\n{}",
            l.seen("policy.err").unwrap_or_default(),
            l.report()
        )
    });
    let record = record_seen(&l);
    let policy = embedded();
    assert_eq!(
        seen,
        export::chromium(&policy, Some(&record)),
        "the installed policy is `export --format chromium` of the decision"
    );
    let block = json(&seen)["BlockThirdPartyCookies"].clone();
    assert_eq!(
        block,
        serde_json::Value::Bool(statistics == "0"),
        "BlockThirdPartyCookies during the visit:\n{seen}"
    );

    // After the visit: everything forgotten, the refuse-all policy back.
    let after = export::chromium(&policy, None);
    assert_eq!(json(&after)["BlockThirdPartyCookies"], true);
    assert_forgotten(&l, "kiosk-consent.json", &after);
    l
}

#[test]
fn accept_all_opens_chromium_with_the_accept_all_policy_then_forgets_everything() {
    // The browser command has options, like the default "chromium --kiosk": they come first.
    let mut setup = Setup::new("accept");
    setup.browser_options = "--kiosk";
    let l = chromium_visit(setup, "a", "1");
    let argv = l.argv();
    assert_eq!(
        argv.first().map(String::as_str),
        Some("--kiosk"),
        "{argv:?}"
    );
    assert_eq!(
        argv.len(),
        4,
        "options, --user-data-dir, --no-first-run, site: {argv:?}"
    );
    assert!(record_seen(&l).categories["statistics"]);
}

#[test]
fn refuse_all_opens_chromium_with_the_refuse_all_policy_then_forgets_everything() {
    let l = chromium_visit(Setup::new("refuse"), "r", "0");
    assert_eq!(
        l.argv().len(),
        3,
        "no option in KIOSK_BROWSER: exactly --user-data-dir, --no-first-run and the site"
    );
    let seen = json(&l.seen("policy.json").unwrap());
    assert_eq!(seen["BlockThirdPartyCookies"], true);
}

#[test]
fn a_crashing_browser_is_cleaned_up_after_too() {
    let mut setup = Setup::new("crash");
    setup.fake = Fake::Crash;
    let l = chromium_visit(setup, "a", "1");
    assert!(
        l.stderr().contains("status 1"),
        "the launcher logs the browser's exit status:\n{}",
        l.stderr()
    );
}

#[test]
fn firefox_gets_a_profile_no_remote_and_policies_json() {
    let mut setup = Setup::new("firefox").env("KIOSK_BROWSER_KIND", "firefox");
    setup.browser_name = "fake-browser";
    setup.policy_file_name = "policies.json";
    let l = setup.start();
    l.decide("a");
    assert_eq!(l.wait_exit(), 0, "{}", l.report());
    let argv = l.argv();
    let profile = l.profile();
    assert_eq!(
        argv,
        [
            "--profile".to_owned(),
            profile.display().to_string(),
            "--no-remote".to_owned(),
            SITE.to_owned()
        ],
        "Firefox arguments"
    );
    assert!(
        profile.starts_with(l.paths().tmp()),
        "{}",
        profile.display()
    );
    let ls = l.seen("profile-ls").unwrap_or_default();
    assert!(
        ls.starts_with("total"),
        "the profile existed during the visit:\n{ls}"
    );
    let env = l.browser_env();
    assert_eq!(
        env.get("KIOSK_CONSENT_VALID").map(String::as_str),
        Some("1")
    );
    assert_eq!(
        env.get("KIOSK_CONSENT_STATISTICS").map(String::as_str),
        Some("1")
    );
    assert_eq!(env.get("KIOSK_SITE").map(String::as_str), Some(SITE));

    let policy = embedded();
    let seen = l.seen("policy.json").unwrap_or_else(|| {
        panic!(
            "no policies.json during the visit: {}\n{}",
            l.seen("policy.err").unwrap_or_default(),
            l.report()
        )
    });
    assert_eq!(seen, export::firefox(&policy, Some(&record_seen(&l))));
    let during = json(&seen);
    assert_eq!(during["policies"]["Cookies"]["Behavior"], "accept");
    assert!(
        !l.paths().policy_out().join("kiosk-consent.json").exists(),
        "the Firefox kind writes policies.json, not the Chromium file name"
    );
    let after = export::firefox(&policy, None);
    assert_eq!(
        json(&after)["policies"]["Cookies"]["Behavior"],
        "reject-foreign"
    );
    assert_forgotten(&l, "policies.json", &after);
}

#[test]
fn a_browser_named_firefox_is_the_firefox_kind() {
    let mut setup = Setup::new("firefox-name").remove_env("KIOSK_BROWSER_KIND");
    setup.browser_name = "fake-firefox";
    setup.policy_file_name = "policies.json";
    let l = setup.start();
    l.decide("r");
    assert_eq!(l.wait_exit(), 0, "{}", l.report());
    let argv = l.argv();
    assert_eq!(
        argv.first().map(String::as_str),
        Some("--profile"),
        "{argv:?}"
    );
    assert_eq!(
        l.browser_env()
            .get("KIOSK_CONSENT_STATISTICS")
            .map(String::as_str),
        Some("0")
    );
    let seen = json(
        &l.seen("policy.json")
            .expect("policies.json during the visit"),
    );
    assert_eq!(seen["policies"]["Cookies"]["Behavior"], "reject-foreign");
    assert_forgotten(&l, "policies.json", &export::firefox(&embedded(), None));
}

#[test]
fn the_operator_chord_leaves_the_loop_with_0_without_a_browser() {
    // No KIOSK_ONCE: the launcher loops until the operator leaves (no PIN is set in this
    // HOME, so the chord alone is enough).
    let l = Setup::new("operator").remove_env("KIOSK_ONCE").start();
    l.wait_for(FR_ACCEPT);
    // Ctrl+Alt+Q.
    l.send_keys(&["C-M-q"]);
    let code = l.wait_exit();
    assert_eq!(
        code,
        0,
        "the operator chord ends the session with 0\n{}",
        l.report()
    );
    assert!(!l.browser_started(), "no browser for an operator exit");
    // The kiosk was put in its safe state when it started.
    assert_eq!(
        l.installed_policy("kiosk-consent.json"),
        export::chromium(&embedded(), None),
        "between visitors the refuse-all policy is installed"
    );
    assert!(!l.paths().consent().exists());
}

#[test]
fn without_kiosk_site_the_browser_opens_the_default_site_and_is_told_it() {
    // KIOSK_SITE unset: the launcher's own default, and the launcher itself puts it into the
    // browser's environment.
    const DEFAULT_SITE: &str = "https://www.data.grigny91.fr";
    let l = Setup::new("default-site").remove_env("KIOSK_SITE").start();
    l.decide("r");
    assert_eq!(l.wait_exit(), 0, "{}", l.report());
    let argv = l.argv();
    assert_eq!(
        argv.last().map(String::as_str),
        Some(DEFAULT_SITE),
        "{argv:?}"
    );
    assert_eq!(
        l.browser_env().get("KIOSK_SITE").map(String::as_str),
        Some(DEFAULT_SITE),
        "the browser is told which site it opens"
    );
}

#[test]
fn the_loop_serves_the_next_visitor_after_the_browser_closes() {
    // Without KIOSK_ONCE: after the browser exits, the dialog comes back for the next visitor.
    let l = Setup::new("loop").remove_env("KIOSK_ONCE").start();
    l.decide("a");
    l.wait_until("the browser to be started", Launcher::browser_started);
    l.wait_for(FR_ACCEPT);
    assert!(
        l.exit_code().is_none(),
        "the launcher keeps running\n{}",
        l.report()
    );
    assert!(
        !l.paths().consent().exists(),
        "the first visitor's decision is gone before the next visitor"
    );
    assert!(!l.profile().exists(), "the first visitor's profile is gone");
    assert_eq!(
        l.installed_policy("kiosk-consent.json"),
        export::chromium(&embedded(), None)
    );
    l.send_keys(&["C-M-q"]);
    assert_eq!(l.wait_exit(), 0, "{}", l.report());
}

#[test]
fn an_unwritable_policy_folder_exits_1_without_opening_the_browser() {
    // KIOSK_POLICY_OUT under a regular file: it can never be created.
    let blocker = tempfile::Builder::new()
        .prefix("kc-launcher-file-")
        .tempfile()
        .unwrap();
    let out = blocker.path().join("policies");
    let l = Setup::new("unwritable")
        .env("KIOSK_POLICY_OUT", out.display().to_string())
        .start();
    // It stops before asking anyone: no visitor decides for nothing.
    let code = l.wait_exit();
    assert!(!l.screen().contains("Tout accepter"), "{}", l.report());
    assert_eq!(
        code,
        1,
        "a kiosk that cannot enforce the decision exits 1\n{}",
        l.report()
    );
    assert!(
        !l.browser_started(),
        "the browser must not be opened without its policy\n{}",
        l.report()
    );
    assert!(
        !l.paths().consent().exists(),
        "the decision is forgotten when the launcher gives up"
    );
    assert!(
        l.stderr().contains("cannot install the browser policy"),
        "the launcher says why:\n{}",
        l.stderr()
    );
}

#[test]
fn when_no_profile_folder_can_be_made_the_decision_is_still_forgotten() {
    // TMPDIR under a regular file: `mktemp -d` fails after the visitor's policy was
    // installed. Whatever the launcher does then, it must not leave that visitor's decision
    // (consent file, accept-all policy) behind for the next person at the kiosk.
    let blocker = tempfile::Builder::new()
        .prefix("kc-launcher-file-")
        .tempfile()
        .unwrap();
    let l = Setup::new("no-tmpdir")
        .env("TMPDIR", blocker.path().join("tmp").display().to_string())
        .start();
    l.decide("a");
    let code = l.wait_exit();
    assert!(
        !l.browser_started(),
        "no browser without a fresh profile\n{}",
        l.report()
    );
    assert_ne!(code, 0, "the launcher reports the failure\n{}", l.report());
    assert!(
        !l.paths().consent().exists(),
        "the accept-all decision is left in {} after the launcher gave up\n{}",
        l.paths().consent().display(),
        l.report()
    );
    assert_eq!(
        l.installed_policy("kiosk-consent.json"),
        export::chromium(&embedded(), None),
        "the accept-all browser policy is left installed after the launcher gave up\n{}",
        l.report()
    );
}

#[test]
fn the_recommended_setup_rewrites_the_one_writable_policy_file_in_place() {
    // docs/kiosk.md: a root-owned policy folder, one file in it owned by the kiosk account.
    let mut setup = Setup::new("recommended");
    setup.recommended_setup = true;
    let l = setup.start();
    let file = l.paths().policy_out().join("kiosk-consent.json");
    let owner = {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(&file).unwrap().uid()
    };
    l.decide("a");
    assert_eq!(l.wait_exit(), 0, "{}", l.report());
    assert!(l.browser_started(), "{}", l.report());
    if is_root() {
        use std::os::unix::fs::MetadataExt;
        let browser_uid = fs::metadata(l.paths().seen_file("argv")).unwrap().uid();
        assert_eq!(
            browser_uid, NOBODY,
            "the launcher ran as the unprivileged account"
        );
    }
    let record = record_seen(&l);
    let policy = embedded();
    assert_eq!(
        l.seen("policy.json").as_deref(),
        Some(export::chromium(&policy, Some(&record)).as_str()),
        "during the visit the file holds the accept-all export\n{}",
        l.report()
    );
    assert_forgotten(&l, "kiosk-consent.json", &export::chromium(&policy, None));
    use std::os::unix::fs::MetadataExt;
    assert_eq!(
        fs::metadata(&file).unwrap().uid(),
        owner,
        "the file is rewritten in place: still the kiosk account's"
    );
}

#[test]
fn shellcheck_finds_nothing() {
    let found = Command::new("sh")
        .args(["-c", "command -v shellcheck"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("shellcheck is not installed: skipped (.ci/run installs it)");
        return;
    }
    let out = Command::new("shellcheck")
        .arg(LAUNCHER)
        .output()
        .expect("running shellcheck");
    assert!(
        out.status.success(),
        "shellcheck {LAUNCHER}:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_launcher_is_posix_sh() {
    // `sh -n` with dash (Debian's sh): no bash-only syntax.
    let out = Command::new("sh")
        .args(["-n", LAUNCHER])
        .output()
        .expect("running sh -n");
    assert!(
        out.status.success(),
        "sh -n {LAUNCHER}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = fs::read_to_string(LAUNCHER).unwrap();
    assert!(text.starts_with("#!/bin/sh\n"), "a POSIX sh script");
    let mode = fs::metadata(LAUNCHER).unwrap().permissions().mode();
    assert!(mode & 0o111 != 0, "the launcher is executable");
}

/// The default policy copied to a folder of its own, its policy.toml changed by `edit`.
fn policy_edited(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let root = tempfile::Builder::new()
        .prefix("kc-launcher-policy-")
        .tempdir()
        .unwrap();
    // Readable by the launcher, which runs as another user when the tests run as root.
    fs::set_permissions(root.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let dir = common::policy_copy(root.path(), "policy");
    let toml = fs::read_to_string(dir.join("policy.toml")).unwrap();
    fs::write(dir.join("policy.toml"), edit(toml)).unwrap();
    root
}

/// The default policy with `site` written as `site_line`.
fn policy_with_site(site_line: &str) -> tempfile::TempDir {
    policy_edited(|toml| toml.replace(r#"site = "https://www.data.grigny91.fr""#, site_line))
}

#[test]
fn the_site_comes_from_kiosk_consent_whatever_toml_string_holds_it() {
    // A TOML literal string, which a shell `sed` would miss.
    let policy = policy_with_site("site = 'https://literal.example.org/portail'");
    let l = Setup::new("literal-site")
        .remove_env("KIOSK_SITE")
        .env(
            "KIOSK_CONSENT_POLICY",
            policy.path().join("policy").display().to_string(),
        )
        .start();
    l.decide("r");
    assert_eq!(l.wait_exit(), 0, "{}", l.report());
    let argv = l.argv();
    assert_eq!(
        argv.last().map(String::as_str),
        Some("https://literal.example.org/portail"),
        "{argv:?}"
    );
}

#[test]
fn a_site_that_could_smuggle_a_browser_option_is_refused() {
    // A multi-line string: a second line that a shell would split into an option.
    let policy =
        policy_with_site("site = '''https://x.example.org\n--remote-debugging-port=9222'''");
    let out = Kc::new().output(&[
        "--policy",
        &policy.path().join("policy").display().to_string(),
        "check",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("policy.toml:"), "{text}");
    let l = Setup::new("smuggled-site")
        .remove_env("KIOSK_SITE")
        .env(
            "KIOSK_CONSENT_POLICY",
            policy.path().join("policy").display().to_string(),
        )
        .start();
    assert_eq!(l.wait_exit(), 1, "{}", l.report());
    assert!(!l.browser_started(), "no browser without a sound site");
}

#[test]
fn a_launcher_killed_outright_leaves_nothing_to_the_next_visitor() {
    let state = tempfile::Builder::new()
        .prefix("kc-launcher-state-")
        .tempdir()
        .unwrap();
    let state_home = state.path().display().to_string();
    let mut setup = Setup::new("killed").env("XDG_STATE_HOME", state_home.clone());
    setup.fake = Fake::Stay;
    let first = setup.start();
    first.decide("a");
    first.wait_until("the browser to be started", Launcher::browser_started);
    let profile = first.profile();
    let visit = state.path().join("kiosk-session/visit");
    first.wait_until("the visit to be recorded", |_| visit.exists());
    let recorded = fs::read_to_string(&visit).unwrap();
    let browser: u32 = recorded.lines().next().unwrap().parse().unwrap();
    assert_eq!(
        recorded.lines().nth(1),
        Some(profile.display().to_string().as_str())
    );
    // SIGKILL runs no trap: the browser and its profile stay behind.
    let launcher = first.session.program_pid();
    run_ok("kill", &["-KILL", &launcher.to_string()]);
    first.wait_until("the launcher to die", |_| !common::alive(launcher));
    assert!(
        common::alive(browser),
        "the browser outlives a killed launcher"
    );
    assert!(profile.exists());

    // The next start ends that browser and wipes that profile before asking anyone.
    let next = Setup::new("after-kill")
        .env("XDG_STATE_HOME", state_home)
        .start();
    next.wait_for(FR_ACCEPT);
    assert!(!common::alive(browser), "the orphaned browser was ended");
    assert!(!profile.exists(), "the orphaned profile was wiped");
    assert!(!visit.exists());
    assert!(
        next.stderr().contains("killed session"),
        "the launcher says what it cleaned\n{}",
        next.report()
    );
}

/// The default policy with `banner` (a `[site_banner]` table) added.
fn policy_with_banner(banner: &str) -> TempDir {
    policy_edited(|toml| toml + banner)
}

const TARTEAUCITRON: &str = "\n[site_banner]\nmanager = \"tarteaucitron\"\n\
                             [site_banner.services]\ngtag = \"statistics\"\n\
                             youtube = \"third-party\"\n";

/// What `sqlite3` reads in a cookie database the fake browser found in its profile.
fn sqlite(db: &std::path::Path, query: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(query)
        .output()
        .expect("sqlite3 (apt-get install sqlite3; scripts/test installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_browser_starts_with_the_sites_banner_answered() {
    for (kind, db, query) in [
        (
            "chromium",
            "chromium-cookies.db",
            "select host_key, name, value from cookies",
        ),
        (
            "firefox",
            "firefox-cookies.db",
            "select host, name, value from moz_cookies",
        ),
    ] {
        let policy = policy_with_banner(TARTEAUCITRON);
        let mut setup = Setup::new("banner").env("KIOSK_BROWSER_KIND", kind).env(
            "KIOSK_CONSENT_POLICY",
            policy.path().join("policy").display().to_string(),
        );
        if kind == "firefox" {
            setup.policy_file_name = "policies.json";
        }
        let l = setup.start();
        // Accept all: every service on.
        l.decide("a");
        assert_eq!(l.wait_exit(), 0, "{}", l.report());
        let db = l.paths().seen_file(db);
        assert!(
            db.exists(),
            "{kind}: no cookie database in the profile\n{}",
            l.report()
        );
        assert_eq!(
            sqlite(&db, query),
            "www.data.grigny91.fr|tarteaucitron|!gtag=true!youtube=true\n",
            "{kind}"
        );
        assert!(
            !l.stderr().contains("banner"),
            "{kind}: nothing to say when the answer is written:\n{}",
            l.stderr()
        );
    }
}

#[test]
fn a_banner_that_cannot_be_answered_still_opens_the_browser_and_says_why() {
    // A manager kiosk-consent does not know: `check` refuses it; the dialog still runs, the
    // browser still opens with the enforced policy, the site's banner asks, the log says why.
    let policy = policy_with_banner("\n[site_banner]\nmanager = \"didomi\"\n");
    let policy_dir = policy.path().join("policy");
    let out = Kc::new().output(&["--policy", policy_dir.to_str().unwrap(), "check"]);
    assert_eq!(out.status.code(), Some(1), "check refuses the banner");
    let l = Setup::new("banner-refused")
        .env("KIOSK_CONSENT_POLICY", policy_dir.display().to_string())
        .start();
    l.decide("r");
    assert_eq!(l.wait_exit(), 0, "{}", l.report());
    assert!(l.browser_started(), "{}", l.report());
    let seen = json(&l.seen("policy.json").unwrap());
    assert_eq!(seen["BlockThirdPartyCookies"], true, "the enforced policy");
    assert!(
        !l.paths().seen_file("chromium-cookies.db").exists(),
        "no answer written"
    );
    let log = l.stderr();
    assert!(
        log.contains("kiosk-session: the site's own banner will ask the visitor again:")
            && log.contains("policy.toml:")
            && log.contains("didomi"),
        "the log says why, where:\n{log}"
    );
}
