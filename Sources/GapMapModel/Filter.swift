/// The analysis filters every command shares: `--at`, `--evidence`, `--relations`, `--kinds`.
///
/// ```swift
/// let f = AnalysisFilter(at: PartialDate("2018"), evidence: .reported)
/// let view = f.apply(to: dataset)
/// ```
public struct AnalysisFilter: Sendable, Hashable {
  /// Keep relations that may be valid on this date (certainly or possibly, given partial dates).
  public var at: PartialDate?
  /// Keep relations whose evidence is at most this uncertain (default: all but `alleged`).
  public var evidence: Evidence
  /// Keep only these relation kinds (`nil`: all).
  public var relationKinds: Set<RelationKind>?
  /// Keep only entities of these kinds, and the relations between them (`nil`: all).
  public var entityKinds: Set<EntityKind>?
  /// With `at`: an open-ended operator or contract relation ends when a later one for the same
  /// facility and function starts (``Dataset/supersededEnds(evidence:)``), and an amendment or
  /// part of a contract starts no earlier than it (``Dataset/amendmentStarts()``), as in the
  /// metrics.
  public var inferEnds = true

  public init(
    at: PartialDate? = nil, evidence: Evidence = .possible, relationKinds: Set<RelationKind>? = nil,
    entityKinds: Set<EntityKind>? = nil
  ) {
    self.at = at
    self.evidence = evidence
    self.relationKinds = relationKinds
    self.entityKinds = entityKinds
  }

  /// Whether the filter keeps everything but alleged relations.
  public var isDefault: Bool { self == AnalysisFilter() }

  /// Whether `r` passes the relation filters (endpoints are checked by ``apply(to:)``).
  public func keeps(_ r: Relation) -> Bool { keeps(r, ends: [:]) }

  func keeps(_ r: Relation, ends: [String: InferredEnd], starts: [String: InferredStart] = [:]) -> Bool {
    if r.evidence > evidence { return false }
    if let kinds = relationKinds, !kinds.contains(r.kind) { return false }
    if let at, r.period(inferring: ends, starts: starts).overlap(with: at) == .outside { return false }
    return true
  }

  /// The dataset restricted to what the filter keeps. Sources and metadata are kept whole.
  /// - Complexity: O(entities + relations).
  public func apply(to d: Dataset) -> Dataset {
    var out = d
    if let kinds = entityKinds {
      out.entities = d.entities.filter { kinds.contains($0.kind) }
    }
    let kept = Set(out.entities.map(\.id))
    let ends = at != nil && inferEnds ? d.supersededEnds(evidence: evidence) : [:]
    let starts = at != nil && inferEnds ? d.amendmentStarts() : [:]
    out.relations = d.relations.filter {
      keeps($0, ends: ends, starts: starts) && kept.contains($0.source) && kept.contains($0.target)
    }
    return out
  }
}
