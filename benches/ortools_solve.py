"""Solve a DIMACS min-cost-flow file with OR-tools (or networkx) and print the optimum.

Used by `cargo bench --bench assign` to check that spotlight's solver reaches the same optimum
on the same network, and to compare time and memory. Prints: `<optimum> <solve seconds>`.
"""
import sys
import time


def read(path):
    supplies, arcs = {}, []
    with open(path) as f:
        for line in f:
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "n":
                supplies[int(fields[1])] = int(fields[2])
            elif fields[0] == "a":
                arcs.append((int(fields[1]), int(fields[2]), int(fields[4]), int(fields[5])))
    return supplies, arcs


def solve_ortools(supplies, arcs):
    from ortools.graph.python import min_cost_flow

    flow = min_cost_flow.SimpleMinCostFlow()
    for tail, head, cap, cost in arcs:
        flow.add_arc_with_capacity_and_unit_cost(tail, head, cap, cost)
    for node, supply in supplies.items():
        flow.set_node_supply(node, supply)
    start = time.perf_counter()
    status = flow.solve()
    elapsed = time.perf_counter() - start
    if status != flow.OPTIMAL:
        sys.exit(f"OR-tools: status {status}")
    return flow.optimal_cost(), elapsed


def solve_networkx(supplies, arcs):
    import networkx as nx

    graph = nx.MultiDiGraph()
    for node, supply in supplies.items():
        graph.add_node(node, demand=-supply)
    for tail, head, cap, cost in arcs:
        graph.add_edge(tail, head, capacity=cap, weight=cost)
    start = time.perf_counter()
    cost, _ = nx.network_simplex(graph)
    return cost, time.perf_counter() - start


if __name__ == "__main__":
    path, solver = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "ortools")
    supplies, arcs = read(path)
    cost, elapsed = (solve_ortools if solver == "ortools" else solve_networkx)(supplies, arcs)
    print(cost, f"{elapsed:.3f}")
