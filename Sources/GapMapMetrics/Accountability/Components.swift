import GapMapModel

/// One component of a facility's gap, with what it was computed from.
public struct ComponentScore: Sendable, Hashable, Codable {
  public var component: GapComponent
  /// The gap in [0, 1].
  public var gap: Interval
  /// Component-specific figures (depth, span, bodies, …).
  public var details: ComponentDetails
  /// Neutral sentences explaining the figure.
  public var notes: [String]
  public var trace: Trace
  /// For oversight: whether an independent body certainly (present) or possibly (unknown)
  /// covers the facility.
  public var coverage: FlagStatus? = nil
  /// The unknowns that keep the interval open, each with the most it could move the component.
  public var unknowns: [Unknown] = []
}

/// A group of fields the data leaves open, which keeps a component's interval wide.
public struct Unknown: Sendable, Hashable, Codable {
  /// What to find out, e.g. "powers of hmip on bo013".
  public var what: String
  /// How many fields the group holds.
  public var fields: Int
  /// The most resolving the group could move the component's value, in [0, 1].
  public var bound: Double
  /// The relation or entity id to look at.
  public var ref: String
}

/// Present, absent or unknown: a red flag, or any yes/no fact the data may not settle.
public enum FlagStatus: String, Sendable, Hashable, Codable {
  case present, absent, unknown
}

