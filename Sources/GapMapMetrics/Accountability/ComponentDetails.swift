import GapMapModel

/// The figures behind one component's interval, typed and at full precision: what the command
/// line writes under each component in `gapmap gaps --format json`, and what a library user
/// reads without parsing JSON.
public enum ComponentDetails: Sendable, Hashable, Codable {
  /// M1: the depth of the chain (links from the duty-bearer to the operator) and the operators.
  case depth(depth: Interval, operators: [String])
  /// M2: the actors between the duty-bearer and the facility, and their number.
  case diffusion(span: [String], spanSize: Interval)
  /// M3: every oversight body counted, internal monitors (not counted), how many strong bodies
  /// there certainly and possibly are, and whether the list is recorded as complete.
  case oversight(
    bodies: [OversightBodyScore], internalMonitoring: [String], redundancy: Interval, listComplete: Bool)
  /// M4: each responsible actor's answerability, the mechanisms reachable from the facility,
  /// self-policing mechanisms (listed, not counted), and whether the routes are all recorded.
  case remedy(
    actors: [ActorAnswerability], mechanismsReachable: [String], selfPolicing: [String], listComplete: Bool)
  /// M5: the disclosure share of each contract of the chain.
  case transparency(contracts: [Scored])
  /// M8: the safeguard-clause share of each contract, and the ICoCA score of each operator.
  case safeguards(contracts: [Scored], icoca: [Scored])
  /// M6: the countries whose law governs the chain, and the facility's territorial state.
  case jurisdiction(countries: [String], territorialState: String?)
  /// M7: the markets the private operators serve.
  case concentration(markets: [MarketShare])
  /// No figures (the component applies but nothing is recorded to compute it from).
  case none
}

/// An id (a relation or an entity) with its score.
public struct Scored: Sendable, Hashable, Codable {
  public var id: String
  public var score: Interval
  public init(_ id: String, _ score: Interval) {
    self.id = id
    self.score = score
  }
}

/// One oversight body as M3 counts it.
public struct OversightBodyScore: Sendable, Hashable, Codable {
  /// The body's entity id.
  public var body: String
  /// The `oversees` relation.
  public var relation: String
  /// What it oversees: the facility, or an operator of it.
  public var via: String
  /// Its independence as recorded (unknown when the data is silent).
  public var independent: Value<Bool>
  /// The share of its powers, as an interval over the unknown ones.
  public var strength: Interval
  /// Whether it counts in the favourable bound only (`false`) or in both.
  public var certain: Bool
  /// Powers taken from its statutory mandate or its OPCAT designation, not from the data.
  public var inferredPowers: [InferredPower]
}

/// A power filled in from a body's mandate, with the basis named.
public struct InferredPower: Sendable, Hashable, Codable {
  public var power: String
  public var basis: String
}

/// How far a responsible actor can be held to account from a facility (M4).
public struct ActorAnswerability: Sendable, Hashable, Codable {
  public var actor: String
  public var answerability: Interval
  /// The mechanism with the best UNGP 31 score over the actor, if any.
  public var bestMechanism: String?
}

/// A market an operator serves (M7): the state, the function, its HHI (0–10,000) and the
/// number of company groups in it.
public struct MarketShare: Sendable, Hashable, Codable {
  public var state: String
  public var function: String
  public var hhi: Interval
  public var groups: Int
}

/// A structural flag of a facility's arrangement (shown as a badge, never weighted).
public enum GapFlag: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  /// A subcontract chain that loops back to an earlier company.
  case circularSubcontracting = "circular_subcontracting"
  /// Several States claim or are assigned responsibility for the facility.
  case contestedResponsibility = "contested_responsibility"
  /// The facility lies outside the duty-bearer's territory.
  case externalised
  /// The duty-bearer is inferred (territorial state, contracting authority), not recorded.
  case inferredDutyBearer = "inferred_duty_bearer"
  /// M9: the overall operation is performed by a private company (the red line).
  case inherentlyStateFunction = "inherently_state_function"
  /// A public body that only passes the contract on (e.g. a county under an IGSA).
  case passThrough = "pass_through"
  /// A mechanism reachable only through one controlled by the actor it should hold to account.
  case remedyGatekeeping = "remedy_gatekeeping"
  /// Several public principals contract for the same facility.
  case splitPrincipal = "split_principal"

  public static func < (a: GapFlag, b: GapFlag) -> Bool { a.rawValue < b.rawValue }
}
