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


# Direction (repro 02) in GraphML, GEXF, node-link; GML and Pajek read by GapMap.
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
if failures:
    print("mismatches:", ", ".join(failures))
    sys.exit(1)
print("ok")
