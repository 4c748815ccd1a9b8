/// Turns tables of raw cells (from CSV or JSON) into a ``Dataset``, with a located diagnostic
/// for every cell it cannot read. Whole-dataset rules are ``Validator``'s.
public enum DatasetDecoder {
  /// Decodes the three tables and the metadata.
  /// - Parameters:
  ///   - entities: the entities table's rows (cells by column name).
  ///   - relations: the relations table's rows.
  ///   - sources: `nil` when the dataset has no sources table.
  ///   - metadata: the parsed `dataset.json`, if any.
  ///   - metadataFile: its file name, for diagnostics.
  /// - Complexity: O(total cells).
  public static func decode(
    entities: Table, relations: Table, sources: Table?, metadata: JSONValue?,
    metadataFile: String = "dataset.json"
  ) -> (Dataset, [Diagnostic]) {
    var d = Dataset()
    var diagnostics: [Diagnostic] = []
    d.files.entities = entities.file
    d.files.relations = relations.file
    d.files.metadata = metadataFile
    d.entities = decodeTable(
      entities, fields: Schemas.entity, make: { Entity(id: "", name: "", kind: .other) },
      finish: { e, line, extra in
        e.line = line
        e.attributes = extra
      }, into: &diagnostics)
    d.relations = decodeTable(
      relations, fields: Schemas.relation,
      make: { Relation(id: "", source: "", target: "", kind: .link) },
      finish: { r, line, extra in
        r.line = line
        r.attributes = extra
      }, into: &diagnostics)
    assignRelationIDs(&d.relations)
    if let sources {
      d.files.sources = sources.file
      d.sources = decodeTable(
        sources, fields: Schemas.source, make: { Source(id: "", title: "") },
        finish: { s, line, extra in
          s.line = line
          s.attributes = extra
        }, into: &diagnostics)
    }
    if let metadata {
      d.metadata = decodeMetadata(metadata, file: metadataFile, into: &diagnostics)
    }
    return (d, diagnostics)
  }

  /// Gives every relation without an id the first free `rN`, N counting relations from 1.
  static func assignRelationIDs(_ relations: inout [Relation]) {
    var taken = Set(relations.map(\.id).filter { !$0.isEmpty })
    var next = 1
    for i in relations.indices where relations[i].id.isEmpty {
      next = max(next, i + 1)
      while taken.contains("r\(next)") { next += 1 }
      relations[i].id = "r\(next)"
      taken.insert(relations[i].id)
      next += 1
    }
  }

  /// Duplicate header columns reported one by one; the rest are counted in one diagnostic.
  public static let maximumDuplicateColumnDiagnostics = 100

  static func decodeTable<Root>(
    _ table: Table, fields: [Field<Root>], make: () -> Root,
    finish: (inout Root, Int, [String: String]) -> Void, into diagnostics: inout [Diagnostic]
  ) -> [Root] {
    var missingColumns = Set<String>()
    if let columns = table.columns {
      var seen = Set<String>()
      // One diagnostic per duplicate up to a cap, then one counting the rest: a header of
      // millions of `a,a,…` must not keep millions of diagnostics in memory.
      var duplicates = 0
      for c in columns where !seen.insert(c).inserted {
        duplicates += 1
        guard duplicates <= maximumDuplicateColumnDiagnostics else { continue }
        diagnostics.append(
          Diagnostic(.error, file: table.file, line: table.headerLine, column: c, "duplicate column"))
      }
      if duplicates > maximumDuplicateColumnDiagnostics {
        diagnostics.append(
          Diagnostic(
            .error, file: table.file, line: table.headerLine,
            "\(duplicates - maximumDuplicateColumnDiagnostics) more duplicate columns"))
      }
      for f in fields where f.required && !seen.contains(f.name) {
        missingColumns.insert(f.name)
        diagnostics.append(
          Diagnostic(
            .error, file: table.file, line: table.headerLine, column: f.name,
            "missing required column",
            hint:
              "the header must name the columns \(fields.filter(\.required).map(\.name).joined(separator: ", "))"
          ))
      }
    }
    let known = Set(fields.map(\.name))
    var out: [Root] = []
    out.reserveCapacity(table.records.count)
    for record in table.records {
      var root = make()
      for f in fields {
        let cell = record.cells[f.name] ?? ""
        if cell.trimmingWhitespace.isEmpty {
          if f.required && !missingColumns.contains(f.name) {
            diagnostics.append(
              Diagnostic(
                .error, file: table.file, line: record.line(of: f.name), column: f.name,
                "missing required value"))
          }
          continue
        }
        do {
          try f.read(&root, cell)
        } catch {
          diagnostics.append(
            Diagnostic(
              .error, file: table.file, line: record.line(of: f.name), column: f.name, error.message))
        }
      }
      var extra: [String: String] = [:]
      for (k, v) in record.cells where !known.contains(k) && !v.isEmpty { extra[k] = v }
      finish(&root, record.line, extra)
      out.append(root)
    }
    return out
  }

