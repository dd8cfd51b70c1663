//! What a consent file the program wrote must be: the shipped JSON Schema, the default
//! policy's categories and cookies, mode 0644, no temporary file left beside it, and a valid
//! consent for `show`.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

use super::{CATEGORIES, COOKIES, Kc};

/// A consent-file path inside a fresh temporary folder (kept alive by the returned `TempDir`).
pub fn consent_location() -> (TempDir, PathBuf) {
    let dir = tempfile::Builder::new()
        .prefix("kc-data-")
        .tempdir()
        .unwrap();
    let path = dir.path().join("consent.json");
    (dir, path)
}

/// The shipped JSON Schema of the consent file.
pub fn schema() -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/consent.schema.json");
    serde_json::from_str(&fs::read_to_string(&path).unwrap()).expect("the schema is JSON")
}

/// Reads the consent file, checks it against the shipped JSON Schema and the policy, and
/// returns it.
pub fn read_consent(path: &Path) -> Value {
    let text = fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("no consent file at {}: {e}", path.display()));
    let value: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("the consent file is not JSON ({e}):\n{text}"));
    let validator = jsonschema::validator_for(&schema()).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the consent file breaks the schema: {errors:#?}\n{text}"
    );
    assert_eq!(value["format"], "kiosk-consent/v1");
    assert_eq!(value["policy_id"], "data-grigny91");
    assert_eq!(value["policy_version"], "1");
    let categories = value["categories"].as_object().expect("categories");
    let mut keys: Vec<&str> = categories.keys().map(String::as_str).collect();
    keys.sort_unstable();
    let mut expected = CATEGORIES.to_vec();
    expected.sort_unstable();
    assert_eq!(keys, expected, "every category of the policy, no other");
    assert_eq!(
        value["categories"]["necessary"], true,
        "required is always on"
    );
    let cookies = value["cookies"].as_object().expect("cookies");
    for name in COOKIES {
        assert_eq!(cookies.get(name), Some(&Value::Bool(true)), "cookie {name}");
    }
    assert_eq!(cookies.len(), COOKIES.len());
    let mode = fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the consent file is mode 0644, not {mode:o}");
    let leftovers: Vec<String> = fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    assert_eq!(
        Kc::at(path).code(&["show"]),
        0,
        "`show` counts the file as a valid consent:\n{text}"
    );
    value
}

pub fn assert_categories(consent: &Value, expected: [bool; 4]) {
    for (id, want) in CATEGORIES.iter().zip(expected) {
        assert_eq!(
            consent["categories"][id],
            Value::Bool(want),
            "category {id} in {consent:#}"
        );
    }
}
