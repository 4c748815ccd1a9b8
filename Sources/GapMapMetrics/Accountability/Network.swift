import GapMapModel

/// The ids a figure was computed from: relations, entities and the attribute values read, so a
/// report can expand any number into its evidence (principle 3 of the metrics spec).
public struct Trace: Sendable, Hashable, Codable {
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

/// The inference rules the metrics may apply to fill what the data leaves open. Each is
/// documented in `docs/metrics.md`; `--no-inference` turns every one off so the bare data shows.
public struct InferenceRules: Sendable, Hashable {
  /// An open-ended operator or contract relation ends when a later one for the same facility
  /// and function starts (`end_inferred`); an amendment or part of a contract starts no
  /// earlier than the contract.
  public var supersededEnds = true
  /// An oversight body's statutory `mandate` and OPCAT NPM designation supply the powers they
  /// guarantee by law, where the data does not state them.
  public var mandatePowers = true
  /// A contractor holding a contract scoped to the facility, with no operator or subcontract
  /// recorded below it, is read as acting at the facility.
  public var implicitOperators = true
  /// With no `responsible_for` claim, the public roots of the chain are its duty-bearers.
  public var inferredDutyBearers = true
  /// A successor body (`succeeded_by`) answers for its predecessor's contracts.
  public var successors = true
  /// Jurisdiction over a State covers its agencies.
  public var stateCoversAgencies = true

  /// Every rule on (the default).
  public static let all = InferenceRules()
  /// Every rule off: the bare data.
  public static let none = InferenceRules(
    supersededEnds: false, mandatePowers: false, implicitOperators: false,
    inferredDutyBearers: false, successors: false, stateCoversAgencies: false)

  public init(
    supersededEnds: Bool = true, mandatePowers: Bool = true, implicitOperators: Bool = true,
    inferredDutyBearers: Bool = true, successors: Bool = true, stateCoversAgencies: Bool = true
  ) {
    self.supersededEnds = supersededEnds
    self.mandatePowers = mandatePowers
    self.implicitOperators = implicitOperators
    self.inferredDutyBearers = inferredDutyBearers
    self.successors = successors
    self.stateCoversAgencies = stateCoversAgencies
  }
}

/// Whether an inactive facility had closed before the date or had not opened yet.
public enum InactiveStatus: String, Sendable, Hashable, Codable {
  case closed
  case notOpen = "not_open"
}

/// Why a facility is not scored on the date.
public struct InactiveFacility: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  /// `closed` (closed before the date) or `not_open` (opened after it).
  public var status: InactiveStatus
  /// The closing or opening date.
  public var date: PartialDate
}

/// The dataset as the metrics read it: the relations that may hold on one date at the chosen
/// evidence level, indexed by endpoint, each marked certain or uncertain.
///
/// A relation is certain when its evidence is `confirmed` and its period certainly contains the
/// date; `reported`, `possible` (and, in what-if runs, `alleged`) relations and those only
/// possibly valid on the date are uncertain and count only in the bound they move. Open-ended
/// operator and contract relations end when a later one for the same facility and function
/// starts (``InferenceRules/supersededEnds``).
public struct AccountabilityNetwork: Sendable {
  /// The dataset, relations filtered.
  public let dataset: Dataset
  /// The dataset as given (for re-runs at another evidence level).
  public let unfiltered: Dataset
  /// The date the metrics describe.
  public let at: PartialDate
  /// The most uncertain evidence level kept.
  public let evidence: Evidence
  /// The inference rules in force.
  public let rules: InferenceRules
  /// Relation id → the end inferred for it (only relations whose end the data leaves open).
  public let inferredEnds: [String: InferredEnd]
  let entityByID: [String: Int]
  let incoming: [String: [Int]]
  let outgoing: [String: [Int]]
  let certainty: [Bool]
  let sourceByID: [String: Int]
  let relationByID: [String: Int]
  /// Facility id → contracts and subcontracts whose known scope lists it.
  let scopedContracts: [String: [Int]]
  /// Facility id → public parties of contractual relations whose known scope lists it.
  let scopedParties: [String: [String]]

  /// Indexes `dataset` (which must have passed validation) for the metrics at `at`.
  public init(
    _ dataset: Dataset, at: PartialDate, evidence: Evidence = .possible,
    rules: InferenceRules = .all
  ) {
    let ends = rules.supersededEnds ? dataset.supersededEnds(evidence: evidence) : [:]
    let starts = rules.supersededEnds ? dataset.amendmentStarts() : [:]
    var d = dataset
    d.relations = dataset.relations.filter {
      $0.evidence <= evidence && $0.period(inferring: ends, starts: starts).overlap(with: at) != .outside
    }
    self.dataset = d
    unfiltered = dataset
    self.at = at
    self.evidence = evidence
    self.rules = rules
    inferredEnds = ends
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
    certainty = d.relations.map {
      $0.evidence.isCertain && $0.period(inferring: ends, starts: starts).overlap(with: at) == .certain
    }
    var sources = [String: Int]()
    for (i, s) in d.sources.enumerated() { sources[s.id] = i }
    sourceByID = sources
    var rels = [String: Int]()
    for (i, r) in d.relations.enumerated() where rels[r.id] == nil { rels[r.id] = i }
    relationByID = rels
    var scoped = [String: [Int]]()
    var parties = [String: [String]]()
    for (i, r) in d.relations.enumerated() where r.kind.isContractual {
      guard case .known(let ids) = r.facilities else { continue }
      for f in Set(ids) {
        if r.kind != .funds { scoped[f, default: []].append(i) }
        parties[f, default: []].append(r.source)
      }
    }
    scopedContracts = scoped
    scopedParties = parties
  }

