//! End to end with REAL browsers: Debian's headless Chromium (`/usr/bin/chromium`) and Firefox
//! ESR (`/usr/bin/firefox-esr`) enforce the policy that `kiosk-consent export --format
//! chromium|firefox` prints, installed where each reads it, against a page served here on
//! loopback that sets a cookie of each category.
//!
//! The test policy (`tests/fixtures/browser/policy`) gives each category its own host, since
//! browsers match hosts, not cookie names:
//!
//! | category                  | cookie     | host        | on the site's page       |
//! |---------------------------|------------|-------------|--------------------------|
//! | `necessary` (required)    | `kc_site`  | `127.0.0.1` | the site itself          |
//! | `statistics`              | `kc_stats` | `127.0.0.2` | a cross-site `<iframe>`  |
//! | `third-party`             | `kc_third` | `localhost` | a cross-site `<iframe>`  |
//!
//! The third-party cookie's hosts are written `LocalHost` and `127.0.0.1.` (the site's own host
//! with a final dot): the export must compare hosts as the browser does, so the refused
//! category blocks `localhost` and never the site.
//!
//! How the page works (and why):
//! - Every host answers `/set` (sets its cookie) and `/echo` (records the `Cookie` header it
//!   received; its HTML also reports the host's own `document.cookie` to `/seen`, which
//!   tells whether the cookie was *stored*, not only whether it was *sent*).
//! - The site's page `/` does `/set` then `/echo` on its own host with synchronous
//!   XMLHttpRequests, then embeds `<iframe src=http://127.0.0.2:PORT/set>` and the same for
//!   `localhost`; each `/set` page embeds its own `/echo`. Everything is in the HTML from the
//!   start, so the page's `load` event waits for every frame, and its `load` handler writes
//!   `document.cookie` into the DOM that `--dump-dom` prints and reports it to `/seen`.
//!   Firefox has no `--dump-dom`: `--screenshot` loads the page, waits for `load`, takes the
//!   picture and exits, and what the page saw is in its `/seen` requests. (Chromium 156's
//!   `--virtual-time-budget` does not wait for frames or fetches started later by a script:
//!   with `await fetch(...)` and frames added afterwards the DOM was dumped half-way.)
//! - Cookies set from a cross-site frame must be `SameSite=None; Secure` — Chromium drops a
//!   plain (`Lax` by default) cookie set in a cross-site frame whatever the policy, so it
//!   could not tell granted from refused. `Secure` is accepted on `http://` here because
//!   Chromium treats loopback hosts (`127.0.0.0/8`, `localhost`) as potentially trustworthy.
//!   Without any policy, Chromium 156 blocks third-party cookies by default; with
//!   `BlockThirdPartyCookies: false` (the accept-all export) they work.
//!
//! - The site's address carries the server's port (`http://127.0.0.1:PORT`), as a site on a
//!   port other than 80 is configured: Firefox keeps cookie permissions per origin, port
//!   included, so the export must list the hosts on that port too.
//! - Firefox sends `Sec-GPC: 1` on every request exactly when an optional category is
//!   refused (the export turns Global Privacy Control on then); every request is checked.
//!
//! Each decision gets its own browser runs, one policy each (both browsers read their policies
//! when they start), each browser in a mount namespace of its own where a temporary folder
//! stands in for `/etc/chromium`, or an overlay on `/etc` holds `/etc/firefox/policies`: the
//! machine's real `/etc` is never written, so the test runs beside a real kiosk's
//! configuration and, where unprivileged user namespaces exist, without root.

use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::Kc;
use crate::common::copy_dir;
use kiosk_consent::consent::{Decision, Record, store};
use kiosk_consent::policy::{self, Origin};

const CHROMIUM: &str = "/usr/bin/chromium";
/// Where Debian's Chromium reads its configuration; managed policies are in `policies/managed`.
const ETC_CHROMIUM: &str = "/etc/chromium";
const FIREFOX: &str = "/usr/bin/firefox-esr";
const BROWSER_TIMEOUT: Duration = Duration::from_secs(60);

const SITE_HOST: &str = "127.0.0.1";
const STATS_HOST: &str = "127.0.0.2";
const THIRD_HOST: &str = "localhost";

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/browser/policy")
}

