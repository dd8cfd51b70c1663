//! SSIP, speech-dispatcher's line protocol, as far as the voice needs it: the text of a `SPEAK`
//! made safe for the framing, the server's blocks told apart (replies to our commands, events
//! about our messages), and the few values we send made valid before they leave.
//!
//! Pure functions and a parser fed line by line: the socket and the threads are in `super`, so
//! everything here is tested without a server.

/// A line longer than this is not speech-dispatcher talking: the connection is given up rather
/// than buffered without end.
pub const MAX_LINE: usize = 64 * 1024;

/// Nor is a block of more lines than this (its longest replies are voice lists of a few hundred).
const MAX_BLOCK_LINES: usize = 4096;

/// One complete block from the server: `NNN-…` lines ended by one `NNN …` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Reply(Reply),
    /// 7xx blocks come whenever the server likes, even between a command and its reply
    /// (speech-dispatcher 0.11 sends the `703` of a cancelled message before the reply to the
    /// `CANCEL`), so they are told apart here, not by their place in the dialog.
    Event(Event),
}

/// The answer to one command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    /// The text of the `NNN-` lines: the data a command returns (a `SPEAK`'s message id).
    pub data: Vec<String>,
    /// The text of the last line, for people reading a log.
    pub text: String,
}

impl Reply {
    /// 1xx and 2xx: SSIP says only the first digit is reliable.
    pub fn is_ok(&self) -> bool {
        (100..300).contains(&self.code)
    }

    /// What the server calls the message a `SPEAK` queued: its events carry the same number.
    pub fn message_id(&self) -> Option<u64> {
        if self.code != 225 {
            return None;
        }
        self.data.first()?.trim().parse().ok()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    IndexMark,
    Begin,
    End,
    Cancel,
    Pause,
    Resume,
}

impl EventKind {
    fn from_code(code: u16) -> Option<EventKind> {
        Some(match code {
            700 => EventKind::IndexMark,
            701 => EventKind::Begin,
            702 => EventKind::End,
            703 => EventKind::Cancel,
            704 => EventKind::Pause,
            705 => EventKind::Resume,
            _ => return None,
        })
    }

    /// The message will make no more sound: it was spoken to its end or cut off.
    pub fn is_final(self) -> bool {
        matches!(self, EventKind::End | EventKind::Cancel)
    }
}

/// What happened to one message: `702-12`, `702-1`, `702 END` is message 12 (of client 1: the
/// server sends a connection only the events of its own messages, so the client is checked for
/// form and not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub kind: EventKind,
    pub message: u64,
}

/// The server broke the protocol: nothing after this can be trusted, the connection is given up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolError(pub String);

/// Puts lines back together into blocks. Lines come without their CRLF.
#[derive(Debug, Default)]
pub struct Parser {
    code: Option<u16>,
    data: Vec<String>,
}

impl Parser {
    /// The block `line` completes, if it completes one.
    pub fn line(&mut self, line: &str) -> Result<Option<Block>, ProtocolError> {
        let bytes = line.as_bytes();
        let code = match bytes.get(..3) {
            Some(digits) if digits.iter().all(u8::is_ascii_digit) => {
                u16::from(digits[0] - b'0') * 100
                    + u16::from(digits[1] - b'0') * 10
                    + u16::from(digits[2] - b'0')
            }
            _ => return Err(ProtocolError(format!("not an SSIP line: {line:?}"))),
        };
        let last = match bytes.get(3) {
            Some(b'-') => false,
            Some(b' ') | None => true,
            _ => return Err(ProtocolError(format!("not an SSIP line: {line:?}"))),
        };
        if self.code.is_some_and(|c| c != code) {
            return Err(ProtocolError(format!(
                "line {line:?} inside a block of code {:?}",
                self.code
            )));
        }
        let text = line.get(4..).unwrap_or("").to_owned();
        if !last {
            if self.data.len() >= MAX_BLOCK_LINES {
                return Err(ProtocolError("a block without end".to_owned()));
            }
            self.code = Some(code);
            self.data.push(text);
            return Ok(None);
        }
        self.code = None;
        let data = std::mem::take(&mut self.data);
        if !(700..800).contains(&code) {
            return Ok(Some(Block::Reply(Reply { code, data, text })));
        }
        let number = |i: usize| data.get(i).and_then(|d| d.trim().parse::<u64>().ok());
        match (EventKind::from_code(code), number(0), number(1)) {
            (Some(kind), Some(message), Some(_client)) => {
                Ok(Some(Block::Event(Event { kind, message })))
            }
            _ => Err(ProtocolError(format!(
                "event {code} {text:?} without its message and client: {data:?}"
            ))),
        }
    }
}

