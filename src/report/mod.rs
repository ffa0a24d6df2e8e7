//! The London picture of a programme: every figure `spotlight report` shows, computed as a pure
//! function of the loaded repository, its check report and today's date. The result is a plain
//! `Serialize` value: it is the `--format json` document, the data of the Markdown and HTML
//! templates, and the source of every CSV table.

pub mod charts;
mod counts;
mod edition;
mod progress;
pub mod tables;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::Report;
use crate::model::Repository;

use counts::{Area, areas, authorities, categories, partners, themes};
use edition::{Edition, editions, previous_edition};
use progress::{eligibility, reviewers, reviews, unreadable};

/// The version of the JSON document. It changes only when a field is removed or changes
/// meaning; new fields may be added within a version.
pub const VERSION: u32 = 1;

/// Every figure of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub version: u32,
    pub programme: ProgrammeInfo,
    /// The edition compared with, when files of the edition before the current one exist.
    pub previous_edition: Option<String>,
    /// Headline measures, current beside previous.
    pub editions: Vec<EditionRow>,
    pub categories: Vec<CategoryRow>,
    /// All 33 authorities in register order (by ONS code), zeros included.
    pub authorities: Vec<AuthorityRow>,
    pub sub_regions: Vec<AreaRow>,
    pub inner_outer: Vec<AreaRow>,
    pub themes: Vec<ThemeRow>,
    pub partners: Vec<PartnerRow>,
    pub eligibility: Eligibility,
    pub reviews: Reviews,
    pub reviewers: Vec<ReviewerRow>,
}

/// What the report is about, and as of when.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeInfo {
    pub name: String,
    pub edition: String,
    pub theme: Option<String>,
    /// The date the report treats as today (`--today`), `YYYY-MM-DD`.
    pub today: String,
    /// The submission deadline as written in categories.yaml.
    pub deadline: String,
    /// The review deadline, `YYYY-MM-DD`, when one is set and readable.
    pub review_deadline: Option<String>,
}

/// One headline measure for the current and the previous edition.
#[derive(Debug, Clone, Serialize)]
pub struct EditionRow {
    /// A stable key: `submissions`, `category_entries`, `authorities_taking_part`,
    /// `partners`, `drafts` or `withdrawn`.
    pub measure: String,
    /// The measure in words, for people.
    pub label: String,
    pub current: usize,
    /// `null` when there is no previous edition in the repository.
    pub previous: Option<usize>,
}

/// Entries of one category. An entry is a submitted (not draft, not withdrawn) submission that
/// names the category; one submission may enter several.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryRow {
    pub id: String,
    /// `null` for a category of the previous edition that this edition does not have.
    pub number: Option<u32>,
    pub title: String,
    pub sponsor: String,
    pub entries: usize,
    pub eligible: usize,
    pub drafts: usize,
    pub previous: Option<usize>,
}

/// Submissions naming one authority (a joint submission counts for each of its authorities).
#[derive(Debug, Clone, Serialize)]
pub struct AuthorityRow {
    /// ONS GSS code.
    pub code: String,
    pub name: String,
    /// The London Squared three-letter label used on the tile map, in capitals.
    pub label: String,
    pub inner_outer: String,
    /// ICS sub-region code: NCL, NEL, NWL, SEL or SWL.
    pub sub_region: String,
    pub submissions: usize,
    pub eligible: usize,
    pub drafts: usize,
    pub previous: Option<usize>,
    /// Tile map position (0-based, row 0 is north).
    pub row: u8,
    pub col: u8,
}

/// Submissions from an area (an ICS sub-region, or inner/outer London). A joint submission
/// counts once per area it reaches.
#[derive(Debug, Clone, Serialize)]
pub struct AreaRow {
    pub code: String,
    pub name: String,
    /// Authorities in the area.
    pub authorities: usize,
    /// Authorities in the area named by at least one submitted entry.
    pub authorities_taking_part: usize,
    pub submissions: usize,
    pub eligible: usize,
    pub previous: Option<usize>,
}

