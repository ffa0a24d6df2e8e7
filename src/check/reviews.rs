//! Rules on review files: the path agrees with the front matter, the submission, reviewer and
//! category exist, the reviewer sits on that panel without a conflict, a complete review has a
//! rating and reflections; and across reviews, the hard constraints of assignment.

use std::collections::{BTreeMap, HashMap};

use super::File;
use crate::codes::Code;
use crate::conflict::{self, employer_key};
use crate::diagnostic::Diagnostic;
use crate::model::{Repository, Review, ReviewMeta, ReviewStatus};
use crate::parse::yaml::{Spanned, suggest};
use crate::programme::{Programme, Reviewer};
use crate::source::Source;

/// The heading a review's letter-quoted text sits under.
pub const REFLECTIONS: &str = "Reflections";
/// The heading of the panel's private notes.
pub const NOTES: &str = "Notes for the panel";

/// The rules on one review file: its headings, and what it says of itself.
pub fn check_file(review: &Review, file: &File, source: &Source) -> Vec<Diagnostic> {
    let mut out = sections(review, file, source);
    if let Some(meta) = &review.parsed.meta {
        out.extend(form(review, meta, file));
    }
    out
}

/// The rules between reviews, the submissions they review and the programme.
pub fn check_across(repo: &Repository) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for review in repo.reviews.iter().filter(|r| is_current(repo, r)) {
        // What the review names is judged only when it could be read.
        if let Some(meta) = &review.parsed.meta
            && review.names_read()
        {
            let file = File::of(repo, review.parsed.source, review.parsed.yaml_line);
            out.extend(against_programme(repo, meta, &file));
        }
    }
    out.extend(across(repo));
    out
}

/// Whether a review belongs to the current edition. Reviews of earlier editions were made
/// against their own year's categories, panels and caps, so only their form is checked.
fn is_current(repo: &Repository, review: &Review) -> bool {
    review.edition() == repo.programme.edition()
}

/// What a review file must say of itself: a path that agrees with it, and, when complete, a
/// rating and reflections.
fn form(review: &Review, meta: &ReviewMeta, file: &File) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mismatch = |field: &Spanned<String>, expected: &str, name: &'static str| {
        (field.value != expected && review.parsed.read(name)).then(|| {
            file.at(
                Code::ReviewPath,
                file.origin.at(field),
                format!(
                    "`{name}` is `{}` but the file's path says `{expected}`",
                    field.value
                ),
                format!("set `{name}: {expected}`, or move the file to match"),
            )
        })
    };
    out.extend(mismatch(&meta.submission, &review.submission, "submission"));
    out.extend(mismatch(&meta.reviewer, &review.reviewer, "reviewer"));
    out.extend(completeness(review, meta, file));
    out
}

/// The submission, reviewer and category exist, the category was entered, and the reviewer
/// sits on its panel without a conflict.
fn against_programme(repo: &Repository, meta: &ReviewMeta, file: &File) -> Vec<Diagnostic> {
    let programme = &repo.programme;
    let Some(submission) = repo.submission(&meta.submission.value) else {
        return vec![unknown_submission(repo, meta, file)];
    };
    let Some(reviewer) = programme.reviewer(&meta.reviewer.value) else {
        return vec![file.at(
            Code::UnknownReviewer,
            file.origin.at(&meta.reviewer),
            format!(
                "`{}` is not a reviewer in categories.yaml",
                meta.reviewer.value
            ),
            "correct the id, or add the reviewer under `reviewers`",
        )];
    };
    let mut out = category_and_panel(programme, reviewer, meta, file);
    // When the submission's front matter did not parse (its own finding says so), what it
    // entered and whom it names are unknown: no rule can be judged against them.
    if submission.meta().is_none() {
        return out;
    }
    let category = &meta.category;
    let entered: Vec<String> = submission
        .categories()
        .into_iter()
        .map(|c| c.value)
        .collect();
    if programme.category(&category.value).is_some() && !entered.contains(&category.value) {
        out.push(file.at(
            Code::CategoryNotEntered,
            file.origin.at(category),
            format!("{} did not enter `{}`", submission.id, category.value),
            format!("it entered: {}", entered.join(", ")),
        ));
    }
    if let Some(conflict) = conflict::find(reviewer, submission) {
        out.push(file.at(
            Code::Conflict,
            file.origin.at(&meta.reviewer),
            format!("conflict of interest: {}", conflict.describe(reviewer)),
            "delete this review file and run `spotlight assign` to choose another panel member",
        ));
    }
    out
}

