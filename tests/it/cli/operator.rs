//! `operator set-pin` and `clear-pin`.

use super::*;

#[test]
fn operator_pin_is_stored_hashed_and_cleared() {
    let tmp = tempfile::tempdir().unwrap();
    let pin_file = tmp.path().join("kiosk-consent/operator-pin");
    let set = |pin: &str| {
        Kc::new()
            .env("XDG_CONFIG_HOME", tmp.path())
            .input(format!("{pin}\n").as_bytes())
            .output(&["operator", "set-pin"])
    };
    let out = set("12");
    assert_eq!(out.status.code(), Some(1), "too short");
    assert!(!pin_file.exists());
    let out = set("2468");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stored = fs::read_to_string(&pin_file).unwrap();
    assert!(stored.starts_with("$argon2"), "{stored}");
    assert!(!stored.contains("2468"));
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        fs::metadata(&pin_file).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert!(kiosk_consent::kiosk::verify_pin(&stored, "2468"));
    let out = Kc::new()
        .env("XDG_CONFIG_HOME", tmp.path())
        .run(&["operator", "clear-pin"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!pin_file.exists());
}
