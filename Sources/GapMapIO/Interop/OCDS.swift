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
///   publisher); its relations cite it.
public enum OCDS {
  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic]) {
    let root = try JSON.parse(bytes, file: file)
    guard case .object(let top) = root else {
      throw IOError(file: file, line: 1, "not an OCDS package (expected an object)")
    }
    var releases: [(JSONValue, Int)] = []
    if let rm = top.first(where: { $0.key == "releases" }) {
      guard case .array(let rs) = rm.value else {
        throw IOError(file: file, line: rm.line, column: "releases", "must be an array")
      }
      releases = rs.map { ($0, rm.line) }
    } else if let rec = top.first(where: { $0.key == "records" }) {
      guard case .array(let rs) = rec.value else {
        throw IOError(file: file, line: rec.line, column: "records", "must be an array")
      }
      for r in rs {
        if let compiled = r["compiledRelease"] {
          releases.append((compiled, rec.line))
        } else if case .array(let list)? = r["releases"], let last = list.last, last["ocid"] != nil {
          releases.append((last, rec.line))
        } else {
          throw IOError(
            file: file, line: rec.line, column: "records", "a record needs compiledRelease or releases")
        }
      }
    } else {
      throw IOError(file: file, line: 1, "not an OCDS package (no \"releases\" or \"records\")")
    }
    let packageURI = str(root["uri"]) ?? ""
    let publisher = str(root["publisher"]?["name"]) ?? ""
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
    for (release, line) in releases {
      guard let ocid = str(release["ocid"]) else {
        throw IOError(file: file, line: line, "a release without an ocid")
      }
      let rid = str(release["id"]) ?? ocid
      let sourceID = "ocds-" + slug(rid == ocid ? ocid : ocid + "-" + rid)
      var src = [
        "id": sourceID, "title": "OCDS release \(rid) (\(ocid))", "publisher": publisher,
        "source_type": "official", "locator": ocid,
      ]
      if !packageURI.isEmpty { src["url"] = packageURI }
      if let d = str(release["date"]) { src["date"] = String(d.prefix(10)) }
      sources.append(Record(line: line, cells: src))
      // Parties.
      var buyers: [String] = []
      if case .array(let parties)? = release["parties"] {
        for p in parties {
          guard let pid = str(p["id"]) else { continue }
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
      if let b = str(release["buyer"]?["id"]), !buyers.contains(slug(b)) {
        buyers.insert(slug(b), at: 0)
        entity(
          slug(b),
          [
            "id": slug(b), "name": str(release["buyer"]?["name"]) ?? b, "kind": "agency", "sources": sourceID,
          ], line: line)
      }
      guard let buyer = buyers.first else {
        diagnostics.append(
          Diagnostic(.warning, file: file, line: line, "release \(rid): no buyer; its awards are skipped"))
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
          guard let sid0 = str(s["id"]) else { continue }
          let sid = slug(sid0)
          entity(
            sid, ["id": sid, "name": str(s["name"]) ?? sid0, "kind": "company", "sources": sourceID],
            line: line)
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
