//! Every string the visitor or the operator reads goes through here: Fluent bundles per locale,
//! with the fallback chain requested locale → policy default locale → English, and the policy's
//! own messages (category and cookie texts, UI overrides) layered over the built-in UI strings.
//! It knows nothing of policies: the policy hands it the texts of each locale.

mod catalogue;

use std::cell::{OnceCell, Ref, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::{LanguageIdentifier, langid};

use crate::files::IoCause;
use catalogue::Catalogue;

/// The UI strings built into the binary, by locale. English is the last fallback and the
/// reference for which UI messages exist.
const UI: &[(&str, Catalogue)] = &[
    (
        "en-US",
        catalogue::index!(include_str!("../locales/en-US/ui.ftl")),
    ),
    (
        "fr-FR",
        catalogue::index!(include_str!("../locales/fr-FR/ui.ftl")),
    ),
];

/// Languages' names in themselves, for locales an operator adds without naming them.
const AUTONYMS: &[(&str, &str)] = &[
    ("ar", "العربية"),
    ("ca", "Català"),
    ("de", "Deutsch"),
    ("en", "English"),
    ("es", "Español"),
    ("eu", "Euskara"),
    ("fr", "Français"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("vi", "Tiếng Việt"),
    ("zh", "中文"),
];

const ENGLISH: LanguageIdentifier = langid!("en-US");

/// The locales the built-in UI strings exist in.
pub fn ui_locales() -> Vec<LanguageIdentifier> {
    UI.iter().filter_map(|(tag, _)| tag.parse().ok()).collect()
}

/// The built-in UI strings that serve `langid` best (fr-CA → fr-FR), if any.
fn ui_for(langid: &LanguageIdentifier) -> Option<Catalogue> {
    let available = ui_locales();
    let chosen = negotiate_languages(&[langid], &available, None, NegotiationStrategy::Filtering);
    let chosen = chosen.first()?.to_string();
    UI.iter()
        .find(|(tag, _)| *tag == chosen)
        .map(|(_, catalogue)| *catalogue)
}

/// Is `id` a message of the built-in UI (which a policy may override)?
pub(crate) fn is_ui_message(id: &str) -> bool {
    UI[0].1.has_message(id)
}

/// The best of `available` for what the user asked for (`--lang`, or the environment), else
/// `default`.
pub fn negotiate(
    requested: &[LanguageIdentifier],
    available: &[LanguageIdentifier],
    default: &LanguageIdentifier,
) -> LanguageIdentifier {
    negotiate_languages(
        requested,
        available,
        Some(default),
        NegotiationStrategy::Filtering,
    )
    .first()
    .map_or_else(|| default.clone(), |l| (*l).clone())
}

/// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is
/// set, as POSIX orders them. `fr_FR.UTF-8@euro` becomes `fr-FR`; `C` and `POSIX` ask for none.
pub fn env_locale(get: impl Fn(&str) -> Option<String>) -> Option<LanguageIdentifier> {
    let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| get(name))
        .find(|v| !v.is_empty())?;
    let tag = value.split(['.', '@']).next().unwrap_or_default();
    if tag == "C" || tag == "POSIX" {
        return None;
    }
    tag.replace('_', "-").parse().ok()
}

/// The arguments of a message, by the names its Fluent text uses.
pub(crate) type Args = Vec<(&'static str, FluentValue<'static>)>;

/// A text of the program, said in the visitor's or the operator's language: which Fluent
/// message says it, and with what. Every kind of problem, error and verdict implements it, so
/// each is worded in one place and shown with `Localizer::say`.
pub trait Message {
    fn id(&self) -> &'static str;

    /// The values the message shows; texts among them are already localized with `l`.
    fn args(&self, _l: &Localizer) -> Args {
        Args::new()
    }
}

/// A text argument of a message.
pub fn text(value: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(value.into())
}

impl Message for IoCause {
    fn id(&self) -> &'static str {
        match self {
            IoCause::NotFound => "cause-not-found",
            IoCause::PermissionDenied => "cause-permission-denied",
            IoCause::ReadOnly => "cause-read-only",
            IoCause::DiskFull => "cause-disk-full",
            IoCause::IsDirectory => "cause-is-directory",
            IoCause::NotADirectory => "cause-not-a-directory",
            IoCause::InvalidData(_) => "cause-invalid-data",
            IoCause::NotRegular => "cause-not-regular",
            IoCause::TooLarge(_) => "cause-too-large",
            IoCause::TooManyFiles(_) => "cause-too-many-files",
            IoCause::Other(_) => "cause-other",
        }
    }

    fn args(&self, _l: &Localizer) -> Args {
        let detail = match self {
            IoCause::InvalidData(words) | IoCause::Other(words) => text(words.as_str()),
            IoCause::TooLarge(limit) => FluentValue::from(*limit),
            IoCause::TooManyFiles(max) => FluentValue::from(*max),
            _ => return Args::new(),
        };
        vec![("detail", detail)]
    }
}

