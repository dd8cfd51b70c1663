//! The dialog's voice, for visitors who cannot read the screen: speech-dispatcher, spoken to
//! over SSIP on its Unix socket.
//!
//! Our own small client rather than libspeechd or a crate: std's `UnixStream` is all it takes,
//! with no async runtime, no C library to link or find on the kiosk, no extra dependency, only
//! the handful of commands the dialog needs — and full control over the one promise that
//! matters here, that speech never holds up the UI thread. Every `Voice` method only sends a
//! message to the voice's own thread (or reads an atomic) and returns; the thread does the
//! talking, with a deadline on every reply, and on the first thing that goes wrong (no server,
//! a timeout, a closed socket, an error where success was expected) it gives up for good:
//! `Unavailable`, later calls do nothing. A kiosk without speech is still a working kiosk.
//!
//! Two threads per voice: the voice thread sends commands and waits for their replies; a
//! reader thread turns the socket's lines into blocks and hands them over on the same channel
//! as the caller's calls, so that one blocking `recv` waits for either — events (a message's
//! end, its cancellation) arrive whenever the server likes, even between a command and its
//! reply. Neither thread is ever joined: dropping a `Voice` only asks its thread to quit.
//!
//! A write to a server that died fails with EPIPE rather than killing the program because
//! the program's `main` catches SIGPIPE first thing; whoever sets it back to the default must
//! send with `MSG_NOSIGNAL` here instead.
//!
//! Only std (not even `crate::sanitize`: the text cleaning speech needs is its own, in `ssip`),
//! so that this module sits in the bottom layer (`tests/it/layers.rs`).

mod ssip;

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use ssip::{Block, Event, Reply};

/// Where speech-dispatcher listens, found the way libspeechd finds it, so that the dialog talks
/// to the same server as every other client of the session: `$SPEECHD_ADDRESS`
/// (`unix_socket:/path`, `unix_socket` alone for the default, or a bare absolute path; an
/// `inet_socket:…` address is `None`, this client speaks only over Unix sockets), else the
/// default socket, `$XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock`. Without a runtime
/// directory speech-dispatcher uses the user's cache directory instead (GLib's
/// `g_get_user_runtime_dir`), and so does this: `$XDG_CACHE_HOME`, else `$HOME/.cache`.
/// `None` when none of these is known.
///
/// `env` is how the caller reads the environment (`|k| std::env::var(k).ok()`), so the voice
/// thread never does and tests need not change the process's environment.
pub fn address(env: impl Fn(&str) -> Option<String>) -> Option<PathBuf> {
    let absolute = |name: &str| env(name).map(PathBuf::from).filter(|p| p.is_absolute());
    let default = || {
        absolute("XDG_RUNTIME_DIR")
            .or_else(|| absolute("XDG_CACHE_HOME"))
            .or_else(|| absolute("HOME").map(|home| home.join(".cache")))
            .map(|dir| dir.join("speech-dispatcher").join("speechd.sock"))
    };
    let Some(given) = env("SPEECHD_ADDRESS") else {
        return default();
    };
    let given = given.trim();
    if given.is_empty() {
        return default();
    }
    if let Some(rest) = given.strip_prefix("unix_socket") {
        return match rest.strip_prefix(':') {
            _ if rest.is_empty() => default(),
            Some("" | "default") => default(),
            Some(path) => Some(PathBuf::from(path)),
            None => None,
        };
    }
    given.starts_with('/').then(|| PathBuf::from(given))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceConfig {
    /// The socket to connect to (`address`). `None` means there is no known place, so there
    /// is nothing to connect to and nowhere to spawn a server: the voice is `Unavailable`.
    pub socket: Option<PathBuf>,
    /// Run `speech-dispatcher --spawn` once if the socket cannot be connected (as libspeechd
    /// autospawns), so a kiosk needs no service set up for speech. It is asked for exactly
    /// `socket` (`--socket-path`): a server configured for another place refuses to start
    /// rather than listening where the voice would never find it.
    pub spawn: bool,
    /// -100 (slowest) to 100, clamped; 0 is the server's default.
    pub rate: i8,
    /// -100 to 100, clamped; 100 is speech-dispatcher's factory default.
    pub volume: i8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceState {
    Connecting,
    Ready,
    /// For good: the voice never tries again, so a broken speech setup costs nothing after the
    /// first few seconds.
    Unavailable,
}

impl VoiceState {
    fn from_u8(value: u8) -> VoiceState {
        match value {
            0 => VoiceState::Connecting,
            1 => VoiceState::Ready,
            _ => VoiceState::Unavailable,
        }
    }

    fn to_u8(self) -> u8 {
        match self {
            VoiceState::Connecting => 0,
            VoiceState::Ready => 1,
            VoiceState::Unavailable => 2,
        }
    }
}

/// A connection to speech-dispatcher, on its own thread.
pub struct Voice {
    inputs: Sender<Input>,
    shared: Arc<Shared>,
}

/// What the caller's side reads without waiting.
#[derive(Debug, Default)]
struct Shared {
    state: AtomicU8,
    /// The number of the last `say`; `finished` is the last of them known to make no more
    /// sound. Numbers rather than a flag, so that the end of an older message (reported late)
    /// never makes a newer one look finished.
    asked: AtomicU64,
    finished: AtomicU64,
    /// The primary language of each voice the server offers (`LIST SYNTHESIS_VOICES`), once
    /// known; `None` until then, or when the server does not say.
    languages: std::sync::OnceLock<Vec<String>>,
}

impl Shared {
    fn set(&self, state: VoiceState) {
        self.state.store(state.to_u8(), Ordering::SeqCst);
    }

    fn state(&self) -> VoiceState {
        VoiceState::from_u8(self.state.load(Ordering::SeqCst))
    }

    fn finish(&self, asked: u64) {
        self.finished.fetch_max(asked, Ordering::SeqCst);
    }
}

/// How long the voice thread waits for each thing; shorter in the tests.
#[derive(Debug, Clone)]
struct Timing {
    reply: Duration,
    spawn: Duration,
    retry_for: Duration,
    retry_every: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            reply: Duration::from_secs(2),
            spawn: Duration::from_secs(5),
            retry_for: Duration::from_secs(2),
            retry_every: Duration::from_millis(100),
        }
    }
}