/// The lines a visitor should hear, one per line of `text`: every kind of line break splits
/// (a lone CR or LF inside a line would break SSIP's framing), a tab is a space, any other
/// control character goes (the synthesizer would read it out or choke on it).
pub fn text_lines(text: &str) -> Vec<String> {
    let mut lines = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                lines.push(String::new());
            }
            '\n' | '\u{0085}' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' => {
                lines.push(String::new())
            }
            '\t' => lines.last_mut().into_iter().for_each(|l| l.push(' ')),
            c if c.is_control() => {}
            c => lines.last_mut().into_iter().for_each(|l| l.push(c)),
        }
    }
    lines
}

/// What follows `SPEAK`'s `230`: the lines, each that starts with a dot given one more
/// (dot-stuffing: a lone `.` ends the text), then the lone dot. `None` when there is nothing
/// to hear: speech-dispatcher would queue an empty message and report nothing useful on it.
pub fn speak_body(text: &str) -> Option<String> {
    let lines = text_lines(text);
    if lines.iter().all(|l| l.trim().is_empty()) {
        return None;
    }
    let mut body = String::with_capacity(text.len() + 16);
    for line in &lines {
        if line.starts_with('.') {
            body.push('.');
        }
        body.push_str(line);
        body.push_str("\r\n");
    }
    body.push_str(".\r\n");
    Some(body)
}

/// The value for `SET self LANGUAGE`: the whole BCP-47 tag, lowercased (the server lowercases
/// it anyway, picks the output module by the whole tag then by its primary subtag, and so do
/// its modules: `fr-FR` reaches a module that only knows `fr`, and `en-GB` still differs from
/// `en-US` where the synthesizer has both). `None` for anything that is not a tag, so that no
/// caller's text can become a second command on the line.
pub fn language(tag: &str) -> Option<String> {
    let tag = tag.trim();
    let valid = !tag.is_empty()
        && tag.len() <= 35
        && tag
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && tag.split(['-', '_']).all(|subtag| !subtag.is_empty())
        && tag.as_bytes()[0].is_ascii_alphabetic();
    valid.then(|| tag.replace('_', "-").to_ascii_lowercase())
}

/// The primary languages of the voices a `LIST SYNTHESIS_VOICES` reply lists (each line
/// `name<TAB>language<TAB>variant`), lowercased, once each.
pub fn voice_languages(lines: &[String]) -> Vec<String> {
    let mut languages: Vec<String> = Vec::new();
    for line in lines {
        let Some(tag) = line.split('\t').nth(1).and_then(language) else {
            continue;
        };
        let primary = tag.split('-').next().unwrap_or_default().to_owned();
        if !languages.contains(&primary) {
            languages.push(primary);
        }
    }
    languages
}

/// `SET self CLIENT_NAME`'s value: each part may hold only letters, digits, `-` and `_`, and
/// the server refuses the whole command otherwise.
pub fn client_name(user: &str) -> String {
    let user: String = user
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let user = if user.is_empty() { "unknown" } else { &user };
    format!("{user}:kiosk-consent:main")
}

