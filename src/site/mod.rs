//! The public hub: which submissions are published, as [`PublicSubmission`] records that have no
//! private fields at all, and the pages of the static site built from them ([`pages`]).
//!
//! What is published, for every edition:
//! - the current edition: submissions `check` judged eligible;
//! - earlier (and any other) editions: status `submitted` with no error-level finding in the file,
//!   because eligibility is only judged for the current edition and an earlier edition's deadline
//!   and approvers are not in today's `categories.yaml`;
//! - a submission that a published one `supersedes` is replaced: its page becomes a pointer to the
//!   update. A `withdrawn` submission that `supersedes` an earlier one withdraws that one too;
//! - `draft` and `withdrawn` submissions never appear.
//!
//! Privacy is structural: contact, approval and reviews are never copied into a
//! [`PublicSubmission`], and personal data that the privacy rules find in published text (email
//! addresses, phone numbers, postcodes, dates of birth, NHS numbers) is replaced by a marker.

pub mod pages;
pub mod search;

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::check::{self, Heading, Report};
use crate::model::{Repository, Status, Submission};
use crate::render::markdown::to_safe_html;

/// What replaces personal data found in published text.
pub const REDACTED: &str = "[removed]";

/// One published submission: only the fields the hub may show.
#[derive(Debug, Clone, Serialize)]
pub struct PublicSubmission {
    /// `<edition>/<slug>`.
    pub id: String,
    pub edition: String,
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    /// London authorities as register indices, in the order written.
    pub authorities: Vec<usize>,
    pub partners: Vec<String>,
    /// Category ids as written (some may belong to an earlier edition's list).
    pub categories: Vec<String>,
    pub themes: Vec<String>,
    /// Team members' names only: roles and contact details stay in the repository.
    pub team: Vec<String>,
    /// Links with an `http` or `https` address; anything else (`mailto:`, `javascript:`) is
    /// dropped.
    pub links: Vec<PublicLink>,
    /// Ids of the earlier submissions this one replaces.
    pub replaces: Vec<String>,
    /// Where the submission is in [`Repository::submissions`], to render its sections from.
    #[serde(skip)]
    pub index: usize,
    /// The published words, lowercase and each once, separated by spaces, for full-text
    /// search. The sections themselves are rendered only when the submission's page is
    /// ([`public_sections`]), so a large hub never holds every page's HTML.
    pub words: String,
}

/// One section of a published submission.
#[derive(Debug, Clone, Serialize)]
pub struct PublicSection {
    pub title: String,
    /// A fragment id for the section's heading.
    pub anchor: String,
    /// The section's Markdown as sanitised HTML.
    pub html: String,
}

/// A published link.
#[derive(Debug, Clone, Serialize)]
pub struct PublicLink {
    pub title: String,
    pub url: String,
}

/// What the hub publishes: the submissions, and the pages that now point to an update.
#[derive(Debug, Clone, Default)]
pub struct Published {
    /// Sorted by edition (newest first), then slug.
    pub submissions: Vec<PublicSubmission>,
    /// Superseded id → the id of the published update that replaces it.
    pub moved: BTreeMap<String, String>,
}

/// Chooses and converts the submissions the hub publishes. Pure: reads the repository and the
/// report, returns public records.
pub fn publish(repo: &Repository, report: &Report) -> Published {
    let with_errors: HashSet<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.as_str())
        .collect();
    let current = repo.programme.edition();
    let eligible = |submission: &Submission, index: usize| {
        if submission.edition == current {
            report
                .submissions
                .get(index)
                .is_some_and(|v| v.id == submission.id && v.eligible == Some(true))
        } else {
            submission.status() == Some(Status::Submitted)
                && !with_errors.contains(repo.source(submission.parsed.source).path.as_str())
        }
    };
    let chosen: Vec<(usize, &Submission)> = repo
        .submissions
        .iter()
        .enumerate()
        .filter(|(i, s)| eligible(s, *i))
        .collect();
    // Replaced: by a published update (its page then points there), or withdrawn by a later
    // withdrawn submission that names it.
    let mut moved = BTreeMap::new();
    let mut gone: HashSet<String> = HashSet::new();
    for (_, submission) in &chosen {
        if let Some(target) = supersedes(submission) {
            moved.insert(target.clone(), submission.id.clone());
            gone.insert(target);
        }
    }
    for submission in &repo.submissions {
        if submission.status() == Some(Status::Withdrawn)
            && let Some(target) = supersedes(submission)
        {
            gone.insert(target.clone());
            moved.remove(&target);
        }
    }
    let mut submissions: Vec<PublicSubmission> =
        crate::parallel::parallel_map(&chosen, |&(index, s)| {
            (!gone.contains(&s.id)).then(|| public(repo, index))
        })
        .into_iter()
        .flatten()
        .collect();
    for submission in &mut submissions {
        submission.replaces = moved
            .iter()
            .filter(|(_, to)| **to == submission.id)
            .map(|(from, _)| from.clone())
            .collect();
    }
    // A chain (2024 → 2025 → 2026) points the oldest page at the newest.
    let published: HashSet<&str> = submissions.iter().map(|s| s.id.as_str()).collect();
    let mut resolved = BTreeMap::new();
    for from in moved.keys() {
        let mut to = &moved[from];
        let mut steps = 0;
        while !published.contains(to.as_str()) && steps < moved.len() {
            match moved.get(to) {
                Some(next) => to = next,
                None => break,
            }
            steps += 1;
        }
        if published.contains(to.as_str()) {
            resolved.insert(from.clone(), to.clone());
        }
    }
    submissions.sort_by(|a, b| b.edition.cmp(&a.edition).then_with(|| a.slug.cmp(&b.slug)));
    Published {
        submissions,
        moved: resolved,
    }
}