/// The cookie each host sets, and its attributes.
fn cookie_of(host: &str) -> Option<(&'static str, &'static str)> {
    match host {
        SITE_HOST => Some(("kc_site", "")),
        STATS_HOST => Some(("kc_stats", "; SameSite=None; Secure")),
        THIRD_HOST => Some(("kc_third", "; SameSite=None; Secure")),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// A tiny HTTP/1.1 server: one request per connection, `Connection: close`
// ---------------------------------------------------------------------------------------------

/// One request the server received.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    /// The `Host` header without its port.
    pub(crate) host: String,
    pub(crate) path: String,
    pub(crate) query: String,
    /// The `Cookie` header, if any.
    pub(crate) cookie: Option<String>,
    /// Whether it came with `Sec-GPC: 1` (Global Privacy Control).
    pub(crate) gpc: bool,
}

/// Answers of a test's own: `Some((content type, body))` for a request it serves. It may
/// block (a response held back until something happened): each connection has its thread.
pub(crate) type Routes = Arc<dyn Fn(&Hit) -> Option<(&'static str, Vec<u8>)> + Send + Sync>;

pub(crate) struct Server {
    pub(crate) port: u16,
    hits: Arc<Mutex<Vec<Hit>>>,
    stop: Arc<AtomicBool>,
    addresses: Vec<SocketAddr>,
}

impl Server {
    /// Listens on 127.0.0.1 and 127.0.0.2 (and ::1 when there is one, for `localhost`), all on
    /// the same port.
    fn start() -> Server {
        Server::start_with(None)
    }

    /// The same, with `routes` tried before the cookie pages.
    pub(crate) fn start_with(routes: Option<Routes>) -> Server {
        let mut last_error = None;
        for _ in 0..50 {
            let first = TcpListener::bind((Ipv4Addr::new(127, 0, 0, 1), 0))
                .expect("listening on 127.0.0.1");
            let port = first.local_addr().unwrap().port();
            match TcpListener::bind((Ipv4Addr::new(127, 0, 0, 2), port)) {
                Ok(second) => {
                    let mut listeners = vec![first, second];
                    if let Ok(v6) = TcpListener::bind((Ipv6Addr::LOCALHOST, port)) {
                        listeners.push(v6);
                    }
                    return Server::serve(port, listeners, routes);
                }
                Err(e) => last_error = Some(e),
            }
        }
        panic!("cannot listen on 127.0.0.2 (is the whole of 127.0.0.0/8 on lo?): {last_error:?}");
    }

    fn serve(port: u16, listeners: Vec<TcpListener>, routes: Option<Routes>) -> Server {
        let hits = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let addresses = listeners.iter().map(|l| l.local_addr().unwrap()).collect();
        for listener in listeners {
            let hits = Arc::clone(&hits);
            let stop = Arc::clone(&stop);
            let routes = routes.clone();
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let hits = Arc::clone(&hits);
                    let routes = routes.clone();
                    // A thread per connection: Chromium opens spare connections that may
                    // never carry a request.
                    std::thread::spawn(move || handle(stream, port, &hits, routes.as_ref()));
                }
            });
        }
        Server {
            port,
            hits,
            stop,
            addresses,
        }
    }

    /// The requests received since the last call.
    pub(crate) fn take_hits(&self) -> Vec<Hit> {
        std::mem::take(&mut *self.hits.lock().unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake every accept loop so it sees the flag.
        for address in &self.addresses {
            let _ = TcpStream::connect_timeout(address, Duration::from_millis(200));
        }
    }
}

