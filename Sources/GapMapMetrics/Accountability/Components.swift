import GapMapModel

/// One component of a facility's gap, with what it was computed from.
public struct ComponentScore: Sendable {
  public var component: GapComponent
  /// The gap in [0, 1].
  public var gap: Interval
  /// Component-specific figures (depth, span, bodies, …) for the JSON output.
  public var details: [JSONMember]
  /// Neutral sentences explaining the figure.
  public var notes: [String]
  public var trace: Trace
  /// For oversight: whether an independent body certainly (present) or possibly (unknown)
  /// covers the facility.
  public var coverage: FlagStatus? = nil
}

/// Present, absent or unknown: a red flag, or any yes/no fact the data may not settle.
public enum FlagStatus: String, Sendable, Hashable {
  case present, absent, unknown
}

/// A risk indicator of the red-flag panel (shown, never added to the composite).
public struct RedFlag: Sendable, Hashable {
  public var name: String
  public var status: FlagStatus
  /// The relations that raise it (or, when absent or unknown, those examined).
  public var relations: [String]
}

extension FieldScore {
  /// The share of a yes/no compact map's fields that are yes: unknown and undisclosed fields
  /// widen the interval (non-disclosure is scored once, in transparency), n/a ones are dropped.
  /// Every field read is recorded in `trace` as `id.map.field = value`.
  init<S: YesNoFields>(yesNo map: CompactMap<S>, id: String, trace: inout Trace) {
    self.init()
    for (field, v) in map.all {
      switch v {
      case .known(let yes): add(yes ? 1 : 0)
      case .notApplicable: continue
      case .unknown, .undisclosed: addUnknown()
      }
      trace.read(id, "\(S.name).\(field)", v.cell(Scalars.formatBool))
    }
  }
}

/// The component computations over one facility's responsibility graph.
struct FacilityContext {
  let net: AccountabilityNetwork
  let f: String
  let h: ResponsibilityGraph
  let claims: [ClaimAnalysis]

  var privateOperators: [Operator] { h.operators.filter { !$0.isPublic } }

  /// Contractual links of H_f (contracts, subcontracts, funds), explicit ones only.
  var contractLinks: [ChainLink] { h.links.filter { !$0.implicit && $0.kind.isContractual } }

  func relation(_ id: String) -> (Relation, Int)? {
    guard let i = net.relationByID[id] else { return nil }
    return (net.dataset.relations[i], i)
  }

  static func num(_ v: Double) -> JSONValue {
    v.isFinite ? .number(Interval.format(v)) : .null
  }
  static func interval(_ i: Interval) -> JSONValue {
    .object([JSONMember(key: "low", value: num(i.low)), JSONMember(key: "high", value: num(i.high))])
  }
  static func strings(_ xs: [String]) -> JSONValue { .array(xs.map(JSONValue.string)) }

  // MARK: M1 depth

  func depth() -> ComponentScore {
    var trace = Trace()
    for l in h.links { trace.relations.insert(l.relation) }
    var d = claims.first?.depth ?? Interval(0, .infinity)
    for c in claims.dropFirst() { d = d.hull(c.depth) }
    if claims.isEmpty {
      d = privateOperators.isEmpty ? Interval(0, .infinity) : Interval(1, .infinity)
    }
    var notes: [String] = []
    if h.operators.isEmpty { notes.append("no operator recorded for this facility") }
    if d.high.isInfinite {
      notes.append("the chain from the duty-bearer to the operator is not fully recorded")
    }
    let gap = Interval(min(1, d.low / 4), d.high.isInfinite ? 1 : min(1, d.high / 4))
    return ComponentScore(
      component: .depth, gap: gap,
      details: [
        JSONMember(key: "depth", value: FacilityContext.interval(d)),
        JSONMember(key: "operators", value: FacilityContext.strings(h.operators.map(\.id))),
      ], notes: notes, trace: trace)
  }

  // MARK: M2 diffusion

  func diffusion() -> ComponentScore {
    var trace = Trace()
    for l in h.links { trace.relations.insert(l.relation) }
    func gapOf(_ n: Int) -> Double { n <= 1 ? 0 : 1 - 1 / Double(n) }
    var g: Interval?
    for c in claims {
      let hi = c.connected ? gapOf(max(c.spanHigh.count, c.spanLow.count)) : 1
      let one = Interval(gapOf(c.spanLow.count), hi)
      g = g.map { $0.hull(one) } ?? one
    }
    let span = Array(Set(claims.flatMap(\.spanHigh))).sorted()
    return ComponentScore(
      component: .diffusion, gap: g ?? .unit,
      details: [
        JSONMember(key: "span", value: FacilityContext.strings(span)),
        JSONMember(
          key: "span_size",
          value: FacilityContext.interval(
            Interval(
              Double(claims.map(\.spanLow.count).min() ?? 0),
              Double(claims.map(\.spanHigh.count).max() ?? 0)))),
      ],
      notes: claims.isEmpty ? ["no duty-bearer recorded or inferable"] : [], trace: trace)
  }

