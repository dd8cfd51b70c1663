//! Writes the man page and the shell completions of `kiosk-consent` from the same clap
//! definitions the program parses its command line with, so they cannot disagree.
//!
//! `cargo run --example gen-docs -- OUT_DIR` (scripts/build-deb runs it before `cargo deb`).

mod completions;

use std::path::PathBuf;

use clap::CommandFactory;
use kiosk_consent::cli::Cli;

fn main() -> std::io::Result<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/generated".into()),
    );
    std::fs::create_dir_all(&out)?;
    let command = Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    std::fs::write(out.join("kiosk-consent.1"), page)?;
    completions::write_all(&out)?;
    Ok(())
}
