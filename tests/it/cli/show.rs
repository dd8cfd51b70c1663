//! `show`: the decision in the visitor's words, or why there is none, in the UI language.

use super::*;

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

/// SIGPIPE does not kill the program (its `main` is its own, not Rust's, which ignores it):
/// `show` still answers with its exit code whether the consent is valid.
#[test]
fn a_reader_that_went_away_does_not_kill_the_program() {
    use std::os::unix::process::ExitStatusExt;
    let f = Fixture::new();
    f.save_custom();
    let status = Kc::at(&f.consent).into_closed_pipe(&["show"]);
    assert_eq!(
        (status.code(), status.signal()),
        (Some(0), None),
        "{status:?}"
    );
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
