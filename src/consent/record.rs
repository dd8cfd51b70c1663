//! The consent file, format `kiosk-consent/v1`, and the rules that make one valid.

use std::path::Path;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::files::IoCause;
use crate::i18n::{Args, Localizer, Message, text};
use crate::policy::Policy;

pub(crate) const FORMAT: &str = "kiosk-consent/v1";

/// What the visitor pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    AcceptAll,
    RejectAll,
    Custom,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub format: String,
    pub policy_id: String,
    pub policy_version: String,
    pub locale: String,
    #[serde(with = "time::serde::rfc3339")]
    pub decided_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    pub policy_digest: String,
    pub action: Decision,
    /// Every category of the policy, in policy order; required ones always `true`.
    pub categories: IndexMap<String, bool>,
    /// Every cookie's real name, with the state of its category.
    pub cookies: IndexMap<String, bool>,
}

impl Record {
    /// The decision to record: `granted[i]` is the visitor's choice for the i-th category
    /// (required categories are granted whatever it says).
    pub fn new(
        policy: &Policy,
        locale: &str,
        now: OffsetDateTime,
        action: Decision,
        granted: &[bool],
    ) -> Record {
        let categories: IndexMap<String, bool> = policy
            .categories
            .iter()
            .zip(granted.iter().chain(std::iter::repeat(&false)))
            .map(|(c, &g)| (c.id.clone(), c.required || g))
            .collect();
        let cookies = cookie_states(policy, &categories);
        // Whole seconds, as the file records them: a decision is never "in the future" of a
        // clock read a moment later.
        let now = now.replace_nanosecond(0).unwrap_or(now);
        Record {
            format: FORMAT.to_owned(),
            policy_id: policy.id.clone(),
            policy_version: policy.version.clone(),
            locale: locale.to_owned(),
            decided_at: now,
            expires_at: now + Duration::days(i64::from(policy.consent_days)),
            policy_digest: policy.digest.clone(),
            action,
            categories,
            cookies,
        }
    }

    /// Is `category` granted? Required categories are, whatever the file says; a category the
    /// file does not name is not.
    pub fn grants(&self, policy: &Policy, category: &str) -> bool {
        policy.category(category).is_some_and(|c| c.required)
            || self.categories.get(category).copied().unwrap_or(false)
    }

    pub fn to_json(&self) -> String {
        // A struct of strings, booleans and maps always serializes.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// Every cookie's real name with the state of its category. Two cookies may share a real name
/// on different hosts: the name is only granted when every one of them is.
pub(crate) fn cookie_states(
    policy: &Policy,
    categories: &IndexMap<String, bool>,
) -> IndexMap<String, bool> {
    let mut cookies = IndexMap::new();
    for cookie in &policy.cookies {
        let state = categories.get(&cookie.category).copied().unwrap_or(false);
        let entry = cookies.entry(cookie.name.clone()).or_insert(state);
        *entry &= state;
    }
    cookies
}

/// What a consent file amounts to for the policy in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    Valid(Box<Record>),
    Missing,
    Unreadable(IoCause),
    Corrupt(String),
    UnknownFormat(String),
    OtherPolicy(String),
    OtherVersion(String),
    Expired(OffsetDateTime),
    /// Decided after `now`: the clock went back, or the file was forged. Never trusted.
    FromTheFuture(OffsetDateTime),
    /// Expires later than `decided_at` + the policy's `consent_days`: edited. Never trusted.
    TooLong(OffsetDateTime),
}

impl Status {
    pub fn valid(&self) -> Option<&Record> {
        match self {
            Status::Valid(r) => Some(r),
            _ => None,
        }
    }

    /// Why the file at `path` holds no valid consent; None when it does.
    pub(crate) fn why_not<'a>(&'a self, path: &'a Path) -> Option<NoConsent<'a>> {
        self.valid()
            .is_none()
            .then_some(NoConsent { status: self, path })
    }
}

/// Why there is no valid consent, naming the file (built by `Status::why_not`).
pub(crate) struct NoConsent<'a> {
    status: &'a Status,
    path: &'a Path,
}

impl Message for NoConsent<'_> {
    fn id(&self) -> &'static str {
        match self.status {
            // `why_not` builds none for a valid status.
            Status::Valid(_) | Status::Missing => "consent-missing",
            Status::Unreadable(_) => "consent-unreadable",
            Status::Corrupt(_) => "consent-corrupt",
            Status::UnknownFormat(_) => "consent-unknown-format",
            Status::OtherPolicy(_) => "consent-other-policy",
            Status::OtherVersion(_) => "consent-other-version",
            Status::Expired(_) => "consent-expired",
            Status::FromTheFuture(_) => "consent-future",
            Status::TooLong(_) => "consent-too-long",
        }
    }

    fn args(&self, l: &Localizer) -> Args {
        let mut args = vec![("path", text(self.path.display().to_string()))];
        match self.status {
            Status::Unreadable(cause) => args.push(("cause", text(l.say(cause)))),
            Status::UnknownFormat(f) => args.push(("format", text(f.as_str()))),
            Status::OtherPolicy(id) => args.push(("id", text(id.as_str()))),
            Status::OtherVersion(v) => args.push(("version", text(v.as_str()))),
            Status::Expired(at) | Status::FromTheFuture(at) | Status::TooLong(at) => {
                args.push(("date", text(crate::clock::stamp(*at))));
            }
            Status::Valid(_) | Status::Missing | Status::Corrupt(_) => {}
        }
        args
    }
}

