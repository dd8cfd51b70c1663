//! The operator's policy: which categories and cookies a site uses, the charter, and the
//! translations of their names. Loaded once at start-up, embedded or from a folder; knows nothing
//! of terminals.

pub mod host;
mod load;
mod problem;
pub mod site_banner;
mod source;

use std::rc::Rc;

use fluent_bundle::FluentResource;
use unic_langid::LanguageIdentifier;

use crate::i18n::Localizer;

pub use load::{MAX_CATEGORIES, MAX_STRING, load, open};
pub use problem::{FluentError, Problem, ProblemKind, ValueType};
pub use source::{MAX_CHARTER, Origin};

#[derive(Debug)]
pub struct Policy {
    pub id: String,
    pub version: String,
    pub site: String,
    pub default_locale: LanguageIdentifier,
    pub consent_days: u32,
    /// The built-in voice's settings (`[speech]`).
    pub speech: SpeechSettings,
    pub categories: Vec<Category>,
    pub cookies: Vec<Cookie>,
    /// The site's own consent manager, which the kiosk answers for the visitor
    /// (`[site_banner]`); None: the site's banner is left to ask; Err: a `[site_banner]` that
    /// `check` refuses, kept apart so that the dialog still runs (`open`).
    pub site_banner: Option<Result<site_banner::SiteBanner, Vec<Problem>>>,
    /// Every locale that has a charter, the default one first.
    pub locales: Vec<Locale>,
    /// `sha256:<hex>` of every file loaded, so a decision records exactly what was shown.
    pub digest: String,
    pub origin: Origin,
}

/// How the built-in voice speaks, in speech-dispatcher's units (-100 to 100): the operator
/// tunes it to the kiosk's headsets; each visitor can change it for their visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpeechSettings {
    pub rate: i8,
    pub volume: i8,
}

impl Default for SpeechSettings {
    /// speech-dispatcher's own defaults: normal rate, full volume.
    fn default() -> SpeechSettings {
        SpeechSettings {
            rate: 0,
            volume: 100,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: String,
    pub required: bool,
    /// State before the visitor touches it; required categories are always on.
    pub default: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    pub id: String,
    pub name: String,
    pub category: String,
    pub provider: String,
    pub domains: Vec<String>,
}

pub struct Locale {
    pub langid: LanguageIdentifier,
    /// The charter's Markdown, sanitized.
    pub charter: String,
    /// The policy's Fluent files for this locale (category and cookie texts, UI overrides).
    pub(crate) resources: Vec<Rc<FluentResource>>,
    /// The path of each resource, relative to the policy folder, in the same order.
    pub files: Vec<String>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale")
            .field("langid", &self.langid.to_string())
            .field("charter_bytes", &self.charter.len())
            .field("resources", &self.resources.len())
            .finish()
    }
}

/// The Fluent ids of a policy's own texts (SPEC §4), in one place: the loader checks that every
/// locale defines them, the screens and the charter show them.
pub mod message {
    /// `category-<id>`: the category's name.
    pub fn category(id: &str) -> String {
        format!("category-{id}")
    }

    /// The attribute of `category-<id>` that holds its description.
    pub const DESCRIPTION: &str = "description";

    /// `cookie-<id>-service`: what the cookie belongs to.
    pub(crate) fn cookie_service(id: &str) -> String {
        format!("cookie-{id}-service")
    }

    /// `cookie-<id>-purpose`: what the cookie is for.
    pub(crate) fn cookie_purpose(id: &str) -> String {
        format!("cookie-{id}-purpose")
    }
}

/// The variable `export --format env` gives whether any decision is valid.
pub(crate) const ENV_VALID: &str = "KIOSK_CONSENT_VALID";

/// The variable `export --format env` gives a category ("first-party" →
/// `KIOSK_CONSENT_FIRST_PARTY`). `check` refuses ids whose variables collide.
pub(crate) fn env_name(category: &str) -> String {
    format!(
        "KIOSK_CONSENT_{}",
        category.replace('-', "_").to_ascii_uppercase()
    )
}

/// The host and port of an http(s) address ("https://www.x.fr:8080/a" → ("www.x.fr",
/// Some("8080"))); None for any other scheme.
fn authority(url: &str) -> Option<(&str, Option<&str>)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    Some(match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
            (host, Some(port))
        }
        _ => (authority, None),
    })
}

