/// One column of a table: how to read a cell into the model and how to write it back.
struct Field<Root> {
  let name: String
  let required: Bool
  let read: (inout Root, String) throws(ModelError) -> Void
  let write: (Root) -> Cell

  init(
    _ name: String, required: Bool = false,
    read: @escaping (inout Root, String) throws(ModelError) -> Void,
    write: @escaping (Root) -> Cell
  ) {
    self.name = name
    self.required = required
    self.read = read
    self.write = write
  }

  /// Free text, kept as written.
  static func text(_ name: String, _ kp: WritableKeyPath<Root, String>, required: Bool = false)
    -> Field
  {
    Field(
      name, required: required,
      read: { root, cell in root[keyPath: kp] = cell },
      write: { root in root[keyPath: kp].isEmpty ? .empty : .text(root[keyPath: kp]) })
  }

  /// An identifier: `[A-Za-z0-9_.:-]+`.
  static func identifier(
    _ name: String, _ kp: WritableKeyPath<Root, String>, required: Bool = false
  ) -> Field {
    Field(
      name, required: required,
      read: { root, cell throws(ModelError) in
        let id = cell.trimmingWhitespace
        if !id.isEmpty, !Identifiers.isValid(id) {
          throw ModelError("\"\(id)\" is not a valid id (letters, digits, _ . : - only)")
        }
        root[keyPath: kp] = id
      },
      write: { root in root[keyPath: kp].isEmpty ? .empty : .text(root[keyPath: kp]) })
  }

  /// A `;`-separated list (of ids when `ids`).
  static func list(_ name: String, _ kp: WritableKeyPath<Root, [String]>, ids: Bool) -> Field {
    Field(
      name,
      read: { root, cell throws(ModelError) in
        root[keyPath: kp] = try Identifiers.list(cell, ids: ids)
      },
      write: { root in root[keyPath: kp].isEmpty ? .empty : .list(root[keyPath: kp]) })
  }

  /// A four-state value.
  static func value<T>(
    _ name: String, _ kp: WritableKeyPath<Root, Value<T>>, expected: String,
    parse: @escaping (String) -> T?, format: @escaping (T) -> String,
    json: @escaping (String) -> Cell = { .text($0) }
  ) -> Field {
    Field(
      name,
      read: { root, cell throws(ModelError) in
        guard let v = Value<T>.parse(cell, parse) else {
          throw ModelError("\"\(cell.trimmingWhitespace)\" is not \(expected)")
        }
        root[keyPath: kp] = v
      },
      write: { root in
        switch root[keyPath: kp] {
        case .unknown: return .empty
        case .known(let v): return json(format(v))
        case let other: return .text(other.cell(format))
        }
      })
  }

  static func bool(_ name: String, _ kp: WritableKeyPath<Root, Value<Bool>>) -> Field {
    value(
      name, kp, expected: "yes or no", parse: Scalars.bool, format: Scalars.formatBool,
      json: { .bool($0 == "yes") })
  }

  static func date(_ name: String, _ kp: WritableKeyPath<Root, Value<PartialDate>>) -> Field {
    value(
      name, kp, expected: "a date (YYYY, YYYY-MM or YYYY-MM-DD)", parse: PartialDate.init,
      format: { $0.description })
  }

  static func count(_ name: String, _ kp: WritableKeyPath<Root, Value<Int>>) -> Field {
    value(
      name, kp, expected: "a whole number ≥ 0", parse: Scalars.count, format: { String($0) },
      json: { .number($0) })
  }

  static func number(
    _ name: String, _ kp: WritableKeyPath<Root, Value<Double>>, range: ClosedRange<Double>,
    expected: String
  ) -> Field {
    value(
      name, kp, expected: expected,
      parse: { Scalars.number($0).flatMap { range.contains($0) ? $0 : nil } },
      format: Scalars.formatNumber, json: { .number($0) })
  }

  static func word<E: RawRepresentable & CaseIterable>(
    _ name: String, _ kp: WritableKeyPath<Root, Value<E>>
  ) -> Field where E.RawValue == String {
    value(
      name, kp,
      expected: "one of " + E.allCases.map(\.rawValue).joined(separator: ", "),
      parse: { E(rawValue: $0.lowercased()) }, format: { $0.rawValue })
  }

  static func country(_ name: String, _ kp: WritableKeyPath<Root, Value<String>>) -> Field {
    value(
      name, kp, expected: "an ISO 3166-1 alpha-2 code (or EU, INT)",
      parse: { Countries.isValid($0) ? $0 : nil }, format: { $0 })
  }

  static func currency(_ name: String, _ kp: WritableKeyPath<Root, Value<String>>) -> Field {
    value(
      name, kp, expected: "an ISO 4217 currency code (three capital letters)",
      parse: { c in c.utf8.count == 3 && c.utf8.allSatisfy { $0 >= 65 && $0 <= 90 } ? c : nil },
      format: { $0 })
  }

  /// The id of another row (a relation), as a four-state value.
  static func identifierValue(_ name: String, _ kp: WritableKeyPath<Root, Value<String>>) -> Field {
    value(
      name, kp, expected: "an id", parse: { Identifiers.isValid($0) ? $0 : nil }, format: { $0 })
  }

  static func entityRef(_ name: String, _ kp: WritableKeyPath<Root, Value<String>>) -> Field {
    value(
      name, kp, expected: "an entity id", parse: { Identifiers.isValid($0) ? $0 : nil },
      format: { $0 })
  }

