//! `log verify`: the chain of decisions checked, intact when there is none yet.

use super::*;

#[test]
fn log_verify_without_a_log_is_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Kc::at(&tmp.path().join("consent.json")).run(&["log", "verify"]);
    assert_eq!(out.code, 0, "{out:?}");
    assert!(out.stdout.contains("Journal intact : 0"), "{out:?}");
}
