//! The dialog on a real Linux virtual console, read by a real screen reader: BRLTTY follows
//! the console's cursor and shows the 40 cells a braille display would, and the tests read
//! those cells back as text.
//!
//! Two free virtual consoles are taken: the dialog runs on one (N), in its own session with
//! that console as its controlling terminal, and is made the active console, since BRLTTY's
//! Linux screen driver reads the active one. BRLTTY's text-terminal braille driver (`tt`)
//! plays the braille display on the other (M): on every update it writes the window's 40
//! characters as text on M's first line (and their braille dots on the second), and puts M's
//! cursor where the braille cursor is. /dev/vcsuM and /dev/vcsaM give that text and cursor
//! back. Keys reach the dialog through TIOCSTI on /dev/ttyN, as if typed on its keyboard;
//! TIOCSTI on /dev/ttyM presses the display's keys (Right arrow: the next window).
//!
//! Only root can do this, on a machine with virtual consoles, brltty and kbd: elsewhere
//! `BrailleConsole::start` says plainly why it cannot run and how to run it, and returns
//! None (a failure under CI=true). Dropping a `BrailleConsole` stops the dialog and BRLTTY,
//! makes the console that was active active again and frees both consoles, so a failing test
//! leaves nothing running. Runs are one at a time, across processes too (a lock file): there
//! is one active console.
//!
//! Nothing sleeps a fixed time: every wait polls (every 50 ms, up to `DEADLINE`).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write as _};
use std::os::fd::AsRawFd;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::{BIN, DEADLINE, alive, base_env, shows};

/// The cells of the braille display BRLTTY plays: one line of 40, the most common size.
pub const BRAILLE_CELLS: usize = 40;

const POLL: Duration = Duration::from_millis(50);
/// How long clean-up waits for a process to end, or a console to be freed, before forcing it.
const CLEANUP: Duration = Duration::from_secs(5);
const LEGACY_TIOCSTI: &str = "/proc/sys/dev/tty/legacy_tiocsti";
const HOW_TO_RUN: &str = "it runs as root on a Linux machine with virtual consoles (not in a \
    container): `sudo apt-get install brltty kbd`, then `sudo cargo test --test it braille`";

/// What the braille display shows: its cells as text, and the braille cursor's cell.
#[derive(Clone, Debug, PartialEq)]
pub struct Window {
    pub cells: Vec<char>,
    pub cursor: Option<usize>,
}

impl Window {
    pub fn text(&self) -> String {
        self.cells.iter().collect()
    }

    /// The cells from the braille cursor to the end of the window.
    pub fn after_cursor(&self) -> Option<String> {
        self.cursor
            .map(|c| self.cells[c.min(self.cells.len())..].iter().collect())
    }
}

impl std::fmt::Display for Window {
    /// The cells between bars, and a caret under the cursor's cell.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "|{}|", self.text())?;
        match self.cursor {
            Some(c) => write!(f, "\n {}^ (cursor on cell {})", " ".repeat(c), c + 1),
            None => write!(f, "\n (no cursor in the window)"),
        }
    }
}

/// A virtual console's screen, as /dev/vcsuN and /dev/vcsaN give it.
pub struct Screen {
    pub rows: usize,
    pub columns: usize,
    /// (column, row) from the top left.
    pub cursor: (usize, usize),
    pub lines: Vec<String>,
}

impl Screen {
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }
}

