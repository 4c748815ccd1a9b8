import GapMapGraph

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The result of sampled betweenness.
public struct ApproximateBetweenness: Sendable {
  /// Estimated betweenness per node on networkx's unnormalised scale (ordered pairs for
  /// directed graphs, unordered for undirected).
  public var nodes: [Double]
  /// The number of sampled paths.
  public var samples: Int
  /// The vertex-diameter bound used for the sample size.
  public var vertexDiameterBound: Int
}

extension Graph {
  /// Betweenness estimated from uniformly sampled shortest paths (Riondato & Kornaropoulos,
  /// "Fast approximation of betweenness centrality through sampling", WSDM 2014).
  ///
  /// With `r = ⌈(c/ε²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉` samples (c = 0.5, VD a bound on the vertex
  /// diameter), every node's estimate of `b(v) = 1/(n(n−1)) Σ_{s≠t} σ_st(v)/σ_st` is within ε
  /// of the truth with probability at least 1 − δ. The result is rescaled to networkx's
  /// unnormalised values (× n(n − 1), halved when undirected). Deterministic for a seed and any
  /// thread count (each chunk of samples has its own generator derived from the seed).
  ///
  /// With `weighted`, edge weights are lengths (they must be positive): each sample is a
  /// shortest path by Dijkstra, drawn uniformly among the weighted shortest s–t paths, and the
  /// estimate approximates `betweenness_centrality(G, weight=)`.
  ///
  /// VD bound: for unweighted undirected graphs 2·ecc + 1 from one node per component; for
  /// directed or weighted graphs the number of nodes of the largest weak component.
  /// - Complexity: O(r · (n + m)) worst case, each sample's BFS stopping at the target's level;
  ///   weighted O(r · (n + m) log n).
  public func approximateBetweenness(
    epsilon: Double = 0.01, delta: Double = 0.1, seed: UInt64 = 0, weighted: Bool = false,
    threads: Int = defaultThreadCount
  ) -> ApproximateBetweenness {
    let n = nodeCount
    guard n >= 3 else {
      return ApproximateBetweenness(
        nodes: [Double](repeating: 0, count: n), samples: 0, vertexDiameterBound: n)
    }
    let outW = weighted ? outSlotWeights() : nil
    let inW = weighted ? inSlotWeights() : nil
    let vd = _vertexDiameterBound(weighted: outW != nil)
    let logTerm = vd > 3 ? floor(log2(Double(vd - 2))) : 0
    // Total for any epsilon and delta in (0, 1): a tiny epsilon overflows the sample count to
    // infinity, which is capped (the run is then bounded by time, not by a trap).
    let samples = ceil((0.5 / (epsilon * epsilon)) * (logTerm + 1 + log(1 / delta)))
    let r = samples.isFinite && samples < 1e12 ? Int(samples) : 1_000_000_000_000
    let chunks = 16
    let partial = (0..<chunks).map { _ in SharedBuffer<Double>(repeating: 0, count: n) }
    let graph = self
    // Each chunk's generator starts at a well-mixed state drawn from the seed's stream (seeding
    // with seed + c would give overlapping, shifted copies of one SplitMix64 stream).
    var seeder = SplitMix64(seed: seed)
    let chunkSeeds = (0..<chunks).map { _ in seeder.next() }
    parallelChunks(chunks, threads: threads) { c in
      var rng = SplitMix64(seed: chunkSeeds[c])
      var ws = PathWorkspace(nodeCount: n)
      let out = partial[c].pointer
      let count = r / chunks + (c < r % chunks ? 1 : 0)
      for _ in 0..<count {
        let s = rng.below(n)
        var t = rng.below(n - 1)
        if t >= s { t += 1 }
        ws.run(graph, from: s, weights: outW, stopAt: t)
        guard ws.dist[t].isFinite else { continue }
        // Walk back from t choosing each predecessor with probability σ_v / σ_w.
        var w = t
        while true {
          let target = rng.unit() * ws.sigma[w]
          var acc = 0.0
          var chosen = -1
          for q in graph.inOffsets[w]..<graph.inOffsets[w + 1] {
            let v = Int(graph.inSources[q])
            guard v != w, ws.dist[v] + (inW?[q] ?? 1) == ws.dist[w] else { continue }
            acc += ws.sigma[v]
            chosen = v
            if acc > target { break }
          }
          if chosen < 0 || chosen == s { break }
          out[chosen] += 1
          w = chosen
        }
      }
    }
    var est = [Double](repeating: 0, count: n)
    for c in 0..<chunks { for v in 0..<n { est[v] += partial[c][v] } }
    let scale = Double(n) * Double(n - 1) / Double(r) / (isDirected ? 1 : 2)
    return ApproximateBetweenness(nodes: est.map { $0 * scale }, samples: r, vertexDiameterBound: vd)
  }

  /// An upper bound on the vertex diameter (nodes on a longest shortest path).
  func _vertexDiameterBound(weighted: Bool = false) -> Int {
    let comps = weaklyConnectedComponents()
    // A weighted shortest path may take more hops than any unweighted one.
    if isDirected || weighted { return comps.sizes.first ?? 1 }
    var firstOf = [Int](repeating: -1, count: comps.count)
    for v in 0..<nodeCount where firstOf[Int(comps.membership[v])] < 0 {
      firstOf[Int(comps.membership[v])] = v
    }
    var ws = PathWorkspace(nodeCount: nodeCount)
    var bound = 1
    for v in firstOf where v >= 0 {
      ws.run(self, from: v, weights: nil)
      let ecc = Int(ws.dist[Int(ws.order[ws.settled - 1])])
      bound = Swift.max(bound, Swift.min(2 * ecc + 1, comps.sizes[Int(comps.membership[v])]))
    }
    return bound
  }
}
