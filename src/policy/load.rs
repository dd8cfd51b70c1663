//! Turns a policy's files into a `Policy`, or into every problem found in them at once.
//!
//! `policy.toml` is walked as a spanned TOML tree rather than deserialized with serde, so every
//! problem (not only the first) is reported with its exact line and column, in the operator's
//! language.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;
use sha2::{Digest, Sha256};
use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unic_langid::LanguageIdentifier;

use super::problem::{FluentError, Problem, ProblemKind, ValueType};
use super::source::{Origin, SourceFile};
use super::{Category, Cookie, Locale, Policy, SpeechSettings, host, message};
use crate::buttons;
use crate::sanitize;

mod site_banner;

const ID_PATTERN: &str = "[a-z][a-z0-9-]*";
const POLICY_ID_PATTERN: &str = "[a-z0-9-]+";
/// 13 months: the longest a consent may stand under the CNIL's guidance.
const MAX_CONSENT_DAYS: i64 = 395;
/// What a policy may hold, so that a mistaken or hostile one is refused at once rather than
/// slowing the kiosk down (docs/operators.md lists them). Far above what a site declares.
pub const MAX_CATEGORIES: usize = 64;
pub(crate) const MAX_COOKIES: usize = 1000;
pub(crate) const MAX_DOMAINS: usize = 64;
pub const MAX_STRING: usize = 512;

/// Loads and checks a policy. On failure, every problem found, in file order.
pub fn load(origin: &Origin) -> Result<Policy, Vec<Problem>> {
    load_checking(origin, true, true)
}

/// The policy as the dialog and the commands use it: `load`, except that the embedded
/// policy's shortcut letters are not checked again. They were when it was built (the tests
/// `check` a copy of the shipped files), and checking them means parsing every built-in
/// translation: a third of the dialog's start-up. And a `[site_banner]` that `check` refuses
/// does not stop the dialog: the site's banner then asks again, which is how the site works
/// without kiosk-consent; its problems are in `Policy::site_banner` for the exports to say.
pub fn open(origin: &Origin) -> Result<Policy, Vec<Problem>> {
    load_checking(origin, *origin != Origin::Embedded, false)
}

fn load_checking(
    origin: &Origin,
    shortcuts: bool,
    strict_banner: bool,
) -> Result<Policy, Vec<Problem>> {
    let files = origin.files().map_err(|(file, e)| {
        vec![Problem::whole_file(
            file,
            ProblemKind::Unreadable {
                cause: crate::files::IoCause::of(&e),
            },
        )]
    })?;
    let mut loader = Loader {
        origin,
        problems: Vec::new(),
        banner_problems: Vec::new(),
    };
    let policy = loader.policy(&files);
    if let Some(policy) = &policy
        && shortcuts
    {
        loader.problems.extend(shortcut_problems(policy));
    }
    // Said by `check` whether or not the rest of the policy could be made.
    if strict_banner {
        loader.problems.append(&mut loader.banner_problems);
    }
    // policy.toml first (its problems explain the others), then each file in order of its
    // lines, as an editor lists them.
    let toml = origin.display("policy.toml");
    loader.problems.sort_by(|a, b| {
        let key = |p: &Problem| (p.file != toml, p.file.clone(), p.line, p.col);
        key(a).cmp(&key(b))
    });
    match policy {
        Some(policy) if loader.problems.is_empty() => Ok(policy),
        _ => Err(loader.problems),
    }
}

struct Loader<'a> {
    origin: &'a Origin,
    problems: Vec<Problem>,
    /// The problems of `[site_banner]`, kept apart: they do not stop the dialog (`open`).
    banner_problems: Vec<Problem>,
}

/// What `policy.toml` says, before the other files are read.
struct Settings {
    id: Option<String>,
    version: Option<String>,
    site: Option<String>,
    default_locale: Option<LanguageIdentifier>,
    /// Where `default_locale` is written, for problems about it.
    default_locale_at: usize,
    consent_days: Option<u32>,
    speech: SpeechSettings,
    categories: Vec<Category>,
    cookies: Vec<Cookie>,
    site_banner: Option<Result<super::site_banner::SiteBanner, Vec<Problem>>>,
    /// policy.toml had no problem.
    clean: bool,
}

