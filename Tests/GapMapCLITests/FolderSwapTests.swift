import Foundation
import Testing

/// Folders written whole (issue 18, items 8 and 9): `convert X folder/` and `report` swap a
/// complete folder in, under a lock, so kills and concurrent writers never leave a mix of two
/// datasets or no folder at all, and the next run cleans what a killed one left.
extension CLITests {
  static func start(_ args: [String]) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: root)
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
  }

  static func datasetFiles(_ folder: String) -> [String: Data] {
    var out: [String: Data] = [:]
    for f in ["entities.csv", "relations.csv", "sources.csv", "dataset.json"] {
      out[f] = FileManager.default.contents(atPath: folder + "/" + f)
    }
    return out
  }

  static func leftovers(_ parent: String, _ name: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).filter {
      $0.hasPrefix(".\(name).")
    }
  }

  @Test func convertToAFolderIsAtomicUnderKillsAndConcurrentWriters() throws {
    let base = Self.temp()
    let sources = [Self.bundled, Self.fixtures + "/hostile"]
    var expected: [[String: Data]] = []
    for (i, s) in sources.enumerated() {
      #expect(try Self.run(["convert", s, base + "/ref\(i)"]).status == 0)
      expected.append(Self.datasetFiles(base + "/ref\(i)"))
    }
    let target = base + "/out"
    func consistent() -> Bool {
      !FileManager.default.fileExists(atPath: target) || expected.contains(Self.datasetFiles(target))
    }
    // Kills at random moments.
    var rng = SystemRandomNumberGenerator()
    for i in 0..<30 {
      let p = try Self.start(["convert", sources[i % 2], target])
      usleep(UInt32.random(in: 0...150_000, using: &rng))
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      #expect(consistent(), "after kill \(i): a mix of two datasets")
    }
    // Concurrent writers.
    for round in 0..<3 {
      let ps = try (0..<4).map { try Self.start(["convert", sources[$0 % 2], target]) }
      for p in ps { p.waitUntilExit() }
      #expect(ps.allSatisfy { $0.terminationStatus == 0 }, "round \(round)")
      #expect(expected.contains(Self.datasetFiles(target)), "round \(round): a mix of two datasets")
    }
    #expect(Self.leftovers(base, "out").isEmpty, "\(Self.leftovers(base, "out"))")
    // A folder holding other files is not replaced.
    try "mine".write(toFile: target + "/notes.txt", atomically: true, encoding: .utf8)
    let refused = try Self.run(["convert", sources[0], target])
    #expect(refused.status == 1 && refused.stderr.contains("refusing to replace"), "\(refused.stderr)")
  }

  @Test func reportFolderSwapIsLockedAndRecoversWhatAKilledRunLeft() throws {
    let base = Self.temp()
    let target = base + "/r"
    // Four concurrent reports of two dates into one folder: all succeed, the result is whole.
    for round in 0..<2 {
      let ps = try (0..<4).map {
        try Self.start([
          "report", Self.fixtures + "/hostile", "--at", $0 % 2 == 0 ? "2020" : "2021", "-o", target,
        ])
      }
      for p in ps { p.waitUntilExit() }
      #expect(ps.allSatisfy { $0.terminationStatus == 0 }, "round \(round)")
      let html = try String(contentsOfFile: target + "/index.html", encoding: .utf8)
      let md = try String(contentsOfFile: target + "/report.md", encoding: .utf8)
      let year = html.contains("as of <strong>2021</strong>") ? "2021" : "2020"
      #expect(md.contains("as of **\(year)**"), "round \(round): index.html and report.md of different runs")
    }
    #expect(Self.leftovers(base, "r").isEmpty)
    // A run killed between moving the old report aside and moving the new one in: no report,
    // the old one aside, a half-written staging folder. The next run recovers and cleans.
    try FileManager.default.moveItem(atPath: target, toPath: base + "/.r.old-1-1")
    try FileManager.default.createDirectory(
      atPath: base + "/.r.tmp-2-2/figures", withIntermediateDirectories: true)
    let again = try Self.run(["report", Self.fixtures + "/hostile", "--at", "2020", "-o", target])
    #expect(again.status == 0, "\(again.stderr)")
    #expect(FileManager.default.fileExists(atPath: target + "/index.html"))
    #expect(Self.leftovers(base, "r").isEmpty, "\(Self.leftovers(base, "r"))")
  }
}
