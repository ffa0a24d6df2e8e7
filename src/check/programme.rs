//! Rules for categories.yaml itself: settings that make sense, unique kebab-case ids, panels
//! that name known reviewers and are big enough.

use std::collections::HashSet;

use crate::parse::yaml::Spanned;
use chrono_tz::Tz;

use super::File;
use crate::codes::Code;
use crate::dates::{DateError, When};
use crate::diagnostic::Diagnostic;
use crate::london::{self, Resolution};
use crate::model::{Repository, is_slug};
use crate::programme::ApprovalFrom;

pub fn check(repo: &Repository) -> Vec<Diagnostic> {
    let file = File::of(repo, 0, 1);
    let mut out = settings(repo, &file);
    out.extend(categories(repo, &file));
    out.extend(reviewers(repo, &file));
    out
}

fn settings(repo: &Repository, file: &File) -> Vec<Diagnostic> {
    let settings = repo.programme.settings();
    let mut out = Vec::new();
    let bad = |value: &Spanned<String>, message: String, help: &str| {
        file.at(
            Code::ProgrammeBadSetting,
            file.origin.at(value),
            message,
            help,
        )
    };
    let edition = &settings.edition;
    if !(edition.value.len() == 4 && edition.value.bytes().all(|b| b.is_ascii_digit())) {
        out.push(bad(
            edition,
            format!("the edition `{}` is not a year", edition.value),
            "write the edition as a four-digit year, e.g. `edition: \"2026\"`",
        ));
    }
    if settings.timezone.value.parse::<Tz>().is_err() {
        out.push(bad(
            &settings.timezone,
            format!("`{}` is not a time zone", settings.timezone.value),
            "use an IANA time zone name such as `Europe/London`",
        ));
    }
    if let Some(from) = &settings.approval_from
        && ApprovalFrom::parse(&from.value).is_none()
    {
        out.push(bad(
            from,
            format!("`approval_from: {}` is not a choice", from.value),
            "write `any-authority` (a director of one submitting authority signs) or `every-authority` (one of each)",
        ));
    }
    out.extend(date_setting(repo, file, &settings.deadline, "deadline"));
    if let Some(review) = &settings.review_deadline {
        out.extend(date_setting(repo, file, review, "review_deadline"));
        // Days compare without a time zone, so this holds even when the zone is unknown.
        let deadline = When::parse(&settings.deadline.value).ok();
        if let (Some(deadline), Some(review_date)) = (deadline, repo.programme.review_deadline)
            && review_date < deadline.date_in(repo.programme.tz)
        {
            out.push(bad(
                review,
                format!(
                    "the review deadline {review_date} is before the submission deadline {}",
                    deadline.date_in(repo.programme.tz)
                ),
                "reviews happen after submissions close: move the review deadline later",
            ));
        }
    }
    for (count, name) in [
        (
            &settings.reviewers_per_submission,
            "reviewers_per_submission",
        ),
        (
            &settings.max_reviews_per_reviewer,
            "max_reviews_per_reviewer",
        ),
    ] {
        if count.value == 0 {
            out.push(file.at(
                Code::ProgrammeBadSetting,
                file.origin.position(&count.at, 1),
                format!("`{name}` is 0"),
                "set it to 1 or more",
            ));
        }
    }
    if settings.approver_roles.is_empty() {
        out.push(file.at(
            Code::ProgrammeBadSetting,
            file.origin.position(&settings.edition.at, 1),
            "`approver_roles` is empty, so no submission could ever be approved",
            "list the roles that may approve, e.g. [Director of Children's Services, Practice Leader, Assistant Director]",
        ));
    }
    out
}

fn date_setting(
    repo: &Repository,
    file: &File,
    value: &Spanned<String>,
    name: &str,
) -> Option<Diagnostic> {
    let problem = match When::parse(&value.value).and_then(|w| w.start(repo.programme.tz)) {
        Ok(_) => return None,
        Err(DateError::Unreadable) => format!("`{name}` `{}` is not a date", value.value),
        Err(DateError::Nonexistent) => {
            format!("`{name}` names a local time that does not exist (the clocks go forward)")
        }
        Err(DateError::Ambiguous(a, b)) => {
            format!("`{name}` names a local time that happens twice ({a} and {b})")
        }
    };
    Some(file.at(
        Code::ProgrammeBadSetting,
        file.origin.at(value),
        problem,
        "write a date such as 2026-04-24 (the end of that day) or a date-time with its offset",
    ))
}

