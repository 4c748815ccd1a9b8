import GapMapAlgorithms
import GapMapIO
import GapMapMetrics
import GapMapModel
import Testing

/// A small dataset written in code: `e("id", .kind)`, `r("a", "b", .contracts, scope: ["f"])`.
struct Scenario {
  var d = Dataset()

  mutating func e(
    _ id: String, _ kind: EntityKind, country: String = "GB", _ edit: (inout Entity) -> Void = { _ in }
  ) {
    var x = Entity(id: id, name: id.uppercased(), kind: kind)
    x.country = .known(country)
    edit(&x)
    d.entities.append(x)
  }

  mutating func r(
    _ s: String, _ t: String, _ kind: RelationKind, scope: [String]? = nil,
    function: ContractFunction? = nil, evidence: Evidence? = nil, _ edit: (inout Relation) -> Void = { _ in }
  ) {
    var x = Relation(id: "r\(d.relations.count + 1)", source: s, target: t, kind: kind)
    if let scope { x.facilities = .known(scope) }
    if let function { x.function = .known(function) }
    x.evidenceGiven = evidence
    x.sources = ["s1"]
    edit(&x)
    d.relations.append(x)
  }

  func analysis(
    _ weights: GapWeights = .standard, evidence: Evidence = .possible, at: String = "2020",
    rules: InferenceRules = .all
  ) throws -> GapAnalysis {
    var ds = d
    ds.sources = [Source(id: "s1", title: "A source")]
    let date = try #require(PartialDate(at))
    return try GapAnalysis(
      AccountabilityNetwork(ds, at: date, evidence: evidence, rules: rules), weights: weights)
  }

  func facility(
    _ id: String, evidence: Evidence = .possible, at: String = "2020", rules: InferenceRules = .all
  ) throws -> FacilityGap {
    try #require(try analysis(evidence: evidence, at: at, rules: rules).facilities.first { $0.id == id })
  }
}

@Suite struct GapsTests {
  /// s → A → B → C → f: every intermediary is a dominator; depth 3; span 3.
  @Test func pureChainMakesEveryIntermediaryADominator() throws {
    var s = Scenario()
    s.e("home", .agency)
    for id in ["a", "b", "c"] { s.e(id, .company) }
    s.e("f", .facility)
    s.r("home", "f", .responsibleFor)
    s.r("home", "a", .contracts, scope: ["f"], function: .detention_operation)
    s.r("a", "b", .subcontracts, scope: ["f"], function: .detention_operation)
    s.r("b", "c", .subcontracts, scope: ["f"], function: .detention_operation)
    s.r("c", "f", .operates, function: .detention_operation)
    let f = try s.facility("f")
    let claim = try #require(f.claims.first)
    #expect(claim.dominators == ["a", "b", "c"])
    #expect(claim.depth == Interval(exactly: 3))
    #expect(claim.disjointChains.low == 1 && claim.disjointChains.high == 1)
    #expect(f.components[.depth]?.gap == Interval(exactly: 0.75))
    #expect(f.components[.diffusion]?.gap == Interval(exactly: 1 - 1.0 / 3))
    #expect(f.flags.contains(.inherentlyStateFunction))
    #expect(!f.flags.contains(.inferredDutyBearer))
  }

