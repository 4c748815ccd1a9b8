/// A figure known only within bounds: `low` resolves every unknown in the
/// accountability-favourable direction, `high` in the unfavourable one.
public struct Interval: Sendable, Hashable, Codable, CustomStringConvertible {
  public var low: Double
  public var high: Double

  /// `[low, high]`; the bounds are swapped if given the wrong way round.
  public init(_ low: Double, _ high: Double) {
    self.low = Swift.min(low, high)
    self.high = Swift.max(low, high)
  }

  /// A known figure.
  public init(exactly v: Double) { self.init(v, v) }

  /// Nothing known about a share: `[0, 1]`.
  public static let unit = Interval(0, 1)

  public var width: Double { high - low }
  public var midpoint: Double { (low + high) / 2 }
  /// Whether both bounds agree (to rounding).
  public var isExact: Bool { width < 1e-12 }

  /// The smallest interval holding both.
  public func hull(_ other: Interval) -> Interval {
    Interval(Swift.min(low, other.low), Swift.max(high, other.high))
  }

  /// `1 − x`, bounds swapped.
  public var complement: Interval { Interval(1 - high, 1 - low) }

  /// Clamped to `[0, 1]`.
  public var clamped: Interval {
    Interval(Swift.min(1, Swift.max(0, low)), Swift.min(1, Swift.max(0, high)))
  }

  /// Whether the two intervals share a point: such figures are never presented as ordered.
  public func overlaps(_ other: Interval) -> Bool { low <= other.high && other.low <= high }

  /// `[0.37, 0.53]`, or `0.5` when exact, at two decimals.
  public var description: String {
    isExact ? Interval.format(low) : "[\(Interval.format(low)), \(Interval.format(high))]"
  }

  /// Two decimals, as every report prints them. Total: `nan`, `∞`/`-∞`, and magnitudes from
  /// 10¹⁵ up (where cents are no longer representable) in `Double.description`'s exponent
  /// form (`1e+19`), which is also a JSON number.
  public static func format(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "∞" : "-∞" }
    guard v.magnitude < 1e15 else { return v.description }
    let r = (v * 100).rounded() / 100
    let whole = Int(r.rounded(.towardZero))
    var cents = Int((abs(r - Double(whole)) * 100).rounded())
    var w = whole
    if cents == 100 {
      w += r < 0 ? -1 : 1
      cents = 0
    }
    let sign = (r < 0 && w == 0) ? "-" : ""
    return "\(sign)\(w).\(cents < 10 ? "0" : "")\(cents)"
  }

  /// A whole number (HHI points), total as ``format(_:)`` is.
  public static func formatWhole(_ v: Double) -> String {
    if v.isNaN { return "nan" }
    if v.isInfinite { return v > 0 ? "∞" : "-∞" }
    guard v.magnitude < 1e15 else { return v.description }
    return String(Int(v.rounded()))
  }

  /// The mean of several intervals, bound by bound (`nil` when empty).
  public static func mean(_ xs: [Interval]) -> Interval? {
    guard !xs.isEmpty else { return nil }
    let n = Double(xs.count)
    return Interval(xs.reduce(0) { $0 + $1.low } / n, xs.reduce(0) { $0 + $1.high } / n)
  }
}

/// A share of scored fields, each in one of four states: the known scores, how many fields are
/// unknown (each could be anything in [0, 1]), and how many were dropped as not applicable.
public struct FieldScore: Sendable, Hashable {
  /// Sum of the known scores.
  public var known: Double = 0
  /// Fields with a known score.
  public var knownCount = 0
  /// Fields whose score is unknown.
  public var unknownCount = 0

  public init() {}

  public mutating func add(_ score: Double) {
    known += score
    knownCount += 1
  }

  public mutating func addUnknown() { unknownCount += 1 }

  /// The share as an interval; `nil` when every field was dropped.
  public var share: Interval? {
    let n = Double(knownCount + unknownCount)
    guard n > 0 else { return nil }
    return Interval(known / n, (known + Double(unknownCount)) / n)
  }
}
