//! The bash completion, tried for real: sourced into bash, asked what completes after each
//! command and option, the way `complete -p` and Tab would.

#[path = "../../examples/gen-docs/completions.rs"]
mod generator;

use std::process::Command;

/// What bash completes for the words `line` (the last one being completed).
fn complete(script: &std::path::Path, line: &[&str]) -> Vec<String> {
    let words: Vec<String> = line.iter().map(|w| format!("'{w}'")).collect();
    let program = format!(
        r#"source '{}'
COMP_WORDS=({})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMPREPLY=()
_kiosk__consent kiosk-consent "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
complete -p kiosk-consent >&2"#,
        script.display(),
        words.join(" ")
    );
    let out = Command::new("bash")
        .args(["-c", &program])
        .output()
        .unwrap();
    let registered = String::from_utf8_lossy(&out.stderr);
    assert!(
        registered.contains("-F _kiosk__consent kiosk-consent"),
        "complete -p: {registered}"
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_every_command_option_and_value() {
    let dir = tempfile::tempdir().unwrap();
    let written = generator::write_all(dir.path()).unwrap();
    assert_eq!(written.len(), 3, "bash, zsh and fish");
    for path in &written {
        assert!(
            std::fs::metadata(path).unwrap().len() > 0,
            "{}",
            path.display()
        );
    }
    let bash = &written[0];
    let cases: [(&[&str], &[&str]); 7] = [
        (&["kiosk-consent", "ex"], &["export"]),
        (&["kiosk-consent", "do"], &["doctor"]),
        (
            &["kiosk-consent", "export", "--format", ""],
            &["json", "env", "chromium", "firefox"],
        ),
        (&["kiosk-consent", "export", "--f"], &["--format"]),
        (
            &["kiosk-consent", "run", "--theme", ""],
            &["default", "high-contrast", "mono"],
        ),
        (&["kiosk-consent", "log", ""], &["verify"]),
        (
            &["kiosk-consent", "operator", "set-pin", "--s"],
            &["--system"],
        ),
    ];
    for (line, expected) in cases {
        let got = complete(bash, line);
        for word in expected {
            assert!(
                got.iter().any(|g| g == word),
                "{line:?} → {got:?}, not {word}"
            );
        }
    }
}
