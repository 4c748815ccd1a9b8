import GapMapMetrics
import GapMapModel

/// The table `gapmap chains` prints (presentation stays in the command line).
extension ChainReport {
  func name(_ id: String) -> String { net.entity(id)?.name ?? id }

  var text: String {
    let f = facility
    var out = "\(f.name) (\(f.id)) as of \(net.at)\n"
    if claims.isEmpty {
      out += "No duty-bearer recorded (responsible_for) or inferable (no public body in its chain).\n"
    }
    for c in claims {
      let a = c.analysis
      let how =
        a.dutyBearer.inferred
        ? "inferred: a public root of the chain" : "responsible_for \(a.dutyBearer.relation ?? "")"
      out += "\nDuty-bearer: \(name(a.dutyBearer.id)) (\(a.dutyBearer.id); \(how))\n"
      out +=
        "  depth \(a.depth) contractual links · node-disjoint chains \(a.disjointChains.low)–\(a.disjointChains.high)"
      out += a.circular ? " · circular subcontracting\n" : "\n"
      out +=
        "  single points of accountability: \(a.dominators.isEmpty ? "none" : a.dominators.joined(separator: " → "))"
      if let d = a.deepestPublicDominator { out += " (deepest public: \(d))" }
      out += "\n"
      if !f.passThrough.isEmpty {
        out += "  pass-through intermediaries: \(f.passThrough.joined(separator: ", "))\n"
      }
      if c.chains.isEmpty { out += "  no recorded chain reaches the facility\n" }
      for (i, ch) in c.chains.enumerated() {
        out += "  \(i + 1). \(a.dutyBearer.id)"
        for l in ch.links {
          let mark = l.scopeUnknown ? "?scope" : (l.certain ? "" : "?")
          let label =
            l.implicit
            ? "acts at (scope of \(l.relation))"
            : l.kind == .succeededBy
              ? "succeeds \(l.relation)\(mark)" : "\(l.kind.rawValue) \(l.relation)\(mark)"
          out += " —[\(label)]→ \(l.to)"
        }
        out +=
          "\n     depth \(ch.depth) · public→private \(ch.sectorCrossings) · border crossings \(ch.borderCrossings)"
        out += ch.certain ? "\n" : " · uncertain\n"
        let cited = Array(Set(ch.links.flatMap(sources))).sorted()
        out += "     sources: \(cited.isEmpty ? "none" : cited.joined(separator: ", "))\n"
      }
      if c.truncated { out += "  … more chains (raise --limit or --timeout)\n" }
    }
    let possible = possibleLinks
    if !possible.isEmpty {
      out +=
        "\nPossible links (scope unknown: the contract does not name its facilities, so it may or may not serve this one):\n"
      for l in possible {
        out +=
          "  \(l.from) —[\(l.kind.rawValue) \(l.relation)]→ \(l.to) · sources: \(sources(l).joined(separator: ", "))\n"
      }
    }
    if !facility.inferredEnds.isEmpty {
      out += "\nEnds inferred (a later relation for the same facility and function starts):\n"
      for e in facility.inferredEnds {
        out += "  \(e.relation) ends \(e.end.end) (superseded by \(e.end.supersededBy))\n"
      }
    }
    return out
  }
}