fn unknown_submission(repo: &Repository, meta: &ReviewMeta, file: &File) -> Diagnostic {
    let ids: Vec<&str> = repo.submissions.iter().map(|s| s.id.as_str()).collect();
    let help = match suggest(&meta.submission.value, &ids) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "name the submission as <edition>/<slug>, as in its path".into(),
    };
    file.at(
        Code::ReviewUnknownSubmission,
        file.origin.at(&meta.submission),
        format!("there is no submission `{}`", meta.submission.value),
        help,
    )
}

/// The review's category exists and the reviewer sits on its panel.
fn category_and_panel(
    programme: &Programme,
    reviewer: &Reviewer,
    meta: &ReviewMeta,
    file: &File,
) -> Vec<Diagnostic> {
    let category = &meta.category;
    let Some(entry) = programme.category(&category.value) else {
        return vec![file.at(
            Code::UnknownCategory,
            file.origin.at(category),
            format!("`{}` is not a category of this programme", category.value),
            format!("use one of: {}", programme.category_ids().join(", ")),
        )];
    };
    if entry.panel.iter().any(|m| m.value == reviewer.id.value) {
        return Vec::new();
    }
    vec![file.at(
        Code::NotOnPanel,
        file.origin.at(&meta.reviewer),
        format!("{} is not on the `{}` panel", reviewer.name, category.value),
        "delete the file and run `spotlight assign` to choose from the panel, or add them to it in categories.yaml",
    )]
}

fn completeness(review: &Review, meta: &ReviewMeta, file: &File) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(rating) = &meta.rating
        && !(1..=5).contains(&rating.value)
    {
        out.push(file.at(
            Code::InvalidValue,
            file.origin.position(&rating.at, 1),
            format!("`rating` is {}; it must be 1 to 5", rating.value),
            "rate from 1 (emerging) to 5 (exceptional)",
        ));
    }
    if meta.status.value != ReviewStatus::Complete {
        return out;
    }
    let status_at = file.origin.position(&meta.status.at, 8);
    if meta.rating.is_none() {
        out.push(file.at(
            Code::ReviewIncomplete,
            status_at,
            "the review is complete but has no `rating`",
            "add `rating:` from 1 to 5, or keep `status: assigned` until you are done",
        ));
    }
    let reflections = review
        .parsed
        .body
        .sections
        .iter()
        .find(|s| s.title.eq_ignore_ascii_case(REFLECTIONS));
    if reflections.is_none_or(|s| s.words == 0) {
        let what = match reflections {
            Some(_) => "`## Reflections` is empty",
            None => "has no `## Reflections`",
        };
        out.push(file.at(
            Code::ReviewIncomplete,
            status_at,
            format!("the review is complete but {what}"),
            "write what the panel wants the team to hear: it is quoted in their recognition letter",
        ));
    }
    out
}