/// A risk indicator of the red-flag panel (shown, never added to the composite).
public struct RedFlag: Sendable, Hashable, Codable {
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
      details: .depth(depth: d, operators: h.operators.map(\.id)), notes: notes, trace: trace,
      unknowns: chainUnknowns(gap.width))
  }

  /// What keeps the chain figures open: links of unknown scope or uncertain evidence, a
  /// missing operator, a missing duty-bearer.
  func chainUnknowns(_ width: Double) -> [Unknown] {
    guard width > 0 else { return [] }
    var out: [Unknown] = []
    for l in h.links where !l.certain && !l.implicit {
      if l.scopeUnknown {
        out.append(
          Unknown(
            what: "facilities scope of \(l.relation) (\(l.from) → \(l.to))", fields: 1, bound: width,
            ref: l.relation))
      } else {
        out.append(
          Unknown(
            what: "evidence or dates of \(l.relation) (\(l.from) → \(l.to))", fields: 1, bound: width,
            ref: l.relation))
      }
    }
    if h.operators.isEmpty {
      out.append(Unknown(what: "operator of \(f) (operates, with dates)", fields: 1, bound: width, ref: f))
    }
    if h.dutyBearers.isEmpty {
      out.append(
        Unknown(what: "responsible state of \(f) (responsible_for)", fields: 1, bound: width, ref: f))
    } else if claims.contains(where: { !$0.connected }) {
      out.append(
        Unknown(
          what: "contract chain from the duty-bearer to the operator of \(f)", fields: 1, bound: width, ref: f
        ))
    }
    // Private operators the duty-bearers' recorded chains do not reach.
    var down = [String: [String]]()
    for l in h.links { down[l.from, default: []].append(l.to) }
    var reached = Set(h.dutyBearers.map(\.id))
    var stack = Array(reached)
    while let v = stack.popLast() {
      for w in down[v] ?? [] where reached.insert(w).inserted { stack.append(w) }
    }
    for o in privateOperators where !h.dutyBearers.isEmpty && !reached.contains(o.id) {
      out.append(
        Unknown(
          what:
            "who contracts \(o.id) for \(f) (a chain from \(h.dutyBearers.map(\.id).joined(separator: "/")))",
          fields: 1, bound: width, ref: o.relation))
    }
    return out
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
    let gap = g ?? .unit
    return ComponentScore(
      component: .diffusion, gap: gap,
      details: .diffusion(
        span: span,
        spanSize: Interval(
          Double(claims.map(\.spanLow.count).min() ?? 0), Double(claims.map(\.spanHigh.count).max() ?? 0))),
      notes: claims.isEmpty ? ["no duty-bearer recorded or inferable"] : [], trace: trace,
      unknowns: chainUnknowns(gap.width))
  }

  // MARK: M3 oversight

  /// The powers OPCAT Art. 19–20 guarantees a national preventive mechanism.
  static let opcatPowers: Set<String> = ["access", "records", "interviews", "choice", "publishes"]

  /// The powers a body holds over its target on relation `r`: the data's own `powers` first;
  /// where it is silent, the body's statutory `mandate`, then (for an NPM designated in law)
  /// OPCAT Art. 19–20. Returns the score and the inferred fields with their basis.
  func powers(_ r: Relation, body: Entity?, trace: inout Trace) -> (FieldScore, [(String, String)]) {
    var score = FieldScore()
    var inferred: [(String, String)] = []
    for (field, stated) in r.powers.all {
      var v = stated
      var basis: String?
      if v.isUnknown, net.rules.mandatePowers, let body {
        if !body.mandate[field].isUnknown {
          v = body.mandate[field]
          basis = "statutory mandate" + (body.mandateBasis.isEmpty ? "" : " (\(body.mandateBasis))")
        } else if body.opcat == .known(.npm), FacilityContext.opcatPowers.contains(field) {
          if body.npmBasis == .known(.law) {
            v = .known(true)
            basis = "OPCAT Art. 19–20 (NPM designated in law)"
          } else {
            // Ministerial designation: not guaranteed by law, so the power stays unknown
            // (it already counts in the favourable bound).
            basis =
              "OPCAT Art. 19–20, NPM by \(body.npmBasis.known?.rawValue ?? "unstated") designation: favourable bound only"
          }
        }
      }
      switch v {
      case .known(let yes): score.add(yes ? 1 : 0)
      case .notApplicable: break
      case .unknown, .undisclosed: score.addUnknown()
      }
      let cell = v.cell(Scalars.formatBool)
      if let basis {
        inferred.append((field, basis))
        trace.read(
          r.id, "powers.\(field)", (cell.isEmpty ? "unknown" : cell) + " (inferred from mandate: \(basis))")
      } else {
        trace.read(r.id, "powers.\(field)", cell)
      }
    }
    return (score, inferred)
  }

  func oversight() -> ComponentScore {
    var trace = Trace()
    var targets: [(id: String, certain: Bool)] = [(f, true)]
    for o in h.operators where o.id != f { targets.append((o.id, o.certain)) }
    let complete = net.entity(f)?.oversightBodies == .known(.complete)
    if let e = net.entity(f) { trace.read(f, "oversight_bodies", e.oversightBodies.cell(\.rawValue)) }
    var ocLow = 0.0  // certain bodies, strength lower bound
    var ocHigh = 0.0  // possible bodies, strength upper bound
    var redundancy = (0, 0)
    var bodies: [OversightBodyScore] = []
    var internalMonitors: [String] = []
    var unknowns: [Unknown] = []
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
        let (score, inferred) = powers(r, body: body, trace: &trace)
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
        if score.unknownCount > 0 {
          unknowns.append(
            Unknown(
              what: "powers of \(r.source) on \(r.id)", fields: score.unknownCount,
              bound: strength.width, ref: r.id))
        }
        if independent.isUnknown {
          unknowns.append(
            Unknown(what: "independence of \(r.source)", fields: 1, bound: strength.high, ref: r.source))
        }
        if !net.isCertain(i) || !targetCertain {
          unknowns.append(
            Unknown(
              what: "evidence or dates of \(r.id) (\(r.source) → \(t))", fields: 1, bound: strength.low,
              ref: r.id))
        }
        bodies.append(
          OversightBodyScore(
            body: r.source, relation: r.id, via: t, independent: independent, strength: strength,
            certain: certain, inferredPowers: inferred.map { InferredPower(power: $0.0, basis: $0.1) }))
      }
    }
    var notes: [String] = []
    // Open world: a body the data does not record may exist, so the favourable bound assumes
    // one with every power, unless a source establishes the list is complete. Adding a body
    // therefore never raises either bound.
    let gap = Interval(complete ? 1 - ocHigh : 0, 1 - ocLow)
    if !any {
      notes.append(
        complete
          ? "no oversight body: the recorded list is complete"
          : "no oversight relation recorded for the facility or its operators")
    }
    if !complete {
      unknowns.append(
        Unknown(
          what: "whether the oversight bodies of \(f) are all recorded (oversight_bodies)", fields: 1,
          bound: 1 - ocLow, ref: f))
    }
    if !internalMonitors.isEmpty {
      notes.append("internal monitoring (not counted): \(internalMonitors.joined(separator: ", "))")
    }
    return ComponentScore(
      component: .oversight, gap: gap,
      details: .oversight(
        bodies: bodies, internalMonitoring: internalMonitors,
        redundancy: Interval(Double(redundancy.0), Double(redundancy.1)), listComplete: complete),
      notes: notes, trace: trace, coverage: any ? coverage : .unknown, unknowns: unknowns)
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
    guard net.rules.stateCoversAgencies, net.kind(target) == .state, net.kind(a) == .agency,
      let c = net.homeCountry(a)
    else {
      return false
    }
    return net.homeCountry(target) == c
  }

  func remedy(flags: inout Set<GapFlag>) -> ComponentScore {
    var trace = Trace()
    let routes = net.relations(from: f, [.accessibleTo])
    for i in routes { trace.relations.insert(net.relation(i).id) }
    // Open world: a route the data does not record may exist, so an actor's answerability
    // reaches 1 in the favourable bound unless a source establishes the routes are complete.
    // Recording a route therefore never raises either bound of the gap.
    let complete = net.entity(f)?.remedyRoutes == .known(.complete)
    if let e = net.entity(f) { trace.read(f, "remedy_routes", e.remedyRoutes.cell(\.rawValue)) }
    let completeness = Unknown(
      what: "whether the remedy routes from \(f) are all recorded (remedy_routes)", fields: 1, bound: 1,
      ref: f)
    guard !routes.isEmpty else {
      return ComponentScore(
        component: .remedy, gap: complete ? Interval(exactly: 1) : .unit, details: .none,
        notes: [
          complete
            ? "no remedy route: the recorded list is complete"
            : "no remedy route (accessible_to) recorded from this facility"
        ], trace: trace,
        unknowns: complete
          ? []
          : [
            Unknown(
              what: "remedy routes from \(f) (accessible_to, jurisdiction_over)", fields: 1, bound: 1,
              ref: f)
          ])
    }
    let certainReach = mechanisms(certainOnly: true, avoiding: nil)
    let possibleReach = mechanisms(certainOnly: false, avoiding: nil)
    var selfPolicing: [String] = []
    var answers: [ActorAnswerability] = []
    var unknowns: [Unknown] = []
    var seenMechanisms = Set<String>()
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
          if !free.contains(m) { flags.insert(.remedyGatekeeping) }
          let score = FieldScore(yesNo: mech?.criteria ?? CompactMap(), id: m, trace: &trace)
          let q = score.share ?? Interval(exactly: 0)
          if q.high > high {
            high = q.high
            best = m
          }
          let sure = certainReach.contains(m) && net.isCertain(j)
          if sure { low = max(low, q.low) }
          if seenMechanisms.insert(m).inserted {
            if score.unknownCount > 0 {
              unknowns.append(
                Unknown(
                  what: "UNGP 31 criteria of \(m)", fields: score.unknownCount, bound: q.width, ref: m))
            }
          }
          if !sure {
            unknowns.append(
              Unknown(
                what: "evidence or dates of the route to \(m)", fields: 1, bound: q.low,
                ref: net.relation(j).id))
          }
        }
      }
      if !complete { high = 1 }
      let ans = Interval(low, high)
      cache[a] = ans
      answers.append(ActorAnswerability(actor: a, answerability: ans, bestMechanism: best))
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
    let gap = ac.map(\.complement) ?? .unit
    if !complete { unknowns.append(Unknown(what: completeness.what, fields: 1, bound: gap.width, ref: f)) }
    return ComponentScore(
      component: .remedy, gap: gap,
      details: .remedy(
        actors: answers, mechanismsReachable: possibleReach.sorted(),
        selfPolicing: Set(selfPolicing).sorted(),
        listComplete: complete),
      notes: notes, trace: trace, unknowns: unknowns)
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
        component: .transparency, gap: .unit, details: .none,
        notes: ["a private operator with no contract recorded"], trace: trace,
        unknowns: [Unknown(what: "the contract of the operator of \(f)", fields: 1, bound: 1, ref: f)])
    }
    var all: [Interval] = []
    var certain: [Interval] = []
    var per: [Scored] = []
    var unknowns: [Unknown] = []
    for l in links {
      guard let (r, _) = relation(l.relation) else { continue }
      trace.relations.insert(r.id)
      guard let t = disclosureShare(r, &trace) else { continue }
      all.append(t)
      if l.certain { certain.append(t) }
      per.append(Scored(r.id, t))
      let open = r.disclosure.all.filter { $0.value.isUnknown }.count
      if open > 0 {
        unknowns.append(
          Unknown(
            what: "disclosure of \(r.id) (\(r.source) → \(r.target))", fields: open,
            bound: t.width / Double(links.count), ref: r.id))
      }
    }
    guard var t = Interval.mean(all) else { return nil }
    if let c = Interval.mean(certain) { t = t.hull(c) }
    return ComponentScore(
      component: .transparency, gap: t.complement,
      details: .transparency(contracts: per),
      notes: [], trace: trace, unknowns: unknowns)
  }

  // MARK: M8 safeguards

  static let securityFunctions: Set<ContractFunction> = [
    .detention_operation, .custody_security, .escort,
  ]

  func safeguards() -> ComponentScore? {
    guard !privateOperators.isEmpty else { return nil }
    var trace = Trace()
    var items: [Interval] = []
    var per: [Scored] = []
    var pending: [(String, Int, Double, String)] = []
    for l in contractLinks where !net.isPublic(l.to) {
      guard let (r, _) = relation(l.relation) else { continue }
      trace.relations.insert(r.id)
      let score = FieldScore(yesNo: r.safeguards, id: r.id, trace: &trace)
      if let s = score.share {
        items.append(s)
        per.append(Scored(r.id, s))
        if score.unknownCount > 0 {
          pending.append(
            ("safeguard clauses of \(r.id) (\(r.source) → \(r.target))", score.unknownCount, s.width, r.id))
        }
      }
    }
    var icoca: [Scored] = []
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
      default:
        s = .unit
        pending.append(("ICoCA status of \(o.id)", 1, 1, o.id))
      }
      items.append(s)
      icoca.append(Scored(o.id, s))
    }
    let share = Interval.mean(items) ?? .unit
    return ComponentScore(
      component: .safeguards, gap: share.complement,
      details: .safeguards(contracts: per, icoca: icoca),
      notes: items.isEmpty ? ["no contract or certification data for the private operators"] : [],
      trace: trace,
      unknowns: pending.map {
        Unknown(what: $0.0, fields: $0.1, bound: $0.2 / Double(max(1, items.count)), ref: $0.3)
      })
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

  func jurisdiction(flags: inout Set<GapFlag>, possibleFlags: inout Set<GapFlag>) -> ComponentScore {
    var trace = Trace()
    let territorial = territorialState(&trace)
    trace.entities.insert(f)
    var result: Interval?
    var countries = Set<String>()
    var missing = Set<String>()
    for c in claims {
      var certain = Set<String>()
      var possible = Set<String>()
      var unknown = 0
      let home = net.homeCountry(c.dutyBearer.id)
      trace.entities.insert(c.dutyBearer.id)
      if let home {
        certain.insert(home)
      } else {
        unknown += 1
        missing.insert(c.dutyBearer.id)
      }
      if let territorial {
        certain.insert(territorial)
      } else {
        unknown += 1
        missing.insert(f)
      }
      if let home, let territorial, home != territorial {
        if !c.dutyBearer.certain {
          possibleFlags.insert(.externalised)
        } else {
          flags.insert(.externalised)
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
            missing.insert(id)
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
      details: .jurisdiction(countries: countries.sorted(), territorialState: territorial), notes: [],
      trace: trace,
      unknowns: missing.sorted().map {
        Unknown(what: "country of \($0)", fields: 1, bound: 1.0 / 3, ref: $0)
      })
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
