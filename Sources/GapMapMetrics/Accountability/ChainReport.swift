import GapMapModel

/// What `gapmap chains` prints: every delegation chain from each duty-bearer to a facility.
public struct ChainReport: Sendable {
  public struct Chain: Sendable {
    public var links: [ChainLink]
    /// Contractual links on the chain.
    public var depth: Int
    public var sectorCrossings: Int
    public var borderCrossings: Int
    public var certain: Bool
  }

  public struct Claim: Sendable {
    public var analysis: ClaimAnalysis
    public var chains: [Chain]
    public var truncated: Bool
  }

  public var facility: FacilityGap
  public var claims: [Claim]
  /// The network the chains were read from (dates, names, sources).
  public let net: AccountabilityNetwork

  public init(
    _ f: FacilityGap, _ net: AccountabilityNetwork, limit: Int = 1000,
    deadline: ContinuousClock.Instant? = nil
  ) {
    facility = f
    self.net = net
    claims = f.claims.map { a in
      let (paths, truncated) = f.chain.chains(from: a.dutyBearer.id, limit: limit, deadline: deadline)
      return Claim(
        analysis: a,
        chains: paths.map { p in
          Chain(
            links: p, depth: p.reduce(0) { $0 + $1.weight },
            sectorCrossings: p.filter { net.isPublic($0.from) && net.kind($0.to) == .company }.count,
            borderCrossings: p.filter {
              guard let a = net.homeCountry($0.from), let b = net.homeCountry($0.to) else { return false }
              return a != b
            }.count,
            certain: p.allSatisfy(\.certain))
        }, truncated: truncated)
    }
  }

  /// The sources cited by a link's relation.
  public func sources(_ l: ChainLink) -> [String] {
    net.relationByID[l.relation].map { net.dataset.relations[$0].sources } ?? []
  }

  /// The chain's links of unknown scope: possible links, listed apart.
  public var possibleLinks: [ChainLink] { facility.chain.links.filter(\.scopeUnknown) }

  func name(_ id: String) -> String { net.entity(id)?.name ?? id }

  public var text: String {
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
