//! The man pages the package ships, generated as `scripts/build-deb` does: one page per
//! command, in English and French, the main page with exit codes, environment, files and
//! examples, and every command's words those of `--help`.

#[path = "../../examples/gen-docs/man.rs"]
mod man;

use std::fs;

#[test]
fn a_page_per_command_in_english_and_french() {
    let dir = tempfile::tempdir().unwrap();
    man::write(dir.path()).unwrap();
    for (lang, exit, env, files, examples, run) in [
        (
            "man1",
            "EXIT STATUS",
            ".SH ENVIRONMENT",
            ".SH FILES",
            ".SH EXAMPLES",
            "Run the consent dialog",
        ),
        (
            "fr/man1",
            "CODE DE RETOUR",
            ".SH ENVIRONNEMENT",
            ".SH FICHIERS",
            ".SH EXEMPLES",
            "Lancer le dialogue de consentement",
        ),
    ] {
        let folder = dir.path().join(lang);
        let main = fs::read_to_string(folder.join("kiosk-consent.1")).unwrap();
        for part in [
            exit,
            env,
            files,
            examples,
            "KIOSK_CONSENT_POLICY",
            "operator\\-pin",
        ] {
            assert!(main.contains(part), "{lang}: {part} missing");
        }
        for command in [
            "run",
            "get",
            "show",
            "export",
            "check",
            "site",
            "doctor",
            "path",
            "reset",
            "log",
            "log-verify",
            "operator",
            "operator-set-pin",
            "operator-clear-pin",
        ] {
            let page = folder.join(format!("kiosk-consent-{command}.1"));
            assert!(page.exists(), "{}", page.display());
        }
        let run_page = fs::read_to_string(folder.join("kiosk-consent-run.1")).unwrap();
        assert!(run_page.contains(run), "{lang}: {run_page}");
        assert!(
            run_page.contains("\\-\\-kiosk"),
            "{lang}: the options are there"
        );
    }
}
