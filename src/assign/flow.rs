//! A min-cost flow solver for networks with fixed supplies: the primal-dual method (successive
//! shortest paths in phases).
//!
//! Each phase runs one Dijkstra on reduced costs from every node that still has supply, stopping
//! once the sink is settled, and moves every node's potential by its distance (capped at the
//! sink's). Arcs of zero reduced cost then hold every shortest path, and a blocking flow pushes
//! as many units along them as it finds, by depth-first search. Reduced costs stay non-negative
//! throughout, so every unit travels a shortest path from its own supply node and the final flow
//! has no negative cycle: it is of minimum cost. Phases are few because costs are small integers
//! and many paths tie, which is what assignment looks like: thousands of reviews, tens of load
//! levels.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// A directed network with capacities and costs. Each arc is stored with its reverse (residual)
/// arc at the index beside it (`e ^ 1`).
#[derive(Debug, Clone, Default)]
pub struct Network {
    to: Vec<u32>,
    residual: Vec<i32>,
    cost: Vec<i64>,
    /// Arcs leaving each node while the network is built...
    out: Vec<Vec<u32>>,
    /// ...and once solving starts, the same lists packed into one array (`first[u]..first[u+1]`),
    /// which halves the memory of a large network and is kinder to the cache.
    first: Vec<u32>,
    packed: Vec<u32>,
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
        debug_assert!(self.packed.is_empty(), "arcs are added before solving");
        for (head, cap, c) in [(to, capacity, cost), (from, 0, -cost)] {
            self.to.push(head as u32);
            self.residual.push(cap);
            self.cost.push(c);
        }
        self.out[from].push(index as u32);
        self.out[to].push(index as u32 + 1);
        index
    }

    /// The flow on arc `arc` (as returned by [`Network::add_arc`]): what its reverse arc,
    /// empty at the start, now holds.
    pub fn flow(&self, arc: usize) -> i32 {
        self.residual[arc ^ 1]
    }

    /// Every forward arc: (from, to, capacity, cost).
    pub fn arcs(&self) -> impl Iterator<Item = (usize, usize, i32, i64)> + '_ {
        (0..self.to.len()).step_by(2).map(|e| {
            let from = self.to[e + 1] as usize;
            let capacity = self.residual[e] + self.residual[e + 1];
            (from, self.to[e] as usize, capacity, self.cost[e])
        })
    }

    /// The cost of the current flow.
    pub fn total_cost(&self) -> i64 {
        (0..self.to.len())
            .step_by(2)
            .map(|e| i64::from(self.flow(e)) * self.cost[e])
            .sum()
    }

    fn head(&self, arc: usize) -> usize {
        self.to[arc] as usize
    }

    /// Packs the adjacency lists into one array; arcs can no longer be added.
    fn pack(&mut self) {
        if !self.packed.is_empty() || self.to.is_empty() {
            return;
        }
        self.first = Vec::with_capacity(self.out.len() + 1);
        self.packed = Vec::with_capacity(self.to.len());
        for list in &self.out {
            self.first.push(self.packed.len() as u32);
            self.packed.extend_from_slice(list);
        }
        self.first.push(self.packed.len() as u32);
        self.out = vec![Vec::new(); self.first.len() - 1];
    }

    /// The arcs leaving `node` (packed, or as built).
    fn arcs_from(&self, node: usize) -> &[u32] {
        if self.packed.is_empty() {
            &self.out[node]
        } else {
            &self.packed[self.first[node] as usize..self.first[node + 1] as usize]
        }
    }
}

/// Some supply could not reach the sink: (node, units left).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrouted(pub Vec<(usize, i32)>);

/// Sends every node's supply to `sink` at minimum total cost; returns that cost. Supplies are
/// taken in the order given and arcs in the order added, so the same network always gives the
/// same flow.
pub fn min_cost_flow(
    network: &mut Network,
    supplies: &[(usize, i32)],
    sink: usize,
) -> Result<i64, Unrouted> {
    network.pack();
    let mut state = State::new(network.nodes());
    let mut excess: Vec<(usize, i32)> = supplies.iter().copied().filter(|&(_, n)| n > 0).collect();
    while !excess.is_empty() {
        let sources: Vec<usize> = excess.iter().map(|&(node, _)| node).collect();
        if !state.shortest_paths(network, &sources, sink) {
            return Err(Unrouted(excess));
        }
        state.blocking_flow(network, &mut excess, sink);
        excess.retain(|&(_, n)| n > 0);
    }
    Ok(network.total_cost())
}

const UNREACHED: i64 = i64::MAX;

/// Potentials and the scratch space of the phases.
struct State {
    potential: Vec<i64>,
    dist: Vec<i64>,
    settled: Vec<bool>,
    heap: BinaryHeap<Reverse<(i64, bool, u32)>>,
    next_arc: Vec<u32>,
    dead: Vec<bool>,
    on_path: Vec<bool>,
}

