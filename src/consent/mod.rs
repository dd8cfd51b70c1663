//! The visitor's decision: the v1 file format and its validity rules (`record`), and how it is
//! kept on disk (`store`). Knows nothing of terminals.

mod choice;
pub mod log;
pub mod record;
pub mod store;

pub(crate) use choice::Choice;
pub use record::{Decision, Record, Status};
