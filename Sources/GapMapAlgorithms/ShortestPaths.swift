import GapMapGraph

/// Single-source shortest-path trees and point-to-point paths, unweighted (BFS) or with edge
/// weights as lengths (Dijkstra).
public struct ShortestPaths: Sendable {
  /// Distance from the source (hops, or summed lengths); `.infinity` when unreachable.
  public let distance: [Double]
  /// Number of shortest paths from the source (as `Double`, as networkx's sigma).
  public let pathCount: [Double]
  /// Nodes in the order they were settled (non-decreasing distance).
  public let order: [Int32]
  /// The source.
  public let source: Int

  /// Whether `v` is reachable.
  public func reaches(_ v: Int) -> Bool { distance[v].isFinite }
}

extension Graph {
  /// Shortest paths from `source` along out-arcs (all arcs when undirected).
  ///
  /// - Parameter weighted: use edge weights as lengths (they must not be negative; distances are
  ///   exact with zero lengths, path counts need positive ones); otherwise hops.
  /// - Complexity: O(n + m) unweighted; O((n + m) log n) weighted.
  public func shortestPaths(from source: Int, weighted: Bool = false) -> ShortestPaths {
    var ws = PathWorkspace(nodeCount: nodeCount)
    let weights = weighted ? outSlotWeights() : nil
    ws.run(self, from: source, weights: weights)
    var dist = [Double](repeating: .infinity, count: nodeCount)
    var sigma = [Double](repeating: 0, count: nodeCount)
    for v in ws.order.prefix(ws.settled) {
      dist[Int(v)] = ws.dist[Int(v)]
      sigma[Int(v)] = ws.sigma[Int(v)]
    }
    return ShortestPaths(
      distance: dist, pathCount: sigma, order: Array(ws.order.prefix(ws.settled)), source: source)
  }

  /// Every shortest path from `source` to `target` (at most `limit` of them), each as its node
  /// sequence and the edge ids it uses, in lexicographic order of node indices. Empty when
  /// `target` is unreachable.
  /// - Complexity: O((n + m) log n) for the search plus the paths' total length.
  public func allShortestPaths(
    from source: Int, to target: Int, weighted: Bool = false, limit: Int = 100
  ) -> [(nodes: [Int32], edges: [Int32])] {
    let sp = shortestPaths(from: source, weighted: weighted)
    guard sp.reaches(target) else { return [] }
    let inW = weighted ? inSlotWeights() : nil
    // Walk back from the target over tight in-arcs; enumerate paths depth-first.
    var results: [(nodes: [Int32], edges: [Int32])] = []
    var nodes: [Int32] = [Int32(target)]
    var edges: [Int32] = []
    func tightPredecessors(_ w: Int) -> [(Int32, Int32)] {
      var out: [(Int32, Int32)] = []
      for q in inOffsets[w]..<inOffsets[w + 1] {
        let v = Int(inSources[q])
        guard v != w, sp.distance[v].isFinite else { continue }
        let len = inW?[q] ?? 1
        if sp.distance[v] + len == sp.distance[w] { out.append((Int32(v), inEdge[q])) }
      }
      return out
    }
    func walk(_ w: Int) {
      if results.count >= limit { return }
      if w == source {
        results.append((Array(nodes.reversed()), Array(edges.reversed())))
        return
      }
      var seen = Set<Int32>()
      for (v, e) in tightPredecessors(w) where seen.insert(v).inserted {
        nodes.append(v)
        edges.append(e)
        walk(Int(v))
        nodes.removeLast()
        edges.removeLast()
      }
    }
    walk(target)
    return results.sorted { $0.nodes.lexicographicallyPrecedes($1.nodes) }
  }
}

/// Reusable scratch memory for single-source searches: one per thread, reset in O(visited).
struct PathWorkspace {
  var dist: [Double]
  var sigma: [Double]
  var order: [Int32]
  var settled = 0
  var heap = MinHeap()

  init(nodeCount n: Int) {
    dist = [Double](repeating: .infinity, count: n)
    sigma = [Double](repeating: 0, count: n)
    order = [Int32](repeating: 0, count: n)
  }