  static func decodeMetadata(
    _ json: JSONValue, file: String, into diagnostics: inout [Diagnostic]
  ) -> Metadata {
    var m = Metadata()
    guard case .object(let members) = json else {
      diagnostics.append(Diagnostic(.error, file: file, line: 1, "dataset.json must be a JSON object"))
      return m
    }
    func fail(_ member: JSONMember, _ message: String) {
      diagnostics.append(Diagnostic(.error, file: file, line: member.line, column: member.key, message))
    }
    for member in members {
      switch (member.key, member.value) {
      case ("title", .string(let s)): m.title = s
      case ("description", .string(let s)): m.description = s
      case ("license", .string(let s)): m.license = s
      case ("version", .string(let s)): m.version = s
      case ("as_of", .string(let s)):
        if let date = PartialDate(s) { m.asOf = date } else { fail(member, "\"\(s)\" is not a date") }
      case ("kinds", .object(let kinds)):
        for k in kinds {
          let words: [String]? = {
            guard case .array(let items) = k.value else { return nil }
            let strings = items.compactMap { item -> String? in
              if case .string(let s) = item { return s }
              return nil
            }
            return strings.count == items.count ? strings : nil
          }()
          guard let words, k.key == "entity" || k.key == "relation" else {
            fail(k, "expected \"entity\" or \"relation\" with a list of kind names")
            continue
          }
          for w in words where !Identifiers.isValid(w) {
            fail(k, "\"\(w)\" is not a valid kind name")
          }
          if k.key == "entity" {
            m.customEntityKinds = words.map { EntityKind($0) }
          } else {
            m.customRelationKinds = words.map { RelationKind($0) }
          }
        }
      case ("title", _), ("description", _), ("license", _), ("version", _), ("as_of", _):
        fail(member, "must be a string")
      case ("kinds", _): fail(member, "must be an object")
      case ("directed", .bool): m.extra[member.key] = member.value
      case ("directed", _): fail(member, "must be true or false")
      default: m.extra[member.key] = member.value
      }
    }
    return m
  }
}

/// Turns a ``Dataset`` back into tables of cells, in a canonical form: required columns and
/// every column some row uses, in the format's order, then free attributes sorted by name.
public enum DatasetEncoder {
  /// A table ready to print: columns and, per record, only the cells it has (sparse), so that
  /// memory stays linear in the data however many distinct free attributes the records carry
  /// (10,000 entities with one attribute each are 10,000 cells, not 10⁸).
  public struct Output: Sendable {
    public var columns: [String]
    /// Per record, its non-empty cells in column order.
    public var rows: [[Entry]]

    /// A cell of a record and the index of its column in ``columns``.
    public struct Entry: Sendable, Equatable {
      public var column: Int
      public var cell: Cell
    }

    /// Every column's cell of `row`, `.empty` where it has none (for small tables only: the
    /// size is the number of columns).
    public func dense(_ row: [Entry]) -> [Cell] {
      var cells = [Cell](repeating: .empty, count: columns.count)
      for e in row { cells[e.column] = e.cell }
      return cells
    }
  }

  public static func entities(_ d: Dataset) -> Output { encode(d.entities, Schemas.entity, \.attributes) }
  public static func relations(_ d: Dataset) -> Output {
    encode(d.relations, Schemas.relation, \.attributes)
  }
  public static func sources(_ d: Dataset) -> Output { encode(d.sources, Schemas.source, \.attributes) }

  /// - Complexity: O(records × schema fields + attributes · log attributes).
  static func encode<Root>(
    _ items: [Root], _ fields: [Field<Root>], _ attributes: KeyPath<Root, [String: String]>
  ) -> Output {
    let cells = items.map { item in fields.map { $0.write(item) } }
    var used = fields.map(\.required)
    for row in cells {
      for (i, c) in row.enumerated() where c != .empty { used[i] = true }
    }
    let usedFields = fields.indices.filter { used[$0] }
    var extraKeys = Set<String>()
    for item in items { extraKeys.formUnion(item[keyPath: attributes].keys) }
    let sortedKeys = extraKeys.sorted()
    let extraColumn = Dictionary(
      uniqueKeysWithValues: sortedKeys.enumerated().map { ($1, usedFields.count + $0) })
    let columns = usedFields.map { fields[$0].name } + sortedKeys
    let rows = zip(items, cells).map { item, row in
      var entries: [Output.Entry] = []
      for (j, f) in usedFields.enumerated() where row[f] != .empty {
        entries.append(Output.Entry(column: j, cell: row[f]))
      }
      var extras: [Output.Entry] = []
      for (k, v) in item[keyPath: attributes] {
        if let c = extraColumn[k] { extras.append(Output.Entry(column: c, cell: .text(v))) }
      }
      return entries + extras.sorted { $0.column < $1.column }
    }
    return Output(columns: columns, rows: rows)
  }

  /// `dataset.json` as a JSON object: known keys in the format's order, then the others sorted.
  public static func metadata(_ m: Metadata) -> JSONValue {
    var members: [JSONMember] = []
    func add(_ key: String, _ value: String?) {
      if let value { members.append(JSONMember(key: key, value: .string(value))) }
    }
    add("title", m.title)
    add("description", m.description)
    add("license", m.license)
    add("version", m.version)
    add("as_of", m.asOf?.description)
    var kinds: [JSONMember] = []
    if !m.customEntityKinds.isEmpty {
      kinds.append(
        JSONMember(key: "entity", value: .array(m.customEntityKinds.map { .string($0.rawValue) })))
    }
    if !m.customRelationKinds.isEmpty {
      kinds.append(
        JSONMember(key: "relation", value: .array(m.customRelationKinds.map { .string($0.rawValue) })))
    }
    if !kinds.isEmpty { members.append(JSONMember(key: "kinds", value: .object(kinds))) }
    for key in m.extra.keys.sorted() {
      if let v = m.extra[key] { members.append(JSONMember(key: key, value: v)) }
    }
    return .object(members)
  }
}
