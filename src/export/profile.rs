//! The visitor's fresh browser profile, prepared before the browser starts: its cookie
//! database made with the one cookie that answers the site's own banner, as SQL for the
//! `sqlite3` shell (`kiosk-consent export --format chromium-cookies | sqlite3
//! "$profile/Default/Cookies"`). The browser then opens a database it knows, at a schema
//! version it reads or migrates, and the site's consent manager finds its answer on the first
//! page. The tables are the browsers' own, as they make them (docs/kiosk.md says which
//! versions, and what happens when a browser moves on).

use super::site_banner::BannerCookie;

/// Chromium's cookie database (`Default/Cookies`): the version its `meta` table states.
pub const CHROMIUM_VERSION: u32 = 24;
/// Firefox's (`cookies.sqlite`): its `PRAGMA user_version`.
pub const FIREFOX_VERSION: u32 = 17;

/// Microseconds between 1601-01-01 (Windows' epoch, Chromium's) and 1970-01-01.
const CHROMIUM_EPOCH_US: i64 = 11_644_473_600_000_000;

fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn unix_us(at: time::OffsetDateTime) -> i64 {
    i64::try_from(at.unix_timestamp_nanos() / 1000).unwrap_or(i64::MAX)
}

/// The host column: a cookie for a domain and its subdomains starts with a dot.
fn host(c: &BannerCookie) -> String {
    match c.host_only {
        true => c.domain.clone(),
        false => format!(".{}", c.domain),
    }
}

/// Chromium's `Default/Cookies`, schema version 24 (Chromium 130 and later), with `c` in it.
/// `created`: when the cookie was set (the decision's time); `port`: the site's.
pub fn chromium(c: &BannerCookie, created: time::OffsetDateTime, port: u16) -> String {
    let created = unix_us(created) + CHROMIUM_EPOCH_US;
    let expires = unix_us(c.expires) + CHROMIUM_EPOCH_US;
    // The values a cookie set by the site's own script gets: priority medium (1), SameSite
    // unspecified (-1), source scheme secure (2) or not (1), source type script (2).
    let row = [
        created.to_string(),
        quoted(&host(c)),
        quoted(""),
        quoted(&c.name),
        quoted(&c.value),
        "X''".to_owned(),
        quoted(&c.path),
        expires.to_string(),
        u8::from(c.secure).to_string(),
        "0".to_owned(),
        created.to_string(),
        "1".to_owned(),
        "1".to_owned(),
        "1".to_owned(),
        "-1".to_owned(),
        if c.secure { "2" } else { "1" }.to_owned(),
        port.to_string(),
        created.to_string(),
        "2".to_owned(),
        "1".to_owned(),
    ]
    .join(",");
    format!(
        "-- kiosk-consent: Chromium's cookie database, with the answer to the site's banner\n\
         BEGIN;\n\
         CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);\n\
         INSERT INTO meta VALUES('mmap_status','-1'),('version','{v}'),\
         ('last_compatible_version','{v}');\n\
         CREATE TABLE cookies(creation_utc INTEGER NOT NULL,host_key TEXT NOT NULL,\
         top_frame_site_key TEXT NOT NULL,name TEXT NOT NULL,value TEXT NOT NULL,\
         encrypted_value BLOB NOT NULL,path TEXT NOT NULL,expires_utc INTEGER NOT NULL,\
         is_secure INTEGER NOT NULL,is_httponly INTEGER NOT NULL,\
         last_access_utc INTEGER NOT NULL,has_expires INTEGER NOT NULL,\
         is_persistent INTEGER NOT NULL,priority INTEGER NOT NULL,samesite INTEGER NOT NULL,\
         source_scheme INTEGER NOT NULL,source_port INTEGER NOT NULL,\
         last_update_utc INTEGER NOT NULL,source_type INTEGER NOT NULL,\
         has_cross_site_ancestor INTEGER NOT NULL);\n\
         CREATE UNIQUE INDEX cookies_unique_index ON cookies(host_key, top_frame_site_key, \
         has_cross_site_ancestor, name, path, source_scheme, source_port);\n\
         INSERT INTO cookies VALUES({row});\n\
         COMMIT;\n",
        v = CHROMIUM_VERSION,
    )
}

