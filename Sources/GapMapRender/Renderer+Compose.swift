import CGraphviz
import Foundation

/// Where everything of a composed figure goes, in points (Graphviz's y-up coordinates): node
/// centres by entity id, edge routes by ``PinnedLayout/edgeKey(_:_:)``, cluster boxes by key,
/// and the legend's top-left corner. Laying out once and drawing several subsets with it keeps
/// every node where it was (the report's per-year figures).
public struct PinnedLayout: Sendable {
  public struct Route: Sendable {
    /// Graphviz's `pos` of the edge (spline control points, arrow ends).
    public var pos: String
    /// The label's position, if the edge has a label.
    public var labelPos: String?
  }
  public var nodes: [String: (x: Double, y: Double)] = [:]
  public var edges: [String: Route] = [:]
  public var clusters: [String: [Double]] = [:]
  public var width = 0.0
  public var height = 0.0
  public var legendOrigin = (x: 0.0, y: 0.0)

  public init() {}

  /// The key of an edge: its ends' entity ids and its kind (stable across subsets).
  public static func edgeKey(_ graph: RenderGraph, _ e: RenderGraph.Edge) -> String {
    "\(graph.nodes[e.tail].id)\u{1}\(graph.nodes[e.head].id)\u{1}\(e.cssClass)"
  }
}

extension Renderer {
  /// Legend metrics (points).
  static let legendRow = 20.0
  static let legendTop = 26.0
  static let legendTextX = 46.0

  /// The legend's width and height at `scale` (1: 10 pt text).
  static func legendSize(_ rows: [RenderGraph.LegendRow], scale u: Double) -> (w: Double, h: Double) {
    if rows.isEmpty { return (0, 0) }
    return (
      u * (legendTextX + (rows.map { textWidth($0.text) }.max() ?? 0) + 12),
      u * (legendTop + Double(rows.count) * legendRow + 8)
    )
  }

  /// A block laid out on its own: positions by index into the block's graph.
  struct Block {
    var nodes: [Int: (x: Double, y: Double)] = [:]
    var edges: [Int: PinnedLayout.Route] = [:]
    var clusters: [String: [Double]] = [:]
    var width = 0.0
    var height = 0.0
  }

  /// Lays out a figure as blocks: the main drawing (dot, clusters), the side column (isolated
  /// entities and small components in ``RenderGraph/sideClusters``, each cluster a grid), and
  /// the legend; the side column and legend go to the right of the main drawing, or below it
  /// when that keeps the aspect ratio nearer 4:3.
  /// - Throws: ``RenderError`` when Graphviz fails.
  public static func layout(_ rg: RenderGraph, options: RenderOptions = RenderOptions()) throws(RenderError)
    -> PinnedLayout
  {
    let side = Set(rg.sideClusters)
    let mainIdx = rg.nodes.indices.filter { rg.nodes[$0].cluster.map { !side.contains($0) } ?? true }
    let sideIdx = rg.nodes.indices.filter { rg.nodes[$0].cluster.map { side.contains($0) } ?? false }
    let result: Result<(Block, Block), RenderError> = Graphviz.withContext { gvc in
      do {
        let main = try laidOut(subgraph(rg, mainIdx, grid: false), gvc: gvc, options: options)
        let column = try laidOut(subgraph(rg, sideIdx, grid: true), gvc: gvc, options: options)
        return .success((main, column))
      } catch let e as RenderError {
        return .failure(e)
      } catch {
        return .failure(RenderError("\(error)"))
      }
    }
    let (main, column) = try result.get()
    // The legend's size.
    let (legendW, legendH) = legendSize(rg.legend, scale: rg.legendScale)
    let gap = 28.0
    // Right: [main | side over legend]; below: [main] over [side | legend].
    let colW = max(column.width, legendW)
    let colH = column.height + (column.height > 0 && legendH > 0 ? gap : 0) + legendH
    let rightW = main.width + (colW > 0 ? gap + colW : 0)
    let rightH = max(main.height, colH)
    let rowW = column.width + (column.width > 0 && legendW > 0 ? gap : 0) + legendW
    let rowH = max(column.height, legendH)
    let belowW = max(main.width, rowW)
    let belowH = main.height + (rowH > 0 ? gap + rowH : 0)
    let target = 4.0 / 3.0
    let useRight =
      abs(log((rightW / max(rightH, 1)) / target)) <= abs(log((belowW / max(belowH, 1)) / target))
    var p = PinnedLayout()
    var mainOrigin = (x: 0.0, y: 0.0)
    var sideOrigin = (x: 0.0, y: 0.0)
    if useRight {
      p.width = rightW
      p.height = rightH
      mainOrigin = (0, rightH - main.height)
      sideOrigin = (main.width + gap, rightH - column.height)
      p.legendOrigin = (main.width + gap, rightH - column.height - (column.height > 0 ? gap : 0))
    } else {
      p.width = belowW
      p.height = belowH
      mainOrigin = (0, belowH - main.height)
      sideOrigin = (0, rowH - column.height)
      p.legendOrigin = (column.width + (column.width > 0 ? gap : 0), rowH)
    }
    // Never taller than 2:1: widen the canvas (the side column keeps to the right edge).
    if p.height > 0 && p.width < 0.505 * p.height {
      let extra = 0.505 * p.height - p.width
      p.width += extra
      if useRight {
        sideOrigin.x += extra
        p.legendOrigin.x += extra
      }
    }
    place(main, mainIdx, at: mainOrigin, from: rg, into: &p)
    place(column, sideIdx, at: sideOrigin, from: rg, into: &p)
    return p
  }

