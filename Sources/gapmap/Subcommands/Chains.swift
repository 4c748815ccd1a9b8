import ArgumentParser
import GapMapIO
import GapMapMetrics
import GapMapModel

/// `gapmap chains DATASET --facility ID`
struct Chains: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The delegation chains from each duty-bearer to a facility, with dominators and sources.",
    discussion: """
      Walks the facility's responsibility graph (delegates, contracts, subcontracts, funds and
      operates relations scoped to it) from each duty-bearer (responsible_for, else the public
      roots, marked inferred). Each link shows its relation id, evidence and sources; uncertain
      links (reported, possible, only possibly valid on the date, or of unknown scope) are
      marked "?". Dominators are the single points of accountability: every chain passes
      through them.

        $ gapmap chains datasets/border-outsourcing --facility dilley-stfrc
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var metrics: MetricsOptions

  @Option(help: "The facility.")
  var facility: String

  @Option(help: "At most this many chains per duty-bearer.")
  var limit = 1000

  @Option(help: "Stop listing chains after this many seconds (the list is then marked truncated).")
  var timeout: Double = 60

  @Option(help: "Output format: table (default) or json.")
  var format: TableFormat = .table

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func validate() throws {
    guard format == .table || format == .json else {
      throw ValidationError("--format: chains prints table or json")
    }
    guard limit > 0 else { throw ValidationError("--limit: must be positive") }
    guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout: 0 to 86400 seconds") }
  }

  func run() throws {
    let net = metrics.network(input)
    let analysis: GapAnalysis
    do {
      analysis = try GapAnalysis(net, weights: .standard, facility: facility)
    } catch {
      Report.printError("--facility: \(error.message)")
      Report.exitNow(1)
    }
    let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
    let report = ChainReport(analysis.facilities[0], net, limit: limit, deadline: deadline)
    Report.emit(format == .json ? JSON.write(report.jsonValue) : report.text, to: output)
  }
}
