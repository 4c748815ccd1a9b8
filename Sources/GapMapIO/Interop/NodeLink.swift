import GapMapModel

/// networkx's node-link JSON (`networkx.node_link_data` / `node_link_graph`):
/// `{"directed", "multigraph", "graph", "nodes": [{"id", …}], "edges": [{"source", "target",
/// "key", …}]}` (older files say `links`; both are read). Relation ids are the multigraph
/// `key`s; the dataset's metadata and sources ride in `graph` as `gapmap_dataset` and
/// `gapmap_sources`. Numbers are written as JSON numbers where the whole column is numeric.
public enum NodeLink {
  public static func write(_ d: Dataset) -> String {
    let cols = GraphColumns(d)
    func value(_ c: String, _ v: String) -> JSONValue {
      if cols.booleans.contains(c) { return .bool(v == "true") }
      if cols.integers.contains(c) || cols.numbers.contains(c) { return .number(v) }
      return .string(v)
    }
    // Integer node ids (networkx's and igraph's default) are written as numbers.
    let integerIDs = !d.entities.isEmpty && d.entities.allSatisfy { NodeLink.isInteger($0.id) }
    func id(_ s: String) -> JSONValue { integerIDs ? .number(s) : .string(s) }
    // A graph read as networkx's `multigraph: false` stays simple: no edge keys.
    let multigraph = d.metadata.extra["multigraph"] != .bool(false)
    var graphMembers: [JSONMember] = []
    if case .object(let members)? = d.metadata.extra["graph"] { graphMembers = members }
    let graph = JSONValue.object(
      graphMembers + [
        JSONMember(key: "gapmap_dataset", value: DatasetEncoder.metadata(d.metadata)),
        JSONMember(key: "gapmap_sources", value: DatasetIO.sourcesJSON(d)),
      ])
    let nodes = JSONValue.array(
      cols.nodes.map { n in
        .object(
          [JSONMember(key: "id", value: id(n.id))]
            + n.cells.map { JSONMember(key: $0.0, value: value($0.0, $0.1)) })
      })
    let edges = JSONValue.array(
      cols.edges.map { e in
        .object(
          [
            JSONMember(key: "source", value: id(e.source)),
            JSONMember(key: "target", value: id(e.target)),
          ] + (multigraph ? [JSONMember(key: "key", value: .string(e.id))] : [])
            + e.cells.map { JSONMember(key: $0.0, value: value($0.0, $0.1)) })
      })
    return JSON.write(
      .object([
        JSONMember(key: "directed", value: .bool(d.metadata.isDirected)),
        JSONMember(key: "multigraph", value: .bool(multigraph)),
        JSONMember(key: "graph", value: graph), JSONMember(key: "nodes", value: nodes),
        JSONMember(key: "edges", value: edges),
      ]))
  }

  /// Whether `s` is an integer as JSON writes one (no sign but `-`, no leading zero).
  static func isInteger(_ s: String) -> Bool {
    let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
    guard let first = digits.first, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
    return digits.count < 16 && (first != "0" || digits.count == 1)
  }

  /// Reads node-link JSON.
  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic], Bool) {
    let root = try JSON.parse(bytes, file: file)
    guard case .object(let top) = root, let nodesM = top.first(where: { $0.key == "nodes" }) else {
      throw IOError(file: file, line: 1, "not node-link JSON (no \"nodes\")")
    }
    var t = GraphTables(file: file)
    if case .bool(let b)? = root["directed"] { t.directed = b } else { t.directed = false }
    if case .object(let g)? = root["graph"] {
      for m in g {
        switch m.key {
        case "gapmap_dataset": t.metadata = m.value
        case "gapmap_sources": t.sources = m.value
        default: t.graphAttributes.append(m)
        }
      }
    }
    if case .bool(false)? = root["multigraph"] { t.simple = true }
    func attrs(_ fields: [JSONMember], skip: Set<String>) throws(IOError) -> [(String, String)] {
      var out: [(String, String)] = []
      for f in fields where !skip.contains(f.key) {
        out.append((f.key, try DatasetIO.cellText(f.value, file: file, line: f.line, column: f.key)))
      }
      return out
    }
    func idText(_ v: JSONValue?, _ line: Int, _ what: String) throws(IOError) -> String {
      switch v {
      case .string(let s)?: return s
      case .number(let n)?: return n
      default: throw IOError(file: file, line: line, "\(what): a string or number id is required")
      }
    }
    guard case .array(let nodes) = nodesM.value else {
      throw IOError(file: file, line: nodesM.line, column: "nodes", "must be an array")
    }
    for n in nodes {
      guard case .object(let fields) = n else {
        throw IOError(file: file, line: nodesM.line, column: "nodes", "must be an array of objects")
      }
      let line = fields.first?.line ?? nodesM.line
      let id = try idText(n["id"], line, "node id")
      t.nodes.append(.init(id: id, attributes: try attrs(fields, skip: ["id"]), line: line))
    }
    if let edgesM = top.first(where: { $0.key == "edges" || $0.key == "links" }) {
      guard case .array(let edges) = edgesM.value else {
        throw IOError(file: file, line: edgesM.line, column: edgesM.key, "must be an array")
      }
      for e in edges {
        guard case .object(let fields) = e else {
          throw IOError(file: file, line: edgesM.line, column: edgesM.key, "must be an array of objects")
        }
        let line = fields.first?.line ?? edgesM.line
        let key: String? = try? idText(e["key"] ?? e["id"], line, "key")
        t.edges.append(
          .init(
            id: key, source: try idText(e["source"], line, "edge source"),
            target: try idText(e["target"], line, "edge target"),
            attributes: try attrs(fields, skip: ["source", "target", "key", "id"]), line: line))
      }
    }
    let (d, ds) = try t.decode()
    return (d, ds, d.metadata.isDirected)
  }
}