  /// An estimate of a legend label's width at 10 pt DejaVu Sans (a wide face: 0.62 em a letter).
  static func textWidth(_ s: String) -> Double { Double(s.count) * 6.2 }

  /// The nodes `indices` of `rg` and the edges among them; for the side column, invisible edges
  /// chain each cluster's unconnected nodes into rows so that a cluster is a grid, not a column.
  static func subgraph(_ rg: RenderGraph, _ indices: [Int], grid: Bool) -> (RenderGraph, [Int], [Int]) {
    var sub = RenderGraph()
    sub.rankdir = rg.rankdir
    sub.clusterLabels = rg.clusterLabels
    sub.sideClusters = rg.sideClusters
    var map: [Int: Int] = [:]
    for i in indices {
      map[i] = sub.nodes.count
      sub.nodes.append(rg.nodes[i])
    }
    var edgeMap: [Int] = []
    var degree = [Int](repeating: 0, count: sub.nodes.count)
    for (j, e) in rg.edges.enumerated() {
      guard let t = map[e.tail], let h = map[e.head] else { continue }
      var x = e
      x.tail = t
      x.head = h
      sub.edges.append(x)
      edgeMap.append(j)
      degree[t] += 1
      degree[h] += 1
    }
    if grid {
      var byCluster: [String: [Int]] = [:]
      for (i, n) in sub.nodes.enumerated() where degree[i] == 0 {
        byCluster[n.cluster ?? "", default: []].append(i)
      }
      for key in byCluster.keys.sorted() {
        guard let members = byCluster[key] else { continue }
        let cols = max(1, Int((Double(members.count) / 2).squareRoot().rounded(.up)))
        for start in stride(from: 0, to: members.count, by: cols) {
          let row = members[start..<min(members.count, start + cols)]
          for (a, b) in zip(row, row.dropFirst()) {
            sub.edges.append(
              RenderGraph.Edge(
                id: "", tail: a, head: b, cssClass: "grid", style: "invis", color: "#FFFFFF", penWidth: 1,
                label: nil, tooltip: ""))
            edgeMap.append(-1)
          }
        }
      }
    }
    return (sub, indices, edgeMap)
  }

  /// Lays out one block with dot and reads the positions back (`attach_attrs`).
  ///
  /// dot 2.42 sometimes fails to route an edge between clusters ("lost edge", "Pshortestpath
  /// failed"); the block is then laid out again with polyline, then straight edges.
  static func laidOut(
    _ part: (RenderGraph, [Int], [Int]), gvc: OpaquePointer, options: RenderOptions
  ) throws(RenderError) -> Block {
    var firstError: RenderError?
    for splines in [nil, "polyline", "line"] {
      do {
        return try laidOutOnce(part, gvc: gvc, options: options, splines: splines)
      } catch {
        firstError = firstError ?? error
      }
    }
    throw firstError ?? RenderError("Graphviz layout (dot) failed")
  }

