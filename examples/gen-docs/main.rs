//! Writes the man pages (a page per command, in English and French: `OUT_DIR/man/man1/`,
//! `OUT_DIR/man/fr/man1/`) and the shell completions of `kiosk-consent` from the same clap
//! definitions the program parses its command line with, so they cannot disagree.
//!
//! `cargo run --example gen-docs -- OUT_DIR` (scripts/build-deb runs it before `cargo deb`).

mod completions;
mod man;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/generated".into()),
    );
    std::fs::create_dir_all(&out)?;
    man::write(&out.join("man"))?;
    completions::write_all(&out)?;
    Ok(())
}