/// Everything the voice thread starts from: it reads nothing else (no environment).
#[derive(Debug, Clone)]
struct Setup {
    config: VoiceConfig,
    user: String,
    /// The command that spawns a server, before its own arguments.
    program: Vec<OsString>,
    timing: Timing,
}

impl Voice {
    /// Starts connecting on its own thread and returns at once (never blocks the caller).
    pub fn start(config: VoiceConfig) -> Voice {
        // The user part of the client name only labels the connection in speech-dispatcher's
        // client list; read here, on the caller's thread, like `address`'s environment.
        let user = std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_default();
        Voice::launch(Setup {
            config,
            user,
            program: vec![OsString::from("speech-dispatcher")],
            timing: Timing::default(),
        })
    }

    fn launch(setup: Setup) -> Voice {
        let (inputs, received) = mpsc::channel();
        let shared = Arc::new(Shared::default());
        let voice = Voice {
            inputs: inputs.clone(),
            shared: Arc::clone(&shared),
        };
        let thread_shared = Arc::clone(&shared);
        let started = std::thread::Builder::new()
            .name("voice".to_owned())
            .spawn(move || run(setup, received, inputs, thread_shared));
        if started.is_err() {
            shared.set(VoiceState::Unavailable);
        }
        voice
    }

    /// Stops what is being said and anything not yet sent (SSIP `CANCEL self`), then speaks
    /// `text` in `language`, a BCP-47 tag like `fr-FR`: a visitor who moves on hears the new
    /// screen, not the end of the old one. Calls made while a previous one is still being sent
    /// collapse: only the newest text is spoken, there is no queue of stale speech. Line breaks
    /// in `text` are kept as pauses; other control characters are dropped. A paused voice is
    /// resumed: a new text is meant to be heard.
    pub fn say(&self, language: &str, text: &str) {
        if self.state() == VoiceState::Unavailable {
            return;
        }
        let asked = self.shared.asked.fetch_add(1, Ordering::SeqCst) + 1;
        self.send(Call::Say {
            asked,
            language: language.to_owned(),
            text: text.to_owned(),
        });
    }

    /// Stops speaking (`CANCEL self`). `speaking()` is false from now on, without waiting for
    /// the server to confirm.
    pub fn silence(&self) {
        self.shared.finish(self.shared.asked.load(Ordering::SeqCst));
        self.send(Call::Silence);
    }

    /// Holds the speech where it is (`PAUSE self`), to be taken up again by `resume`.
    pub fn pause(&self) {
        self.send(Call::Pause);
    }

    /// Goes on where `pause` stopped (`RESUME self`); nothing when not paused (the SSIP spec
    /// makes that an error, which would end the voice).
    pub fn resume(&self) {
        self.send(Call::Resume);
    }

    /// For the messages that follow (`SET self RATE`), clamped to -100..=100.
    pub fn set_rate(&self, rate: i8) {
        self.send(Call::Rate(ssip::clamp(rate)));
    }

    /// For the messages that follow (`SET self VOLUME`), clamped to -100..=100.
    pub fn set_volume(&self, volume: i8) {
        self.send(Call::Volume(ssip::clamp(volume)));
    }

    pub fn state(&self) -> VoiceState {
        self.shared.state()
    }

    /// Whether the server has a voice for `language` (a BCP-47 tag; its primary language is
    /// what counts): `None` while unknown — before the voice is ready, or from a server that
    /// does not list its voices. speech-dispatcher reads a language it has no voice for with
    /// its default voice, which a visitor could not follow; the dialog says so instead.
    pub fn speaks(&self, language: &str) -> Option<bool> {
        let wanted = ssip::language(language)?;
        let primary = wanted.split('-').next().unwrap_or_default();
        let languages = self.shared.languages.get()?;
        Some(languages.iter().any(|l| l == primary))
    }

    /// Whether the last `say` is still being spoken: true from `say` until speech-dispatcher
    /// reports its end or its cancellation (SSIP events 702/703), false at once when
    /// `Unavailable` — so the dialog can wait for a sentence to be heard, and never waits on
    /// a voice that is gone.
    pub fn speaking(&self) -> bool {
        self.state() != VoiceState::Unavailable
            && self.shared.finished.load(Ordering::SeqCst)
                < self.shared.asked.load(Ordering::SeqCst)
    }

    fn send(&self, call: Call) {
        if self.state() != VoiceState::Unavailable {
            // The thread may just have ended: then there is no one left to tell.
            let _ = self.inputs.send(Input::Call(call));
        }
    }
}

impl Drop for Voice {
    /// Tells the thread to send `QUIT` and close, and does not wait for it: the thread may be
    /// waiting on a server that does not answer. What was said before goes on to its end
    /// (speech-dispatcher finishes a message after its client quits); `silence` first to cut it.
    fn drop(&mut self) {
        let _ = self.inputs.send(Input::Call(Call::Quit));
    }
}

/// What the caller asks of the voice thread.
#[derive(Debug)]
enum Call {
    Say {
        asked: u64,
        language: String,
        text: String,
    },
    Silence,
    Pause,
    Resume,
    Rate(i8),
    Volume(i8),
    Quit,
}