/// The host of an http(s) address ("https://www.x.fr:8080/a" → "www.x.fr"); None for any
/// other scheme.
pub(crate) fn url_host(url: &str) -> Option<&str> {
    authority(url).map(|(host, _)| host)
}

/// The host of a site's address, as browsers match it (normalized; lower case when it is no
/// host a browser knows, which `check` refuses).
pub(crate) fn site_host(site: &str) -> String {
    let raw = url_host(site).unwrap_or(site);
    host::normalize(raw).unwrap_or_else(|| raw.to_ascii_lowercase())
}

/// The port an http(s) address names ("http://x.fr:8080/a" → 8080); None when it names none
/// (or one no browser can reach).
pub(crate) fn url_port(url: &str) -> Option<u16> {
    authority(url)?.1?.parse().ok()
}

/// Whether an http(s) address names a port at all.
pub(crate) fn url_has_port(url: &str) -> bool {
    authority(url).is_some_and(|(_, port)| port.is_some())
}

impl Policy {
    /// The embedded default policy, which is part of the binary and checked by the tests.
    pub fn embedded() -> Result<Policy, Vec<Problem>> {
        load(&Origin::Embedded)
    }

    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub(crate) fn cookies_of<'a>(
        &'a self,
        category: &'a str,
    ) -> impl Iterator<Item = &'a Cookie> + 'a {
        self.cookies.iter().filter(move |c| c.category == category)
    }

    /// The site's host, as browsers match it: normalized like every host of the policy
    /// ("https://WWW.Data.Grigny91.FR" → "www.data.grigny91.fr").
    pub fn host(&self) -> String {
        site_host(&self.site)
    }

    /// The port the site is served on: its address's, else its scheme's.
    pub fn port(&self) -> u16 {
        url_port(&self.site).unwrap_or(match self.site.starts_with("https://") {
            true => 443,
            false => 80,
        })
    }

    /// The site's name for titles ("data.grigny91.fr").
    pub(crate) fn site_name(&self) -> String {
        let host = self.host();
        match host.strip_prefix("www.") {
            Some(name) => name.to_owned(),
            None => host,
        }
    }

    /// The UI and this policy's texts in `langid`, falling back to the policy's default
    /// locale, then to English.
    pub fn localizer(&self, langid: &LanguageIdentifier) -> Localizer {
        Localizer::new(langid, &self.default_locale, |l| self.resources(l))
    }

    /// What `localizer(langid).t(id)` gives, without building it when the message is plain
    /// text (see `Localizer::peek`).
    pub(crate) fn text(&self, langid: &LanguageIdentifier, id: &str) -> String {
        Localizer::peek(langid, &self.default_locale, |l| self.resources(l), id)
            .unwrap_or_else(|| self.localizer(langid).t(id))
    }

    /// A locale's own Fluent files, in the order they override each other.
    fn resources(&self, langid: &LanguageIdentifier) -> Vec<Rc<FluentResource>> {
        self.locales
            .iter()
            .find(|loc| &loc.langid == langid)
            .map(|loc| loc.resources.clone())
            .unwrap_or_default()
    }

    pub(crate) fn locale_index(&self, langid: &LanguageIdentifier) -> Option<usize> {
        self.locales.iter().position(|l| &l.langid == langid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::Entry;

    #[test]
    fn text_says_what_the_localizer_says() {
        let policy = Policy::embedded().unwrap();
        let mut ids: Vec<String> = Vec::new();
        for locale in &policy.locales {
            for resource in &locale.resources {
                for entry in resource.entries() {
                    if let Entry::Message(m) = entry {
                        ids.push(m.id.name.to_owned());
                    }
                }
            }
        }
        ids.extend(
            [
                "accept-all-key",
                "refuse-all-key",
                "back",
                "no-such-message",
            ]
            .map(String::from),
        );
        // A locale the policy lacks, too: the whole fallback chain.
        let mut langids: Vec<LanguageIdentifier> =
            policy.locales.iter().map(|l| l.langid.clone()).collect();
        langids.push("de-DE".parse().unwrap());
        for langid in &langids {
            let l10n = policy.localizer(langid);
            for id in &ids {
                assert_eq!(policy.text(langid, id), l10n.t(id), "{langid} {id}");
            }
        }
    }
}
