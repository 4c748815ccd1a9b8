import Foundation
import GapMapAlgorithms
import GapMapIO
import GapMapMetrics
import GapMapModel
import Testing

/// The reproductions of issue 17 (files from other tools, in `Fixtures/interop/repro`), each
/// with the result its authors meant.
@Suite struct InteropReproTests {
  static let repro = Paths.fixtures + "/interop/repro/"

  func load(_ name: String, format: DatasetFormat? = nil) throws -> DatasetIO.Loaded {
    try DatasetIO.load(Self.repro + name, format: format)
  }

  func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  /// Repro 01/02: an undirected graph stays undirected through every format GapMap writes.
  @Test(arguments: ["01-undirected-edgelist.txt", "02-undirected.graphml"])
  func directionSurvivesEveryConversion(name: String) throws {
    let d = try load(name).dataset
    #expect(d.metadata.directed == false)
    let dir = Paths.temporaryFolder()
    try DatasetIO.write(d, to: dir + "/g.json")
    #expect(try text(dir + "/g.json").contains("\"directed\": false"))
    try DatasetIO.write(d, to: dir + "/g.graphml")
    #expect(try text(dir + "/g.graphml").contains("edgedefault=\"undirected\""))
    try DatasetIO.write(d, to: dir + "/g.gexf")
    #expect(try text(dir + "/g.gexf").contains("defaultedgetype=\"undirected\""))
    try DatasetIO.write(d, to: dir + "/nl.json", format: .nodeLink)
    #expect(try text(dir + "/nl.json").contains("\"directed\": false"))
    try DatasetIO.write(d, to: dir + "/g.dot")
    let dot = try text(dir + "/g.dot")
    #expect(dot.hasPrefix("graph ") && dot.contains(" -- ") && !dot.contains("->"))
    try DatasetIO.write(d, to: dir + "/e.csv")
    #expect(try !text(dir + "/e.csv").contains("# Directed"))
    try DatasetIO.write(d, to: dir + "/folder")
    for out in ["g.json", "g.graphml", "g.gexf", "nl.json", "e.csv", "folder"] {
      let back = try DatasetIO.load(dir + "/" + out).dataset
      #expect(back.metadata.directed == false, "\(out)")
      #expect(Projection(back).graph.isDirected == false, "\(out)")
    }
    // A directed dataset says so everywhere, the edge list included.
    var directed = d
    directed.metadata.directed = true
    try DatasetIO.write(directed, to: dir + "/d.csv")
    #expect(try DatasetIO.load(dir + "/d.csv").dataset.metadata.directed == true)
    try DatasetIO.write(directed, to: dir + "/d.graphml")
    #expect(try text(dir + "/d.graphml").contains("edgedefault=\"directed\""))
  }

  /// Repro 15: GEXF with per-edge types is a mixed graph: a → b one way, b — c both ways.
  @Test func mixedGEXFKeepsEachEdgesDirection() throws {
    let d = try load("15-gexf-mixed-edge-types.gexf").dataset
    #expect(d.metadata.isDirected)
    let byID = Dictionary(uniqueKeysWithValues: d.relations.map { ($0.id, $0) })
    #expect(byID["0"].map(Projection.isUndirected) == false)
    #expect(byID["1"].map(Projection.isUndirected) == true)
    let g = Projection(d).graph
    #expect(g.isDirected && g.edgeCount == 3)  // a→b, b→c, c→b
    let dir = Paths.temporaryFolder()
    try DatasetIO.write(d, to: dir + "/m.gexf")
    let gexf = try text(dir + "/m.gexf")
    #expect(gexf.contains("defaultedgetype=\"mixed\"") && gexf.contains("type=\"undirected\""))
    try DatasetIO.write(d, to: dir + "/m.graphml")
    #expect(try text(dir + "/m.graphml").contains("directed=\"false\""))
    try DatasetIO.write(d, to: dir + "/m.dot")
    #expect(try text(dir + "/m.dot").contains("dir=none"))
    for out in ["m.gexf", "m.graphml"] {
      let back = try DatasetIO.load(dir + "/" + out).dataset
      #expect(Projection(back).graph.edgeCount == 3, "\(out)")
    }
  }

