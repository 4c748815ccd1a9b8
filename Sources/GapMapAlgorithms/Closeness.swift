import GapMapGraph

extension Graph {
  /// Closeness centrality with Wasserman–Faust scaling, over outgoing distances: for `u`
  /// reaching `r` other nodes at total distance `d`, `(r / d) · (r / (n − 1))`, 0 when `d = 0`.
  ///
  /// Matches `networkx.closeness_centrality(G.reverse())` for directed graphs and
  /// `networkx.closeness_centrality(G)` for undirected ones (`distance=` when `weighted`).
  /// - Complexity: O(n · (n + m)) unweighted, O(n · (n + m) log n) weighted; parallel over
  ///   sources on `threads` threads, each result written by one thread.
  public func closeness(weighted: Bool = false, threads: Int = defaultThreadCount) -> [Double] {
    let n = nodeCount
    return perSource(weighted: weighted, threads: threads) { ws in
      var total = 0.0
      for i in 1..<max(1, ws.settled) { total += ws.dist[Int(ws.order[i])] }
      let reached = Double(ws.settled - 1)
      guard total > 0, n > 1 else { return 0 }
      return (reached / total) * (reached / Double(n - 1))
    }
  }

  /// Harmonic centrality over outgoing distances: `Σ 1/d(u, v)` over reachable `v ≠ u`.
  ///
  /// Matches `networkx.harmonic_centrality(G.reverse())` for directed graphs (undirected: `G`).
  /// - Complexity: as ``closeness(weighted:threads:)``.
  public func harmonic(weighted: Bool = false, threads: Int = defaultThreadCount) -> [Double] {
    perSource(weighted: weighted, threads: threads) { ws in
      var total = 0.0
      for i in 1..<max(1, ws.settled) {
        let d = ws.dist[Int(ws.order[i])]
        if d > 0 { total += 1 / d }
      }
      return total
    }
  }

  /// Runs a single-source search from every node and maps its result through `score`.
  func perSource(
    weighted: Bool, threads: Int, _ score: @escaping @Sendable (PathWorkspace) -> Double
  ) -> [Double] {
    let n = nodeCount
    let out = SharedBuffer<Double>(repeating: 0, count: n)
    let weights = weighted ? outSlotWeights() : nil
    let chunks = min(n, 64)
    let graph = self
    parallelChunks(chunks, threads: threads) { c in
      var ws = PathWorkspace(nodeCount: n)
      var s = c
      while s < n {
        ws.run(graph, from: s, weights: weights)
        out[s] = score(ws)
        s += chunks
      }
    }
    return out.array
  }
}
