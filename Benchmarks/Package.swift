// swift-tools-version: 6.1
// GapMap's benchmarks, a separate package so `swift test` never builds the harness.
//
//   cd Benchmarks && swift package benchmark                 # every benchmark
//   swift package benchmark --filter "PageRank.*"            # some
// The graphs come from peers/gen.py (run by the benchmarks when missing, into
// $GAPMAP_BENCH_DIR, default /tmp/gapmap-bench).
import PackageDescription

let package = Package(
  name: "GapMapBenchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(name: "GapMap", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "GapMapBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "GapMapGraph", package: "GapMap"),
        .product(name: "GapMapAlgorithms", package: "GapMap"),
        .product(name: "GapMapIO", package: "GapMap"),
        .product(name: "GapMapModel", package: "GapMap"),
        .product(name: "GapMapMetrics", package: "GapMap"),
        .product(name: "GapMapRender", package: "GapMap"),
      ],
      path: "Benchmarks/GapMapBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
