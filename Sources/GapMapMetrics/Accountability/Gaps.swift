import GapMapModel

/// The composite of some component intervals under some weights.
public struct Composite: Sendable, Hashable, Codable {
  /// G as an interval; `nil` when no component applies.
  public var gap: Interval?
  /// κ: the weight share of components known exactly.
  public var knownShare: Double
  /// Each component's contribution wᵢ·(highᵢ − lowᵢ)/Σw to the width of G, largest first.
  public var researchNext: [ComponentWidth]

  /// Shown as "insufficient evidence" instead of a number: κ < 0.5 or wider than 0.3.
  public var insufficientEvidence: Bool {
    guard let gap else { return true }
    return knownShare < 0.5 || gap.width > 0.3
  }

  public init(_ components: [GapComponent: Interval], weights: GapWeights) {
    let applicable = GapComponent.allCases.filter { components[$0] != nil && weights[$0] > 0 }
    let total = applicable.reduce(0) { $0 + weights[$1] }
    guard total > 0 else {
      gap = nil
      knownShare = 0
      researchNext = []
      return
    }
    var lo = 0.0
    var hi = 0.0
    var known = 0.0
    var next: [ComponentWidth] = []
    for c in applicable {
      guard let x = components[c] else { continue }
      let w = weights[c]
      lo += w * x.low
      hi += w * x.high
      if x.isExact { known += w }
      if !x.isExact { next.append(ComponentWidth(component: c, contribution: w * x.width / total)) }
    }
    gap = Interval(lo / total, hi / total)
    knownShare = known / total
    researchNext = next.sorted {
      $0.contribution != $1.contribution ? $0.contribution > $1.contribution : $0.component < $1.component
    }
  }

  public static func == (a: Composite, b: Composite) -> Bool {
    a.gap == b.gap && a.knownShare == b.knownShare
      && a.researchNext.map(\.component) == b.researchNext.map(\.component)
  }
  public func hash(into h: inout Hasher) {
    h.combine(gap)
    h.combine(knownShare)
  }
}

/// A component's share of the width of the composite interval: wᵢ·(highᵢ − lowᵢ)/Σw.
public struct ComponentWidth: Sendable, Hashable, Codable {
  public var component: GapComponent
  public var contribution: Double
}

/// A relation whose end the data leaves open, with the end inferred for it.
public struct RelationEnd: Sendable, Hashable, Codable {
  public var relation: String
  public var end: InferredEnd
}

/// A count known only within bounds (e.g. node-disjoint chains with certain links only, and
/// with every link).
public struct CountRange: Sendable, Hashable, Codable {
  public var low: Int
  public var high: Int
  public init(_ low: Int, _ high: Int) {
    self.low = low
    self.high = high
  }
}

/// A group of open fields that would narrow a facility's gap, with how much of the composite
/// interval resolving it could close at most.
public struct ResearchItem: Sendable, Hashable, Codable {
  public var component: GapComponent
  public var what: String
  public var fields: Int
  /// The most the composite interval could narrow: wᵢ/Σw · min(component width, bound).
  public var upTo: Double
  public var ref: String
  /// The known share κ gained if resolving this group alone makes its component exact (it is
  /// the component's only open group), else 0.
  public var knownShareGain: Double = 0

  /// "powers of hmip on bo013 (8 fields, up to 0.20)", with ", κ +0.10" when resolving it
  /// alone makes its component exact.
  public var label: String {
    "\(what) (\(fields) field\(fields == 1 ? "" : "s"), up to \(Interval.format(upTo))"
      + (knownShareGain > 0 ? ", κ +\(Interval.format(knownShareGain))" : "") + ")"
  }
}

