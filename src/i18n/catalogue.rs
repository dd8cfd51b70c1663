//! A built-in UI file, parsed one message at a time, when a message is first looked up.
//!
//! Parsing a whole UI file (about 350 messages) cost more than anything else before the first
//! frame: 0.2 ms, and 280 KB of syntax tree on fresh pages, for the few dozen messages a
//! screen shows. A Fluent entry starts on a line that begins with a letter (a message) or `-`
//! and a letter (a term), and runs until the next such line or a comment; indented lines,
//! blank lines and lines starting with `[`, `*`, `.` or `}` continue it. So each entry's text
//! can be cut out and parsed on its own, into the same tree. Where the entries are is worked
//! out when the program is compiled (`index!`): at run time a lookup is a hash and a slice.
//! The built-in files are tested to parse without error as a whole and to give the same
//! texts this way.

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

/// A built-in UI file and where its entries are.
#[derive(Clone, Copy)]
pub(crate) struct Catalogue {
    text: &'static str,
    pieces: &'static [Piece],
    /// An open-addressing table over the entries' names (a term's without its `-`, as a
    /// bundle keys them): 1 + the index of a piece, 0 for an empty slot. A name written twice
    /// finds its last entry, as when the whole file is added to a bundle.
    slots: &'static [u16],
}

/// Byte offsets in the text: a name's bounds, and the entry's.
#[derive(Clone, Copy)]
pub(crate) struct Piece {
    name: (u32, u32),
    range: (u32, u32),
    term: bool,
}

impl Piece {
    fn name(self) -> std::ops::Range<usize> {
        self.name.0 as usize..self.name.1 as usize
    }

    fn range(self) -> std::ops::Range<usize> {
        self.range.0 as usize..self.range.1 as usize
    }
}

/// The catalogue of a text known when compiling (`include_str!`), indexed then.
macro_rules! index {
    ($text:expr) => {{
        const TEXT: &str = $text;
        const N: usize = $crate::i18n::catalogue::count(TEXT);
        const S: usize = $crate::i18n::catalogue::slots_for(N);
        const PIECES: [$crate::i18n::catalogue::Piece; N] = $crate::i18n::catalogue::pieces(TEXT);
        const SLOTS: [u16; S] = $crate::i18n::catalogue::slots(TEXT, &PIECES);
        $crate::i18n::catalogue::Catalogue::new(TEXT, &PIECES, &SLOTS)
    }};
}
pub(crate) use index;

impl Catalogue {
    pub(crate) const fn new(
        text: &'static str,
        pieces: &'static [Piece],
        slots: &'static [u16],
    ) -> Catalogue {
        Catalogue {
            text,
            pieces,
            slots,
        }
    }

