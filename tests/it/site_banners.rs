//! The site's own cookie banner, answered by the kiosk: REAL consent managers — tarteaucitron.js,
//! Klaro and orestbida's cookieconsent v3, from the npm registry at pinned versions, fetched and
//! checked against the registry's sha512 by this test, never committed — on pages served here
//! on loopback, in REAL headless Chromium and Firefox ESR, driven through the REAL launcher
//! (`assets/launcher/kiosk-session`): the visitor decides in the dialog, the launcher installs
//! the enforced policy and writes the manager's answer into the fresh profile, the browser
//! opens the site.
//!
//! Each page runs its manager with a service of its own in each category of the test policy
//! (`tests/fixtures/browser/policy`): `kcsite` (necessary), `kcstats` (statistics) and
//! `kcvideo` (third-party). A service's script is `/svc/<name>.js`, which sets the cookie `kc_<name>`:
//! the server's log tells whether the manager loaded it, the page's cookies whether it was
//! stored. Once the manager has settled, the page reports to `/report`: whether the banner is
//! visible (in the DOM, with its computed style), what the manager's own API says of each
//! service, and `document.cookie`. The browser opens that page in a window-sized frame of a
//! page of the same site whose other, hidden frame (`/hold`) keeps its `load` event back until
//! the report: the browsers' `--screenshot` (which waits for `load`, then exits) then pictures
//! the settled page, while the managers, which start on their own page's `load`, are not held.
//! One picture per manager and browser (the custom decision, and the control below) is kept in
//! `target/tmp/site-banners/` (CARGO_TARGET_TMPDIR) to look at.
//!
//! A control visit of each page without the kiosk's answer (no preset, the banner must show)
//! proves that the DOM check sees a banner when there is one.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Duration;

use sha2::{Digest, Sha512};

use crate::browser::{Browser, Hit, ManagedPolicy, Routes, Server, percent_decode, runnable};
use crate::common::{BIN, FR_ACCEPT, FR_CHOOSE_TITLE, FR_DONE, FR_REFUSE, Kiosk, sh_quote};

const LAUNCHER: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/launcher/kiosk-session");
/// Generous: CI machines are slow and shared; a browser start alone can take seconds.
const DEADLINE: Duration = Duration::from_secs(60);

/// The managers, as the npm registry serves them: name, version, `dist.integrity`.
const PACKAGES: [(&str, &str, &str); 3] = [
    (
        "tarteaucitronjs",
        "1.34.0",
        "sha512-PEzKEjOLC06zCWSZB1RuQkSlzbDYXSKohv0XD7BMjgfE/M+LhiWLTdNAj47VW9xcVsuQCSvLpR/gqkripHaU6g==",
    ),
    (
        "klaro",
        "0.7.22",
        "sha512-NkaFxS4S8160/zH1UQzCSYIIsAtwIDHIkJ7xofCrgRqk14OSY+OJuwCjYyW+q5fmIeF4RvsuBH6brPe2BS9Z0A==",
    ),
    (
        "vanilla-cookieconsent",
        "3.1.0",
        "sha512-/McNRtm/3IXzb9dhqMIcbquoU45SzbN2VB+To4jxEPqMmp7uVniP6BhGLjU8MC7ZCDsNQVOp27fhQTM/ruIXAA==",
    ),
];

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The three packages, unpacked: `<cache>/<name>/package/…`. Fetched once with `npm pack`
/// into CARGO_TARGET_TMPDIR, and their tarballs checked against the pinned sha512 every run.
fn packages() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("npm");
        fs::create_dir_all(&cache).unwrap();
        for (name, version, integrity) in PACKAGES {
            let tarball = cache.join(format!("{name}-{version}.tgz"));
            if !tarball.exists() {
                let out = Command::new("npm")
                    .args(["pack", "--silent", &format!("{name}@{version}")])
                    .arg("--pack-destination")
                    .arg(&cache)
                    .output()
                    .expect("npm (apt-get install npm; .ci/run installs it)");
                assert!(
                    out.status.success() && tarball.exists(),
                    "npm pack {name}@{version}: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            let digest = Sha512::digest(fs::read(&tarball).unwrap());
            let found = format!("sha512-{}", base64(&digest));
            if found != integrity {
                let _ = fs::remove_file(&tarball);
                panic!("{name}@{version}: the tarball's sha512 is {found}, not {integrity}");
            }
            let unpacked = cache.join(name);
            let _ = fs::remove_dir_all(&unpacked);
            fs::create_dir_all(&unpacked).unwrap();
            let status = Command::new("tar")
                .arg("xzf")
                .arg(&tarball)
                .arg("-C")
                .arg(&unpacked)
                .status()
                .unwrap();
            assert!(status.success(), "unpacking {}", tarball.display());
        }
        cache
    })
}

