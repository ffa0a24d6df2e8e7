//! Rules on a submission's form: its path, its fields, the authorities, categories and themes it
//! names, and (across files) unique ids and `supersedes` links.

use std::collections::{HashMap, HashSet};

use crate::parse::yaml::Spanned;

use super::File;
use crate::codes::Code;
use crate::dates::{DateError, When};
use crate::diagnostic::{Diagnostic, Position};
use crate::london::{self, Resolution};
use crate::model::{Repository, Submission, SubmissionMeta, is_slug, slugify};
use crate::parse::markdown::word_count;
use crate::parse::yaml::{items, suggest};
use crate::programme::Programme;

/// The most words a summary may have.
pub const SUMMARY_WORDS: usize = 80;

pub fn check_submission(
    programme: &Programme,
    submission: &Submission,
    file: &File,
) -> Vec<Diagnostic> {
    let mut out = path(submission, file);
    let Some(meta) = submission.meta() else {
        return out;
    };
    let current = submission.edition == programme.edition();
    let read = |field: &str| submission.parsed.read(field);
    out.extend(blank_lists(meta, file));
    out.extend(text_fields(meta, file, &read));
    out.extend(authorities(meta, file));
    if current && read("categories") {
        out.extend(categories(programme, meta, file));
        out.extend(themes(programme, meta, file));
    }
    out.extend(dates(programme, meta, file));
    out
}

fn path(submission: &Submission, file: &File) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !(submission.edition.len() == 4 && submission.edition.bytes().all(|b| b.is_ascii_digit())) {
        out.push(file.at(
            Code::NotInEditionFolder,
            Position::START,
            format!("`{}` is not an edition folder", submission.edition),
            "submissions live in submissions/<year>/, e.g. submissions/2026/",
        ));
    }
    if !is_slug(&submission.slug) {
        out.push(file.at(
            Code::BadSlug,
            Position::START,
            format!("`{}` is not a valid slug", submission.slug),
            format!(
                "rename the file to `{}.md`: lowercase letters, digits and single hyphens",
                slugify(&submission.slug)
            ),
        ));
    }
    out
}

/// Required lists written with no value at all (`categories:`), which YAML reads as null.
fn blank_lists(meta: &SubmissionMeta, file: &File) -> Vec<Diagnostic> {
    let fields = [
        (
            &meta.categories,
            "categories",
            "write the id of each category entered, e.g. `categories: [health, data]`",
        ),
        (
            &meta.local_authorities,
            "local_authorities",
            "write the London authorities the practice belongs to, e.g. `local_authorities: [Merton, Sutton]`",
        ),
    ];
    fields
        .into_iter()
        .filter(|(field, _, _)| field.value.blank)
        .map(|(field, name, help)| {
            file.at(
                Code::EmptyField,
                file.origin.position(&field.at, 1),
                format!("`{name}` is empty"),
                help,
            )
        })
        .collect()
}

/// The text fields' rules; `read` says which fields were read (placeholders are not judged).
fn text_fields(meta: &SubmissionMeta, file: &File, read: &dyn Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut require = |value: &Spanned<String>, name: &str| {
        if value.value.trim().is_empty() {
            out.push(file.at(
                Code::EmptyField,
                file.origin.at(value),
                format!("`{name}` is empty"),
                format!("write the {name}"),
            ));
        }
    };
    if read("title") {
        require(&meta.title, "title");
    }
    if read("contact") {
        require(&meta.contact.name, "contact name");
    }
    for person in &meta.team {
        require(&person.name, "team member's name");
    }
    for link in &meta.links {
        require(&link.title, "link title");
    }
    if let Some(summary) = &meta.summary {
        let words = word_count(&summary.value);
        if words > SUMMARY_WORDS {
            out.push(file.at(
                Code::SummaryTooLong,
                file.origin.at(summary),
                format!("the summary has {words} words; the limit is {SUMMARY_WORDS}"),
                format!(
                    "cut {} words; the detail belongs in the SHINE sections",
                    words - SUMMARY_WORDS
                ),
            ));
        }
    }
    let email = &meta.contact.email;
    if read("contact") && !is_email(&email.value) {
        out.push(file.at(
            Code::BadEmail,
            file.origin.at(email),
            format!("`{}` is not an email address", email.value),
            "write the contact's address, e.g. priya.shah@example.org; the letter is sent there",
        ));
    }
    for email in meta.approval.iter().filter_map(|a| a.email.as_ref()) {
        if read("approval") && !is_email(&email.value) {
            out.push(file.at(
                Code::BadEmail,
                file.origin.at(email),
                format!("`{}` is not an email address", email.value),
                "write the director's address, e.g. jo.barnes@example.org, or leave `email` out; \
                 e-mailed letters copy the director there",
            ));
        }
    }
    for link in &meta.links {
        let url = link.url.value.trim();
        let rest = url
            .strip_prefix("https://")
            .or_else(|| url.strip_prefix("http://"));
        if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
            out.push(file.at(
                Code::BadLink,
                file.origin.at(&link.url),
                format!("`{url}` is not an http(s) URL"),
                "write the full address, starting https://",
            ));
        }
    }
    out
}

