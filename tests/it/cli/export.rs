//! `export --format env|json|chromium|firefox|site-banner`: what a launcher reads, safe to `eval`, the
//! strictest answer when there is no valid decision; and the JSON Schema the files follow.

use super::*;

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

/// The shipped policy, told that the site runs tarteaucitron.
fn with_tarteaucitron(f: &Fixture) -> PathBuf {
    let dir = policy_copy(f.path(), "banner-policy");
    let toml = fs::read_to_string(dir.join("policy.toml")).unwrap()
        + "\n[site_banner]\nmanager = \"tarteaucitron\"\n[site_banner.services]\n\
           gtag = \"statistics\"\nyoutube = \"third-party\"\n";
    fs::write(dir.join("policy.toml"), toml).unwrap();
    dir
}

#[test]
fn export_site_banner_carries_the_decision_to_the_sites_manager() {
    let f = Fixture::new();
    let dir = with_tarteaucitron(&f);
    let policy_arg = dir.to_str().unwrap();
    let policy = kiosk_consent::policy::load(&kiosk_consent::policy::Origin::Dir(dir.clone()))
        .expect("the policy with [site_banner] loads");
    let record = Record::new(
        &policy,
        "fr-FR",
        a_minute_ago(),
        Decision::Custom,
        &[true, true, false, false],
    );
    store::save(&f.consent, &record).unwrap();
    let out = f.run(&["--policy", policy_arg, "export", "--format", "site-banner"]);
    assert_eq!(out.code, 0, "{out:?}");
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["manager"], "tarteaucitron");
    assert_eq!(v["cookie"]["name"], "tarteaucitron");
    assert_eq!(v["cookie"]["value"], "!gtag=true!youtube=false");
    assert_eq!(v["cookie"]["domain"], "www.data.grigny91.fr");
    assert_eq!(v["cookie"]["host_only"], true);
    assert_eq!(v["cookie"]["secure"], true);

    // No valid decision: nothing to carry, the site's banner asks; exit 1 as every export.
    let out = f.run(&["reset"]);
    assert_eq!(out.code, 0, "{out:?}");
    let out = f.run(&["--policy", policy_arg, "export", "--format", "site-banner"]);
    assert_eq!(out.code, 1, "{out:?}");
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        v,
        serde_json::json!({"manager": "tarteaucitron", "cookie": null})
    );
}

#[test]
fn export_site_banner_without_a_banner_carries_nothing() {
    let f = Fixture::new();
    f.save_custom();
    let out = f.run(&["export", "--format", "site-banner"]);
    assert_eq!(out.code, 0, "{out:?}");
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v, serde_json::json!({"manager": null, "cookie": null}));
}
