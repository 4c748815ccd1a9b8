import GapMapModel

/// The eight weighted components of the facility accountability gap (M1–M8), in the order the
/// spec lists their default weights.
public enum GapComponent: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
  case oversight, remedy, transparency, safeguards, depth, diffusion, jurisdiction, concentration

  /// The spec's label (M1 … M8).
  public var code: String {
    switch self {
    case .depth: "M1"
    case .diffusion: "M2"
    case .oversight: "M3"
    case .remedy: "M4"
    case .transparency: "M5"
    case .jurisdiction: "M6"
    case .concentration: "M7"
    case .safeguards: "M8"
    }
  }

  /// The question the component answers, in neutral words.
  public var question: String {
    switch self {
    case .depth: "How many contractual links separate the duty-bearer from whoever runs it?"
    case .diffusion: "How many hands share the responsibility?"
    case .oversight: "Does an independent body with real powers look at it?"
    case .remedy: "Can a person held there reach a mechanism that answers for each responsible actor?"
    case .transparency: "What can the public see of the contracts?"
    case .safeguards: "Do the contracts carry human-rights clauses; are security operators certified?"
    case .jurisdiction: "How many legal systems does the arrangement span?"
    case .concentration: "How concentrated is the market its operator serves?"
    }
  }

  /// The definition, in one sentence (docs/metrics.md has the full one).
  public var definition: String {
    switch self {
    case .depth:
      "Longest chain of contractual links (contracts, subcontracts, funds) from the duty-bearer to an operator; gap = min(1, depth/4)."
    case .diffusion:
      "Entities between the duty-bearer and the facility (the span); gap = 1 − 1/|span|. Dominators are the single points of accountability."
    case .oversight:
      "Strongest independent oversight body over the facility or its operators, by the share of 8 powers held; gap = 1 − strength."
    case .remedy:
      "For each responsible actor, the best mechanism a detainee can reach with jurisdiction over it, by the 8 UNGP 31 criteria; gap = 1 − mean."
    case .transparency:
      "Share of 8 disclosure fields published for the contracts in the chain (undisclosed counts here, once); gap = 1 − share."
    case .safeguards:
      "Share of 6 contract clauses present, and ICoCA status of security operators; gap = 1 − share."
    case .jurisdiction:
      "Distinct countries: duty-bearer, territorial state, operators' and their ultimate parents' home states; gap = min(1, (n − 1)/3)."
    case .concentration:
      "HHI of the market (responsible state × function) the private operator serves, with bounds for unknown values; gap = HHI/10,000."
    }
  }

  public static func < (a: Self, b: Self) -> Bool {
    (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
  }
}

/// Normative weights of the components. Only the ratios matter: the composite divides by the
/// sum over the components that apply.
public struct GapWeights: Sendable, Hashable {
  /// Weight per component (every component present, each ≥ 0).
  public private(set) var values: [GapComponent: Double]
  /// Where the weights came from (`default`, `equal`, or a file name).
  public var name: String

  /// The spec's default preset: oversight and remedy first (A/72/286 on remedy; UNGP 5 on
  /// independent oversight), then transparency, then the structural components.
  public static let standard = GapWeights(
    name: "default",
    values: [
      .oversight: 0.20, .remedy: 0.20, .transparency: 0.15, .safeguards: 0.10, .depth: 0.10,
      .diffusion: 0.10, .jurisdiction: 0.10, .concentration: 0.05,
    ])

  /// Every component weighs the same.
  public static let equal = GapWeights(
    name: "equal", values: Dictionary(uniqueKeysWithValues: GapComponent.allCases.map { ($0, 0.125) }))

  private init(name: String, values: [GapComponent: Double]) {
    self.name = name
    self.values = values
  }

  /// Weights from a mapping of component names to numbers; components left out weigh 0.
  /// - Throws: a message naming the bad key or value.
  public init(name: String, _ given: [(key: String, value: Double)]) throws(ModelError) {
    var values = [GapComponent: Double]()
    for c in GapComponent.allCases { values[c] = 0 }
    for (key, w) in given {
      guard let c = GapComponent(rawValue: key) else {
        throw ModelError(
          "unknown component \"\(key)\" (expected \(GapComponent.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      guard w.isFinite, w >= 0 else { throw ModelError("\(key): weight \(w) is not a number ≥ 0") }
      values[c] = w
    }
    guard values.values.reduce(0, +) > 0 else { throw ModelError("every weight is 0") }
    self.name = name
    self.values = values
  }

  /// A preset by name (`default`, `equal`).
  public static func preset(_ name: String) -> GapWeights? {
    switch name {
    case "default": .standard
    case "equal": .equal
    default: nil
    }
  }

  public subscript(c: GapComponent) -> Double { values[c] ?? 0 }

  /// These weights with one component scaled, for the one-at-a-time sensitivity analysis.
  public func scaling(_ c: GapComponent, by factor: Double) -> GapWeights {
    var w = self
    w.values[c] = self[c] * factor
    w.name = "\(name) (\(c.rawValue) ×\(factor))"
    return w
  }

  /// Weights drawn for the Monte Carlo analysis.
  public func replacing(_ values: [GapComponent: Double]) -> GapWeights {
    var w = self
    w.values = values
    return w
  }
}
