import Foundation
import Testing

/// `gapmap batch`: isolation, atomic outputs, resume, path safety.
extension CLITests {
  /// A folder with two small datasets and a manifest.
  static func batchFolder(_ manifest: String) throws -> String {
    let dir = temp()
    let fm = FileManager.default
    try fm.createDirectory(atPath: dir + "/data", withIntermediateDirectories: true)
    try fm.copyItem(atPath: fixtures + "/hostile", toPath: dir + "/data/one")
    try fm.copyItem(atPath: bundled, toPath: dir + "/data/two")
    try manifest.write(toFile: dir + "/batch.yaml", atomically: true, encoding: .utf8)
    return dir
  }

  @Test func batchIsolatesAFailingJobAndWritesNothingForIt() throws {
    let dir = try Self.batchFolder(
      """
      defaults: {format: csv}
      jobs:
        - name: sizes-{dataset}
          run: summary
          dataset: data/*/
          args: ["--format", "json"]
          output: out/{dataset}-summary.json
        - name: gaps-{at}
          run: gaps
          dataset: data/two
          at: [2012, 2020]
          output: out/gaps-{at}.csv
        - name: broken
          run: gaps
          dataset: data/two
          facility: nowhere
          output: out/broken.csv
        - name: picture
          run: render
          dataset: data/one
          output: out/one.svg
      """)
    let r = try Self.run(["batch", dir + "/batch.yaml", "--jobs", "2"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("1 job(s) failed: broken"))
    let fm = FileManager.default
    for f in ["one-summary.json", "two-summary.json", "gaps-2012.csv", "gaps-2020.csv", "one.svg"] {
      #expect(fm.fileExists(atPath: dir + "/out/" + f), "\(f)")
    }
    #expect(!fm.fileExists(atPath: dir + "/out/broken.csv"))
    let leftovers = try fm.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty, "\(leftovers)")
    let summary = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json")))
    let jobs = (summary as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
    #expect(jobs.count == 6)
    let broken = jobs.first { $0["name"] as? String == "broken" }
    #expect(broken?["status"] as? String == "failed")
    #expect((broken?["error"] as? String)?.contains("no entity \"nowhere\"") == true)
    #expect(jobs.filter { $0["status"] as? String == "ok" }.count == 5)
  }

  @Test func batchResumeRerunsOnlyWhatChanged() throws {
    let dir = try Self.batchFolder(
      """
      jobs:
        - name: gaps-{dataset}
          run: gaps
          dataset: [data/one, data/two]
          format: csv
          output: out/{dataset}.csv
      """)
    #expect(try Self.run(["batch", dir + "/batch.yaml"]).status == 0)
    Thread.sleep(forTimeInterval: 1.1)
    // Touch one dataset: only its job runs again.
    let rel = dir + "/data/one/relations.csv"
    let text = try String(contentsOfFile: rel, encoding: .utf8)
    try text.write(toFile: rel, atomically: true, encoding: .utf8)
    let r = try Self.run(["batch", dir + "/batch.yaml", "--resume"])
    #expect(r.status == 0, "\(r.stderr)")
    let summary = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json")))
    let jobs = (summary as? [String: Any])?["jobs"] as? [[String: Any]] ?? []
    let status = Dictionary(
      uniqueKeysWithValues: jobs.compactMap { j in
        (j["name"] as? String).map { ($0, j["status"] as? String ?? "") }
      })
    #expect(status == ["gaps-one": "ok", "gaps-two": "skipped"])
  }

  @Test func batchOutputsCannotEscapeTheRoot() throws {
    for (output, message) in [
      ("../escape.csv", "may not contain .."), ("/tmp/gapmap-escape.csv", "outside the output root"),
      ("link/x.csv", "outside the output root"),
    ] {
      let dir = try Self.batchFolder(
        """
        jobs:
          - name: x
            run: gaps
            dataset: data/two
            output: \(output)
        """)
      try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "/tmp")
      let r = try Self.run(["batch", dir + "/batch.yaml"])
      #expect(r.status == 1, "\(output)")
      #expect(r.stderr.contains("batch.yaml:5: jobs[0]: output") && r.stderr.contains(message), "\(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: "/tmp/gapmap-escape.csv"))
    }
    // Bad manifests are located.
    let dir = try Self.batchFolder("jobs:\n  - name: x\n    run: explode\n    dataset: data/two\n")
    let r = try Self.run(["batch", dir + "/batch.yaml"])
    #expect(r.status == 1 && r.stderr.contains("batch.yaml:3: jobs[0]: run: one of"))
  }

