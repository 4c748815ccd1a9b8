#!/usr/bin/env python3
"""GapMap's GraphML, GEXF and node-link output read by networkx (and GraphML by igraph) with
the same node and edge counts and the attributes; GapMap reading what networkx and igraph write.

Usage: check_networkx.py GAPMAP_BINARY DATASET_FOLDER WORK_DIR   (exit 1 with the reason)
"""
import json
import os
import subprocess
import sys

import networkx as nx

gapmap, dataset, work = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(work, exist_ok=True)


def run(*args):
    p = subprocess.run([gapmap, *args], capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"gapmap {' '.join(args)} failed ({p.returncode}): {p.stderr}")
    return p.stdout


def check(cond, message):
    if not cond:
        sys.exit("check_networkx: " + message)


# The dataset as GapMap sees it.
run("convert", dataset, f"{work}/native.json")
native = json.load(open(f"{work}/native.json"))
n_nodes, n_edges = len(native["entities"]), len(native["relations"])
rel = next(r for r in native["relations"] if r["kind"] == "contracts" and "value" in r)
ent = next(e for e in native["entities"] if e["kind"] == "facility")

# 1. networkx reads GapMap's files.
run("convert", dataset, f"{work}/g.graphml")
run("convert", dataset, f"{work}/g.gexf")
run("convert", dataset, f"{work}/g.json", "--to", "node-link")
graphs = {
    "graphml": nx.read_graphml(f"{work}/g.graphml", force_multigraph=True),
    "gexf": nx.read_gexf(f"{work}/g.gexf", version="1.3"),
    "node-link": nx.node_link_graph(json.load(open(f"{work}/g.json")), edges="edges"),
}
for name, G in graphs.items():
    check(G.is_directed(), f"{name}: not directed")
    check(G.number_of_nodes() == n_nodes, f"{name}: {G.number_of_nodes()} nodes, expected {n_nodes}")
    check(G.number_of_edges() == n_edges, f"{name}: {G.number_of_edges()} edges, expected {n_edges}")
    node = G.nodes[ent["id"]]
    check(node.get("kind") == "facility", f"{name}: node {ent['id']} has {node}")
    label = node.get("name", node.get("label"))
    check(label == ent["name"], f"{name}: name {label!r} != {ent['name']!r}")
    data = [d for _, _, d in G.edges(data=True) if d.get("id", d.get("key")) == rel["id"]] or \
           [d for _, _, k, d in G.edges(keys=True, data=True) if k == rel["id"]]
    check(data, f"{name}: relation {rel['id']} not found by id/key")
    check(data[0].get("kind") == "contracts", f"{name}: relation kind {data[0]}")
    check(float(data[0]["value"]) == float(rel["value"]), f"{name}: value {data[0].get('value')} != {rel['value']}")

# igraph reads GapMap's GraphML.
try:
    import igraph
    g = igraph.Graph.Read_GraphML(f"{work}/g.graphml")
    check(g.vcount() == n_nodes and g.ecount() == n_edges, f"igraph: {g.vcount()}/{g.ecount()}")
    check("kind" in g.vs.attributes(), "igraph: no kind attribute")
    g.write_graphml(f"{work}/igraph.graphml")
    run("convert", f"{work}/igraph.graphml", f"{work}/from-igraph.json")
    back = json.load(open(f"{work}/from-igraph.json"))
    check(len(back["entities"]) == n_nodes and len(back["relations"]) == n_edges, "igraph → GapMap counts")
except ImportError:
    print("check_networkx: igraph not installed; igraph part skipped", file=sys.stderr)

# 2. GapMap reads what networkx writes, attributes included.
G = nx.MultiDiGraph()
G.add_node("ho", name="Home Office", kind="agency", country="GB")
G.add_node("serco", name="Serco", kind="company", country="GB", pmsc="yes")
G.add_node("yw", name="Yarl's Wood", kind="facility", country="GB", capacity=410)
G.add_node("x", name="Unmapped", kind="ministry")
G.add_edge("ho", "serco", key="c1", kind="contracts", function="detention_operation", value=85000000.0,
           currency="GBP", facilities="yw")
G.add_edge("serco", "yw", key="o1", kind="operates", function="detention_operation")
G.add_edge("ho", "x", key="l1", kind="advises", weight=2.5)
nx.write_graphml(G, f"{work}/nx.graphml")
nx.write_gexf(G, f"{work}/nx.gexf", version="1.2draft")
json.dump(nx.node_link_data(G, edges="edges"), open(f"{work}/nx.json", "w"))
for name in ["nx.graphml", "nx.gexf", "nx.json"]:
    args = ["convert", f"{work}/{name}", f"{work}/{name}.out.json"]
    if name == "nx.json":
        args += ["--from", "node-link"]
    run(*args)
    d = json.load(open(f"{work}/{name}.out.json"))
    ents = {e["id"]: e for e in d["entities"]}
    rels = {r["id"]: r for r in d["relations"]}
    check(len(ents) == 4 and len(rels) == 3, f"{name}: {len(ents)} entities, {len(rels)} relations")
    check(ents["serco"]["kind"] == "company" and ents["serco"]["name"] == "Serco", f"{name}: {ents['serco']}")
    check(ents["yw"].get("capacity") in (410, "410"), f"{name}: capacity {ents['yw']}")
    check(ents["x"]["kind"] == "other" and ents["x"].get("original_kind") == "ministry", f"{name}: {ents['x']}")
    check(rels["c1"]["kind"] == "contracts" and float(rels["c1"]["value"]) == 85000000.0, f"{name}: {rels['c1']}")
    check(rels["c1"].get("facilities") in (["yw"], "yw"), f"{name}: scope {rels['c1']}")
    check(rels["l1"]["kind"] == "link" and rels["l1"].get("original_kind") == "advises", f"{name}: {rels['l1']}")
print("check_networkx: ok")
