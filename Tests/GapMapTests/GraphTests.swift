import GapMapAlgorithms
import GapMapGraph
import GapMapIO
import Testing

import struct Foundation.Data
import class Foundation.JSONSerialization
import struct Foundation.URL

@Suite struct GraphTests {
  @Test func directedRowsAreSortedAndMirrored() throws {
    let g = try Graph(nodeCount: 4, sources: [2, 0, 0, 3, 0], targets: [1, 3, 1, 0, 1], directed: true)
    #expect(Array(g.outNeighbors(of: 0)) == [1, 1, 3])
    #expect(Array(g.inNeighbors(of: 1)) == [0, 0, 2])
    #expect(Array(g.outNeighbors(of: 1)) == [])
    #expect(g.outDegree(3) == 1 && g.inDegree(0) == 1)
    #expect(g.edgeCount == 5)
    // Every slot maps back to its input edge.
    for v in 0..<4 {
      for p in g.outOffsets[v]..<g.outOffsets[v + 1] {
        let e = Int(g.outEdge[p])
        #expect(Int(g.edgeSources[e]) == v && g.edgeTargets[e] == g.outTargets[p])
      }
    }
  }

  @Test func undirectedStoresBothDirections() throws {
    let g = try Graph(nodeCount: 3, sources: [0, 1, 2], targets: [1, 2, 2], directed: false)
    #expect(Array(g.outNeighbors(of: 1)) == [0, 2])
    #expect(Array(g.inNeighbors(of: 1)) == [0, 2])
    #expect(g.outDegree(2) == 3)  // the self-loop counts twice, as networkx's degree
    #expect(g.edgeCount == 3)
  }

  @Test func mergingParallelEdgesAddsWeights() throws {
    let g = try Graph(
      nodeCount: 3, sources: [0, 1, 0, 0, 2], targets: [1, 0, 1, 2, 2], weights: [1, 2, 3, 4, 5],
      directed: true, parallel: .merge, selfLoops: false)
    #expect(g.edgeCount == 3)
    #expect(Array(g.edgeSources) == [0, 1, 0] && Array(g.edgeTargets) == [1, 0, 2])
    #expect(g.edgeWeights == [4, 2, 4])
    let u = try Graph(
      nodeCount: 3, sources: [0, 1, 0], targets: [1, 0, 2], weights: [1, 2, 4], directed: false,
      parallel: .merge)
    #expect(u.edgeCount == 2 && u.edgeWeights == [3, 4])
    #expect(Array(u.outNeighbors(of: 0)) == [1, 2])
  }

  /// Regression (issue 16, bug 2): an endpoint outside 0..<nodeCount corrupted memory in
  /// release builds (`munmap_chunk(): invalid pointer`, or a segfault). It is refused first.
  @Test func outOfRangeEndpointsAreRefused() throws {
    #expect(throws: GraphError.endpointOutOfRange(edge: 1, node: 2, nodeCount: 2)) {
      try Graph(nodeCount: 2, sources: [0, 2], targets: [1, 0], directed: true)
    }
    #expect(throws: GraphError.endpointOutOfRange(edge: 0, node: 1_000_000, nodeCount: 2)) {
      try Graph(nodeCount: 2, sources: [0], targets: [1_000_000], directed: false)
    }
    #expect(throws: GraphError.endpointOutOfRange(edge: 0, node: -1, nodeCount: 2)) {
      try Graph(nodeCount: 2, sources: [-1], targets: [0], directed: true)
    }
    #expect(throws: GraphError.lengthMismatch(sources: 1, targets: 0, weights: nil)) {
      try Graph(nodeCount: 2, sources: [0], targets: [], directed: true)
    }
    #expect(throws: GraphError.lengthMismatch(sources: 1, targets: 1, weights: 2)) {
      try Graph(nodeCount: 2, sources: [0], targets: [1], weights: [1, 2], directed: true)
    }
    #expect(throws: GraphError.nodeCountOutOfRange(-1)) {
      try Graph(nodeCount: -1, sources: [], targets: [], directed: true)
    }
    #expect(
      GraphError.endpointOutOfRange(edge: 1, node: 2, nodeCount: 2).description
        == "edge 1 has the endpoint 2, outside the 2 nodes 0..<2")
  }

  @Test func emptyAndEdgelessGraphs() throws {
    let empty = try Graph(nodeCount: 0, sources: [], targets: [], directed: true)
    #expect(empty.edgeCount == 0 && empty.outOffsets == [0])
    let lonely = try Graph(nodeCount: 3, sources: [], targets: [], directed: false)
    #expect(lonely.weaklyConnectedComponents().sizes == [1, 1, 1])
  }

  /// The CSR rows equal a brute-force adjacency list on random multigraphs.
  @Test(arguments: [true, false]) func matchesBruteForce(directed: Bool) throws {
    var rng = SplitMix64(seed: directed ? 7 : 8)
    let n = 200
    let m = 1500
    let s = (0..<m).map { _ in Int32(rng.next() % UInt64(n)) }
    let t = (0..<m).map { _ in Int32(rng.next() % UInt64(n)) }
    let g = try Graph(nodeCount: n, sources: s, targets: t, directed: directed)
    var out = [[Int32]](repeating: [], count: n)
    var inn = [[Int32]](repeating: [], count: n)
    for i in 0..<m {
      out[Int(s[i])].append(t[i])
      inn[Int(t[i])].append(s[i])
      if !directed {
        out[Int(t[i])].append(s[i])
        inn[Int(s[i])].append(t[i])
      }
    }
    for v in 0..<n {
      #expect(Array(g.outNeighbors(of: v)) == out[v].sorted())
      #expect(Array(g.inNeighbors(of: v)) == inn[v].sorted())
    }
    g.checkInvariants()
    let r = g.reversed()
    for v in 0..<n { #expect(Array(r.outNeighbors(of: v)) == Array(g.inNeighbors(of: v))) }
  }

  @Test func nodeIndexMapsBothWays() throws {
    var idx = NodeIndex(["a", "b", "a", "c"])
    #expect(idx.count == 3)
    #expect(idx.index(of: "c") == 2 && idx.id(at: 1) == "b")
    #expect(idx.insert("b") == 1 && idx.insert("d") == 3)
    #expect(idx.index(of: "zzz") == nil)
  }

  /// Components and density match networkx on the committed reference graphs
  /// (Fixtures/reference/generate.py).
  @Test(arguments: [("random-directed", true), ("random-undirected", false)])
  func componentsMatchNetworkx(name: String, directed: Bool) throws {
    let edges = try EdgeListReader.read(path: "\(Paths.fixtures)/reference/\(name).csv")
    let data = try Data(contentsOf: URL(fileURLWithPath: "\(Paths.fixtures)/reference/\(name).expected.json"))
    let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let g = edges.graph(directed: directed)
    #expect(g.nodeCount == expected["nodes"] as? Int)
    let c = g.weaklyConnectedComponents()
    #expect(c.sizes == expected["component_sizes"] as? [Int])
    // Membership is consistent with sizes and numbered largest first.
    var counted = [Int](repeating: 0, count: c.count)
    for x in c.membership { counted[Int(x)] += 1 }
    #expect(counted == c.sizes)
    let simple = try Graph(
      nodeCount: g.nodeCount, sources: g.edgeSources, targets: g.edgeTargets, directed: directed,
      parallel: .merge, selfLoops: false)
    #expect(simple.edgeCount == expected["simple_edges"] as? Int)
  }
}

/// A small deterministic generator for tests.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
