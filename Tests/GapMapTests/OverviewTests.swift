import Foundation
import GapMapIO
import GapMapMetrics
import GapMapModel
import GapMapRender
import Testing

/// Issue 15 on the bundled dataset: the overview's shape, the legend's glyphs, facility chains
/// and their date.
@Suite(.serialized) struct OverviewTests {
  func bundled() throws -> Dataset { try DatasetIO.load(Paths.bundled).dataset }

  /// The overview as the report draws it on `at`, and its SVG.
  func overview(at: String) throws -> (RenderGraph, String) {
    let d = try bundled()
    let date = try #require(PartialDate(at))
    var options = DiagramOptions()
    options.at = date
    let rg = try DiagramBuilder.build(AnalysisFilter(at: date).apply(to: d), options: options)
    let raw = try Renderer.render(rg, format: .svg)
    return (rg, SVGPostProcessor.process(String(decoding: raw, as: UTF8.self), graph: rg))
  }

  func viewBox(_ svg: String) throws -> (w: Double, h: Double) {
    let scan = try SVGScan.parse(svg)
    let box = try #require(scan.elements.first { $0.name == "svg" }?.attributes["viewBox"])
    let n = box.split(separator: " ").compactMap { Double($0) }
    return (n[2], n[3])
  }

  @Test(arguments: ["2025", "2016", "2008"]) func overviewAspectRatioIsBetweenOneToTwoAndTwoToOne(at: String)
    throws
  {
    let (rg, svg) = try overview(at: at)
    let (w, h) = try viewBox(svg)
    #expect(w / h >= 0.5 && w / h <= 2, "\(at): \(w) × \(h)")
    // Isolated entities sit in the side column by kind, not in the main drawing.
    var degree = [Int](repeating: 0, count: rg.nodes.count)
    for e in rg.edges {
      degree[e.tail] += 1
      degree[e.head] += 1
    }
    for (i, n) in rg.nodes.enumerated() where degree[i] == 0 {
      #expect(
        n.cluster == "unconnected " + n.cssClass.split(separator: " ")[0], "\(n.id) \(n.cluster ?? "-")")
    }
    #expect(rg.sideClusters.allSatisfy { $0 == "small groups" || $0.hasPrefix("unconnected ") })
    // Jurisdiction clusters hold the connected part; cross-border links run between them.
    let clusterOf = Dictionary(uniqueKeysWithValues: rg.nodes.map { ($0.id, $0.cluster) })
    let crossBorder = rg.edges.filter {
      let a = clusterOf[rg.nodes[$0.tail].id] ?? nil
      let b = clusterOf[rg.nodes[$0.head].id] ?? nil
      return a != b && (a?.hasPrefix("jurisdiction") ?? true) && (b?.hasPrefix("jurisdiction") ?? true)
    }
    #expect(crossBorder.count > 10)
    #expect(rg.nodes.contains { $0.cluster == "jurisdiction GB" })
  }

  /// Every text of the overview is at least 9 pt (12 CSS px) when the figure is shown 1,352 px
  /// wide (the report's column in a 1,400 px window): the SVG's user unit is the point, so a
  /// text is font-size × 1352 / width px on screen, and 3/4 of that in pt.
  @Test func overviewTextIsReadableAtTheColumnWidth() throws {
    let (_, svg) = try overview(at: "2025")
    let (w, _) = try viewBox(svg)
    let scan = try SVGScan.parse(svg)
    let sizes = scan.elements.filter { $0.name == "text" }.compactMap { $0.attributes["font-size"] }
      .compactMap(Double.init)
    #expect(sizes.count > 50)
    let smallest = sizes.min() ?? 0
    #expect(smallest * 1352 / w * 0.75 >= 9, "smallest text \(smallest) pt in a \(w) pt wide figure")
  }

  @Test func legendDrawsRealGlyphsOfPresentKindsOnly() throws {
    let (rg, svg) = try overview(at: "2025")
    let d = try bundled()
    let drawnKinds = Set(rg.nodes.map { String($0.cssClass.split(separator: " ")[0]) })
    let drawnRelations = Set(rg.edges.map(\.cssClass))
    var nodeRows: [String: (shape: String, fill: String)] = [:]
    var edgeRows: [String: (color: String, arrowhead: String)] = [:]
    for r in rg.legend {
      switch r.glyph {
      case .node(let shape, let fill, _, _, _): nodeRows[r.text] = (shape, fill)
      case .edge(let color, _, _, let arrowhead): edgeRows[r.text] = (color, arrowhead)
      case .heading: break
      }
    }
    // Exactly the kinds drawn (plus the PMSC marker), and every relation kind drawn.
    #expect(Set(nodeRows.keys).subtracting(["PMSC (bold border)"]) == drawnKinds)
    let certainty: Set<String> = ["confirmed", "reported", "possible"]
    #expect(Set(edgeRows.keys).subtracting(certainty) == drawnRelations)
    #expect(!edgeRows.keys.contains("succeeded_by") || drawnRelations.contains("succeeded_by"))
    // A distinct shape-and-fill pair per entity kind, colour-and-arrowhead per relation kind.
    let kinds = nodeRows.filter { drawnKinds.contains($0.key) }
    #expect(Set(kinds.values.map { "\($0.shape) \($0.fill)" }).count == kinds.count)
    let relations = edgeRows.filter { drawnRelations.contains($0.key) }
    #expect(Set(relations.values.map { "\($0.color) \($0.arrowhead)" }).count == relations.count)
    // Kind is not told by dashing: every relation kind's legend line is solid.
    for r in rg.legend {
      if case .edge(_, let style, _, _) = r.glyph, !certainty.contains(r.text) { #expect(style == "solid") }
    }
    // In the SVG: one drawn glyph per row, with the row's fill or stroke.
    let scan = try SVGScan.parse(svg)
    var glyphs: [[String: String]] = []
    var inGlyph = 0
    for (i, e) in scan.elements.enumerated() {
      if e.name == "g" { inGlyph = (e.attributes["class"] ?? "").contains("legend_glyph") ? i : 0 }
      if inGlyph > 0, ["polygon", "ellipse", "path"].contains(e.name) { glyphs.append(e.attributes) }
    }
    for (text, row) in nodeRows {
      #expect(
        glyphs.contains { $0["fill"] == row.fill.lowercased() }, "no glyph filled \(row.fill) for \(text)")
    }
    for (text, row) in edgeRows where !certainty.contains(text) {
      #expect(
        glyphs.contains { $0["stroke"] == row.color.lowercased() }, "no line stroked \(row.color) for \(text)"
      )
    }
    #expect(!scan.text.contains("parallelogram") && !scan.text.contains("ellipse"))
    _ = d
  }

  func chain(_ facility: String, at: String) throws -> RenderGraph {
    var options = DiagramOptions()
    options.facility = facility
    options.at = PartialDate(at)
    return try DiagramBuilder.build(try bundled(), options: options)
  }

  @Test func chainsShowOnlyTheirChainAndAreConnected() throws {
    let d = try bundled()
    let country = Dictionary(uniqueKeysWithValues: d.entities.map { ($0.id, $0.country.known) })
    for f in ["brook-house", "nauru-rpc", "yarls-wood", "manus-rpc"]
    where d.entities.contains(where: { $0.id == f }) {
      let rg = try chain(f, at: "2025")
      // Every node is joined to the rest of the figure (no actor left standing unconnected).
      var degree = [Int](repeating: 0, count: rg.nodes.count)
      for e in rg.edges {
        degree[e.tail] += 1
        degree[e.head] += 1
      }
      // (A facility closed on the date is drawn alone.)
      for (i, n) in rg.nodes.enumerated() where rg.nodes.count > 1 {
        #expect(degree[i] > 0, "\(f): \(n.id) is unconnected")
      }
      #expect(rg.nodes.contains { $0.id == f })
      if f == "brook-house" {
        // The UK's chain: nobody from Australia's.
        #expect(!rg.nodes.contains { country[$0.id] == "AU" }, "\(rg.nodes.map(\.id))")
      }
    }
  }

  @Test func chainsFollowTheDate() throws {
    let now = try chain("brook-house", at: "2025")
    let then = try chain("brook-house", at: "2012")
    #expect(now.caption.first?.hasSuffix("as of 2025") == true)
    #expect(then.caption.first?.hasSuffix("as of 2012") == true)
    // Serco runs Brook House from 2020-05, G4S before.
    #expect(now.nodes.contains { $0.id == "serco" })
    #expect(!then.nodes.contains { $0.id == "serco" })
    #expect(then.nodes.contains { $0.id == "g4s" })
  }
}
