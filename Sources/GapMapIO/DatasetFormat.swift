import GapMapModel

/// The formats `gapmap` reads and writes.
public enum DatasetFormat: String, Sendable, CaseIterable {
  /// A folder with `entities.csv`, `relations.csv`, `sources.csv`, `dataset.json`.
  case folder
  /// One GapMap JSON file.
  case json
  /// A plain edge list.
  case edgelist
  /// GraphML (read and write).
  case graphml
  /// GEXF 1.3 (read and write).
  case gexf
  /// networkx node-link JSON (read and write).
  case nodeLink = "node-link"
  /// Graphviz DOT (write only).
  case dot
  /// FollowTheMoney entities as JSON lines (read only).
  case ftm
  /// OCDS release or record packages (read only).
  case ocds
  /// GML, as networkx and igraph write it (read and write).
  case gml
  /// Pajek `.net` (read and write).
  case pajek

  /// Whether GapMap can read the format.
  public var readable: Bool { self != .dot }
  /// Whether GapMap can write the format.
  public var writable: Bool { ![.ftm, .ocds].contains(self) }

  /// Guesses the format of an input from the path and, where needed, the first bytes.
  public static func detect(path: String, head: [UInt8]? = nil) -> DatasetFormat {
    if path != "-", Files.isFolder(path) { return .folder }
    let lower = path.lowercased()
    for ext in [".csv", ".tsv", ".txt", ".edges", ".el", ".ncol", ".edgelist"] where lower.hasSuffix(ext) {
      return .edgelist
    }
    if lower.hasSuffix(".graphml") { return .graphml }
    if lower.hasSuffix(".gexf") { return .gexf }
    if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") { return .dot }
    // `.ijson` is what `ftm` and OpenSanctions write for entity streams.
    for ext in [".jsonl", ".ndjson", ".ftm", ".ijson"] where lower.hasSuffix(ext) { return .ftm }
    if lower.hasSuffix(".json") { return .json }
    if lower.hasSuffix(".xml") { return .graphml }
    if lower.hasSuffix(".gml") { return .gml }
    if lower.hasSuffix(".net") || lower.hasSuffix(".paj") || lower.hasSuffix(".pajek") { return .pajek }
    // A file without a known extension is recognised by its first bytes.
    var head = head
    if head == nil, path != "-", Files.exists(path), !Files.isFolder(path) { head = Files.head(path) }
    if let head,
      let first = head.first(where: {
        !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
      })
    {
      if first == UInt8(ascii: "{") { return .json }
      let text = String(decoding: head, as: UTF8.self)
      if first == UInt8(ascii: "<") {
        return text.contains("<gexf") ? .gexf : .graphml
      }
      if first == UInt8(ascii: "*"),
        text.lowercased().hasPrefix("*vertices") || text.lowercased().hasPrefix("*network")
      {
        return .pajek
      }
    }
    let last = lower.split(separator: "/").last ?? ""
    if path != "-", !last.contains(".") { return .folder }
    return .edgelist
  }

  /// The JSON-based format of a parsed document: GapMap JSON, node-link, OCDS or a single
  /// FollowTheMoney entity.
  public static func sniff(_ value: JSONValue) -> DatasetFormat? {
    guard case .object(let members) = value else { return nil }
    let keys = Set(members.map(\.key))
    if keys.contains("gapmap") { return .json }
    if keys.contains("nodes") { return .nodeLink }
    if keys.contains("releases") || keys.contains("records") || keys.contains("ocid") { return .ocds }
    if keys.contains("schema") && keys.contains("id") { return .ftm }
    return nil
  }

  /// The output format for a path: a path without an extension is a folder.
  public static func forOutput(path: String) -> DatasetFormat? {
    let lower = path.lowercased()
    if lower.hasSuffix(".json") { return .json }
    if lower.hasSuffix(".graphml") { return .graphml }
    if lower.hasSuffix(".gexf") { return .gexf }
    if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") { return .dot }
    if lower.hasSuffix(".gml") { return .gml }
    if lower.hasSuffix(".net") || lower.hasSuffix(".paj") || lower.hasSuffix(".pajek") { return .pajek }
    for ext in [".csv", ".tsv", ".txt", ".edges", ".el", ".edgelist"] where lower.hasSuffix(ext) {
      return .edgelist
    }
    let last = lower.split(separator: "/").last ?? ""
    if !last.contains(".") || Files.isFolder(path) { return .folder }
    return nil
  }
}
