import CGraphviz
import Foundation
import GapMapModel

/// Graphviz layout engines.
public enum Engine: String, Sendable, CaseIterable {
  case dot, neato, fdp, sfdp, circo, twopi

  /// GapMap's default for a graph size: dot up to 300 nodes, sfdp above (dot takes tens of
  /// seconds on 1,000 random nodes on this machine; sfdp 0.3 s).
  public static func automatic(nodeCount: Int) -> Engine { nodeCount <= 300 ? .dot : .sfdp }
}

/// Output formats, all produced in-process by `gvRenderData`.
public enum DiagramFormat: String, Sendable, CaseIterable {
  case svg, png, pdf, dot, json
}

/// Options that change the bytes of a rendering.
public struct RenderOptions: Sendable {
  public var engine: Engine?
  /// Seed for the force-directed engines (`start`).
  public var seed: UInt64 = 1
  /// Resolution of PNG output.
  public var dpi: Double = 96
  public init() {}
}

/// A figure that cannot be made: a Graphviz failure (layout or rendering), with the library's
/// own message, a bad style file, or diagram options that do not fit the dataset.
public struct RenderError: Error, Sendable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// The diagram option that does not fit the dataset, if that is the problem (a front end can
  /// name its own option for it).
  public var problem: Problem?

  /// A ``DiagramOptions`` setting that does not fit the dataset.
  public enum Problem: Sendable, Hashable {
    /// ``DiagramOptions/focus`` names no entity (the id).
    case unknownFocus(String)
    /// ``DiagramOptions/facility`` names no facility (the id).
    case notAFacility(String)
    /// A facility's chain is drawn as of a date: ``DiagramOptions/at`` is not set and the
    /// dataset has no `as_of`.
    case facilityNeedsDate
  }

  public init(_ message: String, problem: Problem? = nil) {
    self.message = message
    self.problem = problem
  }

  public var description: String { message }
}

/// Lays out and renders a ``RenderGraph`` through libgvc, in-process, under the process-wide
/// lock. Graphs are built only through the cgraph API, with attribute names from a fixed
/// allow-list and every user string escaped for Graphviz's escString rules.
public enum Renderer {
  /// Attribute names GapMap sets. Anything else (image, shapefile, stylesheet, fontpath, URL,
  /// href, …) is never set.
  static let allowed: Set<String> = [
    "label", "labelloc", "labeljust", "fontname", "fontsize", "fontcolor", "rankdir", "bgcolor", "pad",
    "nodesep", "ranksep", "overlap", "splines", "start", "nslimit", "nslimit1", "mclimit", "outputorder",
    "dpi", "shape", "style", "fillcolor", "color", "penwidth", "width", "height", "fixedsize", "class", "id",
    "arrowhead", "arrowsize", "margin", "K", "maxiter", "sep", "esep", "concentrate", "newrank",
    "peripheries", "pos", "bb", "lp", "nojustify", "constraint",
  ]

