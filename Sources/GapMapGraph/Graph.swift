/// An immutable graph in compressed-sparse-row (CSR) form with `Int32` node indices.
///
/// Nodes are `0..<nodeCount`. Each row of the out-adjacency lists the heads of the arcs leaving
/// a node, sorted ascending; the in-adjacency lists the tails of the arcs entering it. An
/// undirected graph stores each edge in both rows and shares one array for `in` and `out`.
/// Every adjacency slot also records the index of the input edge it came from, so per-edge
/// results (edge betweenness, weights, relation ids) map back to the caller's edge list.
///
/// ```swift
/// let g = try Graph(nodeCount: 3, sources: [0, 1], targets: [1, 2], directed: true)
/// g.outNeighbors(of: 1)   // [2]
/// g.inNeighbors(of: 1)    // [0]
/// ```
///
/// The storage is a handful of contiguous arrays, so algorithms can walk it with
/// `withUnsafeBufferPointer` and no per-node objects.
public struct Graph: Sendable {
  /// The number of nodes.
  public let nodeCount: Int
  /// Whether arcs have a direction.
  public let isDirected: Bool
  /// Row offsets of the out-adjacency: row `v` is `outOffsets[v]..<outOffsets[v+1]`.
  public let outOffsets: [Int]
  /// Heads of the out-arcs, row by row, ascending within a row.
  public let outTargets: [Int32]
  /// For each out-slot, the index of the input edge it came from.
  public let outEdge: [Int32]
  /// Row offsets of the in-adjacency (the same array as `outOffsets` when undirected).
  public let inOffsets: [Int]
  /// Tails of the in-arcs, row by row, ascending within a row.
  public let inSources: [Int32]
  /// For each in-slot, the index of the input edge it came from.
  public let inEdge: [Int32]
  /// Endpoints of the input edges after merging (index = edge id).
  public let edgeSources: [Int32]
  /// Endpoints of the input edges after merging (index = edge id).
  public let edgeTargets: [Int32]
  /// Optional weight per edge id.
  public let edgeWeights: [Double]?

  /// The number of edges (an undirected edge counts once).
  public var edgeCount: Int { edgeSources.count }
  /// Whether the graph has edge weights.
  public var isWeighted: Bool { edgeWeights != nil }

  /// What to do with several edges between the same ordered pair (unordered when undirected).
  public enum ParallelEdges: Sendable {
    /// Keep every edge (a multigraph).
    case keep
    /// Merge them into one edge; weights add up.
    case merge
  }

