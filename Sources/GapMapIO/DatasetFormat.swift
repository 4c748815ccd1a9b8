import GapMapModel

/// The formats `gapmap` reads and writes (this issue: the dataset folder, GapMap JSON and edge
/// lists).
public enum DatasetFormat: String, Sendable, CaseIterable {
  /// A folder with `entities.csv`, `relations.csv`, `sources.csv`, `dataset.json`.
  case folder
  /// One GapMap JSON file.
  case json
  /// A plain edge list.
  case edgelist

  /// Guesses the format of an input from the path and, where needed, the first bytes.
  public static func detect(path: String, head: [UInt8]? = nil) -> DatasetFormat {
    if path != "-", Files.isFolder(path) { return .folder }
    let lower = path.lowercased()
    for ext in [".csv", ".tsv", ".txt", ".edges", ".el", ".ncol", ".edgelist"] where lower.hasSuffix(ext) {
      return .edgelist
    }
    if lower.hasSuffix(".json") { return .json }
    if let head,
      let first = head.first(where: {
        !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF)
      }),
      first == UInt8(ascii: "{")
    {
      return .json
    }
    let last = lower.split(separator: "/").last ?? ""
    if path != "-", !last.contains(".") { return .folder }
    return .edgelist
  }

  /// The output format for a path: a path without an extension is a folder.
  public static func forOutput(path: String) -> DatasetFormat? {
    let lower = path.lowercased()
    if lower.hasSuffix(".json") { return .json }
    for ext in [".csv", ".tsv", ".txt", ".edges", ".el", ".edgelist"] where lower.hasSuffix(ext) {
      return .edgelist
    }
    let last = lower.split(separator: "/").last ?? ""
    if !last.contains(".") || Files.isFolder(path) { return .folder }
    return nil
  }
}