  /// The entity with `id`.
  public func entity(_ id: String) -> Entity? { entityByID[id].map { dataset.entities[$0] } }

  /// The kind of entity `id` (`other` when absent).
  func kind(_ id: String) -> EntityKind { entity(id)?.kind ?? .other }

  /// Whether `id` is a public body (state, agency, igo).
  func isPublic(_ id: String) -> Bool { kind(id).isPublic }

  /// Relation `i`.
  public func relation(_ i: Int) -> Relation { dataset.relations[i] }

  /// The index of the relation with `id`.
  public func relationIndex(of id: String) -> Int? { relationByID[id] }

  /// Whether relation `i` (oversight, jurisdiction, …) applies to facility `f` by its scope.
  public func applies(_ i: Int, to f: String) -> Bool { relation(i).scope(for: f) != .excluded }

  /// Whether relation `i` certainly holds on the date.
  func isCertain(_ i: Int) -> Bool { certainty[i] }

  /// Relations of `kinds` ending at `id`.
  public func relations(into id: String, _ kinds: Set<RelationKind>) -> [Int] {
    (incoming[id] ?? []).filter { kinds.contains(dataset.relations[$0].kind) }
  }

  /// Relations of `kinds` leaving `id`.
  public func relations(from id: String, _ kinds: Set<RelationKind>) -> [Int] {
    (outgoing[id] ?? []).filter { kinds.contains(dataset.relations[$0].kind) }
  }

  /// The facilities that may exist on the date (opened/closed not certainly excluding it).
  public var facilities: [Entity] {
    dataset.entities.filter { e in
      guard e.kind == .facility else { return false }
      return Period(start: e.opened.known, end: e.closed.known).overlap(with: at) != .outside
    }
  }

  /// The facilities certainly closed before the date, or opened after it: reported as such,
  /// never scored as current.
  public var inactiveFacilities: [InactiveFacility] {
    dataset.entities.compactMap { e in
      guard e.kind == .facility else { return nil }
      if let c = e.closed.known, c.latestDay < at.earliestDay {
        return InactiveFacility(id: e.id, name: e.name, status: .closed, date: c)
      }
      if let o = e.opened.known, o.earliestDay > at.latestDay {
        return InactiveFacility(id: e.id, name: e.name, status: .notOpen, date: o)
      }
      return nil
    }
  }

  /// The states a facility answers to, as countries: its territorial state, the states of
  /// its `responsible_for` claims, and those of the public parties of contracts and funding
  /// scoped to it. An unscoped contract of another state never reaches the facility.
  func facilityStates(_ f: String) -> Set<String> {
    var out = Set<String>()
    for i in relations(from: f, [.locatedIn]) {
      if let c = homeCountry(relation(i).target) { out.insert(c) }
    }
    if let c = entity(f)?.country.known { out.insert(c.uppercased()) }
    for i in relations(into: f, [.responsibleFor, .operates]) {
      let src = relation(i).source
      if isPublic(src), let c = homeCountry(src) { out.insert(c) }
    }
    for p in scopedParties[f] ?? [] where isPublic(p) || kind(p) == .funding {
      if let c = homeCountry(p) { out.insert(c) }
    }
    return out
  }

  /// The contract relations whose value is counted in another one: those a later relation
  /// `amends`, and those `part_of` a larger contract.
  static func valueCountedElsewhere(_ d: Dataset) -> Set<String> {
    var out = Set<String>()
    for r in d.relations {
      if let a = r.amends.known { out.insert(a) }
      if r.partOf.known != nil { out.insert(r.id) }
    }
    return out
  }

  /// Whether a contract of `function` can serve a facility of `type` (unknown = yes).
  static func canServe(_ function: ContractFunction?, _ type: FacilityType?) -> Bool {
    guard let function, let type else { return true }
    let flights = type == .other
    switch function {
    case .removal_flights: return flights
    case .detention_operation, .accommodation, .catering, .custody_security: return !flights
    case .interception, .surveillance: return type == .border_post || type == .hotspot || type == .other
    default: return true
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

extension AccountabilityNetwork {
  /// Whether relation `i` applies to facility `f`, with the admission rule for unscoped
  /// contractual relations: they reach `f` only as possible links, only when their function can
  /// serve `f` and a public contracting party or funder belongs to one of `states` (the
  /// facility's states); the dates already overlap (the network holds only relations valid
  /// on the date).
  func scope(of i: Int, for f: String, states: Set<String>) -> Scope {
    let r = relation(i)
    let s = r.scope(for: f)
    guard s == .possible else { return s }
    let type = entity(f)?.facilityType.known
    if r.kind != .funds, !AccountabilityNetwork.canServe(r.function.known, type) { return .excluded }
    if isPublic(r.source) || kind(r.source) == .funding {
      guard let c = homeCountry(r.source), states.contains(c) else { return .excluded }
    }
    return .possible
  }
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
