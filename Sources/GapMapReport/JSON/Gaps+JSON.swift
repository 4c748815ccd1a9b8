import GapMapMetrics
import GapMapModel

extension GapAnalysis {
  /// What `gapmap gaps --format json` prints (schema: `docs/gaps.schema.json`).
  public func jsonValue(sensitivity: Sensitivity? = nil) -> JSONValue {
    var members: [JSONMember] = [
      JSONMember(key: "as_of", value: .string(network.at.description)),
      JSONMember(key: "evidence", value: .string(network.evidence.rawValue)),
      JSONMember(key: "weights_preset", value: .string(weights.name)),
      JSONMember(
        key: "weights",
        value: .object(GapComponent.allCases.map { JSONMember(key: $0.rawValue, value: num(weights[$0])) })),
      JSONMember(key: "facilities", value: .array(presentationOrder.map(facilityJSON))),
      JSONMember(
        key: "inactive_facilities",
        value: .array(
          inactive.map { i in
            .object([
              JSONMember(key: "id", value: .string(i.id)),
              JSONMember(key: "name", value: .string(i.name)),
              JSONMember(key: "status", value: .string(i.status.rawValue)),
              JSONMember(key: "date", value: .string(i.date.description)),
            ])
          })),
      JSONMember(key: "warnings", value: strings(warnings)),
      JSONMember(
        key: "inference",
        value: .object([
          JSONMember(key: "superseded_ends", value: .bool(network.rules.supersededEnds)),
          JSONMember(key: "mandate_powers", value: .bool(network.rules.mandatePowers)),
          JSONMember(key: "implicit_operators", value: .bool(network.rules.implicitOperators)),
          JSONMember(key: "inferred_duty_bearers", value: .bool(network.rules.inferredDutyBearers)),
          JSONMember(key: "successors", value: .bool(network.rules.successors)),
          JSONMember(key: "state_covers_agencies", value: .bool(network.rules.stateCoversAgencies)),
        ])),
      JSONMember(key: "system", value: systemJSON),
    ]
    if let sensitivity { members.append(JSONMember(key: "sensitivity", value: sensitivity.jsonValue)) }
    return .object(members)
  }

  func num(_ v: Double) -> JSONValue { ResultJSON.num(v) }
  func interval(_ i: Interval?) -> JSONValue { i.map(ResultJSON.interval) ?? .null }
  func strings(_ xs: [String]) -> JSONValue { ResultJSON.strings(xs) }

