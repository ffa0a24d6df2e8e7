//! Recognition letters as data: which current-edition submissions get a letter, what each letter
//! says (addressee, director copied, team, authorities, categories with their sponsors, the
//! panel's Reflections), and which submissions were skipped and why. Pure: the repository and the
//! check report in, plain `Serialize` values out, for Tera (md, html) and typst (pdf) alike.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::check::Report;
use crate::london;
use crate::model::{Repository, Review, Status, Submission, is_slug};
use crate::parse::yaml::Spanned;

use super::markdown::{to_safe_html, to_safe_markdown};

/// Every letter due, and every current-edition submission that gets none, in submission order.
#[derive(Debug, Clone, Serialize)]
pub struct Letters {
    pub letters: Vec<Letter>,
    pub skipped: Vec<Skipped>,
}

/// One recognition letter: everything a template can use.
#[derive(Debug, Clone, Serialize)]
pub struct Letter {
    /// `<edition>/<slug>`.
    pub id: String,
    pub edition: String,
    /// The file name stem of the letter; a validated slug.
    pub slug: String,
    pub programme: ProgrammeInfo,
    /// The letter's date, written out: "1 May 2026".
    pub date: String,
    /// The letter's date as YYYY-MM-DD.
    pub date_iso: String,
    /// The e-mail subject line, also in the mail-merge index.
    pub subject: String,
    /// The submission's title.
    pub title: String,
    /// The submission's contact, to whom the letter is addressed.
    pub to: Addressee,
    /// Every approving director, copied in, in the order the submission lists them (one per
    /// authority of a joint submission); empty when it names none.
    pub directors: Vec<Director>,
    /// The first of `directors`, for templates written before joint approvals.
    pub cc: Option<Director>,
    /// The people the letter recognises, as listed in the submission.
    pub team: Vec<Member>,
    /// The submitting London authorities' official names, in the order written.
    pub authorities: Vec<String>,
    /// The authorities as one phrase: "Merton, Sutton and Croydon".
    pub authorities_text: String,
    /// Other partners, as written.
    pub partners: Vec<String>,
    /// The partners as one phrase; empty when there are none.
    pub partners_text: String,
    /// The categories entered, in programme order, each with the panel's reflections.
    pub categories: Vec<CategoryLetter>,
}

/// The programme the letter speaks for.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeInfo {
    pub name: String,
    pub edition: String,
    /// The edition's theme; empty when categories.yaml sets none.
    pub theme: String,
}

/// The contact the letter is written to.
#[derive(Debug, Clone, Serialize)]
pub struct Addressee {
    pub name: String,
    /// Empty when not given.
    pub role: String,
    pub email: String,
}

/// The director who approved the submission.
#[derive(Debug, Clone, Serialize)]
pub struct Director {
    pub name: String,
    pub role: String,
    pub local_authority: String,
    /// Their address; empty when the approval gives none.
    pub email: String,
}

/// A team member.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    pub name: String,
    /// Empty when not given.
    pub role: String,
}

/// A category the submission entered, and what its panel wrote.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryLetter {
    pub id: String,
    pub number: u32,
    pub title: String,
    /// The network that sponsors the category and supplied its panel.
    pub sponsor: String,
    /// One per complete review, ordered by reviewer id. Reviewers are not named: the letter
    /// speaks for the panel.
    pub reflections: Vec<Reflection>,
}

/// One reviewer's Reflections, in three forms for three kinds of output.
#[derive(Debug, Clone, Serialize)]
pub struct Reflection {
    /// The Markdown as the reviewer wrote it, trimmed, with raw HTML and `javascript:`-style
    /// links taken out (see `markdown::to_safe_markdown`).
    pub text: String,
    /// The Markdown rendered and sanitised: the only field to mark `| safe`.
    pub text_html: String,
    /// Plain-text paragraphs (list items prefixed with "• "), markup removed: for outputs that
    /// cannot take HTML and must not interpret Markdown, such as the PDF.
    pub paragraphs: Vec<String>,
}

/// A current-edition submission without a letter.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub id: String,
    #[serde(flatten)]
    pub reason: Reason,
}

/// Why a submission gets no letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// Withdrawn by its team: out of review, letters and the hub.
    Withdrawn,
    /// Not yet submitted.
    Draft,
    /// Its front matter could not be read.
    Unreadable,
    /// Submitted but not eligible; the codes say why.
    Ineligible { codes: Vec<String> },
    /// Eligible, but not every review place has a complete review yet.
    ReviewsIncomplete {
        complete: usize,
        needed: usize,
        /// The categories still short of complete reviews.
        waiting: Vec<String>,
    },
    /// The edition or slug from its path is not a slug, so no safe file name exists for it.
    UnsafeName,
}

