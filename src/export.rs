//! What a launcher reads: the decision turned into other formats. Pure functions of the policy
//! and the valid record, if any; without one, everything optional is refused.

use indexmap::IndexMap;

use crate::consent::{Action, Record, record::FORMAT};
use crate::policy::Policy;

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
    let mut out = format!("KIOSK_CONSENT_VALID={}\n", u8::from(record.is_some()));
    for (id, granted) in granted(policy, record) {
        let name = id.replace('-', "_").to_uppercase();
        out.push_str(&format!("KIOSK_CONSENT_{name}={}\n", u8::from(granted)));
    }
    out
}

/// The consent file, normalized. Without a valid decision: the same shape with every optional
/// category refused and no dates, since nothing was decided.
pub fn json(policy: &Policy, record: Option<&Record>) -> String {
    if let Some(record) = record {
        return record.to_json();
    }
    let categories: IndexMap<&str, bool> = granted(policy, None).into_iter().collect();
    let cookies: IndexMap<&str, bool> = policy
        .cookies
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                categories.get(c.category.as_str()) == Some(&true),
            )
        })
        .collect();
    let value = serde_json::json!({
        "format": FORMAT,
        "policy_id": policy.id,
        "policy_version": policy.version,
        "policy_digest": policy.digest,
        "action": Action::RejectAll,
        "categories": categories,
        "cookies": cookies,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn env_lists_every_category_in_order() {
        let p = Policy::embedded().unwrap();
        let r = Record::new(
            &p,
            "fr-FR",
            datetime!(2026-12-01 09:30:00 UTC),
            Action::Custom,
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
}
