//! What every command shares: usage errors, `--lang` and the locale variables, `--help`,
//! `--version`, empty variables.

use super::*;

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
fn a_mistake_is_said_in_the_language_asked_for_even_after_it() {
    let f = Fixture::new();
    // Wherever --lang stands, before or after the mistake, in either spelling.
    for args in [
        &["--bogus", "--lang", "en"][..],
        &["--lang=en", "--bogus"][..],
        &["get", "--lang", "en"][..],
    ] {
        let out = f.run(args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(
            out.stderr.contains("Run `kiosk-consent --help`"),
            "{args:?} must be answered in English: {out:?}"
        );
    }
    // And --help in English after a command.
    let out = f.run(&["get", "--help", "--lang", "en"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Usage:"), "{out:?}");
}

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
fn dialog_options_are_refused_by_other_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Kc::at(&tmp.path().join("consent.json")).run(&["--kiosk", "get", "statistics"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("options du dialogue"), "{out:?}");
}
