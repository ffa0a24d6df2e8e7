//! Finds the programme root, reads categories.yaml and every submission and review file, and
//! parses them. A bad file becomes a diagnostic and the walk goes on; only an unreadable root or
//! a broken categories.yaml stops the load.

use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use walkdir::WalkDir;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};
use crate::model::{Parsed, Repository, Review, Submission};
use crate::parallel::parallel_map;
use crate::parse::parse_file;
use crate::programme::{self, Programme};
use crate::source::Source;

/// Files larger than this are refused: no submission needs more, and a huge file should not
/// stall CI.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// categories.yaml could not be used; carries the finding and the file to draw it against.
#[derive(Debug)]
pub struct ConfigError {
    pub diagnostic: Diagnostic,
    pub source: Source,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.diagnostic;
        write!(
            f,
            "{}:{}:{}: {} ({})",
            d.file, d.line, d.column, d.message, d.help
        )
    }
}

impl std::error::Error for ConfigError {}

/// The nearest directory at or above `start` holding categories.yaml, as cargo finds Cargo.toml.
pub fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join(programme::FILE_NAME).is_file())
        .map(Path::to_path_buf)
}

/// Loads the repository at `root`, with the findings made while reading and parsing.
pub fn load(root: &Path) -> Result<(Repository, Vec<Diagnostic>)> {
    let config_path = root.join(programme::FILE_NAME);
    let config_text = std::fs::read_to_string(&config_path)
        .with_context(|| format!("cannot read {}", config_path.display()))?;
    let config = Source::new(programme::FILE_NAME, config_text);
    let programme = match Programme::from_source(&config) {
        Ok(programme) => programme,
        Err(diagnostic) => {
            return Err(ConfigError {
                diagnostic,
                source: config,
            }
            .into());
        }
    };

    let (found, mut diagnostics) = find_files(root)?;
    let mut skipped = diagnostics.len();

    // Reading and parsing are independent per file, so both run on every core.
    let read = parallel_map(&found, |(path, relative, kind)| {
        let source = Source::new(relative.as_str(), read_text(path, relative)?);
        let (file, findings) = parse_one(&source, kind);
        Ok((source, file, findings))
    });
    // Sized up front: growing these vectors of large records copied them several times over.
    let mut sources = Vec::with_capacity(read.len() + 1);
    sources.push(config);
    let reviews_found = found
        .iter()
        .filter(|(_, _, kind)| matches!(kind, Kind::Review { .. }))
        .count();
    let mut submissions = Vec::with_capacity(found.len() - reviews_found);
    let mut reviews = Vec::with_capacity(reviews_found);
    for result in read {
        let (source, file, findings) = match result {
            Ok(parsed) => parsed,
            Err(unreadable) => {
                skipped += 1;
                diagnostics.push(unreadable);
                continue;
            }
        };
        diagnostics.extend(findings);
        // A file's index is its place in `sources`, known only once unreadable files are out.
        let index = sources.len();
        sources.push(source);
        match file {
            File::Submission(mut s) => {
                s.parsed.source = index;
                submissions.push(*s);
            }
            File::Review(mut r) => {
                r.parsed.source = index;
                reviews.push(*r);
            }
        }
    }
    let files = sources.len() + skipped;
    let repository = Repository::new(
        root.to_path_buf(),
        programme,
        sources,
        submissions,
        reviews,
        files,
    );
    Ok((repository, diagnostics))
}

/// A file to read: its path, its path relative to the root, and what that path says it is.
type ToRead = (PathBuf, String, Kind);

/// The files to read under `submissions/` and `reviews/`, and a finding for each file there
/// that will not be read.
fn find_files(root: &Path) -> Result<(Vec<ToRead>, Vec<Diagnostic>)> {
    let mut found = Vec::new();
    let mut diagnostics = Vec::new();
    for dir in ["submissions", "reviews"] {
        for entry in walk(&root.join(dir))? {
            let relative = relative_path(root, entry.path());
            match (entry, classify(&relative)) {
                (Entry::Markdown(path), Some(kind)) => found.push((path, relative, kind)),
                (Entry::Markdown(_), None) => diagnostics.push(misplaced(&relative)),
                (Entry::Link(_), _) => diagnostics.push(link(&relative)),
                (Entry::OtherCase(_), _) => diagnostics.push(other_case(&relative)),
            }
        }
    }
    Ok((found, diagnostics))
}

