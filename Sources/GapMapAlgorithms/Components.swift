import GapMapGraph

/// A partition of a graph's nodes into components.
public struct Components: Sendable, Equatable {
  /// The component of each node. Components are numbered by size, largest first (ties: the one
  /// holding the smallest node index first), so `0` is always the largest.
  public let membership: [Int32]
  /// The size of each component, by component number (non-increasing).
  public let sizes: [Int]

  /// The number of components.
  public var count: Int { sizes.count }
}

extension Graph {
  /// The weakly connected components (connected components when undirected).
  ///
  /// Matches `networkx.weakly_connected_components` / `connected_components` as sets; the
  /// numbering is GapMap's (largest component = 0).
  /// - Complexity: O(n + m) time, O(n) extra memory (iterative BFS over out- and in-rows).
  public func weaklyConnectedComponents() -> Components {
    let n = nodeCount
    var label = [Int32](repeating: -1, count: n)
    var queue = [Int32](repeating: 0, count: n)
    var rawSizes: [Int] = []
    outOffsets.withUnsafeBufferPointer { oo in
      outTargets.withUnsafeBufferPointer { ot in
        inOffsets.withUnsafeBufferPointer { io in
          inSources.withUnsafeBufferPointer { isrc in
            for root in 0..<n where label[root] < 0 {
              let c = Int32(rawSizes.count)
              label[root] = c
              queue[0] = Int32(root)
              var head = 0
              var tail = 1
              while head < tail {
                let v = Int(queue[head])
                head += 1
                for p in oo[v]..<oo[v + 1] {
                  let w = Int(ot[p])
                  if label[w] < 0 {
                    label[w] = c
                    queue[tail] = Int32(w)
                    tail += 1
                  }
                }
                if isDirected {
                  for p in io[v]..<io[v + 1] {
                    let w = Int(isrc[p])
                    if label[w] < 0 {
                      label[w] = c
                      queue[tail] = Int32(w)
                      tail += 1
                    }
                  }
                }
              }
              rawSizes.append(tail)
            }
          }
        }
      }
    }
    return Components._renumbered(label: label, rawSizes: rawSizes)
  }
}

extension Components {
  /// Renumbers components discovered in node order so that larger ones come first; discovery
  /// order (smallest node index) breaks ties, which keeps the numbering deterministic.
  static func _renumbered(label: [Int32], rawSizes: [Int]) -> Components {
    let order = rawSizes.indices.sorted { a, b in
      rawSizes[a] != rawSizes[b] ? rawSizes[a] > rawSizes[b] : a < b
    }
    var newNumber = [Int32](repeating: 0, count: rawSizes.count)
    for (rank, old) in order.enumerated() { newNumber[old] = Int32(rank) }
    return Components(
      membership: label.map { newNumber[Int($0)] }, sizes: order.map { rawSizes[$0] })
  }
}