  /// s → A → f and s → B → f: no single point of accountability, two disjoint chains.
  @Test func diamondHasNoDominator() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("a", .company)
    s.e("b", .company)
    s.e("f", .facility)
    s.r("home", "a", .contracts, scope: ["f"], function: .healthcare)
    s.r("home", "b", .contracts, scope: ["f"], function: .catering)
    s.r("a", "f", .operates, function: .healthcare)
    s.r("b", "f", .operates, function: .catering)
    let f = try s.facility("f")
    let claim = try #require(f.claims.first)
    #expect(claim.dutyBearer.id == "home" && claim.dutyBearer.inferred)
    #expect(claim.dominators.isEmpty)
    #expect(claim.disjointChains.low == 2 && claim.disjointChains.high == 2)
    #expect(f.inherentlyStateFunction == .absent)
  }

  /// A hub contractor serving two facilities: scoping keeps each facility's chain apart.
  @Test func hubContractorChainsStayApart() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("hub", .company)
    s.e("x", .company)
    s.e("y", .company)
    s.e("f1", .facility)
    s.e("f2", .facility)
    s.r("home", "hub", .contracts, scope: ["f1", "f2"], function: .detention_operation)
    s.r("hub", "x", .subcontracts, scope: ["f1"], function: .detention_operation)
    s.r("hub", "y", .subcontracts, scope: ["f2"], function: .detention_operation)
    s.r("x", "f1", .operates, function: .detention_operation)
    s.r("y", "f2", .operates, function: .detention_operation)
    let a = try s.analysis()
    let f1 = try #require(a.facilities.first { $0.id == "f1" })
    let f2 = try #require(a.facilities.first { $0.id == "f2" })
    #expect(Set(f1.chain.nodes) == ["f1", "x", "hub", "home"])
    #expect(Set(f2.chain.nodes) == ["f2", "y", "hub", "home"])
    #expect(f1.claims.first?.dominators == ["hub", "x"])
    #expect(f1.claims.first?.depth == Interval(exactly: 2))
    // Without scopes the hub's subcontracts are only possibly in each chain; operates still
    // keeps y out of f1's.
    var u = s
    for i in u.d.relations.indices where u.d.relations[i].kind == .subcontracts {
      u.d.relations[i].facilities = .unknown
    }
    let g1 = try u.facility("f1")
    #expect(!g1.chain.nodes.contains("y"))
    #expect(g1.chain.links.first { $0.to == "x" }?.certain == false)
    #expect(g1.claims.first?.depth == Interval(exactly: 2))
  }

  /// A subcontracting cycle is flagged, terminates, and bounds the depth.
  @Test func cyclicSubcontractIsFlaggedAndTerminates() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("a", .company)
    s.e("b", .company)
    s.e("f", .facility)
    s.r("home", "a", .contracts, scope: ["f"], function: .escort)
    s.r("a", "b", .subcontracts, scope: ["f"], function: .escort)
    s.r("b", "a", .subcontracts, scope: ["f"], function: .escort)
    s.r("b", "f", .operates, function: .escort)
    let f = try s.facility("f")
    #expect(f.flags.contains(.circularSubcontracting))
    let d = try #require(f.claims.first?.depth)
    #expect(d.high.isFinite && d.high >= 2 && d.low >= 1)
    let chains = f.chain.chains(from: "home")
    #expect(chains.chains.count == 1 && !chains.truncated)
  }

  /// Every attribute unknown: the attribute-driven components are [0, 1].
  @Test func everyFieldUnknownGivesUnitIntervals() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("op", .company)
    s.e("f", .facility)
    s.e("body", .oversight)
    s.e("court", .remedy)
    s.r("home", "op", .contracts, scope: ["f"], function: .detention_operation)
    s.r("op", "f", .operates, function: .detention_operation)
    s.r("body", "f", .oversees)
    s.r("f", "court", .accessibleTo)
    s.r("court", "home", .jurisdictionOver)
    s.r("court", "op", .jurisdictionOver)
    let f = try s.facility("f")
    for c in [GapComponent.oversight, .remedy, .transparency, .safeguards] {
      #expect(f.components[c]?.gap == .unit, "\(c)")
    }
    #expect(f.composite.insufficientEvidence)
    #expect(f.composite.researchNext.first?.component == .oversight)
  }

  /// `undisclosed` is a transparency finding, scored once; in safeguards it is unknown.
  @Test func undisclosedCountsOnceInTransparency() throws {
    func facility(terms: Value<Disclosure>) throws -> FacilityGap {
      var s = Scenario()
      s.e("home", .agency)
      s.e("op", .company)
      s.e("f", .facility)
      s.r("home", "op", .contracts, scope: ["f"], function: .catering) { r in
        for field in DisclosureFields.fields { r.disclosure[field] = .known(.yes) }
        r.disclosure["terms"] = terms
        r.safeguards["human_rights"] = .undisclosed
      }
      s.r("op", "f", .operates, function: .catering)
      return try s.facility("f")
    }
    let undisclosed = try facility(terms: .undisclosed)
    #expect(undisclosed.components[.transparency]?.gap == Interval(exactly: 0.125))
    #expect(undisclosed.components[.safeguards]?.gap == .unit)
    let unknown = try facility(terms: .unknown)
    #expect(unknown.components[.transparency]?.gap == Interval(0, 0.125))
    #expect(unknown.components[.safeguards]?.gap == .unit)
  }

  /// A mechanism controlled by the actor it would hold to account is listed, not counted.
  @Test func selfControlledRemedyIsListedNotCounted() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("f", .facility)
    s.e("complaints", .remedy) { $0.controlledBy = .known("home") }
    s.r("home", "f", .responsibleFor)
    s.r("home", "f", .operates, function: .detention_operation)
    s.r("f", "complaints", .accessibleTo)
    s.r("complaints", "home", .jurisdictionOver)
    let f = try s.facility("f")
    let remedy = try #require(f.components[.remedy])
    // Open world: another route may exist, so only the unfavourable bound is known.
    #expect(remedy.gap == Interval(0, 1))
    #expect(remedy.notes.contains { $0.contains("self-policing") && $0.contains("complaints") })
    var closed = s
    closed.d.entities[1].remedyRoutes = .known(.complete)
    #expect(try closed.facility("f").components[.remedy]?.gap == Interval(exactly: 1))
    // A court of the same quality that is not controlled by the state counts.
    s.e("court", .remedy) { e in for c in CriteriaFields.fields { e.criteria[c] = .known(true) } }
    s.r("f", "court", .accessibleTo)
    s.r("court", "home", .jurisdictionOver)
    #expect(try s.facility("f").components[.remedy]?.gap == Interval(exactly: 0))
  }

  /// Remedy gatekeeping: the only route to an independent mechanism passes through one the
  /// actor controls.
  @Test func gatekeepingIsFlagged() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("f", .facility)
    s.e("desk", .remedy) { $0.controlledBy = .known("home") }
    s.e("court", .remedy)
    s.r("home", "f", .responsibleFor)
    s.r("home", "f", .operates, function: .detention_operation)
    s.r("f", "desk", .accessibleTo)
    s.r("desk", "court", .refersTo)
    s.r("court", "home", .jurisdictionOver)
    #expect(try s.facility("f").flags.contains(.remedyGatekeeping))
  }

  /// An uncertain subcontract lengthens the chain only in the unfavourable bound.
  @Test func uncertainSubcontractLengthensOnlyTheHighBound() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("a", .company)
    s.e("b", .company)
    s.e("f", .facility)
    s.r("home", "a", .contracts, scope: ["f"], function: .custody_security)
    s.r("a", "f", .operates, function: .custody_security)
    s.r("a", "b", .subcontracts, scope: ["f"], function: .custody_security, evidence: .reported)
    s.r("b", "f", .operates, function: .custody_security, evidence: .reported)
    let f = try s.facility("f")
    #expect(f.claims.first?.depth == Interval(1, 2))
    #expect(f.components[.depth]?.gap == Interval(0.25, 0.5))
    // Confirmed only: the subcontract is gone and the depth is exact.
    #expect(try s.facility("f", evidence: .confirmed).claims.first?.depth == Interval(exactly: 1))
  }

  /// Externalisation and split principals (funder ≠ contracting authority).
  @Test func externalisedAndSplitPrincipal() throws {
    var s = Scenario()
    s.e("home", .agency, country: "AU")
    s.e("fund", .funding, country: "EU")
    s.e("op", .company, country: "AU")
    s.e("f", .facility, country: "NR")
    s.r("home", "f", .responsibleFor)
    s.r("home", "op", .contracts, scope: ["f"], function: .detention_operation)
    s.r("fund", "op", .funds, scope: ["f"])
    s.r("op", "f", .operates, function: .detention_operation)
    let f = try s.facility("f")
    #expect(f.flags.contains(.externalised))
    #expect(f.flags.contains(.splitPrincipal))
    #expect(f.components[.jurisdiction]?.gap == Interval(exactly: 1.0 / 3))
  }

  /// A pass-through intermediary (the Eloy/Dilley pattern).
  @Test func passThroughIntermediary() throws {
    var s = Scenario()
    s.e("ice", .agency, country: "US")
    s.e("city", .agency, country: "US")
    s.e("op", .company, country: "US")
    s.e("f", .facility, country: "US")
    s.r("ice", "city", .contracts, scope: ["f"], function: .detention_operation)
    s.r("city", "op", .subcontracts, scope: ["f"], function: .detention_operation)
    s.r("op", "f", .operates, function: .detention_operation)
    let f = try s.facility("f")
    #expect(f.passThrough == ["city"])
    #expect(f.flags.contains(.passThrough))
    #expect(f.claims.first?.deepestPublicDominator == "city")
    #expect(f.redFlags.first { $0.name == "pass_through" }?.status == .present)
  }

  /// HHI bounds agree with a brute-force search over the box of unknown values.
  @Test func hhiBoundsMatchBruteForce() throws {
    var rng = GapMapAlgorithms.SplitMix64(seed: 7)
    for _ in 0..<60 {
      let g = 2 + rng.below(2)
      let known = (0..<g).map { _ in rng.below(3) == 0 ? 0 : Double(1 + rng.below(9)) }
      let extra = (0..<g).map { _ in rng.below(2) == 0 ? 0 : Double(1 + rng.below(9)) }
      guard let b = HHI.bounds(known: known, extra: extra) else { continue }
      var lo = Double.infinity
      var hi = -Double.infinity
      let steps = 40
      var idx = [Int](repeating: 0, count: g)
      while true {
        let x = (0..<g).map { known[$0] + extra[$0] * Double(idx[$0]) / Double(steps) }
        if let h = HHI.value(x) {
          lo = min(lo, h)
          hi = max(hi, h)
        }
        var k = 0
        while k < g {
          idx[k] += 1
          if idx[k] <= (extra[k] > 0 ? steps : 0) { break }
          idx[k] = 0
          k += 1
        }
        if k == g { break }
      }
      #expect(abs(b.high - hi) < 1e-6, "max \(known) \(extra)")
      #expect(b.low <= lo + 1e-6, "min not below the grid \(known) \(extra)")
      #expect(lo - b.low < 60, "min too loose \(known) \(extra): \(b.low) vs grid \(lo)")
    }
    #expect(HHI.bounds(known: [5, 5], extra: [0, .infinity]) == Interval(5000, 10_000))
    #expect(HHI.bounds(known: [1], extra: [3]) == Interval(exactly: 10_000))
  }

  /// The composite's bounds are the extremes of every reading of the components.
  @Test func compositeBoundsMatchMonteCarloExtremes() throws {
    var rng = GapMapAlgorithms.SplitMix64(seed: 11)
    for _ in 0..<30 {
      var comps = [GapComponent: Interval]()
      for c in GapComponent.allCases where rng.below(4) != 0 {
        let a = rng.unit()
        let b = rng.below(2) == 0 ? a : rng.unit()
        comps[c] = Interval(a, b)
      }
      let composite = Composite(comps, weights: .standard)
      guard let g = composite.gap else { continue }
      var lo = Double.infinity
      var hi = -Double.infinity
      for draw in 0..<400 {
        var num = 0.0
        var den = 0.0
        for (c, iv) in comps {
          // Endpoints for the first draws, then uniform values.
          let v = draw < 2 ? (draw == 0 ? iv.low : iv.high) : iv.low + rng.unit() * iv.width
          num += GapWeights.standard[c] * v
          den += GapWeights.standard[c]
        }
        lo = min(lo, num / den)
        hi = max(hi, num / den)
      }
      #expect(abs(lo - g.low) < 1e-12 && abs(hi - g.high) < 1e-12)
      let known = comps.filter { $0.value.isExact }.keys.reduce(0) { $0 + GapWeights.standard[$1] }
      let total = comps.keys.reduce(0) { $0 + GapWeights.standard[$1] }
      #expect(abs(composite.knownShare - known / total) < 1e-12)
    }
  }

  /// The sensitivity analyses are reproducible and their percentiles lie inside the interval.
  @Test func sensitivityIsSeededAndBounded() throws {
    let d = try Scenario.bundledDataset()
    let a = try GapAnalysis(
      AccountabilityNetwork(d, at: try #require(PartialDate("2020"))), weights: .standard)
    let one = Sensitivity(a, draws: 300, seed: 3)
    let two = Sensitivity(a, draws: 300, seed: 3)
    #expect(
      one.monteCarlo.map { $0.facilities.map(\.p50) } == two.monteCarlo.map { $0.facilities.map(\.p50) })
    for m in one.monteCarlo {
      for draws in m.facilities {
        // Any weights give a mean of the components: between the least low and greatest high.
        let comps = try #require(a.facilities.first { $0.id == draws.facility }?.components.values)
        let lo = comps.map(\.gap.low).min() ?? 0
        let hi = comps.map(\.gap.high).max() ?? 1
        #expect(draws.p5 >= lo - 1e-9 && draws.p95 <= hi + 1e-9)
        #expect(draws.rankLow <= draws.rankHigh)
      }
    }
    #expect(one.oneAtATime.count == 16)
    #expect(one.evidence.map(\.evidence) == [.confirmed, .possible, .alleged])
  }

  /// Weights: presets, files' validation.
  @Test func weightsValidateTheirInput() throws {
    #expect(GapWeights.preset("equal")?[.oversight] == 0.125)
    #expect(throws: ModelError.self) { try GapWeights(name: "x", [("oversite", 1)]) }
    #expect(throws: ModelError.self) { try GapWeights(name: "x", [("oversight", -1)]) }
    #expect(throws: ModelError.self) { try GapWeights(name: "x", [("oversight", 0)]) }
    let w = try GapWeights(name: "x", [("oversight", 2), ("remedy", 2)])
    let c = Composite([.oversight: Interval(exactly: 1), .remedy: Interval(exactly: 0)], weights: w)
    #expect(c.gap == Interval(exactly: 0.5) && c.knownShare == 1)
  }
}

extension Scenario {
  static func bundledDataset() throws -> Dataset {
    try DatasetIO.load(Paths.bundled).dataset
  }
}
