//! The integration tests: one binary, a module per feature (as ripgrep and fd do), so the
//! crate is linked once and every test shares one harness (`common`).

mod atomicity;
mod braille;
mod browser;
mod cli;
mod common;
mod completions;
mod disk_faults;
mod doctor;
mod e2e;
mod e2e_access;
mod e2e_fair;
mod e2e_policies;
mod e2e_signals;
mod hardening;
mod hostile_text;
mod kiosk;
mod launcher;
mod layers;
mod man_pages;
mod panic;
mod parsers;
mod policy_check;
mod site_banners;
mod snapshots;
mod speech;
mod speech_client;
