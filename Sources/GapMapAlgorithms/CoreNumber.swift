import GapMapGraph

extension Graph {
  /// The core number of every node (`networkx.core_number`) on the undirected simple graph
  /// (directions ignored, parallel edges and self-loops dropped), by the bucket algorithm of
  /// Batagelj & Zaveršnik (2003).
  /// - Complexity: O(n + m).
  public func coreNumbers() -> [Double] {
    let g = isDirected ? undirected().simplified() : simplified()
    let n = g.nodeCount
    var deg = (0..<n).map { g.outDegree($0) }
    let maxDeg = deg.max() ?? 0
    var bin = [Int](repeating: 0, count: maxDeg + 1)
    for d in deg { bin[d] += 1 }
    var start = 0
    for d in 0...maxDeg {
      let c = bin[d]
      bin[d] = start
      start += c
    }
    var pos = [Int](repeating: 0, count: n)
    var vert = [Int](repeating: 0, count: n)
    for v in 0..<n {
      pos[v] = bin[deg[v]]
      vert[pos[v]] = v
      bin[deg[v]] += 1
    }
    for d in stride(from: maxDeg, to: 0, by: -1) { bin[d] = bin[d - 1] }
    if maxDeg >= 0 { bin[0] = 0 }
    for i in 0..<n {
      let v = vert[i]
      for u32 in g.outNeighbors(of: v) {
        let u = Int(u32)
        if deg[u] > deg[v] {
          let du = deg[u]
          let pu = pos[u]
          let pw = bin[du]
          let w = vert[pw]
          if u != w {
            pos[u] = pw
            vert[pu] = w
            pos[w] = pu
            vert[pw] = u
          }
          bin[du] += 1
          deg[u] -= 1
        }
      }
    }
    return deg.map(Double.init)
  }
}