  // MARK: M3 oversight

  func oversight() -> ComponentScore {
    var trace = Trace()
    var targets: [(id: String, certain: Bool)] = [(f, true)]
    for o in h.operators where o.id != f { targets.append((o.id, o.certain)) }
    var ocLow = 0.0  // certain bodies, strength lower bound
    var ocHigh = 0.0  // possible bodies, strength upper bound
    var redundancy = (0, 0)
    var bodies: [JSONValue] = []
    var internalMonitors: [String] = []
    var any = false
    var coverage = FlagStatus.absent
    for (t, targetCertain) in targets {
      for i in net.relations(into: t, [.oversees]) {
        let r = net.relation(i)
        guard r.scope(for: f) != .excluded else { continue }
        any = true
        trace.relations.insert(r.id)
        trace.entities.insert(r.source)
        let body = net.entity(r.source)
        let independent = body?.independent ?? .unknown
        trace.read(r.source, "independent", independent.cell(Scalars.formatBool))
        if independent == .known(false) {
          internalMonitors.append(r.source)
          continue
        }
        let score = FieldScore(yesNo: r.powers, id: r.id, trace: &trace)
        let strength = score.share ?? Interval(exactly: 0)
        let certain = independent == .known(true) && net.isCertain(i) && targetCertain
        ocHigh = max(ocHigh, strength.high)
        if strength.high >= 0.75 { redundancy.1 += 1 }
        if coverage == .absent { coverage = .unknown }
        if certain {
          coverage = .present
          ocLow = max(ocLow, strength.low)
          if strength.low >= 0.75 { redundancy.0 += 1 }
        }
        bodies.append(
          .object([
            JSONMember(key: "body", value: .string(r.source)),
            JSONMember(key: "relation", value: .string(r.id)),
            JSONMember(key: "via", value: .string(t)),
            JSONMember(key: "independent", value: .string(independent.cell(Scalars.formatBool))),
            JSONMember(key: "strength", value: FacilityContext.interval(strength)),
            JSONMember(key: "counts", value: .string(certain ? "certain" : "possible")),
          ]))
      }
    }
    var notes: [String] = []
    let gap: Interval
    if !any {
      gap = .unit
      notes.append("no oversight relation recorded for the facility or its operators")
    } else {
      gap = Interval(1 - ocHigh, 1 - ocLow)
    }
    if !internalMonitors.isEmpty {
      notes.append("internal monitoring (not counted): \(internalMonitors.joined(separator: ", "))")
    }
    return ComponentScore(
      component: .oversight, gap: gap,
      details: [
        JSONMember(key: "bodies", value: .array(bodies)),
        JSONMember(key: "internal_monitoring", value: FacilityContext.strings(internalMonitors)),
        JSONMember(
          key: "redundancy",
          value: FacilityContext.interval(Interval(Double(redundancy.0), Double(redundancy.1)))),
      ], notes: notes, trace: trace, coverage: any ? coverage : .unknown)
  }

  // MARK: M4 remedy

  /// Mechanisms reachable from f by accessible_to then refers_to*, optionally over certain
  /// relations only and avoiding mechanisms controlled by `avoid` as intermediaries.
  func mechanisms(certainOnly: Bool, avoiding avoid: String?) -> Set<String> {
    var seen = Set<String>()
    var stack: [String] = []
    for i in net.relations(from: f, [.accessibleTo]) where !certainOnly || net.isCertain(i) {
      let m = net.relation(i).target
      if seen.insert(m).inserted { stack.append(m) }
    }
    while let m = stack.popLast() {
      if let avoid, net.entity(m)?.controlledBy.known == avoid { continue }
      for i in net.relations(from: m, [.refersTo]) where !certainOnly || net.isCertain(i) {
        let n = net.relation(i).target
        if seen.insert(n).inserted { stack.append(n) }
      }
    }
    return seen
  }

  /// Whether jurisdiction over `target` reaches actor `a`: the actor itself, or the State
  /// whose organ (agency of the same country) it is.
  func covers(_ target: String, _ a: String) -> Bool {
    if target == a { return true }
    guard net.kind(target) == .state, net.kind(a) == .agency, let c = net.homeCountry(a) else {
      return false
    }
    return net.homeCountry(target) == c
  }

