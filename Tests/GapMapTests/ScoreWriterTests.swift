import GapMapAlgorithms
import GapMapIO
import Testing

@Suite struct ScoreWriterTests {
  /// The direct call to the runtime formatter prints exactly `Double.description`, for random
  /// bit patterns (every exponent, subnormals, NaN payloads) and for typical scores.
  @Test func fastFormatIsDescription() {
    var rng = GapMapAlgorithms.SplitMix64(seed: 99)
    var mismatches: [UInt64] = []
    for _ in 0..<200_000 {
      let x = Double(bitPattern: rng.next())
      if ScoreWriter.format(x) != x.description { mismatches.append(x.bitPattern) }
    }
    #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    for _ in 0..<50_000 {
      let x = rng.unit() / Double(1 + rng.below(1_000_000))
      #expect(ScoreWriter.format(x) == x.description)
    }
  }

  @Test func csvMatchesTheGeneralWriter() {
    let ids = ["a", "b,c", " d", "\"e\"", "é"]
    let values: [[Double]] = [[0.1, 1e-9, 3, .nan, -2.5], [1, 2, 3, 4, 5]]
    let bytes = ScoreWriter.csv(
      ids: ids, columns: ["pagerank", "degree"], values: values, integer: [false, true])
    let general = CSV.write(
      columns: ["id", "pagerank", "degree"],
      rows: ids.indices.map { [ids[$0], values[0][$0].description, String(Int(values[1][$0]))] })
    #expect(String(decoding: bytes, as: UTF8.self) == general)
  }
}
