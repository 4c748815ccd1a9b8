import GapMapGraph

/// A partition of the nodes into communities with its modularity.
public struct Communities: Sendable, Equatable {
  /// The community of each node, numbered by size (largest = 0; ties by smallest member).
  public var membership: [Int32]
  /// Newman–Girvan modularity of the partition at the resolution used.
  public var modularity: Double
}

extension Graph {
  /// Communities by the Louvain method (Blondel et al. 2008) on the undirected weighted graph
  /// (directions ignored, parallel weights added, weight 1 when unweighted), with networkx's
  /// defaults: resolution γ = 1, a level stops improving when its modularity gain is at most
  /// `threshold` (1e-7). Nodes are visited in a seeded random order, so the same seed gives the
  /// same partition; the partition differs from networkx's (which uses Python's generator) but
  /// is of comparable modularity.
  /// - Complexity: O(m) per pass, typically a few passes per level and O(log n) levels.
  public func louvain(resolution: Double = 1, threshold: Double = 1e-7, seed: UInt64 = 0) -> Communities {
    let n = nodeCount
    // Level graph as symmetric adjacency with weights (self-loops hold internal weight).
    var base = Graph._weightedSymmetric(self)
    var membership = Array(0..<n)  // original node → current community
    var rng = SplitMix64(seed: seed)
    let totalWeight = base.totalWeight
    guard totalWeight > 0 else {
      return Graph._finish(membership: membership, modularity: 0)
    }
    var modularity = base.modularity(Array(0..<base.n), resolution: resolution, m: totalWeight)
    while true {
      var community = Array(0..<base.n)
      var tot = base.strength
      var improved = false
      var order = Array(0..<base.n)
      order.shuffle(using: &rng)
      var neighborWeight = [Double](repeating: 0, count: base.n)
      var touched: [Int] = []
      var moved = true
      while moved {
        moved = false
        for v in order {
          let cv = community[v]
          let kv = base.strength[v]
          // Weights from v to each neighbouring community.
          for (u, w) in base.neighbors(v) where u != v {
            if neighborWeight[community[u]] == 0 { touched.append(community[u]) }
            neighborWeight[community[u]] += w
          }
          tot[cv] -= kv
          let removeGain = neighborWeight[cv] - resolution * tot[cv] * kv / (2 * totalWeight)
          var best = cv
          var bestGain = removeGain
          for c in touched.sorted() where c != cv {
            let gain = neighborWeight[c] - resolution * tot[c] * kv / (2 * totalWeight)
            if gain > bestGain {
              bestGain = gain
              best = c
            }
          }
          tot[best] += kv
          if best != cv {
            community[v] = best
            moved = true
            improved = true
          }
          for c in touched { neighborWeight[c] = 0 }
          neighborWeight[cv] = 0
          touched.removeAll(keepingCapacity: true)
        }
      }
      let newModularity = base.modularity(community, resolution: resolution, m: totalWeight)
      if !improved || newModularity - modularity <= threshold {
        if improved && newModularity > modularity {
          membership = membership.map { community[$0] }
          modularity = newModularity
        }
        break
      }
      // Aggregate communities into nodes of the next level.
      var relabel = [Int](repeating: -1, count: base.n)
      var next = 0
      for c in community where relabel[c] < 0 {
        relabel[c] = next
        next += 1
      }
      membership = membership.map { relabel[community[$0]] }
      base = base.aggregated(community.map { relabel[$0] }, count: next)
      modularity = newModularity
    }
    return Graph._finish(membership: membership, modularity: modularity)
  }

  static func _finish(membership: [Int], modularity: Double) -> Communities {
    let k = (membership.max() ?? -1) + 1
    var sizes = [Int](repeating: 0, count: k)
    var smallest = [Int](repeating: Int.max, count: k)
    for (v, c) in membership.enumerated() {
      sizes[c] += 1
      smallest[c] = Swift.min(smallest[c], v)
    }
    let order = (0..<k).filter { sizes[$0] > 0 }.sorted {
      sizes[$0] != sizes[$1] ? sizes[$0] > sizes[$1] : smallest[$0] < smallest[$1]
    }
    var renumber = [Int32](repeating: 0, count: k)
    for (rank, c) in order.enumerated() { renumber[c] = Int32(rank) }
    return Communities(membership: membership.map { renumber[$0] }, modularity: modularity)
  }

  /// A symmetric weighted adjacency for Louvain.
  static func _weightedSymmetric(_ g: Graph) -> LouvainLevel {
    var adj = [[Int: Double]](repeating: [:], count: g.nodeCount)
    for e in 0..<g.edgeCount {
      let u = Int(g.edgeSources[e])
      let v = Int(g.edgeTargets[e])
      let w = g.edgeWeights?[e] ?? 1
      adj[u][v, default: 0] += w
      if u != v { adj[v][u, default: 0] += w }
    }
    return LouvainLevel(adjacency: adj)
  }
}

/// One level of the Louvain hierarchy: a small weighted undirected graph.
struct LouvainLevel {
  /// Neighbour → weight, sorted by neighbour when read; a self-loop weight counts once.
  var rows: [[(Int, Double)]]
  var strength: [Double]
  var totalWeight: Double
  var n: Int { rows.count }

  init(adjacency: [[Int: Double]]) {
    rows = adjacency.map { $0.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
    // Strength as networkx: a self-loop adds twice its weight to the degree.
    strength = rows.enumerated().map { v, row in row.reduce(0) { $0 + ($1.0 == v ? 2 * $1.1 : $1.1) } }
    totalWeight = strength.reduce(0, +) / 2
  }

  func neighbors(_ v: Int) -> [(Int, Double)] { rows[v] }

  /// Modularity of a partition of this level (same as on the original graph).
  func modularity(_ community: [Int], resolution: Double, m: Double) -> Double {
    var inside = [Double](repeating: 0, count: n)
    var tot = [Double](repeating: 0, count: n)
    for v in 0..<n {
      tot[community[v]] += strength[v]
      for (u, w) in rows[v] where community[u] == community[v] {
        inside[community[v]] += u == v ? 2 * w : w
      }
    }
    var q = 0.0
    for c in 0..<n where tot[c] > 0 {
      q += inside[c] / (2 * m) - resolution * (tot[c] / (2 * m)) * (tot[c] / (2 * m))
    }
    return q
  }

  /// The graph of communities: internal weight becomes a self-loop.
  func aggregated(_ community: [Int], count: Int) -> LouvainLevel {
    var adj = [[Int: Double]](repeating: [:], count: count)
    for v in 0..<n {
      for (u, w) in rows[v] where u >= v {
        let a = community[v]
        let b = community[u]
        adj[a][b, default: 0] += w
        if a != b { adj[b][a, default: 0] += w }
      }
    }
    return LouvainLevel(adjacency: adj)
  }
}