impl Reason {
    /// The reason in a reader's words.
    pub fn describe(&self) -> String {
        match self {
            Reason::Withdrawn => "withdrawn".to_string(),
            Reason::Draft => "draft, not yet submitted".to_string(),
            Reason::Unreadable => "front matter could not be read".to_string(),
            Reason::Ineligible { codes } => format!("ineligible ({})", codes.join(", ")),
            Reason::ReviewsIncomplete {
                complete,
                needed,
                waiting,
            } => format!(
                "reviews incomplete: {complete}/{needed} complete, waiting on {}",
                waiting.join(", ")
            ),
            Reason::UnsafeName => "its file name is not a slug".to_string(),
        }
    }
}

/// The letters due for the current edition, dated `date`. An error when a review's text cannot
/// be read again (it was deleted or edited since it was checked).
pub fn build(repo: &Repository, report: &Report, date: NaiveDate) -> anyhow::Result<Letters> {
    let files_with_errors: BTreeSet<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.file.as_str())
        .collect();
    let mut letters = Vec::new();
    let mut skipped = Vec::new();
    for (submission, verdict) in repo.submissions.iter().zip(&report.submissions) {
        if submission.edition != repo.programme.edition() {
            continue;
        }
        let skip = |reason| Skipped {
            id: submission.id.clone(),
            reason,
        };
        let reason = match verdict.status {
            None => Some(Reason::Unreadable),
            Some(Status::Withdrawn) => Some(Reason::Withdrawn),
            Some(Status::Draft) => Some(Reason::Draft),
            Some(Status::Submitted) if verdict.eligible != Some(true) => Some(Reason::Ineligible {
                codes: verdict.reasons.iter().map(|c| c.as_str().into()).collect(),
            }),
            Some(Status::Submitted) => None,
        };
        if let Some(reason) = reason {
            skipped.push(skip(reason));
            continue;
        }
        if !is_slug(&submission.slug) || !is_slug(&submission.edition) {
            skipped.push(skip(Reason::UnsafeName));
            continue;
        }
        match letter(repo, submission, &files_with_errors, date)? {
            Ok(letter) => letters.push(letter),
            Err(reason) => skipped.push(skip(reason)),
        }
    }
    Ok(Letters { letters, skipped })
}

