import GapMapGraph

extension Graph {
  /// Burt's constraint and effective size, as `networkx.constraint` and networkx's
  /// `effective_size` formula (weights when weighted; run on the simple graph).
  ///
  /// With the mutual weight `mw(u, v) = a_uv + a_vu`, `p_uv = mw(u, v) / Σ_w mw(u, w)` and
  /// `m_uv = mw(u, v) / max_w mw(u, w)` over the neighbours (in or out) of `u`:
  /// constraint(v) = Σ_{u∈N(v)} (p_vu + Σ_{w∈N(v)} p_vw p_wu)², effective size(v) =
  /// Σ_{u∈N(v)} (1 − Σ_{w∈N(v)} p_vw m_uw). A node without neighbours gets NaN.
  ///
  /// networkx 3.6 differs in two corners, documented in `docs/algorithms.md`: its default
  /// all-nodes `effective_size` normalises `m_uw` by w's maximum instead of u's on weighted
  /// graphs, and its per-node path gives NaN to directed nodes without successors.
  /// - Complexity: O(Σ_v deg(v)² · log Δ).
  public func structuralHoles() -> (constraint: [Double], effectiveSize: [Double]) {
    let n = nodeCount
    let outW = outSlotWeights()
    // a(u, v): weight of the arc u→v (0 if none), by binary search in u's sorted row.
    func arc(_ u: Int, _ v: Int) -> Double {
      guard let slot = arcSlot(from: u, to: v) else { return 0 }
      return outW?[slot] ?? 1
    }
    func mutual(_ u: Int, _ v: Int) -> Double { arc(u, v) + arc(v, u) }
    // Neighbour sets (in ∪ out, without the node itself), sorted.
    var neighbors = [[Int32]](repeating: [], count: n)
    for v in 0..<n {
      var set = Array(outNeighbors(of: v))
      if isDirected { set += inNeighbors(of: v) }
      neighbors[v] = Array(Set(set.filter { Int($0) != v })).sorted()
    }
    var sumNorm = [Double](repeating: 0, count: n)
    var maxNorm = [Double](repeating: 0, count: n)
    for v in 0..<n {
      for u in neighbors[v] {
        let m = mutual(v, Int(u))
        sumNorm[v] += m
        maxNorm[v] = Swift.max(maxNorm[v], m)
      }
    }
    func p(_ u: Int, _ v: Int) -> Double { sumNorm[u] == 0 ? 0 : mutual(u, v) / sumNorm[u] }
    func m(_ u: Int, _ v: Int) -> Double { maxNorm[u] == 0 ? 0 : mutual(u, v) / maxNorm[u] }
    var constraint = [Double](repeating: .nan, count: n)
    var effective = [Double](repeating: .nan, count: n)
    for v in 0..<n {
      guard !neighbors[v].isEmpty else { continue }
      var c = 0.0
      var e = 0.0
      for u32 in neighbors[v] {
        let u = Int(u32)
        var indirect = 0.0
        var redundancy = 0.0
        for w32 in neighbors[v] {
          let w = Int(w32)
          let pvw = p(v, w)
          indirect += pvw * p(w, u)
          redundancy += pvw * m(u, w)
        }
        let direct = p(v, u) + indirect
        c += direct * direct
        e += 1 - redundancy
      }
      constraint[v] = c
      effective[v] = e
    }
    return (constraint, effective)
  }
}
