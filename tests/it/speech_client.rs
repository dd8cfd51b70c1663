//! The voice against a real speech-dispatcher (a private one per test, `common::Speechd`):
//! what reaches the synthesizer — language, text, rate and volume, cut off or spoken to its
//! end — and how the voice behaves when the server is missing or dies. One test goes all the
//! way to sound, through espeak-ng.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kiosk_consent::speech::{Voice, VoiceConfig, VoiceState, address};

use crate::common::{self, DEADLINE, SpeechModule, SpeechRecord, Speechd, Utterance};

fn config(socket: &Path) -> VoiceConfig {
    VoiceConfig {
        socket: Some(socket.to_owned()),
        spawn: false,
        rate: 0,
        volume: 100,
    }
}

fn ready_voice(speechd: &Speechd) -> Voice {
    let voice = Voice::start(config(speechd.socket()));
    wait_for("the voice to be ready", || {
        voice.state() == VoiceState::Ready
    });
    voice
}

fn wait_for(what: &str, done: impl Fn() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn ended(said: &[Utterance], n: usize) -> bool {
    said.len() >= n && said[..n].iter().all(|u| u.ended)
}

#[test]
fn french_then_english_arrive_in_their_language_with_their_text_whole() {
    let Some(speechd) = Speechd::start() else {
        return;
    };
    let voice = ready_voice(&speechd);
    // Everything the shell, SSIP or the module could get wrong: apostrophes and quotes,
    // accents, a line that starts with a dot, $ and backquotes, a backslash, markup.
    let french = "L'été, c'est \"déjà\" là !\n.Deuxième ligne : $HOME `id` \\ <b>&amp;</b>";
    voice.say("fr-FR", french);
    wait_for("the French to be spoken", || !voice.speaking());
    voice.say("en-US", "It's a kiosk.\nSecond line.");
    let said = speechd.wait_until("both spoken", |said| ended(said, 2));
    assert_eq!(said.len(), 2, "{said:#?}");
    assert_eq!(
        (said[0].language.as_str(), said[0].voice.as_str()),
        ("fr", "fr")
    );
    assert_eq!(said[0].text, french);
    assert_eq!(
        (said[1].language.as_str(), said[1].voice.as_str()),
        ("en", "en")
    );
    assert_eq!(said[1].text, "It's a kiosk.\nSecond line.");
    assert_eq!(voice.state(), VoiceState::Ready);
}

#[test]
fn a_second_say_while_the_first_is_spoken_cuts_it_off() {
    // The first would take 30 s: only a cancel lets the second be heard within the deadline.
    let Some(speechd) = Speechd::recording(Duration::from_secs(30)) else {
        return;
    };
    let voice = ready_voice(&speechd);
    voice.say("fr-FR", "Première phrase, longue.");
    speechd.wait_said(1);
    speechd.set_sleep(common::SPEECH_SLEEP);
    voice.say("en-US", "Second sentence.");
    let said = speechd.wait_until("the second spoken", |said| said.len() >= 2 && said[1].ended);
    assert_eq!(said.len(), 2, "{said:#?}");
    assert_eq!(said[0].text, "Première phrase, longue.");
    assert!(!said[0].ended, "the first was cut off: {said:#?}");
    assert_eq!(said[1].text, "Second sentence.");
    assert_eq!(said[1].language, "en");
}

#[test]
fn says_in_quick_succession_speak_only_the_newest_to_its_end() {
    let Some(speechd) = Speechd::start() else {
        return;
    };
    let voice = ready_voice(&speechd);
    for n in 1..=5 {
        voice.say("fr", &format!("message {n}"));
    }
    wait_for("the last message to be spoken", || !voice.speaking());
    let said = speechd.wait_until("the last one ended", |said| {
        said.last().is_some_and(|u| u.ended)
    });
    let (last, before) = said.split_last().unwrap();
    assert_eq!(last.text, "message 5", "{said:#?}");
    assert!(
        before.iter().all(|u| !u.ended),
        "no stale message was spoken to its end: {said:#?}"
    );
}

#[test]
fn speaking_is_true_until_speech_dispatcher_reports_the_end() {
    let Some(speechd) = Speechd::recording(Duration::from_secs(3)) else {
        return;
    };
    let voice = ready_voice(&speechd);
    assert!(!voice.speaking());
    voice.say("en", "Hello there.");
    assert!(voice.speaking(), "from the call on");
    speechd.wait_said(1);
    // Read in this order, the voice cannot be done while the module is not (unless the
    // machine took the whole 3 s in between).
    let speaking = voice.speaking();
    let ended = speechd.said()[0].ended;
    assert!(speaking || ended, "speaking while the module speaks");
    wait_for("the end", || !voice.speaking());
    // The END event comes once the module is done: the record says so by then.
    assert!(speechd.said()[0].ended, "{:#?}", speechd.said());
    assert_eq!(voice.state(), VoiceState::Ready);
}

#[test]
fn silence_cuts_off_what_is_being_said() {
    let Some(speechd) = Speechd::recording(Duration::from_secs(30)) else {
        return;
    };
    let voice = ready_voice(&speechd);
    voice.say("fr", "On m'interrompt.");
    speechd.wait_said(1);
    speechd.set_sleep(common::SPEECH_SLEEP);
    voice.silence();
    assert!(!voice.speaking());
    // Another client's message of the same priority waits for the one being spoken (priority
    // `message` does not interrupt itself): it is heard within the deadline only if the
    // first was cut off.
    let other = ready_voice(&speechd);
    other.say("fr", "Un autre client.");
    let said = speechd.wait_until("the other client's message", |said| ended(&said[1..], 1));
    assert!(!said[0].ended, "{said:#?}");
    assert_eq!(said[1].text, "Un autre client.");
}

#[test]
fn a_missing_socket_is_unavailable_quickly_and_say_does_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let voice = Voice::start(config(&dir.path().join("none.sock")));
    let call = Instant::now();
    voice.say("fr", "personne");
    assert!(call.elapsed() < Duration::from_millis(100));
    wait_for("unavailable", || voice.state() == VoiceState::Unavailable);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(!voice.speaking());
    voice.say("fr", "toujours personne");
    voice.set_rate(10);
    assert!(!voice.speaking());
    assert_eq!(voice.state(), VoiceState::Unavailable);
}

