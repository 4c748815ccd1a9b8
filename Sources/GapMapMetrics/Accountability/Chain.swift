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

  static let kinds: Set<RelationKind> = [.delegates, .contracts, .subcontracts, .funds]

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

    var bearers: [DutyBearer] = net.relations(into: f, [.responsibleFor]).map {
      let r = net.relation($0)
      return DutyBearer(id: r.source, inferred: false, relation: r.id, certain: net.isCertain($0))
    }
    if bearers.isEmpty && net.rules.inferredDutyBearers {
      // Public roots of the certain links first; of every link only when there are none.
      for certainOnly in [true, false] where bearers.isEmpty {
        let usable = certainOnly ? links.filter(\.certain) : links
        var reaches: Set<String> = [f]
        var changedReach = true
        while changedReach {
          changedReach = false
          for l in usable where reaches.contains(l.to) && !reaches.contains(l.from) {
            reaches.insert(l.from)
            changedReach = true
          }
        }
        let hasIncoming = Set(usable.map(\.to))
        bearers = nodes.filter {
          $0 != f && reaches.contains($0) && !hasIncoming.contains($0)
            && (net.isPublic($0) || net.kind($0) == .funding)
        }.map { DutyBearer(id: $0, inferred: true, relation: nil, certain: certainOnly) }
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
  /// A local CSR view of H_f with an optional extra root.
  struct Local {
    var index: [String: Int]
    var graph: Graph
    var linkOfEdge: [Int]
  }

  func local(certainOnly: Bool) -> Local {
    var index = [String: Int]()
    for (i, v) in nodes.enumerated() { index[v] = i }
    var src: [Int32] = []
    var dst: [Int32] = []
    var linkOf: [Int] = []
    for (k, l) in links.enumerated() where !certainOnly || l.certain {
      guard let a = index[l.from], let b = index[l.to] else { continue }
      src.append(Int32(a))
      dst.append(Int32(b))
      linkOf.append(k)
    }
    let g = Graph(uncheckedNodeCount: nodes.count, sources: src, targets: dst, directed: true)
    return Local(index: index, graph: g, linkOfEdge: linkOf)
  }

  /// Depth and diffusion for one duty-bearer.
  public func analyse(_ s: DutyBearer, _ net: AccountabilityNetwork) -> ClaimAnalysis {
    let hi = local(certainOnly: false)
    let lo = local(certainOnly: true)
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
    let shortest = shortestPaths(hi, from: si)
    var dLow = 0.0
    var dHigh = 0.0
    var anyCertainOperator = false
    var lowCandidates: [Double] = []
    for o in operators {
      guard let oi = hi.index[o.id] else { continue }
      let h = longHi[oi] ?? (o.isPublic ? 0 : .infinity)
      dHigh = max(dHigh, h)
      let l = longLo[oi] ?? shortest[oi] ?? (o.isPublic ? 0 : 1)
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
    func span(_ g: Local) -> [Int] {
      let down = reach(g.graph, from: si, forward: true)
      let up = reach(g.graph, from: f, forward: false)
      return (0..<nodes.count).filter { down[$0] && up[$0] && $0 != si && $0 != f }
    }
    let spanHigh = span(hi)
    var spanLow = span(lo)
    let reachesLow = reach(lo.graph, from: si, forward: true)[f]
    let reachesHigh = reach(hi.graph, from: si, forward: true)[f]
    if !reachesLow, reachesHigh {
      spanLow = fewestNodesPath(hi.graph, from: si, to: f)
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
  func longestPaths(_ g: Local, from s: Int, upperBound: Bool) -> ([Int: Double], Bool) {
    let graph = g.graph
    let scc = graph.stronglyConnectedComponents()
    let comp = scc.membership.map(Int.init)
    let seen = reach(graph, from: s, forward: true)
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

  /// Fewest contractual links from `s` (0–1 breadth-first search).
  func shortestPaths(_ g: Local, from s: Int) -> [Int: Double] {
    var dist = [Int: Double]()
    dist[s] = 0
    // Small graphs: relaxation to a fixed point (weights are 0 or 1, so at most n rounds).
    var changed = true
    while changed {
      changed = false
      for (v, base) in dist {
        for slot in g.graph.outOffsets[v]..<g.graph.outOffsets[v + 1] {
          let w = Int(g.graph.outTargets[slot])
          let cand = base + Double(links[g.linkOfEdge[Int(g.graph.outEdge[slot])]].weight)
          if cand < (dist[w] ?? .infinity) {
            dist[w] = cand
            changed = true
          }
        }
      }
    }
    return dist
  }

  /// The interior nodes of a path with fewest nodes from `s` to `t`.
  func fewestNodesPath(_ g: Graph, from s: Int, to t: Int) -> [Int] {
    var parent = [Int](repeating: -1, count: g.nodeCount)
    var queue = [s]
    parent[s] = s
    var head = 0
    while head < queue.count {
      let v = queue[head]
      head += 1
      for w in g.outNeighbors(of: v) where parent[Int(w)] < 0 {
        parent[Int(w)] = v
        queue.append(Int(w))
      }
    }
    guard parent[t] >= 0 else { return [] }
    var path: [Int] = []
    var v = parent[t]
    while v != s {
      path.append(v)
      v = parent[v]
    }
    return path.reversed()
  }

  func reach(_ g: Graph, from s: Int, forward: Bool) -> [Bool] {
    var seen = [Bool](repeating: false, count: g.nodeCount)
    seen[s] = true
    var stack = [s]
    while let v = stack.popLast() {
      for w in forward ? g.outNeighbors(of: v) : g.inNeighbors(of: v) where !seen[Int(w)] {
        seen[Int(w)] = true
        stack.append(Int(w))
      }
    }
    return seen
  }
}

extension ResponsibilityGraph {
  /// The simple paths (delegation chains) from `root` to the facility, at most `limit`, in a
  /// stable order (links in input order); `truncated` when there were more, or when the work
  /// budget (`maxSteps` link visits, or the `deadline`) ran out first.
  ///
  /// Every branch is pruned unless the facility is still reachable from it without revisiting
  /// the path, so no work is spent on dead ends (circular subcontracting in a clique of
  /// companies has exponentially many of them).
  /// - Complexity: O(limit · depth · links) with the pruning, and never more than `maxSteps`
  ///   link visits.
  public func chains(
    from root: String, limit: Int = 1000, maxSteps: Int = 2_000_000,
    deadline: ContinuousClock.Instant? = nil
  ) -> (chains: [[ChainLink]], truncated: Bool) {
    var out: [[ChainLink]] = []
    var truncated = false
    var byFrom = [String: [ChainLink]]()
    var byTo = [String: [String]]()
    for l in links {
      byFrom[l.from, default: []].append(l)
      byTo[l.to, default: []].append(l.from)
    }
    var path: [ChainLink] = []
    var onPath: Set<String> = [root]
    var steps = 0
    let clock = ContinuousClock()
    // Whether the facility can be reached from `v` without entering the current path:
    // searched backwards from the facility, so one search serves every branch of `v`.
    func reachable(avoiding blocked: Set<String>) -> Set<String> {
      var seen: Set<String> = [facility]
      var stack = [facility]
      while let v = stack.popLast() {
        steps += 1
        for u in byTo[v] ?? [] where !blocked.contains(u) && seen.insert(u).inserted { stack.append(u) }
      }
      return seen
    }
    func walk(_ v: String) {
      if out.count >= limit || steps > maxSteps {
        truncated = true
        return
      }
      if let deadline, steps % 1024 == 0, clock.now > deadline {
        truncated = true
        steps = maxSteps + 1
        return
      }
      if v == facility {
        out.append(path)
        return
      }
      let live = reachable(avoiding: onPath.subtracting([v]))
      for l in byFrom[v] ?? [] where !onPath.contains(l.to) && live.contains(l.to) {
        steps += 1
        onPath.insert(l.to)
        path.append(l)
        walk(l.to)
        path.removeLast()
        onPath.remove(l.to)
        if truncated { return }
      }
    }
    walk(root)
    return (out, truncated)
  }
}