  /// The escString-safe form of user text: backslashes doubled (so `\N`, `\G`, `\l` stay
  /// literal), `&` as `&amp;` (plain labels decode entities), line feeds as `\n`, and every
  /// character XML cannot hold (C0 controls, U+FFFE, U+FFFF) as U+FFFD, since Graphviz copies
  /// label text into its SVG.
  public static func escapeLabel(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
      switch u {
      case "\\": out += "\\\\"
      case "&": out += "&amp;"
      case "\n": out += "\\n"
      case "\r", "\t": out += " "
      case _ where !TextSafety.isXMLChar(u): out.unicodeScalars.append("\u{FFFD}")
      default: out.unicodeScalars.append(u)
      }
    }
    return out
  }

  /// User text for a label: each line bidi-isolated (U+2068…U+2069, controls shown visibly, so
  /// an RLO cannot reorder what follows it) and escaped.
  static func userLabel(_ s: String) -> String {
    escapeLabel(
      s.split(separator: "\n", omittingEmptySubsequences: false).map { TextSafety.isolated(String($0)) }
        .joined(separator: "\n"))
  }

  /// Text for an HTML-like label built from GapMap's own template: XML-escaped.
  static func escapeHTML(_ s: String) -> String { SVGPostProcessor.xmlEscape(s) }

  /// Renders `graph` to `format`.
  /// - Throws: ``RenderError`` with Graphviz's message when layout or rendering fails.
  public static func render(
    _ graph: RenderGraph, format: DiagramFormat, options: RenderOptions = RenderOptions()
  )
    throws(RenderError) -> [UInt8]
  {
    let engine = options.engine ?? graph.preferredEngine ?? Engine.automatic(nodeCount: graph.nodes.count)
    if engine == .dot && graph.composed {
      return try render(graph, format: format, options: options, pinned: layout(graph, options: options))
    }
    var graph = graph
    if graph.arranged {
      // The jurisdiction arrangement is for composed dot figures; the force-directed engines
      // lay the same figure out without its clusters.
      for i in graph.nodes.indices { graph.nodes[i].cluster = nil }
      graph.sideClusters = []
    }
    let result: Result<[UInt8], RenderError> = Graphviz.withContext { gvc in
      Graphviz.resetErrors()
      let desc = graph.directed ? gapmap_directed() : gapmap_undirected()
      guard let g = withMutableCString("G", { agopen($0, desc, nil) }) else {
        return .failure(RenderError("Graphviz could not create a graph"))
      }
      defer { agclose(g) }
      build(graph, into: g, engine: engine, options: vectorDPI(options, format))
      return layOutAndRender(gvc, g, engine: engine.rawValue, format: format, seed: options.seed)
    }
    return try result.get()
  }

  /// Lays `g` out with `engine` and renders it to `format`. Some engines (sfdp, the neato
  /// plugin) draw from the C library's generators beyond `start`: they are reseeded first, so a
  /// second render in the same process gives the same bytes.
  static func layOutAndRender(
    _ gvc: OpaquePointer, _ g: UnsafeMutablePointer<Agraph_t>, engine: String, format: DiagramFormat,
    seed: UInt64
  ) -> Result<[UInt8], RenderError> {
    Graphviz.resetErrors()
    reseed(seed)
    let rc = gvLayout(gvc, g, engine)
    if rc != 0 || Graphviz.hasError {
      return .failure(RenderError("Graphviz layout (\(engine)) failed: \(Graphviz.messages)"))
    }
    defer { gvFreeLayout(gvc, g) }
    var data: UnsafeMutablePointer<CChar>? = nil
    var length: UInt32 = 0
    let renderer = format == .png ? "png:cairo" : (format == .pdf ? "pdf:cairo" : format.rawValue)
    let rrc = gvRenderData(gvc, g, renderer, &data, &length)
    if rrc != 0 || Graphviz.hasError {
      return .failure(RenderError("Graphviz could not render \(format.rawValue): \(Graphviz.messages)"))
    }
    guard let data else { return .failure(RenderError("Graphviz returned no \(format.rawValue) data")) }
    let bytes = data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) {
      Array(UnsafeBufferPointer(start: $0, count: Int(length)))
    }
    gvFreeRenderData(data)
    return .success(bytes)
  }

  /// `dpi` matters for PNG only; Graphviz 2.42 writes an SVG's viewBox in points but scales its
  /// content by dpi/72, so any other dpi would clip the SVG: vector formats are drawn at 72.
  static func vectorDPI(_ options: RenderOptions, _ format: DiagramFormat) -> RenderOptions {
    var o = options
    if format != .png { o.dpi = 72 }
    return o
  }

  /// Sets an allow-listed attribute on a graph, node or edge.
  static func set(_ object: UnsafeMutableRawPointer, _ name: String, _ value: String) {
    precondition(allowed.contains(name), "attribute \(name) is not on GapMap's allow-list")
    withMutableCString(name) { n in
      withMutableCString(value) { v in
        withMutableCString("") { d in _ = agsafeset(object, n, v, d) }
      }
    }
  }

  /// Sets several allow-listed attributes, in order.
  static func set(_ object: UnsafeMutableRawPointer, _ attributes: [(String, String)]) {
    for (name, value) in attributes { set(object, name, value) }
  }

  static func number(_ x: Double) -> String { String(format: "%.3f", x) }

  /// The cgraph objects made for a ``RenderGraph``'s nodes, edges (in order) and clusters.
  struct Handles {
    var nodes: [UnsafeMutablePointer<Agnode_t>?] = []
    var edges: [UnsafeMutablePointer<Agedge_t>?] = []
    var clusters: [String: UnsafeMutablePointer<Agraph_t>] = [:]
  }

  @discardableResult
  static func build(
    _ rg: RenderGraph, into g: UnsafeMutablePointer<Agraph_t>, engine: Engine, options: RenderOptions,
    decorated: Bool = true
  ) -> Handles {
    var handles = Handles()
    let graph = UnsafeMutableRawPointer(g)
    set(graph, "fontname", Style.font)
    set(graph, "fontsize", number(rg.textSize))
    set(graph, "bgcolor", "white")
    set(graph, "pad", "0.3")
    set(graph, "outputorder", "edgesfirst")
    set(graph, "dpi", number(options.dpi))
    if decorated && (!rg.title.isEmpty || !rg.caption.isEmpty) {
      let lines = ([rg.title] + rg.caption).filter { !$0.isEmpty }.map(userLabel)
      set(graph, "label", lines.joined(separator: "\\l") + "\\l")
      set(graph, "labelloc", "t")
      set(graph, "labeljust", "l")
    }
    switch engine {
    case .dot:
      set(graph, "rankdir", rg.rankdir)
      // Overviews (many small glyphs) are packed tighter than chains.
      let dense = rg.nodes.count > 40
      set(graph, "nodesep", dense ? "0.05" : "0.18")
      set(graph, "ranksep", dense ? "0.3" : "0.5")
      set(graph, "newrank", "true")
      if rg.nodes.count > 250 {
        set(graph, "nslimit", "1")
        set(graph, "nslimit1", "1")
        set(graph, "mclimit", "0.1")
        set(graph, "splines", "line")
      }
    case .neato, .fdp, .sfdp:
      set(graph, "start", String(options.seed % 1_000_000_007))
      set(graph, "overlap", "prism")
      set(graph, "sep", "+6")
      set(graph, "splines", rg.nodes.count > 300 ? "line" : "true")
    case .circo, .twopi:
      set(graph, "overlap", "false")
      set(graph, "splines", "true")
    }
    // Clusters (sorted keys for determinism).
    var clusters: [String: UnsafeMutablePointer<Agraph_t>] = [:]
    for (i, key) in Set(rg.nodes.compactMap(\.cluster)).sorted().enumerated() {
      guard let sub = withMutableCString("cluster_\(i)", { agsubg(g, $0, 1) }) else { continue }
      set(
        UnsafeMutableRawPointer(sub),
        [
          ("label", userLabel(rg.clusterLabels[key] ?? key)), ("style", "rounded"),
          ("color", rg.sideClusters.contains(key) ? "#CCCCCC" : "#999999"),
          ("fontname", Style.font),
          ("fontsize", number(rg.sideClusters.contains(key) ? rg.textSize : max(30, 1.5 * rg.textSize))),
        ])
      clusters[key] = sub
    }
    handles.clusters = clusters
    var nodes: [UnsafeMutablePointer<Agnode_t>?] = []
    for (i, n) in rg.nodes.enumerated() {
      let parent = n.cluster.flatMap { clusters[$0] } ?? g
      let node = withMutableCString("n\(i)") { agnode(parent, $0, 1) }
      nodes.append(node)
      guard let node else { continue }
      setNode(UnsafeMutableRawPointer(node), n, index: i)
    }
    handles.nodes = nodes
    for (i, e) in rg.edges.enumerated() {
      guard e.tail < nodes.count, e.head < nodes.count, let t = nodes[e.tail], let h = nodes[e.head],
        let edge = withMutableCString("e\(i)", { agedge(g, t, h, $0, 1) })
      else {
        handles.edges.append(nil)
        continue
      }
      handles.edges.append(edge)
      setEdge(UnsafeMutableRawPointer(edge), e, index: i)
    }
    if decorated && !rg.legend.isEmpty { addLegend(rg.legend, to: g) }
    return handles
  }

  /// A node's attributes (GapMap's grammar, user text escaped).
  static func setNode(_ p: UnsafeMutableRawPointer, _ n: RenderGraph.Node, index i: Int) {
    set(p, "id", "n\(i)")
    set(p, "label", userLabel(n.label))
    set(p, "shape", n.shape)
    set(p, "style", n.style)
    set(p, "fillcolor", n.fillColor)
    set(p, "color", n.borderColor)
    set(p, "fontcolor", n.fontColor)
    set(p, "fontname", Style.font)
    set(p, "fontsize", number(n.fontSize))
    set(p, "penwidth", number(n.penWidth))
    set(p, "class", n.cssClass)
    set(p, "margin", "0.08,0.04")
    if let w = n.width {
      set(p, "width", number(w))
      set(p, "height", number(w * 0.55))
    }
  }

  /// An edge's attributes.
  static func setEdge(_ p: UnsafeMutableRawPointer, _ e: RenderGraph.Edge, index i: Int) {
    set(p, "id", "e\(i)")
    set(p, "style", e.style)
    set(p, "color", e.color)
    set(p, "penwidth", number(e.penWidth))
    set(p, "class", e.cssClass)
    set(p, "arrowhead", e.arrowhead)
    set(p, "arrowsize", "0.7")
    set(p, "fontname", Style.font)
    set(p, "fontsize", "9")
    if let label = e.label { set(p, "label", userLabel(label)) }
    if !e.constraint { set(p, "constraint", "false") }
  }

  /// The legend: one node with an HTML-like table built from GapMap's template; its words come
  /// from the kind vocabulary (ids, validated) and its colours from the palette, all escaped.
  static func addLegend(_ rows: [RenderGraph.LegendRow], to g: UnsafeMutablePointer<Agraph_t>) {
    guard let sub = withMutableCString("cluster_legend", { agsubg(g, $0, 1) }) else { return }
    set(
      UnsafeMutableRawPointer(sub),
      [
        ("label", "Legend"), ("style", "rounded"), ("color", "#BBBBBB"), ("fontname", Style.font),
        ("fontsize", "12"),
      ])
    guard let node = withMutableCString("legend", { agnode(sub, $0, 1) }) else { return }
    let p = UnsafeMutableRawPointer(node)
    set(
      p,
      [
        ("id", "legend"), ("shape", "plain"), ("class", "legend"), ("fontname", Style.font),
        ("fontsize", "10"),
      ])
    var html = #"<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="1">"#
    for r in rows {
      // The force-directed engines' legend: a colour swatch per row (composed dot figures draw
      // the real glyphs instead).
      let color: String
      switch r.glyph {
      case .node(_, let fill, _, _, _): color = fill
      case .edge(let c, _, _, _): color = c
      case .heading: color = "#FFFFFF"
      }
      html += #"<TR><TD WIDTH="14" HEIGHT="10" BGCOLOR="\#(escapeHTML(color))"> </TD>"#
      html += #"<TD ALIGN="LEFT">\#(escapeHTML(r.text))</TD></TR>"#
    }
    html += "</TABLE>"
    withMutableCString("label") { n in
      withMutableCString("") { d in
        withMutableCString(html) { v in
          let htmlValue = agstrdup_html(g, v)
          _ = agsafeset(p, n, htmlValue, d)
          agstrfree(g, htmlValue)
        }
      }
    }
  }
}