  func remedy(flags: inout Set<String>) -> ComponentScore {
    var trace = Trace()
    let routes = net.relations(from: f, [.accessibleTo])
    for i in routes { trace.relations.insert(net.relation(i).id) }
    guard !routes.isEmpty else {
      return ComponentScore(
        component: .remedy, gap: .unit, details: [],
        notes: ["no remedy route (accessible_to) recorded from this facility"], trace: trace)
    }
    let certainReach = mechanisms(certainOnly: true, avoiding: nil)
    let possibleReach = mechanisms(certainOnly: false, avoiding: nil)
    var selfPolicing: [String] = []
    var answers: [JSONValue] = []
    var cache = [String: Interval]()
    func answerability(_ a: String) -> Interval {
      if let c = cache[a] { return c }
      var low = 0.0
      var high = 0.0
      var best: String?
      let free = mechanisms(certainOnly: false, avoiding: a)
      for m in possibleReach.sorted() {
        for j in net.relations(from: m, [.jurisdictionOver]) where covers(net.relation(j).target, a) {
          let mech = net.entity(m)
          trace.relations.insert(net.relation(j).id)
          trace.entities.insert(m)
          if mech?.controlledBy.known == a {
            selfPolicing.append("\(m) (controlled by \(a))")
            continue
          }
          if !free.contains(m) { flags.insert("remedy_gatekeeping") }
          let score = FieldScore(yesNo: mech?.criteria ?? CompactMap(), id: m, trace: &trace)
          let q = score.share ?? Interval(exactly: 0)
          if q.high > high {
            high = q.high
            best = m
          }
          if certainReach.contains(m) && net.isCertain(j) { low = max(low, q.low) }
        }
      }
      let ans = Interval(low, high)
      cache[a] = ans
      answers.append(
        .object([
          JSONMember(key: "actor", value: .string(a)),
          JSONMember(key: "answerability", value: FacilityContext.interval(ans)),
          JSONMember(key: "best_mechanism", value: best.map(JSONValue.string) ?? .null),
        ]))
      return ans
    }
    var ac: Interval?
    for c in claims {
      let lowSet = [c.dutyBearer.id] + c.spanLow
      let highSet = [c.dutyBearer.id] + c.spanHigh
      // Both sets hold the duty-bearer, so neither mean is empty.
      guard let a = Interval.mean(lowSet.map(answerability)),
        let b = Interval.mean(highSet.map(answerability))
      else { continue }
      let one = a.hull(b)
      ac = ac.map { $0.hull(one) } ?? one
    }
    var notes: [String] = []
    if !selfPolicing.isEmpty {
      notes.append(
        "self-policing mechanisms listed, not counted: \(Set(selfPolicing).sorted().joined(separator: "; "))")
    }
    if claims.isEmpty { notes.append("no responsible actor recorded or inferable") }
    return ComponentScore(
      component: .remedy, gap: ac.map(\.complement) ?? .unit,
      details: [
        JSONMember(key: "actors", value: .array(answers)),
        JSONMember(
          key: "mechanisms_reachable", value: FacilityContext.strings(possibleReach.sorted())),
        JSONMember(key: "self_policing", value: FacilityContext.strings(Set(selfPolicing).sorted())),
      ], notes: notes, trace: trace)
  }

  // MARK: M5 transparency

  /// T(e) for one contract, and the trace of the fields read.
  func disclosureShare(_ r: Relation, _ trace: inout Trace) -> Interval? {
    var score = FieldScore()
    for (field, v) in r.disclosure.all {
      switch v {
      case .known(.yes): score.add(1)
      case .known(.partial): score.add(0.5)
      case .known(.no), .undisclosed: score.add(0)
      case .notApplicable: continue
      case .unknown: score.addUnknown()
      }
      trace.read(r.id, "disclosure.\(field)", v.cell(DisclosureFields.word))
    }
    return score.share
  }

  func transparency() -> ComponentScore? {
    var trace = Trace()
    let links = contractLinks
    if links.isEmpty {
      guard !privateOperators.isEmpty else { return nil }
      return ComponentScore(
        component: .transparency, gap: .unit, details: [],
        notes: ["a private operator with no contract recorded"], trace: trace)
    }
    var all: [Interval] = []
    var certain: [Interval] = []
    var per: [JSONMember] = []
    for l in links {
      guard let (r, _) = relation(l.relation) else { continue }
      trace.relations.insert(r.id)
      guard let t = disclosureShare(r, &trace) else { continue }
      all.append(t)
      if l.certain { certain.append(t) }
      per.append(JSONMember(key: r.id, value: FacilityContext.interval(t)))
    }
    guard var t = Interval.mean(all) else { return nil }
    if let c = Interval.mean(certain) { t = t.hull(c) }
    return ComponentScore(
      component: .transparency, gap: t.complement,
      details: [JSONMember(key: "contracts", value: .object(per))],
      notes: [], trace: trace)
  }