fn categories(repo: &Repository, file: &File) -> Vec<Diagnostic> {
    let programme = &repo.programme;
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    let mut numbers = HashSet::new();
    for category in programme.categories() {
        let id = &category.id;
        out.extend(id_rules(file, id, "category id", &mut ids));
        if !numbers.insert(category.number.value) {
            out.push(file.at(
                Code::ProgrammeDuplicate,
                file.origin.position(&category.number.at, 1),
                format!("category number {} is used twice", category.number.value),
                "give each category its own number",
            ));
        }
        let mut on_panel = HashSet::new();
        for member in &category.panel {
            if programme.reviewer(&member.value).is_none() {
                let known: Vec<&str> = programme
                    .reviewers()
                    .iter()
                    .map(|r| r.id.value.as_str())
                    .collect();
                let help = match crate::parse::yaml::suggest(&member.value, &known) {
                    Some(best) => {
                        format!("did you mean `{best}`? Otherwise add them under `reviewers`")
                    }
                    None => "add the reviewer under `reviewers`, or correct the id".into(),
                };
                out.push(file.at(
                    Code::ProgrammeUnknownReviewer,
                    file.origin.at(member),
                    format!(
                        "panel of `{}` names unknown reviewer `{}`",
                        id.value, member.value
                    ),
                    help,
                ));
            }
            if !on_panel.insert(member.value.as_str()) {
                out.push(duplicate(file, member, "panel member"));
            }
        }
        let needed = programme.reviewers_per_submission() as usize;
        if on_panel.len() < needed {
            out.push(file.at(
                Code::ProgrammeSmallPanel,
                file.origin.at(id),
                format!(
                    "the panel of `{}` has {} member(s); each submission needs {needed}",
                    id.value,
                    on_panel.len()
                ),
                "add reviewers to the panel, from different authorities",
            ));
        }
    }
    out
}

fn reviewers(repo: &Repository, file: &File) -> Vec<Diagnostic> {
    let programme = &repo.programme;
    let mut out = Vec::new();
    let mut ids = HashSet::new();
    let on_a_panel: HashSet<&str> = programme
        .categories()
        .iter()
        .flat_map(|c| c.panel.iter().map(|m| m.value.as_str()))
        .collect();
    for reviewer in programme.reviewers() {
        let id = &reviewer.id;
        out.extend(id_rules(file, id, "reviewer id", &mut ids));
        if !on_a_panel.contains(id.value.as_str()) {
            out.push(file.at(
                Code::UnusedReviewer,
                file.origin.at(id),
                format!("reviewer `{}` sits on no panel", id.value),
                "add them to a category's `panel`, or remove them",
            ));
        }
        if !super::form::is_email(&reviewer.email.value) {
            out.push(file.at(
                Code::BadEmail,
                file.origin.at(&reviewer.email),
                format!("`{}` is not an email address", reviewer.email.value),
                "write the reviewer's address, e.g. ada.mensah@example.org",
            ));
        }
        let suggestion = match london::register().resolve(&reviewer.local_authority.value) {
            Resolution::Found(_) => continue,
            Resolution::Unknown { suggestion } => suggestion,
            Resolution::Ambiguous(_) => None,
        };
        let help = match suggestion {
            Some(best) => format!("did you mean `{best}`?"),
            None => "if they work for a London borough, write its name".into(),
        };
        out.push(file.at(
            Code::ReviewerAuthority,
            file.origin.at(&reviewer.local_authority),
            format!(
                "`{}` is not a London authority",
                reviewer.local_authority.value
            ),
            help,
        ));
    }
    out
}

/// An id must be kebab-case and unique among its kind (`seen`).
fn id_rules<'a>(
    file: &File,
    id: &'a Spanned<String>,
    what: &str,
    seen: &mut HashSet<&'a str>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !is_slug(&id.value) {
        out.push(file.at(
            Code::ProgrammeBadId,
            file.origin.at(id),
            format!("{what} `{}` is not kebab-case", id.value),
            format!(
                "use lowercase words joined by hyphens, e.g. `{}`",
                crate::model::slugify(&id.value)
            ),
        ));
    }
    if !seen.insert(id.value.as_str()) {
        out.push(duplicate(file, id, what));
    }
    out
}

fn duplicate(file: &File, value: &Spanned<String>, what: &str) -> Diagnostic {
    file.at(
        Code::ProgrammeDuplicate,
        file.origin.at(value),
        format!("{what} `{}` appears twice", value.value),
        "ids must be unique: rename or remove one",
    )
}
