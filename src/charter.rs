//! The charter: Markdown turned into lines of styled words, wrapped to a width. Pure; styles
//! are named by kind here and coloured by the theme, so every theme shows the same structure.
//!
//! The cookie tables are generated from the policy and put where the operator's charter has a
//! `<!-- cookies -->` line (at the end otherwise), so the charter and the choose screen can
//! never disagree.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use crate::i18n::Localizer;
use crate::policy::Policy;
use crate::policy::message;

/// What a piece of text is, for the theme to style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Strong,
    Emphasis,
    Code,
    Link,
    Heading,
    /// The name of a row in a table (the first cell).
    Label,
}

/// One line of the laid-out charter.
pub(crate) type StyledLine = Vec<(String, Kind)>;

/// The paragraphs of laid-out lines, as ranges of lines: the runs between empty lines. The
/// voice reads the charter one of them at a time (a table or a list without blank lines
/// between its rows is one).
pub(crate) fn paragraphs(lines: &[StyledLine]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, line) in lines.iter().enumerate() {
        let blank = line.iter().all(|(t, _)| t.trim().is_empty());
        match (blank, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(s..lines.len());
    }
    out
}

/// The words of `lines` as one piece of text, as a voice reads them.
pub(crate) fn spoken(lines: &[StyledLine]) -> String {
    let words: Vec<&str> = lines
        .iter()
        .flat_map(|line| line.iter())
        .flat_map(|(t, _)| t.split_whitespace())
        // List bullets are drawn, not read.
        .filter(|w| !matches!(*w, "•" | "-"))
        .collect();
    words.join(" ")
}

/// A block of the document: a paragraph, a heading, a list item or a table row, with the
/// indentation and prefix it is drawn with.
#[derive(Debug, Clone, PartialEq)]
struct Block {
    indent: usize,
    /// Drawn before the first line ("• ", "1. "); later lines are indented to match.
    prefix: String,
    words: Vec<Word>,
    /// An empty line is drawn before this block.
    gap: bool,
}

/// Styled fragments with no space between them ("**bold**," is two fragments, one word).
type Word = Vec<(String, Kind)>;

/// The marker an operator puts in the charter where the cookie tables go.
pub(crate) const COOKIES_MARKER: &str = "<!-- cookies -->";