fn handle(mut stream: TcpStream, port: u16, hits: &Mutex<Vec<Hit>>, routes: Option<&Routes>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") && request.len() < 64 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let mut lines = text.split("\r\n");
    let mut request_line = lines.next().unwrap_or("").split(' ');
    let (Some(_method), Some(target)) = (request_line.next(), request_line.next()) else {
        return;
    };
    let mut host = String::new();
    let mut cookie = None;
    let mut gpc = false;
    for line in lines.take_while(|l| !l.is_empty()) {
        if let Some((name, value)) = line.split_once(':') {
            let value = value.trim().to_owned();
            match name.trim().to_ascii_lowercase().as_str() {
                "host" => host = value,
                "cookie" => cookie = Some(value),
                "sec-gpc" => gpc = value == "1",
                _ => {}
            }
        }
    }
    let host = host
        .strip_prefix('[')
        .map_or_else(
            || host.split(':').next().unwrap_or("").to_owned(),
            |v6| v6.split(']').next().unwrap_or("").to_owned(),
        )
        .to_ascii_lowercase();
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let hit = Hit {
        host: host.clone(),
        path: path.to_owned(),
        query: query.to_owned(),
        cookie,
        gpc,
    };
    hits.lock().unwrap().push(hit.clone());
    if let Some((content_type, body)) = routes.and_then(|routes| routes(&hit)) {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Cache-Control: no-store\r\nConnection: close\r\n\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(&body);
        let _ = stream.flush();
        return;
    }

    let mut headers = String::new();
    let (status, body) = match path {
        "/" => ("200 OK", page(&host, port, false)),
        "/check" => ("200 OK", page(&host, port, true)),
        "/set" => match cookie_of(&host) {
            Some((name, attributes)) => {
                let _ = write!(
                    headers,
                    "Set-Cookie: {name}=1; Path=/; Max-Age=3600{attributes}\r\n"
                );
                // In a frame, the cookie's host then shows what it got back.
                (
                    "200 OK",
                    r#"<!doctype html><iframe src="/echo"></iframe>"#.to_owned(),
                )
            }
            None => ("404 Not Found", String::new()),
        },
        "/echo" => ("200 OK", ECHO.to_owned()),
        "/seen" => ("200 OK", String::new()),
        _ => ("404 Not Found", String::new()),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n{headers}\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// `/echo`, as a frame: reports the host's own `document.cookie` (what was stored).
const ECHO: &str = "<!doctype html><script>\
    var r = new XMLHttpRequest();\
    r.open('GET', '/seen?' + encodeURIComponent(document.cookie), false);\
    r.send();\
    </script>echo";

/// The page a visit opens. On the site: its own cookie, then a frame per other host. On
/// another host (a direct visit): its own cookie only. `check` only reads back, sets nothing.
fn page(host: &str, port: u16, check: bool) -> String {
    let first = if check { "/echo" } else { "/set" };
    let mut frames = String::new();
    if host == SITE_HOST {
        for other in [STATS_HOST, THIRD_HOST] {
            let _ = write!(
                frames,
                r#"<iframe src="http://{other}:{port}{first}"></iframe>"#
            );
        }
    }
    let own = if check {
        String::new()
    } else {
        "var s = new XMLHttpRequest(); s.open('GET', '/set', false); s.send();".to_owned()
    };
    format!(
        r#"<!doctype html>
<html><head><title>kiosk-consent browser test</title></head><body>
<pre id="result">pending</pre>
<script>
{own}
var e = new XMLHttpRequest(); e.open('GET', '/echo', false); e.send();
window.addEventListener('load', function () {{
  document.getElementById('result').textContent = 'document.cookie=' + document.cookie + ';end';
  var r = new XMLHttpRequest();
  r.open('GET', '/seen?' + encodeURIComponent(document.cookie), false);
  r.send();
}});
</script>
{frames}
</body></html>
"#
    )
}

/// What `document.cookie` said on the page, from the dumped DOM.
fn dom_cookie(dom: &str) -> Option<String> {
    let start = dom.find(r#"<pre id="result">document.cookie="#)?;
    let rest = &dom[start + r#"<pre id="result">document.cookie="#.len()..];
    Some(rest[..rest.find(";end</pre>")?].to_owned())
}

// ---------------------------------------------------------------------------------------------
// The browsers, their policy files and a visit
// ---------------------------------------------------------------------------------------------

/// A real browser, as Debian packages it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Browser {
    Chromium,
    FirefoxEsr,
}

impl Browser {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Browser::Chromium => "Chromium",
            Browser::FirefoxEsr => "Firefox ESR",
        }
    }

    pub(crate) fn program(self) -> &'static str {
        match self {
            Browser::Chromium => CHROMIUM,
            Browser::FirefoxEsr => FIREFOX,
        }
    }

    /// `kiosk-consent export --format …` for this browser.
    /// Headless, and nothing of its own on the network: only the test's pages are requested.
    pub(crate) fn headless_args(self) -> &'static [&'static str] {
        match self {
            Browser::Chromium => &[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
            Browser::FirefoxEsr => &["--headless"],
        }
    }

    pub(crate) fn format(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::FirefoxEsr => "firefox",
        }
    }

    fn package(self) -> &'static str {
        match self {
            Browser::Chromium => "chromium",
            Browser::FirefoxEsr => "firefox-esr",
        }
    }
}

/// The policy file of one browser run, where the browser reads it, on a private `/etc`:
/// Chromium reads `/etc/chromium/policies/managed/*.json`, and gets a folder bind-mounted on
/// `/etc/chromium` (with the machine's `master_preferences`, when there is one); Firefox ESR
/// reads `/etc/firefox/policies/policies.json`, a folder Debian does not create, so it gets an
/// overlay on the whole `/etc` whose upper layer holds that file. Each run has a mount
/// namespace of its own, so the test never writes the real `/etc`, runs beside a real kiosk's
/// configuration, runs in parallel with itself, and (with a user namespace) needs no root.
pub(crate) struct ManagedPolicy {
    browser: Browser,
    dir: tempfile::TempDir,
}

