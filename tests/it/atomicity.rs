//! A decision being written is either whole or absent: a writer killed with SIGKILL at random
//! moments, again and again, while a reader loops on the file, never lets the reader see a
//! partial or invalid file, and the next save cleans what the killed one left behind.
//!
//! The writer is this test binary itself, started again with `KC_ATOMICITY_WRITER` set: it
//! saves decisions in a loop until it is killed.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use kiosk_consent::consent::log::{Log, Verdict};
use kiosk_consent::consent::record::assess;
use kiosk_consent::consent::{Decision, Record, Status, store};
use kiosk_consent::policy::Policy;

const WRITER: &str = "KC_ATOMICITY_WRITER";

/// The writer's loop: alternate accept-all and refuse-all forever.
fn write_forever(path: &Path) -> ! {
    let policy = Policy::embedded().unwrap();
    let log = Log::beside(path);
    let mut accept = false;
    loop {
        accept = !accept;
        let action = if accept {
            Decision::AcceptAll
        } else {
            Decision::RejectAll
        };
        let record = Record::new(
            &policy,
            "fr-FR",
            kiosk_consent::clock::now(),
            action,
            &[accept; 4],
        );
        store::decide(path, &record, Some(&log)).unwrap();
    }
}

fn temporaries(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().ends_with(".tmp"))
        .collect()
}

#[test]
fn killed_writers_never_leave_a_torn_file() {
    if let Ok(path) = std::env::var(WRITER) {
        write_forever(Path::new(&path));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("consent.json");
    let stop = AtomicBool::new(false);
    let reads = AtomicUsize::new(0);
    let mut saves = 0;
    std::thread::scope(|s| {
        // The reader: whenever the file exists, it is a whole, valid decision.
        s.spawn(|| {
            let policy = Policy::embedded().unwrap();
            while !stop.load(Ordering::Relaxed) {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    let status = assess(
                        &text,
                        &policy,
                        kiosk_consent::clock::now() + time::Duration::minutes(1),
                    );
                    assert!(
                        matches!(status, Status::Valid(_) | Status::FromTheFuture(_)),
                        "torn read: {text:?} → {status:?}"
                    );
                    reads.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        let started = Instant::now();
        let mut round = 0u64;
        // At least 1000 saves, each round cut short by SIGKILL at a pseudo-random moment.
        while saves < 1000 && started.elapsed() < Duration::from_secs(240) {
            round += 1;
            let mut child = Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    &crate::common::libtest_name(
                        module_path!(),
                        "killed_writers_never_leave_a_torn_file",
                    ),
                    "--nocapture",
                ])
                .env(WRITER, &path)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            // 5 to 60 ms, varying from round to round (a simple LCG: no dependency needed).
            let wait = 5
                + (round
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407)
                    >> 33)
                    % 55;
            std::thread::sleep(Duration::from_millis(wait));
            child.kill().unwrap();
            child.wait().unwrap();
            let log = Log::beside(&path);
            saves = std::fs::read_to_string(log.path()).map_or(0, |t| t.lines().count());
            // After each kill: the file is the old decision or the new one, whole.
            if let Ok(text) = std::fs::read_to_string(&path) {
                let policy = Policy::embedded().unwrap();
                let later = kiosk_consent::clock::now() + time::Duration::minutes(1);
                assert!(
                    matches!(assess(&text, &policy, later), Status::Valid(_)),
                    "after kill {round}: {text:?}"
                );
            }
        }
        stop.store(true, Ordering::Relaxed);
        assert!(saves >= 1000, "only {saves} saves in {round} rounds");
    });
    assert!(reads.load(Ordering::Relaxed) > 0, "the reader read");
    // One more save cleans whatever temporary file a killed writer left.
    let policy = Policy::embedded().unwrap();
    let record = Record::new(
        &policy,
        "fr-FR",
        kiosk_consent::clock::now(),
        Decision::Custom,
        &[true, true, false, false],
    );
    store::save(&path, &record).unwrap();
    assert_eq!(temporaries(dir.path()), Vec::<PathBuf>::new());
    // The log of every decision is still a sound chain: a writer killed mid-line leaves at
    // most a torn last line, which verify names.
    match Log::beside(&path).verify() {
        Verdict::Intact { entries, .. } => assert!(entries >= 1000),
        other => panic!("{other:?}"),
    }
}