/// What a path says a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Submission {
        edition: String,
        slug: String,
    },
    Review {
        submission: String,
        reviewer: String,
    },
}

enum File {
    Submission(Box<Submission>),
    Review(Box<Review>),
}

fn classify(relative: &str) -> Option<Kind> {
    let parts: Vec<&str> = relative.split('/').collect();
    let stem = |name: &str| name.strip_suffix(".md").map(str::to_string);
    match parts.as_slice() {
        ["submissions", edition, file] => Some(Kind::Submission {
            edition: edition.to_string(),
            slug: stem(file)?,
        }),
        ["reviews", edition, slug, file] => Some(Kind::Review {
            submission: format!("{edition}/{slug}"),
            reviewer: stem(file)?,
        }),
        _ => None,
    }
}

/// Parses one file; its source index is set when it joins the repository.
fn parse_one(source: &Source, kind: &Kind) -> (File, Vec<Diagnostic>) {
    const UNPLACED: usize = usize::MAX;
    match kind {
        Kind::Submission { edition, slug } => {
            let (parsed, findings) = parse_file(UNPLACED, source);
            let submission = Submission {
                id: format!("{edition}/{slug}"),
                edition: edition.clone(),
                slug: slug.clone(),
                parsed,
            };
            (File::Submission(Box::new(submission)), findings)
        }
        Kind::Review {
            submission,
            reviewer,
        } => {
            let (parsed, findings): (Parsed<_>, _) = parse_file(UNPLACED, source);
            let review = Review {
                submission: submission.clone(),
                reviewer: reviewer.clone(),
                parsed,
            };
            (File::Review(Box::new(review)), findings)
        }
    }
}

fn misplaced(relative: &str) -> Diagnostic {
    let help = if relative.starts_with("reviews/") {
        "reviews live at reviews/<edition>/<submission-slug>/<reviewer-id>.md"
    } else {
        "submissions live at submissions/<edition>/<slug>.md, e.g. submissions/2026/merton-family-hub.md"
    };
    Diagnostic::new(
        Code::NotInEditionFolder,
        relative,
        Position::START,
        "this file is not where spotlight looks for it, so it is not checked",
        help,
    )
}

/// A walked entry that matters: a Markdown file, a link (never followed: it could lead outside
/// the repository or round in a loop), or a file whose `.md` is not in lower case.
enum Entry {
    Markdown(PathBuf),
    Link(PathBuf),
    OtherCase(PathBuf),
}

impl Entry {
    fn path(&self) -> &Path {
        match self {
            Entry::Markdown(path) | Entry::Link(path) | Entry::OtherCase(path) => path,
        }
    }
}

/// The entries under `dir`, sorted by path so every run sees them in the same order. README
/// files are notes for people, not submissions.
fn walk(dir: &Path) -> Result<Vec<Entry>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut entries = Vec::new();
    for entry in WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy();
        let lower = name.to_ascii_lowercase();
        let markdown = lower.ends_with(".md") && lower != "readme.md";
        let kind = entry.file_type();
        if kind.is_symlink() {
            entries.push(Entry::Link(entry.into_path()));
        } else if kind.is_file() && markdown && name.ends_with(".md") {
            entries.push(Entry::Markdown(entry.into_path()));
        } else if kind.is_file() && markdown {
            entries.push(Entry::OtherCase(entry.into_path()));
        }
    }
    Ok(entries)
}

fn link(relative: &str) -> Diagnostic {
    Diagnostic::new(
        Code::Unreadable,
        relative,
        Position::START,
        "this is a link, and spotlight does not follow links, so it is not checked",
        "replace the link with the file itself (or remove it): a submission or review must be an ordinary file",
    )
}

fn other_case(relative: &str) -> Diagnostic {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let stem = name
        .get(..name.len().saturating_sub(".md".len()))
        .unwrap_or(name);
    Diagnostic::new(
        Code::NotInEditionFolder,
        relative,
        Position::START,
        "this file's name does not end in `.md` (lower case), so it is not checked",
        format!("rename it to `{stem}.md`"),
    )
}

