import Foundation
import GapMapIO
import GapMapModel
import Testing

/// GraphML, GEXF, node-link, DOT, FollowTheMoney and OCDS.
@Suite struct InteropTests {
  static let interop = Paths.fixtures + "/interop"

  func roundTrip(_ folder: String, _ format: DatasetFormat, ext: String) throws {
    let dir = Paths.temporaryFolder()
    let original = try DatasetIO.load(folder).dataset
    try DatasetIO.write(original, to: dir + "/g.\(ext)", format: format)
    let back = try DatasetIO.load(dir + "/g.\(ext)", format: format)
    #expect(back.diagnostics.filter { $0.severity == .error }.isEmpty, "\(back.diagnostics)")
    // Every entity, relation, kind, attribute, source and the metadata come back.
    #expect(DatasetIO.gapmapJSON(back.dataset) == DatasetIO.gapmapJSON(original), "\(format)")
  }

  @Test(arguments: [(DatasetFormat.graphml, "graphml"), (.gexf, "gexf"), (.nodeLink, "json"), (.gml, "gml")])
  func nativeRoundTripsLoseNothing(format: DatasetFormat, ext: String) throws {
    try roundTrip(Paths.bundled, format, ext: ext)
    try roundTrip(Paths.fixtures + "/hostile", format, ext: ext)
  }

  @Test func formatsAreDetectedByExtensionAndContent() throws {
    let dir = Paths.temporaryFolder()
    let d = try DatasetIO.load(Paths.fixtures + "/hostile").dataset
    try DatasetIO.write(d, to: dir + "/nl.json", format: .nodeLink)
    #expect(try DatasetIO.load(dir + "/nl.json").format == .nodeLink)
    #expect(try DatasetIO.load(Self.interop + "/ocds-release-package.json").format == .ocds)
    #expect(try DatasetIO.load(Self.interop + "/ocds-record-package.json").format == .ocds)
    #expect(try DatasetIO.load(Self.interop + "/ftm.jsonl").format == .ftm)
    try DatasetIO.write(d, to: dir + "/g.graphml")
    #expect(try DatasetIO.load(dir + "/g.graphml").format == .graphml)
  }

