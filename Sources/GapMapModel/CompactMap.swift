/// The fields and value words of one kind of compact map (`disclosure`, `powers`, …).
public protocol CompactMapSchema: Sendable {
  /// The value a field holds when known.
  associatedtype Level: Hashable & Sendable
  /// The column name, for messages.
  static var name: String { get }
  /// The allowed fields, in canonical (output) order.
  static var fields: [String] { get }
  /// Reads a known value word.
  static func level(_ word: String) -> Level?
  /// Prints a known value.
  static func word(_ level: Level) -> String
  /// The value words a message should list.
  static var words: String { get }
}

/// A compact map such as `parties=yes;value=yes;terms=undisclosed`: a fixed set of fields,
/// each in one of the four ``Value`` states. A field that is missing is unknown.
public struct CompactMap<Schema: CompactMapSchema>: Hashable, Sendable {
  /// The fields that are not unknown.
  public private(set) var entries: [String: Value<Schema.Level>]

  /// An empty map (every field unknown).
  public init() { entries = [:] }

  /// The state of `field`; unknown when the map does not mention it.
  public subscript(field: String) -> Value<Schema.Level> {
    get { entries[field] ?? .unknown }
    set {
      precondition(Schema.fields.contains(field), "\(field) is not a \(Schema.name) field")
      if newValue.isUnknown { entries[field] = nil } else { entries[field] = newValue }
    }
  }

  /// Whether every field is unknown.
  public var isEmpty: Bool { entries.isEmpty }

  /// Every field with its state, in canonical order (unknown ones included).
  public var all: [(field: String, value: Value<Schema.Level>)] {
    Schema.fields.map { ($0, self[$0]) }
  }

  /// Parses `field=value;field=value`. An empty cell is the empty map.
  /// - Throws: a message naming the first bad entry.
  public init(parsing cell: String) throws(ModelError) {
    self.init()
    for rawEntry in cell.split(separator: ";") {
      let entry = String(rawEntry).trimmingWhitespace
      if entry.isEmpty { continue }
      guard let eq = entry.firstIndex(of: "=") else {
        throw ModelError("\"\(entry)\" is not field=value")
      }
      let field = String(entry[..<eq]).trimmingWhitespace
      let word = String(entry[entry.index(after: eq)...]).trimmingWhitespace
      guard Schema.fields.contains(field) else {
        throw ModelError(
          "unknown field \"\(field)\" (expected one of \(Schema.fields.joined(separator: ", ")))")
      }
      guard entries[field] == nil else { throw ModelError("field \"\(field)\" appears twice") }
      guard let value = Value<Schema.Level>.parse(word, Schema.level), !value.isUnknown else {
        throw ModelError("\"\(word)\" is not a value for \(field) (expected \(Schema.words))")
      }
      entries[field] = value
    }
  }

  /// `field=value;…` in canonical order, unknown fields left out.
  public var cell: String {
    Schema.fields.compactMap { f in
      entries[f].map { "\(f)=\($0.cell(Schema.word))" }
    }.joined(separator: ";")
  }

  /// The known and stated fields as ordered pairs (for JSON objects).
  public var pairs: [(String, String)] {
    Schema.fields.compactMap { f in entries[f].map { (f, $0.cell(Schema.word)) } }
  }
}

/// How much of a contract field the public can see.
public enum Disclosure: String, Sendable, Hashable, CaseIterable {
  /// Fully published.
  case yes
  /// Partly published.
  case partial
  /// Not published.
  case no
}

/// `disclosure`: what the public can see of a contract.
public enum DisclosureFields: CompactMapSchema {
  public static let name = "disclosure"
  public static let fields = [
    "parties", "value", "terms", "duration", "procedure", "modifications", "subcontractors",
    "performance",
  ]
  public static func level(_ word: String) -> Disclosure? { Disclosure(rawValue: word.lowercased()) }
  public static func word(_ level: Disclosure) -> String { level.rawValue }
  public static let words = "yes, partial, undisclosed, no or n/a"
}

/// A compact map whose known values are yes/no.
public protocol YesNoFields: CompactMapSchema where Level == Bool {}
extension YesNoFields {
  public static func level(_ word: String) -> Bool? { Scalars.bool(word) }
  public static func word(_ level: Bool) -> String { Scalars.formatBool(level) }
  public static var words: String { "yes, no, undisclosed or n/a" }
}

/// `safeguards`: contract clauses.
public enum SafeguardFields: YesNoFields {
  public static let name = "safeguards"
  public static let fields = [
    "human_rights", "vetting", "subcontract_approval", "penalties", "incident_reporting",
    "termination",
  ]
}

/// `powers`: an oversight body's powers over its target.
public enum PowerFields: YesNoFields {
  public static let name = "powers"
  public static let fields = [
    "records", "conditions", "access", "interviews", "choice", "publishes", "follow_up",
    "all_operators",
  ]
}

/// `criteria`: the UN Guiding Principle 31 effectiveness criteria a remedy mechanism meets.
public enum CriteriaFields: YesNoFields {
  public static let name = "criteria"
  public static let fields = [
    "legitimate", "accessible", "predictable", "equitable", "transparent", "rights_compatible",
    "learning", "engagement",
  ]
}

/// A message about a value, without a location (the reader adds file, line and column).
public struct ModelError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What is wrong.
  public let message: String
  /// How to fix it, in the library's terms, if there is something to say.
  public let hint: String?
  /// The kind of fix, when it is one a front end offers in its own terms (a command-line tool
  /// names its option); `hint` says it in the library's.
  public let remedy: Remedy?

  /// A fix a front end can phrase in its own terms.
  public enum Remedy: Sendable, Hashable {
    /// Leave out the relations the message names (filter by relation kind), or fill in the
    /// value they lack.
    case leaveOutRelations
  }

  /// Creates an error.
  public init(_ message: String, hint: String? = nil, remedy: Remedy? = nil) {
    self.message = message
    self.hint = hint
    self.remedy = remedy
  }

  /// The message, then the hint after a semicolon.
  public var description: String { message + (hint.map { "; \($0)" } ?? "") }
}
