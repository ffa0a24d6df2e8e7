//! The documentation's links: every relative link in README.md, CONTRIBUTING.md, CHANGELOG.md and
//! the book under docs/ must reach a file that exists, and a `#fragment` must name a heading of
//! the Markdown file it points at (GitHub's anchors). The README stays a short page for users.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use walkdir::WalkDir;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose links are checked.
fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = ["README.md", "CONTRIBUTING.md", "CHANGELOG.md"]
        .iter()
        .map(|name| root().join(name))
        .collect();
    for entry in WalkDir::new(root().join("docs")).sort_by_file_name() {
        let entry = entry.expect("docs/ can be walked");
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "md") {
            pages.push(entry.into_path());
        }
    }
    pages
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// GitHub's anchor for a heading: lowercase, letters, digits, `-` and `_` kept, spaces become
/// `-`, other punctuation dropped.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Every anchor a Markdown text defines, a repeated heading getting `-1`, `-2`, ... as on GitHub.
fn anchors(text: &str) -> HashSet<String> {
    let mut anchors = HashSet::new();
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let base = slug(&heading.take().unwrap_or_default());
                let mut anchor = base.clone();
                let mut n = 0;
                while anchors.contains(&anchor) {
                    n += 1;
                    anchor = format!("{base}-{n}");
                }
                anchors.insert(anchor);
            }
            _ => {}
        }
    }
    anchors
}

/// Every link and image address of a Markdown text.
fn links(text: &str) -> Vec<String> {
    Parser::new_ext(text, options())
        .filter_map(|event| match event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => Some(dest_url.into_string()),
            _ => None,
        })
        .collect()
}

fn is_external(link: &str) -> bool {
    let lower = link.to_ascii_lowercase();
    ["http:", "https:", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// `file: link` for each relative link of `page` that reaches nothing.
fn broken_links(page: &Path) -> Vec<String> {
    let text = fs::read_to_string(page).expect("a page can be read");
    let name = page
        .strip_prefix(root())
        .unwrap_or(page)
        .display()
        .to_string();
    let mut broken = Vec::new();
    for link in links(&text) {
        if is_external(&link) {
            continue;
        }
        let (path, fragment) = match link.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (link.as_str(), None),
        };
        let target = if path.is_empty() {
            page.to_path_buf()
        } else {
            page.parent().expect("a page is in a folder").join(path)
        };
        if !target.exists() {
            broken.push(format!("{name}: {link} (no such file)"));
            continue;
        }
        let Some(fragment) = fragment else { continue };
        if target.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let target_text = fs::read_to_string(&target).expect("a linked page can be read");
        if !anchors(&target_text).contains(fragment) {
            broken.push(format!("{name}: {link} (no such heading)"));
        }
    }
    broken
}

#[test]
fn every_relative_link_reaches_a_file_and_heading() {
    let pages = pages();
    assert!(
        pages.iter().any(|p| p.starts_with(root().join("docs"))),
        "the book under docs/ is found"
    );
    let broken: Vec<String> = pages.iter().flat_map(|p| broken_links(p)).collect();
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn readme_is_short() {
    let text = fs::read_to_string(root().join("README.md")).unwrap();
    let lines = text.lines().count();
    assert!(
        lines <= 250,
        "README.md has {lines} lines; at most 250 (move the rest to docs/)"
    );
}

#[test]
fn slugs_are_githubs() {
    assert_eq!(slug("The hub (`spotlight site`)"), "the-hub-spotlight-site");
    assert_eq!(
        slug("Fitting in: editors, hooks, CI, forms and sign-off"),
        "fitting-in-editors-hooks-ci-forms-and-sign-off"
    );
    assert_eq!(
        slug("A file with mistakes is read past them, and never silently lost"),
        "a-file-with-mistakes-is-read-past-them-and-never-silently-lost"
    );
    let text = "# A\n\n## Setting the Scene\n\n```\n## Not a heading\n```\n\n## A\n";
    let found = anchors(text);
    assert!(found.contains("setting-the-scene"));
    assert!(found.contains("a") && found.contains("a-1"));
    assert!(!found.contains("not-a-heading"));
}
