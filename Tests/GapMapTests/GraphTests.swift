import GapMapGraph
import Testing

@Suite struct GraphTests {
  @Test func directedRowsAreSortedAndMirrored() {
    let g = Graph(nodeCount: 4, sources: [2, 0, 0, 3, 0], targets: [1, 3, 1, 0, 1], directed: true)
    #expect(Array(g.outNeighbors(of: 0)) == [1, 1, 3])
    #expect(Array(g.inNeighbors(of: 1)) == [0, 0, 2])
    #expect(g.outDegree(3) == 1 && g.inDegree(0) == 1)
    #expect(g.edgeCount == 5)
  }
}
