#!/usr/bin/env python3
"""Reference values for GapMapAlgorithms, computed with networkx (see the version in each file).

    python3 Tests/GapMapTests/Fixtures/algorithms/generate.py

For each graph it writes NAME.csv (an edge list: source,target[,weight]) and NAME.json with
the graph's direction and, per measure, a map node -> value as networkx computes it with the
conventions of GapMap's CLI spec (outgoing distances for directed closeness/harmonic =
networkx on the reversed graph; betweenness unnormalised and normalised; …). Iterative measures
are run with tol=1e-14/n (an L1 change below 1e-14, tighter than tol=1e-12; GapMap's default agrees to 1e-9 relative) and, as "<measure>-nx",
with networkx's defaults (for --networkx-defaults). Values networkx
cannot compute on a graph (e.g. eigenvector on a DAG) are left out. Deterministic.
"""
import json, math, os, random
import networkx as nx

HERE = os.path.dirname(os.path.abspath(__file__))


def directed_dangling():
    G = nx.DiGraph()
    # two weak components, dangling nodes (d1, d2, x3), a cycle, a node with only out-edges
    G.add_edges_from([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d1"), ("b", "d2"), ("e", "a"),
                      ("e", "c"), ("a", "d1"), ("x1", "x2"), ("x2", "x3"), ("x1", "x3"), ("x3", "x3")])
    return G


def undirected_loops():
    """Undirected self-loops: networkx's adjacency counts one once (degree counts it twice)."""
    G = nx.Graph()
    G.add_edges_from([("a", "a"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "b"), ("d", "d"), ("d", "e")])
    return G


def random_graph(n, p, directed, seed):
    G = nx.gnp_random_graph(n, p, seed=seed, directed=directed)
    G.remove_nodes_from(list(nx.isolates(G)))  # an edge list cannot hold isolated nodes
    return nx.relabel_nodes(G, {v: f"v{v}" for v in G})


def weighted_random(n, p, seed):
    rng = random.Random(seed)
    G = nx.gnp_random_graph(n, p, seed=seed, directed=True)
    G.remove_nodes_from(list(nx.isolates(G)))
    G = nx.relabel_nodes(G, {v: f"w{v}" for v in G})
    for u, v in G.edges():
        G[u][v]["weight"] = rng.choice([1, 2, 3, 0.5, 1.5])
    return G


def graphs():
    karate = nx.karate_club_graph()  # weighted in networkx 3.x; use it unweighted here
    k = nx.Graph()
    k.add_edges_from((f"k{u}", f"k{v}") for u, v in karate.edges())
    yield "karate", k, False
    yield "florentine", nx.florentine_families_graph(), False
    yield "kite", nx.krackhardt_kite_graph(), False
    yield "directed-dangling", directed_dangling(), False
    yield "undirected-loops", undirected_loops(), False
    lm = nx.les_miserables_graph()
    yield "lesmis-weighted", lm, True
    yield "random-undirected", random_graph(60, 0.08, False, 3), False
    yield "random-directed", random_graph(60, 0.05, True, 4), False
    yield "weighted-directed", weighted_random(40, 0.1, 5), True


def node_map(d):
    return {str(k): (None if isinstance(v, float) and math.isnan(v) else v) for k, v in d.items()}