  /// Repro 02: the path a–b–c has density 2/3 undirected (networkx.density(Graph)), 1/3 directed.
  @Test func densityOfUndirectedGraphs() throws {
    for name in ["02-undirected.graphml", "01-undirected-edgelist.txt"] {
      let d = try load(name).dataset
      let n = Double(d.entities.count)
      let expected = 2 * Double(d.relations.count) / (n * (n - 1))
      #expect(abs(DatasetSummary(d).density - expected) < 1e-12, "\(name)")
    }
    let path = try load("02-undirected.graphml").dataset
    #expect(abs(DatasetSummary(path).density - 2.0 / 3) < 1e-12)
    #expect(abs(DatasetSummary(path, directed: true).density - 1.0 / 3) < 1e-12)
  }
}

extension InteropReproTests {
  /// Repro 03: OCDS without a `parties` array (buyer and suppliers inline, identified by
  /// `identifier`, as OCDS 1.0 and the Mexico City files write them).
  @Test func ocdsWithInlineBuyerAndSuppliers() throws {
    let loaded = try load("03-ocds-inline-buyer-suppliers.json")
    let d = loaded.dataset
    #expect(!loaded.diagnostics.contains { $0.message.contains("no buyer") }, "\(loaded.diagnostics)")
    #expect(Validator.validate(d).filter { $0.severity == .error }.isEmpty)
    let buyer = try #require(d.entities.first { $0.id == "GDF9712054NA" })
    #expect(buyer.kind == .agency && buyer.name == "SECRETARIA DE FINANZAS")
    let supplier = try #require(d.entities.first { $0.name == "COMUNICARTE & CONSULTING SA DE CV" })
    #expect(supplier.kind == .company && supplier.attributes["ocds_id"] == "C&C021030KX2")
    #expect(d.relations.count == 1)
    let r = try #require(d.relations.first)
    #expect(r.kind == .contracts && r.source == buyer.id && r.target == supplier.id)
    #expect(r.value == .known(1_311_264) && r.currency == .known("MXN"))
  }

  /// A release without any buyer is still reported, saying what was looked for.
  @Test func ocdsWithoutBuyerSaysWhy() throws {
    let json = #"{"releases": [{"ocid": "o-1", "id": "1", "awards": []}]}"#
    let (_, ds) = try OCDS.read(Array(json.utf8), file: "x.json")
    #expect(ds.contains { $0.message.contains("no buyer (no party with the buyer role") })
  }

  /// Repro 04: several releases of one contracting process become one compiled release (no
  /// duplicate relation), and concatenated packages are read.
  @Test func ocdsReleasesOfOneProcessAreCompiled() throws {
    let loaded = try load("04-ocds-two-releases-one-process.json")
    let d = loaded.dataset
    #expect(Validator.validate(d).filter { $0.severity == .error }.isEmpty, "\(Validator.validate(d))")
    #expect(d.relations.count == 1 && d.sources.count == 1)
    let r = try #require(d.relations.first)
    #expect(r.source == "B" && r.target == "S" && r.value == .known(1000))
    #expect(d.sources.first?.id == "ocds-ocds-xxxxxx-2")
    // Two packages one after the other.
    let a = try Data(contentsOf: URL(fileURLWithPath: Self.repro + "03-ocds-inline-buyer-suppliers.json"))
    let b = try Data(contentsOf: URL(fileURLWithPath: Self.repro + "04-ocds-two-releases-one-process.json"))
    let dir = Paths.temporaryFolder()
    try (a + Data("\n".utf8) + b).write(to: URL(fileURLWithPath: dir + "/stream.json"))
    let stream = try DatasetIO.load(dir + "/stream.json")
    #expect(stream.format == .ocds && stream.dataset.relations.count == 2)
  }