  /// Builds a graph from an edge list, checking it first.
  ///
  /// - Parameters:
  ///   - nodeCount: the number of nodes; every endpoint must be in `0..<nodeCount`.
  ///   - sources: the tail of edge `i` is `sources[i]`.
  ///   - targets: the head of edge `i` is `targets[i]`.
  ///   - weights: optional per-edge weights (same length).
  ///   - directed: whether edges have a direction.
  ///   - parallel: keep parallel edges, or merge them (weights summed, first edge's id kept in
  ///     order of appearance; the merged edge ids are renumbered densely in input order).
  ///   - selfLoops: whether to keep self-loops.
  /// - Throws: ``GraphError`` when an endpoint is outside `0..<nodeCount`, the arrays differ in
  ///   length, or `nodeCount` is negative or above `Int32.max` — before any memory is touched.
  /// - Complexity: O(n + m) time and memory (two counting-sort passes, no comparison sort).
  public init(
    nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Double]? = nil,
    directed: Bool, parallel: ParallelEdges = .keep, selfLoops: Bool = true
  ) throws(GraphError) {
    guard nodeCount >= 0 && nodeCount <= Int(Int32.max) else { throw .nodeCountOutOfRange(nodeCount) }
    guard sources.count == targets.count else {
      throw .lengthMismatch(sources: sources.count, targets: targets.count, weights: weights?.count)
    }
    if let weights, weights.count != sources.count {
      throw .lengthMismatch(sources: sources.count, targets: targets.count, weights: weights.count)
    }
    let limit = Int32(truncatingIfNeeded: nodeCount)
    for (e, (u, v)) in zip(sources, targets).enumerated() where u < 0 || u >= limit || v < 0 || v >= limit {
      throw .endpointOutOfRange(edge: e, node: u < 0 || u >= limit ? u : v, nodeCount: nodeCount)
    }
    self.init(
      uncheckedNodeCount: nodeCount, sources: sources, targets: targets, weights: weights, directed: directed,
      parallel: parallel, selfLoops: selfLoops)
  }

  /// Builds a graph from an edge list whose endpoints the caller has made itself, within
  /// `0..<nodeCount` (the package's readers and projections); other callers use the checking
  /// initialiser.
  /// - Complexity: O(n + m).
  package init(
    uncheckedNodeCount nodeCount: Int, sources: [Int32], targets: [Int32], weights: [Double]? = nil,
    directed: Bool, parallel: ParallelEdges = .keep, selfLoops: Bool = true
  ) {
    precondition(sources.count == targets.count, "sources and targets differ in length")
    precondition(weights == nil || weights?.count == sources.count, "weights differ in length")
    precondition(nodeCount >= 0 && nodeCount <= Int(Int32.max), "node count out of range")
    self.nodeCount = nodeCount
    self.isDirected = directed

    var src = sources
    var dst = targets
    var w = weights
    if !selfLoops || parallel == .merge {
      (src, dst, w) = Graph._clean(
        nodeCount: nodeCount, sources: src, targets: dst, weights: w, directed: directed,
        merge: parallel == .merge, dropSelfLoops: !selfLoops)
    }
    edgeSources = src
    edgeTargets = dst
    edgeWeights = w

    if directed {
      (outOffsets, outTargets, outEdge) = Graph._rows(
        nodeCount: nodeCount, tails: src, heads: dst, symmetric: false)
      (inOffsets, inSources, inEdge) = Graph._rows(
        nodeCount: nodeCount, tails: dst, heads: src, symmetric: false)
    } else {
      (outOffsets, outTargets, outEdge) = Graph._rows(
        nodeCount: nodeCount, tails: src, heads: dst, symmetric: true)
      inOffsets = outOffsets
      inSources = outTargets
      inEdge = outEdge
    }
    #if DEBUG
      checkInvariants()
    #endif
  }

  /// The out-neighbours of `v` (all neighbours when undirected), ascending.
  /// - Complexity: O(1) to obtain; the slice shares storage.
  @inlinable
  public func outNeighbors(of v: Int) -> ArraySlice<Int32> {
    outTargets[outOffsets[v]..<outOffsets[v + 1]]
  }

  /// The in-neighbours of `v` (all neighbours when undirected), ascending.
  /// - Complexity: O(1) to obtain; the slice shares storage.
  @inlinable
  public func inNeighbors(of v: Int) -> ArraySlice<Int32> {
    inSources[inOffsets[v]..<inOffsets[v + 1]]
  }

  /// Out-degree (degree when undirected; a self-loop counts twice there, as in networkx).
  /// - Complexity: O(1).
  @inlinable
  public func outDegree(_ v: Int) -> Int { outOffsets[v + 1] - outOffsets[v] }

  /// In-degree (degree when undirected).
  /// - Complexity: O(1).
  @inlinable
  public func inDegree(_ v: Int) -> Int { inOffsets[v + 1] - inOffsets[v] }

  /// The weight of edge `e`, or 1 when the graph is unweighted.
  /// - Complexity: O(1).
  @inlinable
  public func weight(ofEdge e: Int) -> Double { edgeWeights?[e] ?? 1 }

  /// The same edges with every direction reversed (an undirected graph is returned as is).
  /// - Complexity: O(1) for undirected graphs, O(n + m) otherwise.
  public func reversed() -> Graph {
    guard isDirected else { return self }
    return Graph(
      uncheckedNodeCount: nodeCount, sources: edgeTargets, targets: edgeSources, weights: edgeWeights,
      directed: true)
  }

  /// The undirected view of this graph (each arc becomes an edge; parallel edges kept).
  /// - Complexity: O(n + m).
  public func undirected() -> Graph {
    guard isDirected else { return self }
    return Graph(
      uncheckedNodeCount: nodeCount, sources: edgeSources, targets: edgeTargets, weights: edgeWeights,
      directed: false)
  }
}