  static func laidOutOnce(
    _ part: (RenderGraph, [Int], [Int]), gvc: OpaquePointer, options: RenderOptions, splines: String?
  ) throws(RenderError) -> Block {
    let (sub, _, edgeMap) = part
    var block = Block()
    if sub.nodes.isEmpty { return block }
    Graphviz.resetErrors()
    guard
      let g = withMutableCString(
        "G", { agopen($0, gapmap_directed(), gapmap_arena_disc()) ?? agopen($0, gapmap_directed(), nil) })
    else {
      throw RenderError("Graphviz could not create a graph")
    }
    defer { agclose(g) }
    var o = options
    o.dpi = 72
    let handles = build(sub, into: g, engine: .dot, options: o, decorated: false)
    set(UnsafeMutableRawPointer(g), "pad", "0")
    if let splines { set(UnsafeMutableRawPointer(g), "splines", splines) }
    Graphviz.resetErrors()
    reseed(options.seed)
    let rc = gvLayout(gvc, g, "dot")
    if rc != 0 || Graphviz.hasError {
      throw RenderError("Graphviz layout (dot) failed: \(Graphviz.messages)")
    }
    defer { gvFreeLayout(gvc, g) }
    attach_attrs(g)
    let bb = numbers(get(UnsafeMutableRawPointer(g), "bb"))
    guard bb.count == 4 else { throw RenderError("Graphviz gave no bounding box") }
    block.width = bb[2] - bb[0]
    block.height = bb[3] - bb[1]
    for (i, n) in handles.nodes.enumerated() {
      guard let n else { continue }
      let xy = numbers(get(UnsafeMutableRawPointer(n), "pos"))
      if xy.count >= 2 { block.nodes[i] = (xy[0] - bb[0], xy[1] - bb[1]) }
    }
    for (j, e) in handles.edges.enumerated() {
      guard let e, j < edgeMap.count, edgeMap[j] >= 0 else { continue }
      let pos = get(UnsafeMutableRawPointer(e), "pos")
      let lp = get(UnsafeMutableRawPointer(e), "lp")
      block.edges[j] = PinnedLayout.Route(
        pos: translate(pos, -bb[0], -bb[1]), labelPos: lp.isEmpty ? nil : translate(lp, -bb[0], -bb[1]))
    }
    for (key, c) in handles.clusters {
      let b = numbers(get(UnsafeMutableRawPointer(c), "bb"))
      if b.count == 4 { block.clusters[key] = [b[0] - bb[0], b[1] - bb[1], b[2] - bb[0], b[3] - bb[1]] }
    }
    return block
  }

  /// Copies a block's positions, moved to `origin`, into `p` under stable keys.
  static func place(
    _ b: Block, _ indices: [Int], at origin: (x: Double, y: Double), from rg: RenderGraph,
    into p: inout PinnedLayout
  ) {
    for (i, xy) in b.nodes where i < indices.count {
      p.nodes[rg.nodes[indices[i]].id] = (xy.x + origin.x, xy.y + origin.y)
    }
    // Block edges are numbered in the order of `rg.edges` among the block's nodes.
    let inBlock = Set(indices)
    var j = 0
    for e in rg.edges where inBlock.contains(e.tail) && inBlock.contains(e.head) {
      if let r = b.edges[j] {
        p.edges[PinnedLayout.edgeKey(rg, e)] = PinnedLayout.Route(
          pos: translate(r.pos, origin.x, origin.y),
          labelPos: r.labelPos.map { translate($0, origin.x, origin.y) })
      }
      j += 1
    }
    for (k, c) in b.clusters {
      p.clusters[k] = [c[0] + origin.x, c[1] + origin.y, c[2] + origin.x, c[3] + origin.y]
    }
  }

  static func get(_ object: UnsafeMutableRawPointer, _ name: String) -> String {
    withMutableCString(name) { n in agget(object, n).map { String(cString: $0) } ?? "" }
  }

  /// The numbers of a Graphviz point list ("e,1,2 3,4 …" or "1,2,3,4").
  static func numbers(_ s: String) -> [Double] {
    s.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
  }