pub struct Localizer {
    langid: LanguageIdentifier,
    /// Tried in order until one has the message. Each is built the first time a message is
    /// looked up in it: a complete translation never builds its fallbacks (which is most of
    /// what a localizer costs at start-up).
    bundles: Vec<LazyBundle>,
}

struct LazyBundle {
    langid: LanguageIdentifier,
    resources: Vec<Rc<FluentResource>>,
    built: OnceCell<Layers>,
}

/// A language's bundle: the policy's texts at once, the built-in UI strings under them one
/// message at a time, as they are looked up (with what they refer to).
struct Layers {
    bundle: RefCell<FluentBundle<Rc<FluentResource>>>,
    ui: Option<Catalogue>,
    /// Names already looked for in the UI strings.
    looked_up: RefCell<HashSet<String>>,
}

impl LazyBundle {
    /// The bundle, holding `id` if any layer has it.
    fn with(&self, id: &str) -> Ref<'_, FluentBundle<Rc<FluentResource>>> {
        let layers = self.built.get_or_init(|| {
            let layers = Layers {
                bundle: RefCell::new(bundle(&self.langid, self.resources.clone())),
                ui: ui_for(&self.langid),
                looked_up: RefCell::default(),
            };
            let mut wanted = Vec::new();
            for resource in &self.resources {
                catalogue::references(resource, &mut wanted);
            }
            layers.load(wanted.into_iter().map(str::to_owned).collect());
            layers
        });
        if !layers.looked_up.borrow().contains(id) {
            layers.load(vec![id.to_owned()]);
        }
        layers.bundle.borrow()
    }
}

impl Layers {
    /// Adds the UI entries of these names, and of the names they refer to, under what the
    /// bundle already holds (the policy's texts override the UI's).
    fn load(&self, mut wanted: Vec<String>) {
        let Some(ui) = &self.ui else {
            return;
        };
        while let Some(name) = wanted.pop() {
            if !self.looked_up.borrow_mut().insert(name.clone()) {
                continue;
            }
            let Some(resource) = ui.parse(&name) else {
                continue;
            };
            let mut refers = Vec::new();
            catalogue::references(&resource, &mut refers);
            wanted.extend(refers.into_iter().map(str::to_owned));
            let resource = Rc::new(resource);
            // An entry of that name from the policy stays, as when overriding.
            let _ = self.bundle.borrow_mut().add_resource(resource);
        }
    }
}

impl Localizer {
    /// The UI strings in `langid`, falling back to `fallback`, then to English, with each
    /// locale's own `resources` (a policy's texts and overrides) layered over its UI strings.
    pub fn new(
        langid: &LanguageIdentifier,
        fallback: &LanguageIdentifier,
        resources: impl Fn(&LanguageIdentifier) -> Vec<Rc<FluentResource>>,
    ) -> Localizer {
        let chain = chain(langid, fallback);
        Localizer {
            langid: langid.clone(),
            bundles: chain
                .into_iter()
                .map(|langid| LazyBundle {
                    resources: resources(&langid),
                    langid,
                    built: OnceCell::new(),
                })
                .collect(),
        }
    }

