//! `kiosk-consent doctor` against a good kiosk setup and a broken one, run as the kiosk
//! account would (as root, the test runs it as `nobody`; otherwise as the test's own user,
//! with the files it must not change made read-only).

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::Kc;

const NOBODY: u32 = 65534;

fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0)
}

fn chmod(path: &Path, mode: u32) {
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

/// Gives `path` to the kiosk account (nobody, when the test runs as root).
fn give_to_kiosk(path: &Path) {
    if is_root() {
        let ok = Command::new("chown")
            .args([
                "-R",
                &format!("{NOBODY}:{NOBODY}"),
                &path.display().to_string(),
            ])
            .status()
            .unwrap()
            .success();
        assert!(ok);
    }
}

/// Makes `path` (a folder and what it holds) one the kiosk account cannot change: root's when
/// the test is root, read-only otherwise.
fn keep_from_kiosk(path: &Path) {
    if is_root() {
        return;
    }
    for entry in walk(path) {
        let mode = if entry.is_dir() { 0o555 } else { 0o444 };
        chmod(&entry, mode);
    }
}

fn walk(path: &Path) -> Vec<PathBuf> {
    let mut all = Vec::new();
    if path.is_dir() {
        for e in fs::read_dir(path).unwrap() {
            all.extend(walk(&e.unwrap().path()));
        }
    }
    all.push(path.to_owned());
    all
}

struct Kiosk {
    root: tempfile::TempDir,
}

impl Kiosk {
    fn path(&self, rel: &str) -> PathBuf {
        self.root.path().join(rel)
    }

    /// The recommended setup (docs/kiosk.md): a policy the kiosk account cannot change, one
    /// browser policy file it may rewrite in a folder it cannot write, the system's PIN, its
    /// own consent folder, a browser on the PATH.
    fn good() -> Kiosk {
        let root = tempfile::Builder::new()
            .prefix("kc-doctor-")
            .tempdir()
            .unwrap();
        chmod(root.path(), 0o755);
        let k = Kiosk { root };
        let policy = common::policy_copy(&k.path("etc"), "policy");
        let managed = k.path("etc/chromium-managed");
        fs::create_dir_all(&managed).unwrap();
        fs::write(managed.join("kiosk-consent.json"), "{}").unwrap();
        give_to_kiosk(&managed.join("kiosk-consent.json"));
        let system = k.path("etc/kiosk-consent");
        fs::create_dir_all(&system).unwrap();
        let hash = kiosk_consent::kiosk::hash_pin("2468").unwrap();
        fs::write(system.join("operator-pin"), hash).unwrap();
        let home = k.path("home");
        fs::create_dir_all(home.join("data/kiosk-consent")).unwrap();
        give_to_kiosk(&home);
        let bin = k.path("bin");
        fs::create_dir_all(&bin).unwrap();
        fs::write(bin.join("chromium"), "#!/bin/sh\n").unwrap();
        chmod(&bin.join("chromium"), 0o755);
        for dir in [k.path("etc"), k.path("etc/policy"), system.clone()] {
            for e in walk(&dir) {
                chmod(&e, if e.is_dir() { 0o755 } else { 0o644 });
            }
        }
        keep_from_kiosk(&policy);
        keep_from_kiosk(&system);
        if !is_root() {
            chmod(&managed, 0o555);
        }
        k
    }

    fn doctor(&self) -> (i32, String) {
        let as_nobody = [
            "/usr/bin/setpriv",
            &format!("--reuid={NOBODY}"),
            &format!("--regid={NOBODY}"),
            "--clear-groups",
        ];
        let prefix: &[&str] = if is_root() { &as_nobody } else { &[] };
        let out: Output = Kc::under(prefix)
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("home/data"))
            .env("XDG_CONFIG_HOME", self.path("home/config"))
            .env("PATH", self.path("bin"))
            .env("KIOSK_CONSENT_POLICY", self.path("etc/policy"))
            .env("KIOSK_POLICY_OUT", self.path("etc/chromium-managed"))
            .env("KIOSK_CONSENT_SYSTEM_DIR", self.path("etc/kiosk-consent"))
            .output(&["doctor"]);
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        )
    }
}

impl Drop for Kiosk {
    fn drop(&mut self) {
        // Read-only folders must be writable again to be removed.
        for e in walk(self.root.path()) {
            let _ = fs::set_permissions(&e, fs::Permissions::from_mode(0o755));
        }
    }
}

#[test]
fn a_good_setup_has_no_problem() {
    let k = Kiosk::good();
    let (code, said) = k.doctor();
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("Aucun problème."), "{said}");
    assert!(!said.contains("[problème]"), "{said}");
    assert!(said.contains("[ok] la politique"), "{said}");
    assert!(said.contains("[ok] code PIN de l'opérateur"), "{said}");
    assert!(said.contains("navigateur trouvé"), "{said}");
}

#[test]
fn a_broken_setup_says_what_to_fix() {
    let k = Kiosk::good();
    // The policy given to the kiosk account, no PIN at all, no browser, a browser policy
    // folder the kiosk account can write into.
    let policy = k.path("etc/policy");
    for e in walk(&policy) {
        chmod(&e, 0o777);
    }
    give_to_kiosk(&policy);
    fs::remove_file(k.path("etc/kiosk-consent/operator-pin")).unwrap_or_else(|_| {
        chmod(&k.path("etc/kiosk-consent"), 0o755);
        fs::remove_file(k.path("etc/kiosk-consent/operator-pin")).unwrap();
    });
    fs::remove_file(k.path("bin/chromium")).unwrap();
    let managed = k.path("etc/chromium-managed");
    chmod(&managed, 0o777);
    let (code, said) = k.doctor();
    assert_eq!(code, 1, "{said}");
    for words in [
        "[problème] le compte de la borne peut modifier",
        "[problème] aucun code PIN d'opérateur",
        "[problème] le navigateur « chromium » est introuvable",
        "[attention] le compte de la borne peut écrire dans le dossier",
        "3 problèmes à corriger.",
    ] {
        assert!(said.contains(words), "{words}:\n{said}");
    }
}

#[test]
fn a_policy_that_answers_the_sites_banner_needs_sqlite3() {
    let k = Kiosk::good();
    let toml = k.path("etc/policy/policy.toml");
    chmod(&toml, 0o644);
    let text = fs::read_to_string(&toml).unwrap()
        + "\n[site_banner]\nmanager = \"klaro\"\n[site_banner.services]\nmatomo = \"statistics\"\n";
    fs::write(&toml, text).unwrap();
    let (code, said) = k.doctor();
    // Only a warning: the site's banner asks again, nothing worse.
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("[attention] la politique répond au bandeau du site lui-même (klaro), mais sqlite3 est introuvable"),
        "{said}"
    );
    fs::write(k.path("bin/sqlite3"), "#!/bin/sh\n").unwrap();
    chmod(&k.path("bin/sqlite3"), 0o755);
    let (code, said) = k.doctor();
    assert_eq!(code, 0, "{said}");
    assert!(
        said.contains("[ok] le bandeau du site lui-même (klaro) reçoit sa réponse"),
        "{said}"
    );
}