fn authorities(meta: &SubmissionMeta, file: &File) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for item in items(&meta.local_authorities) {
        let at = file.origin.at(&item);
        match london::register().resolve(&item.value) {
            Resolution::Found(index) => {
                if !seen.insert(index) {
                    out.push(file.at(
                        Code::DuplicateEntry,
                        at,
                        format!(
                            "`{}` is listed twice",
                            london::register().get(index).short_name
                        ),
                        "remove the repeat",
                    ));
                }
            }
            Resolution::Ambiguous(names) => out.push(file.at(
                Code::AmbiguousAuthority,
                at,
                format!("`{}` could mean any of {}", item.value, names.join(", ")),
                "write the authority's name instead of the initialism",
            )),
            Resolution::Unknown { suggestion } => {
                let help = match suggestion {
                    Some(best) => format!("did you mean `{best}`? Bodies outside London belong in `partners`"),
                    None => "list only the 32 London boroughs and the City of London here; NHS bodies, police, schools, charities and councils outside London belong in `partners`".into(),
                };
                out.push(file.at(
                    Code::UnknownAuthority,
                    at,
                    format!("`{}` is not a London local authority", item.value),
                    help,
                ));
            }
        }
    }
    out
}

fn categories(programme: &Programme, meta: &SubmissionMeta, file: &File) -> Vec<Diagnostic> {
    let known = programme.category_ids();
    let list = items(&meta.categories);
    let mut out = Vec::new();
    // A blank `categories:` is already reported as empty.
    if list.is_empty() && !meta.categories.value.blank {
        out.push(file.at(
            Code::NoCategory,
            file.origin.position(&meta.categories.at, 1),
            "no category is entered",
            format!("add one or more of: {}", known.join(", ")),
        ));
    }
    out.extend(unknown_names(
        &list,
        &known,
        file,
        Code::UnknownCategory,
        "category",
    ));
    out
}

fn themes(programme: &Programme, meta: &SubmissionMeta, file: &File) -> Vec<Diagnostic> {
    let Some(themes) = &meta.themes else {
        return Vec::new();
    };
    let known = programme.themes();
    unknown_names(&items(themes), &known, file, Code::UnknownTheme, "theme")
}

/// Findings for names not in `known` (with a suggestion) and for repeats.
fn unknown_names(
    list: &[Spanned<String>],
    known: &[&str],
    file: &File,
    code: Code,
    what: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    for item in list {
        let at = file.origin.at(item);
        if !known.contains(&item.value.as_str()) {
            let help = match suggest(&item.value, known) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("use one of: {}", known.join(", ")),
            };
            out.push(file.at(
                code,
                at,
                format!("`{}` is not a {what} of this programme", item.value),
                help,
            ));
        } else if !seen.insert(item.value.as_str()) {
            out.push(file.at(
                Code::DuplicateEntry,
                at,
                format!("`{}` is listed twice", item.value),
                "remove the repeat",
            ));
        }
    }
    out
}

fn dates(programme: &Programme, meta: &SubmissionMeta, file: &File) -> Vec<Diagnostic> {
    let tz = programme.tz;
    let mut out = Vec::new();
    let fields = meta
        .submitted
        .iter()
        .map(|s| (s, "submitted"))
        .chain(meta.approval.iter().map(|a| (&a.date, "approval date")));
    for (value, name) in fields {
        let parsed = When::parse(&value.value);
        let problem = match parsed.clone().and_then(|when| when.start(tz)) {
            Ok(_) => continue,
            Err(problem) => problem,
        };
        out.push(date_finding(file, value, name, &problem));
    }
    out
}

