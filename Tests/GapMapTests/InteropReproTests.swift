import Foundation
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
