import GapMapAlgorithms
import GapMapGraph
import GapMapModel

/// What `gapmap summary` reports: counts by kind, connectivity, density, dates, source
/// coverage, overall and per country.
public struct DatasetSummary: Sendable, Equatable {
  /// A name and a count, in a stable order.
  public struct Count: Sendable, Equatable {
    public var name: String
    public var count: Int
    public init(name: String, count: Int) {
      self.name = name
      self.count = count
    }
  }

  /// Coverage of one country (or `unknown` for entities without a country).
  public struct CountryCoverage: Sendable, Equatable {
    public var country: String
    /// Entities with this country.
    public var entities: Int
    /// Facilities among them.
    public var facilities: Int
    /// Relations with at least one endpoint in this country.
    public var relations: Int
    /// Of those, relations citing at least one source.
    public var sourcedRelations: Int
    /// Of those, relations whose evidence is `confirmed`.
    public var confirmedRelations: Int
  }

  public var title: String?
  public var asOf: String?
  public var entities: Int
  public var relations: Int
  public var sources: Int
  public var entityKinds: [Count]
  public var relationKinds: [Count]
  public var evidence: [Count]
  /// Weakly connected components of the relation graph.
  public var components: Int
  /// Size of the largest component.
  public var largestComponent: Int
  /// Entities no relation touches.
  public var isolated: Int
  /// Density of the simple graph, as `networkx.density` (self-loops and parallel edges left
  /// out): arcs/(n(n−1)) for directed datasets and graphs; 2m/(n(n−1)) for undirected ones
  /// (`"directed": false` in the metadata, or `--undirected`).
  public var density: Double
  /// Earliest date among relation starts and ends (nil when none is known).
  public var earliest: String?
  /// Latest date among relation starts and ends.
  public var latest: String?
  /// Relations with a known start or end.
  public var datedRelations: Int
  /// Relations citing at least one source.
  public var sourcedRelations: Int
  /// Per-country coverage, by country code (`unknown` last).
  public var countries: [CountryCoverage]

  /// Share of relations that cite a source (nil for a dataset without relations).
  public var sourcedShare: Double? { relations == 0 ? nil : Double(sourcedRelations) / Double(relations) }

  /// Summarises `dataset`; `directed` overrides the dataset's direction for the structure
  /// (components, density).
  /// - Complexity: O(n + m) plus sorting the kind and country lists.
  public init(_ dataset: Dataset, directed: Bool? = nil) {
    let d = dataset
    title = d.metadata.title
    asOf = d.metadata.asOf?.description
    entities = d.entities.count
    relations = d.relations.count
    sources = d.sources.count
    entityKinds = DatasetSummary.counts(d.entities.map(\.kind), order: EntityKind.builtIn)
    relationKinds = DatasetSummary.counts(d.relations.map(\.kind), order: RelationKind.builtIn)
    evidence = Evidence.allCases.map { e in
      Count(name: e.rawValue, count: d.relations.filter { $0.evidence == e }.count)
    }
    .filter { $0.count > 0 }

    // The projection skips dangling endpoints (validation reports them).
    (components, largestComponent, isolated, density) = DatasetSummary.structure(
      Projection(d, directed: directed).graph)

    let dates = d.relations.flatMap { [$0.start.known, $0.end.known].compactMap { $0 } }
    earliest = dates.min()?.description
    latest = dates.max { $0.latestDay < $1.latestDay }?.description
    datedRelations = d.relations.filter { $0.start.known != nil || $0.end.known != nil }.count
    sourcedRelations = d.relations.filter { !$0.sources.isEmpty }.count

    var countryOf: [String: String] = [:]
    for e in d.entities { countryOf[e.id] = e.country.known ?? "unknown" }
    var table: [String: CountryCoverage] = [:]
    func row(_ c: String) -> CountryCoverage {
      table[c]
        ?? CountryCoverage(
          country: c, entities: 0, facilities: 0, relations: 0, sourcedRelations: 0, confirmedRelations: 0)
    }
    for e in d.entities {
      let c = e.country.known ?? "unknown"
      var r = row(c)
      r.entities += 1
      if e.kind == .facility { r.facilities += 1 }
      table[c] = r
    }
    for rel in d.relations {
      let cs = Set([rel.source, rel.target].compactMap { countryOf[$0] })
      for c in cs {
        var r = row(c)
        r.relations += 1
        if !rel.sources.isEmpty { r.sourcedRelations += 1 }
        if rel.evidence == .confirmed { r.confirmedRelations += 1 }
        table[c] = r
      }
    }
    countries = table.values.sorted { a, b in
      (a.country == "unknown" ? 1 : 0, a.country) < (b.country == "unknown" ? 1 : 0, b.country)
    }
  }

  static func counts<K: OpenVocabulary>(_ kinds: [K], order: [K]) -> [Count] {
    var c: [K: Int] = [:]
    for k in kinds { c[k, default: 0] += 1 }
    let builtIn = order.filter { c[$0] != nil }
    let custom = c.keys.filter { !order.contains($0) }.sorted()
    return (builtIn + custom).map { Count(name: $0.rawValue, count: c[$0] ?? 0) }
  }
}

extension DatasetSummary {
  /// Summarises a plain graph (an edge list): nodes are entities of kind `other`, edges
  /// relations of kind `link`, with no sources or dates. Gives the same figures as
  /// summarising the dataset an edge list converts to, without building one.
  /// - Complexity: O(n + m).
  public init(plainGraph g: Graph) {
    title = nil
    asOf = nil
    entities = g.nodeCount
    relations = g.edgeCount
    sources = 0
    entityKinds = g.nodeCount == 0 ? [] : [Count(name: EntityKind.other.rawValue, count: g.nodeCount)]
    relationKinds = g.edgeCount == 0 ? [] : [Count(name: RelationKind.link.rawValue, count: g.edgeCount)]
    evidence = g.edgeCount == 0 ? [] : [Count(name: Evidence.confirmed.rawValue, count: g.edgeCount)]
    (components, largestComponent, isolated, density) = DatasetSummary.structure(g)
    earliest = nil
    latest = nil
    datedRelations = 0
    sourcedRelations = 0
    countries =
      g.nodeCount == 0
      ? []
      : [
        CountryCoverage(
          country: "unknown", entities: g.nodeCount, facilities: 0, relations: g.edgeCount,
          sourcedRelations: 0, confirmedRelations: g.edgeCount)
      ]
  }

  /// Components, largest component, isolated nodes and directed simple density of `g`.
  static func structure(_ g: Graph) -> (Int, Int, Int, Double) {
    let components = g.weaklyConnectedComponents()
    var isolated = 0
    for v in 0..<g.nodeCount where g.outDegree(v) == 0 && g.inDegree(v) == 0 { isolated += 1 }
    // Distinct ordered pairs without self-loops; rows are sorted, so duplicates are adjacent.
    // An undirected graph stores each edge in both rows: that counts both ordered pairs, which
    // is what density over n(n−1) ordered pairs wants.
    var pairs = 0
    for v in 0..<g.nodeCount {
      var previous: Int32 = -1
      for w in g.outNeighbors(of: v) where Int(w) != v && w != previous {
        pairs += 1
        previous = w
      }
    }
    // Directed: networkx.density(DiGraph) = arcs/(n(n−1)). Undirected: each edge sits in two
    // rows, so pairs = 2m and this is networkx.density(Graph) = 2m/(n(n−1)).
    let n = Double(g.nodeCount)
    let density = g.nodeCount < 2 ? 0 : Double(pairs) / (n * (n - 1))
    return (components.count, components.sizes.first ?? 0, isolated, density)
  }
}
