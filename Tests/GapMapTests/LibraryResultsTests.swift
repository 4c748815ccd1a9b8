import Foundation
import GapMapIO
import GapMapMetrics
import GapMapModel
import Testing

/// Issue 16, part 3: the metrics' results are typed, full-precision, `Codable` values; JSON
/// for the command line is written at the edge (GapMapReport) from the same values.
@Suite struct LibraryResultsTests {
  func analysis() throws -> GapAnalysis {
    let d = try DatasetIO.load(Paths.bundled).dataset
    let at = try #require(d.metadata.asOf ?? PartialDate("2025"))
    return try GapAnalysis(AccountabilityNetwork(d, at: at), weights: .standard)
  }

  @Test func componentFiguresAreTyped() throws {
    let a = try analysis()
    let yw = try #require(a.facilities.first { $0.id == "yarls-wood" })
    guard case .oversight(let bodies, _, _, _)? = yw.components[.oversight]?.details else {
      Issue.record("oversight details are not typed")
      return
    }
    #expect(bodies.contains { $0.body == "hmip" && $0.certain })
    guard case .remedy(let actors, let reachable, _, _)? = yw.components[.remedy]?.details else {
      Issue.record("remedy details are not typed")
      return
    }
    #expect(!actors.isEmpty && !reachable.isEmpty)
    #expect(yw.flags.contains(.inherentlyStateFunction))
    #expect(a.inactive.contains { $0.id == "manus-rpc" && $0.status == .closed })
  }

  /// Every facility's result survives JSONEncoder → JSONDecoder unchanged, bit for bit
  /// (infinite depth bounds need a non-conforming float strategy, as JSON has no infinity).
  @Test func facilityResultsRoundTripThroughCodable() throws {
    let a = try analysis()
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let data = try encoder.encode(a.facilities)
    let back = try decoder.decode([FacilityGap].self, from: data)
    #expect(back == a.facilities)
    #expect(back.map(\.composite.knownShare) == a.facilities.map(\.composite.knownShare))
    let inactive = try decoder.decode([InactiveFacility].self, from: encoder.encode(a.inactive))
    #expect(inactive == a.inactive)
    let system = try decoder.decode([SystemFigures].self, from: encoder.encode(a.system))
    #expect(system == a.system)
  }
}
