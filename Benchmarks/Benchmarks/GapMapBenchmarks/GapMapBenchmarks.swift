import Benchmark
import Foundation
import GapMapAlgorithms
import GapMapGraph
import GapMapIO
import GapMapMetrics
import GapMapModel
import GapMapRender

/// Where the benchmark graphs live; made by peers/gen.py when missing.
let graphs: String = {
  let dir = ProcessInfo.processInfo.environment["GAPMAP_BENCH_DIR"] ?? "/tmp/gapmap-bench"
  if !FileManager.default.fileExists(atPath: dir + "/ba200k.csv") {
    let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", here.appendingPathComponent("peers/gen.py").path, dir]
    try? p.run()
    p.waitUntilExit()
  }
  return dir
}()

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path

func edges(_ name: String) -> EdgeList {
  // A benchmark input that cannot be read is a broken setup, not user data.
  guard let e = try? EdgeListReader.read(path: "\(graphs)/\(name).csv") else {
    fatalError("cannot read \(graphs)/\(name).csv: run Benchmarks/peers/gen.py \(graphs)")
  }
  return e
}

let benchmarks: @Sendable () -> Void = {
  let fast = Benchmark.Configuration(
    metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(3),
    maxIterations: 20)
  let slow = Benchmark.Configuration(
    metrics: [.wallClock, .cpuTotal, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 3)

  // Loading and building.
  Benchmark("EdgeList.read ba200k (1M edges)", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(edges("ba200k")) }
  }
  let ba200k = edges("ba200k")
  Benchmark("CSR.build ba200k", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(ba200k.graph(directed: false)) }
  }

  let g5k = edges("ba5k").graph(directed: false)
  let g20k = edges("ba20k").graph(directed: false)
  let g200k = ba200k.graph(directed: false)
  let pl = edges("pl200k-directed").graph(directed: true).simplified(keepSelfLoops: true)

  // Centrality.
  Benchmark("PageRank ba200k", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try? g200k.pagerank()) }
  }
  Benchmark("PageRank pl200k-directed", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try? pl.pagerank()) }
  }
  Benchmark("Betweenness ba5k", configuration: slow) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(g5k.betweenness()) }
  }
  Benchmark("ApproxBetweenness ε=0.01 ba20k", configuration: slow) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(g20k.approximateBetweenness(epsilon: 0.01, delta: 0.1, seed: 1)) }
  }
  Benchmark("Closeness ba20k", configuration: slow) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(g20k.closeness()) }
  }
  Benchmark("Harmonic ba20k", configuration: slow) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(g20k.harmonic()) }
  }
  Benchmark("Eigenvector ba200k", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(try? g200k.eigenvector()) }
  }
  Benchmark("KCore ba200k", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(g200k.coreNumbers()) }
  }
  Benchmark("Components ba200k", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations { blackHole(g200k.weaklyConnectedComponents()) }
  }

  // The metrics on the bundled dataset.
  guard let dataset = try? DatasetIO.load(repository + "/datasets/border-outsourcing").dataset,
    let at = PartialDate("2020")
  else { fatalError("cannot read the bundled dataset under \(repository)") }
  Benchmark("Gaps bundled dataset", configuration: fast) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try? GapAnalysis(AccountabilityNetwork(dataset, at: at), weights: .standard))
    }
  }
  Benchmark("Gaps + sensitivity (2,000 draws)", configuration: slow) { benchmark in
    for _ in benchmark.scaledIterations {
      if let a = try? GapAnalysis(AccountabilityNetwork(dataset, at: at), weights: .standard) {
        blackHole(Sensitivity(a, draws: 2000, seed: 1))
      }
    }
  }

  // Rendering: a facility chain (small) and the whole dataset (medium), SVG in-process.
  Benchmark("Render facility chain (small)", configuration: fast) { benchmark in
    var o = DiagramOptions()
    o.facility = "yarls-wood"
    for _ in benchmark.scaledIterations {
      if let rg = try? DiagramBuilder.build(dataset, options: o) { blackHole(try? Renderer.render(rg, format: .svg)) }
    }
  }
  Benchmark("Render bundled overview (medium)", configuration: slow) { benchmark in
    for _ in benchmark.scaledIterations {
      if let rg = try? DiagramBuilder.build(dataset) { blackHole(try? Renderer.render(rg, format: .svg)) }
    }
  }
}
