//! Where a policy's files come from: the folder an operator gave, or the copy built into the
//! binary. Both are turned into the same list of files so one loader serves both.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    Dir(PathBuf),
}

/// One file of a policy, by its path relative to the policy folder ("charter/fr-FR.md").
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub rel: String,
    pub bytes: Vec<u8>,
}

/// The default policy, built into the binary so a kiosk works with no configuration at all.
const EMBEDDED: &[(&str, &str)] = &[
    ("policy.toml", include_str!("../../assets/policy.toml")),
    (
        "charter/fr-FR.md",
        include_str!("../../assets/charter/fr-FR.md"),
    ),
    (
        "charter/en-US.md",
        include_str!("../../assets/charter/en-US.md"),
    ),
    (
        "locales/fr-FR/policy.ftl",
        include_str!("../../assets/locales/fr-FR/policy.ftl"),
    ),
    (
        "locales/en-US/policy.ftl",
        include_str!("../../assets/locales/en-US/policy.ftl"),
    ),
];

impl Origin {
    /// How a file is named in messages: a real path for a folder, `<embedded>/…` otherwise.
    pub fn display(&self, rel: &str) -> String {
        match self {
            Origin::Embedded => format!("<embedded>/{rel}"),
            Origin::Dir(dir) => dir.join(rel).display().to_string(),
        }
    }

    /// Every file the policy is made of, sorted by path. Unreadable files are reported with
    /// their path and the OS cause.
    pub fn files(&self) -> Result<Vec<SourceFile>, (String, std::io::Error)> {
        let mut files = match self {
            Origin::Embedded => EMBEDDED
                .iter()
                .map(|(rel, text)| SourceFile {
                    rel: (*rel).to_owned(),
                    bytes: text.as_bytes().to_vec(),
                })
                .collect(),
            Origin::Dir(dir) => read_dir_files(dir)?,
        };
        files.sort_by(|a, b| a.rel.cmp(&b.rel));
        Ok(files)
    }
}

/// The largest files a policy folder may hold (docs/operators.md): a policy at every other
/// limit fits in a fraction of these.
pub(crate) const MAX_POLICY_TOML: u64 = 1 << 20;
pub const MAX_CHARTER: u64 = 1 << 20;
pub(crate) const MAX_FTL: u64 = 1 << 20;
/// Languages (charters) and Fluent files per language.
pub(crate) const MAX_LOCALES: usize = 32;
pub(crate) const MAX_FTL_FILES: usize = 16;

fn read_dir_files(dir: &Path) -> Result<Vec<SourceFile>, (String, std::io::Error)> {
    // Only regular files, never a FIFO or a device, and none larger than its kind allows.
    let read = |rel: String, limit: u64| {
        let path = dir.join(&rel);
        crate::files::read_bounded(&path, limit)
            .map(|bytes| SourceFile { rel, bytes })
            .map_err(|e| (path.display().to_string(), e))
    };
    let too_many = |sub: &str, max: usize| {
        let e = std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            crate::files::Refusal::TooManyFiles(max),
        );
        (dir.join(sub).display().to_string(), e)
    };
    let mut files = vec![read("policy.toml".to_owned(), MAX_POLICY_TOML)?];
    let charters: Vec<String> = list(dir, "charter")?
        .into_iter()
        .filter(|n| n.ends_with(".md"))
        .collect();
    if charters.len() > MAX_LOCALES {
        return Err(too_many("charter", MAX_LOCALES));
    }
    for name in charters {
        files.push(read(format!("charter/{name}"), MAX_CHARTER)?);
    }
    let locales = list(dir, "locales")?;
    if locales.len() > MAX_LOCALES {
        return Err(too_many("locales", MAX_LOCALES));
    }
    for locale in locales {
        if !dir.join("locales").join(&locale).is_dir() {
            continue;
        }
        let sub = format!("locales/{locale}");
        let names: Vec<String> = list(dir, &sub)?
            .into_iter()
            .filter(|n| n.ends_with(".ftl"))
            .collect();
        if names.len() > MAX_FTL_FILES {
            return Err(too_many(&sub, MAX_FTL_FILES));
        }
        for name in names {
            files.push(read(format!("{sub}/{name}"), MAX_FTL)?);
        }
    }
    Ok(files)
}

/// Names in a sub-folder; a missing sub-folder is empty (the loader reports what that lacks).
fn list(dir: &Path, sub: &str) -> Result<Vec<String>, (String, std::io::Error)> {
    let path = dir.join(sub);
    let entries = match std::fs::read_dir(&path) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err((path.display().to_string(), e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| (path.display().to_string(), e))?;
        if let Some(name) = entry.file_name().to_str()
            && !name.starts_with('.')
        {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}
