import GapMapGraph

/// The node measures `gapmap centrality` offers, by their command-line names.
public enum Measure: String, CaseIterable, Sendable {
  case degree
  case inDegree = "in-degree"
  case outDegree = "out-degree"
  case strength
  case closeness
  case harmonic
  case betweenness
  case edgeBetweenness = "edge-betweenness"
  case approxBetweenness = "approx-betweenness"
  case eigenvector
  case katz
  case pagerank
  case hubs
  case authorities
  case kcore
  case constraint
  case effectiveSize = "effective-size"
  case component
  case scc
  case community

  /// Whether values are whole numbers (printed without a fraction).
  public var isInteger: Bool {
    switch self {
    case .degree, .inDegree, .outDegree, .kcore, .component, .scc, .community: return true
    default: return false
    }
  }

  /// Whether edge weights are read as lengths (they must then be positive).
  public var weightIsLength: Bool {
    self == .closeness || self == .harmonic || self == .betweenness || self == .edgeBetweenness
  }
}

/// Parameters of the measures (networkx's defaults).
public struct MeasureOptions: Sendable {
  /// Scale as networkx's `normalized=True` (degree family ÷ (n − 1); betweenness as networkx).
  public var normalized = false
  public var threads = defaultThreadCount
  /// Approximate betweenness: additive error bound, failure probability, seed.
  public var epsilon = 0.01
  public var delta = 0.1
  public var seed: UInt64 = 0
  /// Katz.
  public var alpha = 0.1
  public var beta = 1.0
  /// PageRank.
  public var damping = 0.85
  /// PageRank teleport weights per node (nil: uniform).
  public var personalization: [Double]?
  /// Louvain resolution.
  public var resolution = 1.0

  public init() {}
}

/// Why a measure could not be computed.
public enum MeasureError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An iterative measure did not meet its stopping rule.
  case notConverged(Measure, iterations: Int)
  /// A length-weighted measure met a weight that is not a positive length (edge id).
  case nonPositiveLength(Measure, edge: Int, weight: Double)
  /// A measure needs at least this many nodes.
  case emptyGraph(Measure)

  public var description: String {
    switch self {
    case .notConverged(let m, let it):
      return "\(m.rawValue) did not converge in \(it) iterations"
    case .nonPositiveLength(let m, _, let w):
      return "\(m.rawValue) reads weights as lengths, which must be positive; found \(w)"
    case .emptyGraph(let m):
      return "\(m.rawValue) needs a graph with at least one node"
    }
  }
}

extension Graph {
  /// Computes `measures` with the conventions of GapMap's CLI spec: parallel edges merged into
  /// one (weights added), self-loops ignored by path measures, networkx's definitions.
  ///
  /// ```swift
  /// let scores = try g.measures([.pagerank, .betweenness])
  /// scores[0][v]   // PageRank of node v
  /// ```
  /// - Returns: one array per measure, indexed by node (edge-betweenness: by edge of
  ///   ``simplified(keepSelfLoops:)``, in order of first appearance).
  /// - Complexity: the sum of the measures' own.
  public func measures(_ measures: [Measure], options: MeasureOptions = MeasureOptions()) throws(MeasureError)
    -> [[Double]]
  {
    let g = simplified(keepSelfLoops: true)
    if let w = g.edgeWeights, let m = measures.first(where: \.weightIsLength),
      let bad = w.firstIndex(where: { !($0 > 0) })
    {
      throw .nonPositiveLength(m, edge: bad, weight: w[bad])
    }
    let weighted = g.isWeighted
    let n = Double(g.nodeCount)
    var brandes: Betweenness?
    func between() -> Betweenness {
      if let brandes { return brandes }
      let b = g.betweenness(
        weighted: weighted, edges: measures.contains(.edgeBetweenness), threads: options.threads)
      brandes = b
      return b
    }
    var holesCache: (constraint: [Double], effectiveSize: [Double])?
    func holes() -> (constraint: [Double], effectiveSize: [Double]) {
      if let holesCache { return holesCache }
      let h = g.simplified().structuralHoles()
      holesCache = h
      return h
    }
    var hitsCache: (hubs: [Double], authorities: [Double])?
    func hits() -> (hubs: [Double], authorities: [Double]) {
      if let hitsCache { return hitsCache }
      let h = g.hits()
      hitsCache = (h.hubs, h.authorities)
      return (h.hubs, h.authorities)
    }
    func perDegree(_ x: [Double]) -> [Double] {
      options.normalized && g.nodeCount > 1 ? x.map { $0 / (n - 1) } : x
    }
    func converged(_ r: IterativeResult, _ m: Measure) throws(MeasureError) -> [Double] {
      guard r.converged else { throw .notConverged(m, iterations: r.iterations) }
      return r.values
    }
    var out: [[Double]] = []
    for m in measures {
      switch m {
      case .degree: out.append(perDegree(g.degrees()))
      case .inDegree: out.append(perDegree(g.inDegrees()))
      case .outDegree: out.append(perDegree(g.outDegrees()))
      case .strength: out.append(g.strengths())
      case .closeness: out.append(g.closeness(weighted: weighted, threads: options.threads))
      case .harmonic: out.append(g.harmonic(weighted: weighted, threads: options.threads))
      case .betweenness:
        let b = between().nodes
        out.append(options.normalized ? g.normalizedBetweenness(b) : b)
      case .edgeBetweenness:
        let b = between().edges
        out.append(options.normalized ? g.normalizedEdgeBetweenness(b) : b)
      case .approxBetweenness:
        let a = g.approximateBetweenness(
          epsilon: options.epsilon, delta: options.delta, seed: options.seed, threads: options.threads)
        out.append(options.normalized ? g.normalizedBetweenness(a.nodes) : a.nodes)
      case .eigenvector:
        guard g.nodeCount > 0 else { throw .emptyGraph(m) }
        out.append(try converged(g.eigenvector(), m))
      case .katz:
        out.append(try converged(g.katz(alpha: options.alpha, beta: options.beta), m))
      case .pagerank:
        out.append(
          try converged(g.pagerank(damping: options.damping, personalization: options.personalization), m))
      case .hubs: out.append(hits().hubs)
      case .authorities: out.append(hits().authorities)
      case .kcore: out.append(g.coreNumbers())
      case .constraint: out.append(holes().constraint)
      case .effectiveSize: out.append(holes().effectiveSize)
      case .component: out.append(g.weaklyConnectedComponents().membership.map(Double.init))
      case .scc: out.append(g.stronglyConnectedComponents().membership.map(Double.init))
      case .community:
        out.append(g.louvain(resolution: options.resolution, seed: options.seed).membership.map(Double.init))
      }
    }
    return out
  }
}
