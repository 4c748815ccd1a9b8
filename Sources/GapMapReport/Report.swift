import GapMapAlgorithms
import GapMapGraph
import GapMapIO
import GapMapMetrics
import GapMapModel
import GapMapRender

/// What `gapmap report` is asked for.
public struct ReportOptions: Sendable {
  /// The date the metrics describe.
  public var at: PartialDate
  public var evidence = Evidence.possible
  public var weights = GapWeights.standard
  /// GapMap's version, for the footer.
  public var version = ""
  /// The command that made the report, for the footer.
  public var command = ""
  public var engine: Engine?
  public var seed: UInt64 = 1
  /// At most this many per-facility chain diagrams.
  public var chainFigures = 60
  /// Entities in the centrality table.
  public var centralityRows = 20
  /// The inference rules of the metrics (`--no-inference`: none).
  public var rules = InferenceRules.all
  /// At most this many per-year figures for the explorer's date slider (the latest years up to
  /// the report's date).
  public var explorerYears = 15

  public init(at: PartialDate) { self.at = at }

  /// The date and evidence filter every table and figure of the report shares.
  var filter: AnalysisFilter {
    var f = AnalysisFilter(at: at, evidence: evidence)
    f.inferEnds = rules.supersededEnds
    return f
  }
}

/// One file of a report, relative to the report folder.
public struct ReportFile: Sendable {
  public var path: String
  public var bytes: [UInt8]
  public init(_ path: String, _ text: String) {
    self.path = path
    bytes = Array(text.utf8)
  }
}

/// Assembles the static report: `index.html` (inline SVG and CSS, no network), `report.md`,
/// and every figure and table as its own file.
///
/// ```swift
/// let files = try ReportBuilder.build(dataset, options: ReportOptions(at: PartialDate("2020")!))
/// ```
public enum ReportBuilder {
  /// Builds every file of the report.
  /// - Throws: `RenderError` (`GapMapRender`) when Graphviz fails on a figure.
  public static func build(_ dataset: Dataset, options: ReportOptions) throws(RenderError) -> [ReportFile] {
    let net = AccountabilityNetwork(
      dataset, at: options.at, evidence: options.evidence, rules: options.rules)
    let analysis: GapAnalysis
    do {
      analysis = try GapAnalysis(net, weights: options.weights)
    } catch {
      throw RenderError(error.message)
    }
    let summary = DatasetSummary(
      options.filter.apply(to: dataset))
    let datasetHash = SHA256.hex(Array(DatasetIO.gapmapJSON(dataset).utf8))
    var files: [ReportFile] = []
    var ctx = Context(
      dataset: dataset, net: net, analysis: analysis, summary: summary, options: options,
      datasetHash: datasetHash)

    // Figures.
    var figures: [String: (html: String, file: String)] = [:]
    let filtered = options.filter.apply(to: dataset)
    func figure(_ key: String, _ diagram: DiagramOptions, file: String) throws(RenderError) {
      let rg = try DiagramBuilder.build(filtered, options: diagram)
      var ro = RenderOptions()
      ro.engine = options.engine
      ro.seed = options.seed
      let raw = try Renderer.render(rg, format: .svg, options: ro)
      let svg = String(decoding: raw, as: UTF8.self)
      var standalone = SVGPostProcessor.Options()
      standalone.idPrefix = "gm-" + HTML.elementID(key)
      files.append(
        ReportFile("figures/\(file)", SVGPostProcessor.process(svg, graph: rg, options: standalone)))
      var inline = standalone
      inline.fragment = true
      figures[key] = (SVGPostProcessor.process(svg, graph: rg, options: inline), "figures/\(file)")
    }
    var overview = DiagramOptions()
    overview.at = options.at
    overview.rules = options.rules
    overview.seed = options.seed
    try figure("overview", overview, file: "overview.svg")
    var byGap = overview
    byGap.colorBy = .gap
    byGap.evidence = options.evidence
    byGap.weights = options.weights
    byGap.title = "Facilities by accountability gap (low bound)"
    try figure("gaps", byGap, file: "gaps.svg")
    for f in analysis.presentationOrder.prefix(options.chainFigures) {
      var chain = overview
      chain.facility = f.id
      chain.title = f.name
      try figure("chain-" + f.id, chain, file: "chain-\(HTML.fileName(f.id)).svg")
    }
    // The explorer's per-year figures: the union of every year laid out once, each year drawn
    // with those pinned positions, so nothing moves when the slider does.
    var unionOptions = overview
    unionOptions.at = nil
    var union = try DiagramBuilder.build(dataset, options: unionOptions)
    union.title = ""
    var ro = RenderOptions()
    ro.seed = options.seed
    let pinned = try Renderer.layout(union, options: ro)
    let clusterOf = Dictionary(union.nodes.map { ($0.id, $0.cluster) }, uniquingKeysWith: { a, _ in a })
    let starts = dataset.relations.compactMap { $0.start.known?.year }
    let last = options.at.year
    let first = max(starts.min() ?? last, last - options.explorerYears + 1)
    for year in first...last {
      guard let at = PartialDate(year: year) else { continue }
      var f = AnalysisFilter(at: at, evidence: options.evidence)
      f.inferEnds = options.rules.supersededEnds
      var o = overview
      o.at = at
      var rg = try DiagramBuilder.build(f.apply(to: dataset), options: o)
      rg.title = ""
      for i in rg.nodes.indices { rg.nodes[i].cluster = clusterOf[rg.nodes[i].id] ?? nil }
      rg.sideClusters = union.sideClusters
      rg.clusterLabels = union.clusterLabels
      let raw = try Renderer.render(rg, format: .svg, options: ro, pinned: pinned)
      var po = SVGPostProcessor.Options()
      po.idPrefix = "gm-y\(year)"
      po.fragment = true
      ctx.frames.append(
        (year, SVGPostProcessor.process(String(decoding: raw, as: UTF8.self), graph: rg, options: po)))
    }
    ctx.figures = figures

    // Tables.
    let centrality = ctx.centralityTable()
    ctx.centrality = centrality
    files.append(ReportFile("tables/gaps.json", JSON.write(analysis.jsonValue())))
    files.append(ReportFile("tables/gaps.csv", ctx.gapsCSV()))
    files.append(
      ReportFile(
        "tables/centrality.csv",
        TableWriter.render(columns: centrality.columns, rows: centrality.rows, format: .csv)))
    files.append(ReportFile("tables/coverage.csv", ctx.coverageCSV()))
    files.append(ReportFile("tables/sources.csv", ctx.sourcesCSV()))
    files.append(ReportFile("tables/summary.json", JSON.write(summary.jsonValue)))
    files.append(ReportFile("index.html", ctx.html()))
    files.append(ReportFile("report.md", ctx.markdown()))
    return files.sorted { $0.path < $1.path }
  }
}

