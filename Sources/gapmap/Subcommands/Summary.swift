import ArgumentParser
import GapMapIO
import GapMapMetrics
import GapMapModel

/// `gapmap summary DATASET`
struct Summary: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Describe a dataset: counts by kind, components, density, dates, source coverage.",
    discussion: """
      The analysis filters apply first, so `--at 2018` summarises the relations that may hold in
      2018. Coverage per country counts the relations touching an entity of that country and
      how many of them cite a source.

        $ gapmap summary datasets/border-outsourcing --format json -o summary.json
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "Output format: table (human) or json.")
  var format: TableFormat = .table

  func validate() throws {
    guard format == .table || format == .json else {
      throw ValidationError("--format: summary prints table or json")
    }
  }

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  @Flag(help: "Plain graphs: directed or undirected (default: as the file says, else undirected).")
  var direction: Direction?

  @Flag(help: "Print the time of each phase on standard error.")
  var timings = false

  func run() throws {
    var clock = Timings(enabled: timings)
    let analysis = try AnalysisGraph.load(
      input, filters: filters, weight: nil, direction: direction, clock: &clock)
    let s = analysis.dataset.map { DatasetSummary($0) } ?? DatasetSummary(plainGraph: analysis.graph)
    clock.lap("compute")
    switch format {
    case .json: Report.emit(JSON.write(s.jsonValue), to: output)
    default: Report.emit(Summary.text(s), to: output)
    }
    clock.lap("write")
  }

  static func text(_ s: DatasetSummary) -> String {
    var out = ""
    func line(_ label: String, _ value: String) {
      out += label.padding(28) + value + "\n"
    }
    if let title = s.title { out += title + "\n\n" }
    if let asOf = s.asOf { line("as of", asOf) }
    line("entities", "\(s.entities)")
    for k in s.entityKinds { line("  " + k.name, "\(k.count)") }
    line("relations", "\(s.relations)")
    for k in s.relationKinds { line("  " + k.name, "\(k.count)") }
    line("sources", "\(s.sources)")
    line(
      "relations citing a source",
      "\(s.sourcedRelations) of \(s.relations)" + (s.sourcedShare.map { " (\(percent($0)))" } ?? ""))
    for e in s.evidence { line("  evidence " + e.name, "\(e.count)") }
    line("dated relations", "\(s.datedRelations) of \(s.relations)")
    if let a = s.earliest, let b = s.latest { line("date range", "\(a) – \(b)") }
    line("weak components", "\(s.components) (largest \(s.largestComponent), isolated \(s.isolated))")
    line("density", formatDensity(s.density))
    out += "\ncoverage by country\n"
    let header = ["country", "entities", "facilities", "relations", "sourced", "confirmed"]
    var rows = [header]
    for c in s.countries {
      rows.append([
        c.country, "\(c.entities)", "\(c.facilities)", "\(c.relations)",
        "\(c.sourcedRelations)", "\(c.confirmedRelations)",
      ])
    }
    let widths = header.indices.map { i in rows.map { $0[i].count }.max() ?? 0 }
    for r in rows {
      out +=
        "  "
        + r.enumerated().map { i, cell in
          i == 0 ? cell.padding(widths[i]) : String(repeating: " ", count: widths[i] - cell.count) + cell
        }.joined(separator: "  ") + "\n"
    }
    return out
  }

  static func percent(_ x: Double) -> String {
    let tenths = (x * 1000).rounded() / 10
    return "\(tenths)%"
  }

  static func formatDensity(_ d: Double) -> String {
    let scaled = (d * 1e6).rounded() / 1e6
    return "\(scaled)"
  }
}

extension String {
  func padding(_ width: Int) -> String {
    count >= width ? self + " " : self + String(repeating: " ", count: width - count)
  }
}