/// Firefox's `cookies.sqlite`, schema version 17 (Firefox ESR 153), with `c` in it.
pub fn firefox(c: &BannerCookie, created: time::OffsetDateTime) -> String {
    let created = unix_us(created);
    let expiry_ms = unix_us(c.expires) / 1000;
    // As Firefox stores a cookie its page's script set: SameSite not given (256), the scheme
    // it came over (1 http, 2 https).
    let row = [
        quoted(""),
        quoted(&c.name),
        quoted(&c.value),
        quoted(&host(c)),
        quoted(&c.path),
        expiry_ms.to_string(),
        created.to_string(),
        created.to_string(),
        u8::from(c.secure).to_string(),
        "0".to_owned(),
        "0".to_owned(),
        "256".to_owned(),
        if c.secure { "2" } else { "1" }.to_owned(),
        "0".to_owned(),
        created.to_string(),
    ]
    .join(",");
    format!(
        "-- kiosk-consent: Firefox's cookie database, with the answer to the site's banner\n\
         BEGIN;\n\
         CREATE TABLE moz_cookies (id INTEGER PRIMARY KEY, originAttributes TEXT NOT NULL \
         DEFAULT '', name TEXT, value TEXT, host TEXT, path TEXT, expiry INTEGER, \
         lastAccessed INTEGER, creationTime INTEGER, isSecure INTEGER, isHttpOnly INTEGER, \
         inBrowserElement INTEGER DEFAULT 0, sameSite INTEGER DEFAULT 0, \
         schemeMap INTEGER DEFAULT 0, isPartitionedAttributeSet INTEGER DEFAULT 0, \
         updateTime INTEGER, CONSTRAINT moz_uniqueid UNIQUE (name, host, path, \
         originAttributes));\n\
         INSERT INTO moz_cookies(originAttributes, name, value, host, path, expiry, \
         lastAccessed, creationTime, isSecure, isHttpOnly, inBrowserElement, sameSite, \
         schemeMap, isPartitionedAttributeSet, updateTime) VALUES({row});\n\
         PRAGMA user_version = {v};\n\
         COMMIT;\n",
        v = FIREFOX_VERSION,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn a_cookie(host_only: bool, secure: bool) -> BannerCookie {
        BannerCookie {
            name: "tarteaucitron".into(),
            value: "!gtag=true!it's=false".into(),
            domain: "grigny91.fr".into(),
            host_only,
            path: "/".into(),
            secure,
            expires: datetime!(2027-01-01 00:00:00 UTC),
        }
    }

    #[test]
    fn chromium_counts_from_1601_and_dots_a_domain_cookie() {
        let sql = chromium(
            &a_cookie(false, true),
            datetime!(2026-12-01 00:00:00 UTC),
            443,
        );
        // 2026-12-01 is 1796083200 s after 1970; Chromium counts µs from 1601.
        let created = (1_796_083_200_i64 * 1_000_000 + CHROMIUM_EPOCH_US).to_string();
        let row = sql
            .lines()
            .find(|l| l.starts_with("INSERT INTO cookies"))
            .unwrap();
        assert!(
            row.starts_with(&format!(
                "INSERT INTO cookies VALUES({created},'.grigny91.fr','','tarteaucitron',"
            )),
            "{row}"
        );
        // A quote in a value is doubled, never ends the string.
        assert!(row.contains("'!gtag=true!it''s=false'"), "{row}");
        // Secure, sent over https (source scheme 2), port 443.
        assert!(row.contains(",-1,2,443,"), "{row}");
        assert!(sql.contains("('version','24')"), "{sql}");
    }

    #[test]
    fn firefox_keeps_its_expiry_in_milliseconds() {
        let sql = firefox(&a_cookie(true, false), datetime!(2026-12-01 00:00:00 UTC));
        let row = sql
            .lines()
            .find(|l| l.starts_with("INSERT INTO moz_cookies"))
            .unwrap();
        // 2027-01-01: 1798761600 s, in ms; a host-only cookie has no leading dot; http (1).
        assert!(
            row.contains("'grigny91.fr','/',1798761600000,1796083200000000,"),
            "{row}"
        );
        assert!(row.ends_with(",0,0,0,256,1,0,1796083200000000);"), "{row}");
        assert!(sql.contains("PRAGMA user_version = 17;"), "{sql}");
    }
}
