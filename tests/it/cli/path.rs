//! `path`: where the consent file is, from the option, the environment or the user's data
//! folder; it only tells, it creates nothing.

use super::*;

#[test]
fn path_prints_the_consent_file_option() {
    let f = Fixture::new();
    let wanted = f.path().join("somewhere/decision.json");
    let out = Kc::new().run(&["--consent-file", wanted.to_str().unwrap(), "path"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, format!("{}\n", wanted.display()), "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
    // `path` only tells: it creates nothing.
    assert!(!wanted.exists());
    assert!(!f.path().join("somewhere").exists());
}

#[test]
fn path_option_also_works_after_the_command() {
    let f = Fixture::new();
    let wanted = f.path().join("after.json");
    let out = Kc::new().run(&["path", "--consent-file", wanted.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, format!("{}\n", wanted.display()), "{out:?}");
}

#[test]
fn path_honours_kiosk_consent_file() {
    let f = Fixture::new();
    let out = f.run(&["path"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, format!("{}\n", f.consent_str()), "{out:?}");
}

#[test]
fn path_option_wins_over_the_environment() {
    let f = Fixture::new();
    let flag = f.path().join("from-flag.json");
    let out = f.run(&["--consent-file", flag.to_str().unwrap(), "path"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, format!("{}\n", flag.display()), "{out:?}");
}

#[test]
fn path_defaults_to_the_user_data_folder() {
    let home = tempfile::tempdir().unwrap();
    let out = Kc::new()
        .env("HOME", home.path())
        .env_remove("XDG_DATA_HOME")
        .run(&["path"]);
    assert_eq!(out.code, 0, "{out:?}");
    let printed = out.stdout.trim_end_matches('\n');
    assert!(
        printed.ends_with("kiosk-consent/consent.json"),
        "{printed:?} does not end with kiosk-consent/consent.json"
    );
    assert!(
        Path::new(printed).starts_with(home.path()),
        "{printed:?} is not under HOME={}",
        home.path().display()
    );
    assert_eq!(
        Path::new(printed),
        home.path().join(".local/share/kiosk-consent/consent.json")
    );
}

#[test]
fn path_default_follows_xdg_data_home() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let out = Kc::new()
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .run(&["path"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        format!("{}\n", data.join("kiosk-consent/consent.json").display())
    );
}
