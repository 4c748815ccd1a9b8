import GapMapGraph

extension Graph {
  /// The strongly connected components (Tarjan's algorithm, iterative), numbered by size,
  /// largest first (ties: the component holding the smallest node index first). For an
  /// undirected graph they are the connected components.
  /// - Complexity: O(n + m).
  public func stronglyConnectedComponents() -> Components {
    guard isDirected else { return weaklyConnectedComponents() }
    let n = nodeCount
    let (found, ends) = _tarjan()
    var label = [Int32](repeating: -1, count: n)
    var sizes: [Int] = []
    var begin = 0
    for end in ends {
      for w in found[begin..<end] { label[Int(w)] = Int32(sizes.count) }
      sizes.append(end - begin)
      begin = end
    }
    // Tarjan finds components in reverse topological order; renumber by size, then by
    // smallest member, for a deterministic numbering.
    var smallest = [Int](repeating: Int.max, count: sizes.count)
    for v in 0..<n { smallest[Int(label[v])] = Swift.min(smallest[Int(label[v])], v) }
    let order = sizes.indices.sorted { a, b in
      sizes[a] != sizes[b] ? sizes[a] > sizes[b] : smallest[a] < smallest[b]
    }
    var renumber = [Int32](repeating: 0, count: sizes.count)
    for (rank, old) in order.enumerated() { renumber[old] = Int32(rank) }
    return Components(membership: label.map { renumber[Int($0)] }, sizes: order.map { sizes[$0] })
  }

  /// Tarjan's algorithm, iterative, along out-arcs: the nodes of each strongly connected
  /// component together, components in the order Tarjan completes them (reverse topological
  /// order: every arc between two components goes from a later to an earlier one), with the end
  /// of each component in `found`.
  /// - Complexity: O(n + m).
  func _tarjan() -> (found: [Int32], ends: [Int]) {
    let n = nodeCount
    var index = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var stack: [Int32] = []
    var found: [Int32] = []
    found.reserveCapacity(n)
    var ends: [Int] = []
    var counter: Int32 = 0
    var call: [(v: Int, p: Int)] = []
    for root in 0..<n where index[root] < 0 {
      call.append((root, outOffsets[root]))
      index[root] = counter
      low[root] = counter
      counter += 1
      stack.append(Int32(root))
      onStack[root] = true
      while let top = call.last {
        let v = top.v
        var p = top.p
        var descended = false
        while p < outOffsets[v + 1] {
          let w = Int(outTargets[p])
          p += 1
          if index[w] < 0 {
            call[call.count - 1].p = p
            index[w] = counter
            low[w] = counter
            counter += 1
            stack.append(Int32(w))
            onStack[w] = true
            call.append((w, outOffsets[w]))
            descended = true
            break
          } else if onStack[w] {
            low[v] = Swift.min(low[v], index[w])
          }
        }
        if descended { continue }
        call.removeLast()
        if low[v] == index[v] {
          while let w = stack.popLast() {
            onStack[Int(w)] = false
            found.append(w)
            if Int(w) == v { break }
          }
          ends.append(found.count)
        }
        if let parent = call.last { low[parent.v] = Swift.min(low[parent.v], low[v]) }
      }
    }
    return (found, ends)
  }
}
