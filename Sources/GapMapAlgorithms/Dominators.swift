import GapMapGraph

extension Graph {
  /// The immediate dominator of every node reachable from `root` along out-arcs (Cooper,
  /// Harvey & Kennedy, "A simple, fast dominance algorithm", 2001): `idom[root] == root`,
  /// `-1` for unreachable nodes. Matches `networkx.immediate_dominators`.
  /// - Complexity: O(n + m) per pass, few passes in practice (O(n²) worst case).
  public func immediateDominators(from root: Int) -> [Int32] {
    let n = nodeCount
    // Reverse postorder by iterative DFS.
    var post: [Int32] = []
    var visited = [Bool](repeating: false, count: n)
    var stack: [(Int, Int)] = [(root, outOffsets[root])]
    visited[root] = true
    while let (v, p) = stack.last {
      if p < outOffsets[v + 1] {
        stack[stack.count - 1].1 = p + 1
        let w = Int(outTargets[p])
        if !visited[w] {
          visited[w] = true
          stack.append((w, outOffsets[w]))
        }
      } else {
        stack.removeLast()
        post.append(Int32(v))
      }
    }
    var rank = [Int](repeating: -1, count: n)  // postorder number
    for (i, v) in post.enumerated() { rank[Int(v)] = i }
    var idom = [Int32](repeating: -1, count: n)
    idom[root] = Int32(root)
    func intersect(_ a: Int, _ b: Int) -> Int {
      var x = a
      var y = b
      while x != y {
        while rank[x] < rank[y] { x = Int(idom[x]) }
        while rank[y] < rank[x] { y = Int(idom[y]) }
      }
      return x
    }
    var changed = true
    while changed {
      changed = false
      for v32 in post.reversed() where Int(v32) != root {
        let v = Int(v32)
        var newIdom = -1
        for p in inNeighbors(of: v) where idom[Int(p)] >= 0 && rank[Int(p)] >= 0 {
          newIdom = newIdom < 0 ? Int(p) : intersect(Int(p), newIdom)
        }
        if newIdom >= 0 && idom[v] != Int32(newIdom) {
          idom[v] = Int32(newIdom)
          changed = true
        }
      }
    }
    return idom
  }

  /// The dominators of `target` from `root`, nearest first, excluding `target` and including
  /// `root`; empty when `target` is unreachable.
  /// - Complexity: O(n + m) plus ``immediateDominators(from:)``.
  public func dominators(of target: Int, from root: Int) -> [Int] {
    let idom = immediateDominators(from: root)
    guard idom[target] >= 0, target != root else { return [] }
    var chain: [Int] = []
    var v = Int(idom[target])
    while true {
      chain.append(v)
      if v == root { break }
      v = Int(idom[v])
    }
    return chain
  }
}
