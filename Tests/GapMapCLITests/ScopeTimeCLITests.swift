import Foundation
import Testing

/// Issue 13 end to end: strict validation of expected fields, `render --facility --at`,
/// `summary --coverage`, `--no-inference`, and chains that stay in their own state.
extension CLITests {
  /// A small dataset folder: an operator superseded in 2015, an oversees row without powers.
  static func smallDataset(powers: String = "") throws -> String {
    let dir = temp() + "/small"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try """
    id,name,kind,country,facility_type
    gb,United Kingdom,state,GB,
    home,Home Office,agency,GB,
    old-op,Old Operator,company,GB,
    new-op,New Operator,company,GB,
    hmip,Inspectorate,oversight,GB,
    f,Some Centre,facility,GB,removal_centre

    """.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try """
    id,source,target,kind,function,facilities,start,powers,sources
    r1,gb,home,delegates,,,,,s1
    r2,home,old-op,contracts,detention_operation,f,2010,,s1
    r3,home,new-op,contracts,detention_operation,f,2015,,s1
    r4,old-op,f,operates,detention_operation,,2010,,s1
    r5,new-op,f,operates,detention_operation,,2015,,s1
    r6,hmip,f,oversees,,,,\(powers),s1

    """.write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title\ns1,A source\n".write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func strictValidationRequiresPowersOnOversees() throws {
    let bare = try Self.smallDataset()
    let r = try Self.run(["validate", "--strict", bare])
    #expect(r.status == 1)
    #expect(r.stderr.contains("relations.csv:7: powers: warning: oversees relation r6 without powers"))
    let filled = try Self.smallDataset(powers: "access=yes;publishes=yes")
    #expect(try Self.run(["validate", "--strict", filled]).status == 0)
  }

  @Test func renderFacilityHonoursAt() throws {
    let d = try Self.smallDataset(powers: "access=yes")
    let dir = Self.temp()
    for (year, present, absent) in [("2012", "old-op", "new-op"), ("2020", "new-op", "old-op")] {
      let out = dir + "/f-\(year).svg"
      let r = try Self.run(["render", d, "--facility", "f", "--at", year, "-o", out])
      #expect(r.status == 0, "\(r.stderr)")
      let svg = try String(contentsOfFile: out, encoding: .utf8)
      #expect(svg.contains("data-id=\"\(present)\""))
      #expect(!svg.contains("data-id=\"\(absent)\""), "\(year): \(absent) drawn")
      #expect(svg.contains("as of \(year)"))
    }
  }

  @Test func summaryCoverageCountsExpectedFields() throws {
    let d = try Self.smallDataset()
    let r = try Self.run(["summary", d, "--coverage", "--format", "csv"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("relation,oversees,powers,0,1,0.0,yes"))
    #expect(r.stdout.contains("relation,contracts,facilities,2,2,1.0,no"))
    let md = try Self.run(["summary", d, "--coverage", "--format", "markdown"])
    #expect(md.stdout.contains("| relation | oversees | powers * | 0/1 | 0.0% |"))
  }

  @Test func gapsNoInferenceKeepsTheSupersededOperator() throws {
    let d = try Self.smallDataset(powers: "access=yes")
    let dir = Self.temp()
    let with = try Self.run(["gaps", d, "--at", "2020", "--format", "json", "-o", dir + "/a.json"])
    #expect(with.status == 0)
    let without = try Self.run([
      "gaps", d, "--at", "2020", "--no-inference", "--format", "json", "-o", dir + "/b.json",
    ])
    #expect(without.status == 0)
    func operators(_ file: String) throws -> [String] {
      let obj = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
      let facilities = (obj as? [String: Any])?["facilities"] as? [[String: Any]]
      return ((facilities?.first?["chain"] as? [String: Any])?["operators"] as? [String]) ?? []
    }
    #expect(try operators(dir + "/a.json") == ["new-op"])
    #expect(Set(try operators(dir + "/b.json")) == ["old-op", "new-op"])
  }

  /// On the bundled dataset, no chain reaches a facility through an unscoped contract of
  /// another state.
  @Test func bundledChainsStayInTheirStates() throws {
    let dir = Self.temp()
    let r = try Self.run([
      "gaps", "datasets/border-outsourcing", "--format", "json", "-o", dir + "/g.json",
    ])
    #expect(r.status == 0)
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = [
      "python3", "-c",
      """
      import json, sys, csv
      g = json.load(open(sys.argv[1]))
      rel = {r["id"]: r for r in csv.DictReader(open(sys.argv[2] + "/relations.csv"))}
      ent = {e["id"]: e for e in csv.DictReader(open(sys.argv[2] + "/entities.csv"))}
      bad = []
      for f in g["facilities"]:
          states = {ent[f["id"]]["country"]}
          for c in f["chain"]["claims"]:
              states.add(ent[c["duty_bearer"]]["country"])
          for l in f["chain"]["possible_links"]:
              src = ent[l["from"]]
              if src["kind"] in ("state", "agency") and src["country"] not in states:
                  bad.append((f["id"], l["relation"]))
      assert not bad, bad
      ci = next(f for f in g["facilities"] if f["id"] == "christmas-island-idc")
      assert "uk-home-office" not in ci["chain"]["span"] + ci["chain"]["duty_bearers"], ci["chain"]
      assert "externalised" not in ci["flags"] + ci["possible_flags"]
      """,
      dir + "/g.json", Self.root + "/datasets/border-outsourcing",
    ]
    try check.run()
    check.waitUntilExit()
    #expect(check.terminationStatus == 0)
  }
}

/// Issue 18, item 15: one long name cannot widen a figure past what a page or a bitmap holds.
extension CLITests {
  @Test func longNamesAreCutInFiguresAndWrapInHTML() throws {
    let dir = Self.temp() + "/long"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let long = String(repeating: "Averyveryverylongword", count: 150)  // 3,150 characters, no space
    try """
    id,name,kind,country
    home,Home Office,agency,GB
    op,\(long),company,GB
    f,Some Centre,facility,GB

    """.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try """
    id,source,target,kind,function,facilities,sources
    r1,home,op,contracts,detention_operation,f,s1
    r2,op,f,operates,detention_operation,,s1

    """.write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title\ns1,A source\n".write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    let out = Self.temp()
    let png = try Self.run(["render", dir, "-o", out + "/o.png"])
    #expect(png.status == 0, "\(png.stderr)")
    let svg = try Self.run(["render", dir, "-o", out + "/o.svg"])
    #expect(svg.status == 0)
    let text = try String(contentsOfFile: out + "/o.svg", encoding: .utf8)
    let width = try #require(
      text.firstMatch(of: #/viewBox="[0-9.]+ [0-9.]+ ([0-9.]+) /#).flatMap { Double($0.output.1) })
    #expect(width < 2_000, "a 3,150-character name made the figure \(width) pt wide")
    #expect(text.contains(String(long.prefix(60))))  // the whole name stays in the tooltip
    let report = try Self.run(["report", dir, "--at", "2020", "-o", out + "/report"])
    #expect(report.status == 0, "\(report.stderr)")
    let html = try String(contentsOfFile: out + "/report/index.html", encoding: .utf8)
    #expect(html.contains("overflow-wrap:anywhere"))
  }
}
