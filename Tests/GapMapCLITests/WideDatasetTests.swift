import Foundation
import Testing

/// Writers keep memory linear in the data (issue 18, item 11): 10,000 entities with one
/// distinct free attribute each are 10,000 cells, not a 10,000 × 10,000 table (4 GB before).
extension CLITests {
  @Test func writersStayLinearOnManyDistinctAttributes() throws {
    let dir = Self.temp()
    let n = 10_000
    var json = #"{"gapmap": 1, "dataset": {"title": "wide", "as_of": "2020"}, "entities": ["#
    json += (0..<n).map { #"{"id": "e\#($0)", "name": "E\#($0)", "kind": "company", "attr\#($0)": "v"}"# }
      .joined(separator: ",")
    json += #"], "relations": ["#
    json += (1..<n).map {
      #"{"id": "r\#($0)", "source": "e\#($0 - 1)", "target": "e\#($0)", "kind": "subcontracts"}"#
    }
    .joined(separator: ",")
    json += "]}\n"
    try json.write(toFile: dir + "/wide.json", atomically: true, encoding: .utf8)
    // Under a 1.5 GB address-space limit (the dense table needed 2.4–4 GB).
    for command in [
      "convert wide.json folder", "convert wide.json g.graphml", "convert wide.json g.gexf",
      "report wide.json -o report --memory-limit 0",
    ] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/bin/sh")
      p.arguments = ["-c", "ulimit -v 1500000 && cd '\(dir)' && exec '\(Self.binary)' \(command)"]
      p.standardError = FileHandle.nullDevice
      try p.run()
      p.waitUntilExit()
      #expect(p.terminationStatus == 0, "\(command)")
    }
    let header = try String(contentsOfFile: dir + "/folder/entities.csv", encoding: .utf8).prefix {
      $0 != "\n"
    }
    #expect(header.split(separator: ",").count == 3 + n)
  }
}

extension CLITests {
  /// The reading side of item 11: a dataset folder whose entities.csv is mostly empty cells
  /// (4,000 entities, each with its own attribute column) is read keeping only the cells it
  /// has (1.1 GB before for this size, 6.9 GB at 10,000).
  @Test func readingAWideFolderKeepsOnlyItsCells() throws {
    let dir = Self.temp() + "/wide"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let n = 4_000
    var csv = "id,name,kind," + (0..<n).map { "attr\($0)" }.joined(separator: ",") + "\n"
    for i in 0..<n {
      csv +=
        "e\(i),E\(i),company" + String(repeating: ",", count: i + 1) + "v"
        + String(repeating: ",", count: n - 1 - i) + "\n"
    }
    try csv.write(toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try "id,source,target,kind\n".write(toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "ulimit -v 1000000 && exec '\(Self.binary)' convert '\(dir)' '\(dir).json'"]
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let json = try String(contentsOfFile: dir + ".json", encoding: .utf8)
    #expect(json.contains("\"attr3999\": \"v\""))
  }
}
