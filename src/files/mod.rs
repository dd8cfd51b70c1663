//! The file system, at the bottom of the house: bounded reads that never block, atomic
//! writes, and why an operation failed. Nothing here knows what the files mean.

mod cause;
mod read;
mod write;

pub use cause::IoCause;
pub use read::{Refusal, open_regular, read_bounded, read_small, refusal};
pub use write::{
    create_dir, folder_of, open_no_follow, remove, remove_stale_temporaries, replace_file,
};