/// Rate and volume are -100..=100 in SSIP; the server answers 4xx outside, which would end
/// the voice for a slip of the caller.
pub fn clamp(value: i8) -> i8 {
    value.clamp(-100, 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(parser: &mut Parser, text: &str) -> Vec<Block> {
        text.split("\r\n")
            .filter(|l| !l.is_empty())
            .filter_map(|l| parser.line(l).unwrap())
            .collect()
    }

    #[test]
    fn a_reply_gives_its_message_id() {
        let mut parser = Parser::default();
        let blocks = feed(&mut parser, "225-12\r\n225 OK MESSAGE QUEUED\r\n");
        let [Block::Reply(reply)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert!(reply.is_ok());
        assert_eq!(reply.message_id(), Some(12));
        assert_eq!(reply.text, "OK MESSAGE QUEUED");
    }

    #[test]
    fn events_are_told_apart_from_the_replies_around_them() {
        let mut parser = Parser::default();
        let blocks = feed(
            &mut parser,
            "703-11\r\n703-1\r\n703 CANCELED\r\n213 OK CANCELED\r\n230 OK RECEIVING DATA\r\n\
             225-12\r\n225 OK MESSAGE QUEUED\r\n701-12\r\n701-1\r\n701 BEGIN\r\n\
             702-12\r\n702-1\r\n702 END\r\n",
        );
        let event = |kind, message| Block::Event(Event { kind, message });
        let reply = |code, data: &[&str], text: &str| {
            Block::Reply(Reply {
                code,
                data: data.iter().map(|d| (*d).to_owned()).collect(),
                text: text.to_owned(),
            })
        };
        assert_eq!(
            blocks,
            [
                event(EventKind::Cancel, 11),
                reply(213, &[], "OK CANCELED"),
                reply(230, &[], "OK RECEIVING DATA"),
                reply(225, &["12"], "OK MESSAGE QUEUED"),
                event(EventKind::Begin, 12),
                event(EventKind::End, 12),
            ]
        );
    }

    #[test]
    fn an_error_reply_is_not_ok() {
        let mut parser = Parser::default();
        let blocks = feed(&mut parser, "409 ERR RATE TOO HIGH\r\n");
        let [Block::Reply(reply)] = blocks.as_slice() else {
            panic!("{blocks:?}")
        };
        assert!(!reply.is_ok());
        assert_eq!(reply.message_id(), None);
    }

    #[test]
    fn broken_lines_are_protocol_errors() {
        for line in ["hello", "22", "22x OK", "225+12", "702 END"] {
            assert!(Parser::default().line(line).is_err(), "{line:?}");
        }
        // A line of another code in the middle of a block.
        let mut parser = Parser::default();
        assert_eq!(parser.line("225-12"), Ok(None));
        assert!(parser.line("702 END").is_err());
    }

    #[test]
    fn a_block_without_end_is_refused() {
        let mut parser = Parser::default();
        let result = (0..=MAX_BLOCK_LINES).try_for_each(|_| parser.line("200-x").map(|_| ()));
        assert!(result.is_err());
    }

    #[test]
    fn lines_starting_with_a_dot_get_another() {
        assert_eq!(
            speak_body(".hidden\n..two\na.b\n.").unwrap(),
            "..hidden\r\n...two\r\na.b\r\n..\r\n.\r\n"
        );
    }

    #[test]
    fn every_line_break_splits_and_other_controls_go() {
        assert_eq!(
            text_lines("a\r\nb\rc\nd\u{2028}e\u{85}f"),
            ["a", "b", "c", "d", "e", "f"]
        );
        assert_eq!(text_lines("x\x1b[31my\tz\0\u{7f}\u{9b}!"), ["x[31my z!"]);
        assert_eq!(
            speak_body("Bonjour.\nL'été \"ici\".").unwrap(),
            "Bonjour.\r\nL'été \"ici\".\r\n.\r\n"
        );
    }

    #[test]
    fn nothing_to_hear_sends_nothing() {
        assert_eq!(speak_body(""), None);
        assert_eq!(speak_body(" \n\t\r\n\x07"), None);
        assert!(speak_body("a").is_some());
    }

    #[test]
    fn languages_are_whole_tags_lowercased_or_nothing() {
        assert_eq!(language("fr-FR").as_deref(), Some("fr-fr"));
        assert_eq!(language("en_US").as_deref(), Some("en-us"));
        assert_eq!(language(" es ").as_deref(), Some("es"));
        for bad in ["", "fr FR", "fr\r\nQUIT", "fr-", "-fr", "1x", "fr--FR", "é"] {
            assert_eq!(language(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn voice_lists_give_their_primary_languages_once() {
        let lines: Vec<String> = [
            "fr\tfr\tMALE1",
            "French (Belgium)\tfr-BE\tnone",
            "English (America)\ten-US\tnone",
            "broken line",
            "bad\tfr\r\nQUIT\tx",
        ]
        .map(str::to_owned)
        .to_vec();
        assert_eq!(voice_languages(&lines), ["fr", "en"]);
    }

    #[test]
    fn the_client_name_has_only_allowed_characters() {
        assert_eq!(client_name("kiosk"), "kiosk:kiosk-consent:main");
        assert_eq!(client_name("a b:c\r\nQUIT"), "abcQUIT:kiosk-consent:main");
        assert_eq!(client_name("é"), "unknown:kiosk-consent:main");
    }

    #[test]
    fn rate_and_volume_stay_in_range() {
        assert_eq!(clamp(i8::MAX), 100);
        assert_eq!(clamp(i8::MIN), -100);
        assert_eq!(clamp(-30), -30);
    }
}
