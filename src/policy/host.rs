//! Host names as browsers compare them: case-insensitive, without a trailing dot,
//! internationalized names in their ASCII (punycode) form. Every host of a policy is stored
//! normalized, so that comparing two hosts is comparing two strings, and an export never
//! blocks the site's own host written in capitals.

/// `raw` normalized ("DATA.Grigny91.FR." → "data.grigny91.fr", "bücher.de" →
/// "xn--bcher-kva.de"), or None when it is no host a browser would match: an empty label, a
/// bad character, a bare top-level name (but `localhost`), or numbers that are not an IPv4
/// address ("1.2.3", "256.1.1.1").
pub(crate) fn normalize(raw: &str) -> Option<String> {
    let host = raw.strip_suffix('.').unwrap_or(raw);
    if host.is_empty() {
        return None;
    }
    let labels: Vec<String> = host
        .split('.')
        .map(|label| {
            let lower: String = label.chars().flat_map(char::to_lowercase).collect();
            if lower.is_ascii() {
                Some(lower)
            } else {
                punycode(&lower).map(|p| format!("xn--{p}"))
            }
        })
        .collect::<Option<_>>()?;
    let host = labels.join(".");
    let numeric = |l: &String| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit());
    if labels.iter().all(numeric) {
        return is_ipv4(&labels).then_some(host);
    }
    let ldh = |l: &String| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    let top_is_name = labels.last().is_some_and(|l| !numeric(l));
    let ok = host.len() <= 253
        && labels.iter().all(ldh)
        && top_is_name
        && (labels.len() >= 2 || host == "localhost");
    ok.then_some(host)
}

/// Four numbers from 0 to 255, without leading zeros (which some resolvers read as octal).
fn is_ipv4(labels: &[String]) -> bool {
    labels.len() == 4
        && labels.iter().all(|l| {
            l.len() <= 3
                && (l == "0" || !l.starts_with('0'))
                && l.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// Whether `host` is an IPv4 address (browsers match those without `[*.]`).
pub(crate) fn is_ip(host: &str) -> bool {
    let labels: Vec<String> = host.split('.').map(str::to_owned).collect();
    is_ipv4(&labels)
}

/// RFC 3492 punycode of one label (already lower-case), without the `xn--` prefix.
fn punycode(label: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    let digit = |d: u32| {
        char::from(if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        })
    };
    let adapt = |mut delta: u32, points: u32, first: bool| {
        delta /= if first { DAMP } else { 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    };
    let input: Vec<u32> = label.chars().map(u32::from).collect();
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (128u32, 0u32, 72u32);
    while (handled as usize) < input.len() {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias + T_MAX {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta += 1;
        n += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_are_compared_the_way_browsers_do() {
        assert_eq!(normalize("DATA.Grigny91.FR").unwrap(), "data.grigny91.fr");
        assert_eq!(normalize("data.grigny91.fr.").unwrap(), "data.grigny91.fr");
        assert_eq!(normalize("bücher.de").unwrap(), "xn--bcher-kva.de");
        assert_eq!(normalize("MÜNCHEN.de").unwrap(), "xn--mnchen-3ya.de");
        assert_eq!(normalize("例え.jp").unwrap(), "xn--r8jz45g.jp");
        assert_eq!(normalize("127.0.0.1").unwrap(), "127.0.0.1");
        assert_eq!(normalize("localhost").unwrap(), "localhost");
        assert!(is_ip("10.0.0.1") && !is_ip("a.b"));
    }

    #[test]
    fn what_no_browser_would_match_is_refused() {
        for bad in [
            "",
            ".",
            "1.2.3",
            "256.1.1.1",
            "01.2.3.4",
            "1.2.3.4.5",
            "com",
            "fr.",
            "a..b",
            "-a.fr",
            "a-.fr",
            "a_b.fr",
            "a b.fr",
            "a.123",
        ] {
            assert_eq!(normalize(bad), None, "{bad:?}");
        }
        assert_eq!(normalize(&format!("{}.fr", "a".repeat(64))), None);
    }
}
