import Foundation
import GapMapModel

/// FollowTheMoney entities as JSON lines (as OpenSanctions and Aleph export them):
/// `{"id", "schema", "properties": {"name": [...], ...}, "datasets": [...]}` per line.
///
/// | FtM schema | GapMap |
/// |---|---|
/// | Company | entity `company` |
/// | PublicBody | entity `agency` |
/// | Person | entity `person` |
/// | Organization, LegalEntity | entity `other` (`ftm_schema` kept) |
/// | Ownership (owner → asset) | `owns`, `share` = percentage / 100 |
/// | Membership (member → organization) | `member_of` |
/// | Directorship, Employment | custom kinds `directorship`, `employment` |
/// | ContractAward (contract's authority → supplier) | `contracts` with value, currency, dates, procedure |
/// | Family, Associate (person → relative / associate) | custom kinds `family`, `associate` |
/// | Sanction (authority → entity) | custom kind `sanctions` from an `agency` named after the authority |
/// | Payment (payer → beneficiary) | custom kind `payment`: amount and currency, else `amountEur` in EUR |
/// | UnknownLink (subject → object) | `link` |
/// | other properties (topics, identifiers, name variants, …) | attributes in snake_case |
///
/// Provenance: each distinct `sourceUrl` (else each dataset name) becomes a source, with
/// `publisher`; every entity and relation cites its sources. Other schemas (Contract is folded
/// into its award; Address, Note, …) are skipped, counted in one warning.
public enum FollowTheMoney {
  static let entitySchemas: [String: EntityKind] = [
    "Company": .company, "PublicBody": .agency, "Person": .person, "Organization": .other,
    "LegalEntity": .other,
  ]

  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic]) {
    struct Line {
      var id: String
      var schema: String
      var properties: [String: [String]]
      var datasets: [String]
      var line: Int
    }
    var lines: [Line] = []
    var diagnostics: [Diagnostic] = []
    var lineNo = 0
    var start = 0
    let n = bytes.count
    while start < n {
      var end = start
      while end < n && bytes[end] != 0x0A { end += 1 }
      lineNo += 1
      let slice = Array(bytes[start..<end])
      start = end + 1
      if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      let value: JSONValue
      do {
        value = try JSON.parse(slice, file: file)
      } catch {
        throw IOError(file: file, line: lineNo, "not a JSON object: \(error.message)")
      }
      guard case .object = value, case .string(let id)? = value["id"],
        case .string(let schema)? = value["schema"]
      else {
        throw IOError(file: file, line: lineNo, "a FollowTheMoney entity needs \"id\" and \"schema\"")
      }
      var props: [String: [String]] = [:]
      if case .object(let ps)? = value["properties"] {
        for p in ps {
          guard case .array(let items) = p.value else {
            throw IOError(file: file, line: lineNo, column: "properties.\(p.key)", "must be a list")
          }
          props[p.key] = items.compactMap {
            if case .string(let s) = $0 { return s }
            if case .number(let s) = $0 { return s }
            return nil
          }
        }
      }
      var datasets: [String] = []
      if case .array(let ds)? = value["datasets"] {
        datasets = ds.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
      }
      lines.append(Line(id: id, schema: schema, properties: props, datasets: datasets, line: lineNo))
    }
    // Sources: one per sourceUrl, else per dataset.
    var sourceRecords: [Record] = []
    var sourceIDs: [String: String] = [:]
    func cite(_ l: Line) -> String {
      var ids: [String] = []
      let urls = l.properties["sourceUrl"] ?? []
      let keys = urls.isEmpty ? l.datasets.map { "dataset:" + $0 } : urls
      for key in keys {
        if let id = sourceIDs[key] {
          ids.append(id)
          continue
        }
        let id = "ftm-src-\(sourceRecords.count + 1)"
        sourceIDs[key] = id
        var cells = ["id": id]
        if key.hasPrefix("dataset:") {
          cells["title"] = "FollowTheMoney dataset \(key.dropFirst(8))"
        } else {
          cells["title"] = l.properties["title"]?.first ?? key
          cells["url"] = key
        }
        cells["publisher"] = l.properties["publisher"]?.first ?? ""
        cells["source_type"] = "other"
        sourceRecords.append(Record(line: l.line, cells: cells))
        ids.append(id)
      }
      return ids.joined(separator: ";")
    }
    func date(_ s: String?) -> String {
      guard let s else { return "" }
      return String(s.prefix(10))  // FtM dates are ISO 8601, possibly with a time
    }
    let byID = Dictionary(lines.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var entities: [Record] = []
    var relations: [Record] = []
    var custom = Set<String>()
    var skipped: [String: Int] = [:]
    var missingEnds: [String: Int] = [:]
    var firstSkipLine = 0
    var authorities: Set<String> = []
    /// Every property no column took, kept as an attribute (snake_case; `ftm_` first when the
    /// name is one of GapMap's columns), so topics, identifiers and the rest survive.
    func keep(
      _ p: [String: [String]], except used: Set<String>, columns: Set<String>,
      into cells: inout [String: String]
    ) {
      for (k, v) in p where !used.contains(k) && !v.isEmpty {
        var name = snake(k)
        if columns.contains(name) || cells[name] != nil { name = "ftm_" + name }
        cells[name] = v.joined(separator: ";")
      }
    }
    for l in lines {
      let p = l.properties
      if let kind = entitySchemas[l.schema] {
        let names = p["name"] ?? []
        var cells = ["id": l.id, "name": names.first ?? l.id, "kind": kind.rawValue, "sources": cite(l)]
        var used: Set<String> = ["name", "alias", "sourceUrl", "publisher", "registrationNumber"]
        for key in ["jurisdiction", "country", "nationality"] {
          guard let values = p[key], !values.isEmpty else { continue }
          if let c = values.first, c.count == 2, cells["country"] == nil {
            cells["country"] = c.uppercased()
            if kind == .company { cells["incorporated_in"] = c.uppercased() }
            if values.count == 1 { used.insert(key) }
          }
        }
        // Name variants: further names and aliases (weak aliases and previous names are kept
        // under their own names).
        let aliases = Array(names.dropFirst()) + (p["alias"] ?? [])
        if !aliases.isEmpty { cells["aliases"] = aliases.joined(separator: ";") }
        if kind == .other { cells["ftm_schema"] = l.schema }
        if let reg = p["registrationNumber"] { cells["registration_number"] = reg.joined(separator: ";") }
        keep(p, except: used, columns: Columns.entity, into: &cells)
        entities.append(Record(line: l.line, cells: cells))
        continue
      }
      func relation(
        _ s: String?, _ t: String?, _ kind: String, _ extra: [String: String] = [:], used: Set<String> = []
      ) {
        guard let s, let t else {
          missingEnds[l.schema, default: 0] += 1
          if firstSkipLine == 0 { firstSkipLine = l.line }
          return
        }
        if !RelationKind.builtIn.contains(RelationKind(kind)) { custom.insert(kind) }
        var cells = ["id": l.id, "source": s, "target": t, "kind": kind, "sources": cite(l)]
        cells["start"] = date(p["startDate"]?.first ?? p["date"]?.first)
        cells["end"] = date(p["endDate"]?.first)
        if let d = p["summary"]?.first ?? p["description"]?.first { cells["notes"] = d }
        for (k, v) in extra { cells[k] = v }
        let consumed =
          used.union(["startDate", "endDate", "date", "sourceUrl", "publisher"])
          .union(p["summary"] != nil ? ["summary"] : ["description"])
        keep(p, except: consumed, columns: Columns.relation, into: &cells)
        relations.append(Record(line: l.line, cells: cells))
      }
      switch l.schema {
      case "Ownership":
        var extra: [String: String] = [:]
        if let pct = p["percentage"]?.first.flatMap(Double.init) {
          extra["share"] = Scalars.formatNumber(pct / 100)
        }
        relation(p["owner"]?.first, p["asset"]?.first, "owns", extra, used: ["owner", "asset"])
      case "Membership":
        relation(p["member"]?.first, p["organization"]?.first, "member_of", used: ["member", "organization"])
      case "Directorship":
        relation(
          p["director"]?.first, p["organization"]?.first, "directorship", used: ["director", "organization"])
      case "Employment":
        relation(p["employee"]?.first, p["employer"]?.first, "employment", used: ["employee", "employer"])
      case "Family":
        // person → relative; `relationship` (son, spouse, …) is kept.
        relation(p["person"]?.first, p["relative"]?.first, "family", used: ["person", "relative"])
      case "Associate":
        relation(p["person"]?.first, p["associate"]?.first, "associate", used: ["person", "associate"])
      case "Sanction":
        // The authority is a name, not an entity: it becomes an `agency` that `sanctions` the
        // entity (program, reason, listing dates kept).
        if let authority = p["authority"]?.first {
          let id = "ftm-authority-" + OCDS.slug(authority)
          if authorities.insert(id).inserted {
            entities.append(
              Record(
                line: l.line,
                cells: ["id": id, "name": authority, "kind": EntityKind.agency.rawValue, "sources": cite(l)]))
          }
          relation(id, p["entity"]?.first, "sanctions", used: ["authority", "entity"])
        } else {
          relation(nil, p["entity"]?.first, "sanctions")
        }
      case "UnknownLink":
        relation(p["subject"]?.first, p["object"]?.first, "link", used: ["subject", "object"])
      case "Payment":
        // The amount in its currency, else the amount in euros (`amountEur`, kept either way).
        var extra: [String: String] = [:]
        var used: Set<String> = ["payer", "beneficiary"]
        if let a = p["amount"]?.first {
          extra["value"] = a
          used.insert("amount")
          if let c = p["currency"]?.first {
            extra["currency"] = c.uppercased()
            used.insert("currency")
          }
        } else if let a = p["amountEur"]?.first {
          extra["value"] = a
          extra["currency"] = "EUR"
        }
        relation(p["payer"]?.first, p["beneficiary"]?.first, "payment", extra, used: used)
      case "ContractAward":
        let contract = p["contract"]?.first.flatMap { byID[$0] }
        let cp = contract?.properties ?? [:]
        var extra: [String: String] = [:]
        if let a = p["amount"]?.first ?? cp["amount"]?.first { extra["value"] = a }
        if let c = p["currency"]?.first ?? cp["currency"]?.first { extra["currency"] = c.uppercased() }
        if let m = (cp["method"] ?? cp["procedure"])?.first?.lowercased() {
          for (word, procedure) in [
            ("framework", "framework"), ("direct", "direct"), ("negotiat", "negotiated"),
            ("restrict", "restricted"),
            ("open", "open"),
          ] where m.contains(word) {
            extra["procedure"] = procedure
            break
          }
        }
        if let title = cp["title"]?.first { extra["notes"] = title }
        relation(
          cp["authority"]?.first, p["supplier"]?.first, "contracts", extra,
          used: ["contract", "supplier", "amount", "currency"])
      case "Contract":
        continue  // folded into its awards
      default:
        skipped[l.schema, default: 0] += 1
        if firstSkipLine == 0 { firstSkipLine = l.line }
      }
    }
    // One line for everything left out, with counts.
    func counts(_ c: [String: Int]) -> String {
      c.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    }
    if !skipped.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, file: file, line: firstSkipLine,
          "\(skipped.values.reduce(0, +)) entities of schemas GapMap does not import were skipped (\(counts(skipped)))"
        ))
    }
    if !missingEnds.isEmpty {
      diagnostics.append(
        Diagnostic(
          .warning, file: file, line: firstSkipLine,
          "\(missingEnds.values.reduce(0, +)) relations without both ends were skipped (\(counts(missingEnds)))"
        ))
    }
    let meta = JSONValue.object([
      JSONMember(
        key: "title", value: .string("FollowTheMoney import of \((file as NSString).lastPathComponent)")),
      JSONMember(
        key: "kinds",
        value: .object([
          JSONMember(key: "relation", value: .array(custom.sorted().map(JSONValue.string)))
        ])),
    ])
    var (d, ds) = DatasetDecoder.decode(
      entities: Table(file: file, columns: nil, records: entities),
      relations: Table(file: file, columns: nil, records: relations),
      sources: Table(file: file, columns: nil, records: sourceRecords), metadata: meta, metadataFile: file)
    d.files.sources = file
    return (d, diagnostics + ds)
  }

  /// `amountEur` → `amount_eur`.
  static func snake(_ s: String) -> String {
    var out = ""
    for c in s {
      if c.isUppercase {
        out += "_" + c.lowercased()
      } else {
        out.append(c)
      }
    }
    return out
  }
}