  /// The compiled release equals ocdskit's `compile` output (Fixtures/interop/ocds-compile,
  /// regenerated by its generate.sh).
  @Test func ocdsCompileMatchesOcdskit() throws {
    let folder = Paths.fixtures + "/interop/ocds-compile/"
    let input = try JSON.parse(
      Array(try Data(contentsOf: URL(fileURLWithPath: folder + "input.json"))), file: "in")
    guard case .array(let releases)? = input["releases"] else {
      Issue.record("no releases")
      return
    }
    let expected = try String(contentsOfFile: folder + "ocdskit-compiled.jsonl", encoding: .utf8)
      .split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? NSDictionary }
    var ocids: [String] = []
    for r in releases {
      if case .string(let o)? = r["ocid"], !ocids.contains(o) { ocids.append(o) }
    }
    var compiled: [NSDictionary?] = []
    for o in ocids {
      let group = releases.filter { $0["ocid"] == .string(o) }
      let text = JSON.write(OCDS.compile(group))
      compiled.append(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }
    // ocdskit orders compiled releases by ocid.
    let sorted = zip(ocids, compiled).sorted { $0.0 < $1.0 }.map(\.1)
    #expect(sorted.count == expected.count)
    for (mine, theirs) in zip(sorted, expected) { #expect(mine == theirs, "\(String(describing: mine))") }
    // The import judges disclosure on the compiled record: the signed contract's value and terms.
    let d = try DatasetIO.load(folder + "input.json").dataset
    let r = try #require(d.relations.first { $0.target == "S" })
    #expect(r.value == .known(1200) && r.procedure == .known(.restricted) && r.bidders == .known(3))
    #expect(d.relations.count == 1)
  }
}

extension InteropReproTests {
  /// Repro 08: FtM's amountEur, Family, topics and dates are kept.
  @Test func followTheMoneyKeepsWhatEntityResolutionNeeds() throws {
    let loaded = try load("08-ftm-amountEur-family-topics.jsonl")
    let d = loaded.dataset
    #expect(Validator.validate(d).filter { $0.severity == .error }.isEmpty, "\(Validator.validate(d))")
    #expect(!loaded.diagnostics.contains { $0.severity == .warning }, "\(loaded.diagnostics)")
    let byID = Dictionary(uniqueKeysWithValues: d.relations.map { ($0.id, $0) })
    let pay = try #require(byID["pay1"])
    #expect(
      pay.kind == RelationKind("payment") && pay.value == .known(100_000) && pay.currency == .known("EUR"))
    #expect(pay.attributes["amount_eur"] == "100000")
    let family = try #require(byID["f1"])
    #expect(family.kind == RelationKind("family") && family.source == "p1" && family.target == "p2")
    #expect(family.attributes["relationship"] == "son")
    #expect(d.metadata.customRelationKinds.contains(RelationKind("family")))
    let p1 = try #require(d.entities.first { $0.id == "p1" })
    #expect(p1.attributes["topics"] == "sanction" && p1.attributes["birth_date"] == "1962-01-01")
  }

