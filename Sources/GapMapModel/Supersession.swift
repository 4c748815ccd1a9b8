/// Time semantics shared by every command: an open-ended operator or contract relation is
/// taken to end when a later one for the same facility and function starts.

/// An end date the data leaves open, inferred because a later relation for the same facility
/// and function starts.
public struct InferredEnd: Sendable, Hashable, Codable {
  public init(end: PartialDate, supersededBy: String) {
    self.end = end
    self.supersededBy = supersededBy
  }

  /// The inferred end: the start of the superseding relation.
  public var end: PartialDate
  /// The id of the superseding relation.
  public var supersededBy: String
}

/// A start date the data leaves open, inferred because the relation `amends` (or is `part_of`)
/// a contract whose start is known: an amendment or a part cannot begin before the contract.
public struct InferredStart: Sendable, Hashable {
  public init(start: PartialDate, from: String) {
    self.start = start
    self.from = from
  }

  /// The earliest the relation can start: the start of the contract it amends or is part of.
  public var start: PartialDate
  /// The id of that contract.
  public var from: String
}

extension Relation {
  /// The validity period, with the inferred end (and start) when the data leaves them open.
  public func period(
    inferring ends: [String: InferredEnd], starts: [String: InferredStart] = [:]
  ) -> Period {
    let s = start.known ?? (start.isUnknown ? starts[id]?.start : nil)
    if end.isUnknown, let e = ends[id] { return Period(start: s, end: e.end) }
    return Period(start: s, end: end.known)
  }
}

extension Dataset {
  /// An open start of a relation that `amends` or is `part_of` a contract with a known (or
  /// itself inferred) start is that contract's start.
  /// - Complexity: O(r · chain length).
  public func amendmentStarts() -> [String: InferredStart] {
    var byID = [String: Relation]()
    for r in relations where byID[r.id] == nil { byID[r.id] = r }
    var out = [String: InferredStart]()
    for r in relations where r.start.isUnknown {
      var current = r
      var seen: Set<String> = [r.id]
      while let next = current.amends.known ?? current.partOf.known, let parent = byID[next],
        seen.insert(next).inserted
      {
        if let s = parent.start.known {
          out[r.id] = InferredStart(start: s, from: parent.id)
          break
        }
        current = parent
      }
    }
    return out
  }

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
