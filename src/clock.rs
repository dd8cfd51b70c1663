//! The only place that reads the wall clock, so every time rule can be tested with a fixed `now`.

use time::OffsetDateTime;

/// Now, in UTC, to the second (consent files record whole seconds).
pub fn now() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(0).unwrap_or(now)
}
