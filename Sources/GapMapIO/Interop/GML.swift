import GapMapModel

/// GML (Graph Modelling Language) as networkx's `write_gml` and igraph's `write_graph_gml`
/// write it: `graph [ directed 1 node [ id 1 label "a" … ] edge [ source 1 target 2 … ] ]`.
///
/// Node `id`s become entity ids, `label` the name (networkx uses the label as the node, igraph
/// the id; both are kept). Scalar node and edge keys become attributes; nested lists
/// (`graphics [ … ]`) are dropped and counted in one warning. `directed 1` makes the graph
/// directed (GML's default is undirected).
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
        var attrs = attributes(fields, skip: ["id"])
        if let label = attrs.firstIndex(where: { $0.0 == "label" }),
          !attrs.contains(where: { $0.0 == "name" })
        {
          attrs.append(("name", attrs[label].1))
        }
        t.nodes.append(.init(id: text(id), attributes: attrs, line: item.line))
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
            id: id, source: text(s), target: text(target),
            attributes: attributes(fields, skip: ["source", "target", "id", "key"]), line: item.line))
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
