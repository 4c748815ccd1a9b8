import ArgumentParser
import GapMapAlgorithms
import GapMapGraph
import GapMapIO
import GapMapModel

/// `gapmap path DATASET --from A --to B`
struct Path: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Shortest paths between two entities, with the relations and sources they use.",
    discussion: """
      Follows relations in their direction (datasets are directed; --undirected ignores it). With
      --weight the path is shortest by summed weight (as lengths), otherwise by hops. Every hop
      lists the relations that join its two entities and the sources each relation cites, so a
      chain can be checked against its evidence. Exit 1 when there is no path.

        $ gapmap path datasets/border-outsourcing --from uk-home-office --to brook-house
      """)

  @OptionGroup var input: InputOptions
  @OptionGroup var filters: FilterOptions

  @Option(help: "The entity the paths start at.")
  var from: String

  @Option(help: "The entity the paths end at.")
  var to: String

  @Option(help: "Edge attribute to use as length (see `gapmap centrality --help`).")
  var weight: String?

  @Flag(help: "Direction (default: datasets directed; edge lists as the file says, else undirected).")
  var direction: Direction?

  @Option(help: "At most this many shortest paths.")
  var limit = 20

  @Option(help: "Output format: table (human) or json.")
  var format: TableFormat = .table

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func validate() throws {
    guard format == .table || format == .json else {
      throw ValidationError("--format: path prints table or json")
    }
    guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
  }

  func run() throws {
    var clock = Timings(enabled: false)
    let a = try AnalysisGraph.load(
      input, filters: filters, weight: weight, direction: direction, clock: &clock,
      successorsAnswer: !filters.noInference)
    let g = a.graph
    for id in [from, to] where !a.ids.contains(id) {
      Report.printError("\(input.dataset): unknown entity \"\(id)\"")
      Report.exitNow(1)
    }
    let s = a.ids.firstIndex(of: from) ?? 0
    let t = a.ids.firstIndex(of: to) ?? 0
    if let w = g.edgeWeights, let bad = w.firstIndex(where: { !($0 > 0) }) {
      Report.printError("\(input.dataset): --weight: lengths must be positive; found \(w[bad])")
      Report.exitNow(1)
    }
    let paths = g.allShortestPaths(from: s, to: t, weighted: g.isWeighted, limit: limit)
    guard !paths.isEmpty else {
      Report.printError(
        "\(input.dataset): no path from \(from) to \(to)\(g.isDirected ? " following relation directions (try --undirected)" : "")"
      )
      Report.exitNow(1)
    }
    let length = g.shortestPaths(from: s, weighted: g.isWeighted).distance[t]
    let hops = paths.map { p in
      zip(p.nodes, p.nodes.dropFirst()).map { u, v in
        Hop(
          source: a.ids[Int(u)], target: a.ids[Int(v)],
          relations: relations(a, Int(u), Int(v), directed: g.isDirected))
      }
    }
    let text =
      format == .json
      ? json(hops, length: length, directed: g.isDirected, dataset: a.dataset) : table(hops, length: length)
    Report.emit(text, to: output)
  }

  struct Hop {
    var source: String
    var target: String
    var relations: [Relation]
  }

  /// The relations joining u and v (either way when undirected), in dataset order.
  func relations(_ a: AnalysisGraph, _ u: Int, _ v: Int, directed: Bool) -> [Relation] {
    guard let d = a.dataset else { return [] }
    let (su, sv) = (a.ids[u], a.ids[v])
    var seen = Set<String>()
    return d.relations.filter { r in
      guard (r.source == su && r.target == sv) || (!directed && r.source == sv && r.target == su) else {
        return false
      }
      return seen.insert("\(r.id)|\(r.source)").inserted
    }
  }

  func describe(_ r: Relation) -> String {
    var parts = [
      r.attributes["gapmap_reversed"] != nil
        ? "succeeds (answers for its predecessor; \(r.kind))" : r.kind.rawValue
    ]
    if let f = r.function.known { parts.append(f.rawValue) }
    let period = [r.start.known?.description ?? "", r.end.known?.description ?? ""]
    if period != ["", ""] { parts.append(period.joined(separator: "–")) }
    if let v = r.value.known {
      parts.append(Scalars.formatNumber(v) + (r.currency.known.map { " " + $0 } ?? ""))
    }
    if case .known(let scope) = r.facilities { parts.append("for " + scope.joined(separator: ", ")) }
    if r.evidence != .confirmed { parts.append(r.evidence.rawValue) }
    let cites = r.sources.isEmpty ? "no source" : "sources: " + r.sources.joined(separator: ", ")
    return "\(r.id) \(parts.joined(separator: ", ")) [\(cites)]"
  }

  func table(_ paths: [[Hop]], length: Double) -> String {
    var out =
      "\(paths.count) shortest path\(paths.count == 1 ? "" : "s") from \(from) to \(to), length \(Scalars.formatNumber(length))\n"
    for (i, hops) in paths.enumerated() {
      out +=
        "\npath \(i + 1): " + ([hops.first?.source ?? from] + hops.map(\.target)).joined(separator: " → ")
        + "\n"
      for h in hops {
        out += "  \(h.source) → \(h.target)\n"
        for r in h.relations { out += "    \(describe(r))\n" }
      }
    }
    return out
  }

  func json(_ paths: [[Hop]], length: Double, directed: Bool, dataset: Dataset?) -> String {
    let sources = Dictionary(dataset?.sources.map { ($0.id, $0) } ?? [], uniquingKeysWith: { a, _ in a })
    func relationJSON(_ r: Relation) -> JSONValue {
      var m = [
        JSONMember(key: "id", value: .string(r.id)), JSONMember(key: "kind", value: .string(r.kind.rawValue)),
        JSONMember(key: "source", value: .string(r.source)),
        JSONMember(key: "target", value: .string(r.target)),
        JSONMember(key: "evidence", value: .string(r.evidence.rawValue)),
      ]
      if r.attributes["gapmap_reversed"] != nil {
        // Walked from the successor to its predecessor: the relation itself runs the other way.
        m.append(JSONMember(key: "walked_backwards", value: .bool(true)))
      }
      if let s = r.start.known { m.append(JSONMember(key: "start", value: .string(s.description))) }
      if let e = r.end.known { m.append(JSONMember(key: "end", value: .string(e.description))) }
      m.append(
        JSONMember(
          key: "sources",
          value: .array(
            r.sources.map { id in
              .object(
                [JSONMember(key: "id", value: .string(id))]
                  + (sources[id].map {
                    [
                      JSONMember(key: "title", value: .string($0.title)),
                      JSONMember(key: "url", value: .string($0.url)),
                    ]
                  } ?? []))
            })))
      return .object(m)
    }
    let value: JSONValue = .object([
      JSONMember(key: "from", value: .string(from)), JSONMember(key: "to", value: .string(to)),
      JSONMember(key: "directed", value: .bool(directed)),
      JSONMember(key: "length", value: .number(Scalars.formatNumber(length))),
      JSONMember(
        key: "paths",
        value: .array(
          paths.map { hops in
            .object([
              JSONMember(
                key: "nodes",
                value: .array(([hops.first?.source ?? from] + hops.map(\.target)).map(JSONValue.string))),
              JSONMember(
                key: "hops",
                value: .array(
                  hops.map { h in
                    .object([
                      JSONMember(key: "source", value: .string(h.source)),
                      JSONMember(key: "target", value: .string(h.target)),
                      JSONMember(key: "relations", value: .array(h.relations.map(relationJSON))),
                    ])
                  })),
            ])
          })),
    ])
    return JSON.write(value)
  }
}
