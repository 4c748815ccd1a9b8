// swift-tools-version: 6.1
// libFuzzer targets for every reader GapMap has (not part of `swift test`). Build and run with
// Fuzz/run.sh, which passes -sanitize=fuzzer,address.
import PackageDescription

let readers = [
  "DatasetCSV", "GapMapJSON", "EdgeList", "GraphML", "GEXF", "NodeLink", "FollowTheMoney", "OCDS", "Manifest",
]

let package = Package(
  name: "GapMapFuzz",
  dependencies: [.package(name: "GapMap", path: "..")],
  targets: readers.map { name in
    .executableTarget(
      name: "Fuzz\(name)",
      dependencies: [.product(name: "GapMapFuzzSupport", package: "GapMap")],
      path: "Sources/Fuzz\(name)",
      swiftSettings: [.unsafeFlags(["-parse-as-library"])])
  }
)
