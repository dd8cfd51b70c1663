//! The interactive dialog. Data flows one way: a key or mouse event becomes an `Action`
//! (`keymap`), `update` applies it to the `State` and may ask for an `Effect` (save, quit),
//! and `view` draws the state. Only `app` blocks, draws and runs effects.

pub mod action;
pub(crate) mod app;
pub mod context;
pub mod keymap;
pub mod options;
pub(crate) mod spoken;
pub mod state;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;

pub use app::run;

#[cfg(test)]
mod spoken_tests;
#[cfg(test)]
mod tests;
