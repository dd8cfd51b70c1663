//! A panic, however unlikely, gives the terminal back and says one line in the visitor's
//! language, never a Rust report. The child is this test binary itself, started in a real
//! terminal (tmux) with `KC_PANIC_CHILD` set: it enters the dialog's terminal modes through
//! the same `terminal::enter` the program uses (which installs the hooks), then panics.

use crate::common;

use common::Kiosk;

const MESSAGE: &str =
    "erreur interne ; le terminal a été remis en état et rien n'a été enregistré.";

#[test]
fn a_panic_restores_the_terminal_and_says_so_in_one_line() {
    if std::env::var_os("KC_PANIC_CHILD").is_some() {
        let _session = kiosk_consent::tui::terminal::enter(true, true, MESSAGE.to_owned()).unwrap();
        print!("drawn in the alternate screen");
        panic!("a bug, with a message that must not reach the visitor");
    }
    let exe = std::env::current_exe().unwrap().display().to_string();
    // The program's path, which the harness adds last, is one more test-name filter here:
    // it matches no test, so only this one runs.
    let s = Kiosk::new("panic")
        .env("KC_PANIC_CHILD", "1")
        .start_with_prefix(&[
            &exe,
            "--exact",
            &common::libtest_name(
                module_path!(),
                "a_panic_restores_the_terminal_and_says_so_in_one_line",
            ),
            "--nocapture",
            "--test-threads=1",
        ]);
    assert_eq!(s.wait_exit(), 1);
    let screen = s.screen();
    // The terminal wraps the line where libtest started it: join the rows back.
    let joined = screen.replace('\n', "");
    assert!(
        joined.contains(&format!("kiosk-consent: {MESSAGE}")),
        "{screen}"
    );
    assert!(
        !screen.contains("panicked") && !screen.contains("must not reach"),
        "{screen}"
    );
    common::assert_terminal_restored(&s);
}
