//! The London picture of a programme: every figure `spotlight report` shows, computed as a pure
//! function of the loaded repository, its check report and today's date. The result is a plain
//! `Serialize` value: it is the `--format json` document, the data of the Markdown and HTML
//! templates, and the source of every CSV table.

pub mod charts;
pub mod tables;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::Report;
use crate::london;
use crate::model::{Repository, ReviewStatus, Status, Submission};
use crate::parse::yaml::items;

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

/// One edition's submissions, with what the report counts about each.
struct Edition<'a> {
    /// Every submission file of the edition.
    all: Vec<Entry<'a>>,
    /// The submitted ones (neither draft nor withdrawn).
    entered: Vec<usize>,
    /// Partners of the submitted ones, from [`partner_counts`].
    partners: BTreeMap<String, (String, usize)>,
}

/// A submission with what the figures read of it, worked out once: several tables read the
/// same lists, and resolving names again for each would cost a tenth of a large run.
struct Entry<'a> {
    submission: &'a Submission,
    status: Option<Status>,
    eligible: bool,
    authorities: Vec<usize>,
    categories: Vec<String>,
}

impl<'a> Edition<'a> {
    fn of(repo: &'a Repository, edition: &str, eligible: &BTreeMap<&str, bool>) -> Edition<'a> {
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

    fn entered(&self) -> impl Iterator<Item = &Entry<'a>> {
        self.entered.iter().map(|&i| &self.all[i])
    }

    fn with_status(&self, status: Status) -> impl Iterator<Item = &Entry<'a>> {
        self.all.iter().filter(move |e| e.status == Some(status))
    }
}

/// The edition before `edition` (the year before), when any of its submissions are present.
fn previous_edition(repo: &Repository, edition: &str) -> Option<String> {
    let year: u32 = edition.parse().ok()?;
    let before = year.checked_sub(1)?.to_string();
    repo.submissions
        .iter()
        .any(|s| s.edition == before)
        .then_some(before)
}

/// A headline measure: its stable key, its words, and how to count it in an edition.
type Measure = (&'static str, &'static str, fn(&Edition) -> usize);

fn editions(current: &Edition, previous: Option<&Edition>) -> Vec<EditionRow> {
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

/// Entries of `edition` per category id, for the given statuses.
fn per_category<'e>(entries: impl Iterator<Item = &'e Entry<'e>>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for entry in entries {
        for category in &entry.categories {
            *counts.entry(category.clone()).or_insert(0) += 1;
        }
    }
    counts
}

fn categories(
    repo: &Repository,
    current: &Edition,
    previous: Option<&Edition>,
) -> Vec<CategoryRow> {
    let entries = per_category(current.entered());
    let eligible = per_category(current.entered().filter(|e| e.eligible));
    let drafts = per_category(current.with_status(Status::Draft));
    let before = previous.map(|p| per_category(p.entered()));
    let count = |map: &BTreeMap<String, usize>, id: &str| map.get(id).copied().unwrap_or(0);
    let mut rows: Vec<CategoryRow> = repo
        .programme
        .categories()
        .iter()
        .map(|c| CategoryRow {
            id: c.id.value.clone(),
            number: Some(c.number.value),
            title: c.title.clone(),
            sponsor: c.sponsor.clone(),
            entries: count(&entries, &c.id.value),
            eligible: count(&eligible, &c.id.value),
            drafts: count(&drafts, &c.id.value),
            previous: before.as_ref().map(|b| count(b, &c.id.value)),
        })
        .collect();
    rows.sort_by_key(|r| (r.number, r.id.clone()));
    // The previous edition's own categories that this edition no longer has, so its total
    // still adds up.
    if let Some(before) = &before {
        for (id, &n) in before {
            if repo.programme.category(id).is_none() {
                rows.push(CategoryRow {
                    id: id.clone(),
                    number: None,
                    title: id.clone(),
                    sponsor: String::new(),
                    entries: count(&entries, id),
                    eligible: 0,
                    drafts: 0,
                    previous: Some(n),
                });
            }
        }
    }
    rows
}

/// Entered submissions per register index.
fn per_authority<'e>(entries: impl Iterator<Item = &'e Entry<'e>>) -> Vec<usize> {
    let mut counts = vec![0; london::register().authorities().len()];
    for entry in entries {
        for &a in &entry.authorities {
            counts[a] += 1;
        }
    }
    counts
}

fn authorities(current: &Edition, previous: Option<&Edition>) -> Vec<AuthorityRow> {
    let submitted = per_authority(current.entered());
    let eligible = per_authority(current.entered().filter(|e| e.eligible));
    let drafts = per_authority(current.with_status(Status::Draft));
    let before = previous.map(|p| per_authority(p.entered()));
    london::register()
        .authorities()
        .iter()
        .enumerate()
        .map(|(i, a)| AuthorityRow {
            code: a.code.clone(),
            name: a.short_name.clone(),
            label: a.tile_label(),
            inner_outer: a.inner_outer.clone(),
            sub_region: a.ics.clone(),
            submissions: submitted[i],
            eligible: eligible[i],
            drafts: drafts[i],
            previous: before.as_ref().map(|b| b[i]),
            row: a.tile.row,
            col: a.tile.col,
        })
        .collect()
}

