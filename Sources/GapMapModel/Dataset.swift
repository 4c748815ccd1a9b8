/// A GapMap dataset: entities, relations, sources and metadata.
///
/// Build one with ``DatasetDecoder`` from files (through `GapMapIO`), or in code:
///
/// ```swift
/// var d = Dataset()
/// d.entities.append(Entity(id: "uk", name: "United Kingdom", kind: .state))
/// ```
public struct Dataset: Sendable {
  /// `dataset.json`.
  public var metadata = Metadata()
  /// The nodes, in input order.
  public var entities: [Entity] = []
  /// The edges, in input order.
  public var relations: [Relation] = []
  /// The citations, in input order.
  public var sources: [Source] = []
  /// Where each table was read from, for diagnostics.
  public var files = Files()

  /// An empty dataset.
  public init() {}

  /// The file names used in diagnostics.
  public struct Files: Sendable, Hashable {
    public var entities = "entities.csv"
    public var relations = "relations.csv"
    public var sources = "sources.csv"
    public var metadata = "dataset.json"
    public init() {}
  }

  /// The entity with `id`.
  /// - Complexity: O(n); build a dictionary for repeated look-ups.
  public func entity(_ id: String) -> Entity? { entities.first { $0.id == id } }
}

/// The contents of `dataset.json` (all optional).
public struct Metadata: Sendable, Hashable {
  public var title: String?
  public var description: String?
  public var license: String?
  public var version: String?
  /// The date the dataset describes (the default `--at`).
  public var asOf: PartialDate?
  /// Declared custom entity kinds.
  public var customEntityKinds: [EntityKind] = []
  /// Declared custom relation kinds.
  public var customRelationKinds: [RelationKind] = []
  /// Keys the format does not define, kept as they were.
  public var extra: [String: JSONValue] = [:]
  public init() {}

  /// Whether nothing is set.
  public var isEmpty: Bool { self == Metadata() }

  /// The direction of the dataset's relations: `"directed": false` in `dataset.json` makes
  /// every relation an undirected edge (a plain graph read from an undirected edge list,
  /// GraphML, GEXF or node-link file); `true` or absent, directed (GapMap's default). A
  /// relation with the attribute `directed=false` is undirected in a directed dataset (GEXF's
  /// mixed graphs, GraphML's per-edge `directed`).
  public var directed: Bool? {
    get {
      if case .bool(let b)? = extra["directed"] { return b }
      return nil
    }
    set { extra["directed"] = newValue.map(JSONValue.bool) }
  }

  /// Whether relations are directed unless they say otherwise (``directed``, else `true`).
  public var isDirected: Bool { directed ?? true }
}

/// A JSON value, with objects keeping their key order.
public indirect enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  /// A number, kept as its literal text so it prints back unchanged.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([JSONMember])

  /// The member named `key` of an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members.first { $0.key == key }?.value }
    return nil
  }
}

/// A key and value of a JSON object, with the line the key stands on (0 if unknown).
public struct JSONMember: Sendable, Hashable {
  public var key: String
  public var value: JSONValue
  public var line: Int
  public init(key: String, value: JSONValue, line: Int = 0) {
    self.key = key
    self.value = value
    self.line = line
  }
}