impl ManagedPolicy {
    pub(crate) fn install(browser: Browser, json: &str) -> ManagedPolicy {
        let dir = tempfile::Builder::new()
            .prefix("kc-etc-")
            .tempdir()
            .unwrap();
        let policy = ManagedPolicy { browser, dir };
        match browser {
            Browser::Chromium => {
                let prefs = Path::new(ETC_CHROMIUM).join("master_preferences");
                if prefs.exists() {
                    fs::copy(&prefs, policy.dir.path().join("master_preferences")).unwrap();
                }
            }
            Browser::FirefoxEsr => fs::create_dir(policy.dir.path().join("work")).unwrap(),
        }
        let folder = policy.folder();
        fs::create_dir_all(&folder).unwrap();
        let file = match browser {
            Browser::Chromium => "kiosk-consent.json",
            Browser::FirefoxEsr => "policies.json",
        };
        fs::write(folder.join(file), json).unwrap();
        policy
    }

    /// Where the browser, started by `command`, finds its policy file: what a launcher's
    /// `KIOSK_POLICY_OUT` names.
    pub(crate) fn folder(&self) -> PathBuf {
        match self.browser {
            Browser::Chromium => self.dir.path().join("policies/managed"),
            Browser::FirefoxEsr => self.dir.path().join("upper/firefox/policies"),
        }
    }

