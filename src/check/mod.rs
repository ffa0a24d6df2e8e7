//! Every rule spotlight checks, one family per file. Each rule reads the repository and returns
//! diagnostics; none prints. `check` runs them all and judges eligibility from the result.

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
pub use form::is_email;

// The hub redacts what the privacy rules find and files sections as the SHINE rules do.
pub use privacy::{Finding, scan as find_personal_data};
pub use shine::{Heading, SECTIONS, classify as classify_heading};

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::codes::Code;
use crate::diagnostic::{self, Diagnostic, Position};
use crate::model::{Repository, Status, Submission};
use crate::parse::yaml::Origin;
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
    /// `draft`, `submitted`, `withdrawn`, or `null` when the front matter did not parse.
    pub status: Option<Status>,
    /// `true`/`false` for current-edition submitted entries, `null` otherwise.
    pub eligible: Option<bool>,
    /// The codes of the errors that make it ineligible.
    pub reasons: Vec<Code>,
}

/// What the rules need besides the repository.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The date "today" for rules about the future (`--today`).
    pub today: NaiveDate,
}

/// Runs every rule over `repo`. `load_findings` are the diagnostics from reading and parsing.
pub fn check(repo: &Repository, load_findings: Vec<Diagnostic>, options: Options) -> Report {
    let mut diagnostics = load_findings;
    diagnostics.extend(programme::check(repo));
    // The rules on one submission read only that submission and the programme.
    let per_file = crate::parallel::parallel_map(&repo.submissions, |submission| {
        let file = File::of(repo, submission.parsed.source, submission.parsed.yaml_line);
        let mut found = form::check_submission(repo, submission, &file);
        found.extend(shine::check(repo, submission, &file));
        found.extend(privacy::check(submission, &file));
        found.extend(signoff::check(submission, &file));
        if is_current_and_submitted(repo, submission) {
            found.extend(eligibility::check(repo, submission, &file, options.today));
        }
        found
    });
    diagnostics.extend(per_file.into_iter().flatten());
    diagnostics.extend(form::check_across(repo));
    diagnostics.extend(reviews::check(repo));
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

fn is_current_and_submitted(repo: &Repository, submission: &Submission) -> bool {
    submission.edition == repo.programme.edition() && submission.status() == Some(Status::Submitted)
}

fn verdict(
    repo: &Repository,
    submission: &Submission,
    errors: &HashMap<&str, Vec<Code>>,
) -> Verdict {
    let eligible = is_current_and_submitted(repo, submission);
    let mut reasons = Vec::new();
    if eligible {
        let path = repo.source(submission.parsed.source).path.as_str();
        reasons = errors.get(path).cloned().unwrap_or_default();
        if repo.programme.deadline.is_none() {
            // Nobody can be judged in time against a deadline that cannot be read: the reason
            // is categories.yaml's own finding.
            reasons.push(Code::ProgrammeBadSetting);
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

/// A file being checked: its source and where its YAML starts, to place findings.
pub(crate) struct File<'a> {
    pub source: &'a Source,
    pub origin: Origin<'a>,
}

impl<'a> File<'a> {
    fn of(repo: &'a Repository, index: usize, yaml_line: usize) -> Self {
        let source = repo.source(index);
        File {
            source,
            origin: Origin {
                file: &source.path,
                first_line: yaml_line,
            },
        }
    }

    /// A finding at a position in this file.
    pub fn at(
        &self,
        code: Code,
        at: Position,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic::new(code, &self.source.path, at, message, help)
    }

    /// The position of a body byte range, given the body's offset in the file.
    pub fn body_position(&self, body_offset: usize, offset: usize, len: usize) -> Position {
        self.source.position(body_offset + offset, len)
    }
}