#[test]
fn a_server_killed_midway_makes_the_voice_unavailable() {
    let Some(speechd) = Speechd::recording(Duration::from_secs(30)) else {
        return;
    };
    let voice = ready_voice(&speechd);
    voice.say("fr", "Le serveur va mourir.");
    speechd.wait_said(1);
    assert!(voice.speaking());
    speechd.kill();
    // The reader sees the socket close, or the next command fails.
    voice.say("fr", "Plus personne.");
    wait_for("unavailable", || voice.state() == VoiceState::Unavailable);
    assert!(!voice.speaking());
    voice.say("fr", "Encore.");
    voice.pause();
    let dropped = Instant::now();
    drop(voice);
    assert!(dropped.elapsed() < Duration::from_millis(100));
}

#[test]
fn rate_and_volume_reach_the_synthesizer() {
    let Some(speechd) = Speechd::start() else {
        return;
    };
    let voice = Voice::start(VoiceConfig {
        rate: 30,
        volume: -20,
        ..config(speechd.socket())
    });
    voice.say("en", "One.");
    wait_for("the first", || !voice.speaking());
    voice.set_rate(-50);
    voice.set_volume(80);
    voice.say("en", "Two.");
    let said = speechd.wait_until("both spoken", |said| ended(said, 2));
    assert_eq!((said[0].rate, said[0].volume), (30.0, -20.0), "{said:#?}");
    assert_eq!((said[1].rate, said[1].volume), (-50.0, 80.0), "{said:#?}");
}

