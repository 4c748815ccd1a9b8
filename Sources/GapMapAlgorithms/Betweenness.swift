import GapMapGraph

/// Node and edge betweenness from one run of Brandes' algorithm.
public struct Betweenness: Sendable {
  /// Per node, unnormalised as `networkx.betweenness_centrality(normalized=False)`.
  public var nodes: [Double]
  /// Per edge id, unnormalised as `networkx.edge_betweenness_centrality(normalized=False)`.
  public var edges: [Double]
}

extension Graph {
  /// Exact betweenness centrality (Brandes 2001), node and edge, unweighted or with edge
  /// weights as lengths.
  ///
  /// Values are networkx's unnormalised ones: ordered pairs for directed graphs, unordered
  /// (halved) for undirected graphs; endpoints excluded for nodes. Use
  /// ``normalizedBetweenness(_:)`` for `normalized=True`. Run it on the simple graph
  /// (``simplified(keepSelfLoops:)``) for networkx's `Graph`/`DiGraph` semantics.
  ///
  /// Sources are split into a fixed number of chunks whose partial sums are added in chunk
  /// order, so the result is the same for any `threads`.
  /// - Complexity: O(n · m) unweighted, O(n · m + n² log n) weighted time; O(chunks · (n + m))
  ///   memory for the partial sums.
  public func betweenness(
    weighted: Bool = false, edges computeEdges: Bool = false, threads: Int = defaultThreadCount
  ) -> Betweenness {
    let n = nodeCount
    let m = edgeCount
    let chunks = Swift.min(
      n, Swift.max(1, Swift.min(16, (1 << 28) / Swift.max(1, 8 * (n + (computeEdges ? m : 0))))))
    let outW = weighted ? outSlotWeights() : nil
    let inW = weighted ? inSlotWeights() : nil
    let partialNodes = (0..<chunks).map { _ in SharedBuffer<Double>(repeating: 0, count: n) }
    let partialEdges = (0..<chunks).map { _ in SharedBuffer<Double>(repeating: 0, count: computeEdges ? m : 0)
    }
    let graph = self
    if !weighted {
      parallelChunks(chunks, threads: threads) { c in
        let scratch = BrandesScratch(nodeCount: n)
        let bc = partialNodes[c].pointer
        let ebc = partialEdges[c].pointer
        graph.outOffsets.withUnsafeBufferPointer { off in
          graph.outTargets.withUnsafeBufferPointer { tgt in
            graph.inOffsets.withUnsafeBufferPointer { ioff in
              graph.inSources.withUnsafeBufferPointer { isrc in
                graph.inEdge.withUnsafeBufferPointer { ieid in
                  // Without arcs every value is 0 (and the arc arrays have no storage).
                  guard let o = off.baseAddress, let io = ioff.baseAddress, let b = bc.baseAddress,
                    let t = tgt.baseAddress, let sr = isrc.baseAddress, let ei = ieid.baseAddress
                  else { return }
                  var s = c
                  while s < n {
                    graph._brandesUnweighted(
                      from: s, scratch: scratch, outOffsets: o, outTargets: t, inOffsets: io, inSources: sr,
                      inEdge: ei, nodes: b, edges: computeEdges ? ebc.baseAddress : nil)
                    s += chunks
                  }
                }
              }
            }
          }
        }
      }
    } else {
      parallelChunks(chunks, threads: threads) { c in
        var ws = PathWorkspace(nodeCount: n)
        var delta = [Double](repeating: 0, count: n)
        let bc = partialNodes[c].pointer
        let ebc = partialEdges[c].pointer
        var s = c
        while s < n {
          ws.run(graph, from: s, weights: outW)
          graph._accumulate(
            ws, source: s, inWeights: inW, delta: &delta, nodes: bc, edges: computeEdges ? ebc : nil)
          s += chunks
        }
      }
    }
    var nodes = [Double](repeating: 0, count: n)
    var edgeValues = [Double](repeating: 0, count: computeEdges ? m : 0)
    for c in 0..<chunks {
      for v in 0..<n { nodes[v] += partialNodes[c][v] }
      if computeEdges { for e in 0..<m { edgeValues[e] += partialEdges[c][e] } }
    }
    if !isDirected {
      for v in 0..<n { nodes[v] *= 0.5 }
      for e in edgeValues.indices { edgeValues[e] *= 0.5 }
    }
    return Betweenness(nodes: nodes, edges: edgeValues)
  }

  /// Brandes' dependency accumulation for one source, walking the settle order backwards and
  /// finding predecessors among in-arcs that are tight (`dist[v] + len == dist[w]`).
  func _accumulate(
    _ ws: PathWorkspace, source s: Int, inWeights: [Double]?, delta: inout [Double],
    nodes bc: UnsafeMutableBufferPointer<Double>, edges ebc: UnsafeMutableBufferPointer<Double>?
  ) {
    for i in 0..<ws.settled { delta[Int(ws.order[i])] = 0 }
    inOffsets.withUnsafeBufferPointer { off in
      inSources.withUnsafeBufferPointer { src in
        inEdge.withUnsafeBufferPointer { eid in
          ws.dist.withUnsafeBufferPointer { dist in
            ws.sigma.withUnsafeBufferPointer { sigma in
              var i = ws.settled - 1
              while i >= 0 {
                let w = Int(ws.order[i])
                i -= 1
                let dw = dist[w]
                let coeff = (1 + delta[w]) / sigma[w]
                for q in off[w]..<off[w + 1] {
                  let v = Int(src[q])
                  let len = inWeights?[q] ?? 1
                  guard dist[v] + len == dw, v != w else { continue }
                  let c = sigma[v] * coeff
                  delta[v] += c
                  if let ebc { ebc[Int(eid[q])] += c }
                }
                if w != s { bc[w] += delta[w] }
              }
            }
          }
        }
      }
    }
  }

  /// networkx's `normalized=True` scale for node betweenness: divide by (n − 1)(n − 2) the
  /// ordered-pair sums (an undirected graph's unnormalised values are doubled first).
  /// - Complexity: O(n).
  public func normalizedBetweenness(_ values: [Double]) -> [Double] {
    let n = Double(nodeCount)
    guard nodeCount > 2 else { return values }
    let scale = (isDirected ? 1 : 2) / ((n - 1) * (n - 2))
    return values.map { $0 * scale }
  }

  /// networkx's `normalized=True` scale for edge betweenness: ordered-pair sums / n(n − 1).
  /// - Complexity: O(m).
  public func normalizedEdgeBetweenness(_ values: [Double]) -> [Double] {
    let n = Double(nodeCount)
    guard nodeCount > 1 else { return values }
    let scale = (isDirected ? 1 : 2) / (n * (n - 1))
    return values.map { $0 * scale }
  }
}
