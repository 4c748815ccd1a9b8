// Getting started with GapMap as a library: load a dataset, filter it by date, compute
// centrality, compute accountability gaps and render an SVG. The same code is shown in the
// DocC article "Getting started" (GapMapIO.docc); scripts/doc_examples.py checks they agree.
//
//     swift run --package-path Examples GettingStarted datasets/border-outsourcing 2018 /tmp/2018.svg
import Foundation
import GapMapAlgorithms
import GapMapIO
import GapMapMetrics
import GapMapModel
import GapMapRender

let arguments = Array(CommandLine.arguments.dropFirst())
let path = arguments.first ?? "datasets/border-outsourcing"
let year = arguments.count > 1 ? arguments[1] : "2018"
let output = arguments.count > 2 ? arguments[2] : "overview.svg"

// snippet: load
let loaded = try DatasetIO.load(path)
let dataset = loaded.dataset
for d in loaded.diagnostics { print("warning:", d) }
// end

// snippet: filter
guard let date = PartialDate(year) else { fatalError("not a date: \(year)") }
let view = AnalysisFilter(at: date, evidence: .reported).apply(to: dataset)
// end

// snippet: centrality
let projection = Projection(view)
let scores = try projection.graph.measures([.pagerank, .betweenness])
let ranked = scores[0].indices.sorted { scores[0][$0] > scores[0][$1] }
for v in ranked.prefix(5) {
  print(projection.nodes.id(at: v), scores[0][v], scores[1][v])
}
// end

// snippet: gaps
let network = AccountabilityNetwork(dataset, at: date)
let analysis = try GapAnalysis(network, weights: .standard)
for facility in analysis.facilities {
  let c = facility.composite
  if let gap = c.gap, !c.insufficientEvidence {
    print(facility.id, gap.low, gap.high, "known share", c.knownShare)
  } else {
    print(facility.id, "insufficient evidence; research next:", facility.researchFields.first?.label ?? "-")
  }
}
// end

// snippet: render
let figure = try DiagramBuilder.build(view)
let svg = try Renderer.render(figure, format: .svg)
try Data(svg).write(to: URL(fileURLWithPath: output))
// end
print("wrote", output)