/// Everything GapMap says about one facility.
public struct FacilityGap: Sendable, Hashable, Codable {
  public var id: String
  public var name: String
  public var country: String?
  public var chain: ResponsibilityGraph
  public var claims: [ClaimAnalysis]
  /// The components that apply (a missing one does not apply).
  public var components: [GapComponent: ComponentScore]
  public var composite: Composite
  /// Flags that certainly hold, and flags that hold in some reading of the uncertain data.
  public var flags: [GapFlag]
  public var possibleFlags: [GapFlag]
  /// M9: the red line, shown as a badge, never weighted.
  public var inherentlyStateFunction: FlagStatus
  public var inherentOperators: [Operator]
  public var passThrough: [String]
  public var sectorCrossings: [ChainLink]
  public var borderCrossings: [ChainLink]
  public var redFlags: [RedFlag]
  /// Every relation and entity any component read.
  public var trace: Trace
  /// The open fields that would decide the facility, ranked by how much they could close.
  public var researchFields: [ResearchItem] = []
  /// Operator and scoped contract relations of the facility whose end was inferred.
  public var inferredEnds: [RelationEnd] = []

  public var componentIntervals: [GapComponent: Interval] {
    components.mapValues(\.gap)
  }
}

/// The accountability-gap analysis of a dataset on one date.
public struct GapAnalysis: Sendable {
  public var network: AccountabilityNetwork
  public var weights: GapWeights
  public var facilities: [FacilityGap]
  public var markets: [Market]
  public var system: [SystemFigures]
  /// Facilities closed before the date (or not yet open): reported, not scored.
  public var inactive: [InactiveFacility]
  /// Warnings about the data on the date (e.g. an open facility with no operator).
  public var warnings: [String]

  /// Runs every metric for the facilities of `net` (or only `facility`).
  /// - Throws: when `facility` is not a facility of the dataset.
  public init(_ net: AccountabilityNetwork, weights: GapWeights, facility: String? = nil) throws(ModelError) {
    network = net
    self.weights = weights
    var list = net.facilities
    if let facility {
      guard let e = net.entity(facility) else { throw ModelError("no entity \"\(facility)\"") }
      guard e.kind == .facility else {
        throw ModelError("\"\(facility)\" is a \(e.kind.rawValue), not a facility")
      }
      list = [e]
    }
    let markets = Market.all(net)
    self.markets = markets
    facilities = list.map { GapAnalysis.assess($0, net, weights, markets) }
    inactive = facility == nil ? net.inactiveFacilities : []
    let noOperator = facilities.filter { $0.chain.operators.isEmpty }.map(\.id)
    warnings =
      noOperator.isEmpty
      ? []
      : [
        "\(noOperator.count) open facilit\(noOperator.count == 1 ? "y has" : "ies have") no operator valid on \(net.at): \(noOperator.joined(separator: ", "))"
      ]
    if facility == nil {
      system = SystemFigures.all(net, facilities: facilities, markets: markets)
    } else {
      system = []
    }
  }