impl Loader<'_> {
    fn policy(&mut self, files: &[SourceFile]) -> Option<Policy> {
        let digest = digest(files);
        let toml_file = files.iter().find(|f| f.rel == "policy.toml")?;
        let toml_text = self.utf8(toml_file)?;
        let settings = self.settings(&toml_text);
        let locales = self.locales(files, settings.as_ref());
        let settings = settings?;
        let default_locale = settings.default_locale.clone()?;
        let mut locales = locales;
        match locales.iter().position(|l| l.langid == default_locale) {
            Some(i) => {
                let default = locales.remove(i);
                locales.insert(0, default);
            }
            // A charter that exists but could not be read is reported on its own.
            None if files
                .iter()
                .any(|f| f.rel == format!("charter/{default_locale}.md")) => {}
            None => self.problem_at(
                "policy.toml",
                &toml_text,
                settings.default_locale_at,
                ProblemKind::DefaultLocaleWithoutCharter {
                    locale: default_locale.to_string(),
                },
            ),
        }
        Some(Policy {
            id: settings.id?,
            version: settings.version?,
            site: settings.site?,
            default_locale,
            consent_days: settings.consent_days?,
            speech: settings.speech,
            categories: settings.categories,
            cookies: settings.cookies,
            site_banner: settings.site_banner,
            locales,
            digest,
            origin: self.origin.clone(),
        })
    }

    fn problem_at(&mut self, rel: &str, text: &str, offset: usize, kind: ProblemKind) {
        self.problems
            .push(Problem::at(self.origin.display(rel), text, offset, kind));
    }

    fn utf8(&mut self, file: &SourceFile) -> Option<String> {
        match std::str::from_utf8(&file.bytes) {
            Ok(text) => Some(text.to_owned()),
            Err(e) => {
                let valid = &file.bytes[..e.valid_up_to()];
                let text = String::from_utf8_lossy(valid);
                self.problem_at(&file.rel, &text, text.len(), ProblemKind::NotUtf8);
                None
            }
        }
    }

    fn settings(&mut self, text: &str) -> Option<Settings> {
        // `[categories]` for `[[categories]]`: the parser only says "duplicate key" further
        // down, or that the key has the wrong type; say what to write, where it was written.
        let mut single = false;
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            let bare = line.split('#').next().unwrap_or("").trim();
            if let Some(key @ ("categories" | "cookies")) =
                bare.strip_prefix('[').and_then(|b| b.strip_suffix(']'))
            {
                let at = offset + line.find('[').unwrap_or(0);
                let kind = ProblemKind::SingleBrackets {
                    key: key.to_owned(),
                };
                self.problem_at("policy.toml", text, at, kind);
                single = true;
            }
            offset += line.len();
        }
        if single {
            return None;
        }
        let (root, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            // A recovering parser reports what follows an error too: keep the first of each
            // line, which is the one the operator must fix.
            let mut last_line = 0;
            for e in errors {
                let offset = e.span().map_or(0, |s| s.start);
                let (line, _) = super::problem::line_col(text, offset);
                if line == last_line {
                    continue;
                }
                last_line = line;
                let detail = e.message().trim().to_owned();
                self.problem_at(
                    "policy.toml",
                    text,
                    offset,
                    ProblemKind::TomlSyntax { detail },
                );
            }
            return None;
        }
        let before = self.problems.len();
        let mut t = TomlTable {
            loader: self,
            text,
            table: root.get_ref(),
            span: root.span(),
        };
        t.allow_only(&[
            "id",
            "version",
            "site",
            "default_locale",
            "consent_days",
            "speech",
            "categories",
            "cookies",
            "site_banner",
        ]);
        let id = t.string("id");
        if let Some((id, span)) = &id
            && !is_policy_id(id)
        {
            t.at(span.start, bad_id(id, POLICY_ID_PATTERN));
        }
        let version = t.string("version");
        if let Some((version, span)) = &version
            && version.trim().is_empty()
        {
            t.at(
                span.start,
                ProblemKind::MissingKey {
                    key: "version".into(),
                },
            );
        }
        let site = t.string("site");
        if let Some((site, span)) = &site
            && !is_http_url(site)
        {
            t.at(
                span.start,
                ProblemKind::BadSite {
                    value: site.clone(),
                },
            );
        }
        let mut default_locale_at = 0;
        let default_locale = t.string("default_locale").and_then(|(tag, span)| {
            default_locale_at = span.start;
            let parsed = tag.parse::<LanguageIdentifier>().ok();
            match &parsed {
                None => t.at(span.start, ProblemKind::BadLocale { value: tag.clone() }),
                // Accepted by the parser, but never what a charter file is named after.
                Some(id) if tag.contains('_') => t.at(
                    span.start,
                    ProblemKind::LocaleUnderscore {
                        value: tag.clone(),
                        suggestion: id.to_string(),
                    },
                ),
                Some(_) => {}
            }
            parsed.filter(|_| !tag.contains('_'))
        });
        let consent_days = t.integer("consent_days").and_then(|(days, span)| {
            let ok = (1..=MAX_CONSENT_DAYS).contains(&days);
            if !ok {
                t.at(
                    span.start,
                    ProblemKind::ConsentDaysRange {
                        value: days.to_string(),
                    },
                );
            }
            u32::try_from(days).ok().filter(|_| ok)
        });
        let speech = t.speech();
        let categories = t.categories();
        let cookies = t.cookies(&categories);
        let site_host = site
            .as_ref()
            .filter(|(s, _)| is_http_url(s))
            .map(|(s, _)| super::site_host(s));
        let secure = site
            .as_ref()
            .is_some_and(|(s, _)| s.starts_with("https://"));
        // Kept apart: a policy whose only problems are in `[site_banner]` still runs (`open`).
        let before_banner = t.loader.problems.len();
        let site_banner = t.site_banner(&categories, site_host.as_deref(), secure);
        let mut banner_problems = t.loader.problems.split_off(before_banner);
        banner_problems.sort_by_key(|p| (p.line, p.col));
        t.loader.banner_problems.clone_from(&banner_problems);
        let site_banner = match (site_banner, banner_problems.is_empty()) {
            (_, false) => Some(Err(banner_problems)),
            (banner, true) => banner.map(Ok),
        };
        let clean = t.loader.problems.len() == before;
        Some(Settings {
            clean,
            default_locale_at,
            id: id.map(|(id, _)| id),
            version: version.map(|(v, _)| v),
            site: site.map(|(s, _)| s),
            default_locale,
            consent_days,
            speech,
            categories,
            cookies,
            site_banner,
        })
    }

    /// Charters and Fluent files, grouped by locale; every locale must have both.
    fn locales(&mut self, files: &[SourceFile], settings: Option<&Settings>) -> Vec<Locale> {
        let mut charters = BTreeMap::new();
        let mut ftl: BTreeMap<String, Vec<&SourceFile>> = BTreeMap::new();
        for file in files {
            if let Some(name) = file.rel.strip_prefix("charter/") {
                let tag = name.trim_end_matches(".md").to_owned();
                charters.insert(tag, file);
            } else if let Some(rest) = file.rel.strip_prefix("locales/")
                && let Some((tag, _)) = rest.split_once('/')
            {
                ftl.entry(tag.to_owned()).or_default().push(file);
            }
        }
        let mut locales = Vec::new();
        for (tag, charter) in &charters {
            let Ok(langid) = tag.parse::<LanguageIdentifier>() else {
                self.problems.push(Problem::whole_file(
                    self.origin.display(&charter.rel),
                    ProblemKind::BadLocale { value: tag.clone() },
                ));
                continue;
            };
            let charter_text = self.utf8(charter);
            let policy_rel = format!("locales/{tag}/policy.ftl");
            let sources = ftl
                .get(tag)
                .filter(|s| s.iter().any(|f| f.rel == policy_rel));
            let Some(sources) = sources else {
                self.problems.push(Problem::whole_file(
                    self.origin.display(&charter.rel),
                    ProblemKind::CharterWithoutMessages {
                        locale: tag.clone(),
                    },
                ));
                continue;
            };
            let resources = self.fluent(tag, sources, settings);
            if let (Some(charter), Some(resources)) = (charter_text, resources) {
                let (files, resources) = resources.into_iter().unzip();
                locales.push(Locale {
                    langid,
                    charter: sanitize::multiline(&charter),
                    resources,
                    files,
                });
            }
        }
        for (tag, sources) in &ftl {
            if !charters.contains_key(tag) {
                self.problems.push(Problem::whole_file(
                    self.origin.display(&sources[0].rel),
                    ProblemKind::MessagesWithoutCharter {
                        locale: tag.clone(),
                    },
                ));
            }
        }
        locales
    }

    /// Parses one locale's Fluent files and checks that `policy.ftl` defines exactly the
    /// messages the policy needs (other files may only override UI messages).
    fn fluent(
        &mut self,
        tag: &str,
        sources: &[&SourceFile],
        settings: Option<&Settings>,
    ) -> Option<Vec<(String, Rc<FluentResource>)>> {
        let mut resources = Vec::new();
        let policy_rel = format!("locales/{tag}/policy.ftl");
        for file in sources {
            let text = sanitize::multiline(&self.utf8(file)?);
            let (resource, valid) = match FluentResource::try_new(text.clone()) {
                Ok(r) => (r, true),
                Err((r, errors)) => {
                    for e in errors {
                        let (offset, error) = fluent_error(&text, &e);
                        self.problem_at(
                            &file.rel,
                            &text,
                            offset,
                            ProblemKind::FluentSyntax { error },
                        );
                    }
                    (r, false)
                }
            };
            // The entries that did parse are still checked, so one run finds everything.
            if file.rel == policy_rel {
                if let Some(settings) = settings {
                    self.policy_messages(&file.rel, &resource, settings);
                }
            } else {
                self.ui_messages(&file.rel, &resource);
            }
            if !valid {
                continue;
            }
            resources.push((file.rel.clone(), Rc::new(resource)));
        }
        Some(resources)
    }

    fn policy_messages(&mut self, rel: &str, resource: &FluentResource, settings: &Settings) {
        // Offsets are taken from the resource's own copy of the text.
        let text = resource.source();
        let mut expected: Vec<(String, Option<&str>)> = Vec::new();
        for c in &settings.categories {
            expected.push((message::category(&c.id), Some(message::DESCRIPTION)));
        }
        for c in &settings.cookies {
            expected.push((message::cookie_service(&c.id), None));
            expected.push((message::cookie_purpose(&c.id), None));
        }
        let mut defined = BTreeMap::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry {
                defined.insert(m.id.name, m);
            }
        }
        let end = text.len();
        for (id, attribute) in &expected {
            match defined.get(id.as_str()) {
                None => self.problem_at(
                    rel,
                    text,
                    end,
                    ProblemKind::MissingMessage { id: id.clone() },
                ),
                Some(m) => {
                    if let Some(attribute) = attribute
                        && !m.attributes.iter().any(|a| a.id.name == *attribute)
                    {
                        let offset = offset_in(text, m.id.name);
                        self.problem_at(
                            rel,
                            text,
                            offset,
                            ProblemKind::MissingAttribute {
                                id: id.clone(),
                                attribute: (*attribute).to_owned(),
                            },
                        );
                    }
                }
            }
        }
        // With errors in policy.toml, messages for its broken ids would all look extra.
        if !settings.clean {
            return;
        }
        let expected: HashSet<&str> = expected.iter().map(|(id, _)| id.as_str()).collect();
        for (id, m) in defined {
            if !expected.contains(id) && !crate::i18n::is_ui_message(id) {
                let offset = offset_in(text, m.id.name);
                self.problem_at(
                    rel,
                    text,
                    offset,
                    ProblemKind::ExtraMessage { id: id.to_owned() },
                );
            }
        }
    }
}

