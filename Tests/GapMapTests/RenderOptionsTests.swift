import GapMapIO
import GapMapMetrics
import GapMapModel
import GapMapRender
import Testing

/// Style files, `--color-by gap` and the aggregated view.
@Suite(.serialized) struct RenderOptionsTests {
  func bundled() throws -> Dataset { try DatasetIO.load(Paths.bundled).dataset }

  @Test func styleFileOverridesKindsAndIsValidated() throws {
    var style = Style()
    let yaml = """
      nodes:
        facility: {shape: cylinder, fill: "#882255", font: "#ffffff"}
        ngo: {fill: "#DDCC77"}
      edges:
        contracts: {style: dotted, color: "#000000", width: 2}
      categorical: ["#111111", "#222222"]
      """
    try style.apply(try YAML.parse(Array(yaml.utf8), file: "s.yaml"), file: "s.yaml")
    #expect(style.node("facility") == Style.NodeStyle(shape: "cylinder", fill: "#882255", font: "#FFFFFF"))
    #expect(style.node("ngo").fill == "#DDCC77" && style.node("ngo").shape == "note")
    #expect(style.edge("contracts") == Style.EdgeStyle(style: "dotted", color: "#000000", width: 2))
    #expect(style.categorical == ["#111111", "#222222"])
    var options = DiagramOptions()
    options.style = style
    let figure = try DiagramBuilder.build(try bundled(), options: options)
    #expect(figure.nodes.first { $0.id == "yarls-wood" }?.shape == "cylinder")
    #expect(figure.nodes.first { $0.id == "yarls-wood" }?.fillColor == "#882255")

    let bad: [(String, String)] = [
      ("nodes:\n  facility: {shape: image}\n", "s.yaml:2: nodes.facility.shape: expected one of"),
      ("nodes:\n  facility: {fill: red}\n", "s.yaml:2: nodes.facility.fill: a colour as #RRGGBB"),
      ("edges:\n  owns:\n    width: 40\n", "s.yaml:3: edges.owns.width: a number from 0.1 to 10"),
      ("edges:\n  owns: {url: \"javascript:x\"}\n", "s.yaml:2: edges.owns.url: unknown field"),
      ("imagepath: /etc\n", "s.yaml:1: imagepath: unknown key"),
    ]
    for (text, message) in bad {
      var s = Style()
      do {
        try s.apply(try YAML.parse(Array(text.utf8), file: "s.yaml"), file: "s.yaml")
        Issue.record("accepted \(text)")
      } catch let e as RenderError {
        #expect(e.message.hasPrefix(message), "\(e.message)")
      }
    }
  }

  /// Two-tone by the interval: fill the low bound, thick outline the high bound; undecided
  /// facilities grey and dashed, and the legend says so.
  @Test func colorByGapShowsTheIntervalAndMarksUndecidedFacilities() throws {
    var options = DiagramOptions()
    options.colorBy = .gap
    options.at = PartialDate("2016")
    let d = try bundled()
    let figure = try DiagramBuilder.build(d, options: options)
    let analysis = try GapAnalysis(
      AccountabilityNetwork(d, at: try #require(PartialDate("2016"))), weights: .standard)
    let palette = ["#FEEDDE", "#FDBE85", "#FD8D3C", "#E6550D", "#A63603"]
    func band(_ v: Double) -> String { palette[min(4, Int((v * 5 + 1e-9).rounded(.down)))] }
    var decided = 0
    for f in analysis.facilities {
      let node = try #require(figure.nodes.first { $0.id == f.id })
      let gap = try #require(f.composite.gap)
      #expect(node.tooltip.contains("gap "))
      #expect(node.borderColor == band(gap.high))
      #expect(node.penWidth == 5)
      if f.composite.insufficientEvidence {
        #expect(
          node.fillColor == "#9A9A9A" && node.style.contains("dashed") && node.label.hasSuffix("(undecided)"))
      } else {
        decided += 1
        #expect(node.fillColor == band(gap.low) && !node.style.contains("dashed"))
      }
    }
    // (At 2016 the bundled data decide few facilities: the fill rows appear only for those.)
    #expect(figure.nodes.first { $0.id == "serco" }?.fillColor == "#FFFFFF")
    #expect(figure.legend.contains { $0.text.hasPrefix("outline: high bound") })
    #expect(figure.legend.contains { $0.text.hasPrefix("grey, dashed: undecided") })
    #expect(figure.legend.contains { $0.text.hasPrefix("fill: low bound") } == (decided > 0))
    #expect(figure.caption.first?.hasSuffix("as of 2016") == true)
  }

  @Test func largeGraphsAreAggregatedUnlessFull() throws {
    let d = try bundled()
    var options = DiagramOptions()
    options.aggregateAbove = 50
    let figure = try DiagramBuilder.build(d, options: options)
    #expect(figure.nodes.count < d.entities.count)
    #expect(figure.nodes.allSatisfy { $0.id.hasPrefix("group:") })
    #expect(figure.caption.first?.hasPrefix("Aggregated view: \(d.entities.count) entities") == true)
    // Every entity is in exactly one group.
    let counted = figure.nodes.compactMap {
      Int($0.label.split(separator: "\n").last?.split(separator: " ").first ?? "")
    }
    #expect(counted.reduce(0, +) == d.entities.count)
    #expect(figure.nodes.contains { $0.label.hasPrefix("facility · GB\n") })
    options.aggregateBy = .country
    #expect(try DiagramBuilder.build(d, options: options).nodes.contains { $0.label.hasPrefix("GB\n") })
    options.full = true
    #expect(try DiagramBuilder.build(d, options: options).nodes.count == d.entities.count)
    // The figure renders (neato) as valid SVG.
    options.full = false
    let svg = try Renderer.render(try DiagramBuilder.build(d, options: options), format: .svg)
    _ = try SVGScan.parse(String(decoding: svg, as: UTF8.self))
  }
}