fn sections(review: &Review, file: &File, source: &Source) -> Vec<Diagnostic> {
    let body = &review.parsed.body;
    let offset = review.parsed.body_offset;
    let mut out = Vec::new();
    for section in &body.sections {
        let known = [REFLECTIONS, NOTES]
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&section.title));
        if !known {
            let help = match suggest(&section.title, &[REFLECTIONS, NOTES]) {
                Some(best) => format!("did you mean `## {best}`?"),
                None => format!(
                    "use `## {REFLECTIONS}` (quoted in the letter) or `## {NOTES}` (private)"
                ),
            };
            out.push(file.at(
                Code::ReviewSections,
                source.position(offset + section.heading.start, section.heading.len()),
                format!(
                    "`{}` is not a review heading; its text is ignored",
                    section.title
                ),
                help,
            ));
        }
    }
    // A complete review without Reflections already has its error (SP0507).
    let complete = |m: &ReviewMeta| m.status.value == ReviewStatus::Complete;
    if review.parsed.meta.as_ref().is_some_and(|m| !complete(m))
        && !body
            .sections
            .iter()
            .any(|s| s.title.eq_ignore_ascii_case(REFLECTIONS))
    {
        out.push(file.at(
            Code::ReviewSections,
            crate::diagnostic::Position::new(source.line_count().max(1), 1, 1),
            format!("the review has no `## {REFLECTIONS}` heading"),
            format!("add `## {REFLECTIONS}` with what the team should hear, then `## {NOTES}`"),
        ));
    }
    out
}

