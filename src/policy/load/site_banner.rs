//! `[site_banner]`: the site's own consent manager, and how its services follow the policy's
//! categories. Checked here with the rest of `policy.toml`, every problem at its place.

use std::collections::HashSet;
use std::ops::Range;

use toml::de::DeValue;

use super::{MAX_STRING, TomlTable, ValueType};
use crate::policy::problem::ProblemKind;
use crate::policy::site_banner::{Manager, Piece, SiteBanner, pieces};
use crate::policy::{Category, host};
use crate::sanitize;

/// A name a manager gives a service or a category; cookieconsent's services are written
/// `category.service`.
const NAME_PATTERN: &str = "[A-Za-z0-9_-]+";
const SERVICE_PATTERN: &str = "[A-Za-z0-9_-]+ or category.service";
/// RFC 6265: a cookie's name is a token.
const COOKIE_NAME_PATTERN: &str = "letters, digits and !#$%&'*+-.^_`|~";
/// RFC 6265 cookie-octets: no space, `"`, `,`, `;` or `\`.
const COOKIE_VALUE_PATTERN: &str = "visible ASCII except \" , ; \\ and spaces";
const PATH_PATTERN: &str = "/ followed by visible ASCII except ;";
pub(crate) const MAX_SERVICES: usize = 256;
/// What browsers keep of a cookie, name and value together (RFC 6265's least, the browsers'
/// most): a longer one is dropped, or makes requests the site's server refuses.
pub(crate) const MAX_COOKIE: usize = 4096;
/// The placeholders of a generic cookie's value besides the categories.
pub(crate) const PLACEHOLDERS: [&str; 2] = ["timestamp", "timestamp_ms"];
const PREFIX_PATTERN: &str =
    "__Secure- and __Host- cookies need an https site; __Host-, no domain and the path /";

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

pub(crate) fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2b | 0x2d..=0x3a | 0x3c..=0x5b | 0x5d..=0x7e)
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

