//! The report's figures as named tables of text cells, for `--format csv --table NAME`. Each
//! table has a header row; cells are made safe for spreadsheets by `spreadsheet::to_csv`.

use super::Figures;

/// Every table name, in the order the report shows them.
pub const NAMES: &[&str] = &[
    "editions",
    "categories",
    "authorities",
    "sub-regions",
    "inner-outer",
    "themes",
    "partners",
    "eligibility",
    "reasons",
    "reviews",
    "overdue",
    "reviewers",
];

/// The table `name` as rows of cells (header first), or `None` for an unknown name.
pub fn table(figures: &Figures, name: &str) -> Option<Vec<Vec<String>>> {
    let opt = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let rows: Vec<Vec<String>> =
        match name {
            "editions" => header(&["measure", "label", "current", "previous"])
                .chain(figures.editions.iter().map(|r| {
                    vec![
                        r.measure.clone(),
                        r.label.clone(),
                        r.current.to_string(),
                        opt(r.previous),
                    ]
                }))
                .collect(),
            "categories" => header(&[
                "number", "id", "title", "sponsor", "entries", "eligible", "drafts", "previous",
            ])
            .chain(figures.categories.iter().map(|r| {
                vec![
                    r.number.map(|n| n.to_string()).unwrap_or_default(),
                    r.id.clone(),
                    r.title.clone(),
                    r.sponsor.clone(),
                    r.entries.to_string(),
                    r.eligible.to_string(),
                    r.drafts.to_string(),
                    opt(r.previous),
                ]
            }))
            .collect(),
            "authorities" => header(&[
                "code",
                "authority",
                "inner_outer",
                "sub_region",
                "submissions",
                "eligible",
                "drafts",
                "previous",
            ])
            .chain(figures.authorities.iter().map(|r| {
                vec![
                    r.code.clone(),
                    r.name.clone(),
                    r.inner_outer.clone(),
                    r.sub_region.clone(),
                    r.submissions.to_string(),
                    r.eligible.to_string(),
                    r.drafts.to_string(),
                    opt(r.previous),
                ]
            }))
            .collect(),
            "sub-regions" | "inner-outer" => {
                let areas = if name == "sub-regions" {
                    &figures.sub_regions
                } else {
                    &figures.inner_outer
                };
                header(&[
                    "code",
                    "name",
                    "authorities",
                    "authorities_taking_part",
                    "submissions",
                    "eligible",
                    "previous",
                ])
                .chain(areas.iter().map(|r| {
                    vec![
                        r.code.clone(),
                        r.name.clone(),
                        r.authorities.to_string(),
                        r.authorities_taking_part.to_string(),
                        r.submissions.to_string(),
                        r.eligible.to_string(),
                        opt(r.previous),
                    ]
                }))
                .collect()
            }
            "themes" => header(&["theme", "listed", "submissions", "previous"])
                .chain(figures.themes.iter().map(|r| {
                    vec![
                        r.theme.clone(),
                        r.listed.to_string(),
                        r.submissions.to_string(),
                        opt(r.previous),
                    ]
                }))
                .collect(),
            "partners" => header(&["partner", "submissions"])
                .chain(
                    figures
                        .partners
                        .iter()
                        .map(|r| vec![r.name.clone(), r.submissions.to_string()]),
                )
                .collect(),
            "eligibility" => {
                let e = &figures.eligibility;
                header(&["measure", "submissions"])
                    .chain(
                        [
                            ("files", e.files),
                            ("submitted", e.submitted),
                            ("eligible", e.eligible),
                            ("ineligible", e.ineligible),
                            ("late", e.late),
                            ("drafts", e.drafts),
                            ("withdrawn", e.withdrawn),
                            ("could not be read", e.unreadable),
                        ]
                        .map(|(m, n)| vec![m.to_string(), n.to_string()]),
                    )
                    .collect()
            }
            "reasons" => {
                header(&["code", "title", "submissions"])
                    .chain(
                        figures.eligibility.reasons.iter().map(|r| {
                            vec![r.code.clone(), r.title.clone(), r.submissions.to_string()]
                        }),
                    )
                    .collect()
            }
            "reviews" => header(&["category", "slots", "assigned", "complete", "open"])
                .chain(figures.reviews.by_category.iter().map(|r| {
                    vec![
                        r.category.clone(),
                        r.slots.to_string(),
                        r.assigned.to_string(),
                        r.complete.to_string(),
                        r.open.to_string(),
                    ]
                }))
                .collect(),
            "overdue" => {
                header(&["submission", "category", "reviewer"])
                    .chain(figures.reviews.overdue_reviews.iter().map(|r| {
                        vec![r.submission.clone(), r.category.clone(), r.reviewer.clone()]
                    }))
                    .collect()
            }
            "reviewers" => header(&[
                "id",
                "name",
                "local_authority",
                "panels",
                "assigned",
                "complete",
                "cap",
                "spare",
            ])
            .chain(figures.reviewers.iter().map(|r| {
                vec![
                    r.id.clone(),
                    r.name.clone(),
                    r.local_authority.clone(),
                    r.panels.to_string(),
                    r.assigned.to_string(),
                    r.complete.to_string(),
                    r.cap.to_string(),
                    r.spare.to_string(),
                ]
            }))
            .collect(),
            _ => return None,
        };
    Some(rows)
}

fn header(names: &[&str]) -> impl Iterator<Item = Vec<String>> {
    std::iter::once(names.iter().map(|n| n.to_string()).collect())
}
