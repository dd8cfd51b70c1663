//! Messages for the operator, sent to the system log (`/dev/log`, which journald and
//! rsyslog read), where operators already collect what their machines say. Best effort: a
//! machine without a log daemon loses the message, the program goes on.
//!
//! `KIOSK_CONSENT_SYSLOG` names another socket (an empty value sends nothing).

use std::os::unix::net::UnixDatagram;
use std::path::PathBuf;

/// Facility "user" (1), severities "warning" (4) and "info" (6), as RFC 3164 counts them.
const USER_WARNING: u8 = 8 + 4;
const USER_INFO: u8 = 8 + 6;

fn socket() -> Option<PathBuf> {
    match std::env::var_os("KIOSK_CONSENT_SYSLOG") {
        Some(path) if path.is_empty() => None,
        Some(path) => Some(PathBuf::from(path)),
        None => Some(PathBuf::from("/dev/log")),
    }
}

/// Sends `message` (one line, cleaned of control characters) as a warning.
pub(crate) fn warning(message: &str) {
    if let Some(path) = socket() {
        send_to(&path, USER_WARNING, message);
    }
}

/// Sends `message` as information (the proof-of-consent log's heads).
pub(crate) fn info(message: &str) {
    if let Some(path) = socket() {
        send_to(&path, USER_INFO, message);
    }
}

/// Our own messages in the system journal, oldest first (`journalctl -t kiosk-consent`), or
/// None where there is no journal to ask.
pub fn journal() -> Option<Vec<String>> {
    let out = std::process::Command::new("journalctl")
        .args([
            "--no-pager",
            "--quiet",
            "--output=cat",
            "--identifier=kiosk-consent",
        ])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::to_owned)
            .collect(),
    )
}

fn send_to(path: &std::path::Path, priority: u8, message: &str) {
    let Ok(sock) = UnixDatagram::unbound() else {
        return;
    };
    // A log daemon that stopped reading must not stall a visitor's dialog.
    let _ = sock.set_nonblocking(true);
    let line = format!(
        "<{priority}>kiosk-consent[{}]: {}",
        std::process::id(),
        crate::sanitize::line(message)
    );
    let _ = sock.send_to(line.as_bytes(), path);
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_warning_reaches_the_log_socket_as_one_clean_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("log");
        let server = std::os::unix::net::UnixDatagram::bind(&path).unwrap();
        let line = format!("<12>kiosk-consent[{}]: ab c", std::process::id());
        let mut buf = [0u8; 256];
        // The socket is named by the environment in the program; here it is passed straight.
        super::send_to(&path, super::USER_WARNING, "a\u{7}b\nc");
        let n = server.recv(&mut buf).unwrap();
        assert_eq!(std::str::from_utf8(&buf[..n]).unwrap(), line);
    }
}
