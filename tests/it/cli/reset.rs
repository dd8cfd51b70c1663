//! `reset`: the decision goes, the folder stays; what cannot be removed is named.

use super::*;

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