impl std::fmt::Display for Screen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (x, y) = self.cursor;
        writeln!(
            f,
            "({}x{}, cursor at column {x}, row {y}, from 0)",
            self.columns, self.rows
        )?;
        for line in &self.lines {
            writeln!(f, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

/// Reads virtual console `vt`'s screen.
pub fn read_screen(vt: u32) -> io::Result<Screen> {
    // rows, columns, cursor column, cursor row: one byte each.
    let mut header = [0u8; 4];
    File::open(format!("/dev/vcsa{vt}"))?.read_exact(&mut header)?;
    let [rows, columns, x, y] = header.map(usize::from);
    // One 32-bit code point per cell, row after row.
    let cells = fs::read(format!("/dev/vcsu{vt}"))?;
    let chars: Vec<char> = cells
        .chunks_exact(4)
        .map(|c| char::from_u32(u32::from_ne_bytes([c[0], c[1], c[2], c[3]])).unwrap_or('?'))
        .collect();
    let lines = chars
        .chunks(columns.max(1))
        .map(|row| row.iter().collect())
        .collect();
    Ok(Screen {
        rows,
        columns,
        cursor: (x, y),
        lines,
    })
}

/// Types `bytes` into the terminal `tty` as if from its keyboard (TIOCSTI), one byte at a time.
fn tiocsti(tty: &File, bytes: &[u8]) -> io::Result<()> {
    for byte in bytes {
        // SAFETY: TIOCSTI reads exactly one byte through its pointer argument, which points at
        // `*byte`, borrowed from `bytes` for the whole call; the kernel does not keep the
        // pointer. The descriptor belongs to `tty`, which is open for the whole call.
        let done = unsafe { libc::ioctl(tty.as_raw_fd(), libc::TIOCSTI, byte as *const u8) };
        if done == -1 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Says that the braille tests cannot run here, why and how to run them: plainly on standard
/// error (not the test's captured output), or as a failure under CI=true.
fn cannot_run(name: &str, reason: &str) {
    let message = format!("braille test {name} cannot run here: {reason}; {HOW_TO_RUN}.");
    if std::env::var("CI").is_ok_and(|ci| ci == "true") {
        panic!("{message} (CI=true: a test that cannot run is a failure)");
    }
    let _ = writeln!(io::stderr(), "{message}");
}

/// `name` on the PATH, or in the system folders (brltty lives in /usr/sbin).
fn tool(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(["/usr/sbin", "/sbin", "/usr/bin", "/bin"].map(PathBuf::from))
        .map(|dir| dir.join(name))
        .find(|p| fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0))
}

/// The programs a run needs.
struct Tools {
    brltty: PathBuf,
    chvt: PathBuf,
    deallocvt: PathBuf,
    fgconsole: PathBuf,
    setsid: PathBuf,
}

impl Tools {
    fn find() -> Result<Tools, String> {
        let find = |name: &str, package: &str| {
            tool(name).ok_or_else(|| format!("`{name}` is not installed (package {package})"))
        };
        Ok(Tools {
            brltty: find("brltty", "brltty")?,
            chvt: find("chvt", "kbd")?,
            deallocvt: find("deallocvt", "kbd")?,
            fgconsole: find("fgconsole", "kbd")?,
            setsid: find("setsid", "util-linux")?,
        })
    }

    /// The active console, or with `--next-available` the first unallocated one.
    fn fgconsole(&self, args: &[&str]) -> Result<u32, String> {
        let out = Command::new(&self.fgconsole)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("fgconsole {args:?}: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout);
        text.trim().parse().map_err(|_| {
            format!(
                "fgconsole {args:?} gave {text:?} ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            )
        })
    }

    fn active(&self) -> Option<u32> {
        self.fgconsole(&[]).ok()
    }

    /// Makes `vt` the active console and waits until it is.
    fn activate(&self, vt: u32) -> Result<(), String> {
        let start = Instant::now();
        loop {
            let _ = Command::new(&self.chvt)
                .arg(vt.to_string())
                .stdin(Stdio::null())
                .status();
            if self.active() == Some(vt) {
                return Ok(());
            }
            if start.elapsed() > CLEANUP {
                return Err(format!(
                    "chvt {vt}: the active console is still {:?}",
                    self.active()
                ));
            }
            std::thread::sleep(POLL);
        }
    }
}

/// A dialog on a virtual console and BRLTTY reading it. Cleans up when dropped.
pub struct BrailleConsole {
    name: String,
    tools: Tools,
    dir: TempDir,
    /// The console active before the run, made active again after.
    original_vt: Option<u32>,
    /// The dialog's console and BRLTTY's, once allocated.
    dialog_vt: Option<u32>,
    braille_vt: Option<u32>,
    /// /dev/ttyN and /dev/ttyM, kept open: TIOCSTI goes through them, and an open console is
    /// not free for someone else meanwhile.
    dialog_tty: Option<File>,
    braille_tty: Option<File>,
    dialog: Option<Child>,
    brltty: Option<Child>,
    /// What /proc/sys/dev/tty/legacy_tiocsti was, when the run had to change it.
    legacy_tiocsti: Option<String>,
    /// One run at a time, across processes: there is one active console.
    _lock: File,
}

impl BrailleConsole {
    /// Starts `kiosk-consent` with `args` on a free virtual console, writing its decision to
    /// `consent`, makes that console active and starts BRLTTY on it. None, after saying so,
    /// where that cannot be done (see `cannot_run`).
    pub fn start(name: &str, args: &[&str], consent: &Path) -> Option<BrailleConsole> {
        let tools = match preflight() {
            Ok(tools) => tools,
            Err(reason) => {
                cannot_run(name, &reason);
                return None;
            }
        };
        let lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(std::env::temp_dir().join("kiosk-consent-braille.lock"))
            .expect("the braille tests' lock file");
        lock.lock().expect("locking the braille tests' lock file");
        let dir = tempfile::Builder::new()
            .prefix("kc-braille-")
            .tempdir()
            .expect("a temporary folder for the braille run");
        let mut run = BrailleConsole {
            name: name.to_owned(),
            original_vt: None,
            dialog_vt: None,
            braille_vt: None,
            dialog_tty: None,
            braille_tty: None,
            dialog: None,
            brltty: None,
            legacy_tiocsti: None,
            tools,
            dir,
            _lock: lock,
        };
        if let Err(reason) = run.take_consoles() {
            cannot_run(name, &reason);
            return None;
        }
        run.start_dialog(args, consent);
        let vt = run.dialog_vt.unwrap();
        run.tools
            .activate(vt)
            .unwrap_or_else(|e| panic!("making the dialog's console active: {e}"));
        run.start_brltty();
        run.check_window_size();
        if let Ok(screen) = read_screen(vt) {
            eprintln!(
                "the dialog on console {vt} ({}x{}, TERM=linux), BRLTTY's {BRAILLE_CELLS}-cell \
                 window on console {}",
                screen.columns,
                screen.rows,
                run.braille_vt()
            );
        }
        Some(run)
    }

    /// Takes two free consoles, makes sure TIOCSTI may type into them, and remembers the
    /// active one.
    fn take_consoles(&mut self) -> Result<(), String> {
        self.original_vt = Some(self.tools.fgconsole(&[])?);
        match fs::read_to_string(LEGACY_TIOCSTI).map(|s| s.trim().to_owned()) {
            Ok(value) if value == "0" => {
                fs::write(LEGACY_TIOCSTI, "1").map_err(|e| {
                    format!(
                        "TIOCSTI is turned off ({LEGACY_TIOCSTI} is 0) and cannot be turned on: {e}"
                    )
                })?;
                self.legacy_tiocsti = Some(value);
            }
            // 1, or a kernel without the setting (TIOCSTI always allowed).
            _ => {}
        }
        let (n, tty) = self.allocate()?;
        self.dialog_vt = Some(n);
        self.dialog_tty = Some(tty);
        let (m, tty) = self.allocate()?;
        self.braille_vt = Some(m);
        self.braille_tty = Some(tty);
        self.probe_tiocsti()
    }

    /// The first unallocated console, allocated by opening it (and so no longer free).
    fn allocate(&self) -> Result<(u32, File), String> {
        let vt = self.tools.fgconsole(&["--next-available"])?;
        let path = format!("/dev/tty{vt}");
        let tty = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
            .open(&path)
            .map_err(|e| format!("cannot open the free console {path}: {e}"))?;
        // The kernel makes /dev/vcsN when the console is allocated.
        let start = Instant::now();
        while !Path::new(&format!("/dev/vcsu{vt}")).exists() {
            if start.elapsed() > CLEANUP {
                return Err(format!("no /dev/vcsu{vt} for the console {path}"));
            }
            std::thread::sleep(POLL);
        }
        Ok((vt, tty))
    }

    /// Types a newline into the dialog's console before the dialog starts, and reads it back
    /// (the console is still in line mode): TIOCSTI works here, and the line is gone again.
    fn probe_tiocsti(&self) -> Result<(), String> {
        let mut tty = self.dialog_tty.as_ref().unwrap();
        tiocsti(tty, b"\n").map_err(|e| format!("TIOCSTI refused: {e}"))?;
        let start = Instant::now();
        let mut byte = [0u8; 1];
        loop {
            match tty.read(&mut byte) {
                Ok(1) => return Ok(()),
                Err(e) if e.kind() != io::ErrorKind::WouldBlock => {
                    return Err(format!("reading back a key typed with TIOCSTI: {e}"));
                }
                _ if start.elapsed() > CLEANUP => {
                    return Err("a key typed with TIOCSTI never arrived".to_owned());
                }
                _ => std::thread::sleep(POLL),
            }
        }
    }

    /// The dialog, in a session of its own whose controlling terminal is the console (as a
    /// getty would start it), from a cleared environment: `base_env`, TERM=linux.
    fn start_dialog(&mut self, args: &[&str], consent: &Path) {
        let vt = self.dialog_vt.unwrap();
        let home = self.dir.path().join("home");
        fs::create_dir_all(&home).unwrap();
        let mut env = base_env(&home);
        env.insert("TERM".to_owned(), "linux".to_owned());
        env.insert(
            "KIOSK_CONSENT_FILE".to_owned(),
            consent.display().to_string(),
        );
        let tty = OpenOptions::new()
            .read(true)
            .write(true)
            .custom_flags(libc::O_NOCTTY)
            .open(format!("/dev/tty{vt}"))
            .expect("opening the dialog's console");
        let stderr = File::create(self.dir.path().join("dialog.stderr")).unwrap();
        // `setsid -c`: a new session, with standard input (the console) as its controlling
        // terminal. Not a process group leader, it calls setsid(2) and runs the program
        // itself: the child is the dialog. `-w` gives its exit code back should it fork.
        let child = Command::new(&self.tools.setsid)
            .args(["-c", "-w", BIN])
            .args(args)
            .env_clear()
            .envs(env)
            .stdin(tty.try_clone().unwrap())
            .stdout(tty)
            .stderr(stderr)
            .spawn()
            .expect("starting the dialog with setsid");
        self.dialog = Some(child);
    }

    /// BRLTTY: the Linux screen driver on the active console, the `tt` braille driver as a
    /// 40-cell display on console M, no speech, no API; its settings and preferences from
    /// empty files of the run's own, so nothing of the machine's (/etc/brltty.conf, saved
    /// preferences) changes what it shows, and what the test relies on said explicitly.
    fn start_brltty(&mut self) {
        let m = self.braille_vt.unwrap();
        let d = self.dir.path();
        let state = d.join("brltty-state");
        fs::create_dir_all(&state).unwrap();
        let conf = d.join("brltty.conf");
        fs::write(&conf, "").unwrap();
        let log = File::create(d.join("brltty.log")).unwrap();
        let child = Command::new(&self.tools.brltty)
            .args(brltty_args(
                &conf,
                &d.join("brltty.prefs"),
                &state,
                &format!("/dev/tty{m}"),
            ))
            .env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .env("LANG", "C.UTF-8")
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .expect("starting brltty");
        self.brltty = Some(child);
    }

    /// The window is 40 cells (the driver writes one braille pattern per cell on M's second
    /// line), and BRLTTY took every setting it was given (it says so when it does not).
    fn check_window_size(&self) {
        let m = self.braille_vt.unwrap();
        self.poll(
            "the braille window (40 cells of braille dots on its second line)",
            || {
                let screen = read_screen(m).ok()?;
                let dots: Vec<char> = screen.lines.get(1)?.trim_end().chars().collect();
                (dots.len() == BRAILLE_CELLS
                    && dots.iter().all(|c| ('\u{2800}'..='\u{28ff}').contains(c)))
                .then_some(())
            },
        );
        let log = fs::read_to_string(self.dir.path().join("brltty.log")).unwrap_or_default();
        let refused: Vec<&str> = log
            .lines()
            .filter(|l| {
                ["invalid", "unknown", "unsupported"]
                    .iter()
                    .any(|w| l.contains(w))
            })
            .collect();
        assert!(
            refused.is_empty(),
            "BRLTTY refused some of its settings: {refused:#?}\n{}",
            self.report()
        );
    }

    /// The dialog's console.
    pub fn dialog_vt(&self) -> u32 {
        self.dialog_vt.unwrap()
    }

    /// The console BRLTTY writes its window to.
    pub fn braille_vt(&self) -> u32 {
        self.braille_vt.unwrap()
    }

    /// The braille window now.
    pub fn window(&self) -> Window {
        let screen = read_screen(self.braille_vt()).ok();
        let line = screen
            .as_ref()
            .and_then(|s| s.lines.first().cloned())
            .unwrap_or_default();
        let mut cells: Vec<char> = line.chars().take(BRAILLE_CELLS).collect();
        cells.resize(BRAILLE_CELLS, ' ');
        let cursor = screen
            .filter(|s| s.cursor.1 == 0 && s.cursor.0 < BRAILLE_CELLS)
            .map(|s| s.cursor.0);
        Window { cells, cursor }
    }

    /// Types `keys` into the dialog's console. Single-byte keys only (Tab, Space, Enter as
    /// "\r", letters): TIOCSTI queues one byte at a time, so the dialog may read an escape
    /// sequence's ESC before the rest, as the Escape key.
    pub fn type_keys(&self, keys: &str) {
        assert!(
            !keys.contains('\x1b'),
            "no escape sequences through TIOCSTI: {keys:?}"
        );
        tiocsti(self.dialog_tty.as_ref().unwrap(), keys.as_bytes())
            .unwrap_or_else(|e| panic!("typing {keys:?} into the dialog's console: {e}"));
    }

    /// Presses the braille display's "next window" key: Right arrow on the `tt` driver's
    /// terminal, which reads it through curses (that waits for a whole escape sequence).
    pub fn pan_right(&self) {
        tiocsti(self.braille_tty.as_ref().unwrap(), b"\x1b[C")
            .unwrap_or_else(|e| panic!("typing into BRLTTY's console: {e}"));
    }

    /// Whether the dialog still runs.
    fn dialog_alive(&self) -> bool {
        self.dialog.as_ref().is_some_and(|c| alive(c.id()))
    }

    /// Polls until `found()` gives something; returns it. Panics with `what`, the braille
    /// window, the dialog's screen and both programs' output after the deadline, or as soon as
    /// the dialog is gone.
    fn poll<T>(&self, what: &str, found: impl Fn() -> Option<T>) -> T {
        let start = Instant::now();
        loop {
            if let Some(value) = found() {
                return value;
            }
            if !self.dialog_alive() {
                // One more look: it may have been there just before the end.
                if let Some(value) = found() {
                    return value;
                }
                panic!(
                    "the dialog ended while waiting for {what}\n{}",
                    self.report()
                );
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "timed out after {DEADLINE:?} waiting for {what}\n{}",
                    self.report()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until the braille window satisfies `done`; returns that window.
    pub fn wait_window(&self, what: &str, done: impl Fn(&Window) -> bool) -> Window {
        self.poll(what, || Some(self.window()).filter(|w| done(w)))
    }

    /// Waits until the braille cursor is on `label`'s first character and the whole of
    /// `label` follows it in the window: the focused control, read whole on the display.
    pub fn wait_focus(&self, label: &str) -> Window {
        let window = self.wait_window(&format!("{label:?} whole, from the braille cursor"), |w| {
            w.after_cursor().is_some_and(|rest| rest.starts_with(label))
        });
        log_window(&format!("focus {label:?}"), &window);
        window
    }

    /// Reads `line`, starting at the braille cursor, as a braille reader would: what the
    /// window shows from the cursor, then the next windows (panning right) until all of it
    /// has been read. Returns the windows read, in order.
    pub fn read_line_from_cursor(&self, line: &str) -> Vec<Window> {
        let chars: Vec<char> = line.chars().collect();
        let first = self.wait_window(
            &format!("the start of {line:?} at the braille cursor"),
            |w| {
                w.cursor.is_some_and(|c| {
                    let n = chars.len().min(BRAILLE_CELLS - c);
                    w.cells[c..c + n] == chars[..n]
                })
            },
        );
        log_window(&format!("line {line:?}"), &first);
        let mut read = BRAILLE_CELLS - first.cursor.unwrap();
        let mut windows = vec![first];
        while read < chars.len() {
            let rest = &chars[read..];
            let n = rest.len().min(BRAILLE_CELLS);
            self.pan_right();
            let next = self.wait_window(
                &format!(
                    "the next window to show {:?}",
                    rest[..n].iter().collect::<String>()
                ),
                |w| w.cells[..n] == rest[..n],
            );
            log_window("  next window", &next);
            windows.push(next);
            read += BRAILLE_CELLS;
        }
        windows
    }

    /// Waits until the dialog's screen shows `text` (on one line or wrapped).
    pub fn wait_screen(&self, text: &str) -> Screen {
        self.poll(&format!("{text:?} on the dialog's screen"), || {
            read_screen(self.dialog_vt())
                .ok()
                .filter(|s| shows(&s.text(), text))
        })
    }

    /// Waits for the dialog to end; its exit code.
    pub fn wait_exit(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            let child = self.dialog.as_mut().expect("the dialog was started");
            if let Some(status) = child.try_wait().expect("waiting for the dialog") {
                return status
                    .code()
                    .unwrap_or_else(|| panic!("the dialog was killed: {status}"));
            }
            if start.elapsed() > DEADLINE {
                panic!(
                    "timed out after {DEADLINE:?} waiting for the dialog to exit\n{}",
                    self.report()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Everything a failure should show.
    fn report(&self) -> String {
        let read = |file: &str| fs::read_to_string(self.dir.path().join(file)).unwrap_or_default();
        let screen =
            read_screen(self.dialog_vt()).map_or_else(|e| e.to_string(), |s| s.to_string());
        format!(
            "braille window ({BRAILLE_CELLS} cells, console {}):\n{}\n\
             dialog's screen (console {}) {screen}\
             dialog: {}\ndialog's standard error:\n{}\nbrltty's log:\n{}",
            self.braille_vt(),
            self.window(),
            self.dialog_vt(),
            if self.dialog_alive() {
                "running"
            } else {
                "ended"
            },
            read("dialog.stderr"),
            read("brltty.log"),
        )
    }
}

/// BRLTTY's command line (see `BrailleConsole::start_brltty`).
fn brltty_args(conf: &Path, prefs: &Path, state: &Path, device: &str) -> Vec<String> {
    let (conf, prefs, state) = (conf.display(), prefs.display(), state.display());
    let options: [&[&str]; 9] = [
        // In the foreground, logging to standard error, quietly (no start-up message in the
        // window), no BrlAPI server.
        &["-n", "-e", "-q", "-N"],
        // Nothing of the machine's configuration: an empty settings file, a preferences file
        // that does not exist (the defaults), writable and updatable folders of the run's own.
        &["-f", &conf.to_string(), "-F", &prefs.to_string()],
        &["-W", &state.to_string(), "-U", &state.to_string()],
        // What the test relies on, though they are the defaults: computer braille (a cell a
        // character, no contraction), windows at fixed places (columns 1–40, 41–80: not
        // sliding with the cursor, no overlap, no word wrap), cursor tracking without delay.
        &[
            "-o",
            "braille-variant=computer8,word-wrap=no,cursor-tracking-delay=0",
        ],
        &[
            "-o",
            "sliding-braille-window=no,eager-sliding-braille-window=no",
        ],
        &["-o", "braille-window-overlap=0"],
        // The Linux screen driver (it reads the active console), no speech.
        &["-x", "lx", "-s", "no"],
        // The text-terminal braille driver, on console M: one line of 40 cells; on every
        // update it writes the window's text (in UTF-8) above its dots, for a terminal of
        // type linux.
        &["-b", "tt", "-d", device],
        &[
            "-B",
            &format!("lines=1,columns={BRAILLE_CELLS},term=linux,charset=UTF-8"),
        ],
    ];
    options
        .iter()
        .flat_map(|o| o.iter().map(|a| (*a).to_owned()))
        .collect()
}

/// Whether this machine can run the braille tests: the programs they need.
fn preflight() -> Result<Tools, String> {
    if !Path::new("/dev/tty0").exists() {
        return Err("there are no virtual consoles (no /dev/tty0)".to_owned());
    }
    if !fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0) {
        let why = "to switch consoles, type into one with TIOCSTI and let BRLTTY read them";
        return Err(format!("it needs root ({why})"));
    }
    Tools::find()
}

/// The window a step read, in the test's output (shown with --nocapture or on failure).
fn log_window(step: &str, window: &Window) {
    eprintln!("{step}:\n{window}");
}

impl Drop for BrailleConsole {
    /// Never panics: stops the dialog and BRLTTY, gives the active console back, frees both
    /// consoles, turns TIOCSTI back off if it was.
    fn drop(&mut self) {
        for (what, child) in [
            ("the dialog", self.dialog.take()),
            ("brltty", self.brltty.take()),
        ] {
            if let Some(child) = child {
                stop(child, what);
            }
        }
        if let Some(vt) = self.original_vt
            && let Err(e) = self.tools.activate(vt)
        {
            eprintln!("braille test {}: giving console {vt} back: {e}", self.name);
        }
        // Closed, so that nothing holds the consoles any more.
        self.dialog_tty = None;
        self.braille_tty = None;
        for vt in [self.dialog_vt, self.braille_vt].into_iter().flatten() {
            let start = Instant::now();
            while !Command::new(&self.tools.deallocvt)
                .arg(vt.to_string())
                .stdin(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
            {
                if start.elapsed() > CLEANUP {
                    eprintln!(
                        "braille test {}: console {vt} could not be freed",
                        self.name
                    );
                    break;
                }
                std::thread::sleep(POLL);
            }
        }
        if let Some(value) = self.legacy_tiocsti.take()
            && let Err(e) = fs::write(LEGACY_TIOCSTI, &value)
        {
            eprintln!(
                "braille test {}: {LEGACY_TIOCSTI} back to {value}: {e}",
                self.name
            );
        }
    }
}

/// Asks `child` to end (SIGTERM: the dialog gives its terminal back), kills it if it has not
/// after a while, and reaps it.
fn stop(mut child: Child, what: &str) {
    if matches!(child.try_wait(), Ok(Some(_))) {
        return;
    }
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .stderr(Stdio::null())
        .status();
    let start = Instant::now();
    while matches!(child.try_wait(), Ok(None)) {
        if start.elapsed() > CLEANUP {
            eprintln!("{what} did not end on SIGTERM: killed");
            let _ = child.kill();
            let _ = child.wait();
            return;
        }
        std::thread::sleep(POLL);
    }
}
