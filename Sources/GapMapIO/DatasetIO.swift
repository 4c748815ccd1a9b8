import Foundation
import GapMapModel

/// Reads and writes datasets in every format of ``DatasetFormat``.
///
/// ```swift
/// let loaded = try DatasetIO.load("datasets/border-outsourcing")
/// for d in loaded.diagnostics { print(d) }
/// try DatasetIO.write(loaded.dataset, to: "out.json")
/// ```
public enum DatasetIO {
  /// A loaded dataset with the diagnostics of reading it (malformed cells, missing columns).
  public struct Loaded: Sendable {
    public var dataset: Dataset
    public var diagnostics: [Diagnostic]
    public var format: DatasetFormat
    /// Set for edge lists: whether the file declared a direction.
    public var directedHint: Bool?
  }

  /// Loads `path` in `format` (detected when `nil`), its text in `encoding` (converted to
  /// UTF-8 before parsing).
  /// - Throws: ``IOError`` when the input cannot be read or parsed at all; cell-level problems
  ///   come back as diagnostics so that all of them can be reported at once.
  public static func load(
    _ path: String, format: DatasetFormat? = nil, encoding: TextEncoding = .utf8
  ) throws(IOError) -> Loaded {
    var head: [UInt8]? = nil
    var preloaded: [UInt8]? = nil
    if path == "-" || encoding != .utf8, path == "-" || !Files.isFolder(path) {
      preloaded = encoding.utf8(try Files.read(path))
      head = Array((preloaded ?? []).prefix(256))
    }
    var fmt = format ?? DatasetFormat.detect(path: path, head: head)
    let file = path == "-" ? "<stdin>" : path
    if encoding != .utf8, fmt == .folder {
      throw IOError(
        file: file, "a dataset folder is read as UTF-8 only",
        hint: "convert its files: iconv -f latin1 -t utf-8")
    }
    var cache = preloaded
    func bytes() throws(IOError) -> [UInt8] {
      if let cache { return cache }
      let b = try Files.read(path)
      cache = b
      return b
    }
    // A .json file (or JSON on standard input) may be any of the JSON-based formats.
    if fmt == .json && format == nil {
      let b = try bytes()
      if let value = try? JSON.parse(b, file: file) {
        fmt = DatasetFormat.sniff(value) ?? .json
      } else if let values = try? JSON.parseSequence(b, file: file), values.count > 1,
        let first = values.first, DatasetFormat.sniff(first) == .ocds
      {
        fmt = .ocds  // concatenated packages (a JSON stream)
      } else if let first = b.split(separator: 0x0A).first,
        let value = try? JSON.parse(Array(first), file: file), DatasetFormat.sniff(value) == .ftm
      {
        fmt = .ftm  // several JSON objects, one per line
      }
    }
    switch fmt {
    case .graphml, .gexf, .nodeLink, .gml, .pajek:
      let b = try bytes()
      let (d, ds, directed): (Dataset, [Diagnostic], Bool)
      switch fmt {
      case .graphml: (d, ds, directed) = try GraphML.read(b, file: file)
      case .gexf: (d, ds, directed) = try GEXF.read(b, file: file)
      case .gml: (d, ds, directed) = try GML.read(b, file: file)
      case .pajek: (d, ds, directed) = try Pajek.read(b, file: file)
      default: (d, ds, directed) = try NodeLink.read(b, file: file)
      }
      return Loaded(dataset: d, diagnostics: ds, format: fmt, directedHint: directed)
    case .ftm:
      let (d, ds) = try FollowTheMoney.read(try bytes(), file: file)
      return Loaded(dataset: d, diagnostics: ds, format: .ftm, directedHint: true)
    case .ocds:
      let (d, ds) = try OCDS.read(try bytes(), file: file)
      return Loaded(dataset: d, diagnostics: ds, format: .ocds, directedHint: true)
    case .dot:
      throw IOError(
        file: file, "GapMap writes DOT but does not read it",
        hint: "convert it to GraphML with Graphviz's tools")
    case .folder:
      guard path != "-" else {
        throw IOError(file: "<stdin>", "a dataset folder cannot be read from standard input")
      }
      return try loadFolder(path)
    case .json:
      let (d, ds) = try decodeJSON(try bytes(), file: file)
      return Loaded(dataset: d, diagnostics: ds, format: .json)
    case .edgelist:
      let edges: EdgeList
      if let preloaded {
        edges = try EdgeListReader.read(bytes: preloaded, file: file)
      } else {
        edges = try EdgeListReader.read(path: path)
      }
      let (d, ds) = dataset(from: edges, file: path == "-" ? "<stdin>" : path)
      return Loaded(dataset: d, diagnostics: ds, format: .edgelist, directedHint: edges.directedHint)
    }
  }

