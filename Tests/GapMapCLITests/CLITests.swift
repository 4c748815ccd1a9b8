import Foundation
import Testing

/// End-to-end tests of the real `gapmap` binary: exit codes, messages, files.
@Suite struct CLITests {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let bundled = root + "/datasets/border-outsourcing"
  static let fixtures = root + "/Tests/GapMapTests/Fixtures"

  /// The binary built next to the test bundle.
  static let binary: String = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let candidates = [
      here.appendingPathComponent("gapmap").path,
      here.deletingLastPathComponent().appendingPathComponent("gapmap").path,
      root + "/.build/debug/gapmap",
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[2]
  }()

  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  static func run(_ args: [String], stdin: String? = nil) throws -> Result {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: binary)
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: root)
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let input = Pipe()
    p.standardInput = input
    try p.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return Result(
      status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
      stderr: String(decoding: e, as: UTF8.self))
  }

  static func temp() -> String {
    let path = NSTemporaryDirectory() + "gapmap-cli-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  @Test func validateStrictAcceptsTheBundledDataset() throws {
    let r = try Self.run(["validate", "--strict", "datasets/border-outsourcing"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "datasets/border-outsourcing: valid (139 entities, 151 relations, 101 sources)\n")
    #expect(r.stderr == "")
  }

  /// The issue's acceptance case: a duplicate id, a bad date, a dangling entity reference and a
  /// missing required column each get one precise message, and the exit code is 1.
  @Test func validateReportsEachProblemPrecisely() throws {
    let r = try Self.run(["validate", Self.fixtures + "/bad-dataset"])
    #expect(r.status == 1)
    let dir = Self.fixtures + "/bad-dataset/"
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(
      lines == [
        dir + #"entities.csv:4: id: duplicate id "acme" (first defined on line 3)"#,
        dir + #"relations.csv:2: start: "2019-13" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"#,
        dir + #"relations.csv:3: target: unknown entity "nobody""#,
        dir
          + "sources.csv:1: title: missing required column (hint: the header must name the columns id, title)",
        Self.fixtures
          + "/bad-dataset: invalid: 4 error(s), 0 warning(s) (4 entities, 3 relations, 1 sources)",
      ])
  }

  @Test func strictTurnsWarningsIntoFailure() throws {
    let dir = Self.temp()
    try "id,name,kind\na,A,other\nb,B,other\n".write(
      toFile: dir + "/entities.csv", atomically: true, encoding: .utf8)
    try "source,target,kind\na,b,link\n".write(
      toFile: dir + "/relations.csv", atomically: true, encoding: .utf8)
    try "id,title\n".write(toFile: dir + "/sources.csv", atomically: true, encoding: .utf8)
    let lax = try Self.run(["validate", dir])
    #expect(lax.status == 0)
    #expect(lax.stderr.contains("relations.csv:2: sources: warning: relation r1 cites no source"))
    let strict = try Self.run(["validate", "--strict", dir])
    #expect(strict.status == 1)
  }

  @Test func summaryTableAndJSON() throws {
    let t = try Self.run(["summary", "datasets/border-outsourcing"])
    #expect(t.status == 0)
    #expect(t.stdout.contains("relations citing a source   151 of 151 (100.0%)"))
    #expect(t.stdout.contains("weak components             13 (largest 102, isolated 0)"))
    let j = try Self.run(["summary", "datasets/border-outsourcing", "--format", "json", "--at", "2012"])
    #expect(j.status == 0)
    let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
    #expect(obj["entities"] as? Int == 139)
    #expect((obj["relations"] as? Int).map { $0 < 151 } == true)
    #expect(obj["countries"] is [Any])
  }

  @Test func summaryRefusesAnInvalidDataset() throws {
    let r = try Self.run(["summary", Self.fixtures + "/bad-dataset"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("run `gapmap validate"))
    #expect(r.stdout == "")
  }

  @Test func convertRoundTripsByteIdentically() throws {
    let dir = Self.temp()
    #expect(try Self.run(["convert", "datasets/border-outsourcing", dir + "/a.json"]).status == 0)
    #expect(try Self.run(["convert", dir + "/a.json", dir + "/folder"]).status == 0)
    #expect(try Self.run(["convert", dir + "/folder", dir + "/b.json"]).status == 0)
    let a = try Data(contentsOf: URL(fileURLWithPath: dir + "/a.json"))
    let b = try Data(contentsOf: URL(fileURLWithPath: dir + "/b.json"))
    #expect(a == b && !a.isEmpty)
  }

  @Test func convertReadsStandardInputAndWritesEdgeLists() throws {
    let dir = Self.temp()
    let r = try Self.run(["convert", "-", dir + "/g.json"], stdin: "# comment\n1 2\n2 3\n")
    #expect(r.status == 0, "\(r.stderr)")
    let back = try Self.run(["convert", dir + "/g.json", "-", "--to", "edgelist"])
    #expect(back.stdout == "source,target\n1,2\n2,3\n")
    #expect(back.stderr == "")  // converted from an edge list: nothing dropped
    let lossy = try Self.run(["convert", "datasets/border-outsourcing", dir + "/e.csv"])
    #expect(lossy.status == 0)
    #expect(
      lossy.stderr.contains(
        "keeps source, target and weight only: entity names, kinds and attributes are dropped"))
  }

  @Test func exitCodes() throws {
    #expect(try Self.run(["summary"]).status == 2)  // usage: missing argument
    #expect(try Self.run(["summary", "x", "--evidence", "certain"]).status == 2)
    let missing = try Self.run(["summary", "/nonexistent/data.csv"])
    #expect(missing.status == 1 && missing.stderr.hasPrefix("/nonexistent/data.csv: cannot open"))
    let unwritable = try Self.run(["convert", "datasets/border-outsourcing", "/nonexistent/dir/out.json"])
    #expect(unwritable.status == 3 && unwritable.stderr.contains("cannot write"))
    #expect(!FileManager.default.fileExists(atPath: "/nonexistent/dir/out.json"))
    let bad = try Self.run(["summary", "-", "--at", "2019-13"], stdin: "a b\n")
    #expect(bad.status == 2)
  }

  @Test func versionAndCompletions() throws {
    #expect(try Self.run(["--version"]).stdout == "0.1.0\n")
    let c = try Self.run(["--generate-completion-script", "bash"])
    #expect(c.status == 0 && c.stdout.contains("_gapmap"))
  }
}
