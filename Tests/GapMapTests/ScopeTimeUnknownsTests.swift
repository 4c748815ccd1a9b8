import GapMapAlgorithms
import GapMapIO
import GapMapMetrics
import GapMapModel
import Testing

/// The semantics of scope, time and unknowns (issue 13), each on a small dataset written for it.
@Suite struct ScopeTimeUnknownsTests {
  /// A UK contract with no facility scope never reaches an Australian facility; the Australian
  /// one reaches it only as a possible link.
  @Test func unscopedContractOfAnotherStateDoesNotLeak() throws {
    var s = Scenario()
    s.e("uk-home", .agency, country: "GB")
    s.e("au-dept", .agency, country: "AU")
    s.e("serco", .company, country: "GB")
    s.e("ci", .facility, country: "AU") { $0.facilityType = .known(.detention) }
    s.e("yw", .facility, country: "GB") { $0.facilityType = .known(.removal_centre) }
    s.r("uk-home", "serco", .contracts, function: .accommodation)  // r1: unscoped, UK
    s.r("au-dept", "serco", .contracts, function: .detention_operation)  // r2: unscoped, AU
    s.r("serco", "ci", .operates, function: .detention_operation)
    s.r("serco", "yw", .operates, function: .detention_operation)
    let ci = try s.facility("ci")
    #expect(!ci.chain.nodes.contains("uk-home"))
    #expect(ci.chain.dutyBearers.map(\.id) == ["au-dept"])
    #expect(!ci.flags.contains(.externalised) && !ci.possibleFlags.contains(.externalised))
    let link = try #require(ci.chain.links.first { $0.relation == "r2" })
    #expect(link.scopeUnknown && !link.certain)
    // The Australian contract does not reach the UK centre either.
    let yw = try s.facility("yw")
    #expect(!yw.chain.nodes.contains("au-dept"))
    #expect(yw.chain.relationIDs.contains("r1"))
    // A transparency figure never counts another state's contract.
    #expect(ci.components[.transparency]?.trace.relations.contains("r1") != true)
  }

