//! The assignment network in DIMACS min-cost-flow format, so another solver (OR-tools,
//! networkx) can solve exactly the same problem and its optimum be compared with ours.
//!
//! The network already has fixed supplies: each slot's bypass arc carries its unfilled places
//! at a cost larger than any assignment could save, so the optimum equals
//! `bypass × unfilled + cost`. A super source supplies every slot its demand.

use std::fmt::Write as _;

use super::{Instance, network};

/// The DIMACS text for `instance`, and the bypass cost per unfilled place.
pub fn export(instance: &Instance) -> (String, i64) {
    let built = network::build(instance);
    let net = &built.network;
    let demand: i64 = instance.slots.iter().map(|s| i64::from(s.demand)).sum();
    // DIMACS nodes are 1-based; the super source comes after every network node.
    let source = net.nodes() + 1;
    let sink = built.sink + 1;
    let arcs: Vec<_> = net.arcs().collect();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "c spotlight assignment network: {} slots, {} reviewers",
        instance.slots.len(),
        instance.reviewers.len()
    );
    let _ = writeln!(
        out,
        "c optimum = {} x unfilled places + cost of the assignment",
        built.bypass_cost
    );
    let _ = writeln!(out, "p min {source} {}", arcs.len() + instance.slots.len());
    let _ = writeln!(out, "n {source} {demand}");
    let _ = writeln!(out, "n {sink} {}", -demand);
    for (slot, spec) in instance.slots.iter().enumerate() {
        let _ = writeln!(
            out,
            "a {source} {} 0 {} 0",
            built.slot_node(slot) + 1,
            spec.demand
        );
    }
    for (from, to, capacity, cost) in arcs {
        let _ = writeln!(out, "a {} {} 0 {capacity} {cost}", from + 1, to + 1);
    }
    (out, built.bypass_cost)
}
