import Foundation

/// Paths of the repository and the test fixtures.
enum Paths {
  static let root: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()
  static let fixtures = root + "/Tests/GapMapTests/Fixtures"
  static let bundled = root + "/datasets/border-outsourcing"

  /// A fresh temporary folder.
  static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "gapmap-tests-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
