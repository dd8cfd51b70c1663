//! The only place that reads the wall clock, so every time rule can be tested with a fixed `now`.

use time::OffsetDateTime;

/// Now, in UTC, to the second (consent files record whole seconds).
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}

/// A date and time a person reads: `2026-12-01 09:30 UTC`.
pub fn stamp(at: OffsetDateTime) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    at.to_offset(time::UtcOffset::UTC)
        .format(&format)
        .unwrap_or_default()
}
