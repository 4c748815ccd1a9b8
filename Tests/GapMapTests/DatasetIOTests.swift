import Foundation
import GapMapIO
import GapMapMetrics
import GapMapModel
import Testing

@Suite struct DatasetIOTests {
  @Test func bundledDatasetIsValidUnderStrict() throws {
    let loaded = try DatasetIO.load(Paths.bundled)
    #expect(loaded.diagnostics.isEmpty)
    #expect(Validator.validate(loaded.dataset).isEmpty)
    // 151 from the raw table, 15 metric enrichments, and the research fragments (build/research).
    #expect(loaded.dataset.relations.count > 166)
    #expect(loaded.dataset.relations.allSatisfy { !$0.sources.isEmpty })
  }

  /// folder → JSON → folder → JSON gives the same bytes, and the folder comes back as it was.
  @Test func folderJSONRoundTripIsByteIdentical() throws {
    let dir = Paths.temporaryFolder()
    let first = try DatasetIO.load(Paths.bundled).dataset
    try DatasetIO.write(first, to: dir + "/a.json")
    let fromJSON = try DatasetIO.load(dir + "/a.json")
    #expect(fromJSON.diagnostics.isEmpty)
    try DatasetIO.write(fromJSON.dataset, to: dir + "/folder")
    try DatasetIO.write(try DatasetIO.load(dir + "/folder").dataset, to: dir + "/b.json")
    let a = try Files.read(dir + "/a.json")
    let b = try Files.read(dir + "/b.json")
    #expect(a == b)
    for file in ["entities.csv", "relations.csv", "sources.csv", "dataset.json"] {
      #expect(try Files.read(dir + "/folder/" + file) == Files.read(Paths.bundled + "/" + file), "\(file)")
    }
  }

  @Test func unknownColumnsAndStatesSurvive() throws {
    let dir = Paths.temporaryFolder()
    try Files.writeAtomically(
      "id,name,kind,capacity,favourite_colour\nc1,\"Centre, North\",facility,undisclosed,blue\nho,HO,agency,n/a,\n",
      to: dir + "/entities.csv")
    try Files.writeAtomically(
      "source,target,kind,value,currency,disclosure,facilities,extra\nho,c1,funds,12.5,EUR,value=yes;terms=undisclosed,undisclosed,x\n",
      to: dir + "/relations.csv")
    let d = try DatasetIO.load(dir).dataset
    #expect(d.entities[0].capacity == .undisclosed && d.entities[1].capacity == .notApplicable)
    #expect(d.entities[0].attributes == ["favourite_colour": "blue"])
    #expect(d.relations[0].facilities == .undisclosed)
    #expect(d.relations[0].disclosure["terms"] == .undisclosed)
    let json = DatasetIO.gapmapJSON(d)
    #expect(json.contains(#""favourite_colour": "blue""#))
    #expect(json.contains(#""value": 12.5"#))
    #expect(json.contains(#""disclosure": {"#))
    try DatasetIO.write(d, to: dir + "/out")
    let back = try DatasetIO.load(dir + "/out").dataset
    #expect(DatasetIO.gapmapJSON(back) == json)
    #expect(
      back.entities
        == d.entities.map {
          var e = $0; e.line = e.line; return e
        })
  }

  /// Regression (issue 16, bug 1): `country=NA` passed `validate --strict` and `convert` wrote
  /// `"country": "n/a"`. Namibia stays Namibia, through JSON and back.
  @Test func namibiaIsACountryNotNotApplicable() throws {
    let dir = Paths.temporaryFolder()
    try Files.writeAtomically(
      "id,name,kind,country\nnamibia,Namibia,state,NA\nx,X,agency,n/a\ny,Y,agency,na\n",
      to: dir + "/entities.csv")
    try Files.writeAtomically("source,target,kind\nnamibia,x,delegates\n", to: dir + "/relations.csv")
    let loaded = try DatasetIO.load(dir)
    let d = loaded.dataset
    #expect(d.entities[0].country == .known("NA"))
    #expect(d.entities[1].country == .notApplicable)
    // A bare lower-case `na` is no country code: an error, not a silent n/a.
    #expect((loaded.diagnostics + Validator.validate(d)).contains { $0.severity == .error && $0.line == 4 })
    let json = DatasetIO.gapmapJSON(d)
    #expect(json.contains(#""country": "NA""#))
    try Files.writeAtomically(json, to: dir + "/d.json")
    #expect(try DatasetIO.load(dir + "/d.json").dataset.entities[0].country == .known("NA"))
  }

  @Test func jsonErrorsNameTheLine() throws {
    let dir = Paths.temporaryFolder()
    try Files.writeAtomically(
      "{\"gapmap\": 1,\n \"entities\": [\n  {\"id\": \"a\", \"name\": \"A\", \"kind\": \"other\",\n   \"opened\": \"2019-02-30\"}]}\n",
      to: dir + "/d.json")
    let loaded = try DatasetIO.load(dir + "/d.json")
    #expect(
      loaded.diagnostics.map(\.description) == [
        dir + #"/d.json:4: opened: "2019-02-30" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"#
      ])
    try Files.writeAtomically("{\"vertices\": []}", to: dir + "/n.json")
    #expect(throws: IOError.self) { try DatasetIO.load(dir + "/n.json") }
    try Files.writeAtomically("{\"nodes\": []}", to: dir + "/nl.json")
    #expect(try DatasetIO.load(dir + "/nl.json").format == .nodeLink)
    try Files.writeAtomically("{\"gapmap\": 2}", to: dir + "/v.json")
    #expect(throws: IOError.self) { try DatasetIO.load(dir + "/v.json") }
  }

  @Test func edgeListBecomesADataset() throws {
    let dir = Paths.temporaryFolder()
    try Files.writeAtomically("source,target,weight\na,b,2\nb,c,3\n", to: dir + "/e.csv")
    let loaded = try DatasetIO.load(dir + "/e.csv")
    #expect(loaded.format == .edgelist)
    #expect(loaded.dataset.entities.map(\.kind) == [.other, .other, .other])
    #expect(loaded.dataset.relations.map(\.attributes) == [["weight": "2"], ["weight": "3"]])
    try DatasetIO.write(loaded.dataset, to: dir + "/back.csv")
    #expect(
      try String(decoding: Files.read(dir + "/back.csv"), as: UTF8.self)
        == "source,target,weight\na,b,2\nb,c,3\n")
  }

  @Test func formatDetection() {
    #expect(DatasetFormat.detect(path: Paths.bundled) == .folder)
    #expect(DatasetFormat.detect(path: "x.json") == .json)
    #expect(DatasetFormat.detect(path: "x.tsv") == .edgelist)
    #expect(DatasetFormat.detect(path: "-", head: Array("  {\"gapmap\"".utf8)) == .json)
    #expect(DatasetFormat.detect(path: "-", head: Array("a b\n".utf8)) == .edgelist)
    #expect(DatasetFormat.forOutput(path: "out/folder") == .folder)
    #expect(DatasetFormat.forOutput(path: "x.graphml") == .graphml)
    #expect(DatasetFormat.forOutput(path: "x.xyz") == nil)
  }

  @Test func atomicWriteLeavesNothingOnFailure() throws {
    let dir = Paths.temporaryFolder()
    #expect(throws: IOError.self) { try Files.writeAtomically("x", to: dir + "/missing/sub/file.csv") }
    try Files.writeAtomically("old", to: dir + "/f.txt")
    try Files.writeAtomically("new", to: dir + "/f.txt")
    #expect(try Files.read(dir + "/f.txt") == Array("new".utf8))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["f.txt"])
  }
}