  /// A Graphviz `pos` with every point moved by (dx, dy); `e,`/`s,` markers kept.
  static func translate(_ pos: String, _ dx: Double, _ dy: Double) -> String {
    pos.split(separator: " ").map { token -> String in
      var parts = token.split(separator: ",").map(String.init)
      let marker = parts.first == "e" || parts.first == "s" ? parts.removeFirst() : nil
      guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return String(token) }
      let xy = "\(number(x + dx)),\(number(y + dy))"
      return marker.map { "\($0),\(xy)" } ?? xy
    }.joined(separator: " ")
  }

  /// Draws `rg` with the positions of `pinned` (Graphviz's `nop2`: no layout, no routing). Nodes
  /// and edges absent from `pinned` are left out; the figure's size is `pinned`'s whatever the
  /// subset, so figures drawn with one layout line up.
  /// - Throws: ``RenderError`` with Graphviz's message.
  public static func render(
    _ rg: RenderGraph, format: DiagramFormat, options: RenderOptions = RenderOptions(), pinned: PinnedLayout
  ) throws(RenderError) -> [UInt8] {
    let result: Result<[UInt8], RenderError> = Graphviz.withContext { gvc in
      Graphviz.resetErrors()
      guard
        let g = withMutableCString(
          "G", { agopen($0, gapmap_directed(), gapmap_arena_disc()) ?? agopen($0, gapmap_directed(), nil) })
      else {
        return .failure(RenderError("Graphviz could not create a graph"))
      }
      defer { agclose(g) }
      buildPinned(rg, pinned, into: g, options: vectorDPI(options, format))
      return layOutAndRender(gvc, g, engine: "nop2", format: format, seed: options.seed).map { bytes in
        // Clusters in a repeatable order (see SVGPostProcessor.sortClusters).
        format == .svg
          ? Array(SVGPostProcessor.sortClusters(String(decoding: bytes, as: UTF8.self)).utf8) : bytes
      }
    }
    return try result.get()
  }

  /// Reseeds the C library's generators before a layout, so that what an earlier layout in the
  /// process drew from them (the neato plugin does) cannot change this one.
  static func reseed(_ seed: UInt64) {
    srand(UInt32(truncatingIfNeeded: seed))
    srand48(Int(truncatingIfNeeded: seed))
  }

  static func point(_ x: Double, _ y: Double) -> String { "\(number(x)),\(number(y))" }

  static func buildPinned(
    _ rg: RenderGraph, _ p: PinnedLayout, into g: UnsafeMutablePointer<Agraph_t>, options: RenderOptions
  ) {
    let graph = UnsafeMutableRawPointer(g)
    set(
      graph,
      [
        ("fontname", Style.font), ("fontsize", number(rg.textSize)), ("bgcolor", "white"), ("pad", "0.3"),
        ("outputorder", "edgesfirst"), ("dpi", number(options.dpi)),
      ])
    if !rg.title.isEmpty || !rg.caption.isEmpty {
      let lines = ([rg.title] + rg.caption).filter { !$0.isEmpty }.map(userLabel)
      set(graph, [("label", lines.joined(separator: "\\l") + "\\l"), ("labelloc", "t"), ("labeljust", "l")])
    }
    // Clusters with their boxes (present ones only).
    var clusters: [String: UnsafeMutablePointer<Agraph_t>] = [:]
    for (i, key) in Set(rg.nodes.compactMap(\.cluster)).sorted().enumerated() {
      guard let bb = p.clusters[key], let sub = withMutableCString("cluster_\(i)", { agsubg(g, $0, 1) })
      else {
        continue
      }
      set(
        UnsafeMutableRawPointer(sub),
        [
          ("label", userLabel(rg.clusterLabels[key] ?? key)), ("style", "rounded"),
          ("color", rg.sideClusters.contains(key) ? "#CCCCCC" : "#999999"), ("fontname", Style.font),
          ("fontsize", number(rg.sideClusters.contains(key) ? rg.textSize : max(30, 1.5 * rg.textSize))),
          ("bb", bb.map(number).joined(separator: ",")),
        ])
      clusters[key] = sub
    }
    var nodes: [UnsafeMutablePointer<Agnode_t>?] = []
    for (i, n) in rg.nodes.enumerated() {
      guard let xy = p.nodes[n.id] else {
        nodes.append(nil)
        continue
      }
      let parent = n.cluster.flatMap { clusters[$0] } ?? g
      let node = withMutableCString("n\(i)") { agnode(parent, $0, 1) }
      nodes.append(node)
      guard let node else { continue }
      setNode(UnsafeMutableRawPointer(node), n, index: i)
      set(UnsafeMutableRawPointer(node), "pos", point(xy.x, xy.y))
    }
    for (i, e) in rg.edges.enumerated() {
      guard e.tail < nodes.count, e.head < nodes.count, let t = nodes[e.tail], let h = nodes[e.head],
        let route = p.edges[PinnedLayout.edgeKey(rg, e)],
        let edge = withMutableCString("e\(i)", { agedge(g, t, h, $0, 1) })
      else { continue }
      let ep = UnsafeMutableRawPointer(edge)
      setEdge(ep, e, index: i)
      set(ep, "pos", route.pos)
      if let lp = route.labelPos { set(ep, "lp", lp) }
    }
    // Two invisible corners fix the drawing's box whatever subset is drawn.
    for (k, xy) in [(0.0, 0.0), (p.width, p.height)].enumerated() {
      guard let a = withMutableCString("corner\(k)", { agnode(g, $0, 1) }) else { continue }
      set(
        UnsafeMutableRawPointer(a),
        [
          ("shape", "point"), ("style", "invis"), ("width", "0.01"), ("height", "0.01"),
          ("pos", point(xy.0, xy.1)), ("label", ""),
        ])
    }
    if !rg.legend.isEmpty { addGlyphLegend(rg.legend, at: p.legendOrigin, scale: rg.legendScale, to: g) }
  }

  /// The legend as real glyphs: each entity kind a small node of its shape, fill and border;
  /// each relation style a short edge of its colour, dashing, width and arrowhead; labels from
  /// GapMap's vocabulary left-aligned beside them. Drawn in a cluster whose top-left corner is
  /// `origin`.
  static func addGlyphLegend(
    _ rows: [RenderGraph.LegendRow], at origin: (x: Double, y: Double), scale u: Double,
    to g: UnsafeMutablePointer<Agraph_t>
  ) {
    let (width, height) = legendSize(rows, scale: u)
    guard let sub = withMutableCString("cluster_legend", { agsubg(g, $0, 1) }) else { return }
    set(
      UnsafeMutableRawPointer(sub),
      [
        ("label", "Legend"), ("style", "rounded"), ("color", "#BBBBBB"), ("fontname", Style.font),
        ("fontsize", number(12 * u)), ("id", "legend"), ("class", "legend"),
        ("bb", [origin.x, origin.y - height, origin.x + width, origin.y].map(number).joined(separator: ",")),
      ])
    func node(_ name: String, _ attributes: [(String, String)]) -> UnsafeMutablePointer<Agnode_t>? {
      guard let n = withMutableCString(name, { agnode(sub, $0, 1) }) else { return nil }
      set(UnsafeMutableRawPointer(n), [("id", name), ("fontname", Style.font)] + attributes)
      return n
    }
    for (i, r) in rows.enumerated() {
      let y = origin.y - u * (legendTop + legendRow * (Double(i) + 0.5))
      let x0 = origin.x + 10 * u
      let textX = r.glyph == .heading ? x0 : origin.x + u * legendTextX
      let textW = u * (textWidth(r.text) + 4)
      _ = node(
        "legend_text\(i)",
        [
          ("shape", "plaintext"), ("label", userLabel(r.text) + "\\l"),
          ("fontsize", number(u * (r.glyph == .heading ? 10.5 : 10))),
          ("margin", "0,0"), ("width", number(textW / 72)), ("height", "0.2"), ("fixedsize", "true"),
          ("pos", point(textX + textW / 2, y)),
          ("class", r.glyph == .heading ? "legend_heading" : "legend_text"),
        ])
      switch r.glyph {
      case .heading: break
      case .node(let shape, let fill, let border, let style, let pen):
        _ = node(
          "legend_glyph\(i)",
          [
            ("shape", shape), ("style", style), ("fillcolor", fill), ("color", border),
            ("penwidth", number(pen)),
            ("label", ""), ("width", number(0.42 * u)), ("height", number(0.22 * u)), ("fixedsize", "true"),
            ("pos", point(x0 + 15 * u, y)), ("class", "legend_glyph"),
          ])
      case .edge(let color, let style, let pen, let arrowhead):
        let a = node(
          "legend_from\(i)",
          [
            ("shape", "point"), ("style", "invis"), ("width", "0.01"), ("height", "0.01"), ("label", ""),
            ("pos", point(x0, y)),
          ])
        let b = node(
          "legend_to\(i)",
          [
            ("shape", "point"), ("style", "invis"), ("width", "0.01"), ("height", "0.01"), ("label", ""),
            ("pos", point(x0 + 30 * u, y)),
          ])
        guard let a, let b, let e = withMutableCString("legend_edge\(i)", { agedge(g, a, b, $0, 1) }) else {
          continue
        }
        let tip = x0 + 30 * u
        let end = arrowhead == "none" ? tip : tip - 7 * u
        let xs = [x0, x0 + (end - x0) / 3, x0 + 2 * (end - x0) / 3, end]
        let pos =
          (arrowhead == "none" ? "" : "e,\(point(tip, y)) ") + xs.map { point($0, y) }.joined(separator: " ")
        set(
          UnsafeMutableRawPointer(e),
          [
            ("id", "legend_edge\(i)"), ("class", "legend_glyph"), ("style", style), ("color", color),
            ("penwidth", number(pen)), ("arrowhead", arrowhead), ("arrowsize", number(0.7 * u)), ("pos", pos),
          ])
      }
    }
  }
}