  /// Resets the nodes the last run touched.
  mutating func reset() {
    for i in 0..<settled {
      let v = Int(order[i])
      dist[v] = .infinity
      sigma[v] = 0
    }
    settled = 0
  }

  /// BFS (weights nil) or Dijkstra from `s`, filling dist, sigma and the settle order.
  /// `stopAt`: stop once every node at the target's distance is settled (BFS only).
  mutating func run(_ g: Graph, from s: Int, weights: [Double]?, stopAt: Int? = nil) {
    reset()
    if let weights {
      dijkstra(g, from: s, weights: weights)
    } else {
      bfs(g, from: s, stopAt: stopAt)
    }
  }

  mutating func bfs(_ g: Graph, from s: Int, stopAt: Int?) {
    dist[s] = 0
    sigma[s] = 1
    order[0] = Int32(s)
    var head = 0
    var tail = 1
    var stopLevel = Double.infinity
    g.outOffsets.withUnsafeBufferPointer { off in
      g.outTargets.withUnsafeBufferPointer { tgt in
        dist.withUnsafeMutableBufferPointer { d in
          sigma.withUnsafeMutableBufferPointer { sg in
            order.withUnsafeMutableBufferPointer { ord in
              while head < tail {
                let v = Int(ord[head])
                head += 1
                let dv = d[v]
                if dv >= stopLevel { continue }
                let nd = dv + 1
                let sv = sg[v]
                for p in off[v]..<off[v + 1] {
                  let w = Int(tgt[p])
                  let dw = d[w]
                  if dw == .infinity {
                    d[w] = nd
                    sg[w] = sv
                    ord[tail] = Int32(w)
                    tail += 1
                    if w == stopAt { stopLevel = nd }
                  } else if dw == nd {
                    sg[w] += sv
                  }
                }
              }
            }
          }
        }
      }
    }
    settled = tail
  }

  /// Dijkstra with a binary heap and lazy deletion. Weights must be positive, so a node popped
  /// at its current distance is final and no settled node's distance can be matched again.
  mutating func dijkstra(_ g: Graph, from s: Int, weights: [Double]) {
    heap.removeAll()
    dist[s] = 0
    sigma[s] = 1
    heap.push(0, Int32(s))
    var count = 0
    while let (d, v32) = heap.pop() {
      let v = Int(v32)
      if d > dist[v] { continue }
      order[count] = v32
      count += 1
      let sv = sigma[v]
      for p in g.outOffsets[v]..<g.outOffsets[v + 1] {
        let w = Int(g.outTargets[p])
        let nd = d + weights[p]
        let dw = dist[w]
        if nd < dw {
          dist[w] = nd
          sigma[w] = sv
          heap.push(nd, Int32(w))
        } else if nd == dw {
          sigma[w] += sv
        }
      }
    }
    settled = count
  }
}

/// A binary min-heap of (distance, node).
struct MinHeap {
  private var keys: [Double] = []
  private var values: [Int32] = []

  mutating func removeAll() {
    keys.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
  }

  mutating func push(_ key: Double, _ value: Int32) {
    keys.append(key)
    values.append(value)
    var i = keys.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      if keys[parent] < keys[i] || (keys[parent] == keys[i] && values[parent] <= values[i]) { break }
      keys.swapAt(i, parent)
      values.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> (Double, Int32)? {
    guard let top = keys.first, let v = values.first else { return nil }
    let lastK = keys.removeLast()
    let lastV = values.removeLast()
    if !keys.isEmpty {
      keys[0] = lastK
      values[0] = lastV
      var i = 0
      let n = keys.count
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < n && (keys[l] < keys[m] || (keys[l] == keys[m] && values[l] < values[m])) { m = l }
        if r < n && (keys[r] < keys[m] || (keys[r] == keys[m] && values[r] < values[m])) { m = r }
        if m == i { break }
        keys.swapAt(i, m)
        values.swapAt(i, m)
        i = m
      }
    }
    return (top, v)
  }
}
