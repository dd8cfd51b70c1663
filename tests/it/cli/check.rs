//! `check`: a policy folder's problems, each at its file, line and column, in the UI language.

use super::*;

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

/// Each problem of the one table of `check` problems (`policy_check::cases`), as the command
/// prints it: on a line of its own, at its file, line and column, in French.
#[test]
fn check_the_other_problems_of_spec_section_4() {
    for case in crate::policy_check::cases() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("policy");
        crate::policy_check::write(&dir, &*case.edit);
        let out = check_fails(&dir);
        let (file, line, col, _) = &case.problem;
        let expected = format!("{}:{line}:{col}: {}\n", display(&dir.join(file)), case.says);
        assert_eq!(out.stdout, expected, "{}: {out:?}", case.name);
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
