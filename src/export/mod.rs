//! What a launcher reads: the decision turned into other formats. Pure functions of the policy
//! and the valid record, if any; without one, everything optional is refused.

pub mod profile;
pub mod site_banner;

use clap::ValueEnum;
use indexmap::IndexMap;

use crate::consent::{Decision, Record, record::FORMAT};
use crate::policy::Policy;

/// What `export --format` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// The consent file, normalized
    Json,
    /// Shell variables, safe to eval
    Env,
    /// A Chromium managed policy, for /etc/chromium/policies/managed/
    Chromium,
    /// A Firefox policies.json, for /etc/firefox/policies/
    Firefox,
    /// The cookie that answers the site's own banner ([site_banner]), as JSON
    SiteBanner,
    /// SQL for sqlite3: a Chromium profile's Default/Cookies holding that cookie
    ChromiumCookies,
    /// SQL for sqlite3: a Firefox profile's cookies.sqlite holding that cookie
    FirefoxCookies,
}

/// Each category of the policy with whether it is granted. Without a valid record only the
/// required categories are.
pub fn granted<'p>(policy: &'p Policy, record: Option<&Record>) -> Vec<(&'p str, bool)> {
    policy
        .categories
        .iter()
        .map(|c| {
            let granted = match record {
                Some(r) => r.grants(policy, &c.id),
                None => c.required,
            };
            (c.id.as_str(), granted)
        })
        .collect()
}

/// `KIOSK_CONSENT_VALID=1` then one `KIOSK_CONSENT_<ID>=0|1` line per category. Category ids are
/// `[a-z][a-z0-9-]*`, so the names are safe to `eval` once `-` becomes `_`.
pub fn env(policy: &Policy, record: Option<&Record>) -> String {
    let mut out = format!(
        "{}={}\n",
        crate::policy::ENV_VALID,
        u8::from(record.is_some())
    );
    for (id, granted) in granted(policy, record) {
        let name = crate::policy::env_name(id);
        out.push_str(&format!("{name}={}\n", u8::from(granted)));
    }
    out
}

