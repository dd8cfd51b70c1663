//! What can be wrong in a policy folder, with where. The text of each problem is localized by
//! `i18n`, so `check` and every refusal speak the operator's language.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the operator knows it (a real path, or `<embedded>/…`).
    pub file: String,
    /// 1-based; a problem about the file as a whole is at 1:1.
    pub line: usize,
    pub col: usize,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Unreadable {
        cause: crate::i18n::IoCause,
    },
    NotUtf8,
    TomlSyntax {
        detail: String,
    },
    UnknownKey {
        key: String,
    },
    MissingKey {
        key: String,
    },
    WrongType {
        key: String,
        expected: &'static str,
    },
    BadId {
        id: String,
        pattern: &'static str,
    },
    DuplicateId {
        id: String,
    },
    UnknownCategory {
        id: String,
    },
    RequiredWithDefault {
        id: String,
    },
    ConsentDaysRange {
        value: String,
    },
    BadSite {
        value: String,
    },
    BadDomain {
        value: String,
    },
    /// `domains = []`: a cookie is set on some host.
    NoDomains,
    /// More entries than a policy may hold (`MAX_CATEGORIES`, …).
    TooMany {
        key: String,
        max: usize,
    },
    /// A string value longer than `MAX_STRING` characters.
    TooLong {
        key: String,
        max: usize,
    },
    /// A category whose `export --format env` variable is taken (by `KIOSK_CONSENT_VALID`
    /// or by another category's).
    EnvCollision {
        id: String,
        variable: String,
    },
    BadLocale {
        value: String,
    },
    NoCategories,
    DefaultLocaleWithoutCharter {
        locale: String,
    },
    CharterWithoutMessages {
        locale: String,
    },
    MessagesWithoutCharter {
        locale: String,
    },
    FluentSyntax {
        error: FluentError,
    },
    /// `[categories]` or `[cookies]` where each entry needs `[[…]]`.
    SingleBrackets {
        key: String,
    },
    /// `default_locale = "fr_FR"`: a language tag is written with `-`.
    LocaleUnderscore {
        value: String,
        suggestion: String,
    },
    MissingMessage {
        id: String,
    },
    MissingAttribute {
        id: String,
        attribute: String,
    },
    ExtraMessage {
        id: String,
    },
    BadShortcut {
        id: String,
        value: String,
    },
    ShortcutConflict {
        id: String,
        other: String,
        value: String,
    },
}

/// What the Fluent parser found, in kinds the operator's language can say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FluentError {
    /// A `{` that opens no placeable: most likely meant as a brace.
    Brace,
    UnbalancedClosingBrace,
    UnterminatedString,
    MissingValue,
    ExpectedToken(char),
    /// Anything else, in the parser's own (English) words.
    Other(String),
}

impl Problem {
    pub fn whole_file(file: String, kind: ProblemKind) -> Problem {
        Problem {
            file,
            line: 1,
            col: 1,
            kind,
        }
    }

    /// A problem at byte `offset` of `text`, located as line and column (in characters).
    pub fn at(file: String, text: &str, offset: usize, kind: ProblemKind) -> Problem {
        let (line, col) = line_col(text, offset);
        Problem {
            file,
            line,
            col,
            kind,
        }
    }
}

/// 1-based line and column (counted in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "ab\nçd = 1\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        // "ç" is two bytes but one column.
        assert_eq!(line_col(text, 5), (2, 2));
        assert_eq!(line_col(text, 999), (3, 1));
    }
}
