import Foundation
import Testing

/// `gapmap gaps` and `gapmap chains` end to end on the bundled dataset.
extension CLITests {
  @Test func gapsJSONValidatesAgainstTheShippedSchema() throws {
    let dir = Self.temp()
    let out = dir + "/gaps.json"
    let r = try Self.run([
      "gaps", "datasets/border-outsourcing", "--sensitivity", "--draws", "200", "--format", "json", "-o", out,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = [
      "python3", "-c",
      """
      import json, sys, jsonschema
      schema = json.load(open(sys.argv[1])); data = json.load(open(sys.argv[2]))
      jsonschema.Draft202012Validator.check_schema(schema)
      jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
      assert len(data["facilities"]) > 10
      """,
      Self.root + "/docs/gaps.schema.json", out,
    ]
    try check.run()
    check.waitUntilExit()
    #expect(check.terminationStatus == 0)
  }

  @Test func gapsTablePrintsHonestIntervals() throws {
    let r = try Self.run(["gaps", "datasets/border-outsourcing", "--format", "table"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("insufficient evidence"))
    #expect(r.stdout.contains("dilley-stfrc"))
    #expect(r.stdout.contains("κ"))
    #expect(r.stdout.contains("not companies"))
    let csv = try Self.run(["gaps", "datasets/border-outsourcing", "--format", "csv"])
    #expect(csv.stdout.hasPrefix("id,name,gap_low,gap_high,known_share"))
  }

  @Test func gapsRejectsBadWeightsAndFacilities() throws {
    let dir = Self.temp()
    try "oversight: 0.5\nremedy: lots\n".write(toFile: dir + "/w.yaml", atomically: true, encoding: .utf8)
    let bad = try Self.run(["gaps", "datasets/border-outsourcing", "--weights", dir + "/w.yaml"])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("w.yaml:2: remedy"))
    try "oversight: 1\nremedie: 1\n".write(toFile: dir + "/u.yaml", atomically: true, encoding: .utf8)
    let unknown = try Self.run(["gaps", "datasets/border-outsourcing", "--weights", dir + "/u.yaml"])
    #expect(unknown.status == 1 && unknown.stderr.contains("u.yaml:2: unknown component \"remedie\""))
    try "{\"oversight\": 1, \"remedy\": 1}".write(toFile: dir + "/w.json", atomically: true, encoding: .utf8)
    let good = try Self.run([
      "gaps", "datasets/border-outsourcing", "--weights", dir + "/w.json", "--format", "json",
    ])
    #expect(good.status == 0 && good.stdout.contains("\"weights_preset\": \"\(dir)/w.json\""))
    let none = try Self.run(["gaps", "datasets/border-outsourcing", "--facility", "nowhere"])
    #expect(none.status == 1 && none.stderr.contains("no entity \"nowhere\""))
    let notFacility = try Self.run(["gaps", "datasets/border-outsourcing", "--facility", "serco"])
    #expect(notFacility.status == 1 && notFacility.stderr.contains("not a facility"))
  }

  @Test func chainsShowsPassThroughDominatorsAndSources() throws {
    let r = try Self.run([
      "chains", "datasets/border-outsourcing", "--facility", "dilley-stfrc", "--at", "2020",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("us-ice —[contracts bo055]→ us-city-dilley —[subcontracts bo056]→ corecivic"))
    #expect(r.stdout.contains("pass-through intermediaries: us-city-dilley"))
    #expect(
      r.stdout.contains("single points of accountability: us-dhs → us-ice → us-city-dilley → corecivic"))
    #expect(r.stdout.contains("southeast-missourian-2018"))
    let json = try Self.run([
      "chains", "datasets/border-outsourcing", "--facility", "dilley-stfrc", "--format", "json",
    ])
    let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(parsed?["facility"] as? String == "dilley-stfrc")
  }

  @Test func renderStyleFileAndGapColours() throws {
    let dir = Self.temp()
    try "nodes:\n  facility: {shape: cylinder, fill: \"#882255\"}\n".write(
      toFile: dir + "/style.yaml", atomically: true, encoding: .utf8)
    let ok = try Self.run([
      "render", "datasets/border-outsourcing", "--style", dir + "/style.yaml", "-o", dir + "/a.svg",
    ])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(try String(contentsOfFile: dir + "/a.svg", encoding: .utf8).contains("#882255"))
    try "nodes:\n  facility: {shape: epsf}\n".write(
      toFile: dir + "/bad.yaml", atomically: true, encoding: .utf8)
    let bad = try Self.run([
      "render", "datasets/border-outsourcing", "--style", dir + "/bad.yaml", "-o", dir + "/b.svg",
    ])
    #expect(bad.status == 1)
    #expect(bad.stderr.contains("bad.yaml:2: nodes.facility.shape"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/b.svg"))
    let gap = try Self.run([
      "render", "datasets/border-outsourcing", "--color-by", "gap", "--at", "2016", "--facility", "manus-rpc",
      "-o", dir + "/g.svg",
    ])
    #expect(gap.status == 0, "\(gap.stderr)")
    let svg = try String(contentsOfFile: dir + "/g.svg", encoding: .utf8)
    #expect(svg.contains("outline: high bound") && svg.contains("as of 2016"))
  }
}
