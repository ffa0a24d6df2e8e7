//! Where the programme stands: eligibility with its reasons, review progress with what is
//! overdue, and each reviewer's load.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::edition::Edition;
use super::{CategoryProgress, Eligibility, OverdueReview, ReasonRow, ReviewerRow, Reviews};
use crate::check::Report;
use crate::model::{Repository, ReviewStatus, Status};

/// How many of the edition's submission files could not be read in full.
pub(super) fn unreadable(repo: &Repository, report: &Report, edition: &str) -> usize {
    crate::check::unread(repo, report)
        .iter()
        .filter(|u| !u.is_review() && u.edition() == Some(edition))
        .count()
}

pub(super) fn eligibility(current: &Edition, report: &Report, unreadable: usize) -> Eligibility {
    use crate::codes::Code;
    // A set, not a list: with thousands of submissions a scan per verdict is quadratic.
    let ids: std::collections::BTreeSet<&str> = current
        .all
        .iter()
        .map(|e| e.submission.id.as_str())
        .collect();
    let verdicts: Vec<_> = report
        .submissions
        .iter()
        .filter(|v| v.eligible == Some(false) && ids.contains(v.id.as_str()))
        .collect();
    let mut reasons: BTreeMap<Code, usize> = BTreeMap::new();
    for verdict in &verdicts {
        for &code in &verdict.reasons {
            *reasons.entry(code).or_insert(0) += 1;
        }
    }
    let files = current.all.len();
    Eligibility {
        files,
        submitted: current.entered.len(),
        eligible: current.entered().filter(|e| e.eligible).count(),
        ineligible: verdicts.len(),
        late: verdicts
            .iter()
            .filter(|v| {
                v.reasons
                    .iter()
                    .any(|c| matches!(c, Code::Late | Code::NotSubmitted))
            })
            .count(),
        drafts: current.with_status(Status::Draft).count(),
        withdrawn: current.with_status(Status::Withdrawn).count(),
        unreadable,
        reasons: reasons
            .into_iter()
            .map(|(code, submissions)| ReasonRow {
                code: code.as_str().to_string(),
                title: code.title().to_string(),
                submissions,
            })
            .collect(),
    }
}

/// A review counts as complete only as `check` judges it: status complete, a rating, and
/// Reflections with words in them (the same section title `check::reviews` looks for).
pub(super) fn is_complete(review: &crate::model::Review) -> bool {
    let Some(meta) = review.parsed.meta.as_deref() else {
        return false;
    };
    meta.status.value == ReviewStatus::Complete
        && meta.rating.is_some()
        && review
            .parsed
            .body
            .sections
            .iter()
            .any(|s| s.title.eq_ignore_ascii_case("Reflections") && s.words > 0)
}

pub(super) fn reviews(repo: &Repository, current: &Edition, today: NaiveDate) -> Reviews {
    let per_slot = repo.programme.reviewers_per_submission() as usize;
    let past_deadline = repo.programme.review_deadline.is_some_and(|d| today > d);
    // (category) → (slots, assigned, complete)
    let mut by_category: BTreeMap<String, (usize, usize, usize)> = repo
        .programme
        .categories()
        .iter()
        .map(|c| (c.id.value.clone(), (0, 0, 0)))
        .collect();
    let mut overdue_reviews = Vec::new();
    for entry in current.entered().filter(|e| e.eligible) {
        for category in &entry.categories {
            by_category.entry(category.clone()).or_default().0 += per_slot;
        }
        for review in repo.reviews_of(&entry.submission.id) {
            let Some(meta) = review.parsed.meta.as_deref() else {
                continue;
            };
            let complete = is_complete(review);
            let row = by_category.entry(meta.category.value.clone()).or_default();
            row.1 += 1;
            row.2 += usize::from(complete);
            if past_deadline && !complete {
                overdue_reviews.push(OverdueReview {
                    submission: entry.submission.id.clone(),
                    category: meta.category.value.clone(),
                    reviewer: review.reviewer.clone(),
                });
            }
        }
    }
    overdue_reviews.sort_by(|a, b| {
        (&a.submission, &a.category, &a.reviewer).cmp(&(&b.submission, &b.category, &b.reviewer))
    });
    let order: Vec<&str> = repo.programme.category_ids();
    let mut rows: Vec<CategoryProgress> = by_category
        .into_iter()
        .map(|(category, (slots, assigned, complete))| CategoryProgress {
            open: slots.saturating_sub(assigned),
            category,
            slots,
            assigned,
            complete,
        })
        .collect();
    rows.sort_by_key(|r| {
        (
            order
                .iter()
                .position(|c| *c == r.category)
                .unwrap_or(usize::MAX),
            r.category.clone(),
        )
    });
    Reviews {
        slots: rows.iter().map(|r| r.slots).sum(),
        assigned: rows.iter().map(|r| r.assigned).sum(),
        complete: rows.iter().map(|r| r.complete).sum(),
        open: rows.iter().map(|r| r.open).sum(),
        past_deadline,
        overdue: overdue_reviews.len(),
        by_category: rows,
        overdue_reviews,
    }
}

pub(super) fn reviewers(repo: &Repository, edition: &str) -> Vec<ReviewerRow> {
    let programme = &repo.programme;
    // Only this edition's reviews count towards a cap, as in `check` and `assign`.
    let mut load: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for review in repo.reviews.iter().filter(|r| r.edition() == edition) {
        let row = load.entry(review.reviewer.as_str()).or_default();
        row.0 += 1;
        row.1 += usize::from(is_complete(review));
    }
    let mut rows: Vec<ReviewerRow> = programme
        .reviewers()
        .iter()
        .map(|r| {
            let id = r.id.value.as_str();
            let (assigned, complete) = load.get(id).copied().unwrap_or_default();
            let cap = programme.cap(r);
            ReviewerRow {
                id: id.to_string(),
                name: r.name.clone(),
                local_authority: r.local_authority.value.clone(),
                panels: programme
                    .categories()
                    .iter()
                    .filter(|c| c.panel.iter().any(|p| p.value == id))
                    .count(),
                assigned,
                complete,
                cap,
                spare: cap.saturating_sub(u32::try_from(assigned).unwrap_or(u32::MAX)),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}