fn supersedes(submission: &Submission) -> Option<String> {
    submission
        .meta()
        .and_then(|m| m.supersedes.as_ref())
        .map(|s| s.value.trim().to_string())
}

/// The public record of one submission. Contact, approval, submitted date and status are not
/// read at all.
fn public(repo: &Repository, index: usize) -> PublicSubmission {
    let submission = &repo.submissions[index];
    let meta = submission.meta();
    let title = meta.map(|m| redact(&m.title.value)).unwrap_or_default();
    let summary = meta
        .and_then(|m| m.summary.as_ref())
        .map(|s| redact(s.value.trim()))
        .filter(|s| !s.is_empty());
    let themes = meta
        .and_then(|m| m.themes.as_ref())
        .map(|t| {
            let mut list: Vec<String> = crate::parse::yaml::items(t)
                .into_iter()
                .map(|i| i.value.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            list.dedup();
            list
        })
        .unwrap_or_default();
    let team = meta
        .map(|m| m.team.iter().map(|p| redact(&p.name.value)).collect())
        .unwrap_or_default();
    let links = meta
        .map(|m| {
            m.links
                .iter()
                .filter(|l| is_web_address(&l.url.value))
                .map(|l| PublicLink {
                    title: redact(&l.title.value),
                    url: l.url.value.trim().to_string(),
                })
                .collect()
        })
        .unwrap_or_default();
    let sections = sections(repo, submission);
    let partners: Vec<String> = submission.partners().iter().map(|p| redact(p)).collect();
    let mut record = PublicSubmission {
        id: submission.id.clone(),
        edition: submission.edition.clone(),
        slug: submission.slug.clone(),
        title,
        summary,
        authorities: submission.authorities(),
        partners,
        categories: submission
            .categories()
            .into_iter()
            .map(|c| c.value)
            .collect(),
        themes,
        team,
        links,
        replaces: Vec::new(),
        index,
        words: String::new(),
    };
    record.words = search::words(&record, sections.iter().map(|(_, _, md)| md.as_str())).join(" ");
    record
}

/// A published submission's SHINE sections (and Supporting materials) in file order, as
/// sanitised HTML with personal data removed.
pub fn public_sections(repo: &Repository, published: &PublicSubmission) -> Vec<PublicSection> {
    sections(repo, &repo.submissions[published.index])
        .into_iter()
        .map(|(title, anchor, markdown)| PublicSection {
            title,
            anchor,
            html: to_safe_html(&markdown),
        })
        .collect()
}

/// The SHINE sections and Supporting materials as (title, anchor, redacted Markdown). Other
/// `##` sections are not part of the published form and are left out.
fn sections(repo: &Repository, submission: &Submission) -> Vec<(String, String, String)> {
    if !submission.parsed.body_found {
        return Vec::new();
    }
    let text = &repo.source(submission.parsed.source).text;
    let offset = submission.parsed.body_offset;
    let mut out = Vec::new();
    for section in &submission.parsed.body.sections {
        let title = match check::classify_heading(&section.title) {
            Heading::Shine(i) => check::SECTIONS[i].to_string(),
            Heading::Supporting => "Supporting materials".to_string(),
            Heading::Other => continue,
        };
        let range = (offset + section.content.start)..(offset + section.content.end);
        let Some(markdown) = text.get(range) else {
            continue;
        };
        let anchor = crate::model::slugify(&title);
        out.push((title, anchor, redact(markdown.trim())));
    }
    out
}

/// `text` with every piece of personal data the privacy rules find replaced by [`REDACTED`].
pub fn redact(text: &str) -> String {
    let found = check::find_personal_data(text);
    if found.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for finding in found {
        if finding.start < at {
            continue;
        }
        let Some(before) = text.get(at..finding.start) else {
            continue;
        };
        out.push_str(before);
        out.push_str(REDACTED);
        at = finding.start + finding.len;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

/// Only web addresses are published as links.
fn is_web_address(url: &str) -> bool {
    let url = url.trim().to_ascii_lowercase();
    (url.starts_with("https://") || url.starts_with("http://")) && !url.contains('@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_replaced() {
        assert_eq!(
            redact("Write to sam.okoro@example.org or call 020 7946 0000."),
            "Write to [removed] or call [removed]."
        );
        assert_eq!(redact("Nothing here"), "Nothing here");
    }

    #[test]
    fn only_web_links_are_published() {
        assert!(is_web_address("https://example.org/r.pdf"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("mailto:a@example.org"));
        assert!(!is_web_address("https://user@example.org"));
    }
}
