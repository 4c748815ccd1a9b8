import GapMapModel

/// How many rows of each kind have each field the format expects for that kind: where the
/// data is thin, per relation kind and entity kind (`gapmap summary --coverage`).
///
/// ```
/// oversees   powers   12/16   75%
/// ```
public struct FieldCoverage: Sendable, Hashable {
  /// One line of the table.
  public struct Row: Sendable, Hashable {
    /// `relation` or `entity`.
    public var table: String
    public var kind: String
    public var field: String
    /// Rows that state the field (any of known, `undisclosed`, `n/a`).
    public var stated: Int
    public var total: Int
    /// Whether `validate --strict` requires the field for this kind.
    public var required: Bool
    public var share: Double { total == 0 ? 0 : Double(stated) / Double(total) }
  }

  public var rows: [Row]

  /// The fields the format expects per relation kind, required ones first.
  public static let relationFields: [(RelationKind, required: [String], expected: [String])] = [
    (
      .contracts, ["function", "sources"],
      [
        "facilities", "start", "end", "value", "currency", "procedure", "bidders", "modifications",
        "disclosure", "safeguards",
      ]
    ),
    (
      .subcontracts, ["function", "sources"],
      ["facilities", "start", "end", "value", "currency", "disclosure", "safeguards"]
    ),
    (.funds, ["sources"], ["facilities", "start", "end", "value", "currency"]),
    (.operates, ["function", "sources"], ["start", "end"]),
    (.oversees, ["powers", "sources"], ["start", "end"]),
    (.accessibleTo, ["sources"], ["start", "end"]),
    (.jurisdictionOver, ["sources"], []),
    (.responsibleFor, ["sources"], ["start", "end"]),
    (.delegates, ["sources"], ["start"]),
    (.succeededBy, ["sources"], ["start"]),
    (.owns, ["sources"], ["share", "start"]),
  ]

  /// The attributes the format defines per entity kind.
  public static let entityFields: [(EntityKind, [String])] = [
    (.state, ["opcat", "montreux"]),
    (.company, ["country", "incorporated_in", "pmsc", "icoca"]),
    (
      .facility,
      ["country", "facility_type", "capacity", "opened", "closed", "oversight_bodies", "remedy_routes"]
    ),
    (.oversight, ["country", "independent", "opcat", "mandate"]),
    (.remedy, ["mechanism", "criteria", "controlled_by"]),
  ]

  /// Counts the fields of `d`.
  /// - Complexity: O(rows · fields).
  public init(_ d: Dataset) {
    var rows: [Row] = []
    for (kind, required, expected) in FieldCoverage.relationFields {
      let rs = d.relations.filter { $0.kind == kind }
      guard !rs.isEmpty else { continue }
      for (field, req) in required.map({ ($0, true) }) + expected.map({ ($0, false) }) {
        let n = rs.filter { FieldCoverage.states($0, field) }.count
        rows.append(
          Row(table: "relation", kind: kind.rawValue, field: field, stated: n, total: rs.count, required: req)
        )
      }
    }
    for (kind, fields) in FieldCoverage.entityFields {
      let es = d.entities.filter { $0.kind == kind }
      guard !es.isEmpty else { continue }
      for field in fields {
        let n = es.filter { FieldCoverage.states($0, field) }.count
        rows.append(
          Row(table: "entity", kind: kind.rawValue, field: field, stated: n, total: es.count, required: false)
        )
      }
    }
    self.rows = rows
  }

  static func states(_ r: Relation, _ field: String) -> Bool {
    switch field {
    case "function": return !r.function.isUnknown
    case "facilities": return !r.facilities.isUnknown
    case "start": return !r.start.isUnknown
    case "end": return !r.end.isUnknown
    case "value": return !r.value.isUnknown
    case "currency": return !r.currency.isUnknown
    case "procedure": return !r.procedure.isUnknown
    case "bidders": return !r.bidders.isUnknown
    case "modifications": return !r.modifications.isUnknown
    case "share": return !r.share.isUnknown
    case "disclosure": return !r.disclosure.isEmpty
    case "safeguards": return !r.safeguards.isEmpty
    case "powers": return !r.powers.isEmpty
    case "sources": return !r.sources.isEmpty
    default: return false
    }
  }

  static func states(_ e: Entity, _ field: String) -> Bool {
    switch field {
    case "country": return !e.country.isUnknown
    case "opcat": return !e.opcat.isUnknown
    case "montreux": return !e.montreux.isUnknown
    case "incorporated_in": return !e.incorporatedIn.isUnknown
    case "pmsc": return !e.pmsc.isUnknown
    case "icoca": return !e.icoca.isUnknown
    case "facility_type": return !e.facilityType.isUnknown
    case "capacity": return !e.capacity.isUnknown
    case "opened": return !e.opened.isUnknown
    case "closed": return !e.closed.isUnknown
    case "oversight_bodies": return !e.oversightBodies.isUnknown
    case "remedy_routes": return !e.remedyRoutes.isUnknown
    case "independent": return !e.independent.isUnknown
    case "mandate": return !e.mandate.isEmpty
    case "mechanism": return !e.mechanism.isUnknown
    case "criteria": return !e.criteria.isEmpty
    case "controlled_by": return !e.controlledBy.isUnknown
    default: return false
    }
  }
}
