//! One edition's submissions as the report counts them, and the headline measures beside the
//! previous edition.

use std::collections::BTreeMap;

use super::EditionRow;
use crate::london;
use crate::model::{Repository, Status, Submission};

/// One edition's submissions, with what the report counts about each.
pub(super) struct Edition<'a> {
    /// Every submission file of the edition.
    pub(super) all: Vec<Entry<'a>>,
    /// The submitted ones (neither draft nor withdrawn).
    pub(super) entered: Vec<usize>,
    /// Partners of the submitted ones, from [`partner_counts`].
    pub(super) partners: BTreeMap<String, (String, usize)>,
}

/// A submission with what the figures read of it, worked out once: several tables read the
/// same lists, and resolving names again for each would cost a tenth of a large run.
pub(super) struct Entry<'a> {
    pub(super) submission: &'a Submission,
    pub(super) status: Option<Status>,
    pub(super) eligible: bool,
    pub(super) authorities: Vec<usize>,
    pub(super) categories: Vec<String>,
}

impl<'a> Edition<'a> {
    pub(super) fn of(
        repo: &'a Repository,
        edition: &str,
        eligible: &BTreeMap<&str, bool>,
    ) -> Edition<'a> {
        let all: Vec<Entry> = repo
            .submissions
            .iter()
            .filter(|s| s.edition == edition)
            .map(|s| Entry {
                submission: s,
                status: s.status(),
                eligible: eligible.get(s.id.as_str()).copied().unwrap_or(false),
                authorities: s.authorities(),
                categories: s.categories().into_iter().map(|c| c.value).collect(),
            })
            .collect();
        let entered = (0..all.len())
            .filter(|&i| all[i].status == Some(Status::Submitted))
            .collect();
        let mut edition = Edition {
            all,
            entered,
            partners: BTreeMap::new(),
        };
        edition.partners = partner_counts(&edition);
        edition
    }

    pub(super) fn entered(&self) -> impl Iterator<Item = &Entry<'a>> {
        self.entered.iter().map(|&i| &self.all[i])
    }

    pub(super) fn with_status(&self, status: Status) -> impl Iterator<Item = &Entry<'a>> {
        self.all.iter().filter(move |e| e.status == Some(status))
    }
}

/// The edition before `edition` (the year before), when any of its submissions are present.
pub(super) fn previous_edition(repo: &Repository, edition: &str) -> Option<String> {
    let year: u32 = edition.parse().ok()?;
    let before = year.checked_sub(1)?.to_string();
    repo.submissions
        .iter()
        .any(|s| s.edition == before)
        .then_some(before)
}

/// A headline measure: its stable key, its words, and how to count it in an edition.
pub(super) type Measure = (&'static str, &'static str, fn(&Edition) -> usize);

pub(super) fn editions(current: &Edition, previous: Option<&Edition>) -> Vec<EditionRow> {
    let measures: [Measure; 6] = [
        ("submissions", "submissions entered", |e| e.entered.len()),
        ("category_entries", "category entries", |e| {
            e.entered().map(|x| x.categories.len()).sum()
        }),
        ("authorities_taking_part", "authorities taking part", |e| {
            let mut seen: Vec<usize> = e.entered().flat_map(|x| x.authorities.clone()).collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        }),
        ("partners", "partners named", |e| e.partners.len()),
        ("drafts", "drafts", |e| e.with_status(Status::Draft).count()),
        ("withdrawn", "withdrawn", |e| {
            e.with_status(Status::Withdrawn).count()
        }),
    ];
    measures
        .iter()
        .map(|(measure, label, count)| EditionRow {
            measure: measure.to_string(),
            label: label.to_string(),
            current: count(current),
            previous: previous.map(count),
        })
        .collect()
}

/// Partners of entered submissions: normalised name → (spelling shown, count).
fn partner_counts(edition: &Edition) -> BTreeMap<String, (String, usize)> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for entry in edition.entered() {
        let mut seen = Vec::new();
        for name in entry.submission.partners() {
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            let key = london::normalise(&name);
            if key.is_empty() || seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            let row = counts.entry(key).or_insert_with(|| (name.clone(), 0));
            // Whatever order files are read in, one spelling is shown: the one that sorts
            // first, which puts capitals ("South West London ICB") before lower case.
            if name < row.0 {
                row.0 = name;
            }
            row.1 += 1;
        }
    }
    counts
}
