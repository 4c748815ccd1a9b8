import GapMapModel

/// The composite of some component intervals under some weights.
public struct Composite: Sendable, Hashable {
  /// G as an interval; `nil` when no component applies.
  public var gap: Interval?
  /// κ: the weight share of components known exactly.
  public var knownShare: Double
  /// Each component's contribution wᵢ·(highᵢ − lowᵢ)/Σw to the width of G, largest first.
  public var researchNext: [(component: GapComponent, contribution: Double)]

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
    var next: [(GapComponent, Double)] = []
    for c in applicable {
      guard let x = components[c] else { continue }
      let w = weights[c]
      lo += w * x.low
      hi += w * x.high
      if x.isExact { known += w }
      if !x.isExact { next.append((c, w * x.width / total)) }
    }
    gap = Interval(lo / total, hi / total)
    knownShare = known / total
    researchNext = next.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
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

/// Everything GapMap says about one facility.
public struct FacilityGap: Sendable {
  public var id: String
  public var name: String
  public var country: String?
  public var chain: ResponsibilityGraph
  public var claims: [ClaimAnalysis]
  /// The components that apply (a missing one does not apply).
  public var components: [GapComponent: ComponentScore]
  public var composite: Composite
  /// Flags that certainly hold, and flags that hold in some reading of the uncertain data.
  public var flags: [String]
  public var possibleFlags: [String]
  /// M9: the red line, shown as a badge, never weighted.
  public var inherentlyStateFunction: FlagStatus
  public var inherentOperators: [Operator]
  public var passThrough: [String]
  public var sectorCrossings: [ChainLink]
  public var borderCrossings: [ChainLink]
  public var redFlags: [RedFlag]
  /// Every relation and entity any component read.
  public var trace: Trace

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
    var flags = Set<String>()
    var possible = Set<String>()
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
    if !pass.isEmpty { flags.insert("pass_through") }
    if claims.contains(where: \.circular) { flags.insert("circular_subcontracting") }
    if ctx.splitPrincipal() { flags.insert("split_principal") }
    if h.dutyBearers.count > 1 && !h.dutyBearers.contains(where: \.inferred) {
      flags.insert("contested_responsibility")
    }
    if h.dutyBearers.contains(where: \.inferred) { flags.insert("inferred_duty_bearer") }
    let (inherent, ops) = ctx.inherentFunction()
    switch inherent {
    case .present: flags.insert("inherently_state_function")
    case .unknown where !ops.isEmpty: possible.insert("inherently_state_function")
    default: break
    }
    possible.subtract(flags)
    return FacilityGap(
      id: e.id, name: e.name, country: e.country.known, chain: h, claims: claims,
      components: components,
      composite: Composite(components.mapValues(\.gap), weights: weights),
      flags: flags.sorted(), possibleFlags: possible.sorted(), inherentlyStateFunction: inherent,
      inherentOperators: ops, passThrough: pass, sectorCrossings: ctx.sectorCrossings,
      borderCrossings: ctx.borderCrossings, redFlags: ctx.redFlags(passThrough: pass),
      trace: trace)
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
