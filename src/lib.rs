//! kiosk-consent: a cookie-consent dialog for public web kiosks.
//!
//! The crate is a library so that tests and benchmarks drive the same code the binary runs;
//! `main.rs` only parses the command line and maps results to exit codes.

// Input-derived data never panics the program: errors are handled, not unwrapped.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]
// No unsafe code anywhere: every system call goes through std or rustix's safe wrappers.
#![forbid(unsafe_code)]

pub mod buttons;
pub mod charter;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod consent;
pub mod context;
pub mod doctor;
pub mod exit;
pub mod export;
pub mod files;
pub mod i18n;
pub mod kiosk;
pub mod policy;
pub mod sanitize;
pub mod speech;
pub mod syslog;
pub mod tui;