  static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }

  /// Reads a dataset folder.
  public static func loadFolder(_ folder: String) throws(IOError) -> Loaded {
    guard Files.isFolder(folder) else { throw IOError(file: folder, "no such dataset folder") }
    let ePath = join(folder, "entities.csv")
    let rPath = join(folder, "relations.csv")
    let sPath = join(folder, "sources.csv")
    let mPath = join(folder, "dataset.json")
    for required in [ePath, rPath] where !Files.exists(required) {
      throw IOError(
        file: required, "missing",
        hint: "a dataset folder holds entities.csv and relations.csv (and sources.csv)")
    }
    let entities = try CSV.table(Files.read(ePath), file: ePath)
    let relations = try CSV.table(Files.read(rPath), file: rPath)
    let sources = Files.exists(sPath) ? try CSV.table(Files.read(sPath), file: sPath) : nil
    let metadata = Files.exists(mPath) ? try JSON.parse(Files.read(mPath), file: mPath) : nil
    var (d, ds) = DatasetDecoder.decode(
      entities: entities, relations: relations, sources: sources, metadata: metadata, metadataFile: mPath)
    d.files.sources = sPath
    if sources == nil {
      ds.append(Diagnostic(.warning, file: sPath, line: 0, "missing: no relation can cite a source"))
    }
    return Loaded(dataset: d, diagnostics: ds, format: .folder)
  }

  /// Decodes a GapMap JSON document.
  public static func decodeJSON(_ bytes: [UInt8], file: String) throws(IOError) -> (Dataset, [Diagnostic]) {
    let root = try JSON.parse(bytes, file: file)
    guard case .object(let members) = root else {
      throw IOError(file: file, line: 1, "a GapMap JSON file is an object with \"gapmap\": 1")
    }
    guard let version = members.first(where: { $0.key == "gapmap" }) else {
      throw IOError(
        file: file, line: 1, "not a GapMap JSON file (no \"gapmap\" key)",
        hint: "name the format to read node-link JSON or another JSON-based format", remedy: .nameInputFormat)
    }
    guard version.value == .number("1") else {
      throw IOError(
        file: file, line: version.line, column: "gapmap", "unsupported version (this GapMap reads 1)")
    }
    func table(_ key: String) throws(IOError) -> Table {
      guard let m = members.first(where: { $0.key == key }) else {
        return Table(file: file, columns: nil, records: [])
      }
      guard case .array(let items) = m.value else {
        throw IOError(file: file, line: m.line, column: key, "must be an array of objects")
      }
      var records: [Record] = []
      for item in items {
        guard case .object(let fields) = item else {
          throw IOError(file: file, line: m.line, column: key, "must be an array of objects")
        }
        var cells: [String: String] = [:]
        var lines: [String: Int] = [:]
        for f in fields {
          cells[f.key] = try cellText(f.value, file: file, line: f.line, column: f.key)
          lines[f.key] = f.line
        }
        var r = Record(line: fields.first?.line ?? m.line, cells: cells)
        r.fieldLines = lines
        records.append(r)
      }
      return Table(file: file, columns: nil, records: records)
    }
    let e = try table("entities")
    let r = try table("relations")
    let s = try table("sources")
    let meta = members.first { $0.key == "dataset" }?.value
    var (d, ds) = DatasetDecoder.decode(
      entities: e, relations: r, sources: s, metadata: meta, metadataFile: file)
    d.files.sources = file
    d.files.metadata = file
    for m in members where !["gapmap", "dataset", "entities", "relations", "sources"].contains(m.key) {
      ds.append(
        Diagnostic(.warning, file: file, line: m.line, column: m.key, "unknown top-level key ignored"))
    }
    return (d, ds)
  }

  /// The cell text a JSON field stands for (lists joined by `;`, objects as `k=v;k=v`).
  static func cellText(_ v: JSONValue, file: String, line: Int, column: String) throws(IOError) -> String {
    func scalar(_ v: JSONValue) -> String? {
      switch v {
      case .null: return ""
      case .bool(let b): return Scalars.formatBool(b)
      case .number(let n): return n
      case .string(let s): return s
      default: return nil
      }
    }
    if let s = scalar(v) { return s }
    switch v {
    case .array(let items):
      var parts: [String] = []
      for item in items {
        guard let s = scalar(item) else {
          throw IOError(
            file: file, line: line, column: column, "lists hold plain values, not arrays or objects")
        }
        parts.append(s)
      }
      return parts.joined(separator: ";")
    case .object(let members):
      var parts: [String] = []
      for m in members {
        guard let s = scalar(m.value) else {
          throw IOError(file: file, line: m.line, column: column, "map values are plain values")
        }
        parts.append("\(m.key)=\(s)")
      }
      return parts.joined(separator: ";")
    default: return ""
    }
  }

  /// A plain graph as a dataset: nodes become entities of kind `other` (name = id), edges
  /// relations of kind `link` with the weight in a `weight` attribute.
  public static func dataset(from edges: EdgeList, file: String) -> (Dataset, [Diagnostic]) {
    var d = Dataset()
    var ds: [Diagnostic] = []
    d.files.entities = file
    d.files.relations = file
    d.entities = edges.nodes.map { Entity(id: $0, name: $0, kind: .other) }
    // An edge list is undirected unless it says otherwise (a SNAP `# Directed graph` comment),
    // as the analyses read it; the dataset keeps that so a conversion keeps it too.
    d.metadata.directed = edges.directedHint ?? false
    let invalid = edges.nodes.indices.filter { !Identifiers.isValid(edges.nodes[$0]) }
    if !invalid.isEmpty {
      // The line where each node first appears, in one pass over the edges.
      var firstLine = [Int32](repeating: 0, count: edges.nodes.count)
      for e in stride(from: edges.sources.count - 1, through: 0, by: -1) {
        firstLine[Int(edges.targets[e])] = edges.lines[e]
        firstLine[Int(edges.sources[e])] = edges.lines[e]
      }
      for i in invalid.prefix(100) {
        ds.append(
          Diagnostic(
            .error, file: file, line: Int(firstLine[i]),
            "\"\(edges.nodes[i])\" is not a valid entity id (letters, digits, _ . : - only)"))
      }
      if invalid.count > 100 {
        ds.append(Diagnostic(.error, file: file, line: 0, "\(invalid.count - 100) more invalid ids"))
      }
    }
    if edges.defaultedWeights > 0 {
      ds.append(
        Diagnostic(
          .warning, file: file, line: 0,
          "\(edges.defaultedWeights) edges without a weight weigh 1 (others have one; igraph reads NCOL so)"))
    }
    if edges.droppedAttributes > 0 {
      ds.append(
        Diagnostic(
          .warning, file: file, line: 0,
          "\(edges.droppedAttributes) edges had attributes other than weight in their {…} dictionary; dropped"
        ))
    }
    d.relations.reserveCapacity(edges.sources.count)
    for e in edges.sources.indices {
      var r = Relation(
        id: "r\(e + 1)", source: edges.nodes[Int(edges.sources[e])],
        target: edges.nodes[Int(edges.targets[e])],
        kind: .link)
      r.line = Int(edges.lines[e])
      if let w = edges.weights?[e] { r.attributes["weight"] = Scalars.formatNumber(w) }
      d.relations.append(r)
    }
    return (d, ds)
  }

  // MARK: Writing

  /// Writes `dataset` to `path` in `format` (from the path when `nil`).
  public static func write(
    _ d: Dataset, to path: String, format: DatasetFormat? = nil, colors: [String: String] = [:],
    shapes: [String: String] = [:]
  ) throws(IOError) {
    guard let fmt = format ?? DatasetFormat.forOutput(path: path) else {
      throw IOError(
        file: path, "cannot tell the output format from the name",
        hint: "name the format, or end the name in a format's extension (.json, .csv, .graphml, …)",
        remedy: .nameOutputFormat)
    }
    switch fmt {
    case .folder:
      guard path != "-" else { throw IOError(file: "-", "a folder cannot be written to standard output") }
      // The folder is written whole, beside the target, and swapped in: a kill or a concurrent
      // convert never leaves a mix of two datasets' files. Only a folder holding nothing but
      // dataset files is replaced.
      let folder = URL(fileURLWithPath: path).standardizedFileURL
      try Files.makeFolder(folder.deletingLastPathComponent().path)
      let files: [(path: String, bytes: [UInt8])] = [
        ("entities.csv", Array(csv(DatasetEncoder.entities(d)).utf8)),
        ("relations.csv", Array(csv(DatasetEncoder.relations(d)).utf8)),
        ("sources.csv", Array(csv(DatasetEncoder.sources(d)).utf8)),
        ("dataset.json", Array(JSON.write(DatasetEncoder.metadata(d.metadata)).utf8)),
      ]
      try Files.writeFolderAtomically(files, to: folder.path) { existing in
        let names = Set(files.map(\.path))
        return ((try? FileManager.default.contentsOfDirectory(atPath: existing)) ?? []).allSatisfy(
          names.contains)
      }
    case .json:
      try Files.writeAtomically(gapmapJSON(d), to: path)
    case .edgelist:
      try Files.writeAtomically(edgeListCSV(d), to: path)
    case .graphml:
      try Files.writeAtomically(GraphML.write(d), to: path)
    case .gexf:
      try Files.writeAtomically(GEXF.write(d, colors: colors), to: path)
    case .nodeLink:
      try Files.writeAtomically(NodeLink.write(d), to: path)
    case .dot:
      try Files.writeAtomically(DOTWriter.write(d, fills: colors, shapes: shapes), to: path)
    case .gml:
      try Files.writeAtomically(GML.write(d), to: path)
    case .pajek:
      try Files.writeAtomically(Pajek.write(d), to: path)
    case .ftm, .ocds:
      throw IOError(
        file: path, "GapMap reads \(fmt.rawValue) but does not write it",
        hint: "write folder, json, edgelist, graphml, gexf, node-link, gml, pajek or dot",
        remedy: .chooseWritableFormat)
    }
  }

  /// The table as CSV, row by row from the sparse cells (the text is as wide as the table; no
  /// cell value is made for an empty cell).
  static func csv(_ t: DatasetEncoder.Output) -> String {
    var out = t.columns.map { CSV.escape($0) }.joined(separator: ",") + "\n"
    let last = max(0, t.columns.count - 1)
    for row in t.rows {
      // `pos`: the last column whose separating comma is written (column 0 has none).
      var pos = 0
      for e in row {
        out += String(repeating: ",", count: e.column - pos)
        out += CSV.escape(e.cell.text)
        pos = e.column
      }
      out += String(repeating: ",", count: last - pos) + "\n"
    }
    return out
  }

  /// The GapMap JSON text of a dataset.
  public static func gapmapJSON(_ d: Dataset) -> String {
    func objects(_ t: DatasetEncoder.Output) -> JSONValue {
      .array(
        t.rows.map { row in
          .object(
            row.compactMap { e in jsonValue(e.cell).map { JSONMember(key: t.columns[e.column], value: $0) } })
        })
    }
    let root: JSONValue = .object([
      JSONMember(key: "gapmap", value: .number("1")),
      JSONMember(key: "dataset", value: DatasetEncoder.metadata(d.metadata)),
      JSONMember(key: "entities", value: objects(DatasetEncoder.entities(d))),
      JSONMember(key: "relations", value: objects(DatasetEncoder.relations(d))),
      JSONMember(key: "sources", value: objects(DatasetEncoder.sources(d))),
    ])
    return JSON.write(root)
  }

  static func jsonValue(_ cell: Cell) -> JSONValue? {
    switch cell {
    case .empty: return nil
    case .text(let s): return .string(s)
    case .number(let n): return .number(n)
    case .bool(let b): return .bool(b)
    case .list(let items): return .array(items.map(JSONValue.string))
    case .map(let kvs): return .object(kvs.map { JSONMember(key: $0.key, value: .string($0.value)) })
    }
  }

  /// What writing `d` as an edge list would drop, one phrase per kind of loss (empty when the
  /// dataset is a plain graph).
  public static func edgeListLosses(_ d: Dataset) -> [String] {
    var losses: [String] = []
    let used = Set(d.relations.flatMap { [$0.source, $0.target] })
    let isolated = d.entities.filter { !used.contains($0.id) }.count
    if isolated > 0 { losses.append("\(isolated) entities without relations are left out") }
    let plainEntity = Entity(id: "", name: "", kind: .other)
    if d.entities.contains(where: { e in
      var bare = e
      (bare.id, bare.name, bare.line) = ("", "", 0)
      return bare != plainEntity || e.name != e.id
    }) {
      losses.append("entity names, kinds and attributes are dropped")
    }
    let plainRelation = Relation(id: "", source: "", target: "", kind: .link)
    if d.relations.contains(where: { r in
      var bare = r
      (bare.id, bare.source, bare.target, bare.line) = ("", "", "", 0)
      bare.attributes["weight"] = nil
      return bare != plainRelation
    }) {
      losses.append("relation kinds, attributes and sources are dropped")
    }
    var metadata = d.metadata
    metadata.directed = nil
    if !d.sources.isEmpty || !metadata.isEmpty { losses.append("sources and metadata are dropped") }
    if d.metadata.isDirected, d.relations.contains(where: Projection.isUndirected) {
      losses.append("undirected relations of a mixed graph become directed")
    }
    return losses
  }

  /// `source,target[,weight]` with a header; the weight column when every relation has a
  /// numeric `weight` attribute; a `# Directed graph` comment first when the dataset is
  /// directed.
  public static func edgeListCSV(_ d: Dataset) -> String {
    let weighted =
      !d.relations.isEmpty
      && d.relations.allSatisfy { $0.attributes["weight"].flatMap(Scalars.number) != nil }
    // Edge lists are read as undirected unless they say otherwise: a directed dataset says so
    // in the comment SNAP files use (GapMap, networkx and igraph skip `#` lines).
    var out = d.metadata.isDirected ? "# Directed graph\n" : ""
    out += weighted ? "source,target,weight\n" : "source,target\n"
    for r in d.relations {
      out += CSV.escape(r.source) + "," + CSV.escape(r.target)
      if weighted, let w = r.attributes["weight"] { out += "," + w }
      out += "\n"
    }
    return out
  }
}
