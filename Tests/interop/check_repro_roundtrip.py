"""networkx and igraph read back what GapMap writes from issue 17's reproductions.

Usage: check_repro_roundtrip.py GAPMAP REPRO_DIR OUT_DIR (exit 1 on a mismatch).
"""
import subprocess
import sys

import igraph as ig
import networkx as nx

gapmap, repro, out = sys.argv[1:4]
failures = []


def convert(src, dst, *extra):
    subprocess.run([gapmap, "convert", f"{repro}/{src}", f"{out}/{dst}", *extra], check=True)


def check(label, ok):
    if not ok:
        failures.append(label)


# Direction (repro 02) in GraphML, GEXF, node-link, GML and Pajek.
convert("02-undirected.graphml", "u.graphml")
convert("02-undirected.graphml", "u.gexf")
convert("02-undirected.graphml", "u.json", "--to", "node-link")
check("graphml undirected", not nx.read_graphml(f"{out}/u.graphml").is_directed())
check("gexf undirected", not nx.read_gexf(f"{out}/u.gexf").is_directed())
check("igraph graphml undirected", not ig.Graph.Read_GraphML(f"{out}/u.graphml").is_directed())
import json

nl = nx.node_link_graph(json.load(open(f"{out}/u.json")), edges="edges")
check("node-link undirected", not nl.is_directed())
# Types, graph attributes (repro 09).
convert("09-graphml-types-graphdata.graphml", "t.graphml")
g = nx.read_graphml(f"{out}/t.graphml")
check("boolean", g.nodes["a"].get("flag") is True and g.nodes["b"].get("flag") is False)
check("graph title", g.graph.get("title") == "Pathway hsa05010")
check("double stays double", isinstance(g.edges["a", "b"]["weight"], float))
# Integer ids, name, simple graph (repro 11).
convert("11-nodelink-int-ids-undirected.json", "n.json", "--to", "node-link")
h = nx.node_link_graph(json.load(open(f"{out}/n.json")), edges="edges")
check("int ids", sorted(h.nodes) == [0, 1, 2])
check("simple undirected", type(h) is nx.Graph)
check("name", h.graph.get("name") == "karate-mini")
check("weight", h.edges[0, 1]["weight"] == 2.0)
# GML and Pajek: same graphs as igraph reads.
convert("16-igraph-karate.gml", "k.graphml")
k = nx.read_graphml(f"{out}/k.graphml")
ref = ig.Graph.Read_GML(f"{repro}/16-igraph-karate.gml")
check("gml counts", (k.number_of_nodes(), k.number_of_edges()) == (ref.vcount(), ref.ecount()))
convert("17-igraph-pajek.net", "p.graphml")
p = nx.read_graphml(f"{out}/p.graphml")
pref = ig.Graph.Read_Pajek(f"{repro}/17-igraph-pajek.net")
check("pajek counts", (p.number_of_nodes(), p.number_of_edges()) == (pref.vcount(), pref.ecount()))
check("pajek directed", p.is_directed() == pref.is_directed())

# GML both ways: networkx writes typed attributes, odd labels, a graph name and parallel arcs;
# GapMap reads them and writes GML that networkx and igraph read back the same.
src = nx.MultiDiGraph(name="demo & \"co\"")
src.add_node("a.b", score=1.5, count=2, tag="x & y")
src.add_node("q-x", score=-0.25, count=7, tag="1")
src.add_node("r_1", score=3.0, count=0, tag='"\u00e9t\u00e9"')
src.add_edge("a.b", "q-x", weight=2.5, note="first")
src.add_edge("a.b", "q-x", weight=3, note="second")
src.add_edge("q-x", "r_1", weight=1e-05, note="x")
nx.write_gml(src, f"{out}/nx.gml")
convert_abs = lambda a, b, *e: subprocess.run([gapmap, "convert", a, b, *e], check=True)
convert_abs(f"{out}/nx.gml", f"{out}/gm.gml")
back = nx.read_gml(f"{out}/gm.gml")
check("gml directed", back.is_directed() and back.is_multigraph())
check("gml labels", sorted(back.nodes) == sorted(src.nodes))
for n, attrs in src.nodes(data=True):
    for k, v in attrs.items():
        w = back.nodes[n].get(k)
        check(f"gml node {n!r} {k}={w!r}", w == v and type(w) is type(v))