/// The constraints that span review files: one review per reviewer and submission, different
/// authorities within a slot, no reviewer over their cap, no slot over-filled. They bind this
/// edition's assignment only, so reviews of earlier editions are left out.
fn across(repo: &Repository) -> Vec<Diagnostic> {
    let programme = &repo.programme;
    let mut out = Vec::new();
    let mut per_pair: HashMap<(&str, &str), &str> = HashMap::new();
    let mut per_slot: BTreeMap<(&str, &str), Vec<&Review>> = BTreeMap::new();
    let mut per_reviewer: BTreeMap<&str, Vec<&Review>> = BTreeMap::new();
    for review in repo.reviews.iter().filter(|r| is_current(repo, r)) {
        let Some(meta) = review.parsed.meta.as_ref().filter(|_| review.names_read()) else {
            continue;
        };
        let file = File::of(repo, review.parsed.source, review.parsed.yaml_line);
        let pair = (meta.submission.value.as_str(), meta.reviewer.value.as_str());
        if let Some(first) = per_pair.insert(pair, file.path) {
            per_pair.insert(pair, first);
            out.push(file.at(
                Code::ReviewTwice,
                file.origin.at(&meta.reviewer),
                format!(
                    "{} already reviews {} in {first}",
                    meta.reviewer.value, meta.submission.value
                ),
                "a reviewer reviews each submission once: delete one of the two files",
            ));
        }
        per_slot
            .entry((meta.submission.value.as_str(), meta.category.value.as_str()))
            .or_default()
            .push(review);
        per_reviewer
            .entry(meta.reviewer.value.as_str())
            .or_default()
            .push(review);
    }
    for ((submission, category), reviews) in &per_slot {
        let mut employers: HashMap<String, &str> = HashMap::new();
        for review in reviews {
            let meta = review
                .parsed
                .meta
                .as_ref()
                .expect("grouped reviews have front matter");
            let Some(reviewer) = programme.reviewer(&meta.reviewer.value) else {
                continue;
            };
            let file = File::of(repo, review.parsed.source, review.parsed.yaml_line);
            let previous = employers.insert(employer_key(reviewer), &meta.reviewer.value);
            // The same reviewer twice in a slot is SP0508's finding, not a shared employer.
            if let Some(other) = previous.filter(|&other| other != meta.reviewer.value) {
                out.push(file.at(
                    Code::SlotSameAuthority,
                    file.origin.at(&meta.reviewer),
                    format!(
                        "{} and {other} both work for {}, and both review {submission} for `{category}`",
                        meta.reviewer.value, reviewer.local_authority.value
                    ),
                    "delete one of the two reviews and run `spotlight assign`",
                ));
            }
        }
        let needed = programme.reviewers_per_submission() as usize;
        if reviews.len() > needed {
            let review = reviews[needed];
            let file = File::of(repo, review.parsed.source, review.parsed.yaml_line);
            out.push(file.at(
                Code::TooManyReviewers,
                crate::diagnostic::Position::START,
                format!(
                    "{submission} has {} reviewers for `{category}`; it needs {needed}",
                    reviews.len()
                ),
                "remove the extra review if it was a mistake",
            ));
        }
    }
    for (id, reviews) in per_reviewer {
        let Some(reviewer) = programme.reviewer(id) else {
            continue;
        };
        let cap = programme.cap(reviewer) as usize;
        for review in reviews.iter().skip(cap) {
            let file = File::of(repo, review.parsed.source, review.parsed.yaml_line);
            let meta = review
                .parsed
                .meta
                .as_ref()
                .expect("grouped reviews have front matter");
            out.push(file.at(
                Code::OverCap,
                file.origin.at(&meta.reviewer),
                format!(
                    "{} has {} reviews; their cap is {cap}",
                    reviewer.name,
                    reviews.len()
                ),
                "move this review to another panel member, or raise `max_reviews` if they agreed",
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Loads a programme made of the base categories.yaml and `files`, and checks its reviews.
    fn review_findings(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        let dir = tempfile::TempDir::new().unwrap();
        let base = include_str!("../../tests/fixtures/base/categories.yaml");
        std::fs::write(dir.path().join("categories.yaml"), base).unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let today = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let (_, report) = super::super::run(dir.path(), Some(today)).unwrap();
        report
            .diagnostics
            .into_iter()
            .filter(|d| d.file.starts_with("reviews/"))
            .collect()
    }

    #[test]
    fn one_reviewer_twice_in_a_slot_is_not_said_to_share_an_authority_with_themselves() {
        let submission = "---\ntitle: x\ncategories: [data]\nlocal_authorities: [Merton]\ncontact: {name: Kim Lee, email: kim.lee@example.org}\nstatus: draft\n---\n";
        let review = "---\nsubmission: 2026/x\nreviewer: omar-farouk\ncategory: data\nstatus: assigned\n---\n\n## Reflections\n";
        let found = review_findings(&[
            ("submissions/2026/x.md", submission),
            ("reviews/2026/x/omar-farouk.md", review),
            ("reviews/2026/y/omar-farouk.md", review),
        ]);
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::ReviewPath, Code::ReviewTwice], "{found:#?}");
        assert_eq!(
            found[1].message,
            "omar-farouk already reviews 2026/x in reviews/2026/x/omar-farouk.md"
        );
    }

    #[test]
    fn a_review_of_a_submission_whose_front_matter_failed_is_not_said_to_miss_its_category() {
        let submission = "---\ntitle: x\ncategories: [health\nstatus: draft\n---\n";
        let review = "---\nsubmission: 2026/x\nreviewer: omar-farouk\ncategory: health\nstatus: assigned\n---\n\n## Reflections\n";
        let found = review_findings(&[
            ("submissions/2026/x.md", submission),
            ("reviews/2026/x/omar-farouk.md", review),
        ]);
        assert_eq!(found, [], "the submission's own SP0004 is the finding");
    }

    #[test]
    fn a_misspelt_reflections_heading_suggests_the_heading_and_is_reported_once() {
        let submission = "---\ntitle: x\ncategories: [health]\nlocal_authorities: [Merton]\ncontact: {name: Kim Lee, email: kim.lee@example.org}\nstatus: draft\n---\n";
        let review = "---\nsubmission: 2026/x\nreviewer: omar-farouk\ncategory: health\nstatus: complete\nrating: 4\n---\n\n## Reflection\n\nClear and practical.\n";
        let found = review_findings(&[
            ("submissions/2026/x.md", submission),
            ("reviews/2026/x/omar-farouk.md", review),
        ]);
        let codes: Vec<Code> = found.iter().map(|d| d.code).collect();
        // In file order: the status line, then the heading.
        assert_eq!(
            codes,
            [Code::ReviewIncomplete, Code::ReviewSections],
            "{found:#?}"
        );
        assert_eq!(found[1].help, "did you mean `## Reflections`?");
    }
}
