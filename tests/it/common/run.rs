//! The one way the tests run a command of the program (`get`, `check`, `doctor`, …; the dialog
//! in a terminal is `Kiosk`'s): from a cleared environment, `base_env` and a home folder of
//! the run's own, so nothing of the developer's HOME, XDG folders, locale or policy reaches
//! it. A test that wants HOME, XDG_DATA_HOME or LANG to be something sets it with `env`.

use std::ffi::OsStr;
use std::io::Write as _;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

use super::{BIN, base_env};

/// A run of the program to be: its environment, its input, how long it may take.
pub struct Kc {
    command: Command,
    input: Option<Vec<u8>>,
    deadline: Option<Duration>,
    /// The run's HOME (unless the test gives another): removed when the run is over.
    _home: TempDir,
}

impl Kc {
    pub fn new() -> Kc {
        Kc::under(&[])
    }

    /// The program reading and writing the consent file at `consent`.
    pub fn at(consent: &Path) -> Kc {
        Kc::new().consent(consent)
    }

    /// The program started by `prefix`, a command and its options (`setpriv --reuid=…`,
    /// `sh -c SCRIPT`, which then gets the program's path as `$0`), in the same environment.
    pub fn under(prefix: &[&str]) -> Kc {
        let home = tempfile::Builder::new()
            .prefix("kc-home-")
            .tempdir()
            .expect("a home folder for the run");
        let mut command = match prefix.split_first() {
            Some((program, options)) => {
                let mut command = Command::new(program);
                command.args(options).arg(BIN);
                command
            }
            None => Command::new(BIN),
        };
        command.env_clear().envs(base_env(home.path()));
        Kc {
            command,
            input: None,
            deadline: None,
            _home: home,
        }
    }

    /// The consent file, given through `KIOSK_CONSENT_FILE`.
    pub fn consent(self, path: &Path) -> Kc {
        self.env("KIOSK_CONSENT_FILE", path)
    }

    pub fn env(mut self, name: &str, value: impl AsRef<OsStr>) -> Kc {
        self.command.env(name, value);
        self
    }

    pub fn env_remove(mut self, name: &str) -> Kc {
        self.command.env_remove(name);
        self
    }

    /// `bytes` on the program's standard input, a pipe (not a terminal); nothing at all, not
    /// even an empty pipe, unless given.
    pub fn input(mut self, bytes: &[u8]) -> Kc {
        self.input = Some(bytes.to_owned());
        self
    }

    /// Fails the test if the program has not ended after `deadline` (and kills it): for runs
    /// that could wait forever, on a FIFO say.
    pub fn within(mut self, deadline: Duration) -> Kc {
        self.deadline = Some(deadline);
        self
    }

    /// Runs the program with `args` and returns what it did.
    pub fn output(mut self, args: &[&str]) -> Output {
        let stdin = match self.input {
            Some(_) => Stdio::piped(),
            None => Stdio::null(),
        };
        self.command
            .args(args)
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("running kiosk-consent");
        if let Some(input) = &self.input {
            let mut pipe = child.stdin.take().expect("a pipe to its standard input");
            // A program that does not read its input may close the pipe first: not an error.
            let _ = pipe.write_all(input);
        }
        if let Some(deadline) = self.deadline {
            wait_within(&mut child, deadline, args);
        }
        child.wait_with_output().expect("waiting for kiosk-consent")
    }

    /// Runs the program with `args`; its exit code and output as text.
    pub fn run(self, args: &[&str]) -> Out {
        Out::from(self.output(args))
    }

    /// Runs the program with `args`, its standard output a pipe already closed at the other
    /// end, as when the command it feeds has ended; how it ended.
    pub fn into_closed_pipe(mut self, args: &[&str]) -> std::process::ExitStatus {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        self.command
            .args(args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::null())
            .status()
            .expect("running kiosk-consent")
    }

    /// Runs the program with `args`; its exit code.
    pub fn code(self, args: &[&str]) -> i32 {
        self.run(args).code
    }
}

/// Waits for `child` to end, up to `deadline`, then kills it and fails.
fn wait_within(child: &mut Child, deadline: Duration, args: &[&str]) {
    let start = Instant::now();
    while child
        .try_wait()
        .expect("waiting for kiosk-consent")
        .is_none()
    {
        if start.elapsed() > deadline {
            let _ = child.kill();
            panic!("kiosk-consent {args:?} did not finish within {deadline:?}: it waits");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// How a run ended: its exit code (a run killed by a signal fails the test) and its output.
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub raw_stdout: Vec<u8>,
    pub raw_stderr: Vec<u8>,
}

impl From<Output> for Out {
    fn from(output: Output) -> Out {
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let code = output
            .status
            .code()
            .unwrap_or_else(|| panic!("kiosk-consent was killed by a signal: {stderr}"));
        Out {
            code,
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr,
            raw_stdout: output.stdout,
            raw_stderr: output.stderr,
        }
    }
}

impl std::fmt::Debug for Out {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {}\n--- stdout ---\n{}--- stderr ---\n{}--------------",
            self.code, self.stdout, self.stderr
        )
    }
}
