//! A private speech-dispatcher for the speech tests: its own configuration, socket, logs and
//! pid file in a temporary folder, and an output module that records what it is asked to say
//! instead of playing it (`sd_generic` running a shell command per message), or one that has
//! espeak-ng render each message to a WAV file.
//!
//! The record holds one line per message the module started, `S`, language, voice, rate,
//! volume and the text in hex (so that quotes, accents and line breaks survive the shell), then
//! an `E` line once it has finished — after a sleep, so that a test can cut a message off: a
//! cancelled message kills the command, and its `E` never comes. The sleep is read from a file
//! as each message starts (`Speechd::set_sleep`): long for the message a test cuts off, short
//! for the next, so no test waits out a long message.
//!
//! Nothing sleeps a fixed time to wait for the server: it polls (the socket, the record) for up
//! to `DEADLINE`. Dropping a `Speechd` kills its server.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::{DEADLINE, alive, descendants};

const POLL: Duration = Duration::from_millis(20);

/// How long the recording module takes over a message by default: short, so tests are quick,
/// long enough that a message is seen being spoken.
pub const SPEECH_SLEEP: Duration = Duration::from_millis(300);

/// What the private server's one output module does with a message.
#[derive(Debug, Clone)]
pub enum SpeechModule {
    /// Records it, then takes `sleep` to "speak" it (until `set_sleep` says otherwise).
    Record { sleep: Duration },
    /// Renders it with espeak-ng (`-v $VOICE`) to `<wavs>/<nanoseconds>-<voice>.wav`, and
    /// records it too.
    Espeak,
}

/// One message as the output module got it.
#[derive(Debug, Clone, PartialEq)]
pub struct Utterance {
    /// The module's language name for the message (`fr`, `en`: what `GenericLanguage` maps
    /// the client's tag to).
    pub language: String,
    pub voice: String,
    pub rate: f64,
    pub volume: f64,
    /// Lines joined by `\n`.
    pub text: String,
    /// Whether the module spoke it to its end (false: cut off, or still being spoken).
    pub ended: bool,
}

/// The record an output module writes (see the module documentation).
#[derive(Debug, Clone)]
pub struct SpeechRecord {
    path: PathBuf,
}

impl SpeechRecord {
    pub fn at(path: &Path) -> SpeechRecord {
        SpeechRecord {
            path: path.to_owned(),
        }
    }

    pub fn said(&self) -> Vec<Utterance> {
        let content = fs::read_to_string(&self.path).unwrap_or_default();
        let mut said: Vec<Utterance> = Vec::new();
        // A line still being written is left for the next look.
        for line in content.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
            let line = line.trim_end_matches('\n');
            if line == "E" {
                let last = said.last_mut().expect("an end after a start");
                last.ended = true;
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            let [start, language, voice, rate, volume, hex] = fields[..] else {
                panic!("a record line of 6 fields: {line:?}");
            };
            assert_eq!(start, "S", "{line:?}");
            said.push(Utterance {
                language: language.to_owned(),
                voice: voice.to_owned(),
                rate: rate.parse().expect("a rate"),
                volume: volume.parse().expect("a volume"),
                text: String::from_utf8(unhex(hex))
                    .expect("UTF-8 text")
                    .replace("\r\n", "\n"),
                ended: false,
            });
        }
        said
    }

    /// Waits until what was said satisfies `done`, and returns it.
    pub fn wait_until(
        &self,
        what: &str,
        done: impl Fn(&[Utterance]) -> bool,
        log: impl Fn() -> String,
    ) -> Vec<Utterance> {
        let deadline = Instant::now() + DEADLINE;
        loop {
            let said = self.said();
            if done(&said) {
                return said;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out waiting until {what}; said: {said:#?}\nserver log:\n{}",
                    log()
                );
            }
            std::thread::sleep(POLL);
        }
    }
}

