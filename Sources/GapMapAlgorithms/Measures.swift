import GapMapGraph

/// The node measures `Graph.measures(_:options:)` computes.
///
/// The cases are named as Swift names them (`inDegree`, `edgeBetweenness`); a front end keeps its
/// own names for them (the `gapmap` command line's catalogue says `in-degree`).
public enum Measure: CaseIterable, Sendable {
  case degree
  case inDegree
  case outDegree
  case strength
  case closeness
  case harmonic
  case betweenness
  case edgeBetweenness
  case approxBetweenness
  case eigenvector
  case katz
  case pagerank
  case hubs
  case authorities
  case kcore
  case constraint
  case effectiveSize
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

  /// Whether values are whole numbers under `normalized` (which divides only the degree
  /// family; k-core, components and communities stay whole).
  public func isInteger(normalized: Bool) -> Bool {
    isInteger && !(normalized && (self == .degree || self == .inDegree || self == .outDegree))
  }

  /// Whether edge weights are read as lengths (they must then be positive).
  public var weightIsLength: Bool {
    self == .closeness || self == .harmonic || self == .betweenness || self == .edgeBetweenness
      || self == .approxBetweenness
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
  /// Iterative measures (eigenvector, Katz, PageRank, HITS): the stopping bound (nil: 1e-12 on
  /// the L1 residual; with `networkxDefaults`, networkx's tol, 1e-6 · n on the L1 change).
  public var tolerance: Double?
  /// Iterative measures: the most iterations (nil: 1,000; with `networkxDefaults`, networkx's
  /// max_iter: 100 for PageRank and eigenvector, 1,000 for Katz).
  public var maxIterations: Int?
  /// Use networkx's stopping rule and iteration for eigenvector, Katz and PageRank, to
  /// reproduce its numbers (HITS: networkx uses an SVD, so GapMap's accurate rule is kept).
  public var networkxDefaults = false

  public init() {}

  /// The stopping rule for an iterative measure.
  public func convergence(for measure: Measure) -> Convergence {
    guard networkxDefaults, measure != .hubs, measure != .authorities else {
      return Convergence(
        tolerance: tolerance ?? Convergence.accurate.tolerance,
        maxIterations: maxIterations ?? Convergence.accurate.maxIterations)
    }
    return Convergence(
      tolerance: tolerance ?? 1e-6, maxIterations: maxIterations ?? (measure == .katz ? 1000 : 100),
      networkx: true)
  }
}

/// The accuracy an iterative measure reached.
public struct MeasureAccuracy: Sendable, Equatable {
  public var measure: Measure
  /// Iterations run (see ``IterativeResult/iterations``).
  public var iterations: Int
  /// The L1 residual reached (networkx's rule: the L1 change of the last step).
  public var residual: Double
  /// The rule that was met.
  public var convergence: Convergence
}

/// Why a measure could not be computed.
public enum MeasureError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An iterative measure did not meet its stopping rule.
  case notConverged(Measure, ConvergenceError)
  /// A length-weighted measure met a weight that is not a positive length (edge id).
  case nonPositiveLength(Measure, edge: Int, weight: Double)
  /// A measure needs at least this many nodes.
  case emptyGraph(Measure)

  /// The measure the error is about.
  public var measure: Measure {
    switch self {
    case .notConverged(let m, _), .nonPositiveLength(let m, _, _), .emptyGraph(let m): return m
    }
  }

  /// What went wrong, the measure named as Swift names it (`pagerank did not converge …`).
  public var description: String { description(naming: { "\($0)" }) }

  /// What went wrong, the measure named by `name` (a front end's own name for it).
  public func description(naming name: (Measure) -> String) -> String {
    switch self {
    case .notConverged(let m, let e):
      let rule =
        e.convergence.networkx
        ? "L1 change \(e.residual), networkx's bound n · \(e.convergence.tolerance)"
        : "L1 residual \(e.residual), tolerance \(e.convergence.tolerance)"
      return "\(name(m)) did not converge in \(e.iterations) iterations (\(rule))"
    case .nonPositiveLength(let m, _, let w):
      return "\(name(m)) reads weights as lengths, which must be positive; found \(w)"
    case .emptyGraph(let m):
      return "\(name(m)) needs a graph with at least one node"
    }
  }
}

extension Graph {
  /// Computes `measures` as `gapmap centrality` does: parallel edges merged into one (weights
  /// added), self-loops ignored by path measures, networkx's definitions.
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
    try measureResults(measures, options: options).values
  }

  /// ``measures(_:options:)`` with the accuracy each iterative measure reached (in the order of
  /// `measures`; hubs and authorities share one entry each).
  /// - Complexity: the sum of the measures' own.
  public func measureResults(_ measures: [Measure], options: MeasureOptions = MeasureOptions())
    throws(MeasureError) -> (values: [[Double]], accuracy: [MeasureAccuracy])
  {
    var accuracy: [MeasureAccuracy] = []
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
    var hitsCache: HITSResult?
    func hits(_ m: Measure) throws(MeasureError) -> HITSResult {
      let c = options.convergence(for: m)
      let h: HITSResult
      if let hitsCache {
        h = hitsCache
      } else {
        do { h = try g.hits(convergence: c, threads: options.threads) } catch {
          throw .notConverged(m, error)
        }
        hitsCache = h
      }
      accuracy.append(
        MeasureAccuracy(measure: m, iterations: h.iterations, residual: h.residual, convergence: c))
      return h
    }
    func perDegree(_ x: [Double]) -> [Double] {
      options.normalized && g.nodeCount > 1 ? x.map { $0 / (n - 1) } : x
    }
    func iterative(_ m: Measure, _ run: (Convergence) throws(ConvergenceError) -> IterativeResult)
      throws(MeasureError) -> [Double]
    {
      let c = options.convergence(for: m)
      do {
        let r = try run(c)
        accuracy.append(
          MeasureAccuracy(measure: m, iterations: r.iterations, residual: r.residual, convergence: c))
        return r.values
      } catch {
        throw .notConverged(m, error)
      }
    }
    let t = options.threads
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
          epsilon: options.epsilon, delta: options.delta, seed: options.seed, weighted: weighted,
          threads: options.threads)
        out.append(options.normalized ? g.normalizedBetweenness(a.nodes) : a.nodes)
      case .eigenvector:
        guard g.nodeCount > 0 else { throw .emptyGraph(m) }
        out.append(
          try iterative(m) { c throws(ConvergenceError) in try g.eigenvector(convergence: c, threads: t) })
      case .katz:
        out.append(
          try iterative(m) { c throws(ConvergenceError) in
            try g.katz(alpha: options.alpha, beta: options.beta, convergence: c, threads: t)
          })
      case .pagerank:
        out.append(
          try iterative(m) { c throws(ConvergenceError) in
            try g.pagerank(
              damping: options.damping, personalization: options.personalization, convergence: c, threads: t)
          })
      case .hubs: out.append(try hits(m).hubs)
      case .authorities: out.append(try hits(m).authorities)
      case .kcore: out.append(g.coreNumbers())
      case .constraint: out.append(holes().constraint)
      case .effectiveSize: out.append(holes().effectiveSize)
      case .component: out.append(g.weaklyConnectedComponents().membership.map(Double.init))
      case .scc: out.append(g.stronglyConnectedComponents().membership.map(Double.init))
      case .community:
        out.append(g.louvain(resolution: options.resolution, seed: options.seed).membership.map(Double.init))
      }
    }
    return (out, accuracy)
  }
}