  /// The members a component's figures add to its JSON object (the keys of the first release).
  func detailsJSON(_ d: ComponentDetails) -> [JSONMember] {
    func scored(_ xs: [Scored]) -> JSONValue {
      .object(xs.map { JSONMember(key: $0.id, value: interval($0.score)) })
    }
    func text(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    switch d {
    case .depth(let depth, let operators):
      return [
        JSONMember(key: "depth", value: interval(depth)),
        JSONMember(key: "operators", value: strings(operators)),
      ]
    case .diffusion(let span, let size):
      return [
        JSONMember(key: "span", value: strings(span)), JSONMember(key: "span_size", value: interval(size)),
      ]
    case .oversight(let bodies, let internalMonitoring, let redundancy, let complete):
      let list: [JSONValue] = bodies.map { b in
        .object([
          JSONMember(key: "body", value: .string(b.body)),
          JSONMember(key: "relation", value: .string(b.relation)),
          JSONMember(key: "via", value: .string(b.via)),
          JSONMember(key: "independent", value: .string(b.independent.cell(Scalars.formatBool))),
          JSONMember(key: "strength", value: interval(b.strength)),
          JSONMember(key: "counts", value: .string(b.certain ? "certain" : "possible")),
          JSONMember(
            key: "inferred_powers",
            value: .array(
              b.inferredPowers.map {
                .object([
                  JSONMember(key: "power", value: .string($0.power)),
                  JSONMember(key: "basis", value: .string($0.basis)),
                ])
              })),
        ])
      }
      return [
        JSONMember(key: "bodies", value: .array(list)),
        JSONMember(key: "internal_monitoring", value: strings(internalMonitoring)),
        JSONMember(key: "redundancy", value: interval(redundancy)),
        JSONMember(key: "list_complete", value: .bool(complete)),
      ]
    case .remedy(let actors, let reachable, let selfPolicing, let complete):
      let list: [JSONValue] = actors.map { a in
        .object([
          JSONMember(key: "actor", value: .string(a.actor)),
          JSONMember(key: "answerability", value: interval(a.answerability)),
          JSONMember(key: "best_mechanism", value: text(a.bestMechanism)),
        ])
      }
      return [
        JSONMember(key: "actors", value: .array(list)),
        JSONMember(key: "mechanisms_reachable", value: strings(reachable)),
        JSONMember(key: "self_policing", value: strings(selfPolicing)),
        JSONMember(key: "list_complete", value: .bool(complete)),
      ]
    case .transparency(let contracts):
      return [JSONMember(key: "contracts", value: scored(contracts))]
    case .safeguards(let contracts, let icoca):
      return [
        JSONMember(key: "contracts", value: scored(contracts)),
        JSONMember(key: "icoca", value: scored(icoca)),
      ]
    case .jurisdiction(let countries, let territorial):
      return [
        JSONMember(key: "countries", value: strings(countries)),
        JSONMember(key: "territorial_state", value: text(territorial)),
      ]
    case .concentration(let markets):
      return [
        JSONMember(
          key: "markets",
          value: .array(
            markets.map { m in
              .object([
                JSONMember(key: "state", value: .string(m.state)),
                JSONMember(key: "function", value: .string(m.function)),
                JSONMember(key: "hhi", value: interval(m.hhi)),
                JSONMember(key: "groups", value: .number(String(m.groups))),
              ])
            }))
      ]
    case .none:
      return []
    }
  }

  func facilityJSON(_ f: FacilityGap) -> JSONValue {
    let c = f.composite
    var components: [JSONMember] = []
    for comp in GapComponent.allCases {
      guard let s = f.components[comp] else {
        components.append(JSONMember(key: comp.rawValue, value: .null))
        continue
      }
      components.append(
        JSONMember(
          key: comp.rawValue,
          value: .object(
            [
              JSONMember(key: "low", value: num(s.gap.low)),
              JSONMember(key: "high", value: num(s.gap.high)),
              JSONMember(key: "code", value: .string(comp.code)),
              JSONMember(key: "weight", value: num(weights[comp])),
              JSONMember(key: "notes", value: strings(s.notes)),
            ] + detailsJSON(s.details) + [
              JSONMember(key: "relations", value: strings(s.trace.relations.sorted())),
              JSONMember(key: "attributes", value: strings(s.trace.attributes.sorted())),
              JSONMember(key: "sources", value: strings(network.sources(of: s.trace))),
            ])))
    }
    let widthTotal = c.researchNext.reduce(0) { $0 + $1.contribution }
    let claims: [JSONValue] = f.claims.map { a in
      .object([
        JSONMember(key: "duty_bearer", value: .string(a.dutyBearer.id)),
        JSONMember(key: "inferred", value: .bool(a.dutyBearer.inferred)),
        JSONMember(key: "relation", value: a.dutyBearer.relation.map(JSONValue.string) ?? .null),
        JSONMember(key: "connected", value: .bool(a.connected)),
        JSONMember(key: "depth", value: interval(a.depth)),
        JSONMember(key: "span_certain", value: strings(a.spanLow)),
        JSONMember(key: "span", value: strings(a.spanHigh)),
        JSONMember(key: "dominators", value: strings(a.dominators)),
        JSONMember(
          key: "deepest_public_dominator", value: a.deepestPublicDominator.map(JSONValue.string) ?? .null
        ),
        JSONMember(
          key: "disjoint_chains",
          value: interval(Interval(Double(a.disjointChains.low), Double(a.disjointChains.high)))),
        JSONMember(key: "circular", value: .bool(a.circular)),
      ])
    }
    var depth: Interval?
    for a in f.claims { depth = depth.map { $0.hull(a.depth) } ?? a.depth }
    return .object([
      JSONMember(key: "id", value: .string(f.id)),
      JSONMember(key: "name", value: .string(f.name)),
      JSONMember(key: "country", value: f.country.map(JSONValue.string) ?? .null),
      JSONMember(key: "gap", value: interval(c.gap)),
      JSONMember(key: "known_share", value: num(c.knownShare)),
      JSONMember(key: "insufficient_evidence", value: .bool(c.insufficientEvidence)),
      JSONMember(key: "display", value: .string(display(c))),
      JSONMember(key: "flags", value: strings(f.flags.map(\.rawValue))),
      JSONMember(key: "possible_flags", value: strings(f.possibleFlags.map(\.rawValue))),
      JSONMember(
        key: "inherently_state_function",
        value: .object([
          JSONMember(key: "status", value: .string(f.inherentlyStateFunction.rawValue)),
          JSONMember(
            key: "operators",
            value: .array(
              f.inherentOperators.map { o in
                .object([
                  JSONMember(key: "id", value: .string(o.id)),
                  JSONMember(key: "function", value: o.function.map { .string($0.rawValue) } ?? .null),
                  JSONMember(key: "relation", value: .string(o.relation)),
                  JSONMember(key: "certain", value: .bool(o.certain)),
                ])
              })),
          JSONMember(key: "basis", value: .string(GapAnalysis.inherentBasis)),
        ])),
      JSONMember(key: "components", value: .object(components)),
      JSONMember(
        key: "chain",
        value: .object([
          JSONMember(key: "duty_bearers", value: strings(f.chain.dutyBearers.map(\.id))),
          JSONMember(
            key: "duty_bearers_inferred", value: .bool(f.chain.dutyBearers.contains(where: \.inferred))),
          JSONMember(key: "depth", value: interval(depth)),
          JSONMember(key: "span", value: strings(Array(Set(f.claims.flatMap(\.spanHigh))).sorted())),
          JSONMember(key: "dominators", value: strings(f.claims.first?.dominators ?? [])),
          JSONMember(key: "pass_through", value: strings(f.passThrough)),
          JSONMember(key: "operators", value: strings(f.chain.operators.map(\.id))),
          JSONMember(
            key: "possible_links",
            value: .array(
              f.chain.links.filter(\.scopeUnknown).map { l in
                .object([
                  JSONMember(key: "relation", value: .string(l.relation)),
                  JSONMember(key: "from", value: .string(l.from)),
                  JSONMember(key: "to", value: .string(l.to)),
                  JSONMember(key: "kind", value: .string(l.kind.rawValue)),
                  JSONMember(key: "reason", value: .string("scope unknown")),
                ])
              })),
          JSONMember(key: "end_inferred", value: f.inferredEndsJSON),
          JSONMember(key: "sector_crossings", value: .number(String(f.sectorCrossings.count))),
          JSONMember(key: "border_crossings", value: .number(String(f.borderCrossings.count))),
          JSONMember(key: "claims", value: .array(claims)),
        ])),
      JSONMember(
        key: "red_flags",
        value: .array(
          f.redFlags.map { r in
            .object([
              JSONMember(key: "name", value: .string(r.name)),
              JSONMember(key: "status", value: .string(r.status.rawValue)),
              JSONMember(key: "relations", value: strings(r.relations)),
            ])
          })),
      JSONMember(
        key: "research_next",
        value: .array(
          f.researchFields.map { r in
            .object([
              JSONMember(key: "component", value: .string(r.component.rawValue)),
              JSONMember(key: "fields", value: .string(r.what)),
              JSONMember(key: "field_count", value: .number(String(r.fields))),
              JSONMember(key: "up_to", value: num(r.upTo)),
              JSONMember(key: "known_share_gain", value: num(r.knownShareGain)),
              JSONMember(key: "ref", value: .string(r.ref)),
              JSONMember(key: "label", value: .string(r.label)),
            ])
          })),
      JSONMember(
        key: "research_next_components",
        value: .array(
          c.researchNext.map { r in
            .object([
              JSONMember(key: "component", value: .string(r.component.rawValue)),
              JSONMember(key: "width_share", value: num(widthTotal > 0 ? r.contribution / widthTotal : 0)),
              JSONMember(key: "contribution", value: num(r.contribution)),
            ])
          })),
      JSONMember(
        key: "evidence",
        value: .object([
          JSONMember(key: "relations", value: strings(f.trace.relations.sorted())),
          JSONMember(key: "entities", value: strings(f.trace.entities.sorted())),
          JSONMember(key: "sources", value: strings(network.sources(of: f.trace))),
        ])),
    ])
  }

  /// `[0.37, 0.53]`, or "insufficient evidence".
  public func display(_ c: Composite) -> String {
    guard let g = c.gap else { return "not applicable" }
    return c.insufficientEvidence ? "insufficient evidence" : g.description
  }

  /// The citation of the M9 flag.
  public static let inherentBasis =
    "A/72/286 (2017) calls for ending the outsourcing of the overall operation of immigration detention to for-profit companies; the draft convention A/HRC/15/25 (2010) lists functions that cannot be outsourced"

  var systemJSON: JSONValue {
    .object([
      JSONMember(
        key: "states",
        value: .array(
          system.map { s in
            .object([
              JSONMember(key: "state", value: .string(s.country)),
              JSONMember(key: "contracts", value: .number(String(s.contracts))),
              JSONMember(key: "value_disclosed_share", value: interval(s.valueDisclosed)),
              JSONMember(
                key: "value_disclosed_by_authority_share", value: interval(s.valueDisclosedByAuthority)),
              JSONMember(key: "value_reported_only_share", value: interval(s.valueReportedOnly)),
              JSONMember(key: "outsourced_operation", value: strings(s.outsourcedOperation)),
              JSONMember(
                key: "possibly_outsourced_operation", value: strings(s.possiblyOutsourcedOperation)),
              JSONMember(key: "contract_relations", value: strings(s.contractRelations)),
              JSONMember(key: "facilities", value: strings(s.facilities)),
              JSONMember(key: "independent_oversight_coverage", value: interval(s.oversightCoverage)),
              JSONMember(
                key: "independent_oversight_coverage_by_count", value: interval(s.oversightCoverageByCount)),
              JSONMember(
                key: "facilities_without_capacity", value: .number(String(s.facilitiesWithoutCapacity))),
            ])
          })),
      JSONMember(key: "markets", value: .array(markets.map(marketJSON))),
    ])
  }

  func marketJSON(_ m: Market) -> JSONValue {
    .object([
      JSONMember(key: "state", value: .string(m.country)),
      JSONMember(key: "function", value: .string(m.function.rawValue)),
      JSONMember(key: "hhi", value: interval(m.hhi)),
      JSONMember(
        key: "highly_concentrated",
        value: .string(
          m.hhi.map { $0.low > 1800 ? "yes" : ($0.high <= 1800 ? "no" : "unknown") } ?? "unknown")),
      JSONMember(key: "mixed_currencies", value: .bool(m.mixedCurrencies)),
      JSONMember(
        key: "groups",
        value: .array(
          m.groups.map { g in
            .object([
              JSONMember(key: "parent", value: .string(g.parent)),
              JSONMember(key: "contractors", value: strings(g.contractors)),
              JSONMember(key: "known_value", value: num(g.known)),
              JSONMember(key: "unknown_value_bound", value: num(g.extra)),
              JSONMember(key: "relations", value: strings(g.relations)),
            ])
          })),
    ])
  }
}

extension Sensitivity {
  public var jsonValue: JSONValue {
    func num(_ v: Double) -> JSONValue { ResultJSON.num(v) }
    return .object([
      JSONMember(key: "baseline_order", value: ResultJSON.strings(baseline)),
      JSONMember(
        key: "one_at_a_time",
        value: .array(
          oneAtATime.map { o in
            .object([
              JSONMember(key: "component", value: .string(o.component.rawValue)),
              JSONMember(key: "factor", value: num(o.factor)),
              JSONMember(key: "order_changed", value: .bool(o.orderChanged)),
              JSONMember(key: "order", value: ResultJSON.strings(o.order)),
            ])
          })),
      JSONMember(
        key: "monte_carlo",
        value: .array(
          monteCarlo.map { m in
            .object([
              JSONMember(key: "alpha", value: num(m.alpha)),
              JSONMember(key: "draws", value: .number(String(m.draws))),
              JSONMember(key: "seed", value: .number(String(m.seed))),
              JSONMember(
                key: "facilities",
                value: .array(
                  m.facilities.map { d in
                    .object([
                      JSONMember(key: "id", value: .string(d.facility)),
                      JSONMember(key: "p5", value: num(d.p5)),
                      JSONMember(key: "p50", value: num(d.p50)),
                      JSONMember(key: "p95", value: num(d.p95)),
                      JSONMember(
                        key: "rank",
                        value: .object([
                          JSONMember(key: "low", value: .number(String(d.rankLow))),
                          JSONMember(key: "high", value: .number(String(d.rankHigh))),
                        ])),
                      JSONMember(key: "p_rank_1", value: num(d.firstRank)),
                    ])
                  })),
            ])
          })),
      JSONMember(
        key: "evidence",
        value: .array(
          evidence.map { run in
            .object([
              JSONMember(key: "evidence", value: .string(run.evidence.rawValue)),
              JSONMember(
                key: "facilities",
                value: .array(
                  run.gaps.map { g in
                    .object([
                      JSONMember(key: "id", value: .string(g.facility)),
                      JSONMember(key: "gap", value: g.gap.map(ResultJSON.interval) ?? .null),
                      JSONMember(key: "known_share", value: num(g.knownShare)),
                    ])
                  })),
            ])
          })),
    ])
  }
}

extension FacilityGap {
  /// The facility's inferred ends, as `gaps` and `chains` print them.
  var inferredEndsJSON: JSONValue {
    .array(
      inferredEnds.map { e in
        .object([
          JSONMember(key: "relation", value: .string(e.relation)),
          JSONMember(key: "end", value: .string(e.end.end.description)),
          JSONMember(key: "superseded_by", value: .string(e.end.supersededBy)),
        ])
      })
  }
}
