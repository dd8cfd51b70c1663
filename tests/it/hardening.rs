//! The command line against odd files and tampering: nothing hangs, nothing lies. A consent
//! file or a policy file that is a FIFO or a device gives a clear error at once; a consent file
//! edited to last longer than the policy allows grants nothing; `export --format json` says
//! only what the policy asks; what is printed is clean.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::*;

/// Runs the binary with `args` (consent at `consent`), failing if it takes longer than the
/// test deadline: a read that blocks on a FIFO would never end.
fn run_bounded(args: &[&str], consent: &Path) -> Output {
    Kc::at(consent).within(DEADLINE).output(args)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn a_consent_file_that_is_a_pipe_or_a_device_is_no_consent_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("consent.json");
    mkfifo(&fifo);
    let out = run_bounded(&["get", "necessary"], &fifo);
    assert_eq!(out.status.code(), Some(1));
    let out = run_bounded(&["show"], &fifo);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("consent.json") && said.contains("pas un fichier ordinaire"),
        "{said}"
    );
    let zero = dir.path().join("zero.json");
    std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
    let out = run_bounded(&["export", "--format", "env"], &zero);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("KIOSK_CONSENT_VALID=0\n"));
}

#[test]
fn a_policy_file_that_is_a_pipe_is_reported_with_its_name() {
    let (_dir, consent) = consent_location();
    let policy = tempfile::tempdir().unwrap();
    mkfifo(&policy.path().join("policy.toml"));
    let dir = policy.path().display().to_string();
    let out = run_bounded(&["--policy", &dir, "check"], &consent);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("{dir}/policy.toml:1:1"))
            && said.contains("pas un fichier ordinaire"),
        "{said}"
    );
    // The dialog too refuses at once, instead of waiting forever.
    let out = run_bounded(&["--policy", &dir, "get", "necessary"], &consent);
    assert_eq!(out.status.code(), Some(1));
}

/// A refusal of everything optional, decided now, for the embedded policy.
fn refusal() -> kiosk_consent::consent::Record {
    let policy = kiosk_consent::policy::Policy::embedded().unwrap();
    kiosk_consent::consent::Record::new(
        &policy,
        "fr-FR",
        kiosk_consent::clock::now(),
        kiosk_consent::consent::Decision::RejectAll,
        &[true, false, false, false],
    )
}

/// A valid decision (refuse all) for the embedded policy, saved at `consent`, and its JSON.
fn saved_refusal(consent: &Path) -> serde_json::Value {
    kiosk_consent::consent::store::save(consent, &refusal()).unwrap();
    serde_json::from_str(&fs::read_to_string(consent).unwrap()).unwrap()
}

#[test]
fn a_consent_edited_to_last_longer_than_the_policy_allows_grants_nothing() {
    let (_dir, consent) = consent_location();
    let mut file = saved_refusal(&consent);
    file["categories"]["statistics"] = true.into();
    file["expires_at"] = "9999-12-31T23:59:59Z".into();
    fs::write(&consent, file.to_string()).unwrap();
    assert_eq!(Kc::at(&consent).code(&["get", "statistics"]), 1);
    let out = Kc::at(&consent).output(&["show"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("modifié"), "{said}");
}

#[test]
fn export_json_says_only_what_the_policy_asks() {
    let (_dir, consent) = consent_location();
    let mut file = saved_refusal(&consent);
    // A category the policy does not have, a required one said false, a field of another
    // writer, and a cookie nobody declared.
    file["categories"]["tracking"] = true.into();
    file["categories"]["necessary"] = false.into();
    file["cookies"]["_ga"] = true.into();
    file["note"] = "hello".into();
    fs::write(&consent, file.to_string()).unwrap();
    let out = Kc::at(&consent).output(&["export", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let exported: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let categories: Vec<(&String, &serde_json::Value)> =
        exported["categories"].as_object().unwrap().iter().collect();
    let expected = serde_json::json!({
        "necessary": true, "statistics": false, "first-party": false, "third-party": false
    });
    assert_eq!(
        categories,
        expected.as_object().unwrap().iter().collect::<Vec<_>>()
    );
    assert_eq!(
        exported["cookies"].as_object().unwrap().len(),
        COOKIES.len()
    );
    assert!(exported.get("note").is_none());
    assert_eq!(exported["cookies"]["sessionid"], true);
}

#[test]
fn site_prints_the_policy_address_and_path_prints_clean_text() {
    let (_dir, consent) = consent_location();
    let out = Kc::at(&consent).output(&["site"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "https://www.data.grigny91.fr\n"
    );
    let odd = consent.with_file_name("a\u{1b}[31m\u{202e}b.json");
    let out = Kc::at(&odd).output(&["path"]);
    let printed = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        !printed.contains('\u{1b}') && !printed.contains('\u{202e}'),
        "{printed:?}"
    );
    assert!(printed.ends_with("a[31mb.json\n"), "{printed:?}");
}

#[test]
fn check_and_log_verify_speak_the_operators_language() {
    let (_dir, consent) = consent_location();
    let policy = tempfile::tempdir().unwrap();
    fs::write(policy.path().join("policy.toml"), "a = 1\na = 2\n").unwrap();
    let dir = policy.path().display().to_string();
    let out = Kc::at(&consent).output(&["--policy", &dir, "check"]);
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains(&format!("{dir}/policy.toml:2:1")) && said.contains("déjà définie plus haut"),
        "{said}"
    );
    assert!(!said.contains("duplicate key"), "{said}");

    // Two decisions, then the head file removed: said as missing, not as line 0.
    let log = kiosk_consent::consent::log::Log::beside(&consent);
    for _ in 0..2 {
        kiosk_consent::consent::store::decide(&consent, &refusal(), Some(&log)).unwrap();
    }
    fs::remove_file(consent.with_file_name("consent-log.head")).unwrap();
    let out = Kc::at(&consent).output(&["log", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        said.contains("consent-log.head :") || said.contains("consent-log.head:"),
        "{said}"
    );
    assert!(!said.contains("consent-log.head:0"), "{said}");
    assert!(said.contains("ce fichier manque"), "{said}");
}