/// Submitted entries drawing out one theme.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeRow {
    pub theme: String,
    /// False for a theme written in a submission that the programme does not list.
    pub listed: bool,
    pub submissions: usize,
    pub previous: Option<usize>,
}

/// One partner organisation. Names that differ only in case, spacing or punctuation are one
/// partner, shown in the spelling that sorts first (capitals before lower case).
#[derive(Debug, Clone, Serialize)]
pub struct PartnerRow {
    pub name: String,
    pub submissions: usize,
}

/// Where the current edition's submissions stand.
#[derive(Debug, Clone, Serialize)]
pub struct Eligibility {
    /// Current-edition submission files.
    pub files: usize,
    pub submitted: usize,
    pub eligible: usize,
    pub ineligible: usize,
    /// Ineligible because submitted after the deadline or without a date (SP0208, SP0209).
    pub late: usize,
    pub drafts: usize,
    pub withdrawn: usize,
    /// Submission files of the edition that could not be read in full (reading errors): they
    /// are ineligible when submitted, and counted here whatever their status.
    pub unreadable: usize,
    /// Each reason with the number of ineligible submissions it applies to.
    pub reasons: Vec<ReasonRow>,
}

/// One reason for ineligibility.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonRow {
    pub code: String,
    pub title: String,
    pub submissions: usize,
}

/// Review progress for the current edition.
#[derive(Debug, Clone, Serialize)]
pub struct Reviews {
    /// Review places: eligible submissions × categories entered × reviewers per submission.
    pub slots: usize,
    /// Review files (assigned or complete).
    pub assigned: usize,
    /// Reviews with `status: complete`, a rating and non-empty Reflections.
    pub complete: usize,
    /// Places with no reviewer yet.
    pub open: usize,
    /// Whether `today` is after the review deadline.
    pub past_deadline: bool,
    /// Review files not complete although the review deadline has passed.
    pub overdue: usize,
    pub by_category: Vec<CategoryProgress>,
    /// The overdue reviews, by submission, category and reviewer.
    pub overdue_reviews: Vec<OverdueReview>,
}

/// Review progress of one category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryProgress {
    pub category: String,
    pub slots: usize,
    pub assigned: usize,
    pub complete: usize,
    pub open: usize,
}

/// A review still waiting after the review deadline.
#[derive(Debug, Clone, Serialize)]
pub struct OverdueReview {
    pub submission: String,
    pub category: String,
    pub reviewer: String,
}

/// One reviewer's load in the current edition against their cap.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewerRow {
    pub id: String,
    pub name: String,
    pub local_authority: String,
    /// Categories whose panel they sit on.
    pub panels: usize,
    pub assigned: usize,
    pub complete: usize,
    pub cap: u32,
    /// Reviews they can still take (0 when at or over their cap).
    pub spare: u32,
}