// ---------------------------------------------------------------------------------------------
// The managers and their pages
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq)]
enum Manager {
    Tarteaucitron,
    Klaro,
    CookieConsent,
}

const MANAGERS: [Manager; 3] = [
    Manager::Tarteaucitron,
    Manager::Klaro,
    Manager::CookieConsent,
];

impl Manager {
    fn name(self) -> &'static str {
        match self {
            Manager::Tarteaucitron => "tarteaucitron",
            Manager::Klaro => "klaro",
            Manager::CookieConsent => "cookieconsent",
        }
    }

    /// The policy's `[site_banner]` for this page.
    fn site_banner(self) -> String {
        let services = match self {
            Manager::Tarteaucitron | Manager::Klaro => {
                "kcsite = \"necessary\"\nkcstats = \"statistics\"\nkcvideo = \"third-party\"\n"
            }
            Manager::CookieConsent => {
                "necessary = \"necessary\"\n\"necessary.kcsite\" = \"necessary\"\n\
                 analytics = \"statistics\"\n\
                 \"analytics.kcstats\" = \"statistics\"\nads = \"third-party\"\n\
                 \"ads.kcvideo\" = \"third-party\"\n"
            }
        };
        format!(
            "\n[site_banner]\nmanager = \"{}\"\n[site_banner.services]\n{services}",
            self.name()
        )
    }

    /// What the manager's API must say, for a decision (statistics, third-party granted).
    fn expected(self, statistics: bool, third_party: bool) -> BTreeMap<String, bool> {
        let mut state = BTreeMap::from([
            ("kcsite".to_owned(), true),
            ("kcstats".to_owned(), statistics),
            ("kcvideo".to_owned(), third_party),
        ]);
        if self == Manager::CookieConsent {
            state.insert("analytics".to_owned(), statistics);
            state.insert("ads".to_owned(), third_party);
        }
        state
    }

    /// The manager's part of the page: its script, its configuration with the two services,
    /// and `kcState()`, which reads the manager's own API and whether its banner is shown.
    fn setup(self) -> &'static str {
        match self {
            Manager::Tarteaucitron => TARTEAUCITRON,
            Manager::Klaro => KLARO,
            Manager::CookieConsent => COOKIECONSENT,
        }
    }
}

const TARTEAUCITRON: &str = r##"
<script src="/npm/tarteaucitronjs/package/tarteaucitron.js"></script>
<script>
tarteaucitron.init({
  privacyUrl: "", bodyPosition: "top", hashtag: "#tarteaucitron", cookieName: "tarteaucitron",
  orientation: "middle", showAlertSmall: false, cookieslist: false, showIcon: false,
  highPrivacy: true, handleBrowserDNTRequest: false, AcceptAllCta: true, DenyAllCta: true,
  mandatory: true, useExternalCss: false, removeCredit: true, moreInfoLink: false
});
tarteaucitron.services.kcsite = {
  key: "kcsite", type: "other", name: "Service du site", uri: "", needConsent: true,
  cookies: ["kc_kcsite"], js: function () { tarteaucitron.addScript("/svc/kcsite.js"); }
};
tarteaucitron.services.kcstats = {
  key: "kcstats", type: "analytic", name: "Statistiques de test", uri: "", needConsent: true,
  cookies: ["kc_kcstats"], js: function () { tarteaucitron.addScript("/svc/kcstats.js"); }
};
tarteaucitron.services.kcvideo = {
  key: "kcvideo", type: "video", name: "Vidéo de test", uri: "", needConsent: true,
  cookies: ["kc_kcvideo"], js: function () { tarteaucitron.addScript("/svc/kcvideo.js"); }
};
(tarteaucitron.job = tarteaucitron.job || []).push("kcsite");
tarteaucitron.job.push("kcstats");
tarteaucitron.job.push("kcvideo");
function kcState() {
  var t = window.tarteaucitron, st = (t && t.state) || {};
  var banner = kcVisible(document.getElementById("tarteaucitronAlertBig"));
  return {
    ready: banner || ("kcsite" in st && "kcstats" in st && "kcvideo" in st),
    banner: banner,
    state: { kcsite: st.kcsite === true, kcstats: st.kcstats === true,
             kcvideo: st.kcvideo === true }
  };
}
</script>
"##;

