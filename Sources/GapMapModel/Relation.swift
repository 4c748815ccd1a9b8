/// A directed, cited edge of a dataset. Several relations may join the same pair.
public struct Relation: Sendable, Hashable {
  /// Unique id (generated `r1`, `r2`, … when the file leaves it empty).
  public var id: String
  /// The entity id at the tail.
  public var source: String
  /// The entity id at the head.
  public var target: String
  /// The relation kind.
  public var kind: RelationKind
  /// What the contractor or operator does.
  public var function: Value<ContractFunction> = .unknown
  /// Facility ids the relation applies to; unknown = unknown scope.
  public var facilities: Value<[String]> = .unknown
  /// Start of validity.
  public var start: Value<PartialDate> = .unknown
  /// End of validity (unknown = ongoing or unknown).
  public var end: Value<PartialDate> = .unknown
  /// Value as reported (often a ceiling).
  public var value: Value<Double> = .unknown
  /// ISO 4217 currency of `value`.
  public var currency: Value<String> = .unknown
  /// Award procedure.
  public var procedure: Value<Procedure> = .unknown
  /// Number of bids received.
  public var bidders: Value<Int> = .unknown
  /// Number of amendments.
  public var modifications: Value<Int> = .unknown
  /// Ownership share 0–1 (for `owns`).
  public var share: Value<Double> = .unknown
  /// The id of the contract relation whose value this one amends or replaces.
  public var amends: Value<String> = .unknown
  /// The id of the larger contract relation this one is part of.
  public var partOf: Value<String> = .unknown
  /// What the public can see of the contract.
  public var disclosure = CompactMap<DisclosureFields>()
  /// Contract clauses.
  public var safeguards = CompactMap<SafeguardFields>()
  /// An oversight body's powers.
  public var powers = CompactMap<PowerFields>()
  /// How well established; `nil` when the file leaves it empty (read as confirmed).
  public var evidenceGiven: Evidence?
  /// Source ids.
  public var sources: [String] = []
  /// Free text.
  public var notes: String = ""
  /// Columns the format does not define, by column name.
  public var attributes: [String: String] = [:]
  /// The line the relation was read from (0 when not read from a file).
  public var line: Int = 0

  /// A relation with every optional attribute unknown.
  public init(id: String, source: String, target: String, kind: RelationKind) {
    self.id = id
    self.source = source
    self.target = target
    self.kind = kind
  }

  /// The evidence level, `confirmed` when not given.
  public var evidence: Evidence { evidenceGiven ?? .confirmed }

  /// The validity period (undisclosed or n/a bounds are open).
  public var period: Period { Period(start: start.known, end: end.known) }
}
