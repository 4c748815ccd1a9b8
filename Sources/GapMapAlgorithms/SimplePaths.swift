import GapMapGraph

/// Simple paths between two nodes, each as the edge ids it follows, with whether the
/// enumeration stopped early.
public struct SimplePaths: Sendable, Equatable {
  /// The paths, each as its edge ids from the source to the target, in the order found.
  public let paths: [[Int32]]
  /// Whether there may be more: the limit, the step budget or the deadline ran out first.
  public let truncated: Bool
}

extension Graph {
  /// The simple paths from `source` to `target` along out-arcs (all arcs when undirected),
  /// depth first, leaving each node by its edges in edge-id order; at most `limit` of them.
  ///
  /// Parallel edges give distinct paths (the paths are edge sequences, as networkx's
  /// `all_simple_edge_paths` on a multigraph); a `source` equal to `target` gives one empty
  /// path. Every branch is pruned unless `target` is still reachable from it without
  /// revisiting the path (one backward search from `target` per node entered, serving all of
  /// its edges), so no work is spent on dead ends: a clique has exponentially many of them.
  ///
  /// ```swift
  /// // 0 → 1 → 3, 0 → 2 → 3, 0 → 3
  /// let g = try Graph(nodeCount: 4, sources: [0, 1, 0, 2, 0], targets: [1, 3, 2, 3, 3], directed: true)
  /// let found = g.simplePaths(from: 0, to: 3)
  /// print(found.paths, found.truncated)  // [[0, 1], [2, 3], [4]] false
  /// ```
  ///
  /// - Parameters:
  ///   - source: the first node of every path.
  ///   - target: the last node of every path.
  ///   - limit: the most paths returned.
  ///   - maxSteps: the work budget: nodes visited by the pruning searches plus edges followed.
  ///   - deadline: a time after which the enumeration stops (checked every 1,024 steps).
  /// - Returns: the paths in depth-first order, and `truncated` when the limit, the budget or the
  ///   deadline stopped the enumeration before it was complete.
  /// - Complexity: O(limit · depth · (n + m)) with the pruning, never more than `maxSteps` steps.
  public func simplePaths(
    from source: Int, to target: Int, limit: Int = 1000, maxSteps: Int = 2_000_000,
    deadline: ContinuousClock.Instant? = nil
  ) -> SimplePaths {
    // Each node's (edge, head) pairs by edge id: the CSR rows are sorted by head instead.
    var exits = [[(edge: Int32, head: Int32)]](repeating: [], count: nodeCount)
    for v in 0..<nodeCount {
      exits[v] = (outOffsets[v]..<outOffsets[v + 1]).map { (outEdge[$0], outTargets[$0]) }
      exits[v].sort { ($0.edge, $0.head) < ($1.edge, $1.head) }
    }
    var paths: [[Int32]] = []
    var truncated = false
    var path: [Int32] = []
    var onPath = [Bool](repeating: false, count: nodeCount)
    onPath[source] = true
    var steps = 0
    let clock = ContinuousClock()
    // The nodes from which `target` is reachable without entering the path (except `v`):
    // searched backwards from `target`, so one search serves every edge of `v`.
    var live = [Bool](repeating: false, count: nodeCount)
    var stack: [Int] = []
    var touched: [Int] = []
    func markLive(except v: Int) {
      for u in touched { live[u] = false }
      touched = [target]
      live[target] = true
      stack = [target]
      while let w = stack.popLast() {
        steps += 1
        for u32 in inNeighbors(of: w) {
          let u = Int(u32)
          if (onPath[u] && u != v) || live[u] { continue }
          live[u] = true
          touched.append(u)
          stack.append(u)
        }
      }
    }
    func walk(_ v: Int) {
      if paths.count >= limit || steps > maxSteps {
        truncated = true
        return
      }
      if let deadline, steps % 1024 == 0, clock.now > deadline {
        truncated = true
        steps = maxSteps + 1
        return
      }
      if v == target {
        paths.append(path)
        return
      }
      markLive(except: v)
      let next = exits[v].filter { !onPath[Int($0.head)] && live[Int($0.head)] }
      for (e, w) in next {
        steps += 1
        onPath[Int(w)] = true
        path.append(e)
        walk(Int(w))
        path.removeLast()
        onPath[Int(w)] = false
        if truncated { return }
      }
    }
    walk(source)
    return SimplePaths(paths: paths, truncated: truncated)
  }
}
