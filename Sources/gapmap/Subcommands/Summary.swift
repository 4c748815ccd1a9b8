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

      --coverage prints instead, per relation and entity kind, how many rows state each field
      the format expects (required fields marked *), as a table, JSON, or a Markdown table for a
      dataset's README (--format markdown).

        $ gapmap summary datasets/border-outsourcing --format json -o summary.json
        $ gapmap summary datasets/border-outsourcing --coverage
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "Output format: table (human), json, or (with --coverage) markdown or csv.")
  var format: SummaryFormat = .table

  @Flag(help: "Per relation and entity kind: how many rows state each field the format expects.")
  var coverage = false

  enum SummaryFormat: String, ExpressibleByArgument {
    case table, json, csv, markdown
  }

  func validate() throws {
    guard coverage || format == .table || format == .json else {
      throw ValidationError("--format: summary prints table or json (markdown and csv with --coverage)")
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
    if coverage {
      guard let d = analysis.dataset else {
        Report.printError("\(input.dataset): --coverage needs a dataset, not a plain edge list")
        Report.exitNow(1)
      }
      Report.emit(Summary.coverage(FieldCoverage(d), format: format), to: output)
      return
    }
    let s =
      analysis.dataset.map { DatasetSummary($0, directed: analysis.graph.isDirected) }
      ?? DatasetSummary(plainGraph: analysis.graph)
    clock.lap("compute")
    switch format {
    case .json, .csv, .markdown: Report.emit(JSON.write(s.jsonValue), to: output)
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

  static func coverage(_ c: FieldCoverage, format: SummaryFormat) -> String {
    switch format {
    case .json, .csv:
      let rows: [[TableValue]] = c.rows.map {
        [
          .text($0.table), .text($0.kind), .text($0.field), .integer($0.stated), .integer($0.total),
          .number($0.share), .text($0.required ? "yes" : "no"),
        ]
      }
      return TableWriter.render(
        columns: ["table", "kind", "field", "stated", "total", "share", "required"], rows: rows,
        format: format == .json ? .json : .csv)
    case .markdown:
      var out = "| table | kind | field | stated | share |\n|---|---|---|---:|---:|\n"
      for r in c.rows {
        out +=
          "| \(r.table) | \(r.kind) | \(r.field)\(r.required ? " *" : "") | \(r.stated)/\(r.total) | \(percent(r.share)) |\n"
      }
      return out + "\n\\* required for the kind by `validate --strict`\n"
    case .table:
      let rows: [[TableValue]] = c.rows.map {
        [
          .text($0.table), .text($0.kind), .text($0.field + ($0.required ? " *" : "")),
          .text("\($0.stated)/\($0.total)"), .text(percent($0.share)),
        ]
      }
      return TableWriter.render(
        columns: ["table", "kind", "field", "stated", "share"], rows: rows, format: .table)
        + "* required for the kind by validate --strict\n"
    }
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
