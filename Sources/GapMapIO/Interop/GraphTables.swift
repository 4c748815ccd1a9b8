import GapMapModel

/// Nodes and edges with string attributes, as graph formats (GraphML, GEXF, node-link) carry
/// them, turned into the dataset tables the decoder reads — so every cell goes through the same
/// four-state parsing and validation as a CSV cell, with the line it came from.
///
/// A file GapMap wrote carries the dataset's metadata and sources (as JSON) and uses GapMap's
/// column names: it comes back exactly. A foreign graph gets the plain-graph mapping of the
/// format spec: `name` (or `label`, else the id), a `kind`/`type` that names a built-in kind
/// (else `other`, the original kept as `original_kind`), relations `link` unless their
/// `kind`/`type`/`relation` names a built-in one; every other attribute is kept as a column.
struct GraphTables {
  struct Item {
    var id: String?
    var source = ""
    var target = ""
    var attributes: [(String, String)] = []
    var line: Int
    /// An edge's own direction (GraphML's `directed`, GEXF's `type`), when it states one.
    var directed: Bool? = nil
  }

  var file: String
  var nodes: [Item] = []
  var edges: [Item] = []
  /// `dataset.json`'s content, when GapMap wrote the file.
  var metadata: JSONValue?
  /// The sources table as JSON objects, when GapMap wrote the file.
  var sources: JSONValue?
  var directed: Bool?
  /// Graph-level attributes of a foreign graph (GraphML graph `<data>`, node-link `graph`,
  /// GML graph keys): kept in the metadata as `graph`, and written back by the graph writers.
  var graphAttributes: [JSONMember] = []
  /// A graph that says it has no parallel edges (node-link `multigraph: false`).
  var simple = false

  init(file: String) { self.file = file }

  /// The dataset and its diagnostics.
  func decode() throws(IOError) -> (Dataset, [Diagnostic]) {
    let native = metadata != nil || sources != nil
    var entityRecords: [Record] = []
    var seen = Set<String>()
    for n in nodes {
      guard let id = n.id else { continue }
      seen.insert(id)
      var cells: [String: String] = ["id": id]
      var lines: [String: Int] = ["id": n.line]
      for (k, v) in n.attributes where k != "id" {
        cells[k] = v
        lines[k] = n.line
      }
      if !native {
        cells["name"] = cells["name"] ?? cells["label"] ?? id
        let given = cells["kind"] ?? cells["type"]
        if let g = given, EntityKind.builtIn.contains(EntityKind(g)) {
          cells["kind"] = g
        } else {
          if let g = given { cells["original_kind"] = g }
          cells["kind"] = EntityKind.other.rawValue
        }
      }
      var r = Record(line: n.line, cells: cells)
      r.fieldLines = lines
      entityRecords.append(r)
    }
    // Edge ends that are not declared nodes become nodes (GraphML and node-link allow it).
    for e in edges {
      for end in [e.source, e.target] where !end.isEmpty && !seen.contains(end) {
        seen.insert(end)
        entityRecords.append(
          Record(line: e.line, cells: ["id": end, "name": end, "kind": EntityKind.other.rawValue]))
      }
    }
    // The graph's direction: the file's default, unless its edges say otherwise. When edges
    // differ (a mixed graph), the dataset is directed and its undirected edges say so.
    var graphDirected = directed
    let stated = Set(edges.map { $0.directed ?? directed ?? true })
    if stated.count == 1, let only = stated.first, !edges.isEmpty { graphDirected = only }
    if stated.count > 1 { graphDirected = true }
    var relationRecords: [Record] = []
    var ids = Set<String>()
    for e in edges {
      var cells: [String: String] = ["source": e.source, "target": e.target]
      if stated.count > 1, (e.directed ?? directed ?? true) == false,
        !e.attributes.contains(where: { $0.0 == "directed" })
      {
        cells["directed"] = "false"
      }
      if let id = e.id, !id.isEmpty, ids.insert(id).inserted { cells["id"] = id }
      for (k, v) in e.attributes where !["source", "target", "id"].contains(k) { cells[k] = v }
      if !native {
        let given = cells["kind"] ?? cells["type"] ?? cells["relation"]
        if let g = given, RelationKind.builtIn.contains(RelationKind(g)) {
          cells["kind"] = g
        } else {
          if let g = given { cells["original_kind"] = g }
          cells["kind"] = RelationKind.link.rawValue
        }
      }
      relationRecords.append(Record(line: e.line, cells: cells))
    }
    var sourceTable: Table?
    if case .array(let items)? = sources {
      var records: [Record] = []
      for item in items {
        guard case .object(let fields) = item else { continue }
        var cells: [String: String] = [:]
        for f in fields {
          cells[f.key] = try DatasetIO.cellText(f.value, file: file, line: f.line, column: f.key)
        }
        records.append(Record(line: fields.first?.line ?? 1, cells: cells))
      }
      sourceTable = Table(file: file, columns: nil, records: records)
    }
    var meta = metadata
    if !native {
      var members: [JSONMember] = []
      if let graphDirected { members.append(JSONMember(key: "directed", value: .bool(graphDirected))) }
      if !graphAttributes.isEmpty {
        members.append(JSONMember(key: "graph", value: .object(graphAttributes)))
      }
      if simple { members.append(JSONMember(key: "multigraph", value: .bool(false))) }
      meta = .object(members)
    } else if graphDirected == false, case .object(var members)? = meta,
      !members.contains(where: { $0.key == "directed" })
    {
      // An undirected graph GapMap wrote before the metadata carried the direction.
      members.append(JSONMember(key: "directed", value: .bool(false)))
      meta = .object(members)
    }
    var (d, ds) = DatasetDecoder.decode(
      entities: Table(file: file, columns: nil, records: entityRecords),
      relations: Table(file: file, columns: nil, records: relationRecords), sources: sourceTable,
      metadata: meta, metadataFile: file)
    d.files.sources = file
    return (d, ds)
  }
}

