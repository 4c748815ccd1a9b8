import GapMapModel

/// Pajek `.net` files as igraph and networkx write them: `*Vertices n` with `i "label" [x y
/// …]`, then `*Arcs` (directed) and `*Edges` (undirected) lines `u v [weight] …`, or their
/// `*Arcslist` / `*Edgeslist` forms (`u v1 v2 …`).
///
/// Vertex numbers become entity ids, labels names, coordinates the attributes `x` and `y`;
/// the third number of an arc or edge its `weight`. A file with both arcs and edges is a
/// mixed graph. Drawing options after the coordinates or the weight (shapes, colours, `l`
/// labels) are dropped and counted in one warning.
public enum Pajek {
  /// Reads a Pajek network.
  /// - Throws: ``IOError`` naming the line of a malformed vertex or edge.
  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic], Bool) {
    var t = GraphTables(file: file)
    enum Section { case none, vertices, arcs, edges, arcsList, edgesList }
    var section = Section.none
    var dropped = 0
    var sawArcs = false
    var sawEdges = false
    var declared = Set<String>()
    // Lines end in LF or CRLF (igraph's examples use CRLF, a single Character in Swift).
    for (k, raw) in String(decoding: bytes, as: UTF8.self).split(
      omittingEmptySubsequences: false, whereSeparator: \.isNewline
    ).enumerated() {
      let lineNo = k + 1
      let line = String(raw).trimmingWhitespace
      if line.isEmpty || line.hasPrefix("%") { continue }
      if line.hasPrefix("*") {
        let word = line.split(separator: " ").first.map { $0.lowercased() } ?? ""
        switch word {
        case "*vertices": section = .vertices
        case "*arcs": section = .arcs
        case "*edges": section = .edges
        case "*arcslist": section = .arcsList
        case "*edgeslist": section = .edgesList
        case "*network":
          let name = String(line.dropFirst("*network".count)).trimmingWhitespace
          if !name.isEmpty { t.graphAttributes.append(JSONMember(key: "name", value: .string(name))) }
        default:
          throw IOError(
            file: file, line: lineNo, "unsupported Pajek section \(word)", hint: "matrices are not read")
        }
        continue
      }
      let tokens = Pajek.tokens(line)
      switch section {
      case .none:
        throw IOError(file: file, line: lineNo, "data before *Vertices")
      case .vertices:
        let id = tokens[0]
        var attrs: [(String, String)] = []
        var rest = tokens.dropFirst()
        if let label = rest.first {
          attrs.append(("name", label))
          rest = rest.dropFirst()
        }
        if rest.count >= 2, Scalars.number(rest[rest.startIndex]) != nil,
          Scalars.number(rest[rest.startIndex + 1]) != nil
        {
          attrs.append(("x", rest[rest.startIndex]))
          attrs.append(("y", rest[rest.startIndex + 1]))
          rest = rest.dropFirst(2)
          if let z = rest.first, Scalars.number(z) != nil { rest = rest.dropFirst() }
        }
        if !rest.isEmpty { dropped += 1 }
        declared.insert(id)
        t.nodes.append(.init(id: id, attributes: attrs, line: lineNo))
      case .arcs, .edges:
        guard tokens.count >= 2 else {
          throw IOError(file: file, line: lineNo, "expected two vertex numbers")
        }
        var attrs: [(String, String)] = []
        if tokens.count >= 3, Scalars.number(tokens[2]) != nil { attrs.append(("weight", tokens[2])) }
        if tokens.count > 2 + attrs.count { dropped += 1 }
        var e = GraphTables.Item(source: tokens[0], target: tokens[1], attributes: attrs, line: lineNo)
        e.directed = section == .arcs
        if section == .arcs { sawArcs = true } else { sawEdges = true }
        t.edges.append(e)
      case .arcsList, .edgesList:
        for target in tokens.dropFirst() {
          var e = GraphTables.Item(source: tokens[0], target: target, line: lineNo)
          e.directed = section == .arcsList
          if section == .arcsList { sawArcs = true } else { sawEdges = true }
          t.edges.append(e)
        }
      }
    }
    t.directed = sawArcs || !sawEdges
    _ = declared
    var (d, ds) = try t.decode()
    if dropped > 0 {
      ds.append(
        Diagnostic(
          .warning, file: file, line: 0,
          "\(dropped) vertex or edge lines had Pajek drawing options (shapes, colours, labels); dropped"))
    }
    return (d, ds, d.metadata.isDirected)
  }

  /// White-space separated tokens; a double-quoted token keeps its spaces.
  static func tokens(_ line: String) -> [String] {
    var out: [String] = []
    var current = ""
    var quoted = false
    var inToken = false
    for c in line {
      if c == "\"" {
        quoted.toggle()
        inToken = true
      } else if (c == " " || c == "\t") && !quoted {
        if inToken { out.append(current) }
        current = ""
        inToken = false
      } else {
        current.append(c)
        inToken = true
      }
    }
    if inToken { out.append(current) }
    return out
  }
}