@Suite struct FilterAndSummaryTests {
  func dataset() throws -> Dataset { try DatasetIO.load(Paths.bundled).dataset }

  @Test func filtersByDateEvidenceAndKind() throws {
    let d = try dataset()
    let all = AnalysisFilter().apply(to: d)
    #expect(all.relations.count == d.relations.count)  // nothing alleged in the bundled data
    let confirmed = AnalysisFilter(evidence: .confirmed).apply(to: d)
    #expect(confirmed.relations.allSatisfy { $0.evidence == .confirmed })
    #expect(confirmed.relations.count == d.relations.filter { $0.evidence == .confirmed }.count)
    #expect(confirmed.relations.count < d.relations.count)
    let y2010 = AnalysisFilter(at: PartialDate("2010")).apply(to: d)
    // G4S ran Brook House until 2020-05 (start unknown): possibly valid in 2010, kept.
    #expect(y2010.relations.contains { $0.source == "g4s" && $0.target == "brook-house" })
    // Serco's Brook House operation starts 2020-05: not in 2010.
    #expect(!y2010.relations.contains { $0.source == "serco" && $0.target == "brook-house" })
    let facilities = AnalysisFilter(relationKinds: [.operates], entityKinds: [.company, .facility]).apply(
      to: d)
    #expect(facilities.entities.allSatisfy { $0.kind == .company || $0.kind == .facility })
    #expect(facilities.relations.allSatisfy { $0.kind == .operates })
    let byCompanies = d.relations.filter { r in
      r.kind == .operates && d.entities.first { $0.id == r.source }?.kind == .company
    }
    #expect(facilities.relations.count == byCompanies.count)  // operations by agencies dropped
    #expect(byCompanies.count < d.relations.filter { $0.kind == .operates }.count)
  }

  @Test func summaryCountsTheBundledDataset() throws {
    let d = try dataset()
    let s = DatasetSummary(d)
    #expect(
      s.entities == d.entities.count && s.relations == d.relations.count && s.sources == d.sources.count)
    #expect(s.sourcedRelations == s.relations)  // every relation cited
    #expect(
      s.entityKinds.first
        == DatasetSummary.Count(name: "state", count: d.entities.filter { $0.kind == .state }.count))
    #expect(
      s.relationKinds.first { $0.name == "contracts" }?.count
        == d.relations.filter { $0.kind == .contracts }.count)
    #expect(s.components >= 1 && s.largestComponent > s.entities / 2)
    #expect(s.earliest == "1986" && s.latest.map { $0 >= "2030" } == true)
    #expect(s.countries.last?.country == "unknown")
    #expect(s.countries.reduce(0) { $0 + $1.entities } == s.entities)
  }

  @Test func plainGraphSummaryMatchesTheDatasetPath() throws {
    let path = Paths.fixtures + "/reference/random-directed.csv"
    let edges = try EdgeListReader.read(path: path)
    // An edge list without a `# Directed graph` comment is undirected, as a graph and as a dataset.
    let dataset = try DatasetIO.load(path).dataset
    #expect(DatasetSummary(plainGraph: edges.graph(directed: false)) == DatasetSummary(dataset))
    #expect(
      DatasetSummary(plainGraph: edges.graph(directed: true)) == DatasetSummary(dataset, directed: true))
  }
}