#[test]
fn espeak_ng_renders_french_and_english_to_audio() {
    let Some(speechd) = Speechd::espeak() else {
        return;
    };
    let voice = ready_voice(&speechd);
    let sentences = [
        (
            "fr-FR",
            "Bonjour, cette borne vous demande votre accord pour les cookies.",
        ),
        (
            "en-US",
            "Hello, this kiosk asks for your consent to its cookies today.",
        ),
    ];
    for (language, sentence) in sentences {
        voice.say(language, sentence);
        wait_for("the sentence to be rendered", || !voice.speaking());
    }
    let said = speechd.wait_until("both rendered", |said| ended(said, 2));
    let wavs = speechd.wavs();
    assert_eq!(wavs.len(), 2, "{wavs:?}\n{said:#?}\n{}", speechd.log());
    let names: Vec<String> = wavs
        .iter()
        .map(|w| w.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        names[0].ends_with("-fr.wav"),
        "espeak-ng's French voice: {names:?}"
    );
    assert!(
        names[1].ends_with("-en.wav"),
        "espeak-ng's English voice: {names:?}"
    );
    for wav in &wavs {
        let length = std::fs::metadata(wav).unwrap().len();
        assert!(length > 44, "{wav:?} holds sound: {length} bytes");
        let duration = common::wav_duration(wav);
        // About ten words each: a few seconds of speech, not a click, not a runaway.
        assert!(
            (Duration::from_millis(500)..Duration::from_secs(15)).contains(&duration),
            "{wav:?}: {duration:?}"
        );
    }
    let audio: Vec<Vec<u8>> = wavs.iter().map(|w| std::fs::read(w).unwrap()).collect();
    assert_ne!(
        audio[0][44..],
        audio[1][44..],
        "French and English sound different"
    );
}

/// The child of `spawn_starts_speech_dispatcher_where_address_says`: a process of its own,
/// since the spawned server takes its places from the environment.
const SPAWN_CHILD: &str = "KC_SPEECH_SPAWN_CHILD";

#[test]
fn spawn_starts_speech_dispatcher_where_address_says() {
    if let Some(expected) = std::env::var_os(SPAWN_CHILD) {
        let socket = address(|name| std::env::var(name).ok());
        assert_eq!(socket, Some(PathBuf::from(expected)));
        assert!(!socket.as_ref().unwrap().exists(), "no server yet");
        let voice = Voice::start(VoiceConfig {
            socket,
            spawn: true,
            rate: 0,
            volume: 100,
        });
        wait_for("the spawned server", || {
            voice.state() != VoiceState::Connecting
        });
        assert_eq!(voice.state(), VoiceState::Ready);
        voice.say("fr-FR", "Démarré à la demande.");
        wait_for("the message to be spoken", || !voice.speaking());
        assert_eq!(voice.state(), VoiceState::Ready);
        return;
    }
    if !common::installed_or_say_why("speech-dispatcher") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (home, run, config) = (
        dir.path().join("home"),
        dir.path().join("run"),
        dir.path().join("config"),
    );
    for d in [&home, &run, &config] {
        std::fs::create_dir_all(d).unwrap();
    }
    std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
    // The user's own configuration, which a spawned server reads (there is no -C to give it).
    let record = dir.path().join("said");
    common::write_speechd_config(
        &config.join("speech-dispatcher"),
        &SpeechModule::Record {
            sleep: common::SPEECH_SLEEP,
        },
        &record,
        &dir.path().join("wavs"),
    );
    let socket = run.join("speech-dispatcher").join("speechd.sock");
    let _server = KillOnDrop {
        pid_file: run.join("speech-dispatcher/pid/speech-dispatcher.pid"),
        conf: config.join("speech-dispatcher"),
    };
    let output = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &common::libtest_name(
                module_path!(),
                "spawn_starts_speech_dispatcher_where_address_says",
            ),
            "--nocapture",
        ])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("XDG_RUNTIME_DIR", &run)
        .env("XDG_CONFIG_HOME", &config)
        .env("LANG", "C.UTF-8")
        .env(SPAWN_CHILD, &socket)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the child ran the test: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    let said = SpeechRecord::at(&record).wait_until("spoken", |said| ended(said, 1), String::new);
    assert_eq!(said.len(), 1, "{said:#?}");
    assert_eq!(said[0].text, "Démarré à la demande.");
    assert_eq!(said[0].language, "fr");
}

/// Stops the server whose pid file this is, if there is one by then, and the modules of the
/// configuration it read.
struct KillOnDrop {
    pid_file: PathBuf,
    conf: PathBuf,
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(pid) = common::pid_from_file(&self.pid_file) {
            common::stop_server(pid, "TERM", &self.conf);
        }
    }
}