/// Everything the voice thread waits for, from the caller or from the reader.
#[derive(Debug)]
enum Input {
    Call(Call),
    Server(Block),
    /// The server closed the connection or broke the protocol.
    Closed,
}

/// The voice cannot go on; why is of no use to the visitor, and the dialog has no place to
/// show it.
#[derive(Debug)]
struct Gone;

fn run(setup: Setup, inputs: Receiver<Input>, to_self: Sender<Input>, shared: Arc<Shared>) {
    let Some(stream) = connect(&setup) else {
        shared.set(VoiceState::Unavailable);
        return;
    };
    let reader = stream.try_clone().ok().and_then(|read_half| {
        std::thread::Builder::new()
            .name("voice-reader".to_owned())
            .spawn(move || read_blocks(read_half, to_self))
            .ok()
    });
    if reader.is_none() || stream.set_write_timeout(Some(setup.timing.reply)).is_err() {
        shared.set(VoiceState::Unavailable);
        return;
    }
    let mut session = Session {
        stream,
        inputs,
        backlog: VecDeque::new(),
        shared: Arc::clone(&shared),
        reply_timeout: setup.timing.reply,
        current: None,
        finished_early: None,
        language: None,
        paused: false,
    };
    let served = session.handshake(&setup).and_then(|()| {
        shared.set(VoiceState::Ready);
        session.serve()
    });
    if served.is_err() {
        shared.set(VoiceState::Unavailable);
    }
    // Wakes the reader, blocked on the socket.
    let _ = session.stream.shutdown(std::net::Shutdown::Both);
}

/// The socket, connected: at once, or after spawning a server.
fn connect(setup: &Setup) -> Option<UnixStream> {
    let socket = setup.config.socket.as_deref()?;
    if let Ok(stream) = UnixStream::connect(socket) {
        return Some(stream);
    }
    if !setup.config.spawn {
        return None;
    }
    spawn(&setup.program, socket, setup.timing.spawn)?;
    // The server may still be setting up after `--spawn` returns (or another one may be
    // starting at the same time): a few more tries.
    let deadline = Instant::now() + setup.timing.retry_for;
    loop {
        if let Ok(stream) = UnixStream::connect(socket) {
            return Some(stream);
        }
        if Instant::now() >= deadline {
            return None;
        }
        std::thread::sleep(setup.timing.retry_every);
    }
}

/// Runs `program --spawn` for `socket` as libspeechd does, waiting at most `limit` (it forks
/// the daemon and returns within a second when all is well) and killing it if it takes longer.
/// `None` when it could not be run at all; its exit status does not matter, the connection
/// tries that follow say whether there is a server.
fn spawn(program: &[OsString], socket: &Path, limit: Duration) -> Option<()> {
    let (program, leading) = program.split_first()?;
    let mut child = Command::new(program)
        .args(leading)
        .arg("--spawn")
        .args(["--communication-method", "unix_socket", "--socket-path"])
        .arg(socket)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + limit;
    loop {
        match child.try_wait() {
            Ok(Some(_)) => return Some(()),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Some(());
            }
        }
    }
}

/// The reader thread: lines → blocks, until the connection ends or the server talks nonsense.
fn read_blocks(stream: UnixStream, out: Sender<Input>) {
    let mut reader = BufReader::new(stream);
    let mut parser = ssip::Parser::default();
    let mut line = Vec::new();
    loop {
        line.clear();
        match (&mut reader)
            .take(ssip::MAX_LINE as u64)
            .read_until(b'\n', &mut line)
        {
            Ok(n) if n > 0 && line.last() == Some(&b'\n') => {}
            // End of the stream, an error, or a line too long.
            _ => break,
        }
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        match parser.line(&String::from_utf8_lossy(&line)) {
            Ok(Some(block)) => {
                if out.send(Input::Server(block)).is_err() {
                    return;
                }
            }
            Ok(None) => {}
            Err(_) => break,
        }
    }
    let _ = out.send(Input::Closed);
}

/// The voice thread's side of one connection.
struct Session {
    stream: UnixStream,
    inputs: Receiver<Input>,
    /// Calls that came while a reply was awaited, in order.
    backlog: VecDeque<Call>,
    shared: Arc<Shared>,
    reply_timeout: Duration,
    /// The message being spoken: the server's id for it and the `say` it came from.
    current: Option<(u64, u64)>,
    /// A message whose end came before the reply that named it (possible in principle: the
    /// server writes events from another thread).
    finished_early: Option<u64>,
    /// The language last set, so that it is set again only when it changes.
    language: Option<String>,
    paused: bool,
}

impl Session {
    fn handshake(&mut self, setup: &Setup) -> Result<(), Gone> {
        self.command(&format!(
            "SET self CLIENT_NAME {}",
            ssip::client_name(&setup.user)
        ))?;
        self.command("SET self NOTIFICATION end on")?;
        self.command("SET self NOTIFICATION cancel on")?;
        // `message`: never dropped for another client's text or notification, never cutting
        // into another's important message; that it does not interrupt itself does not matter,
        // since every `say` cancels first.
        self.command("SET self PRIORITY message")?;
        self.command(&format!("SET self RATE {}", ssip::clamp(setup.config.rate)))?;
        self.command(&format!(
            "SET self VOLUME {}",
            ssip::clamp(setup.config.volume)
        ))?;
        // Which languages it can speak: a server that cannot say leaves them unknown.
        self.write("LIST SYNTHESIS_VOICES\r\n")?;
        let voices = self.any_reply()?;
        if voices.is_ok() {
            let _ = self
                .shared
                .languages
                .set(ssip::voice_languages(&voices.data));
        }
        Ok(())
    }

