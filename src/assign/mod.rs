//! Reviewer assignment, pure: an [`Instance`] (open slots, their eligible reviewers, reviewer
//! loads and caps) in, an optimal [`Solution`] out. `from_repo` builds the instance from a
//! programme; `network` turns it into a min-cost flow network that `flow` solves.
//!
//! The objective, in order: fill as many review places as possible; then minimise
//! `load_weight × Σ load²` over reviewers (a convex cost per extra review, so load spreads
//! evenly) plus `same_region_weight` for each new review by someone from the submission's own
//! ICS sub-region (cross-London learning is preferred).

pub mod dimacs;
pub mod explain;
pub mod files;
pub mod flow;
pub mod from_repo;
mod network;

use serde::Serialize;

/// One reviewer as the optimiser sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewer {
    pub id: String,
    /// Who they work for; two reviewers of one slot never share it.
    pub employer: String,
    /// Their ICS sub-region, when they work for a London authority.
    pub sub_region: Option<String>,
    /// Reviews they already have (fixed).
    pub load: u32,
    /// The most reviews they may have in all.
    pub cap: u32,
}

/// A submission being reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub id: String,
    /// The ICS sub-regions of its authorities.
    pub sub_regions: Vec<String>,
}

/// A (submission, category) that still needs reviewers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Index into [`Instance::submissions`].
    pub submission: usize,
    pub category: String,
    /// Reviewers still needed.
    pub demand: u32,
    /// Reviewers who may take it (indices into [`Instance::reviewers`]): on the panel, without
    /// a conflict, not already reviewing the submission, not from an authority already in the
    /// slot. The optimiser enforces the rest.
    pub candidates: Vec<usize>,
}

/// How much each soft preference weighs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    pub load: i64,
    pub same_region: i64,
}

impl Default for Weights {
    /// Load dominates: moving one review from a reviewer with 3 to one with 2 saves 20, more
    /// than the same-region penalty of 3, which decides between equally loaded reviewers.
    fn default() -> Self {
        Weights {
            load: 10,
            same_region: 3,
        }
    }
}

/// Everything the optimiser needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Instance {
    pub reviewers: Vec<Reviewer>,
    pub submissions: Vec<Submission>,
    pub slots: Vec<Slot>,
    pub weights: Weights,
}

/// An assignment: which reviewer takes which slot, and what is left open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Solution {
    /// (slot, reviewer) pairs, sorted.
    pub assignments: Vec<(usize, usize)>,
    /// (slot, places left open), for slots that could not be filled.
    pub unfilled: Vec<(usize, u32)>,
    /// The soft cost of the new reviews (see the module comment).
    pub cost: i64,
}

impl Instance {
    /// The cost of a reviewer's `j`-th review in all (1-based): `load × (2j − 1)`, so a
    /// reviewer's reviews cost `load × j²` together.
    pub fn marginal_cost(&self, j: u32) -> i64 {
        self.weights.load * (2 * i64::from(j) - 1)
    }

    /// The penalty for `reviewer` reviewing `submission`: same sub-region or not.
    pub fn region_cost(&self, submission: usize, reviewer: usize) -> i64 {
        match &self.reviewers[reviewer].sub_region {
            Some(region) if self.submissions[submission].sub_regions.contains(region) => {
                self.weights.same_region
            }
            _ => 0,
        }
    }

    /// The soft cost of a set of new (slot, reviewer) assignments.
    pub fn cost_of(&self, assignments: &[(usize, usize)]) -> i64 {
        let mut added = vec![0u32; self.reviewers.len()];
        let mut cost = 0;
        for &(slot, reviewer) in assignments {
            added[reviewer] += 1;
            cost += self.region_cost(self.slots[slot].submission, reviewer);
        }
        for (reviewer, &extra) in added.iter().enumerate() {
            let load = self.reviewers[reviewer].load;
            cost += (load + 1..=load + extra)
                .map(|j| self.marginal_cost(j))
                .sum::<i64>();
        }
        cost
    }

    /// Why `assignments` break a hard constraint, if they do.
    pub fn violation(&self, assignments: &[(usize, usize)]) -> Option<String> {
        let mut per_slot = vec![0u32; self.slots.len()];
        let mut per_reviewer = vec![0u32; self.reviewers.len()];
        let mut pairs = std::collections::HashSet::new();
        let mut employers = std::collections::HashSet::new();
        for &(slot, reviewer) in assignments {
            let s = &self.slots[slot];
            if !s.candidates.contains(&reviewer) {
                return Some(format!(
                    "reviewer {reviewer} is not a candidate for slot {slot}"
                ));
            }
            per_slot[slot] += 1;
            per_reviewer[reviewer] += 1;
            if !pairs.insert((s.submission, reviewer)) {
                return Some(format!(
                    "reviewer {reviewer} reviews submission {} twice",
                    s.submission
                ));
            }
            if !employers.insert((slot, &self.reviewers[reviewer].employer)) {
                return Some(format!("slot {slot} has two reviewers from one employer"));
            }
        }
        for (slot, &n) in per_slot.iter().enumerate() {
            if n > self.slots[slot].demand {
                return Some(format!("slot {slot} is over-filled"));
            }
        }
        for (reviewer, &n) in per_reviewer.iter().enumerate() {
            let r = &self.reviewers[reviewer];
            if r.load + n > r.cap {
                return Some(format!("reviewer {reviewer} is over their cap"));
            }
        }
        None
    }
}

/// Solves `instance` optimally (see the module comment), deterministically: slots are taken in
/// their order and candidates in theirs.
pub fn solve(instance: &Instance) -> Solution {
    let mut built = network::build(instance);
    let supplies: Vec<(usize, i32)> = (0..instance.slots.len())
        .map(|slot| (built.slot_node(slot), instance.slots[slot].demand as i32))
        .collect();
    // The bypass arcs mean every unit can always be routed.
    let total = flow::min_cost_flow(&mut built.network, &supplies, built.sink)
        .unwrap_or_else(|_| unreachable!("every slot has a bypass arc to the sink"));
    let unfilled: Vec<(usize, u32)> = (0..instance.slots.len())
        .map(|slot| (slot, built.open(slot)))
        .filter(|&(_, open)| open > 0)
        .collect();
    let open: i64 = unfilled.iter().map(|&(_, n)| i64::from(n)).sum();
    let mut assignments = built.assignments();
    assignments.sort_unstable();
    Solution {
        assignments,
        unfilled,
        cost: total - open * built.bypass_cost,
    }
}

#[cfg(test)]
mod tests;