extension Graph {
  /// The simple graph: parallel edges merged (weights added), self-loops dropped unless
  /// `keepSelfLoops`. Edge ids are renumbered in order of first appearance.
  /// - Complexity: O(n + m).
  public func simplified(keepSelfLoops: Bool = false) -> Graph {
    // Most graphs are simple already: one pass over the sorted rows avoids a rebuild.
    if _isSimple(keepSelfLoops: keepSelfLoops) { return self }
    return Graph(
      uncheckedNodeCount: nodeCount, sources: edgeSources, targets: edgeTargets, weights: edgeWeights,
      directed: isDirected, parallel: .merge, selfLoops: keepSelfLoops)
  }

  /// Whether no two arcs of a row share a target (rows are sorted) and, unless
  /// `keepSelfLoops` on a directed graph, no arc is a self-loop.
  /// - Complexity: O(n + m), no allocation.
  func _isSimple(keepSelfLoops: Bool) -> Bool {
    outOffsets.withUnsafeBufferPointer { off in
      outTargets.withUnsafeBufferPointer { tgt in
        for v in 0..<nodeCount {
          var prev = -1
          for p in off[v]..<off[v + 1] {
            let t = Int(tgt[p])
            if t <= prev { return false }
            if t == v && (!keepSelfLoops || !isDirected) { return false }
            prev = t
          }
        }
        return true
      }
    }
  }

  /// The weight of each out-slot (`edgeWeights[outEdge[p]]`), or `nil` when unweighted: lets hot
  /// loops read weights contiguously.
  /// - Complexity: O(m).
  public func outSlotWeights() -> [Double]? {
    guard let w = edgeWeights else { return nil }
    return outEdge.map { w[Int($0)] }
  }

  /// The weight of each in-slot, or `nil` when unweighted.
  /// - Complexity: O(m).
  public func inSlotWeights() -> [Double]? {
    guard let w = edgeWeights else { return nil }
    return inEdge.map { w[Int($0)] }
  }
}

extension Graph {
  /// The out-slot of the arc `u → v` (the first, if parallel), by binary search in u's sorted
  /// row; `nil` when there is none.
  /// - Complexity: O(log out-degree(u)).
  public func arcSlot(from u: Int, to v: Int) -> Int? {
    var lo = outOffsets[u]
    var hi = outOffsets[u + 1]
    while lo < hi {
      let mid = (lo + hi) / 2
      if Int(outTargets[mid]) < v { lo = mid + 1 } else { hi = mid }
    }
    return lo < outOffsets[u + 1] && Int(outTargets[lo]) == v ? lo : nil
  }
}

/// Why ``Graph/init(nodeCount:sources:targets:weights:directed:parallel:selfLoops:)`` refused an
/// edge list.
public enum GraphError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Edge `edge` has the endpoint `node`, outside `0..<nodeCount`.
  case endpointOutOfRange(edge: Int, node: Int32, nodeCount: Int)
  /// The endpoint (and weight) arrays differ in length.
  case lengthMismatch(sources: Int, targets: Int, weights: Int?)
  /// The node count is negative or above `Int32.max`.
  case nodeCountOutOfRange(Int)

  public var description: String {
    switch self {
    case .endpointOutOfRange(let e, let v, let n):
      return "edge \(e) has the endpoint \(v), outside the \(n) nodes 0..<\(n)"
    case .lengthMismatch(let s, let t, let w):
      return "\(s) sources, \(t) targets" + (w.map { " and \($0) weights" } ?? "") + ": the lengths differ"
    case .nodeCountOutOfRange(let n):
      return "a graph has 0 to \(Int32.max) nodes, not \(n)"
    }
  }
}