/// DOT for people who post-edit in Graphviz tools: every id and label a double-quoted,
/// escaped string; no HTML-like labels; GapMap's style by kind.
public enum DOTWriter {
  /// Characters of a label; longer names are cut with an ellipsis (a figure cannot show them,
  /// and `dot` refuses any quoted string over 16,384 bytes).
  public static let labelLimit = 1_000
  /// Bytes of any quoted string, escapes included (below `dot`'s 16,384).
  public static let quotedLimit = 16_000

  /// A DOT string literal, GapMap's one DOT escaper: backslashes and quotes escaped (so the
  /// escString sequences Graphviz would expand, `\N`, `\G`, `\E`, …, stay literal), line
  /// breaks as `\n`, `&` as `&amp;` (Graphviz decodes entities in labels and passes `&name;`
  /// through to SVG, where an HTML entity such as `&nbsp;` is ill-formed), characters XML cannot
  /// hold as U+FFFD, other controls dropped. Text over `limit` bytes is cut with `…`.
  public static func quote(_ s: String, limit: Int = quotedLimit) -> String {
    var out = "\""
    var bytes = 0
    for u in TextSafety.xmlSafe(s).unicodeScalars {
      let piece: String
      switch u {
      case "\\": piece = "\\\\"
      case "\"": piece = "\\\""
      case "&": piece = "&amp;"
      case "\n": piece = "\\n"
      case "\r", "\t": piece = " "
      case _ where u.value < 0x20 || u.value == 0x7F: continue
      default: piece = String(u)
      }
      if bytes + piece.utf8.count > limit - 3 {
        out += "…"
        break
      }
      bytes += piece.utf8.count
      out += piece
    }
    return out + "\""
  }

  /// A label: at most ``labelLimit`` characters, then `…`.
  static func label(_ s: String) -> String {
    s.count > labelLimit ? quote(String(s.prefix(labelLimit)) + "…") : quote(s)
  }

  /// A node id: quoted whole when it fits, otherwise cut and made unique again by a hash of
  /// the whole id (distinct ids stay distinct nodes).
  static func nodeID(_ s: String) -> String {
    let q = quote(s)
    guard q.hasSuffix("…\"") else { return q }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return quote(String(s.prefix(1_000)) + "…" + String(h, radix: 16))
  }

  public static func write(_ d: Dataset, fills: [String: String] = [:], shapes: [String: String] = [:])
    -> String
  {
    // An undirected dataset is a `graph` with `--` edges; undirected relations of a directed
    // one are arcs drawn without arrowheads (`dir=none`).
    let directed = d.metadata.isDirected
    var s = (directed ? "digraph " : "graph ") + label(d.metadata.title ?? "gapmap") + " {\n"
    s += "  graph [rankdir=LR, fontname=\"DejaVu Sans\"];\n"
    s += "  node [style=filled, fontname=\"DejaVu Sans\"];\n"
    s += "  edge [fontname=\"DejaVu Sans\", fontsize=9];\n"
    for e in d.entities {
      var attrs = ["label=" + label(e.name), "kind=" + quote(e.kind.rawValue)]
      if let f = fills[e.kind.rawValue] { attrs.append("fillcolor=" + quote(f)) }
      if let sh = shapes[e.kind.rawValue] { attrs.append("shape=" + quote(sh)) }
      s += "  \(nodeID(e.id)) [\(attrs.joined(separator: ", "))];\n"
    }
    for r in d.relations {
      var attrs = ["id=" + quote(r.id), "kind=" + quote(r.kind.rawValue), "label=" + quote(r.kind.rawValue)]
      if !r.evidence.isCertain { attrs.append("style=dashed") }
      if !r.sources.isEmpty { attrs.append("sources=" + quote(r.sources.joined(separator: ";"))) }
      if directed && Projection.isUndirected(r) { attrs.append("dir=none") }
      s +=
        "  \(nodeID(r.source)) \(directed ? "->" : "--") \(nodeID(r.target)) [\(attrs.joined(separator: ", "))];\n"
    }
    return s + "}\n"
  }
}