/// The dataset's tables as attribute lists, for the graph writers.
struct GraphColumns {
  var nodeColumns: [String]
  var edgeColumns: [String]
  var nodes: [(id: String, cells: [(String, String)])]
  var edges: [(id: String, source: String, target: String, cells: [(String, String)])]
  /// Columns whose every non-empty cell is a whole number / a number.
  var integers: Set<String>
  var numbers: Set<String>
  /// Free attributes whose every value is `true` or `false` (read from a typed format).
  var booleans: Set<String>

  /// - Complexity: linear in the cells the dataset has (its tables are sparse).
  init(_ d: Dataset) {
    let e = DatasetEncoder.entities(d)
    let r = DatasetEncoder.relations(d)
    nodeColumns = e.columns.filter { $0 != "id" }
    edgeColumns = r.columns.filter { !["id", "source", "target"].contains($0) }
    func text(_ t: DatasetEncoder.Output, _ row: [DatasetEncoder.Output.Entry], _ name: String) -> String {
      guard let c = t.columns.firstIndex(of: name) else { return "" }
      return row.first { $0.column == c }?.cell.text ?? ""
    }
    func pairs(_ t: DatasetEncoder.Output, _ row: [DatasetEncoder.Output.Entry], skip: Set<String>) -> [(
      String, String
    )] {
      row.compactMap { entry in
        let c = t.columns[entry.column]
        let v = entry.cell.text
        return skip.contains(c) || v.isEmpty ? nil : (c, v)
      }
    }
    nodes = e.rows.map { row in (text(e, row, "id"), pairs(e, row, skip: ["id"])) }
    edges = r.rows.map { row in
      (
        text(r, row, "id"), text(r, row, "source"), text(r, row, "target"),
        pairs(r, row, skip: ["id", "source", "target"])
      )
    }
    // Per column, in one pass over the cells: whether every value is a count / a number.
    var allCounts: [String: Bool] = [:]
    var allNumbers: [String: Bool] = [:]
    for (c, v) in nodes.flatMap(\.cells) + edges.flatMap(\.cells)
    where !["id", "name", "country"].contains(c) {
      allCounts[c] = (allCounts[c] ?? true) && Scalars.count(v) != nil
      allNumbers[c] = (allNumbers[c] ?? true) && Scalars.number(v) != nil
    }
    var ints = Set<String>()
    var nums = Set<String>()
    var bools = Set<String>()
    var allBooleans: [String: Bool] = [:]
    for (c, v) in nodes.flatMap(\.cells) + edges.flatMap(\.cells)
    where !["id", "name", "country"].contains(c) {
      allBooleans[c] = (allBooleans[c] ?? true) && (v == "true" || v == "false")
    }
    for (c, isCount) in allCounts {
      if !Columns.entity.contains(c), !Columns.relation.contains(c), allBooleans[c] == true {
        bools.insert(c)
      } else if isCount {
        ints.insert(c)
      } else if allNumbers[c] == true {
        nums.insert(c)
      }
    }
    integers = ints
    numbers = nums
    booleans = bools
  }
}

/// A number as GML and Pajek readers take it, else nil: an integer, or a real with digits on
/// both sides of its point (`1.0E-05`, not `1.E-05` or `1e-05`), the form networkx and igraph
/// both read.
func portableNumber(_ v: String) -> String? {
  guard Scalars.number(v) != nil else { return nil }
  var mantissa = Substring(v)
  var exponent = Substring("")
  if let e = v.firstIndex(where: { $0 == "e" || $0 == "E" }) {
    mantissa = v[..<e]
    exponent = v[e...]
  }
  guard mantissa.contains(".") else { return exponent.isEmpty ? v : mantissa + ".0" + exponent }
  var sign = ""
  if let first = mantissa.first, first == "-" || first == "+" { sign = String(mantissa.removeFirst()) }
  return sign + (mantissa.hasPrefix(".") ? "0" : "") + mantissa + (mantissa.hasSuffix(".") ? "0" : "")
    + exponent
}
