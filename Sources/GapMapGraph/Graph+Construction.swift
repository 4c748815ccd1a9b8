extension Graph {
  /// Counting sort of arcs into CSR rows. When `symmetric`, each edge (u, v) is stored at u and,
  /// unless it is a self-loop counted once more, at v. One counting pass by tail, then each row
  /// sorted by head, stably (ties in arc order).
  /// - Complexity: O(n + m) plus the row sorts (see ``_sortRows(offsets:heads:edges:)``).
  static func _rows(
    nodeCount n: Int, tails: [Int32], heads: [Int32], symmetric: Bool
  ) -> (offsets: [Int], heads: [Int32], edges: [Int32]) {
    let m = tails.count
    let slots = symmetric ? 2 * m : m
    // Arcs are edge i: tail → head (index i) and, when symmetric, head → tail (index m + i).
    // One counting pass by tail places them in arc order; each row is then sorted by head,
    // stably, which gives rows ascending by head with ties in arc order.
    var offsets = [Int](repeating: 0, count: n + 1)
    var outHeads = [Int32](repeating: 0, count: slots)
    var outEdges = [Int32](repeating: 0, count: slots)
    tails.withUnsafeBufferPointer { tl in
      heads.withUnsafeBufferPointer { hd in
        offsets.withUnsafeMutableBufferPointer { off in
          for i in 0..<m {
            off[Int(tl[i]) + 1] += 1
            if symmetric { off[Int(hd[i]) + 1] += 1 }
          }
          for v in 0..<n { off[v + 1] += off[v] }
          var cursor = Array(off[0..<n])
          outHeads.withUnsafeMutableBufferPointer { oh in
            outEdges.withUnsafeMutableBufferPointer { oe in
              cursor.withUnsafeMutableBufferPointer { cur in
                for i in 0..<m {
                  let t = Int(tl[i])
                  let p = cur[t]
                  cur[t] = p + 1
                  oh[p] = hd[i]
                  oe[p] = Int32(truncatingIfNeeded: i)
                }
                if symmetric {
                  for i in 0..<m {
                    let t = Int(hd[i])
                    let p = cur[t]
                    cur[t] = p + 1
                    oh[p] = tl[i]
                    oe[p] = Int32(truncatingIfNeeded: i)
                  }
                }
              }
              _sortRows(offsets: UnsafeBufferPointer(off), heads: oh, edges: oe)
            }
          }
        }
      }
    }
    return (offsets, outHeads, outEdges)
  }

  /// Sorts every row by head, stably (ties keep their order in the row).
  /// - Complexity: O(Σ d²) for rows up to 24 arcs (insertion sort, in cache), O(d log d) above.
  static func _sortRows(
    offsets off: UnsafeBufferPointer<Int>, heads: UnsafeMutableBufferPointer<Int32>,
    edges: UnsafeMutableBufferPointer<Int32>
  ) {
    let n = off.count - 1
    var scratch: [(Int32, Int, Int32)] = []
    for v in 0..<n {
      let lo = off[v]
      let hi = off[v + 1]
      if hi - lo < 2 { continue }
      var sorted = true
      for p in (lo + 1)..<hi where heads[p] < heads[p - 1] {
        sorted = false
        break
      }
      if sorted { continue }
      if hi - lo <= 24 {
        for p in (lo + 1)..<hi {
          let h = heads[p]
          let e = edges[p]
          var q = p - 1
          while q >= lo && heads[q] > h {
            heads[q + 1] = heads[q]
            edges[q + 1] = edges[q]
            q -= 1
          }
          heads[q + 1] = h
          edges[q + 1] = e
        }
      } else {
        scratch.removeAll(keepingCapacity: true)
        for p in lo..<hi { scratch.append((heads[p], p, edges[p])) }
        scratch.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        for (k, item) in scratch.enumerated() {
          heads[lo + k] = item.0
          edges[lo + k] = item.2
        }
      }
    }
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
