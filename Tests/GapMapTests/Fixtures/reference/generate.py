#!/usr/bin/env python3
"""Reference values for the graph-core tests, computed with networkx.

    python3 Tests/GapMapTests/Fixtures/reference/generate.py

Writes, next to this script, small random graphs as edge lists and the values networkx gives
for them: weakly connected components (sizes, largest first), isolated nodes and density of the
simple graph (networkx.density on DiGraph / Graph). Deterministic (fixed seeds).
"""
import json, os, random
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))

def write(name, n, m, directed, seed):
    rng = random.Random(seed)
    edges = []
    for _ in range(m):
        u, v = rng.randrange(n), rng.randrange(n)
        edges.append((u, v))
    # Repeat a few edges and add self-loops: the core keeps them, the measures must not count them.
    edges += edges[:5] + [(3, 3), (7, 7)]
    G = (nx.DiGraph if directed else nx.Graph)()
    G.add_nodes_from(range(n))  # isolated nodes exist in the node list only
    G.add_edges_from(edges)
    with open(os.path.join(HERE, name + ".csv"), "w") as f:
        f.write("source,target\n")
        for u, v in edges:
            f.write(f"n{u},n{v}\n")
    # Nodes that appear in no edge are not in an edge list; compute on the nodes that do.
    present = {x for e in edges for x in e}
    H = G.subgraph(present).copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    comps = nx.weakly_connected_components(H) if directed else nx.connected_components(H)
    sizes = sorted((len(c) for c in comps), reverse=True)
    expected = {
        "nodes": H.number_of_nodes(),
        "simple_edges": H.number_of_edges(),
        "component_sizes": sizes,
        "density": nx.density(H),
        "networkx": nx.__version__,
    }
    with open(os.path.join(HERE, name + ".expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")

write("random-directed", 300, 260, True, 1)
write("random-undirected", 300, 240, False, 2)
