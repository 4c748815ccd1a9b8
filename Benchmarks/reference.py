#!/usr/bin/env python3
"""Converged reference values for the iterative measures of Benchmarks/compare.py, and the
error of a tool's score file against them.

    python3 Benchmarks/reference.py pagerank /tmp/gapmap-bench/ba200k.csv [--directed] [scores.csv]

The graph is the simple graph networkx and GapMap build from the edge list (parallel edges
merged, weights ignored). PageRank (damping 0.85, uniform teleport, dangling mass spread
uniformly): networkx's power iteration run until the L1 change stops decreasing below 1e-15.
Eigenvector (in-edges when directed): the Perron vector of A by power iteration on A + I to
machine precision, unit length. References are cached as .npy next to the graph.
"""
import csv, os, sys
import numpy as np
import scipy.sparse as sp

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
import peers  # noqa: E402


def adjacency(path, directed):
    names, edges = peers.read_edges(path)
    n = len(names)
    e = np.array(edges, dtype=np.int64).reshape(-1, 2)
    u, v = e[:, 0], e[:, 1]
    if not directed:
        u, v = np.concatenate([u, v]), np.concatenate([v, u])
    A = sp.csr_matrix((np.ones(len(u)), (u, v)), shape=(n, n))
    A.data[:] = 1  # parallel edges merged (an undirected self-loop is one entry, as in networkx)
    A.eliminate_zeros()
    return names, A


def pagerank(A, d=0.85):
    n = A.shape[0]
    out = np.asarray(A.sum(axis=1)).ravel()
    inv = np.where(out > 0, 1 / np.maximum(out, 1e-300), 0)
    PT = (sp.diags(inv) @ A).T.tocsr()
    dangling = out == 0
    x = np.full(n, 1 / n)
    best = np.inf
    for _ in range(10000):
        y = d * (PT @ x + x[dangling].sum() / n) + (1 - d) / n
        change = np.abs(y - x).sum()
        x = y / y.sum()
        if change < 1e-15 or change >= best * 0.999 and change < 1e-13:
            break
        best = min(best, change)
    return x


def eigenvector(A):
    M = (A.T + sp.identity(A.shape[0])).tocsr()  # in-edges, shifted as networkx
    x = np.full(A.shape[0], 1 / A.shape[0])
    prev = np.inf
    for _ in range(100000):
        y = M @ x
        y /= np.linalg.norm(y)
        change = np.abs(y - x).sum()
        x = y
        if change < 1e-15 or (change >= prev and change < 1e-13):
            break
        prev = change
    return x / np.linalg.norm(x)


def converged(measure, path, directed, cache_dir=None):
    """(names, reference values) for `measure` on the edge list at `path`."""
    cache = None
    if cache_dir:
        cache = os.path.join(cache_dir, os.path.basename(path) + f".{measure}.reference.npy")
    names, A = adjacency(path, directed)
    if cache and os.path.exists(cache):
        return names, np.load(cache)
    x = pagerank(A) if measure == "pagerank" else eigenvector(A)
    if cache:
        np.save(cache, x)
    return names, x


def max_relative_error(measure, ref, scores_path):
    names, x = ref
    with open(scores_path) as f:
        r = csv.reader(f)
        next(r)
        got = {row[0]: float(row[1]) for row in r}
    y = np.array([got[v] for v in names])
    y = y / (y.sum() if measure == "pagerank" else np.linalg.norm(y))
    mask = x > 0
    return float(np.max(np.abs(y[mask] - x[mask]) / x[mask]))


if __name__ == "__main__":
    measure, path = sys.argv[1], sys.argv[2]
    directed = "--directed" in sys.argv
    rest = [a for a in sys.argv[3:] if a != "--directed"]
    ref = converged(measure, path, directed, os.path.dirname(path))
    print("reference computed for", len(ref[0]), "nodes")
    for p in rest:
        print(p, max_relative_error(measure, ref, p))
