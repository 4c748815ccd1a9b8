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
/// | Payment (payer → beneficiary) | custom kind `payment` with value, currency, date |
/// | UnknownLink (subject → object) | `link` |
///
/// Provenance: each distinct `sourceUrl` (else each dataset name) becomes a source, with
/// `publisher`; every entity and relation cites its sources. Other schemas (Contract is folded
/// into its award; Address, Sanction, …) are skipped with a warning naming the line.
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
    for l in lines {
      let p = l.properties
      if let kind = entitySchemas[l.schema] {
        var cells = [
          "id": l.id, "name": p["name"]?.first ?? l.id, "kind": kind.rawValue, "sources": cite(l),
        ]
        if let c = (p["jurisdiction"] ?? p["country"] ?? p["nationality"])?.first, c.count == 2 {
          cells["country"] = c.uppercased()
          if kind == .company { cells["incorporated_in"] = c.uppercased() }
        }
        if let aliases = p["alias"], !aliases.isEmpty { cells["aliases"] = aliases.joined(separator: ";") }
        if kind == .other { cells["ftm_schema"] = l.schema }
        if let reg = p["registrationNumber"]?.first { cells["registration_number"] = reg }
        entities.append(Record(line: l.line, cells: cells))
        continue
      }
      func relation(_ s: String?, _ t: String?, _ kind: String, _ extra: [String: String] = [:]) {
        guard let s, let t else {
          diagnostics.append(
            Diagnostic(.warning, file: file, line: l.line, "\(l.schema) \(l.id): missing an end; skipped"))
          return
        }
        var cells = ["id": l.id, "source": s, "target": t, "kind": kind, "sources": cite(l)]
        cells["start"] = date(p["startDate"]?.first ?? p["date"]?.first)
        cells["end"] = date(p["endDate"]?.first)
        if let d = p["summary"]?.first ?? p["description"]?.first { cells["notes"] = d }
        for (k, v) in extra { cells[k] = v }
        relations.append(Record(line: l.line, cells: cells))
      }
      switch l.schema {
      case "Ownership":
        var extra: [String: String] = [:]
        if let pct = p["percentage"]?.first.flatMap(Double.init) {
          extra["share"] = Scalars.formatNumber(pct / 100)
        }
        relation(p["owner"]?.first, p["asset"]?.first, "owns", extra)
      case "Membership": relation(p["member"]?.first, p["organization"]?.first, "member_of")
      case "Directorship":
        custom.insert("directorship")
        relation(p["director"]?.first, p["organization"]?.first, "directorship")
      case "Employment":
        custom.insert("employment")
        relation(p["employee"]?.first, p["employer"]?.first, "employment")
      case "UnknownLink": relation(p["subject"]?.first, p["object"]?.first, "link")
      case "Payment":
        custom.insert("payment")
        var extra: [String: String] = [:]
        if let a = p["amount"]?.first { extra["value"] = a }
        if let c = p["currency"]?.first { extra["currency"] = c.uppercased() }
        relation(p["payer"]?.first, p["beneficiary"]?.first, "payment", extra)
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
        relation(cp["authority"]?.first, p["supplier"]?.first, "contracts", extra)
      case "Contract":
        continue  // folded into its awards
      default:
        diagnostics.append(
          Diagnostic(.warning, file: file, line: l.line, "schema \(l.schema) is not imported (\(l.id))"))
      }
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
}
