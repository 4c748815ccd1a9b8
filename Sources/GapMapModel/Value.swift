/// An attribute that may be missing, in one of four states. Unknown is never silently zero.
///
/// | cell            | state                      |
/// |-----------------|----------------------------|
/// | a value         | ``known(_:)``              |
/// | empty           | ``unknown``                |
/// | `undisclosed`   | ``undisclosed``            |
/// | `n/a`           | ``notApplicable``          |
public enum Value<Wrapped> {
  /// Known, as the cited source says.
  case known(Wrapped)
  /// Nobody has checked yet (an empty cell).
  case unknown
  /// Checked, and the authority did not disclose it: a finding in itself.
  case undisclosed
  /// Does not apply.
  case notApplicable

  /// The known value, or `nil` in the three other states.
  public var known: Wrapped? {
    if case .known(let v) = self { return v }
    return nil
  }

  /// Whether the value is ``unknown``.
  public var isUnknown: Bool {
    if case .unknown = self { return true }
    return false
  }

  /// Transforms a known value, keeping the other states.
  public func map<T>(_ transform: (Wrapped) throws -> T) rethrows -> Value<T> {
    switch self {
    case .known(let v): return .known(try transform(v))
    case .unknown: return .unknown
    case .undisclosed: return .undisclosed
    case .notApplicable: return .notApplicable
    }
  }
}

extension Value: Equatable where Wrapped: Equatable {}
extension Value: Hashable where Wrapped: Hashable {}
extension Value: Sendable where Wrapped: Sendable {}
extension Value: Codable where Wrapped: Codable {}

/// The words a cell uses for the non-known states.
public enum ValueWords {
  /// The cell text for ``Value/undisclosed``.
  public static let undisclosed = "undisclosed"
  /// The cell text for ``Value/notApplicable``.
  public static let notApplicable = "n/a"
}

extension Value {
  /// Reads a cell: empty → unknown, `undisclosed`, `n/a`, or a value through `parse`, which
  /// returns `nil` for text it cannot read. Surrounding white space is ignored.
  /// - Returns: `nil` when the cell holds text that `parse` rejects.
  public static func parse(_ cell: String, _ parse: (String) -> Wrapped?) -> Value? {
    let text = cell.trimmingWhitespace
    if text.isEmpty { return .unknown }
    let lower = text.lowercased()
    if lower == ValueWords.undisclosed { return .undisclosed }
    // Only `n/a`: a bare `na` is ambiguous (`NA` is Namibia's country code).
    if lower == ValueWords.notApplicable { return .notApplicable }
    return parse(text).map { .known($0) }
  }

  /// The cell text: empty for unknown, the state word, or `format` of the known value.
  public func cell(_ format: (Wrapped) -> String) -> String {
    switch self {
    case .known(let v): return format(v)
    case .unknown: return ""
    case .undisclosed: return ValueWords.undisclosed
    case .notApplicable: return ValueWords.notApplicable
    }
  }
}

extension String {
  /// The string without leading and trailing spaces, tabs and line breaks.
  public var trimmingWhitespace: String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s.removeFirst() }
    while let c = s.last, c.isWhitespace { s.removeLast() }
    return String(s)
  }
}

/// Parsing and printing of the scalar cell types (booleans, numbers) shared by every format.
public enum Scalars {
  /// `yes`/`no`/`true`/`false`, case-insensitive.
  public static func bool(_ text: String) -> Bool? {
    switch text.lowercased() {
    case "yes", "true": return true
    case "no", "false": return false
    default: return nil
    }
  }

  /// `yes` or `no`.
  public static func formatBool(_ b: Bool) -> String { b ? "yes" : "no" }

  /// A finite decimal number in plain or scientific notation (no thousands separators, no
  /// `nan`, `inf` or hexadecimal).
  public static func number(_ text: String) -> Double? {
    guard isDecimalLiteral(text), let d = Double(text), d.isFinite else { return nil }
    return d
  }

  /// A non-negative whole number that fits in `Int`.
  public static func count(_ text: String) -> Int? {
    guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    return Int(text)
  }

  /// Whether `text` is `-?digits(.digits)?([eE][+-]?digits)?`.
  public static func isDecimalLiteral(_ text: String) -> Bool {
    var it = Array(text.utf8)[...]
    func digits() -> Int {
      var n = 0
      while let c = it.first, c >= 48, c <= 57 {
        it.removeFirst()
        n += 1
      }
      return n
    }
    if it.first == UInt8(ascii: "-") || it.first == UInt8(ascii: "+") { it.removeFirst() }
    let intDigits = digits()
    var fracDigits = 0
    if it.first == UInt8(ascii: ".") {
      it.removeFirst()
      fracDigits = digits()
    }
    if intDigits + fracDigits == 0 { return false }
    if let c = it.first, c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
      it.removeFirst()
      if let s = it.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { it.removeFirst() }
      if digits() == 0 { return false }
    }
    return it.isEmpty
  }

  /// Prints a number so that it reads back to the same `Double`: whole numbers below 10^15
  /// without a fraction (`85000000`), others with Swift's shortest round-trip form.
  public static func formatNumber(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 {
      return String(Int64(d))
    }
    return d.description
  }
}