def compute(G, weighted):
    directed = G.is_directed()
    w = "weight" if weighted else None
    R = G.reverse() if directed else G
    out = {}
    out["degree"] = dict(G.degree())
    if directed:
        out["in-degree"] = dict(G.in_degree())
        out["out-degree"] = dict(G.out_degree())
    out["degree-normalized"] = nx.degree_centrality(G)
    if weighted:
        out["strength"] = dict(G.degree(weight="weight"))
    out["closeness"] = nx.closeness_centrality(R)
    out["harmonic"] = nx.harmonic_centrality(R)
    out["betweenness"] = nx.betweenness_centrality(G, normalized=False)
    out["betweenness-normalized"] = nx.betweenness_centrality(G, normalized=True)
    if weighted:
        out["closeness-weighted"] = nx.closeness_centrality(R, distance="weight")
        out["harmonic-weighted"] = nx.harmonic_centrality(R, distance="weight")
        out["betweenness-weighted"] = nx.betweenness_centrality(G, normalized=False, weight="weight")
    eb = nx.edge_betweenness_centrality(G, normalized=False, weight=w)
    out["edge-betweenness"] = {f"{u}|{v}": x for (u, v), x in eb.items()}
    # Iterative measures converged: networkx stops when the L1 change is below n·tol, so
    # tol = 1e-14 / n bounds the L1 change by 1e-14, below GapMap's default bound (1e-12) on the residual
    # (tol=1e-12 itself leaves relative errors of 4e-9 on Les Misérables). And with networkx's
    # defaults ("-nx") for the --networkx-defaults reproduction.
    tol = 1e-14 / G.number_of_nodes()
    try:
        out["eigenvector"] = nx.eigenvector_centrality(G, weight=w, max_iter=100000, tol=tol)
        out["eigenvector-nx"] = nx.eigenvector_centrality(G, weight=w)
    except nx.PowerIterationFailedConvergence:
        pass
    try:
        out["katz"] = nx.katz_centrality(G, weight=w, max_iter=100000, tol=tol)
        out["katz-nx"] = nx.katz_centrality(G, weight=w)
    except nx.PowerIterationFailedConvergence:
        pass
    out["pagerank"] = nx.pagerank(G, weight=w, max_iter=100000, tol=tol)
    out["pagerank-nx"] = nx.pagerank(G, weight=w)
    first = sorted(G.nodes(), key=str)[:2]
    out["pagerank-personalized"] = nx.pagerank(G, weight=w, personalization={v: 1 for v in first},
                                               max_iter=100000, tol=tol)
    out["personalize"] = [str(v) for v in first]
    try:
        h, a = nx.hits(G, max_iter=100000, tol=tol)
        out["hubs"], out["authorities"] = h, a
    except Exception:
        pass
    U = nx.Graph(G.to_undirected())
    U.remove_edges_from(list(nx.selfloop_edges(U)))
    out["kcore"] = nx.core_number(U)
    S = G.copy()
    S.remove_edges_from(list(nx.selfloop_edges(S)))
    # constraint: networkx's default (all-nodes, sparse-matrix) path; NaN only for isolated nodes.
    out["constraint"] = nx.constraint(S, weight=w)
    # effective size: Burt's definition as networkx's per-node path computes it
    # (sum of redundancy over all neighbours). networkx 3.6's default all-nodes sparse path
    # normalises m_uw by w's maximum instead of u's for weighted graphs, and its per-node path
    # returns NaN for nodes without successors; GapMap follows the definition for every node
    # with a neighbour, so the reference is networkx's per-node formula (its inner
    # `redundancy`, restated here over its public normalized_mutual_weight).
    from networkx.algorithms.structuralholes import normalized_mutual_weight as nmw

    def redundancy(G, u, v, weight=None):
        return 1 - sum(nmw(G, u, x, weight=weight) * nmw(G, v, x, norm=max, weight=weight)
                       for x in set(nx.all_neighbors(G, u)))
    out["effective-size"] = {
        v: (sum(redundancy(S, v, u, w) for u in set(nx.all_neighbors(S, v)))
            if any(u != v for u in nx.all_neighbors(S, v)) else float("nan"))
        for v in S}
    comps = nx.weakly_connected_components(G) if directed else nx.connected_components(G)
    out["wcc-sizes"] = sorted((len(c) for c in comps), reverse=True)
    if directed:
        out["scc-sizes"] = sorted((len(c) for c in nx.strongly_connected_components(G)), reverse=True)
    res = {k: (node_map(v) if isinstance(v, dict) else v) for k, v in out.items()}
    return res