impl Loader<'_> {
    /// A file beside `policy.ftl` may only override UI messages: anything else is a typo.
    fn ui_messages(&mut self, rel: &str, resource: &FluentResource) {
        let text = resource.source();
        for entry in resource.entries() {
            if let ast::Entry::Message(m) = entry
                && !crate::i18n::is_ui_message(m.id.name)
            {
                let offset = offset_in(text, m.id.name);
                let id = m.id.name.to_owned();
                self.problem_at(rel, text, offset, ProblemKind::ExtraMessage { id });
            }
        }
    }
}

/// Every locale's shortcut letters, as the visitor will get them (translation, then fallback):
/// one letter or digit each, not a reserved key, and different on each screen.
fn shortcut_problems(policy: &Policy) -> Vec<Problem> {
    let mut problems: Vec<Problem> = Vec::new();
    for locale in &policy.locales {
        // Where the locale's own files define `id`, else its policy.ftl as a whole.
        let place = |id: &str, kind: ProblemKind| {
            for (rel, resource) in locale.files.iter().zip(&locale.resources) {
                let text = resource.source();
                for entry in resource.entries() {
                    if let ast::Entry::Message(m) = entry
                        && m.id.name == id
                    {
                        let file = policy.origin.display(rel);
                        return Problem::at(file, text, offset_in(text, m.id.name), kind);
                    }
                }
            }
            let rel = format!("locales/{}/policy.ftl", locale.langid);
            Problem::whole_file(policy.origin.display(&rel), kind)
        };
        for screen in buttons::SCREENS {
            let keys: Vec<(&str, String)> = screen
                .iter()
                .filter_map(|b| b.shortcut_id())
                .map(|id| (id, policy.text(&locale.langid, id).to_lowercase()))
                .collect();
            for (i, (id, value)) in keys.iter().enumerate() {
                let mut chars = value.chars();
                let ok = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_alphanumeric() && !buttons::RESERVED_KEYS.contains(&c));
                if !ok {
                    let kind = ProblemKind::BadShortcut {
                        id: (*id).to_owned(),
                        value: value.clone(),
                    };
                    problems.push(place(id, kind));
                }
                for (other, other_value) in &keys[..i] {
                    if ok && value == other_value {
                        let kind = ProblemKind::ShortcutConflict {
                            id: (*id).to_owned(),
                            other: (*other).to_owned(),
                            value: value.clone(),
                        };
                        problems.push(place(id, kind));
                    }
                }
            }
        }
    }
    let mut unique = Vec::new();
    for p in problems {
        if !unique.contains(&p) {
            unique.push(p);
        }
    }
    unique
}