  /// Associate, Sanction, identifiers and name variants; one summary line for what is skipped.
  @Test func followTheMoneyRelationsAndIdentifiers() throws {
    let lines = [
      #"{"id": "c1", "schema": "Company", "properties": {"name": ["OOO Romashka", "Romashka LLC"], "innCode": ["7701234567"], "ogrnCode": ["1027700000000"], "leiCode": ["529900T8BM49AURSDO55"], "weakAlias": ["Roma"], "jurisdiction": ["ru"]}}"#,
      #"{"id": "p1", "schema": "Person", "properties": {"name": ["A"]}}"#,
      #"{"id": "p2", "schema": "Person", "properties": {"name": ["B"]}}"#,
      #"{"id": "as1", "schema": "Associate", "properties": {"person": ["p1"], "associate": ["p2"], "relationship": ["business partner"]}}"#,
      #"{"id": "s1", "schema": "Sanction", "properties": {"entity": ["c1"], "authority": ["HM Treasury"], "program": ["Russia"], "startDate": ["2022-03-01"]}}"#,
      #"{"id": "a1", "schema": "Address", "properties": {"full": ["x"]}}"#,
      #"{"id": "a2", "schema": "Address", "properties": {"full": ["y"]}}"#,
      #"{"id": "n1", "schema": "Note", "properties": {}}"#,
    ]
    let (d, ds) = try FollowTheMoney.read(Array(lines.joined(separator: "\n").utf8), file: "x.ijson")
    #expect(Validator.validate(d).filter { $0.severity == .error }.isEmpty, "\(Validator.validate(d))")
    let c1 = try #require(d.entities.first { $0.id == "c1" })
    #expect(c1.attributes["inn_code"] == "7701234567" && c1.attributes["ogrn_code"] == "1027700000000")
    #expect(c1.attributes["lei_code"] == "529900T8BM49AURSDO55" && c1.attributes["weak_alias"] == "Roma")
    #expect(c1.aliases == ["Romashka LLC"] && c1.country == .known("RU"))
    let byID = Dictionary(uniqueKeysWithValues: d.relations.map { ($0.id, $0) })
    #expect(
      byID["as1"]?.kind == RelationKind("associate")
        && byID["as1"]?.attributes["relationship"] == "business partner")
    let s = try #require(byID["s1"])
    #expect(s.kind == RelationKind("sanctions") && s.target == "c1" && s.attributes["program"] == "Russia")
    #expect(d.entities.first { $0.id == s.source }?.name == "HM Treasury")
    let warnings = ds.filter { $0.severity == .warning }
    #expect(warnings.count == 1)
    #expect(
      warnings.first?.message
        == "3 entities of schemas GapMap does not import were skipped (Address 2, Note 1)")
    #expect(DatasetFormat.detect(path: "x.ijson") == .ftm)
  }

  /// Repro 05: `.ijson` is read as FollowTheMoney, not as an edge list.
  @Test func ijsonIsFollowTheMoney() throws {
    let loaded = try load("05-ftm-lines.ijson")
    #expect(loaded.format == .ftm)
    #expect(loaded.dataset.relations.first?.value == .known(100_000))
  }
}

extension InteropReproTests {
  /// Repro 06: networkx's default `write_edgelist` (`a b {'weight': 4}`).
  @Test func networkxDefaultEdgeList() throws {
    let loaded = try load("06-networkx-default.edgelist")
    let weights = loaded.dataset.relations.map { $0.attributes["weight"] }
    #expect(weights == ["4", "5"])
    #expect(loaded.diagnostics.isEmpty)
  }

