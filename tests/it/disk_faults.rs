//! What a cheap disk or a careless operator can do to the consent file's location, and what
//! kiosk-consent does then: a clear, localized cause, the previous decision intact.
//!
//! Read-only and full disks use a small tmpfs (the tests run as root, as CI does); where the
//! machine does not allow mounting, the full disk is simulated with RLIMIT_FSIZE instead.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Kiosk, consent_location};
use kiosk_consent::consent::log::Log;
use kiosk_consent::consent::{Decision, Record, Status, store};
use kiosk_consent::files::IoCause;
use kiosk_consent::i18n::Localizer;
use kiosk_consent::policy::Policy;
use unic_langid::langid;

fn record(action: Decision) -> Record {
    let policy = Policy::embedded().unwrap();
    let accept = action == Decision::AcceptAll;
    Record::new(
        &policy,
        "fr-FR",
        kiosk_consent::clock::now(),
        action,
        &[accept; 4],
    )
}

fn french_cause(error: &store::SaveError) -> String {
    Localizer::ui_only(&langid!("fr-FR")).say(&error.cause)
}

/// A tmpfs of `kib` KiB mounted on a fresh folder, unmounted when dropped.
struct Tmpfs(tempfile::TempDir);

impl Tmpfs {
    fn mount(kib: u32) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={kib}k,mode=0755"),
                "tmpfs",
            ])
            .arg(dir.path())
            .status()
            .is_ok_and(|s| s.success());
        ok.then_some(Tmpfs(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn a_missing_folder_is_created_with_mode_0755() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/consent.json");
    store::save(&path, &record(Decision::RejectAll)).unwrap();
    let mode = fs::metadata(dir.path().join("a/b"))
        .unwrap()
        .permissions()
        .mode()
        & 0o777;
    assert_eq!(mode, 0o755);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o644
    );
}

#[test]
fn a_folder_where_the_file_should_be_is_reported_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("consent.json");
    fs::create_dir(&path).unwrap();
    let error = store::save(&path, &record(Decision::AcceptAll)).unwrap_err();
    assert_eq!(error.path, path);
    assert_eq!(french_cause(&error), "c'est un dossier, pas un fichier");
    assert!(path.is_dir());
}

/// Links are never followed for what the program writes or removes (run as root, a link
/// planted in the consent folder must not make it overwrite or delete another file): a link
/// where the consent file goes is replaced by the file, and `reset` removes the link itself.
#[test]
fn a_link_in_the_consent_files_place_is_replaced_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("consent.json");
    std::os::unix::fs::symlink(dir.path().join("gone/consent.json"), &path).unwrap();
    store::save(&path, &record(Decision::AcceptAll)).unwrap();
    assert!(fs::symlink_metadata(&path).unwrap().is_file());
    assert!(
        !dir.path().join("gone").exists(),
        "no folder is created for a link's target"
    );
    // A link to another file: that file is left alone.
    let precious = dir.path().join("precious");
    fs::write(&precious, "keep").unwrap();
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&precious, &path).unwrap();
    store::save(&path, &record(Decision::RejectAll)).unwrap();
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep");
    let policy = Policy::embedded().unwrap();
    assert!(matches!(
        store::status(&path, &policy, kiosk_consent::clock::now()),
        Status::Valid(_)
    ));
    // Reset removes a link, never its target.
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink(&precious, &path).unwrap();
    kiosk_consent::files::remove(&path).unwrap();
    assert!(fs::symlink_metadata(&path).is_err());
    assert_eq!(fs::read_to_string(&precious).unwrap(), "keep");
}

#[test]
fn a_read_only_disk_is_reported_and_the_old_decision_stays() {
    let Some(fs_) = Tmpfs::mount(256) else {
        eprintln!(
            "mounting is not allowed here: the read-only case is covered by the full-disk one"
        );
        return a_full_disk_is_reported_and_the_old_decision_stays();
    };
    let path = fs_.path().join("consent.json");
    store::decide(
        &path,
        &record(Decision::RejectAll),
        Some(&Log::beside(&path)),
    )
    .unwrap();
    let before = fs::read(&path).unwrap();
    fs_.remount("ro");
    let error = store::decide(
        &path,
        &record(Decision::AcceptAll),
        Some(&Log::beside(&path)),
    )
    .unwrap_err();
    assert_eq!(french_cause(&error), "le disque est en lecture seule");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_full_disk_is_reported_and_the_old_decision_stays() {
    match Tmpfs::mount(64) {
        Some(fs_) => {
            let path = fs_.path().join("consent.json");
            store::save(&path, &record(Decision::RejectAll)).unwrap();
            let before = fs::read(&path).unwrap();
            // Fill what is left.
            let filler = fs_.path().join("filler");
            let _ = fs::write(&filler, vec![0u8; 128 * 1024]);
            let error = store::save(&path, &record(Decision::AcceptAll)).unwrap_err();
            assert_eq!(french_cause(&error), "le disque est plein");
            assert_eq!(fs::read(&path).unwrap(), before);
            let leftovers: Vec<PathBuf> = fs::read_dir(fs_.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.to_string_lossy().ends_with(".tmp"))
                .collect();
            assert!(leftovers.is_empty(), "{leftovers:?}");
        }
        None => full_through_the_dialog_with_a_file_size_limit(),
    }
}

/// The dialog itself, with writes limited to 100 bytes (`prlimit --fsize`): the visitor sees
/// the French cause and keeps their choices; the old file is intact.
fn full_through_the_dialog_with_a_file_size_limit() {
    let (_dir, consent) = consent_location();
    store::save(&consent, &record(Decision::RejectAll)).unwrap();
    let before = fs::read(&consent).unwrap();
    let s =
        Kiosk::new("fsize")
            .consent(&consent)
            .start_with_prefix(&["prlimit", "--fsize=100", "--"]);
    s.wait_for("Tout accepter (A)");
    s.send_keys(&["a"]);
    s.wait_for("le disque est plein");
    assert_eq!(fs::read(&consent).unwrap(), before);
}

#[test]
fn the_dialog_reports_a_read_only_disk_in_french_and_keeps_the_choices() {
    let Some(fs_) = Tmpfs::mount(256) else {
        return full_through_the_dialog_with_a_file_size_limit();
    };
    let consent = fs_.path().join("consent.json");
    store::save(&consent, &record(Decision::RejectAll)).unwrap();
    let before = fs::read(&consent).unwrap();
    fs_.remount("ro");
    let s = Kiosk::new("read_only").consent(&consent).start();
    s.wait_for("Personnaliser (P)");
    s.send_keys(&["p"]);
    s.wait_for("Choisissez les cookies que vous acceptez");
    s.send_keys(&["Down", "Space"]);
    s.wait_for("[x] Statistiques : accepté");
    s.send_keys(&["e"]);
    s.wait_for("le disque est en lecture seule");
    s.wait_for("[x] Statistiques : accepté");
    assert_eq!(fs::read(&consent).unwrap(), before);
    // Once the disk is writable again, the same choice saves.
    fs_.remount("rw");
    s.send_keys(&["e"]);
    s.wait_for("Votre choix est enregistré");
    s.send_keys(&["Enter"]);
    assert_eq!(s.wait_exit(), 0);
    let saved: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&consent).unwrap()).unwrap();
    assert_eq!(saved["categories"]["statistics"], true);
    let _ = IoCause::of(&std::io::Error::from(
        std::io::ErrorKind::ReadOnlyFilesystem,
    ));
}