/// The finding for a date that cannot be used.
pub fn date_finding(
    file: &File,
    value: &Spanned<String>,
    name: &str,
    problem: &DateError,
) -> Diagnostic {
    let at = file.origin.at(value);
    match problem {
        DateError::Unreadable => file.at(
            Code::BadDate,
            at,
            format!("`{name}` `{}` is not a date or date-time", value.value),
            "write 2026-04-22, or 2026-04-22T16:05:00+01:00 with the offset",
        ),
        DateError::Nonexistent => file.at(
            Code::AmbiguousLocalTime,
            at,
            format!(
                "`{name}` `{}` never happens in London: the clocks go forward",
                value.value
            ),
            "add the offset you meant, e.g. +00:00 or +01:00",
        ),
        DateError::Ambiguous(first, second) => file.at(
            Code::AmbiguousLocalTime,
            at,
            format!(
                "`{name}` `{}` happens twice in London (at {first} and {second})",
                value.value
            ),
            format!(
                "add the offset you meant: `{}{first}` or `{}{second}`",
                value.value, value.value
            ),
        ),
    }
}

/// Rules across submissions: ids unique regardless of case, `supersedes` links that resolve.
pub fn check_across(repo: &Repository) -> Vec<Diagnostic> {
    let mut out = unique_ids(repo);
    out.extend(supersedes(repo));
    out
}

fn unique_ids(repo: &Repository) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut by_lower: HashMap<String, &Submission> = HashMap::new();
    for submission in &repo.submissions {
        if let Some(first) = by_lower.insert(submission.id.to_lowercase(), submission) {
            let path = &repo.source(submission.parsed.source).path;
            out.push(Diagnostic::new(
                Code::DuplicateId,
                path,
                Position::START,
                format!(
                    "this file has the same id as {}",
                    repo.source(first.parsed.source).path
                ),
                "rename or remove one of the two files",
            ));
        }
    }
    out
}

/// `supersedes` names another submission, of an earlier edition, that nothing else supersedes.
fn supersedes(repo: &Repository) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut superseded: HashMap<&str, &str> = HashMap::new();
    for submission in &repo.submissions {
        let Some(target) = submission.meta().and_then(|m| m.supersedes.as_ref()) else {
            continue;
        };
        let problem = match repo.submission(&target.value) {
            _ if target.value == submission.id => {
                Some("a submission cannot supersede itself".to_string())
            }
            None => Some(format!(
                "`{}` is not a submission in this repository",
                target.value
            )),
            Some(earlier) if earlier.edition >= submission.edition => Some(format!(
                "`{}` is not from an earlier edition than {}",
                target.value, submission.edition
            )),
            Some(_) => superseded
                .insert(target.value.as_str(), submission.id.as_str())
                .map(|other| format!("`{}` is already superseded by {other}", target.value)),
        };
        if let Some(message) = problem {
            let file = File::of(repo, submission.parsed.source, submission.parsed.yaml_line);
            let ids: Vec<&str> = repo.submissions.iter().map(|s| s.id.as_str()).collect();
            let help = match suggest(&target.value, &ids) {
                Some(best) if best != target.value => format!("did you mean `{best}`?"),
                _ => {
                    "name the earlier submission as <edition>/<slug>, or remove `supersedes`".into()
                }
            };
            out.push(file.at(Code::BadSupersedes, file.origin.at(target), message, help));
        }
    }
    out
}

/// A plausible email address: something@domain.tld, no spaces, and one a mail can be addressed
/// to (RFC 5321's dot-atoms as lettre reads them: no `..`, no dot at either end of a part), so
/// an address that validates is never refused when the letter is e-mailed.
pub fn is_email(text: &str) -> bool {
    text.parse::<lettre::Address>().is_ok() && looks_like_email(text)
}

fn looks_like_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    let (name, tld) = domain.rsplit_once('.').unwrap_or(("", ""));
    !local.is_empty()
        && !name.is_empty()
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && !text.contains(char::is_whitespace)
        && !domain.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        assert!(is_email("priya.shah@example.org"));
        for bad in [
            "",
            "priya",
            "priya@",
            "@example.org",
            "a@b",
            "a b@example.org",
            "a@b@example.org",
            "a@example.o",
            "jo..barnes@example.org",
            "jo.@example.org",
            ".jo@example.org",
            "a,b@example.org",
            "jo@example..org",
        ] {
            assert!(!is_email(bad), "{bad:?}");
        }
    }
}
