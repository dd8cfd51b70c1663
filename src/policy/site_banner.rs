//! The site's own cookie banner (`[site_banner]`): which consent manager the site runs, where it
//! keeps the visitor's answer, and which of the policy's categories each of its services
//! follows — so that the kiosk can give it the visitor's decision before the first page loads.

/// A consent manager kiosk-consent knows how to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Manager {
    /// tarteaucitron.js (the French public sector's): one cookie, `!service=true!…`.
    Tarteaucitron,
    /// Klaro: one cookie, the URI-encoded JSON object `{"service": true, …}`.
    Klaro,
    /// orestbida's cookieconsent v3: one cookie, the URI-encoded JSON of its state
    /// (categories, services per category, revision, consent id and times).
    CookieConsent,
    /// Any site that keeps its answer in one cookie whose value the operator writes.
    Cookie,
}

impl Manager {
    pub const NAMES: [&'static str; 4] = ["tarteaucitron", "klaro", "cookieconsent", "cookie"];

    pub fn from_name(name: &str) -> Option<Manager> {
        match name {
            "tarteaucitron" => Some(Manager::Tarteaucitron),
            "klaro" => Some(Manager::Klaro),
            "cookieconsent" => Some(Manager::CookieConsent),
            "cookie" => Some(Manager::Cookie),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Manager::Tarteaucitron => "tarteaucitron",
            Manager::Klaro => "klaro",
            Manager::CookieConsent => "cookieconsent",
            Manager::Cookie => "cookie",
        }
    }

    /// The cookie the manager keeps its answer in, unless configured otherwise; the generic
    /// manager has none of its own.
    pub fn cookie(self) -> Option<&'static str> {
        match self {
            Manager::Tarteaucitron => Some("tarteaucitron"),
            Manager::Klaro => Some("klaro"),
            Manager::CookieConsent => Some("cc_cookie"),
            Manager::Cookie => None,
        }
    }

    /// The keys of `[site_banner]` this manager takes beyond `manager`, `cookie`, `domain`
    /// and `path`.
    pub(crate) fn keys(self) -> &'static [&'static str] {
        match self {
            Manager::Tarteaucitron | Manager::Klaro => &["services"],
            Manager::CookieConsent => &["services", "revision"],
            Manager::Cookie => &["value", "granted", "refused"],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteBanner {
    pub manager: Manager,
    /// The cookie's name.
    pub cookie: String,
    /// The host the cookie is set for (normalized): the site's, or a domain above it.
    pub domain: String,
    /// For that host only, not its subdomains: as the manager writes it when it is given no
    /// domain (cookieconsent gives the host's name as a domain, but for an address).
    pub host_only: bool,
    pub path: String,
    /// The manager's names — services; for cookieconsent, categories and
    /// `category.service` — each with the policy category it follows, in the file's order.
    pub services: Vec<(String, String)>,
    /// The generic manager's value, with `{category}` and `{timestamp}` placeholders.
    pub value: String,
    /// What a `{category}` placeholder becomes, granted and refused.
    pub granted: String,
    pub refused: String,
    /// cookieconsent's `revision`, which its configuration must match.
    pub revision: u32,
}

/// A piece of the generic manager's `value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Text, as written.
    Text(&'a str),
    /// `{name}`: a category's id, `timestamp` or `timestamp_ms`.
    Placeholder(&'a str),
    /// A `{` that is never closed, and all that follows it.
    Unclosed(&'a str),
}

/// The pieces of a `value`, each with its byte offset: one reading of the template, for
/// `check` and for the cookie alike.
pub(crate) fn pieces(value: &str) -> Vec<(usize, Piece<'_>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut rest = value;
    while !rest.is_empty() {
        let (piece, len) = match rest.find('{') {
            Some(0) => match rest[1..].find('}') {
                Some(end) => (Piece::Placeholder(&rest[1..=end]), end + 2),
                None => (Piece::Unclosed(rest), rest.len()),
            },
            Some(start) => (Piece::Text(&rest[..start]), start),
            None => (Piece::Text(rest), rest.len()),
        };
        out.push((offset, piece));
        offset += len;
        rest = &rest[len..];
    }
    out
}

impl SiteBanner {
    /// The longest value the cookie can get, whatever the decision: what `check` holds to
    /// what browsers keep. Counted generously (every character URI-encoded where the
    /// manager encodes).
    pub(crate) fn longest_value(&self) -> usize {
        let names: usize = self.services.iter().map(|(n, _)| n.len()).sum();
        let count = self.services.len();
        match self.manager {
            // `!name=false` each.
            Manager::Tarteaucitron => names + 7 * count,
            // `{"name":false,…}`, URI-encoded: each quote, colon, comma, brace three bytes.
            Manager::Klaro => names + 17 * count + 6,
            // Its state's fixed part, then each name twice (categories and services), quoted.
            Manager::CookieConsent => 800 + 3 * (2 * names + 6 * count),
            Manager::Cookie => {
                let word = self.granted.len().max(self.refused.len()).max(13);
                let placeholders = pieces(&self.value)
                    .iter()
                    .filter(|(_, p)| matches!(p, Piece::Placeholder(_)))
                    .count();
                self.value.len() + placeholders * word
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_reads_as_text_placeholders_and_an_unclosed_brace() {
        assert_eq!(
            pieces("a:{stats}|{x}{"),
            [
                (0, Piece::Text("a:")),
                (2, Piece::Placeholder("stats")),
                (9, Piece::Text("|")),
                (10, Piece::Placeholder("x")),
                (13, Piece::Unclosed("{")),
            ]
        );
        assert_eq!(pieces(""), []);
        assert_eq!(pieces("{}"), [(0, Piece::Placeholder(""))]);
    }
}