    /// The command that runs `program` with this policy where the browser reads it: `unshare`
    /// with a mount namespace (and, when not root, a user namespace mapping us to root in it).
    pub(crate) fn command(&self, program: &str) -> Command {
        let mut c = Command::new("unshare");
        c.arg("--mount");
        if !is_root() {
            c.arg("--map-root-user");
        }
        let dir = self.dir.path();
        let mount = match self.browser {
            Browser::Chromium => format!("mount --bind '{}' {ETC_CHROMIUM}", dir.display()),
            Browser::FirefoxEsr => format!(
                "mount -t overlay overlay -o lowerdir=/etc,upperdir='{0}/upper',workdir='{0}/work' /etc",
                dir.display()
            ),
        };
        c.args(["--", "sh", "-c", &format!(r#"{mount} && exec "$@""#), "sh"])
            .arg(program);
        c
    }
}

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

/// Whether this machine has the browser and lets us give it a private `/etc` (a mount
/// namespace, as root or through an unprivileged user namespace).
fn can_run(browser: Browser) -> Result<(), String> {
    if !Path::new(browser.program()).exists() {
        return Err(format!(
            "{} is missing (apt-get install --no-install-recommends {}; .ci/run installs it)",
            browser.program(),
            browser.package()
        ));
    }
    if browser == Browser::Chromium && !Path::new(ETC_CHROMIUM).is_dir() {
        return Err(format!(
            "{ETC_CHROMIUM} does not exist (is Debian's chromium installed?)"
        ));
    }
    let policy = ManagedPolicy::install(browser, "{}");
    let out = policy
        .command("true")
        .output()
        .map_err(|e| format!("cannot run unshare: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "unshare --mount{} failed: {}",
            if is_root() { "" } else { " --map-root-user" },
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Whether a real-browser test can run here. Only when it cannot give the browser its private
/// `/etc` may it not run: outside CI it says so plainly; in CI that is a failure.
pub(crate) fn runnable(browser: Browser) -> bool {
    match can_run(browser) {
        Ok(()) => true,
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "the real-{} test cannot run: {why}",
                browser.name()
            );
            eprintln!(
                "SKIPPED a {} test of tests/it/browser.rs: {why}. It needs a mount namespace \
                 (root, or unprivileged user namespaces); run it as root: sudo cargo test \
                 browser",
                browser.name()
            );
            false
        }
    }
}

struct Visit {
    /// The DOM Chromium dumped (Firefox dumps none: its page reports through `/seen`).
    dom: Option<String>,
    hits: Vec<Hit>,
}

/// Runs the headless browser on `url` with `profile` until the page has loaded (Chromium: it
/// has dumped the DOM; Firefox: it has taken its screenshot, which it does on `load`); kills
/// it after a minute.
fn browse(
    server: &Server,
    policy: &ManagedPolicy,
    profile: &Path,
    home: &Path,
    url: &str,
) -> Result<Visit, String> {
    server.take_hits();
    let browser = policy.browser;
    let stderr_path = home.join("browser.err");
    let shot = home.join("screenshot.png");
    let _ = fs::remove_file(&shot);
    let mut command = policy.command(browser.program());
    match browser {
        Browser::Chromium => command
            .args(browser.headless_args())
            .arg("--no-first-run")
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(["--virtual-time-budget=5000", "--dump-dom", url]),
        Browser::FirefoxEsr => {
            // Firefox wants its profile folder to exist.
            fs::create_dir_all(profile).unwrap();
            command
                .args(browser.headless_args())
                .args(["--no-remote", "--profile"])
                .arg(profile)
                .arg("--screenshot")
                .arg(&shot)
                .arg(url)
        }
    };
    let mut child = command
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(fs::File::create(&stderr_path).unwrap())
        // Its own process group, so a hung browser is killed with all its children.
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", browser.program()))?;
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut out = String::new();
        let _ = stdout.read_to_string(&mut out);
        out
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            return Err(format!(
                "{} did not finish within {BROWSER_TIMEOUT:?} on {url}; killed. Its stderr is \
                 in {}",
                browser.name(),
                stderr_path.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let out = reader.join().unwrap();
    let finished = match browser {
        Browser::Chromium => !out.is_empty(),
        Browser::FirefoxEsr => shot.exists(),
    };
    if !status.success() || !finished {
        let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        return Err(format!(
            "{} on {url} exited with {status} without {}; stderr (end):\n{}",
            browser.name(),
            match browser {
                Browser::Chromium => "dumping the DOM",
                Browser::FirefoxEsr => "taking its screenshot",
            },
            tail.into_iter().rev().collect::<Vec<_>>().join("\n")
        ));
    }
    Ok(Visit {
        dom: (browser == Browser::Chromium).then_some(out),
        hits: server.take_hits(),
    })
}

// ---------------------------------------------------------------------------------------------
// The decisions
// ---------------------------------------------------------------------------------------------

struct Case {
    name: &'static str,
    /// `None`: no consent file at all (what is installed between visitors).
    action: Option<Decision>,
    /// statistics, third-party.
    statistics: bool,
    third_party: bool,
}

const CASES: [Case; 4] = [
    Case {
        name: "accept all",
        action: Some(Decision::AcceptAll),
        statistics: true,
        third_party: true,
    },
    Case {
        name: "refuse all",
        action: Some(Decision::RejectAll),
        statistics: false,
        third_party: false,
    },
    Case {
        name: "custom: statistics granted, third-party refused",
        action: Some(Decision::Custom),
        statistics: true,
        third_party: false,
    },
    Case {
        name: "no consent (between visitors)",
        action: None,
        statistics: false,
        third_party: false,
    },
];

/// The test policy with the test server's port in its site's address, as a site served on
/// another port than 80 would be configured (browsers that match origins need it).
pub(crate) fn site_policy(port: u16, root: &Path) -> PathBuf {
    let dir = root.join("policy");
    copy_dir(&fixture(), &dir);
    let toml = fs::read_to_string(dir.join("policy.toml")).unwrap();
    let site = format!("site = \"http://{SITE_HOST}:{port}\"");
    let with_port = toml.replace(&format!("site = \"http://{SITE_HOST}\""), &site);
    assert_ne!(toml, with_port, "the fixture's site line");
    fs::write(dir.join("policy.toml"), with_port).unwrap();
    dir
}

/// `kiosk-consent export --format <browser>` for the case, with its exit code checked.
fn export(browser: Browser, policy_dir: &Path, case: &Case, dir: &Path) -> String {
    let consent = dir.join("consent.json");
    if let Some(action) = case.action {
        let policy = policy::load(&Origin::Dir(policy_dir.to_owned()))
            .unwrap_or_else(|problems| panic!("the test policy loads: {problems:?}"));
        let record = Record::new(
            &policy,
            "fr-FR",
            kiosk_consent::clock::now(),
            action,
            &[true, case.statistics, case.third_party],
        );
        store::save(&consent, &record).expect("saving the consent file");
    }
    let out = Kc::new().output(&[
        "--policy",
        policy_dir.to_str().unwrap(),
        "--consent-file",
        consent.to_str().unwrap(),
        "export",
        "--format",
        browser.format(),
    ]);
    let expected = if case.action.is_some() { 0 } else { 1 };
    assert_eq!(
        out.status.code(),
        Some(expected),
        "export for {}: {}",
        case.name,
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 export");
    serde_json::from_str::<serde_json::Value>(&text)
        .unwrap_or_else(|e| panic!("the {} export is not JSON ({e}):\n{text}", browser.name()));
    text
}

/// The `/echo` requests one host received, and what its frame reported through `/seen`.
fn echoes<'h>(hits: &'h [Hit], host: &str) -> (Vec<&'h Hit>, Vec<String>) {
    let echoes = hits
        .iter()
        .filter(|h| h.host == host && h.path == "/echo")
        .collect();
    let seen = hits
        .iter()
        .filter(|h| h.host == host && h.path == "/seen")
        .map(|h| percent_decode(&h.query))
        .collect();
    (echoes, seen)
}

pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn has_cookie(header: Option<&str>, name: &str) -> bool {
    header.is_some_and(|h| h.split(';').any(|c| c.trim() == format!("{name}=1")))
}

fn hits_report(hits: &[Hit]) -> String {
    hits.iter()
        .filter(|h| h.path != "/favicon.ico")
        .map(|h| {
            format!(
                "  {:<10} {:<7} {:<24} Cookie: {}",
                h.host,
                h.path,
                percent_decode(&h.query),
                h.cookie.as_deref().unwrap_or("-")
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Checks that `host`'s cookie `name` was stored and sent back exactly when `granted`.
fn check_host(
    problems: &mut Vec<String>,
    context: &str,
    visit: &Visit,
    host: &str,
    name: &str,
    granted: bool,
) {
    let (echoes, seen) = echoes(&visit.hits, host);
    if echoes.is_empty() {
        problems.push(format!(
            "{context}: {host} never received /echo: the page did not load as designed"
        ));
        return;
    }
    let sent = echoes.iter().any(|h| has_cookie(h.cookie.as_deref(), name));
    let word = if granted { "granted" } else { "refused" };
    if sent != granted {
        problems.push(format!(
            "{context}: {name} ({word}, host {host}) was {}sent back",
            if sent { "" } else { "NOT " }
        ));
    }
    // What the host's own page or frame read in `document.cookie`: what was stored.
    if seen.is_empty() {
        problems.push(format!(
            "{context}: the {host} page or frame reported nothing to /seen"
        ));
    }
    let stored = seen.iter().any(|c| has_cookie(Some(c), name));
    if stored != granted {
        problems.push(format!(
            "{context}: {name} ({word}, host {host}) was {}stored (its document.cookie: \
             {seen:?})",
            if stored { "" } else { "NOT " }
        ));
    }
    // No host ever gets another host's cookie.
    for other in [SITE_HOST, STATS_HOST, THIRD_HOST] {
        let (other_name, _) = cookie_of(other).unwrap();
        if other != host
            && echoes
                .iter()
                .any(|h| has_cookie(h.cookie.as_deref(), other_name))
        {
            problems.push(format!("{context}: {host} received {other_name}"));
        }
    }
}

/// The visit of the site's page, checked: the problems found (empty when all is right).
fn site_visit(
    server: &Server,
    policy: &ManagedPolicy,
    profile: &Path,
    home: &Path,
    case: &Case,
    granted: &[(&str, &str, bool)],
    log: &mut String,
) -> Vec<String> {
    let mut problems = Vec::new();
    let url = format!("http://{SITE_HOST}:{}/", server.port);
    let started = Instant::now();
    match browse(server, policy, profile, home, &url) {
        Err(e) => problems.push(format!("{}: {e}", case.name)),
        Ok(visit) => {
            let context = format!("{} — visit of {url}", case.name);
            for &(host, name, granted) in granted {
                check_host(&mut problems, &context, &visit, host, name, granted);
            }
            // Firefox sends Global Privacy Control when the export turns it on: exactly when
            // an optional category is refused. (Chromium has no such setting.)
            if policy.browser == Browser::FirefoxEsr {
                let expected = !(case.statistics && case.third_party);
                let wrong: Vec<String> = visit
                    .hits
                    .iter()
                    .filter(|h| h.gpc != expected)
                    .map(|h| format!("{}{}", h.host, h.path))
                    .collect();
                if !wrong.is_empty() {
                    problems.push(format!(
                        "{context}: Sec-GPC: 1 should be {} but these requests {} it: {wrong:?}",
                        if expected { "sent" } else { "absent" },
                        if expected { "lacked" } else { "had" },
                    ));
                }
            }
            let _ = writeln!(
                log,
                "{} ({:.1} s), {url}:\n{}\n  DOM document.cookie: {:?}",
                case.name,
                started.elapsed().as_secs_f64(),
                hits_report(&visit.hits),
                visit.dom.as_deref().and_then(dom_cookie)
            );
        }
    }
    problems
}

/// The Chromium policy with every `[*.]<IPv4 address>` written as the bare address, or `None`
/// when it has no such pattern.
fn without_ip_wildcards(json: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(json).ok()?;
    let mut changed = false;
    for list in value.as_object_mut()?.values_mut() {
        let Some(items) = list.as_array_mut() else {
            continue;
        };
        for item in items {
            if let Some(ip) = item.as_str().and_then(|p| p.strip_prefix("[*.]"))
                && ip.parse::<Ipv4Addr>().is_ok()
            {
                *item = serde_json::Value::String(ip.to_owned());
                changed = true;
            }
        }
    }
    changed.then(|| serde_json::to_string_pretty(&value).unwrap())
}

#[test]
fn chromium_enforces_each_decision() {
    enforces_each_decision(Browser::Chromium);
}

#[test]
fn firefox_esr_enforces_each_decision() {
    enforces_each_decision(Browser::FirefoxEsr);
}

fn enforces_each_decision(browser: Browser) {
    assert!(
        Path::new(browser.program()).exists(),
        "{} is missing: this test needs Debian's {} (apt-get install --no-install-recommends \
         {}; .ci/run installs it)",
        browser.program(),
        browser.name(),
        browser.package()
    );
    if !runnable(browser) {
        return;
    }
    let server = Server::start();
    let port = server.port;
    let mut problems = Vec::new();
    let mut log = String::new();
    let root = tempfile::Builder::new()
        .prefix("kc-browser-")
        .tempdir()
        .unwrap();
    let policy_dir = site_policy(port, root.path());

    for case in &CASES {
        let dir = tempfile::Builder::new()
            .prefix("kc-browser-")
            .tempdir()
            .unwrap();
        let policy_json = export(browser, &policy_dir, case, dir.path());
        let installed = ManagedPolicy::install(browser, &policy_json);
        let home = dir.path().join("home");
        fs::create_dir_all(&home).unwrap();
        let before = problems.len();
        let granted = [
            (SITE_HOST, "kc_site", true),
            (STATS_HOST, "kc_stats", case.statistics),
            (THIRD_HOST, "kc_third", case.third_party),
        ];

        // 1. The site, with the two other hosts in cross-site frames.
        let profile = dir.path().join("profile");
        let site_problems = site_visit(
            &server, &installed, &profile, &home, case, &granted, &mut log,
        );
        let site_failed = !site_problems.is_empty();
        problems.extend(site_problems);

        // 2. The same profile again: nothing outlives the visit (session-only cookies).
        let url = format!("http://{SITE_HOST}:{port}/check");
        match browse(&server, &installed, &profile, &home, &url) {
            Err(e) => problems.push(format!("{}: {e}", case.name)),
            Ok(visit) => {
                let kept: Vec<String> = visit
                    .hits
                    .iter()
                    .filter(|h| h.path == "/echo" && h.cookie.is_some())
                    .map(|h| format!("{} got {}", h.host, h.cookie.as_deref().unwrap()))
                    .collect();
                if !kept.is_empty() {
                    problems.push(format!(
                        "{}: cookies outlived the browser (same profile, second start): {kept:?}",
                        case.name
                    ));
                }
                if visit.hits.iter().filter(|h| h.path == "/echo").count() < 3 {
                    problems.push(format!(
                        "{}: the check page did not reach every host:\n{}",
                        case.name,
                        hits_report(&visit.hits)
                    ));
                }
            }
        }

        // 3. Each other host visited directly (first party, a fresh profile each): a refused
        //    host's cookies are blocked there too.
        for (host, name, granted) in &granted[1..] {
            let profile = dir.path().join(format!("profile-{host}"));
            let url = format!("http://{host}:{port}/");
            match browse(&server, &installed, &profile, &home, &url) {
                Err(e) => problems.push(format!("{}: {e}", case.name)),
                Ok(visit) => {
                    let context = format!("{} — direct visit of {url}", case.name);
                    check_host(&mut problems, &context, &visit, host, name, *granted);
                }
            }
        }
        if problems.len() > before {
            let _ = writeln!(log, "  policy installed for {}:\n{policy_json}", case.name);
        }
        // Diagnosis: Chromium rejects a domain wildcard on an IP address ("[*.]127.0.0.2" is
        // an invalid content-settings pattern, silently dropped). When the site visit failed
        // and the export has such patterns, try again with the bare address and say whether
        // that is the cause.
        if site_failed
            && browser == Browser::Chromium
            && let Some(bare) = without_ip_wildcards(&policy_json)
        {
            let retry_policy = ManagedPolicy::install(browser, &bare);
            let profile = dir.path().join("profile-diagnosis");
            let mut ignored = String::new();
            let retry = site_visit(
                &server,
                &retry_policy,
                &profile,
                &home,
                case,
                &granted,
                &mut ignored,
            );
            problems.push(format!(
                "{}: DIAGNOSIS — the same visit with the IP patterns written without `[*.]` \
                 {}. The export writes `[*.]<IPv4 address>` in CookiesSessionOnlyForUrls, \
                 which Chromium ignores (a domain wildcard is invalid on an IP address), so a \
                 granted category whose cookies are on an IP host is not excepted from \
                 BlockThirdPartyCookies. Policy tried:\n{bare}",
                case.name,
                if retry.is_empty() {
                    "PASSES".to_owned()
                } else {
                    format!("still fails: {retry:?}")
                }
            ));
        }
    }
    eprintln!("{log}");
    assert!(
        problems.is_empty(),
        "{} did not enforce the exported policy as the decision says:\n- {}\n\n{log}",
        browser.name(),
        problems.join("\n- ")
    );
}

// ---------------------------------------------------------------------------------------------
// The site's own banner, answered in the fresh profile
// ---------------------------------------------------------------------------------------------

/// The site's cookie-keeping banner of the test policy: one cookie whose value the operator
/// wrote as a template.
const BANNER: &str = "\n[site_banner]\nmanager = \"cookie\"\ncookie = \"kc_banner\"\n\
                      value = \"s:{statistics}|t:{third-party}\"\n";

/// `export --format <browser>-cookies` piped into `sqlite3`, as the launcher does: the
/// profile's cookie database, made before the browser's first start. False when the export
/// printed nothing (no valid decision).
fn preset(browser: Browser, policy_dir: &Path, dir: &Path, profile: &Path) -> bool {
    let out = Kc::new().output(&[
        "--policy",
        policy_dir.to_str().unwrap(),
        "--consent-file",
        dir.join("consent.json").to_str().unwrap(),
        "export",
        "--format",
        &format!("{}-cookies", browser.format()),
    ]);
    if out.stdout.is_empty() {
        return false;
    }
    let db = match browser {
        Browser::Chromium => profile.join("Default/Cookies"),
        Browser::FirefoxEsr => profile.join("cookies.sqlite"),
    };
    fs::create_dir_all(db.parent().unwrap()).unwrap();
    let mut sqlite = Command::new("sqlite3")
        .args(["-batch", "-bail"])
        .arg(&db)
        .stdin(Stdio::piped())
        .spawn()
        .expect("sqlite3 (apt-get install sqlite3; scripts/test installs it)");
    sqlite.stdin.take().unwrap().write_all(&out.stdout).unwrap();
    assert!(
        sqlite.wait().unwrap().success(),
        "sqlite3 on {}",
        db.display()
    );
    true
}

#[test]
fn chromium_starts_with_the_sites_banner_answered() {
    starts_with_the_sites_banner_answered(Browser::Chromium);
}

#[test]
fn firefox_esr_starts_with_the_sites_banner_answered() {
    starts_with_the_sites_banner_answered(Browser::FirefoxEsr);
}

/// The banner's cookie is in the profile before the browser starts: the site's very first
/// request carries it, and the page's script reads it, holding exactly the decision.
fn starts_with_the_sites_banner_answered(browser: Browser) {
    if !runnable(browser) {
        return;
    }
    let server = Server::start();
    let root = tempfile::Builder::new()
        .prefix("kc-banner-")
        .tempdir()
        .unwrap();
    let policy_dir = site_policy(server.port, root.path());
    let toml = policy_dir.join("policy.toml");
    let text = fs::read_to_string(&toml).unwrap() + BANNER;
    fs::write(&toml, text).unwrap();
    let mut problems = Vec::new();
    for case in &CASES {
        let dir = root.path().join(case.name.replace([' ', ':', ','], "-"));
        fs::create_dir_all(dir.join("home")).unwrap();
        let installed = ManagedPolicy::install(browser, &export(browser, &policy_dir, case, &dir));
        let profile = dir.join("profile");
        let written = preset(browser, &policy_dir, &dir, &profile);
        let expected = case
            .action
            .map(|_| format!("kc_banner=s:{}|t:{}", case.statistics, case.third_party));
        if written != expected.is_some() {
            problems.push(format!(
                "{}: a profile cookie written: {written}",
                case.name
            ));
        }
        let url = format!("http://{SITE_HOST}:{}/", server.port);
        let visit = match browse(&server, &installed, &profile, &dir.join("home"), &url) {
            Ok(visit) => visit,
            Err(e) => {
                problems.push(format!("{}: {e}", case.name));
                continue;
            }
        };
        let first = visit.hits.iter().find(|h| h.path == "/");
        let sent = first.and_then(|h| h.cookie.clone()).unwrap_or_default();
        let has = |text: &str, cookie: &str| text.split(';').any(|c| c.trim() == cookie);
        match &expected {
            Some(cookie) if !has(&sent, cookie) => problems.push(format!(
                "{}: the first request did not carry {cookie} (Cookie: {sent:?})",
                case.name
            )),
            None if sent.contains("kc_banner") => problems.push(format!(
                "{}: no decision, yet the first request carried {sent:?}",
                case.name
            )),
            _ => {}
        }
        let (_, seen) = echoes(&visit.hits, SITE_HOST);
        if let Some(cookie) = &expected
            && !seen.iter().any(|c| has(c, cookie))
        {
            problems.push(format!(
                "{}: the page's script did not read {cookie} ({seen:?})",
                case.name
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{}: the site's banner was not answered as decided:\n- {}",
        browser.name(),
        problems.join("\n- ")
    );
}