const KLARO: &str = r##"
<script>
var klaroConfig = {
  version: 1, elementID: "klaro", storageMethod: "cookie", storageName: "klaro",
  cookieExpiresAfterDays: 30, default: false, mustConsent: false, acceptAll: true,
  lang: "fr", privacyPolicy: "/confidentialite",
  services: [
    { name: "kcsite", title: "Service du site", purposes: ["functional"],
      cookies: ["kc_kcsite"] },
    { name: "kcstats", title: "Statistiques de test", purposes: ["analytics"],
      cookies: ["kc_kcstats"] },
    { name: "kcvideo", title: "Vidéo de test", purposes: ["marketing"],
      cookies: ["kc_kcvideo"] }
  ]
};
function kcState() {
  var m = window.klaro && window.klaro.getManager && window.klaro.getManager();
  var notice = document.querySelector(
    "#klaro .cookie-notice:not(.cookie-notice-hidden), #klaro .cookie-modal");
  return {
    ready: !!m && !!document.getElementById("klaro"),
    banner: kcVisible(notice),
    state: m ? { kcsite: m.confirmed && m.getConsent("kcsite"),
                 kcstats: m.confirmed && m.getConsent("kcstats"),
                 kcvideo: m.confirmed && m.getConsent("kcvideo") } : {}
  };
}
</script>
<script defer src="/npm/klaro/package/dist/klaro.js"></script>
<script type="text/plain" data-type="application/javascript" data-name="kcsite"
        data-src="/svc/kcsite.js"></script>
<script type="text/plain" data-type="application/javascript" data-name="kcstats"
        data-src="/svc/kcstats.js"></script>
<script type="text/plain" data-type="application/javascript" data-name="kcvideo"
        data-src="/svc/kcvideo.js"></script>
"##;

const COOKIECONSENT: &str = r##"
<link rel="stylesheet" href="/npm/vanilla-cookieconsent/package/dist/cookieconsent.css">
<style>
/* Shown at once: its modal fades in by a transition of `visibility`, which Firefox, holding
   the page's painting back until the screenshot, may never run, so that the shown banner's
   computed style stays hidden. */
#cc-main, #cc-main * { transition: none !important; animation: none !important; }
</style>
<script src="/npm/vanilla-cookieconsent/package/dist/cookieconsent.umd.js"></script>
<script type="text/plain" data-category="necessary" data-service="kcsite"
        data-src="/svc/kcsite.js"></script>
<script type="text/plain" data-category="analytics" data-service="kcstats"
        data-src="/svc/kcstats.js"></script>
<script type="text/plain" data-category="ads" data-service="kcvideo"
        data-src="/svc/kcvideo.js"></script>
<script>
// The test site says it is not hiding from robots: headless browsers may look like one.
CookieConsent.run({
  hideFromBots: false, revision: 0, cookie: { name: "cc_cookie" },
  categories: {
    necessary: { enabled: true, readOnly: true,
                 services: { kcsite: { label: "Service du site" } } },
    analytics: { services: { kcstats: { label: "Statistiques de test" } } },
    ads: { services: { kcvideo: { label: "Vidéo de test" } } }
  },
  language: { default: "fr", translations: { fr: {
    consentModal: { title: "Cookies", description: "Ce site utilise des cookies.",
                    acceptAllBtn: "Tout accepter", acceptNecessaryBtn: "Tout refuser" },
    preferencesModal: { title: "Préférences", sections: [] }
  } } }
});
function kcState() {
  var c = window.CookieConsent;
  var modal = document.querySelector("#cc-main .cm");
  return {
    ready: !!c && !!c.getUserPreferences,
    banner: document.documentElement.classList.contains("show--consent") && kcVisible(modal),
    state: c ? { kcsite: c.acceptedService("kcsite", "necessary"),
                 kcstats: c.acceptedService("kcstats", "analytics"),
                 kcvideo: c.acceptedService("kcvideo", "ads"),
                 analytics: c.acceptedCategory("analytics"),
                 ads: c.acceptedCategory("ads") } : {}
  };
}
</script>
"##;

