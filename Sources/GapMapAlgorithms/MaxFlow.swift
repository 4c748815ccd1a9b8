import GapMapGraph

/// A maximum flow and the minimum cut it certifies.
public struct MaximumFlow: Sendable {
  /// The flow value (= the capacity of the minimum cut).
  public var value: Double
  /// The source side of a minimum cut (nodes reachable from the source in the residual graph).
  public var sourceSide: [Bool]
  /// Flow on each input edge (for undirected edges: positive in the stored direction).
  public var edgeFlow: [Double]
}

extension Graph {
  /// Maximum flow from `source` to `sink` by Dinic's algorithm, with edge weights as
  /// capacities (1 when unweighted); an undirected edge carries flow either way. Matches
  /// `networkx.maximum_flow_value` and the cut value of `networkx.minimum_cut`.
  /// - Complexity: O(n² m) worst case; O(m √n) for unit capacities.
  public func maximumFlow(from source: Int, to sink: Int) -> MaximumFlow {
    var net = FlowNetwork(nodeCount: nodeCount)
    var arcOfEdge = [Int](repeating: 0, count: edgeCount)
    for e in 0..<edgeCount {
      let c = edgeWeights?[e] ?? 1
      arcOfEdge[e] = net.addEdge(
        Int(edgeSources[e]), Int(edgeTargets[e]), c, reverseCapacity: isDirected ? 0 : c)
    }
    let value = net.maxFlow(source, sink)
    let side = net.reachableFromSource(source)
    let flow = arcOfEdge.enumerated().map { e, a in (edgeWeights?[e] ?? 1) - net.capacity[a] }
    return MaximumFlow(value: value, sourceSide: side, edgeFlow: flow)
  }

  /// The number of internally node-disjoint paths from `source` to `target` (Menger), by a
  /// unit-capacity flow on the split graph; the `networkx.node_connectivity(G, s, t)` of two
  /// non-adjacent nodes. When they are adjacent, the direct arc counts as one path.
  /// - Complexity: O(m √n).
  public func nodeDisjointPathCount(from source: Int, to target: Int) -> Int {
    guard source != target else { return 0 }
    let n = nodeCount
    var net = FlowNetwork(nodeCount: 2 * n)  // v_in = v, v_out = n + v
    let big = Double(n + 1)
    for v in 0..<n { net.addEdge(v, n + v, (v == source || v == target) ? big : 1) }
    for e in 0..<edgeCount {
      let u = Int(edgeSources[e])
      let v = Int(edgeTargets[e])
      guard u != v else { continue }
      net.addEdge(n + u, v, 1)
      if !isDirected { net.addEdge(n + v, u, 1) }
    }
    return Int(net.maxFlow(n + source, target).rounded())
  }
}

/// A residual network for Dinic's algorithm.
struct FlowNetwork {
  var head: [Int]
  var next: [Int] = []
  var to: [Int] = []
  var capacity: [Double] = []
  var level: [Int]
  var iter: [Int]

  init(nodeCount n: Int) {
    head = [Int](repeating: -1, count: n)
    level = [Int](repeating: -1, count: n)
    iter = [Int](repeating: -1, count: n)
  }

  /// Adds u→v with `c` and its residual twin v→u with `reverseCapacity`; returns the arc index.
  @discardableResult
  mutating func addEdge(_ u: Int, _ v: Int, _ c: Double, reverseCapacity: Double = 0) -> Int {
    let a = to.count
    to.append(v)
    capacity.append(c)
    next.append(head[u])
    head[u] = a
    to.append(u)
    capacity.append(reverseCapacity)
    next.append(head[v])
    head[v] = a + 1
    return a
  }

  mutating func bfs(_ s: Int, _ t: Int) -> Bool {
    for i in level.indices { level[i] = -1 }
    level[s] = 0
    var queue = [s]
    var qi = 0
    while qi < queue.count {
      let v = queue[qi]
      qi += 1
      var a = head[v]
      while a >= 0 {
        if capacity[a] > 1e-12 && level[to[a]] < 0 {
          level[to[a]] = level[v] + 1
          queue.append(to[a])
        }
        a = next[a]
      }
    }
    return level[t] >= 0
  }

  mutating func dfs(_ v: Int, _ t: Int, _ f: Double) -> Double {
    if v == t { return f }
    while iter[v] >= 0 {
      let a = iter[v]
      let w = to[a]
      if capacity[a] > 1e-12 && level[w] == level[v] + 1 {
        let d = dfs(w, t, Swift.min(f, capacity[a]))
        if d > 0 {
          capacity[a] -= d
          capacity[a ^ 1] += d
          return d
        }
      }
      iter[v] = next[a]
    }
    return 0
  }

  mutating func maxFlow(_ s: Int, _ t: Int) -> Double {
    guard s != t else { return 0 }
    var flow = 0.0
    while bfs(s, t) {
      iter = head
      while true {
        let f = dfs(s, t, .infinity)
        if f <= 0 { break }
        flow += f
      }
    }
    return flow
  }

  func reachableFromSource(_ s: Int) -> [Bool] {
    var seen = [Bool](repeating: false, count: head.count)
    seen[s] = true
    var stack = [s]
    while let v = stack.popLast() {
      var a = head[v]
      while a >= 0 {
        if capacity[a] > 1e-12 && !seen[to[a]] {
          seen[to[a]] = true
          stack.append(to[a])
        }
        a = next[a]
      }
    }
    return seen
  }
}
