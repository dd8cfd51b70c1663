//! What can be wrong in a policy folder, with where, and how each problem is said: its
//! Fluent message is chosen here, beside its kind, so `check` and every refusal speak the
//! operator's language.

use fluent_bundle::FluentValue;

use crate::files::IoCause;
use crate::i18n::{Args, Localizer, Message, text};

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
        cause: IoCause,
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
        expected: ValueType,
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
    /// A `[speech]` setting out of speech-dispatcher's range.
    SpeechRange {
        key: String,
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
    /// A value that does not have the form its key needs (a cookie name, a path…).
    BadValue {
        key: String,
        value: String,
        pattern: &'static str,
    },
    /// `[site_banner] manager` names no manager kiosk-consent knows.
    BannerManager {
        value: String,
    },
    /// A `[site_banner]` key this manager does not take.
    BannerKeyNotFor {
        key: String,
        manager: String,
    },
    /// `[site_banner.services]` is empty.
    BannerNoServices,
    /// tarteaucitron: a service name that ends another's.
    BannerAmbiguous {
        name: String,
        other: String,
    },
    /// cookieconsent: `category.service` whose category is not listed.
    BannerServiceGroup {
        name: String,
        group: String,
    },
    /// A `{placeholder}` of the cookie's value that is neither a category nor `timestamp`.
    BannerPlaceholder {
        name: String,
    },
    /// A `{` of the cookie's value that is never closed.
    BannerBrace,
    /// A cookie domain the site cannot set a cookie for.
    BannerDomain {
        value: String,
        site: String,
    },
    /// The cookie could be longer than browsers keep.
    BannerTooLong {
        max: usize,
    },
}

/// What a policy key should have held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueType {
    String,
    Integer,
    Boolean,
    ArrayOfStrings,
    ArrayOfTables,
    Table,
}

