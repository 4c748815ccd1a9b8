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
    if !weighted {
      return bfsPerSource(threads: threads) { reached, total, _ in
        guard total > 0, n > 1 else { return 0 }
        let r = Double(reached)
        return (r / Double(total)) * (r / Double(n - 1))
      }
    }
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
    if !weighted { return bfsPerSource(threads: threads) { _, _, harmonic in harmonic } }
    return perSource(weighted: weighted, threads: threads) { ws in
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

  /// Unweighted searches from every node by a lean BFS (levels as `Int32`, raw pointers, no
  /// path counts): `score(reached, total distance, Σ 1/d)` per source, sums in BFS order.
  func bfsPerSource(threads: Int, _ score: @escaping @Sendable (Int, Int, Double) -> Double) -> [Double] {
    let n = nodeCount
    let out = SharedBuffer<Double>(repeating: 0, count: n)
    let chunks = min(n, 64)
    let graph = self
    parallelChunks(chunks, threads: threads) { c in
      let level = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, n))
      level.initialize(repeating: -1, count: max(1, n))
      let order = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, n))
      defer {
        level.deallocate()
        order.deallocate()
      }
      graph.outOffsets.withUnsafeBufferPointer { offB in
        graph.outTargets.withUnsafeBufferPointer { tgtB in
          guard let off = offB.baseAddress else { return }
          let tgt = tgtB.baseAddress
          var s = c
          while s < n {
            level[s] = 0
            order[0] = Int32(truncatingIfNeeded: s)
            var head = 0
            var tail = 1
            var total = 0
            var harmonic = 0.0
            while head < tail {
              let v = Int(order[head])
              head &+= 1
              let nl = level[v] &+ 1
              var p = off[v]
              let end = off[v &+ 1]
              while p < end, let t = tgt {
                let w = Int(t[p])
                if level[w] < 0 {
                  level[w] = nl
                  order[tail] = Int32(truncatingIfNeeded: w)
                  tail &+= 1
                  total &+= Int(nl)
                  harmonic += 1 / Double(nl)
                }
                p &+= 1
              }
            }
            out[s] = score(tail - 1, total, harmonic)
            for k in 0..<tail { level[Int(order[k])] = -1 }
            s += chunks
          }
        }
      }
    }
    return out.array
  }
}
