// swift-tools-version: 6.2
// GapMap used as a dependency, as a Swift developer would: the getting-started program of the
// DocC article, and every ```swift example of the doc comments and articles (extracted by
// scripts/doc_examples.py into Sources/DocExamples; scripts/test.sh builds both).
import PackageDescription

let package = Package(
  name: "GapMapExamples",
  dependencies: [.package(name: "GapMap", path: "..")],
  targets: [
    .executableTarget(
      name: "GettingStarted",
      dependencies: [
        .product(name: "GapMapIO", package: "GapMap"),
        .product(name: "GapMapModel", package: "GapMap"),
        .product(name: "GapMapAlgorithms", package: "GapMap"),
        .product(name: "GapMapMetrics", package: "GapMap"),
        .product(name: "GapMapRender", package: "GapMap"),
      ]),
    .target(
      name: "DocExamples",
      dependencies: [
        .product(name: "GapMapGraph", package: "GapMap"),
        .product(name: "GapMapIO", package: "GapMap"),
        .product(name: "GapMapModel", package: "GapMap"),
        .product(name: "GapMapAlgorithms", package: "GapMap"),
        .product(name: "GapMapMetrics", package: "GapMap"),
        .product(name: "GapMapRender", package: "GapMap"),
        .product(name: "GapMapReport", package: "GapMap"),
      ],
      // Doc examples end in bare expressions (`g.outNeighbors(of: 1)   // [2]`).
      swiftSettings: [.unsafeFlags(["-suppress-warnings"])]),
  ]
)