/// The site's page for `manager`: the manager, then the report once it has settled (ready and
/// a second and a half more, so that the scripts it started have run; ten seconds at most).
fn page(manager: Manager) -> String {
    format!(
        r#"<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Test {name}</title>
<script>
function kcVisible(el) {{
  if (!el) return false;
  var s = getComputedStyle(el);
  return s.display !== "none" && s.visibility !== "hidden" && el.getClientRects().length > 0;
}}
</script>
</head><body>
<h1>Le site de test ({name})</h1>
<p>Une page qui garde la réponse de son gestionnaire de consentement.</p>
{setup}
<script>
var kcStart = Date.now(), kcReadyAt = 0;
function kcWait() {{
  var s = kcState(), now = Date.now();
  if (s.ready && !kcReadyAt) kcReadyAt = now;
  if ((kcReadyAt && now - kcReadyAt > 1500) || now - kcStart > 10000) {{
    var report = {{ ready: s.ready, banner: s.banner, state: s.state, cookie: document.cookie }};
    var r = new XMLHttpRequest();
    r.open("GET", "/report?" + encodeURIComponent(JSON.stringify(report)), false);
    r.send();
  }} else {{
    setTimeout(kcWait, 100);
  }}
}}
setTimeout(kcWait, 100);
</script>
</body></html>
"#,
        name = manager.name(),
        setup = manager.setup()
    )
}

/// What the browser opens: the site's page in a frame the size of the window, and `/hold`,
/// which keeps this document's `load` back until the site's page has reported. The managers
/// start on their own page's `load` (tarteaucitron, cookieconsent's banner), so that one must
/// not wait; the browsers' `--screenshot`, taken on this document's `load`, then pictures the
/// settled page.
fn frame(manager: Manager) -> String {
    format!(
        r#"<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Test {name}</title>
<style>iframe {{ position: fixed; inset: 0; width: 100%; height: 100%; border: 0; }}</style>
</head><body>
<iframe src="/site/{name}" title="Le site"></iframe>
<iframe src="/hold" style="display:none" title="attente"></iframe>
</body></html>
"#,
        name = manager.name()
    )
}

/// The site's routes: the pages, the managers' files, the services' scripts, `/report`, and
/// `/hold`, answered only once the page has reported (fifteen seconds at most).
fn routes(reported: Reported) -> Routes {
    Arc::new(move |hit: &Hit| {
        let path = hit.path.as_str();
        let manager = |name: &str| MANAGERS.into_iter().find(|m| m.name() == name);
        if let Some(name) = path.strip_prefix("/banner/") {
            return Some((
                "text/html; charset=utf-8",
                frame(manager(name)?).into_bytes(),
            ));
        }
        if let Some(name) = path.strip_prefix("/site/") {
            return Some((
                "text/html; charset=utf-8",
                page(manager(name)?).into_bytes(),
            ));
        }
        if let Some(file) = path.strip_prefix("/npm/") {
            if file.split('/').any(|part| part == ".." || part.is_empty()) {
                return None;
            }
            let body = fs::read(packages().join(file)).ok()?;
            let kind = match Path::new(file).extension().and_then(|e| e.to_str()) {
                Some("js") => "application/javascript",
                Some("css") => "text/css",
                _ => "text/plain",
            };
            return Some((kind, body));
        }
        if let Some(service) = path
            .strip_prefix("/svc/")
            .and_then(|s| s.strip_suffix(".js"))
        {
            let script = format!("document.cookie = 'kc_{service}=1; path=/; max-age=3600';");
            return Some(("application/javascript", script.into_bytes()));
        }
        match path {
            "/report" => {
                let (flag, woken) = &*reported;
                *flag.lock().unwrap() = true;
                woken.notify_all();
                Some(("text/plain", b"ok".to_vec()))
            }
            "/hold" => {
                let (flag, woken) = &*reported;
                let guard = flag.lock().unwrap();
                let _unused = woken
                    .wait_timeout_while(guard, Duration::from_secs(15), |done| !*done)
                    .unwrap();
                Some(("text/html", b"<!doctype html>held".to_vec()))
            }
            _ => None,
        }
    })
}

/// "The page has reported": set by `/report`, awaited by `/hold`, cleared before each visit.
type Reported = Arc<(Mutex<bool>, Condvar)>;

/// The server of a test, and the flag its routes share.
struct Site {
    server: Server,
    reported: Reported,
}

