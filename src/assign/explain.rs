//! Assignments in people's terms: why a slot stayed open, why each reviewer was chosen, and why
//! each other panel member was not.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Solution;
use super::from_repo::{Excluded, Plan};
use crate::conflict::Conflict;

/// Reviews per reviewer after the solution: existing plus new.
pub fn final_loads(plan: &Plan, solution: &Solution) -> Vec<u32> {
    let mut loads: Vec<u32> = plan.instance.reviewers.iter().map(|r| r.load).collect();
    for &(_, reviewer) in &solution.assignments {
        loads[reviewer] += 1;
    }
    loads
}

/// One reviewer's standing in one slot.
#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    pub reviewer: String,
    pub chosen: bool,
    pub why: String,
}

/// A slot, explained.
#[derive(Debug, Clone, Serialize)]
pub struct SlotExplanation {
    pub category: String,
    pub open: u32,
    pub reviewers: Vec<Standing>,
}

/// Why each panel member of each slot of `submission` was or was not chosen.
pub fn explain(plan: &Plan, solution: &Solution, submission: &str) -> Vec<SlotExplanation> {
    let loads = final_loads(plan, solution);
    (0..plan.slot_keys.len())
        .filter(|&slot| plan.slot_keys[slot].0 == submission)
        .map(|slot| {
            let category = plan.slot_keys[slot].1.clone();
            let reviewers = plan.panel[slot]
                .iter()
                .map(|(id, excluded)| standing(plan, solution, &loads, slot, id, excluded.as_ref()))
                .collect();
            let open = solution
                .unfilled
                .iter()
                .find(|(s, _)| *s == slot)
                .map_or(0, |(_, n)| *n);
            SlotExplanation {
                category,
                open,
                reviewers,
            }
        })
        .collect()
}

fn standing(
    plan: &Plan,
    solution: &Solution,
    loads: &[u32],
    slot: usize,
    id: &str,
    excluded: Option<&Excluded>,
) -> Standing {
    let (submission, category) = &plan.slot_keys[slot];
    let existing = plan
        .existing
        .iter()
        .any(|e| &e.submission == submission && &e.category == category && e.reviewer == id);
    let make = |chosen, why: String| Standing {
        reviewer: id.to_string(),
        chosen,
        why,
    };
    if existing {
        return make(
            true,
            "already assigned: their review file exists and is kept".into(),
        );
    }
    if let Some(excluded) = excluded {
        return make(false, excluded_reason(excluded));
    }
    let instance = &plan.instance;
    let Some(index) = instance.reviewers.iter().position(|r| r.id == id) else {
        return make(
            false,
            "not listed under `reviewers` in categories.yaml".into(),
        );
    };
    let reviewer = &instance.reviewers[index];
    let s = instance.slots[slot].submission;
    let region = match &reviewer.sub_region {
        Some(r) if instance.submissions[s].sub_regions.contains(r) => {
            format!("same sub-region ({r})")
        }
        Some(r) => format!("a different sub-region ({r})"),
        None => "no London sub-region".to_string(),
    };
    if solution.assignments.contains(&(slot, index)) {
        return make(
            true,
            format!(
                "chosen: {} of {} reviews after this run; {region}",
                loads[index], reviewer.cap
            ),
        );
    }
    if let Some(&(other, _)) = solution
        .assignments
        .iter()
        .find(|&&(other, r)| r == index && instance.slots[other].submission == s)
    {
        return make(
            false,
            format!(
                "reviews this submission for `{}` instead",
                instance.slots[other].category
            ),
        );
    }
    if let Some(&(_, other)) = solution
        .assignments
        .iter()
        .find(|&&(sl, r)| sl == slot && instance.reviewers[r].employer == reviewer.employer)
    {
        return make(
            false,
            format!(
                "works for the same authority as {}, chosen for this slot",
                instance.reviewers[other].id
            ),
        );
    }
    if loads[index] >= reviewer.cap {
        return make(false, format!("at their cap of {} reviews", reviewer.cap));
    }
    make(
        false,
        format!(
            "available, but others cost less: this would be their review {} of {}; {region}",
            loads[index] + 1,
            reviewer.cap
        ),
    )
}

fn excluded_reason(excluded: &Excluded) -> String {
    match excluded {
        Excluded::OnSlot => "already assigned: their review file exists and is kept".into(),
        Excluded::Conflict(Conflict::OwnAuthority(name)) => {
            format!("works for {name}, a submitting authority")
        }
        Excluded::Conflict(Conflict::Declared(name)) => format!("declared a conflict with {name}"),
        Excluded::Conflict(Conflict::Named) => "is named in the submission".into(),
        Excluded::AlreadyReviewing(category) => {
            format!("already reviews this submission for `{category}`")
        }
        Excluded::SameAuthority(other) => {
            format!("works for the same authority as {other}, already on this slot")
        }
        Excluded::Unknown => "not listed under `reviewers` in categories.yaml".into(),
    }
}

/// Why a slot stayed open, e.g. "panel of 4: 3 share an authority with the submission (Lambeth
/// x2, Southwark); 1 at their cap".
pub fn unfilled_reason(plan: &Plan, solution: &Solution, slot: usize) -> String {
    let loads = final_loads(plan, solution);
    let panel = &plan.panel[slot];
    let mut own_authority: BTreeMap<&str, usize> = BTreeMap::new();
    let mut reasons: BTreeMap<&'static str, usize> = BTreeMap::new();
    for (id, excluded) in panel {
        let reason = match excluded {
            Some(Excluded::Conflict(Conflict::OwnAuthority(name))) => {
                *own_authority.entry(name).or_default() += 1;
                continue;
            }
            Some(Excluded::OnSlot) => "already on it",
            Some(Excluded::Conflict(Conflict::Declared(_))) => "declared a conflict",
            Some(Excluded::Conflict(Conflict::Named)) => "named in the submission",
            Some(Excluded::AlreadyReviewing(_)) => "already review it in another category",
            Some(Excluded::SameAuthority(_)) => "share an authority with a reviewer already on it",
            Some(Excluded::Unknown) => "not listed under `reviewers`",
            None => {
                let instance = &plan.instance;
                let Some(index) = instance.reviewers.iter().position(|r| &r.id == id) else {
                    continue;
                };
                let s = instance.slots[slot].submission;
                if solution.assignments.contains(&(slot, index)) {
                    "chosen"
                } else if loads[index] >= instance.reviewers[index].cap {
                    "at their cap"
                } else if solution
                    .assignments
                    .iter()
                    .any(|&(other, r)| r == index && instance.slots[other].submission == s)
                {
                    "review it in another category"
                } else {
                    "share an authority with a chosen reviewer"
                }
            }
        };
        *reasons.entry(reason).or_default() += 1;
    }
    let mut parts = Vec::new();
    if !own_authority.is_empty() {
        let total: usize = own_authority.values().sum();
        let names: Vec<String> = own_authority
            .iter()
            .map(|(name, n)| {
                if *n > 1 {
                    format!("{name} x{n}")
                } else {
                    name.to_string()
                }
            })
            .collect();
        parts.push(format!(
            "{total} share an authority with the submission ({})",
            names.join(", ")
        ));
    }
    for (reason, n) in reasons {
        parts.push(format!("{n} {reason}"));
    }
    format!("panel of {}: {}", panel.len(), parts.join("; "))
}
