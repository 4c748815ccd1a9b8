import GapMapModel

/// GraphML (http://graphml.graphdrawing.org): what networkx, igraph, Gephi, yEd and Cytoscape
/// exchange.
///
/// GapMap writes one typed `<key>` per column (`long`/`double` when every value of the column is
/// a number, else `string`, so that `undisclosed` and `n/a` survive), relation ids as edge ids
/// (networkx uses them as multigraph keys), and the dataset's metadata and sources as JSON in
/// two graph-level keys, `gapmap_dataset` and `gapmap_sources`, so that a GapMap → GraphML →
/// GapMap round trip loses nothing.
public enum GraphML {
  /// The GraphML text of a dataset.
  public static func write(_ d: Dataset) -> String {
    let cols = GraphColumns(d)
    func type(_ c: String) -> String {
      if cols.booleans.contains(c) { return "boolean" }
      return cols.integers.contains(c) ? "long" : (cols.numbers.contains(c) ? "double" : "string")
    }
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

      """
    var nodeKey: [String: String] = [:]
    var edgeKey: [String: String] = [:]
    for (i, c) in cols.nodeColumns.enumerated() {
      nodeKey[c] = "n\(i)"
      s += "  <key id=\"n\(i)\" for=\"node\" attr.name=\"\(XMLText.esc(c))\" attr.type=\"\(type(c))\"/>\n"
    }
    for (i, c) in cols.edgeColumns.enumerated() {
      edgeKey[c] = "e\(i)"
      s += "  <key id=\"e\(i)\" for=\"edge\" attr.name=\"\(XMLText.esc(c))\" attr.type=\"\(type(c))\"/>\n"
    }
    // A foreign graph's own attributes (a title, networkx's name) go back as graph data.
    var graphData: [(String, String)] = []
    if case .object(let members)? = d.metadata.extra["graph"] {
      for (i, m) in members.enumerated() {
        let text: String
        switch m.value {
        case .string(let v), .number(let v): text = v
        case .bool(let b): text = b ? "true" : "false"
        default: text = JSON.compact(m.value)
        }
        s +=
          "  <key id=\"g\(i + 2)\" for=\"graph\" attr.name=\"\(XMLText.esc(m.key))\" attr.type=\"string\"/>\n"
        graphData.append(("g\(i + 2)", text))
      }
    }
    s += "  <key id=\"g0\" for=\"graph\" attr.name=\"gapmap_dataset\" attr.type=\"string\"/>\n"
    s += "  <key id=\"g1\" for=\"graph\" attr.name=\"gapmap_sources\" attr.type=\"string\"/>\n"
    let directed = d.metadata.isDirected
    s += "  <graph id=\"G\" edgedefault=\"\(directed ? "directed" : "undirected")\">\n"
    s += "    <data key=\"g0\">\(XMLText.esc(JSON.compact(DatasetEncoder.metadata(d.metadata))))</data>\n"
    s += "    <data key=\"g1\">\(XMLText.esc(JSON.compact(DatasetIO.sourcesJSON(d))))</data>\n"
    for (key, value) in graphData { s += "    <data key=\"\(key)\">\(XMLText.esc(value))</data>\n" }
    for n in cols.nodes {
      s += "    <node id=\"\(XMLText.esc(n.id))\">"
      for (c, v) in n.cells { s += "<data key=\"\(nodeKey[c] ?? "")\">\(XMLText.esc(v))</data>" }
      s += "</node>\n"
    }
    for e in cols.edges {
      // An undirected relation of a directed dataset: GraphML's per-edge direction.
      let own =
        directed && e.cells.contains { $0.0 == "directed" && $0.1 == "false" } ? " directed=\"false\"" : ""
      s +=
        "    <edge id=\"\(XMLText.esc(e.id))\" source=\"\(XMLText.esc(e.source))\" target=\"\(XMLText.esc(e.target))\"\(own)>"
      for (c, v) in e.cells { s += "<data key=\"\(edgeKey[c] ?? "")\">\(XMLText.esc(v))</data>" }
      s += "</edge>\n"
    }
    return s + "  </graph>\n</graphml>\n"
  }

  /// Reads GraphML (the first `<graph>`; nested graphs and hyperedges are refused).
  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic], Bool) {
    let root = try XMLElement.parse(bytes, file: file)
    guard root.name == "graphml" else {
      throw IOError(file: file, line: root.line, "not GraphML (the root element is <\(root.name)>)")
    }
    struct Key {
      var name: String
      var domain: String
      var type: String
      var defaultValue: String?
    }
    var keys: [String: Key] = [:]
    // Keys belong before <graph>, but Gephi declares them inside it.
    for k in root.all("key") + (root.first("graph")?.all("key") ?? []) {
      guard let id = k.attributes["id"] else {
        throw IOError(file: file, line: k.line, "<key> without an id")
      }
      let name = k.attributes["attr.name"] ?? id
      keys[id] = Key(
        name: name, domain: k.attributes["for"] ?? "all", type: k.attributes["attr.type"] ?? "string",
        defaultValue: k.first("default")?.text)
    }
    guard let graph = root.first("graph") else {
      throw IOError(file: file, line: root.line, "no <graph> element")
    }
    var t = GraphTables(file: file)
    t.directed = (graph.attributes["edgedefault"] ?? "directed") == "directed"
    func data(_ element: XMLElement, domain: String) throws(IOError) -> [(String, String)] {
      var out: [(String, String)] = []
      var given = Set<String>()
      for d in element.all("data") {
        guard let kid = d.attributes["key"], let key = keys[kid] else {
          throw IOError(
            file: file, line: d.line, "<data> refers to an undeclared key \"\(d.attributes["key"] ?? "")\"")
        }
        given.insert(key.name)
        out.append((key.name, GraphML.value(d.text, type: key.type, name: key.name)))
      }
      for k in keys.values where (k.domain == domain || k.domain == "all") && !given.contains(k.name) {
        if let dv = k.defaultValue { out.append((k.name, GraphML.value(dv, type: k.type, name: k.name))) }
      }
      return out
    }
    for d in try data(graph, domain: "graph") {
      switch d.0 {
      case "gapmap_dataset": t.metadata = try JSON.parse(Array(d.1.utf8), file: file)
      case "gapmap_sources": t.sources = try JSON.parse(Array(d.1.utf8), file: file)
      default: t.graphAttributes.append(JSONMember(key: d.0, value: .string(d.1)))
      }
    }
    for child in graph.children {
      switch child.name {
      case "node":
        guard let id = child.attributes["id"] else {
          throw IOError(file: file, line: child.line, "<node> without an id")
        }
        if child.first("graph") != nil {
          throw IOError(file: file, line: child.line, "nested graphs are not supported")
        }
        t.nodes.append(.init(id: id, attributes: try data(child, domain: "node"), line: child.line))
      case "edge":
        guard let s = child.attributes["source"], let target = child.attributes["target"] else {
          throw IOError(file: file, line: child.line, "<edge> without source and target")
        }
        var edge = GraphTables.Item(
          id: child.attributes["id"], source: s, target: target, attributes: try data(child, domain: "edge"),
          line: child.line)
        switch child.attributes["directed"] {
        case "true"?: edge.directed = true
        case "false"?: edge.directed = false
        default: break
        }
        t.edges.append(edge)
      case "hyperedge":
        throw IOError(file: file, line: child.line, "hyperedges are not supported")
      default: continue
      }
    }
    let (dataset, diagnostics) = try t.decode()
    return (dataset, diagnostics, dataset.metadata.isDirected)
  }

  /// GraphML booleans (`true`, `1`, any case) are kept as `true`/`false`, written back as
  /// `boolean` keys; whole numbers of `double`/`float` keys get `.0`; everything else is kept
  /// as text.
  static func value(_ text: String, type: String, name: String = "") -> String {
    let t = text.trimmingWhitespace
    if type == "boolean" { return t.lowercased() == "true" || t == "1" ? "true" : "false" }
    // A declared floating-point value written as a whole number stays floating point, so the
    // column is written back as `double` (networkx reads 1.0, not 1).
    // (Not GapMap's own columns, which igraph writes as doubles whatever they hold.)
    if type == "double" || type == "float", !t.isEmpty, !Columns.entity.contains(name),
      !Columns.relation.contains(name),
      t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-") })
    {
      return t + ".0"
    }
    return type == "string" ? text : t
  }
}

extension DatasetIO {
  /// The sources table as JSON objects (as in GapMap JSON).
  static func sourcesJSON(_ d: Dataset) -> JSONValue {
    let t = DatasetEncoder.sources(d)
    return .array(
      t.rows.map { row in
        .object(
          row.compactMap { e in jsonValue(e.cell).map { JSONMember(key: t.columns[e.column], value: $0) } })
      })
  }
}
