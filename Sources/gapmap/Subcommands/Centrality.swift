import ArgumentParser
import GapMapAlgorithms
import GapMapGraph
import GapMapIO
import GapMapModel

/// `gapmap centrality DATASET --measure M[,M…]`
struct Centrality: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Node scores: degree, closeness, betweenness, PageRank, k-core, communities, …",
    discussion: """
      Measures (networkx function each matches):
      \(MeasureCatalogue.help)

      Iterative measures (eigenvector, katz, pagerank, hubs, authorities) run until the L1
      residual of the normalised result — one more step of the measure's iteration minus the
      result — is at most --tolerance (1e-12; eigenvector and HITS: the L1 change of a step and
      the error it implies at the observed rate), or exit 1 after --max-iterations (1000).
      networkx instead stops when one step changes the scores by less than n · 1e-6 in L1, which
      on large graphs is after two or three steps; --networkx-defaults reproduces that (hubs and
      authorities: networkx uses an SVD, and the accurate rule is kept). --timings and JSON
      output report the iterations and residual reached. An undirected self-loop counts once in
      these measures, as in networkx's adjacency matrix.

      Several relations between a pair count once; with --weight their weights add up
      (lengths for closeness, harmonic and the three betweenness measures; strengths otherwise;
      approx-betweenness then samples weighted shortest paths). Self-loops are
      ignored by path measures. Datasets are directed; plain edge lists are directed when the
      file says so, else undirected (--directed / --undirected override).

      CSV: header id,<measure>…, one row per node in input order, full precision. JSON:
      {"measures": [...], "accuracy": {"<measure>": {"iterations", "residual", "tolerance",
      "rule"}} (iterative measures only), "nodes": [{"id": …, "<measure>": …}]}.

        $ gapmap centrality datasets/border-outsourcing --measure pagerank,betweenness --top 5
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "Measures, comma-separated (see below).")
  var measure: String

  @Option(
    help:
      "Edge attribute to use as weight (datasets: value, share, bidders, modifications, count or a free column; edge lists: weight)."
  )
  var weight: String?

  @Flag(help: "Direction (default: datasets directed; edge lists as the file says, else undirected).")
  var direction: Direction?

  @Flag(help: "Normalise as networkx's normalized=True (degree family, betweenness).")
  var normalized = false

  @Option(help: "Only the N highest nodes by the first measure (ties in input order).")
  var top: Int?

  @Option(help: "Output format: table (default on a terminal), csv (default otherwise), json, jsonl.")
  var format: TableFormat?

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  @Option(help: "Threads for the parallel measures (default: all cores).")
  var threads: Int = defaultThreadCount

  @Option(help: "approx-betweenness: maximum additive error (normalised scale).")
  var epsilon = 0.01

  @Option(help: "approx-betweenness: failure probability.")
  var delta = 0.1

  @Option(help: "Seed for approx-betweenness and community.")
  var seed: UInt64 = 0

  @Option(help: "katz: attenuation factor.")
  var alpha = 0.1

  @Option(help: "katz: constant added to every node.")
  var beta = 1.0

  @Option(help: "pagerank: damping factor.")
  var damping = 0.85

  @Option(help: "pagerank: teleport only to these node ids (comma-separated).")
  var personalize: String?

  @Option(help: "community: Louvain resolution.")
  var resolution = 1.0

  @Option(
    help:
      "Iterative measures: stop when the L1 residual is at most this (default 1e-12; with --networkx-defaults, networkx's tol 1e-6, times n, on the L1 change)."
  )
  var tolerance: Double?

  @Option(
    help:
      "Iterative measures: exit 1 if not converged after this many iterations (default 1000; with --networkx-defaults, networkx's max_iter)."
  )
  var maxIterations: Int?

  @Flag(
    help:
      "eigenvector, katz, pagerank: networkx's power iteration and stopping rule (L1 change < n · tol), to reproduce its numbers."
  )
  var networkxDefaults = false

  @Flag(help: "Print the time of each phase on standard error.")
  var timings = false

  var measures: [Measure] {
    get throws {
      try FilterOptions.words(measure).map { word in
        guard let m = Measure(cliName: word) else {
          throw ValidationError(
            "--measure: unknown measure \"\(word)\" (one of \(MeasureCatalogue.names.joined(separator: ", ")))"
          )
        }
        return m
      }
    }
  }

  func validate() throws {
    let ms = try measures
    guard !ms.isEmpty else { throw ValidationError("--measure: name at least one measure") }
    if ms.contains(.edgeBetweenness) && ms.count > 1 {
      throw ValidationError("--measure: edge-betweenness scores edges, so it must be alone")
    }
    guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    guard epsilon > 0 && epsilon < 1, delta > 0 && delta < 1 else {
      throw ValidationError("--epsilon and --delta must be between 0 and 1")
    }
    guard damping >= 0 && damping < 1 else { throw ValidationError("--damping must be in [0, 1)") }
    if let top, top < 1 { throw ValidationError("--top must be at least 1") }
    if let tolerance, !(tolerance > 0) { throw ValidationError("--tolerance must be positive") }
    if let maxIterations, maxIterations < 1 { throw ValidationError("--max-iterations must be at least 1") }
  }

  func run() throws {
    var clock = Timings(enabled: timings)
    let ms = try measures
    let analysis = try AnalysisGraph.load(
      input, filters: filters, weight: weight, direction: direction, clock: &clock)
    var options = MeasureOptions()
    options.normalized = normalized
    options.threads = threads
    (options.epsilon, options.delta, options.seed) = (epsilon, delta, seed)
    (options.alpha, options.beta, options.damping, options.resolution) = (alpha, beta, damping, resolution)
    (options.tolerance, options.maxIterations, options.networkxDefaults) = (
      tolerance, maxIterations, networkxDefaults
    )
    if let personalize {
      var p = [Double](repeating: 0, count: analysis.ids.count)
      for id in FilterOptions.words(personalize) {
        guard let i = analysis.ids.firstIndex(of: id) else {
          Report.printError("\(input.dataset): --personalize: unknown node \"\(id)\"")
          Report.exitNow(1)
        }
        p[i] = 1
      }
      options.personalization = p
    }
    let scores: [[Double]]
    let accuracy: [MeasureAccuracy]
    do {
      (scores, accuracy) = try analysis.graph.measureResults(ms, options: options)
    } catch {
      var message = "\(input.dataset): \(error.messageWithOptionHint)"
      if case .nonPositiveLength(_, let e, _) = error {
        let g = analysis.graph.simplified(keepSelfLoops: true)
        message +=
          " on the edge \(analysis.ids[Int(g.edgeSources[e])]) → \(analysis.ids[Int(g.edgeTargets[e])])"
      }
      Report.printError(message)
      Report.exitNow(1)
    }
    clock.lap("compute")
    if timings {
      for a in accuracy {
        let rule =
          a.convergence.networkx
          ? "L1 change \(a.residual) < n · \(a.convergence.tolerance) (networkx)"
          : "L1 residual \(a.residual) ≤ \(a.convergence.tolerance)"
        Report.printError("\(a.measure.cliName): \(a.iterations) iterations, \(rule)")
      }
    }
    let accuracyJSON: [JSONMember] =
      accuracy.isEmpty
      ? []
      : [
        JSONMember(
          key: "accuracy",
          value: .object(
            accuracy.map { a in
              JSONMember(
                key: a.measure.cliName,
                value: .object([
                  JSONMember(key: "iterations", value: .number(String(a.iterations))),
                  JSONMember(key: "residual", value: .number(a.residual.description)),
                  JSONMember(key: "tolerance", value: .number(a.convergence.tolerance.description)),
                  JSONMember(key: "rule", value: .string(a.convergence.networkx ? "networkx" : "residual")),
                ]))
            }))
      ]
    let fmt = format ?? (output == nil ? .defaultForStdout : .csv)
    let text: String
    if ms == [.edgeBetweenness] {
      let g = analysis.graph.simplified(keepSelfLoops: true)
      var rows = (0..<g.edgeCount).map { e in
        [
          TableValue.text(analysis.ids[Int(g.edgeSources[e])]), .text(analysis.ids[Int(g.edgeTargets[e])]),
          .number(scores[0][e]),
        ]
      }
      if let top { rows = Centrality.topRows(rows, by: scores[0], count: top) }
      text = TableWriter.render(
        columns: ["source", "target", "edge-betweenness"], rows: rows, format: fmt, rowsKey: "edges",
        header: [JSONMember(key: "measures", value: .array([.string("edge-betweenness")]))])
    } else if fmt == .csv && top == nil {
      // The big-output path: bytes straight from the scores.
      let bytes = ScoreWriter.csv(
        ids: analysis.ids, columns: ms.map(\.cliName), values: scores,
        integer: ms.map { $0.isInteger(normalized: normalized) })
      clock.lap("format")
      do { try Files.writeAtomically(bytes, to: output ?? "-") } catch { Report.fail(error) }
      clock.lap("write")
      return
    } else {
      var rows = analysis.ids.indices.map { v in
        [TableValue.text(analysis.ids[v])]
          + zip(ms, scores).map { m, s in
            m.isInteger(normalized: normalized) && s[v].isFinite ? .integer(Int(s[v])) : .number(s[v])
          }
      }
      if let top { rows = Centrality.topRows(rows, by: scores[0], count: top) }
      text = TableWriter.render(
        columns: ["id"] + ms.map(\.cliName), rows: rows, format: fmt, rowsKey: "nodes",
        header: [JSONMember(key: "measures", value: .array(ms.map { .string($0.cliName) }))] + accuracyJSON)
    }
    Report.emit(text, to: output)
    clock.lap("write")
  }

  /// The `count` rows with the highest `key` (NaN last), ties in input order.
  static func topRows(_ rows: [[TableValue]], by key: [Double], count: Int) -> [[TableValue]] {
    let order = rows.indices.sorted { a, b in
      let (x, y) = (key[a].isNaN ? -Double.infinity : key[a], key[b].isNaN ? -Double.infinity : key[b])
      return x != y ? x > y : a < b
    }
    return order.prefix(count).map { rows[$0] }
  }
}
