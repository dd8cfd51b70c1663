//! The parsers never panic, whatever they are given: the policy loader (policy.toml, Fluent
//! files, charters), the charter renderer at every width, and the consent-file reader. Each is
//! run on the committed corpus of awkward cases in `tests/corpus/`, and on many generated
//! inputs (proptest: random edits of valid files, and arbitrary text).

use std::fs;
use std::path::{Path, PathBuf};

use kiosk_consent::charter::Document;
use kiosk_consent::consent::record::assess;
use kiosk_consent::policy::{self, Origin, Policy};
use proptest::prelude::*;

fn corpus(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(kind);
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty());
    files
}

fn assets(rel: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(rel),
    )
    .unwrap()
}

/// A policy folder with the embedded policy's files, `policy.toml`, the French messages and
/// the French charter replaced by the given bytes.
fn load_with(toml: &[u8], ftl: &[u8], charter: &[u8]) -> Result<Policy, Vec<policy::Problem>> {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("charter")).unwrap();
    fs::create_dir_all(dir.path().join("locales/fr-FR")).unwrap();
    fs::write(dir.path().join("policy.toml"), toml).unwrap();
    fs::write(dir.path().join("locales/fr-FR/policy.ftl"), ftl).unwrap();
    fs::write(dir.path().join("charter/fr-FR.md"), charter).unwrap();
    policy::load(&Origin::Dir(dir.path().to_owned()))
}

fn layout_everywhere(markdown: &str) {
    let document = Document::parse(markdown, " :", "• ");
    for width in 1..=200 {
        let lines = document.layout(width);
        // Every line is drawn within the width it was laid out for (4 at the least).
        for line in &lines {
            let w: usize = line
                .iter()
                .map(|(t, _)| unicode_width::UnicodeWidthStr::width(t.as_str()))
                .sum();
            assert!(w <= width.max(4) + 40, "{w} > {width}: {line:?}");
        }
    }
}

#[test]
fn the_corpus_never_panics_a_parser() {
    let policy = Policy::embedded().unwrap();
    let now = kiosk_consent::clock::now();
    for file in corpus("consent") {
        let text = String::from_utf8_lossy(&fs::read(&file).unwrap()).into_owned();
        let status = assess(&text, &policy, now);
        assert!(
            status.valid().is_none(),
            "{file:?} is no valid consent: {status:?}"
        );
    }
    let ftl = assets("locales/fr-FR/policy.ftl");
    let charter = assets("charter/fr-FR.md");
    for file in corpus("policy") {
        let bytes = fs::read(&file).unwrap();
        assert!(
            load_with(&bytes, ftl.as_bytes(), charter.as_bytes()).is_err(),
            "{file:?}"
        );
    }
    let toml = assets("policy.toml");
    for file in corpus("charter") {
        let bytes = fs::read(&file).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        layout_everywhere(&text);
        // As a policy's charter it loads, cleaned.
        let loaded =
            load_with(toml.as_bytes(), ftl.as_bytes(), &bytes).expect("a charter is any text");
        assert!(!loaded.locales[0].charter.contains('\r'));
    }
}

#[test]
fn ten_megabyte_lines_and_floods_lay_out() {
    let long = "x".repeat(10 * 1024 * 1024);
    let lines = Document::parse(&long, ":", "• ").layout(80);
    assert_eq!(lines.len(), (10 * 1024 * 1024usize).div_ceil(79));
    let flood = "e\u{301}\u{301}\u{301}\u{200b}".repeat(200_000);
    let lines = Document::parse(&flood, ":", "• ").layout(40);
    assert!(!lines.is_empty());
}

/// A valid file with a few random edits: bytes replaced, inserted or removed.
fn mutated(original: String) -> impl Strategy<Value = Vec<u8>> {
    let len = original.len();
    prop::collection::vec((0..len, any::<u8>(), 0..3u8), 1..6).prop_map(move |edits| {
        let mut bytes = original.clone().into_bytes();
        for (at, byte, op) in edits {
            let at = at.min(bytes.len().saturating_sub(1));
            match op {
                0 => bytes[at] = byte,
                1 => bytes.insert(at, byte),
                _ => {
                    if !bytes.is_empty() {
                        bytes.remove(at);
                    }
                }
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_policy_loader_never_panics(toml in mutated(assets("policy.toml")), ftl in mutated(assets("locales/fr-FR/policy.ftl"))) {
        // Either a policy or problems, each located in a file of the folder.
        if let Err(problems) = load_with(&toml, &ftl, b"# C\n") {
            prop_assert!(!problems.is_empty());
            prop_assert!(problems.iter().all(|p| p.line >= 1 && p.col >= 1));
        }
    }

    #[test]
    fn the_charter_renderer_never_panics(markdown in "(\\PC|[\\n#*_`|\\[\\]()<>!-]){0,400}", width in 1usize..200) {
        let lines = Document::parse(&markdown, " :", "• ").layout(width);
        prop_assert!(lines.len() <= markdown.len() * 2 + 2);
    }

    #[test]
    fn the_charter_renderer_survives_edits_of_the_real_charter(markdown in mutated(assets("charter/fr-FR.md")), width in 1usize..200) {
        let text = String::from_utf8_lossy(&markdown).into_owned();
        let _ = Document::parse(&text, " :", "• ").layout(width);
    }

    #[test]
    fn the_consent_reader_never_panics(text in "\\PC{0,300}") {
        let policy = Policy::embedded().unwrap();
        prop_assert!(assess(&text, &policy, kiosk_consent::clock::now()).valid().is_none());
    }

    #[test]
    fn edited_consent_files_are_valid_only_if_still_whole(edits in mutated(valid_consent())) {
        let policy = Policy::embedded().unwrap();
        let text = String::from_utf8_lossy(&edits).into_owned();
        // Whatever the edit, the reader answers; when it says valid, the record is sound.
        if let Some(record) = assess(&text, &policy, kiosk_consent::clock::now()).valid() {
            prop_assert_eq!(&record.policy_id, &policy.id);
            prop_assert!(record.decided_at <= record.expires_at);
        }
    }
}

fn valid_consent() -> String {
    let policy = Policy::embedded().unwrap();
    let now = kiosk_consent::clock::now() - time::Duration::minutes(1);
    let record = kiosk_consent::consent::Record::new(
        &policy,
        "fr-FR",
        now,
        kiosk_consent::consent::Decision::Custom,
        &[true, true, false, false],
    );
    record.to_json()
}
