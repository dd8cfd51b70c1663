//! The terminal, set up for the dialog and always given back as it was: on a normal exit, an
//! error (the guard's `Drop`), a panic (the hook), and SIGTERM, SIGHUP, SIGINT or SIGQUIT (a
//! thread that waits for them). Suspended (SIGTSTP, outside kiosk mode) it is given back too,
//! and taken again when the program continues (SIGCONT), with a full redraw.

use std::io::{self, BufWriter, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};

/// The terminal is in the dialog's modes and must be restored.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
/// Outside kiosk mode the program may be suspended (SIGTSTP); a kiosk never is.
static SUSPENDABLE: AtomicBool = AtomicBool::new(false);
/// Held while a frame is drawn or a decision saved. A signal waits for it, so it never leaves
/// half a frame on the restored screen nor a temporary file behind.
static BUSY: Mutex<()> = Mutex::new(());
/// Shown instead of Rust's panic report, in the visitor's language.
static PANIC_MESSAGE: OnceLock<String> = OnceLock::new();

pub(crate) fn busy() -> MutexGuard<'static, ()> {
    BUSY.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Gives the terminal back: mouse off, main screen, cooked mode, cursor shown. Safe to call
/// more than once; only the first call does anything.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.load(Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, DisableBracketedPaste, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}

/// The terminal while the dialog runs; restores it when dropped.
pub struct Session {
    pub terminal: Terminal<CrosstermBackend<BufWriter<Stdout>>>,
    watchers: Option<Watchers>,
}

impl Session {
    /// Starts the threads that answer signals and a hang-up. Called once the first frame is
    /// out, so that starting them does not delay it: a signal caught before waits for them
    /// (its handler is already installed).
    pub fn watch(&mut self) {
        if let Some(watchers) = self.watchers.take() {
            watchers.start();
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal in the dialog's modes: raw, the alternate screen, bracketed paste (pasted
/// text arrives as one paste event, never as key presses that could press buttons), and the
/// mouse when asked. Also after a suspension.
fn take() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    let entered = if MOUSE.load(Ordering::SeqCst) {
        execute!(
            out,
            EnterAlternateScreen,
            EnableBracketedPaste,
            EnableMouseCapture
        )
    } else {
        execute!(out, EnterAlternateScreen, EnableBracketedPaste)
    };
    if entered.is_err() {
        restore();
    }
    entered
}

pub fn enter(mouse: bool, suspendable: bool, panic_message: String) -> io::Result<Session> {
    let _ = PANIC_MESSAGE.set(panic_message);
    MOUSE.store(mouse, Ordering::SeqCst);
    SUSPENDABLE.store(suspendable, Ordering::SeqCst);
    let watchers = install_hooks()?;
    take()?;
    // A frame goes out in one write, not in pieces a terminal or a screen reader could show
    // half drawn (ratatui flushes after each frame).
    let backend = CrosstermBackend::new(BufWriter::with_capacity(1 << 16, io::stdout()));
    match Terminal::new(backend) {
        Ok(terminal) => Ok(Session { terminal, watchers }),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// The signals caught and the terminal watched for a hang-up, until their threads start.
struct Watchers {
    signals: signal_hook::iterator::Signals,
    tty: Option<Box<dyn std::os::fd::AsFd + Send>>,
}

/// The panic hook and the signal handlers, installed at once; the threads that act on them
/// are started by `Session::watch`. None when installed before.
fn install_hooks() -> io::Result<Option<Watchers>> {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return Ok(None);
    }
    std::panic::set_hook(Box::new(|_| {
        restore();
        let message = PANIC_MESSAGE.get().map_or("internal error", String::as_str);
        eprintln!("kiosk-consent: {message}");
        std::process::exit(1);
    }));
    let signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    Ok(Some(Watchers {
        signals,
        tty: terminal_to_watch(),
    }))
}

impl Watchers {
    fn start(self) {
        let Watchers { mut signals, tty } = self;
        if let Some(tty) = tty {
            watch_hangup(tty);
        }
        std::thread::spawn(move || {
            for signal in signals.forever() {
                match signal {
                    // A kiosk is never suspended.
                    SIGTSTP if !SUSPENDABLE.load(Ordering::SeqCst) => {}
                    SIGTSTP => {
                        let busy = busy();
                        restore();
                        // Stops here, as the default action would, until SIGCONT.
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                        drop(busy);
                        retake();
                    }
                    // Continued after a stop we did not see (SIGSTOP): the shell may have reset
                    // the terminal meanwhile.
                    SIGCONT => retake(),
                    _ => {
                        let _busy = busy();
                        restore();
                        // The shell's convention for "killed by a signal".
                        std::process::exit(128 + signal);
                    }
                }
            }
        });
    }
}

/// Takes the terminal again after a suspension, and asks for a full redraw: SIGWINCH makes
/// the event loop see a resize, which redraws every cell.
fn retake() {
    let _busy = busy();
    if take().is_ok() {
        let _ = signal_hook::low_level::raise(SIGWINCH);
    }
}

/// The terminal to watch for a hang-up, owned by its thread for the life of the process.
fn terminal_to_watch() -> Option<Box<dyn std::os::fd::AsFd + Send>> {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() {
        return Some(Box::new(io::stdin()));
    }
    let tty = std::fs::File::open("/dev/tty").ok()?;
    Some(Box::new(tty))
}

/// The terminal can hang up without a SIGHUP reaching us: the kernel signals only the session
/// leader, and a parent shell that traps SIGHUP (as assets/launcher/kiosk-session does) keeps
/// it. crossterm then re-reads EOF in a loop forever at 100 % CPU (crossterm issue #793). A
/// thread sleeps in poll(2) on the terminal, asking for no event: only a hang-up (or an error)
/// wakes it, so an idle dialog still has no wake-up at all. It then leaves as SIGHUP would.
fn watch_hangup(tty: Box<dyn std::os::fd::AsFd + Send>) {
    use rustix::event::{PollFd, PollFlags, poll};
    std::thread::spawn(move || {
        loop {
            let mut fds = [PollFd::from_borrowed_fd(tty.as_fd(), PollFlags::empty())];
            match poll(&mut fds, None) {
                Ok(_) => {}
                // Interrupted by a signal: wait again. Any other error would repeat at once:
                // stop watching rather than spin.
                Err(rustix::io::Errno::INTR) => continue,
                Err(_) => return,
            }
            let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            if fds[0].revents().intersects(gone) {
                let _busy = busy();
                restore();
                std::process::exit(128 + SIGHUP);
            }
        }
    });
}
