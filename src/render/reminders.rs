//! Review reminders as data: for each open review of the current edition (assigned, or marked
//! complete without a rating or Reflections), who to remind, of which submission and category,
//! by when, and which file to edit. Pure: the repository, today and the address of the
//! repository's files on GitHub (when known) in, plain `Serialize` values out for Tera.
//!
//! A reminder holds nothing of any review's text: not the reviewer's own notes, and never
//! another reviewer's.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{Repository, Status, is_slug};

use super::letters::one_line;

/// Which open reviews to remind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// Every open review.
    All,
    /// Those due within this many days, overdue ones included.
    DueWithin(i64),
    /// Only overdue ones.
    Overdue,
}

/// One reminder: everything a template can use.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    /// The submission's id, `<edition>/<slug>`.
    pub submission_id: String,
    pub edition: String,
    /// The file name stem: `<slug>--<reviewer>`, both checked to be slugs.
    pub stem: String,
    pub programme: Programme,
    /// The reviewer reminded.
    pub reviewer: Reviewer,
    /// The submission's title, on one line.
    pub title: String,
    pub category: Category,
    /// The review deadline written out ("29 May 2026"); empty when categories.yaml sets none.
    pub deadline: String,
    /// The review deadline as YYYY-MM-DD; empty when none is set.
    pub deadline_iso: String,
    /// Days from today to the deadline: negative when overdue; `None` without a deadline.
    pub days_left: Option<i64>,
    /// `days_left` as words: "7 days left", "due today", "3 days overdue"; empty without one.
    pub days_text: String,
    /// The review file to edit, relative to the repository root.
    pub file: String,
    /// The file on GitHub, when the repository's remote is known; empty otherwise.
    pub link: String,
    /// The e-mail subject line, also in the index.
    pub subject: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    pub name: String,
    pub edition: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reviewer {
    pub id: String,
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Category {
    pub id: String,
    pub number: u32,
    pub title: String,
}

/// The reminders due for `which`, ordered by submission, category and reviewer. `files_on_github`
/// is the address the repository's paths are appended to (`https://github.com/o/n/blob/HEAD/`),
/// when known. Reviews of submissions no longer submitted (withdrawn, back to draft) and review
/// files that cannot be read are left out; the caller names the latter.
pub fn build(
    repo: &Repository,
    today: NaiveDate,
    which: Which,
    files_on_github: Option<&str>,
) -> Vec<Reminder> {
    let edition = repo.programme.edition();
    let settings = repo.programme.settings();
    let deadline = repo.programme.review_deadline;
    let mut reminders = Vec::new();
    for review in &repo.reviews {
        let Some(meta) = review.parsed.meta.as_deref() else {
            continue;
        };
        if review.is_complete() {
            continue;
        }
        let Some(submission) = repo.submission(&review.submission) else {
            continue;
        };
        if submission.edition != edition || submission.status() != Some(Status::Submitted) {
            continue;
        }
        let days_left = deadline.map(|d| (d - today).num_days());
        let wanted = match (which, days_left) {
            (Which::All, _) => true,
            (Which::DueWithin(n), Some(days)) => days <= n,
            (Which::Overdue, Some(days)) => days < 0,
            (_, None) => false,
        };
        if !wanted {
            continue;
        }
        let (Some(reviewer), Some(category)) = (
            repo.programme.reviewer(&review.reviewer),
            repo.programme.category(&meta.category.value),
        ) else {
            continue;
        };
        if !is_slug(&submission.slug)
            || !is_slug(&submission.edition)
            || !is_slug(&reviewer.id.value)
        {
            continue;
        }
        let file = repo.source(review.parsed.source).path.clone();
        let title = one_line(
            submission
                .meta()
                .map_or(submission.slug.as_str(), |m| m.title.value.as_str()),
        );
        let days_text = days_left.map(describe).unwrap_or_default();
        let deadline_text = deadline
            .map(|d| d.format("%-d %B %Y").to_string())
            .unwrap_or_default();
        let when = match days_left {
            Some(days) if days < 0 => format!(" is {days_text}"),
            Some(_) => format!(" is due {deadline_text}"),
            None => String::new(),
        };
        reminders.push(Reminder {
            submission_id: submission.id.clone(),
            edition: submission.edition.clone(),
            stem: format!("{}--{}", submission.slug, reviewer.id.value),
            programme: Programme {
                name: settings.name.clone(),
                edition: edition.to_string(),
            },
            reviewer: Reviewer {
                id: reviewer.id.value.clone(),
                name: one_line(&reviewer.name),
                email: reviewer.email.value.trim().to_string(),
            },
            subject: format!(
                "{} {edition}: your review of \u{201c}{title}\u{201d}{when}",
                settings.name
            ),
            title,
            category: Category {
                id: category.id.value.clone(),
                number: category.number.value,
                title: category.title.clone(),
            },
            deadline: deadline_text,
            deadline_iso: deadline.map(|d| d.to_string()).unwrap_or_default(),
            days_left,
            days_text,
            link: files_on_github
                .map(|base| format!("{base}{}", encode_path(&file)))
                .unwrap_or_default(),
            file,
        });
    }
    reminders.sort_by(|a, b| {
        (&a.submission_id, a.category.number, &a.reviewer.id).cmp(&(
            &b.submission_id,
            b.category.number,
            &b.reviewer.id,
        ))
    });
    reminders
}

/// Days left as words.
fn describe(days: i64) -> String {
    match days {
        0 => "due today".to_string(),
        1 => "1 day left".to_string(),
        -1 => "1 day overdue".to_string(),
        d if d > 0 => format!("{d} days left"),
        d => format!("{} days overdue", -d),
    }
}

/// A repository path as a URL path: each segment percent-encoded.
fn encode_path(path: &str) -> String {
    path.split('/')
        .map(|s| {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        })
        .collect::<Vec<_>>()
        .join("/")
        .replace("%2D", "-")
        .replace("%2E", ".")
        .replace("%5F", "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_as_words() {
        assert_eq!(describe(7), "7 days left");
        assert_eq!(describe(1), "1 day left");
        assert_eq!(describe(0), "due today");
        assert_eq!(describe(-1), "1 day overdue");
        assert_eq!(describe(-3), "3 days overdue");
    }

    #[test]
    fn paths_are_encoded_by_segment() {
        assert_eq!(
            encode_path("reviews/2026/merton-hub/mei_chen.md"),
            "reviews/2026/merton-hub/mei_chen.md"
        );
        assert_eq!(encode_path("a b/c#d.md"), "a%20b/c%23d.md");
    }
}
