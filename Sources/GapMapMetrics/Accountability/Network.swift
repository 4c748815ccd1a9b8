import GapMapModel

/// The ids a figure was computed from: relations, entities and the attribute values read, so a
/// report can expand any number into its evidence (principle 3 of the metrics spec).
public struct Trace: Sendable, Hashable {
  public var relations: Set<String> = []
  public var entities: Set<String> = []
  /// `id.field = value` for every attribute read (`unknown` when empty).
  public var attributes: Set<String> = []

  public init() {}

  public mutating func merge(_ other: Trace) {
    relations.formUnion(other.relations)
    entities.formUnion(other.entities)
    attributes.formUnion(other.attributes)
  }

  mutating func read(_ id: String, _ field: String, _ value: String) {
    attributes.insert("\(id).\(field) = \(value.isEmpty ? "unknown" : value)")
  }
}

/// The dataset as the metrics read it: the relations that may hold on one date at the chosen
/// evidence level, indexed by endpoint, each marked certain or uncertain.
///
/// A relation is certain when its evidence is `confirmed` and its period certainly contains the
/// date; `reported`, `possible` (and, in what-if runs, `alleged`) relations and those only
/// possibly valid on the date are uncertain and count only in the bound they move.
public struct AccountabilityNetwork: Sendable {
  /// The dataset, relations filtered.
  public let dataset: Dataset
  /// The dataset as given (for re-runs at another evidence level).
  public let unfiltered: Dataset
  /// The date the metrics describe.
  public let at: PartialDate
  /// The most uncertain evidence level kept.
  public let evidence: Evidence
  let entityByID: [String: Int]
  let incoming: [String: [Int]]
  let outgoing: [String: [Int]]
  let certainty: [Bool]
  let sourceByID: [String: Int]
  let relationByID: [String: Int]
  /// Facility id → contracts and subcontracts whose known scope lists it.
  let scopedContracts: [String: [Int]]

  /// Indexes `dataset` (which must have passed validation) for the metrics at `at`.
  public init(_ dataset: Dataset, at: PartialDate, evidence: Evidence = .possible) {
    var d = dataset
    d.relations = dataset.relations.filter {
      $0.evidence <= evidence && $0.period.overlap(with: at) != .outside
    }
    self.dataset = d
    unfiltered = dataset
    self.at = at
    self.evidence = evidence
    var byID = [String: Int]()
    for (i, e) in d.entities.enumerated() { byID[e.id] = i }
    entityByID = byID
    var inc = [String: [Int]]()
    var out = [String: [Int]]()
    for (i, r) in d.relations.enumerated() {
      inc[r.target, default: []].append(i)
      out[r.source, default: []].append(i)
    }
    incoming = inc
    outgoing = out
    certainty = d.relations.map { $0.evidence.isCertain && $0.period.overlap(with: at) == .certain }
    var sources = [String: Int]()
    for (i, s) in d.sources.enumerated() { sources[s.id] = i }
    sourceByID = sources
    var rels = [String: Int]()
    for (i, r) in d.relations.enumerated() where rels[r.id] == nil { rels[r.id] = i }
    relationByID = rels
    var scoped = [String: [Int]]()
    for (i, r) in d.relations.enumerated() where r.kind == .contracts || r.kind == .subcontracts {
      if case .known(let ids) = r.facilities { for f in Set(ids) { scoped[f, default: []].append(i) } }
    }
    scopedContracts = scoped
  }

  /// The entity with `id`.
  public func entity(_ id: String) -> Entity? { entityByID[id].map { dataset.entities[$0] } }

  /// The kind of entity `id` (`other` when absent).
  func kind(_ id: String) -> EntityKind { entity(id)?.kind ?? .other }

  /// Whether `id` is a public body (state, agency, igo).
  func isPublic(_ id: String) -> Bool { kind(id).isPublic }

  /// Relation `i`.
  func relation(_ i: Int) -> Relation { dataset.relations[i] }

  /// Whether relation `i` certainly holds on the date.
  func isCertain(_ i: Int) -> Bool { certainty[i] }

  /// Relations of `kinds` ending at `id`.
  func relations(into id: String, _ kinds: Set<RelationKind>) -> [Int] {
    (incoming[id] ?? []).filter { kinds.contains(dataset.relations[$0].kind) }
  }

  /// Relations of `kinds` leaving `id`.
  func relations(from id: String, _ kinds: Set<RelationKind>) -> [Int] {
    (outgoing[id] ?? []).filter { kinds.contains(dataset.relations[$0].kind) }
  }

  /// The facilities that may exist on the date (opened/closed not certainly excluding it).
  public var facilities: [Entity] {
    dataset.entities.filter { e in
      guard e.kind == .facility else { return false }
      return Period(start: e.opened.known, end: e.closed.known).overlap(with: at) != .outside
    }
  }

  /// The country an entity answers to: `incorporated_in` for companies when known, else
  /// `country`; a state entity with no country is its own id upper-cased.
  func homeCountry(_ id: String) -> String? {
    guard let e = entity(id) else { return nil }
    if e.kind == .company, let c = e.incorporatedIn.known { return c.uppercased() }
    return e.country.known?.uppercased()
  }

  /// The sorted source ids cited by the relations and entities of `trace`.
  public func sources(of trace: Trace) -> [String] {
    var ids = Set<String>()
    for id in trace.relations {
      if let i = relationByID[id] { ids.formUnion(dataset.relations[i].sources) }
    }
    for e in trace.entities { ids.formUnion(entity(e)?.sources ?? []) }
    return ids.sorted()
  }

  /// The source record for `id`.
  public func source(_ id: String) -> Source? { sourceByID[id].map { dataset.sources[$0] } }
}

/// Whether a relation belongs to a facility's chain.
enum Scope {
  case certain, possible, excluded
}

extension Relation {
  /// Whether this relation applies to facility `f` (principle 2 of the metrics spec):
  /// `delegates` always; contractual relations when their `facilities` scope lists `f`,
  /// possibly when the scope is unknown or undisclosed; others when unscoped or listing `f`.
  func scope(for f: String) -> Scope {
    switch facilities {
    case .known(let ids): return ids.contains(f) ? .certain : .excluded
    case .unknown, .undisclosed, .notApplicable:
      if kind == .delegates { return .certain }
      return kind.isContractual ? .possible : .certain
    }
  }
}
