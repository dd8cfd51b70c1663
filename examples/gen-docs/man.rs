//! The man pages of `kiosk-consent`, one per command (`kiosk-consent-export(1)`…), in English
//! and in French, from the same localized command line as `--help`, with the exit codes, the
//! files, the environment and examples on the main page.

use std::io::{self, Write};
use std::path::Path;

use kiosk_consent::i18n::Localizer;

/// roff text: backslashes and leading dots escaped.
fn roff(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    match text.strip_prefix('.') {
        Some(rest) => format!("\\&.{rest}"),
        None => text,
    }
}

/// `.TP` items: a term in bold, its words under it.
fn items(w: &mut dyn Write, l: &Localizer, entries: &[(&str, &str)]) -> io::Result<()> {
    for (term, id) in entries {
        writeln!(w, ".TP\n.B {}\n{}", roff(term), roff(&l.t(id)))?;
    }
    Ok(())
}

/// The sections only the main page has.
fn main_page_sections(w: &mut dyn Write, l: &Localizer) -> io::Result<()> {
    writeln!(w, ".SH \"{}\"", l.t("man-exit-status"))?;
    for id in [
        "help-exit-codes-run",
        "help-exit-codes-get",
        "help-exit-codes-other",
    ] {
        writeln!(w, "{}\n.br", roff(&l.t(id)))?;
    }
    writeln!(w, ".SH {}", l.t("man-environment"))?;
    items(
        w,
        l,
        &[
            ("KIOSK_CONSENT_POLICY", "man-env-policy"),
            ("KIOSK_CONSENT_FILE", "man-env-file"),
            ("LC_ALL, LC_MESSAGES, LANG", "man-env-lang"),
            ("NO_COLOR", "man-env-no-color"),
            ("KIOSK_CONSENT_SYSTEM_DIR", "man-env-system-dir"),
            ("KIOSK_CONSENT_SYSLOG", "man-env-syslog"),
        ],
    )?;
    writeln!(w, ".SH {}", l.t("man-files"))?;
    items(
        w,
        l,
        &[
            (
                "~/.local/share/kiosk-consent/consent.json",
                "man-file-consent",
            ),
            (
                "~/.local/share/kiosk-consent/consent-log.jsonl",
                "man-file-log",
            ),
            ("/etc/kiosk-consent/operator-pin", "man-file-system-pin"),
            ("~/.config/kiosk-consent/operator-pin", "man-file-own-pin"),
            ("/usr/share/kiosk-consent/policy/", "man-file-policy"),
            ("/usr/share/doc/kiosk-consent/", "man-file-doc"),
        ],
    )?;
    writeln!(w, ".SH {}", l.t("man-examples"))?;
    for (command, id) in [
        ("kiosk-consent --kiosk", "man-example-kiosk"),
        ("kiosk-consent get statistics && echo ok", "man-example-get"),
        (
            "eval \"$(kiosk-consent export --format env)\"",
            "man-example-env",
        ),
        (
            "kiosk-consent --policy /etc/kiosk-consent/policy check",
            "man-example-check",
        ),
        ("sudo -u kiosk kiosk-consent doctor", "man-example-doctor"),
    ] {
        writeln!(w, ".TP\n.B {}\n{}", roff(command), roff(&l.t(id)))?;
    }
    writeln!(
        w,
        ".SH \"{}\"\n.BR kiosk\\-session (1)",
        l.t("man-see-also")
    )
}

/// clap_mangen's section names, in the page's language.
fn translate_headings(page: &str, l: &Localizer) -> String {
    let mut page = page.to_owned();
    for (english, id) in [
        (".SH NAME", "man-name"),
        (".SH SYNOPSIS", "man-synopsis"),
        (".SH DESCRIPTION", "man-description"),
        (".SH OPTIONS", "man-options"),
        (".SH SUBCOMMANDS", "man-subcommands"),
        (".SH VERSION", "man-version"),
    ] {
        page = page.replace(english, &format!(".SH \"{}\"", l.t(id)));
    }
    page
}

fn write_page(cmd: &clap::Command, main: bool, l: &Localizer, dir: &Path) -> io::Result<()> {
    let man = clap_mangen::Man::new(cmd.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    if cmd.get_subcommands().next().is_some() {
        man.render_subcommands_section(&mut page)?;
    }
    if main {
        main_page_sections(&mut page, l)?;
        // Only the program has a version; its commands' pages do not repeat it.
        man.render_version_section(&mut page)?;
    }
    let page = translate_headings(&String::from_utf8_lossy(&page), l);
    std::fs::write(dir.join(man.get_filename()), page)
}

fn write_all(cmd: &clap::Command, main: bool, l: &Localizer, dir: &Path) -> io::Result<()> {
    write_page(cmd, main, l, dir)?;
    for sub in cmd.get_subcommands() {
        write_all(sub, false, l, dir)?;
    }
    Ok(())
}

/// Writes every page in `out/man1` (English) and `out/fr/man1` (French).
pub fn write(out: &Path) -> io::Result<()> {
    for (tag, dir) in [("en-US", out.join("man1")), ("fr-FR", out.join("fr/man1"))] {
        std::fs::create_dir_all(&dir)?;
        let langid = tag.parse().map_err(|_| io::Error::other("language tag"))?;
        let l = Localizer::ui_only(&langid);
        let mut cmd = kiosk_consent::cli::localized(&l);
        cmd.build();
        write_all(&cmd, true, &l, &dir)?;
    }
    Ok(())
}