impl<'t> TomlTable<'_, '_, 't> {
    /// The optional `[site_banner]` table. `site` is the site's host, when the site is valid;
    /// `secure`: the site is https.
    pub(super) fn site_banner(
        &mut self,
        categories: &[Category],
        site: Option<&str>,
        secure: bool,
    ) -> Option<SiteBanner> {
        let (table, span) =
            self.typed("site_banner", false, ValueType::Table, DeValue::as_table)?;
        let mut t = self.child(table, span);
        let (name, at) = t.raw("manager")?;
        let Some(manager) = Manager::from_name(&name) else {
            let value = sanitize::line(&name);
            t.at(at.start, ProblemKind::BannerManager { value });
            return None;
        };
        let mut keys = vec!["manager", "cookie", "domain", "path"];
        keys.extend(manager.keys());
        let not_for: Vec<_> = ["services", "value", "granted", "refused", "revision"]
            .into_iter()
            .filter(|k| !keys.contains(k))
            .filter_map(|k| Some((k, t.table.get_key_value(k)?.0.span().start)))
            .collect();
        for (key, offset) in not_for {
            t.at(
                offset,
                ProblemKind::BannerKeyNotFor {
                    key: key.to_owned(),
                    manager: name.clone(),
                },
            );
        }
        keys.extend(["services", "value", "granted", "refused", "revision"]);
        t.allow_only(&keys);
        let mut ok = true;

        let cookie = match t.table.contains_key("cookie") || manager.cookie().is_none() {
            true => t.raw("cookie").and_then(|(cookie, span)| {
                let valid = is_token(&cookie);
                if !valid {
                    t.bad_value(span.start, "cookie", &cookie, COOKIE_NAME_PATTERN);
                }
                valid.then_some(cookie)
            }),
            false => manager.cookie().map(str::to_owned),
        };
        ok &= cookie.is_some();

        let domain = match t.table.contains_key("domain") {
            true => t.raw("domain").and_then(|(value, span)| {
                let normalized = host::normalize(&value);
                let fits = |d: &str| site.is_none_or(|s| s == d || s.ends_with(&format!(".{d}")));
                match normalized {
                    Some(d) if fits(&d) => Some(d),
                    _ => {
                        t.at(
                            span.start,
                            ProblemKind::BannerDomain {
                                value: sanitize::line(&value),
                                site: site.unwrap_or_default().to_owned(),
                            },
                        );
                        None
                    }
                }
            }),
            false => site.map(str::to_owned),
        };
        ok &= domain.is_some();

        let path = match t.table.contains_key("path") {
            true => t.raw("path").and_then(|(path, span)| {
                let valid = path.starts_with('/')
                    && path
                        .bytes()
                        .all(|b| (0x21..=0x7e).contains(&b) && b != b';');
                if !valid {
                    t.bad_value(span.start, "path", &path, PATH_PATTERN);
                }
                valid.then_some(path)
            }),
            false => Some("/".to_owned()),
        };
        ok &= path.is_some();

        let services = match manager.keys().contains(&"services") {
            true => t.services(manager, categories),
            false => Some(Vec::new()),
        };
        ok &= services.is_some();

        let mut words = [("granted", "true"), ("refused", "false")].map(|(key, default)| {
            if !t.table.contains_key(key) || manager != Manager::Cookie {
                return Some(default.to_owned());
            }
            let (word, span) = t.raw(key)?;
            let valid = !word.is_empty() && word.bytes().all(is_cookie_octet);
            if !valid {
                t.bad_value(span.start, key, &word, COOKIE_VALUE_PATTERN);
            }
            valid.then_some(word)
        });
        ok &= words.iter().all(Option::is_some);

        let value = match manager {
            Manager::Cookie => t.template(categories),
            _ => Some(String::new()),
        };
        ok &= value.is_some();

        let revision = match t.table.contains_key("revision") && manager == Manager::CookieConsent {
            true => t
                .integer("revision")
                .and_then(|(n, span)| match u32::try_from(n) {
                    Ok(n) => Some(n),
                    Err(_) => {
                        t.bad_value(span.start, "revision", &n.to_string(), "0, 1, 2…");
                        None
                    }
                }),
            false => Some(0),
        };
        ok &= revision.is_some();

        let [granted, refused] = [0, 1].map(|i| words[i].take().unwrap_or_default());
        if !ok {
            return None;
        }
        // As the manager itself writes it: for the site's host only, unless it is given a
        // domain; cookieconsent gives it the host's name as its domain (but an address).
        let given_domain = t.table.contains_key("domain");
        let host_only =
            !given_domain && (manager != Manager::CookieConsent || site.is_some_and(host::is_ip));
        let banner = SiteBanner {
            manager,
            cookie: cookie.unwrap_or_default(),
            domain: domain.unwrap_or_default(),
            host_only,
            path: path.unwrap_or_default(),
            services: services.unwrap_or_default(),
            value: value.unwrap_or_default(),
            granted,
            refused,
            revision: revision.unwrap_or_default(),
        };
        let name_at = t
            .table
            .get("cookie")
            .map_or(t.span.start, |v| v.span().start);
        let secure_prefix = banner.cookie.starts_with("__Secure-");
        let host_prefix = banner.cookie.starts_with("__Host-");
        if (secure_prefix || host_prefix) && !secure
            || host_prefix && (given_domain || banner.path != "/")
        {
            t.bad_value(name_at, "cookie", &banner.cookie, PREFIX_PATTERN);
            return None;
        }
        if banner.cookie.len() + banner.longest_value() > MAX_COOKIE {
            let start = t.span.start;
            t.at(start, ProblemKind::BannerTooLong { max: MAX_COOKIE });
            return None;
        }
        Some(banner)
    }

    /// A string of `[site_banner]` as written: checked before any cleaning, so that what
    /// the browser gets is what the operator wrote (a zero-width space in a cookie name is a
    /// mistake to say, not a character to drop).
    fn raw(&mut self, key: &str) -> Option<(String, Range<usize>)> {
        let (text, span) = self.typed(key, true, ValueType::String, |v| {
            v.as_str().map(str::to_owned)
        })?;
        if text.chars().count() > MAX_STRING {
            let key = key.to_owned();
            self.at(
                span.start,
                ProblemKind::TooLong {
                    key,
                    max: MAX_STRING,
                },
            );
            return None;
        }
        Some((text, span))
    }

    /// `value` (as written) breaks `pattern`: said cleaned, as everything shown.
    fn bad_value(&mut self, offset: usize, key: &str, value: &str, pattern: &'static str) {
        let value = value
            .chars()
            .map(
                |c| match c.is_control() || sanitize::line(&c.to_string()).is_empty() {
                    true => c.escape_unicode().to_string(),
                    false => c.to_string(),
                },
            )
            .collect();
        self.at(
            offset,
            ProblemKind::BadValue {
                key: key.to_owned(),
                value,
                pattern,
            },
        );
    }