/// Computes every figure. `today` decides which reviews are overdue.
pub fn figures(repo: &Repository, report: &Report, today: NaiveDate) -> Figures {
    let programme = &repo.programme;
    let edition = programme.edition().to_string();
    let eligible: BTreeMap<&str, bool> = report
        .submissions
        .iter()
        .filter_map(|v| v.eligible.map(|e| (v.id.as_str(), e)))
        .collect();
    let current = Edition::of(repo, &edition, &eligible);
    let previous_edition = previous_edition(repo, &edition);
    let previous = previous_edition
        .as_deref()
        .map(|e| Edition::of(repo, e, &eligible));

    let reviews = reviews(repo, &current, today);
    Figures {
        version: VERSION,
        programme: ProgrammeInfo {
            name: programme.settings().name.clone(),
            edition: edition.clone(),
            theme: programme.settings().theme.clone(),
            today: today.format("%Y-%m-%d").to_string(),
            deadline: programme.settings().deadline.value.clone(),
            review_deadline: programme
                .review_deadline
                .map(|d| d.format("%Y-%m-%d").to_string()),
        },
        editions: editions(&current, previous.as_ref()),
        categories: categories(repo, &current, previous.as_ref()),
        authorities: authorities(&current, previous.as_ref()),
        sub_regions: areas(&current, previous.as_ref(), Area::SubRegion),
        inner_outer: areas(&current, previous.as_ref(), Area::InnerOuter),
        themes: themes(repo, &current, previous.as_ref()),
        partners: partners(&current),
        eligibility: eligibility(&current, report, unreadable(repo, report, &edition)),
        reviewers: reviewers(repo, &edition),
        reviews,
        previous_edition,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "\n## Setting the Scene\n\nA.\n\n## How\n\nB.\n\n## Impact\n\nC.\n\n## Next Steps\n\nD.\n\n## Evolve\n\nE.\n";

    fn submission(front: &str) -> String {
        format!(
            "---\ntitle: x\ncontact: {{name: Kim Lee, email: kim.lee@example.org}}\napproval: {{name: Jo Barnes, role: DCS, local_authority: Merton, date: 2026-04-20}}\nsubmitted: 2026-04-22\nstatus: submitted\n{front}\n---\n{BODY}"
        )
    }

    fn figures_of(files: &[(&str, String)]) -> Figures {
        let dir = tempfile::TempDir::new().unwrap();
        let base = include_str!("../../tests/fixtures/base/categories.yaml");
        std::fs::write(dir.path().join("categories.yaml"), base).unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let (repo, report) = crate::check::run(dir.path(), Some(today)).unwrap();
        figures(&repo, &report, today)
    }

    #[test]
    fn a_joint_submission_counts_once_per_area_and_once_per_authority() {
        let figures = figures_of(&[(
            "submissions/2026/merton-sutton.md",
            submission("categories: [health]\nlocal_authorities: [Merton, Sutton, Lambeth]"),
        )]);
        let area = |rows: &[AreaRow], code: &str| {
            rows.iter()
                .find(|r| r.code == code)
                .map(|r| (r.submissions, r.authorities_taking_part))
        };
        assert_eq!(area(&figures.sub_regions, "SWL"), Some((1, 2)));
        assert_eq!(area(&figures.sub_regions, "SEL"), Some((1, 1)));
        assert_eq!(area(&figures.inner_outer, "outer"), Some((1, 2)));
        let total: usize = figures.authorities.iter().map(|a| a.submissions).sum();
        assert_eq!(total, 3);
        assert_eq!(figures.authorities.len(), 33);
        assert_eq!(figures.previous_edition, None);
    }

    #[test]
    fn partners_spelt_differently_are_one_whatever_the_file_order() {
        let figures = figures_of(&[
            (
                "submissions/2026/a.md",
                submission(
                    "categories: [health]\nlocal_authorities: [Merton]\npartners: [\"south-west london ICB\"]",
                ),
            ),
            (
                "submissions/2026/b.md",
                submission(
                    "categories: [data]\nlocal_authorities: [Merton]\npartners: [South West London ICB, Kent Police]",
                ),
            ),
        ]);
        let partners: Vec<(&str, usize)> = figures
            .partners
            .iter()
            .map(|p| (p.name.as_str(), p.submissions))
            .collect();
        assert_eq!(
            partners,
            vec![("South West London ICB", 2), ("Kent Police", 1)]
        );
    }

    #[test]
    fn review_places_follow_eligible_entries_and_categories() {
        let figures = figures_of(&[
            (
                "submissions/2026/two.md",
                submission("categories: [health, data]\nlocal_authorities: [Merton]"),
            ),
            (
                "submissions/2026/draft.md",
                submission("categories: [health]\nlocal_authorities: [Merton]")
                    .replace("status: submitted", "status: draft"),
            ),
        ]);
        // Two categories x two reviewers each; the draft needs none.
        assert_eq!(figures.reviews.slots, 4);
        assert_eq!(figures.reviews.open, 4);
        assert!(!figures.reviews.past_deadline);
        assert_eq!(figures.eligibility.drafts, 1);
        assert_eq!(figures.categories[0].drafts, 1);
    }
}
