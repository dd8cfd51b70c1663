//! The command line as a launcher or an operator uses it: every non-interactive command run as a
//! process, with its exit code and its output checked against SPEC §2, §3, §4 and §6.
//!
//! Consent files are written with the library (`store::save`), or by hand for the invalid
//! cases. Every test works in its own temporary folder and runs the binary with a clean
//! environment (no language variables, no policy or consent variables) unless it sets them.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use kiosk_consent::consent::{Decision, Record, store};
use kiosk_consent::policy::Policy;
use serde_json::Value;
use tempfile::TempDir;
use time::{Duration, OffsetDateTime};

use common::{Kc, Out, policy_copy, schema};

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

/// Never a panic message or a Rust debug dump (SPEC §2).
fn assert_no_panic(out: &Out) {
    for marker in [
        "panicked",
        "RUST_BACKTRACE",
        "thread 'main'",
        "Error {",
        "Os {",
    ] {
        assert!(
            !out.stderr.contains(marker),
            "{marker:?} on stderr: {out:?}"
        );
        assert!(
            !out.stdout.contains(marker),
            "{marker:?} on stdout: {out:?}"
        );
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().collect()
}

// ---------------------------------------------------------------------------------------------
// Consent files
// ---------------------------------------------------------------------------------------------

fn policy() -> Policy {
    Policy::embedded().expect("the embedded policy loads")
}

/// A minute ago, to the second: a decision the binary, started after, sees in the past.
fn a_minute_ago() -> OffsetDateTime {
    kiosk_consent::clock::now() - Duration::minutes(1)
}

struct Fixture {
    dir: TempDir,
    consent: PathBuf,
}

impl Fixture {
    fn new() -> Fixture {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let consent = dir.path().join("state").join("consent.json");
        Fixture { dir, consent }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn consent_str(&self) -> String {
        self.consent.display().to_string()
    }

    fn run(&self, args: &[&str]) -> Out {
        Kc::at(&self.consent).run(args)
    }

    /// Saves a decision through the library, as the dialog does.
    fn save(&self, action: Decision, granted: &[bool], decided: OffsetDateTime) -> Record {
        let record = Record::new(&policy(), "fr-FR", decided, action, granted);
        store::save(&self.consent, &record).expect("store::save writes the consent file");
        record
    }

    /// The usual valid decision: statistics granted, first- and third-party refused.
    fn save_custom(&self) -> Record {
        self.save(
            Decision::Custom,
            &[true, true, false, false],
            a_minute_ago(),
        )
    }

    /// A valid custom decision as JSON, changed by `edit`, written by hand.
    fn save_edited(&self, edit: impl FnOnce(&mut Value)) {
        let record = Record::new(
            &policy(),
            "fr-FR",
            a_minute_ago(),
            Decision::Custom,
            &[true, true, false, false],
        );
        let mut value: Value = serde_json::from_str(&record.to_json()).unwrap();
        edit(&mut value);
        self.write_raw(serde_json::to_string_pretty(&value).unwrap().as_bytes());
    }

    fn write_raw(&self, bytes: &[u8]) {
        fs::create_dir_all(self.consent.parent().unwrap()).unwrap();
        fs::write(&self.consent, bytes).unwrap();
    }
}

/// `2026-12-01 09:30 UTC`, the way `show` prints a date.
fn stamp(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.format(&format).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Policy folders
// ---------------------------------------------------------------------------------------------

/// Rewrites `dir/rel` with `edit`.
fn edit_file(dir: &Path, rel: &str, edit: impl FnOnce(String) -> String) {
    let path = dir.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    let new = edit(text.clone());
    assert_ne!(text, new, "the edit of {rel} changed nothing");
    fs::write(&path, new).unwrap();
}

/// Replaces the first occurrence of `from` (which must be there).
fn replace_once(text: String, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} is not in the file");
    text.replacen(from, to, 1)
}

/// 1-based number of the first line of `text` that contains `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} not found"))
        + 1
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

// =============================================================================================
// path
// =============================================================================================

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

// =============================================================================================
// get
// =============================================================================================

#[test]
fn get_granted_category_exits_0() {
    let f = Fixture::new();
    f.save_custom();
    for category in ["necessary", "statistics"] {
        let out = f.run(&["get", category]);
        assert_eq!(out.code, 0, "get {category}: {out:?}");
        assert_eq!(out.stdout, "", "get prints nothing: {out:?}");
        assert_eq!(out.stderr, "", "{out:?}");
    }
}

#[test]
fn get_refused_category_exits_1() {
    let f = Fixture::new();
    f.save_custom();
    for category in ["first-party", "third-party"] {
        let out = f.run(&["get", category]);
        assert_eq!(out.code, 1, "get {category}: {out:?}");
        assert_eq!(out.stdout, "", "{out:?}");
        assert_eq!(out.stderr, "", "{out:?}");
    }
}

#[test]
fn get_with_accept_all_grants_every_category() {
    let f = Fixture::new();
    f.save(Decision::AcceptAll, &[true; 4], a_minute_ago());
    for category in ["necessary", "statistics", "first-party", "third-party"] {
        let out = f.run(&["get", category]);
        assert_eq!(out.code, 0, "get {category}: {out:?}");
    }
}

#[test]
fn get_without_consent_file_exits_1() {
    let f = Fixture::new();
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert_no_panic(&out);
    // Reading creates nothing.
    assert!(!f.consent.exists());
    assert!(!f.consent.parent().unwrap().exists());
}

#[test]
fn get_necessary_without_consent_exits_1() {
    // No valid consent means "no", even for the required category: `get` answers about the
    // decision, and there is none.
    let f = Fixture::new();
    let out = f.run(&["get", "necessary"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_with_corrupt_files_exits_1() {
    let cases: &[(&str, &[u8])] = &[
        ("not json", b"{not json"),
        ("empty file", b""),
        (
            "binary garbage",
            &[0xff, 0xfe, 0x00, 0x01, 0x9b, 0x1b, 0x80, 0xc3, 0x28, 0x00],
        ),
        ("a JSON array", b"[]"),
        ("JSON null", b"null"),
        ("only the format", br#"{"format": "kiosk-consent/v1"}"#),
        (
            "truncated",
            br#"{"format": "kiosk-consent/v1", "policy_id": "data-gri"#,
        ),
    ];
    for (what, bytes) in cases {
        let f = Fixture::new();
        f.write_raw(bytes);
        let out = f.run(&["get", "necessary"]);
        assert_eq!(out.code, 1, "{what}: {out:?}");
        assert_eq!(out.stdout, "", "{what}: {out:?}");
        assert_no_panic(&out);
    }
}

#[test]
fn get_with_a_valid_file_then_trailing_garbage_exits_1() {
    let f = Fixture::new();
    let record = f.save_custom();
    let mut text = record.to_json();
    text.push_str("}garbage");
    f.write_raw(text.as_bytes());
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_with_bad_field_values_exits_1() {
    type Edit = fn(&mut Value);
    let cases: &[(&str, Edit)] = &[
        ("action maybe", |v| v["action"] = "maybe".into()),
        ("decided_at not a date", |v| {
            v["decided_at"] = "yesterday".into()
        }),
        ("expires_at missing", |v| {
            v.as_object_mut().unwrap().remove("expires_at");
        }),
        ("categories not a map", |v| {
            v["categories"] = Value::from(vec![true, true])
        }),
        ("category state a string", |v| {
            v["categories"]["statistics"] = "yes".into()
        }),
        ("format missing", |v| {
            v.as_object_mut().unwrap().remove("format");
        }),
    ];
    for (what, edit) in cases {
        let f = Fixture::new();
        f.save_edited(edit);
        let out = f.run(&["get", "statistics"]);
        assert_eq!(out.code, 1, "{what}: {out:?}");
        assert_no_panic(&out);
    }
}

#[test]
fn get_with_expired_consent_exits_1() {
    let f = Fixture::new();
    // 180 days is the policy's consent_days: decided 181 days ago, expired a day ago.
    let record = f.save(
        Decision::AcceptAll,
        &[true; 4],
        kiosk_consent::clock::now() - Duration::days(181),
    );
    assert!(record.expires_at < kiosk_consent::clock::now());
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_with_expiry_edited_into_the_past_exits_1() {
    let f = Fixture::new();
    f.save_edited(|v| v["expires_at"] = "2020-01-01T00:00:00Z".into());
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_with_decision_dated_in_the_future_exits_1() {
    let f = Fixture::new();
    f.save(
        Decision::AcceptAll,
        &[true; 4],
        kiosk_consent::clock::now() + Duration::days(1),
    );
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    let out = f.run(&["get", "necessary"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_with_other_policy_version_exits_1() {
    let f = Fixture::new();
    f.save_edited(|v| {
        v["policy_version"] = "0".into();
        v["categories"]["statistics"] = true.into();
    });
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    let out = f.run(&["get", "necessary"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_with_other_policy_id_exits_1() {
    let f = Fixture::new();
    f.save_edited(|v| v["policy_id"] = "some-other-site".into());
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_with_unknown_format_exits_1() {
    let f = Fixture::new();
    f.save_edited(|v| v["format"] = "kiosk-consent/v9".into());
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_when_the_consent_path_is_a_directory_exits_1() {
    let f = Fixture::new();
    fs::create_dir_all(&f.consent).unwrap();
    let out = f.run(&["get", "necessary"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert_no_panic(&out);
    assert!(f.consent.is_dir());
}

#[test]
fn get_when_a_parent_of_the_consent_path_is_a_file_exits_1() {
    let f = Fixture::new();
    f.write_raw(b"x");
    let below = f.consent.join("consent.json");
    let out = Kc::at(&below).run(&["get", "necessary"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_no_panic(&out);
}

#[test]
fn get_necessary_with_reject_all_exits_0() {
    let f = Fixture::new();
    f.save(Decision::RejectAll, &[false; 4], a_minute_ago());
    let out = f.run(&["get", "necessary"]);
    assert_eq!(out.code, 0, "{out:?}");
    for category in ["statistics", "first-party", "third-party"] {
        let out = f.run(&["get", category]);
        assert_eq!(out.code, 1, "get {category}: {out:?}");
    }
}

#[test]
fn get_required_category_is_granted_whatever_the_file_says() {
    let f = Fixture::new();
    f.save_edited(|v| v["categories"]["necessary"] = false.into());
    let out = f.run(&["get", "necessary"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn get_category_the_file_does_not_name_is_refused() {
    let f = Fixture::new();
    f.save_edited(|v| {
        v["categories"]
            .as_object_mut()
            .unwrap()
            .remove("statistics");
    });
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
}

#[test]
fn get_ignores_unknown_fields() {
    let f = Fixture::new();
    f.save_edited(|v| {
        v["operator_note"] = "kiosk 3".into();
        v["extra"] = serde_json::json!({"nested": [1, 2, 3]});
    });
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn get_unknown_category_exits_2_in_french() {
    let f = Fixture::new();
    f.save_custom();
    let out = f.run(&["get", "advertising"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert!(out.stderr.contains("catégorie inconnue"), "{out:?}");
    assert!(out.stderr.contains("advertising"), "{out:?}");
    for known in ["necessary", "statistics", "first-party", "third-party"] {
        assert!(out.stderr.contains(known), "{known} not listed: {out:?}");
    }
    assert_eq!(
        out.stderr,
        "kiosk-consent: catégorie inconnue « advertising » (la politique a : necessary, \
         statistics, first-party, third-party)\n"
    );
}

#[test]
fn get_unknown_category_exits_2_without_consent_too() {
    let f = Fixture::new();
    let out = f.run(&["get", "advertising"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("catégorie inconnue"), "{out:?}");
}

#[test]
fn get_unknown_category_in_english() {
    let f = Fixture::new();
    let out = f.run(&["--lang", "en", "get", "advertising"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("unknown category"), "{out:?}");
    assert!(!out.stderr.contains("catégorie"), "{out:?}");
    assert_eq!(
        out.stderr,
        "kiosk-consent: unknown category \"advertising\" (the policy has: necessary, \
         statistics, first-party, third-party)\n"
    );
}

#[test]
fn get_category_ids_are_case_sensitive() {
    let f = Fixture::new();
    f.save_custom();
    let out = f.run(&["get", "Statistics"]);
    assert_eq!(out.code, 2, "{out:?}");
}

#[test]
fn get_without_category_is_a_usage_error() {
    let f = Fixture::new();
    let out = f.run(&["get"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    // One or two lines in the UI language, naming what is missing.
    assert!(out.stderr.contains("il manque"), "{out:?}");
    assert!(out.stderr.contains("CATEGORY"), "{out:?}");
    assert!(out.stderr.lines().count() <= 2, "{out:?}");
}

#[test]
fn usage_errors_are_short_and_localized() {
    let f = Fixture::new();
    let out = f.run(&["--bogus"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(
        out.stderr,
        "kiosk-consent: option inconnue --bogus\n\
         Lancez `kiosk-consent --help` pour voir les commandes et les options.\n"
    );
    let out = f.run(&["export", "--format", "xml"]);
    assert!(
        out.stderr
            .starts_with("kiosk-consent: « xml » n'est pas une valeur possible"),
        "{out:?}"
    );
    let out = Kc::new().env("LANG", "en_US.UTF-8").run(&["frobnicate"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr
            .starts_with("kiosk-consent: unknown command \"frobnicate\""),
        "{out:?}"
    );
}

#[test]
fn get_with_two_categories_is_a_usage_error() {
    let f = Fixture::new();
    let out = f.run(&["get", "statistics", "necessary"]);
    assert_eq!(out.code, 2, "{out:?}");
}

// =============================================================================================
// show
// =============================================================================================

#[test]
fn show_valid_consent_in_french() {
    let f = Fixture::new();
    let record = f.save_custom();
    let out = f.run(&["show"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
    for words in [
        "Statistiques : accepté",
        "Nécessaires : toujours actif",
        "Internes (first-party) : refusé",
        "Tiers (third-party) : refusé",
    ] {
        assert!(out.stdout.contains(words), "{words:?} missing: {out:?}");
    }
    let expected = format!(
        "Consentement donné le {}, valable jusqu'au {}.\n\
         Fichier : {}\n\
         Réponse : Enregistrer mes choix\n  \
         Nécessaires : toujours actif\n  \
         Statistiques : accepté\n  \
         Internes (first-party) : refusé\n  \
         Tiers (third-party) : refusé\n",
        stamp(record.decided_at),
        stamp(record.expires_at),
        f.consent_str()
    );
    assert_eq!(out.stdout, expected);
}

#[test]
fn show_valid_consent_in_english() {
    let f = Fixture::new();
    let record = f.save_custom();
    let out = f.run(&["--lang", "en", "show"]);
    assert_eq!(out.code, 0, "{out:?}");
    let expected = format!(
        "Consent given on {}, valid until {}.\n\
         File: {}\n\
         Answer: Save my choices\n  \
         Necessary: always on\n  \
         Statistics: accepted\n  \
         First-party: refused\n  \
         Third-party: refused\n",
        stamp(record.decided_at),
        stamp(record.expires_at),
        f.consent_str()
    );
    assert_eq!(out.stdout, expected);
}

#[test]
fn show_names_the_action_pressed() {
    let f = Fixture::new();
    f.save(Decision::AcceptAll, &[true; 4], a_minute_ago());
    let out = f.run(&["show"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Réponse : Tout accepter"), "{out:?}");
    assert!(
        out.stdout.contains("Tiers (third-party) : accepté"),
        "{out:?}"
    );

    f.save(Decision::RejectAll, &[false; 4], a_minute_ago());
    let out = f.run(&["--lang", "en", "show"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Answer: Refuse all"), "{out:?}");
    assert!(out.stdout.contains("Statistics: refused"), "{out:?}");
    assert!(out.stdout.contains("Necessary: always on"), "{out:?}");
}

#[test]
fn show_without_consent_says_so_and_names_the_file() {
    let f = Fixture::new();
    let out = f.run(&["show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("Aucun consentement valable"), "{out:?}");
    assert!(
        out.stdout.contains(&f.consent_str()),
        "path not named: {out:?}"
    );
    assert_eq!(
        out.stdout,
        format!(
            "Aucun consentement valable.\nIl n'y a pas de fichier de consentement à {}.\n",
            f.consent_str()
        )
    );
    assert_no_panic(&out);
}

#[test]
fn show_without_consent_in_english() {
    let f = Fixture::new();
    let out = f.run(&["--lang", "en", "show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        format!(
            "No valid consent.\nThere is no consent file at {}.\n",
            f.consent_str()
        )
    );
}

#[test]
fn show_expired_consent() {
    let f = Fixture::new();
    let record = f.save(
        Decision::AcceptAll,
        &[true; 4],
        kiosk_consent::clock::now() - Duration::days(200),
    );
    let out = f.run(&["show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("Aucun consentement valable"), "{out:?}");
    assert!(out.stdout.contains("expiré"), "{out:?}");
    assert!(out.stdout.contains(&stamp(record.expires_at)), "{out:?}");
    assert!(out.stdout.contains(&f.consent_str()), "{out:?}");
    // An invalid decision is not described as if it held.
    assert!(!out.stdout.contains("accepté"), "{out:?}");

    let out = f.run(&["--lang", "en", "show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("expired"), "{out:?}");
}

#[test]
fn show_consent_for_another_version() {
    let f = Fixture::new();
    f.save_edited(|v| v["policy_version"] = "0".into());
    let out = f.run(&["show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("Aucun consentement valable"), "{out:?}");
    assert!(out.stdout.contains("version"), "{out:?}");
    assert!(out.stdout.contains("(0)"), "{out:?}");
    assert!(out.stdout.contains(&f.consent_str()), "{out:?}");
}

#[test]
fn show_gives_the_reason_for_each_invalid_file() {
    type Setup = fn(&Fixture);
    let cases: &[(&str, Setup, &str, &str)] = &[
        (
            "corrupt",
            |f| f.write_raw(b"{not json"),
            "est abîmé",
            "is damaged",
        ),
        (
            "unknown format",
            |f| f.save_edited(|v| v["format"] = "kiosk-consent/v9".into()),
            "format inconnu (kiosk-consent/v9)",
            "unknown format (kiosk-consent/v9)",
        ),
        (
            "other policy",
            |f| f.save_edited(|v| v["policy_id"] = "other-site".into()),
            "autre politique (other-site)",
            "another policy (other-site)",
        ),
        (
            "future",
            |f| {
                f.save(
                    Decision::AcceptAll,
                    &[true; 4],
                    kiosk_consent::clock::now() + Duration::days(2),
                );
            },
            "dans le futur",
            "in the future",
        ),
        (
            "directory",
            |f| fs::create_dir_all(&f.consent).unwrap(),
            "c'est un dossier, pas un fichier",
            "it is a folder, not a file",
        ),
    ];
    for (what, setup, french, english) in cases {
        let f = Fixture::new();
        setup(&f);
        let out = f.run(&["show"]);
        assert_eq!(out.code, 1, "{what}: {out:?}");
        assert!(
            out.stdout.starts_with("Aucun consentement valable.\n"),
            "{what}: {out:?}"
        );
        assert!(
            out.stdout.contains(french),
            "{what}: {french:?} missing: {out:?}"
        );
        assert!(
            out.stdout.contains(&f.consent_str()),
            "{what}: path missing: {out:?}"
        );
        assert_no_panic(&out);
        let out = f.run(&["--lang", "en", "show"]);
        assert_eq!(out.code, 1, "{what} (en): {out:?}");
        assert!(
            out.stdout.starts_with("No valid consent.\n"),
            "{what} (en): {out:?}"
        );
        assert!(
            out.stdout.contains(english),
            "{what}: {english:?} missing: {out:?}"
        );
    }
}

#[test]
fn show_language_follows_the_environment() {
    let f = Fixture::new();
    f.save_custom();
    let show_with = |vars: &[(&str, &str)]| {
        let mut kc = Kc::at(&f.consent);
        for (k, v) in vars {
            kc = kc.env(k, v);
        }
        kc.run(&["show"])
    };
    let out = show_with(&[("LANG", "en_US.UTF-8")]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.contains("Statistics: accepted"),
        "LANG=en_US: {out:?}"
    );

    // LC_ALL comes before LANG.
    let out = show_with(&[("LANG", "en_US.UTF-8"), ("LC_ALL", "fr_FR.UTF-8")]);
    assert!(
        out.stdout.contains("Statistiques : accepté"),
        "LC_ALL=fr: {out:?}"
    );

    // LC_MESSAGES comes before LANG.
    let out = show_with(&[("LANG", "fr_FR.UTF-8"), ("LC_MESSAGES", "en_GB.UTF-8")]);
    assert!(
        out.stdout.contains("Statistics: accepted"),
        "LC_MESSAGES=en_GB: {out:?}"
    );

    // C, or a language the policy lacks, gives the policy's default (French).
    let out = show_with(&[("LANG", "C.UTF-8")]);
    assert!(
        out.stdout.contains("Statistiques : accepté"),
        "LANG=C: {out:?}"
    );
    let out = show_with(&[("LANG", "de_DE.UTF-8")]);
    assert!(
        out.stdout.contains("Statistiques : accepté"),
        "LANG=de: {out:?}"
    );

    // --lang wins over the environment.
    let out = Kc::at(&f.consent)
        .env("LC_ALL", "en_US.UTF-8")
        .run(&["--lang", "fr", "show"]);
    assert!(
        out.stdout.contains("Statistiques : accepté"),
        "--lang fr: {out:?}"
    );
}

// =============================================================================================
// export --format env
// =============================================================================================

const ENV_REFUSED: &str = "KIOSK_CONSENT_VALID=0\n\
                           KIOSK_CONSENT_NECESSARY=1\n\
                           KIOSK_CONSENT_STATISTICS=0\n\
                           KIOSK_CONSENT_FIRST_PARTY=0\n\
                           KIOSK_CONSENT_THIRD_PARTY=0\n";

#[test]
fn export_env_valid_custom_consent() {
    let f = Fixture::new();
    f.save_custom();
    let out = f.run(&["export", "--format", "env"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
    assert_eq!(
        out.stdout,
        "KIOSK_CONSENT_VALID=1\n\
         KIOSK_CONSENT_NECESSARY=1\n\
         KIOSK_CONSENT_STATISTICS=1\n\
         KIOSK_CONSENT_FIRST_PARTY=0\n\
         KIOSK_CONSENT_THIRD_PARTY=0\n"
    );
}

#[test]
fn export_env_the_spec_example() {
    // SPEC §6 shows a decision that grants only the necessary cookies.
    let f = Fixture::new();
    f.save(
        Decision::Custom,
        &[true, false, false, false],
        a_minute_ago(),
    );
    let out = f.run(&["export", "--format", "env"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "KIOSK_CONSENT_VALID=1\n\
         KIOSK_CONSENT_NECESSARY=1\n\
         KIOSK_CONSENT_STATISTICS=0\n\
         KIOSK_CONSENT_FIRST_PARTY=0\n\
         KIOSK_CONSENT_THIRD_PARTY=0\n"
    );
}

#[test]
fn export_env_without_consent_refuses_everything_optional() {
    let f = Fixture::new();
    let out = f.run(&["export", "--format", "env"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, ENV_REFUSED, "{out:?}");
}

#[test]
fn export_env_with_invalid_consent_refuses_everything_optional() {
    type Setup = fn(&Fixture);
    let cases: &[(&str, Setup)] = &[
        ("expired", |f| {
            f.save(
                Decision::AcceptAll,
                &[true; 4],
                kiosk_consent::clock::now() - Duration::days(181),
            );
        }),
        ("other version", |f| {
            f.save_edited(|v| {
                v["policy_version"] = "0".into();
                v["categories"]["third-party"] = true.into();
            })
        }),
        ("corrupt", |f| f.write_raw(b"{not json")),
        ("directory", |f| fs::create_dir_all(&f.consent).unwrap()),
    ];
    for (what, setup) in cases {
        let f = Fixture::new();
        setup(&f);
        let out = f.run(&["export", "--format", "env"]);
        assert_eq!(out.code, 1, "{what}: {out:?}");
        assert_eq!(out.stdout, ENV_REFUSED, "{what}: {out:?}");
    }
}

/// Runs `kiosk-consent export --format env` inside `eval` in a POSIX shell and prints the
/// variables it set.
fn eval_env(consent: &Path) -> (i32, String) {
    let script = r#"eval "$("$0" export --format env)"; echo "$KIOSK_CONSENT_VALID $KIOSK_CONSENT_NECESSARY $KIOSK_CONSENT_STATISTICS $KIOSK_CONSENT_FIRST_PARTY $KIOSK_CONSENT_THIRD_PARTY""#;
    let output = Kc::under(&["sh", "-c", script])
        .consent(consent)
        .output(&[]);
    assert!(
        output.stderr.is_empty(),
        "the shell complained: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

#[test]
fn export_env_is_safe_to_eval() {
    let f = Fixture::new();
    f.save_custom();
    let (code, printed) = eval_env(&f.consent);
    assert_eq!(code, 0);
    assert_eq!(printed, "1 1 1 0 0\n");

    let g = Fixture::new();
    let (code, printed) = eval_env(&g.consent);
    assert_eq!(code, 0, "echo's status");
    assert_eq!(printed, "0 1 0 0 0\n");
}

#[test]
fn export_env_is_the_same_whatever_the_language() {
    let f = Fixture::new();
    f.save_custom();
    let fr = f.run(&["export", "--format", "env"]);
    let en = f.run(&["--lang", "en", "export", "--format", "env"]);
    assert_eq!(fr.stdout, en.stdout);
}

// =============================================================================================
// export --format json, and the JSON Schema
// =============================================================================================

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&schema()).expect("the schema compiles")
}

fn schema_errors(value: &Value) -> Vec<String> {
    validator()
        .iter_errors(value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn export_json_of_a_valid_consent_is_the_file() {
    let f = Fixture::new();
    f.save_custom();
    let out = f.run(&["export", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
    let exported: Value = serde_json::from_str(&out.stdout).expect("export prints JSON");
    let file: Value = serde_json::from_str(&fs::read_to_string(&f.consent).unwrap()).unwrap();
    assert_eq!(exported, file);
    let errors = schema_errors(&exported);
    assert!(
        errors.is_empty(),
        "export fails the schema: {errors:#?}\n{out:?}"
    );
}

#[test]
fn export_json_normalizes_a_hand_written_file() {
    // Unknown fields go, known ones keep their values; the result is a valid v1 file.
    let f = Fixture::new();
    f.save_edited(|v| {
        v["operator_note"] = "kiosk 3".into();
    });
    let out = f.run(&["export", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    let exported: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(exported.get("operator_note").is_none(), "{out:?}");
    assert_eq!(exported["categories"]["statistics"], true);
    let errors = schema_errors(&exported);
    assert!(errors.is_empty(), "{errors:#?}");
}

/// A valid custom decision whose dates are written with a +01:00 offset (RFC 3339 allows it;
/// another tool, or an operator, may write them so).
fn save_with_offset_dates(f: &Fixture) -> (OffsetDateTime, OffsetDateTime) {
    let decided = kiosk_consent::clock::now() - Duration::hours(3);
    let expires = decided + Duration::days(180);
    let plus_one = time::UtcOffset::from_hms(1, 0, 0).unwrap();
    let rfc = |at: OffsetDateTime| {
        at.to_offset(plus_one)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    f.save_edited(|v| {
        v["decided_at"] = rfc(decided).into();
        v["expires_at"] = rfc(expires).into();
    });
    let text = fs::read_to_string(&f.consent).unwrap();
    assert!(text.contains("+01:00"), "{text}");
    (decided, expires)
}

#[test]
fn export_json_normalizes_dates_to_utc() {
    // SPEC §2: `json` is "the consent file, normalized"; §3: "Times are RFC 3339 UTC"; and the
    // shipped schema wants a trailing Z.
    let f = Fixture::new();
    let (decided, expires) = save_with_offset_dates(&f);
    let out = f.run(&["export", "--format", "json"]);
    assert_eq!(out.code, 0, "{out:?}");
    let exported: Value = serde_json::from_str(&out.stdout).unwrap();
    let utc = |at: OffsetDateTime| {
        at.to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap()
    };
    assert_eq!(exported["decided_at"], utc(decided).as_str(), "{out:?}");
    assert_eq!(exported["expires_at"], utc(expires).as_str(), "{out:?}");
    let errors = schema_errors(&exported);
    assert!(
        errors.is_empty(),
        "a successful export fails the schema: {errors:#?}"
    );
}

#[test]
fn show_prints_dates_in_utc() {
    // `show` labels its dates "UTC": they must be in UTC whatever offset the file used.
    let f = Fixture::new();
    let (decided, expires) = save_with_offset_dates(&f);
    let out = f.run(&["show"]);
    assert_eq!(out.code, 0, "{out:?}");
    let first = lines(&out.stdout)[0].to_owned();
    assert_eq!(
        first,
        format!(
            "Consentement donné le {}, valable jusqu'au {}.",
            stamp(decided.to_offset(time::UtcOffset::UTC)),
            stamp(expires.to_offset(time::UtcOffset::UTC))
        ),
        "{out:?}"
    );
}

#[test]
fn files_written_by_store_save_validate_against_the_schema() {
    let p = policy();
    for (action, granted) in [
        (Decision::AcceptAll, [true; 4]),
        (Decision::RejectAll, [false; 4]),
        (Decision::Custom, [false, true, false, true]),
    ] {
        let f = Fixture::new();
        let record = Record::new(&p, "en-US", a_minute_ago(), action, &granted);
        store::save(&f.consent, &record).unwrap();
        let value: Value = serde_json::from_str(&fs::read_to_string(&f.consent).unwrap())
            .expect("the saved file is JSON");
        let errors = schema_errors(&value);
        assert!(errors.is_empty(), "{action:?}: {errors:#?}\n{value:#}");
        // SPEC §3: required categories always true; every cookie by its real name.
        assert_eq!(value["categories"]["necessary"], true);
        let cookies = value["cookies"].as_object().unwrap();
        let names: Vec<&str> = cookies.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "sessionid",
                "django_language",
                "csrftoken",
                "cookies_preferences"
            ]
        );
    }
}

#[test]
fn the_schema_really_checks_something() {
    let f = Fixture::new();
    let record = f.save_custom();
    let good: Value = serde_json::from_str(&record.to_json()).unwrap();
    assert!(validator().is_valid(&good));

    type Edit = fn(&mut Value);
    let bad: &[(&str, Edit)] = &[
        ("no policy_digest", |v| {
            v.as_object_mut().unwrap().remove("policy_digest");
        }),
        ("action maybe", |v| v["action"] = "maybe".into()),
        ("format v9", |v| v["format"] = "kiosk-consent/v9".into()),
        ("digest not sha256", |v| {
            v["policy_digest"] = "md5:abc".into()
        }),
        ("date not UTC", |v| {
            v["decided_at"] = "2026-12-01T10:30:00+01:00".into()
        }),
        ("category not boolean", |v| {
            v["categories"]["statistics"] = "yes".into()
        }),
        ("no categories", |v| {
            v.as_object_mut().unwrap().remove("categories");
        }),
    ];
    for (what, edit) in bad {
        let mut value = good.clone();
        edit(&mut value);
        assert!(
            !validator().is_valid(&value),
            "the schema accepts a file with {what}"
        );
    }
    // Readers ignore fields they do not know: so does the schema.
    let mut extra = good.clone();
    extra["future_field"] = 1.into();
    assert!(validator().is_valid(&extra));
}

#[test]
fn export_json_without_consent_refuses_everything_optional() {
    let f = Fixture::new();
    let out = f.run(&["export", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    let value: Value = serde_json::from_str(&out.stdout).expect("export prints JSON anyway");
    assert_eq!(value["format"], "kiosk-consent/v1");
    assert_eq!(value["policy_id"], "data-grigny91");
    assert_eq!(value["policy_version"], "1");
    assert_eq!(value["action"], "reject_all");
    assert_eq!(
        value["categories"],
        serde_json::json!({
            "necessary": true,
            "statistics": false,
            "first-party": false,
            "third-party": false
        })
    );
    // Every cookie of the embedded policy is a necessary one.
    for (name, state) in value["cookies"].as_object().unwrap() {
        assert_eq!(state, &Value::Bool(true), "cookie {name}");
    }
}

#[test]
fn export_json_with_an_invalid_consent_does_not_repeat_it() {
    let f = Fixture::new();
    f.save_edited(|v| {
        v["policy_version"] = "0".into();
        v["action"] = "accept_all".into();
        for c in ["statistics", "first-party", "third-party"] {
            v["categories"][c] = true.into();
        }
    });
    let out = f.run(&["export", "--format", "json"]);
    assert_eq!(out.code, 1, "{out:?}");
    let value: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(value["action"], "reject_all");
    assert_eq!(value["policy_version"], "1");
    assert_eq!(value["categories"]["statistics"], false);
    assert_eq!(value["categories"]["third-party"], false);
}

#[test]
fn export_with_an_unknown_format_is_a_usage_error() {
    let f = Fixture::new();
    f.save_custom();
    let out = f.run(&["export", "--format", "bogus"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert!(out.stderr.contains("bogus"), "{out:?}");
}

#[test]
fn export_without_a_format_is_a_usage_error() {
    let f = Fixture::new();
    let out = f.run(&["export"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
}

// =============================================================================================
// reset
// =============================================================================================

#[test]
fn reset_removes_the_decision() {
    let f = Fixture::new();
    f.save_custom();
    assert_eq!(f.run(&["get", "statistics"]).code, 0);
    let out = f.run(&["reset"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stdout, "", "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
    assert!(!f.consent.exists());
    let out = f.run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    let out = f.run(&["show"]);
    assert_eq!(out.code, 1, "{out:?}");
    // The folder stays; only the decision goes.
    assert!(f.consent.parent().unwrap().is_dir());
}

#[test]
fn reset_without_a_decision_exits_0() {
    let f = Fixture::new();
    let out = f.run(&["reset"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(out.stderr, "", "{out:?}");
    // And again.
    let out = f.run(&["reset"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn reset_removes_an_invalid_file_too() {
    let f = Fixture::new();
    f.write_raw(b"{not json");
    let out = f.run(&["reset"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(!f.consent.exists());
}

#[test]
fn reset_that_cannot_remove_says_which_file() {
    let f = Fixture::new();
    fs::create_dir_all(f.consent.join("inside")).unwrap();
    fs::write(f.consent.join("inside/keep.txt"), "keep").unwrap();
    let out = f.run(&["reset"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stderr.contains(&f.consent_str()),
        "path not named: {out:?}"
    );
    assert!(out.stderr.contains("impossible de supprimer"), "{out:?}");
    assert!(
        out.stderr.contains("c'est un dossier, pas un fichier"),
        "{out:?}"
    );
    assert!(lines(&out.stderr).len() <= 2, "one or two lines: {out:?}");
    assert_no_panic(&out);
    // Nothing of the operator's is removed.
    assert!(f.consent.join("inside/keep.txt").exists());

    let out = f.run(&["--lang", "en", "reset"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("cannot remove"), "{out:?}");
    assert!(out.stderr.contains(&f.consent_str()), "{out:?}");
}

// =============================================================================================
// check
// =============================================================================================

#[test]
fn check_embedded_policy() {
    let out = Kc::new().run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("OK"), "{out:?}");
    assert!(out.stdout.contains('4'), "{out:?}");
    assert!(out.stdout.contains("fr-FR, en-US"), "{out:?}");
    assert_eq!(
        out.stdout,
        "OK : 4 catégories, 4 cookies, langues fr-FR, en-US.\n"
    );
    assert_eq!(out.stderr, "", "{out:?}");

    let out = Kc::new().run(&["--lang", "en", "check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "OK: 4 categories, 4 cookies, locales fr-FR, en-US.\n"
    );
}

#[test]
fn check_a_copy_of_the_shipped_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    assert!(!dir.join("consent.schema.json").exists());
    let out = Kc::new().run(&["--policy", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "OK : 4 catégories, 4 cookies, langues fr-FR, en-US.\n"
    );
    // Through the environment too.
    let out = Kc::new().env("KIOSK_CONSENT_POLICY", &dir).run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
}

/// Runs `check` on `dir` and returns the output, asserting exit 1.
fn check_fails(dir: &Path) -> Out {
    let out = Kc::new().run(&["--policy", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.code, 1, "{out:?}");
    // Not `contains("OK")`: a temporary folder's random name may hold those two letters.
    assert!(!out.stdout.lines().any(|l| l.starts_with("OK")), "{out:?}");
    assert_no_panic(&out);
    out
}

#[test]
fn check_toml_syntax_error_with_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "policy.toml", |t| {
        replace_once(t, "consent_days = 180", "consent_days = = 180")
    });
    let text = fs::read_to_string(dir.join("policy.toml")).unwrap();
    let line = line_of(&text, "consent_days = = 180");
    let out = check_fails(&dir);
    // The second `=` is at column 16.
    let prefix = format!(
        "{}:{line}:16: erreur de syntaxe TOML",
        display(&dir.join("policy.toml"))
    );
    assert!(
        lines(&out.stdout).iter().any(|l| l.starts_with(&prefix)),
        "no line starting with {prefix:?}: {out:?}"
    );
    assert!(
        lines(&out.stdout)[0].starts_with(&prefix),
        "first problem is not the syntax error: {out:?}"
    );
}

#[test]
fn check_toml_unterminated_string_names_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "policy.toml", |t| {
        replace_once(t, "version = \"1\"", "version = \"1")
    });
    let text = fs::read_to_string(dir.join("policy.toml")).unwrap();
    let line = line_of(&text, "version = \"1");
    let out = check_fails(&dir);
    let prefix = format!("{}:{line}:", display(&dir.join("policy.toml")));
    let first = lines(&out.stdout)[0];
    assert!(
        first.starts_with(&prefix),
        "{first:?} is not on line {line}: {out:?}"
    );
    assert!(first.contains("erreur de syntaxe TOML"), "{out:?}");
}

#[test]
fn check_unknown_key_with_its_exact_position() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "policy.toml", |t| {
        replace_once(
            t,
            "id = \"statistics\"\n",
            "id = \"statistics\"\n  requierd = true\n",
        )
    });
    let text = fs::read_to_string(dir.join("policy.toml")).unwrap();
    let line = line_of(&text, "  requierd = true");
    let out = check_fails(&dir);
    assert_eq!(
        out.stdout,
        format!(
            "{}:{line}:3: clé inconnue « requierd »\n",
            display(&dir.join("policy.toml"))
        )
    );
    let out = Kc::new().run(&["--lang", "en", "--policy", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        out.stdout,
        format!(
            "{}:{line}:3: unknown key \"requierd\"\n",
            display(&dir.join("policy.toml"))
        )
    );
}

#[test]
fn check_cookie_with_unknown_category() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "policy.toml", |t| {
        replace_once(t, "category = \"necessary\"", "category = \"analytics\"")
    });
    let text = fs::read_to_string(dir.join("policy.toml")).unwrap();
    let line = line_of(&text, "category = \"analytics\"");
    let out = check_fails(&dir);
    let prefix = format!("{}:{line}:", display(&dir.join("policy.toml")));
    assert!(
        lines(&out.stdout)
            .iter()
            .any(|l| l.starts_with(&prefix) && l.contains("catégorie inconnue « analytics »")),
        "{out:?}"
    );
}

#[test]
fn check_missing_category_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "locales/fr-FR/policy.ftl", |t| {
        t.lines()
            .filter(|l| {
                !l.starts_with("category-statistics") && !l.contains("Ils comptent les visites")
            })
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let out = check_fails(&dir);
    let file = display(&dir.join("locales/fr-FR/policy.ftl"));
    assert!(
        lines(&out.stdout)
            .iter()
            .any(|l| l.starts_with(&format!("{file}:"))
                && l.ends_with("message manquant « category-statistics »")),
        "{out:?}"
    );
    // Only the French file lacks it.
    assert_eq!(lines(&out.stdout).len(), 1, "{out:?}");
}

#[test]
fn check_missing_charter_for_the_default_locale() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    fs::remove_file(dir.join("charter/fr-FR.md")).unwrap();
    let out = check_fails(&dir);
    assert!(
        out.stdout.contains(&format!(
            "{}:24:18: la langue par défaut fr-FR n'a pas de charte (charter/fr-FR.md)",
            display(&dir.join("policy.toml"))
        )),
        "{out:?}"
    );
}

#[test]
fn check_the_other_problems_of_spec_section_4() {
    type Edit = fn(&Path);
    // (what, edit, line of policy.toml holding this text or None, message)
    let cases: &[(&str, Edit, &str, &str, &str)] = &[
        (
            "required with a default",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(t, "required = true\n", "required = true\ndefault = false\n")
                })
            },
            "policy.toml",
            "default = false",
            "la catégorie obligatoire « necessary » ne peut pas avoir de valeur par défaut",
        ),
        (
            "duplicate id",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(t, "id = \"csrftoken\"", "id = \"sessionid\"")
                })
            },
            "policy.toml",
            "id = \"sessionid\"\nname = \"csrftoken\"",
            "l'identifiant « sessionid » est utilisé deux fois",
        ),
        (
            "id against the pattern",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(t, "id = \"third-party\"", "id = \"Third_party\"")
                })
            },
            "policy.toml",
            "id = \"Third_party\"",
            "« Third_party » n'est pas un identifiant valable",
        ),
        (
            "policy id against the pattern",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(t, "id = \"data-grigny91\"", "id = \"Data Grigny\"")
                })
            },
            "policy.toml",
            "id = \"Data Grigny\"",
            "« Data Grigny » n'est pas un identifiant valable",
        ),
        (
            "consent_days out of range",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(t, "consent_days = 180", "consent_days = 400")
                })
            },
            "policy.toml",
            "consent_days = 400",
            "consent_days doit être entre 1 et 395 (13 mois), pas 400",
        ),
        (
            "wrong type",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(t, "consent_days = 180", "consent_days = \"180\"")
                })
            },
            "policy.toml",
            "consent_days = \"180\"",
            "« consent_days » doit être un nombre entier",
        ),
        (
            "missing key",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(t, "site = \"https://www.data.grigny91.fr\"\n", "")
                })
            },
            "policy.toml",
            "",
            "clé manquante « site »",
        ),
        (
            "site not http",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(
                        t,
                        "site = \"https://www.data.grigny91.fr\"",
                        "site = \"ftp://x\"",
                    )
                })
            },
            "policy.toml",
            "site = \"ftp://x\"",
            "site doit être une adresse http:// ou https://, pas « ftp://x »",
        ),
        (
            "bad domain",
            |d| {
                edit_file(d, "policy.toml", |t| {
                    replace_once(
                        t,
                        "domains = [\"data.grigny91.fr\"]",
                        "domains = [\"data grigny\"]",
                    )
                })
            },
            "policy.toml",
            "domains = [\"data grigny\"]",
            "« data grigny » n'est pas un hôte qu'un navigateur reconnaît",
        ),
        (
            "policy.toml not UTF-8",
            |d| {
                let path = d.join("policy.toml");
                let mut bytes = b"# \xff\n".to_vec();
                bytes.extend(fs::read(&path).unwrap());
                fs::write(&path, bytes).unwrap();
            },
            "policy.toml",
            "",
            "ce fichier n'est pas du texte UTF-8 valable",
        ),
        (
            "Fluent syntax error",
            |d| {
                edit_file(d, "locales/en-US/policy.ftl", |t| {
                    replace_once(
                        t,
                        "cookie-sessionid-service = ",
                        "cookie-sessionid-service = { ",
                    )
                })
            },
            "locales/en-US/policy.ftl",
            "cookie-sessionid-service = { ",
            "erreur de syntaxe Fluent",
        ),
        (
            "charter without messages",
            |d| {
                fs::copy(d.join("charter/en-US.md"), d.join("charter/de-DE.md")).unwrap();
            },
            "charter/de-DE.md",
            "",
            "la langue de-DE a une charte mais pas de locales/de-DE/policy.ftl",
        ),
        (
            "messages without charter",
            |d| {
                fs::create_dir_all(d.join("locales/de-DE")).unwrap();
                fs::copy(
                    d.join("locales/en-US/policy.ftl"),
                    d.join("locales/de-DE/policy.ftl"),
                )
                .unwrap();
            },
            "locales/de-DE/policy.ftl",
            "",
            "la langue de-DE a des messages mais pas de charter/de-DE.md",
        ),
    ];
    for (what, edit, file, located, message) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = policy_copy(tmp.path(), "policy");
        edit(&dir);
        let out = check_fails(&dir);
        let line = if located.is_empty() {
            1
        } else {
            let text = fs::read_to_string(dir.join(file)).unwrap();
            let first = located.lines().next().unwrap();
            // The duplicate is the second `id = "sessionid"`.
            let nth = if *what == "duplicate id" { 1 } else { 0 };
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.contains(first))
                .nth(nth)
                .map(|(i, _)| i + 1)
                .unwrap_or_else(|| panic!("{what}: {first:?} not in {file}"))
        };
        let prefix = format!("{}:{line}:", display(&dir.join(file)));
        assert!(
            lines(&out.stdout)
                .iter()
                .any(|l| l.starts_with(&prefix) && l.contains(message)),
            "{what}: no line starting with {prefix:?} and saying {message:?}: {out:?}"
        );
    }
}

#[test]
fn check_missing_attribute_is_located_at_the_message() {
    // SPEC §4: `check` reports a missing Fluent message part "with file, line and column".
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "locales/fr-FR/policy.ftl", |t| {
        t.lines()
            .filter(|l| !l.contains("Ils comptent les visites"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    let text = fs::read_to_string(dir.join("locales/fr-FR/policy.ftl")).unwrap();
    let line = line_of(&text, "category-statistics = ");
    let out = check_fails(&dir);
    assert_eq!(
        out.stdout,
        format!(
            "{}:{line}:1: le message « category-statistics » n'a pas d'attribut .description\n",
            display(&dir.join("locales/fr-FR/policy.ftl"))
        )
    );
}

#[test]
fn check_extra_message_is_located_at_the_message() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "locales/en-US/policy.ftl", |t| {
        format!("{t}\ncategory-advertising = Advertising\n    .description = Ads.\n")
    });
    let text = fs::read_to_string(dir.join("locales/en-US/policy.ftl")).unwrap();
    let line = line_of(&text, "category-advertising = ");
    let out = check_fails(&dir);
    assert_eq!(
        out.stdout,
        format!(
            "{}:{line}:1: message inattendu « category-advertising » (ni catégorie, ni cookie, \
             ni message de l'interface)\n",
            display(&dir.join("locales/en-US/policy.ftl"))
        )
    );
}

#[test]
fn check_reports_unknown_messages_in_ui_override_files() {
    // SPEC §4: a policy's locales/ "may also override any UI message", and `check` reports
    // "a locale ... with a missing/extra Fluent message": a message that is neither a policy
    // message nor a UI message, in any of the locale's Fluent files, is extra.
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    fs::write(
        dir.join("locales/fr-FR/ui.ftl"),
        "state-accepted = oui\nstate-acepted = oui\n",
    )
    .unwrap();
    let out = check_fails(&dir);
    assert!(
        out.stdout.contains(&format!(
            "{}:2:1:",
            display(&dir.join("locales/fr-FR/ui.ftl"))
        )) && out.stdout.contains("state-acepted"),
        "{out:?}"
    );
}

#[test]
fn a_policy_may_override_ui_messages() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    fs::write(dir.join("locales/fr-FR/ui.ftl"), "state-accepted = oui\n").unwrap();
    let out = Kc::new().run(&["--policy", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.code, 0, "{out:?}");
    let f = Fixture::new();
    f.save_custom();
    let out = Kc::at(&f.consent).run(&["--policy", dir.to_str().unwrap(), "show"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Statistiques : oui"), "{out:?}");
    assert!(
        out.stdout.contains("Tiers (third-party) : refusé"),
        "{out:?}"
    );
}

#[test]
fn check_a_policy_folder_that_does_not_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nowhere");
    let out = check_fails(&dir);
    assert_eq!(
        out.stdout,
        format!(
            "{}:1:1: impossible de lire ce fichier : le fichier ou le dossier n'existe pas\n",
            display(&dir.join("policy.toml"))
        )
    );
}

#[test]
fn check_problems_in_english() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    fs::remove_file(dir.join("charter/fr-FR.md")).unwrap();
    let out = Kc::new().run(&["--lang", "en", "--policy", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(
        out.stdout.contains(&format!(
            "{}:24:18: the default locale fr-FR has no charter (charter/fr-FR.md)",
            display(&dir.join("policy.toml"))
        )),
        "{out:?}"
    );
}

// =============================================================================================
// A broken policy stops every command
// =============================================================================================

/// A policy folder with `n` unknown top-level keys, each its own problem, on lines 1..=n.
fn policy_with_unknown_keys(root: &Path, n: usize) -> PathBuf {
    let dir = policy_copy(root, &format!("broken-{n}"));
    edit_file(&dir, "policy.toml", |t| {
        let mut head = String::new();
        for i in 1..=n {
            head.push_str(&format!("unknown{i} = {i}\n"));
        }
        head + &t
    });
    dir
}

#[test]
fn a_broken_policy_stops_every_command_with_the_check_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "policy.toml", |t| {
        replace_once(t, "category = \"necessary\"", "category = \"analytics\"")
    });
    let check = check_fails(&dir);
    let f = Fixture::new();
    f.save_custom();
    let commands: &[&[&str]] = &[
        &["get", "statistics"],
        &["get", "necessary"],
        &["show"],
        &["export", "--format", "env"],
        &["export", "--format", "json"],
    ];
    for args in commands {
        let mut all = vec!["--policy", dir.to_str().unwrap()];
        all.extend_from_slice(args);
        let out = f.run(&all);
        assert_eq!(out.code, 1, "{args:?}: {out:?}");
        assert_eq!(
            out.stderr, check.stdout,
            "{args:?}: not the lines of check: {out:?}"
        );
        assert_eq!(out.stdout, "", "{args:?}: {out:?}");
        assert_no_panic(&out);
    }
    // Through the environment too.
    let out = Kc::at(&f.consent)
        .env("KIOSK_CONSENT_POLICY", &dir)
        .run(&["get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stderr, check.stdout, "{out:?}");
}

#[test]
fn a_broken_policy_shows_five_problems_then_how_many_more() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_with_unknown_keys(tmp.path(), 8);
    let check = check_fails(&dir);
    let all = lines(&check.stdout);
    assert_eq!(all.len(), 8, "check lists every problem: {check:?}");
    let f = Fixture::new();
    for args in [&["get", "statistics"][..], &["show"][..]] {
        let mut argv = vec!["--policy", dir.to_str().unwrap()];
        argv.extend_from_slice(args);
        let out = f.run(&argv);
        assert_eq!(out.code, 1, "{out:?}");
        let got = lines(&out.stderr);
        assert_eq!(got.len(), 6, "{out:?}");
        assert_eq!(got[..5], all[..5], "{out:?}");
        assert!(got[5].starts_with("… et 3 de plus"), "{out:?}");
        assert_eq!(got[5], "… et 3 de plus ; lancez `kiosk-consent check`.");
    }
    let out = f.run(&["--lang", "en", "--policy", dir.to_str().unwrap(), "show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(
        lines(&out.stderr)[5],
        "… and 3 more; run `kiosk-consent check`.",
        "{out:?}"
    );
    assert!(
        lines(&out.stderr)[0].ends_with("unknown key \"unknown1\""),
        "{out:?}"
    );
}

#[test]
fn a_broken_policy_with_exactly_five_problems_lists_them_all() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_with_unknown_keys(tmp.path(), 5);
    let check = check_fails(&dir);
    let f = Fixture::new();
    let out = f.run(&["--policy", dir.to_str().unwrap(), "get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stderr, check.stdout, "{out:?}");
    assert_eq!(lines(&out.stderr).len(), 5, "{out:?}");
}

#[test]
fn a_new_policy_version_invalidates_earlier_consents() {
    let tmp = tempfile::tempdir().unwrap();
    let same = policy_copy(tmp.path(), "same");
    let newer = policy_copy(tmp.path(), "newer");
    edit_file(&newer, "policy.toml", |t| {
        replace_once(t, "version = \"1\"", "version = \"2\"")
    });
    assert_eq!(
        Kc::new()
            .run(&["--policy", newer.to_str().unwrap(), "check"])
            .code,
        0
    );
    let f = Fixture::new();
    f.save_custom(); // for the embedded policy, version "1"

    // The same policy from a folder: the consent holds (the digest is not used for validity).
    let out = f.run(&["--policy", same.to_str().unwrap(), "get", "statistics"]);
    assert_eq!(out.code, 0, "{out:?}");

    let out = f.run(&["--policy", newer.to_str().unwrap(), "get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    let out = f.run(&["--policy", newer.to_str().unwrap(), "get", "necessary"]);
    assert_eq!(out.code, 1, "{out:?}");
    let out = f.run(&["--policy", newer.to_str().unwrap(), "show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("Aucun consentement valable"), "{out:?}");
    assert!(out.stdout.contains("(1)"), "{out:?}");
    let out = f.run(&[
        "--policy",
        newer.to_str().unwrap(),
        "export",
        "--format",
        "env",
    ]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(out.stdout, ENV_REFUSED);
}

#[test]
fn a_policy_folder_with_its_own_categories_drives_get_and_env() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    // Drop the third-party category and its messages.
    edit_file(&dir, "policy.toml", |t| {
        replace_once(
            t,
            "[[categories]]\n# Cookies set by or for another organisation (advertising, embeds...).\nid = \"third-party\"\ndefault = false\n",
            "",
        )
    });
    for locale in ["fr-FR", "en-US"] {
        edit_file(&dir, &format!("locales/{locale}/policy.ftl"), |t| {
            let mut out = String::new();
            let mut skip = false;
            for l in t.lines() {
                if l.starts_with("category-third-party") {
                    skip = true;
                    continue;
                }
                if skip && l.starts_with("    .") {
                    continue;
                }
                skip = false;
                out.push_str(l);
                out.push('\n');
            }
            out
        });
    }
    let out = Kc::new().run(&["--policy", dir.to_str().unwrap(), "check"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("3 catégories"), "{out:?}");
    let f = Fixture::new();
    f.save_custom(); // embedded policy: same id and version, one more category
    let out = f.run(&[
        "--policy",
        dir.to_str().unwrap(),
        "export",
        "--format",
        "env",
    ]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        "KIOSK_CONSENT_VALID=1\nKIOSK_CONSENT_NECESSARY=1\nKIOSK_CONSENT_STATISTICS=1\n\
         KIOSK_CONSENT_FIRST_PARTY=0\n"
    );
    let out = f.run(&["--policy", dir.to_str().unwrap(), "get", "third-party"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        out.stderr.contains("necessary, statistics, first-party)"),
        "{out:?}"
    );
}

// =============================================================================================
// Options, help, version
// =============================================================================================

#[test]
fn a_bad_language_tag_is_a_usage_error() {
    let f = Fixture::new();
    for args in [
        &["--lang", "not_a_tag!!", "path"][..],
        &["--lang", "not_a_tag!!", "get", "statistics"][..],
        &["--lang", "not_a_tag!!", "check"][..],
    ] {
        let out = f.run(args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{out:?}");
        assert!(out.stderr.contains("not_a_tag!!"), "{out:?}");
        assert!(
            out.stderr.contains("n'est pas une étiquette de langue"),
            "{out:?}"
        );
        assert_no_panic(&out);
    }
}

#[test]
fn a_language_the_policy_lacks_falls_back_to_its_default() {
    let f = Fixture::new();
    f.save_custom();
    let out = f.run(&["--lang", "de", "show"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Statistiques : accepté"), "{out:?}");
    let out = f.run(&["--lang", "en-GB", "show"]);
    assert!(out.stdout.contains("Statistics: accepted"), "{out:?}");
}

#[test]
fn help_mentions_every_command() {
    let out = Kc::new().run(&["--help"]);
    assert_eq!(out.code, 0, "{out:?}");
    // SPEC §2's commands, including `log verify`.
    let missing: Vec<&str> = [
        "run", "get", "show", "export", "check", "path", "reset", "log",
    ]
    .into_iter()
    .filter(|command| {
        !out.stdout
            .lines()
            .any(|l| l.trim_start().starts_with(&format!("{command} ")))
    })
    .collect();
    assert!(
        missing.is_empty(),
        "--help does not list {missing:?}: {out:?}"
    );
    for option in ["--policy", "--consent-file", "--lang"] {
        assert!(out.stdout.contains(option), "{option} missing: {out:?}");
    }
}

#[test]
fn help_of_a_command_exits_0_in_the_ui_language() {
    for command in [
        "get", "show", "export", "check", "path", "reset", "site", "doctor",
    ] {
        let out = Kc::new().run(&[command, "--help"]);
        assert_eq!(out.code, 0, "{command} --help: {out:?}");
        assert!(out.stdout.contains("Utilisation :"), "{command}: {out:?}");
        assert!(!out.stdout.contains("Usage"), "{command}: {out:?}");
        // `help COMMAND` says the same.
        let help = Kc::new().run(&["help", command]);
        assert_eq!(
            (help.code, &help.stdout),
            (0, &out.stdout),
            "help {command}"
        );
        let en = Kc::new().run(&["--lang", "en", command, "--help"]);
        assert!(en.stdout.contains("Usage:"), "{command}: {en:?}");
    }
    // `help --help` is the help of `help`, not an unknown command.
    let out = Kc::new().run(&["help", "--help"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Afficher cette aide"), "{out:?}");
    let out = Kc::new().run(&["help", "log", "verify"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("chaîne du journal"), "{out:?}");
    // The exit codes, in the UI language.
    let out = Kc::new().run(&["--help"]);
    for code in [
        "0 décision enregistrée",
        "3 parti sans décider",
        "4 l'opérateur a quitté",
    ] {
        assert!(out.stdout.contains(code), "{code}: {out:?}");
    }
    let out = Kc::new().run(&["help", "nope"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("commande inconnue « nope »"), "{out:?}");
    let out = Kc::new().run(&["export", "--help"]);
    assert!(
        out.stdout.contains("json") && out.stdout.contains("env"),
        "{out:?}"
    );
}

#[test]
fn version_names_the_consent_file_format() {
    let out = Kc::new().run(&["--version"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert_eq!(
        out.stdout,
        format!(
            "kiosk-consent {} (consent file format kiosk-consent/v1)\n",
            env!("CARGO_PKG_VERSION")
        )
    );
}

#[test]
fn an_unknown_command_or_option_is_a_usage_error() {
    let f = Fixture::new();
    for args in [&["frobnicate"][..], &["--frobnicate", "path"][..]] {
        let out = f.run(args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert_eq!(out.stdout, "", "{out:?}");
    }
}

// =============================================================================================
// Nothing from a consent file reaches the terminal as control characters
// =============================================================================================

const FORBIDDEN: &[char] = &['\u{1b}', '\u{9b}', '\u{7}', '\u{202e}', '\u{2066}'];

fn assert_clean(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b),
        "{what}: an ESC byte reached the terminal: {:?}",
        String::from_utf8_lossy(bytes)
    );
    let text = String::from_utf8_lossy(bytes);
    for c in FORBIDDEN {
        assert!(
            !text.contains(*c),
            "{what}: {c:?} reached the terminal: {text:?}"
        );
    }
}

#[test]
fn show_does_not_print_escape_sequences_from_the_policy_id() {
    let f = Fixture::new();
    f.save_edited(|v| v["policy_id"] = "\u{1b}[31mevil\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}x".into());
    let out = f.run(&["show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stdout.contains("autre politique"), "{out:?}");
    assert!(
        out.stdout.contains("[31mevil"),
        "the text stays readable: {out:?}"
    );
    assert_clean("show stdout", &out.raw_stdout);
    assert_clean("show stderr", &out.raw_stderr);
    let out = f.run(&["--lang", "en", "show"]);
    assert_clean("show --lang en", &out.raw_stdout);
}

#[test]
fn show_does_not_print_escape_sequences_from_other_fields() {
    type Edit = fn(&mut Value);
    let cases: &[(&str, Edit)] = &[
        ("format", |v| {
            v["format"] = "kiosk-consent/\u{1b}[2Jv9".into()
        }),
        ("policy_version", |v| {
            v["policy_version"] = "0\u{1b}[31m\nfake line".into()
        }),
    ];
    for (what, edit) in cases {
        let f = Fixture::new();
        f.save_edited(edit);
        let out = f.run(&["show"]);
        assert_eq!(out.code, 1, "{what}: {out:?}");
        assert_clean(what, &out.raw_stdout);
        assert_eq!(
            lines(&out.stdout).len(),
            2,
            "{what}: a field faked a line: {out:?}"
        );
    }
}

#[test]
fn export_does_not_print_raw_control_characters() {
    let f = Fixture::new();
    f.save_edited(|v| {
        v["locale"] = "fr\u{1b}[31m".into();
        v["categories"]["\u{1b}]0;x\u{7}"] = true.into();
    });
    for format in ["json", "env"] {
        let out = f.run(&["export", "--format", format]);
        assert_eq!(out.code, 0, "{format}: {out:?}");
        assert!(!out.raw_stdout.contains(&0x1b), "{format}: {out:?}");
        assert!(!out.raw_stdout.contains(&0x07), "{format}: {out:?}");
    }
}

#[test]
fn check_does_not_print_escape_sequences_from_the_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = policy_copy(tmp.path(), "policy");
    edit_file(&dir, "policy.toml", |t| {
        replace_once(t, "id = \"statistics\"", "id = \"st\\u001b[31mats\\u0007\"")
    });
    let out = check_fails(&dir);
    assert!(out.stdout.contains("st[31mats"), "{out:?}");
    assert_clean("check stdout", &out.raw_stdout);
    let f = Fixture::new();
    let out = f.run(&["--policy", dir.to_str().unwrap(), "show"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_clean("refusal on stderr", &out.raw_stderr);
}

#[test]
fn get_does_not_echo_escape_sequences_from_its_argument() {
    let f = Fixture::new();
    let out = f.run(&["get", "\u{1b}[31mred\u{7}\nfake line"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("[31mred"), "{out:?}");
    assert_eq!(
        lines(&out.stderr).len(),
        1,
        "the argument faked a line: {out:?}"
    );
    assert_clean("get stderr", &out.raw_stderr);
}

// ---------------------------------------------------------------------------------------------
// Commands that need no policy, empty variables, browser exports
// ---------------------------------------------------------------------------------------------

/// A policy folder that does not load.
fn broken_policy(root: &Path) -> PathBuf {
    let dir = policy_copy(root, "broken");
    edit_file(&dir, "policy.toml", |t| {
        replace_once(t, "consent_days = 180", "consent_days = 0")
    });
    dir
}

#[test]
fn path_and_reset_work_even_with_a_broken_policy() {
    let tmp = tempfile::tempdir().unwrap();
    let consent = tmp.path().join("consent.json");
    fs::write(&consent, "{}").unwrap();
    let policy = broken_policy(tmp.path());
    let policy = display(&policy);
    let out = Kc::at(&consent).run(&["--policy", &policy, "path"]);
    assert_eq!(
        (out.code, out.stdout.trim()),
        (0, display(&consent).as_str()),
        "{out:?}"
    );
    let out = Kc::at(&consent).run(&["--policy", &policy, "reset"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        !consent.exists(),
        "reset removed the previous visitor's decision"
    );
    // Commands that need the policy still refuse it.
    let out = Kc::at(&consent).run(&["--policy", &policy, "get", "statistics"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("consent_days"), "{out:?}");
}

#[test]
fn empty_environment_variables_count_as_unset() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Kc::new()
        .env("KIOSK_CONSENT_POLICY", "")
        .env("KIOSK_CONSENT_FILE", "")
        .env("HOME", tmp.path())
        .env_remove("XDG_DATA_HOME")
        .run(&["path"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(
        out.stdout.trim().ends_with("kiosk-consent/consent.json"),
        "{out:?}"
    );
    let out = Kc::new().env("KIOSK_CONSENT_POLICY", "").run(&["check"]);
    assert_eq!(out.code, 0, "{out:?}");
}

#[test]
fn browser_exports_enforce_the_decision() {
    let tmp = tempfile::tempdir().unwrap();
    let consent = tmp.path().join("consent.json");
    let p = policy();
    let record = Record::new(
        &p,
        "fr-FR",
        a_minute_ago(),
        Decision::Custom,
        &[true, true, false, false],
    );
    store::save(&consent, &record).unwrap();
    let out = Kc::at(&consent).run(&["export", "--format", "chromium"]);
    assert_eq!(out.code, 0, "{out:?}");
    let chromium: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        chromium["BlockThirdPartyCookies"], true,
        "third-party refused"
    );
    assert_eq!(
        chromium["CookiesSessionOnlyForUrls"],
        serde_json::json!(["[*.]data.grigny91.fr"])
    );
    let out = Kc::at(&consent).run(&["export", "--format", "firefox"]);
    assert_eq!(out.code, 0, "{out:?}");
    let firefox: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(firefox["policies"]["Cookies"]["Behavior"], "reject-foreign");
    let gpc = &firefox["policies"]["Preferences"]["privacy.globalprivacycontrol.enabled"];
    assert_eq!(gpc["Value"], true, "an optional category was refused");
    // Everything accepted: nothing blocked, no privacy signal.
    let record = Record::new(&p, "fr-FR", a_minute_ago(), Decision::AcceptAll, &[true; 4]);
    store::save(&consent, &record).unwrap();
    let chromium: serde_json::Value = serde_json::from_str(
        &Kc::at(&consent)
            .run(&["export", "--format", "chromium"])
            .stdout,
    )
    .unwrap();
    assert_eq!(chromium["BlockThirdPartyCookies"], false);
    let firefox: serde_json::Value = serde_json::from_str(
        &Kc::at(&consent)
            .run(&["export", "--format", "firefox"])
            .stdout,
    )
    .unwrap();
    assert_eq!(
        firefox["policies"]["Preferences"]["privacy.globalprivacycontrol.enabled"]["Value"],
        false
    );
    // No valid consent: the strict configuration, exit 1.
    fs::remove_file(&consent).unwrap();
    let out = Kc::at(&consent).run(&["export", "--format", "chromium"]);
    assert_eq!(out.code, 1, "{out:?}");
    let chromium: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(chromium["BlockThirdPartyCookies"], true);
}

#[test]
fn log_verify_without_a_log_is_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Kc::at(&tmp.path().join("consent.json")).run(&["log", "verify"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Journal intact : 0"), "{out:?}");
}

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

#[test]
fn dialog_options_are_refused_by_other_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Kc::at(&tmp.path().join("consent.json")).run(&["--kiosk", "get", "statistics"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("options du dialogue"), "{out:?}");
}
