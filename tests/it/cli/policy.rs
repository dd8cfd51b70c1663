//! `--policy`: a policy folder that does not load stops every command that needs it with the
//! lines of `check`; a folder that loads drives every command.

use super::*;

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
