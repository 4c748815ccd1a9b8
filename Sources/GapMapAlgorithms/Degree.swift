import GapMapGraph

extension Graph {
  /// Degree of every node: in + out for directed graphs (a self-loop counts twice, as in
  /// networkx). `networkx.degree`; divide by n − 1 for `degree_centrality`.
  /// - Complexity: O(n).
  public func degrees() -> [Double] {
    (0..<nodeCount).map { Double(isDirected ? outDegree($0) + inDegree($0) : outDegree($0)) }
  }

  /// In-degree of every node (degree when undirected).
  /// - Complexity: O(n).
  public func inDegrees() -> [Double] { (0..<nodeCount).map { Double(inDegree($0)) } }

  /// Out-degree of every node (degree when undirected).
  /// - Complexity: O(n).
  public func outDegrees() -> [Double] { (0..<nodeCount).map { Double(outDegree($0)) } }

  /// Strength: the sum of the weights of a node's edges, in and out (`networkx.degree(weight=)`);
  /// the degree when the graph is unweighted.
  /// - Complexity: O(n + m).
  public func strengths() -> [Double] {
    guard let w = edgeWeights else { return degrees() }
    var s = [Double](repeating: 0, count: nodeCount)
    for e in 0..<edgeCount {
      s[Int(edgeSources[e])] += w[e]
      s[Int(edgeTargets[e])] += w[e]
    }
    return s
  }
}
