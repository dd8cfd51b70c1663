//! The modules of `src` form layers: no two of them use each other, directly or through
//! others. Checked at every level of the tree: among the top modules (`consent` never uses
//! `tui`, which uses it), and among the children of each module (`tui::keymap` and
//! `tui::view` are not both above each other). A module and its own submodules are one unit:
//! a parent may use its children and they may use what it holds.
//!
//! The check reads the source: every path written `crate::…`, `super::…`, `self::…` or from a
//! child module's name, in `use` items (braces expanded) and in code, outside comments and
//! strings.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

type Module = Vec<String>;

/// Every module of the library with its source, by path (`[]` is the crate root).
fn modules() -> BTreeMap<Module, String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap().with_extension("");
            let mut segments: Module = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            match segments.last().map(String::as_str) {
                // The binary is another crate: it sees the library from outside.
                Some("main") if segments.len() == 1 => continue,
                Some("lib") if segments.len() == 1 => segments.clear(),
                Some("mod") => {
                    segments.pop();
                }
                _ => {}
            }
            found.insert(segments, fs::read_to_string(&path).unwrap());
        }
    }
    found
}

/// The source with comments, strings and character literals blanked out.
fn code_only(source: &str) -> String {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r' && (next == Some('"') || next == Some('#')) && !ident_before(&chars, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= chars.len() {
                    break;
                }
                if chars[j] == '"' && (0..hashes).all(|h| chars.get(j + 1 + h) == Some(&'#')) {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j;
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if c == '\'' {
            // A character literal ('x', '\n', '"'), or a lifetime ('a), which is left as is.
            let literal_end = match (next, chars.get(i + 2), chars.get(i + 3)) {
                (Some('\\'), _, _) => (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\''),
                (Some(_), Some('\''), _) => Some(i + 2),
                _ => None,
            };
            match literal_end {
                Some(end) => {
                    out.push_str("' '");
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `use a::{b, c::{d, e}};` → `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(&tree).to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand_use(p)
                .into_iter()
                .map(move |q| format!("{prefix}{q}"))
        })
        .collect()
}

/// Every path written in `code` that could name a module: `use` trees expanded, then
/// `a::b::c` runs in the rest.
fn paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = String::new();
    let mut remaining = code;
    while let Some(at) = find_use(remaining) {
        rest.push_str(&remaining[..at]);
        let item = &remaining[at + 4..];
        let end = item.find(';').unwrap_or(item.len());
        out.extend(expand_use(&item[..end]));
        remaining = &item[end..];
    }
    rest.push_str(remaining);
    let chars: Vec<char> = rest.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if (chars[i].is_alphabetic() || chars[i] == '_') && !ident_before(&chars, i) {
            let mut j = i;
            while j < chars.len()
                && (chars[j].is_alphanumeric()
                    || chars[j] == '_'
                    || (chars[j] == ':' && chars.get(j + 1) == Some(&':'))
                    || (j > 0 && chars[j] == ':' && chars[j - 1] == ':'))
            {
                j += 1;
            }
            let path: String = chars[i..j].iter().collect();
            if path.contains("::") {
                out.push(path);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out.into_iter()
        .map(|p| {
            p.split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect()
}

/// Where the next `use` item starts (`use` as a whole word, at the start of an item).
fn find_use(code: &str) -> Option<usize> {
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(at) = code[from..].find("use ") {
        let at = from + at;
        let before = at.checked_sub(1).map(|i| bytes[i]);
        if before.is_none_or(|b| !(b.is_ascii_alphanumeric() || b == b'_')) {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// The module a path written in `from` leads to, if it leads into the crate.
fn resolve(
    from: &Module,
    path: &[String],
    children: &BTreeSet<String>,
    all: &BTreeMap<Module, String>,
) -> Option<Module> {
    let mut base: Module = match path.first()?.as_str() {
        "crate" => Vec::new(),
        "self" => from.clone(),
        "super" => from.clone(),
        name if children.contains(name) => from.clone(),
        _ => return None,
    };
    let mut segments = path.iter().peekable();
    if path[0] == "crate" || path[0] == "self" {
        segments.next();
    }
    while segments.peek().is_some_and(|s| s.as_str() == "super") {
        base.pop()?;
        segments.next();
    }
    for segment in segments {
        let mut deeper = base.clone();
        deeper.push(segment.clone());
        if !all.contains_key(&deeper) {
            break;
        }
        base = deeper;
    }
    Some(base)
}

/// `mod x;` declarations: the module's children, reachable by their bare names.
fn child_names(code: &str) -> BTreeSet<String> {
    code.split(';')
        .filter_map(|item| {
            let words: Vec<&str> = item.split_whitespace().collect();
            match words.as_slice() {
                [.., "mod", name] => Some((*name).to_owned()),
                _ => None,
            }
        })
        .collect()
}

fn is_within(inner: &Module, outer: &Module) -> bool {
    inner.len() >= outer.len() && inner[..outer.len()] == outer[..]
}

#[test]
fn modules_form_layers_without_cycles() {
    let all = modules();
    // For each module, the graph among its direct children: an edge a → b when something in
    // a's subtree uses something in b's, with the place that shows it.
    let mut graphs: BTreeMap<Module, BTreeMap<(String, String), String>> = BTreeMap::new();
    for (module, source) in &all {
        let code = code_only(source);
        let children = child_names(&code);
        for path in paths(&code) {
            let Some(target) = resolve(module, &path, &children, &all) else {
                continue;
            };
            if is_within(module, &target) || is_within(&target, module) {
                continue;
            }
            let common = module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            let edge = (module[common].clone(), target[common].clone());
            graphs
                .entry(module[..common].to_vec())
                .or_default()
                .entry(edge)
                .or_insert_with(|| format!("{} uses {}", module.join("::"), path.join("::")));
        }
    }
    assert!(
        graphs.get(&Vec::new()).is_some_and(|g| g.len() > 10),
        "the check must see the crate's modules use each other: {graphs:?}"
    );
    let mut cycles = Vec::new();
    for (parent, edges) in &graphs {
        if let Some(cycle) = find_cycle(edges) {
            let shown: Vec<String> = cycle
                .windows(2)
                .map(|w| edges[&(w[0].clone(), w[1].clone())].clone())
                .collect();
            cycles.push(format!(
                "in {}: {}\n    {}",
                if parent.is_empty() {
                    "crate".to_owned()
                } else {
                    parent.join("::")
                },
                cycle.join(" → "),
                shown.join("\n    ")
            ));
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that use each other (move the shared part down a layer):\n{}",
        cycles.join("\n")
    );
    // The crate's own layers, bottom up (docs/architecture.md): a module uses only those of
    // lower layers.
    let layer = |name: &str| LAYERS.iter().position(|l| l.contains(&name));
    let mut upward = Vec::new();
    for ((from, to), shown) in &graphs[&Vec::new()] {
        match (layer(from), layer(to)) {
            (Some(a), Some(b)) if a > b => {}
            (Some(_), Some(_)) => upward.push(format!("{from} → {to}: {shown}")),
            _ => upward.push(format!("{from} or {to} is in no layer: add it to LAYERS")),
        }
    }
    assert!(
        upward.is_empty(),
        "uses against the layers:\n{}",
        upward.join("\n")
    );
}

/// The top modules, layer by layer from the bottom.
const LAYERS: &[&[&str]] = &[
    &["sanitize", "clock", "buttons", "exit", "speech"],
    &["files", "syslog"],
    &["i18n"],
    &["policy"],
    &["charter", "consent", "kiosk"],
    &["export", "doctor", "context"],
    &["commands", "tui"],
    &["cli"],
];

/// A cycle in the graph, as the nodes along it (first repeated last), if there is one.
fn find_cycle(edges: &BTreeMap<(String, String), String>) -> Option<Vec<String>> {
    let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().push(b);
    }
    fn visit<'a>(
        node: &'a str,
        next: &BTreeMap<&'a str, Vec<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|s| (*s).to_owned()).collect();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for n in next.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(n, next, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for start in next.keys() {
        if let Some(cycle) = visit(start, &next, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn the_check_sees_a_cycle() {
    let mut edges = BTreeMap::new();
    edges.insert(("a".into(), "b".into()), String::new());
    edges.insert(("b".into(), "c".into()), String::new());
    assert_eq!(find_cycle(&edges), None);
    edges.insert(("c".into(), "a".into()), String::new());
    assert_eq!(
        find_cycle(&edges),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

#[test]
fn paths_are_read_from_use_trees_and_code_not_comments_or_strings() {
    let code = code_only(
        "use crate::a::{self, b::C, d::{E, F}};\n\
         // crate::comment::x\n\
         let s = \"crate::string::y\"; let c = '\"'; super::g::h();",
    );
    let found: Vec<String> = paths(&code).into_iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "crate::a::self",
            "crate::a::b::C",
            "crate::a::d::E",
            "crate::a::d::F",
            "super::g::h"
        ]
    );
}
