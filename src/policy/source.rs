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

fn read_dir_files(dir: &Path) -> Result<Vec<SourceFile>, (String, std::io::Error)> {
    let read = |rel: String| {
        let path = dir.join(&rel);
        std::fs::read(&path)
            .map(|bytes| SourceFile { rel, bytes })
            .map_err(|e| (path.display().to_string(), e))
    };
    let mut files = vec![read("policy.toml".to_owned())?];
    for name in list(dir, "charter")? {
        if name.ends_with(".md") {
            files.push(read(format!("charter/{name}"))?);
        }
    }
    for locale in list(dir, "locales")? {
        if !dir.join("locales").join(&locale).is_dir() {
            continue;
        }
        for name in list(dir, &format!("locales/{locale}"))? {
            if name.ends_with(".ftl") {
                files.push(read(format!("locales/{locale}/{name}"))?);
            }
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