  @Test func followTheMoneyImport() throws {
    let loaded = try DatasetIO.load(Self.interop + "/ftm.jsonl")
    let d = loaded.dataset
    #expect(Validator.validate(d).filter { $0.severity == .error }.isEmpty)
    #expect(
      loaded.diagnostics.contains {
        $0.message.contains("schemas GapMap does not import were skipped (Address 1") && $0.line == 12
      })
    let kinds = Dictionary(uniqueKeysWithValues: d.entities.map { ($0.id, $0.kind) })
    #expect(
      kinds == [
        "pb-interior": .agency, "co-holding": .company, "co-services": .company, "co-escort": .company,
        "pe-director": .person,
      ])
    let byID = Dictionary(uniqueKeysWithValues: d.relations.map { ($0.id, $0) })
    #expect(byID["own-1"]?.kind == .owns && byID["own-1"]?.share == .known(1))
    let award = try #require(byID["award-2021-0417"])
    #expect(award.kind == .contracts && award.source == "pb-interior" && award.target == "co-services")
    #expect(
      award.value == .known(48_000_000) && award.currency == .known("GBP")
        && award.procedure == .known(.negotiated))
    #expect(
      award.start == .known(PartialDate("2021-06-01")!) && award.end == .known(PartialDate("2026-05-31")!))
    #expect(
      byID["pay-2022-q1"]?.kind == RelationKind("payment") && byID["pay-2022-q1"]?.value == .known(2_400_000))
    #expect(byID["dir-1"]?.kind == RelationKind("directorship") && byID["link-1"]?.kind == .link)
    #expect(d.metadata.customRelationKinds.contains(RelationKind("payment")))
    let cited = try #require(
      d.sources.first { $0.url == "https://procurement.example.org/notices/2021-0417" })
    #expect(award.sources == [cited.id] && cited.publisher == "Ruritania Procurement Portal")
    #expect(d.entities.first { $0.id == "co-escort" }?.incorporatedIn == .known("DE"))
  }

  @Test func ocdsImport() throws {
    let release = try DatasetIO.load(Self.interop + "/ocds-release-package.json").dataset
    let record = try DatasetIO.load(Self.interop + "/ocds-record-package.json").dataset
    for d in [release, record] {
      #expect(Validator.validate(d).filter { $0.severity == .error }.isEmpty)
      #expect(d.entities.first { $0.id == "RU-GOV-INT" }?.kind == .agency)
      #expect(d.entities.first { $0.id == "Northfield-IRC" }?.kind == .facility)
      #expect(d.relations.count == 2)
      let op = try #require(d.relations.first { $0.target == "GB-COH-07654321" })
      #expect(op.kind == .contracts && op.source == "RU-GOV-INT")
      #expect(op.value == .known(52_500_000) && op.currency == .known("GBP"))  // the contract's value
      #expect(op.procedure == .known(.restricted) && op.bidders == .known(3) && op.modifications == .known(1))
      #expect(op.facilities == .known(["Northfield-IRC"]))
      #expect(op.disclosure["value"] == .known(.yes) && op.disclosure["modifications"] == .known(.yes))
      #expect(op.disclosure["terms"] == .known(.no))  // documents published, no contract text
      #expect(op.disclosure["subcontractors"] == .unknown)
      let health = try #require(d.relations.first { $0.target == "GB-COH-09999999" })
      #expect(health.value == .unknown && health.disclosure["value"] == .known(.no))
      #expect(
        health.disclosure["performance"] == .known(.yes) && health.disclosure["duration"] == .known(.no))
      #expect(d.sources.count == 1 && d.sources[0].publisher == "Ruritania Procurement Portal")
    }
  }

  @Test func malformedInputsGetLocatedErrors() throws {
    func error(_ text: String, _ format: DatasetFormat, ext: String) -> IOError? {
      let path = Paths.temporaryFolder() + "/bad.\(ext)"
      try? text.write(toFile: path, atomically: true, encoding: .utf8)
      do {
        _ = try DatasetIO.load(path, format: format)
        return nil
      } catch {
        return error
      }
    }
    let bomb = """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
      <graphml><graph><node id="&lol2;"/></graph></graphml>
      """
    let e1 = try #require(error(bomb, .graphml, ext: "graphml"))
    #expect(e1.line == 2 && e1.message.contains("DOCTYPE"))
    let external = """
      <?xml version="1.0"?>
      <!DOCTYPE g [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <gexf><graph><nodes><node id="a" label="&xxe;"/></nodes></graph></gexf>
      """
    #expect(error(external, .gexf, ext: "gexf")?.message.contains("DOCTYPE") == true)
    let truncated = "<graphml>\n<graph>\n<node id=\"a\">\n"
    let e3 = try #require(error(truncated, .graphml, ext: "graphml"))
    #expect(e3.message.contains("not well-formed XML") && e3.line >= 3)
    let undeclared =
      "<graphml>\n<graph>\n<node id=\"a\"><data key=\"d9\">x</data></node>\n</graph>\n</graphml>\n"
    let e4 = try #require(error(undeclared, .graphml, ext: "graphml"))
    #expect(e4.line == 3 && e4.message.contains("undeclared key"))
    #expect(error("{\"links\": []}", .nodeLink, ext: "json")?.message.contains("no \"nodes\"") == true)
    let e6 = try #require(error("{\"id\": \"a\", \"schema\": \"Company\"}\n{oops\n", .ftm, ext: "jsonl"))
    #expect(e6.line == 2)
    #expect(error("{\"publisher\": {}}", .ocds, ext: "json")?.message.contains("no \"releases\"") == true)
  }

  @Test func dotEscapesEverything() throws {
    let d = try DatasetIO.load(Paths.fixtures + "/hostile").dataset
    let dot = DOTWriter.write(d)
    #expect(DOTWriter.quote("a\"b\\N\nc") == "\"a\\\"b\\\\N\\nc\"")
    #expect(!dot.contains("<script>\"") && dot.hasPrefix("digraph "))
    // Graphviz's own parser accepts it and keeps every name.
    let path = Paths.temporaryFolder() + "/g.dot"
    try dot.write(toFile: path, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["dot", "-Tcanon", path]
    let out = Pipe()
    p.standardOutput = out
    p.standardError = Pipe()
    try p.run()
    let canon = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    #expect(
      canon.contains("kind=facility") || canon.contains("kind=\"facility\"") || canon.contains("label="))
  }
}