impl Site {
    fn start() -> Site {
        let reported: Reported = Arc::new((Mutex::new(false), Condvar::new()));
        Site {
            server: Server::start_with(Some(routes(Arc::clone(&reported)))),
            reported,
        }
    }

    /// Ready for a visit: nothing reported, no request kept.
    fn clear(&self) {
        *self.reported.0.lock().unwrap() = false;
        self.server.take_hits();
    }

    fn url(&self, manager: Manager) -> String {
        format!(
            "http://127.0.0.1:{}/banner/{}",
            self.server.port,
            manager.name()
        )
    }
}

// ---------------------------------------------------------------------------------------------
// A visit, through the launcher
// ---------------------------------------------------------------------------------------------

/// What the page reported, and what the server saw.
struct Report {
    banner: bool,
    ready: bool,
    state: BTreeMap<String, bool>,
    cookies: Vec<String>,
    /// The services whose script was requested.
    loaded: Vec<String>,
}

fn report_of(hits: &[Hit]) -> Result<Report, String> {
    let Some(report) = hits.iter().find(|h| h.path == "/report") else {
        let paths: Vec<String> = hits.iter().map(|h| h.path.clone()).collect();
        return Err(format!("the page never reported; requests: {paths:?}"));
    };
    let value: serde_json::Value = serde_json::from_str(&percent_decode(&report.query))
        .map_err(|e| format!("a report that is not JSON ({e}): {}", report.query))?;
    let state = value["state"]
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_bool().unwrap_or(false)))
                .collect()
        })
        .unwrap_or_default();
    let cookies = value["cookie"]
        .as_str()
        .unwrap_or_default()
        .split(';')
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect();
    let mut loaded: Vec<String> = hits
        .iter()
        .filter_map(|h| h.path.strip_prefix("/svc/")?.strip_suffix(".js"))
        .map(str::to_owned)
        .collect();
    loaded.sort();
    loaded.dedup();
    Ok(Report {
        banner: value["banner"].as_bool().unwrap_or(true),
        ready: value["ready"].as_bool().unwrap_or(false),
        state,
        cookies,
        loaded,
    })
}

/// A decision, as the visitor makes it in the dialog.
struct Decision {
    name: &'static str,
    statistics: bool,
    third_party: bool,
}

const DECISIONS: [Decision; 3] = [
    Decision {
        name: "accept-all",
        statistics: true,
        third_party: true,
    },
    Decision {
        name: "refuse-all",
        statistics: false,
        third_party: false,
    },
    Decision {
        name: "custom",
        statistics: true,
        third_party: false,
    },
];

/// The browser command the launcher is given: a script that starts the headless browser with
/// its policy folder where it reads it (a mount namespace, as tests/it/browser.rs does) and a
/// screenshot taken on `load`; the launcher adds the profile and the site.
fn browser_wrapper(browser: Browser, policy: &ManagedPolicy, dir: &Path, shot: &Path) -> PathBuf {
    let command = policy.command(browser.program());
    let mut words: Vec<String> = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|w| sh_quote(&w.to_string_lossy()))
        .collect();
    let shot = shot.display().to_string();
    words.extend(browser.headless_args().iter().map(|w| (*w).to_owned()));
    words.push("--window-size=1280,900".to_owned());
    match browser {
        Browser::Chromium => words.push(sh_quote(&format!("--screenshot={shot}"))),
        Browser::FirefoxEsr => words.extend(["--screenshot".to_owned(), sh_quote(&shot)]),
    }
    let script = dir.join("browser");
    fs::write(
        &script,
        format!("#!/bin/sh\nexec {} \"$@\"\n", words.join(" ")),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&script, fs::Permissions::from_mode(0o755)).unwrap();
    script
}

