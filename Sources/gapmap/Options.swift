import ArgumentParser
import CGapMapSystem
import Foundation
import GapMapGraph
import GapMapIO
import GapMapModel

#if canImport(Glibc)
  import Glibc
#endif

/// The input every analysis command takes.
struct InputOptions: ParsableArguments {
  @Argument(help: "A dataset folder, GapMap JSON file or edge list; - reads standard input.")
  var dataset: String

  @Option(
    name: .customLong("input-format"),
    help: "Override format detection: \(DatasetFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
  var inputFormat: DatasetFormat?

  @Option(help: "The input's text encoding: utf-8 (default), latin1 (iso-8859-1).")
  var encoding: TextEncoding = .utf8
}

extension DatasetFormat: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {
  public init?(argument: String) { self.init(name: argument) }
  public static var allValueStrings: [String] { ["utf-8", "latin1", "iso-8859-1"] }
}

/// The analysis filters shared by the analysis commands.
struct FilterOptions: ParsableArguments {
  @Option(help: "Keep relations that may be valid on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
  var at: String?

  @Option(help: "Keep relations at most this uncertain: confirmed, reported, possible (default), alleged.")
  var evidence: Evidence = .possible

  @Option(help: "Keep only these relation kinds (comma-separated).")
  var relations: String?

  @Option(help: "Keep only entities of these kinds (comma-separated), and relations between them.")
  var kinds: String?

  @Flag(
    help:
      "Turn off the inference rules (with --at: open-ended operators and contracts ending when a later one starts; for chains: every rule of the metrics)."
  )
  var noInference = false

  func filter() throws -> AnalysisFilter {
    var f = AnalysisFilter(evidence: evidence)
    f.inferEnds = !noInference
    if let at {
      guard let date = PartialDate(at) else {
        throw ValidationError("--at: \"\(at)\" is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
      }
      f.at = date
    }
    if let relations { f.relationKinds = Set(FilterOptions.words(relations).map { RelationKind($0) }) }
    if let kinds { f.entityKinds = Set(FilterOptions.words(kinds).map { EntityKind($0) }) }
    return f
  }

  static func words(_ list: String) -> [String] {
    list.split(separator: ",").map { String($0).trimmingWhitespace }.filter { !$0.isEmpty }
  }
}

extension Evidence: ExpressibleByArgument {}

extension TableFormat: ExpressibleByArgument {
  /// `table` on a terminal, `csv` otherwise (the CLI contract's default).
  static var defaultForStdout: TableFormat { isatty(1) != 0 ? .table : .csv }
}

/// Errors and diagnostics on standard error, and the exit codes of the CLI contract.
enum Report {
  /// At most this many diagnostics are printed; the rest are counted.
  static let maximumDiagnostics = 1000

  static func diagnostics(_ ds: [Diagnostic]) {
    var text = ""
    for d in ds.prefix(maximumDiagnostics) {
      text += d.description + (d.hint.map { " (hint: \($0))" } ?? "") + "\n"
    }
    if ds.count > maximumDiagnostics {
      let errors = ds.dropFirst(maximumDiagnostics).filter { $0.severity == .error }.count
      text +=
        "… and \(ds.count - maximumDiagnostics) more (\(errors) errors, \(ds.count - maximumDiagnostics - errors) warnings) not shown\n"
    }
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// A warning line on standard error, prefixed `warning: `.
  static func printWarning(_ line: String) {
    printError("warning: " + line)
  }

  static func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Loads a dataset with its reading diagnostics. Exits 1 when the input cannot be read at
  /// all, 3 when the environment fails.
  static func load(_ input: InputOptions) -> DatasetIO.Loaded {
    do {
      return try DatasetIO.load(input.dataset, format: input.inputFormat, encoding: input.encoding)
    } catch {
      fail(error.withOptionHint(encodingOption: input.encoding == .utf8))
    }
  }

  /// Loads a dataset for analysis: any error (reading or validation) is printed and exits 1,
  /// because numbers computed from a broken dataset would mislead. Warnings are left to
  /// `gapmap validate`.
  static func loadValid(_ input: InputOptions) -> Dataset {
    checked(load(input), input: input)
  }

  /// The loaded dataset if it has no error; otherwise prints them and exits 1.
  static func checked(_ loaded: DatasetIO.Loaded, input: InputOptions) -> Dataset {
    let errors = Validator.sorted(
      loaded.diagnostics + Validator.validate(loaded.dataset), files: loaded.dataset.files
    ).filter { $0.severity == .error }
    if !errors.isEmpty {
      diagnostics(errors)
      printError(
        "\(input.dataset): \(errors.count) error(s); run `gapmap validate \(input.dataset)` for details")
      exit(1)
    }
    readingWarnings(loaded, input: input.dataset)
    return loaded.dataset
  }

  /// What reading skipped, dropped or changed (FtM schemas, OCDS awards, GML graphics, Pajek
  /// drawing options, defaulted weights), in every command: the readers' own summary lines
  /// when there are at most three, else one line with the count.
  static func readingWarnings(_ loaded: DatasetIO.Loaded, input: String) {
    let warnings = loaded.diagnostics.filter { $0.severity == .warning }
    if warnings.count <= 3 {
      diagnostics(warnings)
    } else {
      printWarning(
        "\(input): \(warnings.count) things were skipped or changed while reading; `gapmap validate \(input)` lists them"
      )
    }
  }

  /// Ends the process with `code`.
  static func exitNow(_ code: Int32) -> Never { exit(code) }

  /// Prints an I/O error, with the CLI's hint for its remedy, and exits with its code.
  static func fail(_ error: IOError) -> Never {
    diagnostics([error.withOptionHint().diagnostic])
    exit(error.cause == .environment ? 3 : 1)
  }

  /// Writes a command's output to `-o FILE` (atomically) or standard output.
  static func emit(_ text: String, to output: String?) {
    do {
      try Files.writeAtomically(text, to: output ?? "-")
    } catch {
      fail(error)
    }
  }
}

/// `--directed` / `--undirected`.
enum Direction: String, EnumerableFlag {
  case directed, undirected
}

/// Wall-clock phases for `--timings`, printed on standard error as `phase: 12.3 ms`.
struct Timings {
  let enabled: Bool
  private var last = ContinuousClock.now

  init(enabled: Bool) { self.enabled = enabled }

  mutating func lap(_ phase: String) {
    let now = ContinuousClock.now
    if enabled {
      let d = now - last
      let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
      Report.printError("\(phase): \((ms * 10).rounded() / 10) ms")
    }
    last = now
  }
}

/// A graph ready for analysis, with the ids of its nodes and, for datasets, the dataset and
/// the relation behind each edge.
struct AnalysisGraph {
  var graph: Graph
  var ids: [String]
  var dataset: Dataset?
  var relationIndices: [Int]?

  /// Loads `input`, applies the filters and projects it. Plain edge lists with the default
  /// filters skip the dataset model entirely (the fast path for large graphs).
  static func load(
    _ input: InputOptions, filters: FilterOptions, weight: String?, direction: Direction?,
    clock: inout Timings, successorsAnswer: Bool = false
  ) throws -> AnalysisGraph {
    let filter = try filters.filter()
    let format = input.inputFormat ?? DatasetFormat.detect(path: input.dataset)
    if format == .edgelist, input.dataset != "-", filter.isDefault, input.encoding == .utf8 {
      let edges: EdgeList
      do { edges = try EdgeListReader.read(path: input.dataset) } catch { Report.fail(error) }
      clock.lap("load")
      if let weight, weight != "weight" {
        Report.printError(
          "\(input.dataset): an edge list has only the weight column \"weight\", not \"\(weight)\"")
        Report.exitNow(1)
      }
      if weight != nil && edges.weights == nil {
        Report.printError("\(input.dataset): --weight weight: the edge list has no weight column")
        Report.exitNow(1)
      }
      let directed = direction.map { $0 == .directed } ?? edges.directedHint ?? false
      var e = edges
      if weight == nil { e.weights = nil }
      let g = e.graph(directed: directed)
      clock.lap("build graph")
      return AnalysisGraph(graph: g, ids: edges.nodes, dataset: nil, relationIndices: nil)
    }
    let loaded = Report.load(input)
    var dataset = filter.apply(to: Report.checked(loaded, input: input))
    if successorsAnswer {
      // A successor answers for its predecessor: walk `succeeded_by` both ways.
      for r in dataset.relations where r.kind == .succeededBy {
        var back = r
        back.source = r.target
        back.target = r.source
        back.attributes["gapmap_reversed"] = "succeeds"
        dataset.relations.append(back)
      }
    }
    clock.lap("load")
    let directed =
      direction.map { $0 == .directed }
      ?? loaded.dataset.metadata.directed ?? loaded.directedHint ?? (loaded.format != .edgelist)
    let projection: Projection
    if let weight {
      do {
        projection = try Projection(
          dataset, directed: directed, weight: weight == "count" ? .count : .attribute(weight))
      } catch {
        Report.printError("\(input.dataset): --weight \(weight): \(error.messageWithOptionHint)")
        Report.exitNow(1)
      }
    } else {
      projection = Projection(dataset, directed: directed)
    }
    clock.lap("build graph")
    return AnalysisGraph(
      graph: projection.graph, ids: projection.nodes.ids, dataset: dataset,
      relationIndices: projection.relationIndices)
  }
}

/// Runs the current command again in a child process with `--in-process`, killing it after a
/// time limit: Graphviz layouts cannot be cancelled and some inputs abort() the process, so
/// `render` and `report` do their drawing in a child whose failure the parent reports.
///
/// The worker dies with its parent (``dieWithParentIfAsked()``: `prctl(PR_SET_PDEATHSIG)`), so a
/// killed `render`, `report` or `batch` leaves no layout running, and it runs under an address
/// space limit (``limitMemory(gigabytes:)``: `setrlimit(RLIMIT_AS)`), which the parent names
/// when the worker ends near it.
enum Worker {
  /// The environment variable naming the process a child must die with.
  static let parentVariable = "GAPMAP_DIE_WITH_PARENT"

  static func run(timeout: Double, memoryLimit: Double, label: String, advice: String) -> Void {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: "/proc/self/exe")
    child.arguments = Array(CommandLine.arguments.dropFirst()) + ["--in-process"]
    child.environment = ProcessInfo.processInfo.environment.merging([parentVariable: String(getpid())]) { $1 }
    let done = DispatchSemaphore(value: 0)
    child.terminationHandler = { _ in done.signal() }
    do { try child.run() } catch {
      Report.printError("gapmap: cannot start the worker process: \(error.localizedDescription)")
      Report.exitNow(3)
    }
    // Wait, sampling the worker's peak address space so that a death at the memory limit can
    // be named as such.
    let deadline = DispatchTime.now() + timeout
    var peak = 0.0
    var timedOut = false
    while done.wait(timeout: min(deadline, .now() + 0.02)) == .timedOut {
      peak = max(peak, peakAddressSpace(child.processIdentifier))
      if DispatchTime.now() >= deadline {
        timedOut = true
        break
      }
    }
    if timedOut {
      kill(child.processIdentifier, SIGKILL)
      done.wait()
      Report.printError(
        "\(label): the layout took longer than \(seconds(timeout)) and was stopped; \(advice)")
      Report.exitNow(3)
    }
    let failed = child.terminationReason == .uncaughtSignal || child.terminationStatus != 0
    if failed, memoryLimit > 0, peak >= 0.9 * memoryLimit * 1_073_741_824 {
      Report.printError(
        "\(label): the worker reached its memory limit of \(gigabytes(memoryLimit)) and was stopped; "
          + "raise --memory-limit (0: none), or \(advice)")
      Report.exitNow(3)
    }
    if child.terminationReason == .uncaughtSignal {
      Report.printError("\(label): the worker process \(Worker.describe(signal: child.terminationStatus))")
      Report.exitNow(3)
    }
    if child.terminationStatus != 0 { Report.exitNow(child.terminationStatus) }
  }

  /// `VmPeak` of a live process, in bytes (0 when it cannot be read).
  static func peakAddressSpace(_ pid: Int32) -> Double {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmPeak:") }),
      let kb = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return 0 }
    return kb * 1024
  }

  /// Called first thing in every process: when the parent that started it asked (through
  /// ``parentVariable``), the kernel kills this process when that parent dies, and it exits
  /// at once if the parent is already gone. The variable is then cleared, so this process's
  /// own children are tied to it, not to its parent.
  static func dieWithParentIfAsked() {
    guard let value = ProcessInfo.processInfo.environment[parentVariable], let parent = Int32(value) else {
      return
    }
    unsetenv(parentVariable)
    _ = gapmap_set_parent_death_signal(SIGKILL)
    if getppid() != parent { exit(3) }
  }

  /// Limits this process's address space to `gigabytes` (0: no limit). Allocation beyond it
  /// fails, which ends the worker; the parent reports the limit.
  static func limitMemory(gigabytes: Double) {
    guard gigabytes > 0 else { return }
    let bytes = gigabytes * 1_073_741_824
    let value = bytes < 1.8e19 ? rlim_t(bytes) : rlim_t.max
    var limit = rlimit(rlim_cur: value, rlim_max: value)
    _ = setrlimit(Int32(RLIMIT_AS.rawValue), &limit)
  }

  static func gigabytes(_ g: Double) -> String {
    g == g.rounded() && g.magnitude < 1e15 ? "\(Int(g)) GB" : "\(g) GB"
  }

  /// What a worker's death by `signal` means, for the message that reports it: the signal's
  /// name, and the likely cause (a Swift runtime trap is a bug in GapMap, not in Graphviz).
  static func describe(signal: Int32) -> String {
    switch signal {
    case SIGILL, SIGTRAP:
      return "stopped on a runtime trap (signal \(signal), \(signal == SIGILL ? "SIGILL" : "SIGTRAP")): "
        + "a bug in GapMap, not in the data or Graphviz; please report it with the message above"
    case SIGABRT: return "aborted (signal \(signal), SIGABRT), in Graphviz or GapMap; see the message above"
    case SIGSEGV, SIGBUS:
      return "crashed (signal \(signal), \(signal == SIGSEGV ? "SIGSEGV" : "SIGBUS")) while drawing"
    case SIGKILL: return "was killed (signal 9, SIGKILL: from outside, or by the system for memory)"
    default: return "was stopped by signal \(signal)"
    }
  }

  static func seconds(_ t: Double) -> String {
    t == t.rounded() && t.magnitude < 1e15 ? "\(Int(t)) s" : "\(t) s"
  }
}
