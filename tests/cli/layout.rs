//! The shape of src/: no two rooms import each other. A circle means neither room can be read,
//! tested or moved without the other; a shared item belongs in the lower room.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each module of src/ (as a path like `site::pages`) and the modules it names, outside tests.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = BTreeMap::new();
    let mut test_only = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("src/ can be walked");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let module = module_of(&src, path);
        if module.is_empty() {
            continue; // lib.rs and main.rs name every room
        }
        let text = std::fs::read_to_string(path).expect("a source file is UTF-8");
        // Modules declared for tests only (`#[cfg(test)] mod tests;`) may reach anywhere.
        for (at, _) in text.match_indices("#[cfg(test)]") {
            let after = text[at + "#[cfg(test)]".len()..].trim_start();
            if let Some(name) = declared(after) {
                test_only.insert(format!("{module}::{name}"));
            }
        }
        // Code under test only (a test may reach anywhere) and no comments (a doc link names a
        // module without using it).
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let names = modules.entry(module.clone()).or_insert_with(BTreeSet::new);
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for name in named(line, &module) {
                names.insert(name);
            }
        }
    }
    modules.retain(|module, _| !test_only.contains(module));
    modules
}

/// `name` of `mod name;` at the start of `text`.
fn declared(text: &str) -> Option<&str> {
    let name = text.strip_prefix("mod ")?.split(';').next()?;
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then_some(name)
}

/// `src/site/pages/cards.rs` → `site::pages::cards`; `src/site/mod.rs` → `site`.
fn module_of(src: &Path, path: &Path) -> String {
    let mut parts: Vec<String> = path
        .strip_prefix(src)
        .unwrap()
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    if parts == ["lib"] || parts == ["main"] {
        return String::new();
    }
    parts.join("::")
}

/// The module paths a line names, through `crate::` or `super::`, resolved to full paths.
fn named(line: &str, module: &str) -> Vec<String> {
    let mut found = Vec::new();
    let path: Vec<&str> = module.split("::").collect();
    for (start, _) in line.match_indices("crate::") {
        let rest = &line[start + "crate::".len()..];
        for each in grouped(rest) {
            found.push(segments(each).join("::"));
        }
    }
    for (start, _) in line.match_indices("super::") {
        if start >= 2 && &line[start - 2..start] == "::" {
            continue; // `super::super::` is counted once, from its first `super`
        }
        let mut rest = &line[start..];
        let mut up = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            up += 1;
            rest = r;
        }
        if up > path.len() {
            continue;
        }
        for each in grouped(rest) {
            let mut full: Vec<&str> = path[..path.len() - up].to_vec();
            full.extend(segments(each));
            found.push(full.join("::"));
        }
    }
    found
}

/// `{a, b::c}` as `a` and `b::c`; any other path as itself.
fn grouped(text: &str) -> Vec<&str> {
    match text.strip_prefix('{') {
        Some(inner) => inner
            .split('}')
            .next()
            .unwrap_or("")
            .split(',')
            .map(str::trim)
            .collect(),
        None => vec![text],
    }
}

/// The leading `a::b::c` of a path, stopping at the first item that is not lower-case.
fn segments(text: &str) -> Vec<&str> {
    text.split("::")
        .map(|s| {
            s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
        })
        .take_while(|s| s.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
        .collect()
}

/// The room a path falls in, seen from `module`: the child of their common ancestor on the way
/// to each.
fn rooms(from: &str, to: &str) -> Option<(String, String)> {
    let a: Vec<&str> = from.split("::").collect();
    let b: Vec<&str> = to.split("::").filter(|s| !s.is_empty()).collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common >= a.len() || common >= b.len() {
        return None; // a room naming its own child or an ancestor is not a circle
    }
    let room = |parts: &[&str]| parts[..=common].join("::");
    Some((room(&a), room(&b)))
}

#[test]
fn no_two_rooms_import_each_other() {
    let modules = imports();
    let mut edges: BTreeSet<(String, String)> = BTreeSet::new();
    for (module, names) in &modules {
        for name in names {
            if let Some(edge) = rooms(module, name) {
                edges.insert(edge);
            }
        }
    }
    let circles: Vec<String> = edges
        .iter()
        .filter(|(a, b)| a < b && edges.contains(&(b.clone(), a.clone())))
        .map(|(a, b)| format!("{a} <-> {b}"))
        .collect();
    assert!(
        circles.is_empty(),
        "rooms that import each other (move what they share into the lower one): {circles:?}"
    );
    // The walk saw the tree: a test that reads nothing would pass for any layout.
    assert!(modules.contains_key("site::search") && modules.contains_key("parse::yaml_subset"));
}

#[test]
fn the_checker_sees_a_circle() {
    let edge = |from: &str, to: &str| rooms(from, &named(to, from).remove(0));
    assert_eq!(
        edge("site::search", "url: super::pages::submission_path(s),"),
        Some(("site::search".into(), "site::pages".into()))
    );
    assert_eq!(
        edge("site::pages::cards", "use crate::site::search;"),
        Some(("site::pages".into(), "site::search".into()))
    );
    assert_eq!(
        edge("report::counts", "use super::edition::{Edition, Entry};"),
        Some(("report::counts".into(), "report::edition".into()))
    );
    assert_eq!(
        edge("site::search", "use crate::{ascii, london};"),
        Some(("site".into(), "ascii".into()))
    );
    // A child using its parent's items is not a circle.
    assert_eq!(edge("site::pages::cards", "use super::Site;"), None);
    assert_eq!(
        module_of(Path::new("src"), &PathBuf::from("src/site/pages/mod.rs")),
        "site::pages"
    );
}