impl Message for ValueType {
    fn id(&self) -> &'static str {
        match self {
            ValueType::String => "type-string",
            ValueType::Integer => "type-integer",
            ValueType::Boolean => "type-boolean",
            ValueType::ArrayOfStrings => "type-array-of-strings",
            ValueType::ArrayOfTables => "type-array-of-tables",
            ValueType::Table => "type-table",
        }
    }
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
    pub(crate) fn whole_file(file: String, kind: ProblemKind) -> Problem {
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

impl Problem {
    /// `path:line:col: message`, the form editors and `check` use.
    pub fn located(&self, l: &Localizer) -> String {
        // A file name is text from the operator's disk like any other.
        let file = crate::sanitize::line(&self.file);
        format!("{file}:{}:{}: {}", self.line, self.col, l.say(&self.kind))
    }
}

impl Message for ProblemKind {
    fn id(&self) -> &'static str {
        use ProblemKind::*;
        match self {
            Unreadable { .. } => "problem-unreadable",
            NotUtf8 => "problem-not-utf8",
            TomlSyntax { .. } => "problem-toml-syntax",
            SingleBrackets { .. } => "problem-single-brackets",
            LocaleUnderscore { .. } => "problem-locale-underscore",
            UnknownKey { .. } => "problem-unknown-key",
            MissingKey { .. } => "problem-missing-key",
            WrongType { .. } => "problem-wrong-type",
            BadId { .. } => "problem-bad-id",
            DuplicateId { .. } => "problem-duplicate-id",
            UnknownCategory { .. } => "problem-unknown-category",
            RequiredWithDefault { .. } => "problem-required-with-default",
            ConsentDaysRange { .. } => "problem-consent-days",
            SpeechRange { .. } => "problem-speech-range",
            BadSite { .. } => "problem-bad-site",
            BadDomain { .. } => "problem-bad-domain",
            NoDomains => "problem-no-domains",
            TooMany { .. } => "problem-too-many",
            TooLong { .. } => "problem-too-long",
            EnvCollision { .. } => "problem-env-collision",
            BadLocale { .. } => "problem-bad-locale",
            NoCategories => "problem-no-categories",
            DefaultLocaleWithoutCharter { .. } => "problem-default-locale",
            CharterWithoutMessages { .. } => "problem-charter-without-messages",
            MessagesWithoutCharter { .. } => "problem-messages-without-charter",
            FluentSyntax { .. } => "problem-fluent-syntax",
            MissingMessage { .. } => "problem-missing-message",
            MissingAttribute { .. } => "problem-missing-attribute",
            ExtraMessage { .. } => "problem-extra-message",
            BadShortcut { .. } => "problem-bad-shortcut",
            ShortcutConflict { .. } => "problem-shortcut-conflict",
            BadValue { .. } => "problem-bad-value",
            BannerManager { .. } => "problem-banner-manager",
            BannerKeyNotFor { .. } => "problem-banner-key-not-for",
            BannerNoServices => "problem-banner-no-services",
            BannerAmbiguous { .. } => "problem-banner-ambiguous",
            BannerServiceGroup { .. } => "problem-banner-service-group",
            BannerPlaceholder { .. } => "problem-banner-placeholder",
            BannerBrace => "problem-banner-brace",
            BannerDomain { .. } => "problem-banner-domain",
            BannerTooLong { .. } => "problem-banner-too-long",
        }
    }

    fn args(&self, l: &Localizer) -> Args {
        use ProblemKind::*;
        match self {
            Unreadable { cause } => vec![("cause", text(l.say(cause)))],
            NotUtf8 | NoDomains | NoCategories | BannerNoServices | BannerBrace => Args::new(),
            TomlSyntax { detail } => vec![("detail", text(toml_detail(l, detail)))],
            SingleBrackets { key } | UnknownKey { key } | MissingKey { key } => {
                vec![("key", text(key.as_str()))]
            }
            LocaleUnderscore { value, suggestion } => vec![
                ("value", text(value.as_str())),
                ("suggestion", text(suggestion.as_str())),
            ],
            WrongType { key, expected } => vec![
                ("key", text(key.as_str())),
                ("expected", text(l.say(expected))),
            ],
            BadId { id, pattern } => vec![("id", text(id.as_str())), ("pattern", text(*pattern))],
            DuplicateId { id }
            | UnknownCategory { id }
            | RequiredWithDefault { id }
            | MissingMessage { id }
            | ExtraMessage { id } => vec![("id", text(id.as_str()))],
            ConsentDaysRange { value }
            | BadSite { value }
            | BadDomain { value }
            | BadLocale { value } => vec![("value", text(value.as_str()))],
            SpeechRange { key, value } => {
                vec![("key", text(key.as_str())), ("value", text(value.as_str()))]
            }
            TooMany { key, max } | TooLong { key, max } => {
                vec![
                    ("key", text(key.as_str())),
                    ("max", FluentValue::from(*max)),
                ]
            }
            EnvCollision { id, variable } => {
                vec![
                    ("id", text(id.as_str())),
                    ("variable", text(variable.as_str())),
                ]
            }
            DefaultLocaleWithoutCharter { locale }
            | CharterWithoutMessages { locale }
            | MessagesWithoutCharter { locale } => vec![("locale", text(locale.as_str()))],
            FluentSyntax { error } => vec![("detail", text(l.say(error)))],
            MissingAttribute { id, attribute } => {
                vec![
                    ("id", text(id.as_str())),
                    ("attribute", text(attribute.as_str())),
                ]
            }
            BadShortcut { id, value } => {
                vec![("id", text(id.as_str())), ("value", text(value.as_str()))]
            }
            ShortcutConflict { id, other, value } => vec![
                ("id", text(id.as_str())),
                ("other", text(other.as_str())),
                ("value", text(value.as_str())),
            ],
            BadValue {
                key,
                value,
                pattern,
            } => vec![
                ("key", text(key.as_str())),
                ("value", text(value.as_str())),
                ("pattern", text(*pattern)),
            ],
            BannerManager { value } => vec![
                ("value", text(value.as_str())),
                (
                    "managers",
                    text(super::site_banner::Manager::NAMES.join(", ")),
                ),
            ],
            BannerKeyNotFor { key, manager } => vec![
                ("key", text(key.as_str())),
                ("manager", text(manager.as_str())),
            ],
            BannerAmbiguous { name, other } => vec![
                ("name", text(name.as_str())),
                ("other", text(other.as_str())),
            ],
            BannerServiceGroup { name, group } => vec![
                ("name", text(name.as_str())),
                ("group", text(group.as_str())),
            ],
            BannerPlaceholder { name } => vec![("name", text(name.as_str()))],
            BannerDomain { value, site } => vec![
                ("value", text(value.as_str())),
                ("site", text(site.as_str())),
            ],
            BannerTooLong { max } => vec![("max", FluentValue::from(*max))],
        }
    }
}

impl Message for FluentError {
    fn id(&self) -> &'static str {
        match self {
            FluentError::Brace => "fluent-brace",
            FluentError::UnbalancedClosingBrace => "fluent-closing-brace",
            FluentError::UnterminatedString => "fluent-unterminated-string",
            FluentError::MissingValue => "fluent-missing-value",
            FluentError::ExpectedToken(_) => "fluent-expected-token",
            FluentError::Other(_) => "fluent-other",
        }
    }

    fn args(&self, _l: &Localizer) -> Args {
        match self {
            FluentError::Brace => vec![
                ("open", text("{")),
                ("example", text("{ $name }")),
                ("escaped", text("{\"{\"}")),
            ],
            FluentError::ExpectedToken(c) => vec![("token", text(c.to_string()))],
            FluentError::Other(words) => vec![("detail", text(words.as_str()))],
            _ => Args::new(),
        }
    }
}