#[derive(Clone, Copy)]
enum Area {
    SubRegion,
    InnerOuter,
}

impl Area {
    fn of(self, authority: &london::Authority) -> &str {
        match self {
            Area::SubRegion => &authority.ics,
            Area::InnerOuter => &authority.inner_outer,
        }
    }

    fn name(self, code: &str) -> String {
        match self {
            Area::SubRegion => london::register()
                .sub_region_name(code)
                .unwrap_or(code)
                .to_string(),
            Area::InnerOuter => format!("{} London", capitalise(code)),
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Submissions reaching each area, counted once per area however many of its authorities join.
fn per_area<'e>(
    entries: impl Iterator<Item = &'e Entry<'e>>,
    area: Area,
) -> BTreeMap<String, usize> {
    let register = london::register();
    let mut counts = BTreeMap::new();
    for entry in entries {
        let mut reached: Vec<&str> = entry
            .authorities
            .iter()
            .map(|&a| area.of(register.get(a)))
            .collect();
        reached.sort_unstable();
        reached.dedup();
        for code in reached {
            *counts.entry(code.to_string()).or_insert(0) += 1;
        }
    }
    counts
}

fn areas(current: &Edition, previous: Option<&Edition>, area: Area) -> Vec<AreaRow> {
    let register = london::register();
    let submitted = per_area(current.entered(), area);
    let eligible = per_area(current.entered().filter(|e| e.eligible), area);
    let before = previous.map(|p| per_area(p.entered(), area));
    let taking_part = per_authority(current.entered());
    let mut codes: Vec<&str> = register.authorities().iter().map(|a| area.of(a)).collect();
    codes.sort_unstable();
    codes.dedup();
    let count = |map: &BTreeMap<String, usize>, code: &str| map.get(code).copied().unwrap_or(0);
    codes
        .into_iter()
        .map(|code| {
            let members: Vec<usize> = (0..register.authorities().len())
                .filter(|&i| area.of(register.get(i)) == code)
                .collect();
            AreaRow {
                code: code.to_string(),
                name: area.name(code),
                authorities: members.len(),
                authorities_taking_part: members.iter().filter(|&&i| taking_part[i] > 0).count(),
                submissions: count(&submitted, code),
                eligible: count(&eligible, code),
                previous: before.as_ref().map(|b| count(b, code)),
            }
        })
        .collect()
}

fn per_theme<'e>(entries: impl Iterator<Item = &'e Entry<'e>>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for entry in entries {
        let mut themes: Vec<String> = entry
            .submission
            .meta()
            .and_then(|m| m.themes.as_ref())
            .map(|t| {
                items(t)
                    .into_iter()
                    .map(|s| s.value.trim().to_string())
                    .collect()
            })
            .unwrap_or_default();
        themes.sort();
        themes.dedup();
        for theme in themes {
            *counts.entry(theme).or_insert(0) += 1;
        }
    }
    counts
}

fn themes(repo: &Repository, current: &Edition, previous: Option<&Edition>) -> Vec<ThemeRow> {
    let now = per_theme(current.entered());
    let before = previous.map(|p| per_theme(p.entered()));
    let listed: Vec<String> = repo
        .programme
        .settings()
        .themes
        .iter()
        .map(|t| t.value.clone())
        .collect();
    let count = |map: &BTreeMap<String, usize>, theme: &str| map.get(theme).copied().unwrap_or(0);
    let mut rows: Vec<ThemeRow> = listed
        .iter()
        .map(|t| ThemeRow {
            theme: t.clone(),
            listed: true,
            submissions: count(&now, t),
            previous: before.as_ref().map(|b| count(b, t)),
        })
        .collect();
    let mut others: Vec<&String> = now
        .keys()
        .chain(before.iter().flat_map(|b| b.keys()))
        .filter(|t| !listed.contains(t))
        .collect();
    others.sort();
    others.dedup();
    rows.extend(others.into_iter().map(|t| ThemeRow {
        theme: t.clone(),
        listed: false,
        submissions: count(&now, t),
        previous: before.as_ref().map(|b| count(b, t)),
    }));
    rows
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

fn partners(current: &Edition) -> Vec<PartnerRow> {
    let mut rows: Vec<PartnerRow> = current
        .partners
        .values()
        .cloned()
        .map(|(name, submissions)| PartnerRow { name, submissions })
        .collect();
    rows.sort_by(|a, b| {
        b.submissions
            .cmp(&a.submissions)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.name.cmp(&b.name))
    });
    rows
}

/// How many of the edition's submission files could not be read in full.
fn unreadable(repo: &Repository, report: &Report, edition: &str) -> usize {
    crate::check::unread(repo, report)
        .iter()
        .filter(|u| !u.is_review() && u.edition() == Some(edition))
        .count()
}

fn eligibility(current: &Edition, report: &Report, unreadable: usize) -> Eligibility {
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
fn is_complete(review: &crate::model::Review) -> bool {
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

fn reviews(repo: &Repository, current: &Edition, today: NaiveDate) -> Reviews {
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

fn reviewers(repo: &Repository, edition: &str) -> Vec<ReviewerRow> {
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
