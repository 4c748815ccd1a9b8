/// A node of a dataset: a state, agency, company, facility, oversight body, remedy mechanism…
///
/// Every optional attribute is a four-state ``Value``; attributes of other kinds stay
/// `.unknown`. Columns the format does not define are kept in ``attributes``.
public struct Entity: Sendable, Hashable {
  /// Unique, stable identifier (`[A-Za-z0-9_.:-]+`).
  public var id: String
  /// Display name.
  public var name: String
  /// The kind (built-in or declared in `dataset.json`).
  public var kind: EntityKind
  /// ISO 3166-1 alpha-2 code, or `EU` / `INT`.
  public var country: Value<String> = .unknown
  /// Other names.
  public var aliases: [String] = []
  /// Source ids supporting the entity's attributes.
  public var sources: [String] = []
  /// Free text.
  public var notes: String = ""

  // state
  /// Participates in the Montreux Document.
  public var montreux: Value<Bool> = .unknown
  /// OPCAT status: a State party (`yes`/`no`), or an oversight body designated as (part of)
  /// its State's national preventive mechanism (`npm`).
  public var opcat: Value<OPCATStatus> = .unknown
  // agency
  /// Only passes contracts on (overrides the metrics' inference).
  public var passThrough: Value<Bool> = .unknown
  // company
  /// A private military or security company.
  public var pmsc: Value<Bool> = .unknown
  /// Country of incorporation.
  public var incorporatedIn: Value<String> = .unknown
  /// ICoCA status.
  public var icoca: Value<ICoCAStatus> = .unknown
  // facility
  /// Facility type.
  public var facilityType: Value<FacilityType> = .unknown
  /// Places.
  public var capacity: Value<Int> = .unknown
  /// Entity id of the custodial authority.
  public var custodialAuthority: Value<String> = .unknown
  /// Opening date.
  public var opened: Value<PartialDate> = .unknown
  /// Closing date.
  public var closed: Value<PartialDate> = .unknown
  // funding
  /// Currency of a funding instrument.
  public var currency: Value<String> = .unknown
  // oversight
  /// Independent of the bodies it oversees.
  public var independent: Value<Bool> = .unknown
  /// What an NPM designation rests on: legislation or a ministerial statement.
  public var npmBasis: Value<NPMBasis> = .unknown
  /// The powers the body's founding statute guarantees (same fields as `powers`).
  public var mandate = CompactMap<PowerFields>()
  /// The statute behind `mandate` (e.g. "Criminal Justice Act 1982 s.5A").
  public var mandateBasis: String = ""
  // facility (closed-world assertions)
  /// `complete` when a cited source establishes that the recorded oversight bodies of the
  /// facility are all there are; absent bodies then count as absent, not unknown.
  public var oversightBodies: Value<Completeness> = .unknown
  /// `complete` when a cited source establishes that the recorded remedy routes of the
  /// facility are all there are.
  public var remedyRoutes: Value<Completeness> = .unknown
  // remedy
  /// Type of remedy mechanism.
  public var mechanism: Value<Mechanism> = .unknown
  /// Entity id of whoever controls the mechanism.
  public var controlledBy: Value<String> = .unknown
  /// UNGP 31 effectiveness criteria met.
  public var criteria = CompactMap<CriteriaFields>()

  /// Columns the format does not define, by column name.
  public var attributes: [String: String] = [:]
  /// The line the entity was read from (0 when not read from a file).
  public var line: Int = 0

  /// An entity with every optional attribute unknown.
  public init(id: String, name: String, kind: EntityKind) {
    self.id = id
    self.name = name
    self.kind = kind
  }
}