/// Applies the validity rules of the v1 format to the file's text.
pub fn assess(text: &str, policy: &Policy, now: OffsetDateTime) -> Status {
    // The format is checked first so that a future format is reported as such, not as corrupt.
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => return Status::Corrupt(e.to_string()),
    };
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Status::UnknownFormat(crate::sanitize::line(other)),
        None => return Status::Corrupt("format".to_owned()),
    }
    let mut record: Record = match serde_json::from_value(value) {
        Ok(r) => r,
        Err(e) => return Status::Corrupt(e.to_string()),
    };
    // Another writer may have used an offset: the same instant, said in UTC.
    // (An instant past year 9999 once in UTC is no date this program can trust.)
    let utc = |t: OffsetDateTime| t.checked_to_offset(time::UtcOffset::UTC);
    match (utc(record.decided_at), utc(record.expires_at)) {
        (Some(decided), Some(expires)) => {
            record.decided_at = decided;
            record.expires_at = expires;
        }
        _ => return Status::Corrupt("date out of range".to_owned()),
    }
    if record.policy_id != policy.id {
        return Status::OtherPolicy(crate::sanitize::line(&record.policy_id));
    }
    if record.policy_version != policy.version {
        return Status::OtherVersion(crate::sanitize::line(&record.policy_version));
    }
    if record.decided_at > now {
        return Status::FromTheFuture(record.decided_at);
    }
    let longest = record
        .decided_at
        .checked_add(time::Duration::days(i64::from(policy.consent_days)));
    if longest.is_none_or(|longest| record.expires_at > longest) {
        return Status::TooLong(record.expires_at);
    }
    if now >= record.expires_at {
        return Status::Expired(record.expires_at);
    }
    Status::Valid(Box::new(record))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn policy() -> Policy {
        Policy::embedded().expect("embedded policy loads")
    }

    const NOW: OffsetDateTime = datetime!(2026-12-01 09:30:00 UTC);

    fn record(p: &Policy) -> Record {
        Record::new(
            p,
            "fr-FR",
            NOW,
            Decision::Custom,
            &[false, true, false, false],
        )
    }

    #[test]
    fn new_record_follows_the_policy() {
        let p = policy();
        let r = record(&p);
        assert_eq!(r.expires_at, datetime!(2027-05-30 09:30:00 UTC));
        let cats: Vec<_> = r.categories.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        // `necessary` is required: granted although the visitor's list says false.
        assert_eq!(
            cats,
            [
                ("necessary", true),
                ("statistics", true),
                ("first-party", false),
                ("third-party", false)
            ]
        );
        assert_eq!(r.cookies.get("django_language"), Some(&true));
        assert_eq!(r.cookies.len(), 4);
        assert!(r.policy_digest.starts_with("sha256:"));
    }

    #[test]
    fn json_round_trip_uses_rfc3339_utc() {
        let p = policy();
        let r = record(&p);
        let text = r.to_json();
        assert!(
            text.contains("\"decided_at\": \"2026-12-01T09:30:00Z\""),
            "{text}"
        );
        assert!(text.contains("\"action\": \"custom\""));
        assert_eq!(assess(&text, &p, NOW), Status::Valid(Box::new(r)));
    }

    #[test]
    fn validity_rules() {
        let p = policy();
        let r = record(&p);
        let with = |f: &dyn Fn(&mut serde_json::Value)| {
            let mut v: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
            f(&mut v);
            assess(&v.to_string(), &p, NOW)
        };
        assert!(matches!(assess("{", &p, NOW), Status::Corrupt(_)));
        assert!(matches!(assess("", &p, NOW), Status::Corrupt(_)));
        assert_eq!(
            with(&|v| v["format"] = "kiosk-consent/v9".into()),
            Status::UnknownFormat("kiosk-consent/v9".into())
        );
        assert_eq!(
            with(&|v| v["policy_id"] = "other".into()),
            Status::OtherPolicy("other".into())
        );
        assert_eq!(
            with(&|v| v["policy_version"] = "0".into()),
            Status::OtherVersion("0".into())
        );
        assert!(matches!(
            with(&|v| v["action"] = "maybe".into()),
            Status::Corrupt(_)
        ));
        // Offsets are read as the same instant and written back in UTC.
        let shifted = with(&|v| {
            v["decided_at"] = "2026-12-01T10:30:00+01:00".into();
            v["expires_at"] = "2027-05-30T11:30:00+02:00".into();
        });
        assert_eq!(shifted, Status::Valid(Box::new(r.clone())));
        // Unknown fields are ignored.
        assert!(matches!(with(&|v| v["extra"] = 1.into()), Status::Valid(_)));
        // Just before expiry it holds; at expiry it does not.
        let just_before = r.expires_at - Duration::seconds(1);
        assert!(matches!(
            assess(&r.to_json(), &p, just_before),
            Status::Valid(_)
        ));
        assert_eq!(
            assess(&r.to_json(), &p, r.expires_at),
            Status::Expired(r.expires_at)
        );
        // A clock set back before the decision does not keep it alive.
        let earlier = NOW - Duration::minutes(1);
        assert_eq!(
            assess(&r.to_json(), &p, earlier),
            Status::FromTheFuture(NOW)
        );
    }

    #[test]
    fn grants_required_and_only_named_categories() {
        let p = policy();
        let mut r = record(&p);
        r.categories.shift_remove("statistics");
        r.categories.insert("necessary".into(), false);
        assert!(r.grants(&p, "necessary"));
        assert!(!r.grants(&p, "statistics"));
        assert!(!r.grants(&p, "first-party"));
        assert!(!r.grants(&p, "nonexistent"));
    }
}
