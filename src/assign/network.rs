//! An [`Instance`] as a flow network. Each unit of flow is one review:
//!
//! ```text
//! slot ─(1)─► [employer of the slot] ─(1)─► [pair (submission, reviewer)] ─(1)─► reviewer ═► sink
//! ```
//!
//! The employer node (capacity 1 from the slot) appears only where two candidates of a slot
//! share an employer, so a slot never gets both; the pair node (capacity 1 to the reviewer)
//! appears only where a reviewer is a candidate for two slots of one submission, so they never
//! review it twice. The same-region penalty sits on the arc into the reviewer. Each reviewer
//! reaches the sink by one unit arc per review they may still take, costing the marginal load
//! cost of that review, so the cheapest arcs fill first and the total is convex in load.
//!
//! Each slot also has a bypass arc straight to the sink, costing more than any set of real
//! reviews could: flow on it is a place left open. With it every slot's demand can always be
//! routed, so the problem has fixed supplies, and successive shortest paths may start from any
//! slot in any order and still end optimal: fewest places open first, then least cost.

use std::collections::HashMap;

use super::Instance;
use super::flow::Network;

pub struct Built {
    pub network: Network,
    pub sink: usize,
    /// The cost of leaving one place open.
    pub bypass_cost: i64,
    /// The bypass arc of each slot.
    bypass: Vec<usize>,
    /// (arc into a reviewer or pair node, slot, reviewer): where an assignment shows as flow.
    choices: Vec<(usize, usize, usize)>,
}

impl Built {
    /// Slots are the first nodes.
    pub fn slot_node(&self, slot: usize) -> usize {
        slot
    }

    /// Places left open in `slot`.
    pub fn open(&self, slot: usize) -> u32 {
        self.network.flow(self.bypass[slot]) as u32
    }

    /// The (slot, reviewer) pairs carrying flow.
    pub fn assignments(&self) -> Vec<(usize, usize)> {
        self.choices
            .iter()
            .filter(|(arc, _, _)| self.network.flow(*arc) > 0)
            .map(|&(_, slot, reviewer)| (slot, reviewer))
            .collect()
    }
}

/// Node numbers: slots first, then reviewers, then the sink, then gadget nodes as needed.
pub fn build(instance: &Instance) -> Built {
    let slots = instance.slots.len();
    let reviewer_node = |r: usize| slots + r;
    let sink = slots + instance.reviewers.len();
    let mut network = Network::new(sink + 1);

    // Employers as numbers, so a slot's candidates can be grouped by sorting.
    let mut employer_ids: HashMap<&str, u32> = HashMap::new();
    let employer: Vec<u32> = instance
        .reviewers
        .iter()
        .map(|r| {
            let next = employer_ids.len() as u32;
            *employer_ids.entry(r.employer.as_str()).or_insert(next)
        })
        .collect();
    let mut slots_of: Vec<Vec<usize>> = vec![Vec::new(); instance.submissions.len()];
    for (index, slot) in instance.slots.iter().enumerate() {
        slots_of[slot.submission].push(index);
    }

    let mut choices = Vec::new();
    for (submission, its_slots) in slots_of.iter().enumerate() {
        // Reviewers who are candidates for two or more of this submission's slots get a pair
        // node, shared by those slots.
        let mut appearances: HashMap<usize, u32> = HashMap::new();
        if its_slots.len() > 1 {
            for &slot in its_slots {
                for &r in &instance.slots[slot].candidates {
                    *appearances.entry(r).or_default() += 1;
                }
            }
        }
        let mut pair_nodes: HashMap<usize, usize> = HashMap::new();
        for &index in its_slots {
            let mut candidates = instance.slots[index].candidates.clone();
            candidates.sort_by_key(|&r| (employer[r], r));
            for group in candidates.chunk_by(|&a, &b| employer[a] == employer[b]) {
                let from = if group.len() > 1 {
                    let node = network.add_node();
                    network.add_arc(index, node, 1, 0);
                    node
                } else {
                    index
                };
                for &r in group {
                    let region = instance.region_cost(submission, r);
                    let arc = if appearances.get(&r).is_some_and(|&n| n > 1) {
                        let pair = *pair_nodes.entry(r).or_insert_with(|| {
                            let node = network.add_node();
                            network.add_arc(node, reviewer_node(r), 1, region);
                            node
                        });
                        network.add_arc(from, pair, 1, 0)
                    } else {
                        network.add_arc(from, reviewer_node(r), 1, region)
                    };
                    choices.push((arc, index, r));
                }
            }
        }
    }
    for (r, reviewer) in instance.reviewers.iter().enumerate() {
        for j in reviewer.load + 1..=reviewer.cap {
            network.add_arc(reviewer_node(r), sink, 1, instance.marginal_cost(j));
        }
    }
    // More than any path of real arcs can cost: every node once, at the dearest arc.
    let dearest = network
        .arcs()
        .map(|(_, _, _, cost)| cost)
        .max()
        .unwrap_or(0);
    let bypass_cost = (network.nodes() as i64 + 1) * (dearest + 1);
    let bypass = (0..slots)
        .map(|slot| network.add_arc(slot, sink, instance.slots[slot].demand as i32, bypass_cost))
        .collect();
    Built {
        network,
        sink,
        bypass_cost,
        bypass,
        choices,
    }
}
