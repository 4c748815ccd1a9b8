import GapMapModel

/// Every delegation chain from each duty-bearer to a facility.
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
}
