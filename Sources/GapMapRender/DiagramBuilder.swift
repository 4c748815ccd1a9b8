import GapMapAlgorithms
import GapMapGraph
import GapMapMetrics
import GapMapModel

/// Turns a dataset into a ``RenderGraph`` with GapMap's visual grammar.
///
/// ```swift
/// var options = DiagramOptions()
/// options.focus = ("serco", 1)
/// let figure = try DiagramBuilder.build(dataset, options: options)
/// let svg = try Renderer.render(figure, format: .svg)
/// ```
public struct DiagramOptions: Sendable {
  public enum ColorBy: String, Sendable, CaseIterable { case kind, country, community, gap }
  public enum AggregateBy: String, Sendable, CaseIterable { case kind, country, community }
  public enum ClusterBy: String, Sendable, CaseIterable { case country, kind }
  public enum EdgeLabels: String, Sendable, CaseIterable { case none, value, function, kind }

  public var style = Style()
  public var colorBy = ColorBy.kind
  public var clusterBy: ClusterBy?
  public var sizeBy: Measure?
  public var edgeLabels = EdgeLabels.none
  /// Ego network: the entity and everything within `depth` relations of it (either direction).
  public var focus: (id: String, depth: Int)?
  /// A facility's responsibility chain: everything with a delegates/contracts/subcontracts/
  /// funds/operates path to it, plus the bodies that oversee it, its remedies and its state.
  public var facility: String?
  public var title: String?
  public var legend = true
  public var rankdir = "LR"
  public var seed: UInt64 = 1
  /// For `--color-by gap`: the date, evidence level and weights of the metrics.
  public var at: PartialDate?
  public var evidence = Evidence.possible
  public var weights = GapWeights.standard
  /// The inference rules of the metrics (for `--color-by gap` and facility chains).
  public var rules = InferenceRules.all
  /// Above this many entities an aggregated view is drawn unless ``full``.
  public var aggregateAbove = 2000
  public var full = false
  /// How to aggregate (default: kind and country, or communities for plain graphs).
  public var aggregateBy: AggregateBy?
  /// The overview's arrangement (no focus, facility or --cluster-by): the connected part in
  /// clusters per jurisdiction, isolated entities and small components beside it by kind.
  public var byJurisdiction = true
  /// Which nodes of an overview carry their name: all, or (above ``keyLabelsAbove`` entities)
  /// only the key ones — states, facilities and the entities with at least ``keyDegree``
  /// relations in the figure — the others are small glyphs named by their tooltip.
  public var labels = Labels.key
  public enum Labels: String, Sendable, CaseIterable { case all, key }
  public var keyLabelsAbove = 40
  public var keyDegree = 5

  public init() {}
}

