//! End to end, for visitors who rely on the cursor, on monochrome or on a small window: the
//! cursor stays on the focused control through a resize; NO_COLOR sends no colour at all; the
//! plain layout has no decoration.

use crate::common;

use common::{Kiosk, consent_location};

/// SGR parameters that set a colour: 30–39, 40–49, 90–97, 100–107, and 38/48 extended colours.
fn colour_codes(styled: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = styled;
    while let Some(start) = rest.find("\x1b[") {
        let after = &rest[start + 2..];
        let Some(end) = after.find(|c: char| c.is_ascii_alphabetic()) else {
            break;
        };
        if after.as_bytes()[end] == b'm' {
            for param in after[..end].split(';') {
                if let Ok(n) = param.parse::<u32>()
                    && matches!(n, 30..=39 | 40..=49 | 90..=97 | 100..=107)
                    && n != 39
                    && n != 49
                {
                    found.push(after[..end].to_owned());
                }
            }
        }
        rest = &after[end..];
    }
    found
}

#[test]
fn no_color_means_no_colour_escape_sequences() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("no_color")
        .env("NO_COLOR", "1")
        .consent(&consent)
        .start();
    s.wait_for("Tout accepter (A)");
    let styled = s.screen_with_styles();
    assert!(
        styled.contains("\x1b["),
        "capture-pane -e shows attributes:\n{styled:?}"
    );
    assert_eq!(colour_codes(&styled), Vec::<String>::new(), "{styled:?}");
    s.send_keys(&["p"]);
    s.wait_for("Choisissez les cookies que vous acceptez");
    assert_eq!(colour_codes(&s.screen_with_styles()), Vec::<String>::new());
    // The default theme does use colour: the check above can see it.
    let t = Kiosk::new("colour").consent(&consent).start();
    t.wait_for("Tout accepter (A)");
    assert!(!colour_codes(&t.screen_with_styles()).is_empty());
}

#[test]
fn the_cursor_stays_on_the_focused_control_through_resizes() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("resize").consent(&consent).start();
    s.wait_for("Tout accepter (A)");
    s.send_keys(&["Tab", "Tab"]);
    s.wait_cursor_on("Tout refuser (R)", 0);
    // Narrow: the buttons stack; the focus and the cursor follow the same button.
    s.resize(40, 15);
    s.wait_cursor_on("Tout refuser (R)", 0);
    // Too small: the message, with the cursor on it; then back.
    s.resize(30, 10);
    s.wait_for("trop petite");
    s.resize(100, 30);
    s.wait_cursor_on("Tout refuser (R)", 0);
    // In the choose screen, on a category.
    s.send_keys(&["p"]);
    s.wait_for("Choisissez les cookies que vous acceptez");
    s.send_keys(&["Down", "Down"]);
    s.wait_cursor_on("Internes (first-party)", 0);
    s.resize(40, 15);
    s.wait_cursor_on("Internes (first-party)", 0);
    s.send_keys(&["F2"]);
    s.wait_cursor_on("First-party", 0);
}

#[test]
fn plain_mode_reads_as_one_undecorated_column() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("plain").arg("--plain").consent(&consent).start();
    s.wait_for("Tout accepter (A)");
    s.wait_cursor_on(common::FR_SUMMARY, 0);
    let screen = s.screen();
    for line in screen.lines().filter(|l| !l.trim().is_empty()) {
        assert!(
            !line.starts_with(' '),
            "plain lines start at the left edge: {line:?}"
        );
    }
    assert!(!screen.contains('<') && !screen.contains('•'), "{screen}");
    s.send_keys(&["p"]);
    s.wait_for("Statistiques : refusé");
    s.send_keys(&["Down", "Space"]);
    s.wait_for("Statistiques : accepté");
    s.wait_cursor_on("Statistiques : accepté", 0);
    assert!(!s.screen().contains("[x]"));
    s.send_keys(&["e"]);
    s.wait_for("Votre choix est enregistré");
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&consent).unwrap()).unwrap();
    assert_eq!(saved["categories"]["statistics"], true);
}

/// At a kiosk nobody can pass `--plain`: F3 switches to it for the visit, and the idle reset
/// brings the usual layout back for the next visitor.
#[test]
fn f3_gives_the_plain_layout_for_one_visit() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("plain-key")
        .args(&["run", "--kiosk", "--idle-timeout", "2"])
        .consent(&consent)
        .start();
    s.wait_for("< Tout accepter (A)");
    s.wait_cursor_on(common::FR_SUMMARY, 0);
    s.send_keys(&["F3"]);
    let plain = s.wait_gone("< Tout accepter (A)");
    assert!(plain.contains("Tout accepter (A)"), "{plain}");
    // The focused control at the left edge, whole, in the first cells a braille line shows.
    s.send_keys(&["Tab", "Tab"]);
    let (x, _) = s.wait_cursor_on("Tout refuser (R)", 0);
    assert_eq!(
        x,
        0,
        "plain controls start at the left edge:\n{}",
        s.screen()
    );
    // Left alone, the dialog starts over for the next visitor, in the usual layout.
    s.wait_for("< Tout accepter (A)");
    s.wait_cursor_on(common::FR_SUMMARY, 0);
}

/// The terminal goes away (a kiosk compositor restarting, a cable, a closed window) without a
/// SIGHUP reaching the program, as when a parent shell traps it: the program must notice and
/// leave, not read an endless end-of-file at full CPU. `setsid` puts it in a session of its
/// own, so no hang-up signal is sent to it when the terminal closes.
#[test]
fn a_terminal_that_goes_away_ends_the_program() {
    let (_dir, consent) = consent_location();
    let s = Kiosk::new("hangup")
        .consent(&consent)
        .start_with_prefix(&["setsid"]);
    s.wait_for("Tout accepter (A)");
    let pid = s.program_pid();
    let alive = || {
        std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .is_ok_and(|stat| !stat.contains(") Z "))
    };
    assert!(alive());
    drop(s);
    let start = std::time::Instant::now();
    while alive() && start.elapsed() < common::DEADLINE {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        !alive(),
        "the program is still running after its terminal closed"
    );
    assert!(!consent.exists());
}
