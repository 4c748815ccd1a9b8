import ArgumentParser
import Foundation
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
}

extension DatasetFormat: ExpressibleByArgument {}

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

  func filter() throws -> AnalysisFilter {
    var f = AnalysisFilter(evidence: evidence)
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

/// Where and how a command prints a table.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
  case table, json
}

/// Errors and diagnostics on standard error, and the exit codes of the CLI contract.
enum Report {
  static func diagnostics(_ ds: [Diagnostic]) {
    for d in ds { printError(d.description + (d.hint.map { " (hint: \($0))" } ?? "")) }
  }

  static func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }

  /// Loads a dataset with its reading diagnostics. Exits 1 when the input cannot be read at
  /// all, 3 when the environment fails.
  static func load(_ input: InputOptions) -> DatasetIO.Loaded {
    do {
      return try DatasetIO.load(input.dataset, format: input.inputFormat)
    } catch {
      fail(error)
    }
  }

  /// Loads a dataset for analysis: any error (reading or validation) is printed and exits 1,
  /// because numbers computed from a broken dataset would mislead. Warnings are left to
  /// `gapmap validate`.
  static func loadValid(_ input: InputOptions) -> Dataset {
    let loaded = load(input)
    let errors = Validator.sorted(
      loaded.diagnostics + Validator.validate(loaded.dataset), files: loaded.dataset.files
    ).filter { $0.severity == .error }
    if !errors.isEmpty {
      diagnostics(errors)
      printError(
        "\(input.dataset): \(errors.count) error(s); run `gapmap validate \(input.dataset)` for details")
      exit(1)
    }
    return loaded.dataset
  }

  /// Ends the process with `code`.
  static func exitNow(_ code: Int32) -> Never { exit(code) }

  /// Prints an I/O error and exits with its code.
  static func fail(_ error: IOError) -> Never {
    diagnostics([error.diagnostic])
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
