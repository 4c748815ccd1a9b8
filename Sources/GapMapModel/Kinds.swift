/// A vocabulary word that may be one of the spec's words or a custom one declared in
/// `dataset.json`.
public protocol OpenVocabulary: RawRepresentable, Hashable, Sendable, Comparable,
  CustomStringConvertible, ExpressibleByStringLiteral
where RawValue == String {
  /// The words the format defines.
  static var builtIn: [Self] { get }
  /// Any word (custom words are checked against `dataset.json` by validation).
  init(_ word: String)
}

extension OpenVocabulary {
  public init(stringLiteral value: String) { self.init(value) }
  public var description: String { rawValue }
  public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
  /// Whether the word is one the format defines.
  public var isBuiltIn: Bool { Self.builtIn.contains(self) }
}

/// The kind of an entity.
public struct EntityKind: OpenVocabulary, Codable {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ word: String) { self.rawValue = word }
  public static let state: Self = "state"
  public static let agency: Self = "agency"
  public static let igo: Self = "igo"
  public static let company: Self = "company"
  public static let facility: Self = "facility"
  public static let funding: Self = "funding"
  public static let oversight: Self = "oversight"
  public static let remedy: Self = "remedy"
  public static let person: Self = "person"
  public static let other: Self = "other"
  public static let builtIn: [Self] = [
    .state, .agency, .igo, .company, .facility, .funding, .oversight, .remedy, .person, .other,
  ]
  /// Whether entities of this kind are public bodies (state, agency, igo).
  public var isPublic: Bool { self == .state || self == .agency || self == .igo }
}

/// The kind of a relation (direction source → target).
public struct RelationKind: OpenVocabulary, Codable {
  public let rawValue: String
  public init(rawValue: String) { self.rawValue = rawValue }
  public init(_ word: String) { self.rawValue = word }
  public static let delegates: Self = "delegates"
  public static let contracts: Self = "contracts"
  public static let subcontracts: Self = "subcontracts"
  public static let funds: Self = "funds"
  public static let operates: Self = "operates"
  public static let owns: Self = "owns"
  public static let oversees: Self = "oversees"
  public static let accessibleTo: Self = "accessible_to"
  public static let refersTo: Self = "refers_to"
  public static let jurisdictionOver: Self = "jurisdiction_over"
  public static let memberOf: Self = "member_of"
  public static let locatedIn: Self = "located_in"
  public static let responsibleFor: Self = "responsible_for"
  public static let incident: Self = "incident"
  public static let link: Self = "link"
  public static let succeededBy: Self = "succeeded_by"
  public static let builtIn: [Self] = [
    .delegates, .contracts, .subcontracts, .funds, .operates, .owns, .oversees, .accessibleTo,
    .refersTo, .jurisdictionOver, .memberOf, .locatedIn, .responsibleFor, .incident, .link,
    .succeededBy,
  ]
  /// contracts, subcontracts and funds: the relations whose `facilities` scope matters.
  public var isContractual: Bool {
    self == .contracts || self == .subcontracts || self == .funds
  }
  /// The kinds for which `function` is expected.
  public var expectsFunction: Bool {
    self == .contracts || self == .subcontracts || self == .operates
  }

  /// The entity kinds allowed at each end, or `nil` for no constraint. Custom entity kinds and
  /// `other` are accepted at either end of every relation (the format cannot know them).
  public var endpoints: (source: Set<EntityKind>?, target: Set<EntityKind>?) {
    switch self {
    case .delegates: return ([.state, .agency], [.agency])
    case .contracts: return ([.state, .agency, .igo], [.company, .agency, .igo, .person])
    case .subcontracts: return ([.company, .agency, .igo], [.company, .agency, .igo, .person])
    case .funds: return ([.state, .agency, .igo, .funding], nil)
    case .operates: return ([.agency, .company, .igo, .state], [.facility])
    case .owns: return ([.company, .state, .person], [.company])
    case .oversees: return ([.oversight], [.facility, .agency, .company, .igo, .state])
    case .accessibleTo: return ([.facility], [.remedy])
    case .refersTo: return ([.remedy], [.remedy])
    case .jurisdictionOver: return ([.remedy], nil)
    case .memberOf:
      return ([.company, .state, .igo, .agency], [.igo, .oversight])
    case .locatedIn: return ([.facility], [.state])
    case .responsibleFor: return ([.state, .agency], [.facility])
    case .incident: return ([.facility, .company, .agency, .igo, .person], nil)
    case .succeededBy:
      return ([.agency, .state, .igo, .facility, .company], [.agency, .state, .igo, .facility, .company])
    default: return (nil, nil)
    }
  }
}

/// How well a relation is established. Ordered from most to least certain.
public enum Evidence: String, Sendable, Hashable, CaseIterable, Comparable {
  /// Established by a primary or several reliable sources (the default).
  case confirmed
  /// One secondary source.
  case reported
  /// Not established either way.
  case possible
  /// Contested; used only in what-if runs.
  case alleged

  var rank: Int { Evidence.allCases.firstIndex(of: self) ?? 0 }
  public static func < (a: Evidence, b: Evidence) -> Bool { a.rank < b.rank }
  /// Confirmed relations are certain; the others widen the metrics' intervals.
  public var isCertain: Bool { self == .confirmed }
}

/// What a contractor does (`function`).
public enum ContractFunction: String, Sendable, Hashable, Codable, CaseIterable {
  case detention_operation, custody_security, escort, removal_flights, healthcare, accommodation,
    surveillance, biometrics_it, interception, catering, other
}

/// How a contract was awarded (`procedure`).
public enum Procedure: String, Sendable, Hashable, CaseIterable {
  case open, restricted, negotiated, direct, framework
}

/// The type of a source (`source_type`).
public enum SourceType: String, Sendable, Hashable, CaseIterable {
  case official, court, company, foi, ngo, media, academic, other
}

/// The type of a facility (`facility_type`).
public enum FacilityType: String, Sendable, Hashable, CaseIterable {
  case detention, reception, border_post, hotspot, removal_centre, transit, other
}

/// A company's status with the International Code of Conduct Association (`icoca`).
public enum ICoCAStatus: String, Sendable, Hashable, CaseIterable {
  case certified, member, affiliate, none
}

/// OPCAT status (`opcat`): a State party or not, or a body designated as (part of) a national
/// preventive mechanism.
public enum OPCATStatus: String, Sendable, Hashable, CaseIterable {
  case yes, no, npm
}

/// What a national preventive mechanism's designation rests on (`npm_basis`).
public enum NPMBasis: String, Sendable, Hashable, CaseIterable {
  /// Designated in legislation: OPCAT's powers are guaranteed by law.
  case law
  /// Designated by ministerial statement only.
  case ministerial
}

/// A closed-world assertion (`oversight_bodies`, `remedy_routes`).
public enum Completeness: String, Sendable, Hashable, CaseIterable {
  case complete
}

/// The type of a remedy mechanism (`mechanism`).
public enum Mechanism: String, Sendable, Hashable, CaseIterable {
  case judicial, ombudsman, nhri, ncp, msi, company_grievance, treaty_body
}
