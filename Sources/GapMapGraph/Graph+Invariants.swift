extension Graph {
  /// Checks the CSR invariants (traps when one fails); called after construction in debug
  /// builds and by the tests. Not public API: `package` access keeps it out of the library's
  /// interface while the package's own tests can still call it.
  /// - Complexity: O(n + m).
  package func checkInvariants() {
    precondition(outOffsets.count == nodeCount + 1)
    precondition(inOffsets.count == nodeCount + 1)
    precondition(outOffsets.first == 0 && outOffsets.last == outTargets.count)
    precondition(inOffsets.first == 0 && inOffsets.last == inSources.count)
    precondition(outTargets.count == (isDirected ? edgeCount : 2 * edgeCount))
    for v in 0..<nodeCount {
      precondition(outOffsets[v] <= outOffsets[v + 1])
      var previous: Int32 = -1
      for p in outOffsets[v]..<outOffsets[v + 1] {
        precondition(outTargets[p] >= previous, "row \(v) is not sorted")
        previous = outTargets[p]
        let e = Int(outEdge[p])
        let (s, t) = (Int(edgeSources[e]), Int(edgeTargets[e]))
        precondition(
          (s == v && Int(outTargets[p]) == t) || (!isDirected && t == v && Int(outTargets[p]) == s))
      }
    }
  }
}