/// One visitor: the launcher's dialog, the decision by its keys, the browser on the site's
/// page; the requests the server received meanwhile. `Err` says what went wrong, with the
/// launcher's log.
fn visit(
    browser: Browser,
    site: &Site,
    policy_dir: &Path,
    manager: Manager,
    decision: &Decision,
    root: &Path,
) -> Result<Vec<Hit>, String> {
    let dir = root.join(format!("{}-{}", manager.name(), decision.name));
    let home = dir.join("home");
    let tmp = dir.join("tmp");
    for d in [&home, &tmp] {
        fs::create_dir_all(d).unwrap();
    }
    // Installed empty: the launcher writes the refuse-all policy, then the decision's.
    let policy = ManagedPolicy::install(browser, "{}");
    let shot = dir.join("screenshot.png");
    let wrapper = browser_wrapper(browser, &policy, &dir, &shot);
    let log = dir.join("launcher.err");
    let env: Vec<(&str, String)> = vec![
        (
            "PATH",
            std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into()),
        ),
        ("HOME", home.display().to_string()),
        ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
        ("XDG_CACHE_HOME", home.join("cache").display().to_string()),
        ("XDG_DATA_HOME", home.join("data").display().to_string()),
        ("XDG_STATE_HOME", home.join("state").display().to_string()),
        ("TMPDIR", tmp.display().to_string()),
        ("TERM", "xterm-256color".into()),
        ("LANG", "C.UTF-8".into()),
        ("KIOSK_BROWSER", wrapper.display().to_string()),
        ("KIOSK_BROWSER_KIND", browser.format().into()),
        ("KIOSK_POLICY_OUT", policy.folder().display().to_string()),
        ("KIOSK_CONSENT_BIN", BIN.into()),
        ("KIOSK_CONSENT_POLICY", policy_dir.display().to_string()),
        (
            "KIOSK_CONSENT_FILE",
            dir.join("data/consent.json").display().to_string(),
        ),
        ("KIOSK_SITE", site.url(manager)),
        ("KIOSK_ONCE", "1".into()),
        (
            "KIOSK_CONSENT_SYSTEM_DIR",
            home.join("etc-kiosk-consent").display().to_string(),
        ),
        ("KIOSK_CONSENT_SYSLOG", String::new()),
        (
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", home.join("no-speechd.sock").display()),
        ),
    ];
    let mut kiosk = Kiosk::new(&format!("banner-{}-{}", manager.name(), decision.name))
        .program("sh", &[LAUNCHER])
        .stderr_to(&log)
        .deadline(DEADLINE)
        .env_clear();
    for (k, v) in &env {
        kiosk = kiosk.env(k, v);
    }
    site.clear();
    let session = kiosk.start_with_prefix(&[]);
    session.wait_for_all(&[FR_ACCEPT, FR_REFUSE]);
    match (decision.statistics, decision.third_party) {
        (true, true) => session.send_keys(&["a"]),
        (false, false) => session.send_keys(&["r"]),
        (statistics, third_party) => {
            session.send_keys(&["p"]);
            session.wait_for(FR_CHOOSE_TITLE);
            // The rows: Nécessaires, Statistiques, Tiers; each optional one starts refused.
            if statistics {
                session.send_keys(&["Down", "Space"]);
                session.wait_for("[x] Statistiques");
            }
            if third_party {
                session.send_keys(&["Down", "Space"]);
                session.wait_for("[x] Tiers");
            }
            session.send_keys(&["e"]);
        }
    }
    session.wait_for(FR_DONE);
    session.send_keys(&["Enter"]);
    let code = session.wait_exit();
    let launcher_log = fs::read_to_string(&log).unwrap_or_default();
    if code != 0 {
        return Err(format!("the launcher exited with {code}:\n{launcher_log}"));
    }
    if launcher_log.contains("the site's own banner will ask") {
        return Err(format!(
            "the launcher could not answer the banner:\n{launcher_log}"
        ));
    }
    keep_screenshot(&shot, browser, manager, decision.name);
    Ok(site.server.take_hits())
}

/// The custom decision's picture, and the control's, kept to look at.
fn keep_screenshot(shot: &Path, browser: Browser, manager: Manager, case: &str) {
    if case != "custom" && case != "control" {
        return;
    }
    let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join("site-banners");
    fs::create_dir_all(&kept).unwrap();
    let name = format!("{}-{}-{case}.png", manager.name(), browser.format());
    let _ = fs::copy(shot, kept.join(name));
}

