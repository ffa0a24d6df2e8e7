//! The assignment instance of a programme: every (eligible current-edition submission, category
//! entered) slot, the review files that already exist (fixed: never moved or rewritten), and
//! each panel member's eligibility for each slot, with the reason when they are not eligible.

use std::collections::{BTreeMap, HashMap};

use super::{Instance, Reviewer, Slot, Submission, Weights};
use crate::check::Report;
use crate::conflict::{self, Conflict, employer_key, reviewer_authority};
use crate::london;
use crate::model::Repository;

/// A review that exists as a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub submission: String,
    pub category: String,
    pub reviewer: String,
}

/// Why a panel member cannot take a slot before the optimiser even looks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Excluded {
    /// Their review of this very slot exists already.
    OnSlot,
    Conflict(Conflict),
    /// They already review this submission (in the named category).
    AlreadyReviewing(String),
    /// Their authority is that of a reviewer already on the slot (named).
    SameAuthority(String),
    /// On the panel in categories.yaml but not listed under `reviewers`.
    Unknown,
}

/// The instance, and what is needed to speak about it in people's terms.
#[derive(Debug, Clone)]
pub struct Plan {
    pub instance: Instance,
    /// (submission id, category) of each slot of the instance, with every slot of every
    /// eligible submission listed, including those already full (demand 0).
    pub slot_keys: Vec<(String, String)>,
    pub existing: Vec<Existing>,
    /// For each slot, the panel members in id order, with why each is excluded, if they are.
    pub panel: Vec<Vec<(String, Option<Excluded>)>>,
    /// Review places per slot.
    pub per_slot: u32,
}

/// Builds the plan. Only review files of the current edition count towards loads and slots.
pub fn plan(repo: &Repository, report: &Report) -> Plan {
    let programme = &repo.programme;
    let edition = programme.edition();
    let per_slot = programme.reviewers_per_submission();

    let existing: Vec<Existing> = repo
        .reviews
        .iter()
        .filter_map(|review| {
            let meta = review.parsed.meta.as_deref()?;
            // A review whose slot cannot be read counts as one with no front matter: neither
            // holds a place (both are named on stderr).
            (review.submission.starts_with(&format!("{edition}/")) && review.names_read()).then(
                || Existing {
                    submission: meta.submission.value.clone(),
                    category: meta.category.value.clone(),
                    reviewer: meta.reviewer.value.clone(),
                },
            )
        })
        .collect();

    let mut reviewers: Vec<&crate::programme::Reviewer> = programme.reviewers().iter().collect();
    reviewers.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    let index_of: HashMap<&str, usize> = reviewers
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.value.as_str(), i))
        .collect();
    // Lookups by id happen once per panel member per slot: index them.
    let by_id: HashMap<&str, &crate::programme::Reviewer> = reviewers
        .iter()
        .map(|r| (r.id.value.as_str(), *r))
        .collect();
    let mut existing_by_submission: HashMap<&str, Vec<&Existing>> = HashMap::new();
    for review in &existing {
        existing_by_submission
            .entry(review.submission.as_str())
            .or_default()
            .push(review);
    }
    let mut load = vec![0u32; reviewers.len()];
    for review in &existing {
        if let Some(&i) = index_of.get(review.reviewer.as_str()) {
            load[i] += 1;
        }
    }
    let register = london::register();
    let instance_reviewers: Vec<Reviewer> = reviewers
        .iter()
        .zip(&load)
        .map(|(r, &load)| Reviewer {
            id: r.id.value.clone(),
            employer: employer_key(r),
            sub_region: reviewer_authority(r).map(|i| register.get(i).ics.clone()),
            load,
            cap: programme.cap(r).max(load),
        })
        .collect();

    let mut submissions = Vec::new();
    let mut slots = Vec::new();
    let mut slot_keys = Vec::new();
    let mut panels = Vec::new();
    let eligible = report
        .submissions
        .iter()
        .filter(|v| v.eligible == Some(true));
    for verdict in eligible {
        let Some(submission) = repo.submission(&verdict.id) else {
            continue;
        };
        let mut sub_regions: Vec<String> = submission
            .authorities()
            .into_iter()
            .map(|i| register.get(i).ics.clone())
            .collect();
        sub_regions.sort();
        sub_regions.dedup();
        let s_index = submissions.len();
        submissions.push(Submission {
            id: submission.id.clone(),
            sub_regions,
        });
        let its_reviews = existing_by_submission
            .get(submission.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let reviewing: BTreeMap<&str, &str> = its_reviews
            .iter()
            .map(|e| (e.reviewer.as_str(), e.category.as_str()))
            .collect();
        for category in submission.categories() {
            let Some(spec) = programme.category(&category.value) else {
                continue;
            };
            let in_slot: Vec<&str> = its_reviews
                .iter()
                .filter(|e| e.category == category.value)
                .map(|e| e.reviewer.as_str())
                .collect();
            let slot_employers: BTreeMap<String, &str> = in_slot
                .iter()
                .filter_map(|id| by_id.get(id).map(|r| (employer_key(r), *id)))
                .collect();
            let mut members: Vec<&str> = spec.panel.iter().map(|m| m.value.as_str()).collect();
            members.sort();
            members.dedup();
            let mut candidates = Vec::new();
            let mut panel = Vec::new();
            for id in members {
                let excluded = match (by_id.get(id), index_of.get(id)) {
                    (Some(reviewer), Some(&index)) => {
                        let why = if in_slot.contains(&id) {
                            Some(Excluded::OnSlot)
                        } else if let Some(category) = reviewing.get(id) {
                            Some(Excluded::AlreadyReviewing(category.to_string()))
                        } else if let Some(conflict) = conflict::find(reviewer, submission) {
                            Some(Excluded::Conflict(conflict))
                        } else {
                            slot_employers
                                .get(&employer_key(reviewer))
                                .map(|other| Excluded::SameAuthority(other.to_string()))
                        };
                        if why.is_none() {
                            candidates.push(index);
                        }
                        why
                    }
                    _ => Some(Excluded::Unknown),
                };
                panel.push((id.to_string(), excluded));
            }
            slots.push(Slot {
                submission: s_index,
                category: category.value.clone(),
                demand: per_slot.saturating_sub(in_slot.len() as u32),
                candidates,
            });
            slot_keys.push((submission.id.clone(), category.value.clone()));
            panels.push(panel);
        }
    }
    Plan {
        instance: Instance {
            reviewers: instance_reviewers,
            submissions,
            slots,
            weights: Weights::default(),
        },
        slot_keys,
        existing,
        panel: panels,
        per_slot,
    }
}
