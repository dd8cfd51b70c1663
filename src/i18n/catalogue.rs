//! A built-in UI file, parsed one message at a time, when a message is first looked up.
//!
//! Parsing a whole UI file (about 350 messages) costs more than anything else before the
//! first frame: 0.2 ms, and 280 KB of syntax tree on fresh pages, for the few dozen messages
//! a screen shows. A Fluent entry starts on a line that begins with a letter (a message) or
//! `-` (a term), and runs until the next such line or a comment; indented lines, blank lines
//! and lines starting with `[`, `*`, `.` or `}` continue it. So each entry's text can be cut
//! out by a scan of the line starts and parsed on its own, into the same tree. The built-in
//! files are tested to parse without error as a whole and to give the same texts this way.

use std::collections::HashMap;
use std::ops::Range;

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

pub(crate) struct Catalogue {
    text: &'static str,
    /// By name as a bundle keys its entries (a term without its `-`): the last entry of
    /// that name, as when the whole file is added to a bundle.
    entries: HashMap<&'static str, Piece>,
}

#[derive(Clone)]
struct Piece {
    range: Range<usize>,
    term: bool,
}

impl Catalogue {
    pub(crate) fn scan(text: &'static str) -> Catalogue {
        let mut entries = HashMap::new();
        let mut open: Option<(&'static str, usize, bool)> = None;
        let mut offset = 0;
        // The end of the text closes the last entry, as a comment would.
        for line in text.split_inclusive('\n').chain(["#"]) {
            let starts = line.starts_with(|c: char| c.is_ascii_alphabetic() || c == '-');
            if (starts || line.starts_with('#'))
                && let Some((name, start, term)) = open.take()
            {
                let range = start..offset;
                entries.insert(name, Piece { range, term });
            }
            if starts {
                let term = line.starts_with('-');
                let name = line.trim_start_matches('-');
                let end = name
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
                    .unwrap_or(name.len());
                // A lone `-` is junk, as it is to the parser: it belongs to no entry.
                open = (end > 0).then(|| (&name[..end], offset, term));
            }
            offset += line.len();
        }
        Catalogue { text, entries }
    }

    /// Is there a message (not a term) of that name?
    pub(crate) fn has_message(&self, name: &str) -> bool {
        self.entries.get(name).is_some_and(|piece| !piece.term)
    }

    /// The entry of that name, parsed.
    pub(crate) fn parse(&self, name: &str) -> Option<FluentResource> {
        let piece = self.entries.get(name)?;
        let text = self.text[piece.range.clone()].to_owned();
        Some(FluentResource::try_new(text).unwrap_or_else(|(resource, _)| resource))
    }

    #[cfg(test)]
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.keys().copied()
    }
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
