//! Every rule spotlight checks, one family per file. Each rule returns diagnostics; none prints.
//! [`run`] loads a repository with the rules on one file ([`file`]) run while the file's text is
//! in memory, then runs the rules across files ([`across`]) and judges eligibility.

mod attachments;
mod eligibility;
mod form;
mod privacy;
mod programme;
#[cfg(test)]
mod properties;
mod reviews;
pub mod shine;
mod signoff;

pub use eligibility::approver_role;
pub use form::{SUMMARY_WORDS, is_email};

// The hub redacts what the privacy rules find and files sections as the SHINE rules do.
pub use privacy::{Finding, scan as find_personal_data};
pub use shine::{Heading, SECTIONS, classify as classify_heading};

use std::collections::HashMap;
use std::path::Path;

use anyhow::Result;
use chrono::NaiveDate;
use serde::Serialize;

use crate::codes::Code;
use crate::diagnostic::{self, Diagnostic, Position};
use crate::model::{Entry, Repository, Status, Submission};
use crate::parse::yaml::Origin;
use crate::programme::Programme;
use crate::source::Source;

/// Everything `validate` found, and each submission's standing.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub submissions: Vec<Verdict>,
}

/// Whether a submission can go forward to review.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    pub id: String,
    /// `draft`, `submitted`, `withdrawn`, or `null` when it could not be read.
    pub status: Option<Status>,
    /// `true`/`false` for current-edition submitted entries and for current-edition entries
    /// whose status could not be read (always `false`), `null` otherwise.
    pub eligible: Option<bool>,
    /// The codes of the errors that make it ineligible.
    pub reasons: Vec<Code>,
}

/// A submission or review file that could not be read in full, or at all: commands that leave
/// it out name it, and the counts include it.
#[derive(Debug, Clone)]
pub struct Unread<'a> {
    /// The file, relative to the root.
    pub file: &'a str,
    /// The findings that say why (reading and parsing errors).
    pub findings: Vec<&'a Diagnostic>,
}

impl Unread<'_> {
    /// Whether the file is a review (under `reviews/`) rather than a submission.
    pub fn is_review(&self) -> bool {
        self.file.starts_with("reviews/")
    }

    /// The edition folder the file sits in (`submissions/<edition>/...`), when it sits in one.
    pub fn edition(&self) -> Option<&str> {
        let mut parts = self.file.split('/');
        parts.next();
        parts.next().filter(|_| parts.next().is_some())
    }

    /// The id of the submission the file is (or, for a review, reviews): `<edition>/<slug>`.
    pub fn submission_id(&self) -> String {
        let parts: Vec<&str> = self.file.split('/').collect();
        match parts.as_slice() {
            [_, edition, slug, ..] if self.is_review() => format!("{edition}/{slug}"),
            [_, edition, name] => format!("{edition}/{}", name.trim_end_matches(".md")),
            _ => self.file.to_string(),
        }
    }

    /// One line on what went wrong: each finding's code, place and message.
    pub fn describe(&self) -> String {
        self.findings
            .iter()
            .map(|d| format!("{} at {}:{}: {}", d.code, d.line, d.column, d.message))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// The submission and review files `report` found reading errors in, by path. Drafts and
/// withdrawn submissions whose status could be read are left out: no command uses them.
pub fn unread<'a>(repo: &'a Repository, report: &'a Report) -> Vec<Unread<'a>> {
    let resting: std::collections::HashSet<&str> = repo
        .submissions
        .iter()
        .filter(|s| matches!(s.status(), Some(Status::Draft | Status::Withdrawn)))
        .map(|s| repo.source(s.parsed.source).path.as_str())
        .collect();
    let mut by_file: std::collections::BTreeMap<&str, Vec<&Diagnostic>> = Default::default();
    for d in &report.diagnostics {
        let programme_file = d.file.starts_with("submissions/") || d.file.starts_with("reviews/");
        if d.is_error()
            && d.code.is_reading()
            && programme_file
            && !resting.contains(d.file.as_str())
        {
            by_file.entry(d.file.as_str()).or_default().push(d);
        }
    }
    by_file
        .into_iter()
        .map(|(file, findings)| Unread { file, findings })
        .collect()
}

/// What the rules need besides the files.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// The date "today" for rules about the future (`--today`).
    pub today: NaiveDate,
    /// The programme's root, where the files a submission links to are looked for.
    pub root: &'a Path,
}

