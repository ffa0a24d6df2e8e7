//! Entries counted by category, authority, London area, theme and partner, each beside the
//! previous edition.

use std::collections::BTreeMap;

use super::edition::{Edition, Entry};
use super::{AreaRow, AuthorityRow, CategoryRow, PartnerRow, ThemeRow};
use crate::london;
use crate::model::{Repository, Status};
use crate::parse::yaml::items;

/// Entries of `edition` per category id, for the given statuses.
pub(super) fn per_category<'e>(
    entries: impl Iterator<Item = &'e Entry<'e>>,
) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for entry in entries {
        for category in &entry.categories {
            *counts.entry(category.clone()).or_insert(0) += 1;
        }
    }
    counts
}

pub(super) fn categories(
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
pub(super) fn per_authority<'e>(entries: impl Iterator<Item = &'e Entry<'e>>) -> Vec<usize> {
    let mut counts = vec![0; london::register().authorities().len()];
    for entry in entries {
        for &a in &entry.authorities {
            counts[a] += 1;
        }
    }
    counts
}

pub(super) fn authorities(current: &Edition, previous: Option<&Edition>) -> Vec<AuthorityRow> {
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
pub(super) enum Area {
    SubRegion,
    InnerOuter,
}

impl Area {
    pub(super) fn of(self, authority: &london::Authority) -> &str {
        match self {
            Area::SubRegion => &authority.ics,
            Area::InnerOuter => &authority.inner_outer,
        }
    }

    pub(super) fn name(self, code: &str) -> String {
        match self {
            Area::SubRegion => london::register()
                .sub_region_name(code)
                .unwrap_or(code)
                .to_string(),
            Area::InnerOuter => format!("{} London", capitalise(code)),
        }
    }
}

pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Submissions reaching each area, counted once per area however many of its authorities join.
pub(super) fn per_area<'e>(
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

pub(super) fn areas(current: &Edition, previous: Option<&Edition>, area: Area) -> Vec<AreaRow> {
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

pub(super) fn per_theme<'e>(
    entries: impl Iterator<Item = &'e Entry<'e>>,
) -> BTreeMap<String, usize> {
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

pub(super) fn themes(
    repo: &Repository,
    current: &Edition,
    previous: Option<&Edition>,
) -> Vec<ThemeRow> {
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

pub(super) fn partners(current: &Edition) -> Vec<PartnerRow> {
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