/// The charter of the current locale with the cookie tables of the policy put in.
pub fn with_cookie_tables(charter: &str, policy: &Policy, l10n: &Localizer) -> String {
    let tables = cookie_tables(policy, l10n);
    match charter.lines().position(|l| l.trim() == COOKIES_MARKER) {
        Some(_) => charter
            .lines()
            .map(|l| {
                if l.trim() == COOKIES_MARKER {
                    tables.as_str()
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n"),
        None => format!("{charter}\n\n{tables}"),
    }
}

fn cookie_tables(policy: &Policy, l10n: &Localizer) -> String {
    let mut md = String::new();
    for category in &policy.categories {
        let id = &category.id;
        md.push_str(&format!(
            "### {}\n\n",
            escape(&l10n.t(&message::category(id)))
        ));
        md.push_str(&format!(
            "{}\n\n",
            escape(&l10n.attr(&message::category(id), message::DESCRIPTION))
        ));
        let cookies: Vec<_> = policy.cookies_of(id).collect();
        if cookies.is_empty() {
            md.push_str(&format!("*{}*\n\n", escape(&l10n.t("no-cookies"))));
            continue;
        }
        let header = [
            "column-name",
            "column-provider",
            "column-service",
            "column-purpose",
        ]
        .map(|h| escape(&l10n.t(h)));
        md.push_str(&format!("| {} |\n|---|---|---|---|\n", header.join(" | ")));
        for c in cookies {
            let cells = [
                c.name.clone(),
                c.provider.clone(),
                l10n.t(&message::cookie_service(&c.id)),
                l10n.t(&message::cookie_purpose(&c.id)),
            ]
            .map(|cell| escape(&cell));
            md.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        md.push('\n');
    }
    md
}

/// Makes policy text literal inside generated Markdown.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A parsed charter, laid out once per width.
#[derive(Debug, Clone)]
pub struct Document {
    blocks: Vec<Block>,
}

impl Document {
    /// `colon` goes between a table's header and a cell (" :" in French, ":" in English).
    /// `bullet` starts the items of unnumbered lists ("• ", or "- " in plain mode).
    pub fn parse(markdown: &str, colon: &str, bullet: &str) -> Document {
        let builder = Builder {
            colon: colon.to_owned(),
            bullet: bullet.to_owned(),
            ..Builder::default()
        };
        Document {
            blocks: builder.build(markdown),
        }
    }

    /// The document as lines of at most `width` columns. Words longer than a line are cut,
    /// the cut marked with `-`.
    pub fn layout(&self, width: usize) -> Vec<StyledLine> {
        let width = width.max(4);
        let mut lines = Vec::new();
        for (i, block) in self.blocks.iter().enumerate() {
            if block.gap && i > 0 {
                lines.push(Vec::new());
            }
            wrap_block(block, width, &mut lines);
        }
        lines
    }
}

fn wrap_block(block: &Block, width: usize, lines: &mut Vec<StyledLine>) {
    let lead = block.indent + block.prefix.width();
    let avail = width.saturating_sub(lead).max(2);
    let mut current: StyledLine = Vec::new();
    let mut used = 0;
    let mut first = true;
    let mut flush = |current: &mut StyledLine, first: &mut bool| {
        let pad = if *first {
            format!("{}{}", " ".repeat(block.indent), block.prefix)
        } else {
            " ".repeat(lead)
        };
        let mut line = vec![(pad, Kind::Text)];
        for (t, k) in current.drain(..) {
            match line.last_mut() {
                Some((lt, lk)) if *lk == k => lt.push_str(&t),
                _ => line.push((t, k)),
            }
        }
        lines.push(line);
        *first = false;
    };
    for word in &block.words {
        let w: usize = word.iter().map(|(t, _)| t.width()).sum();
        if used > 0 && used + 1 + w > avail {
            flush(&mut current, &mut first);
            used = 0;
        }
        if used > 0 {
            push_merged(&mut current, " ", Kind::Text);
            used += 1;
        }
        if w <= avail - used {
            for (t, k) in word {
                push_merged(&mut current, t, *k);
            }
            used += w;
            continue;
        }
        // A word longer than a whole line: cut it, marking each cut.
        for (text, kind) in word {
            for c in text.chars() {
                let cw = c.to_string().width();
                if used + cw + 1 > avail {
                    current.push(("-".to_owned(), Kind::Text));
                    flush(&mut current, &mut first);
                    used = 0;
                }
                match current.last_mut() {
                    Some((t, k)) if k == kind && t != "-" => t.push(c),
                    _ => current.push((c.to_string(), *kind)),
                }
                used += cw;
            }
        }
    }
    if !current.is_empty() || first {
        flush(&mut current, &mut first);
    }
}

/// Appends `text` to the line, into its last fragment when that has the same kind: a line is
/// a few styled runs, not one allocation per word and space.
fn push_merged(line: &mut StyledLine, text: &str, kind: Kind) {
    match line.last_mut() {
        Some((t, k)) if *k == kind && t != "-" => t.push_str(text),
        _ => line.push((text.to_owned(), kind)),
    }
}

/// Walks pulldown-cmark's events and collects blocks.
#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    words: Vec<Word>,
    /// The current word is not finished (no space seen since its last fragment).
    open_word: bool,
    styles: Vec<Kind>,
    /// One entry per open list: the next number, or None for bullets.
    lists: Vec<Option<u64>>,
    pending_prefix: Option<String>,
    link: Option<String>,
    link_text: String,
    table_head: Vec<String>,
    row: Vec<Vec<Word>>,
    in_head: bool,
    colon: String,
    bullet: String,
    /// The next block starts a list and is set apart from what precedes it.
    gap_next: bool,
}

impl Builder {
    fn build(mut self, markdown: &str) -> Vec<Block> {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(markdown, options) {
            self.event(event);
        }
        self.end_block(true);
        self.blocks
    }

    fn kind(&self) -> Kind {
        self.styles.last().copied().unwrap_or(Kind::Text)
    }

    fn push_text(&mut self, text: &str, kind: Kind) {
        if self.link.is_some() {
            self.link_text.push_str(text);
        }
        for (i, part) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.open_word = false;
            }
            if part.is_empty() {
                continue;
            }
            match (self.open_word, self.words.last_mut()) {
                (true, Some(word)) => word.push((part.to_owned(), kind)),
                _ => self.words.push(vec![(part.to_owned(), kind)]),
            }
            self.open_word = true;
        }
    }

    fn space(&mut self) {
        self.open_word = false;
    }

    fn indent(&self) -> usize {
        self.lists.len().saturating_sub(1) * 2
    }

    fn end_block(&mut self, gap: bool) {
        self.open_word = false;
        if self.words.is_empty() {
            return;
        }
        let gap = gap || std::mem::take(&mut self.gap_next);
        let prefix = self.pending_prefix.take().unwrap_or_default();
        let indent = if prefix.is_empty() && !self.lists.is_empty() {
            self.indent() + 2
        } else {
            self.indent()
        };
        self.blocks.push(Block {
            indent,
            prefix,
            words: std::mem::take(&mut self.words),
            gap,
        });
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => {
                let kind = self.kind();
                self.push_text(&text, kind);
            }
            Event::Code(text) => self.push_text(&text, Kind::Code),
            Event::SoftBreak | Event::HardBreak => self.space(),
            Event::Rule => {
                self.end_block(true);
                self.words.push(vec![("────────".to_owned(), Kind::Text)]);
                self.end_block(true);
            }
            // Raw HTML (the cookies marker, comments) is not shown: a terminal is no browser.
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::TaskListMarker(done) => {
                self.push_text(if done { "[x]" } else { "[ ]" }, Kind::Text);
                self.space();
            }
            Event::FootnoteReference(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { .. } => {
                self.end_block(true);
                self.styles.push(Kind::Heading);
            }
            Tag::Paragraph if self.pending_prefix.is_none() => {
                self.end_block(true);
            }
            Tag::List(start) => {
                self.end_block(self.lists.is_empty());
                self.gap_next = self.lists.is_empty();
                self.lists.push(start);
            }
            Tag::Item => {
                self.end_block(false);
                let bullet = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let s = format!("{n}. ");
                        *n += 1;
                        s
                    }
                    _ => self.bullet.clone(),
                };
                self.pending_prefix = Some(bullet);
            }
            Tag::Emphasis => self.styles.push(Kind::Emphasis),
            Tag::Strong => self.styles.push(Kind::Strong),
            Tag::Strikethrough => self.styles.push(self.kind()),
            Tag::Link { dest_url, .. } => {
                self.link = Some(dest_url.to_string());
                self.link_text.clear();
                self.styles.push(Kind::Link);
            }
            Tag::CodeBlock(_) | Tag::BlockQuote(_) => self.end_block(true),
            Tag::Table(_) => self.end_block(true),
            Tag::TableHead => self.in_head = true,
            Tag::TableRow => self.row.clear(),
            Tag::TableCell => self.words.clear(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(level) => {
                if level == HeadingLevel::H1 {
                    for word in &mut self.words {
                        for (text, _) in word.iter_mut() {
                            *text = text.to_uppercase();
                        }
                    }
                }
                self.styles.pop();
                self.end_block(true);
            }
            TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::BlockQuote(_) => {
                let gap = self.pending_prefix.is_none() && self.lists.is_empty();
                self.end_block(gap);
            }
            TagEnd::Item => self.end_block(false),
            TagEnd::List(_) => {
                self.end_block(false);
                self.lists.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.styles.pop();
            }
            TagEnd::Link => {
                self.styles.pop();
                if let Some(url) = self.link.take() {
                    let shown = self.link_text.trim();
                    let url_shown = url.strip_prefix("mailto:").unwrap_or(&url);
                    if shown != url && shown != url_shown && !url.is_empty() {
                        self.space();
                        self.push_text(&format!("({url_shown})"), Kind::Link);
                    }
                }
            }
            TagEnd::TableCell => {
                self.open_word = false;
                let cell = std::mem::take(&mut self.words);
                if self.in_head {
                    let text: Vec<String> = cell
                        .iter()
                        .map(|w| w.iter().map(|(t, _)| t.as_str()).collect())
                        .collect();
                    self.table_head.push(text.join(" "));
                } else {
                    self.row.push(cell);
                }
            }
            TagEnd::TableHead => self.in_head = false,
            TagEnd::TableRow => self.table_row(),
            TagEnd::Table => self.table_head.clear(),
            _ => {}
        }
    }

    /// A table row becomes a small block: the first cell as a bullet, then one
    /// "Header: value" line per other cell. Narrow terminals and screen readers both read that
    /// better than columns.
    fn table_row(&mut self) {
        let row = std::mem::take(&mut self.row);
        let mut cells = row.into_iter();
        if let Some(first) = cells.next() {
            self.words = first
                .into_iter()
                .map(|w| w.into_iter().map(|(t, _)| (t, Kind::Label)).collect())
                .collect();
            self.pending_prefix = Some(self.bullet.clone());
            self.end_block(true);
        }
        for (i, cell) in cells.enumerate() {
            if cell.is_empty() {
                continue;
            }
            let header = self.table_head.get(i + 1).cloned().unwrap_or_default();
            self.words = vec![vec![(format!("{header}{}", self.colon), Kind::Strong)]];
            self.words.extend(cell);
            self.blocks.push(Block {
                indent: 2,
                prefix: String::new(),
                words: std::mem::take(&mut self.words),
                gap: false,
            });
        }
    }
}

