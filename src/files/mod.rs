//! The file system, at the bottom of the house: bounded reads that never block, atomic
//! writes, and why an operation failed. Nothing here knows what the files mean.

mod cause;
mod read;
mod write;

pub use cause::IoCause;
pub use read::{Refusal, refusal};
pub(crate) use read::{read_bounded, read_small};
pub use write::{create_dir, remove};
pub(crate) use write::{folder_of, open_no_follow, remove_stale_temporaries, replace_file};
