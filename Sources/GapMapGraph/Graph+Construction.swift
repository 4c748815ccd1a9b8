extension Graph {
  /// Counting sort of arcs into CSR rows. When `symmetric`, each edge (u, v) is stored at u and,
  /// unless it is a self-loop counted once more, at v. Rows come out sorted by head because the
  /// arcs are first distributed by head, then stably by tail (LSD radix sort, two passes).
  /// - Complexity: O(n + m).
  static func _rows(
    nodeCount n: Int, tails: [Int32], heads: [Int32], symmetric: Bool
  ) -> (offsets: [Int], heads: [Int32], edges: [Int32]) {
    let m = tails.count
    let slots = symmetric ? 2 * m : m
    // Arc list (tail, head, edge) in input order, both directions when symmetric.
    var arcTail = [Int32](repeating: 0, count: slots)
    var arcHead = [Int32](repeating: 0, count: slots)
    var arcEdge = [Int32](repeating: 0, count: slots)
    for i in 0..<m {
      arcTail[i] = tails[i]
      arcHead[i] = heads[i]
      arcEdge[i] = Int32(truncatingIfNeeded: i)
      if symmetric {
        arcTail[m + i] = heads[i]
        arcHead[m + i] = tails[i]
        arcEdge[m + i] = Int32(truncatingIfNeeded: i)
      }
    }
    // Pass 1: order by head.
    let byHead = _countingOrder(keys: arcHead, buckets: n)
    // Pass 2: stable order by tail, walking arcs in head order.
    var counts = [Int](repeating: 0, count: n + 1)
    for t in arcTail { counts[Int(t) + 1] += 1 }
    for v in 0..<n { counts[v + 1] += counts[v] }
    let offsets = counts
    var outHeads = [Int32](repeating: 0, count: slots)
    var outEdges = [Int32](repeating: 0, count: slots)
    var cursor = counts
    for a in byHead {
      let t = Int(arcTail[a])
      let p = cursor[t]
      cursor[t] = p + 1
      outHeads[p] = arcHead[a]
      outEdges[p] = arcEdge[a]
    }
    return (offsets, outHeads, outEdges)
  }

  /// A permutation that lists indices by ascending key, stable.
  /// - Complexity: O(k + buckets).
  static func _countingOrder(keys: [Int32], buckets n: Int) -> [Int] {
    var start = [Int](repeating: 0, count: n + 1)
    for k in keys { start[Int(k) + 1] += 1 }
    for v in 0..<n { start[v + 1] += start[v] }
    var order = [Int](repeating: 0, count: keys.count)
    for (i, k) in keys.enumerated() {
      let p = start[Int(k)]
      start[Int(k)] = p + 1
      order[p] = i
    }
    return order
  }

  /// Drops self-loops and/or merges parallel edges (summing weights), keeping the first
  /// occurrence's position so that edge ids stay in input order.
  /// - Complexity: O(n + m).
  static func _clean(
    nodeCount n: Int, sources: [Int32], targets: [Int32], weights: [Double]?, directed: Bool,
    merge: Bool, dropSelfLoops: Bool
  ) -> ([Int32], [Int32], [Double]?) {
    let m = sources.count
    var keep = [Bool](repeating: true, count: m)
    var mergedWeight = weights
    if dropSelfLoops {
      for i in 0..<m where sources[i] == targets[i] { keep[i] = false }
    }
    if merge {
      // Canonical endpoints (lo, hi) for undirected graphs; sort by (a, b) with two counting
      // passes, then equal neighbours in that order are parallel edges.
      var a = sources
      var b = targets
      if !directed {
        for i in 0..<m where a[i] > b[i] { swap(&a[i], &b[i]) }
      }
      let byB = _countingOrder(keys: b, buckets: n)
      var start = [Int](repeating: 0, count: n + 1)
      for x in a { start[Int(x) + 1] += 1 }
      for v in 0..<n { start[v + 1] += start[v] }
      var order = [Int](repeating: 0, count: m)
      for i in byB {
        let p = start[Int(a[i])]
        start[Int(a[i])] = p + 1
        order[p] = i
      }
      // Within a run of equal (a, b), the first index in input order is the representative.
      var runStart = 0
      while runStart < m {
        var runEnd = runStart + 1
        let i0 = order[runStart]
        while runEnd < m, a[order[runEnd]] == a[i0], b[order[runEnd]] == b[i0] { runEnd += 1 }
        var rep = -1
        var total = 0.0
        for k in runStart..<runEnd {
          let i = order[k]
          guard keep[i] else { continue }
          if rep < 0 || i < rep { rep = i }
          total += weights?[i] ?? 0
        }
        if rep >= 0 {
          for k in runStart..<runEnd where order[k] != rep { keep[order[k]] = false }
          mergedWeight?[rep] = total
        }
        runStart = runEnd
      }
    }
    var s: [Int32] = []
    var t: [Int32] = []
    var w: [Double]? = weights == nil ? nil : []
    s.reserveCapacity(m)
    t.reserveCapacity(m)
    for i in 0..<m where keep[i] {
      s.append(sources[i])
      t.append(targets[i])
      if let mw = mergedWeight { w?.append(mw[i]) }
    }
    return (s, t, w)
  }
}
