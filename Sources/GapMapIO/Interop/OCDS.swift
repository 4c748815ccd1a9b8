import Foundation
import GapMapModel

/// Open Contracting Data Standard release packages and record packages (records: their
/// `compiledRelease`, else their last release).
///
/// - Parties: buyers and procuring entities → `agency`; suppliers and tenderers → `company`;
///   others → `other`. Ids are the parties' ids (organisation identifiers).
/// - Each award's suppliers → a `contracts` relation from the buyer, with the award's (or its
///   contract's) value and currency, the contract period (else the award's), `procedure` from
///   `tender.procurementMethod` (open → open, selective → restricted, limited → negotiated,
///   direct → direct; "framework" in the details → framework), `bidders` from
///   `tender.numberOfTenderers`, `modifications` from the amendments, and `disclosure` from what
///   the release publishes: parties yes; value, duration and procedure yes when present, no
///   when absent; modifications yes when an amendments list is published; terms yes when a
///   signed contract or contract text is among the documents, no when documents are published
///   without one; performance yes with implementation transactions or milestones; the rest
///   unknown.
/// - A delivery location of the tender's items (`deliveryLocation.description` or
///   `deliveryAddress.streetAddress`, the OCDS location extension) becomes a `facility`, and the
///   contracts are scoped to it.
/// - Each release becomes a source (`ocds-…`: ocid, release id, date, the package URI and
///   publisher); its relations cite it. Several releases of one contracting process (one
///   `ocid`) are first merged into its compiled release, as ocdskit's `compile` does
///   (``compile(_:)``), and become one source.
/// - Organisations without a `parties` array (OCDS 1.0, and publishers writing buyer and
///   suppliers inline) are identified by `id`, else `identifier` (`scheme-id`), else name.
/// - Several packages written one after another (a JSON stream) and bare releases are read.
public enum OCDS {
  /// A release as read, with where it came from.
  struct Input {
    var release: JSONValue
    var line: Int
    var uri: String
    var publisher: String
  }

  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic]) {
    // JSON is UTF-8; publishers' ISO-8859-1 files would otherwise come out garbled.
    if String(validating: bytes, as: UTF8.self) == nil {
      let at = bytes.firstIndex { $0 >= 0x80 } ?? 0
      let line = bytes[..<at].filter { $0 == 0x0A }.count + 1
      throw IOError(
        file: file, line: line, "not UTF-8 (ISO-8859-1 or Windows-1252?)",
        hint: "convert it first: iconv -f ISO-8859-1 -t UTF-8 \(file) > utf8.json", remedy: .decodeAsLatin1)
    }
    // One package, or several written one after another (a JSON stream), or bare releases.
    let documents = try JSON.parseSequence(bytes, file: file)
    guard !documents.isEmpty else { throw IOError(file: file, line: 1, "empty file") }
    var inputs: [Input] = []
    for root in documents {
      guard case .object(let top) = root else {
        throw IOError(file: file, line: 1, "not an OCDS package (expected an object)")
      }
      let uri = str(root["uri"]) ?? ""
      let publisher = str(root["publisher"]?["name"]) ?? ""
      if let rm = top.first(where: { $0.key == "releases" }) {
        guard case .array(let rs) = rm.value else {
          throw IOError(file: file, line: rm.line, column: "releases", "must be an array")
        }
        inputs += rs.map { Input(release: $0, line: rm.line, uri: uri, publisher: publisher) }
      } else if let rec = top.first(where: { $0.key == "records" }) {
        guard case .array(let rs) = rec.value else {
          throw IOError(file: file, line: rec.line, column: "records", "must be an array")
        }
        for r in rs {
          if let compiled = r["compiledRelease"] {
            inputs.append(Input(release: compiled, line: rec.line, uri: uri, publisher: publisher))
          } else if case .array(let list)? = r["releases"], list.contains(where: { $0["ocid"] != nil }) {
            // Full releases: compiled below with the rest of their contracting process.
            for release in list where release["ocid"] != nil {
              inputs.append(Input(release: release, line: rec.line, uri: uri, publisher: publisher))
            }
          } else {
            throw IOError(
              file: file, line: rec.line, column: "records",
              "a record needs compiledRelease or full releases (linked releases are not fetched)")
          }
        }
      } else if top.contains(where: { $0.key == "ocid" }) {
        inputs.append(Input(release: root, line: top.first?.line ?? 1, uri: "", publisher: ""))
      } else {
        throw IOError(file: file, line: 1, "not an OCDS package (no \"releases\" or \"records\")")
      }
    }
    // Releases of one contracting process are merged into its compiled release, as the OCDS
    // merge routine (and ocdskit's `compile`) does; disclosure is judged on the compiled record.
    var order: [String] = []
    var byOCID: [String: [Input]] = [:]
    for input in inputs {
      guard let ocid = str(input.release["ocid"]) else {
        throw IOError(file: file, line: input.line, "a release without an ocid")
      }
      if byOCID[ocid] == nil { order.append(ocid) }
      byOCID[ocid, default: []].append(input)
    }
    var entities: [String: Record] = [:]
    var entityOrder: [String] = []
    var relations: [Record] = []
    var sources: [Record] = []
    var diagnostics: [Diagnostic] = []
    func entity(_ id: String, _ cells: [String: String], line: Int) {
      if entities[id] == nil {
        entityOrder.append(id)
        entities[id] = Record(line: line, cells: cells)
      } else if entities[id]?.cells["kind"] == "other", let k = cells["kind"], k != "other" {
        entities[id]?.cells["kind"] = k
      }
    }
    for ocid in order {
      let group = byOCID[ocid] ?? []
      guard let last = group.last else { continue }
      let line = group[0].line
      let release = group.count == 1 ? last.release : compile(group.map(\.release))
      let rid = str(release["id"]) ?? ocid
      let sourceID: String
      var src: [String: String]
      if group.count == 1 {
        sourceID = "ocds-" + slug(rid == ocid ? ocid : ocid + "-" + rid)
        src = ["id": sourceID, "title": "OCDS release \(rid) (\(ocid))"]
      } else {
        let ids = group.compactMap { str($0.release["id"]) }.joined(separator: ", ")
        sourceID = "ocds-" + slug(ocid)
        src = ["id": sourceID, "title": "OCDS compiled release of \(ocid) (\(group.count) releases: \(ids))"]
      }
      src["publisher"] = last.publisher
      src["source_type"] = "official"
      src["locator"] = ocid
      if !last.uri.isEmpty { src["url"] = last.uri }
      if let d = str(release["date"]) { src["date"] = String(d.prefix(10)) }
      sources.append(Record(line: line, cells: src))
      // Parties.
      var buyers: [String] = []
      if case .array(let parties)? = release["parties"] {
        for p in parties {
          guard let pid = organisationID(p) else { continue }
          let id = slug(pid)
          var roles: [String] = []
          if case .array(let rs)? = p["roles"] { roles = rs.compactMap(str) }
          let kind =
            roles.contains("buyer") || roles.contains("procuringEntity")
            ? "agency" : (roles.contains("supplier") || roles.contains("tenderer") ? "company" : "other")
          var cells = ["id": id, "name": str(p["name"]) ?? pid, "kind": kind, "sources": sourceID]
          if let c = str(p["address"]?["countryName"]) {
            if c.count == 2 { cells["country"] = c.uppercased() } else { cells["country_name"] = c }
          }
          if pid != id { cells["ocds_id"] = pid }
          entity(id, cells, line: line)
          if roles.contains("buyer") { buyers.append(id) }
        }
      }
      // The buyer written inline (OCDS 1.0, and publishers without a parties array), else the
      // tender's procuring entity.
      let inlineBuyer = release["buyer"] ?? release["tender"]?["procuringEntity"]
      if let b = organisationID(inlineBuyer), !buyers.contains(slug(b)) {
        buyers.insert(slug(b), at: 0)
        var cells = [
          "id": slug(b), "name": str(inlineBuyer?["name"]) ?? b, "kind": "agency", "sources": sourceID,
        ]
        if slug(b) != b { cells["ocds_id"] = b }
        entity(slug(b), cells, line: line)
      }
      guard let buyer = buyers.first else {
        let why =
          inlineBuyer == nil
          ? "no buyer (no party with the buyer role, no buyer, no tender.procuringEntity)"
          : "the buyer has no id, identifier or name"
        diagnostics.append(
          Diagnostic(.warning, file: file, line: line, "release \(rid): \(why); its awards are skipped"))
        continue
      }
      // Facilities from the items' delivery locations.
      var facilityIDs: [String] = []
      let tender = release["tender"]
      if case .array(let items)? = tender?["items"] {
        for item in items {
          guard
            let name = str(item["deliveryLocation"]?["description"])
              ?? str(item["deliveryAddress"]?["streetAddress"])
          else { continue }
          let id = slug(name)
          if !facilityIDs.contains(id) { facilityIDs.append(id) }
          var cells = ["id": id, "name": name, "kind": "facility", "sources": sourceID]
          if let c = str(item["deliveryAddress"]?["countryName"]), c.count == 2 {
            cells["country"] = c.uppercased()
          }
          entity(id, cells, line: line)
        }
      }
      let method = str(tender?["procurementMethod"])
      let details = (str(tender?["procurementMethodDetails"]) ?? "").lowercased()
      var procedure: String? = method.flatMap {
        ["open": "open", "selective": "restricted", "limited": "negotiated", "direct": "direct"][$0]
      }
      if details.contains("framework") { procedure = "framework" }
      let bidders = tender?["numberOfTenderers"].flatMap { v -> String? in
        if case .number(let n) = v { return n }
        return nil
      }
      var contracts: [JSONValue] = []
      if case .array(let cs)? = release["contracts"] { contracts = cs }
      guard case .array(let awards)? = release["awards"] else { continue }
      for award in awards {
        let aid = str(award["id"]) ?? "\(relations.count + 1)"
        let contract = contracts.first { str($0["awardID"]) == aid }
        let value = contract?["value"] ?? award["value"]
        let period = contract?["period"] ?? award["contractPeriod"]
        var amendments: [JSONValue]?
        if case .array(let a)? = contract?["amendments"] ?? award["amendments"] { amendments = a }
        var documents: [JSONValue]?
        if case .array(let ds)? = contract?["documents"] { documents = ds }
        var disclosure = ["parties=yes"]
        disclosure.append("value=" + (num(value?["amount"]) != nil ? "yes" : "no"))
        disclosure.append(
          "duration=" + (str(period?["startDate"]) != nil || str(period?["endDate"]) != nil ? "yes" : "no"))
        disclosure.append("procedure=" + (method != nil ? "yes" : "no"))
        if amendments != nil { disclosure.append("modifications=yes") }
        if let documents {
          let types = documents.compactMap { str($0["documentType"]) }
          disclosure.append(
            "terms="
              + (types.contains { ["contractSigned", "contractText", "contractSchedule"].contains($0) }
                ? "yes" : "no"))
        }
        if contract?["implementation"]?["transactions"] != nil
          || contract?["implementation"]?["milestones"] != nil
        {
          disclosure.append("performance=yes")
        }
        guard case .array(let suppliers)? = award["suppliers"], !suppliers.isEmpty else {
          diagnostics.append(
            Diagnostic(.warning, file: file, line: line, "award \(aid): no suppliers; skipped"))
          continue
        }
        for s in suppliers {
          guard let sid0 = organisationID(s) else {
            diagnostics.append(
              Diagnostic(
                .warning, file: file, line: line,
                "award \(aid): a supplier without id, identifier or name; skipped"))
            continue
          }
          let sid = slug(sid0)
          var supplierCells = [
            "id": sid, "name": str(s["name"]) ?? sid0, "kind": "company", "sources": sourceID,
          ]
          if sid != sid0 { supplierCells["ocds_id"] = sid0 }
          entity(sid, supplierCells, line: line)
          var cells = [
            "id": slug("\(ocid)-\(aid)-\(sid0)"), "source": buyer, "target": sid, "kind": "contracts",
            "sources": sourceID, "disclosure": disclosure.joined(separator: ";"),
          ]
          if let a = num(value?["amount"]) { cells["value"] = a }
          if let c = str(value?["currency"]) { cells["currency"] = c }
          if let d = str(period?["startDate"]) ?? str(contract?["dateSigned"]) ?? str(award["date"]) {
            cells["start"] = String(d.prefix(10))
          }
          if let d = str(period?["endDate"]) { cells["end"] = String(d.prefix(10)) }
          if let procedure { cells["procedure"] = procedure }
          if let bidders { cells["bidders"] = bidders }
          if let amendments { cells["modifications"] = String(amendments.count) }
          if !facilityIDs.isEmpty { cells["facilities"] = facilityIDs.joined(separator: ";") }
          if let title = str(award["title"]) ?? str(contract?["title"]) ?? str(tender?["title"]) {
            cells["notes"] = title
          }
          if str(award["status"]) == "cancelled" || str(award["status"]) == "unsuccessful" { continue }
          relations.append(Record(line: line, cells: cells))
        }
      }
    }
    let meta = JSONValue.object([
      JSONMember(key: "title", value: .string("OCDS import of \((file as NSString).lastPathComponent)"))
    ])
    var (d, ds) = DatasetDecoder.decode(
      entities: Table(file: file, columns: nil, records: entityOrder.compactMap { entities[$0] }),
      relations: Table(file: file, columns: nil, records: relations),
      sources: Table(file: file, columns: nil, records: sources), metadata: meta, metadataFile: file)
    d.files.sources = file
    return (d, diagnostics + ds)
  }

  /// An organisation reference's id: its `id` (OCDS 1.1), else its `identifier`
  /// (`scheme-id`, as OCDS 1.1 party ids are built; OCDS 1.0 has no `id`), else its name.
  static func organisationID(_ o: JSONValue?) -> String? {
    if let id = str(o?["id"]) { return id }
    if let i = str(o?["identifier"]?["id"]) {
      if let scheme = str(o?["identifier"]?["scheme"]) { return scheme + "-" + i }
      return i
    }
    return str(o?["name"])
  }

  /// Merges the releases of one contracting process into its compiled release, by the OCDS
  /// merge rules as ocdskit's `compile` applies them without a schema: releases in date order;
  /// objects merged member by member; arrays of objects merged by `id` (position when there
  /// is none); other arrays and values replaced by the later release; `null` removes a field;
  /// `tag` becomes `["compiled"]`.
  /// - Complexity: O(total size of the releases × array lengths).
  public static func compile(_ releases: [JSONValue]) -> JSONValue {
    let sorted = releases.enumerated().sorted { a, b in
      (str(a.element["date"]) ?? "", a.offset) < (str(b.element["date"]) ?? "", b.offset)
    }
    var merged: JSONValue = .object([])
    for (_, r) in sorted { merged = merge(merged, r) }
    guard case .object(var members) = merged else { return merged }
    members.removeAll { $0.key == "tag" }
    members.insert(JSONMember(key: "tag", value: .array([.string("compiled")])), at: 0)
    return .object(members)
  }

  static func merge(_ base: JSONValue, _ new: JSONValue) -> JSONValue {
    switch (base, new) {
    case (.object(var members), .object(let updates)):
      for u in updates {
        let i = members.firstIndex { $0.key == u.key }
        if u.value == .null {
          // As ocdsmerge flattens releases into paths, `null` removes a value; an object's
          // (or an array of objects') own fields are separate paths and stay.
          if let i, !isStructure(members[i].value) { members.remove(at: i) }
        } else if let i {
          members[i].value = merge(members[i].value, u.value)
        } else {
          members.append(JSONMember(key: u.key, value: merge(.object([]), u.value), line: u.line))
        }
      }
      return .object(members)
    case (_, .object):
      return merge(.object([]), new)
    case (.array(let old), .array(let items))
    where !items.isEmpty && items.allSatisfy({ if case .object = $0 { return true } else { return false } }):
      // Arrays of objects: by `id`, else by position.
      var out: [JSONValue] = []
      var keys: [String] = []
      func key(_ v: JSONValue, _ i: Int) -> String { str(v["id"]).map { "id:" + $0 } ?? "at:\(i)" }
      for (i, v) in old.enumerated() {
        keys.append(key(v, i))
        out.append(v)
      }
      for (i, v) in items.enumerated() {
        let k = key(v, i)
        if let at = keys.firstIndex(of: k) {
          out[at] = merge(out[at], v)
        } else {
          keys.append(k)
          out.append(merge(.object([]), v))
        }
      }
      return .array(out)
    case (_, .array(let items))
    where !items.isEmpty && items.allSatisfy({ if case .object = $0 { return true } else { return false } }):
      return merge(.array([]), new)
    default:
      return new
    }
  }

  static func isStructure(_ v: JSONValue) -> Bool {
    switch v {
    case .object: return true
    case .array(let items):
      return !items.isEmpty && items.allSatisfy { if case .object = $0 { return true } else { return false } }
    default: return false
    }
  }

  static func str(_ v: JSONValue?) -> String? {
    switch v {
    case .string(let s)?: return s.isEmpty ? nil : s
    case .number(let n)?: return n
    default: return nil
    }
  }

  static func num(_ v: JSONValue?) -> String? {
    switch v {
    case .number(let n)?: return n
    case .string(let s)?: return Scalars.number(s) != nil ? s : nil
    default: return nil
    }
  }

  /// An id GapMap accepts (`[A-Za-z0-9_.:-]`): other characters become `-`.
  static func slug(_ s: String) -> String {
    String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "_.:-".contains($0)) ? $0 : "-" })
  }
}