  /// Repro 07: igraph NCOL with weights on some lines: the others weigh 1, as igraph reads
  /// them (one warning says so).
  @Test func ncolWithOptionalWeights() throws {
    let loaded = try load("07-igraph-ncol-optional-weight.ncol")
    #expect(loaded.dataset.relations.map { $0.attributes["weight"] } == ["1", "1230000", "1"])
    #expect(
      loaded.diagnostics.count == 1 && loaded.diagnostics[0].message.hasPrefix("2 edges without a weight"))
  }

  /// Repro 16: igraph's karate club in GML (34 nodes, 78 edges, undirected).
  @Test func gmlKarate() throws {
    let loaded = try load("16-igraph-karate.gml")
    #expect(loaded.format == .gml)
    #expect(loaded.dataset.entities.count == 34 && loaded.dataset.relations.count == 78)
    #expect(loaded.dataset.metadata.directed == false)
  }

  /// GML as networkx writes it: labels, graph attributes, entities, directed.
  @Test func gmlFromNetworkx() throws {
    let gml = """
      graph [
        directed 1
        name "demo &amp; co"
        node [ id 0 label "a" color "red" graphics [ x 1 y 2 ] ]
        node [ id 1 label "b&#233;" ]
        edge [ source 0 target 1 weight 2.5 ]
      ]
      """
    let (d, ds, directed) = try GML.read(Array(gml.utf8), file: "x.gml")
    #expect(directed && d.entities.map(\.name) == ["a", "bé"])
    #expect(d.entities.first?.attributes["color"] == "red")
    #expect(d.relations.first?.attributes["weight"] == "2.5")
    #expect(d.metadata.extra["graph"]?["name"] == .string("demo & co"))
    #expect(ds.count == 1 && ds[0].message.contains("1 nested GML lists"))
  }

  /// Repro 17: igraph's Pajek example: 4 vertices, 7 arcs with weights, drawing options dropped.
  @Test func pajekExample() throws {
    let loaded = try load("17-igraph-pajek.net")
    let d = loaded.dataset
    #expect(loaded.format == .pajek && d.metadata.isDirected)
    #expect(d.entities.count == 4 && d.relations.count == 7)
    #expect(d.entities.first?.attributes["x"] == "0.0938")
    #expect(d.relations.map { $0.attributes["weight"] ?? "" } == ["1", "1", "1", "-1", "1", "1", "-1"])
    #expect(d.metadata.extra["graph"]?["name"] == .string("TRALALA"))
    #expect(loaded.diagnostics.contains { $0.message.contains("drawing options") })
    let undirected = try Pajek.read(Array("*Vertices 2\n1 \"a\"\n2 \"b\"\n*Edges\n1 2\n".utf8), file: "u.net")
    #expect(undirected.2 == false)
  }

  /// Repro 13 and 14: GraphML without an extension, and keys declared inside `<graph>`.
  @Test func graphMLByContentAndGephiKeys() throws {
    let plain = try load("13-graphml-no-extension")
    #expect(
      plain.format == .graphml && plain.dataset.entities.count == 6 && plain.dataset.relations.count == 7)
    #expect(plain.dataset.metadata.extra["graph"]?["date"] == .string("2006-11-12"))
    #expect(plain.dataset.entities.first?.attributes["gender"] == "true")
    let gephi = try load("14-gephi-key-inside-graph.graphml")
    #expect(gephi.dataset.entities.map(\.name) == ["foo", "bar"])
  }

  /// Repro 09 and 11: graph attributes, booleans, integer ids, the name and `multigraph: false`
  /// survive GapMap, in the formats networkx reads.
  @Test func graphAttributesBooleansAndIdsRoundTrip() throws {
    let dir = Paths.temporaryFolder()
    let typed = try load("09-graphml-types-graphdata.graphml").dataset
    try DatasetIO.write(typed, to: dir + "/t.graphml")
    let graphml = try text(dir + "/t.graphml")
    #expect(graphml.contains("attr.name=\"flag\" attr.type=\"boolean\""))
    #expect(graphml.contains("attr.name=\"weight\" attr.type=\"double\""))  // declared double, value 1
    #expect(graphml.contains(">Pathway hsa05010</data>") && graphml.contains("attr.name=\"title\""))
    let nl = try load("11-nodelink-int-ids-undirected.json").dataset
    try DatasetIO.write(nl, to: dir + "/n.json", format: .nodeLink)
    let root = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/n.json")))
    let obj = try #require(root as? [String: Any])
    #expect(obj["directed"] as? Bool == false && obj["multigraph"] as? Bool == false)
    #expect((obj["graph"] as? [String: Any])?["name"] as? String == "karate-mini")
    let nodes = obj["nodes"] as? [[String: Any]] ?? []
    #expect(nodes.first?["id"] as? Int == 0)
  }
}

