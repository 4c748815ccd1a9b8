import ArgumentParser
import Foundation
import GapMapIO
import GapMapModel

/// `gapmap batch MANIFEST.yaml`
struct Batch: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run many analyses from a YAML manifest, in parallel worker processes.",
    discussion: """
      Each job runs `gapmap <run> <dataset> <options> -o <output>` in its own process: a crash,
      a Graphviz abort or a timeout fails that job only. A job's output is written to a
      temporary file and renamed only on success, so a failed job leaves no output. Relative
      paths resolve against the manifest's folder; outputs must stay inside it (or inside
      --output-root); datasets may be read from anywhere. A summary table goes to standard
      error and summary.json to the output root; the exit code is 1 if any job failed.

        defaults: {format: csv}
        jobs:
          - name: overview
            run: render
            dataset: datasets/border-outsourcing
            output: out/overview.svg
          - name: ranks-{at}
            run: centrality
            dataset: datasets/*/            # one job per match
            at: [2015, 2018, 2020]          # one job per value
            args: ["--measure", "pagerank,betweenness"]
            output: out/{dataset}/ranks-{at}.csv

        $ gapmap batch datasets/example-batch.yaml --jobs 2
        $ gapmap batch datasets/example-batch.yaml --resume
      """)

  @Argument(help: "The manifest (YAML or JSON).")
  var manifest: String

  @Option(help: "Jobs run at once (default: the number of cores).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Skip jobs whose output is newer than their dataset and the manifest.")
  var resume = false

  @Option(help: "The folder outputs must stay in (default: the manifest's folder).")
  var outputRoot: String?

  @Option(
    help: "Where to write summary.json (default: the manifest's `summary`, else <output root>/summary.json).")
  var summary: String?

  @Flag(help: "No progress bar.")
  var quiet = false

  func validate() throws {
    guard jobs >= 1 && jobs <= 256 else { throw ValidationError("--jobs: 1 to 256") }
  }

  struct Outcome {
    var status = "pending"
    var seconds = 0.0
    var error: String?
  }

  func run() throws {
    let m: BatchManifest
    do { m = try BatchManifest(file: manifest, outputRoot: outputRoot) } catch { Report.fail(error) }
    if let summary {
      let key = BatchManifest.outputIdentity(summary)
      if let job = m.jobs.first(where: { $0.output.map(BatchManifest.outputIdentity) == key }) {
        Report.printError("--summary \(summary): job \(job.name) writes that file; choose another path")
        Report.exitNow(2)
      }
    }
    Batch.removeStaleStaging(m)
    var outcomes = [Outcome](repeating: Outcome(), count: m.jobs.count)
    let manifestTime = Batch.modified(manifest) ?? .distantFuture
    var queue: [Int] = []
    for (i, job) in m.jobs.enumerated() {
      if resume, let out = job.output, let done = Batch.modified(out),
        done > manifestTime, done > (Batch.newest(job.dataset) ?? .distantFuture)
      {
        outcomes[i].status = "skipped"
        continue
      }
      queue.append(i)
    }
    let progress = Progress(total: m.jobs.count, enabled: !quiet && isatty(2) != 0)
    progress.update(outcomes)
    var running: [Int: Running] = [:]
    let finished = DispatchSemaphore(value: 0)
    queue.reverse()
    while !queue.isEmpty || !running.isEmpty {
      while running.count < jobs, let i = queue.popLast() {
        do {
          running[i] = try Running(m.jobs[i], signal: finished)
          outcomes[i].status = "running"
        } catch {
          outcomes[i] = Outcome(status: "failed", seconds: 0, error: "cannot start: \(error)")
        }
        progress.update(outcomes)
      }
      _ = finished.wait(timeout: .now() + 0.2)
      for (i, r) in running {
        if r.process.isRunning {
          if r.elapsed > m.jobs[i].timeout + 5 {
            kill(-r.process.processIdentifier, SIGKILL)
            kill(r.process.processIdentifier, SIGKILL)
            r.process.waitUntilExit()
            r.discard()
            outcomes[i] = Outcome(
              status: "timeout", seconds: r.elapsed,
              error: "stopped after \(Worker.seconds(m.jobs[i].timeout)) (raise `timeout:` for this job)")
            running[i] = nil
          }
          continue
        }
        outcomes[i] = r.finish()
        running[i] = nil
      }
      progress.update(outcomes)
    }
    progress.done()
    try write(m, outcomes)
  }

  /// The summary table on standard error and summary.json; exit 1 naming failed jobs.
  func write(_ m: BatchManifest, _ outcomes: [Outcome]) throws {
    var rows: [[TableValue]] = []
    var items: [JSONValue] = []
    for (job, o) in zip(m.jobs, outcomes) {
      rows.append([
        .text(job.name), .text(o.status), .text(String(format: "%.2f", o.seconds)),
        .text(job.output.map { Batch.relative($0, to: m.root) } ?? "–"), .text(o.error ?? ""),
      ])
      items.append(
        .object([
          JSONMember(key: "name", value: .string(job.name)),
          JSONMember(key: "run", value: .string(job.command)),
          JSONMember(key: "dataset", value: .string(job.dataset)),
          JSONMember(key: "status", value: .string(o.status)),
          JSONMember(key: "seconds", value: .number(String(format: "%.3f", o.seconds))),
          JSONMember(key: "output", value: job.output.map { .string($0) } ?? .null),
          JSONMember(key: "error", value: o.error.map { .string($0) } ?? .null),
          JSONMember(
            key: "command",
            value: .array(
              ([job.command, job.dataset] + job.arguments + (job.output.map { ["-o", $0] } ?? [])).map {
                .string($0)
              })),
        ]))
    }
    Report.printError(
      TableWriter.render(
        columns: ["job", "status", "seconds", "output", "error"], rows: rows, format: .table))
    let failed = zip(m.jobs, outcomes).filter { $0.1.status == "failed" || $0.1.status == "timeout" }
    let summaryPath = summary ?? m.summary
    let doc = JSONValue.object([
      JSONMember(key: "manifest", value: .string(m.file)),
      JSONMember(key: "jobs", value: .array(items)),
      JSONMember(key: "failed", value: .number(String(failed.count))),
    ])
    do {
      try Files.makeFolder((summaryPath as NSString).deletingLastPathComponent)
      try Files.writeAtomically(JSON.write(doc), to: summaryPath)
    } catch {
      Report.fail(error)
    }
    if !failed.isEmpty {
      Report.printError(
        "gapmap batch: \(failed.count) job(s) failed: \(failed.map(\.0.name).joined(separator: ", "))")
      Report.exitNow(1)
    }
  }

  /// Removes staging files a killed earlier run left next to the outputs (`.NAME.batch-…`).
  static func removeStaleStaging(_ m: BatchManifest) {
    let fm = FileManager.default
    for job in m.jobs {
      guard let out = job.output else { continue }
      let dir = (out as NSString).deletingLastPathComponent
      let prefix = ".\((out as NSString).lastPathComponent).batch-"
      for name in (try? fm.contentsOfDirectory(atPath: dir)) ?? [] where name.hasPrefix(prefix) {
        try? fm.removeItem(atPath: dir + "/" + name)
      }
    }
  }

  static func relative(_ path: String, to root: String) -> String {
    path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
  }

  static func modified(_ path: String) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
  }

  /// The newest modification time of a file, or of the files in a folder.
  static func newest(_ path: String) -> Date? {
    guard Files.isFolder(path) else { return modified(path) }
    let items = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return ([modified(path)] + items.map { modified(path + "/" + $0) }).compactMap { $0 }.max()
  }

  /// A job's process: output to a temporary path next to the real one, stderr to a file.
  final class Running {
    let process = Process()
    let job: BatchManifest.Job
    let staging: String?
    let log: String
    let started = ContinuousClock.now

    init(_ job: BatchManifest.Job, signal: DispatchSemaphore) throws {
      self.job = job
      let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      log = NSTemporaryDirectory() + "gapmap-batch-\(tag).log"
      var args = [job.command, job.dataset] + job.arguments
      if let out = job.output {
        let dir = (out as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let name = (out as NSString).lastPathComponent
        // A report writes its folder atomically itself; files go through a staging name.
        staging = job.command == "report" ? nil : dir + "/.\(name).batch-\(tag)"
        if job.command == "convert" {
          args = [job.command, job.dataset, staging ?? out] + job.arguments
          if !job.arguments.contains("--to") { args += ["--to", Batch.convertFormat(out)] }
        } else {
          args += ["-o", staging ?? out]
          if job.command == "render", !job.arguments.contains("--format"), let ext = Batch.formatFlag(out) {
            args += ["--format", ext]
          }
          // render and report stop their own Graphviz worker at the job's time limit, before
          // the batch kills them (a killed parent would leave its worker running).
          if job.command == "render" || job.command == "report", !job.arguments.contains("--timeout") {
            args += ["--timeout", String(job.timeout)]
          }
        }
      } else {
        staging = nil
      }
      process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
      process.arguments = args
      // A killed batch takes its jobs (and through them their layout workers) with it.
      process.environment = ProcessInfo.processInfo.environment.merging([
        Worker.parentVariable: String(getpid())
      ]) {
        $1
      }
      _ = FileManager.default.createFile(atPath: log, contents: nil)
      // The child gets its own copies of these descriptors; the parent's are closed as soon as
      // it has started (kept open, they leaked three descriptors per job until the batch hit
      // the descriptor limit and every later job failed to start).
      let handles = [
        FileHandle(forWritingAtPath: log), FileHandle(forWritingAtPath: "/dev/null"),
        FileHandle(forReadingAtPath: "/dev/null"),
      ]
      defer { for h in handles { try? h?.close() } }
      guard let err = handles[0], let out = handles[1], let input = handles[2] else {
        throw IOError(file: log, "cannot open the job's log or /dev/null", cause: .environment)
      }
      process.standardError = err
      process.standardOutput = out
      process.standardInput = input
      process.terminationHandler = { _ in signal.signal() }
      try process.run()
    }

    var elapsed: Double {
      let d = ContinuousClock.now - started
      return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    func discard() {
      if let staging { try? FileManager.default.removeItem(atPath: staging) }
      try? FileManager.default.removeItem(atPath: log)
    }

    func finish() -> Outcome {
      let seconds = elapsed
      let stderr = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      defer { try? FileManager.default.removeItem(atPath: log) }
      let lastLines = stderr.split(separator: "\n").suffix(3).joined(separator: " | ")
      if process.terminationReason == .uncaughtSignal {
        discard()
        return Outcome(
          status: "failed", seconds: seconds,
          error: "the job's process \(Worker.describe(signal: process.terminationStatus)) \(lastLines)")
      }
      guard process.terminationStatus == 0 else {
        discard()
        return Outcome(
          status: "failed", seconds: seconds,
          error: "exit \(process.terminationStatus): \(lastLines.isEmpty ? "no message" : lastLines)")
      }
      if let staging, let out = job.output {
        if Foundation.rename(staging, out) != 0 {
          let why = String(cString: strerror(errno))
          discard()
          return Outcome(status: "failed", seconds: seconds, error: "cannot write \(out): \(why)")
        }
      }
      return Outcome(status: "ok", seconds: seconds, error: nil)
    }
  }

  /// The `--format`/`--to` word implied by an output's extension (the staging name has none).
  static func formatFlag(_ path: String) -> String? {
    let ext = (path as NSString).pathExtension.lowercased()
    switch ext {
    case "svg", "png", "pdf", "dot", "json": return ext
    case "gv": return "dot"
    default: return nil
    }
  }

  /// `convert --to` for an output name.
  static func convertFormat(_ path: String) -> String {
    switch (path as NSString).pathExtension.lowercased() {
    case "json": return "json"
    case "csv", "tsv", "txt": return "edgelist"
    default: return "folder"
    }
  }

  /// A one-line progress bar on a terminal.
  struct Progress {
    let total: Int
    let enabled: Bool

    func update(_ outcomes: [Outcome]) {
      guard enabled else { return }
      let done = outcomes.filter { !["pending", "running"].contains($0.status) }.count
      let failed = outcomes.filter { $0.status == "failed" || $0.status == "timeout" }.count
      let width = 30
      let filled = total == 0 ? width : width * done / total
      let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
      let line = "\r[\(bar)] \(done)/\(total) jobs" + (failed > 0 ? " (\(failed) failed)" : "") + "   "
      FileHandle.standardError.write(Data(line.utf8))
    }

    func done() {
      if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
  }
}
