//! What the integration tests share: the program's words and defaults they look for, and the
//! two ways they run it — `Kc`, a command from a cleared environment (`run`), and `Kiosk`, the
//! dialog in a real terminal (`tmux`). Both start from `base_env` and nothing else.

mod consent;
mod console;
mod env;
mod policy;
mod run;
mod speechd;
mod tmux;

use std::time::Duration;

pub use consent::*;
pub use console::*;
pub use env::base_env;
pub use policy::*;
pub use run::*;
pub use speechd::*;
pub use tmux::*;

/// Labels as the French and English UI draw them (locales/*/ui.ftl, with their shortcut).
pub const FR_ACCEPT: &str = "Tout accepter (A)";
pub const FR_REFUSE: &str = "Tout refuser (R)";
pub const FR_CHOOSE: &str = "Personnaliser (P)";
pub const FR_SAVE: &str = "Enregistrer mes choix (E)";
pub const FR_CHOOSE_TITLE: &str = "Choisissez les cookies que vous acceptez";
pub const FR_DONE: &str = "Votre choix est enregistré";
/// Where the welcome screen's summary starts: the focus (and the cursor) of its first frame.
pub const FR_SUMMARY: &str = "Avant d'ouvrir le navigateur";
pub const EN_ACCEPT: &str = "Accept all (A)";
pub const EN_REFUSE: &str = "Refuse all (R)";
pub const EN_CHOOSE_TITLE: &str = "Choose which cookies you accept";

/// The default policy's categories, in order.
pub const CATEGORIES: [&str; 4] = ["necessary", "statistics", "first-party", "third-party"];
/// The default policy's cookies, by real name; all of them are necessary ones.
pub const COOKIES: [&str; 4] = [
    "sessionid",
    "django_language",
    "csrftoken",
    "cookies_preferences",
];

/// The program under test, built by cargo for this test crate.
pub const BIN: &str = env!("CARGO_BIN_EXE_kiosk-consent");

/// How long to wait for the program before giving up. Generous: CI machines are slow and shared.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// The name libtest gives the test `test` of the module `module` (its `module_path!()`, which
/// starts with the crate, which libtest leaves out). A test that starts this binary again
/// passes it with `--exact`, so that only itself runs there.
pub fn libtest_name(module: &str, test: &str) -> String {
    let path = module.split_once("::").map_or("", |(_, path)| path);
    format!("{path}::{test}")
}