  static func assess(
    _ e: Entity, _ net: AccountabilityNetwork, _ weights: GapWeights, _ markets: [Market]
  ) -> FacilityGap {
    let h = ResponsibilityGraph(net, facility: e.id)
    let claims = h.dutyBearers.map { h.analyse($0, net) }
    let ctx = FacilityContext(net: net, f: e.id, h: h, claims: claims)
    var flags = Set<GapFlag>()
    var possible = Set<GapFlag>()
    var scores: [ComponentScore] = [
      ctx.depth(), ctx.diffusion(), ctx.oversight(), ctx.remedy(flags: &flags),
      ctx.jurisdiction(flags: &flags, possibleFlags: &possible),
    ]
    if let t = ctx.transparency() { scores.append(t) }
    if let s = ctx.safeguards() { scores.append(s) }
    if let c = Market.concentration(ctx, markets) { scores.append(c) }
    var components = [GapComponent: ComponentScore]()
    var trace = Trace()
    for s in scores {
      components[s.component] = s
      trace.merge(s.trace)
    }
    let pass = ctx.passThroughIntermediaries()
    if !pass.isEmpty { flags.insert(.passThrough) }
    if claims.contains(where: \.circular) { flags.insert(.circularSubcontracting) }
    if ctx.splitPrincipal() { flags.insert(.splitPrincipal) }
    if h.dutyBearers.count > 1 && !h.dutyBearers.contains(where: \.inferred) {
      flags.insert(.contestedResponsibility)
    }
    if h.dutyBearers.contains(where: \.inferred) { flags.insert(.inferredDutyBearer) }
    let (inherent, ops) = ctx.inherentFunction()
    switch inherent {
    case .present: flags.insert(.inherentlyStateFunction)
    case .unknown where !ops.isEmpty: possible.insert(.inherentlyStateFunction)
    default: break
    }
    possible.subtract(flags)
    let composite = Composite(components.mapValues(\.gap), weights: weights)
    // One item per group of fields: within a component the largest bound counts (the same
    // fields); across components the closures add up (resolving them narrows each).
    var research: [ResearchItem] = []
    let total = GapComponent.allCases.filter { components[$0] != nil && weights[$0] > 0 }.reduce(0.0) {
      $0 + weights[$1]
    }
    if total > 0 {
      var index = [String: Int]()
      for comp in GapComponent.allCases {
        guard let score = components[comp], weights[comp] > 0, !score.gap.isExact else { continue }
        var best = [String: Unknown]()
        var order: [String] = []
        for u in score.unknowns {
          if let b = best[u.what] {
            if u.bound > b.bound { best[u.what] = u }
          } else {
            best[u.what] = u
            order.append(u.what)
          }
        }
        let gain = order.count == 1 ? weights[comp] / total : 0
        for what in order {
          guard let u = best[what] else { continue }
          let up = weights[comp] / total * min(score.gap.width, max(0, u.bound))
          guard up > 1e-9 else { continue }
          if let i = index[what] {
            research[i].upTo += up
            research[i].knownShareGain += gain
          } else {
            index[what] = research.count
            research.append(
              ResearchItem(
                component: comp, what: what, fields: u.fields, upTo: up, ref: u.ref,
                knownShareGain: gain))
          }
        }
      }
    }
    // Below κ = 0.5 what makes a component exact decides first; then what closes most.
    let needKnown = composite.knownShare < 0.5
    research.sort { a, b in
      if needKnown, a.knownShareGain != b.knownShareGain { return a.knownShareGain > b.knownShareGain }
      return a.upTo != b.upTo ? a.upTo > b.upTo : a.what < b.what
    }
    // Ends inferred for the facility's operators and scoped contracts, current or not.
    let ends = net.unfiltered.relations.filter { r in
      r.target == e.id || (r.facilities.known?.contains(e.id) ?? false)
    }.compactMap { r in net.inferredEnds[r.id].map { RelationEnd(relation: r.id, end: $0) } }
    return FacilityGap(
      id: e.id, name: e.name, country: e.country.known, chain: h, claims: claims,
      components: components,
      composite: composite,
      flags: flags.sorted(), possibleFlags: possible.sorted(), inherentlyStateFunction: inherent,
      inherentOperators: ops, passThrough: pass, sectorCrossings: ctx.sectorCrossings,
      borderCrossings: ctx.borderCrossings, redFlags: ctx.redFlags(passThrough: pass),
      trace: trace, researchFields: research, inferredEnds: ends)
  }

  /// The facilities in presentation order: flagged (M9) first, then by the low bound of the
  /// gap (the demonstrable figure), then by id. Overlapping intervals are not an ordering;
  /// this order only groups and is never shown as a rank.
  public var presentationOrder: [FacilityGap] {
    facilities.sorted { a, b in
      let fa = a.inherentlyStateFunction == .present
      let fb = b.inherentlyStateFunction == .present
      if fa != fb { return fa }
      let la = a.composite.gap?.low ?? -1
      let lb = b.composite.gap?.low ?? -1
      if la != lb { return la > lb }
      return a.id < b.id
    }
  }
}
