// swift-tools-version: 6.2
// GapMap: map and measure how states outsource immigration detention and border control.
import PackageDescription

// CI (and anyone who sets GAPMAP_STRICT=1) turns warnings in GapMap's own targets into errors;
// dependencies' warnings are not affected because the setting is per target.
let strict = Context.environment["GAPMAP_STRICT"].map { !$0.isEmpty && $0 != "0" } ?? false
let settings: [SwiftSetting] = strict ? [.treatAllWarnings(as: .error)] : []

let package = Package(
  name: "GapMap",
  products: [
    .library(name: "GapMapGraph", targets: ["GapMapGraph"]),
    .library(name: "GapMapAlgorithms", targets: ["GapMapAlgorithms"]),
    .library(name: "GapMapModel", targets: ["GapMapModel"]),
    .library(name: "GapMapIO", targets: ["GapMapIO"]),
    .library(name: "GapMapMetrics", targets: ["GapMapMetrics"]),
    .library(name: "GapMapRender", targets: ["GapMapRender"]),
    .library(name: "GapMapReport", targets: ["GapMapReport"]),
    .executable(name: "gapmap", targets: ["gapmap"]),
    // Test plumbing, not library API: the fuzz entry points, a product only because the separate
    // Fuzz/ package can depend on nothing else. Not advertised in the README.
    .library(name: "GapMapFuzzSupport", targets: ["GapMapFuzzSupport"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // A general, domain-free graph library: CSR core and algorithms over it.
    .target(name: "GapMapGraph", swiftSettings: settings),
    .target(name: "GapMapAlgorithms", dependencies: ["GapMapGraph"], swiftSettings: settings),
    // The domain: entities, relations, sources, values, validation, projection.
    .target(name: "GapMapModel", dependencies: ["GapMapGraph"], swiftSettings: settings),
    // The Swift runtime's Double formatter, called without a String per number (C shim).
    .target(name: "CFloatFormat"),
    // System calls Swift cannot import: renameat2 RENAME_EXCHANGE, prctl PR_SET_PDEATHSIG.
    .target(name: "CGapMapSystem"),
    // Formats: dataset folder, GapMap JSON, edge lists.
    .target(
      name: "GapMapIO",
      dependencies: [
        "GapMapModel", "GapMapGraph", "CFloatFormat", "CGapMapSystem",
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: settings),
    // Measures over the model (dataset summary now; accountability gaps next).
    .target(
      name: "GapMapMetrics", dependencies: ["GapMapModel", "GapMapAlgorithms"],
      swiftSettings: settings),
    // The Graphviz C library (Debian's libgraphviz-dev), only what Swift cannot import itself.
    .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
    // Diagrams: the only module that imports CGraphviz.
    .target(
      name: "GapMapRender", dependencies: ["CGraphviz", "GapMapModel", "GapMapMetrics", "GapMapAlgorithms"],
      swiftSettings: settings),
    // The static report: HTML (inline SVG, CSP), Markdown, figures and tables.
    .target(
      name: "GapMapReport",
      dependencies: ["GapMapRender", "GapMapMetrics", "GapMapIO", "GapMapModel", "GapMapAlgorithms"],
      swiftSettings: settings),
    // The fuzz entry points (one per reader) for Fuzz/ and the regression-corpus replay in the
    // tests; no production module depends on it.
    .target(name: "GapMapFuzzSupport", dependencies: ["GapMapIO", "GapMapModel"], swiftSettings: settings),
    // The thin command line: one file per subcommand.
    .executableTarget(
      name: "gapmap",
      dependencies: [
        "GapMapIO", "GapMapMetrics", "GapMapRender", "GapMapReport", "CGapMapSystem",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: settings),
    .testTarget(
      name: "GapMapTests",
      dependencies: [
        "GapMapGraph", "GapMapAlgorithms", "GapMapModel", "GapMapIO", "GapMapMetrics", "GapMapRender",
        "GapMapReport", "GapMapFuzzSupport",
      ],
      exclude: ["Fixtures"],
      swiftSettings: settings),
    .testTarget(
      name: "GapMapCLITests",
      dependencies: ["gapmap"],
      swiftSettings: settings),
  ]
)
