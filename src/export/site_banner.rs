//! The site's own banner, answered: the cookie its consent manager reads at load, holding
//! exactly the visitor's decision — every service of a granted category on, every other off —
//! so that the site does not ask again.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::consent::Record;
use crate::policy::site_banner::{Manager, Piece, SiteBanner, pieces};
use crate::policy::{Policy, Problem};

/// One cookie, as a browser stores it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BannerCookie {
    pub name: String,
    pub value: String,
    /// The host it is for (normalized, no leading dot).
    pub domain: String,
    /// Set for that host only (`domain` is the site's own host), not for its subdomains.
    pub host_only: bool,
    pub path: String,
    /// Sent over https only: the site is https.
    pub secure: bool,
    pub expires: OffsetDateTime,
}

/// The cookie that carries `record` to the site's consent manager.
pub fn cookie(policy: &Policy, banner: &SiteBanner, record: &Record) -> BannerCookie {
    let granted = |category: &str| record.grants(policy, category);
    let value = match banner.manager {
        Manager::Tarteaucitron => banner
            .services
            .iter()
            .map(|(name, category)| format!("!{name}={}", granted(category)))
            .collect(),
        Manager::Klaro => {
            let answers: Map<String, Value> = banner
                .services
                .iter()
                .map(|(name, category)| (name.clone(), Value::Bool(granted(category))))
                .collect();
            uri_component(&Value::Object(answers).to_string())
        }
        Manager::CookieConsent => {
            uri_component(&cookieconsent(banner, record, &granted).to_string())
        }
        Manager::Cookie => template(banner, record, &granted),
    };
    BannerCookie {
        name: banner.cookie.clone(),
        value,
        host_only: banner.host_only,
        domain: banner.domain.clone(),
        path: banner.path.clone(),
        secure: policy.site.starts_with("https://"),
        expires: record.expires_at,
    }
}

/// cookieconsent v3's state, as it writes it: the accepted categories, the accepted services
/// of each category, the configuration's revision, an id and the consent's times.
fn cookieconsent(banner: &SiteBanner, record: &Record, granted: &dyn Fn(&str) -> bool) -> Value {
    let groups: Vec<(&str, bool)> = banner
        .services
        .iter()
        .filter(|(name, _)| !name.contains('.'))
        .map(|(name, category)| (name.as_str(), granted(category)))
        .collect();
    let categories: Vec<&str> = groups.iter().filter(|(_, g)| *g).map(|(n, _)| *n).collect();
    let mut services = Map::new();
    for (group, accepted) in &groups {
        let inside: Vec<&str> = banner
            .services
            .iter()
            .filter_map(|(name, category)| {
                let (g, service) = name.split_once('.')?;
                (g == *group && *accepted && granted(category)).then_some(service)
            })
            .collect();
        services.insert((*group).to_owned(), json!(inside));
    }
    let at = js_time(record.decided_at);
    let language = record.locale.split('-').next().unwrap_or_default();
    json!({
        "categories": categories,
        "revision": banner.revision,
        "data": null,
        "consentTimestamp": at,
        "consentId": consent_id(record),
        "services": services,
        "languageCode": language,
        "lastConsentTimestamp": at,
        "expirationTime": record.expires_at.unix_timestamp() * 1000,
    })
}

/// The generic manager's value: each `{category}` becomes the granted or refused word,
/// `{timestamp}` the decision's time in seconds, `{timestamp_ms}` in milliseconds (as
/// JavaScript's `Date.now()`).
fn template(banner: &SiteBanner, record: &Record, granted: &dyn Fn(&str) -> bool) -> String {
    pieces(&banner.value)
        .into_iter()
        .map(|(_, piece)| match piece {
            // `check` refuses a `{` never closed.
            Piece::Text(text) | Piece::Unclosed(text) => text.to_owned(),
            Piece::Placeholder("timestamp") => record.decided_at.unix_timestamp().to_string(),
            Piece::Placeholder("timestamp_ms") => {
                (record.decided_at.unix_timestamp_nanos() / 1_000_000).to_string()
            }
            Piece::Placeholder(category) if granted(category) => banner.granted.clone(),
            Piece::Placeholder(_) => banner.refused.clone(),
        })
        .collect()
}

