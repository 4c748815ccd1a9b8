import GapMapModel

/// A market: the contracts and subcontracts of one responsible state for one function (M7).
public struct Market: Sendable, Hashable, Codable {
  /// Contractors under one ultimate parent.
  public struct Group: Sendable, Hashable, Codable {
    public var parent: String
    public var contractors: [String]
    /// Sum of the known contract values.
    public var known: Double
    /// How much unknown values may add (infinite when nothing bounds them).
    public var extra: Double
    public var relations: [String]
  }

  public var country: String
  public var function: ContractFunction
  public var groups: [Group]
  /// HHI bounds (0–10,000); `nil` when no reading gives a positive total.
  public var hhi: Interval?
  /// Values in several currencies cannot be compared: they are then all treated as unknown.
  public var mixedCurrencies: Bool
  public var relations: [String] { groups.flatMap(\.relations) }

  /// Every market of the network.
  static func all(_ net: AccountabilityNetwork) -> [Market] {
    struct Item {
      var parent: String
      var contractor: String
      var value: Double?
      var currency: String?
      var bound: Double
      var relation: String
    }
    var items: [String: [Item]] = [:]
    var keys: [String: (String, ContractFunction)] = [:]
    // Values of amended contracts and of parts of a larger contract are not summed twice.
    let counted = AccountabilityNetwork.valueCountedElsewhere(net.dataset)
    for (i, r) in net.dataset.relations.enumerated() {
      guard r.kind == .contracts || r.kind == .subcontracts, let fn = r.function.known else {
        continue
      }
      guard let (country, bound) = authority(of: i, net) else { continue }
      let (parent, _) = FacilityContext.ultimateParent(r.target, net)
      let key = "\(country)|\(fn.rawValue)"
      keys[key] = (country, fn)
      let elsewhere = counted.contains(r.id)
      items[key, default: []].append(
        Item(
          parent: parent, contractor: r.target, value: elsewhere ? 0 : r.value.known,
          currency: elsewhere ? nil : r.currency.known, bound: elsewhere ? 0 : bound, relation: r.id))
    }
    return keys.sorted { $0.key < $1.key }.map { key, market in
      let list = items[key] ?? []
      let currencies = Set(list.filter { $0.value != nil }.compactMap(\.currency))
      let mixed = currencies.count > 1
      var groups: [String: Group] = [:]
      for it in list {
        var g =
          groups[it.parent]
          ?? Group(parent: it.parent, contractors: [], known: 0, extra: 0, relations: [])
        if !g.contractors.contains(it.contractor) { g.contractors.append(it.contractor) }
        if let v = it.value, !mixed {
          g.known += v
        } else {
          g.extra += it.value.map { _ in .infinity } ?? it.bound
        }
        g.relations.append(it.relation)
        groups[it.parent] = g
      }
      let ordered = groups.sorted { $0.key < $1.key }.map(\.value)
      return Market(
        country: market.0, function: market.1, groups: ordered,
        hhi: HHI.bounds(known: ordered.map(\.known), extra: ordered.map(\.extra)),
        mixedCurrencies: mixed)
    }
  }

  /// The responsible state's country of contract `i` (its public contracting authority, up the
  /// subcontract chain) and the bound on its value when unknown (the parent contract's value).
  static func authority(of i: Int, _ net: AccountabilityNetwork) -> (String, Double)? {
    let r = net.relation(i)
    if net.isPublic(r.source) {
      guard let c = net.homeCountry(r.source) else { return nil }
      return (c, .infinity)
    }
    var v = r.source
    var bound = Double.infinity
    var seen: Set<String> = [v]
    for _ in 0..<32 {
      let ups = net.relations(into: v, [.contracts, .subcontracts])
      guard let up = ups.first else { return nil }
      if bound.isInfinite {
        let values = ups.compactMap { net.relation($0).value.known }
        if let m = values.min() { bound = m }
      }
      let u = net.relation(up)
      if net.isPublic(u.source) {
        guard let c = net.homeCountry(u.source) else { return nil }
        return (c, bound)
      }
      guard seen.insert(u.source).inserted else { return nil }
      v = u.source
    }
    return nil
  }

  /// M7 for a facility: HHI/10,000 of the market its private operator serves.
  static func concentration(_ ctx: FacilityContext, _ markets: [Market]) -> ComponentScore? {
    let ops = ctx.privateOperators
    guard !ops.isEmpty else { return nil }
    var trace = Trace()
    var gap: Interval?
    var used: [MarketShare] = []
    var notes: [String] = []
    let countries = Set(ctx.claims.compactMap { ctx.net.homeCountry($0.dutyBearer.id) })
    for o in ops {
      guard let fn = o.function, !countries.isEmpty else {
        gap = Interval.unit
        notes.append("operator \(o.id): function or responsible state unknown")
        continue
      }
      for c in countries.sorted() {
        guard let m = markets.first(where: { $0.country == c && $0.function == fn }), let h = m.hhi
        else {
          gap = gap.map { $0.hull(.unit) } ?? .unit
          notes.append("no contract values recorded for the \(c) \(fn.rawValue) market")
          continue
        }
        // The market's contracts are listed once, under system.markets (a national market
        // can hold thousands); the facility's trace names the operator and the market.
        trace.entities.insert(o.id)
        trace.attributes.insert("market = \(c) \(fn.rawValue) (relations under system.markets)")
        let one = Interval(h.low / 10_000, h.high / 10_000)
        gap = gap.map { $0.hull(one) } ?? one
        used.append(MarketShare(state: c, function: fn.rawValue, hhi: h, groups: m.groups.count))
      }
    }
    let g = gap ?? .unit
    return ComponentScore(
      component: .concentration, gap: g,
      details: .concentration(markets: used), notes: notes, trace: trace,
      unknowns: g.isExact
        ? []
        : [
          Unknown(
            what: "contract values in the markets of \(ctx.f)'s operators", fields: 1, bound: g.width,
            ref: ctx.f)
        ])
  }
}