public enum DiagramBuilder {
  /// Builds the figure.
  /// - Throws: ``RenderError`` with a ``RenderError/Problem`` for an unknown focus or facility
  ///   id, or a facility without a date.
  public static func build(_ dataset: Dataset, options: DiagramOptions = DiagramOptions()) throws(RenderError)
    -> RenderGraph
  {
    var d = dataset
    var highlighted = Set<String>()
    var possibleLinks = Set<String>()
    if let (id, depth) = options.focus {
      guard d.entities.contains(where: { $0.id == id }) else {
        throw RenderError("unknown entity \"\(id)\" as the focus", problem: .unknownFocus(id))
      }
      let keep = neighbourhood(d, of: id, depth: depth)
      d.entities = d.entities.filter { keep.contains($0.id) }
      d.relations = d.relations.filter { keep.contains($0.source) && keep.contains($0.target) }
      highlighted.insert(id)
    }
    if let f = options.facility {
      guard let e = d.entities.first(where: { $0.id == f }), e.kind == .facility else {
        throw RenderError("\"\(f)\" is not a facility of this dataset", problem: .notAFacility(f))
      }
      guard let at = options.at ?? d.metadata.asOf else {
        throw RenderError(
          "a facility's chain is drawn as of a date: set one (the dataset has no as_of)",
          problem: .facilityNeedsDate)
      }
      let net = AccountabilityNetwork(d, at: at, evidence: options.evidence, rules: options.rules)
      let c = FacilityFigure(net, facility: f)
      d.entities = d.entities.filter { c.entities.contains($0.id) }
      d.relations = d.relations.filter { c.relations.contains($0.id) }
      possibleLinks = c.possible
      highlighted.formUnion(c.dominators)
      highlighted.insert(f)
    }
    if d.entities.count > options.aggregateAbove && !options.full {
      return aggregate(d, options: options)
    }
    var options = options
    options.style = options.style.assigningCustomKinds(
      entityKinds: d.entities.map(\.kind.rawValue), relationKinds: d.relations.map(\.kind.rawValue))
    var rg = RenderGraph()
    rg.rankdir = options.rankdir
    let sourceCount = Set(d.relations.flatMap(\.sources)).count
    rg.title = options.title ?? d.metadata.title ?? ""
    var caption: [String] = []
    caption.append(
      "\(d.entities.count) entities, \(d.relations.count) relations citing \(sourceCount) sources"
        + ((options.at ?? d.metadata.asOf).map { ", as of \($0)" } ?? ""))
    if let t = d.metadata.title, options.title != nil { caption.append("Data: \(t)") }
    rg.caption = caption
    rg.description =
      "Network diagram of \(d.entities.count) entities and \(d.relations.count) relations"
      + (d.metadata.title.map { " from \"\($0)\"" } ?? "") + "."

    // Node colours.
    let index = Dictionary(d.entities.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    var categoryColor: [String: String] = [:]
    var categoryOf: [String] = []
    switch options.colorBy {
    case .kind: categoryOf = d.entities.map(\.kind.rawValue)
    case .country: categoryOf = d.entities.map { $0.country.known ?? "unknown" }
    case .community:
      let g = Projection(d, directed: false).graph
      let c = g.louvain(seed: options.seed)
      categoryOf = c.membership.map { "community \($0)" }
    case .gap:
      categoryOf = d.entities.map(\.kind.rawValue)
    }
    var gaps: [String: Composite] = [:]
    if options.colorBy == .gap {
      let at = options.at ?? d.metadata.asOf
      if let at,
        let analysis = try? GapAnalysis(
          AccountabilityNetwork(d, at: at, evidence: options.evidence), weights: options.weights)
      {
        for f in analysis.facilities { gaps[f.id] = f.composite }
      }
    }
    if options.colorBy != .kind && options.colorBy != .gap {
      for (i, c) in Array(Set(categoryOf)).sorted().enumerated() {
        categoryColor[c] =
          c == "unknown" ? "#FFFFFF" : options.style.categorical[i % options.style.categorical.count]
      }
    }
    // Sizes.
    var sizes: [Double]?
    if let m = options.sizeBy {
      let g = Projection(d).graph
      if let values = try? g.measures([m]).first {
        let finite = values.map { $0.isFinite ? $0 : 0 }
        let top = finite.max() ?? 0
        sizes = finite.map { top > 0 ? 0.7 + 1.5 * ($0 / top).squareRoot() : 0.7 }
      }
    }
    // Sources behind each entity: its own plus those of the relations touching it.
    var cited: [String: Set<String>] = [:]
    for e in d.entities { cited[e.id, default: []].formUnion(e.sources) }
    for r in d.relations {
      cited[r.source, default: []].formUnion(r.sources)
      cited[r.target, default: []].formUnion(r.sources)
    }
    let sourcesOf = cited.mapValues(\.count)
    for (i, e) in d.entities.enumerated() {
      let ks = options.style.node(e.kind.rawValue)
      let fill: String
      var gapNote = ""
      switch options.colorBy {
      case .kind: fill = ks.fill
      case .gap:
        if let c = gaps[e.id], let g = c.gap {
          fill = c.insufficientEvidence ? DiagramBuilder.undecidedFill : DiagramBuilder.gapColor(g.low)
          gapNote =
            ", gap \(g) (κ \(Interval.format(c.knownShare)))"
            + (c.insufficientEvidence ? ", insufficient evidence" : "")
        } else {
          fill = e.kind == .facility ? DiagramBuilder.undecidedFill : "#FFFFFF"
        }
      default: fill = categoryColor[categoryOf[i]] ?? "#FFFFFF"
      }
      let pmsc = e.pmsc.known == true
      var n = RenderGraph.Node(
        id: e.id, label: wrap(DiagramBuilder.shortened(e.name)),
        tooltip: "\(TextSafety.isolated(e.name)) (\(e.kind)), \(sourcesOf[e.id] ?? 0) sources" + gapNote,
        cssClass: e.kind.rawValue + (pmsc ? " pmsc" : ""), shape: ks.shape, fillColor: fill,
        borderColor: highlighted.contains(e.id) ? "#000000" : (pmsc ? "#7A4F00" : "#555555"),
        fontColor: options.colorBy == .kind ? ks.font : (Style.isDark(fill) ? "#FFFFFF" : "#000000"))
      n.penWidth = highlighted.contains(e.id) ? 3.5 : (pmsc ? 2 : 1)
      if options.colorBy == .gap {
        // Two-tone: the fill is the low bound, a thick outline the high bound; undecided
        // facilities are grey with a dashed outline and say so in their label.
        if let c = gaps[e.id], let g = c.gap {
          n.borderColor = DiagramBuilder.gapColor(g.high)
          n.penWidth = 5
          if c.insufficientEvidence {
            n.style = "filled,dashed"
            n.label += "\n" + DiagramBuilder.gapMarks[0]
          }
        } else if e.kind == .facility {
          n.style = "filled,dashed"
          n.borderColor = "#000000"
          n.penWidth = 2
          n.label += "\n" + DiagramBuilder.gapMarks[1]
        } else {
          n.borderColor = "#AAAAAA"
          n.fontColor = "#555555"
        }
      }
      n.width = sizes?[i]
      switch options.clusterBy {
      case .country?: n.cluster = e.country.known ?? "no country"
      case .kind?: n.cluster = e.kind.rawValue
      case nil: break
      }
      rg.nodes.append(n)
    }
    if options.clusterBy != nil {
      for key in Set(rg.nodes.compactMap(\.cluster)) { rg.clusterLabels[key] = key }
    }
    // Edges: parallel relations of one kind between a pair become one edge listing them all.
    var groups: [String: [Relation]] = [:]
    var order: [String] = []
    for r in d.relations {
      let key = "\(r.source)\u{0}\(r.target)\u{0}\(r.kind.rawValue)"
      if groups[key] == nil { order.append(key) }
      groups[key, default: []].append(r)
    }
    for key in order {
      guard let rs = groups[key], let r = rs.first, let t = index[r.source], let h = index[r.target] else {
        continue
      }
      var es = options.style.edge(r.kind.rawValue)
      let certainty = DiagramBuilder.certaintyStyle(rs.map(\.evidence).min() ?? .confirmed)
      let scopeUnknown = rs.allSatisfy { possibleLinks.contains($0.id) }
      if scopeUnknown {
        es.style = "dotted"
        es.color = DiagramBuilder.possibleColor
      }
      let label: String? = {
        if scopeUnknown { return "scope unknown" }
        switch options.edgeLabels {
        case .none: return nil
        case .kind: return r.kind.rawValue
        case .function: return rs.compactMap { $0.function.known?.rawValue }.first
        case .value:
          return rs.compactMap { x in
            x.value.known.map { Scalars.formatNumber($0) + (x.currency.known.map { " " + $0 } ?? "") }
          }.first
        }
      }()
      rg.edges.append(
        RenderGraph.Edge(
          id: rs.map(\.id).joined(separator: " "), tail: t, head: h, cssClass: r.kind.rawValue,
          style: es.style == "solid" ? certainty : es.style, color: es.color, penWidth: es.width,
          label: label,
          tooltip:
            "\(r.kind.rawValue): \(TextSafety.isolated(r.source)) → \(TextSafety.isolated(r.target)) (\(rs.count) relation\(rs.count == 1 ? "" : "s"), "
            + "\(Set(rs.flatMap(\.sources)).count) sources)"
            + (scopeUnknown ? "; possible link: its facilities scope is unknown" : ""),
          arrowhead: es.arrowhead))
    }
    if options.clusterBy == nil && options.byJurisdiction && options.focus == nil && options.facility == nil {
      arrangeByJurisdiction(d, &rg)
      if options.labels == .key && rg.nodes.count > options.keyLabelsAbove {
        keepKeyLabels(d, &rg, degree: options.keyDegree)
        // Fewer, larger labels: readable when the figure is shown at a report's column width.
        for i in rg.nodes.indices where !rg.nodes[i].label.isEmpty {
          rg.nodes[i].fontSize = DiagramBuilder.overviewText
          // The name, wrapped narrower and cut after three lines (the tooltip has it whole), and
          // any "(undecided)" mark of --color-by gap.
          let marks = rg.nodes[i].label.split(separator: "\n").filter {
            DiagramBuilder.gapMarks.contains(String($0))
          }
          let lines = wrap(DiagramBuilder.shortened(d.entities[i].name), width: 13).split(separator: "\n")
          var shown = lines.prefix(3).map(String.init)
          if lines.count > 3 { shown[2] += "…" }
          rg.nodes[i].label = (shown + marks.map(String.init)).joined(separator: "\n")
        }
        rg.legendScale = DiagramBuilder.overviewText / 10
        rg.textSize = DiagramBuilder.overviewText
      }
    }
    if options.legend {
      rg.legend = legend(
        d, rg, options: options, categoryColor: categoryColor, highlighted: !highlighted.isEmpty)
      if rg.edges.contains(where: { $0.label == "scope unknown" }) {
        rg.legend.append(
          .init(
            .edge(color: DiagramBuilder.possibleColor, style: "dotted", penWidth: 1.4, arrowhead: "normal"),
            "possible link (scope unknown)"))
      }
    }
    return rg
  }

  /// The size of every text of an overview with key labels: at least 9 pt (12 CSS px) on screen
  /// when the figure fills a 1,352 px column (tested).
  static let overviewText = 23.0

  /// Certainty is told by dashing alone: confirmed solid, reported dashed, possible (and
  /// alleged) dotted.
  static func certaintyStyle(_ e: Evidence) -> String {
    switch e {
    case .confirmed: return "solid"
    case .reported: return "dashed"
    case .possible, .alleged: return "dotted"
    }
  }

  /// The marks `--color-by gap` adds under a facility's name (a name may itself end in a
  /// parenthesis, such as "Transfield Services (later Broadspectrum)").
  static let gapMarks = ["(undecided)", "(not scored)"]

  /// Facilities the metrics cannot decide (insufficient evidence, or not scored).
  static let undecidedFill = "#9A9A9A"

  /// The overview's arrangement: the largest connected part (and any part of four or more
  /// entities) in clusters per jurisdiction — an entity's own country, a company's the one
  /// country of the public bodies, facilities and mechanisms it is linked to (companies linked to
  /// several stay between the clusters, so cross-border links show) — and isolated entities
  /// (grouped by kind) and small components beside it.
  static func arrangeByJurisdiction(_ d: Dataset, _ rg: inout RenderGraph) {
    let n = rg.nodes.count
    guard n > 0 else { return }
    var adj = [[Int]](repeating: [], count: n)
    for e in rg.edges where e.tail != e.head {
      adj[e.tail].append(e.head)
      adj[e.head].append(e.tail)
    }
    var comp = [Int](repeating: -1, count: n)
    var sizes: [Int] = []
    for s in 0..<n where comp[s] < 0 {
      var stack = [s]
      comp[s] = sizes.count
      var size = 0
      while let v = stack.popLast() {
        size += 1
        for w in adj[v] where comp[w] < 0 {
          comp[w] = sizes.count
          stack.append(w)
        }
      }
      sizes.append(size)
    }
    let largest = sizes.max() ?? 0
    let order = EntityKind.builtIn.map(\.rawValue)
    var side: [String] = []
    for (i, e) in d.entities.enumerated() where i < n {
      let size = sizes[comp[i]]
      if size == largest || size >= 4 {
        var home = e.country.known
        if e.kind == .company {
          let homes = Set(
            adj[i].compactMap { j -> String? in
              d.entities[j].kind == .company ? nil : d.entities[j].country.known
            })
          home = homes.count == 1 ? homes.first : nil
        }
        if let home {
          rg.nodes[i].cluster = "jurisdiction " + home
          rg.clusterLabels["jurisdiction " + home] = home
        }
      } else if size == 1 {
        let key = "unconnected " + e.kind.rawValue
        rg.nodes[i].cluster = key
        rg.clusterLabels[key] = "Unconnected: \(e.kind.rawValue)"
        if !side.contains(key) { side.append(key) }
      } else {
        rg.nodes[i].cluster = "small groups"
        rg.clusterLabels["small groups"] = "Small groups"
        if !side.contains("small groups") { side.append("small groups") }
      }
    }
    func rank(_ key: String) -> (Int, String) {
      if key == "small groups" { return (-1, key) }
      let kind = String(key.dropFirst("unconnected ".count))
      return (order.firstIndex(of: kind) ?? order.count, kind)
    }
    rg.sideClusters = side.sorted { rank($0) < rank($1) }
    rg.arranged = true
    // Only the chain of delegation, contracting, funding and operation, and oversight, ranks
    // the drawing; context relations are drawn without stretching it.
    let ranking: Set<String> = [
      "delegates", "contracts", "subcontracts", "funds", "operates", "owns", "oversees",
    ]
    for i in rg.edges.indices where !ranking.contains(rg.edges[i].cssClass) { rg.edges[i].constraint = false }
  }

  /// Names only the key nodes (states, facilities, and those with at least `degree` relations
  /// drawn); the others become small glyphs of their shape, named by their tooltip.
  static func keepKeyLabels(_ d: Dataset, _ rg: inout RenderGraph, degree: Int) {
    var deg = [Int](repeating: 0, count: rg.nodes.count)
    for e in rg.edges {
      deg[e.tail] += 1
      deg[e.head] += 1
    }
    for (i, e) in d.entities.enumerated() where i < rg.nodes.count {
      if e.kind == .state || e.kind == .facility || deg[i] >= degree { continue }
      rg.nodes[i].label = ""
      rg.nodes[i].width = 0.32
    }
  }

  /// Possible links (unscoped contracts that may serve the facility) are dotted and grey.
  static let possibleColor = "#8C8C8C"

  /// `--color-by gap`: a single-hue sequential palette (ColorBrewer Oranges, safe for colour
  /// vision deficiencies) over the gap's low bound, the demonstrable figure.
  static let gapPalette = ["#FEEDDE", "#FDBE85", "#FD8D3C", "#E6550D", "#A63603"]
  static let gapBreaks = [0.0, 0.2, 0.4, 0.6, 0.8]

  static func gapColor(_ v: Double) -> String {
    let i = gapBreaks.lastIndex { v >= $0 - 1e-12 } ?? 0
    return gapPalette[i]
  }

  /// At most this many characters of a name in a figure; the tooltip keeps it whole.
  static let labelLimit = 80

  /// A name cut to ``labelLimit`` characters with an ellipsis, so one long name cannot widen a
  /// figure past what a page or a bitmap can hold.
  static func shortened(_ s: String) -> String {
    s.count <= labelLimit ? s : String(s.prefix(labelLimit - 1)) + "…"
  }

  /// Breaks long names onto lines of about 22 characters.
  static func wrap(_ s: String, width: Int = 22) -> String {
    var lines: [String] = []
    var line = ""
    for word in s.split(separator: " ", omittingEmptySubsequences: false) {
      if !line.isEmpty && line.count + word.count + 1 > width {
        lines.append(line)
        line = String(word)
      } else {
        line = line.isEmpty ? String(word) : line + " " + word
      }
    }
    lines.append(line)
    return lines.joined(separator: "\n")
  }

  /// The legend: only what the figure shows, each row with its real glyph.
  static func legend(
    _ d: Dataset, _ rg: RenderGraph, options: DiagramOptions, categoryColor: [String: String],
    highlighted: Bool
  ) -> [RenderGraph.LegendRow] {
    var rows: [RenderGraph.LegendRow] = []
    let kinds = Set(d.entities.map(\.kind))
    let kindOrder = EntityKind.builtIn.filter(kinds.contains) + kinds.filter({ !$0.isBuiltIn }).sorted()
    if options.colorBy == .gap {
      rows.append(.init(.heading, "Facility gap"))
      let present = Set(rg.nodes.filter { $0.cssClass.hasPrefix("facility") }.map(\.fillColor))
      for (i, bound) in DiagramBuilder.gapBreaks.enumerated()
      where present.contains(DiagramBuilder.gapPalette[i]) {
        let upper = i + 1 < DiagramBuilder.gapBreaks.count ? DiagramBuilder.gapBreaks[i + 1] : 1
        rows.append(
          .init(
            .node(
              shape: "house", fill: DiagramBuilder.gapPalette[i], border: DiagramBuilder.gapPalette[i],
              style: "filled", penWidth: 1),
            "fill: low bound \(Interval.format(bound))–\(Interval.format(upper))"))
      }
      rows.append(
        .init(
          .node(
            shape: "house", fill: "#FFFFFF", border: DiagramBuilder.gapPalette[4], style: "filled",
            penWidth: 5),
          "outline: high bound"))
      if rg.nodes.contains(where: { $0.fillColor == DiagramBuilder.undecidedFill }) {
        rows.append(
          .init(
            .node(
              shape: "house", fill: DiagramBuilder.undecidedFill, border: "#000000", style: "filled,dashed",
              penWidth: 2),
            "grey, dashed: undecided"))
      }
      if rg.nodes.contains(where: { !$0.cssClass.hasPrefix("facility") }) {
        rows.append(
          .init(
            .node(shape: "box", fill: "#FFFFFF", border: "#AAAAAA", style: "filled", penWidth: 1),
            "other entity"))
      }
    } else if options.colorBy == .kind {
      rows.append(.init(.heading, "Entities"))
      for k in kindOrder {
        let s = options.style.node(k.rawValue)
        rows.append(
          .init(
            .node(shape: s.shape, fill: s.fill, border: "#555555", style: "filled", penWidth: 1), k.rawValue))
      }
      if d.entities.contains(where: { $0.pmsc.known == true }) {
        let s = options.style.node("company")
        rows.append(
          .init(
            .node(shape: s.shape, fill: s.fill, border: "#7A4F00", style: "filled", penWidth: 2),
            "PMSC (bold border)"))
      }
    } else {
      rows.append(.init(.heading, options.colorBy.rawValue))
      for (c, color) in categoryColor.sorted(by: { $0.key < $1.key }) {
        rows.append(
          .init(.node(shape: "box", fill: color, border: "#555555", style: "filled", penWidth: 1), c))
      }
    }
    if highlighted {
      rows.append(
        .init(
          .node(shape: "box", fill: "#FFFFFF", border: "#000000", style: "filled", penWidth: 3.5),
          options.facility != nil ? "black outline: single point of accountability" : "black outline: focus"))
    }
    let rkinds = Set(d.relations.map(\.kind))
    let relationOrder =
      RelationKind.builtIn.filter(rkinds.contains) + rkinds.filter({ !$0.isBuiltIn }).sorted()
    if !relationOrder.isEmpty { rows.append(.init(.heading, "Relation kind")) }
    for k in relationOrder {
      let s = options.style.edge(k.rawValue)
      rows.append(
        .init(
          .edge(color: s.color, style: s.style, penWidth: max(1, s.width), arrowhead: s.arrowhead), k.rawValue
        ))
    }
    let evidence = Set(d.relations.map { certaintyStyle($0.evidence) })
    if evidence.count > 1 || evidence.contains(where: { $0 != "solid" }) {
      rows.append(.init(.heading, "Certainty"))
      for (style, text) in [("solid", "confirmed"), ("dashed", "reported"), ("dotted", "possible")]
      where evidence.contains(style) {
        rows.append(.init(.edge(color: "#555555", style: style, penWidth: 1.4, arrowhead: "normal"), text))
      }
    }
    return rows
  }

  /// Entities within `depth` relations of `id`, either direction.
  static func neighbourhood(_ d: Dataset, of id: String, depth: Int) -> Set<String> {
    var adj: [String: [String]] = [:]
    for r in d.relations {
      adj[r.source, default: []].append(r.target)
      adj[r.target, default: []].append(r.source)
    }
    var seen: Set<String> = [id]
    var frontier = [id]
    for _ in 0..<max(0, depth) {
      var next: [String] = []
      for v in frontier { for w in adj[v] ?? [] where seen.insert(w).inserted { next.append(w) } }
      frontier = next
    }
    return seen
  }

}

/// What a facility's figure shows, as the metrics read the data on one date: the actors on a
/// chain from a duty-bearer to the facility, its oversight bodies and remedy mechanisms, its
/// territorial and responsible states, and the possible (unscoped) links apart.
struct FacilityFigure {
  var entities: Set<String> = []
  var relations: Set<String> = []
  var possible: Set<String> = []
  var dominators: Set<String> = []

