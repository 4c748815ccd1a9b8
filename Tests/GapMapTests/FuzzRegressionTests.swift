import Foundation
import GapMapFuzzSupport
import Testing

/// Replays the fuzz regression corpus (and a few hand-made hostile inputs) through the same
/// entry points the fuzzers call: each must return without trapping, quickly.
@Suite struct FuzzRegressionTests {
  static let folder = Paths.fixtures + "/fuzz-regressions"

  @Test func everyRegressionInputIsHandled() throws {
    var replayed = 0
    for (name, run) in FuzzTargets.all {
      let dir = Self.folder + "/" + name
      for file in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/" + file)))
        let start = Date()
        run(bytes)
        #expect(Date().timeIntervalSince(start) < 10, "\(name)/\(file) is slow")
        replayed += 1
      }
    }
    // Hand-made: every target also survives empty, binary and pathological inputs.
    let hostile: [[UInt8]] = [
      [], [0], [0xFF, 0xFE, 0x00, 0x3C], Array(String(repeating: "[", count: 50_000).utf8),
      Array(String(repeating: "{\"a\":", count: 50_000).utf8),
      Array(String(repeating: "<a>", count: 20_000).utf8),
      Array("\"".utf8) + [UInt8](repeating: 0x41, count: 100_000),
      Array(String(repeating: "a,b\n", count: 20_000).utf8),
      Array("<!DOCTYPE x [<!ENTITY a \"a\">]><graphml/>".utf8), Array("k: &a [*a]".utf8),
    ]
    for (name, run) in FuzzTargets.all {
      for h in hostile {
        let start = Date()
        run(h)
        #expect(Date().timeIntervalSince(start) < 10, "\(name) is slow on a hostile input")
      }
    }
    _ = replayed
  }
}
