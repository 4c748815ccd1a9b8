import GapMapModel

/// GML (Graph Modelling Language) as networkx's `write_gml` and igraph's `write_graph_gml`
/// write it: `graph [ directed 1 node [ id 1 label "a" … ] edge [ source 1 target 2 … ] ]`.
///
/// A node's `label` is its entity id when every node has a distinct label that is a valid id
/// (networkx's `read_gml` uses the label as the node too), else its `id` is (igraph's files
/// often have no labels); the label is also the name unless a `name` key gives one. Scalar node and edge keys
/// become attributes; nested lists (`graphics [ … ]`) are dropped and counted in one warning.
/// `directed 1` makes the graph directed (GML's default is undirected).
///
/// GapMap writes GML as networkx's `write_gml` does — ASCII only, `"`, `&` and every other
/// character outside printable ASCII as `&#N;` — with integer node ids, the entity id as the
/// label, and the dataset's metadata and sources as JSON in the graph keys `gapmap_dataset`
/// and `gapmap_sources`, so a GapMap → GML → GapMap round trip loses nothing.
public enum GML {
  indirect enum Value {
    case scalar(String)
    case list([(key: String, value: Value, line: Int)])
  }

  /// Reads GML.
  /// - Throws: ``IOError`` at the first syntax error, naming the line.
  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic], Bool) {
    var i = 0
    var line = 1
    let n = bytes.count
    func skip() {
      while i < n {
        let c = bytes[i]
        if c == 0x0A {
          line += 1
          i += 1
        } else if c == 0x20 || c == 0x09 || c == 0x0D {
          i += 1
        } else if c == UInt8(ascii: "#") {
          while i < n && bytes[i] != 0x0A { i += 1 }
        } else {
          return
        }
      }
    }
    func token() throws(IOError) -> String? {
      skip()
      guard i < n else { return nil }
      if bytes[i] == UInt8(ascii: "\"") {
        i += 1
        let start = i
        while i < n && bytes[i] != UInt8(ascii: "\"") {
          if bytes[i] == 0x0A { line += 1 }
          i += 1
        }
        guard i < n else { throw IOError(file: file, line: line, "unterminated string") }
        let s = String(decoding: bytes[start..<i], as: UTF8.self)
        i += 1
        return "\"" + GML.unescape(s)
      }
      let start = i
      while i < n, ![0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) {
        if (bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "]")) && i > start { break }
        i += 1
        if bytes[i - 1] == UInt8(ascii: "[") || bytes[i - 1] == UInt8(ascii: "]") { break }
      }
      return String(decoding: bytes[start..<i], as: UTF8.self)
    }
    func list(depth: Int) throws(IOError) -> [(key: String, value: Value, line: Int)] {
      guard depth < 64 else { throw IOError(file: file, line: line, "nesting deeper than 64 levels") }
      var out: [(key: String, value: Value, line: Int)] = []
      while let key = try token() {
        if key == "]" {
          guard depth > 0 else { throw IOError(file: file, line: line, "unexpected ]") }
          return out
        }
        let at = line
        guard let v = try token() else { throw IOError(file: file, line: line, "\(key): value missing") }
        if v == "[" {
          out.append((key, .list(try list(depth: depth + 1)), at))
        } else if v == "]" {
          throw IOError(file: file, line: line, "\(key): value missing")
        } else {
          out.append((key, .scalar(v), at))
        }
      }
      if depth > 0 { throw IOError(file: file, line: line, "unclosed [ at the end of the file") }
      return out
    }
    let top = try list(depth: 0)
    guard case .list(let graph)? = top.first(where: { $0.key == "graph" })?.value else {
      throw IOError(file: file, line: 1, "not GML (no graph [ … ])")
    }
    func text(_ s: String) -> String { s.hasPrefix("\"") ? String(s.dropFirst()) : s }
    var t = GraphTables(file: file)
    t.directed = false
    var dropped = 0
    var graphAttributes: [JSONMember] = []
    // networkx identifies nodes by label: use the labels as ids when they are all there,
    // distinct and valid ids, mapping the edges' numeric ends to them.
    var labelOf: [String: String] = [:]
    var labelled = true
    for item in graph where item.key == "node" {
      guard case .list(let fields) = item.value,
        case .scalar(let id)? = fields.first(where: { $0.key == "id" })?.value,
        case .scalar(let label)? = fields.first(where: { $0.key == "label" })?.value,
        label.hasPrefix("\""), Identifiers.isValid(text(label)),
        labelOf.updateValue(text(label), forKey: text(id)) == nil
      else {
        labelled = false
        break
      }
    }
    if !labelled || Set(labelOf.values).count != labelOf.count { labelOf = [:] }
    func end(_ id: String) -> String { labelOf[id] ?? id }
    func attributes(_ items: [(key: String, value: Value, line: Int)], skip: Set<String>) -> [(
      String, String
    )] {
      var out: [(String, String)] = []
      for item in items where !skip.contains(item.key) {
        switch item.value {
        case .scalar(let s): out.append((item.key, text(s)))
        case .list: dropped += 1
        }
      }
      return out
    }
    for item in graph {
      switch (item.key, item.value) {
      case ("directed", .scalar(let s)): t.directed = s == "1"
      case ("node", .list(let fields)):
        guard case .scalar(let id)? = fields.first(where: { $0.key == "id" })?.value else {
          throw IOError(file: file, line: item.line, "node without an id")
        }
        // A label that identifies the node is its id, not an attribute.
        var attrs = attributes(fields, skip: labelOf.isEmpty ? ["id"] : ["id", "label"])
        if !attrs.contains(where: { $0.0 == "name" }),
          let label = fields.first(where: { $0.key == "label" }), case .scalar(let l) = label.value
        {
          attrs.append(("name", text(l)))
        }
        t.nodes.append(.init(id: end(text(id)), attributes: attrs, line: item.line))
      case ("edge", .list(let fields)):
        guard case .scalar(let s)? = fields.first(where: { $0.key == "source" })?.value,
          case .scalar(let target)? = fields.first(where: { $0.key == "target" })?.value
        else { throw IOError(file: file, line: item.line, "edge without source and target") }
        var id: String?
        if case .scalar(let k)? = fields.first(where: { $0.key == "id" || $0.key == "key" })?.value {
          id = text(k)
        }
        t.edges.append(
          .init(
            id: id, source: end(text(s)), target: end(text(target)),
            attributes: attributes(fields, skip: ["source", "target", "id", "key"]), line: item.line))
      case ("gapmap_dataset", .scalar(let s)):
        t.metadata = try JSON.parse(Array(text(s).utf8), file: file)
      case ("gapmap_sources", .scalar(let s)):
        t.sources = try JSON.parse(Array(text(s).utf8), file: file)
      case (let key, .scalar(let s)) where key != "multigraph":
        graphAttributes.append(JSONMember(key: key, value: .string(text(s))))
      case (_, .list): dropped += 1
      default: break
      }
    }
    t.graphAttributes = graphAttributes
    var (d, ds) = try t.decode()
    if dropped > 0 {
      ds.append(
        Diagnostic(
          .warning, file: file, line: 0, "\(dropped) nested GML lists (graphics and the like) were dropped"))
    }
    return (d, ds, d.metadata.isDirected)
  }

  /// The GML text of a dataset, as networkx's `write_gml` writes it.
  ///
  /// ```
  /// graph [
  ///   directed 1
  ///   node [
  ///     id 0
  ///     label "g4s"
  ///     name "G4S plc"
  ///   ]
  ///   edge [
  ///     source 0
  ///     target 1
  ///     id "r1"
  ///     weight 2.5
  ///   ]
  /// ]
  /// ```
  ///
  /// Nodes are numbered from 0 and labelled with their entity ids. A column whose every value
  /// is a number is written unquoted (GML's integers and reals), every other value as a string.
  /// `multigraph 1` is written when two relations join the same pair. Keys that are not GML
  /// identifiers (or that GML reserves: a node's `id` and `label`, an edge's `source`, `target`
  /// and `key`) are renamed; ``losses(_:)`` says which.
  /// - Complexity: linear in the dataset's cells.
  public static func write(_ d: Dataset) -> String {
    let cols = GraphColumns(d)
    let directed = d.metadata.isDirected
    var index: [String: Int] = [:]
    for (i, n) in cols.nodes.enumerated() { index[n.id] = i }
    var s = "graph [\n  directed \(directed ? 1 : 0)\n"
    if hasParallelEdges(d) { s += "  multigraph 1\n" }
    if case .object(let members)? = d.metadata.extra["graph"] {
      for m in members {
        let text: String
        switch m.value {
        case .string(let v): text = quote(v)
        case .number(let v): text = portableNumber(v) ?? quote(v)
        case .bool(let b): text = quote(b ? "true" : "false")
        default: text = quote(JSON.compact(m.value))
        }
        s += "  \(key(m.key, reserved: graphReserved)) \(text)\n"
      }
    }
    s += "  gapmap_dataset \(quote(JSON.compact(DatasetEncoder.metadata(d.metadata))))\n"
    s += "  gapmap_sources \(quote(JSON.compact(DatasetIO.sourcesJSON(d))))\n"
    func value(_ column: String, _ v: String) -> String {
      cols.numbers.contains(column) || cols.integers.contains(column)
        ? (portableNumber(v) ?? quote(v)) : quote(v)
    }
    for (i, n) in cols.nodes.enumerated() {
      s += "  node [\n    id \(i)\n    label \(quote(n.id))\n"
      for (c, v) in n.cells { s += "    \(key(c, reserved: nodeReserved)) \(value(c, v))\n" }
      s += "  ]\n"
    }
    for e in cols.edges {
      s += "  edge [\n    source \(index[e.source] ?? 0)\n    target \(index[e.target] ?? 0)\n"
      s += "    id \(quote(e.id))\n"
      for (c, v) in e.cells { s += "    \(key(c, reserved: edgeReserved)) \(value(c, v))\n" }
      s += "  ]\n"
    }
    return s + "]\n"
  }

  /// What a GML file written by ``write(_:)`` names differently: keys renamed to be GML
  /// identifiers. Numbers and strings keep their type; GML has no booleans, so `true` and
  /// `false` stay strings.
  public static func losses(_ d: Dataset) -> [String] {
    let cols = GraphColumns(d)
    var renamed: [String] = []
    for (c, reserved) in cols.nodeColumns.map({ ($0, nodeReserved) })
      + cols.edgeColumns.map({ ($0, edgeReserved) })
    where key(c, reserved: reserved) != c && !renamed.contains(c) {
      renamed.append(c)
    }
    if case .object(let members)? = d.metadata.extra["graph"] {
      for m in members where key(m.key, reserved: graphReserved) != m.key { renamed.append(m.key) }
    }
    guard !renamed.isEmpty else { return [] }
    return [
      "\(renamed.count) attribute names are not GML keys and were renamed (\(renamed.prefix(5).joined(separator: ", ")))"
    ]
  }

  static let nodeReserved: Set<String> = ["id", "label"]
  static let edgeReserved: Set<String> = ["source", "target", "id", "key"]
  static let graphReserved: Set<String> = [
    "directed", "multigraph", "node", "edge", "gapmap_dataset", "gapmap_sources",
  ]

  /// A GML key: a letter, then letters, digits and `_` (what networkx accepts); other
  /// characters become `_`, a name that does not start with a letter gets `a_` first, and a
  /// reserved name gets `_` after it.
  static func key(_ name: String, reserved: Set<String>) -> String {
    var out = String(
      String.UnicodeScalarView(
        name.unicodeScalars.map {
          $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? $0 : "_"
        }))
    if out.unicodeScalars.first.map({ !$0.properties.isAlphabetic }) ?? true { out = "a_" + out }
    return reserved.contains(out) ? out + "_" : out
  }

  /// A GML string: `"` and `&` as `&quot;` and `&amp;` (which networkx and igraph both
  /// decode), every other character outside printable ASCII as `&#N;` (networkx reads only
  /// ASCII; igraph keeps these entities as they are).
  static func quote(_ v: String) -> String {
    var out = "\""
    for u in v.unicodeScalars {
      if u == "\"" {
        out += "&quot;"
      } else if u == "&" {
        out += "&amp;"
      } else if u.value >= 0x20 && u.value <= 0x7E {
        out.unicodeScalars.append(u)
      } else {
        out += "&#\(u.value);"
      }
    }
    return out + "\""
  }

  /// Whether two relations join the same pair (in either order when undirected).
  static func hasParallelEdges(_ d: Dataset) -> Bool {
    var seen = Set<[String]>()
    for r in d.relations {
      let pair = !d.metadata.isDirected && r.target < r.source ? [r.target, r.source] : [r.source, r.target]
      if !seen.insert(pair).inserted { return true }
    }
    return false
  }

  /// GML strings escape `&`, `"` and non-ASCII characters as HTML entities (networkx does).
  static func unescape(_ s: String) -> String {
    guard s.contains("&") else { return s }
    var out = ""
    var rest = Substring(s)
    while let amp = rest.firstIndex(of: "&") {
      out += rest[..<amp]
      let after = rest[amp...]
      guard let semi = after.firstIndex(of: ";"), after.distance(from: amp, to: semi) <= 10 else {
        out += "&"
        rest = rest[rest.index(after: amp)...]
        continue
      }
      let name = String(after[after.index(after: amp)..<semi])
      var scalar: Unicode.Scalar?
      switch name {
      case "amp": scalar = "&"
      case "quot": scalar = "\""
      case "lt": scalar = "<"
      case "gt": scalar = ">"
      case "apos": scalar = "'"
      default:
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
          scalar = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
        } else if name.hasPrefix("#") {
          scalar = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init)
        }
      }
      if let scalar {
        out.unicodeScalars.append(scalar)
        rest = rest[rest.index(after: semi)...]
      } else {
        out += "&"
        rest = rest[rest.index(after: amp)...]
      }
    }
    return out + rest
  }
}