    /// `[site_banner.services]`: each of the manager's names, and the category it follows.
    fn services(
        &mut self,
        manager: Manager,
        categories: &[Category],
    ) -> Option<Vec<(String, String)>> {
        let (table, span) = self.typed("services", true, ValueType::Table, DeValue::as_table)?;
        if table.is_empty() {
            self.at(span.start, ProblemKind::BannerNoServices);
            return None;
        }
        let mut t = self.child(table, span);
        let mut services = Vec::new();
        let mut ok = true;
        for (key, value) in t.table.iter().take(MAX_SERVICES + 1) {
            let name = key.get_ref().to_string();
            let at = key.span().start;
            if services.len() == MAX_SERVICES {
                t.at(
                    at,
                    ProblemKind::TooMany {
                        key: "services".into(),
                        max: MAX_SERVICES,
                    },
                );
                return None;
            }
            let valid = match (manager, name.split_once('.')) {
                (Manager::CookieConsent, Some((group, service))) => {
                    is_name(group) && is_name(service)
                }
                _ => is_name(&name),
            };
            if !valid {
                let pattern = match manager {
                    Manager::CookieConsent => SERVICE_PATTERN,
                    _ => NAME_PATTERN,
                };
                t.bad_value(at, "services", &name, pattern);
                ok = false;
                continue;
            }
            let Some(category) = value.get_ref().as_str() else {
                t.at(
                    value.span().start,
                    ProblemKind::WrongType {
                        key: name,
                        expected: ValueType::String,
                    },
                );
                ok = false;
                continue;
            };
            if !categories.iter().any(|c| c.id == category) {
                t.at(
                    value.span().start,
                    ProblemKind::UnknownCategory {
                        id: category.to_owned(),
                    },
                );
                ok = false;
                continue;
            }
            services.push(((name, at), category.to_owned()));
        }
        ok &= t.unambiguous(manager, &services);
        ok.then(|| services.into_iter().map(|((n, _), c)| (n, c)).collect())
    }

    /// tarteaucitron finds a service in its cookie by the text `name=`, so a name that ends
    /// another (`ga`, `yga`) would read the other's answer; cookieconsent's services need their
    /// category listed too.
    fn unambiguous(&mut self, manager: Manager, services: &[((String, usize), String)]) -> bool {
        let mut ok = true;
        let names: HashSet<&str> = services.iter().map(|((n, _), _)| n.as_str()).collect();
        for ((name, at), _) in services {
            let problem = match manager {
                Manager::Tarteaucitron => names
                    .iter()
                    .find(|other| **other != name && name.ends_with(**other))
                    .map(|other| ProblemKind::BannerAmbiguous {
                        name: name.clone(),
                        other: (*other).to_owned(),
                    }),
                Manager::CookieConsent => name
                    .split_once('.')
                    .filter(|(group, _)| !names.contains(group))
                    .map(|(group, _)| ProblemKind::BannerServiceGroup {
                        name: name.clone(),
                        group: group.to_owned(),
                    }),
                _ => None,
            };
            if let Some(problem) = problem {
                self.at(*at, problem);
                ok = false;
            }
        }
        ok
    }

    /// The generic manager's `value`: cookie-octets, and `{category}` or `{timestamp}`
    /// placeholders.
    fn template(&mut self, categories: &[Category]) -> Option<String> {
        let (value, span) = self.raw("value")?;
        // Offsets inside a basic string without escapes; else the string's start.
        let raw = self.text.get(span.clone()).unwrap_or_default();
        let inner = |i: usize| match raw.get(1..).is_some_and(|r| r.starts_with(&value)) {
            true => span.start + 1 + i,
            false => span.start,
        };
        let mut ok = true;
        for (offset, piece) in pieces(&value) {
            match piece {
                Piece::Unclosed(_) => {
                    self.at(inner(offset), ProblemKind::BannerBrace);
                    return None;
                }
                Piece::Placeholder(name) => {
                    if !PLACEHOLDERS.contains(&name) && !categories.iter().any(|c| c.id == name) {
                        let name = name.to_owned();
                        self.at(inner(offset), ProblemKind::BannerPlaceholder { name });
                        ok = false;
                    }
                }
                Piece::Text(text) => {
                    // The first byte that is no cookie-octet starts its character: all
                    // before it are ASCII.
                    if let Some(i) = text.bytes().position(|b| !is_cookie_octet(b)) {
                        let ch = text[i..].chars().next().unwrap_or_default();
                        let at = inner(offset + i);
                        self.bad_value(at, "value", &ch.to_string(), COOKIE_VALUE_PATTERN);
                        return None;
                    }
                }
            }
        }
        ok.then_some(value)
    }
}
