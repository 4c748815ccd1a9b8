import Foundation
import Testing

/// Faults: a full disk, a read-only folder, a crashed Graphviz worker, a batch killed mid-way.
/// The disk tests mount small tmpfs file systems, so they need root (CI runs as root).
@Suite(.serialized, .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
struct FaultCLITests {
  typealias C = CLITests

  static func mount(_ options: String) throws -> String {
    let dir = C.temp() + "/mnt"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/mount")
    p.arguments = ["-t", "tmpfs", "-o", options, "tmpfs", dir]
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "mount -o \(options) failed")
    return dir
  }

  static func unmount(_ dir: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/umount")
    p.arguments = [dir]
    try? p.run()
    p.waitUntilExit()
  }

  @Test func aFullDiskGivesAClearErrorAndNoPartialFile() throws {
    let dir = try Self.mount("size=64k")
    defer { Self.unmount(dir) }
    let json = try C.run(["convert", "datasets/border-outsourcing", dir + "/big.json"])
    #expect(json.status == 3, "\(json.stderr)")
    #expect(json.stderr.contains("big.json: cannot write: No space left on device"))
    let report = try C.run(["report", "datasets/border-outsourcing", "-o", dir + "/report"])
    #expect(report.status == 3, "\(report.stderr)")
    #expect(report.stderr.contains("No space left on device"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }

  @Test func aReadOnlyFolderGivesAClearError() throws {
    let dir = try Self.mount("ro,size=64k")
    defer { Self.unmount(dir) }
    let r = try C.run([
      "render", "datasets/border-outsourcing", "--facility", "yarls-wood", "-o", dir + "/x.svg",
    ])
    #expect(r.status == 3)
    #expect(r.stderr.contains("x.svg: cannot write: Read-only file system"), "\(r.stderr)")
    let g = try C.run(["gaps", "datasets/border-outsourcing", "--format", "csv", "-o", dir + "/g.csv"])
    #expect(g.status == 3 && g.stderr.contains("Read-only file system"))
  }

  @Test func aCrashedGraphvizWorkerFailsOnlyItsJob() throws {
    let dir = C.temp()
    try """
    jobs:
      - name: picture
        run: render
        dataset: \(C.bundled)
        output: out/x.svg
      - name: table
        run: gaps
        dataset: \(C.bundled)
        format: csv
        output: out/g.csv
    """.write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
    setenv("GAPMAP_FAULT", "abort-in-render", 1)
    defer { unsetenv("GAPMAP_FAULT") }
    let r = try C.run(["batch", dir + "/b.yaml"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("aborted (signal 6, SIGABRT)"), "\(r.stderr)")
    #expect(r.stderr.contains("failed: picture"))
    #expect(FileManager.default.fileExists(atPath: dir + "/out/g.csv"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/x.svg"))
  }

  @Test func aBatchKilledMidwayRecoversWithResume() throws {
    let dir = C.temp()
    var jobs = "jobs:\n"
    for y in 2010...2021 {
      jobs +=
        "  - name: r\(y)\n    run: report\n    dataset: \(C.bundled)\n    at: \(y)\n    output: out/r\(y)\n"
    }
    try jobs.write(toFile: dir + "/b.yaml", atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: C.binary)
    p.arguments = ["batch", dir + "/b.yaml", "--jobs", "1", "--quiet"]
    p.standardError = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    // Kill the batch once a few reports exist.
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline {
      let done =
        (try? FileManager.default.contentsOfDirectory(atPath: dir + "/out"))?.filter { $0.hasPrefix("r") }
        ?? []
      if done.count >= 3 { break }
      Thread.sleep(forTimeInterval: 0.05)
    }
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    Thread.sleep(forTimeInterval: 1)  // let an orphaned job finish or fail
    let before =
      (try? FileManager.default.contentsOfDirectory(atPath: dir + "/out"))?.filter { $0.hasPrefix("r") } ?? []
    #expect(before.count < 12, "the batch finished before it was killed")
    let r = try C.run(["batch", dir + "/b.yaml", "--resume", "--jobs", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    let summary = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json")))
    let statuses = ((summary as? [String: Any])?["jobs"] as? [[String: Any]] ?? []).compactMap {
      $0["status"] as? String
    }
    #expect(statuses.filter { $0 == "skipped" }.count >= 3)
    #expect(statuses.allSatisfy { $0 == "ok" || $0 == "skipped" })
    let after = try FileManager.default.contentsOfDirectory(atPath: dir + "/out")
    #expect(after.filter { $0.hasPrefix("r") }.count == 12)
    #expect(after.filter { $0.hasPrefix(".") }.isEmpty, "\(after)")
    for y in 2010...2021 {
      #expect(FileManager.default.fileExists(atPath: dir + "/out/r\(y)/index.html"))
    }
  }

  @Test func renderLimitsRefuseHugeFigures() throws {
    let path = try RenderCLITests.randomGraph(nodes: 3000, edges: 4000)
    let r = try C.run(["render", path, "--full", "--max-nodes", "1000", "-o", C.temp() + "/x.svg"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("above --max-nodes 1000"))
  }
}

/// Limits: streaming an edge list keeps memory proportional to the graph, not the file.
@Suite struct StreamingMemoryTests {
  @Test func aMillionEdgeListStaysBounded() throws {
    let path = CLITests.temp() + "/big.csv"
    var text = "source,target\n"
    text.reserveCapacity(16_000_000)
    var state: UInt64 = 1
    for i in 1..<200_001 {
      for _ in 0..<5 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += "node\(i),node\(Int(state >> 33) % i)\n"
      }
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    p.arguments = ["-f", "PEAK_KB %M", CLITests.binary, "summary", path]
    let err = Pipe()
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(e)")
    let kb =
      e.split(separator: "\n").compactMap { $0.hasPrefix("PEAK_KB ") ? Int($0.dropFirst(8)) : nil }.first
      ?? .max
    // 10^6 edges, 200,000 names: the arrays are ~60 MB; the 17 MB file is never held as text.
    #expect(kb < 200_000, "peak \(kb) KB")
  }
}