    fn find(&self, name: &str) -> Option<&Piece> {
        let mask = self.slots.len() - 1;
        let mut slot = hash(name.as_bytes(), 0, name.len()) & mask;
        loop {
            let piece = self
                .pieces
                .get(usize::from(self.slots[slot]).checked_sub(1)?)?;
            if self.text.get(piece.name()) == Some(name) {
                return Some(piece);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Is there a message (not a term) of that name?
    pub(crate) fn has_message(&self, name: &str) -> bool {
        self.find(name).is_some_and(|piece| !piece.term)
    }

    /// The entry of that name, parsed.
    pub(crate) fn parse(&self, name: &str) -> Option<FluentResource> {
        let piece = self.find(name)?;
        let text = self.text.get(piece.range())?.to_owned();
        Some(FluentResource::try_new(text).unwrap_or_else(|(resource, _)| resource))
    }

    #[cfg(test)]
    pub(crate) fn text(&self) -> &'static str {
        self.text
    }

    #[cfg(test)]
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        let text = self.text;
        // Each name once, as a bundle holds it.
        self.slots
            .iter()
            .filter_map(|&slot| self.pieces.get(usize::from(slot).checked_sub(1)?))
            .map(move |piece| &text[piece.name()])
    }
}

/// FNV-1a over `bytes[start..end]`: simple enough for the compiler to run.
const fn hash(bytes: &[u8], start: usize, end: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = start;
    while i < end {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h as usize
}

/// Where the line starting at `at` opens an entry: its name's bounds, and whether it is a
/// term. None for a comment, a continuation, or junk (which ends the entry before it too).
const fn opening(bytes: &[u8], at: usize) -> (bool, Option<(usize, usize, bool)>) {
    let first = bytes[at];
    let term = first == b'-';
    let start = if term { at + 1 } else { at };
    let named = start < bytes.len() && bytes[start].is_ascii_alphabetic();
    if !(first.is_ascii_alphabetic() || term || first == b'#') {
        return (false, None);
    }
    if !named {
        // A comment, or a `-` without a name: the entry before ends here, none starts.
        return (true, None);
    }
    let mut end = start;
    while end < bytes.len()
        && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'-' || bytes[end] == b'_')
    {
        end += 1;
    }
    (true, Some((start, end, term)))
}

/// Calls `each(line start)` for every line of `bytes`, in a loop the compiler can run.
macro_rules! each_line {
    ($bytes:expr, |$at:ident| $body:block) => {{
        let bytes: &[u8] = $bytes;
        let mut $at = 0;
        while $at < bytes.len() {
            $body
            while $at < bytes.len() && bytes[$at] != b'\n' {
                $at += 1;
            }
            $at += 1;
        }
    }};
}

/// How many entries `text` has.
pub(crate) const fn count(text: &str) -> usize {
    let mut n = 0;
    each_line!(text.as_bytes(), |at| {
        if let (_, Some(_)) = opening(text.as_bytes(), at) {
            n += 1;
        }
    });
    n
}

/// The entries of `text`, in order: each runs until the next line that ends it.
pub(crate) const fn pieces<const N: usize>(text: &str) -> [Piece; N] {
    let bytes = text.as_bytes();
    assert!(bytes.len() <= u32::MAX as usize, "a UI file of over 4 GB");
    let empty = Piece {
        name: (0, 0),
        range: (0, 0),
        term: false,
    };
    let mut pieces = [empty; N];
    let mut n = 0;
    let mut open = false;
    each_line!(bytes, |at| {
        let (ends, starts) = opening(bytes, at);
        if ends && open {
            pieces[n - 1].range.1 = at as u32;
            open = false;
        }
        if let Some((start, end, term)) = starts {
            pieces[n] = Piece {
                name: (start as u32, end as u32),
                range: (at as u32, at as u32),
                term,
            };
            n += 1;
            open = true;
        }
    });
    if open {
        pieces[n - 1].range.1 = bytes.len() as u32;
    }
    pieces
}

/// A table with at least twice as many slots as entries, a power of two.
pub(crate) const fn slots_for(n: usize) -> usize {
    (2 * n + 1).next_power_of_two()
}

pub(crate) const fn slots<const S: usize>(text: &str, pieces: &[Piece]) -> [u16; S] {
    let bytes = text.as_bytes();
    assert!(
        pieces.len() < u16::MAX as usize,
        "too many entries for the table"
    );
    let mut slots = [0u16; S];
    let mut i = 0;
    while i < pieces.len() {
        let name = pieces[i].name;
        let mut slot = hash(bytes, name.0 as usize, name.1 as usize) & (S - 1);
        loop {
            let taken = slots[slot] as usize;
            if taken == 0 || same(bytes, pieces[taken - 1].name, name) {
                // A later entry of a name takes its slot over.
                slots[slot] = (i + 1) as u16;
                break;
            }
            slot = (slot + 1) & (S - 1);
        }
        i += 1;
    }
    slots
}

const fn same(bytes: &[u8], a: (u32, u32), b: (u32, u32)) -> bool {
    if a.1 - a.0 != b.1 - b.0 {
        return false;
    }
    let mut i = 0;
    while i < (a.1 - a.0) as usize {
        if bytes[a.0 as usize + i] != bytes[b.0 as usize + i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The names of the messages and terms the entries of `resource` refer to, which a bundle
/// must hold before they are formatted.
pub(crate) fn references<'r>(resource: &'r FluentResource, out: &mut Vec<&'r str>) {
    for entry in resource.entries() {
        let (value, attributes) = match entry {
            Entry::Message(m) => (m.value.as_ref(), &m.attributes),
            Entry::Term(t) => (Some(&t.value), &t.attributes),
            _ => continue,
        };
        let patterns = value.into_iter().chain(attributes.iter().map(|a| &a.value));
        for pattern in patterns {
            in_pattern(pattern, out);
        }
    }
}

fn in_pattern<'r>(pattern: &'r ast::Pattern<&'r str>, out: &mut Vec<&'r str>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            in_expression(expression, out);
        }
    }
}

fn in_expression<'r>(expression: &'r Expression<&'r str>, out: &mut Vec<&'r str>) {
    match expression {
        Expression::Select { selector, variants } => {
            in_inline(selector, out);
            for variant in variants {
                in_pattern(&variant.value, out);
            }
        }
        Expression::Inline(inline) => in_inline(inline, out),
    }
}

fn in_inline<'r>(inline: &'r InlineExpression<&'r str>, out: &mut Vec<&'r str>) {
    let arguments = match inline {
        InlineExpression::MessageReference { id, .. } => {
            out.push(id.name);
            None
        }
        InlineExpression::TermReference { id, arguments, .. } => {
            out.push(id.name);
            arguments.as_ref()
        }
        InlineExpression::FunctionReference { arguments, .. } => Some(arguments),
        InlineExpression::Placeable { expression } => {
            in_expression(expression, out);
            None
        }
        _ => None,
    };
    if let Some(arguments) = arguments {
        for value in arguments
            .positional
            .iter()
            .chain(arguments.named.iter().map(|n| &n.value))
        {
            in_inline(value, out);
        }
    }
}
