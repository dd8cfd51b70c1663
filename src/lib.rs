//! kiosk-consent: a cookie-consent dialog for public web kiosks.
//!
//! The crate is a library so that tests and benchmarks drive the same code the binary runs;
//! `main.rs` only parses the command line and maps results to exit codes.

pub mod charter;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod consent;
pub mod export;
pub mod i18n;
pub mod kiosk;
pub mod policy;
pub mod sanitize;
pub mod tui;
