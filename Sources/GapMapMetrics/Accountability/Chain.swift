import GapMapAlgorithms
import GapMapGraph
import GapMapModel

/// A link of a facility's responsibility graph H_f.
public struct ChainLink: Sendable, Hashable, Codable {
  public var from: String
  public var to: String
  /// The relation kind; `operates` for an implicit operator link (see ``implicit``).
  public var kind: RelationKind
  /// The relation id.
  public var relation: String
  /// Whether the relation certainly holds and certainly applies to the facility.
  public var certain: Bool
  /// An implicit link: a contract scoped to the facility whose contractor passes it on to
  /// nobody and has no recorded `operates` relation is read as the contractor acting there.
  public var implicit: Bool
  /// A possible link because its `facilities` scope is unknown (drawn and listed apart).
  public var scopeUnknown: Bool = false
  /// 1 for contractual links (contracts, subcontracts, funds), 0 for statutory and operating ones.
  public var weight: Int { !implicit && kind.isContractual ? 1 : 0 }
}

/// Who performs a function at a facility.
public struct Operator: Sendable, Hashable, Codable {
  public var id: String
  public var function: ContractFunction?
  public var relation: String
  public var certain: Bool
  public var isPublic: Bool
}

/// A duty-bearer of a facility: the source of a `responsible_for` relation, or, when there is
/// none, a public root of H_f ("inferred").
public struct DutyBearer: Sendable, Hashable, Codable {
  public var id: String
  public var inferred: Bool
  public var relation: String?
  public var certain: Bool
}

/// H_f: the facility-scoped responsibility graph over delegates, contracts, subcontracts, funds
/// and operates relations into facility f, read backwards from f.
public struct ResponsibilityGraph: Sendable, Hashable, Codable {
  public let facility: String
  /// Nodes, facility first, then in discovery order.
  public let nodes: [String]
  public let links: [ChainLink]
  public let operators: [Operator]
  /// Explicit claims, or the inferred public roots as one claim each.
  public let dutyBearers: [DutyBearer]
  /// H_f as `Graph`s for GapMapAlgorithms: every link, and the certain links only.
  let full: Local
  let certain: Local

  static let kinds: Set<RelationKind> = [.delegates, .contracts, .subcontracts, .funds]