  static func map<S: CompactMapSchema>(
    _ name: String, _ kp: WritableKeyPath<Root, CompactMap<S>>
  ) -> Field {
    Field(
      name,
      read: { root, cell throws(ModelError) in root[keyPath: kp] = try CompactMap<S>(parsing: cell) },
      write: { root in
        let m = root[keyPath: kp]
        return m.isEmpty ? .empty : .map(m.pairs.map { Cell.KeyValue($0.0, $0.1) })
      })
  }
}

/// Identifier syntax and `;`-separated lists.
public enum Identifiers {
  /// Whether `id` matches `[A-Za-z0-9_.:-]+`.
  public static func isValid(_ id: String) -> Bool {
    !id.isEmpty
      && id.utf8.allSatisfy { c in
        (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46
          || c == 58 || c == 45
      }
  }

  /// Splits a `;` list, trimming items and dropping empty ones; checks id syntax when `ids`.
  public static func list(_ cell: String, ids: Bool) throws(ModelError) -> [String] {
    var out: [String] = []
    for part in cell.split(separator: ";") {
      let item = String(part).trimmingWhitespace
      if item.isEmpty { continue }
      if ids, !isValid(item) { throw ModelError("\"\(item)\" is not a valid id") }
      out.append(item)
    }
    return out
  }
}

enum Schemas {
  static var entity: [Field<Entity>] {
    [
      .identifier("id", \.id, required: true),
      .text("name", \.name, required: true),
      Field(
        "kind", required: true,
        read: { e, cell in e.kind = EntityKind(cell.trimmingWhitespace) },
        write: { .text($0.kind.rawValue) }),
      .country("country", \.country),
      .list("aliases", \.aliases, ids: false),
      .list("sources", \.sources, ids: true),
      .text("notes", \.notes),
      .bool("montreux", \.montreux),
      .value(
        "opcat", \.opcat, expected: "yes, no or npm",
        parse: { w in
          switch w.lowercased() {
          case "yes", "true": return .yes
          case "no", "false": return .no
          case "npm": return .npm
          default: return nil
          }
        }, format: { $0.rawValue }),
      .bool("pass_through", \.passThrough),
      .bool("pmsc", \.pmsc),
      .country("incorporated_in", \.incorporatedIn),
      .word("icoca", \.icoca),
      .word("facility_type", \.facilityType),
      .count("capacity", \.capacity),
      .entityRef("custodial_authority", \.custodialAuthority),
      .date("opened", \.opened),
      .date("closed", \.closed),
      .currency("currency", \.currency),
      .bool("independent", \.independent),
      .word("npm_basis", \.npmBasis),
      .map("mandate", \.mandate),
      .text("mandate_basis", \.mandateBasis),
      .word("oversight_bodies", \.oversightBodies),
      .word("remedy_routes", \.remedyRoutes),
      .word("mechanism", \.mechanism),
      .entityRef("controlled_by", \.controlledBy),
      .map("criteria", \.criteria),
    ]
  }

  static var relation: [Field<Relation>] {
    [
      .identifier("id", \.id),
      .identifier("source", \.source, required: true),
      .identifier("target", \.target, required: true),
      Field(
        "kind", required: true,
        read: { r, cell in r.kind = RelationKind(cell.trimmingWhitespace) },
        write: { .text($0.kind.rawValue) }),
      .word("function", \.function),
      Field(
        "facilities",
        read: { r, cell throws(ModelError) in
          guard
            let v = Value<[String]>.parse(
              cell,
              { text in
                (try? Identifiers.list(text, ids: true)).flatMap { $0.isEmpty ? nil : $0 }
              })
          else { throw ModelError("\"\(cell)\" is not a ;-separated list of facility ids") }
          r.facilities = v
        },
        write: { r in
          switch r.facilities {
          case .unknown: return .empty
          case .known(let ids): return .list(ids)
          case let other: return .text(other.cell { $0.joined(separator: ";") })
          }
        }),
      .date("start", \.start),
      .date("end", \.end),
      .number("value", \.value, range: 0...Double.greatestFiniteMagnitude, expected: "a number ≥ 0"),
      .currency("currency", \.currency),
      .word("procedure", \.procedure),
      .count("bidders", \.bidders),
      .count("modifications", \.modifications),
      .number("share", \.share, range: 0...1, expected: "a share between 0 and 1"),
      .identifierValue("amends", \.amends),
      .identifierValue("part_of", \.partOf),
      .map("disclosure", \.disclosure),
      .map("safeguards", \.safeguards),
      .map("powers", \.powers),
      Field(
        "evidence",
        read: { r, cell throws(ModelError) in
          let word = cell.trimmingWhitespace.lowercased()
          if word.isEmpty {
            r.evidenceGiven = nil
          } else if let e = Evidence(rawValue: word) {
            r.evidenceGiven = e
          } else {
            throw ModelError(
              "\"\(cell)\" is not an evidence level (confirmed, reported, possible, alleged)")
          }
        },
        write: { r in r.evidenceGiven.map { .text($0.rawValue) } ?? .empty }),
      .list("sources", \.sources, ids: true),
      .text("notes", \.notes),
    ]
  }

  static var source: [Field<Source>] {
    [
      .identifier("id", \.id, required: true),
      .text("title", \.title, required: true),
      .text("publisher", \.publisher),
      .date("date", \.date),
      .text("url", \.url),
      .word("source_type", \.sourceType),
      .text("locator", \.locator),
      .date("accessed", \.accessed),
    ]
  }
}

/// The column names the format defines for each table: an attribute with one of these names is
/// read as that field, so importers that keep foreign properties as attributes avoid them.
public enum Columns {
  /// The columns of `entities.csv`.
  public static var entity: Set<String> { Set(Schemas.entity.map(\.name)) }
  /// The columns of `relations.csv`.
  public static var relation: Set<String> { Set(Schemas.relation.map(\.name)) }
}