    /// What `Localizer::new(langid, fallback, resources).t(id)` gives, read from the parsed
    /// files without building a bundle: for checks at load time, which look up a few
    /// messages of every locale. None when the message is not plain text (a placeable, a
    /// selector): build the localizer for that.
    pub(crate) fn peek(
        langid: &LanguageIdentifier,
        fallback: &LanguageIdentifier,
        resources: impl Fn(&LanguageIdentifier) -> Vec<Rc<FluentResource>>,
        id: &str,
    ) -> Option<String> {
        use fluent_syntax::ast::{Entry, PatternElement};
        enum Found {
            Text(String),
            NotPlain,
            NoValue,
        }
        // The last entry of that name: a term of that name takes the message's place in a
        // bundle, and has no value as a message.
        let value = |resource: &FluentResource| {
            let pattern = resource
                .entries()
                .filter_map(|entry| match entry {
                    Entry::Message(m) if m.id.name == id => Some(m.value.as_ref()),
                    Entry::Term(t) if t.id.name == id => Some(None),
                    _ => None,
                })
                .last()?;
            let Some(pattern) = pattern else {
                return Some(Found::NoValue);
            };
            let mut text = String::new();
            for element in &pattern.elements {
                match element {
                    PatternElement::TextElement { value } => text.push_str(value),
                    PatternElement::Placeable { .. } => return Some(Found::NotPlain),
                }
            }
            Some(Found::Text(text))
        };
        for langid in chain(langid, fallback) {
            // The policy's files override the UI strings, and later files earlier ones.
            let found = resources(&langid)
                .iter()
                .rev()
                .find_map(|resource| value(resource))
                .or_else(|| value(&ui_for(&langid)?.parse(id)?));
            match found {
                // A message without a value is passed over, as formatting does.
                None | Some(Found::NoValue) => continue,
                Some(Found::NotPlain) => return None,
                Some(Found::Text(text)) => return Some(crate::sanitize::line(&text)),
            }
        }
        Some(id.to_owned())
    }

    /// The UI strings only, for messages given before a policy could be loaded.
    pub fn ui_only(langid: &LanguageIdentifier) -> Localizer {
        Localizer::new(langid, &ENGLISH, |_| Vec::new())
    }

    pub fn langid(&self) -> &LanguageIdentifier {
        &self.langid
    }

    /// The language's own name ("Deutsch"): its translation's `language-name` when it has one,
    /// else a built-in list of common languages, else its tag.
    pub(crate) fn language_name(&self) -> String {
        let own = self.bundles.first().and_then(|lazy| {
            let bundle = lazy.with("language-name");
            let pattern = bundle.get_message("language-name")?.value()?;
            let mut errors = Vec::new();
            Some(crate::sanitize::line(&bundle.format_pattern(
                pattern,
                None,
                &mut errors,
            )))
        });
        own.or_else(|| {
            AUTONYMS
                .iter()
                .find(|(code, _)| *code == self.langid.language.as_str())
                .map(|(_, name)| (*name).to_owned())
        })
        .unwrap_or_else(|| self.langid.to_string())
    }

    pub fn t(&self, id: &str) -> String {
        self.format(id, None, None)
    }

    pub fn t_args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(id, None, Some(&fluent_args))
    }

    pub fn attr(&self, id: &str, attribute: &str) -> String {
        self.format(id, Some(attribute), None)
    }

    /// The first bundle of the chain that has the message formats it. A message missing
    /// everywhere shows its id, so a gap is visible but never breaks the dialog.
    fn format(&self, id: &str, attribute: Option<&str>, args: Option<&FluentArgs>) -> String {
        for lazy in &self.bundles {
            let bundle = lazy.with(id);
            let Some(message) = bundle.get_message(id) else {
                continue;
            };
            let pattern = match attribute {
                Some(name) => message.get_attribute(name).map(|a| a.value()),
                None => message.value(),
            };
            if let Some(pattern) = pattern {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, args, &mut errors);
                return crate::sanitize::line(&text);
            }
        }
        match attribute {
            Some(name) => format!("{id}.{name}"),
            None => id.to_owned(),
        }
    }

    /// "label: value", with the punctuation of the language ("label : value" in French).
    pub(crate) fn pair(&self, label: &str, value: &str) -> String {
        format!("{label}{} {value}", self.t("colon"))
    }

    /// What `message` says, in this language.
    pub fn say(&self, message: &(impl Message + ?Sized)) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in message.args(self) {
            args.set(name, value);
        }
        self.format(message.id(), None, Some(&args))
    }
}