fn relative_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads a file as UTF-8 text within the size limit, or says why not.
fn read_text(path: &Path, relative: &str) -> Result<String, Diagnostic> {
    let unreadable = |at: Position, message: String, help: &str| {
        Diagnostic::new(Code::Unreadable, relative, at, message, help)
    };
    let cannot_read = |e: std::io::Error| {
        unreadable(
            Position::START,
            format!("cannot read the file: {e}"),
            "check the file's permissions",
        )
    };
    // Read at most one byte past the limit, so a huge file is never read whole, into a buffer
    // sized from the open file (growing it from empty costs more than the fstat).
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_or(0, |m| m.len()).min(MAX_FILE_BYTES);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0) + 1);
    (&file)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = file.metadata().map_or(0, |m| m.len());
        return Err(unreadable(
            Position::START,
            format!("the file is {size} bytes; the limit is {MAX_FILE_BYTES}"),
            "keep large attachments out of the repository and link to them from `links`",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        // The valid prefix is UTF-8, so the bad byte's line and column can be counted in it.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        unreadable(
            position_after(prefix),
            "the file is not valid UTF-8".into(),
            "save the file as UTF-8",
        )
    })?;
    if let Some(nul) = text.find('\0') {
        return Err(unreadable(
            position_after(&text[..nul]),
            "the file contains a NUL byte, so it is not a text file".into(),
            "save the file as plain UTF-8 text",
        ));
    }
    Ok(text)
}

/// The line and character column just after `prefix`: where a bad byte that follows it sits.
fn position_after(prefix: &str) -> Position {
    let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
    let line = prefix.matches('\n').count() + 1;
    Position::new(line, prefix[line_start..].chars().count() + 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_say_what_a_file_is() {
        assert_eq!(
            classify("submissions/2026/merton-hub.md"),
            Some(Kind::Submission {
                edition: "2026".into(),
                slug: "merton-hub".into()
            })
        );
        assert_eq!(
            classify("reviews/2026/merton-hub/ada-mensah.md"),
            Some(Kind::Review {
                submission: "2026/merton-hub".into(),
                reviewer: "ada-mensah".into()
            })
        );
        assert_eq!(classify("submissions/merton-hub.md"), None);
        assert_eq!(classify("reviews/2026/ada.md"), None);
    }

    #[cfg(unix)]
    #[test]
    fn links_and_upper_case_extensions_are_reported_not_skipped() {
        let dir = tempfile::TempDir::new().unwrap();
        let editions = dir.path().join("submissions/2026");
        std::fs::create_dir_all(&editions).unwrap();
        std::fs::write(editions.join("Case.MD"), "---\n---\n").unwrap();
        std::fs::write(editions.join("README.md"), "notes").unwrap();
        std::fs::write(dir.path().join("elsewhere.md"), "---\n---\n").unwrap();
        std::os::unix::fs::symlink(dir.path().join("elsewhere.md"), editions.join("link.md"))
            .unwrap();
        let (found, findings) = find_files(dir.path()).unwrap();
        assert!(found.is_empty(), "a link is never followed");
        let found: Vec<(&str, Code, &str)> = findings
            .iter()
            .map(|d| (d.file.as_str(), d.code, d.help.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "submissions/2026/Case.MD",
                    Code::NotInEditionFolder,
                    "rename it to `Case.md`"
                ),
                (
                    "submissions/2026/link.md",
                    Code::Unreadable,
                    "replace the link with the file itself (or remove it): a submission or review must be an ordinary file"
                ),
            ]
        );
    }

    #[test]
    fn an_invalid_byte_is_reported_at_its_column_not_the_start_of_its_line() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("x.md");
        std::fs::write(&path, b"---\ntitle: Caf\xe9\n").unwrap();
        let d = read_text(&path, "x.md").unwrap_err();
        assert_eq!((d.line, d.column), (2, 11));
        std::fs::write(&path, "---\nname: Priya\0 Shah\n").unwrap();
        let d = read_text(&path, "x.md").unwrap_err();
        assert_eq!((d.line, d.column), (2, 12));
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<usize> = (0..1000).collect();
        assert_eq!(
            parallel_map(&items, |x| x * 2),
            items.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
    }
}
