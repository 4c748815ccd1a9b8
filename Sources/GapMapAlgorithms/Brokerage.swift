import GapMapGraph

/// Gould–Fernandez brokerage role counts of one node.
public struct BrokerageRoles: Sendable, Equatable {
  /// a, v, b all in one group.
  public var coordinator = 0
  /// a and b in one group, v in another ("consultant").
  public var itinerant = 0
  /// v in b's group, a outside: v controls access to its group.
  public var gatekeeper = 0
  /// v in a's group, b outside: v represents its group.
  public var representative = 0
  /// a, v, b in three different groups.
  public var liaison = 0

  public init() {}

  /// The total number of brokered pairs.
  public var total: Int { coordinator + itinerant + gatekeeper + representative + liaison }
}

extension Graph {
  /// Gould & Fernandez (1989) brokerage roles for a partition of the nodes into groups: `v`
  /// brokers the ordered pair (a, b) when a → v → b, a ≠ b, and there is no arc a → b; the
  /// role depends on which of a, v, b share a group. Run on the simple directed graph.
  /// - Complexity: O(Σ_v in(v) · out(v) · log Δ).
  public func brokerage(groups: [Int]) -> [BrokerageRoles] {
    precondition(groups.count == nodeCount, "one group per node")
    func hasArc(_ a: Int, _ b: Int) -> Bool { arcSlot(from: a, to: b) != nil }
    var roles = [BrokerageRoles](repeating: BrokerageRoles(), count: nodeCount)
    for v in 0..<nodeCount {
      var previousA = -1
      for a32 in inNeighbors(of: v) {
        let a = Int(a32)
        guard a != v, a != previousA else { continue }
        previousA = a
        var previousB = -1
        for b32 in outNeighbors(of: v) {
          let b = Int(b32)
          guard b != v, b != a, b != previousB else { continue }
          previousB = b
          if hasArc(a, b) { continue }
          let (ga, gv, gb) = (groups[a], groups[v], groups[b])
          if ga == gv && gv == gb {
            roles[v].coordinator += 1
          } else if ga == gb {
            roles[v].itinerant += 1
          } else if gv == gb {
            roles[v].gatekeeper += 1
          } else if ga == gv {
            roles[v].representative += 1
          } else {
            roles[v].liaison += 1
          }
        }
      }
    }
    return roles
  }
}