/// The letter for an eligible submission, or why it must wait; an error when a review cannot
/// be read again.
fn letter(
    repo: &Repository,
    submission: &Submission,
    files_with_errors: &BTreeSet<&str>,
    date: NaiveDate,
) -> anyhow::Result<Result<Letter, Reason>> {
    let Some(meta) = submission.meta() else {
        return Ok(Err(Reason::Unreadable));
    };
    let needed_per_slot = repo.programme.reviewers_per_submission() as usize;
    // A review whose file has errors (wrong panel, a conflict) does not count, complete or not.
    let mut reviews: Vec<&Review> = repo
        .reviews_of(&submission.id)
        .filter(|r| r.is_complete())
        .filter(|r| !files_with_errors.contains(repo.source(r.parsed.source).path.as_str()))
        .collect();
    reviews.sort_by(|a, b| a.reviewer.cmp(&b.reviewer));
    let mut entered: Vec<_> = submission
        .categories()
        .into_iter()
        .filter_map(|id| repo.programme.category(&id.value))
        .collect();
    entered.sort_by_key(|c| (c.number.value, c.id.value.clone()));
    let (mut complete, mut waiting, mut categories) = (0, Vec::new(), Vec::new());
    for category in &entered {
        let done: Vec<&Review> = reviews
            .iter()
            .copied()
            .filter(|r| {
                r.parsed
                    .meta
                    .as_ref()
                    .is_some_and(|m| m.category.value == category.id.value)
            })
            .collect();
        complete += done.len().min(needed_per_slot);
        if done.len() < needed_per_slot {
            waiting.push(category.id.value.clone());
        }
        categories.push(Reviewed {
            id: category.id.value.clone(),
            number: category.number.value,
            title: category.title.clone(),
            sponsor: category.sponsor.clone(),
            reviews: done,
        });
    }
    if !waiting.is_empty() {
        return Ok(Err(Reason::ReviewsIncomplete {
            complete,
            needed: entered.len() * needed_per_slot,
            waiting,
        }));
    }
    // Only now, with every review in, are the reviews' texts read again for their reflections.
    let categories = categories
        .into_iter()
        .map(|c| {
            let reflections = c
                .reviews
                .iter()
                .map(|r| reflection(repo, r))
                .collect::<anyhow::Result<_>>()?;
            Ok(CategoryLetter {
                id: c.id,
                number: c.number,
                title: c.title,
                sponsor: c.sponsor,
                reflections,
            })
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let settings = repo.programme.settings();
    let register = london::register();
    let optional = |v: &Option<Spanned<String>>| {
        v.as_ref()
            .map(|s| s.value.trim().to_string())
            .unwrap_or_default()
    };
    let title = one_line(&meta.title.value);
    let authorities: Vec<String> = submission
        .authorities()
        .into_iter()
        .map(|i| register.get(i).name.clone())
        .collect();
    let partners: Vec<String> = submission.partners().iter().map(|p| one_line(p)).collect();
    let directors: Vec<Director> = meta
        .approval
        .iter()
        .map(|a| Director {
            name: a.name.value.trim().to_string(),
            role: a.role.value.trim().to_string(),
            local_authority: register
                .find(&a.local_authority.value)
                .map(|i| register.get(i).name.clone())
                .unwrap_or_else(|| a.local_authority.value.trim().to_string()),
            email: optional(&a.email),
        })
        .collect();
    Ok(Ok(Letter {
        id: submission.id.clone(),
        edition: submission.edition.clone(),
        slug: submission.slug.clone(),
        programme: ProgrammeInfo {
            name: settings.name.clone(),
            edition: repo.programme.edition().to_string(),
            theme: settings.theme.clone().unwrap_or_default(),
        },
        date: date.format("%-d %B %Y").to_string(),
        date_iso: date.format("%Y-%m-%d").to_string(),
        subject: format!(
            "{} {}: recognition for \u{201c}{title}\u{201d}",
            settings.name,
            repo.programme.edition()
        ),
        title,
        to: Addressee {
            name: meta.contact.name.value.trim().to_string(),
            role: optional(&meta.contact.role),
            email: meta.contact.email.value.trim().to_string(),
        },
        cc: directors.first().cloned(),
        directors,
        team: meta
            .team
            .iter()
            .map(|p| Member {
                name: p.name.value.trim().to_string(),
                role: optional(&p.role),
            })
            .collect(),
        authorities_text: phrase(&authorities),
        authorities,
        partners_text: phrase(&partners),
        partners,
        categories,
    }))
}

/// A category of a letter while its reviews are gathered.
struct Reviewed<'a> {
    id: String,
    number: u32,
    title: String,
    sponsor: String,
    reviews: Vec<&'a Review>,
}

fn reflection(repo: &Repository, review: &Review) -> anyhow::Result<Reflection> {
    let source = repo.read_source(review.parsed.source)?;
    let body = source.text.get(review.parsed.body_offset..).unwrap_or("");
    let markdown = review
        .reflections()
        .and_then(|s| body.get(s.content.clone()))
        .unwrap_or("")
        .trim()
        .to_string();
    Ok(Reflection {
        text_html: to_safe_html(&markdown),
        paragraphs: paragraphs(&markdown),
        text: to_safe_markdown(&markdown),
    })
}

/// Markdown as plain-text paragraphs: every block that holds text becomes one string, soft line
/// breaks become spaces, list items get a bullet, and markup (emphasis, links, HTML) is dropped
/// while its visible text is kept.
pub fn paragraphs(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() && text != "\u{2022}" {
            out.push(text);
        }
        current.clear();
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Item) => {
                flush(&mut current);
                current.push_str("\u{2022} ");
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_))
            | Event::End(TagEnd::CodeBlock | TagEnd::BlockQuote(_)) => flush(&mut current),
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            _ => {}
        }
    }
    flush(&mut current);
    out
}

/// A list as an English phrase: "A", "A and B", "A, B and C".
fn phrase(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Text on one line: a `title: |` block's line breaks become spaces.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_keep_text_and_drop_markup() {
        let markdown = "A **bold** start\nover two lines.\n\n- one [link](https://example.org)\n- two <b>x</b>\n\n{{ not.a.field }}";
        assert_eq!(
            paragraphs(markdown),
            vec![
                "A bold start over two lines.",
                "\u{2022} one link",
                "\u{2022} two x",
                "{{ not.a.field }}"
            ]
        );
    }

    #[test]
    fn phrases() {
        let items = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(phrase(&items(0)), "");
        assert_eq!(phrase(&items(1)), "1");
        assert_eq!(phrase(&items(2)), "1 and 2");
        assert_eq!(phrase(&items(3)), "1, 2 and 3");
    }

    #[test]
    fn reasons_read_as_sentences() {
        let reason = Reason::ReviewsIncomplete {
            complete: 1,
            needed: 4,
            waiting: vec!["health".into(), "data".into()],
        };
        assert_eq!(
            reason.describe(),
            "reviews incomplete: 1/4 complete, waiting on health, data"
        );
    }
}
