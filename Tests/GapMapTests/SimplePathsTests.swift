import GapMapAlgorithms
import GapMapGraph
import Testing

/// `Graph.simplePaths` (SimplePaths.swift). Reference values from networkx 3.6.1's
/// `all_simple_edge_paths` on a `MultiDiGraph` whose edge keys are GapMap's edge ids, e.g.
/// `sorted([[k for (_, _, k) in p] for p in nx.all_simple_edge_paths(G, 0, 3)])`.
@Suite struct SimplePathsTests {
  @Test func pathsAreEdgeSequencesInEdgeOrder() throws {
    // 0 → 1 → 3, 0 → 2 → 3, 0 → 3; networkx: [[0, 1], [2, 3], [4]].
    let g = try Graph(nodeCount: 4, sources: [0, 1, 0, 2, 0], targets: [1, 3, 2, 3, 3], directed: true)
    let found = g.simplePaths(from: 0, to: 3)
    #expect(found.paths == [[0, 1], [2, 3], [4]])
    #expect(!found.truncated)
    // Edges leave a node in edge-id order, not in the CSR row's head order.
    let h = try Graph(nodeCount: 3, sources: [0, 0, 1], targets: [2, 1, 2], directed: true)
    #expect(h.simplePaths(from: 0, to: 2).paths == [[0], [1, 2]])
    #expect(g.simplePaths(from: 3, to: 0).paths.isEmpty)
    #expect(g.simplePaths(from: 2, to: 2).paths == [[]])
  }

  @Test func parallelEdgesAndCyclesInACompleteDigraph() throws {
    // K5 with a second 0 → 1 and a self-loop at 2: networkx finds 21 paths 0 → 4.
    var sources: [Int32] = []
    var targets: [Int32] = []
    for u in Int32(0)..<5 {
      for v in Int32(0)..<5 where u != v {
        sources.append(u)
        targets.append(v)
      }
    }
    sources += [0, 2]
    targets += [1, 2]
    let g = try Graph(nodeCount: 5, sources: sources, targets: targets, directed: true)
    let found = g.simplePaths(from: 0, to: 4)
    #expect(found.paths.count == 21 && !found.truncated)
    #expect(Set(found.paths).count == 21)
    for p in found.paths {
      let nodes = [0] + p.map { g.edgeTargets[Int($0)] }
      #expect(Set(nodes).count == nodes.count && nodes.last == 4)
      #expect(
        zip(p.dropLast(), p.dropFirst()).allSatisfy { g.edgeTargets[Int($0)] == g.edgeSources[Int($1)] })
    }
    // Depth first, edges by id: 0 → 1 → 2 → 3 → 4 first; the parallel 0 → 1 (edge 20) last.
    #expect(found.paths.first == [0, 5, 10, 15] && found.paths.last == [20, 7] && found.paths.contains([3]))
    // Stops at the limit, and says so.
    let two = g.simplePaths(from: 0, to: 4, limit: 2)
    #expect(two.paths == Array(found.paths.prefix(2)) && two.truncated)
    #expect(g.simplePaths(from: 0, to: 4, maxSteps: 3).truncated)
  }

  @Test func deadEndsCostNothing() throws {
    // 0 → 1, then a 12-clique on 1…12 that never reaches 13; 0 → 13 directly.
    var sources: [Int32] = [0, 0]
    var targets: [Int32] = [1, 13]
    for u in Int32(1)...12 {
      for v in Int32(1)...12 where u != v {
        sources.append(u)
        targets.append(v)
      }
    }
    let g = try Graph(nodeCount: 14, sources: sources, targets: targets, directed: true)
    let found = g.simplePaths(from: 0, to: 13, maxSteps: 100)
    #expect(found.paths == [[1]] && !found.truncated)
  }

  @Test func aPastDeadlineStops() throws {
    let g = try Graph(nodeCount: 3, sources: [0, 1], targets: [1, 2], directed: true)
    let past = ContinuousClock.now - .seconds(1)
    let found = g.simplePaths(from: 0, to: 2, deadline: past)
    #expect(found.paths.isEmpty && found.truncated)
  }
}