check("gml graph name", back.graph.get("name") == src.graph["name"])
got = sorted((u, v, d["weight"], d["note"]) for u, v, d in back.edges(data=True))
want = sorted((u, v, d["weight"], d["note"]) for u, v, d in src.edges(data=True))
check(f"gml edges {got}", got == want)
check("gml weight types", sorted(type(d["weight"]).__name__ for *_, d in back.edges(data=True)) == ["float", "float", "int"])
ig_gml = ig.Graph.Read_GML(f"{out}/gm.gml")
check("igraph gml directed", ig_gml.is_directed() and ig_gml.ecount() == 3)
check("igraph gml labels", sorted(ig_gml.vs["label"]) == ["a.b", "q-x", "r_1"])
check("igraph gml escapes", "x & y" in ig_gml.vs["tag"])
check("igraph gml weights", sorted(ig_gml.es["weight"]) == [1e-05, 2.5, 3.0])
check("igraph gml attributes", sorted(ig_gml.vs["score"]) == [-0.25, 1.5, 3.0])
# Labels that are not GapMap ids stay as names (the GML ids become the entity ids).
nx.write_gml(nx.Graph([("a&b", 'q"x')]), f"{out}/odd.gml")
convert_abs(f"{out}/odd.gml", f"{out}/odd2.gml")
odd = nx.read_gml(f"{out}/odd2.gml")
check("gml odd labels as names", sorted(d["name"] for _, d in odd.nodes(data=True)) == ["a&b", 'q"x'])
# GapMap's GML of an undirected graph; igraph's own GML (ids, a name attribute) through GapMap.
convert("02-undirected.graphml", "u.gml")
ug = nx.read_gml(f"{out}/u.gml")
check("gml undirected", not ug.is_directed() and sorted(ug.nodes) == ["a", "b", "c"])
check("igraph gml undirected", not ig.Graph.Read_GML(f"{out}/u.gml").is_directed())
ref_ig = ig.Graph([(0, 1), (1, 2), (2, 0)], directed=True)
ref_ig.vs["name"] = ["x", "y", "z"]
ref_ig.es["weight"] = [1.0, 2.5, 4.0]
ref_ig.write_gml(f"{out}/ig.gml")
convert_abs(f"{out}/ig.gml", f"{out}/ig2.gml")
ig2 = ig.Graph.Read_GML(f"{out}/ig2.gml")
check("igraph gml round trip", ig2.is_directed() and ig2.vs["name"] == ["x", "y", "z"])
check(
    "igraph gml edges",
    sorted((ig2.vs[e.source]["name"], ig2.vs[e.target]["name"], e["weight"]) for e in ig2.es)
    == [("x", "y", 1.0), ("y", "z", 2.5), ("z", "x", 4.0)],
)

# Pajek both ways: labels are ids, arcs keep their direction and weights.
convert_abs(f"{out}/nx.gml", f"{out}/gm.net")
pj = nx.read_pajek(f"{out}/gm.net")
check("pajek directed", pj.is_directed() and sorted(pj.nodes) == sorted(src.nodes))
pw = sorted((u, v, d.get("weight")) for u, v, d in pj.edges(data=True))
check(f"pajek weights {pw}", pw == sorted((u, v, float(d["weight"])) for u, v, d in src.edges(data=True)))
ipj = ig.Graph.Read_Pajek(f"{out}/gm.net")
check("igraph pajek", ipj.is_directed() and sorted(ipj.vs["name"]) == sorted(src.nodes))
check("igraph pajek weights", sorted(ipj.es["weight"]) == [1e-05, 2.5, 3.0])
convert("02-undirected.graphml", "u.net")
check("pajek undirected", not nx.read_pajek(f"{out}/u.net").is_directed())
iu = ig.Graph.Read_Pajek(f"{out}/u.net")
check("igraph pajek undirected", not iu.is_directed() and iu.vs["name"] == ["a", "b", "c"])
nx.write_pajek(nx.DiGraph([("p", "q", {"weight": 2.0}), ("q", "r", {"weight": 0.5})]), f"{out}/nx.net")
convert_abs(f"{out}/nx.net", f"{out}/nx2.net")
rp = nx.read_pajek(f"{out}/nx2.net")
check(
    "networkx pajek round trip",
    rp.is_directed() and sorted((u, v, d["weight"]) for u, v, d in rp.edges(data=True)) == [("p", "q", 2.0), ("q", "r", 0.5)],
)

# GEXF keeps Gephi's viz and native weight (repro 10); networkx reads them.
convert("10-gexf-dynamic-viz.gexf", "v.gexf")
vz = nx.read_gexf(f"{out}/v.gexf")
viz = vz.nodes["0"].get("viz", {})
check(f"gexf viz {viz}", viz.get("position", {}).get("x") == 10.0 and viz.get("position", {}).get("y") == 20.0)
check("gexf viz size", viz.get("size") == 5.0)
check("gexf viz color", (viz.get("color", {}).get("r"), viz.get("color", {}).get("g")) == (255, 0))
check("gexf native weight", vz.edges["0", "1"].get("weight") == 3.5)

if failures:
    print("mismatches:", ", ".join(failures))
    sys.exit(1)
print("ok")