/// Plain text (no Markdown) wrapped to `width` columns, by the same rules as the charter.
pub(crate) fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let block = Block {
        indent: 0,
        prefix: String::new(),
        words: text
            .split_whitespace()
            .map(|w| vec![(w.to_owned(), Kind::Text)])
            .collect(),
        gap: false,
    };
    let mut lines = Vec::new();
    wrap_block(&block, width.max(4), &mut lines);
    plain(&lines)
}

/// The plain text of laid-out lines, for tests and for searching.
pub fn plain(lines: &[StyledLine]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            l.iter()
                .map(|(t, _)| t.as_str())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use unic_langid::langid;

    fn text(md: &str, width: usize) -> Vec<String> {
        plain(&Document::parse(md, " :", "• ").layout(width))
    }

    #[test]
    fn paragraphs_wrap_at_the_width() {
        let lines = text("one two three four five six", 10);
        assert_eq!(lines, ["one two", "three four", "five six"]);
        assert!(lines.iter().all(|l| l.width() <= 10));
    }

    #[test]
    fn headings_lists_and_gaps() {
        let md = "# Title\n\nSome text.\n\n## Part\n\n- a\n- b\n\n1. x\n2. y\n";
        assert_eq!(
            text(md, 40),
            [
                "TITLE",
                "",
                "Some text.",
                "",
                "Part",
                "",
                "• a",
                "• b",
                "",
                "1. x",
                "2. y"
            ]
        );
    }

    #[test]
    fn list_items_indent_their_continuation_lines() {
        assert_eq!(
            text("- alpha beta gamma", 10),
            ["• alpha", "  beta", "  gamma"]
        );
    }

    #[test]
    fn long_words_are_cut_with_a_visible_marker() {
        let lines = text("abcdefghijkl", 6);
        assert_eq!(lines, ["abcde-", "fghij-", "kl"]);
    }

    #[test]
    fn styles_follow_the_markup() {
        let lines = Document::parse("a **b**, *c* `d` <https://x.fr>", ":", "• ").layout(80);
        let kinds: Vec<(&str, Kind)> = lines[0].iter().map(|(t, k)| (t.as_str(), *k)).collect();
        assert!(kinds.contains(&("b", Kind::Strong)));
        assert!(kinds.contains(&(", ", Kind::Text)));
        assert!(kinds.contains(&("c", Kind::Emphasis)));
        assert!(kinds.contains(&("d", Kind::Code)));
        assert!(kinds.contains(&("https://x.fr", Kind::Link)));
    }

    #[test]
    fn named_links_show_their_address() {
        assert_eq!(
            text("[the site](https://x.fr)", 80),
            ["the site (https://x.fr)"]
        );
    }

    #[test]
    fn tables_become_labelled_rows() {
        let md = "| Name | Purpose |\n|---|---|\n| sid | keep you logged in |\n";
        assert_eq!(text(md, 80), ["• sid", "  Purpose : keep you logged in"]);
    }

    #[test]
    fn cookie_tables_come_from_the_policy_at_the_marker() {
        let policy = Policy::embedded().unwrap();
        let l10n = policy.localizer(&langid!("en-US"));
        let md = with_cookie_tables("# T\n\n<!-- cookies -->\n\nEnd.", &policy, &l10n);
        let lines = text(&md, 200);
        let sid = lines
            .iter()
            .position(|l| l == "• sessionid")
            .expect("sessionid row");
        assert!(
            lines[sid + 1].starts_with("  Provider : Opendatasoft"),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l == "• django_language"));
        assert!(lines.iter().any(|l| l == "Statistics"));
        assert_eq!(lines.last().map(String::as_str), Some("End."));
        // Without a marker the tables go at the end.
        let md = with_cookie_tables("Intro.", &policy, &l10n);
        assert!(md.starts_with("Intro."));
        assert!(md.contains("sessionid"));
    }

    #[test]
    fn policy_text_cannot_inject_markup_into_the_tables() {
        assert_eq!(escape("a|b*c_"), "a\\|b\\*c\\_");
    }
}
