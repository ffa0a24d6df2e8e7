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
//!
//! A record borrows its text from the repository (a copy is made only where something is
//! redacted), and a submission's sections are read from its file only when its page is rendered,
//! so a large hub holds neither every text nor every page.

pub mod fields;
pub mod pages;
mod paths;
pub mod search;

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use anyhow::Result;
use serde::Serialize;

use crate::attachments;
use crate::check::{self, Heading, Report};
use crate::model::{Repository, Status, Submission};
use crate::parse::yaml::OneOrMany;
use crate::render::markdown::to_safe_html;

/// What replaces personal data found in published text.
pub const REDACTED: &str = "[removed]";

/// One published submission: only the fields the hub may show.
#[derive(Debug, Clone, Serialize)]
pub struct PublicSubmission<'a> {
    /// `<edition>/<slug>`.
    pub id: &'a str,
    pub edition: &'a str,
    pub slug: &'a str,
    pub title: Cow<'a, str>,
    pub summary: Option<Cow<'a, str>>,
    /// London authorities as register indices, in the order written.
    pub authorities: Vec<usize>,
    pub partners: Vec<Cow<'a, str>>,
    /// Category ids as written (some may belong to an earlier edition's list), each once.
    pub categories: Vec<&'a str>,
    pub themes: Vec<&'a str>,
    /// Team members' names only: roles and contact details stay in the repository.
    pub team: Vec<Cow<'a, str>>,
    /// Links with an `http` or `https` address; anything else (`mailto:`, `javascript:`) is
    /// dropped.
    pub links: Vec<PublicLink<'a>>,
    /// Ids of the earlier submissions this one replaces.
    pub replaces: Vec<&'a str>,
    /// Where the submission is in [`Repository::submissions`], to read its sections from.
    #[serde(skip)]
    pub index: usize,
}

/// One section of a published submission.
#[derive(Debug, Clone, Serialize)]
pub struct PublicSection {
    pub title: &'static str,
    /// A fragment id for the section's heading.
    pub anchor: &'static str,
    /// The section's Markdown as sanitised HTML.
    pub html: String,
}

/// A published link.
#[derive(Debug, Clone, Serialize)]
pub struct PublicLink<'a> {
    pub title: Cow<'a, str>,
    pub url: &'a str,
}

/// What the hub publishes: the submissions, and the pages that now point to an update.
#[derive(Debug, Clone, Default)]
pub struct Published<'a> {
    /// Sorted by edition (newest first), then slug.
    pub submissions: Vec<PublicSubmission<'a>>,
    /// Superseded id → the id of the published update that replaces it.
    pub moved: BTreeMap<&'a str, &'a str>,
}

/// Chooses and converts the submissions the hub publishes. Pure: reads the repository and the
/// report, returns public records.
pub fn publish<'a>(repo: &'a Repository, report: &Report) -> Published<'a> {
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
    let mut moved: BTreeMap<&str, &str> = BTreeMap::new();
    let mut gone: HashSet<&str> = HashSet::new();
    for (_, submission) in &chosen {
        if let Some(target) = supersedes(submission) {
            moved.insert(target, &submission.id);
            gone.insert(target);
        }
    }
    for submission in &repo.submissions {
        if submission.status() == Some(Status::Withdrawn)
            && let Some(target) = supersedes(submission)
        {
            gone.insert(target);
            moved.remove(target);
        }
    }
    // Each record scans its text for personal data: on every core.
    let kept: Vec<(usize, &Submission)> = chosen
        .into_iter()
        .filter(|(_, s)| !gone.contains(s.id.as_str()))
        .collect();
    let mut submissions: Vec<PublicSubmission> =
        crate::parallel::parallel_map(&kept, |&(index, s)| public(s, index));
    let mut replaced_by: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (&from, &to) in &moved {
        replaced_by.entry(to).or_default().push(from);
    }
    for submission in &mut submissions {
        submission.replaces = replaced_by.remove(submission.id).unwrap_or_default();
    }
    // A chain (2024 → 2025 → 2026) points the oldest page at the newest.
    let published: HashSet<&str> = submissions.iter().map(|s| s.id).collect();
    let mut resolved = BTreeMap::new();
    for (&from, &first) in &moved {
        let mut to = first;
        let mut steps = 0;
        while !published.contains(to) && steps < moved.len() {
            match moved.get(to) {
                Some(next) => to = next,
                None => break,
            }
            steps += 1;
        }
        if published.contains(to) {
            resolved.insert(from, to);
        }
    }
    submissions.sort_by(|a, b| b.edition.cmp(a.edition).then_with(|| a.slug.cmp(b.slug)));
    Published {
        submissions,
        moved: resolved,
    }
}

fn supersedes(submission: &Submission) -> Option<&str> {
    submission
        .meta()
        .and_then(|m| m.supersedes.as_ref())
        .map(|s| s.value.trim())
}

