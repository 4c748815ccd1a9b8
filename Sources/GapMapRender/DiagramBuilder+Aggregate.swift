import GapMapAlgorithms
import GapMapModel

extension DiagramBuilder {
  /// The aggregated view drawn above ``DiagramOptions/aggregateAbove`` entities: one node per
  /// group (kind and country, kind, country or community), one edge per pair of groups and
  /// relation kind, labelled with its count. Relations inside a group are counted in the
  /// group's tooltip. Graphviz lays out a few hundred groups in well under a second where
  /// tens of thousands of nodes would take minutes; `--full` draws every entity.
  static func aggregate(_ d: Dataset, options: DiagramOptions) -> RenderGraph {
    let by: String
    var key: [String]
    let kindCountry = d.entities.map { "\($0.kind.rawValue) · \($0.country.known ?? "no country")" }
    switch options.aggregateBy {
    case .kind?:
      by = "kind"
      key = d.entities.map(\.kind.rawValue)
    case .country?:
      by = "country"
      key = d.entities.map { $0.country.known ?? "no country" }
    case .community?:
      by = "community"
      key = communities(d, seed: options.seed)
    case nil:
      if Set(kindCountry).count > 1 {
        by = "kind and country"
        key = kindCountry
      } else {
        by = "community"
        key = communities(d, seed: options.seed)
      }
    }
    var groupOf: [String: Int] = [:]
    var groups: [String] = []
    var members: [Int] = []
    var kindOf: [String] = []
    var entityGroup = [Int](repeating: 0, count: d.entities.count)
    var index: [String: Int] = [:]
    for (i, e) in d.entities.enumerated() {
      index[e.id] = i
      let k = key[i]
      let g: Int
      if let existing = groupOf[k] {
        g = existing
      } else {
        g = groups.count
        groupOf[k] = g
        groups.append(k)
        members.append(0)
        kindOf.append(e.kind.rawValue)
      }
      members[g] += 1
      entityGroup[i] = g
    }
    var internalCount = [Int](repeating: 0, count: groups.count)
    var edgeCount: [String: (tail: Int, head: Int, kind: String, count: Int)] = [:]
    var edgeOrder: [String] = []
    for r in d.relations {
      guard let a = index[r.source], let b = index[r.target] else { continue }
      let (ga, gb) = (entityGroup[a], entityGroup[b])
      if ga == gb {
        internalCount[ga] += 1
        continue
      }
      // One line per pair of groups and kind, whichever way the relations run.
      let (lo, hi) = (min(ga, gb), max(ga, gb))
      let k = "\(lo) \(hi) \(r.kind.rawValue)"
      if edgeCount[k] == nil {
        edgeOrder.append(k)
        edgeCount[k] = (lo, hi, r.kind.rawValue, 0)
      }
      edgeCount[k]?.count += 1
    }
    var rg = RenderGraph()
    rg.rankdir = options.rankdir
    rg.directed = false
    rg.preferredEngine = .neato
    rg.title = options.title ?? d.metadata.title ?? ""
    rg.caption = [
      "Aggregated view: \(d.entities.count) entities in \(groups.count) groups by \(by), "
        + "\(d.relations.count) relations; edge labels count relations (--full draws every entity)"
    ]
    rg.description =
      "Aggregated network diagram: \(d.entities.count) entities grouped by \(by) into \(groups.count) groups."
    var palette: [String: String] = [:]
    for (i, g) in groups.sorted().enumerated() {
      palette[g] = options.style.categorical[i % options.style.categorical.count]
    }
    let largest = Double(members.max() ?? 1)
    for (g, name) in groups.enumerated() {
      let byKind = by.hasPrefix("kind")
      let ks = options.style.node(kindOf[g])
      let fill = byKind ? ks.fill : (palette[name] ?? "#EEEEEE")
      var n = RenderGraph.Node(
        id: "group:\(name)", label: "\(name)\n\(members[g]) entities",
        tooltip: "\(name): \(members[g]) entities, \(internalCount[g]) relations inside the group",
        cssClass: byKind ? kindOf[g] : "group", shape: byKind ? ks.shape : "box", fillColor: fill,
        borderColor: "#555555", fontColor: Style.isDark(fill) ? "#FFFFFF" : "#000000")
      n.width = 0.9 + 1.6 * (Double(members[g]) / largest).squareRoot()
      rg.nodes.append(n)
    }
    for k in edgeOrder {
      guard let e = edgeCount[k] else { continue }
      let es = options.style.edge(e.kind)
      rg.edges.append(
        RenderGraph.Edge(
          id: "\(groups[e.tail]) → \(groups[e.head]): \(e.kind)", tail: e.tail, head: e.head,
          cssClass: e.kind, style: es.style, color: es.color,
          penWidth: min(8, es.width + Double(e.count).squareRoot() / 2), label: "\(e.count)",
          tooltip: "\(e.count) \(e.kind) relations between \(groups[e.tail]) and \(groups[e.head])"))
    }
    if options.legend {
      var rows: [RenderGraph.LegendRow] = []
      if by.hasPrefix("kind") {
        for k in Set(kindOf).sorted() {
          let s = options.style.node(k)
          rows.append(
            .init(.node(shape: s.shape, fill: s.fill, border: "#555555", style: "filled", penWidth: 1), k))
        }
      }
      for k in Set(edgeCount.values.map(\.kind)).sorted() {
        let s = options.style.edge(k)
        rows.append(.init(.edge(color: s.color, style: s.style, penWidth: 1, arrowhead: "none"), k))
      }
      rg.legend = rows.count > 1 ? rows : []
    }
    return rg
  }

  static func communities(_ d: Dataset, seed: UInt64) -> [String] {
    let g = Projection(d, directed: false).graph
    return g.louvain(seed: seed).membership.map { "community \($0)" }
  }
}