  @Test func batchTimeoutFailsOnlyThatJob() throws {
    let dir = try Self.batchFolder(
      """
      jobs:
        - name: slow
          run: render
          dataset: data/big.csv
          args: ["--engine", "dot", "--full"]
          timeout: 1
          output: out/slow.svg
        - name: fast
          run: gaps
          dataset: data/two
          format: csv
          output: out/fast.csv
      """)
    try FileManager.default.copyItem(
      atPath: try RenderCLITests.randomGraph(nodes: 5000, edges: 7500), toPath: dir + "/data/big.csv")
    let r = try Self.run(["batch", dir + "/batch.yaml", "--jobs", "2"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("failed: slow"))
    #expect(FileManager.default.fileExists(atPath: dir + "/out/fast.csv"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/slow.svg"))
  }
}

extension CLITests {
  /// Issue 18, item 5: every pipe and handle of a finished job is closed, so 2,000 jobs run
  /// under `ulimit -n 256` with a flat descriptor count (the script samples /proc/PID/fd).
  @Test func batchDescriptorsStayFlatOverTwoThousandJobs() throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = [Self.root + "/Tests/batch/descriptors_stay_flat.sh", Self.binary, "2000"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(text)")
  }
}

extension CLITests {
  /// Issue 18, item 13: outputs are compared as files, not strings (a symlinked folder into the
  /// output root is the same folder), and summary.json is reserved for the batch summary.
  @Test func batchOutputCollisionsAreFoundThroughSymlinksAndTheSummaryIsReserved() throws {
    let dir = try Self.batchFolder(
      """
      jobs:
        - name: direct
          run: gaps
          dataset: data/two
          format: csv
          output: out/g.csv
        - name: via-alias
          run: gaps
          dataset: data/two
          format: csv
          output: alias/g.csv
      """)
    try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: dir + "/alias", withDestinationPath: dir + "/out")
    let r = try Self.run(["batch", dir + "/batch.yaml"])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.contains("via-alias writes \(dir)/alias/g.csv, as direct does"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/g.csv"))

    // The same through a symlink to a folder that does not exist yet.
    try FileManager.default.createSymbolicLink(atPath: dir + "/later", withDestinationPath: "not-yet")
    try """
    jobs:
      - name: direct
        run: gaps
        dataset: data/two
        format: csv
        output: not-yet/g.csv
      - name: via-dangling
        run: gaps
        dataset: data/two
        format: csv
        output: later/g.csv
    """.write(toFile: dir + "/batch.yaml", atomically: true, encoding: .utf8)
    let dangling = try Self.run(["batch", dir + "/batch.yaml"])
    #expect(dangling.status == 1, "\(dangling.stderr)")
    #expect(
      dangling.stderr.contains("via-dangling writes \(dir)/later/g.csv, as direct does"), "\(dangling.stderr)"
    )

    try """
    jobs:
      - name: clobber
        run: summary
        dataset: data/two
        args: ["--format", "json"]
        output: summary.json
    """.write(toFile: dir + "/batch.yaml", atomically: true, encoding: .utf8)
    let s = try Self.run(["batch", dir + "/batch.yaml"])
    #expect(s.status == 1, "\(s.stderr)")
    #expect(s.stderr.contains("clobber writes \(dir)/summary.json, as the batch summary does"), "\(s.stderr)")
  }
}