    fn serve(&mut self) -> Result<(), Gone> {
        loop {
            let call = match self.backlog.pop_front() {
                Some(call) => call,
                None => match self.inputs.recv() {
                    Ok(Input::Call(call)) => call,
                    Ok(Input::Server(Block::Event(event))) => {
                        self.event(&event);
                        continue;
                    }
                    // A reply to nothing, a closed socket, or no one left to ask anything.
                    Ok(Input::Server(Block::Reply(_)) | Input::Closed) | Err(_) => {
                        return Err(Gone);
                    }
                },
            };
            match call {
                Call::Quit => {
                    let _ = self.write("QUIT\r\n");
                    return Ok(());
                }
                Call::Say {
                    asked,
                    language,
                    text,
                } => self.say(asked, &language, &text)?,
                Call::Silence => {
                    self.command("CANCEL self")?;
                }
                Call::Pause => {
                    if !self.paused {
                        self.command("PAUSE self")?;
                        self.paused = true;
                    }
                }
                Call::Resume => {
                    if self.paused {
                        self.command("RESUME self")?;
                        self.paused = false;
                    }
                }
                Call::Rate(rate) => {
                    self.command(&format!("SET self RATE {rate}"))?;
                }
                Call::Volume(volume) => {
                    self.command(&format!("SET self VOLUME {volume}"))?;
                }
            }
        }
    }

    fn say(&mut self, asked: u64, language: &str, text: &str) -> Result<(), Gone> {
        if self.superseded()? {
            return Ok(());
        }
        self.command("CANCEL self")?;
        if self.paused {
            self.command("RESUME self")?;
            self.paused = false;
        }
        let Some(body) = ssip::speak_body(text) else {
            self.shared.finish(asked);
            return Ok(());
        };
        if let Some(language) = ssip::language(language)
            && self.language.as_ref() != Some(&language)
        {
            self.command(&format!("SET self LANGUAGE {language}"))?;
            self.language = Some(language);
        }
        // A newer text came while the old one was being cancelled: it is the one to speak.
        if self.superseded()? {
            return Ok(());
        }
        self.command("SPEAK")?;
        self.write(&body)?;
        let queued = self.reply()?;
        let id = queued.message_id().ok_or(Gone)?;
        if self.finished_early == Some(id) {
            self.shared.finish(asked);
        } else {
            self.current = Some((id, asked));
        }
        Ok(())
    }