/// Loads the repository at `root` and runs every rule on it. `today` is the date for rules
/// about the future (`--today`); without it, today's date in the programme's time zone.
pub fn run(root: &Path, today: Option<NaiveDate>) -> Result<(Repository, Report)> {
    let (programme, config) = crate::load::read_programme(root)?;
    let options = Options {
        today: today.unwrap_or_else(|| crate::dates::today_in(programme.tz)),
        root,
    };
    let (repo, findings) = crate::load::load_files(root, programme, config, |p, source, entry| {
        file(p, source, entry, options)
    })?;
    let report = across(&repo, findings);
    Ok((repo, report))
}

/// The rules on one file: they read only that file (its text and what was parsed from it) and
/// the programme, so the loader runs them on every core while the text is in memory.
pub fn file(
    programme: &Programme,
    source: &Source,
    entry: Entry<'_>,
    options: Options<'_>,
) -> Vec<Diagnostic> {
    match entry {
        Entry::Submission(submission) => {
            let file = File::new(&source.path, submission.parsed.yaml_line);
            let mut found = form::check_submission(programme, submission, &file);
            found.extend(shine::check(programme, submission, &file, source));
            found.extend(privacy::check(submission, &file, source));
            found.extend(attachments::check(submission, &file, source, options.root));
            found.extend(signoff::check(submission, &file, source));
            if is_current_and_submitted(programme, submission) {
                found.extend(eligibility::check(
                    programme,
                    submission,
                    &file,
                    options.today,
                ));
            }
            found
        }
        Entry::Review(review) => {
            let file = File::new(&source.path, review.parsed.yaml_line);
            let mut found = reviews::check_file(review, &file, source);
            found.extend(privacy::check_review(review, &file, source));
            found
        }
    }
}

/// The rules across files and on categories.yaml, added to `findings` (those of each file),
/// and each submission's verdict.
pub fn across(repo: &Repository, findings: Vec<Diagnostic>) -> Report {
    let mut diagnostics = findings;
    diagnostics.extend(programme::check(repo));
    diagnostics.extend(form::check_across(repo));
    diagnostics.extend(reviews::check_across(repo));
    diagnostic::sort(&mut diagnostics);
    let mut errors_by_file: HashMap<&str, Vec<Code>> = HashMap::new();
    for d in diagnostics.iter().filter(|d| d.is_error()) {
        errors_by_file
            .entry(d.file.as_str())
            .or_default()
            .push(d.code);
    }
    let submissions = repo
        .submissions
        .iter()
        .map(|s| verdict(repo, s, &errors_by_file))
        .collect();
    Report {
        diagnostics,
        submissions,
    }
}

fn is_current_and_submitted(programme: &Programme, submission: &Submission) -> bool {
    submission.edition == programme.edition() && submission.status() == Some(Status::Submitted)
}

/// Whether a submission is judged: a current-edition entry that is submitted, or whose status
/// could not be read (its file's errors then make it ineligible; it is not left out of counts).
fn is_judged(programme: &Programme, submission: &Submission) -> bool {
    submission.edition == programme.edition()
        && matches!(submission.status(), Some(Status::Submitted) | None)
}

fn verdict(
    repo: &Repository,
    submission: &Submission,
    errors: &HashMap<&str, Vec<Code>>,
) -> Verdict {
    let eligible = is_judged(&repo.programme, submission);
    let mut reasons = Vec::new();
    if eligible {
        let path = repo.source(submission.parsed.source).path.as_str();
        reasons = errors.get(path).cloned().unwrap_or_default();
        if repo.programme.deadline.is_none() {
            // Nobody can be judged in time against a deadline that cannot be read: the reason
            // is categories.yaml's own finding.
            reasons.push(Code::ProgrammeBadSetting);
        }
        if reasons.is_empty() && submission.status().is_none() {
            // Only a file that was never read has no finding of its own and no status.
            reasons.push(Code::Unreadable);
        }
        reasons.sort();
        reasons.dedup();
    }
    Verdict {
        id: submission.id.clone(),
        status: submission.status(),
        eligible: eligible.then_some(reasons.is_empty()),
        reasons,
    }
}

/// A file being checked: its path and where its YAML starts, to place findings.
pub(crate) struct File<'a> {
    pub path: &'a str,
    pub origin: Origin<'a>,
}

impl<'a> File<'a> {
    fn new(path: &'a str, yaml_line: usize) -> Self {
        File {
            path,
            origin: Origin {
                file: path,
                first_line: yaml_line,
            },
        }
    }

    fn of(repo: &'a Repository, index: usize, yaml_line: usize) -> Self {
        File::new(&repo.source(index).path, yaml_line)
    }

    /// A finding at a position in this file.
    pub fn at(
        &self,
        code: Code,
        at: Position,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(code, self.path, at, message, help)
    }
}