impl State {
    fn new(nodes: usize) -> Self {
        State {
            potential: vec![0; nodes],
            dist: vec![UNREACHED; nodes],
            settled: vec![false; nodes],
            heap: BinaryHeap::new(),
            next_arc: vec![0; nodes],
            dead: vec![false; nodes],
            on_path: vec![false; nodes],
        }
    }

    fn reduced(&self, network: &Network, from: usize, arc: usize) -> i64 {
        network.cost[arc] + self.potential[from] - self.potential[network.head(arc)]
    }

    /// Dijkstra from every source at once, stopping when the sink is settled (the sink wins
    /// ties, so the search stops as early as it can); then moves each potential by its
    /// distance, capped at the sink's. Returns false when the sink cannot be reached.
    fn shortest_paths(&mut self, network: &Network, sources: &[usize], sink: usize) -> bool {
        self.dist.fill(UNREACHED);
        self.settled.fill(false);
        self.heap.clear();
        for &s in sources {
            self.dist[s] = 0;
            self.heap.push(Reverse((0, s != sink, s as u32)));
        }
        let mut sink_dist = None;
        while let Some(Reverse((d, _, node))) = self.heap.pop() {
            let u = node as usize;
            if self.settled[u] || d > self.dist[u] {
                continue;
            }
            self.settled[u] = true;
            if u == sink {
                sink_dist = Some(d);
                break;
            }
            for &arc in network.arcs_from(u) {
                let arc = arc as usize;
                let v = network.head(arc);
                if network.residual[arc] <= 0 || self.settled[v] {
                    continue;
                }
                let candidate = d + self.reduced(network, u, arc);
                if candidate < self.dist[v] {
                    self.dist[v] = candidate;
                    self.heap.push(Reverse((candidate, v != sink, v as u32)));
                }
            }
        }
        let Some(limit) = sink_dist else {
            return false;
        };
        for (p, &d) in self.potential.iter_mut().zip(&self.dist) {
            *p += d.min(limit);
        }
        true
    }

    /// Pushes units from the sources along zero-reduced-cost arcs until none is left.
    fn blocking_flow(&mut self, network: &mut Network, excess: &mut [(usize, i32)], sink: usize) {
        self.next_arc.fill(0);
        self.dead.fill(false);
        for (node, units) in excess.iter_mut() {
            while *units > 0 && self.push_one(network, *node, sink) {
                *units -= 1;
            }
        }
    }

    /// Finds one admissible path from `start` to `sink` by depth-first search and pushes a unit
    /// along it. A node found to lead nowhere is skipped for the rest of the phase; if that
    /// misses a path, the next phase finds it at distance zero.
    fn push_one(&mut self, network: &mut Network, start: usize, sink: usize) -> bool {
        let mut path: Vec<usize> = Vec::new();
        let mut node = start;
        self.on_path[start] = true;
        let found = loop {
            if node == sink {
                break true;
            }
            let mut advanced = false;
            while let Some(&arc) = network.arcs_from(node).get(self.next_arc[node] as usize) {
                let arc = arc as usize;
                let v = network.head(arc);
                if network.residual[arc] > 0
                    && !self.dead[v]
                    && !self.on_path[v]
                    && self.reduced(network, node, arc) == 0
                {
                    path.push(arc);
                    self.on_path[v] = true;
                    node = v;
                    advanced = true;
                    break;
                }
                self.next_arc[node] += 1;
            }
            if advanced {
                continue;
            }
            self.dead[node] = true;
            self.on_path[node] = false;
            match path.pop() {
                Some(arc) => {
                    node = network.head(arc ^ 1);
                    self.next_arc[node] += 1;
                }
                None => break false,
            }
        };
        self.on_path[start] = false;
        for &arc in &path {
            network.residual[arc] -= 1;
            network.residual[arc ^ 1] += 1;
            self.on_path[network.head(arc)] = false;
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cheaper_route_is_taken_and_reassigned_when_needed() {
        // Two sources, two targets; both prefer target a. Optimal: s1→a, s2→b (cost 1 + 2).
        let mut net = Network::new(5);
        let (s1, s2, a, b, t) = (0, 1, 2, 3, 4);
        let s1a = net.add_arc(s1, a, 1, 1);
        let s1b = net.add_arc(s1, b, 1, 10);
        let s2a = net.add_arc(s2, a, 1, 1);
        let s2b = net.add_arc(s2, b, 1, 2);
        net.add_arc(a, t, 1, 0);
        net.add_arc(b, t, 1, 0);
        assert_eq!(min_cost_flow(&mut net, &[(s2, 1), (s1, 1)], t), Ok(3));
        assert_eq!(
            (net.flow(s1a), net.flow(s1b), net.flow(s2a), net.flow(s2b)),
            (1, 0, 0, 1)
        );
    }

    #[test]
    fn supply_that_cannot_reach_the_sink_is_reported() {
        let mut net = Network::new(3);
        net.add_arc(0, 2, 1, 0);
        assert_eq!(
            min_cost_flow(&mut net, &[(0, 2)], 2),
            Err(Unrouted(vec![(0, 1)]))
        );
    }
}
