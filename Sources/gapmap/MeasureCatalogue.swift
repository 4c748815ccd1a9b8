import ArgumentParser
import GapMapAlgorithms

/// The measures of `gapmap centrality --measure` and `gapmap render --size-by` by their
/// command-line names, with the help line of each group: the one place the CLI names them.
///
/// ```
/// $ gapmap centrality --help
///   degree, in-degree, out-degree   counts (--normalized: ÷ (n − 1))
///   …
/// ```
enum MeasureCatalogue {
  /// The lines of the help's measure list, in order: the measures each names and what they
  /// match in networkx. Every measure appears once.
  static let groups: [(measures: [Measure], help: String)] = [
    ([.degree, .inDegree, .outDegree], "counts (--normalized: ÷ (n − 1))"),
    ([.strength], "sum of edge weights (G.degree(weight=))"),
    ([.closeness], "closeness_centrality, outgoing distances when directed"),
    ([.harmonic], "harmonic_centrality, outgoing distances when directed"),
    ([.betweenness], "betweenness_centrality(normalized=False); --normalized"),
    ([.edgeBetweenness], "edge_betweenness_centrality (alone; rows source,target)"),
    ([.approxBetweenness], "Riondato–Kornaropoulos sampling: --epsilon --delta --seed"),
    ([.eigenvector], "eigenvector_centrality (in-edges when directed)"),
    ([.katz], "katz_centrality: --alpha (0.1) --beta (1)"),
    ([.pagerank], "pagerank: --damping (0.85) --personalize ID,…"),
    ([.hubs, .authorities], "hits (each sums to 1)"),
    ([.kcore], "core_number on the undirected simple graph"),
    ([.constraint, .effectiveSize], "Burt's structural holes (NaN for isolated nodes)"),
    ([.component, .scc], "weakly / strongly connected component (largest = 0)"),
    ([.community], "Louvain (--resolution, --seed), largest = 0"),
  ]

  /// The measure list of `gapmap centrality --help`: one line per group, names in a column of
  /// 32 characters.
  static var help: String {
    groups.map { group in
      let names = group.measures.map(\.cliName).joined(separator: ", ")
      return "  " + names + String(repeating: " ", count: max(1, 32 - names.count)) + group.help
    }.joined(separator: "\n")
  }

  /// Every command-line name, in the order of ``Measure/allCases``.
  static var names: [String] { Measure.allCases.map(\.cliName) }
}

extension Measure {
  /// The measure's command-line name (`in-degree`, `edge-betweenness`).
  var cliName: String {
    switch self {
    case .degree: return "degree"
    case .inDegree: return "in-degree"
    case .outDegree: return "out-degree"
    case .strength: return "strength"
    case .closeness: return "closeness"
    case .harmonic: return "harmonic"
    case .betweenness: return "betweenness"
    case .edgeBetweenness: return "edge-betweenness"
    case .approxBetweenness: return "approx-betweenness"
    case .eigenvector: return "eigenvector"
    case .katz: return "katz"
    case .pagerank: return "pagerank"
    case .hubs: return "hubs"
    case .authorities: return "authorities"
    case .kcore: return "kcore"
    case .constraint: return "constraint"
    case .effectiveSize: return "effective-size"
    case .component: return "component"
    case .scc: return "scc"
    case .community: return "community"
    }
  }

  /// The measure with the command-line name `cliName`, if there is one.
  init?(cliName: String) {
    guard let m = Measure.allCases.first(where: { $0.cliName == cliName }) else { return nil }
    self = m
  }
}

extension Measure: ExpressibleByArgument {
  public init?(argument: String) { self.init(cliName: argument) }
  public static var allValueStrings: [String] { MeasureCatalogue.names }
  public var defaultValueDescription: String { cliName }
}
