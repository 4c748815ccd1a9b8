import Foundation
import Testing

/// Issue 17's reproductions end to end: what a user of networkx, igraph, Gephi, OpenSanctions
/// or ocdskit sees from `gapmap`.
extension CLITests {
  static let repro = fixtures + "/interop/repro/"

  /// Repro 01: PageRank and betweenness of an undirected edge list do not change when it is
  /// converted (networkx: c = 0.3667, betweenness 2.0).
  @Test func conversionKeepsCentralityOfUndirectedGraphs() throws {
    let dir = Self.temp()
    let input = Self.repro + "01-undirected-edgelist.txt"
    let args = ["--measure", "pagerank,betweenness", "--format", "csv"]
    let original = try Self.run(["centrality", input] + args)
    #expect(original.status == 0, "\(original.stderr)")
    #expect(original.stdout.contains("c,0.3667") || original.stdout.contains("c,0.366"), "\(original.stdout)")
    for out in ["x.json", "x.graphml", "x.gexf"] {
      let c = try Self.run(["convert", input, dir + "/" + out])
      #expect(c.status == 0, "\(out): \(c.stderr)")
      let again = try Self.run(["centrality", dir + "/" + out] + args)
      #expect(again.stdout == original.stdout, "\(out): \(again.stdout)")
    }
  }

  /// Repro 02: `summary` gives networkx's density for an undirected path; `--directed` halves it.
  @Test func summaryDensityOfUndirectedGraphML() throws {
    let input = Self.repro + "02-undirected.graphml"
    let r = try Self.run(["summary", input, "--format", "json"])
    let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(abs((obj?["density"] as? Double ?? 0) - 2.0 / 3) < 1e-3, "\(r.stdout)")
    let d = try Self.run(["summary", input, "--format", "json", "--directed"])
    let dobj = try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any]
    #expect(abs((dobj?["density"] as? Double ?? 0) - 1.0 / 3) < 1e-3, "\(d.stdout)")
  }
}

extension CLITests {
  /// networkx and igraph read back what GapMap wrote from the reproductions: direction, types,
  /// graph attributes and ids (GraphML, GEXF, node-link; GML and Pajek inputs).
  @Test func reproRoundTripsWithNetworkxAndIgraph() throws {
    let r = try Self.python([
      Self.root + "/Tests/interop/check_repro_roundtrip.py", Self.binary, Self.repro, Self.temp(),
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }
}

extension CLITests {
  /// What reading skips is said in every command, as one summary line with counts.
  @Test func skippedThingsAreReportedByEveryCommand() throws {
    let input = Self.repro + "17-igraph-pajek.net"
    for args in [
      ["summary", input], ["centrality", input, "--measure", "degree"],
      ["convert", input, Self.temp() + "/p.json"],
    ] {
      let r = try Self.run(args)
      #expect(r.status == 0, "\(args): \(r.stderr)")
      let lines = r.stderr.split(separator: "\n").filter { $0.contains("drawing options") }
      #expect(lines.count == 1, "\(args): \(r.stderr)")
    }
  }
}

extension CLITests {
  /// An ISO-8859-1 OCDS file: refused with a message naming the encoding and `--encoding`;
  /// read with `--encoding latin1` (or `iso-8859-1`, as iconv spells it).
  @Test func encodingOptionReadsLatin1() throws {
    var bytes = Array(
      #"{"releases": [{"ocid": "o-1", "id": "1", "parties": [{"id": "B", "name": "Secretar"#.utf8)
    bytes += [0xED, 0x61] + Array(#"", "roles": ["buyer"]}]}]}"#.utf8)
    let dir = Self.temp()
    try Data(bytes).write(to: URL(fileURLWithPath: dir + "/l.json"))
    let refused = try Self.run(["summary", dir + "/l.json"])
    #expect(refused.status == 1)
    #expect(
      refused.stderr.contains("ISO-8859-1") && refused.stderr.contains("--encoding latin1"),
      "\(refused.stderr)")
    for name in ["latin1", "iso-8859-1"] {
      let r = try Self.run(["convert", dir + "/l.json", dir + "/out-\(name).json", "--encoding", name])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(try String(contentsOfFile: dir + "/out-\(name).json", encoding: .utf8).contains("Secretaría"))
    }
    let bad = try Self.run(["summary", dir + "/l.json", "--encoding", "ebcdic"])
    #expect(bad.status != 0 && bad.stderr.contains("encoding"), "\(bad.stderr)")
  }

  /// `convert` writes GML and Pajek by extension, and says what Pajek drops.
  @Test func convertWritesGMLAndPajek() throws {
    let dir = Self.temp()
    let gml = try Self.run(["convert", Self.repro + "02-undirected.graphml", dir + "/u.gml"])
    #expect(gml.status == 0, "\(gml.stderr)")
    #expect(try String(contentsOfFile: dir + "/u.gml", encoding: .utf8).hasPrefix("graph [\n  directed 0\n"))
    let net = try Self.run(["convert", Self.fixtures + "/hostile", dir + "/h.net"])
    #expect(net.status == 0, "\(net.stderr)")
    #expect(net.stderr.contains("Pajek keeps ids, weights and coordinates only"), "\(net.stderr)")
    #expect(try String(contentsOfFile: dir + "/h.net", encoding: .utf8).contains("*Vertices "))
  }
}
