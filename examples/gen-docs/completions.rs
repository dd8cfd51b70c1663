//! The shell completions of `kiosk-consent`, from the clap definitions. Shared by
//! `gen-docs` (which the package build runs) and `tests/it/completions.rs` (which tries them).

use std::io;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use kiosk_consent::cli::Cli;

/// clap_complete names bash's states after the program with `-` made `__`, but spells the
/// top-level one `kiosk__subcmd__consent` in its `case` labels and `kiosk__consent` where it
/// sets them (clap issue 6421): no sub-command's options or values ever completed. One
/// spelling for both.
fn fix_bash(script: &str) -> String {
    script.replace("kiosk__subcmd__consent", "kiosk__consent")
}

/// Writes the bash, zsh and fish completions into `out`; returns their paths.
pub fn write_all(out: &Path) -> io::Result<Vec<PathBuf>> {
    let mut command = Cli::command();
    let mut written = Vec::new();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        let path = clap_complete::generate_to(shell, &mut command, "kiosk-consent", out)?;
        if shell == Shell::Bash {
            let text = std::fs::read_to_string(&path)?;
            std::fs::write(&path, fix_bash(&text))?;
        }
        written.push(path);
    }
    Ok(written)
}