  // MARK: M8 safeguards

  static let securityFunctions: Set<ContractFunction> = [
    .detention_operation, .custody_security, .escort,
  ]

  func safeguards() -> ComponentScore? {
    guard !privateOperators.isEmpty else { return nil }
    var trace = Trace()
    var items: [Interval] = []
    var per: [JSONMember] = []
    for l in contractLinks where !net.isPublic(l.to) {
      guard let (r, _) = relation(l.relation) else { continue }
      trace.relations.insert(r.id)
      let score = FieldScore(yesNo: r.safeguards, id: r.id, trace: &trace)
      if let s = score.share {
        items.append(s)
        per.append(JSONMember(key: r.id, value: FacilityContext.interval(s)))
      }
    }
    var icoca: [JSONMember] = []
    for o in privateOperators {
      let e = net.entity(o.id)
      let security = o.function.map(FacilityContext.securityFunctions.contains) ?? false
      guard security || e?.pmsc == .known(true) else { continue }
      let status = e?.icoca ?? .unknown
      trace.entities.insert(o.id)
      trace.read(o.id, "icoca", status.cell(\.rawValue))
      let s: Interval
      switch status {
      case .known(.certified): s = Interval(exactly: 1)
      case .known(.member): s = Interval(exactly: 0.5)
      case .known(.affiliate): s = Interval(exactly: 0.25)
      case .known(.none): s = Interval(exactly: 0)
      default: s = .unit
      }
      items.append(s)
      icoca.append(JSONMember(key: o.id, value: FacilityContext.interval(s)))
    }
    let share = Interval.mean(items) ?? .unit
    return ComponentScore(
      component: .safeguards, gap: share.complement,
      details: [
        JSONMember(key: "contracts", value: .object(per)),
        JSONMember(key: "icoca", value: .object(icoca)),
      ],
      notes: items.isEmpty ? ["no contract or certification data for the private operators"] : [],
      trace: trace)
  }

  // MARK: M6 jurisdiction

  /// The territorial state's country: `located_in`, else the facility's `country`.
  func territorialState(_ trace: inout Trace) -> String? {
    for i in net.relations(from: f, [.locatedIn]) {
      let r = net.relation(i)
      trace.relations.insert(r.id)
      return net.homeCountry(r.target) ?? r.target.uppercased()
    }
    return net.entity(f)?.country.known?.uppercased()
  }

  /// The ultimate parent of a company through `owns` (share > 0.5 or unknown), with the
  /// relations walked.
  static func ultimateParent(_ id: String, _ net: AccountabilityNetwork) -> (String, [Int]) {
    var v = id
    var walked: [Int] = []
    var seen: Set<String> = [id]
    while let i = net.relations(into: v, [.owns]).first(where: {
      let r = net.relation($0)
      return (r.share.known ?? 1) > 0.5 && !seen.contains(r.source)
    }) {
      walked.append(i)
      v = net.relation(i).source
      seen.insert(v)
    }
    return (v, walked)
  }

  func jurisdiction(flags: inout Set<String>, possibleFlags: inout Set<String>) -> ComponentScore {
    var trace = Trace()
    let territorial = territorialState(&trace)
    trace.entities.insert(f)
    var result: Interval?
    var countries = Set<String>()
    for c in claims {
      var certain = Set<String>()
      var possible = Set<String>()
      var unknown = 0
      let home = net.homeCountry(c.dutyBearer.id)
      trace.entities.insert(c.dutyBearer.id)
      if let home { certain.insert(home) } else { unknown += 1 }
      if let territorial { certain.insert(territorial) } else { unknown += 1 }
      if let home, let territorial, home != territorial {
        if !c.dutyBearer.certain {
          possibleFlags.insert("externalised")
        } else {
          flags.insert("externalised")
        }
      }
      for o in privateOperators {
        trace.entities.insert(o.id)
        let (parent, walked) = FacilityContext.ultimateParent(o.id, net)
        for w in walked { trace.relations.insert(net.relation(w).id) }
        for (id, sure) in [(o.id, o.certain), (parent, o.certain && walked.allSatisfy(net.isCertain))] {
          trace.entities.insert(id)
          guard let cc = net.homeCountry(id) else {
            unknown += 1
            continue
          }
          if sure { certain.insert(cc) } else { possible.insert(cc) }
        }
      }
      countries.formUnion(certain)
      countries.formUnion(possible)
      let lo = Double(max(0, certain.count - 1))
      let hi = Double(max(0, certain.union(possible).count - 1 + unknown))
      let one = Interval(min(1, lo / 3), min(1, hi / 3))
      result = result.map { $0.hull(one) } ?? one
    }
    return ComponentScore(
      component: .jurisdiction, gap: result ?? .unit,
      details: [
        JSONMember(key: "countries", value: FacilityContext.strings(countries.sorted())),
        JSONMember(key: "territorial_state", value: territorial.map(JSONValue.string) ?? .null),
      ], notes: [], trace: trace)
  }

