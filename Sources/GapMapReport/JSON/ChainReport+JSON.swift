import GapMapMetrics
import GapMapModel

extension ChainReport {
  public var jsonValue: JSONValue {
    .object([
      JSONMember(key: "facility", value: .string(facility.id)),
      JSONMember(key: "name", value: .string(facility.name)),
      JSONMember(key: "as_of", value: .string(net.at.description)),
      JSONMember(key: "pass_through", value: ResultJSON.strings(facility.passThrough)),
      JSONMember(
        key: "possible_links",
        value: .array(
          possibleLinks.map { l in
            .object([
              JSONMember(key: "from", value: .string(l.from)),
              JSONMember(key: "to", value: .string(l.to)),
              JSONMember(key: "kind", value: .string(l.kind.rawValue)),
              JSONMember(key: "relation", value: .string(l.relation)),
              JSONMember(key: "reason", value: .string("scope unknown")),
              JSONMember(key: "sources", value: ResultJSON.strings(sources(l))),
            ])
          })),
      JSONMember(key: "end_inferred", value: facility.inferredEndsJSON),
      JSONMember(
        key: "duty_bearers",
        value: .array(
          claims.map { c in
            .object([
              JSONMember(key: "id", value: .string(c.analysis.dutyBearer.id)),
              JSONMember(key: "inferred", value: .bool(c.analysis.dutyBearer.inferred)),
              JSONMember(key: "depth", value: ResultJSON.interval(c.analysis.depth)),
              JSONMember(key: "dominators", value: ResultJSON.strings(c.analysis.dominators)),
              JSONMember(
                key: "deepest_public_dominator",
                value: c.analysis.deepestPublicDominator.map(JSONValue.string) ?? .null),
              JSONMember(key: "circular", value: .bool(c.analysis.circular)),
              JSONMember(key: "truncated", value: .bool(c.truncated)),
              JSONMember(
                key: "chains",
                value: .array(
                  c.chains.map { ch in
                    .object([
                      JSONMember(key: "depth", value: .number(String(ch.depth))),
                      JSONMember(key: "certain", value: .bool(ch.certain)),
                      JSONMember(key: "sector_crossings", value: .number(String(ch.sectorCrossings))),
                      JSONMember(key: "border_crossings", value: .number(String(ch.borderCrossings))),
                      JSONMember(
                        key: "links",
                        value: .array(
                          ch.links.map { l in
                            .object([
                              JSONMember(key: "from", value: .string(l.from)),
                              JSONMember(key: "to", value: .string(l.to)),
                              JSONMember(key: "kind", value: .string(l.kind.rawValue)),
                              JSONMember(key: "relation", value: .string(l.relation)),
                              JSONMember(key: "certain", value: .bool(l.certain)),
                              JSONMember(key: "implicit", value: .bool(l.implicit)),
                              JSONMember(key: "scope_unknown", value: .bool(l.scopeUnknown)),
                              JSONMember(key: "sources", value: ResultJSON.strings(sources(l))),
                            ])
                          })),
                    ])
                  })),
            ])
          })),
    ])
  }
}
