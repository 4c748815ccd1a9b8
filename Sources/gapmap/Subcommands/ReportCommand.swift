import ArgumentParser
import Foundation
import GapMapIO
import GapMapMetrics
import GapMapModel
import GapMapRender
import GapMapReport

/// `gapmap report DATASET -o DIR`
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "A self-contained static report: index.html, report.md, figures and tables.",
    discussion: """
      DIR gets index.html (inline SVG and CSS, a strict Content-Security-Policy, no network;
      a small script only adds sorting and hover highlighting), report.md, figures/*.svg
      (overview, facilities by gap, one chain per facility) and tables/*.csv|json (gaps,
      centrality, coverage, sources, summary). The folder is written whole or not at all; an
      existing DIR is replaced only if it holds a previous report.

        $ gapmap report datasets/border-outsourcing -o report
        $ gapmap report datasets/border-outsourcing --at 2016 --weights equal -o report-2016
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var metrics: MetricsOptions

  @Option(name: .shortAndLong, help: "The report folder.")
  var output: String

  @Option(help: "Weights: default, equal, or a JSON/YAML file.")
  var weights = "default"

  @Option(help: "Layout engine for every figure (default: by size).")
  var engine: Engine?

  @Option(help: "Years of per-year figures in the explorer's date slider (up to the report's date).")
  var explorerYears = 15

  @Option(help: "Seed for layouts and communities.")
  var seed: UInt64 = 1

  @Option(help: "Seconds the whole report may take before it is stopped.")
  var timeout: Double = 600

  @Option(help: "Gigabytes of address space the report's worker may use (0: no limit).")
  var memoryLimit: Double = 8

  @Flag(help: .hidden)
  var inProcess = false

  func validate() throws {
    guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    guard memoryLimit >= 0 else { throw ValidationError("--memory-limit must be 0 (none) or positive") }
    guard output != "-" else { throw ValidationError("-o: a report is a folder, not standard output") }
  }

  func run() throws {
    if !inProcess {
      Worker.run(
        timeout: timeout, memoryLimit: memoryLimit, label: input.dataset,
        advice: "filter the dataset (--at, --evidence), use --engine sfdp, or raise --timeout")
      return
    }
    Worker.limitMemory(gigabytes: memoryLimit)
    let w = Gaps.loadWeights(weights)
    let net = metrics.network(input)
    var options = ReportOptions(at: net.at)
    options.evidence = metrics.evidence
    options.rules = metrics.rules
    options.weights = w
    options.version = GapMapVersion.string
    options.command = (["gapmap"] + CommandLine.arguments.dropFirst().filter { $0 != "--in-process" })
      .joined(separator: " ")
    options.engine = engine
    options.seed = seed
    Report.diagnostics(TextSafety.xmlDiagnostics(net.unfiltered))
    options.explorerYears = max(1, explorerYears)
    let files: [ReportFile]
    do {
      files = try ReportBuilder.build(net.unfiltered, options: options)
    } catch {
      Report.printError("\(input.dataset): \(error.messageWithOption)")
      Report.exitNow(error.message.hasPrefix("Graphviz") ? 3 : 1)
    }
    do {
      try Files.writeFolderAtomically(files.map { ($0.path, $0.bytes) }, to: output) { folder in
        Files.exists(folder + "/index.html") && Files.exists(folder + "/report.md")
      }
    } catch {
      Report.fail(error)
    }
    Report.printError("\(output): index.html, report.md, \(files.count - 2) figures and tables")
  }
}
