//! A min-cost flow solver: successive shortest paths with Johnson potentials, one unit at a
//! time from a chosen supply node to the sink, Dijkstra stopping as soon as the sink is settled.
//!
//! Why this shape: assignment adds reviewers slot by slot, every augmenting path starts at one
//! slot, and most paths are short (slot → reviewer → sink), so a Dijkstra that stops at the sink
//! touches a few hundred nodes instead of the whole network. Potentials keep reduced costs
//! non-negative, so each augmentation is along a true shortest path and the flow stays of
//! minimum cost for its value (no negative cycle in the residual network). A supply node that
//! cannot reach the sink never can later: augmenting elsewhere only adds residual arcs between
//! nodes that already reached the sink.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A directed network with capacities and costs. Each arc is stored with its reverse (residual)
/// arc at the index beside it (`e ^ 1`).
#[derive(Debug, Clone, Default)]
pub struct Network {
    to: Vec<u32>,
    residual: Vec<i32>,
    capacity: Vec<i32>,
    cost: Vec<i64>,
    out: Vec<Vec<u32>>,
}

impl Network {
    pub fn new(nodes: usize) -> Self {
        Network {
            out: vec![Vec::new(); nodes],
            ..Default::default()
        }
    }

    pub fn add_node(&mut self) -> usize {
        self.out.push(Vec::new());
        self.out.len() - 1
    }

    pub fn nodes(&self) -> usize {
        self.out.len()
    }

    /// Adds an arc `from → to` and returns its index. Costs must not be negative.
    pub fn add_arc(&mut self, from: usize, to: usize, capacity: i32, cost: i64) -> usize {
        debug_assert!(cost >= 0, "arc costs start non-negative");
        let index = self.to.len();
        for (head, cap, c) in [(to, capacity, cost), (from, 0, -cost)] {
            self.to.push(head as u32);
            self.residual.push(cap);
            self.capacity.push(cap);
            self.cost.push(c);
        }
        self.out[from].push(index as u32);
        self.out[to].push(index as u32 + 1);
        index
    }

    /// The flow on arc `arc` (as returned by [`Network::add_arc`]).
    pub fn flow(&self, arc: usize) -> i32 {
        self.capacity[arc] - self.residual[arc]
    }

    /// Every forward arc: (from, to, capacity, cost).
    pub fn arcs(&self) -> impl Iterator<Item = (usize, usize, i32, i64)> + '_ {
        (0..self.to.len()).step_by(2).map(|e| {
            let from = self.to[e + 1] as usize;
            (from, self.to[e] as usize, self.capacity[e], self.cost[e])
        })
    }
}

/// Augments one unit at a time along shortest paths, keeping potentials between calls.
pub struct Solver {
    potential: Vec<i64>,
    dist: Vec<i64>,
    via: Vec<u32>,
    settled: Vec<bool>,
    touched: Vec<u32>,
    heap: BinaryHeap<Reverse<(i64, u32)>>,
}

const UNREACHED: i64 = i64::MAX;

impl Solver {
    pub fn new(network: &Network) -> Self {
        let n = network.nodes();
        Solver {
            potential: vec![0; n],
            dist: vec![UNREACHED; n],
            via: vec![u32::MAX; n],
            settled: vec![false; n],
            touched: Vec::new(),
            heap: BinaryHeap::new(),
        }
    }

    /// Sends one unit from `source` to `sink` along a cheapest path, returning its cost, or
    /// `None` when the sink cannot be reached. Ties go to the lowest node number, so the same
    /// network always gives the same flow.
    pub fn augment(&mut self, network: &mut Network, source: usize, sink: usize) -> Option<i64> {
        let found = self.shortest_path(network, source, sink);
        let result = found.map(|reduced| {
            let mut cost = 0;
            let mut node = sink;
            while node != source {
                let arc = self.via[node] as usize;
                network.residual[arc] -= 1;
                network.residual[arc ^ 1] += 1;
                cost += network.cost[arc];
                node = network.to[arc ^ 1] as usize;
            }
            // Keep reduced costs non-negative: settled nodes move by their distance, the
            // rest by the sink's (see the module comment).
            for &v in &self.touched {
                let v = v as usize;
                if self.settled[v] {
                    self.potential[v] += self.dist[v] - reduced;
                }
            }
            cost
        });
        self.reset();
        result
    }

    /// Dijkstra on reduced costs; stops when `sink` is settled. Returns the sink's reduced
    /// distance.
    fn shortest_path(&mut self, network: &Network, source: usize, sink: usize) -> Option<i64> {
        self.visit(source, 0, u32::MAX);
        while let Some(Reverse((d, node))) = self.heap.pop() {
            let u = node as usize;
            if self.settled[u] || d > self.dist[u] {
                continue;
            }
            self.settled[u] = true;
            if u == sink {
                return Some(d);
            }
            for &arc in &network.out[u] {
                let arc = arc as usize;
                if network.residual[arc] <= 0 {
                    continue;
                }
                let v = network.to[arc] as usize;
                if self.settled[v] {
                    continue;
                }
                let reduced = network.cost[arc] + self.potential[u] - self.potential[v];
                let candidate = d + reduced;
                if candidate < self.dist[v] {
                    self.visit(v, candidate, arc as u32);
                }
            }
        }
        None
    }

    fn visit(&mut self, node: usize, dist: i64, via: u32) {
        if self.dist[node] == UNREACHED {
            self.touched.push(node as u32);
        }
        self.dist[node] = dist;
        self.via[node] = via;
        self.heap.push(Reverse((dist, node as u32)));
    }

    fn reset(&mut self) {
        for &v in &self.touched {
            let v = v as usize;
            self.dist[v] = UNREACHED;
            self.via[v] = u32::MAX;
            self.settled[v] = false;
        }
        self.touched.clear();
        self.heap.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheaper_route_is_taken_and_reassigned_when_needed() {
        // Two sources, two targets; both sources prefer target a. Optimal: s1→a, s2→b.
        let mut net = Network::new(5);
        let (s1, s2, a, b, t) = (0, 1, 2, 3, 4);
        let s1a = net.add_arc(s1, a, 1, 1);
        let s1b = net.add_arc(s1, b, 1, 10);
        let s2a = net.add_arc(s2, a, 1, 1);
        let s2b = net.add_arc(s2, b, 1, 2);
        net.add_arc(a, t, 1, 0);
        net.add_arc(b, t, 1, 0);
        let mut solver = Solver::new(&net);
        assert_eq!(solver.augment(&mut net, s2, t), Some(1)); // s2→a first
        // s1 must go via a and push s2 over to b: cost 1 + (2 - 1) = 2 more.
        assert_eq!(solver.augment(&mut net, s1, t), Some(2));
        assert_eq!(
            (net.flow(s1a), net.flow(s1b), net.flow(s2a), net.flow(s2b)),
            (1, 0, 0, 1)
        );
        assert_eq!(solver.augment(&mut net, s1, t), None);
    }
}
