//! The assignment network in DIMACS min-cost-flow format, so another solver (OR-tools,
//! networkx) can solve exactly the same problem and its optimum be compared with ours.
//!
//! The network already has fixed supplies: each slot's bypass arc carries its unfilled places
//! at a cost larger than any assignment could save, so the optimum equals
//! `bypass × unfilled + cost`. A super source supplies every slot its demand.

use std::fmt::Write as _;
use std::io::BufRead;

use super::flow::{Network, min_cost_flow};
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

/// Reads a DIMACS min-cost-flow file of the shape [`export`] writes (a super source whose arcs
/// lead to the supply nodes, one sink) line by line and solves it with our own solver, returning
/// the optimum. This lets the benchmark run both solvers on the very same file.
pub fn solve(reader: impl BufRead) -> Result<i64, String> {
    let mut network: Option<Network> = None;
    let (mut source, mut sink) = (0, 0);
    let mut supplies = Vec::new();
    for (number, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        let fields: Vec<&str> = line.split_whitespace().collect();
        let int = |i: usize| -> Result<i64, String> {
            fields
                .get(i)
                .and_then(|f| f.parse().ok())
                .ok_or_else(|| format!("line {}: expected a number in field {i}", number + 1))
        };
        match fields.first() {
            Some(&"p") => network = Some(Network::new(int(2)? as usize)),
            Some(&"n") if int(2)? > 0 => source = int(1)? as usize,
            Some(&"n") => sink = int(1)? as usize,
            Some(&"a") => {
                let net = network.as_mut().ok_or("an arc before the p line")?;
                let (from, to) = (int(1)? as usize, int(2)? as usize);
                if from == source {
                    supplies.push((to - 1, int(4)? as i32));
                } else {
                    net.add_arc(from - 1, to - 1, int(4)? as i32, int(5)?);
                }
            }
            _ => {}
        }
    }
    let mut network = network.ok_or("no p line")?;
    if source == 0 || sink == 0 {
        return Err("no supply or no demand node".into());
    }
    min_cost_flow(&mut network, &supplies, sink - 1)
        .map_err(|unrouted| format!("{} supply node(s) cannot reach the sink", unrouted.0.len()))
}