/// The languages a localizer tries, in order: its own, the fallback, English.
fn chain(langid: &LanguageIdentifier, fallback: &LanguageIdentifier) -> Vec<LanguageIdentifier> {
    let mut chain = vec![langid.clone(), fallback.clone(), ENGLISH];
    let mut seen = Vec::new();
    chain.retain(|l| {
        let new = !seen.contains(l);
        seen.push(l.clone());
        new
    });
    chain
}

/// A bundle of one language's policy files, the later overriding the earlier.
fn bundle(
    langid: &LanguageIdentifier,
    policy_resources: Vec<Rc<FluentResource>>,
) -> FluentBundle<Rc<FluentResource>> {
    let mut bundle = FluentBundle::new(vec![langid.clone()]);
    // Unicode isolation marks would reach the terminal as stray characters.
    bundle.set_use_isolating(false);
    for resource in policy_resources {
        bundle.add_resource_overriding(resource);
    }
    bundle
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn env_locale_follows_posix_precedence() {
        let got = env_locale(env(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "en_GB.UTF-8")]));
        assert_eq!(got, Some(langid!("en-GB")));
        let got = env_locale(env(&[("LANG", "de_DE@euro"), ("LC_ALL", "")]));
        assert_eq!(got, Some(langid!("de-DE")));
        assert_eq!(env_locale(env(&[("LANG", "C.UTF-8")])), None);
        assert_eq!(env_locale(env(&[])), None);
    }

    #[test]
    fn negotiation_matches_language_then_falls_back() {
        let available = [langid!("fr-FR"), langid!("en-US")];
        let fr = langid!("fr-FR");
        assert_eq!(
            negotiate(&[langid!("en")], &available, &fr),
            langid!("en-US")
        );
        assert_eq!(negotiate(&[langid!("fr-CA")], &available, &fr), fr);
        assert_eq!(negotiate(&[langid!("de-DE")], &available, &fr), fr);
    }

    #[test]
    fn built_in_ui_files_parse_and_define_the_same_messages() {
        let mut ids = Vec::new();
        for (tag, catalogue) in UI {
            let resource = match FluentResource::try_new(catalogue.text().to_owned()) {
                Ok(r) => r,
                Err((_, errors)) => panic!("{tag}: {errors:?}"),
            };
            let mut these: Vec<String> = resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            these.sort();
            ids.push((tag, these));
        }
        assert_eq!(ids[0].1, ids[1].1, "{} and {} differ", ids[0].0, ids[1].0);
    }

    #[test]
    fn built_in_ui_strings_looked_up_one_by_one_are_those_of_the_whole_file() {
        use fluent_syntax::ast::Entry;
        for (tag, catalogue) in UI {
            let langid: LanguageIdentifier = tag.parse().unwrap();
            let whole = FluentResource::try_new(catalogue.text().to_owned()).unwrap();
            let mut full = FluentBundle::new(vec![langid.clone()]);
            full.set_use_isolating(false);
            full.add_resource_overriding(&whole);
            let mut names: Vec<&str> = whole
                .entries()
                .filter_map(|e| match e {
                    Entry::Message(m) => Some(m.id.name),
                    Entry::Term(t) => Some(t.id.name),
                    _ => None,
                })
                .collect();
            names.sort();
            let mut scanned: Vec<&str> = catalogue.names().collect();
            scanned.sort();
            assert_eq!(scanned, names, "{tag}");
            let lazy = Localizer::ui_only(&langid);
            let mut args = FluentArgs::new();
            for name in [
                "count", "n", "seconds", "minutes", "name", "version", "path",
            ] {
                args.set(name, 2);
            }
            for name in names {
                let message = full.get_message(name).unwrap();
                let mut errors = Vec::new();
                if let Some(value) = message.value() {
                    let expected = full.format_pattern(value, Some(&args), &mut errors);
                    let got = lazy.format(name, None, Some(&args));
                    assert_eq!(got, crate::sanitize::line(&expected), "{tag} {name}");
                }
                for attribute in message.attributes() {
                    let expected = full.format_pattern(attribute.value(), Some(&args), &mut errors);
                    let got = lazy.format(name, Some(attribute.id()), Some(&args));
                    assert_eq!(got, crate::sanitize::line(&expected), "{tag} {name}");
                }
            }
        }
    }

    #[test]
    fn entries_are_cut_where_the_parser_would_start_a_new_one() {
        let catalogue = catalogue::index!(
            "# comment\n\
             a = one\n\
             \x20   continued\n\
             \n\
             \x20   after a blank line\n\
             b = { $n ->\n\
             [one] single\n\
             *[other] many\n\
             }\n\
             \x20   .title = attribute\n\
             -brand = Brand\n\
             ## group\n\
             a = last\n"
        );
        let format = |name: &str, attribute: Option<&str>| {
            let resource = catalogue.parse(name).unwrap();
            let mut bundle = FluentBundle::new(vec![ENGLISH]);
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).unwrap();
            let message = bundle.get_message(name).unwrap();
            let pattern = match attribute {
                Some(a) => message.get_attribute(a).unwrap().value(),
                None => message.value().unwrap(),
            };
            let mut args = FluentArgs::new();
            args.set("n", 1);
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
            assert!(errors.is_empty(), "{errors:?}");
            text.into_owned()
        };
        // The last entry of a name, as a bundle keeps it.
        assert_eq!(format("a", None), "last");
        assert_eq!(format("b", None), "single");
        assert_eq!(format("b", Some("title")), "attribute");
        assert!(catalogue.has_message("b"));
        assert!(!catalogue.has_message("brand"), "a term is not a message");
        assert!(catalogue.parse("brand").is_some());
        assert!(catalogue.parse("comment").is_none());
    }

    #[test]
    fn a_policy_text_may_refer_to_ui_strings() {
        let fr: LanguageIdentifier = "fr-FR".parse().unwrap();
        let policy = FluentResource::try_new(
            "accept-all = { refuse-all }, { -site }\n-site = Grigny\n".to_owned(),
        )
        .unwrap();
        let resources = |l: &LanguageIdentifier| {
            if *l == fr {
                vec![Rc::new(
                    FluentResource::try_new(policy.source().to_owned()).unwrap(),
                )]
            } else {
                Vec::new()
            }
        };
        let l10n = Localizer::new(&fr, &ENGLISH, resources);
        assert_eq!(l10n.t("accept-all"), "Tout refuser, Grigny");
        // Untouched UI strings are the built-in ones.
        assert_eq!(l10n.t("refuse-all"), "Tout refuser");
    }

    #[test]
    fn peek_says_what_formatting_says_when_a_term_takes_a_message_name() {
        let fr: LanguageIdentifier = "fr-FR".parse().unwrap();
        let overrides = |text: &str| {
            let resource = FluentResource::try_new(text.to_owned()).unwrap();
            vec![Rc::new(resource)]
        };
        for text in [
            "-choose-key = x",
            "choose-key = y",
            "choose-key =\n    .attr = z",
        ] {
            let resources = |l: &LanguageIdentifier| {
                if *l == fr {
                    overrides(text)
                } else {
                    Vec::new()
                }
            };
            let formatted = Localizer::new(&fr, &ENGLISH, resources).t("choose-key");
            assert_eq!(
                Localizer::peek(&fr, &ENGLISH, resources, "choose-key"),
                Some(formatted),
                "{text}"
            );
        }
    }

    #[test]
    fn ui_only_falls_back_to_english_for_unknown_locales() {
        let l10n = Localizer::ui_only(&langid!("de-DE"));
        assert_eq!(l10n.t("accept-all"), "Accept all");
        let l10n = Localizer::ui_only(&langid!("fr-CA"));
        assert_eq!(l10n.t("accept-all"), "Tout accepter");
        assert_eq!(l10n.t("no-such-message"), "no-such-message");
    }

    #[test]
    fn languages_are_named_in_themselves() {
        assert_eq!(
            Localizer::ui_only(&langid!("fr-FR")).language_name(),
            "Français"
        );
        assert_eq!(
            Localizer::ui_only(&langid!("de-AT")).language_name(),
            "Deutsch"
        );
        assert_eq!(
            Localizer::ui_only(&langid!("sw-KE")).language_name(),
            "sw-KE"
        );
    }
}