/// The consent file, normalized: exactly the policy's categories, in its order, required ones
/// true, and the cookies that follow from them, whatever else the file holds. Without a valid
/// decision: the same shape with every optional category refused and no dates, since nothing
/// was decided.
pub fn json(policy: &Policy, record: Option<&Record>) -> String {
    let categories: IndexMap<String, bool> = granted(policy, record)
        .into_iter()
        .map(|(id, g)| (id.to_owned(), g))
        .collect();
    let cookies = crate::consent::record::cookie_states(policy, &categories);
    if let Some(record) = record {
        let normalized = Record {
            categories,
            cookies,
            ..record.clone()
        };
        return normalized.to_json();
    }
    let value = serde_json::json!({
        "format": FORMAT,
        "policy_id": policy.id,
        "policy_version": policy.version,
        "policy_digest": policy.digest,
        "action": Decision::RejectAll,
        "categories": categories,
        "cookies": cookies,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// What a browser can enforce of a decision. Browsers match sites, not cookie names, so a
/// decision becomes lists of hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BrowserPlan {
    /// A third-party category was refused: block every cookie set from another site.
    pub(crate) block_third_party: bool,
    /// Hosts whose cookies are all refused. Never a host that also carries a granted cookie,
    /// nor the site itself: blocking those would break the site.
    pub blocked: Vec<String>,
    /// Hosts whose cookies are allowed, for this visit only: the site and the hosts of
    /// granted cookies.
    pub(crate) session_only: Vec<String>,
    /// Some optional category was refused: ask sites not to sell or share (Global Privacy
    /// Control).
    pub(crate) privacy_signal: bool,
}

/// A category is third-party when its id says so, or when it has cookies and all of them are
/// set by hosts outside the site's domain.
fn is_third_party(policy: &Policy, category: &str) -> bool {
    let site = &policy.host();
    let mut cookies = policy.cookies_of(category).peekable();
    category == "third-party"
        || (cookies.peek().is_some()
            && cookies.all(|c| {
                c.domains.iter().all(|d| {
                    d != site
                        && !d.ends_with(&format!(".{site}"))
                        && !site.ends_with(&format!(".{d}"))
                })
            }))
}

pub(crate) fn browser_plan(policy: &Policy, record: Option<&Record>) -> BrowserPlan {
    let granted = granted(policy, record);
    let is_granted = |category: &str| granted.iter().any(|(id, g)| *id == category && *g);
    let mut session_only = vec![policy.host()];
    let mut refused_hosts = Vec::new();
    for cookie in &policy.cookies {
        let list = if is_granted(&cookie.category) {
            &mut session_only
        } else {
            &mut refused_hosts
        };
        list.extend(cookie.domains.iter().cloned());
    }
    session_only.sort();
    session_only.dedup();
    refused_hosts.sort();
    refused_hosts.dedup();
    refused_hosts.retain(|host| !session_only.contains(host));
    let optional_refused = policy
        .categories
        .iter()
        .any(|c| !c.required && !is_granted(&c.id));
    BrowserPlan {
        block_third_party: policy
            .categories
            .iter()
            .any(|c| !is_granted(&c.id) && is_third_party(policy, &c.id)),
        blocked: refused_hosts,
        session_only,
        privacy_signal: optional_refused,
    }
}

fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// A Chromium managed policy (for `/etc/chromium/policies/managed/`).
pub fn chromium(policy: &Policy, record: Option<&Record>) -> String {
    let plan = browser_plan(policy, record);
    // `[*.]host` covers a host and its subdomains; Chromium drops that form for an IP address,
    // which is written bare.
    // A host under another listed one is already covered by its `[*.]` pattern.
    let covered = |h: &String| {
        plan.session_only
            .iter()
            .any(|other| other != h && h.ends_with(&format!(".{other}")))
    };
    let session: Vec<String> = plan
        .session_only
        .iter()
        .filter(|h| !covered(h))
        .map(|h| match crate::policy::host::is_ip(h) {
            true => h.clone(),
            false => format!("[*.]{h}"),
        })
        .collect();
    pretty(&serde_json::json!({
        "BlockThirdPartyCookies": plan.block_third_party,
        "CookiesBlockedForUrls": plan.blocked,
        "CookiesSessionOnlyForUrls": session,
        "DefaultCookiesSetting": 4,
    }))
}

/// A Firefox `policies.json` (for `/etc/firefox/policies/`).
pub fn firefox(policy: &Policy, record: Option<&Record>) -> String {
    let plan = browser_plan(policy, record);
    // Firefox keeps a site permission per origin, port included: `http://h` is `h:80` only.
    // A site on another port (an intranet portal on :8080) has its hosts on that port too, so
    // they are listed there as well; an origin too many only lists a port nobody serves.
    let port = crate::policy::url_port(&policy.site).filter(|p| ![80, 443].contains(p));
    let origins = |hosts: &[String]| -> Vec<String> {
        hosts
            .iter()
            .flat_map(|h| {
                let mut list = vec![format!("http://{h}"), format!("https://{h}")];
                if let Some(port) = port {
                    list.extend([format!("http://{h}:{port}"), format!("https://{h}:{port}")]);
                }
                list
            })
            .collect()
    };
    let behavior = if plan.block_third_party {
        "reject-foreign"
    } else {
        "accept"
    };
    pretty(&serde_json::json!({
        "policies": {
            "Cookies": {
                "Behavior": behavior,
                "BehaviorPrivateBrowsing": behavior,
                "Block": origins(&plan.blocked),
                "AllowSession": origins(&plan.session_only),
                "Locked": true,
            },
            "SanitizeOnShutdown": {
                "Cookies": true,
                "SiteSettings": false,
                "Locked": true,
            },
            "Preferences": {
                "privacy.globalprivacycontrol.enabled": {
                    "Value": plan.privacy_signal,
                    "Status": "locked",
                },
            },
        }
    }))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn env_lists_every_category_in_order() {
        let p = Policy::embedded().unwrap();
        let r = Record::new(
            &p,
            "fr-FR",
            datetime!(2026-12-01 09:30:00 UTC),
            Decision::Custom,
            &[true, false, true, false],
        );
        assert_eq!(
            env(&p, Some(&r)),
            "KIOSK_CONSENT_VALID=1\nKIOSK_CONSENT_NECESSARY=1\nKIOSK_CONSENT_STATISTICS=0\n\
             KIOSK_CONSENT_FIRST_PARTY=1\nKIOSK_CONSENT_THIRD_PARTY=0\n"
        );
    }

    #[test]
    fn without_consent_only_required_categories_are_granted() {
        let p = Policy::embedded().unwrap();
        assert_eq!(
            env(&p, None),
            "KIOSK_CONSENT_VALID=0\nKIOSK_CONSENT_NECESSARY=1\nKIOSK_CONSENT_STATISTICS=0\n\
             KIOSK_CONSENT_FIRST_PARTY=0\nKIOSK_CONSENT_THIRD_PARTY=0\n"
        );
        let v: serde_json::Value = serde_json::from_str(&json(&p, None)).unwrap();
        assert_eq!(v["action"], "reject_all");
        assert_eq!(v["categories"]["necessary"], true);
        assert_eq!(v["categories"]["third-party"], false);
        assert_eq!(v["cookies"]["sessionid"], true);
        assert!(v.get("decided_at").is_none());
    }

    /// A policy with a cookie per optional category on a host of its own, and one host
    /// shared between a refused and a granted category.
    fn hosts_policy() -> Policy {
        policy_with("")
    }

    /// The test policy of these tests, with `extra` added to its policy.toml.
    pub(crate) fn policy_with(extra: &str) -> Policy {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("charter")).unwrap();
        std::fs::create_dir_all(dir.path().join("locales/en-US")).unwrap();
        let toml = r#"id = "h"
version = "1"
site = "https://site.test"
default_locale = "en-US"
consent_days = 10
[[categories]]
id = "necessary"
required = true
[[categories]]
id = "statistics"
[[categories]]
id = "ads"
[[cookies]]
id = "s"
name = "s"
category = "necessary"
provider = "p"
domains = ["site.test"]
[[cookies]]
id = "st"
name = "st"
category = "statistics"
provider = "p"
domains = ["stats.site.test", "shared.test"]
[[cookies]]
id = "ad"
name = "ad"
category = "ads"
provider = "p"
domains = ["ads.other.test", "shared.test"]
"#;
        std::fs::write(dir.path().join("policy.toml"), format!("{toml}{extra}")).unwrap();
        std::fs::write(dir.path().join("charter/en-US.md"), "# C").unwrap();
        let ftl = "category-necessary = N\n .description = D\ncategory-statistics = S\n .description = D\n\
                   category-ads = A\n .description = D\ncookie-s-service = x\ncookie-s-purpose = x\n\
                   cookie-st-service = x\ncookie-st-purpose = x\ncookie-ad-service = x\ncookie-ad-purpose = x\n";
        std::fs::write(dir.path().join("locales/en-US/policy.ftl"), ftl).unwrap();
        crate::policy::load(&crate::policy::Origin::Dir(dir.path().to_owned())).unwrap()
    }

    pub(crate) fn decision(p: &Policy, granted: &[bool]) -> Record {
        Record::new(
            p,
            "en-US",
            datetime!(2026-12-01 09:30:00 UTC),
            Decision::Custom,
            granted,
        )
    }

    #[test]
    fn browser_plan_blocks_refused_hosts_but_never_granted_ones() {
        let p = hosts_policy();
        // Statistics granted, ads refused: shared.test carries a granted cookie, so it stays.
        let plan = browser_plan(&p, Some(&decision(&p, &[true, true, false])));
        assert_eq!(plan.blocked, ["ads.other.test"]);
        assert_eq!(
            plan.session_only,
            ["shared.test", "site.test", "stats.site.test"]
        );
        // `ads` only has cookies on other sites: it is third-party.
        assert!(plan.block_third_party);
        assert!(plan.privacy_signal);
        // Everything granted: nothing blocked, no privacy signal.
        let plan = browser_plan(&p, Some(&decision(&p, &[true, true, true])));
        assert!(plan.blocked.is_empty());
        assert!(!plan.block_third_party);
        assert!(!plan.privacy_signal);
        // No valid consent: every optional host blocked, the site kept.
        let plan = browser_plan(&p, None);
        assert_eq!(
            plan.blocked,
            ["ads.other.test", "shared.test", "stats.site.test"]
        );
        assert_eq!(plan.session_only, ["site.test"]);
    }

    #[test]
    fn chromium_and_firefox_documents() {
        let p = hosts_policy();
        let r = decision(&p, &[true, true, false]);
        let c: serde_json::Value = serde_json::from_str(&chromium(&p, Some(&r))).unwrap();
        assert_eq!(c["BlockThirdPartyCookies"], true);
        assert_eq!(
            c["CookiesBlockedForUrls"],
            serde_json::json!(["ads.other.test"])
        );
        assert_eq!(c["CookiesSessionOnlyForUrls"][0], "[*.]shared.test");
        assert_eq!(c["DefaultCookiesSetting"], 4);
        let f: serde_json::Value = serde_json::from_str(&firefox(&p, Some(&r))).unwrap();
        let cookies = &f["policies"]["Cookies"];
        assert_eq!(cookies["Behavior"], "reject-foreign");
        assert_eq!(
            cookies["Block"],
            serde_json::json!(["http://ads.other.test", "https://ads.other.test"])
        );
        let gpc = &f["policies"]["Preferences"]["privacy.globalprivacycontrol.enabled"];
        assert_eq!(gpc["Value"], true);
        // Default policy, refuse all: third-party refused by id.
        let d = Policy::embedded().unwrap();
        let c: serde_json::Value = serde_json::from_str(&chromium(&d, None)).unwrap();
        assert_eq!(c["BlockThirdPartyCookies"], true);
        assert_eq!(c["CookiesBlockedForUrls"], serde_json::json!([]));
        assert_eq!(
            c["CookiesSessionOnlyForUrls"],
            serde_json::json!(["[*.]data.grigny91.fr"])
        );
    }

    #[test]
    fn the_site_itself_is_never_blocked_even_with_www() {
        let mut p = hosts_policy();
        p.site = "https://www.site.test".into();
        p.cookies[1].domains = vec!["www.site.test".into()];
        let plan = browser_plan(&p, None);
        assert!(
            !plan.blocked.contains(&"www.site.test".to_owned()),
            "{plan:?}"
        );
        assert!(plan.session_only.contains(&"www.site.test".to_owned()));
        // Chromium needs one pattern for both: www is under site.test's `[*.]`.
        let c: serde_json::Value = serde_json::from_str(&chromium(&p, None)).unwrap();
        assert_eq!(
            c["CookiesSessionOnlyForUrls"],
            serde_json::json!(["[*.]site.test"])
        );
    }

    #[test]
    fn firefox_lists_the_sites_port_too() {
        let mut p = hosts_policy();
        let r = decision(&p, &[true, true, false]);
        p.site = "http://site.test:8080/portail".into();
        let f: serde_json::Value = serde_json::from_str(&firefox(&p, Some(&r))).unwrap();
        assert_eq!(
            f["policies"]["Cookies"]["Block"],
            serde_json::json!([
                "http://ads.other.test",
                "https://ads.other.test",
                "http://ads.other.test:8080",
                "https://ads.other.test:8080"
            ])
        );
        // Without a port in the site's address, the default ports only.
        p.site = "https://site.test".into();
        let f: serde_json::Value = serde_json::from_str(&firefox(&p, Some(&r))).unwrap();
        assert_eq!(
            f["policies"]["Cookies"]["AllowSession"][0],
            serde_json::json!("http://shared.test")
        );
        assert_eq!(
            f["policies"]["Cookies"]["AllowSession"]
                .as_array()
                .unwrap()
                .len(),
            6
        );
    }

    #[test]
    fn ip_addresses_are_written_bare_for_chromium() {
        let mut p = hosts_policy();
        p.site = "http://127.0.0.1:8080".into();
        let c: serde_json::Value = serde_json::from_str(&chromium(&p, None)).unwrap();
        assert_eq!(
            c["CookiesSessionOnlyForUrls"],
            serde_json::json!(["127.0.0.1", "[*.]site.test"])
        );
    }

    #[test]
    fn the_site_written_in_capitals_or_with_a_dot_is_still_the_site() {
        let dir = tempfile::tempdir().unwrap();
        let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        for rel in [
            "charter/fr-FR.md",
            "charter/en-US.md",
            "locales/fr-FR/policy.ftl",
            "locales/en-US/policy.ftl",
        ] {
            let to = dir.path().join(rel);
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(assets.join(rel), to).unwrap();
        }
        // The site and a refused statistics cookie on the site's own host, written as an
        // operator might: capitals, a final dot.
        let toml = std::fs::read_to_string(assets.join("policy.toml"))
            .unwrap()
            .replace(
                "site = \"https://www.data.grigny91.fr\"",
                "site = \"https://WWW.Data.Grigny91.FR\"",
            )
            + "[[cookies]]\nid = \"st\"\nname = \"_st\"\ncategory = \"statistics\"\n\
               provider = \"p\"\ndomains = [\"DATA.GRIGNY91.FR.\", \"Stats.Example.ORG\"]\n";
        std::fs::write(dir.path().join("policy.toml"), toml).unwrap();
        for locale in ["fr-FR", "en-US"] {
            let ftl = dir.path().join(format!("locales/{locale}/policy.ftl"));
            let text = std::fs::read_to_string(&ftl).unwrap()
                + "\ncookie-st-service = S\ncookie-st-purpose = P\n";
            std::fs::write(&ftl, text).unwrap();
        }
        let p = crate::policy::load(&crate::policy::Origin::Dir(dir.path().to_owned())).unwrap();
        assert_eq!(p.host(), "www.data.grigny91.fr");
        // Statistics refused: its own host is blocked, never the site's.
        let plan = browser_plan(&p, None);
        assert_eq!(plan.blocked, ["stats.example.org"], "{plan:?}");
        assert_eq!(
            plan.session_only,
            ["data.grigny91.fr", "www.data.grigny91.fr"]
        );
        let c: serde_json::Value = serde_json::from_str(&chromium(&p, None)).unwrap();
        assert_eq!(
            c["CookiesBlockedForUrls"],
            serde_json::json!(["stats.example.org"])
        );
    }
}
