//! Policy folders for the tests: copies of the shipped one, to edit.

use std::fs;
use std::path::{Path, PathBuf};

pub fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the shipped policy (policy.toml, charter/, locales/; not the JSON schema) in
/// `root/name`.
pub fn policy_copy(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(assets().join("policy.toml"), dir.join("policy.toml")).unwrap();
    copy_dir(&assets().join("charter"), &dir.join("charter"));
    copy_dir(&assets().join("locales"), &dir.join("locales"));
    dir
}