/// The system figures of one responsible state.
public struct SystemFigures: Sendable, Hashable, Codable {
  public var country: String
  /// Contract relations (count-based, never value-weighted) with a disclosed value.
  public var valueDisclosed: Interval?
  /// The same share, counting only values disclosed by the authority (a `disclosure` map
  /// saying so, or an official, court or FOI source).
  public var valueDisclosedByAuthority: Interval?
  /// The share of contract relations whose value is known only from press, NGO or other
  /// secondary sources.
  public var valueReportedOnly: Interval?
  /// M9 by state: facilities whose overall operation (or custody with force) is outsourced
  /// to a non-state operator on the date, certainly and possibly.
  public var outsourcedOperation: [String]
  public var possiblyOutsourcedOperation: [String]
  public var contracts: Int
  public var contractRelations: [String]
  /// Capacity-weighted share of its facilities with an independent oversight body.
  public var oversightCoverage: Interval?
  /// The same share, counting facilities.
  public var oversightCoverageByCount: Interval?
  public var facilities: [String]
  public var facilitiesWithoutCapacity: Int
  public var markets: [Market]

  static func all(_ net: AccountabilityNetwork, facilities: [FacilityGap], markets: [Market])
    -> [SystemFigures]
  {
    var byCountry: [String: [FacilityGap]] = [:]
    for f in facilities {
      let countries = Set(f.claims.compactMap { net.homeCountry($0.dutyBearer.id) })
      for c in countries { byCountry[c, default: []].append(f) }
    }
    var contracts: [String: [Relation]] = [:]
    for r in net.dataset.relations where r.kind == .contracts && net.isPublic(r.source) {
      if let c = net.homeCountry(r.source) { contracts[c, default: []].append(r) }
    }
    let countries = Set(byCountry.keys).union(contracts.keys).sorted()
    return countries.map { c in
      let rs = contracts[c] ?? []
      var yes = 0
      var unknown = 0
      var authority = 0
      var pressOnly = 0
      for r in rs {
        switch r.disclosure["value"] {
        case .known(.yes), .known(.partial):
          yes += 1
          authority += 1
        case .known(.no), .undisclosed, .notApplicable: break
        case .unknown:
          guard r.value.known != nil else {
            unknown += 1
            continue
          }
          yes += 1
          let official = r.sources.contains {
            switch net.source($0)?.sourceType.known {
            case .official?, .court?, .foi?: return true
            default: return false
            }
          }
          if official { authority += 1 } else { pressOnly += 1 }
        }
      }
      let n = Double(rs.count)
      let fs = byCountry[c] ?? []
      var capTotal = 0.0
      var capLow = 0.0
      var capHigh = 0.0
      var countLow = 0
      var countHigh = 0
      var noCapacity = 0
      for f in fs {
        let status = f.components[.oversight]?.coverage ?? .unknown
        let certainly = status == .present
        let possibly = status != .absent
        if certainly { countLow += 1 }
        if possibly { countHigh += 1 }
        guard let cap = net.entity(f.id)?.capacity.known else {
          noCapacity += 1
          continue
        }
        capTotal += Double(cap)
        if certainly { capLow += Double(cap) }
        if possibly { capHigh += Double(cap) }
      }
      return SystemFigures(
        country: c,
        valueDisclosed: rs.isEmpty ? nil : Interval(Double(yes) / n, Double(yes + unknown) / n),
        valueDisclosedByAuthority: rs.isEmpty
          ? nil : Interval(Double(authority) / n, Double(authority + pressOnly + unknown) / n),
        valueReportedOnly: rs.isEmpty ? nil : Interval(Double(pressOnly) / n, Double(pressOnly) / n),
        outsourcedOperation: fs.filter { $0.inherentlyStateFunction == .present }.map(\.id),
        possiblyOutsourcedOperation: fs.filter {
          $0.inherentlyStateFunction == .unknown && !$0.inherentOperators.isEmpty
        }.map(\.id),
        contracts: rs.count, contractRelations: rs.map(\.id),
        oversightCoverage: capTotal > 0 ? Interval(capLow / capTotal, capHigh / capTotal) : nil,
        oversightCoverageByCount: fs.isEmpty
          ? nil : Interval(Double(countLow) / Double(fs.count), Double(countHigh) / Double(fs.count)),
        facilities: fs.map(\.id), facilitiesWithoutCapacity: noCapacity,
        markets: markets.filter { $0.country == c })
    }
  }
}