/// Where to point at a Fluent syntax error: the error's own place, except where that is the
/// start of a line or the end of the file, which belong to the broken entry before.
/// Where a Fluent error is, and what it is. A `{` that the parser could not read as a
/// placeable is, nine times out of ten, a brace meant as text: it is pointed at itself.
fn fluent_error(text: &str, e: &fluent_syntax::parser::ParserError) -> (usize, FluentError) {
    use fluent_syntax::parser::ErrorKind;
    let offset = fluent_error_offset(text, e);
    let entry = e.slice.as_ref().and_then(|s| text.get(s.clone()));
    let brace = entry
        .and_then(|t| t.find('{'))
        .zip(e.slice.as_ref())
        .map(|(at, slice)| slice.start + at);
    let error = match &e.kind {
        ErrorKind::UnbalancedClosingBrace => FluentError::UnbalancedClosingBrace,
        ErrorKind::UnterminatedStringLiteral => FluentError::UnterminatedString,
        ErrorKind::MissingValue => FluentError::MissingValue,
        ErrorKind::ExpectedToken(_)
        | ErrorKind::ExpectedCharRange { .. }
        | ErrorKind::ExpectedInlineExpression
        | ErrorKind::ExpectedLiteral
            if brace.is_some() =>
        {
            return (brace.unwrap_or(offset), FluentError::Brace);
        }
        ErrorKind::ExpectedToken(c) => FluentError::ExpectedToken(*c),
        other => FluentError::Other(other.to_string()),
    };
    (offset, error)
}