/// JavaScript's `Date.toISOString()`: UTC, milliseconds, `Z`.
fn js_time(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        at.millisecond()
    )
}

/// A UUID-shaped id of this decision (version 4's layout), derived from it rather than drawn:
/// the same decision always gives the same id, and nothing about the visitor is in it.
fn consent_id(record: &Record) -> String {
    let mut hash = Sha256::new();
    hash.update(record.policy_digest.as_bytes());
    hash.update(record.decided_at.unix_timestamp_nanos().to_le_bytes());
    for (id, granted) in &record.categories {
        hash.update(id.as_bytes());
        hash.update([u8::from(*granted)]);
    }
    let mut b: [u8; 16] = hash.finalize()[..16].try_into().unwrap_or_default();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// JavaScript's `encodeURIComponent`.
fn uri_component(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// What the site's banner is given, for this policy and decision.
pub enum Answer<'p> {
    /// The cookie that carries the decision.
    Cookie(&'p SiteBanner, BannerCookie),
    /// The policy describes no banner: nothing to carry.
    NoBanner,
    /// No valid decision: nothing is carried, the banner asks.
    NoDecision(&'p SiteBanner),
    /// A `[site_banner]` that `check` refuses, with its problems: the banner asks.
    Refused(&'p [Problem]),
}

pub fn answer<'p>(policy: &'p Policy, record: Option<&Record>) -> Answer<'p> {
    match (&policy.site_banner, record) {
        (None, _) => Answer::NoBanner,
        (Some(Err(problems)), _) => Answer::Refused(problems),
        (Some(Ok(banner)), None) => Answer::NoDecision(banner),
        (Some(Ok(banner)), Some(record)) => Answer::Cookie(banner, cookie(policy, banner, record)),
    }
}

/// `export --format site-banner`: the manager and its cookie as JSON; `cookie` is null when
/// nothing is carried.
pub fn json(answer: &Answer) -> String {
    let (banner, cookie) = match answer {
        Answer::Cookie(banner, c) => (
            Some(banner),
            Some(json!({
                "name": c.name,
                "value": c.value,
                "domain": c.domain,
                "host_only": c.host_only,
                "path": c.path,
                "secure": c.secure,
                "expires": c.expires.format(&Rfc3339).unwrap_or_default(),
            })),
        ),
        Answer::NoDecision(banner) => (Some(banner), None),
        Answer::NoBanner | Answer::Refused(_) => (None, None),
    };
    super::pretty(&json!({
        "manager": banner.map(|b| b.manager.name()),
        "cookie": cookie,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tests::{decision, policy_with};

    fn answered(banner: &str, granted: &[bool]) -> BannerCookie {
        let p = policy_with(banner);
        let record = decision(&p, granted);
        let Some(Ok(banner)) = &p.site_banner else {
            panic!("[site_banner]: {:?}", p.site_banner)
        };
        cookie(&p, banner, &record)
    }

    #[test]
    fn tarteaucitron_gets_every_service_in_order() {
        let c = answered(
            "[site_banner]\nmanager = \"tarteaucitron\"\n[site_banner.services]\n\
             gtag = \"statistics\"\nyoutube = \"ads\"\nmatomo = \"statistics\"\n",
            &[true, true, false],
        );
        assert_eq!(c.name, "tarteaucitron");
        assert_eq!(c.value, "!gtag=true!youtube=false!matomo=true");
        assert_eq!(
            (c.domain.as_str(), c.host_only, c.secure),
            ("site.test", true, true)
        );
        assert_eq!(c.path, "/");
        // The decision's own expiry (consent_days = 10).
        assert_eq!(c.expires, time::macros::datetime!(2026-12-11 09:30:00 UTC));
    }

    #[test]
    fn klaro_gets_a_uri_encoded_json_object() {
        let c = answered(
            "[site_banner]\nmanager = \"klaro\"\ncookie = \"klaro-consent\"\n\
             domain = \"SITE.test\"\npath = \"/portail\"\n[site_banner.services]\n\
             matomo = \"statistics\"\nads = \"ads\"\n",
            &[true, false, true],
        );
        assert_eq!(c.name, "klaro-consent");
        assert_eq!(c.path, "/portail");
        assert_eq!(c.value, "%7B%22matomo%22%3Afalse%2C%22ads%22%3Atrue%7D");
    }

    #[test]
    fn cookieconsent_gets_its_whole_state() {
        let c = answered(
            "[site_banner]\nmanager = \"cookieconsent\"\nrevision = 3\n\
             [site_banner.services]\nnecessary = \"necessary\"\nanalytics = \"statistics\"\n\
             \"analytics.ga\" = \"statistics\"\nads = \"ads\"\n\"ads.yt\" = \"ads\"\n",
            &[true, true, false],
        );
        assert_eq!(c.name, "cc_cookie");
        // As cookieconsent writes it: for the host's name as a domain.
        assert!(!c.host_only);
        let decoded = percent_decode(&c.value);
        let state: Value = serde_json::from_str(&decoded).unwrap();
        assert_eq!(state["categories"], json!(["necessary", "analytics"]));
        assert_eq!(
            state["services"],
            json!({"necessary": [], "analytics": ["ga"], "ads": []})
        );
        assert_eq!(state["revision"], 3);
        assert_eq!(state["consentTimestamp"], "2026-12-01T09:30:00.000Z");
        assert_eq!(state["lastConsentTimestamp"], state["consentTimestamp"]);
        assert_eq!(state["languageCode"], "en");
        assert_eq!(state["expirationTime"], 1_796_981_400_000_i64);
        let id = state["consentId"].as_str().unwrap();
        assert_eq!(id.len(), 36, "{id}");
        assert_eq!(&id[14..15], "4", "a version-4 layout: {id}");
        // Another decision, another id.
        let other = answered(
            "[site_banner]\nmanager = \"cookieconsent\"\n[site_banner.services]\n\
             necessary = \"necessary\"\n",
            &[true, false, false],
        );
        let other: Value = serde_json::from_str(&percent_decode(&other.value)).unwrap();
        assert_ne!(other["consentId"], state["consentId"]);
    }

    #[test]
    fn the_generic_cookie_fills_its_template() {
        let c = answered(
            "[site_banner]\nmanager = \"cookie\"\ncookie = \"cookies_preferences\"\n\
             value = \"v1|stats:{statistics}|ads:{ads}|at:{timestamp}|ms:{timestamp_ms}\"\n\
             granted = \"1\"\nrefused = \"0\"\n",
            &[true, true, false],
        );
        assert_eq!(c.name, "cookies_preferences");
        assert_eq!(c.value, "v1|stats:1|ads:0|at:1796117400|ms:1796117400000");
        // A domain given: for it and its subdomains, as the manager's `cookieDomain` makes it.
        assert!(c.host_only);
        let c = answered(
            "[site_banner]\nmanager = \"klaro\"\ndomain = \"site.test\"\n\
             [site_banner.services]\nm = \"statistics\"\n",
            &[true, true, false],
        );
        assert!(!c.host_only);
    }

    #[test]
    fn nothing_is_carried_without_a_banner_or_a_decision() {
        let p = policy_with("");
        let out: Value = serde_json::from_str(&json(&answer(&p, None))).unwrap();
        assert_eq!(out, json!({"manager": null, "cookie": null}));
        let p = policy_with(
            "[site_banner]\nmanager = \"klaro\"\n[site_banner.services]\nm = \"statistics\"\n",
        );
        let out: Value = serde_json::from_str(&json(&answer(&p, None))).unwrap();
        assert_eq!(out, json!({"manager": "klaro", "cookie": null}));
        let r = decision(&p, &[true, true, true]);
        let out: Value = serde_json::from_str(&json(&answer(&p, Some(&r)))).unwrap();
        assert_eq!(out["cookie"]["value"], "%7B%22m%22%3Atrue%7D");
        assert_eq!(out["cookie"]["expires"], "2026-12-11T09:30:00Z");
    }

    fn percent_decode(s: &str) -> String {
        let mut out = Vec::new();
        let mut bytes = s.bytes();
        while let Some(b) = bytes.next() {
            match b {
                b'%' => {
                    let hex: String = bytes.by_ref().take(2).map(char::from).collect();
                    out.push(u8::from_str_radix(&hex, 16).unwrap());
                }
                _ => out.push(b),
            }
        }
        String::from_utf8(out).unwrap()
    }
}
