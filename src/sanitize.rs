//! Text that comes from an operator's policy is shown to visitors and printed to stdout.
//! Terminals interpret control characters and escape sequences, and bidi overrides can make a
//! line read differently from what it holds, so all such text is cleaned once, when loaded.

/// Is `c` a character that must never reach a terminal?
fn is_forbidden(c: char) -> bool {
    c.is_control() // C0, DEL and C1: ESC, CSI, OSC, BEL, NUL…
        || ('\u{200B}'..='\u{200F}').contains(&c) // zero-width space and joiners, LRM, RLM
        || c == '\u{061C}' // Arabic letter mark
        || c == '\u{FEFF}' // zero-width no-break space, and the byte-order mark
        || ('\u{202A}'..='\u{202E}').contains(&c) // bidi embeddings and overrides
        || ('\u{2066}'..='\u{2069}').contains(&c) // bidi isolates
}

/// Whether `text` has nothing to clean: no forbidden character, no line break or tab unless
/// `keep` says which ASCII control is kept. A byte scan first, since almost every text is
/// clean and this runs on every text loaded and every message shown.
fn clean(text: &str, keep: Option<u8>) -> bool {
    let ascii_ok = text
        .bytes()
        .all(|b| (b >= 0x20 && b != 0x7f) || Some(b) == keep);
    ascii_ok
        && (text.is_ascii()
            || !text
                .chars()
                .any(|c| !c.is_ascii() && (is_forbidden(c) || c == '\u{2028}' || c == '\u{2029}')))
}

/// One line of text (a name, a purpose): every control character goes, line breaks and tabs
/// become a space so a value cannot fake extra lines on screen.
pub fn line(text: &str) -> String {
    if clean(text, None) {
        return text.to_owned();
    }
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\t' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if is_forbidden(c) => None,
            c => Some(c),
        })
        .collect()
}

/// A document (charter, Fluent file): line breaks are kept (CRLF becomes LF), tabs become a
/// space, every other control character goes.
pub(crate) fn multiline(text: &str) -> String {
    if clean(text, Some(b'\n')) {
        return text.to_owned();
    }
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\t' | '\r' => Some(' '),
            c if is_forbidden(c) => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_lose_their_escape() {
        assert_eq!(line("a\x1b[31mb"), "a[31mb");
        assert_eq!(line("x\x1b]52;c;aGVsbG8=\x07y"), "x]52;c;aGVsbG8=y");
        assert_eq!(line("\u{9b}31m"), "31m");
    }

    #[test]
    fn bidi_controls_and_nul_are_removed() {
        assert_eq!(line("ab\u{202E}cd\u{2066}e\u{2069}\0"), "abcde");
    }

    #[test]
    fn zero_width_and_direction_marks_are_removed() {
        for mark in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{FEFF}',
        ] {
            assert_eq!(line(&format!("a{mark}b")), "ab", "{mark:?}");
            assert_eq!(multiline(&format!("a{mark}b")), "ab", "{mark:?}");
        }
        // Unicode's own line breaks cannot fake a line either.
        assert_eq!(line("a\u{2028}b\u{2029}c"), "a b c");
    }

    #[test]
    fn line_flattens_breaks_multiline_keeps_them() {
        assert_eq!(line("a\nb\tc\r\n"), "a b c  ");
        assert_eq!(multiline("a\r\nb\tc\x1b\n"), "a\nb c\n");
    }

    #[test]
    fn every_character_cleaned_is_seen_by_the_quick_check() {
        // The quick check must never call a text clean that the full cleaning would change.
        for c in (0..0x3000u32)
            .filter_map(char::from_u32)
            .chain(['\u{FEFF}'])
        {
            let text = format!("a{c}b");
            if clean(&text, None) {
                assert_eq!(line(&text), text, "{c:?}");
            }
            if clean(&text, Some(b'\n')) {
                assert_eq!(multiline(&text), text, "{c:?}");
            }
            assert_eq!(line(&text) == text, clean(&text, None), "{c:?}");
        }
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let s = "Statistiques — « refusé » 日本語 é";
        assert_eq!(line(s), s);
        assert_eq!(multiline(s), s);
    }
}
