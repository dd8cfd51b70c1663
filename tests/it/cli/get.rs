//! `get CATEGORY`: exit 0 only for a category a valid decision grants; 1 for anything else (no
//! file, a damaged, expired or foreign one); 2 for a category the policy does not have.

use super::*;

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
fn get_with_two_categories_is_a_usage_error() {
    let f = Fixture::new();
    let out = f.run(&["get", "statistics", "necessary"]);
    assert_eq!(out.code, 2, "{out:?}");
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