/// The TOML parser's own words for the commonest mistakes, in the operator's language;
/// anything rarer keeps the parser's (English) text.
fn toml_detail(l: &Localizer, detail: &str) -> String {
    const KNOWN: [(&str, &str); 8] = [
        ("string values must be quoted", "toml-unquoted-string"),
        ("invalid basic string", "toml-unclosed-string"),
        ("invalid literal string", "toml-unclosed-string"),
        ("unquoted keys cannot be empty", "toml-empty-key"),
        ("duplicate key", "toml-duplicate-key"),
        ("unclosed table", "toml-unclosed-table"),
        ("unclosed array", "toml-unclosed-array"),
        ("key with no value", "toml-no-value"),
    ];
    KNOWN
        .iter()
        .find(|(english, _)| detail.starts_with(english))
        .map_or_else(|| detail.to_owned(), |(_, id)| l.t(id))
}

/// 1-based line and column (counted in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
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
    use super::*;

    /// Every kind, so that a message id misspelt here fails a test instead of showing a
    /// visitor or an operator a raw id.
    fn every_kind() -> Vec<ProblemKind> {
        use ProblemKind::*;
        let s = || "x".to_owned();
        let mut kinds = vec![
            Unreadable {
                cause: IoCause::NotFound,
            },
            NotUtf8,
            TomlSyntax { detail: s() },
            UnknownKey { key: s() },
            MissingKey { key: s() },
            BadId {
                id: s(),
                pattern: "p",
            },
            DuplicateId { id: s() },
            UnknownCategory { id: s() },
            RequiredWithDefault { id: s() },
            ConsentDaysRange { value: s() },
            SpeechRange {
                key: s(),
                value: s(),
            },
            BadSite { value: s() },
            BadDomain { value: s() },
            NoDomains,
            TooMany { key: s(), max: 1 },
            TooLong { key: s(), max: 1 },
            EnvCollision {
                id: s(),
                variable: s(),
            },
            BadLocale { value: s() },
            NoCategories,
            DefaultLocaleWithoutCharter { locale: s() },
            CharterWithoutMessages { locale: s() },
            MessagesWithoutCharter { locale: s() },
            SingleBrackets { key: s() },
            LocaleUnderscore {
                value: s(),
                suggestion: s(),
            },
            MissingMessage { id: s() },
            MissingAttribute {
                id: s(),
                attribute: s(),
            },
            ExtraMessage { id: s() },
            BadShortcut {
                id: s(),
                value: s(),
            },
            ShortcutConflict {
                id: s(),
                other: s(),
                value: s(),
            },
            BadValue {
                key: s(),
                value: s(),
                pattern: "p",
            },
            BannerManager { value: s() },
            BannerKeyNotFor {
                key: s(),
                manager: s(),
            },
            BannerNoServices,
            BannerAmbiguous {
                name: s(),
                other: s(),
            },
            BannerServiceGroup {
                name: s(),
                group: s(),
            },
            BannerPlaceholder { name: s() },
            BannerBrace,
            BannerDomain {
                value: s(),
                site: s(),
            },
            BannerTooLong { max: 1 },
        ];
        for expected in [
            ValueType::String,
            ValueType::Integer,
            ValueType::Boolean,
            ValueType::ArrayOfStrings,
            ValueType::ArrayOfTables,
        ] {
            kinds.push(WrongType { key: s(), expected });
        }
        for error in [
            FluentError::Brace,
            FluentError::UnbalancedClosingBrace,
            FluentError::UnterminatedString,
            FluentError::MissingValue,
            FluentError::ExpectedToken('='),
            FluentError::Other(s()),
        ] {
            kinds.push(FluentSyntax { error });
        }
        kinds
    }

    #[test]
    fn every_problem_is_worded_in_every_ui_language() {
        for tag in ["en-US", "fr-FR"] {
            let l = Localizer::ui_only(&tag.parse().unwrap());
            for kind in every_kind() {
                let said = l.say(&kind);
                assert!(crate::i18n::is_ui_message(kind.id()), "{kind:?}");
                // A missing message or argument shows its id or `{$name}`.
                assert!(
                    !said.starts_with("problem-") && !said.contains("{$"),
                    "{tag} {kind:?}: {said}"
                );
                if let ProblemKind::WrongType { expected, .. } = &kind {
                    assert!(!said.contains("type-"), "{tag}: {said} ({expected:?})");
                }
                if let ProblemKind::FluentSyntax { error } = &kind {
                    assert!(!said.contains("fluent-"), "{tag}: {said} ({error:?})");
                }
            }
        }
    }

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
