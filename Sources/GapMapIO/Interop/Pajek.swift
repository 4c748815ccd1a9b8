import GapMapModel

/// Pajek `.net` files as igraph and networkx write them: `*Vertices n` with `i "label" [x y
/// …]`, then `*Arcs` (directed) and `*Edges` (undirected) lines `u v [weight] …`, or their
/// `*Arcslist` / `*Edgeslist` forms (`u v1 v2 …`).
///
/// Labels become entity ids and names when every vertex has a distinct label that is a valid
/// id (networkx's
/// `read_pajek` identifies vertices by label), else vertex numbers are the ids (as igraph's);
/// coordinates become the attributes `x` and `y`;
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
    // Distinct labels identify the vertices, as networkx reads them.
    let labels = t.nodes.map { n in n.attributes.first { $0.0 == "name" }?.1 }
    if labels.allSatisfy({ $0.map(Identifiers.isValid) == true }), Set(labels).count == labels.count {
      var labelOf: [String: String] = [:]
      for (k, n) in t.nodes.enumerated() {
        labelOf[n.id ?? ""] = labels[k]
        t.nodes[k].id = labels[k]
      }
      for k in t.edges.indices {
        t.edges[k].source = labelOf[t.edges[k].source] ?? t.edges[k].source
        t.edges[k].target = labelOf[t.edges[k].target] ?? t.edges[k].target
      }
    }
    var (d, ds) = try t.decode()
    if dropped > 0 {
      ds.append(
        Diagnostic(
          .warning, file: file, line: 0,
          "\(dropped) vertex or edge lines had Pajek drawing options (shapes, colours, labels); dropped"))
    }
    return (d, ds, d.metadata.isDirected)
  }

  /// The Pajek text of a dataset, as networkx's and igraph's readers take it.
  ///
  /// ```
  /// *Network Border contracts
  /// *Vertices 2
  /// 1 "home-office"
  /// 2 "g4s" 0.25 0.75
  /// *Arcs
  /// 1 2 2.5
  /// ```
  ///
  /// Vertices are labelled with their entity ids (networkx uses labels as nodes); `x` and `y`
  /// are written when both are numbers; a numeric `weight` is an arc's or edge's third number.
  /// Directed relations are `*Arcs`, undirected ones `*Edges` (both sections for a mixed
  /// graph). The graph's name (its `name` or `title`) is the `*Network` line. Everything else
  /// has no place in the format: ``losses(_:)`` says what is dropped.
  /// - Complexity: linear in the numbers of entities and relations.
  public static func write(_ d: Dataset) -> String {
    var s = ""
    if let name = graphName(d) { s += "*Network \(name)\n" }
    s += "*Vertices \(d.entities.count)\n"
    var number: [String: Int] = [:]
    for (i, e) in d.entities.enumerated() {
      number[e.id] = i + 1
      // Entity ids ([A-Za-z0-9_.:-]+) need no escaping, which Pajek does not have.
      s += "\(i + 1) \"\(e.id)\""
      if let x = e.attributes["x"].flatMap(portableNumber), let y = e.attributes["y"].flatMap(portableNumber)
      {
        s += " \(x) \(y)"
      }
      s += "\n"
    }
    let undirected = d.relations.map { !d.metadata.isDirected || Projection.isUndirected($0) }
    for (header, wanted) in [("*Arcs", false), ("*Edges", true)] where undirected.contains(wanted) {
      s += header + "\n"
      for (r, u) in zip(d.relations, undirected) where u == wanted {
        s += "\(number[r.source] ?? 0) \(number[r.target] ?? 0)"
        if let w = r.attributes["weight"].flatMap(portableNumber) { s += " \(w)" }
        s += "\n"
      }
    }
    return s
  }

  /// What ``write(_:)`` cannot keep, one line each: names, kinds and attributes, relation ids
  /// and kinds, sources, a mixed graph's direction for networkx.
  public static func losses(_ d: Dataset) -> [String] {
    var out: [String] = []
    if d.entities.contains(where: {
      $0.name != $0.id || $0.kind != .other || $0.attributes.keys.contains { !["x", "y"].contains($0) }
    }) {
      out.append("entity names, kinds and attributes are dropped (labels are entity ids)")
    }
    if d.relations.contains(where: { r in
      r.kind != .link || r.attributes.keys.contains { !["weight", "directed"].contains($0) }
    }) {
      out.append("relation ids, kinds and attributes are dropped (only the weight is kept)")
    }
    if !d.sources.isEmpty { out.append("sources are dropped") }
    if d.metadata.isDirected, d.relations.contains(where: Projection.isUndirected),
      d.relations.contains(where: { !Projection.isUndirected($0) })
    {
      out.append("a mixed graph is written as *Arcs and *Edges; networkx reads it as all of one kind")
    }
    return out
  }

  /// The graph's name for the `*Network` line: networkx's `name`, else a title.
  static func graphName(_ d: Dataset) -> String? {
    if case .object(let members)? = d.metadata.extra["graph"],
      case .string(let name)? = members.first(where: { $0.key == "name" })?.value, !name.isEmpty
    {
      return name.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
    return d.metadata.title.map { $0.split(whereSeparator: \.isNewline).joined(separator: " ") }
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