    /// Whether a later call makes the `say` at hand pointless (another `say`, a `silence`).
    fn superseded(&mut self) -> Result<bool, Gone> {
        loop {
            match self.inputs.try_recv() {
                Ok(Input::Call(call)) => self.backlog.push_back(call),
                Ok(Input::Server(Block::Event(event))) => self.event(&event),
                Ok(Input::Server(Block::Reply(_)) | Input::Closed) => return Err(Gone),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        Ok(self
            .backlog
            .iter()
            .any(|call| matches!(call, Call::Say { .. } | Call::Silence)))
    }

    fn event(&mut self, event: &Event) {
        if !event.kind.is_final() {
            return;
        }
        match self.current {
            Some((id, asked)) if id == event.message => {
                self.shared.finish(asked);
                self.current = None;
            }
            _ => self.finished_early = Some(event.message),
        }
    }

    /// Sends one command line and insists on a successful reply.
    fn command(&mut self, line: &str) -> Result<Reply, Gone> {
        self.write(&format!("{line}\r\n"))?;
        self.reply()
    }

    fn write(&mut self, text: &str) -> Result<(), Gone> {
        self.stream.write_all(text.as_bytes()).map_err(|_| Gone)
    }

    /// The next reply, handling what comes before it; within the reply timeout, successful.
    fn reply(&mut self) -> Result<Reply, Gone> {
        self.any_reply()
            .and_then(|reply| if reply.is_ok() { Ok(reply) } else { Err(Gone) })
    }

    /// The next reply, handling what comes before it, within the reply timeout.
    fn any_reply(&mut self) -> Result<Reply, Gone> {
        let deadline = Instant::now() + self.reply_timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inputs.recv_timeout(left) {
                Ok(Input::Call(call)) => self.backlog.push_back(call),
                Ok(Input::Server(Block::Event(event))) => self.event(&event),
                Ok(Input::Server(Block::Reply(reply))) => return Ok(reply),
                Ok(Input::Closed)
                | Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    return Err(Gone);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::net::UnixListener;
    use std::sync::Mutex;

    /// What the fake server got: a command line, or the raw lines of a `SPEAK`'s text (as on
    /// the wire, still dot-stuffed, without the final dot).
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Got {
        Command(String),
        Text(Vec<String>),
    }

    fn command(line: &str) -> Got {
        Got::Command(line.to_owned())
    }

    fn text(lines: &[&str]) -> Got {
        Got::Text(lines.iter().map(|l| (*l).to_owned()).collect())
    }

    /// A test's own answers: `None` leaves the answer to `speechd_like`, `Some("")` sends
    /// nothing at all.
    type Script = Box<dyn FnMut(&Got) -> Option<String> + Send>;

    /// The answers speech-dispatcher gives (only the first digit of a code matters), message
    /// ids counting from 1.
    fn speechd_like(got: &Got, next_id: &mut u64) -> String {
        match got {
            Got::Text(_) => {
                let id = *next_id;
                *next_id += 1;
                format!("225-{id}\r\n225 OK MESSAGE QUEUED\r\n")
            }
            Got::Command(c) if c == "SPEAK" => "230 OK RECEIVING DATA\r\n".to_owned(),
            Got::Command(c) if c.starts_with("CANCEL") => "213 OK CANCELED\r\n".to_owned(),
            Got::Command(c) if c.starts_with("PAUSE") => "211 OK PAUSED\r\n".to_owned(),
            Got::Command(c) if c.starts_with("RESUME") => "212 OK RESUMED\r\n".to_owned(),
            Got::Command(c) if c.starts_with("SET") => "200 OK SET\r\n".to_owned(),
            Got::Command(c) if c == "QUIT" => "231 HAPPY HACKING\r\n".to_owned(),
            Got::Command(c) if c == "LIST SYNTHESIS_VOICES" => {
                "249-fr\tfr\tMALE1\r\n249-English\ten-US\tnone\r\n249 OK VOICE LIST SENT\r\n"
                    .to_owned()
            }
            Got::Command(_) => "500 ERR INVALID COMMAND\r\n".to_owned(),
        }
    }

    /// A server on a Unix socket in a temporary folder that answers like speech-dispatcher,
    /// one connection at a time, and keeps what it got.
    struct Fake {
        dir: tempfile::TempDir,
        socket: PathBuf,
        got: Arc<Mutex<Vec<Got>>>,
        /// The connection, for events sent at any moment.
        connection: Arc<Mutex<Option<UnixStream>>>,
    }

    impl Fake {
        fn start() -> Fake {
            Fake::with(Box::new(|_| None))
        }

        fn with(script: Script) -> Fake {
            let dir = tempfile::tempdir().unwrap();
            let socket = dir.path().join("speechd.sock");
            Fake::at(dir, socket, script)
        }

        fn at(dir: tempfile::TempDir, socket: PathBuf, mut script: Script) -> Fake {
            let listener = UnixListener::bind(&socket).unwrap();
            let got = Arc::new(Mutex::new(Vec::new()));
            let connection: Arc<Mutex<Option<UnixStream>>> = Arc::new(Mutex::new(None));
            let (thread_got, thread_connection) = (Arc::clone(&got), Arc::clone(&connection));
            std::thread::spawn(move || {
                let mut next_id = 1;
                while let Ok((stream, _)) = listener.accept() {
                    *thread_connection.lock().unwrap() = Some(stream.try_clone().unwrap());
                    let mut lines = BufReader::new(stream).lines();
                    let mut body: Option<Vec<String>> = None;
                    while let Some(Ok(line)) = lines.next() {
                        let line = line.strip_suffix('\r').unwrap_or(&line).to_owned();
                        let got = match body.as_mut() {
                            Some(text) if line != "." => {
                                text.push(line);
                                continue;
                            }
                            Some(_) => Got::Text(body.take().unwrap_or_default()),
                            None => Got::Command(line),
                        };
                        thread_got.lock().unwrap().push(got.clone());
                        let answer =
                            script(&got).unwrap_or_else(|| speechd_like(&got, &mut next_id));
                        if got == command("SPEAK") && answer.starts_with("230") {
                            body = Some(Vec::new());
                        }
                        let mut connection = thread_connection.lock().unwrap();
                        if let Some(c) = connection.as_mut() {
                            let _ = c.write_all(answer.as_bytes());
                        }
                        if got == command("QUIT") {
                            *connection = None;
                            break;
                        }
                    }
                }
            });
            Fake {
                dir,
                socket,
                got,
                connection,
            }
        }

        fn got(&self) -> Vec<Got> {
            self.got.lock().unwrap().clone()
        }

        /// What came after the handshake (the six `SET`s and the voice list every connection
        /// starts with).
        fn after_handshake(&self) -> Vec<Got> {
            self.got().into_iter().skip(7).collect()
        }

        fn texts(&self) -> Vec<Got> {
            self.got()
                .into_iter()
                .filter(|g| matches!(g, Got::Text(_)))
                .collect()
        }

        fn has(&self, wanted: &Got) -> bool {
            self.got().contains(wanted)
        }

        /// Writes `text` to the client now, as the server does with events.
        fn send(&self, text: &str) {
            let mut connection = self.connection.lock().unwrap();
            connection
                .as_mut()
                .expect("a client is connected")
                .write_all(text.as_bytes())
                .unwrap();
        }

        /// Closes the connection, as a server that dies.
        fn close(&self) {
            if let Some(c) = self.connection.lock().unwrap().take() {
                c.shutdown(std::net::Shutdown::Both).unwrap();
            }
        }

        fn config(&self) -> VoiceConfig {
            VoiceConfig {
                socket: Some(self.socket.clone()),
                spawn: false,
                rate: 0,
                volume: 100,
            }
        }

        fn voice(&self) -> Voice {
            test_voice(self.config(), fast())
        }

        /// A voice that is `Ready`, its handshake done.
        fn ready_voice(&self) -> Voice {
            let voice = self.voice();
            wait_until("the voice is ready", || voice.state() == VoiceState::Ready);
            voice
        }
    }

    /// The real reply timeout (a loaded machine must not fail a test), shorter waits for
    /// spawning.
    fn fast() -> Timing {
        Timing {
            reply: Duration::from_secs(2),
            spawn: Duration::from_millis(500),
            retry_for: Duration::from_secs(2),
            retry_every: Duration::from_millis(20),
        }
    }

    fn test_voice(config: VoiceConfig, timing: Timing) -> Voice {
        Voice::launch(Setup {
            config,
            user: "tester".to_owned(),
            program: vec![OsString::from("/nonexistent/speech-dispatcher")],
            timing,
        })
    }

    /// Polls `done` for up to 10 s (a loaded machine is slow, a passing test is not).
    fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done() {
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    #[test]
    fn the_handshake_names_the_client_and_sets_notifications_priority_rate_and_volume() {
        let fake = Fake::start();
        let voice = test_voice(
            VoiceConfig {
                rate: 30,
                volume: 120,
                ..fake.config()
            },
            fast(),
        );
        assert_eq!(voice.state(), VoiceState::Connecting);
        wait_until("ready", || voice.state() == VoiceState::Ready);
        assert_eq!(
            fake.got(),
            [
                command("SET self CLIENT_NAME tester:kiosk-consent:main"),
                command("SET self NOTIFICATION end on"),
                command("SET self NOTIFICATION cancel on"),
                command("SET self PRIORITY message"),
                command("SET self RATE 30"),
                command("SET self VOLUME 100"),
                command("LIST SYNTHESIS_VOICES"),
            ]
        );
        assert!(!voice.speaking());
    }

    #[test]
    fn the_voice_knows_which_languages_the_server_speaks() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        assert_eq!(voice.speaks("fr-FR"), Some(true));
        assert_eq!(voice.speaks("en"), Some(true));
        assert_eq!(voice.speaks("de-DE"), Some(false));
        assert_eq!(voice.speaks("not a tag"), None);
        // Before it is connected, nobody knows.
        let unknown = test_voice(
            VoiceConfig {
                socket: None,
                ..fake.config()
            },
            fast(),
        );
        assert_eq!(unknown.speaks("fr"), None);
    }

    #[test]
    fn say_cancels_sets_the_language_once_and_sends_the_text_dot_stuffed() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say("fr-FR", "Bonjour.\n.caché\n..deux\n.");
        wait_until("the first text", || !fake.texts().is_empty());
        voice.say("fr-FR", "Encore");
        voice.set_rate(1); // in order after the say: once it is there, the say was sent
        wait_until("the rate", || fake.has(&command("SET self RATE 1")));
        assert_eq!(
            fake.after_handshake(),
            [
                command("CANCEL self"),
                command("SET self LANGUAGE fr-fr"),
                command("SPEAK"),
                text(&["Bonjour.", "..caché", "...deux", ".."]),
                command("CANCEL self"),
                command("SPEAK"),
                text(&["Encore"]),
                command("SET self RATE 1"),
            ]
        );
    }

    #[test]
    fn the_dot_stuffed_text_arrives_whole() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say("en", ".\n.one\nt.w.o");
        wait_until("the text", || !fake.texts().is_empty());
        assert_eq!(fake.texts(), [text(&["..", "..one", "t.w.o"])]);
        assert_eq!(voice.state(), VoiceState::Ready);
    }

    #[test]
    fn multi_line_text_is_sent_line_by_line_without_control_characters() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say(
            "en-US",
            "one\r\ntwo\nthree\rfour\u{2028}\x1b[1mfive\tsix\x07",
        );
        wait_until("the text", || !fake.texts().is_empty());
        assert_eq!(
            fake.texts(),
            [text(&["one", "two", "three", "four", "[1mfive six"])]
        );
        assert!(fake.has(&command("SET self LANGUAGE en-us")));
    }

    #[test]
    fn a_language_that_is_not_a_tag_is_never_sent() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say("fr\r\nQUIT", "texte");
        wait_until("the text", || !fake.texts().is_empty());
        assert_eq!(
            fake.after_handshake(),
            [command("CANCEL self"), command("SPEAK"), text(&["texte"])]
        );
        assert_eq!(voice.state(), VoiceState::Ready);
    }

