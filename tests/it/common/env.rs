//! The environment every run of the program starts from, whichever runner starts it.

use std::collections::BTreeMap;
use std::path::Path;

/// The minimal environment every run gets: nothing inherited from the test process, C.UTF-8,
/// an xterm, and data folders inside `home` so nothing can be written outside the test's folder.
pub fn base_env(home: &Path) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    env.insert(
        "PATH".to_owned(),
        std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".to_owned()),
    );
    env.insert("HOME".to_owned(), home.display().to_string());
    env.insert(
        "XDG_DATA_HOME".to_owned(),
        home.join("xdg-data").display().to_string(),
    );
    env.insert("TERM".to_owned(), "xterm-256color".to_owned());
    env.insert("LANG".to_owned(), "C.UTF-8".to_owned());
    // Never the machine's own kiosk settings (a real /etc/kiosk-consent), nor its journal.
    env.insert(
        "KIOSK_CONSENT_SYSTEM_DIR".to_owned(),
        home.join("etc-kiosk-consent").display().to_string(),
    );
    // No speech-dispatcher (the tests of the voice start their own): kiosk mode offers its
    // voice, and must neither reach the machine's server nor start one.
    env.insert(
        "SPEECHD_ADDRESS".to_owned(),
        format!("unix_socket:{}", home.join("no-speechd.sock").display()),
    );
    // An empty value: nothing sent to the machine's system log.
    env.insert("KIOSK_CONSENT_SYSLOG".to_owned(), String::new());
    env
}
