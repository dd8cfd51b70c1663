//! A small tmux harness for the end-to-end tests: the real binary runs in a real pseudo
//! terminal (a pane of a private tmux server), the tests type keys into it and read the screen
//! and the cursor back, the way a visitor and a screen reader would.
//!
//! Every `Session` has its own tmux server (`tmux -L kc-<pid>-<n>-<name>`) and its own
//! temporary folder; dropping it kills the server, so a failing test leaves nothing running.
//! Nothing here sleeps a fixed time to wait for the program: it polls the screen (every 50 ms,
//! for up to 20 s) for what the test expects, and panics with the last screen otherwise.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::{BIN, DEADLINE, base_env};

const POLL: Duration = Duration::from_millis(50);

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// `s` quoted for a POSIX shell.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

/// The lines of `screen` joined by single spaces, every run of white space made one space:
/// text the program wrapped over several lines can be found as one sentence.
pub fn flat(screen: &str) -> String {
    screen.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `screen` shows `text`, on one line or wrapped over several.
pub fn shows(screen: &str, text: &str) -> bool {
    screen.contains(text) || flat(screen).contains(&flat(text))
}

/// Where `text` starts on `screen`, as (column, row). Columns are counted in characters: every
/// character the program draws is one column wide.
pub fn find(screen: &str, text: &str) -> Option<(u16, u16)> {
    screen.lines().enumerate().find_map(|(y, line)| {
        line.find(text)
            .map(|byte| (line[..byte].chars().count() as u16, y as u16))
    })
}

/// `params` of one SGR sequence applied to the attributes in force (colours are left out).
fn apply_sgr(active: &mut Vec<u32>, params: &str) {
    let codes: Vec<u32> = params.split(';').map(|p| p.parse().unwrap_or(0)).collect();
    let mut i = 0;
    while i < codes.len() {
        match codes[i] {
            0 => active.clear(),
            n @ (1..=9) if !active.contains(&n) => active.push(n),
            22 => active.retain(|a| *a != 1 && *a != 2),
            n @ (23..=29) => active.retain(|a| *a != n - 20),
            // Extended colours carry their own parameters.
            38 | 48 => i += if codes.get(i + 1) == Some(&5) { 2 } else { 4 },
            _ => {}
        }
        i += 1;
    }
}

/// How to start the dialog in a pane.
pub struct Kiosk {
    name: String,
    width: u16,
    height: u16,
    args: Vec<String>,
    env: BTreeMap<String, String>,
    /// A command the program runs under (e.g. `prlimit --fsize=100 --`).
    prefix: Vec<String>,
    /// The program run in the pane: the kiosk-consent binary unless `program` says otherwise.
    program: String,
    /// Where the program's standard error goes, if not to the pane.
    stderr: Option<PathBuf>,
    /// How long the session's waits last before they give up.
    deadline: Duration,
    /// Start from an empty environment instead of `base_env`.
    env_clear: bool,
}

impl Kiosk {
    /// The dialog at 80×24, French environment-less (LANG=C.UTF-8), no arguments.
    pub fn new(name: &str) -> Kiosk {
        Kiosk {
            name: name.to_owned(),
            width: 80,
            height: 24,
            args: Vec::new(),
            env: BTreeMap::new(),
            prefix: Vec::new(),
            program: BIN.to_owned(),
            stderr: None,
            deadline: DEADLINE,
            env_clear: false,
        }
    }

    /// Leaves out the minimal environment (PATH, HOME, XDG_DATA_HOME, TERM, LANG): the
    /// program gets only the variables given with `env`.
    pub fn env_clear(mut self) -> Kiosk {
        self.env_clear = true;
        self
    }

    /// Runs `program` with `args` (followed by any `arg`) in the pane instead of the
    /// kiosk-consent binary, with the same environment, exit code and terminal checks.
    pub fn program(mut self, program: impl AsRef<Path>, args: &[&str]) -> Kiosk {
        self.program = program.as_ref().display().to_string();
        self.args.extend(args.iter().map(|a| (*a).to_owned()));
        self
    }

    /// Sends the program's standard error to `file` instead of the pane; timeouts show it.
    pub fn stderr_to(mut self, file: &Path) -> Kiosk {
        self.stderr = Some(file.to_owned());
        self
    }

    /// How long the session's waits last before they give up (`DEADLINE` unless set).
    pub fn deadline(mut self, deadline: Duration) -> Kiosk {
        self.deadline = deadline;
        self
    }

    /// Starts the program under `prefix` (a command and its options, ending with `--`).
    pub fn start_with_prefix(mut self, prefix: &[&str]) -> Session {
        self.prefix = prefix.iter().map(|p| (*p).to_owned()).collect();
        self.start()
    }

    pub fn size(mut self, width: u16, height: u16) -> Kiosk {
        self.width = width;
        self.height = height;
        self
    }

    pub fn args(mut self, args: &[&str]) -> Kiosk {
        self.args.extend(args.iter().map(|a| (*a).to_owned()));
        self
    }

    pub fn arg(mut self, arg: impl AsRef<str>) -> Kiosk {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn env(mut self, name: &str, value: &str) -> Kiosk {
        self.env.insert(name.to_owned(), value.to_owned());
        self
    }

    /// The consent file, given through `KIOSK_CONSENT_FILE`.
    pub fn consent(self, path: &Path) -> Kiosk {
        let path = path.display().to_string();
        self.env("KIOSK_CONSENT_FILE", &path)
    }

    /// Starts a private tmux server whose only pane runs the program, then `stty -a` (so the
    /// tests can see the terminal modes the program left behind), then records the exit code.
    pub fn start(self) -> Session {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let clean: String = self
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .take(40)
            .collect();
        let socket = format!("kc-{}-{n}-{clean}", std::process::id());
        let dir = tempfile::Builder::new()
            .prefix("kc-tmux-")
            .tempdir()
            .expect("temporary folder for the tmux session");
        let home = dir.path().join("home");
        fs::create_dir_all(&home).unwrap();

        let mut env = if self.env_clear {
            BTreeMap::new()
        } else {
            base_env(&home)
        };
        env.extend(self.env.clone());
        let mut script = String::from("#!/bin/sh\n");
        for (k, v) in &env {
            script.push_str(&format!("export {k}={}\n", sh_quote(v)));
        }
        let mut command: String = self.prefix.iter().map(|p| sh_quote(p) + " ").collect();
        command.push_str(&sh_quote(&self.program));
        for a in &self.args {
            command.push(' ');
            command.push_str(&sh_quote(a));
        }
        if let Some(file) = &self.stderr {
            command.push_str(" 2> ");
            command.push_str(&sh_quote(&file.display().to_string()));
        }
        let d = dir.path();
        script.push_str(&format!(
            "{command}\ncode=$?\nstty -a > {stty} 2>&1\necho \"EXIT:$code\" > {tmp}\nmv {tmp} {exit}\n\
             # Keep the pane alive, so its modes are as the program left them (a dead pane\n\
             # gets tmux's own \"Pane is dead\" line and cursor state).\n\
             exec sleep 3600\n",
            stty = sh_quote(&d.join("stty").display().to_string()),
            tmp = sh_quote(&d.join("exit.tmp").display().to_string()),
            exit = sh_quote(&d.join("exit").display().to_string()),
        ));
        let script_path = d.join("run.sh");
        fs::write(&script_path, script).unwrap();
        // Read when the server starts, before the pane exists: the pane stays readable after
        // the program ends, whatever its speed.
        let conf = d.join("tmux.conf");
        fs::write(
            &conf,
            "set -g remain-on-exit on\nset -g default-terminal xterm-256color\nset -g status off\n",
        )
        .unwrap();

        let session = Session {
            socket,
            dir,
            width: self.width,
            height: self.height,
            deadline: self.deadline,
            stderr: self.stderr,
        };
        // `env -i`: nothing of the test process's environment reaches the program.
        let pane_command = format!(
            "env -i /bin/sh {}",
            sh_quote(&script_path.display().to_string())
        );
        let out = session
            .tmux_cmd()
            .arg("-f")
            .arg(&conf)
            .args(["new-session", "-d", "-s", "kc", "-x"])
            .arg(self.width.to_string())
            .arg("-y")
            .arg(self.height.to_string())
            .arg(pane_command)
            .output()
            .expect("tmux must be installed to run the end-to-end tests");
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        session
    }
}

/// A running dialog in a private tmux server. Killed when dropped.
pub struct Session {
    socket: String,
    dir: TempDir,
    pub width: u16,
    pub height: u16,
    deadline: Duration,
    stderr: Option<PathBuf>,
}

impl Drop for Session {
    fn drop(&mut self) {
        self.kill_server();
    }
}

impl Session {
    /// Ends the private tmux server and whatever runs in it.
    fn kill_server(&self) {
        let _ = self
            .tmux_cmd()
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }

    fn tmux_cmd(&self) -> Command {
        let mut c = Command::new("tmux");
        // -u and a UTF-8 locale: the screen comes back with its accents, not as `_`.
        c.arg("-u")
            .arg("-L")
            .arg(&self.socket)
            // The socket lives in the session's folder: tmux leaves it behind after
            // kill-server, and the folder goes with the session.
            .env("TMUX_TMPDIR", self.dir.path())
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("TMUX");
        c
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = self.tmux_cmd().args(args).output().expect("running tmux");
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("tmux output is UTF-8")
    }

    /// The session's own folder (exit code, stty dump, script).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Sends keys by their tmux names (`Tab`, `BTab`, `Space`, `Enter`, `Escape`, `F2`, `Down`,
    /// …) or single characters. After `Escape`, wait for its effect before sending anything
    /// else: ESC closely followed by a letter reads as Alt+letter.
    pub fn send_keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "kc"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "kc", "-l", text]);
    }

    /// Pastes `text` as a terminal does (`paste-buffer -p`: inside bracketed-paste marks when
    /// the program asked for them).
    pub fn paste(&self, text: &str) {
        self.tmux(&["set-buffer", "-b", "kc-paste", text]);
        self.tmux(&["paste-buffer", "-p", "-d", "-b", "kc-paste", "-t", "kc"]);
    }

    /// Sends raw bytes to the program, as the terminal would (a mouse report, say).
    pub fn send_bytes(&self, bytes: &[u8]) {
        let mut args = vec![
            "send-keys".to_owned(),
            "-t".into(),
            "kc".into(),
            "-H".into(),
        ];
        args.extend(bytes.iter().map(|b| format!("{b:02x}")));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.tmux(&args);
    }

    /// A left click at (column, row), 0-based, as an SGR mouse report (press and release).
    pub fn click(&self, x: u16, y: u16) {
        let (x, y) = (x + 1, y + 1);
        self.send_bytes(format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m").as_bytes());
    }

    /// The SGR attributes (1 bold, 4 underline, 7 reverse…) in force at (column, row).
    pub fn attributes_at(&self, x: u16, y: u16) -> Vec<u32> {
        let styled = self.screen_with_styles();
        let line = styled.lines().nth(usize::from(y)).unwrap_or_default();
        let mut active: Vec<u32> = Vec::new();
        let mut column = 0;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\x1b' && chars.peek() == Some(&'[') {
                chars.next();
                let mut params = String::new();
                for p in chars.by_ref() {
                    if p.is_ascii_alphabetic() {
                        if p == 'm' {
                            apply_sgr(&mut active, &params);
                        }
                        break;
                    }
                    params.push(p);
                }
                continue;
            }
            if column == x {
                return active;
            }
            column += 1;
        }
        active
    }

    /// The pane's text, one line per row.
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "kc"])
    }

    /// The screen with its attributes as escape sequences (`capture-pane -e`).
    pub fn screen_with_styles(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", "kc"])
    }

    /// Resizes the window, as a visitor resizing the terminal would.
    pub fn resize(&self, width: u16, height: u16) {
        self.tmux(&[
            "resize-window",
            "-t",
            "kc",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
    }

    /// A tmux format about the pane, e.g. `#{alternate_on}`.
    pub fn format(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "kc", format])
            .trim()
            .to_owned()
    }

    /// The process id of the program itself (the child of the pane's shell).
    pub fn program_pid(&self) -> u32 {
        let shell = self.format("#{pane_pid}");
        let children = fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .expect("the pane's shell lists its children");
        let pids: Vec<u32> = children
            .split_whitespace()
            .map(|p| p.parse().unwrap())
            .collect();
        assert_eq!(pids.len(), 1, "one program in the pane: {pids:?}");
        pids[0]
    }

    /// The terminal cursor, as (column, row) from the top left.
    pub fn cursor(&self) -> (u16, u16) {
        let out = self.tmux(&[
            "display-message",
            "-p",
            "-t",
            "kc",
            "#{cursor_x},#{cursor_y}",
        ]);
        let (x, y) = out
            .trim()
            .split_once(',')
            .unwrap_or_else(|| panic!("unexpected cursor report {out:?}"));
        (x.parse().unwrap(), y.parse().unwrap())
    }

    /// Polls until `done(screen)` holds; returns that screen. Panics with `what` and the last
    /// screen after the deadline.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > self.deadline {
                panic!(
                    "timed out after {:?} waiting for {what}; last screen ({}x{}):\n{}\n{}",
                    self.deadline,
                    self.width,
                    self.height,
                    screen,
                    self.exit_note()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the screen shows `text` (on one line, or wrapped over several).
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} on screen"), |s| shows(s, text))
    }

    /// Waits until the screen shows every one of `texts`.
    pub fn wait_for_all(&self, texts: &[&str]) -> String {
        self.wait_until(&format!("all of {texts:?} on screen"), |s| {
            texts.iter().all(|t| shows(s, t))
        })
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} gone from the screen"), |s| {
            !shows(s, text)
        })
    }

    /// Waits until the terminal cursor sits on the first character of `text` (`offset`
    /// characters into the first match of `text`) and returns that position. Screen and
    /// cursor are read together and retried, since a frame may be half-drawn when read.
    pub fn wait_cursor_on(&self, text: &str, offset: u16) -> (u16, u16) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            let cursor = self.cursor();
            let target = find(&screen, text).map(|(x, y)| (x + offset, y));
            if target == Some(cursor) && self.screen() == screen {
                return cursor;
            }
            if start.elapsed() > self.deadline {
                panic!(
                    "timed out waiting for the cursor on {text:?} (+{offset}): the text is at \
                     {:?}, the cursor at {cursor:?}; last screen:\n{screen}",
                    find(&screen, text)
                );
            }
            std::thread::sleep(POLL);
        }
    }

    fn exit_note(&self) -> String {
        let exit = match fs::read_to_string(self.dir().join("exit")) {
            Ok(s) => format!("(the program has exited: {})", s.trim()),
            Err(_) => "(the program is still running)".to_owned(),
        };
        exit + &self.stderr_note()
    }

    /// The program's standard error for a failure message, when `stderr_to` set a file.
    fn stderr_note(&self) -> String {
        match &self.stderr {
            Some(_) => format!("\nthe program's standard error:\n{}", self.program_stderr()),
            None => String::new(),
        }
    }

    /// What the program wrote to its standard error so far, when `Kiosk::stderr_to` sent it
    /// to a file (empty otherwise, or if nothing was written yet).
    pub fn program_stderr(&self) -> String {
        self.stderr
            .as_ref()
            .and_then(|file| fs::read_to_string(file).ok())
            .unwrap_or_default()
    }

    /// Polls until `done()` holds, whatever it checks (files, the exit code, the screen).
    /// Panics with `what`, the last screen and how the program is doing after the deadline.
    pub fn poll_until(&self, what: &str, done: impl Fn() -> bool) {
        let start = Instant::now();
        while !done() {
            if start.elapsed() > self.deadline {
                panic!(
                    "timed out after {:?} waiting for {what}; last screen ({}x{}):\n{}\n{}",
                    self.deadline,
                    self.width,
                    self.height,
                    self.screen(),
                    self.exit_note()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// The exit code, if the program has ended.
    pub fn exit_code(&self) -> Option<i32> {
        let text = fs::read_to_string(self.dir().join("exit")).ok()?;
        let code = text.trim().strip_prefix("EXIT:")?;
        Some(code.parse().expect("exit code"))
    }

    /// Waits for the program to end and returns its exit code.
    pub fn wait_exit(&self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(code) = self.exit_code() {
                return code;
            }
            if start.elapsed() > self.deadline {
                panic!(
                    "timed out after {:?} waiting for the program to exit; last screen:\n{}{}",
                    self.deadline,
                    self.screen(),
                    self.stderr_note()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// `stty -a` as run in the pane right after the program ended (after `wait_exit`).
    pub fn stty_after_exit(&self) -> String {
        fs::read_to_string(self.dir().join("stty")).expect("stty output after exit")
    }

    /// Kills the tmux server, like dropping the session, then waits (up to 10 s) until every
    /// process of the pane has ended: a program that still runs when a test ends gets SIGHUP
    /// and may write somewhere (its clean-up) after the server is gone. Call it before
    /// removing a folder the program writes into. Never panics: it is meant for `Drop`.
    pub fn kill_and_wait(&self) {
        let pids = self
            .tmux_cmd()
            .args(["display-message", "-p", "-t", "kc", "#{pane_pid}"])
            .stderr(Stdio::null())
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|s| s.trim().parse::<u32>().ok())
            .map(descendants)
            .unwrap_or_default();
        self.kill_server();
        let start = Instant::now();
        while pids.iter().any(|&pid| alive(pid)) && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(POLL);
        }
    }
}

/// Whether `pid` still runs (a zombie no longer does: nothing may reap it in a container).
pub fn alive(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        stat.rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z') && !rest.starts_with('X'))
    })
}

/// `pid` and all its descendants, from /proc.
pub fn descendants(pid: u32) -> Vec<u32> {
    let mut all = vec![pid];
    let mut i = 0;
    while i < all.len() {
        let p = all[i];
        let tasks = fs::read_dir(format!("/proc/{p}/task"))
            .into_iter()
            .flatten();
        for task in tasks.flatten() {
            let children = fs::read_to_string(task.path().join("children")).unwrap_or_default();
            all.extend(
                children
                    .split_whitespace()
                    .filter_map(|c| c.parse::<u32>().ok()),
            );
        }
        i += 1;
    }
    all
}

// ---------------------------------------------------------------------------------------------
// Added for kiosk.rs
// ---------------------------------------------------------------------------------------------

impl Session {
    /// `tmux pipe-pane -o 'cat >> FILE'`: from now on every byte the program writes to its
    /// terminal is appended to `file`, so a test can see what was sent, not only the screen.
    pub fn pipe_output_to(&self, file: &Path) {
        let command = format!("cat >> {}", sh_quote(&file.display().to_string()));
        self.tmux(&["pipe-pane", "-o", "-t", "kc", &command]);
    }
}

/// The terminal modes after the program: cooked, echoing, main screen, cursor shown, no mouse
/// reporting.
pub fn assert_terminal_restored(s: &Session) {
    let stty = s.stty_after_exit();
    let words: Vec<&str> = stty.split_whitespace().collect();
    for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
        assert!(
            words.contains(&mode),
            "`{mode}` must be back on after exit:\n{stty}"
        );
        let off = format!("-{mode}");
        assert!(
            !words.contains(&off.as_str()),
            "`{off}`: the terminal was left raw:\n{stty}"
        );
    }
    assert_eq!(
        s.format("#{alternate_on}"),
        "0",
        "left the alternate screen"
    );
    assert_eq!(s.format("#{cursor_flag}"), "1", "the cursor is shown again");
    for flag in ["mouse_any_flag", "mouse_button_flag", "mouse_standard_flag"] {
        assert_eq!(
            s.format(&format!("#{{{flag}}}")),
            "0",
            "mouse reporting ({flag}) is off again"
        );
    }
}