  /// An unscoped contract whose function cannot serve the facility stays out.
  @Test func unscopedContractOfAnIncompatibleFunctionStaysOut() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("airline", .company)
    s.e("f", .facility) { $0.facilityType = .known(.removal_centre) }
    s.r("home", "airline", .contracts, function: .removal_flights)
    s.r("airline", "f", .operates, function: .escort)
    let f = try s.facility("f")
    #expect(!f.chain.nodes.contains("home"))
  }

  /// An open-ended operator ends when a later one for the same facility and function starts.
  @Test func supersededOperatorEndsWhenTheNextStarts() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("old", .company)
    s.e("new", .company)
    s.e("f", .facility)
    s.r("home", "f", .responsibleFor)
    s.r("old", "f", .operates, function: .detention_operation) { $0.start = .known(PartialDate(year: 2010)!) }
    s.r("new", "f", .operates, function: .detention_operation) { $0.start = .known(PartialDate(year: 2015)!) }
    let now = try s.facility("f", at: "2020")
    #expect(now.chain.operators.map(\.id) == ["new"])
    let end = try #require(now.inferredEnds.first)
    #expect(end.relation == "r2" && end.end.supersededBy == "r3" && end.end.end == PartialDate(year: 2015))
    #expect(try s.facility("f", at: "2012").chain.operators.map(\.id) == ["old"])
    // The year of the handover is uncertain for both.
    let handover = try s.facility("f", at: "2015").chain.operators
    #expect(Set(handover.map(\.id)) == ["old", "new"] && handover.allSatisfy { !$0.certain })
    // Without inference the bare data keeps both as current.
    #expect(Set(try s.facility("f", at: "2020", rules: .none).chain.operators.map(\.id)) == ["old", "new"])
    // The JSON says so.
    let json = JSON.write(try s.analysis(at: "2020").jsonValue())
    #expect(json.contains("\"superseded_by\": \"r3\""))
  }

  /// An amendment whose start the data leaves open starts no earlier than what it amends.
  @Test func amendmentStartsNoEarlierThanTheContract() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("op", .company)
    s.e("f", .facility)
    s.r("home", "f", .responsibleFor)
    s.r("home", "op", .contracts, scope: ["f"], function: .detention_operation) {
      $0.start = .known(PartialDate(year: 2023)!)
    }
    s.r("home", "op", .contracts, scope: ["f"], function: .detention_operation) {
      $0.end = .known(PartialDate(year: 2027)!)
      $0.amends = .known("r2")
    }
    #expect(try s.facility("f", at: "2016").chain.operators.isEmpty)
    #expect(try s.facility("f", at: "2024").chain.operators.map(\.id) == ["op"])
    // The bare data reads an unknown start as "since always".
    #expect(try s.analysis(at: "2016", rules: .none).network.dataset.relations.contains { $0.id == "r3" })
    #expect(try !s.analysis(at: "2016").network.dataset.relations.contains { $0.id == "r3" })
  }

  /// A facility closed before the date is reported as closed, not scored.
  @Test func closedFacilityIsReportedNotScored() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("op", .company)
    s.e("f", .facility) { $0.closed = .known(PartialDate("2017-10-31")!) }
    s.r("home", "op", .contracts, scope: ["f"], function: .detention_operation)
    s.r("op", "f", .operates, function: .detention_operation)
    let a = try s.analysis(at: "2020")
    #expect(a.facilities.isEmpty)
    #expect(a.inactive.map(\.id) == ["f"] && a.inactive.first?.status == .closed)
    #expect(try s.analysis(at: "2016").facilities.map(\.id) == ["f"])
  }

  /// An open facility with no operator on the date gets a warning.
  @Test func facilityWithoutOperatorIsWarned() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("f", .facility)
    s.r("home", "f", .responsibleFor)
    let a = try s.analysis()
    #expect(a.warnings.count == 1 && a.warnings[0].contains("f"))
  }

  /// Recording a remedy route or an oversight body never raises either bound of a gap, for
  /// random criteria, powers, independence and evidence (seeded).
  @Test func addingARouteOrABodyNeverRaisesAGapBound() throws {
    var rng = SplitMix64(seed: 7)
    func yesNoUnknown() -> Value<Bool> {
      switch rng.next() % 3 {
      case 0: return .known(true)
      case 1: return .known(false)
      default: return .unknown
      }
    }
    for trial in 0..<150 {
      var s = Scenario()
      s.e("home", .agency)
      s.e("op", .company)
      s.e("f", .facility)
      s.r("home", "op", .contracts, scope: ["f"], function: .detention_operation)
      s.r("op", "f", .operates, function: .detention_operation)
      // Some existing routes and bodies.
      for k in 0..<Int(rng.next() % 3) {
        s.e("m\(k)", .remedy) { e in for c in CriteriaFields.fields { e.criteria[c] = yesNoUnknown() } }
        s.r("f", "m\(k)", .accessibleTo, evidence: rng.next() % 2 == 0 ? nil : .reported)
        s.r("m\(k)", rng.next() % 2 == 0 ? "op" : "home", .jurisdictionOver)
      }
      for k in 0..<Int(rng.next() % 3) {
        s.e("b\(k)", .oversight) { $0.independent = yesNoUnknown() }
        s.r("b\(k)", "f", .oversees) { r in for p in PowerFields.fields { r.powers[p] = yesNoUnknown() } }
      }
      let before = try s.facility("f")
      var added = s
      if trial % 2 == 0 {
        added.e("new", .remedy) { e in for c in CriteriaFields.fields { e.criteria[c] = yesNoUnknown() } }
        added.r("f", "new", .accessibleTo, evidence: rng.next() % 2 == 0 ? nil : .reported)
        added.r("new", rng.next() % 2 == 0 ? "op" : "home", .jurisdictionOver)
      } else {
        added.e("new", .oversight) { $0.independent = yesNoUnknown() }
        added.r("new", "f", .oversees) { r in for p in PowerFields.fields { r.powers[p] = yesNoUnknown() } }
      }
      let after = try added.facility("f")
      for c in [GapComponent.remedy, .oversight] {
        let a = try #require(before.components[c]?.gap)
        let b = try #require(after.components[c]?.gap)
        #expect(b.low <= a.low + 1e-12 && b.high <= a.high + 1e-12, "trial \(trial), \(c): \(a) → \(b)")
      }
      let a = try #require(before.composite.gap)
      let b = try #require(after.composite.gap)
      #expect(b.low <= a.low + 1e-12 && b.high <= a.high + 1e-12, "trial \(trial): \(a) → \(b)")
    }
  }

  /// Recording a real court case does not make a facility look worse (the Northwest case).
  @Test func recordingACourtCaseDoesNotRaiseTheLowBound() throws {
    var s = Scenario()
    s.e("ice", .agency, country: "US")
    s.e("geo", .company, country: "US")
    s.e("nw", .facility, country: "US")
    s.r("ice", "geo", .contracts, scope: ["nw"], function: .detention_operation)
    s.r("geo", "nw", .operates, function: .detention_operation)
    s.e("state-court", .remedy, country: "US")
    s.r("nw", "state-court", .accessibleTo)
    s.r("state-court", "ice", .jurisdictionOver)
    let before = try #require(try s.facility("nw").composite.gap)
    s.e("wa-v-geo", .remedy, country: "US") { $0.criteria["transparent"] = .known(true) }
    s.r("nw", "wa-v-geo", .accessibleTo)
    s.r("wa-v-geo", "geo", .jurisdictionOver)
    let after = try #require(try s.facility("nw").composite.gap)
    #expect(after.low <= before.low && after.high <= before.high)
  }

  /// A statutory NPM's OPCAT powers are inferred when designated in law, marked with their
  /// basis; the data's own value overrides; a ministerial designation infers nothing certain;
  /// `--no-inference` turns it off.
  @Test func mandateSuppliesPowersWithTheirBasis() throws {
    func scenario(basis: NPMBasis, access: Value<Bool> = .unknown) -> Scenario {
      var s = Scenario()
      s.e("home", .agency)
      s.e("f", .facility)
      s.e("npm", .oversight) {
        $0.independent = .known(true)
        $0.opcat = .known(.npm)
        $0.npmBasis = .known(basis)
      }
      s.r("home", "f", .operates, function: .detention_operation)
      s.r("npm", "f", .oversees) { $0.powers["access"] = access }
      return s
    }
    let law = try scenario(basis: .law).facility("f")
    let oversight = try #require(law.components[.oversight])
    // Five OPCAT powers inferred, three unknown: strength [5/8, 1].
    #expect(oversight.gap == Interval(0, 3.0 / 8))
    #expect(
      oversight.trace.attributes.contains { $0.contains("powers.access = yes (inferred from mandate: OPCAT") }
    )
    let bare = try scenario(basis: .law).facility("f", rules: .none)
    #expect(bare.components[.oversight]?.gap == .unit)
    let ministerial = try scenario(basis: .ministerial).facility("f")
    #expect(ministerial.components[.oversight]?.gap == .unit)
    #expect(
      ministerial.components[.oversight]?.trace.attributes.contains { $0.contains("favourable bound only") }
        == true)
    // The data says no access: that wins over the mandate.
    let denied = try scenario(basis: .law, access: .known(false)).facility("f")
    #expect(denied.components[.oversight]?.gap == Interval(0, 4.0 / 8))
    // A statutory mandate map works the same way.
    var statute = scenario(basis: .ministerial)
    statute.d.entities[2].mandate["records"] = .known(true)
    statute.d.entities[2].mandateBasis = "Act 1982 s.5A"
    let withStatute = try statute.facility("f")
    #expect(withStatute.components[.oversight]?.gap == Interval(0, 7.0 / 8))
  }

  /// An actor with no recorded route is unknown, not a known zero; a complete list makes it 0.
  @Test func actorWithoutRouteIsUnknownUnlessTheListIsComplete() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("op", .company)
    s.e("f", .facility)
    s.e("court", .remedy) { e in for c in CriteriaFields.fields { e.criteria[c] = .known(true) } }
    s.r("home", "f", .responsibleFor)
    s.r("home", "op", .contracts, scope: ["f"], function: .detention_operation)
    s.r("op", "f", .operates, function: .detention_operation)
    s.r("f", "court", .accessibleTo)
    s.r("court", "home", .jurisdictionOver)
    // home answerable (1), op unknown ([0, 1]): mean [0.5, 1] → gap [0, 0.5].
    #expect(try s.facility("f").components[.remedy]?.gap == Interval(0, 0.5))
    s.d.entities[2].remedyRoutes = .known(.complete)
    #expect(try s.facility("f").components[.remedy]?.gap == Interval(exactly: 0.5))
  }

  /// Undecided facilities name the fields that would decide them, ranked.
  @Test func researchNextNamesTheFields() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("hmip", .oversight) { $0.independent = .known(true) }
    s.e("f", .facility)
    s.r("home", "f", .operates, function: .detention_operation)
    s.r("hmip", "f", .oversees) { $0.powers["publishes"] = .known(true) }
    let f = try s.facility("f")
    #expect(f.composite.insufficientEvidence)
    let labels = f.researchFields.map(\.label)
    #expect(labels.contains("powers of hmip on r2 (7 fields, up to 0.25)"))
    #expect(zip(f.researchFields, f.researchFields.dropFirst()).allSatisfy { $0.upTo >= $1.upTo })
  }

  /// A successor answers for its predecessor's contracts: UKBA's contract is the Home Office's.
  @Test func successorIsTheDutyBearer() throws {
    var s = Scenario()
    s.e("gb", .state)
    s.e("ukba", .agency)
    s.e("home", .agency)
    s.e("g4s", .company)
    s.e("f", .facility)
    s.r("gb", "home", .delegates)
    s.r("ukba", "home", .succeededBy) { $0.start = .known(PartialDate(year: 2013)!) }
    s.r("ukba", "g4s", .contracts, scope: ["f"], function: .detention_operation)
    s.r("g4s", "f", .operates, function: .detention_operation)
    let f = try s.facility("f", at: "2016")
    #expect(f.chain.dutyBearers.map(\.id) == ["gb"])
    #expect(f.chain.nodes.contains("home") && f.chain.nodes.contains("ukba"))
    #expect(try s.facility("f", at: "2011").chain.dutyBearers.map(\.id) == ["ukba"])
  }

  /// JSON numbers keep full precision.
  @Test func jsonNumbersAreUnrounded() throws {
    var s = Scenario()
    s.e("home", .agency)
    for id in ["a", "b", "c"] { s.e(id, .company) }
    s.e("f", .facility)
    s.r("home", "f", .responsibleFor)
    s.r("home", "a", .contracts, scope: ["f"], function: .detention_operation)
    s.r("a", "b", .subcontracts, scope: ["f"], function: .detention_operation)
    s.r("b", "c", .subcontracts, scope: ["f"], function: .detention_operation)
    s.r("c", "f", .operates, function: .detention_operation)
    let json = JSON.write(try s.analysis().jsonValue())
    #expect(json.contains("0.6666666666666667"))
  }

  /// An amended contract's value and a part of a larger contract are not summed twice.
  @Test func amendedAndPartValuesAreCountedOnce() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("a", .company)
    s.e("b", .company)
    s.e("f", .facility)
    s.e("g", .facility)
    s.r("home", "a", .contracts, scope: ["f"], function: .detention_operation) {
      $0.value = .known(100)
      $0.currency = .known("GBP")
    }
    s.r("home", "a", .contracts, scope: ["f"], function: .detention_operation) {
      $0.value = .known(300)
      $0.currency = .known("GBP")
      $0.amends = .known("r1")
    }
    s.r("home", "a", .contracts, scope: ["f"], function: .detention_operation) {
      $0.value = .known(50)
      $0.currency = .known("GBP")
      $0.partOf = .known("r2")
    }
    s.r("home", "b", .contracts, scope: ["g"], function: .detention_operation) {
      $0.value = .known(100)
      $0.currency = .known("GBP")
    }
    let market = try #require(try s.analysis().markets.first)
    #expect(market.groups.map(\.known) == [300, 100])
    // HHI of 300:100 = 10,000 · (0.75² + 0.25²) = 6,250.
    #expect(market.hhi.map { abs($0.low - 6250) < 1e-6 && abs($0.high - 6250) < 1e-6 } == true)
  }

  /// The value-disclosure headline separates the authority from the press.
  @Test func valueDisclosureSeparatesAuthorityFromPress() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("a", .company)
    s.e("f", .facility)
    s.r("home", "a", .contracts, scope: ["f"], function: .detention_operation) {
      $0.value = .known(1)
      $0.currency = .known("GBP")
      $0.sources = ["press"]
    }
    s.r("home", "a", .contracts, scope: ["f"], function: .detention_operation) {
      $0.value = .known(1)
      $0.currency = .known("GBP")
      $0.sources = ["gov"]
    }
    s.r("a", "f", .operates, function: .detention_operation)
    var ds = s.d
    var press = Source(id: "press", title: "A newspaper")
    press.sourceType = .known(.media)
    var gov = Source(id: "gov", title: "A notice")
    gov.sourceType = .known(.official)
    ds.sources = [press, gov]
    let a = try GapAnalysis(
      AccountabilityNetwork(ds, at: try #require(PartialDate("2020"))), weights: .standard)
    let sys = try #require(a.system.first)
    #expect(sys.valueDisclosedByAuthority == Interval(0.5, 1))
    #expect(sys.valueReportedOnly == Interval(exactly: 0.5))
    #expect(sys.outsourcedOperation == ["f"])
  }

  /// Chains in a clique of subcontractors are listed in bounded work (issue 18, item 10).
  @Test func chainsInACliqueAreBounded() throws {
    var s = Scenario()
    s.e("home", .agency)
    s.e("f", .facility)
    let n = 11
    for i in 0..<n { s.e("c\(i)", .company) }
    s.r("home", "c0", .contracts, scope: ["f"], function: .detention_operation)
    for i in 0..<n {
      for j in 0..<n where i != j {
        s.r("c\(i)", "c\(j)", .subcontracts, scope: ["f"], function: .detention_operation)
      }
    }
    s.r("c\(n - 1)", "f", .operates, function: .detention_operation)
    let f = try s.facility("f")
    let clock = ContinuousClock()
    let start = clock.now
    let (chains, truncated) = f.chain.chains(from: "home", limit: 1000)
    let elapsed = clock.now - start
    #expect(chains.count == 1000 && truncated)
    #expect(chains.allSatisfy { $0.last?.to == "f" })
    #expect(elapsed < .seconds(30), "a hang guard, not a benchmark: took \(elapsed)")
  }
}