  // MARK: M9 and the red-flag panel

  /// The inherently-state-function flag: a non-state operator performing detention_operation
  /// or custody_security.
  func inherentFunction() -> (status: FlagStatus, operators: [Operator]) {
    let hits = privateOperators.filter {
      $0.function == .detention_operation || $0.function == .custody_security
    }
    if hits.contains(where: \.certain) { return (.present, hits) }
    if !hits.isEmpty || privateOperators.contains(where: { $0.function == nil }) {
      return (.unknown, hits)
    }
    return (.absent, [])
  }

  func redFlags(passThrough: [String]) -> [RedFlag] {
    let contracts = contractLinks.compactMap { relation($0.relation)?.0 }
    func panel(_ name: String, _ test: (Relation) -> FlagStatus) -> RedFlag {
      let statuses = contracts.map { ($0.id, test($0)) }
      let present = statuses.filter { $0.1 == .present }.map(\.0)
      if !present.isEmpty { return RedFlag(name: name, status: .present, relations: present) }
      let all = statuses.map(\.0)
      if !statuses.isEmpty && statuses.allSatisfy({ $0.1 == .absent }) {
        return RedFlag(name: name, status: .absent, relations: all)
      }
      return RedFlag(name: name, status: .unknown, relations: all)
    }
    return [
      panel("direct_award") {
        guard let p = $0.procedure.known else { return .unknown }
        return p == .direct ? .present : .absent
      },
      panel("single_bidder") {
        guard let b = $0.bidders.known else { return .unknown }
        return b == 1 ? .present : .absent
      },
      panel("modifications") {
        guard let m = $0.modifications.known else { return .unknown }
        return m > 0 ? .present : .absent
      },
      RedFlag(
        name: "pass_through", status: passThrough.isEmpty ? .absent : .present,
        relations: passThrough),
      panel("undisclosed_subcontractors") {
        switch $0.disclosure["subcontractors"] {
        case .known(.no), .undisclosed: return .present
        case .known, .notApplicable: return .absent
        case .unknown: return .unknown
        }
      },
    ]
  }

  /// Public entities in H_f that receive a contract or funds for f and pass it on by contract
  /// without operating there; an explicit `pass_through` attribute overrides.
  func passThroughIntermediaries() -> [String] {
    let operatorIDs = Set(h.operators.map(\.id))
    return h.nodes.filter { v in
      guard v != f, let e = net.entity(v) else { return false }
      let receives = h.links.contains { $0.to == v && $0.kind.isContractual }
      let passes = h.links.contains {
        $0.from == v && ($0.kind == .contracts || $0.kind == .subcontracts)
      }
      switch e.passThrough {
      case .known(let b): return b && (receives || passes)
      default: return e.kind.isPublic && receives && passes && !operatorIDs.contains(v)
      }
    }
  }

  /// Links from a public body to a private one.
  var sectorCrossings: [ChainLink] {
    h.links.filter { net.isPublic($0.from) && net.kind($0.to) == .company }
  }

  /// Links between entities of different (known) countries.
  var borderCrossings: [ChainLink] {
    h.links.filter {
      guard let a = net.homeCountry($0.from), let b = net.homeCountry($0.to) else { return false }
      return a != b
    }
  }

  /// Funder ≠ contracting authority ≠ custodial authority.
  func splitPrincipal() -> Bool {
    let funders = Set(h.links.filter { $0.kind == .funds }.map(\.from))
    let authorities = Set(h.links.filter { $0.kind == .contracts }.map(\.from))
    let custodial: Set<String> = net.entity(f)?.custodialAuthority.known.map { [$0] } ?? []
    let roles = [funders, authorities, custodial].filter { !$0.isEmpty }
    for (i, a) in roles.enumerated() {
      for b in roles[(i + 1)...] where a != b { return true }
    }
    return false
  }
}