/// Everything the page and the Markdown are written from.
struct Context {
  let dataset: Dataset
  let net: AccountabilityNetwork
  let analysis: GapAnalysis
  let summary: DatasetSummary
  let options: ReportOptions
  let datasetHash: String
  var figures: [String: (html: String, file: String)] = [:]
  /// The explorer's per-year figures (inline SVG), oldest first.
  var frames: [(year: Int, svg: String)] = []
  var centrality = Table(columns: [], rows: [])

  struct Table {
    var columns: [String]
    var rows: [[TableValue]]
  }

  var title: String { dataset.metadata.title ?? "GapMap report" }

  /// Source id → its number in the source list (for anchors that never carry user text).
  var sourceNumber: [String: Int] {
    Dictionary(dataset.sources.enumerated().map { ($1.id, $0 + 1) }, uniquingKeysWith: { a, _ in a })
  }

  func centralityTable() -> Table {
    let p = Projection(options.filter.apply(to: dataset))
    let measures: [Measure] = [.degree, .betweenness, .pagerank]
    guard let values = try? p.graph.measures(measures, options: MeasureOptions()) else {
      return Table(columns: [], rows: [])
    }
    let n = p.graph.nodeCount
    let order = (0..<n).sorted { values[1][$0] != values[1][$1] ? values[1][$0] > values[1][$1] : $0 < $1 }
    var rows: [[TableValue]] = []
    for v in order.prefix(options.centralityRows) {
      let id = p.nodes.id(at: v)
      let e = net.entity(id)
      rows.append([
        .text(id), .text(e?.name ?? id), .text(e?.kind.rawValue ?? ""), .number(values[0][v]),
        .number((values[1][v] * 100).rounded() / 100), .number((values[2][v] * 10_000).rounded() / 10_000),
      ])
    }
    return Table(columns: ["id", "name", "kind", "degree", "betweenness", "pagerank"], rows: rows)
  }

  func gapsCSV() -> String {
    var rows: [[TableValue]] = []
    for f in analysis.presentationOrder {
      let c = f.composite
      rows.append([
        .text(f.id), .text(f.name), c.gap.map { .number($0.low) } ?? .missing,
        c.gap.map { .number($0.high) } ?? .missing, .number(c.knownShare),
        .text(analysis.display(c)), .text(f.inherentlyStateFunction.rawValue),
        .text(f.flags.map(\.rawValue).joined(separator: ";")),
        .text(f.researchFields.prefix(5).map(\.label).joined(separator: "; ")),
        .text(net.sources(of: f.trace).joined(separator: ";")),
      ])
    }
    return TableWriter.render(
      columns: [
        "id", "name", "gap_low", "gap_high", "known_share", "display", "inherently_state_function", "flags",
        "research_next", "sources",
      ], rows: rows, format: .csv)
  }

  /// Data coverage per country: relations, sourced and confirmed shares, and how much of the
  /// metrics' weight is known for its facilities (mean κ).
  var coverageRows: [[TableValue]] {
    summary.countries.map { c in
      let fs = analysis.facilities.filter { $0.country == c.country }
      let kappa = fs.isEmpty ? nil : fs.reduce(0) { $0 + $1.composite.knownShare } / Double(fs.count)
      return [
        .text(c.country), .integer(c.entities), .integer(c.facilities), .integer(c.relations),
        .number(c.relations == 0 ? 0 : round2(Double(c.confirmedRelations) / Double(c.relations))),
        kappa.map { .number(round2($0)) } ?? .missing,
      ]
    }
  }
  static let coverageColumns = [
    "country", "entities", "facilities", "relations", "confirmed share", "mean κ of facilities",
  ]

  func coverageCSV() -> String {
    TableWriter.render(columns: Context.coverageColumns, rows: coverageRows, format: .csv)
  }

  func sourcesCSV() -> String {
    TableWriter.render(
      columns: ["id", "title", "publisher", "date", "type", "url"],
      rows: dataset.sources.map {
        [
          .text($0.id), .text($0.title), .text($0.publisher), .text($0.date.cell(\.description)),
          .text($0.sourceType.cell(\.rawValue)), .text($0.url),
        ]
      }, format: .csv)
  }

  func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }
}