  init(_ net: AccountabilityNetwork, facility f: String) {
    let h = ResponsibilityGraph(net, facility: f)
    // Actors on a chain from a duty-bearer: forward from the duty-bearers over H_f's links.
    var down: [String: [ChainLink]] = [:]
    for l in h.links { down[l.from, default: []].append(l) }
    var onChain: Set<String> = [f]
    let roots = h.dutyBearers.map(\.id).filter { h.nodes.contains($0) }
    if roots.isEmpty {
      onChain.formUnion(h.nodes)
    } else {
      var up: [String: [String]] = [:]
      for l in h.links { up[l.to, default: []].append(l.from) }
      var fromRoots = Set(roots)
      var stack = roots
      while let v = stack.popLast() {
        for l in down[v] ?? [] where fromRoots.insert(l.to).inserted { stack.append(l.to) }
      }
      // …and that reach the facility.
      var toF: Set<String> = [f]
      stack = [f]
      while let v = stack.popLast() { for u in up[v] ?? [] where toF.insert(u).inserted { stack.append(u) } }
      onChain.formUnion(fromRoots.intersection(toF))
      onChain.formUnion(h.operators.map(\.id))
    }
    entities = onChain
    for l in h.links where onChain.contains(l.from) && onChain.contains(l.to) {
      relations.insert(l.relation)
      if l.scopeUnknown { possible.insert(l.relation) }
      if l.implicit, let i = net.relationIndex(of: l.relation) {
        // The implicit operator link stands for its contract: draw the contract itself.
        let r = net.relation(i)
        entities.insert(r.source)
        entities.insert(r.target)
      }
    }
    for b in h.dutyBearers { entities.insert(b.id) }
    for i in net.relations(into: f, [.responsibleFor]) { relations.insert(net.relation(i).id) }
    for i in net.relations(from: f, [.locatedIn]) {
      relations.insert(net.relation(i).id)
      entities.insert(net.relation(i).target)
    }
    // Oversight of the facility and its operators.
    for t in [f] + h.operators.map(\.id) {
      for i in net.relations(into: t, [.oversees]) where net.applies(i, to: f) {
        relations.insert(net.relation(i).id)
        entities.insert(net.relation(i).source)
      }
    }
    // Remedy: accessible_to, refers_to*, and jurisdiction over the actors shown.
    var mechanisms = Set<String>()
    var stack: [String] = []
    for i in net.relations(from: f, [.accessibleTo]) {
      relations.insert(net.relation(i).id)
      let m = net.relation(i).target
      if mechanisms.insert(m).inserted { stack.append(m) }
    }
    while let m = stack.popLast() {
      for i in net.relations(from: m, [.refersTo]) {
        relations.insert(net.relation(i).id)
        let n = net.relation(i).target
        if mechanisms.insert(n).inserted { stack.append(n) }
      }
    }
    entities.formUnion(mechanisms)
    let actors = entities
    for m in mechanisms {
      for i in net.relations(from: m, [.jurisdictionOver]) where actors.contains(net.relation(i).target) {
        relations.insert(net.relation(i).id)
      }
    }
    let claims = h.dutyBearers.map { h.analyse($0, net) }
    for c in claims { dominators.formUnion(c.dominators) }
  }
}
