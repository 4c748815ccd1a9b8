import GapMapIO
import GapMapModel

/// What the fuzzers (`Fuzz/`) and the regression-corpus replay in `swift test` run: each target
/// reads bytes as one format, as a user's file would be read, and then validates the dataset.
/// Every outcome is fine — a dataset, diagnostics or a located error — except a trap, a hang or
/// unbounded growth.
///
/// Test plumbing, not library API: it lives in `GapMapFuzzSupport`, which no production module
/// imports, and uses only the readers' public API.
public enum FuzzTargets {
  /// The targets by name (the folder names of the corpora).
  public static let all: [(name: String, run: @Sendable ([UInt8]) -> Void)] = [
    ("DatasetCSV", datasetCSV), ("GapMapJSON", gapmapJSON), ("EdgeList", edgeList), ("GraphML", graphML),
    ("GEXF", gexf), ("NodeLink", nodeLink), ("FollowTheMoney", followTheMoney), ("OCDS", ocds),
    ("Manifest", manifest),
  ]

  static func check(_ d: Dataset) { _ = Validator.validate(d) }

  /// The bytes as each of the three tables of a dataset folder.
  public static func datasetCSV(_ b: [UInt8]) {
    guard let t = try? CSV.table(b, file: "fuzz.csv") else { return }
    let (d, _) = DatasetDecoder.decode(entities: t, relations: t, sources: t, metadata: nil)
    check(d)
  }

  public static func gapmapJSON(_ b: [UInt8]) {
    if let (d, _) = try? DatasetIO.decodeJSON(b, file: "fuzz.json") { check(d) }
  }

  public static func edgeList(_ b: [UInt8]) {
    guard let e = try? EdgeListReader.read(bytes: b, file: "fuzz.csv") else { return }
    _ = e.graph(directed: false)
    check(DatasetIO.dataset(from: e, file: "fuzz.csv").0)
  }

  public static func graphML(_ b: [UInt8]) {
    if let (d, _, _) = try? GraphML.read(b, file: "fuzz.graphml") { check(d) }
  }

  public static func gexf(_ b: [UInt8]) {
    if let (d, _, _) = try? GEXF.read(b, file: "fuzz.gexf") { check(d) }
  }

  public static func nodeLink(_ b: [UInt8]) {
    if let (d, _, _) = try? NodeLink.read(b, file: "fuzz.json") { check(d) }
  }

  public static func followTheMoney(_ b: [UInt8]) {
    if let (d, _) = try? FollowTheMoney.read(b, file: "fuzz.jsonl") { check(d) }
  }

  public static func ocds(_ b: [UInt8]) {
    if let (d, _) = try? OCDS.read(b, file: "fuzz.json") { check(d) }
  }

  /// A batch manifest's YAML (the manifest's own checks need files; the parser is the surface).
  public static func manifest(_ b: [UInt8]) {
    _ = try? YAML.parse(b, file: "fuzz.yaml")
  }
}
