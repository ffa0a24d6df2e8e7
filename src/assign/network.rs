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

use std::collections::{BTreeMap, HashMap};

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

    // Which reviewers are candidates for two or more slots of one submission.
    let mut slots_per_pair: HashMap<(usize, usize), u32> = HashMap::new();
    for slot in &instance.slots {
        for &r in &slot.candidates {
            *slots_per_pair.entry((slot.submission, r)).or_default() += 1;
        }
    }
    let mut pair_nodes: HashMap<(usize, usize), usize> = HashMap::new();
    let mut choices = Vec::new();

    for (index, slot) in instance.slots.iter().enumerate() {
        // Candidates by employer, in a stable order.
        let mut by_employer: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for &r in &slot.candidates {
            by_employer
                .entry(&instance.reviewers[r].employer)
                .or_default()
                .push(r);
        }
        for group in by_employer.values() {
            let from = if group.len() > 1 {
                let node = network.add_node();
                network.add_arc(index, node, 1, 0);
                node
            } else {
                index
            };
            for &r in group {
                let region = instance.region_cost(slot.submission, r);
                let key = (slot.submission, r);
                let arc = if slots_per_pair[&key] > 1 {
                    let pair = *pair_nodes.entry(key).or_insert_with(|| {
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
