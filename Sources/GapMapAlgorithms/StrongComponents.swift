import GapMapGraph

extension Graph {
  /// The strongly connected components (Tarjan's algorithm, iterative), numbered by size,
  /// largest first (ties: the component holding the smallest node index first). For an
  /// undirected graph they are the connected components.
  /// - Complexity: O(n + m).
  public func stronglyConnectedComponents() -> Components {
    guard isDirected else { return weaklyConnectedComponents() }
    let n = nodeCount
    var index = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var stack: [Int32] = []
    var label = [Int32](repeating: -1, count: n)
    var sizes: [Int] = []
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
          let c = Int32(sizes.count)
          var size = 0
          while let w = stack.popLast() {
            onStack[Int(w)] = false
            label[Int(w)] = c
            size += 1
            if Int(w) == v { break }
          }
          sizes.append(size)
        }
        if let parent = call.last { low[parent.v] = Swift.min(low[parent.v], low[v]) }
      }
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
}
