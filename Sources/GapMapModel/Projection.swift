import GapMapGraph

/// A dataset seen as a `Graph` (`GapMapGraph`): entities become nodes (in input order), relations edges.
///
/// The graph keeps parallel relations (edge `i` is relation `relationIndices[i]`); measures that
/// want a simple graph merge them, adding weights.
public struct Projection: Sendable {
  /// The graph.
  public let graph: Graph
  /// Entity id ↔ node index.
  public let nodes: NodeIndex
  /// For each edge, the index of its relation in the dataset.
  public let relationIndices: [Int]

  /// Where edge weights come from.
  public enum Weight: Sendable, Hashable {
    /// `count`: every relation weighs 1, so merged edges count their relations.
    case count
    /// A numeric column: `value`, `share`, `bidders`, `modifications`, or a free attribute.
    case attribute(String)
  }

  /// Projects `dataset` without weights: entities in order; relations whose endpoints are
  /// unknown are skipped (validation reports them).
  /// - Complexity: O(n + m).
  /// `directed` defaults to the dataset's direction (``Metadata/isDirected``).
  public init(_ dataset: Dataset, directed: Bool? = nil) {
    (graph, nodes, relationIndices, _) = Projection.build(
      dataset, directed: directed ?? dataset.metadata.isDirected, weight: nil)
  }

  /// Projects `dataset` with edge weights from `weight`.
  /// - Throws: ``ModelError`` (remedy ``ModelError/Remedy/leaveOutRelations``) when some
  ///   relation has no known number in the weight column; unknown is never read as zero.
  /// - Complexity: O(n + m).
  public init(_ dataset: Dataset, directed: Bool? = nil, weight: Weight) throws(ModelError) {
    let missing: [String]
    (graph, nodes, relationIndices, missing) = Projection.build(
      dataset, directed: directed ?? dataset.metadata.isDirected, weight: weight)
    if !missing.isEmpty {
      let name: String
      if case .attribute(let a) = weight { name = a } else { name = "count" }
      let shown = missing.prefix(5).joined(separator: ", ")
      throw ModelError(
        "\(missing.count) relation(s) have no known number in \"\(name)\" (\(shown)\(missing.count > 5 ? ", …" : ""))",
        hint: "leave them out (filter by relation kind) or fill them in", remedy: .leaveOutRelations)
    }
  }

  static func build(_ dataset: Dataset, directed: Bool, weight: Weight?)
    -> (Graph, NodeIndex, [Int], [String])
  {
    var nodes = NodeIndex()
    for e in dataset.entities { nodes.insert(e.id) }
    var src: [Int32] = []
    var dst: [Int32] = []
    var weights: [Double]? = weight == nil ? nil : []
    var indices: [Int] = []
    var missing: [String] = []
    for (i, r) in dataset.relations.enumerated() {
      guard let s = nodes.index(of: r.source), let t = nodes.index(of: r.target) else { continue }
      if let weight {
        guard let w = Projection.weight(of: r, weight) else {
          missing.append(r.id)
          continue
        }
        weights?.append(w)
      }
      src.append(s)
      dst.append(t)
      indices.append(i)
      // An undirected relation of a directed (mixed) dataset is an arc each way.
      if directed, s != t, Projection.isUndirected(r) {
        if let w = weights?.last { weights?.append(w) }
        src.append(t)
        dst.append(s)
        indices.append(i)
      }
    }
    let g = Graph(
      uncheckedNodeCount: nodes.count, sources: src, targets: dst, weights: weights, directed: directed)
    return (g, nodes, indices, missing)
  }

  /// Whether `r` says it is undirected (`directed=false`, as GEXF's mixed graphs and
  /// GraphML's per-edge `directed` attribute have it).
  public static func isUndirected(_ r: Relation) -> Bool {
    guard let d = r.attributes["directed"]?.lowercased() else { return false }
    return d == "false" || d == "no" || d == "0"
  }

  static func weight(of r: Relation, _ w: Weight) -> Double? {
    switch w {
    case .count: return 1
    case .attribute("value"): return r.value.known
    case .attribute("share"): return r.share.known
    case .attribute("bidders"): return r.bidders.known.map(Double.init)
    case .attribute("modifications"): return r.modifications.known.map(Double.init)
    case .attribute(let name): return r.attributes[name].flatMap(Scalars.number)
    }
  }
}