  // The two `Graph`s are derived from `nodes` and `links`: equality, hashing and coding use
  // the links only, and decoding rebuilds the graphs.
  enum CodingKeys: String, CodingKey { case facility, nodes, links, operators, dutyBearers }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    facility = try c.decode(String.self, forKey: .facility)
    nodes = try c.decode([String].self, forKey: .nodes)
    links = try c.decode([ChainLink].self, forKey: .links)
    operators = try c.decode([Operator].self, forKey: .operators)
    dutyBearers = try c.decode([DutyBearer].self, forKey: .dutyBearers)
    full = Local(nodes: nodes, links: links, certainOnly: false)
    certain = Local(nodes: nodes, links: links, certainOnly: true)
  }

  public static func == (a: ResponsibilityGraph, b: ResponsibilityGraph) -> Bool {
    a.facility == b.facility && a.nodes == b.nodes && a.links == b.links && a.operators == b.operators
      && a.dutyBearers == b.dutyBearers
  }

  public func hash(into h: inout Hasher) {
    h.combine(facility)
    h.combine(nodes)
    h.combine(links)
  }

  /// Builds H_f for facility `f`.
  /// - Complexity: O(relations touching H_f).
  public init(_ net: AccountabilityNetwork, facility f: String) {
    facility = f
    let states = net.facilityStates(f)
    var nodes = [f]
    var seen: Set<String> = [f]
    var links: [ChainLink] = []
    var queue: [String] = []
    func add(_ r: Relation, _ i: Int, scope: Scope, implicit: Bool = false) {
      let link = ChainLink(
        from: r.source, to: implicit ? f : r.target, kind: implicit ? .operates : r.kind,
        relation: r.id, certain: net.isCertain(i) && scope == .certain, implicit: implicit,
        scopeUnknown: scope == .possible)
      links.append(link)
      if seen.insert(link.from).inserted {
        nodes.append(link.from)
        queue.append(link.from)
      }
    }
    var operators: [Operator] = []
    for i in net.relations(into: f, [.operates]) {
      let r = net.relation(i)
      add(r, i, scope: .certain)
      operators.append(
        Operator(
          id: r.source, function: r.function.known, relation: r.id, certain: net.isCertain(i),
          isPublic: net.isPublic(r.source)))
    }
    for i in net.relations(into: f, [.funds, .contracts, .subcontracts]) {
      let r = net.relation(i)
      let s = net.scope(of: i, for: f, states: states)
      if s != .excluded { add(r, i, scope: s) }
    }
    func drain() {
      while let v = queue.popLast() {
        for i in net.relations(into: v, ResponsibilityGraph.kinds) {
          let r = net.relation(i)
          let s = net.scope(of: i, for: f, states: states)
          if s != .excluded && r.source != f { add(r, i, scope: s) }
        }
        // A successor answers for its predecessor: successor → predecessor, statutory.
        guard net.rules.successors, net.isPublic(v) else { continue }
        for i in net.relations(from: v, [.succeededBy]) {
          let r = net.relation(i)
          let link = ChainLink(
            from: r.target, to: v, kind: .succeededBy, relation: r.id, certain: net.isCertain(i),
            implicit: false)
          links.append(link)
          if seen.insert(r.target).inserted {
            nodes.append(r.target)
            queue.append(r.target)
          }
        }
      }
    }
    drain()
    // Contractors holding a contract scoped to f that neither operate there nor pass it on.
    var changed = net.rules.implicitOperators
    while changed {
      changed = false
      for i in net.scopedContracts[f] ?? [] {
        let r = net.relation(i)
        guard r.target != f, !operators.contains(where: { $0.id == r.target }),
          !links.contains(where: { $0.from == r.target })
        else { continue }
        // The contract itself joins H_f through its contractor; the contractor acts at f.
        let contractor = Relation(id: r.id, source: r.target, target: f, kind: .operates)
        add(contractor, i, scope: .certain, implicit: true)
        operators.append(
          Operator(
            id: r.target, function: r.function.known, relation: r.id, certain: net.isCertain(i),
            isPublic: net.isPublic(r.target)))
        changed = true
      }
      drain()
    }
    self.nodes = nodes
    self.links = links
    self.operators = operators
    full = Local(nodes: nodes, links: links, certainOnly: false)
    certain = Local(nodes: nodes, links: links, certainOnly: true)

    var bearers: [DutyBearer] = net.relations(into: f, [.responsibleFor]).map {
      let r = net.relation($0)
      return DutyBearer(id: r.source, inferred: false, relation: r.id, certain: net.isCertain($0))
    }
    if bearers.isEmpty && net.rules.inferredDutyBearers {
      // Public roots of the certain links first; of every link only when there are none.
      for certainOnly in [true, false] where bearers.isEmpty {
        // The roots (no incoming link) among the nodes that reach f (index 0).
        let view = certainOnly ? certain : full
        let reaches = view.reach(from: 0, forward: false)
        bearers = nodes.indices.filter {
          $0 != 0 && reaches[$0] && view.graph.inDegree($0) == 0
            && (net.isPublic(nodes[$0]) || net.kind(nodes[$0]) == .funding)
        }.map { DutyBearer(id: nodes[$0], inferred: true, relation: nil, certain: certainOnly) }
      }
      if bearers.isEmpty, let e = net.entity(f), let c = e.custodialAuthority.known, net.entity(c) != nil {
        bearers = [DutyBearer(id: c, inferred: true, relation: nil, certain: false)]
      }
    }
    dutyBearers = bearers
  }

  /// The relations of H_f (ids), implicit links included.
  public var relationIDs: Set<String> { Set(links.map(\.relation)) }
}

/// The chain figures for one duty-bearer claim: depth (M1) and diffusion (M2).
public struct ClaimAnalysis: Sendable, Hashable, Codable {
  public var dutyBearer: DutyBearer
  /// Whether the duty-bearer reaches the facility in H_f at all.
  public var connected: Bool
  /// Max weighted path length to an operator; `high` is infinite when a private operator is not
  /// reached from the duty-bearer.
  public var depth: Interval
  /// The span A(f), certain-only and with every possible link.
  public var spanLow: [String]
  public var spanHigh: [String]
  /// Dominators of f from s within the span, in chain order (nearest s first): they hold in
  /// every reading of the uncertain links.
  public var dominators: [String]
  public var deepestPublicDominator: String?
  /// Node-disjoint chains s → f, with certain links only and with every link.
  public var disjointChains: CountRange
  /// Whether a subcontracting cycle was found (depth then bounded by the cycle's size).
  public var circular: Bool
}

extension ResponsibilityGraph {
  /// H_f as a CSR `Graph` for GapMapAlgorithms: node i is `nodes[i]` (the facility is 0), edge e
  /// is link `linkOfEdge[e]` (in link order), weighted by the link's contractual weight.
  struct Local: Sendable {
    let index: [String: Int]
    let graph: Graph
    /// The graph with every link turned round, for "which nodes reach v".
    let reversed: Graph
    let linkOfEdge: [Int]