/// The values of a one-or-many field as written, trimmed, without blanks or repeats.
fn listed(field: Option<&OneOrMany>) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for item in field.into_iter().flat_map(|f| &f.items) {
        let value = item.value.trim();
        if !value.is_empty() && !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

/// The public record of one submission. Contact, approval, submitted date and status are not
/// read at all.
fn public(submission: &Submission, index: usize) -> PublicSubmission<'_> {
    let meta = submission.meta();
    let title = meta.map_or(Cow::Borrowed(""), |m| redact(&m.title.value));
    let summary = meta
        .and_then(|m| m.summary.as_ref())
        .map(|s| redact(s.value.trim()))
        .filter(|s| !s.is_empty());
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
                    url: l.url.value.trim(),
                })
                .collect()
        })
        .unwrap_or_default();
    let partners = meta
        .and_then(|m| m.partners.as_ref())
        .map(|p| p.value.items.iter().map(|i| redact(&i.value)).collect())
        .unwrap_or_default();
    PublicSubmission {
        id: &submission.id,
        edition: &submission.edition,
        slug: &submission.slug,
        title,
        summary,
        authorities: submission.authorities(),
        partners,
        categories: listed(meta.map(|m| &m.categories.value)),
        themes: listed(meta.and_then(|m| m.themes.as_ref()).map(|t| &t.value)),
        team,
        links,
        replaces: Vec::new(),
        index,
    }
}

/// A published submission's SHINE sections (and Supporting materials) in file order, as
/// sanitised HTML with personal data removed, and its search words. The file is read again:
/// the repository keeps no texts.
pub fn public_sections(
    repo: &Repository,
    published: &PublicSubmission,
) -> Result<(Vec<PublicSection>, String, Vec<Attachment>)> {
    let submission = &repo.submissions[published.index];
    let mut words = search::Words::default();
    words.add_record(published);
    if !submission.parsed.body_found {
        return Ok((Vec::new(), words.finish(), Vec::new()));
    }
    let source = repo.read_source(submission.parsed.source)?;
    let offset = submission.parsed.body_offset;
    let folder = std::path::Path::new(&source.path)
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .to_path_buf();
    let mut out = Vec::new();
    let mut files = Vec::new();
    for section in &submission.parsed.body.sections {
        let title = match check::classify_heading(&section.title) {
            Heading::Shine(i) => check::SECTIONS[i],
            Heading::Supporting => SUPPORTING,
            Heading::Other => continue,
        };
        let range = (offset + section.content.start)..(offset + section.content.end);
        let Some(markdown) = source.text.get(range) else {
            continue;
        };
        for reference in attachments::references(markdown) {
            if let Ok(relative) = attachments::resolve(&reference.dest) {
                files.push(Attachment {
                    to: paths::attachment_path(published.edition, &relative),
                    folder: folder.clone(),
                    relative,
                });
            }
        }
        let markdown = redact(markdown.trim());
        words.add(&markdown);
        out.push(PublicSection {
            title,
            anchor: anchor(title),
            html: to_safe_html(&markdown),
        });
    }
    Ok((out, words.finish(), files))
}

/// A file a published section shows or links to, to copy beside the submission's page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Attachment {
    /// Where it goes in the hub.
    pub to: String,
    /// The submission's folder, relative to the programme root.
    pub folder: std::path::PathBuf,
    /// The file, relative to that folder.
    pub relative: String,
}

const SUPPORTING: &str = "Supporting materials";

/// The fragment id of a published section's heading.
fn anchor(title: &str) -> &'static str {
    match title {
        "Setting the Scene" => "setting-the-scene",
        "How" => "how",
        "Impact" => "impact",
        "Next Steps" => "next-steps",
        "Evolve" => "evolve",
        _ => "supporting-materials",
    }
}

/// `text` with every piece of personal data the privacy rules find replaced by [`REDACTED`];
/// borrowed as it is when there is none.
pub fn redact(text: &str) -> Cow<'_, str> {
    let found = check::find_personal_data(text);
    if found.is_empty() {
        return Cow::Borrowed(text);
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
    Cow::Owned(out)
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
        assert!(matches!(
            redact("Nothing here"),
            Cow::Borrowed("Nothing here")
        ));
    }

    #[test]
    fn only_web_links_are_published() {
        assert!(is_web_address("https://example.org/r.pdf"));
        assert!(!is_web_address("javascript:alert(1)"));
        assert!(!is_web_address("mailto:a@example.org"));
        assert!(!is_web_address("https://user@example.org"));
    }

    #[test]
    fn every_published_section_has_the_anchor_its_title_slugs_to() {
        for title in check::SECTIONS.iter().chain([&SUPPORTING]) {
            assert_eq!(anchor(title), crate::model::slugify(title));
        }
    }
}
