import GapMapModel

/// GEXF 1.3 (https://gexf.net), Gephi's format: node and edge attributes declared per class,
/// labels, edge weights, and colours, positions and sizes (`viz`). The
/// dataset's metadata and sources travel as JSON in two elements of GapMap's own namespace in
/// `<meta>`, which other readers ignore, so a round trip loses nothing.
public enum GEXF {
  static let gapmapNamespace = "https://gapmap.invalid/gexf/1"

  /// The GEXF text of a dataset. An entity's own `color` (`#RRGGBB`), numeric `x`/`y` and
  /// `size` become `viz:color`, `viz:position` and `viz:size` (and stay attributes); otherwise
  /// `colors` maps entity kinds to `#RRGGBB` and `positions` entity ids to (x, y). A numeric
  /// `weight` is the edge's own `weight`, as networkx writes it.
  public static func write(
    _ d: Dataset, colors: [String: String] = [:], positions: [String: (Double, Double)] = [:]
  ) -> String {
    let cols = GraphColumns(d)
    func type(_ c: String) -> String {
      cols.integers.contains(c) ? "long" : (cols.numbers.contains(c) ? "double" : "string")
    }
    func undirected(_ cells: [(String, String)]) -> Bool {
      cells.contains { $0.0 == "directed" && $0.1 == "false" }
    }
    // A directed dataset with undirected relations is a mixed graph, each edge typed.
    let mixed = d.metadata.isDirected && cols.edges.contains { undirected($0.cells) }
    let edgeType = mixed ? "mixed" : (d.metadata.isDirected ? "directed" : "undirected")
    var s = """
      <?xml version="1.0" encoding="UTF-8"?>
      <gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:gm="\(gapmapNamespace)" version="1.3">
        <meta>
          <creator>GapMap</creator>
          <description>\(XMLText.esc(d.metadata.title ?? "GapMap dataset"))</description>
          <gm:dataset>\(XMLText.esc(JSON.compact(DatasetEncoder.metadata(d.metadata))))</gm:dataset>
          <gm:sources>\(XMLText.esc(JSON.compact(DatasetIO.sourcesJSON(d))))</gm:sources>
        </meta>
        <graph defaultedgetype="\(edgeType)" mode="static">

      """
    // A numeric `weight` is GEXF's own edge weight (as networkx writes it), not an attribute.
    let nativeWeight = cols.numbers.contains("weight") || cols.integers.contains("weight")
    var nodeKey: [String: String] = [:]
    var edgeKey: [String: String] = [:]
    s += "    <attributes class=\"node\" mode=\"static\">\n"
    for (i, c) in cols.nodeColumns.enumerated() where c != "name" {
      nodeKey[c] = "n\(i)"
      s += "      <attribute id=\"n\(i)\" title=\"\(XMLText.esc(c))\" type=\"\(type(c))\"/>\n"
    }
    s += "    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n"
    for (i, c) in cols.edgeColumns.enumerated() where !(nativeWeight && c == "weight") {
      edgeKey[c] = "e\(i)"
      s += "      <attribute id=\"e\(i)\" title=\"\(XMLText.esc(c))\" type=\"\(type(c))\"/>\n"
    }
    s += "    </attributes>\n    <nodes>\n"
    for n in cols.nodes {
      let label = n.cells.first { $0.0 == "name" }?.1 ?? n.id
      s += "      <node id=\"\(XMLText.esc(n.id))\" label=\"\(XMLText.esc(label))\">\n        <attvalues>"
      for (c, v) in n.cells where c != "name" {
        s += "<attvalue for=\"\(nodeKey[c] ?? "")\" value=\"\(XMLText.esc(v))\"/>"
      }
      s += "</attvalues>\n"
      // Gephi's drawing: the node's own `color`, `x`/`y` and `size` (as read from GEXF or
      // Pajek) as `viz`, else the kind's colour and the given position.
      func cell(_ key: String) -> String? { n.cells.first { $0.0 == key }?.1 }
      let kind = cell("kind") ?? ""
      if let hex = rgb(cell("color")) ?? rgb(colors[kind]) {
        s += "        <viz:color r=\"\(hex.r)\" g=\"\(hex.g)\" b=\"\(hex.b)\"/>\n"
      }
      if let (x, y) = positions[n.id] {
        s += "        <viz:position x=\"\(x)\" y=\"\(y)\" z=\"0.0\"/>\n"
      } else if let x = cell("x"), let y = cell("y"), Scalars.number(x) != nil, Scalars.number(y) != nil {
        s += "        <viz:position x=\"\(x)\" y=\"\(y)\" z=\"0.0\"/>\n"
      }
      if let size = cell("size"), Scalars.number(size) != nil {
        s += "        <viz:size value=\"\(size)\"/>\n"
      }
      s += "      </node>\n"
    }
    s += "    </nodes>\n    <edges>\n"
    for e in cols.edges {
      let kind = e.cells.first { $0.0 == "kind" }?.1 ?? ""
      let weight = nativeWeight ? e.cells.first { $0.0 == "weight" }.map { " weight=\"\($0.1)\"" } ?? "" : ""
      s +=
        "      <edge id=\"\(XMLText.esc(e.id))\" source=\"\(XMLText.esc(e.source))\" target=\"\(XMLText.esc(e.target))\" label=\"\(XMLText.esc(kind))\"\(weight)\(mixed ? " type=\"\(undirected(e.cells) ? "undirected" : "directed")\"" : "")>"
      s += "<attvalues>"
      for (c, v) in e.cells where !(nativeWeight && c == "weight") {
        s += "<attvalue for=\"\(edgeKey[c] ?? "")\" value=\"\(XMLText.esc(v))\"/>"
      }
      s += "</attvalues></edge>\n"
    }
    return s + "    </edges>\n  </graph>\n</gexf>\n"
  }

  /// The red, green and blue of a `#RRGGBB` colour.
  static func rgb(_ hex: String?) -> (r: Int, g: Int, b: Int)? {
    guard let hex, hex.count == 7, hex.first == "#", hex.dropFirst().allSatisfy(\.isHexDigit),
      let v = Int(hex.dropFirst(), radix: 16)
    else { return nil }
    return ((v >> 16) & 255, (v >> 8) & 255, v & 255)
  }

  /// Reads GEXF (1.1 to 1.3): attributes, labels, `weight`, per-edge `type`, and `viz`
  /// position, size and colour as the attributes `x`, `y`, `size`, `color`. Of dynamic
  /// (timestamped) values the last is kept and the others counted in a warning.
  public static func read(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic], Bool) {
    let root = try XMLElement.parse(bytes, file: file)
    guard root.name == "gexf" else {
      throw IOError(file: file, line: root.line, "not GEXF (the root element is <\(root.name)>)")
    }
    guard let graph = root.first("graph") else {
      throw IOError(file: file, line: root.line, "no <graph> element")
    }
    var t = GraphTables(file: file)
    switch graph.attributes["defaultedgetype"] ?? "undirected" {
    case "directed": t.directed = true
    case "mixed": t.directed = nil  // each edge says, else directed
    default: t.directed = false
    }
    if let meta = root.first("meta") {
      if let ds = meta.first("dataset") { t.metadata = try JSON.parse(Array(ds.text.utf8), file: file) }
      if let src = meta.first("sources") { t.sources = try JSON.parse(Array(src.text.utf8), file: file) }
    }
    var titles: [String: [String: (title: String, defaultValue: String?)]] = ["node": [:], "edge": [:]]
    for a in graph.all("attributes") {
      let cls = a.attributes["class"] ?? "node"
      for attr in a.all("attribute") {
        guard let id = attr.attributes["id"] else {
          throw IOError(file: file, line: attr.line, "<attribute> without an id")
        }
        titles[cls, default: [:]][id] = (attr.attributes["title"] ?? id, attr.first("default")?.text)
      }
    }
    let native = t.metadata != nil
    var dynamic = 0
    func values(_ e: XMLElement, cls: String) throws(IOError) -> [(String, String)] {
      var out: [(String, String)] = []
      var given = Set<String>()
      for av in e.first("attvalues")?.all("attvalue") ?? [] {
        guard let key = av.attributes["for"] ?? av.attributes["id"], let a = titles[cls]?[key] else {
          throw IOError(file: file, line: av.line, "<attvalue> refers to an undeclared attribute")
        }
        // Dynamic values (timestamps, spells): the last one stands, the others are counted.
        if let i = out.firstIndex(where: { $0.0 == a.title }) {
          dynamic += 1
          out[i].1 = av.attributes["value"] ?? ""
          continue
        }
        given.insert(a.title)
        out.append((a.title, av.attributes["value"] ?? ""))
      }
      for a in (titles[cls] ?? [:]).values where !given.contains(a.title) {
        if let dv = a.defaultValue { out.append((a.title, dv)) }
      }
      return out
    }
    for n in graph.first("nodes")?.all("node") ?? [] {
      guard let id = n.attributes["id"] else {
        throw IOError(file: file, line: n.line, "<node> without an id")
      }
      var attrs = try values(n, cls: "node")
      if let label = n.attributes["label"], !attrs.contains(where: { $0.0 == "name" }) {
        attrs.append(("name", label))
      }
      // Gephi's drawing: position, size and colour, kept as attributes x, y, size, color
      // (GapMap's own files carry them as attributes already; their viz is derived).
      func add(_ key: String, _ value: String?) {
        if let value, !native, !attrs.contains(where: { $0.0 == key }) { attrs.append((key, value)) }
      }
      if let p = n.first("position") {
        add("x", p.attributes["x"])
        add("y", p.attributes["y"])
      }
      add("size", n.first("size")?.attributes["value"])
      if let c = n.first("color"), let r = c.attributes["r"].flatMap(Int.init),
        let g = c.attributes["g"].flatMap(Int.init), let b = c.attributes["b"].flatMap(Int.init),
        (0...255).contains(r), (0...255).contains(g), (0...255).contains(b)
      {
        let hex = String(r * 65536 + g * 256 + b, radix: 16)
        add("color", "#" + String(repeating: "0", count: 6 - hex.count) + hex)
      }
      t.nodes.append(.init(id: id, attributes: attrs, line: n.line))
    }
    for e in graph.first("edges")?.all("edge") ?? [] {
      guard let s = e.attributes["source"], let target = e.attributes["target"] else {
        throw IOError(file: file, line: e.line, "<edge> without source and target")
      }
      var attrs = try values(e, cls: "edge")
      if let label = e.attributes["label"], !attrs.contains(where: { $0.0 == "kind" }) {
        attrs.append(("label", label))
      }
      if let w = e.attributes["weight"], !attrs.contains(where: { $0.0 == "weight" }) {
        attrs.append(("weight", w))
      }
      // networkx keeps a multigraph's edge key in the attribute networkx_key.
      var id = e.attributes["id"]
      if let key = attrs.first(where: { $0.0 == "networkx_key" }) {
        id = key.1
        attrs.removeAll { $0.0 == "networkx_key" }
      }
      var edge = GraphTables.Item(id: id, source: s, target: target, attributes: attrs, line: e.line)
      switch e.attributes["type"] {
      case "directed"?: edge.directed = true
      case "undirected"?, "mutual"?: edge.directed = false
      default: break
      }
      t.edges.append(edge)
    }
    var (d, ds) = try t.decode()
    if dynamic > 0 {
      ds.append(
        Diagnostic(
          .warning, file: file, line: 0,
          "\(dynamic) earlier dynamic (timestamped) attribute values were dropped; the last value of each is kept"
        ))
    }
    return (d, ds, d.metadata.isDirected)
  }
}
