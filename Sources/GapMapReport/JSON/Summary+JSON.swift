import GapMapMetrics
import GapMapModel

extension DatasetSummary {
  /// The summary as JSON (what `gapmap summary --format json` prints).
  public var jsonValue: JSONValue {
    func num(_ i: Int) -> JSONValue { .number(String(i)) }
    func counts(_ cs: [Count]) -> JSONValue {
      .object(cs.map { JSONMember(key: $0.name, value: num($0.count)) })
    }
    func opt(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
    return .object([
      JSONMember(key: "title", value: opt(title)),
      JSONMember(key: "as_of", value: opt(asOf)),
      JSONMember(key: "entities", value: num(entities)),
      JSONMember(key: "relations", value: num(relations)),
      JSONMember(key: "sources", value: num(sources)),
      JSONMember(key: "entity_kinds", value: counts(entityKinds)),
      JSONMember(key: "relation_kinds", value: counts(relationKinds)),
      JSONMember(key: "evidence", value: counts(evidence)),
      JSONMember(key: "weak_components", value: num(components)),
      JSONMember(key: "largest_component", value: num(largestComponent)),
      JSONMember(key: "isolated", value: num(isolated)),
      JSONMember(key: "density", value: .number(density.description)),
      JSONMember(key: "date_range", value: .array([opt(earliest), opt(latest)])),
      JSONMember(key: "dated_relations", value: num(datedRelations)),
      JSONMember(key: "sourced_relations", value: num(sourcedRelations)),
      JSONMember(key: "sourced_share", value: sourcedShare.map { .number($0.description) } ?? .null),
      JSONMember(
        key: "countries",
        value: .array(
          countries.map { c in
            .object([
              JSONMember(key: "country", value: .string(c.country)),
              JSONMember(key: "entities", value: num(c.entities)),
              JSONMember(key: "facilities", value: num(c.facilities)),
              JSONMember(key: "relations", value: num(c.relations)),
              JSONMember(key: "sourced_relations", value: num(c.sourcedRelations)),
              JSONMember(key: "confirmed_relations", value: num(c.confirmedRelations)),
            ])
          })),
    ])
  }
}
