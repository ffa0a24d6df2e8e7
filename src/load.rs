//! Finds the programme root, reads categories.yaml and every submission and review file, and
//! parses them. Each file's text is handed, with what was parsed from it, to the caller's
//! per-file rules while it is in memory, and let go afterwards: the repository keeps the parsed
//! records, not the texts, so memory does not grow with the size of the files. A bad file
//! becomes a diagnostic and the walk goes on; only an unreadable root or a broken
//! categories.yaml stops the load.

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use walkdir::WalkDir;

use crate::codes::Code;
use crate::diagnostic::{Diagnostic, Position};
use crate::model::{Entry, Parsed, Repository, Review, ReviewMeta, Submission, SubmissionMeta};
use crate::parallel::parallel_map;
use crate::parse::parse_file;
use crate::programme::{self, Programme};
use crate::source::{self, Source, SourceFile};

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

/// Loads the repository at `root`, with the findings made while reading and parsing and those
/// `per_file` makes of each file while its text is in memory.
pub fn load<F>(root: &Path, per_file: F) -> Result<(Repository, Vec<Diagnostic>)>
where
    F: Fn(&Programme, &Source, Entry<'_>) -> Vec<Diagnostic> + Sync,
{
    let (programme, config) = read_programme(root)?;
    load_files(root, programme, config, per_file)
}

/// Reads and parses `root`'s categories.yaml; a file that cannot be used is an error
/// ([`ConfigError`] when it is the file's content).
pub fn read_programme(root: &Path) -> Result<(Programme, SourceFile)> {
    let config_path = root.join(programme::FILE_NAME);
    let config_text = std::fs::read_to_string(&config_path)
        .with_context(|| format!("cannot read {}", config_path.display()))?;
    let stamp = Some(source::Stamp::new(&config_text));
    let config = Source::new(programme::FILE_NAME, config_text);
    match Programme::from_source(&config) {
        Ok(programme) => Ok((programme, SourceFile::new(programme::FILE_NAME, stamp))),
        Err(diagnostic) => Err(ConfigError {
            diagnostic,
            source: config,
        }
        .into()),
    }
}

/// Loads every submission and review file under `root` for `programme` (read from `config`),
/// as [`load`] does.
pub fn load_files<F>(
    root: &Path,
    programme: Programme,
    config: SourceFile,
    per_file: F,
) -> Result<(Repository, Vec<Diagnostic>)>
where
    F: Fn(&Programme, &Source, Entry<'_>) -> Vec<Diagnostic> + Sync,
{
    let (found, mut diagnostics) = find_files(root)?;
    let skipped = diagnostics.len();

    // Reading, parsing and the per-file rules are independent per file, so they run on every
    // core; each text is dropped as soon as its file is done.
    let read = parallel_map(&found, |(path, relative, kind)| {
        let (source, stamp) = source::read(path, relative)?;
        let (file, mut findings) = parse_one(&source, kind);
        let entry = match &file {
            File::Submission(s) => Entry::Submission(s),
            File::Review(r) => Entry::Review(r),
        };
        findings.extend(per_file(&programme, &source, entry));
        Ok((SourceFile::new(source.path, Some(stamp)), file, findings))
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
    for ((_, relative, kind), result) in found.iter().zip(read) {
        let (source, file, findings) = match result {
            Ok(parsed) => parsed,
            Err(unreadable) => {
                // The file stays in the programme, as a record with nothing read, so that no
                // count or list loses it; its finding says why.
                diagnostics.push(unreadable);
                let source = SourceFile::new(relative.clone(), None);
                (source, unread_one(kind), Vec::new())
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
                (Walked::Markdown(path), Some(kind)) => found.push((path, relative, kind)),
                (Walked::Markdown(_), None) => diagnostics.push(misplaced(&relative)),
                (Walked::Link(_), _) => diagnostics.push(link(&relative)),
                (Walked::OtherCase(_), _) => diagnostics.push(other_case(&relative)),
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

/// A record's source index before it joins the repository, when it is set.
const UNPLACED: usize = usize::MAX;

/// Parses one file; its source index is set when it joins the repository.
fn parse_one(source: &Source, kind: &Kind) -> (File, Vec<Diagnostic>) {
    match kind {
        Kind::Submission { edition, slug } => {
            let (parsed, findings) = parse_file(UNPLACED, source);
            (submission(edition, slug, parsed), findings)
        }
        Kind::Review {
            submission,
            reviewer,
        } => {
            let (parsed, findings) = parse_file(UNPLACED, source);
            (review(submission, reviewer, parsed), findings)
        }
    }
}

/// The record of a file that could not be read at all.
fn unread_one(kind: &Kind) -> File {
    match kind {
        Kind::Submission { edition, slug } => {
            submission(edition, slug, Parsed::unread_file(UNPLACED))
        }
        Kind::Review {
            submission,
            reviewer,
        } => review(submission, reviewer, Parsed::unread_file(UNPLACED)),
    }
}

fn submission(edition: &str, slug: &str, parsed: Parsed<SubmissionMeta>) -> File {
    File::Submission(Box::new(Submission {
        id: format!("{edition}/{slug}"),
        edition: edition.to_string(),
        slug: slug.to_string(),
        parsed,
    }))
}

fn review(submission: &str, reviewer: &str, parsed: Parsed<ReviewMeta>) -> File {
    File::Review(Box::new(Review {
        submission: submission.to_string(),
        reviewer: reviewer.to_string(),
        parsed,
    }))
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
enum Walked {
    Markdown(PathBuf),
    Link(PathBuf),
    OtherCase(PathBuf),
}

impl Walked {
    fn path(&self) -> &Path {
        match self {
            Walked::Markdown(path) | Walked::Link(path) | Walked::OtherCase(path) => path,
        }
    }
}

/// The entries under `dir`, sorted by path so every run sees them in the same order. README
/// files are notes for people, not submissions.
fn walk(dir: &Path) -> Result<Vec<Walked>> {
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
            entries.push(Walked::Link(entry.into_path()));
        } else if kind.is_file() && markdown && name.ends_with(".md") {
            entries.push(Walked::Markdown(entry.into_path()));
        } else if kind.is_file() && markdown {
            entries.push(Walked::OtherCase(entry.into_path()));
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
}