    /// The view of `links` over `nodes` (every link, or the certain ones).
    /// - Complexity: O(nodes + links).
    init(nodes: [String], links: [ChainLink], certainOnly: Bool) {
      var index = [String: Int]()
      for (i, v) in nodes.enumerated() { index[v] = i }
      var src: [Int32] = []
      var dst: [Int32] = []
      var weights: [Double] = []
      var linkOf: [Int] = []
      for (k, l) in links.enumerated() where !certainOnly || l.certain {
        guard let a = index[l.from], let b = index[l.to] else { continue }
        src.append(Int32(a))
        dst.append(Int32(b))
        weights.append(Double(l.weight))
        linkOf.append(k)
      }
      self.index = index
      graph = Graph(
        uncheckedNodeCount: nodes.count, sources: src, targets: dst, weights: weights, directed: true)
      reversed = graph.reversed()
      linkOfEdge = linkOf
    }

    /// The nodes `s` reaches (`forward`) or that reach `s`, by breadth-first search.
    /// - Complexity: O(nodes + links).
    func reach(from s: Int, forward: Bool) -> [Bool] {
      (forward ? graph : reversed).shortestPaths(from: s).distance.map(\.isFinite)
    }
  }

  /// Depth and diffusion for one duty-bearer.
  public func analyse(_ s: DutyBearer, _ net: AccountabilityNetwork) -> ClaimAnalysis {
    let hi = full
    let lo = certain
    let f = 0
    guard let si = hi.index[s.id] else {
      // The duty-bearer is not in H_f: its link to whoever runs the facility is not recorded.
      let privateOps = operators.contains { !$0.isPublic }
      return ClaimAnalysis(
        dutyBearer: s, connected: false, depth: Interval(privateOps ? 1 : 0, .infinity),
        spanLow: operators.filter { !$0.isPublic }.prefix(1).map(\.id), spanHigh: [],
        dominators: [], deepestPublicDominator: nil, disjointChains: CountRange(0, 0), circular: false)
    }
    let (longHi, circular) = longestPaths(hi, from: si, upperBound: true)
    let (longLo, _) = longestPaths(lo, from: si, upperBound: false)
    // Fewest contractual links (weights 0 and 1).
    let shortest = hi.graph.shortestPaths(from: si, weighted: true).distance
    var dLow = 0.0
    var dHigh = 0.0
    var anyCertainOperator = false
    var lowCandidates: [Double] = []
    for o in operators {
      guard let oi = hi.index[o.id] else { continue }
      let h = longHi[oi] ?? (o.isPublic ? 0 : .infinity)
      dHigh = max(dHigh, h)
      let l = longLo[oi] ?? (shortest[oi].isFinite ? shortest[oi] : nil) ?? (o.isPublic ? 0 : 1)
      if o.certain {
        anyCertainOperator = true
        dLow = max(dLow, l)
      } else {
        lowCandidates.append(l)
      }
    }
    if !anyCertainOperator { dLow = lowCandidates.min() ?? 0 }
    if operators.isEmpty { dHigh = .infinity }

    // Span: descendants(s) ∩ ancestors(f) \ {s, f}.
    let bfsHigh = hi.graph.shortestPaths(from: si)
    let downHigh = bfsHigh.distance.map(\.isFinite)
    let downLow = lo.reach(from: si, forward: true)
    func span(_ g: Local, down: [Bool]) -> [Int] {
      let up = g.reach(from: f, forward: false)
      return (0..<nodes.count).filter { down[$0] && up[$0] && $0 != si && $0 != f }
    }
    let spanHigh = span(hi, down: downHigh)
    var spanLow = span(lo, down: downLow)
    let reachesLow = downLow[f]
    let reachesHigh = downHigh[f]
    if !reachesLow, reachesHigh {
      spanLow = firstFoundPath(bfsHigh, in: hi.graph, to: f)
    }
    var doms: [String] = []
    var disjoint = (0, 0)
    if reachesHigh {
      let spanSet = Set(spanHigh)
      doms = hi.graph.dominators(of: f, from: si).reversed().filter { spanSet.contains($0) }.map {
        nodes[$0]
      }
      disjoint = (
        reachesLow ? lo.graph.nodeDisjointPathCount(from: si, to: f) : 0,
        hi.graph.nodeDisjointPathCount(from: si, to: f)
      )
    }
    return ClaimAnalysis(
      dutyBearer: s, connected: reachesHigh, depth: Interval(dLow, dHigh),
      spanLow: spanLow.map { nodes[$0] }, spanHigh: spanHigh.map { nodes[$0] }, dominators: doms,
      deepestPublicDominator: doms.last { net.isPublic($0) },
      disjointChains: CountRange(disjoint.0, disjoint.1),
      circular: circular)
  }

