#!/usr/bin/env python3
"""Time and memory of `gapmap` as graphs grow: 10^4 → 10^7 edges (Barabási–Albert, 5 edges per
node), for load + PageRank and for approximate betweenness; log–log fits; docs/scaling.png and
Benchmarks/results/scaling.md (included in docs/performance.md by compare.py).

    swift build -c release --product gapmap
    python3 Benchmarks/scaling.py            # about 10 minutes; the 10^7 graph is 150 MB
"""
import json
import math
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SIZES = [10_000, 100_000, 1_000_000, 10_000_000]
EPSILON = 0.05  # approximate betweenness: 0.01 needs ~25x more samples on the largest graph


def graph(path, edges):
    if os.path.exists(path):
        return
    import igraph as ig
    import random
    random.seed(42)
    ig.set_random_number_generator(random)
    g = ig.Graph.Barabasi(edges // 5, 5, directed=False)
    with open(path, "w") as f:
        f.write("source,target\n")
        f.writelines(f"n{u},n{v}\n" for u, v in g.get_edgelist())


def run(binary, path, measure, extra, timeout):
    cmd = ["/usr/bin/time", "-f", "GAPMAP_TIME %e %M", binary, "centrality", path, "--measure", measure,
           "--timings", "--undirected", "-o", os.devnull] + extra
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    if p.returncode != 0:
        return None
    phases = {k: float(v) / 1000 for k, v in re.findall(r"^([a-z ]+): ([0-9.]+) ms", p.stderr, re.M)}
    m = re.search(r"GAPMAP_TIME ([0-9.]+) ([0-9]+)", p.stderr)
    return {"e2e": float(m.group(1)), "mem_mb": int(m.group(2)) / 1024,
            "load": phases.get("load", 0) + phases.get("build graph", 0), "compute": phases.get("compute"),
            "write": phases.get("format", 0) + phases.get("write", 0)}


def slope(xs, ys):
    pts = [(math.log10(x), math.log10(y)) for x, y in zip(xs, ys) if y and y > 0]
    if len(pts) < 2:
        return None
    mx = sum(p[0] for p in pts) / len(pts)
    my = sum(p[1] for p in pts) / len(pts)
    num = sum((p[0] - mx) * (p[1] - my) for p in pts)
    den = sum((p[0] - mx) ** 2 for p in pts)
    return num / den


def main():
    results = os.path.join(HERE, "results", "scaling.json")
    if "--replot" in sys.argv:
        rows = json.load(open(results))
    else:
        args = [a for a in sys.argv[1:] if not a.startswith("--")]
        binary = args[0] if args else os.path.join(ROOT, ".build", "release", "gapmap")
        folder = os.path.join(tempfile.gettempdir(), "gapmap-scaling")
        os.makedirs(folder, exist_ok=True)
        rows = []
        for e in SIZES:
            path = os.path.join(folder, f"ba-{e}.csv")
            graph(path, e)
            pr = run(binary, path, "pagerank", [], 900)
            ab = run(binary, path, "approx-betweenness", ["--epsilon", str(EPSILON)], 1800)
            rows.append({"edges": e, "nodes": e // 5, "pagerank": pr, "approx": ab})
            print(e, json.dumps(rows[-1]), flush=True)
        os.makedirs(os.path.join(HERE, "results"), exist_ok=True)
        json.dump(rows, open(results, "w"), indent=1)

    # Slopes over 10^5..10^7: the smallest graph is dominated by process start-up.
    fit = [r for r in rows if r["edges"] >= 100_000]
    xs = [r["edges"] for r in rows]
    fxs = [r["edges"] for r in fit]
    series = {
        "load (read CSV + build CSR)": [r["pagerank"]["load"] if r["pagerank"] else None for r in rows],
        "PageRank (compute)": [r["pagerank"]["compute"] if r["pagerank"] else None for r in rows],
        f"approx. betweenness ε={EPSILON} (compute)": [r["approx"]["compute"] if r["approx"] else None for r in rows],
        "load + PageRank + write (end to end)": [r["pagerank"]["e2e"] if r["pagerank"] else None for r in rows],
    }
    memory = [r["pagerank"]["mem_mb"] if r["pagerank"] else None for r in rows]
    offset = len(rows) - len(fit)
    slopes = {k: slope(fxs, v[offset:]) for k, v in series.items()}
    last = {k: slope(fxs[-2:], v[-2:]) for k, v in series.items()}
    mem_slope = slope(fxs, memory[offset:])

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.2))
    colors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"]
    for (name, ys), c in zip(series.items(), colors):
        pts = [(x, y) for x, y in zip(xs, ys) if y]
        a.loglog([p[0] for p in pts], [p[1] for p in pts], "o-", color=c,
                 label=f"{name}: slope {slopes[name]:.2f}" if slopes[name] else name)
    a.set_xlabel("edges")
    a.set_ylabel("seconds")
    a.set_title("Time as the graph grows (log–log)")
    a.legend(fontsize=7)
    a.grid(alpha=0.3, which="both")
    pts = [(x, y) for x, y in zip(xs, memory) if y]
    b.loglog([p[0] for p in pts], [p[1] for p in pts], "o-", color="#D55E00",
             label=f"peak RSS, load + PageRank: slope {mem_slope:.2f}" if mem_slope else "peak RSS")
    b.set_xlabel("edges")
    b.set_ylabel("MB")
    b.set_title("Peak memory")
    b.legend(fontsize=7)
    b.grid(alpha=0.3, which="both")
    fig.tight_layout()
    fig.savefig(os.path.join(ROOT, "docs", "scaling.png"), dpi=110)

    largest = rows[-1]["pagerank"]
    per_edge = largest["mem_mb"] * 1024 * 1024 / rows[-1]["edges"] if largest else None
    budget = 24 * 1024 ** 3 * 0.8
    lines = ["## Scaling", "", "![Time and memory against graph size](scaling.png)", "",
             f"`python3 Benchmarks/scaling.py`: Barabási–Albert graphs with 5 edges per node, 10⁴ to 10⁷ edges; "
             f"one run each; approximate betweenness at ε = {EPSILON}, δ = 0.1.", "",
             "| edges | nodes | load (s) | PageRank (s) | end to end (s) | peak MB | approx. betweenness (s) |",
             "|---|---|---|---|---|---|---|"]
    for r in rows:
        p, q = r["pagerank"], r["approx"]
        lines.append(f"| {r['edges']:,} | {r['nodes']:,} | {p['load']:.3f} | {p['compute']:.3f} | {p['e2e']:.2f} | "
                     f"{p['mem_mb']:.0f} | {q['compute']:.2f} |" if p and q else f"| {r['edges']:,} | – | – | – | – | – | – |")
    lines += ["", "Fitted log–log slopes over 10⁵–10⁷ edges (1 = linear): " + ", ".join(
        f"{k} {v:.2f}" for k, v in slopes.items() if v) + (f"; memory {mem_slope:.2f}." if mem_slope else "."),
        "Over the last decade alone (10⁶ → 10⁷): " + ", ".join(f"{k} {v:.2f}" for k, v in last.items() if v)
        + ". Reading is a little super-linear there: with 2 million distinct names the interner's table and the "
        "CSR scatter no longer fit in cache, so each lookup or placement is a memory access rather than a cache hit. "
        "Approximate betweenness grows with the graph's diameter (more samples) and the cost of each BFS.", ""]
    if per_edge:
        lines += [
            f"**How large a graph fits in 24 GiB.** At 10⁷ edges the peak is {largest['mem_mb']:.0f} MB, about "
            f"{per_edge:.0f} bytes per edge for load + PageRank (edge list arrays, interned node names, the CSR "
            f"rows in both directions, scores). Keeping 20% headroom, about {budget / per_edge / 1e6:,.0f} million "
            "edges fit in 24 GiB for PageRank, k-core, components and the other linear-memory measures; exact "
            "betweenness, closeness and harmonic need only O(n) more per thread but O(n·m) time, so beyond ~10⁶ "
            "edges use `approx-betweenness` (time grows with the sample count, not with n·m).",
            "",
            "**Beyond that:** drop the names (integer node ids in the edge list keep the interner small), filter "
            "first (`--at`, `--relations`, `--kinds` on datasets), compute on the largest component only, or "
            "shard by component — components are independent for the path measures and k-core (PageRank "
            "couples them only through teleport and dangling mass). For graphs of billions of edges a distributed "
            "or out-of-core tool (e.g. GraphX, or WebGraph's compressed graphs) is the right one.",
        ]
    open(os.path.join(HERE, "results", "scaling.md"), "w").write("\n".join(lines) + "\n")
    print("wrote docs/scaling.png and Benchmarks/results/scaling.md")


if __name__ == "__main__":
    main()
