import Foundation
import Testing

/// Formats from elsewhere, end to end: networkx and igraph read what GapMap writes and the
/// reverse; the FtM and OCDS fixtures are valid where they come from and feed the analyses.
extension CLITests {
  @Test func networkxAndIgraphInterop() throws {
    let r = try Self.python([
      Self.root + "/Tests/interop/check_networkx.py", Self.binary, Self.bundled, Self.temp(),
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
  }

  @Test func ftmAndOcdsFixturesAreValidAndFeedTheAnalyses() throws {
    let interop = Self.fixtures + "/interop"
    let valid = try Self.python([Self.root + "/Tests/interop/check_fixtures.py", interop])
    #expect(valid.status == 0, "\(valid.stdout)\(valid.stderr)")
    for file in ["ftm.jsonl", "ocds-release-package.json", "ocds-record-package.json"] {
      let v = try Self.run(["validate", interop + "/" + file])
      #expect(v.status == 0, "\(file): \(v.stderr)")
      let g = try Self.run(["gaps", interop + "/" + file, "--at", "2023", "--format", "json"])
      #expect(g.status == 0, "\(file): \(g.stderr)")
      let dir = Self.temp()
      let svg = try Self.run(["render", interop + "/" + file, "-o", dir + "/x.svg"])
      #expect(svg.status == 0, "\(file): \(svg.stderr)")
    }
    let gaps = try Self.run([
      "gaps", interop + "/ocds-release-package.json", "--at", "2023", "--format", "json",
    ])
    let obj = try JSONSerialization.jsonObject(with: Data(gaps.stdout.utf8)) as? [String: Any]
    let facilities = obj?["facilities"] as? [[String: Any]] ?? []
    #expect(facilities.first?["id"] as? String == "Northfield-IRC")
    let components = facilities.first?["components"] as? [String: Any]
    let transparency = components?["transparency"] as? [String: Any]
    #expect((transparency?["high"] as? Double ?? 1) < 1)  // real disclosure data narrows it
  }

  @Test func convertBetweenEveryFormat() throws {
    let dir = Self.temp()
    for out in ["g.graphml", "g.gexf", "g.dot"] {
      let r = try Self.run(["convert", "datasets/border-outsourcing", dir + "/" + out])
      #expect(r.status == 0, "\(out): \(r.stderr)")
    }
    let nl = try Self.run(["convert", "datasets/border-outsourcing", dir + "/nl.json", "--to", "node-link"])
    #expect(nl.status == 0)
    let gexf = try String(contentsOfFile: dir + "/g.gexf", encoding: .utf8)
    #expect(gexf.contains("<viz:color r=\"213\" g=\"94\" b=\"0\"/>"))  // facilities in vermilion
    let back = try Self.run(["convert", dir + "/nl.json", dir + "/back"])
    #expect(back.status == 0)
    let original = try Self.run(["validate", "--strict", "datasets/border-outsourcing"]).stdout
    let counts = try #require(original.firstMatch(of: /valid \(.*\)/)).output
    #expect(try Self.run(["validate", "--strict", dir + "/back"]).stdout.contains(counts))
    let ro = try Self.run(["convert", "datasets/border-outsourcing", dir + "/x.json", "--to", "ocds"])
    #expect(ro.status == 1 && ro.stderr.contains("reads ocds but does not write it"))
    let dot = try Self.run(["validate", dir + "/g.dot"])
    #expect(dot.status == 1 && dot.stderr.contains("writes DOT but does not read it"))
  }
}
