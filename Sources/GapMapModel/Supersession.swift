/// Time semantics shared by every command: an open-ended operator or contract relation is
/// taken to end when a later one for the same facility and function starts.

/// An end date the data leaves open, inferred because a later relation for the same facility
/// and function starts.
public struct InferredEnd: Sendable, Hashable {
  public init(end: PartialDate, supersededBy: String) {
    self.end = end
    self.supersededBy = supersededBy
  }

  /// The inferred end: the start of the superseding relation.
  public var end: PartialDate
  /// The id of the superseding relation.
  public var supersededBy: String
}

extension Relation {
  /// The validity period, with the inferred end when the data leaves the end open.
  public func period(inferring ends: [String: InferredEnd]) -> Period {
    if end.isUnknown, let e = ends[id] { return Period(start: start.known, end: e.end) }
    return period
  }
}

extension Dataset {
  /// For the same facility and function, an open-ended operator (or contract) relation ends
  /// when a later operator (contract) relation starts.
  /// - Complexity: O(r log r) over the operator and scoped contract relations.
  public func supersededEnds(evidence: Evidence = .alleged) -> [String: InferredEnd] {
    let d = self
    struct Key: Hashable {
      let operates: Bool
      let facility: String
      let function: ContractFunction
    }
    var groups = [Key: [Int]]()
    for (i, r) in d.relations.enumerated() where r.evidence <= evidence {
      guard let fn = r.function.known, r.start.known != nil else { continue }
      if r.kind == .operates {
        groups[Key(operates: true, facility: r.target, function: fn), default: []].append(i)
      } else if r.kind == .contracts || r.kind == .subcontracts, case .known(let fs) = r.facilities {
        for f in Set(fs) { groups[Key(operates: false, facility: f, function: fn), default: []].append(i) }
      }
    }
    // Per relation and facility: the earliest later start in its group.
    var next = [Int: [String: (PartialDate, String)]]()
    for (key, members) in groups {
      for i in members where d.relations[i].end.isUnknown {
        guard let s = d.relations[i].start.known else { continue }
        var best: (PartialDate, String)?
        for j in members where j != i {
          guard let t = d.relations[j].start.known, t.earliestDay > s.latestDay else { continue }
          let id = d.relations[j].id
          if let b = best, b.0 < t || (b.0 == t && b.1 <= id) { continue }
          best = (t, id)
        }
        if let best { next[i, default: [:]][key.facility] = best }
      }
    }
    var out = [String: InferredEnd]()
    for (i, byFacility) in next {
      let r = d.relations[i]
      // A contract covering several facilities ends only when every one of them is superseded.
      let facilities: Set<String>
      if r.kind == .operates {
        facilities = [r.target]
      } else if case .known(let fs) = r.facilities {
        facilities = Set(fs)
      } else {
        continue
      }
      guard facilities.allSatisfy({ byFacility[$0] != nil }) else { continue }
      let latest = byFacility.values.max { a, b in a.0 < b.0 || (a.0 == b.0 && a.1 < b.1) }
      if let latest { out[r.id] = InferredEnd(end: latest.0, supersededBy: latest.1) }
    }
    return out
  }

}