  /// Longest weighted path from `s` to every node it reaches, over the condensation of the
  /// strongly connected components; inside a cycle a simple path can add at most size − 1
  /// contractual links, which the upper bound adds and the lower bound does not.
  ///
  /// Not a GapMapAlgorithms call: the cycle bound is the depth metric's own rule (M1), and the
  /// dynamic programme over the condensation is a few lines on top of its components.
  func longestPaths(_ g: Local, from s: Int, upperBound: Bool) -> ([Int: Double], Bool) {
    let graph = g.graph
    let scc = graph.stronglyConnectedComponents()
    let comp = scc.membership.map(Int.init)
    let seen = g.reach(from: s, forward: true)
    var circular = false
    var extra = [Double](repeating: 0, count: scc.count)
    var selfLoop = [Bool](repeating: false, count: scc.count)
    for e in 0..<graph.edgeCount where graph.edgeSources[e] == graph.edgeTargets[e] {
      selfLoop[comp[Int(graph.edgeSources[e])]] = true
    }
    var reachedComponent = [Bool](repeating: false, count: scc.count)
    for v in 0..<graph.nodeCount where seen[v] { reachedComponent[comp[v]] = true }
    for c in 0..<scc.count where reachedComponent[c] && (scc.sizes[c] > 1 || selfLoop[c]) {
      circular = true
      if upperBound { extra[c] = Double(max(1, scc.sizes[c] - 1)) }
    }
    // Kahn's order over the condensation, restricted to what s reaches.
    var indeg = [Int](repeating: 0, count: scc.count)
    var out = [[(Int, Double)]](repeating: [], count: scc.count)
    for e in 0..<graph.edgeCount {
      let a = Int(graph.edgeSources[e])
      let b = Int(graph.edgeTargets[e])
      guard seen[a], seen[b], comp[a] != comp[b] else { continue }
      out[comp[a]].append((comp[b], Double(links[g.linkOfEdge[e]].weight)))
      indeg[comp[b]] += 1
    }
    var dist = [Double?](repeating: nil, count: scc.count)
    dist[comp[s]] = 0
    var ready = (0..<scc.count).filter { c in indeg[c] == 0 }
    while let c = ready.popLast() {
      for (d, w) in out[c] {
        if let base = dist[c] {
          let cand = base + extra[c] + w
          if cand > (dist[d] ?? -.infinity) { dist[d] = cand }
        }
        indeg[d] -= 1
        if indeg[d] == 0 { ready.append(d) }
      }
    }
    var result = [Int: Double]()
    for v in 0..<graph.nodeCount where seen[v] {
      if let d = dist[comp[v]] { result[v] = d + extra[comp[v]] }
    }
    return (result, circular)
  }

  /// The interior nodes of the path to `t` in the breadth-first tree of `bfs` (`t` reached
  /// from the first node that found it, as the search's queue ran): empty when `t` is not
  /// reached.
  func firstFoundPath(_ bfs: ShortestPaths, in g: Graph, to t: Int) -> [Int] {
    guard bfs.reaches(t) else { return [] }
    var position = [Int](repeating: .max, count: g.nodeCount)
    for (k, v) in bfs.order.enumerated() { position[Int(v)] = k }
    var path: [Int] = []
    var v = t
    while v != bfs.source {
      // The parent: the in-neighbour the queue reached first.
      guard let p = g.inNeighbors(of: v).map(Int.init).min(by: { position[$0] < position[$1] }) else { break }
      if p != bfs.source { path.append(p) }
      v = p
    }
    return path.reversed()
  }
}

extension ResponsibilityGraph {
  /// The simple paths (delegation chains) from `root` to the facility, at most `limit`, in a
  /// stable order (links in input order); `truncated` when there were more, or when the work
  /// budget (`maxSteps` link visits, or the `deadline`) ran out first.
  ///
  /// The enumeration is GapMapAlgorithms' `Graph.simplePaths(from:to:limit:maxSteps:deadline:)`
  /// over H_f, which prunes every branch from which the facility is no longer reachable without
  /// revisiting the path (circular subcontracting in a clique of companies has exponentially
  /// many dead ends).
  /// - Complexity: O(limit · depth · links) with the pruning, and never more than `maxSteps`
  ///   link visits.
  public func chains(
    from root: String, limit: Int = 1000, maxSteps: Int = 2_000_000,
    deadline: ContinuousClock.Instant? = nil
  ) -> (chains: [[ChainLink]], truncated: Bool) {
    // A root outside H_f is an extra node with no links: no chain, the same budget spent.
    let graph: Graph
    let r: Int
    if let i = full.index[root] {
      (graph, r) = (full.graph, i)
    } else {
      graph = Graph(
        uncheckedNodeCount: nodes.count + 1, sources: full.graph.edgeSources,
        targets: full.graph.edgeTargets, directed: true)
      r = nodes.count
    }
    let found = graph.simplePaths(from: r, to: 0, limit: limit, maxSteps: maxSteps, deadline: deadline)
    let chains = found.paths.map { $0.map { links[full.linkOfEdge[Int($0)]] } }
    return (chains, found.truncated)
  }
}
