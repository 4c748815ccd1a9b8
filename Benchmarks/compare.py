#!/usr/bin/env python3
"""Times the gapmap CLI against igraph, NetworKit, rustworkx and networkx on the same machine in
one run, and writes docs/performance.md.

    swift build -c release --product gapmap
    python3 Benchmarks/compare.py                 # 3 runs per case; about 15 minutes
    python3 Benchmarks/compare.py --runs 1 --quick   # skips the cases that take minutes

For each case: end to end (wall time of the whole process: start, load the CSV edge list,
compute, write the scores) and compute only (gapmap's `--timings` "compute" phase; the peers'
own timer around the call, from Benchmarks/peers/peers.py), and peak resident memory (GNU time's
maximum RSS) — medians of --runs runs. Ratios are GapMap / igraph from the same run.

For the iterative measures (PageRank, eigenvector) each tool's scores are also compared with a
converged reference (Benchmarks/reference.py: power iteration / Lanczos run to machine
precision on the simple graph), after normalising both the same way: the accuracy column is
the maximum relative error over all nodes.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS = os.path.join(HERE, "peers", "peers.py")
ITERATIVE = {"pagerank", "eigenvector"}

# (measure, graph, directed, gapmap measure, gapmap extra args, target ratio compute, target e2e)
CASES = [
    ("pagerank", "ba200k", False, "pagerank", [], 0.7, 0.3),
    ("pagerank", "pl200k-directed", True, "pagerank", [], 0.7, 0.3),
    ("betweenness", "ba5k", False, "betweenness", [], 0.5, 0.5),
    ("betweenness", "ba20k", False, "betweenness", [], 0.5, 0.5),
    ("approx-betweenness", "ba20k", False, "approx-betweenness", ["--epsilon", "0.01"], None, None),
    ("closeness", "ba20k", False, "closeness", [], 0.6, None),
    ("harmonic", "ba20k", False, "harmonic", [], 0.6, None),
    ("kcore", "ba200k", False, "kcore", [], 0.7, None),
    ("components", "ba200k", False, "component", [], 0.7, None),
    ("eigenvector", "ba200k", False, "eigenvector", [], None, None),
]
# networkx is pure Python: only where it finishes in minutes.
NETWORKX_OK = {("pagerank", "ba200k"), ("pagerank", "pl200k-directed"), ("betweenness", "ba5k"),
               ("kcore", "ba200k"), ("components", "ba200k"), ("eigenvector", "ba200k")}


def timed(cmd, timeout):
    """Runs cmd under GNU time: (wall seconds, peak MB, stdout, stderr) or None on failure."""
    full = ["/usr/bin/time", "-f", "GAPMAP_TIME %e %M"] + cmd
    try:
        p = subprocess.run(full, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    m = re.search(r"GAPMAP_TIME ([0-9.]+) ([0-9]+)", p.stderr)
    if p.returncode != 0 or not m:
        return None
    return float(m.group(1)), int(m.group(2)) / 1024, p.stdout, p.stderr


def gapmap_run(binary, graph_path, case, out, timeout):
    measure, _, directed, gm, extra = case[0], case[1], case[2], case[3], case[4]
    cmd = [binary, "centrality", graph_path, "--measure", gm, "--timings", "-o", out] + extra
    cmd += ["--directed"] if directed else ["--undirected"]
    r = timed(cmd, timeout)
    if not r:
        return None
    wall, mem, _, err = r
    c = re.search(r"compute: ([0-9.]+) ms", err)
    return {"e2e": wall, "compute": float(c.group(1)) / 1000 if c else None, "mem": mem}


def peer_run(lib, graph_path, case, out, timeout):
    measure, directed = case[0], case[2]
    if measure == "approx-betweenness":
        if lib != "networkit":
            return None
        code = (
            "import sys, time, json; sys.path.insert(0, %r); import peers, networkit as nk\n"
            "t0=time.perf_counter(); names, edges = peers.read_edges(%r); t1=time.perf_counter()\n"
            "G = nk.Graph(len(names), directed=False)\n"
            "for u, v in edges: G.addEdge(u, v)\n"
            "G.removeMultiEdges(); G.removeSelfLoops()\n"
            "t=time.perf_counter(); a = nk.centrality.ApproxBetweenness(G, epsilon=0.01, delta=0.1); a.run()\n"
            "c=time.perf_counter()-t; s=a.scores()\n"
            "open(%r,'w').write('node,score\\n'+''.join(f'{n},{x!r}\\n' for n,x in zip(names,s)))\n"
            "print(json.dumps({'compute_s': c}))\n" % (os.path.dirname(PEERS), graph_path, out))
        cmd = [sys.executable, "-c", code]
    else:
        cmd = [sys.executable, PEERS, lib, measure, graph_path, "--out", out] + (["--directed"] if directed else [])
    r = timed(cmd, timeout)
    if not r:
        return None
    wall, mem, stdout, _ = r
    try:
        info = json.loads(stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return None
    return {"e2e": wall, "compute": info.get("compute_s"), "mem": mem}


_references = {}


def accuracy(measure, graph, directed, path, out, graphs):
    """Max relative error of the scores in `out` against the converged reference."""
    sys.path.insert(0, HERE)
    import reference
    key = (measure, graph)
    if key not in _references:
        _references[key] = reference.converged(measure, path, directed, graphs)
    try:
        return reference.max_relative_error(measure, _references[key], out)
    except Exception as e:  # a tool's file that cannot be compared
        print(f"accuracy: {measure} {graph} {out}: {e}", file=sys.stderr)
        return None


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def versions():
    out = {}
    for mod in ["igraph", "networkit", "rustworkx", "networkx"]:
        try:
            out[mod] = __import__(mod).__version__
        except Exception:
            out[mod] = "not installed"
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()
    out["swift"] = swift[0] if swift else "?"
    return out


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "?"
    try:
        for line in open("/proc/meminfo"):
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {mem}, {platform.platform()}"


def fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--graphs", default=os.path.join(tempfile.gettempdir(), "gapmap-bench"))
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "gapmap"))
    ap.add_argument("--out", default=os.path.join(ROOT, "docs", "performance.md"))
    ap.add_argument("--json", default=os.path.join(HERE, "results", "compare.json"))
    ap.add_argument("--quick", action="store_true",
                    help="skip the cases that take minutes: betweenness on ba20k, NetworKit's approximate "
                         "betweenness and networkx's betweenness")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--markdown-only", action="store_true", help="rewrite the page from the saved JSON")
    ap.add_argument("--only", help="re-run only these measures (comma-separated), keeping the saved others")
    a = ap.parse_args()
    if a.markdown_only:
        saved = json.load(open(a.json))
        write_markdown(a.out, saved["meta"], saved["results"])
        return
    if not os.access(a.binary, os.X_OK):
        sys.exit(f"compare: no gapmap binary at {a.binary}: run `swift build -c release --product gapmap`")
    subprocess.run([sys.executable, os.path.join(HERE, "peers", "gen.py"), a.graphs], check=True)
    libs = ["igraph", "networkit", "rustworkx", "networkx"]
    results = []
    work = tempfile.mkdtemp(prefix="gapmap-compare-")
    for case in CASES:
        measure, graph = case[0], case[1]
        if a.only and measure not in a.only.split(","):
            continue
        if a.quick and (measure, graph) == ("betweenness", "ba20k"):
            continue
        path = os.path.join(a.graphs, graph + ".csv")
        row = {"measure": measure, "graph": graph, "target_compute": case[5], "target_e2e": case[6], "tools": {}}
        tools = ["gapmap"] + libs
        for tool in tools:
            if tool == "networkx" and (measure, graph) not in NETWORKX_OK:
                continue
            if a.quick and (tool, measure) in {("networkx", "betweenness"), ("networkit", "approx-betweenness")}:
                continue
            runs = []
            out = os.path.join(work, f"{tool}-{measure}-{graph}.csv")
            for _ in range(a.runs if tool != "networkx" else 1):
                r = gapmap_run(a.binary, path, case, out, a.timeout) if tool == "gapmap" else \
                    peer_run(tool, path, case, out, a.timeout)
                if r is None:
                    break
                runs.append(r)
            if runs:
                row["tools"][tool] = {k: median([r[k] for r in runs]) for k in ["e2e", "compute", "mem"]}
                if measure in ITERATIVE:
                    row["tools"][tool]["error"] = accuracy(measure, graph, case[2], path, out, a.graphs)
                print(f"{measure:20} {graph:16} {tool:10} compute {fmt(row['tools'][tool]['compute'])} s"
                      f"  e2e {fmt(row['tools'][tool]['e2e'])} s  {fmt(row['tools'][tool]['mem'], 0)} MB",
                      flush=True)
        results.append(row)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.dirname(a.json), exist_ok=True)
    if a.only and os.path.exists(a.json):
        saved = json.load(open(a.json))
        fresh = {(r["measure"], r["graph"]): r for r in results}
        results = [fresh.get((r["measure"], r["graph"]), r) for r in saved["results"]]
    meta = {"date": datetime.date.today().isoformat(), "machine": machine(), "versions": versions(), "runs": a.runs}
    json.dump({"meta": meta, "results": results}, open(a.json, "w"), indent=1)
    write_markdown(a.out, meta, results)
    print("wrote", a.out)


def write_markdown(path, meta, results):
    lines = []
    met_all = True
    table = ["| measure | graph | tool | compute (s) | end to end (s) | peak MB | max rel. error | compute / igraph | e2e / igraph | target |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    headline = []
    for row in results:
        ig = row["tools"].get("igraph")
        for tool, t in row["tools"].items():
            rc = t["compute"] / ig["compute"] if ig and ig["compute"] and t["compute"] is not None else None
            re_ = t["e2e"] / ig["e2e"] if ig and ig["e2e"] else None
            target = ""
            if tool == "gapmap":
                parts = []
                if row["target_compute"] is not None:
                    ok = rc is not None and rc <= row["target_compute"]
                    met_all &= ok
                    parts.append(f"compute ≤ {row['target_compute']} {'✓' if ok else '✗'}")
                if row["target_e2e"] is not None:
                    ok = re_ is not None and re_ <= row["target_e2e"]
                    met_all &= ok
                    parts.append(f"e2e ≤ {row['target_e2e']} {'✓' if ok else '✗'}")
                if row["measure"] == "pagerank" and row["graph"] == "ba200k" and ig:
                    ok = t["mem"] <= ig["mem"]
                    met_all &= ok
                    parts.append(f"memory ≤ igraph {'✓' if ok else '✗'}")
                target = "; ".join(parts)
                if rc is not None and re_ is not None:
                    headline.append((row["measure"], row["graph"], rc, re_))
            name = f"**{tool}**" if tool == "gapmap" else tool
            err = t.get("error")
            acc = ("–" if err is None else f"{err:.1e}") if row["measure"] in ITERATIVE else \
                "sampled" if row["measure"] == "approx-betweenness" else "exact"
            table.append(f"| {row['measure']} | {row['graph']} | {name} | {fmt(t['compute'])} | {fmt(t['e2e'])} | "
                         f"{fmt(t['mem'], 0)} | {acc} | {fmt(rc, 2) if tool != 'igraph' else '1'} | "
                         f"{fmt(re_, 2) if tool != 'igraph' else '1'} | {target} |")
    v = meta["versions"]
    lines += [
        "# Performance",
        "",
        "GapMap against igraph, NetworKit, rustworkx and networkx, on the same machine in one run "
        "(`python3 Benchmarks/compare.py`, which writes this file; raw numbers in "
        "`Benchmarks/results/compare.json`).",
        "",
        f"- Date: {meta['date']}; machine: {meta['machine']}.",
        f"- Versions: {v['swift']}; igraph {v['igraph']}, NetworKit {v['networkit']}, rustworkx {v['rustworkx']}, "
        f"networkx {v['networkx']}.",
        f"- Method: medians of {meta['runs']} runs (networkx: 1). **End to end** is the wall time of the whole "
        "process — start, read the CSV edge list, compute, write `node,score` — measured by GNU time, which "
        "also gives the **peak resident memory**. **Compute** is gapmap's `--timings` compute phase and the "
        "peers' own timer around the library call (`Benchmarks/peers/peers.py`). GapMap uses both cores "
        "(`--threads` default); the peers are single-threaded except NetworKit. Ratios are GapMap / igraph "
        "from the same run; below 1 GapMap is faster. **Max rel. error** (iterative measures): the largest "
        "|score − reference| / reference over all nodes against a converged reference (`Benchmarks/reference.py`), "
        "both normalised alike (PageRank to sum 1, eigenvector to unit length); GapMap runs at its default "
        "(L1 residual ≤ 1e-12), the peers at theirs (igraph's PRPACK is exact to rounding; networkx and rustworkx "
        "stop at an L1 change below n·1e-6, NetworKit at its tol 1e-9 as `peers.py` sets it). \"exact\": "
        "not an iterative measure; \"sampled\": approximate betweenness, ε = 0.01 additive (normalised).",
        "- Graphs: `Benchmarks/peers/gen.py` (igraph generators, fixed seed): ba5k (5,000 nodes, 24,985 "
        "edges), ba20k (20,000 / 99,985), ba200k (200,000 / 999,985), pl200k-directed (200,000 / "
        "1,000,000, directed power law).",
        "",
        "## Results",
        "",
    ] + table + [
        "",
        f"Every target met: {'yes' if met_all else 'no — see below'}.",
        "",
    ]
    for extra in ["performance-notes.md", os.path.join("results", "scaling.md")]:
        p = os.path.join(HERE, extra)
        if os.path.exists(p):
            lines += open(p).read().splitlines() + [""]
    open(path, "w").write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