    #[test]
    fn nothing_to_say_only_cancels() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say("en", " \n\x1b ");
        voice.set_volume(3);
        wait_until("the volume", || fake.has(&command("SET self VOLUME 3")));
        assert_eq!(
            fake.after_handshake(),
            [command("CANCEL self"), command("SET self VOLUME 3")]
        );
        assert!(!voice.speaking());
    }

    #[test]
    fn a_reply_that_never_comes_makes_the_voice_unavailable() {
        let fake = Fake::with(Box::new(|got| {
            (*got == command("SET self PRIORITY message")).then(String::new)
        }));
        let started = Instant::now();
        let voice = fake.voice();
        wait_until("unavailable", || voice.state() == VoiceState::Unavailable);
        assert!(
            started.elapsed() >= Duration::from_millis(1900),
            "it waited for the reply"
        );
        let call = Instant::now();
        voice.say("fr", "personne n'écoute");
        voice.pause();
        assert!(call.elapsed() < Duration::from_millis(100));
        assert!(!voice.speaking());
        std::thread::sleep(Duration::from_millis(50));
        assert!(!fake.has(&command("SPEAK")));
    }

    #[test]
    fn an_error_where_success_is_expected_makes_the_voice_unavailable() {
        let fake = Fake::with(Box::new(|got| {
            (*got == command("SET self PRIORITY message")).then(|| "510 ERR\r\n".to_owned())
        }));
        let voice = fake.voice();
        wait_until("unavailable", || voice.state() == VoiceState::Unavailable);
        assert!(!fake.has(&command("SET self RATE 0")), "{:?}", fake.got());
    }

    #[test]
    fn nonsense_from_the_server_makes_the_voice_unavailable() {
        let fake = Fake::with(Box::new(|got| {
            (*got == command("SET self NOTIFICATION end on")).then(|| "hello\r\n".to_owned())
        }));
        let voice = fake.voice();
        wait_until("unavailable", || voice.state() == VoiceState::Unavailable);
    }

    #[test]
    fn events_between_a_command_and_its_reply_are_taken_as_events() {
        // As speech-dispatcher does: the cancelled message's 703 before the CANCEL's reply,
        // a BEGIN right after a SPEAK's reply.
        let fake = Fake::with(Box::new(|got| match got {
            Got::Command(c) if c == "CANCEL self" => {
                Some("703-1\r\n703-1\r\n703 CANCELED\r\n213 OK CANCELED\r\n".to_owned())
            }
            Got::Text(lines) if lines[0] == "first" => {
                Some("225-1\r\n225 OK MESSAGE QUEUED\r\n701-1\r\n701-1\r\n701 BEGIN\r\n".to_owned())
            }
            Got::Text(lines) if lines[0] == "second" => {
                Some("225-2\r\n225 OK MESSAGE QUEUED\r\n701-2\r\n701-1\r\n701 BEGIN\r\n".to_owned())
            }
            _ => None,
        }));
        let voice = fake.ready_voice();
        voice.say("en", "first");
        wait_until("the first text", || fake.texts().len() == 1);
        voice.say("en", "second");
        wait_until("the second text", || fake.texts().len() == 2);
        voice.set_rate(2);
        wait_until("the rate", || fake.has(&command("SET self RATE 2")));
        // The 703 was of the first message: the second is still being spoken.
        assert_eq!(voice.state(), VoiceState::Ready);
        assert!(voice.speaking());
        fake.send("702-2\r\n702-1\r\n702 END\r\n");
        wait_until("not speaking", || !voice.speaking());
        assert_eq!(voice.state(), VoiceState::Ready);
    }

    #[test]
    fn speaking_is_true_from_say_until_the_end_of_that_message() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say("fr", "Bonjour");
        assert!(voice.speaking(), "at once, before anything was sent");
        wait_until("the text", || !fake.texts().is_empty());
        // The end of another message changes nothing.
        fake.send("702-7\r\n702-1\r\n702 END\r\n");
        voice.set_rate(4);
        wait_until("the rate", || fake.has(&command("SET self RATE 4")));
        assert!(voice.speaking());
        fake.send("702-1\r\n702-1\r\n702 END\r\n");
        wait_until("not speaking", || !voice.speaking());
        voice.say("fr", "Encore");
        wait_until("the second text", || fake.texts().len() == 2);
        fake.send("703-2\r\n703-1\r\n703 CANCELED\r\n");
        wait_until("not speaking after a cancel", || !voice.speaking());
    }

    #[test]
    fn says_made_while_one_is_being_sent_collapse_into_the_newest() {
        let (release, released) = mpsc::channel::<()>();
        let mut first = true;
        let fake = Fake::with(Box::new(move |got| {
            if *got == command("CANCEL self") && first {
                first = false;
                released.recv().unwrap();
            }
            None
        }));
        let voice = fake.ready_voice();
        voice.say("fr", "un");
        wait_until("the first cancel", || fake.has(&command("CANCEL self")));
        // The thread now waits for the reply to that CANCEL.
        for word in ["deux", "trois", "quatre"] {
            voice.say("fr", word);
        }
        voice.set_rate(5);
        release.send(()).unwrap();
        wait_until("the rate", || fake.has(&command("SET self RATE 5")));
        assert_eq!(fake.texts(), [text(&["quatre"])]);
        assert!(voice.speaking());
    }

    #[test]
    fn silence_cancels_and_stops_speaking_at_once() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say("en", "Hello");
        wait_until("the text", || !fake.texts().is_empty());
        voice.silence();
        assert!(!voice.speaking());
        wait_until("the cancel", || {
            fake.after_handshake().last() == Some(&command("CANCEL self"))
        });
    }

    #[test]
    fn pause_and_resume_are_sent_once_each_and_say_resumes() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.resume(); // not paused: nothing to send
        voice.pause();
        voice.pause();
        voice.resume();
        voice.resume();
        voice.pause();
        voice.say("en", "Heard");
        wait_until("the text", || !fake.texts().is_empty());
        assert_eq!(
            fake.after_handshake(),
            [
                command("PAUSE self"),
                command("RESUME self"),
                command("PAUSE self"),
                command("CANCEL self"),
                command("RESUME self"),
                command("SET self LANGUAGE en"),
                command("SPEAK"),
                text(&["Heard"]),
            ]
        );
    }

    #[test]
    fn rate_and_volume_are_clamped() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.set_rate(i8::MAX);
        voice.set_volume(i8::MIN);
        voice.set_rate(-7);
        wait_until("the last rate", || fake.has(&command("SET self RATE -7")));
        assert_eq!(
            fake.after_handshake(),
            [
                command("SET self RATE 100"),
                command("SET self VOLUME -100"),
                command("SET self RATE -7"),
            ]
        );
    }

    #[test]
    fn a_closed_connection_makes_the_voice_unavailable() {
        let fake = Fake::start();
        let voice = fake.ready_voice();
        voice.say("en", "cut");
        wait_until("the text", || !fake.texts().is_empty());
        fake.close();
        wait_until("unavailable", || voice.state() == VoiceState::Unavailable);
        assert!(!voice.speaking());
        voice.say("en", "no one");
        voice.silence();
    }

    #[test]
    fn no_socket_is_unavailable_at_once() {
        let dir = tempfile::tempdir().unwrap();
        for socket in [None, Some(dir.path().join("none.sock"))] {
            let started = Instant::now();
            let voice = test_voice(
                VoiceConfig {
                    socket,
                    spawn: false,
                    rate: 0,
                    volume: 100,
                },
                fast(),
            );
            voice.say("fr", "rien");
            wait_until("unavailable", || voice.state() == VoiceState::Unavailable);
            assert!(started.elapsed() < Duration::from_secs(1));
            assert!(!voice.speaking());
        }
    }

    #[test]
    fn drop_sends_quit_and_never_waits_for_the_thread() {
        let fake = Fake::start();
        drop(fake.ready_voice());
        wait_until("quit", || fake.has(&command("QUIT")));
        // A thread stuck on a reply that takes 30 s: dropping does not wait for it.
        let mute = Fake::with(Box::new(|got| (*got == command("SPEAK")).then(String::new)));
        let voice = test_voice(
            mute.config(),
            Timing {
                reply: Duration::from_secs(30),
                ..fast()
            },
        );
        voice.say("en", "stuck");
        wait_until("the speak", || mute.has(&command("SPEAK")));
        let started = Instant::now();
        drop(voice);
        assert!(started.elapsed() < Duration::from_millis(500));
    }

    /// `/bin/sh script` as the spawn command: never a freshly written executable, which
    /// another test's fork could keep busy (ETXTBSY).
    fn spawner(dir: &Path, script: &str) -> Vec<OsString> {
        let path = dir.join("spawn.sh");
        std::fs::write(&path, script).unwrap();
        vec![OsString::from("/bin/sh"), path.into_os_string()]
    }

    #[test]
    fn spawn_runs_the_server_for_the_socket_then_connects() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("speechd.sock");
        let args = dir.path().join("args");
        let program = spawner(
            dir.path(),
            &format!("printf '%s\\n' \"$@\" > '{}'\n", args.display()),
        );
        let voice = Voice::launch(Setup {
            config: VoiceConfig {
                socket: Some(socket.clone()),
                spawn: true,
                rate: 0,
                volume: 100,
            },
            user: "tester".to_owned(),
            program,
            timing: fast(),
        });
        // The server comes up once spawned, as speech-dispatcher's daemon does.
        wait_until("spawned", || args.exists());
        let fake = Fake::at(dir, socket.clone(), Box::new(|_| None));
        wait_until("ready", || voice.state() == VoiceState::Ready);
        assert_eq!(
            std::fs::read_to_string(fake.dir.path().join("args")).unwrap(),
            format!(
                "--spawn\n--communication-method\nunix_socket\n--socket-path\n{}\n",
                socket.display()
            )
        );
        voice.say("fr", "démarré");
        wait_until("the text", || !fake.texts().is_empty());
    }

    #[test]
    fn a_spawn_that_hangs_is_killed_and_the_voice_unavailable() {
        let dir = tempfile::tempdir().unwrap();
        let pid = dir.path().join("pid");
        let program = spawner(
            dir.path(),
            &format!("echo $$ > '{}'\nexec sleep 30\n", pid.display()),
        );
        let started = Instant::now();
        let voice = Voice::launch(Setup {
            config: VoiceConfig {
                socket: Some(dir.path().join("speechd.sock")),
                spawn: true,
                rate: 0,
                volume: 100,
            },
            user: "tester".to_owned(),
            program,
            timing: Timing {
                retry_for: Duration::from_millis(200),
                ..fast()
            },
        });
        wait_until("unavailable", || voice.state() == VoiceState::Unavailable);
        assert!(
            started.elapsed() >= Duration::from_millis(500),
            "waited for the spawn"
        );
        let pid = std::fs::read_to_string(&pid).unwrap();
        assert!(
            !Path::new("/proc").join(pid.trim()).exists(),
            "the spawned process {pid} was killed and reaped"
        );
    }

    #[test]
    fn without_spawn_nothing_is_spawned() {
        let dir = tempfile::tempdir().unwrap();
        let ran = dir.path().join("ran");
        let program = spawner(dir.path(), &format!("touch '{}'\n", ran.display()));
        let voice = Voice::launch(Setup {
            config: VoiceConfig {
                socket: Some(dir.path().join("speechd.sock")),
                spawn: false,
                rate: 0,
                volume: 100,
            },
            user: "tester".to_owned(),
            program: program.clone(),
            timing: fast(),
        });
        wait_until("unavailable", || voice.state() == VoiceState::Unavailable);
        assert!(!ran.exists());
        // The same script does run when spawning is asked for (so the check above can fail).
        assert!(spawn(&program, &dir.path().join("speechd.sock"), fast().spawn).is_some());
        assert!(ran.exists());
    }

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_address_follows_libspeechd() {
        let run = "/run/user/1000";
        let default = Some(PathBuf::from(
            "/run/user/1000/speech-dispatcher/speechd.sock",
        ));
        assert_eq!(address(env(&[("XDG_RUNTIME_DIR", run)])), default);
        for given in [
            "unix_socket",
            "unix_socket:",
            "unix_socket:default",
            "",
            "  ",
        ] {
            assert_eq!(
                address(env(&[("SPEECHD_ADDRESS", given), ("XDG_RUNTIME_DIR", run)])),
                default,
                "{given:?}"
            );
        }
        assert_eq!(
            address(env(&[
                ("SPEECHD_ADDRESS", "unix_socket:/tmp/a:b.sock"),
                ("XDG_RUNTIME_DIR", run)
            ])),
            Some(PathBuf::from("/tmp/a:b.sock"))
        );
        assert_eq!(
            address(env(&[("SPEECHD_ADDRESS", "/srv/speech.sock")])),
            Some(PathBuf::from("/srv/speech.sock"))
        );
        for unsupported in [
            "inet_socket:127.0.0.1:6560",
            "inet_socket",
            "unix_socketx",
            "x",
        ] {
            assert_eq!(
                address(env(&[
                    ("SPEECHD_ADDRESS", unsupported),
                    ("XDG_RUNTIME_DIR", run)
                ])),
                None,
                "{unsupported:?}"
            );
        }
    }

    #[test]
    fn without_a_runtime_dir_the_address_is_in_the_cache_dir_as_speech_dispatcher_does() {
        let home = Some(PathBuf::from(
            "/home/k/.cache/speech-dispatcher/speechd.sock",
        ));
        assert_eq!(address(env(&[("HOME", "/home/k")])), home);
        assert_eq!(
            address(env(&[("HOME", "/home/k"), ("XDG_RUNTIME_DIR", "relative")])),
            home
        );
        assert_eq!(
            address(env(&[("HOME", "/home/k"), ("XDG_CACHE_HOME", "/c")])),
            Some(PathBuf::from("/c/speech-dispatcher/speechd.sock"))
        );
        assert_eq!(address(env(&[])), None);
        assert_eq!(address(env(&[("HOME", "")])), None);
    }
}
