//! The exit codes (SPEC §2), in one place. What a code means depends on the command; the help
//! says it in the UI language (`help-exit-codes-*`), and a test holds those words to the
//! lists here.

/// How a command ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The dialog saved a decision; `get`: granted; the others: valid, done.
    Success,
    /// An error; `get`: not granted (refused, or no valid consent); the others: not valid.
    Failure,
    /// A command-line mistake; `get`: a category the policy does not have.
    Usage,
    /// The visitor left the dialog without deciding (never in kiosk mode).
    LeftWithoutDeciding,
    /// The operator left kiosk mode with the exit chord (and PIN).
    OperatorLeft,
}

impl Exit {
    /// The codes the dialog ends with.
    pub(crate) const RUN: [Exit; 5] = [
        Exit::Success,
        Exit::Failure,
        Exit::Usage,
        Exit::LeftWithoutDeciding,
        Exit::OperatorLeft,
    ];
    /// The codes of `get`.
    pub const GET: [Exit; 3] = [Exit::Success, Exit::Failure, Exit::Usage];
    /// The codes of the commands that answer yes or no (show, export, check, doctor, log
    /// verify).
    pub(crate) const OTHER: [Exit; 2] = [Exit::Success, Exit::Failure];

    /// Success when `yes`, else failure.
    pub(crate) fn yes_no(yes: bool) -> Exit {
        if yes { Exit::Success } else { Exit::Failure }
    }

    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::LeftWithoutDeciding => 3,
            Exit::OperatorLeft => 4,
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}