fn unhex(hex: &str) -> Vec<u8> {
    assert!(hex.len().is_multiple_of(2), "hex of whole bytes: {hex:?}");
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

/// Writes a speech-dispatcher configuration into `conf` (`speechd.conf` and
/// `modules/test.conf`) whose one module, for French and English, does what `module` says,
/// recording to `record` (and writing WAV files to `wavs`; taking the time in `sleep_file`).
pub fn write_speechd_config(conf: &Path, module: &SpeechModule, record: &Path, wavs: &Path) {
    let sleep_file = sleep_file(record);
    for path in [record, wavs, &sleep_file] {
        assert!(
            !path.to_string_lossy().contains(['\'', '\\', '"', '%']),
            "a path the shell command can quote: {path:?}"
        );
    }
    fs::create_dir_all(conf.join("modules")).unwrap();
    fs::write(
        conf.join("speechd.conf"),
        "AddModule \"test\" \"sd_generic\" \"test.conf\"\n\
         DefaultModule test\n\
         LanguageDefaultModule \"fr\" \"test\"\n\
         LanguageDefaultModule \"en\" \"test\"\n\
         AudioOutputMethod \"libao\"\n",
    )
    .unwrap();
    let record = record.display();
    // sd_generic puts the text in place of $DATA with each ' made '\'' (and nothing else
    // escaped): it must go between single quotes. The line is written by one printf, so a
    // message cut off at any moment leaves a whole line or none.
    let start = format!(
        "l=$(printf %s '$DATA' | od -An -v -tx1 | tr -d ' \\n'); \
         printf 'S\\t%s\\t%s\\t%s\\t%s\\t%s\\n' '$LANGUAGE' '$VOICE' '$RATE' '$VOLUME' $l >> '{record}'"
    );
    let end = format!("printf 'E\\n' >> '{record}'");
    let command = match module {
        SpeechModule::Record { sleep } => {
            write_sleep(&sleep_file, *sleep);
            format!("{start}; sleep $(cat '{}'); {end}", sleep_file.display())
        }
        SpeechModule::Espeak => {
            fs::create_dir_all(wavs).unwrap();
            format!(
                "{start}; printf %s '$DATA' | espeak-ng --stdin -v $VOICE -w '{}'/$(date +%s%N)-$VOICE.wav; {end}",
                wavs.display()
            )
        }
    };
    fs::write(
        conf.join("modules").join("test.conf"),
        format!(
            "GenericExecuteSynth \"{}\"\n\
             # A DEL never reaches the server (the client drops control characters): one\n\
             # message is one run of the command, never split at its full stops.\n\
             GenericDelimiters \"\x7f\"\n\
             GenericMaxChunkLength 100000\n\
             GenericLanguage \"fr\" \"fr\" \"utf-8\"\n\
             GenericLanguage \"en\" \"en\" \"utf-8\"\n\
             AddVoice \"fr\" \"MALE1\" \"fr\"\n\
             AddVoice \"en\" \"MALE1\" \"en\"\n",
            dotconf(&command)
        ),
    )
    .unwrap();
}

/// Where the recording module finds how long to take over a message.
fn sleep_file(record: &Path) -> PathBuf {
    record.with_extension("sleep")
}

fn write_sleep(path: &Path, sleep: Duration) {
    // Whole, at once: the module may read it at any moment.
    let partial = path.with_extension("sleep.new");
    fs::write(&partial, format!("{:.3}\n", sleep.as_secs_f64())).unwrap();
    fs::rename(&partial, path).unwrap();
}

/// `text` inside a dotconf double-quoted string.
fn dotconf(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('\'', "\\'")
        .replace('"', "\\\"")
}

/// Whether `program` is on the PATH. When it is not: under CI (`CI=true`) a panic, since CI
/// installs it; elsewhere a plain word that the test cannot run here, and how to install it.
pub fn installed_or_say_why(program: &str) -> bool {
    let found = std::env::var_os("PATH").is_some_and(|path| {
        std::env::split_paths(&path).any(|dir| {
            fs::metadata(dir.join(program))
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
    });
    if found {
        return true;
    }
    let install = "apt-get install speech-dispatcher espeak-ng";
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{program} is not installed, and CI must run the speech tests: {install}");
    }
    eprintln!(
        "SKIPPED: {program} is not installed, so this speech test cannot run here \
         (install it with: {install})"
    );
    false
}

/// A private speech-dispatcher; dropping it kills it.
pub struct Speechd {
    dir: TempDir,
    socket: PathBuf,
    record: SpeechRecord,
}

impl Speechd {
    /// A server that records what it says, taking `SPEECH_SLEEP` over each message; `None`, having
    /// said why, when speech-dispatcher is not installed.
    pub fn start() -> Option<Speechd> {
        Speechd::start_with(SpeechModule::Record {
            sleep: SPEECH_SLEEP,
        })
    }

    /// One whose module takes `sleep` over each message: long, to cut one off.
    pub fn recording(sleep: Duration) -> Option<Speechd> {
        Speechd::start_with(SpeechModule::Record { sleep })
    }

    /// One that renders to WAV files with espeak-ng.
    pub fn espeak() -> Option<Speechd> {
        if !installed_or_say_why("espeak-ng") {
            return None;
        }
        Speechd::start_with(SpeechModule::Espeak)
    }

    pub fn start_with(module: SpeechModule) -> Option<Speechd> {
        if !installed_or_say_why("speech-dispatcher") {
            return None;
        }
        let dir = tempfile::Builder::new()
            .prefix("kc-speechd")
            .tempdir()
            .unwrap();
        let root = dir.path();
        let (conf, log, home) = (root.join("conf"), root.join("log"), root.join("home"));
        fs::create_dir_all(&log).unwrap();
        fs::create_dir_all(&home).unwrap();
        write_speechd_config(&conf, &module, &root.join("said"), &root.join("wavs"));
        let socket = root.join("speechd.sock");
        let pid_file = root.join("pid");
        // -d: it forks its daemon and returns; -t 0: it never leaves by itself.
        let status = Command::new("speech-dispatcher")
            .arg("-d")
            .arg("-C")
            .arg(&conf)
            .arg("-S")
            .arg(&socket)
            .arg("-L")
            .arg(&log)
            .arg("-P")
            .arg(&pid_file)
            .args(["-c", "unix_socket", "-t", "0", "-l", "3"])
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &home)
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(fs::File::create(log.join("stderr")).unwrap())
            .status()
            .unwrap();
        let speechd = Speechd {
            record: SpeechRecord::at(&root.join("said")),
            dir,
            socket,
        };
        assert!(
            status.success(),
            "speech-dispatcher -d: {status}\n{}",
            speechd.log()
        );
        let deadline = Instant::now() + DEADLINE;
        while UnixStream::connect(&speechd.socket).is_err() || speechd.pid().is_none() {
            assert!(
                Instant::now() < deadline,
                "speech-dispatcher never listened on {:?}\n{}",
                speechd.socket,
                speechd.log()
            );
            std::thread::sleep(POLL);
        }
        Some(speechd)
    }

    /// How long the recording module takes over the messages it starts from now on.
    pub fn set_sleep(&self, sleep: Duration) {
        write_sleep(&sleep_file(&self.dir.path().join("said")), sleep);
    }

    pub fn socket(&self) -> &Path {
        &self.socket
    }

    pub fn said(&self) -> Vec<Utterance> {
        self.record.said()
    }

    /// Waits until the module has got `n` messages and returns them.
    pub fn wait_said(&self, n: usize) -> Vec<Utterance> {
        self.wait_until(&format!("{n} messages"), |said| said.len() >= n)
    }

    /// Waits until what was said satisfies `done`, and returns it.
    pub fn wait_until(&self, what: &str, done: impl Fn(&[Utterance]) -> bool) -> Vec<Utterance> {
        self.record.wait_until(what, done, || self.log())
    }

    /// The WAV files espeak-ng wrote, oldest first.
    pub fn wavs(&self) -> Vec<PathBuf> {
        let mut wavs: Vec<PathBuf> = fs::read_dir(self.dir.path().join("wavs"))
            .map(|entries| entries.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        wavs.sort();
        wavs
    }

    /// The server's and the module's logs, for a failure's message.
    pub fn log(&self) -> String {
        let mut all = String::new();
        let mut paths: Vec<PathBuf> = fs::read_dir(self.dir.path().join("log"))
            .map(|entries| entries.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        paths.sort();
        for path in paths {
            let text = fs::read_to_string(&path).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(40).collect();
            all.push_str(&format!("--- {}\n", path.display()));
            for line in tail.into_iter().rev() {
                all.push_str(line);
                all.push('\n');
            }
        }
        all
    }

    fn pid(&self) -> Option<u32> {
        pid_from_file(&self.dir.path().join("pid"))
    }

    /// Kills the server at once (SIGKILL), as a crash would, and waits until it is gone.
    pub fn kill(&self) {
        if let Some(pid) = self.pid() {
            stop_server(pid, "KILL", &self.dir.path().join("conf"));
        }
    }
}

impl Drop for Speechd {
    fn drop(&mut self) {
        if let Some(pid) = self.pid() {
            stop_server(pid, "TERM", &self.dir.path().join("conf"));
        }
    }
}

/// Stops the server `pid` with `signal`, and the output modules of its configuration `conf`
/// with it: they are not its children (it starts them before it forks its daemon), and a
/// module that is speaking outlives a killed server until its command ends.
pub fn stop_server(pid: u32, signal: &str, conf: &Path) {
    let mut family = descendants(pid);
    for module in processes_mentioning(conf) {
        family.extend(descendants(module));
    }
    kill_daemon(pid, signal);
    for other in family.into_iter().filter(|p| *p != pid) {
        if alive(other) {
            kill_daemon(other, "KILL");
        }
    }
}

/// The processes whose command line holds `path` (a module names its configuration file).
fn processes_mentioning(path: &Path) -> Vec<u32> {
    let wanted = path.to_string_lossy().into_owned();
    fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            fs::read(format!("/proc/{pid}/cmdline"))
                .is_ok_and(|cmdline| String::from_utf8_lossy(&cmdline).contains(&wanted))
        })
        .collect()
}

/// The pid a speech-dispatcher pid file holds.
pub fn pid_from_file(path: &Path) -> Option<u32> {
    fs::read_to_string(path).ok()?.trim().parse().ok()
}

/// Sends `signal` to `pid` and waits until it is gone (a zombie counts as gone: the server is
/// a daemon, reaped by whoever adopted it), then makes sure with SIGKILL.
pub fn kill_daemon(pid: u32, signal: &str) {
    let send = |signal: &str| {
        let _ = Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .stderr(Stdio::null())
            .status();
    };
    send(signal);
    let deadline = Instant::now() + DEADLINE;
    while alive(pid) {
        if Instant::now() >= deadline {
            send("KILL");
            return;
        }
        std::thread::sleep(POLL);
    }
}

/// The length of a WAV file's sound, from its header (PCM: the data chunk's size over the
/// format chunk's byte rate).
pub fn wav_duration(path: &Path) -> Duration {
    let bytes = fs::read(path).unwrap();
    assert!(
        bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WAVE",
        "{path:?} is a WAV file"
    );
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
    let (mut at, mut byte_rate, mut data) = (12, None, None);
    while at + 8 <= bytes.len() {
        let (id, size) = (&bytes[at..at + 4], u32_at(at + 4) as usize);
        match id {
            b"fmt " => byte_rate = Some(u32_at(at + 16)),
            // espeak-ng fills in the sizes when it closes the file; a size past the end would
            // mean it did not.
            b"data" => data = Some(size.min(bytes.len() - at - 8)),
            _ => {}
        }
        at += 8 + size + size % 2;
    }
    let byte_rate = byte_rate.unwrap_or_else(|| panic!("{path:?} has a format chunk"));
    let data = data.unwrap_or_else(|| panic!("{path:?} has a data chunk"));
    assert!(byte_rate > 0, "{path:?}: a byte rate");
    Duration::from_secs_f64(data as f64 / f64::from(byte_rate))
}