fn fluent_error_offset(text: &str, e: &fluent_syntax::parser::ParserError) -> usize {
    let start = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
    if e.pos.start >= text.trim_end().len() {
        return start;
    }
    if e.pos.start > start && text[..e.pos.start].ends_with('\n') {
        return e.pos.start - 1;
    }
    e.pos.start
}

/// Byte offset of `part`, a slice borrowed from `text`, inside `text`.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .checked_sub(text.as_ptr() as usize)
        .filter(|o| *o <= text.len())
        .unwrap_or(0)
}

/// A value with where it stands in the file.
type Located<T> = (T, Range<usize>);

/// One TOML table being checked, with the loader that collects problems.
struct TomlTable<'l, 'a, 't> {
    loader: &'l mut Loader<'a>,
    text: &'t str,
    table: &'t DeTable<'t>,
    /// Where the table starts, for "missing key" problems.
    span: Range<usize>,
}

impl<'a, 't> TomlTable<'_, 'a, 't> {
    fn at(&mut self, offset: usize, kind: ProblemKind) {
        self.loader
            .problem_at("policy.toml", self.text, offset, kind);
    }

    fn allow_only(&mut self, keys: &[&str]) {
        let unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !keys.contains(&k.get_ref().as_ref()))
            .map(|(k, _)| (k.get_ref().to_string(), k.span().start))
            .collect();
        for (key, offset) in unknown {
            self.at(offset, ProblemKind::UnknownKey { key });
        }
    }

    fn value(&mut self, key: &str, required: bool) -> Option<&'t Spanned<DeValue<'t>>> {
        let value = self.table.get(key);
        if value.is_none() && required {
            let start = self.span.start;
            self.at(
                start,
                ProblemKind::MissingKey {
                    key: key.to_owned(),
                },
            );
        }
        value
    }

    fn typed<T>(
        &mut self,
        key: &str,
        required: bool,
        expected: ValueType,
        get: impl Fn(&'t DeValue<'t>) -> Option<T>,
    ) -> Option<(T, Range<usize>)> {
        let value = self.value(key, required)?;
        match get(value.get_ref()) {
            Some(v) => Some((v, value.span())),
            None => {
                let key = key.to_owned();
                self.at(value.span().start, ProblemKind::WrongType { key, expected });
                None
            }
        }
    }

    fn string(&mut self, key: &str) -> Option<(String, Range<usize>)> {
        let (text, span) = self.typed(key, true, ValueType::String, |v| {
            v.as_str().map(sanitize::line)
        })?;
        if text.chars().count() > MAX_STRING {
            self.at(
                span.start,
                ProblemKind::TooLong {
                    key: key.to_owned(),
                    max: MAX_STRING,
                },
            );
            return None;
        }
        Some((text, span))
    }

    /// The first `max` of `items`; past that, one problem at the first one too many.
    fn at_most<T>(
        &mut self,
        mut items: Vec<(T, Range<usize>)>,
        key: &str,
        max: usize,
    ) -> Vec<(T, Range<usize>)> {
        if let Some((_, span)) = items.get(max) {
            let start = span.start;
            self.at(
                start,
                ProblemKind::TooMany {
                    key: key.to_owned(),
                    max,
                },
            );
            items.truncate(max);
        }
        items
    }

    fn integer(&mut self, key: &str) -> Option<(i64, Range<usize>)> {
        self.typed(key, true, ValueType::Integer, |v| {
            v.as_integer()
                .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok())
        })
    }

    fn boolean(&mut self, key: &str) -> Option<(bool, Range<usize>)> {
        self.typed(key, false, ValueType::Boolean, DeValue::as_bool)
    }

    fn string_list(&mut self, key: &str) -> Option<(Vec<Located<String>>, Range<usize>)> {
        self.typed(key, true, ValueType::ArrayOfStrings, |v| {
            v.as_array()?
                .iter()
                .map(|item| {
                    item.get_ref()
                        .as_str()
                        .map(|s| (sanitize::line(s), item.span()))
                })
                .collect()
        })
    }

    fn sub_tables(&mut self, key: &str) -> Vec<(&'t DeTable<'t>, Range<usize>)> {
        self.typed(key, false, ValueType::ArrayOfTables, |v| {
            v.as_array()?
                .iter()
                .map(|item| item.get_ref().as_table().map(|t| (t, item.span())))
                .collect::<Option<Vec<_>>>()
        })
        .map(|(items, _)| items)
        .unwrap_or_default()
    }

    fn child(&mut self, table: &'t DeTable<'t>, span: Range<usize>) -> TomlTable<'_, 'a, 't> {
        TomlTable {
            loader: &mut *self.loader,
            text: self.text,
            table,
            span,
        }
    }

    /// An `id` key that must follow the id pattern and be unique among its siblings.
    fn id(&mut self, seen: &mut HashSet<String>) -> Option<String> {
        let (id, span) = self.string("id")?;
        if !is_id(&id) {
            self.at(span.start, bad_id(&id, ID_PATTERN));
            return None;
        }
        if !seen.insert(id.clone()) {
            self.at(span.start, ProblemKind::DuplicateId { id });
            return None;
        }
        Some(id)
    }

    /// The optional `[speech]` table: the voice's rate and volume, each -100 to 100.
    fn speech(&mut self) -> SpeechSettings {
        let mut speech = SpeechSettings::default();
        let table = self.typed("speech", false, ValueType::Table, DeValue::as_table);
        let Some((table, span)) = table else {
            return speech;
        };
        let mut t = self.child(table, span);
        t.allow_only(&["rate", "volume"]);
        for (key, value) in [("rate", &mut speech.rate), ("volume", &mut speech.volume)] {
            if t.table.get(key).is_none() {
                continue;
            }
            let Some((n, span)) = t.integer(key) else {
                continue;
            };
            match i8::try_from(n).ok().filter(|n| (-100..=100).contains(n)) {
                Some(n) => *value = n,
                None => t.at(
                    span.start,
                    ProblemKind::SpeechRange {
                        key: key.to_owned(),
                        value: n.to_string(),
                    },
                ),
            }
        }
        speech
    }

    fn categories(&mut self) -> Vec<Category> {
        let tables = self.sub_tables("categories");
        let tables = self.at_most(tables, "categories", MAX_CATEGORIES);
        if tables.is_empty() {
            let start = self.span.start;
            self.at(start, ProblemKind::NoCategories);
        }
        let mut seen = HashSet::new();
        let mut variables = HashSet::from([super::ENV_VALID.to_owned()]);
        let mut categories = Vec::new();
        for (table, span) in tables {
            let mut t = self.child(table, span);
            t.allow_only(&["id", "required", "default"]);
            let id = t.id(&mut seen);
            if let Some(id) = &id {
                let variable = super::env_name(id);
                if !variables.insert(variable.clone()) {
                    let start = t.value("id", true).map_or(t.span.start, |v| v.span().start);
                    t.at(
                        start,
                        ProblemKind::EnvCollision {
                            id: id.clone(),
                            variable,
                        },
                    );
                }
            }
            let required = t.boolean("required").is_some_and(|(r, _)| r);
            let default = t.boolean("default");
            if let (true, Some((_, span)), Some(id)) = (required, &default, &id) {
                t.at(
                    span.start,
                    ProblemKind::RequiredWithDefault { id: id.clone() },
                );
            }
            if let Some(id) = id {
                let default = required || default.is_some_and(|(d, _)| d);
                categories.push(Category {
                    id,
                    required,
                    default,
                });
            }
        }
        categories
    }

    fn cookies(&mut self, categories: &[Category]) -> Vec<Cookie> {
        let mut seen = HashSet::new();
        let mut cookies = Vec::new();
        let tables = self.sub_tables("cookies");
        for (table, span) in self.at_most(tables, "cookies", MAX_COOKIES) {
            let mut t = self.child(table, span);
            t.allow_only(&["id", "name", "category", "provider", "domains"]);
            let id = t.id(&mut seen);
            let name = t.string("name");
            let category = t.string("category");
            if let Some((category, span)) = &category
                && !categories.iter().any(|c| &c.id == category)
            {
                t.at(
                    span.start,
                    ProblemKind::UnknownCategory {
                        id: category.clone(),
                    },
                );
            }
            let provider = t.string("provider");
            let domains = t.string_list("domains").and_then(|(list, span)| {
                let list = t.at_most(list, "domains", MAX_DOMAINS);
                if list.is_empty() {
                    t.at(span.start, ProblemKind::NoDomains);
                    return None;
                }
                // Stored normalized: every later comparison is between equal spellings.
                let mut hosts = Vec::new();
                for (domain, span) in list {
                    match host::normalize(&domain) {
                        Some(h) if !hosts.contains(&h) => hosts.push(h),
                        Some(_) => {}
                        None => t.at(span.start, ProblemKind::BadDomain { value: domain }),
                    }
                }
                Some(hosts)
            });
            if let (Some(id), Some(name), Some(category), Some(provider), Some(domains)) =
                (id, name, category, provider, domains)
            {
                cookies.push(Cookie {
                    id,
                    name: name.0,
                    category: category.0,
                    provider: provider.0,
                    domains,
                });
            }
        }
        cookies
    }
}

fn bad_id(id: &str, pattern: &'static str) -> ProblemKind {
    ProblemKind::BadId {
        id: id.to_owned(),
        pattern,
    }
}

fn is_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn is_policy_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// An http(s) address of a host a browser can open, and nothing a shell or a browser could
/// take for more than one argument (no white space or control character anywhere).
fn is_http_url(site: &str) -> bool {
    !site.chars().any(|c| c.is_whitespace() || c.is_control())
        && super::url_host(site).is_some_and(|h| host::normalize(h).is_some())
        // A port, when there is one, is one a browser can reach (1 to 65535).
        && super::url_has_port(site) == super::url_port(site).is_some_and(|p| p > 0)
}

/// SHA-256 over every file's path, length and bytes, in path order.
fn digest(files: &[SourceFile]) -> String {
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.rel.as_bytes());
        hasher.update([0]);
        hasher.update((file.bytes.len() as u64).to_be_bytes());
        hasher.update(&file.bytes);
    }
    format!("sha256:{:x}", hasher.finalize())
}