def extras(name, G, weighted):
    """Dominators, max flow and node connectivity between fixed nodes, communities."""
    ex = {}
    nodes = sorted(G.nodes(), key=str)
    s, t = nodes[0], nodes[-1]
    if G.is_directed():
        root = max(G.nodes(), key=lambda v: (len(nx.descendants(G, v)), str(v)))
        ex["dominators"] = {"root": str(root),
                            "idom": {str(k): str(v) for k, v in nx.immediate_dominators(G, root).items()}}
    D = G if G.is_directed() else G.to_directed()
    cap = "weight" if weighted else "capacity"
    if not weighted:
        nx.set_edge_attributes(D, 1, "capacity")
    pairs = []
    for (a, b) in [(s, t), (nodes[1], nodes[-2])]:
        if a == b:
            continue
        fv = nx.maximum_flow_value(D, a, b, capacity=cap)
        cut, _ = nx.minimum_cut(D, a, b, capacity=cap)
        nc = nx.node_connectivity(G, a, b) if not G.has_edge(a, b) else None
        pairs.append({"s": str(a), "t": str(b), "max_flow": fv, "min_cut": cut, "node_connectivity": nc})
    ex["flows"] = pairs
    U = nx.Graph(G.to_undirected()) if G.is_directed() else G
    comms = nx.community.louvain_communities(U, weight="weight" if weighted else None, seed=42)
    ex["louvain_modularity"] = nx.community.modularity(U, comms, weight="weight" if weighted else None)
    return ex


def brokerage_reference():
    """Gould–Fernandez brokerage on a small directed graph, counted by brute force:
    v brokers a -> v -> b when a != b and there is no tie a -> b."""
    edges = [("a1", "a2"), ("a2", "a3"), ("a2", "b1"), ("b1", "b2"), ("b2", "a1"), ("b1", "c1"),
             ("c1", "a3"), ("a3", "b2"), ("c1", "c2"), ("c2", "b1")]
    group = {"a1": "A", "a2": "A", "a3": "A", "b1": "B", "b2": "B", "c1": "C", "c2": "C"}
    G = nx.DiGraph(edges)
    roles = {v: dict(coordinator=0, itinerant=0, gatekeeper=0, representative=0, liaison=0) for v in G}
    for v in G:
        for a in G.predecessors(v):
            for b in G.successors(v):
                if a == b or a == v or b == v or G.has_edge(a, b):
                    continue
                ga, gv, gb = group[a], group[v], group[b]
                if ga == gv == gb: r = "coordinator"
                elif ga == gb != gv: r = "itinerant"
                elif ga != gv and gv == gb: r = "gatekeeper"
                elif ga == gv and gv != gb: r = "representative"
                else: r = "liaison"
                roles[v][r] += 1
    with open(os.path.join(HERE, "brokerage.csv"), "w") as f:
        f.write("source,target\n")
        for u, v in edges:
            f.write(f"{u},{v}\n")
    with open(os.path.join(HERE, "brokerage.json"), "w") as f:
        json.dump({"groups": group, "roles": roles}, f, indent=1, sort_keys=True)
        f.write("\n")


def main():
    for name, G, weighted in graphs():
        with open(os.path.join(HERE, name + ".csv"), "w") as f:
            f.write("source,target,weight\n" if weighted else "source,target\n")
            for u, v, d in G.edges(data=True):
                f.write(f"{u},{v}" + (f",{d['weight']!r}" if weighted else "") + "\n")
        data = {"networkx": nx.__version__, "directed": G.is_directed(), "weighted": weighted,
                "nodes": [str(v) for v in G.nodes()]}
        data["measures"] = compute(G, weighted)
        data.update(extras(name, G, weighted))
        with open(os.path.join(HERE, name + ".json"), "w") as f:
            json.dump(data, f, indent=1, sort_keys=True)
            f.write("\n")
        print(name, G.number_of_nodes(), G.number_of_edges())
    brokerage_reference()


if __name__ == "__main__":
    main()