/// The page in a browser that has no answer for its banner (no launcher, no preset): the
/// banner must show, or the DOM check could not tell.
fn control_visit(
    browser: Browser,
    site: &Site,
    manager: Manager,
    root: &Path,
) -> Result<Vec<Hit>, String> {
    let dir = root.join(format!("{}-control", manager.name()));
    fs::create_dir_all(dir.join("home")).unwrap();
    let policy = ManagedPolicy::install(browser, "{}");
    let shot = dir.join("screenshot.png");
    let wrapper = browser_wrapper(browser, &policy, &dir, &shot);
    let profile = dir.join("profile");
    fs::create_dir_all(&profile).unwrap();
    let url = site.url(manager);
    let args: Vec<String> = match browser {
        Browser::Chromium => vec![format!("--user-data-dir={}", profile.display()), url],
        Browser::FirefoxEsr => vec![
            "--profile".into(),
            profile.display().to_string(),
            "--no-remote".into(),
            url,
        ],
    };
    site.clear();
    let home = dir.join("home");
    let status = Command::new(&wrapper)
        .args(&args)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("LANG", "C.UTF-8")
        .stdout(fs::File::create(dir.join("browser.out")).unwrap())
        .stderr(fs::File::create(dir.join("browser.err")).unwrap())
        .status()
        .map_err(|e| format!("cannot start the browser: {e}"))?;
    if !status.success() {
        return Err(format!("the browser exited with {status}"));
    }
    keep_screenshot(&shot, browser, manager, "control");
    Ok(site.server.take_hits())
}

fn answers_every_manager(browser: Browser) {
    if !runnable(browser) {
        return;
    }
    packages();
    let site = Site::start();
    let root = tempfile::Builder::new()
        .prefix("kc-site-banners-")
        .tempdir()
        .unwrap();
    let mut problems = Vec::new();
    for manager in MANAGERS {
        let policy_root = root.path().join(format!("policy-{}", manager.name()));
        let policy_dir = crate::browser::site_policy(site.server.port, &policy_root);
        let toml = policy_dir.join("policy.toml");
        fs::write(
            &toml,
            fs::read_to_string(&toml).unwrap() + &manager.site_banner(),
        )
        .unwrap();
        let context = |what: &str| format!("{} in {}, {what}", manager.name(), browser.name());

        match control_visit(browser, &site, manager, root.path()).and_then(|h| report_of(&h)) {
            Err(e) => problems.push(format!("{}: {e}", context("control"))),
            Ok(r) if !r.banner => problems.push(format!(
                "{}: without the kiosk's answer the banner should show, yet the page saw none \
                 (the DOM check cannot tell)",
                context("control")
            )),
            Ok(_) => {}
        }

        for decision in &DECISIONS {
            let context = context(decision.name);
            let hits = visit(browser, &site, &policy_dir, manager, decision, root.path());
            let report = match hits.and_then(|h| report_of(&h)) {
                Ok(report) => report,
                Err(e) => {
                    problems.push(format!("{context}: {e}"));
                    continue;
                }
            };
            if !report.ready {
                problems.push(format!("{context}: the manager never settled"));
            }
            if report.banner {
                problems.push(format!("{context}: the site's banner is visible"));
            }
            let expected = manager.expected(decision.statistics, decision.third_party);
            if report.state != expected {
                problems.push(format!(
                    "{context}: the manager's API says {:?}, the decision was {expected:?}",
                    report.state
                ));
            }
            for (service, granted) in [
                ("kcsite", true),
                ("kcstats", decision.statistics),
                ("kcvideo", decision.third_party),
            ] {
                let loaded = report.loaded.iter().any(|s| s == service);
                let stored = report.cookies.contains(&format!("kc_{service}=1"));
                if loaded != granted {
                    problems.push(format!(
                        "{context}: {service}'s script was {}loaded",
                        if loaded { "" } else { "NOT " }
                    ));
                }
                if stored != granted {
                    problems.push(format!(
                        "{context}: {service}'s cookie was {}stored ({:?})",
                        if stored { "" } else { "NOT " },
                        report.cookies
                    ));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the site's banner was not answered as decided:\n- {}\n(screenshots in {})",
        problems.join("\n- "),
        Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join("site-banners")
            .display()
    );
}

#[test]
fn chromium_opens_every_managers_site_with_the_visitors_answer() {
    answers_every_manager(Browser::Chromium);
}

#[test]
fn firefox_esr_opens_every_managers_site_with_the_visitors_answer() {
    answers_every_manager(Browser::FirefoxEsr);
}

#[test]
fn base64_is_the_registrys() {
    // The registry's integrity strings are standard base64 with padding.
    assert_eq!(base64(b""), "");
    assert_eq!(base64(b"f"), "Zg==");
    assert_eq!(base64(b"fo"), "Zm8=");
    assert_eq!(base64(b"foobar"), "Zm9vYmFy");
}