extension InteropReproTests {
  /// XK and the other user-assigned codes are accepted, with one warning with counts.
  @Test func userAssignedCountryCodes() throws {
    for code in ["XK", "AA", "QM", "QZ", "XA", "ZZ"] { #expect(Countries.isValid(code), "\(code)") }
    for code in ["QL", "ZY", "AB"] { #expect(!Countries.isUserAssigned(code), "\(code)") }
    let lines = [
      #"{"id": "p1", "schema": "Person", "properties": {"name": ["A"], "country": ["xk"]}}"#,
      #"{"id": "p2", "schema": "Person", "properties": {"name": ["B"], "nationality": ["XK"]}}"#,
      #"{"id": "l1", "schema": "UnknownLink", "properties": {"subject": ["p1"], "object": ["p2"]}}"#,
    ]
    let (d, ds) = try FollowTheMoney.read(Array(lines.joined(separator: "\n").utf8), file: "x.jsonl")
    #expect(ds.filter { $0.severity == .error }.isEmpty)
    let all = Validator.validate(d)
    #expect(all.filter { $0.severity == .error }.isEmpty, "\(all)")
    #expect(all.filter { $0.message.contains("user-assigned ISO 3166 codes") }.count == 1)
    #expect(all.contains { $0.message.contains("(XK 2)") })
  }

  /// `validate` on a plain graph: one line about sources, not one per edge, and no sources.csv hint.
  @Test func plainGraphValidationIsOneLine() throws {
    let d = try load("01-undirected-edgelist.txt").dataset
    let warnings = Validator.validate(d).filter { $0.severity == .warning }
    #expect(warnings.count == 1, "\(warnings)")
    #expect(warnings.first?.message == "4 relations cite no source (the dataset has no sources)")
    #expect(warnings.first?.hint?.contains("sources.csv") == false)
  }
}

extension InteropReproTests {
  /// OCDS in ISO-8859-1: a clear message naming the encoding and how to convert.
  @Test func ocdsInLatin1IsNamed() throws {
    var bytes = Array(#"{"releases": [{"ocid": "o-1", "buyer": {"name": "Secretar"#.utf8)
    bytes += [0xED, 0x61] + Array(#""}}]}"#.utf8)  // "í" in ISO-8859-1
    #expect(throws: IOError.self) { try OCDS.read(bytes, file: "l.json") }
    do {
      _ = try OCDS.read(bytes, file: "l.json")
    } catch {
      #expect(error.message.contains("ISO-8859-1") && error.hint?.contains("iconv") == true)
    }
  }
}

extension InteropReproTests {
  /// Repro 10: GEXF viz position, size and colour and the native weight are kept; dropped
  /// dynamic values are counted in a warning.
  @Test func gexfVizWeightAndDynamicValues() throws {
    let loaded = try load("10-gexf-dynamic-viz.gexf")
    let d = loaded.dataset
    let hello = try #require(d.entities.first { $0.id == "0" })
    #expect(hello.attributes["x"] == "10.0" && hello.attributes["y"] == "20.0")
    #expect(hello.attributes["size"] == "5.0" && hello.attributes["color"] == "#ff0000")
    #expect(d.relations.first?.attributes["weight"] == "3.5")
    #expect(d.relations.first?.attributes["Weight"] == "2")
    #expect(d.metadata.directed == false)
    #expect(loaded.diagnostics.contains { $0.message.hasPrefix("1 earlier dynamic") })
  }
}

extension InteropReproTests {
  /// Repro 12: an undirected self-loop counts once in its node's degree, as networkx counts it
  /// (`nx.pagerank(nx.Graph([("a","a"), ("a","b"), ("b","c")]), tol=1e-15)`): b ranks above a.
  @Test func undirectedSelfLoopPageRankMatchesNetworkx() throws {
    let expected = ["a": 0.3817177297840282, "b": 0.3987945755901551, "c": 0.2194876946258164]
    let path = Self.repro + "12-undirected-selfloop.txt"
    // Through the dataset model, and through the edge-list fast path `centrality` uses.
    let d = try load("12-undirected-selfloop.txt").dataset
    #expect(d.metadata.directed == false)
    let projection = Projection(d)
    let edges = try EdgeListReader.read(path: path)
    let runs = [
      (projection.nodes.ids, try projection.graph.pagerank().values),
      (edges.nodes, try edges.graph(directed: false).pagerank().values),
    ]
    for (ids, values) in runs {
      let score = Dictionary(uniqueKeysWithValues: zip(ids, values))
      for (id, value) in expected {
        #expect(abs((score[id] ?? -1) - value) < 1e-9, "\(id): \(score[id] ?? -1)")
      }
      #expect((score["b"] ?? 0) > (score["a"] ?? 0))
    }
  }
}

extension InteropReproTests {
  /// A small typed graph: names, a numeric and a mixed column, a weight, a graph name.
  func typedGraph(directed: Bool) -> Dataset {
    var d = Dataset()
    d.metadata.directed = directed
    d.metadata.extra["graph"] = .object([JSONMember(key: "name", value: .string("demo & \"co\""))])
    var a = Entity(id: "a", name: "Ábc \"q\" & co", kind: .other)
    a.attributes = ["score": "1.5", "tag": "x", "x": "0.25", "y": "1e-5"]
    var b = Entity(id: "b", name: "b", kind: .other)
    b.attributes = ["score": "2", "tag": "1", "odd key": "v"]
    d.entities = [a, b]
    var r1 = Relation(id: "r1", source: "a", target: "b", kind: .link)
    r1.attributes["weight"] = "2.5"
    var r2 = Relation(id: "r2", source: "a", target: "b", kind: .link)
    r2.attributes["weight"] = "1.E-05"
    d.relations = [r1, r2]
    return d
  }

  /// GML as networkx writes it: ASCII, `&quot;`/`&amp;`/`&#N;`, numbers unquoted only in
  /// numeric columns, reals with digits both sides of the point, keys made GML identifiers.
  @Test func gmlWriterEscapesTypesAndKeys() throws {
    let d = typedGraph(directed: true)
    let gml = GML.write(d)
    #expect(gml.utf8.allSatisfy { $0 < 0x80 })
    #expect(gml.hasPrefix("graph [\n  directed 1\n  multigraph 1\n  name \"demo &amp; &quot;co&quot;\"\n"))
    #expect(gml.contains("    label \"a\"\n    name \"&#193;bc &quot;q&quot; &amp; co\"\n"))
    #expect(gml.contains("    score 1.5\n") && gml.contains("    score 2\n"))
    #expect(gml.contains("    tag \"1\"\n"))  // a string column stays a string
    #expect(gml.contains("    weight 1.0E-05\n") && gml.contains("    y 1.0e-5\n"))
    #expect(gml.contains("    odd_key \"v\"\n"))
    #expect(GML.losses(d) == ["1 attribute names are not GML keys and were renamed (odd key)"])
    #expect(!GML.write(typedGraph(directed: false)).contains("directed 1"))
    // Read back by GapMap: the same ids, names, attributes and weights.
    let (back, _, directed) = try GML.read(Array(gml.utf8), file: "g.gml")
    #expect(directed && back.entities.map(\.id) == ["a", "b"])
    #expect(back.entities.first?.name == "Ábc \"q\" & co")
    #expect(back.relations.map { $0.attributes["weight"] } == ["2.5", "1.0E-05"])
    #expect(back.entities.last?.attributes["odd_key"] == "v")
  }

  /// Pajek: labels are ids, coordinates and weights as numbers networkx and igraph read, arcs
  /// or edges by direction, the name as `*Network`; what is dropped is said.
  @Test func pajekWriter() throws {
    let d = typedGraph(directed: true)
    #expect(
      Pajek.write(d) == """
        *Network demo & "co"
        *Vertices 2
        1 "a" 0.25 1.0e-5
        2 "b"
        *Arcs
        1 2 2.5
        1 2 1.0E-05

        """)
    #expect(Pajek.write(typedGraph(directed: false)).contains("*Edges\n1 2 2.5\n"))
    #expect(Pajek.losses(d).first == "entity names, kinds and attributes are dropped (labels are entity ids)")
    let (back, _, directed) = try Pajek.read(Array(Pajek.write(d).utf8), file: "g.net")
    #expect(directed && back.entities.map(\.id) == ["a", "b"])
    #expect(
      back.relations.map { $0.source + $0.target + ($0.attributes["weight"] ?? "") } == [
        "ab2.5", "ab1.0E-05",
      ])
    // A mixed graph: both sections, and a warning that networkx reads one kind.
    var mixed = d
    mixed.relations[1].attributes["directed"] = "false"
    #expect(Pajek.write(mixed).hasSuffix("*Arcs\n1 2 2.5\n*Edges\n1 2 1.0E-05\n"))
    #expect(Pajek.losses(mixed).contains { $0.hasPrefix("a mixed graph") })
  }

  /// Repro 10 written back as GEXF: Gephi's viz (position, size, colour) from the attributes,
  /// and the weight as GEXF's own edge weight; GapMap reads its own file back unchanged.
  @Test func gexfWritesVizAndNativeWeight() throws {
    let d = try load("10-gexf-dynamic-viz.gexf").dataset
    let gexf = GEXF.write(d, colors: ["other": "#eeeeee"])
    #expect(gexf.contains("<viz:color r=\"255\" g=\"0\" b=\"0\"/>"))  // the node's own colour wins
    #expect(gexf.contains("<viz:color r=\"238\" g=\"238\" b=\"238\"/>"))  // the kind's, for the other
    #expect(gexf.contains("<viz:position x=\"10.0\" y=\"20.0\" z=\"0.0\"/>"))
    #expect(gexf.contains("<viz:position x=\"-10.0\" y=\"5.0\" z=\"0.0\"/>"))
    #expect(gexf.contains("<viz:size value=\"5.0\"/>"))
    #expect(gexf.contains(" weight=\"3.5\"") && !gexf.contains("title=\"weight\""))
    let (back, _, _) = try GEXF.read(Array(gexf.utf8), file: "v.gexf")
    #expect(DatasetIO.gapmapJSON(back) == DatasetIO.gapmapJSON(d))
  }
}

extension InteropReproTests {
  /// `encoding: .latin1` reads an ISO-8859-1 OCDS file (names as iconv and ocdskit spell them).
  @Test func ocdsInLatin1WithEncoding() throws {
    var bytes = Array(
      #"{"releases": [{"ocid": "o-1", "id": "1", "parties": [{"id": "B", "name": "Secretar"#.utf8)
    bytes += [0xED, 0x61] + Array(#"", "roles": ["buyer"]}]}]}"#.utf8)
    let dir = Paths.temporaryFolder()
    try Data(bytes).write(to: URL(fileURLWithPath: dir + "/l.json"))
    #expect(throws: IOError.self) { try DatasetIO.load(dir + "/l.json") }
    let loaded = try DatasetIO.load(dir + "/l.json", encoding: .latin1)
    #expect(loaded.format == .ocds && loaded.dataset.entities.first?.name == "Secretaría")
    for name in ["latin1", "ISO-8859-1", "iso8859-1", "latin-1"] {
      #expect(TextEncoding(name: name) == .latin1)
    }
    for name in ["utf-8", "UTF8"] { #expect(TextEncoding(name: name) == .utf8) }
    #expect(TextEncoding(name: "cp1252") == nil)
    #expect(TextEncoding.latin1.utf8([0x41, 0xE9, 0xFF]) == Array("Aéÿ".utf8))
  }
}

extension InteropReproTests {
  /// The GraphML features GapMap has no model for are refused clearly, at their line.
  @Test(arguments: [
    ("graphml-nested-group.graphml", 5, "nested graphs are not supported"),
    ("graphml-hyperedge.graphml", 6, "hyperedges are not supported"),
  ])
  func graphMLFeaturesWithoutAModelAreRefused(name: String, line: Int, message: String) throws {
    do {
      _ = try DatasetIO.load(Self.repro + name)
      Issue.record("\(name) was read")
    } catch {
      #expect(error.line == line && error.message == message, "\(error)")
    }
  }
}
